"""Document numbers (文号) and the bases of performance indicators (指标值确定依据).

Pure extraction: text in, typed records out (:class:`~kg.records.DocumentNumber`,
:class:`~kg.records.Basis`). The RDF side mints one ``eli:LegalResource`` per
:attr:`DocumentNumber.canonical`, so every printed spelling of one 文号
(``冀财规〔2018〕21号``, ``冀财规【2018】21号``, ``冀财社 2021年 192号``, a number wrapped
over two lines, full-width digits, a space before 号) becomes one node.

>>> [d.canonical for d in find_document_numbers("冀财规【2018】21号；巨政〔2012〕6 号文件")]
['冀财规〔2018〕21号', '巨政〔2012〕6号']
>>> classify_basis("县委、县政府工作安\\n排").concept
'county-government-arrangement'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from kg.records import Basis, DocumentNumber
from kg.resources import read_yaml, resource

__all__ = [
    "Basis",
    "DocumentNumber",
    "classify_basis",
    "find_document_numbers",
    "load_basis_concepts",
]

#: Basis kinds.
LEGAL = "legal"
CONCEPT = "concept"
OTHER = "other"

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# After NFKC: ［］→[]，（）→()，﹝﹞→〔〕, full-width digits → ASCII, U+3000 → space.
_OPEN = "〔【\\[(〖"
_CLOSE = "〕】\\])〗"
_BLANK = "[ \\t\\n]*"  # spacing, and line breaks at which the PDF text wrapped


def _digits(count: str) -> str:
    """Digits that may be split by line breaks (a wrapped number)."""
    return rf"\d(?:\n*\d){count}"


# The issuer is the run of CJK characters right before the bracket or year, on the same
# line: a line break before it is a cell boundary, not a wrap (otherwise the tail of the
# previous cell would glue onto the issuer). Everything after the issuer may wrap.
_DOCUMENT_NUMBER = re.compile(
    rf"(?P<issuer>[{_CJK}]{{2,}})[ \t]*"
    rf"(?:[{_OPEN}]{_BLANK}(?P<year>{_digits('{3}')}){_BLANK}[{_CLOSE}]"  # 〔2018〕
    rf"|(?P<year_word>{_digits('{3}')}){_BLANK}年)"  # 2021年
    rf"{_BLANK}第?{_BLANK}(?P<number>{_digits('*')}){_BLANK}号"
)

# Words that introduce a citation but are not part of the issuer (根据冀财规〔2018〕21号).
_LEAD_WORDS = ("根据", "依据", "按照", "参照")


def _normalise(text: str) -> tuple[str, list[int]]:
    """NFKC per character, ``\\r\\n``/``\\r`` → ``\\n``; and for each output character its
    index in ``text``."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char == "\r":
            if index + 1 < len(text) and text[index + 1] == "\n":
                continue
            char = "\n"
        for piece in unicodedata.normalize("NFKC", char):
            out.append(piece)
            origin.append(index)
    return "".join(out), origin


def _unwrap(text: str) -> str:
    return text.replace("\r", "").replace("\n", "")


def find_document_numbers(text: str) -> list[DocumentNumber]:
    """Every 文号 in ``text``, in printed order (repeats included).

    Accepts the brackets 〔〕【】[]［］()（）, the ``2021年 192号`` form, full-width digits
    and spaces, a space before 号, and line breaks anywhere after the issuer (the text
    of a PDF table cell wraps: ``政字【2004】23号文\\n件要求``, ``邢政办字【2008】34\\n号``).
    A year alone (``2023年``) or a count (``≥255 人``) is not a 文号.

    :param text: any text, e.g. one basis cell or a project title
    :returns: one :class:`DocumentNumber` per occurrence; ``printed`` is the source text
        of the match without its line breaks

    >>> find_document_numbers("冀财社 2022年 150号提前下达 2023年中央就业补助资金")
    [DocumentNumber(issuer='冀财社', year=2022, number=150, printed='冀财社 2022年 150号')]
    >>> find_document_numbers("邢政办字【2008】34\\n\\n号文件要求")[0].canonical
    '邢政办字〔2008〕34号'
    >>> find_document_numbers("2023年 ≥255 人")
    []
    """
    normal, origin = _normalise(text)
    found: list[DocumentNumber] = []
    for match in _DOCUMENT_NUMBER.finditer(normal):
        issuer = match["issuer"]
        start = match.start("issuer")
        for word in _LEAD_WORDS:
            if issuer.startswith(word) and len(issuer) - len(word) >= 2:
                issuer, start = issuer[len(word) :], start + len(word)
                break
        year = int(_unwrap(match["year"] or match["year_word"]))
        printed = _unwrap(text[origin[start] : origin[match.end() - 1] + 1])
        found.append(DocumentNumber(issuer, year, int(_unwrap(match["number"])), printed))
    return found


@lru_cache(maxsize=None)
def _concepts(path: Path) -> tuple[tuple[str, str], ...]:
    data = read_yaml(path) or {}
    pairs = [
        (_comparable(variant), key)
        for key, entry in (data.get("concepts") or {}).items()
        for variant in [*(entry.get("variants") or []), entry.get("label")]
        if variant
    ]
    # Longest variant first: 县委、县政府工作安排 must win over 工作安排.
    return tuple(sorted(set(pairs), key=lambda pair: (-len(pair[0]), pair[0])))


def load_basis_concepts(path: Path | None = None) -> dict[str, str]:
    """The printed variant → concept key table (``mappings/basis-concepts.yaml`` by default).

    :param path: another YAML file of the same shape
    :raises FileNotFoundError: when the file is missing

    >>> load_basis_concepts()["调查问卷"]
    'survey'
    """
    return dict(_concepts(path or resource("mappings", "basis-concepts.yaml")))


def _comparable(text: str) -> str:
    """NFKC without any whitespace: the form variants are compared in."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def classify_basis(text: str, concepts: Path | None = None) -> Basis:
    """Type one 指标值确定依据 cell.

    A cell citing a 文号 is ``legal``; otherwise a known phrase gives a ``concept``;
    anything else is ``other`` with concept ``None``. Never raises on odd text. A legal
    basis also carries a concept when the cell names one beside the 文号.

    :param text: the cell text as printed; line breaks are wrap points
    :param concepts: another concepts YAML file (default ``mappings/basis-concepts.yaml``)
    :raises FileNotFoundError: only when ``concepts`` names a missing file

    >>> classify_basis("冀财规【2018】21号").documents[0].canonical
    '冀财规〔2018〕21号'
    >>> basis = classify_basis("运用现代化手段，防\\n止养老金流失，由领\\n导批示")
    >>> basis.kind, basis.concept
    ('concept', 'leadership-instruction')
    >>> classify_basis("见附件").kind
    'other'
    """
    unique: dict[str, DocumentNumber] = {}
    for document in find_document_numbers(text):
        unique.setdefault(document.canonical, document)
    squashed = _comparable(text)
    table = _concepts(concepts or resource("mappings", "basis-concepts.yaml"))
    concept = next((key for variant, key in table if variant in squashed), None)
    kind = LEGAL if unique else CONCEPT if concept else OTHER
    return Basis(kind, text, tuple(unique.values()), concept)

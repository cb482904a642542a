"""Read text copied out of a PDF: decode it and split it into pages and lines.

Copying text out of a PDF viewer marks a new page with a line that starts with a
space. Some pages instead end with their printed page number on a line of its own
(``42``) followed directly by the next page's first line; that number is a footer,
not data, so it ends the page here and is dropped.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError

_WHITESPACE = re.compile(r"\s+")
_FOOTER = re.compile(r"^\d{1,3}$")
# What may follow a footer: a unit header (six-digit code + name) or a numbered heading.
_PAGE_OPENER = re.compile(r"^(\d{6}[^\d\s]|\d{1,2}、\S)")


def squash(text: str) -> str:
    """The text without any whitespace: how printed names are compared, since PDF text
    puts spaces and line breaks inside them.

    >>> squash(" 巨鹿县 社会保险\n事业服务中心")
    '巨鹿县社会保险事业服务中心'
    """
    return _WHITESPACE.sub("", text)


def running_texts(pages: list[list[str]], edge: int, least: int) -> set[str]:
    """Texts printed among the first or the last ``edge`` lines of at least ``least`` pages:
    running headers and footers (苏州市审计局2026年度单位预算公开), which belong to no table
    and to no sentence.

    >>> sorted(running_texts([["某局预算公开", "正文一"], ["某局预算公开", "正文二"]], 1, 2))
    ['某局预算公开']
    """
    on_pages = Counter(text for texts in pages for text in {*texts[:edge], *texts[-edge:]})
    return {text for text, n in on_pages.items() if text and n >= least}


@dataclass(frozen=True)
class SourceLine:
    no: int  # 1-based line number in the file
    page: int  # 1-based page, counted from page breaks in the text
    text: str


@dataclass(frozen=True)
class TextSource:
    name: str
    sha256: str
    lines: list[SourceLine]


def read_text(path: Path, encoding: str = "utf-8") -> TextSource:
    """Read a text disclosure and split it into pages.

    :param path: the text file
    :param encoding: its encoding; copies made on Chinese Windows are often ``gbk``
    :raises InputError: the file is missing, empty, or not in ``encoding``
    """
    name = path.name
    if not path.exists():
        raise InputError(str(path), "no such file")
    if path.is_dir():
        raise InputError(str(path), "is a folder, not a document")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(name, "the file is empty")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = "try --encoding gbk" if _looks_like_gb(data) else "convert it to UTF-8"
        raise InputError(name, f"not valid {encoding} text (first bad byte on line {line})", hint) from None
    except LookupError:
        raise InputError(name, f"unknown encoding {encoding!r}") from None
    return TextSource(name, hashlib.sha256(data).hexdigest(), _paginate(text.lstrip("\ufeff")))


def _looks_like_gb(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


def _paginate(text: str) -> list[SourceLine]:
    raw = text.splitlines()
    lines: list[SourceLine] = []
    page = 0
    for i, line in enumerate(raw):
        if not line.strip():
            continue
        if _FOOTER.match(line) and _next_text(raw, i + 1, _PAGE_OPENER):
            page += 1  # the footer closes this page; the next line opens a new one
            continue
        if line.startswith((" ", "\u3000")) or page == 0:
            page += 1
        lines.append(SourceLine(i + 1, page, line.strip()))
    return _renumber(lines)


def _next_text(raw: list[str], start: int, pattern: re.Pattern) -> bool:
    for line in raw[start:]:
        if line.strip():
            return bool(pattern.match(line)) and not line.startswith(" ")
    return False


def _renumber(lines: list[SourceLine]) -> list[SourceLine]:
    """Pages counted twice (a footer followed by a space-led line) collapse to one."""
    out, seen, last = [], 0, None
    for line in lines:
        if line.page != last:
            seen, last = seen + 1, line.page
        out.append(SourceLine(line.no, seen, line.text))
    return out

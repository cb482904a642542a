"""Tables of any province's PDF, recognised from what the page prints.

No template is needed. The vocabulary of the standard tables
(:mod:`kg.read.vocabulary`, ``mappings/standard.yaml``) recognises

- a table by its printed title; a title that names no standard table is still read,
  and reported with its page;
- its columns from the page: amounts that stand one above the other form a column,
  and the header words printed above a column (the lowest header line first, then the
  group header over it) give its role;
- its sides: a label printed right of an amount column starts another side (收入 |
  支出), each with its own rows and columns;
- each row by its code, in whichever layout it is printed (``2010301``, ``[2010301]名称``,
  ``2010301-名称``, 类/款/项 in three columns, a 3/5/7-digit hierarchy), or by its
  label (收入总计, 一般公共服务支出).

Every numeric token of a table body is in exactly one cell or listed as
:class:`~kg.records.Unplaced` with its file, page and table, as on the other paths.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from kg import codes
from kg.equations import base_key
from kg.errors import NoTablesError
from kg.read.profiles import Profile
from kg.read.source.pdf import PdfLine, PdfSource, Word
from kg.read.source.text import running_texts
from kg.read.tables.grid import unit_identifier
from kg.read.tables.identities import identity_breaks
from kg.read.vocabulary import StandardTable, Vocabulary, plain, squash
from kg.records import Document, Line, Location, Problem, Recognised, Table, Unit, Unplaced

__all__ = ["cover", "read_layout"]

# A minus may be printed full-width (－) or as the mathematical sign (−).
AMOUNT = re.compile(r"^[-+－−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_AS_NUMBER = str.maketrans({"－": "-", "−": "-", ",": None, "+": None, "%": None, "％": None})
_INTEGER = re.compile(r"^\d+$")
# A code printed in the same word as its name: [2010301]行政运行, 2010301-行政运行, 2010301行政运行.
_CODE_IN_LABEL = re.compile(r"^(?:[\[【［]([2-5]\d{2}(?:\d{2}){0,2})[\]】］]|([2-5]\d{2}(?:\d{2}){0,2})(?:[-－—]|(?=[^\d,.%])))(.*)$")
# A name run into the amount after it: 机关事业单位职业年金缴费支出43608.96.
_GLUED = re.compile(r"^(.*[\u4e00-\u9fff）)])(-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+)$")
#: A 类 (3 digits), 款 (5) or 项 (7) code of the function (2…) or economic (3…, 5…) classification.
_BUDGET_CODE = re.compile(r"^[2-5]\d{2}(?:\d{2}){0,2}$")
_YEAR_WORD = re.compile(r"^(?:19|20)\d{2}$")
_ITEMS = ("three_public.", "meeting", "training", "operating_costs")
#: The key prefix of a row that names a sub-unit by its code (121001 某某局).
UNIT_ROW = "unit:"
_PROSE = re.compile(r"[，。；;《》]")
_PROJECT_TITLE = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]+[)）.、．])?(?:\d{4}年度?)?(?P<name>.+?)项目绩效目标表$")
_GENERIC_GOALS = re.compile(r"^(?:部门|单位)?(?:预算)?(?:项目支出|专项业务经费|整体支出)?$")
_PROJECT_NAME = re.compile(r"^(?:专项[（(]项目[）)]|项目)名称[：:]?(?P<name>[^：:]+?)(?:主管部门.*|实施单位.*)?$")
_PROJECT_FUNDS = re.compile(r"(?:年度|实施期)?资金总额[：:]?(?P<amount>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)")


@dataclass
class _Section:
    spec: StandardTable | None
    title: str
    page: int
    lines: list[PdfLine] = field(default_factory=list)
    unit_name: str | None = None
    currency: str | None = None
    empty_note: str | None = None
    page_lines: list[PdfLine] = field(default_factory=list)  # every line of the last page read


@dataclass
class _Cluster:
    x0: float
    x1: float
    side: int = 0
    key: str = ""
    printed: str = ""  # the header as printed
    words: list[Word] = field(default_factory=list)

    def gap(self, word: Word) -> float:
        return max(self.x0 - word.x1, word.x0 - self.x1, 0.0)


@dataclass
class _Body:
    """One body line split into its parts."""

    line: PdfLine
    code_parts: list[Word]
    segments: list[tuple[bool, list[Word]]]  # (is amounts, words) left to right
    percents: list[Word] = field(default_factory=list)  # 85.5%: neither amount nor label


def read_layout(source: PdfSource, vocabulary: Vocabulary, profile: Profile) -> Document:
    """Every unit of a disclosure with its tables, what could not be read, and every
    table title printed over a table (:attr:`~kg.records.Document.recognised`).

    :param profile: the standard profile, for the tables' identities
    :raises InputError: no table follows any printed title (the message lists the titles)
    """
    frame = _running_lines(source)
    year, cover_name, kind = cover(source, vocabulary)
    sections = _sections(source, vocabulary, frame)
    if year is None:  # a cover that names no year: the year the tables' titles name most
        titled = Counter(int(y) for s in sections for y in vocabulary.year_header.findall(_arabic_years(s.title)))
        year = titled.most_common(1)[0][0] if titled else None
    problems: list[Problem] = []
    units: list[Unit] = []
    recognised: list[Recognised] = []
    specs = {t.key: t for t in profile.tables}
    printed = Counter(s.currency for s in sections if s.currency)
    currency = printed.most_common(1)[0][0] if printed else None
    unit: Unit | None = None  # the unit whose tables are being printed (sub-units aside)
    for section in sections:
        if section.spec is not None and section.spec.layout == "goals":
            if not any(vocabulary.goals_header.search(line.text) for line in section.lines):
                continue  # named in a table of contents
            recognised.append(Recognised(section.title, tuple(sorted({section.page, *(l.page for l in section.lines)})),
                                         section.spec.key, None, unit.name if unit else cover_name or "",
                                         _goal_projects(section, {u.name for u in units} | {cover_name or ""}),
                                         section.currency))
            continue
        if not any(map(_amounts, section.lines)) and not _has_headers(section, vocabulary):
            continue  # a title in a table of contents or in prose: no table follows it
        name = section.unit_name or (unit.name if unit else cover_name) or ""
        key = section.spec.key if section.spec else f"table.{len(recognised) + 1}"
        if unit is None or (section.unit_name and unit.name != section.unit_name and unit.table(key) is not None):
            where = Location(source.name, section.page)
            unit = Unit(unit_identifier(None, name), name, year or 0, currency or profile.currency, location=where)
            units.append(unit)
            if currency is None:
                problems.append(Problem(f"unit {name}: no currency printed (单位：万元); {profile.currency} assumed",
                                        where))
        key = _unique(unit, key)  # a second table of one kind: gpb_basic_economic.2
        whole = _read_table(source.name, key, section, vocabulary, year)
        recognised.append(Recognised(section.title, tuple(whole.pages), section.spec.key if section.spec else None,
                                     key, unit.name))
        table, parts = split_by_unit(whole)
        spec = specs.get(section.spec.key) if section.spec else None
        for owner, part in [(unit, table), *((_sub_unit(units, code, name, unit), part) for code, name, part in parts)]:
            if section.currency and section.currency != owner.currency:
                part.currency = section.currency
            if spec is not None:
                part.breaks = identity_breaks(part, spec, source.name)
            if owner.table(part.key) is not None:  # a sub-unit listed twice in one table
                part.key = _unique(owner, part.key)
            owner.tables.append(part)
    for unit in units:
        if not year:
            problems.append(Problem(f"unit {unit.name}: no budget year found", unit.location))
        if not unit.name:
            problems.append(Problem("no unit name found (部门名称/单位名称, or the cover)", unit.location))
    if not any(u.tables for u in units):
        titles = "、".join(dict.fromkeys(s.title for s in sections if s.spec is not None)) or "no table titles"
        raise NoTablesError(source.name, f"no budget tables found: recognised {titles}, but no table follows them",
                            "is this a 预算公开 disclosure, or its 说明 without the 报表?")
    found = {r.key for r in recognised}
    missing = {t.key: t.title for t in vocabulary.tables if t.key in vocabulary.standard_set and t.key not in found}
    return Document(source.name, source.sha256, profile.id, kind or profile.kind, units, problems, recognised,
                    missing)


def _goal_projects(section: _Section, units: set[str]) -> tuple[tuple[str, Decimal | None], ...]:
    """The projects a 绩效目标表 names (项目名称 …, its title: 某某项目绩效目标表, or one row
    each of a grid under 单位（项目）名称), each with the 资金总额 printed for it."""
    projects: list[list] = []
    named = _PROJECT_TITLE.match(section.title)
    if named and not _GENERIC_GOALS.search(named["name"]):
        projects.append([named["name"], None])
    for line in section.lines:
        text = squash(line.text)
        words = line.words
        # A grid of projects: unit code | project name | 资金总额 | goals and indicators.
        if len(words) >= 3 and re.fullmatch(r"\d{6,}", words[0].text) and not AMOUNT.match(words[1].text) \
                and AMOUNT.match(words[2].text) and words[1].text not in units | {section.unit_name}:
            row = [words[1].text, Decimal(words[2].text.replace(",", ""))]
            if not projects or projects[-1] != row:  # a row printed again over the next page
                projects.append(row)
        elif m := _PROJECT_NAME.match(text):
            if projects and projects[-1][0] == m["name"] and projects[-1][1] is None:
                continue  # the title named it already
            projects.append([m["name"], None])
        elif (m := _PROJECT_FUNDS.search(text)) and projects and projects[-1][1] is None:
            projects[-1][1] = Decimal(m["amount"].replace(",", ""))
    return tuple((name, amount) for name, amount in projects)


def _sub_unit(units: list[Unit], code: str, name: str, parent: Unit) -> Unit:
    """The unit a table's sub-unit rows name, added to the document when first seen."""
    identifier = unit_identifier(code, name)  # the sub-unit 本级 may share the department's name
    found = next((u for u in units if u.code == identifier), None)
    if found is None:
        found = Unit(identifier, name, parent.year, parent.currency, location=parent.location)
        units.append(found)
    return found


# -- the document's own facts ------------------------------------------------------------


def cover(source: PdfSource, vocabulary: Vocabulary) -> tuple[int | None, str | None, str | None]:
    """(year, unit name, kind) from the cover: the text before the table of contents."""
    text = ""
    for page in source.pages[:2]:
        for line in page:
            if vocabulary.contents.match(squash(line.text)):
                break
            text += squash(line.text)
        else:
            continue
        break
    text = _arabic_years(text)
    m = vocabulary.cover.search(text)
    # A cover that does not name the unit (附件2 2019年部门综合预算公开报表): its 部门名称 line does.
    named = next((u["name"] for line in source.lines if (u := vocabulary.unit_line.match(squash(line.text)))
                  and not vocabulary.money_unit.fullmatch(u["name"])), None)
    if m is None:
        years = re.findall(r"(\d{4})年", text)
        return (int(years[0]) if years else None), named, None
    year = m["year"] or m["year2"] or next(iter(re.findall(r"(\d{4})年", text)), None)
    name = re.sub(r"^(?:附件\d*|表\d+|公开\d+表)", "", m["name"])  # a table's number is no unit's name
    return (int(year) if year else None), name or named, m["kind"]


_CHINESE_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")


def _arabic_years(text: str) -> str:
    """A year printed in Chinese digits in Arabic ones (二〇二六年 → 2026年).

    >>> _arabic_years("二〇二六年某局部门预算")
    '2026年某局部门预算'
    """
    return re.sub(r"(?<![〇零○一二三四五六七八九])[〇零○一二三四五六七八九]{4}(?=年)",
                  lambda m: m.group(0).translate(_CHINESE_DIGITS), text)


def _running_lines(source: PdfSource) -> set[str]:
    """Lines printed at the head or foot of many pages (running headers and footers):
    they are no table's. A table's header printed again on each page is not one of them."""
    pages = [[squash(line.text) for line in page] for page in source.pages]
    return {text for text in running_texts(pages, 2, max(3, len(source.pages) // 3)) if not _amounts_in(text)}


def _amounts_in(text: str) -> bool:
    return bool(re.search(r"\d+\.\d+|\d{1,3},\d{3}", text))


# -- sections: from a title to the end of its table ---------------------------------------


def _is_title(text: str, vocabulary: Vocabulary) -> bool:
    """A printed table title: no amount in it (1.2025年… is a number and a year), no prose."""
    return bool(vocabulary.title.match(text)) and not _amounts_in(re.sub(r"^\d+[.、．]", "", text)) \
        and not _PROSE.search(text)


def _sections(source: PdfSource, vocabulary: Vocabulary, frame: set[str]) -> list[_Section]:
    sections: list[_Section] = []
    current: _Section | None = None
    for page in source.pages:
        texts = [squash(line.text) for line in page]
        if current is not None and not any(_is_title(t, vocabulary) for t in texts) \
                and not _continues(page, texts, frame, current, vocabulary):
            current = None
        for line, text in zip(page, texts):
            if current is not None:
                current.page_lines = page
            unit = vocabulary.unit_line.match(text)
            currency = vocabulary.currency.search(text)
            # A title may share its line with the table's currency (部门收支总表 … 单位：万元).
            titled = vocabulary.currency.sub("", text) if currency else text
            heads = bool(titled) and _is_title(titled, vocabulary)
            if current is not None and currency and not heads:
                current.currency = current.currency or currency.group(1)
            if current is not None and unit and not vocabulary.money_unit.fullmatch(unit["name"]):
                current.unit_name = current.unit_name or unit["name"]
                continue
            if not text or vocabulary.frame.match(text) or (text in frame and not _is_title(text, vocabulary)):
                continue
            if heads:
                text = titled
                spec = vocabulary.table(text)
                if current is not None and current.spec == spec and not any(map(_amounts, current.lines)):
                    current.title, current.page = text, line.page  # a heading repeated as the title
                    continue
                if current is not None and current.title == text and current.lines \
                        and current.lines[-1].page == line.page - 1:
                    continue  # the title printed again over the next page
                current = _Section(spec, text, line.page, currency=currency.group(1) if currency else None)
                sections.append(current)
                continue
            if current is None:
                continue
            if "表" in text and not _amounts_in(text) and vocabulary.table(text) is not None:
                current = None  # a title named in a table of contents (表9 …政府性基金收支表 是 不涉及)
                continue
            if currency and len(text) <= len(currency.group(0)) + 2:
                continue
            if vocabulary.note.match(text):
                if vocabulary.empty_note.match(text):
                    current.empty_note = text
                current = None
                continue
            if vocabulary.empty_note.match(text) and not _amounts(line):
                current.empty_note = text
                continue
            current.lines.append(line)
    return sections


def _continues(page: list[PdfLine], texts: list[str], frame: set[str], section: _Section,
               vocabulary: Vocabulary) -> bool:
    """A page without a title continues the table before it when it starts with a row
    of amounts or with the table's header printed again."""
    headers = {squash(line.text) for line in section.lines if not _amounts(line)}
    content = [(line, text) for line, text in zip(page, texts)
               if text and text not in frame and not vocabulary.frame.match(text)
               and not vocabulary.unit_line.match(text) and not vocabulary.currency.fullmatch(text)]
    if not content:
        return False
    line, text = content[0]
    if text in headers or (_amounts(line) and not _PROSE.search(text)):
        return True
    # A text cell (项目简介) runs on from the foot of the last page: it stands in a column right of
    # the table's labels (a paragraph of prose starts at the margin), and the page's
    # amounts stand in the table's amount columns.
    left = min((w.x0 for line in section.lines for w in line.words), default=0.0)
    columns = _clusters([w for line in section.lines for w in _amounts(line)])
    return _ran_to_foot(section, frame, vocabulary) and line.words[0].x0 > left + 50 and any(
        not _PROSE.search(text) and any(c.gap(w) == 0 for w in _amounts(line) if _amounts_in(w.text) for c in columns)
        for line, text in content)


def _ran_to_foot(section: _Section, frame: set[str], vocabulary: Vocabulary) -> bool:
    if not section.lines:
        return False
    last = section.lines[-1]
    return all(line.no <= last.no or squash(line.text) in frame or vocabulary.frame.match(squash(line.text))
               for line in section.page_lines)


def _has_headers(section: _Section, vocabulary: Vocabulary) -> bool:
    """Whether the lines under a title print a table's header (two column headers at least):
    a table printed empty, where a title in a table of contents is followed by none."""
    return sum(1 for line in section.lines for w in _spaced_out(line.words) if vocabulary.column_role(w.text)) >= 2


# -- one table -----------------------------------------------------------------------------


def _amounts(line: PdfLine) -> list[Word]:
    """The words of a line that are numbers, but not a year (2026 年预算数) or a column's ordinal."""
    words = line.words
    found = [w for i, w in enumerate(words) if AMOUNT.match(w.text) and not _a_year(words, i)]
    texts = [w.text for w in found]
    if len(found) >= 2 and all(_INTEGER.match(t) for t in texts) and len(found) == len(words) - _stars(line) \
            and texts == [str(n) for n in range(int(texts[0]), int(texts[0]) + len(found))]:
        return []  # 1 2 3 4: the columns' ordinals under the header
    return found


def _number(text: str) -> Decimal:
    """A printed amount or percentage as a number: 1,935.36, +2.00, －6.31, 85.5%."""
    return Decimal(text.translate(_AS_NUMBER))


def _a_year(words: Sequence[Word], i: int) -> bool:
    """Whether the ``i``-th word is a year, printed apart from its 年 (2026 年)."""
    return bool(_YEAR_WORD.match(words[i].text)) and i + 1 < len(words) and words[i + 1].text.startswith("年")


def _stars(line: PdfLine) -> int:
    return sum(1 for w in line.words if re.fullmatch(r"\*+|栏次|行次|[甲乙丙丁]", w.text))


def _split(line: PdfLine, vocabulary: Vocabulary) -> _Body:
    # A cell printed — is empty, and a percentage is no amount: neither is a label, which
    # would start another side of the table.
    percents = [w for w in line.words if vocabulary.percent_cell.fullmatch(w.text)]
    words = [w for w in line.words if not vocabulary.empty_cell.fullmatch(w.text) and w not in percents]
    if not words:
        return _Body(line, [], [], percents)
    code_parts: list[Word] = []
    # Leading integers before the label are code parts (类 款 项) or a row number, but not a
    # year (2026 年, in a 年度 column). A whole code (5 or more digits) ends them: a number
    # after it is another column's.
    while len(words) > 1 and _INTEGER.match(words[0].text) and any(not AMOUNT.match(w.text) for w in words[1:]) \
            and not (code_parts and len(code_parts[-1].text) >= 5) \
            and not _a_year(words, 0):
        code_parts.append(words.pop(0))
    return _Body(line, code_parts, _segments([piece for n, word in enumerate(words)
                                              for piece in (_unglued(word) if _amount_after(words, n) else [word])]),
                 percents)


def _amount_after(words: list[Word], n: int) -> bool:
    return any(AMOUNT.match(w.text) for w in words[n + 1:])


def _segments(words: list[Word], text: set[Word] = frozenset()) -> list[tuple[bool, list[Word]]]:
    """Words in runs of amounts and runs of text, left to right; numbers in ``text`` are text."""
    segments: list[tuple[bool, list[Word]]] = []
    for word in words:
        is_amount = bool(AMOUNT.match(word.text)) and word not in text
        if segments and segments[-1][0] == is_amount:
            segments[-1][1].append(word)
        else:
            segments.append((is_amount, [word]))
    return segments


def _unglued(word: Word) -> list[Word]:
    """A name that runs into the next cell without a gap carries its amount with it
    (机关事业单位职业年金缴费支出43608.96, with more amounts after it on the line; a number
    at the end of a line of prose stays prose): the two, each with its share of the width."""
    m = _GLUED.match(word.text)
    if m is None:
        return [word]
    text, amount = m.groups()
    # A CJK character is about twice as wide as a digit.
    unit = (word.x1 - word.x0) / (2 * len(text) + len(amount))
    cut = word.x0 + 2 * len(text) * unit
    return [Word(text, word.x0, cut, word.y0, word.y1), Word(amount, cut, word.x1, word.y0, word.y1)]


def _clusters(words: list[Word]) -> list[_Cluster]:
    """Amounts that stand one above the other (their extents overlap) form one column."""
    clusters: list[_Cluster] = []
    for word in sorted(words, key=lambda w: w.x0):
        if clusters and word.x0 < clusters[-1].x1 - 0.5:
            clusters[-1].x1 = max(clusters[-1].x1, word.x1)
            clusters[-1].words.append(word)
        else:
            clusters.append(_Cluster(word.x0, word.x1, words=[word]))
    return clusters


def _code_columns_first(bodies: list[_Body]) -> tuple[list[_Cluster], set[Word]]:
    """The amount columns, and the codes of a second classification printed among the
    labels (30101 基本工资 | 50101 工资奖金津补贴: the row's 政府预算支出经济分类).

    A column of whole numbers is no amount column when it stands left of every label
    (row numbers, or codes on the line of a name that wrapped) or where other rows print
    their codes: its numbers are codes, as theirs."""
    text_numbers: set[Word] = set()
    paired: set[Word] = set()
    while True:
        clusters = _clusters([w for b in bodies for is_amount, words in b.segments if is_amount for w in words])
        labels = [words[0].x0 for b in bodies for is_amount, words in b.segments if not is_amount]
        codes_at = [(p.x0, p.x1) for b in bodies for p in b.code_parts]
        column = next((c for c in clusters if all(_INTEGER.match(w.text) for w in c.words) and (
            (labels and c.x1 < min(labels)) or any(x0 < c.x1 and x1 > c.x0 for x0, x1 in codes_at))), None)
        if column is None:
            inner = next((c for c in clusters if _codes_among_labels(c, bodies)), None)
            if inner is None:
                return clusters, paired
            text_numbers.update(inner.words)
            if all(_BUDGET_CODE.match(w.text) for w in inner.words):
                paired.update(inner.words)
            for body in bodies:  # a second code column (政府经济科目编码) is part of the row's label
                body.segments = _segments([w for _, run in body.segments for w in run], text_numbers)
            continue
        for body in bodies:
            if body.segments and body.segments[0][0]:
                words = body.segments[0][1]
                leading = [w for w in words if w in column.words]
                if leading and words[:len(leading)] == leading:
                    body.code_parts += leading
                    rest = words[len(leading):]
                    body.segments = ([(True, rest)] if rest else []) + body.segments[1:]
                    continue
            if any(w in column.words for is_amount, words in body.segments for w in words):
                # printed after a label on its line (a name that wrapped above its code): still
                # the code column's, so part of the row's label
                text_numbers.update(column.words)
                body.segments = _segments([w for _, run in body.segments for w in run], text_numbers)


def _codes_among_labels(cluster: _Cluster, bodies: list[_Body]) -> bool:
    """Numbers that are text: a column of budget codes printed between a row's name and
    another label (30101 基本工资 | 50101 | 工资奖金津补贴), or numbers inside the prose of
    a text column (项目简介: 320.00 万元，请财政予以拨付), each followed by text on its line."""
    codes = all(_BUDGET_CODE.match(w.text) for w in cluster.words)
    for body in bodies:
        # A number already found to be text (the next code column's) is text here too.
        words = [(w, is_amount) for is_amount, run in body.segments for w in run]
        for i, (word, _) in enumerate(words):
            if word not in cluster.words:
                continue
            after, is_amount = words[i + 1] if i + 1 < len(words) else (None, True)
            if after is None or is_amount:
                return False
            if not codes and after.x0 - word.x1 > word.y1 - word.y0:
                return False
    return True


def _cluster_of(word: Word, clusters: list[_Cluster]) -> _Cluster:
    return min(clusters, key=lambda c: (c.gap(word), abs((c.x0 + c.x1) / 2 - word.centre)))


def _read_table(source: str, key: str, section: _Section, vocabulary: Vocabulary, year: int | None = None) -> Table:
    spec = section.spec
    classified = spec is None or spec.layout == "classified"
    table = Table(key, section.title, [], classification=spec.classification if spec else None,
                  empty_note=section.empty_note)
    headers: list[PdfLine] = []
    bodies: list[_Body] = []
    for page in sorted({line.page for line in section.lines}):
        lines = [line for line in section.lines if line.page == page]
        table.pages.append(page)
        first = next((i for i, line in enumerate(lines) if _amounts(line)), len(lines))
        if not headers:
            headers = lines[:first]
        bodies += [_split(line, vocabulary) for line in lines[first:]]
    if section.page not in table.pages:
        table.pages.insert(0, section.page)
    clusters, paired = _code_columns_first(bodies)
    if not clusters:
        return table
    _sides(bodies, clusters)
    labels = _clusters([w for b in bodies for is_amount, words in b.segments if not is_amount for w in words])
    _name_columns(clusters, labels, headers, vocabulary, year)
    table.columns = list(dict.fromkeys(c.key for c in clusters))
    row_x = _row_number_column(bodies)
    levels = _code_columns(bodies, row_x)
    unit_codes = None
    if any(re.search(r"单位(?:编码|代码)", squash(line.text)) for line in headers):
        unit_codes = {w.text for b in bodies for w in b.code_parts if len(w.text) >= 6 and not _BUDGET_CODE.match(w.text)}
    codes_seen: list[str | None] = [None, None, None]
    # Where each side's labels start (their column's left edge), and each line's first label.
    indent: dict[int, float] = {}
    for body in bodies:
        for is_amount, words in body.segments:
            for word in words:
                if not is_amount and not _after_amounts(word, clusters):
                    side = _side_of_label(word, clusters)
                    indent[side] = min(indent.get(side, word.x0), word.x0)
    label_x: dict[tuple[int, int], float] = {}
    fragments: list[tuple[PdfLine, int, str]] = []
    rows: list[tuple[PdfLine, int, Line]] = []
    placed_percents: set[int] = set()  # the percentages kept on a row (ids of their words)
    for body in bodies:
        where = Location(source, body.line.page, key, body.line.no)
        row_no, code, unit_code = _code(body, levels, codes_seen, row_x, unit_codes)
        labels: dict[int, str] = {}
        amounts: dict[int, list[Word]] = {}
        pairs: dict[int, list[str]] = {}  # side: [the second classification's code, its name]
        for is_amount, words in body.segments:
            for word in words:
                if is_amount:
                    amounts.setdefault(_cluster_of(word, clusters).side, []).append(word)
                elif not _after_amounts(word, clusters):
                    side = _side_of_label(word, clusters)
                    if word in paired and (labels.get(side) or code is not None):
                        pairs[side] = [word.text, ""]
                    elif side in pairs:
                        pairs[side][1] += word.text
                    else:
                        labels[side] = labels.get(side, "") + word.text
                    label_x.setdefault((id(body), side), word.x0)
        table.tokens += len(body.percents)
        percents = {side: [w for w in body.percents if _side_of_label(w, clusters) == side]
                    for side in {_side_of_label(w, clusters) for w in body.percents}}
        if code is None and not amounts and not any(plain(t) for t in labels.values()):
            continue
        if not amounts and code is None:
            # Part of a name that wraps, unless it starts a row of its own that prints no
            # amount (2、政府性基金预算拨款收入, 二、外交支出).
            fragments += [(body.line, side, text) for side, text in labels.items()
                          if text and _row_key(table, side, text, None, vocabulary).startswith("row")]
            continue
        for side in sorted(amounts):
            # A label centred over two sides' cells (当年支出小计 across 功能分类 | 支出用途)
            # names the amount after it.
            if side - 1 in labels and side - 1 not in amounts and side not in labels \
                    and label_x[(id(body), side - 1)] > indent.get(side - 1, 0) + 40:
                labels[side] = labels.pop(side - 1)
        for side in sorted(set(labels) | set(amounts)):
            label = labels.get(side, "")
            words = amounts.get(side, [])
            table.tokens += len(words)
            row_code = code if side == min(set(labels) | set(amounts)) else None
            if row_code is None:
                row_code, label = _code_in_label(label)
            if row_code and not classified:
                # a code in a table of items (政府采购: the item's 科目) is part of its label
                label, row_code = row_code + label, None
            if not words and row_code is None:
                continue
            if unit_code and side == min(set(labels) | set(amounts)):
                row_key = _unique(table, f"{UNIT_ROW}{unit_code}")
            else:
                row_key = _row_key(table, side, label, row_code, vocabulary)
            inferred = row_code is None and codes.code_level(row_key) is not None
            row_code = row_code or (row_key if inferred else None)
            values: dict[str, Decimal] = {}
            for word in words:
                column = _cluster_of(word, clusters).key
                if column in values:
                    table.unplaced.append(Unplaced(word.text, where, f"a second number under {column}"))
                    continue
                values[column] = _number(word.text)
            paired_code, paired_name = pairs.get(side, (None, None))
            own = percents.get(side, [])
            placed_percents.update(map(id, own))
            record = Line(row_key, label, values, where, code=row_code, row_no=row_no, code_inferred=inferred,
                          paired_code=paired_code, paired_name=paired_name or None,
                          percentages=_percentages(own, headers))
            table.lines.append(record)
            rows.append((body.line, side, record))
    # A percentage on a row that prints no amount has no cell to stand beside.
    table.unplaced += [Unplaced(w.text, Location(source, body.line.page, key, body.line.no),
                                "a percentage on a row of no amount")
                       for body in bodies for w in body.percents if id(w) not in placed_percents]
    _join_wrapped(fragments, rows)
    for _, side, record in rows:  # a row named in full only once its wrapped parts joined
        if record.code is None and record.key.startswith("row") and record.name:
            record.key = ""  # so that its old key does not count as taken
            record.key = _row_key(table, side, record.name, None, vocabulary)
            if codes.code_level(record.key):
                record.code, record.code_inferred = record.key, True
    # A table of codes with no 合计 row opens with its total: an unlabelled row, or the
    # unit's own (预算单位 | 4,684.30 …, its name wrapped around the amounts).
    first = table.lines[0] if table.lines else None
    if classified and first is not None and first.code is None and first.key.startswith("row") \
            and table.line("total") is None and (len(table.lines) == 1 or any(l.code for l in table.lines)):
        first.key = "total"
    _transpose_items(table, {c.key: c.printed for c in clusters})
    if classified and any(line.code for line in table.lines):
        table.classification = _classification(table) or table.classification
    return table


def _percentages(words: list[Word], headers: list[PdfLine]) -> dict[str, Decimal]:
    """A row's percentages by column, each named by the header words printed over it (col:占比),
    and numbered where two are named alike (col:%, col:%.2)."""
    found: dict[str, Decimal] = {}
    for word in words:
        over = "".join(w.text for line in headers for w in line.words if w.x0 <= word.centre <= w.x1)
        key = base = f"col:{plain(over) or '%'}"
        n = 1
        while key in found:
            n += 1
            key = f"{base}.{n}"
        found[key] = _number(word.text)
    return found


def _transpose_items(table: Table, printed: dict[str, str]) -> None:
    """A table printed as one row, each column an item (三公: 因公出国（境）费 | 公务接待费 …),
    becomes one line per item with its amount under ``total``, as the tables that print
    one item per row: the same checks apply. The columns' items are named by their
    headers; a row after the first (a unit's own row under 合计) keys its items
    ``item@row``. Items printed in several groups of columns stay columns."""
    items = [c for c in table.columns if c.startswith(_ITEMS)]
    if not items or len(items) + ("total" in table.columns) < 2:
        return
    if any(base_key(c) != c for c in items):
        return  # items printed once per year or per fund (2021年 | 2022年 | 增减): kept as columns
    # 合计 is the 三公 total unless the table also prints other items (会议费, 培训费) it adds in.
    only_three_public = all(c.startswith("three_public.") for c in items)
    lines, table.lines = table.lines, []
    for n, line in enumerate(lines):
        percentages = line.percentages  # the row's, kept on its first item
        for column, amount in line.values.items():
            item = "three_public.total" if column == "total" and "three_public.total" not in items \
                and only_three_public else column
            key = item if n == 0 else f"{item}@{line.key}"
            name = printed.get(column) or item
            name = name if n == 0 else f"{name}（{line.name}）"
            table.lines.append(Line(key, name, {"total": amount}, line.location, row_no=line.row_no,
                                    percentages=percentages))
            percentages = {}
    table.columns = ["total"]


def _sides(bodies: list[_Body], clusters: list[_Cluster]) -> None:
    """Number the sides: a label printed right of an amount column starts a new side."""
    starts = sorted({sum(1 for c in clusters if c.x1 <= word.x0)
                     for b in bodies for is_amount, words in b.segments if not is_amount for word in words})
    starts = [s for s in starts if s < len(clusters)] or [0]
    for index, cluster in enumerate(clusters):
        cluster.side = max((n for n, s in enumerate(starts) if s <= index), default=0)


def _after_amounts(word: Word, clusters: list[_Cluster]) -> bool:
    """A text column right of a side's last amount column (项目简介, 备注) names no row."""
    right = [c for c in clusters if c.x0 >= word.x0]
    if right:
        return False
    side = clusters[-1].side
    return not any(c.side == side and c.x0 > word.x0 for c in clusters)


def _side_of_label(word: Word, clusters: list[_Cluster]) -> int:
    right = [c for c in clusters if c.x0 >= word.x0]
    return right[0].side if right else clusters[-1].side


def _name_columns(clusters: list[_Cluster], labels: list[_Cluster], headers: list[PdfLine],
                  vocabulary: Vocabulary, year: int | None = None) -> None:
    """Each column's key: the role its header names (``total``, ``basic`` …), a labelled
    row's key for a table printed as one row (三公: 因公出国（境）费 | 公务接待费 …), else
    the header as printed.

    A header word heads the column whose cell (:func:`_column_cells`) holds its centre;
    a header over a column that prints no amount heads none. A column whose header, or its
    group's, names another year than the budget's (2025年预算数 beside 2026年预算数) has no
    role: it is kept under its printed header. The budget's year is ``year``, else the
    latest the headers name.
    """
    # Amounts of one width (a table of one row) do not show how they align: each way is
    # tried, and the one under which more columns have a header the vocabulary knows wins.
    trials = [_stacks(clusters, headers, _column_cells(clusters, labels, fallback)) for fallback in ("right", "centre")]
    stacks, centres = max(trials, key=lambda trial: sum(
        1 for c in clusters if any(vocabulary.column_role(t) or vocabulary.row_key(t)
                                   for cell in _cells(trial[0][id(c)], trial[1][id(c)]) for t in _readings(cell))))
    taken: Counter = Counter()
    current = _of_the_budget_year(clusters, stacks, headers, vocabulary, year)
    for n, cluster in enumerate(clusters):
        stack = stacks[id(cluster)]
        cells = _cells(stack, centres[id(cluster)])
        candidates = [text for cell in cells for text in _readings(cell)]
        role = next((r for t in candidates if (r := vocabulary.column_role(t))), None)
        again = taken[(cluster.side, "total")] > 0
        if role == "total" and cells and (again or cells[0][-1].text == "小计"):
            leaf = max(n for n, w in stack if w in cells[0])
            group = _group_role(cells[0], headers[leaf], [w for n, w in stack if n < leaf], headers[:leaf],
                                vocabulary)
            role = group or (None if again else role)
        if role is None:  # a table printed as one row: each column an item (三公)
            role = next((r for t in candidates if (r := vocabulary.row_key(t)) and r.startswith(_ITEMS)), None)
        if not current[n]:
            role = None  # another year's column, or the change's
        cluster.printed = plain("".join(w.text for w in cells[0])) if cells else ""
        # Unnamed, a column is keyed by its header as printed: its groups' over its own.
        header = "".join(w.text for cell in sorted(cells, key=lambda c: min(w.y0 for w in c), reverse=True)
                          for w in cell)
        key = role or f"col:{plain(header) or n + 1}"
        taken[key] += 1
        taken[(cluster.side, key)] += 1
        cluster.key = key if taken[key] == 1 or _one_side_each(clusters, cluster, key) else f"{key}.{taken[key]}"


def _of_the_budget_year(clusters: list[_Cluster], stacks: dict[int, list[tuple[int, Word]]], headers: list[PdfLine],
                        vocabulary: Vocabulary, year: int | None) -> list[bool]:
    """Per column, whether it may be of the budget's year: not when its header names another
    year (2025年预算数 beside 2026年预算数), nor when it stands under a group header of another
    year or of the change (上年 | 当年 | 增减变化情况, 2021年 | 2022年 | 增减). Only where some column
    is said to be the budget year's: elsewhere a year says what a column holds (2025年结转结余).

    Group headers are the words of one header line that name periods, two or more. A group
    header stands centred over its columns or at their left: the columns are grouped under
    the nearest header's middle, or from each header's left edge on, whichever puts every
    column in a group and as many in each (a group repeats its columns). The budget's year
    is ``year``, else the latest the headers name."""
    named = [vocabulary.year_header.findall(plain("".join(w.text for _, w in stacks[id(c)]))) for c in clusters]
    labels = max(([w for w in line.words if vocabulary.period(w.text, None) is not None] for line in headers),
                  key=len, default=[])
    years = [y for found in named for y in found]
    years += [y for w in labels for y in vocabulary.year_header.findall(plain(w.text))]
    budget_year = str(year) if year else max(years, default=None)
    if budget_year not in years and not any(vocabulary.period(w.text, budget_year) for w in labels):
        return [True] * len(clusters)  # no column is the budget year's: a year names what it is (2025年结转)
    own = [all(y == budget_year for y in found) for found in named]
    if len(labels) < 2 or not any(vocabulary.period(w.text, budget_year) for w in labels):
        return own  # no group of the budget year's (增减额 | 增减率 are two columns, not groups)
    centres = [(c.x0 + c.x1) / 2 for c in clusters]
    nearest = [min(range(len(labels)), key=lambda k: abs(labels[k].centre - x)) for x in centres]
    from_left = [max((k for k, w in enumerate(labels) if w.x0 <= c.x1), default=None) for c in clusters]
    for groups in (nearest, from_left):
        sizes = Counter(groups)
        if None not in sizes and len(sizes) == len(labels) and len(set(sizes.values())) == 1:
            return [ok and vocabulary.period(labels[k].text, budget_year) is not False for ok, k in zip(own, groups)]
    return own


def _stacks(clusters: list[_Cluster], headers: list[PdfLine], spans: list[tuple[float, float]]) -> tuple[
        dict[int, list[tuple[int, Word]]], dict[int, float]]:
    """The header words over each column (by header line), and where its amounts stand.

    Of the header cells over a column's cell, the one nearest its amounts names it: the
    middle of a right-aligned column's cell, taken from the amounts to its left, lies
    between two headers when the column between them prints no amount (三公: 5.00 under
    公务用车购置及运行费, 因公出国（境）费 blank to its left)."""
    stacks: dict[int, list[tuple[int, Word]]] = {id(c): [] for c in clusters}
    centres = {id(c): (c.x0 + c.x1) / 2 for c in clusters}
    for n, line in enumerate(headers):
        # Letters are joined only within one column's cell: narrow neighbouring columns
        # print short words close together (公务 | 公务, 用车 | 用车 over 购置 | 运行).
        over: dict[int, list[Word]] = {}
        for word in line.words:
            if _INTEGER.match(word.text):
                continue
            cluster = next((c for c, (x0, x1) in zip(clusters, spans) if x0 <= word.centre < x1), None)
            if cluster is not None:
                over.setdefault(id(cluster), []).append(word)
        for cluster_id, words in over.items():
            stacks[cluster_id] += [(n, word) for word in _spaced_out(tuple(words))]
    return stacks, centres


def _cells(stack: list[tuple[int, Word]], centre: float) -> list[list[Word]]:
    """The header cells that name one column: the cell nearest its amounts of those no
    other is printed under (its own), then the cells printed over that one (the groups it
    is in: 财政拨款 over 一般公共预算), the nearest first.

    A header word joins the cell of the words above it that share its centre (a cell
    wrapped over lines). Other cells over the column's cell head columns that print no
    amount (因公出国（境）费, blank, left of 公务用车购置及运行费): they name none.
    """
    cells: list[list[tuple[int, Word]]] = []
    for n, word in stack:  # top to bottom
        near = [c for c in cells
                if abs(_centre([w for _, w in c]) - word.centre) < max(12.0, 0.3 * (word.x1 - word.x0))]
        if near:
            near[0].append((n, word))
        else:
            cells.append([(n, word)])
    if not cells:
        return []

    def over(upper: list[tuple[int, Word]], lower: list[tuple[int, Word]]) -> bool:
        return max(n for n, _ in upper) < min(n for n, _ in lower) and \
            min(w.x0 for _, w in upper) < max(w.x1 for _, w in lower) and \
            min(w.x0 for _, w in lower) < max(w.x1 for _, w in upper)

    def distance(cell: list[tuple[int, Word]]) -> float:
        return abs(_centre([w for _, w in cell]) - centre)

    # A lone character is a letter of a spaced-out header over a whole side (收  入), not a cell.
    own = min((c for c in cells if not any(over(c, d) for d in cells if d is not c)),
              key=lambda c: (len("".join(w.text for _, w in c)) == 1, distance(c)))
    groups = sorted((c for c in cells if over(c, own)), key=distance)
    return [[w for _, w in c] for c in [own, *groups]]


def _centre(words: list[Word]) -> float:
    return (min(w.x0 for w in words) + max(w.x1 for w in words)) / 2


def _readings(cell: list[Word]) -> list[str]:
    """A cell's text, whole first, then without its upper lines: a cell that wraps
    (政府性基金 | 预算) reads whole; a group header centred over it (财政拨款收入) drops off."""
    texts = [w.text for w in cell]
    return ["".join(texts[i:]) for i in range(len(texts))]


def _spaced_out(words: tuple[Word, ...]) -> list[Word]:
    """Words of a header cell printed letter-spaced (总 计, 预 算 数) joined into one.

    Letters only: two short words side by side (公务 | 公务, 购置 | 运行) are the headers
    of two narrow columns, each written down its cell."""
    out: list[Word] = []
    letters = False  # whether out[-1] is one letter, or letters joined
    for word in words:
        last = out[-1] if out else None
        if last is not None and word.x0 - last.x1 < 2 * (word.y1 - word.y0) \
                and letters and len(word.text) == 1:
            out[-1] = Word(last.text + word.text, last.x0, word.x1, min(last.y0, word.y0), max(last.y1, word.y1))
            letters = True
        else:
            out.append(word)
            letters = len(word.text) == 1
    return out


def _one_side_each(clusters: list[_Cluster], cluster: _Cluster, key: str) -> bool:
    """Two sides may each have their own 预算数 (total) column."""
    return not any(c is not cluster and c.key == key and c.side == cluster.side for c in clusters)


def _column_cells(clusters: list[_Cluster], labels: list[_Cluster], fallback: str = "right") -> list[
        tuple[float, float]]:
    """The horizontal extent of each amount column's cell, from how its amounts align.

    A header is centred in its cell; amounts are right-aligned (the cell ends at their
    right edge and begins where the cell to its left ends), left-aligned, or centred.
    A header outside every cell heads a column that prints no amount, or the labels.
    """
    aligns = [_alignment(c) for c in clusters]
    known = [a for a in aligns if a != "?"]
    # Amounts of one width tell nothing: take the table's usual alignment, else ``fallback``.
    usual = max(sorted(set(known)), key=known.count) if known else fallback
    aligns = [usual if a == "?" else a for a in aligns]
    edges = sorted([(c.x0, c.x1) for c in labels] + [(c.x0, c.x1) for c in clusters])
    out = []
    for cluster, align in zip(clusters, aligns):
        before = max((x1 for x0, x1 in edges if x1 <= cluster.x0 + 0.5), default=-math.inf)
        after = min((x0 for x0, x1 in edges if x0 >= cluster.x1 - 0.5), default=math.inf)
        if align == "right":
            out.append((before, cluster.x1 + 3))
        elif align == "left":
            out.append((cluster.x0 - 3, after))
        else:  # centred: the cell reaches halfway to its neighbours
            out.append(((before + cluster.x0) / 2 if before > -math.inf else cluster.x0 - (cluster.x1 - cluster.x0),
                        (cluster.x1 + after) / 2 if after < math.inf else cluster.x1 + (cluster.x1 - cluster.x0)))
    return out


def _alignment(cluster: _Cluster) -> str:
    if len({w.text for w in cluster.words}) == 1:
        return "?"  # one amount, printed in another font on the 合计 row: no telling how it aligns
    lefts = {round(w.x0) for w in cluster.words}
    rights = {round(w.x1) for w in cluster.words}
    if max(rights) - min(rights) <= 2 < max(lefts) - min(lefts):
        return "right"
    if max(lefts) - min(lefts) <= 2 < max(rights) - min(rights):
        return "left"
    if max(lefts) - min(lefts) > 2:
        return "centre"
    return "?"  # every amount of one width


def _group_role(leaf: list[Word], leaf_line: PdfLine, own: list[Word], above: list[PdfLine],
                vocabulary: Vocabulary) -> str | None:
    """A 小计 under a group header (基本支出 › 小计, 公务用车购置及运行维护费 › 小计) takes the
    group's role: the nearest header above that spans it (or nearly), else a header above it in its
    own cell, else (when its cell prints nothing above it) a header centred over a run of
    the leaf line's headers that starts or ends with it (基本支出 over 小计 人员经费 公用经费)."""
    def role(word: Word) -> str | None:
        found = vocabulary.column_role(word.text)
        if found and found != "total":
            return found
        item = vocabulary.row_key(word.text)
        return item if item and item.startswith(_ITEMS) else None

    # A group header is centred over its columns, which reach beyond its own text: half
    # its width on either side, over the leaf's middle (a wrapped leaf header of the next
    # column, 公务用车购置 over 费, may reach the leaf's edge).
    # A header of the same line standing between them heads a column of its own, which a
    # group cannot span (因 of 因公出国 between a 小计 and 公务用车购置及运行维护费).
    middle = (min(w.x0 for w in leaf) + max(w.x1 for w in leaf)) / 2
    for line in reversed(above):
        for word in line.words:
            reach = (word.x1 - word.x0) / 2
            lo, hi = (middle, word.x0) if middle < word.x0 else (word.x1, middle)
            between = any(lo <= other.centre <= hi for other in line.words if other is not word)
            if word.x0 - reach < middle < word.x1 + reach and not between and (found := role(word)):
                return found
    if own:
        return next((found for word in reversed(own) if (found := role(word))), None)
    # The group's own columns each have a header the vocabulary knows (小计 人员经费 公用经费).
    siblings = sorted((w for w in _spaced_out(leaf_line.words) if role(w) or vocabulary.column_role(w.text)),
                      key=lambda w: w.x0)
    at = next((i for i, w in enumerate(siblings) if w.x0 <= leaf[-1].centre <= w.x1), None)
    if at is None:
        return None
    runs = [siblings[i:j] for i in range(at + 1) for j in range(at + 1, len(siblings) + 1) if j - i >= 2]
    for line in reversed(above):
        # Of two groups side by side (财政拨款 | 单位资金, each over its 小计 and parts), a run
        # of both groups' columns may happen to centre under either: the nearer group is the leaf's.
        groups = [(abs(word.centre - leaf[-1].centre), found) for word in line.words
                  if any(abs(sum(w.centre for w in run) / len(run) - word.centre) < 15 for run in runs)
                  and (found := role(word))]
        if groups:
            return min(groups)[1]
    return None


def _code_columns(bodies: list[_Body], row_x: float | None) -> list[float]:
    """Where the 类, 款 and 项 columns stand when a code is printed in parts (row numbers aside)."""
    parts = [[p for p in b.code_parts if row_x is None or abs(p.x0 - row_x) >= 5] for b in bodies]
    split = [p for p in parts if p and all(len(w.text) <= 3 for w in p)]
    starts: list[float] = []
    for word in sorted({round(p.x0) for parts in split for p in parts}):
        if not starts or word - starts[-1] > 12:
            starts.append(word)
    return starts


def _row_number_column(bodies: list[_Body]) -> float | None:
    """Where a leading column of row numbers (1, 2, 3 …, 序号) stands, if the table has one."""
    firsts = [b.code_parts[0] for b in bodies if b.code_parts]
    if len(firsts) < 3:
        return None
    left = min(w.x0 for w in firsts)
    column = [int(w.text) for w in firsts if w.x0 - left < 5]
    steps = sum(1 for a, b in zip(column, column[1:]) if b == a + 1)
    counted = len(column) >= 3 and column[0] <= 2 and max(column) < 1000  # numbered from 1, not codes
    return left if counted and steps >= 0.8 * (len(column) - 1) else None


def _code(body: _Body, levels: list[float], seen: list[str | None], row_x: float | None,
          unit_codes: set[str] | None) -> tuple[int | None, str | None, str | None]:
    """(row number, budget code, unit code) of the leading integers of a line.

    A budget code is printed whole (2010301), in 类/款/项 columns (201 03 01), or as a
    类 with its 款 by their own digits under it (201, then 03 for 20103). Another number
    before a name is a unit's code (121001 某某局). So is, in a table whose header prints
    a 单位编码 column, a long number, and one that the table's unit codes (``unit_codes``:
    the numbers its rows lead with that no budget code has the length of) start with (234
    over 234001 and 234002: the department's, not the class 234).
    """
    words = list(body.code_parts)
    row_no = None
    if words and row_x is not None and abs(words[0].x0 - row_x) < 5:
        row_no = int(words.pop(0).text)
    parts = [w.text for w in words]
    a_unit = unit_codes is not None and len(parts) == 1 and (
        len(parts[0]) >= 6 or any(c.startswith(parts[0]) and c != parts[0] for c in unit_codes))
    if len(parts) == 1 and _BUDGET_CODE.match(parts[0]) and not a_unit:
        code = parts[0]
    elif len(parts) == 1 and len(parts[0]) <= 2 and len(levels) <= 1 and seen[0]:
        code = seen[0] + parts[0].zfill(2)  # a 款 printed under its 类
    elif parts and len(levels) > 1 and all(len(p) <= 3 for p in parts):
        code = ""
        for word in words:
            level = min(range(len(levels)), key=lambda i: abs(levels[i] - word.x0))
            prefix = code or (seen[level - 1] or "" if level else "")
            code = prefix + word.text.zfill(3 if level == 0 else 2)
        if not _BUDGET_CODE.match(code):
            return row_no, None, None
    elif len(parts) == 1 and len(parts[0]) >= 3:
        return row_no, None, parts[0]
    else:
        return row_no, None, None
    level = {3: 0, 5: 1, 7: 2}[len(code)]
    seen[level] = code
    for deeper in range(level + 1, 3):
        seen[deeper] = None
    return row_no, code, None


def _code_in_label(label: str) -> tuple[str | None, str]:
    m = _CODE_IN_LABEL.match(label)
    if m is None:
        return None, label
    return m.group(1) or m.group(2), m.group(3).strip()


def _row_key(table: Table, side: int, label: str, code: str | None, vocabulary: Vocabulary) -> str:
    name = plain(label)
    key = code or vocabulary.row_key(label)
    if key is None:
        # The numbering as printed tells a class that drops its 支出 (8、社会保障和就业).
        key = codes.function_class_by_name(name) or codes.function_class_by_name(squash(label)) \
            or codes.economic_class_by_name(name)
    if key is None:
        key = f"row:{name}" if name else f"row{len(table.lines) + 1}"
    return _unique(table, key)


def _unique(taken: Table | Unit, key: str) -> str:
    """``key``, or ``key.2``, ``key.3`` … when the table has a row (the unit a table) of that key already."""
    exists = taken.line if isinstance(taken, Table) else taken.table
    base, n = key, 1
    while exists(key) is not None:
        n += 1
        key = f"{base}.{n}"
    return key


def split_by_unit(table: Table) -> tuple[Table, list[tuple[str, str, Table]]]:
    """A table that prints its rows again for each sub-unit (121001 某某局, then
    its codes; 121002 …) as the department's table and one table per sub-unit.

    The department's keeps the rows before the first unit row and the unit rows (each a
    unit's total); each sub-unit's has the unit row as its 合计 and the rows under it.
    A table whose unit rows have no rows under them is returned whole.

    :returns: (the department's table, [(unit code, unit name, its table)])
    """
    starts = [i for i, line in enumerate(table.lines) if line.key.startswith(UNIT_ROW)]
    if not any(j + 1 < len(table.lines) and not table.lines[j + 1].key.startswith(UNIT_ROW) for j in starts):
        return table, []
    main = replace(table, lines=table.lines[:starts[0]] + [table.lines[i] for i in starts], breaks=[], unplaced=[])
    main.unplaced, main.tokens = table.unplaced, table.tokens
    parts = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(table.lines)
        if end == start + 1:
            continue  # a unit with no rows under it (the department's own row over its units)
        head = table.lines[start]
        part = replace(table, lines=[], breaks=[], unplaced=[], tokens=0)
        for line in [replace(head, key="total", code=None), *table.lines[start + 1:end]]:
            # keys made unique across the whole table (301.3: 301 of the third unit) are the unit's own again
            part.lines.append(replace(line, key=_unique(part, base_key(line.key))))
        part.pages = sorted({line.location.page for line in part.lines})
        code = head.key[len(UNIT_ROW):].split(".")[0]
        parts.append((code, head.name or code, part))
    return main, parts


def _join_wrapped(fragments: list[tuple[PdfLine, int, str]], rows: list[tuple[PdfLine, int, Line]]) -> None:
    """A name too long for its cell wraps onto a line with no amount: it joins the row of
    its side printed nearest to it on the same page (before it when above, after when below)."""
    for line, side, text in fragments:
        # A numbered fragment (三、单位预留机动经) starts a name: only a row with no name yet takes it.
        numbered = plain(text) != squash(text)
        same_page = [(l, r) for l, s, r in rows if l.page == line.page and s == side and not (numbered and r.name)]
        if not same_page:
            continue
        near, record = min(same_page, key=lambda p: abs(_middle(p[0]) - _middle(line)))
        if abs(_middle(near) - _middle(line)) > 2.5 * _height(line):
            continue
        record.name = text + record.name if _middle(line) > _middle(near) else record.name + text


def _middle(line: PdfLine) -> float:
    return sum(w.y0 + w.y1 for w in line.words) / (2 * len(line.words))


def _height(line: PdfLine) -> float:
    return max(w.y1 - w.y0 for w in line.words)


def _classification(table: Table) -> str | None:
    first = Counter(line.code[0] for line in table.lines if line.code)
    if not first:
        return None
    digit = first.most_common(1)[0][0]
    return {"2": "function", "3": "economic", "5": "economic"}.get(digit)

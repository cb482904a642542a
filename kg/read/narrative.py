"""Read each unit's narrative (单位预算信息公开情况说明) into typed records (no RDF here).

The narrative is prose with two small tables. What is read, and how, is data in
``mappings/narrative/<template>.yaml``: section headings, the numbered items of
单位职责 and 名词解释, the 机构设置 row, one pattern per stated amount, the sections that
explain function lines one by one, and the rows of the fixed-asset table. How a statement
about a function line is worded (its 类/款/项 names, with or without codes, and the amounts
it states: this year's, last year's, the change, in money and in per cent) is the standard
vocabulary's (``mappings/standard.yaml``), the same for every template. Prose is joined
across line and page breaks before it is matched, so a sentence that wraps (or a duty that
crosses a page) reads as printed.

Nothing is guessed: a number of the asset table that cannot be tied to one row, or a
required statement that is absent, becomes a :class:`~kg.records.Problem` on
``Narrative.problems``.

>>> from kg.resources import sample_path
>>> from kg.records import Unit
>>> from kg.read.source.text import read_text
>>> unit = Unit("323003", "巨鹿县社会保险事业服务中心", 2023, "万元")
>>> sections = read_narratives(read_text(sample_path()), [unit])
>>> unit.narrative.fact("expenditure.personnel").value, len(unit.narrative.duties)
(Decimal('379.9'), 10)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from kg.read.source.text import SourceLine, TextSource, running_texts, squash
from kg.records import AssetRow, Duty, GlossaryTerm, Institution, Location, Narrative, NarrativeFact, Problem, Unit
from kg.resources import read_yaml, resource

__all__ = ["narrated_units", "read_narratives"]

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
#: A section's heading (七、, 第四部分), which ends a list of numbered items.
_SECTION = re.compile(r"[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分")
#: A numbered heading: a section's, or a paragraph's (（三）).
_HEADING = re.compile(rf"{_SECTION.pattern}|[（(][一二三四五六七八九十]+[）)]")


@dataclass(frozen=True)
class _FactRule:
    key: str
    section: str
    pattern: re.Pattern
    required: bool
    reason: re.Pattern | None
    #: read only where no rule before it read the key, and never broken down into parts: a
    #: wording that states two totals at once (收入、支出预算总计) comes first in the prose, and
    #: what follows its 其中 is both totals' statements
    fallback: bool = False


@dataclass(frozen=True)
class _FunctionLines:
    """Where the narrative explains function lines one by one, and how it words them.

    The wordings are the standard vocabulary's (``mappings/standard.yaml``,
    ``narrative.function_lines``); the template's profile names the sections and the table.
    """

    sections: list[str]
    table: str
    starts: list[re.Pattern]  # a statement's names: group ``names``
    marker: re.Pattern  # a level marker: groups ``code`` and ``level``
    facts: dict[str, re.Pattern]  # what a statement says → the pattern of its first mention


@dataclass(frozen=True)
class _Breakdowns:
    """A total stated with its parts after it (其中：基本支出4,312.17万元，占92.7%；项目支出…)."""

    heads: frozenset[str]  # the fact keys whose statements may be broken down
    start: re.Pattern  # where the list of parts begins (其中：)
    part: re.Pattern  # one part: groups ``name``, ``value``, ``unit`` and, when its share is printed, ``share``
    not_a_part: re.Pattern  # words that end the list (比上年增加: a change, not a part)
    own_list: re.Pattern  # a part's own list after it (，包括人员经费…和公用经费…), passed over
    change: re.Pattern  # an amount that is a change (比上年增加75.03万元), never what a share is of
    amount: re.Pattern
    names: dict[str, dict[str, re.Pattern]]  # a total's key → its parts' keys that a table's cell checks → their names


@dataclass(frozen=True)
class _Profile:
    # None: the document is about one unit (its first) and all its prose is that unit's,
    # read as one section, ``all`` (a province whose 情况说明 no template describes).
    heading: re.Pattern | None
    ends_at: re.Pattern | None  # None: with no heading, the prose runs to the end of the document
    page_number: re.Pattern
    sections: dict[str, re.Pattern]
    duty: re.Pattern | None  # None: its duties are not read
    glossary: re.Pattern | None  # None: its 名词解释 is not read
    institution_skip: list[re.Pattern]
    institution_row: re.Pattern | None  # None: the template prints no institution row
    institution_row_sections: list[str]
    facts: list[_FactRule]
    assets: dict | None  # None: the template prints no fixed-asset table
    required_sections: list[str]
    function_lines: _FunctionLines | None  # None: the template explains no function line
    this_year_only: bool  # a statement that prints another year than the budget's is not read
    breakdowns: _Breakdowns | None  # None: the parts of a total are not read


@lru_cache(maxsize=None)
def _load_profile(template: str) -> _Profile:
    data = read_yaml(resource("mappings", "narrative", f"{template}.yaml"))
    holes = data["placeholders"]

    def expand(pattern: str) -> re.Pattern:
        for name, text in holes.items():
            pattern = pattern.replace("{" + name + "}", text)
        return re.compile(pattern)

    facts = [
        _FactRule(f["key"], f["section"], expand(f["pattern"]), bool(f.get("required")),
                  re.compile(f["reason"]) if f.get("reason") else None, bool(f.get("fallback")))
        for f in data["facts"]
    ]
    institution = data.get("institution") or {}
    return _Profile(
        heading=re.compile(data["heading"]) if data.get("heading") else None,
        ends_at=re.compile(data["ends_at"]) if data.get("ends_at") else None,
        page_number=re.compile(data["page_number"]),
        sections={k: re.compile(v) for k, v in data.get("sections", {}).items()},
        duty=re.compile(data["duties"]["item"]) if data.get("duties") else None,
        glossary=re.compile(data["glossary"]["item"]) if data.get("glossary") else None,
        institution_skip=[re.compile(p) for p in institution.get("skip", [])],
        institution_row=re.compile(institution["row"]) if institution else None,
        institution_row_sections=list(institution.get("row_sections", [])),
        facts=facts,
        assets=data.get("assets"),
        required_sections=list(data.get("required_sections", ["duties", "institution", "glossary"])),
        function_lines=_function_lines(data["function_lines"]) if data.get("function_lines") else None,
        this_year_only=bool(data.get("this_year_only")),
        breakdowns=_breakdowns(data["breakdowns"], expand) if data.get("breakdowns") else None,
    )


def _breakdowns(spec: dict, expand) -> _Breakdowns:
    return _Breakdowns(
        heads=frozenset(spec["heads"]),
        start=expand(spec["start"]),
        part=expand(spec["part"]),
        not_a_part=expand(spec["not_a_part"]),
        own_list=expand(spec["own_list"]),
        change=expand("{change}"),
        amount=expand("{amount}"),
        names={head: {key: re.compile(f"(?:{pattern})$") for key, pattern in parts.items()}
               for head, parts in spec.get("names", {}).items()},
    )


def _function_lines(spec: dict) -> _FunctionLines:
    standard = read_yaml(resource("mappings", "standard.yaml"))
    wording = standard["narrative"]["function_lines"]

    def expand(pattern: str) -> re.Pattern:
        for name, text in wording["placeholders"].items():
            pattern = pattern.replace("{" + name + "}", text)
        return re.compile(pattern)

    return _FunctionLines(
        sections=list(spec["sections"]),
        table=spec["table"],
        starts=[re.compile(p) for p in wording["starts"]],
        marker=re.compile(wording["marker"]),
        facts={what: expand(p) for what, p in wording["facts"].items()},
    )


def reads_narrative(template: str) -> bool:
    """Whether the template's narrative has a profile (``mappings/narrative/<id>.yaml``).

    The standard tables' vocabulary reads any province's tables; each province words its
    情况说明 its own way, and a template without a narrative profile is read for its tables only.
    """
    try:
        resource("mappings", "narrative", f"{template}.yaml")
    except FileNotFoundError:
        return False
    return True


def read_narratives(source: TextSource, units: list[Unit], template: str = "hebei-county") -> dict[str, list[SourceLine]]:
    """Find each unit's narrative in ``source`` and set ``unit.narrative``.

    A unit whose narrative heading is not found keeps ``narrative = None``.

    :param source: the document's text, split into pages and lines
    :param units: the units read from its tables (matched to headings by name)
    :param template: the narrative profile id (``mappings/narrative/<id>.yaml``)
    :returns: unit code → the lines of its 预算绩效信息 section, where the 绩效目标表 are
        printed (:func:`kg.read.goals.read_projects` reads them)
    :raises FileNotFoundError: no narrative profile of that id
    """
    profile = _load_profile(template)
    lines = source.lines
    if profile.heading is None:
        if units and lines:
            units[0].narrative, _ = _read_one(source.name, lines, profile, units[0])
        return {}
    starts = [(i, squash(m["name"])) for i, line in enumerate(lines) if (m := profile.heading.match(line.text))]
    unit_starts = sorted(u.location.line for u in units if u.location and u.location.line)
    goal_sections: dict[str, list[SourceLine]] = {}
    for unit in units:
        for n, (start, name) in enumerate(starts):
            if name != squash(unit.name):
                continue
            end = _narrative_end(lines, start, starts[n + 1][0] if n + 1 < len(starts) else len(lines),
                                 unit_starts, profile)
            unit.narrative, goal_sections[unit.code] = _read_one(source.name, lines[start:end], profile, unit)
            break
    return goal_sections


def narrated_units(units: list[Unit], template: str) -> list[Unit]:
    """The units whose 情况说明 the template prints: each unit's, or the document's one."""
    return units if _load_profile(template).heading is not None else units[:1]


def _narrative_end(lines: list[SourceLine], start: int, limit: int, unit_starts: list[int], profile: _Profile) -> int:
    for i in range(start + 1, limit):
        if (profile.ends_at and profile.ends_at.match(lines[i].text)) or lines[i].no in unit_starts:
            return i
    return limit


def _read_one(source: str, lines: list[SourceLine], profile: _Profile,
              unit: Unit) -> tuple[Narrative, list[SourceLine]]:
    """The narrative, and the lines of its 预算绩效信息 section (the performance-goal tables)."""
    narrative = Narrative(location=_at(source, lines[0]))
    sections = _split_sections(lines[1:], profile) if profile.heading is not None else {"all": lines}
    if profile.duty is not None:
        narrative.duties = [
            Duty(_cn_number(m["number"]), text, loc)
            for m, text, loc in _numbered_items(source, sections.get("duties", []), profile.duty, profile)
        ]
    if profile.glossary is not None:
        narrative.glossary = [
            GlossaryTerm(_cn_number(m["number"]), m["term"].strip(), text[len(m["term"]) + 1:].strip(), loc)
            for m, text, loc in _numbered_items(source, sections.get("glossary", []), profile.glossary, profile,
                                                keep_prefix=True)
        ]
    if profile.institution_row is not None:
        narrative.institution = _institution(source, sections, profile, narrative)
    narrative.facts = _facts(source, sections, profile, narrative, unit)
    if profile.assets is not None:
        narrative.asset_rows = _asset_rows(source, sections.get("assets", []), profile, narrative)
    narrative.missing_sections = [name for name in profile.required_sections if name not in sections]
    return narrative, sections.get("performance", [])


def _at(source: str, line: SourceLine) -> Location:
    return Location(source, line.page, None, line.no)


def _split_sections(lines: list[SourceLine], profile: _Profile) -> dict[str, list[SourceLine]]:
    """Section name → its lines (heading excluded); the first heading of each name counts."""
    out: dict[str, list[SourceLine]] = {}
    current: str | None = None
    for line in lines:
        name = next((k for k, p in profile.sections.items() if k not in out and p.match(line.text)), None)
        if name is not None:
            current = name
            out[name] = []
            continue
        if current is not None:
            out[current].append(line)
    return out


def _cn_number(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十一 → 21; printed digits as they are (12 → 12)."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _CN_DIGITS[text]
    tens, _, units = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _numbered_items(source, lines, pattern, profile, keep_prefix=False):
    """Numbered items whose text wraps over lines (and pages): (match, joined text, location)."""
    items: list[list] = []
    for line in lines:
        if profile.page_number.match(line.text):
            continue
        m = pattern.match(line.text)
        if m:
            text = line.text[m.start("term"):] if keep_prefix else m["text"]
            items.append([m, text, _at(source, line)])
        elif items:
            items[-1][1] += line.text
    return [(m, text.strip(), loc) for m, text, loc in items]


def _institution(source, sections, profile, narrative) -> Institution | None:
    own = sections.get("institution", [])
    if not own:
        return None
    name_line = next(
        (line for line in own
         if not any(p.search(line.text) for p in profile.institution_skip)
         and not profile.institution_row.match(line.text)),
        None,
    )
    row = next(
        ((line, m) for s in profile.institution_row_sections for line in sections.get(s, [])
         if (m := profile.institution_row.match(line.text))),
        None,
    )
    if name_line is None and row is None:
        narrative.problems.append(Problem("机构设置: no institution row found", _at(source, own[0])))
        return None
    if row is None:
        narrative.problems.append(
            Problem("机构设置: the unit's nature, rank and funding form were not found", _at(source, name_line)))
    first = name_line or row[0]
    m = row[1] if row else None
    return Institution(
        name_line.text if name_line else "",
        m["nature"] if m else None,
        m["rank"] if m else None,
        m["funding_form"] if m else None,
        _at(source, first),
    )


class _Prose:
    """A section's lines joined into one string, remembering which line each character came from."""

    def __init__(self, lines: list[SourceLine]):
        self.lines = lines
        self.starts: list[int] = []
        parts, pos = [], 0
        for line in lines:
            self.starts.append(pos)
            parts.append(line.text)
            pos += len(line.text)
        self.text = "".join(parts)

    def line_at(self, pos: int) -> SourceLine:
        i = max(k for k, start in enumerate(self.starts) if start <= pos)
        return self.lines[i]

    def sentence_at(self, pos: int) -> str:
        return self.text[self.text.rfind("。", 0, pos) + 1:_sentence_end(self.text, pos) + 1]


def _facts(source, sections, profile, narrative, unit: Unit) -> list[NarrativeFact]:
    # A page number or a running header printed between two lines of a sentence is not part of it.
    running = _running_lines([line for lines in sections.values() for line in lines
                              if not profile.page_number.match(line.text)])
    prose = {name: _Prose([line for line in lines
                           if not profile.page_number.match(line.text) and line.text.strip() not in running])
             for name, lines in sections.items()}
    facts = []
    for rule in profile.facts:
        if rule.fallback and any(f.key == rule.key for f in facts):
            continue
        text = prose.get(rule.section)
        m = next((m for m in rule.pattern.finditer(text.text) if not profile.this_year_only
                  or _of_this_year(text.text, m, unit.year)), None) if text and text.lines else None
        if m is None:
            if rule.required:
                where = text.lines[0] if text and text.lines else None
                narrative.problems.append(Problem(
                    f"{rule.key}: not stated in section {rule.section}",
                    _at(source, where) if where else narrative.location))
            continue
        groups = m.groupdict()
        reason = groups.get("reason")
        if rule.reason is not None and (r := rule.reason.search(text.text)):
            reason = r["reason"]
        facts.append(NarrativeFact(
            rule.key,
            Decimal(m["value"].replace(",", "")),  # 37,151.47 is printed with separators
            m["unit"],
            reason.strip() if reason else None,
            text.sentence_at(m.start("value")),
            _at(source, text.line_at(m.start("value"))),
            groups.get("direction"),
        ))
        if profile.breakdowns is not None and rule.key in profile.breakdowns.heads and not rule.fallback:
            facts += _parts(source, profile.breakdowns, text, m, rule.key, {f.key for f in facts})
    spec = profile.function_lines
    if spec is not None:
        for name in spec.sections:
            if (text := prose.get(name)) and text.lines:
                facts += _line_facts(source, spec, text, unit, narrative)
    return facts


def _parts(source, spec: _Breakdowns, text: _Prose, head: re.Match, key: str, taken: set[str]) -> list[NarrativeFact]:
    """The parts a total's statement lists after 其中, in its sentence or the next.

    Each part gives ``<key>.part.<its name as printed>`` and, where printed, its share,
    ``….share`` (in %). What a share may be a share of is read beside them: the total
    (``<key>.base.0``) and any other amount printed between it and 其中 that is not a change
    (包括本年收入2,867.94万元，上年结转结余0万元: ``<key>.base.1``, ``.base.2``). A part whose
    name a table prints (基本支出) is read under that key too (``expenditure.basic``).

    The list is not the total's where what comes between says otherwise: in the total's
    sentence, a change stated before 其中 (比上年增加100万元，其中：…) is what it breaks down;
    in the next sentence, 其中 must open it (…。其中：), not follow another statement
    (2025年支出预算1,200万元，其中：…).
    """
    after = head.end("value")
    own_end = _sentence_end(text.text, after)
    start = spec.start.search(text.text, after, _sentence_end(text.text, own_end + 1))
    if start is None:
        return []
    if start.start() < own_end:
        if spec.change.search(text.text, after, start.start()):
            return []
    elif text.text[own_end + 1:start.start()].strip():
        return []
    numbered = _ITEM.match(text.text, _SPACES.match(text.text, start.end()).end())
    if numbered is None:
        # Parts in a row (基本支出…；项目支出…), to the end of the sentence or a heading.
        end = _sentence_end(text.text, start.end())
        if (heading := _HEADING.search(text.text, start.end(), end)) is not None:
            end = heading.start()
        found = _in_a_row(spec, text.text, start.end(), end)
    else:
        # Numbered parts ((一)人员经费1,593.76万元。主要包括：… (二)公用经费…), numbered one after
        # another as the first is, to the next section heading; an item's own list (1.基本工资…)
        # is passed over.
        section = _SECTION.search(text.text, start.end())
        end = section.start() if section is not None else len(text.text)
        style, expected = _ordinal_style(numbered.group(0)), _ordinal(numbered.group(0))
        found = []
        for n in _ITEM.finditer(text.text, start.end(), end):
            if _ordinal_style(n.group(0)) != style:
                continue
            m = spec.part.match(text.text, n.start(), end)
            if _ordinal(n.group(0)) != expected or m is None or spec.not_a_part.search(m["name"]):
                break
            found.append(m)
            expected += 1

    def fact(fact_key: str, value: str, unit: str, at: int) -> NarrativeFact:
        return NarrativeFact(fact_key, Decimal(value.replace(",", "")), unit, None, text.sentence_at(at),
                             _at(source, text.line_at(at)))

    changes = [m.span() for m in spec.change.finditer(text.text, after, start.start())]
    facts = [fact(f"{key}.base.0", head["value"], head["unit"], head.start("value"))]
    for m in spec.amount.finditer(text.text, after, start.start()):
        if not any(a <= m.start() < b for a, b in changes):
            facts.append(fact(f"{key}.base.{len(facts)}", m["value"], m["unit"], m.start("value")))
    # BK-NARR-SHARE looks up at most MAX_BASES totals; with more, which one a share is of is not read.
    shares = len(facts) <= MAX_BASES
    facts = facts[:MAX_BASES]
    names: set[str] = set()
    for m in found:
        name = m["name"].strip()
        if name in names:  # the same name twice in one list: which one a check means is unclear
            continue
        names.add(name)
        facts.append(fact(f"{key}.part.{name}", m["value"], m["unit"], m.start("value")))
        if m["share"] is not None and shares:
            facts.append(fact(f"{key}.part.{name}.share", m["share"], "%", m.start("share")))
        cell = next((k for k, p in spec.names.get(key, {}).items() if p.match(name)), None)
        if cell is not None and cell not in taken:
            taken.add(cell)
            facts.append(fact(cell, m["value"], m["unit"], m.start("value")))
    return facts


#: The amounts a share may be of: the total and up to three printed between it and 其中.
MAX_BASES = 4


def _in_a_row(spec: _Breakdowns, text: str, pos: int, end: int) -> list[re.Match]:
    """Parts printed one after another, up to one that is not a part (a change: 比上年增加0万元);
    a part's own list of parts is passed over."""
    found = []
    while (m := spec.part.match(text, pos, end)) is not None and not spec.not_a_part.search(m["name"]):
        found.append(m)
        pos = m.end()
        if (own := spec.own_list.match(text, pos, end)) is not None:
            pos = own.end()
    return found


#: A numbered item's number: (一), （二）, 1., 2、 (not the 93. of 1,593.76).
_ITEM = re.compile(r"(?<![\d,.])(?:[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、])")
_SPACES = re.compile(r"\s*")


def _ordinal(number: str) -> int:
    """（三） → 3, 2. → 2."""
    return _cn_number(re.sub(r"[^一二三四五六七八九十\d]", "", number))


def _ordinal_style(number: str) -> str:
    """（一） and （二） are of one style, 1. and 2. of another."""
    return re.sub(r"[一二三四五六七八九十]+", "一", re.sub(r"\d+", "1", number.strip()).replace("(", "（").replace(")", "）"))


#: A line printed alike at the top or the foot of this many pages is a running header or footer
#: (苏州市审计局2026年度单位预算公开).
RUNNING_PAGES = 3


def _running_lines(lines: list[SourceLine]) -> set[str]:
    """The texts printed as the first or the last line of at least :data:`RUNNING_PAGES` pages."""
    by_page: dict[int, list[str]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line.text.strip())
    return running_texts(list(by_page.values()), 1, RUNNING_PAGES)


def _sentence_end(text: str, pos: int) -> int:
    end = text.find("。", pos)
    return len(text) if end < 0 else end


_CLAUSE_ENDS = "。；;，,"
_YEAR = re.compile(r"(\d{4})\s*年")
_LAST_YEAR = re.compile(r"上年|去年|上一年|前一年")
_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?\s*万?元")


def _of_this_year(text: str, m: re.Match, year: int) -> bool:
    """Whether a statement is of the budget's year: the years printed in it up to its first
    amount, and the last one printed in its clause before it, are that year, and its clause
    names no last year before it (2025年“三公”经费预算为…, 上年公务接待费为… are not)."""
    start = max(text.rfind(mark, 0, m.start()) for mark in _CLAUSE_ENDS) + 1
    before = _YEAR.findall(text, start, m.start())
    # Up to its first amount: a change stated after it names the year it is compared with.
    own = _AMOUNT.split(m.group(0), maxsplit=1)[0]
    return (all(int(y) == year for y in _YEAR.findall(own)) and (not before or int(before[-1]) == year)
            and not _LAST_YEAR.search(text, start, m.start()))


_FULL_WIDTH = str.maketrans("()", "（）")

#: A function line named by its code and its name: 2040201-行政运行, 2010101行政运行, or 行政运行（2014001）.
_CODED = re.compile(r"(?P<code>2\d{2}(?:\d{2}){0,2})[-－—]?(?P<name>\D+)|(?P<name_before>\D+)（(?P<code_after>2\d{2}(?:\d{2}){0,2})）")
_DASHES = re.compile(r"[-－—]")
_CODE_LENGTH = {"类": 3, "款": 5, "项": 7}


def _line_facts(source, spec: _FunctionLines, text: _Prose, unit: Unit, narrative: Narrative) -> list[NarrativeFact]:
    """What each statement about one function line says, keyed ``function_line.<code>.<what>``.

    A statement runs from its names to the next statement's; of each kind of amount
    (``spec.facts``) the first in it is read.
    """
    table = unit.table(spec.table)
    starts = _statement_starts(spec, text.text)
    facts = []
    for n, m in enumerate(starts):
        end = starts[n + 1].start() if n + 1 < len(starts) else len(text.text)
        # Nor past the next numbered heading: the last statement of a section does not run on
        # into the next one (机关运行经费预算安排120.89万元 is not its 预算安排).
        if (heading := _HEADING.search(text.text, m.end(), end)) is not None:
            end = heading.start()
        found = _line_named(m["names"], text.text[m.end():end], table, spec.marker) if table is not None else None
        if found is None:
            narrative.problems.append(Problem(
                f"function_line: “{m['names']}” is not a line of {spec.table}", _at(source, text.line_at(m.start()))))
            continue
        code, name_end = found
        body_start = m.end() + name_end
        body = text.text[body_start:end]
        for what, pattern in spec.facts.items():
            if (f := pattern.search(body)) is None:
                continue
            if what == "amount" and any(int(y) != unit.year for y in _YEAR.findall(f.group(0))):
                continue  # another year's budget (2023年预算数为…)
            at = body_start + f.start("value")
            facts.append(NarrativeFact(
                f"function_line.{code}.{what}", Decimal(f["value"].replace(",", "")), f["unit"], None,
                text.sentence_at(at), _at(source, text.line_at(at)), f.groupdict().get("direction")))
    return facts


def _statement_starts(spec: _FunctionLines, text: str) -> list[re.Match]:
    """Every statement's names, in printed order; where wordings overlap the earlier start wins."""
    found = sorted((m for p in spec.starts for m in p.finditer(text)), key=lambda m: m.start())
    starts: list[re.Match] = []
    for m in found:
        if not starts or m.start() >= starts[-1].end():
            starts.append(m)
    return starts


def _line_named(names: str, rest: str, table, marker: re.Pattern) -> tuple[str, int] | None:
    """The code of the line the names name, and how much of ``rest`` its last name takes.

    “A（类）B（款）C（项）” and “A-B-C” name every level; （204类）A（06款）B（01项）C prints
    each level's marker, with its code, before its name, and the last name is the text after
    the last marker, as the table names that line. Each name is looked for under the one before.
    """
    names = squash(names).translate(_FULL_WIDTH)  # “住房保障支出（类)” is printed too
    if (coded := _CODED.fullmatch(names)) is not None:
        # The code printed with its name (2040201-行政运行, 行政运行（2014001）): the table's
        # line of that code, if it prints that name.
        code = coded["code"] or coded["code_after"]
        line = table.line(code)
        named = line is not None and squash(line.name).translate(_FULL_WIDTH) == (coded["name"] or coded["name_before"])
        return (code, 0) if named else None
    markers = list(marker.finditer(names))
    if markers and markers[0].start() == 0:
        levels = [(names[mk.end():nxt.start()] if nxt else None, mk["code"], mk["level"])
                  for mk, nxt in zip(markers, [*markers[1:], None])]
    elif markers:
        levels = [(names[prev.end() if prev else 0:mk.start()], mk["code"], mk["level"])
                  for prev, mk in zip([None, *markers[:-1]], markers)]
    else:
        levels = [(name, "", level) for name, level in zip(_DASHES.split(names), _CODE_LENGTH)]
    code, taken = "", 0
    for name, digits, level in levels:
        size = _CODE_LENGTH[level]
        lines = [line for line in table.lines if line.key.isdigit() and len(line.key) == size
                 and line.key.startswith(code) and (not digits or line.key == code + digits)]
        if name is not None:
            line = next((line for line in lines if squash(line.name).translate(_FULL_WIDTH) == name), None)
            if line is None and not code:
                # Unquoted, the first name runs on from the words before it (主要原因是…其他科学技术支出（款）).
                line = max((line for line in lines if name.endswith(squash(line.name).translate(_FULL_WIDTH))),
                           key=lambda line: len(line.name), default=None)
        else:
            # The last name runs on into the statement: the longest line name it begins with.
            taken_by = {line.key: _prefix(rest, squash(line.name).translate(_FULL_WIDTH)) for line in lines}
            line = max((line for line in lines if taken_by[line.key] is not None),
                       key=lambda line: taken_by[line.key], default=None)
            taken = taken_by[line.key] if line is not None else 0
        if line is None:
            return None
        code = line.key
    return code, taken


def _prefix(text: str, name: str) -> int | None:
    """How many characters of ``text`` spell ``name`` (spaces between them skipped), or None."""
    i = 0
    for char in name:
        while i < len(text) and text[i].isspace():
            i += 1
        if i == len(text) or text[i].translate(_FULL_WIDTH) != char:
            return None
        i += 1
    return i


def _asset_rows(source, lines, profile, narrative) -> list[AssetRow]:
    spec = profile.assets
    title = re.compile(spec["title"])
    start = next((i for i, line in enumerate(lines) if title.match(line.text)), None)
    if start is None:
        return []
    rows = {item: re.compile(p) for item, p in spec["rows"].items()}
    skip = [re.compile(p) for p in spec["skip"]]
    total_item = spec["total_item"]
    total_fact = narrative.fact(spec["total_fact"])

    # Every number of the table, with the row printed on its own line (or None).
    tokens: list[tuple[str, str | None, SourceLine]] = []
    for line in lines[start + 1:]:
        if any(p.search(line.text) for p in skip):
            continue
        item, rest = None, line.text
        for name, pattern in rows.items():
            if m := pattern.match(line.text):
                item, rest = name, line.text[m.end():]
                break
        for number in _NUMBER.findall(rest):
            tokens.append((number, item, line))

    found: list[AssetRow] = []
    # 资产总额: a number on its own line, or the total row's own number, that equals the stated total.
    if total_fact is not None:
        hit = next((t for t in tokens if t[1] in (None, total_item) and Decimal(t[0]) == total_fact.value), None)
        if hit is not None:
            tokens.remove(hit)
            found.append(AssetRow(total_item, None, Decimal(hit[0]), _at(source, hit[2])))
    # Item rows: each number on its row's own line, one per row, and together they make the total.
    on_rows = [t for t in tokens if t[1] not in (None, total_item)]
    one_each = len({t[1] for t in on_rows}) == len(on_rows)
    adds_up = found and sum((Decimal(t[0]) for t in on_rows), Decimal(0)) == found[0].value
    if on_rows and one_each and adds_up and len(on_rows) == len(tokens):
        found += [AssetRow(t[1], None, Decimal(t[0]), _at(source, t[2])) for t in on_rows]
        tokens = []
    if tokens:
        total = found[0].value if found else None
        together = sum((Decimal(t[0]) for t in tokens), Decimal(0))
        note = f"; together they equal {total_item} {total}" if total is not None and together == total else ""
        for number, item, line in tokens:
            where = f"on the line of {item}" if item else "on a line of its own"
            narrative.problems.append(Problem(
                f"单位固定资产占用情况表: {number} ({where}) cannot be attributed to a row and column "
                f"with confidence{note}", _at(source, line)))
    return found

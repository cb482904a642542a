"""Read the performance-goal tables (项目绩效目标表) of a unit into records (no RDF here).

Copied PDF text prints a 绩效目标表 row on one line (the *anchor*, which starts with the
level-2 label such as 数量指标) only for the cells that sit on the row's middle line.
A cell that wraps is printed on lines of its own, often in a block with the same
column's cells of the next rows, and the basis column (指标值确定依据) may be printed as
one block before all rows. So the reader works in three steps:

1. each anchor line is parsed into the fields it holds (basis and target are found from
   the right, the remaining text is the name and the description);
2. the other lines become *loose cells* (wrapped lines joined by width), each with the
   columns it could belong to;
3. loose cells are dealt to the fields the anchors lack, column by column in row order,
   a cell never after the next row's anchor. Every consistent way to do so is
   enumerated. A field is set only when all of them agree; the cells they disagree on
   are reported on ``Project.unattributed``, never guessed.

What the tables look like (titles, labels, units, wrap widths) is data in
``mappings/goals/<template>.yaml``.

>>> from kg.resources import sample_path
>>> from kg.read.source.text import read_text
>>> source = read_text(sample_path())
>>> start = next(i for i, l in enumerate(source.lines) if l.text.strip().startswith("6、企业养老保险"))
>>> project = read_projects(source.name, source.lines[start:start + 75])[0]
>>> project.title, len(project.indicators), project.unattributed
('企业养老保险专项经费', 7, [])
>>> project.indicators[0].name, project.indicators[0].value, project.indicators[0].basis_text
('参保率（%）', Decimal('90'), '邢政办字【2008】34号文件要求')
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from kg.read.legal import CONCEPT, LEGAL, classify_basis, find_document_numbers
from kg.read.source.text import SourceLine, squash
from kg.records import Goal, Indicator, Location, Project, Unplaced
from kg.resources import read_yaml, resource

__all__ = ["read_projects", "parse_target"]

COLUMNS = ("name", "description", "value", "basis")
# Enough for every table seen; a table with more readings is reported, not searched on.
_MAX_SOLUTIONS = 500
# Joins made on width alone that may be cut to find a reading of a table.
_MAX_CUTS = 2


@dataclass(frozen=True)
class _Profile:
    title: re.Pattern
    header: str
    goals_label: str
    goal: re.Pattern
    page_number: re.Pattern
    funds: re.Pattern  # on squashed text
    currency: re.Pattern  # on squashed text
    level1: dict[str, str]  # key -> label
    level2: dict[str, tuple[str, str]]  # label -> (key, level1 key)
    anchor: re.Pattern
    target: re.Pattern  # the whole string is one numeric target
    target_in_text: re.Pattern  # a numeric target between spaces
    comparators: dict[str, str]
    units: dict[str, str]
    text_values: tuple[str, ...]
    wide: int
    no_line_start: str
    narrow: tuple[int, int]
    narrow_tail_max: int


@lru_cache(maxsize=None)
def _load_profile(template: str) -> _Profile:
    data = read_yaml(resource("mappings", "goals", f"{template}.yaml"))
    level2 = {v["label"]: (k, v["level1"]) for k, v in data["level2"].items()}
    labels2 = "|".join(map(re.escape, sorted(level2, key=len, reverse=True)))
    labels1 = "|".join(map(re.escape, data["level1"].values()))
    comparators = data["comparators"]
    units = data["measure_units"]
    unit_alt = "|".join(map(re.escape, sorted(units, key=len, reverse=True)))
    cmp_alt = "".join(map(re.escape, comparators))
    target = rf"(?P<cmp>[{cmp_alt}])?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>{unit_alt})?"
    return _Profile(
        title=re.compile(data["title"]),
        header=data["header"],
        goals_label=data["goals_label"],
        goal=re.compile(data["goal"]),
        page_number=re.compile(data["page_number"]),
        funds=re.compile(data["funds"]),
        currency=re.compile(data["currency"]),
        level1=dict(data["level1"]),
        level2=level2,
        anchor=re.compile(rf"^(?:(?:{labels1})\s*)?(?P<label>{labels2})(?:\s+(?P<rest>.*))?$"),
        target=re.compile(rf"^{target}$"),
        target_in_text=re.compile(rf"(?:(?<=\s)|^){target}$"),
        comparators=comparators,
        units=units,
        text_values=tuple(data["text_values"]),
        wide=data["wrap"]["wide"],
        no_line_start=data["wrap"]["no_line_start"],
        narrow=tuple(data["wrap"]["narrow"]),
        narrow_tail_max=data["wrap"]["narrow_tail_max"],
    )


@dataclass(frozen=True)
class Target:
    """A target parsed from its printed text: ``≥98 百分比`` → ``≥``, 98, ``%``."""

    comparator: str | None
    value: Decimal
    unit: str | None
    printed_unit: str | None


def parse_target(text: str, template: str = "hebei-county") -> Target | None:
    """The numeric target printed in ``text``, or ``None`` when it is not one.

    >>> parse_target("≥98 百分比")
    Target(comparator='≥', value=Decimal('98'), unit='%', printed_unit='百分比')
    >>> parse_target("≤0.1 万元\\\\件").unit
    '万元/件'
    >>> parse_target("效果显著") is None
    True
    """
    return _target(text, _load_profile(template))


def _target(text: str, profile: _Profile) -> Target | None:
    match = profile.target.match(text.strip())
    if not match:
        return None
    printed_unit = match["unit"]
    return Target(
        profile.comparators.get(match["cmp"]) if match["cmp"] else None,
        Decimal(match["num"]),
        profile.units[printed_unit] if printed_unit else None,
        printed_unit,
    )


def prints_goal_tables(template: str) -> bool:
    """Whether the template has 绩效目标表 (a ``mappings/goals/<id>.yaml``).

    A Shanghai district disclosure states only the number of projects with goals and
    their amount, in prose (narrative facts); it has no tables to read.
    """
    try:
        resource("mappings", "goals", f"{template}.yaml")
    except FileNotFoundError:
        return False
    return True


def read_projects(source: str, lines: list[SourceLine], template: str = "hebei-county") -> list[Project]:
    """Every 绩效目标表 in ``lines`` (a unit's 预算绩效信息 section), in printed order.

    :param source: the file name, for locations
    :param lines: the section's lines
    :param template: the profile id (``mappings/goals/<id>.yaml``)
    """
    profile = _load_profile(template)
    blocks: list[tuple[re.Match, SourceLine, list[SourceLine]]] = []
    for line in lines:
        text = line.text.strip()
        if not text or profile.page_number.match(text):
            continue
        if match := profile.title.match(text):
            blocks.append((match, line, []))
        elif blocks:
            blocks[-1][2].append(line)
    projects = [_read_table(source, match, line, body, profile) for match, line, body in blocks]
    for project in projects:
        project.funding_documents = find_document_numbers(project.title)
        project.cited = [found for cell in project.unattributed for found in find_document_numbers(cell.text)]
    return projects


def _at(source: str, line: SourceLine, table: str) -> Location:
    return Location(source, line.page, table, line.no)


def _read_table(source: str, title: re.Match, title_line: SourceLine, body: list[SourceLine],
                profile: _Profile) -> Project:
    number = int(title["number"])
    table = f"performance.{number}"
    project = Project(number, title["title"].strip(), _at(source, title_line, table))
    header = next((i for i, line in enumerate(body) if profile.header in line.text), None)
    if header is None:
        project.unattributed = [Unplaced(line.text.strip(), _at(source, line, table), "no header row found")
                                for line in body]
        return project
    project.goals = _goals(source, _funds(body[:header], profile, project), profile, table, project)
    rows, targets, groups = _rows_and_cells(source, body[header + 1:], profile, table)
    _deal(rows, targets, groups, project)
    for row in rows:
        project.indicators.append(_indicator(row, profile))
    return project


def _funds(lines: list[SourceLine], profile: _Profile, project: Project) -> list[SourceLine]:
    """Sets the project's printed funds and their unit from ``lines`` (those above the
    header row), and returns the other lines."""
    rest = []
    for line in lines:
        text = squash(line.text)
        if (match := profile.funds.match(text)) and project.funds is None:
            project.funds = Decimal(match["amount"].replace(",", ""))
            project.funds_currency = match["unit"] or match["after"] or project.funds_currency
        elif match := profile.currency.match(text):
            project.funds_currency = project.funds_currency or match["unit"]
        else:
            rest.append(line)
    return rest


def _goals(source: str, lines: list[SourceLine], profile: _Profile, table: str, project: Project) -> list[Goal]:
    goals: list[Goal] = []
    for line in lines:
        text = line.text.strip()
        if match := profile.goal.match(text):
            goals.append(Goal(int(match["number"]), match["text"].strip(), _at(source, line, table)))
        elif text == profile.goals_label:
            continue
        elif goals:  # a goal that wrapped
            last = goals[-1]
            goals[-1] = Goal(last.number, last.text + text, last.location)
        else:
            project.unattributed.append(Unplaced(text, _at(source, line, table), "text before the first goal"))
    return goals


@dataclass
class _Row:
    level2: str
    label: str
    anchor: int  # index among body lines
    location: Location
    readings: list[dict[str, str]]  # the fields the anchor line may hold
    fields: dict[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class _Cell:
    text: str
    position: int  # index of its first line among body lines
    location: Location
    columns: tuple[str, ...]
    basis: str | None = None  # a target printed with its basis ("≥255 人 冀财规〔2018〕21号")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _rows_and_cells(source: str, lines: list[SourceLine], profile: _Profile, table: str):
    """The rows (anchors), the targets printed on lines of their own, and the loose text lines."""
    rows: list[_Row] = []
    targets: list[_Cell] = []
    loose: list[tuple[int, Location, str]] = []
    for i, line in enumerate(lines):
        text = line.text.strip()
        if text in profile.level1.values():
            continue  # a merged level-1 cell; the level-2 label decides level 1
        if match := profile.anchor.match(text):
            key, _ = profile.level2[match["label"]]
            rows.append(_Row(key, match["label"], i, _at(source, line, table),
                             _readings(match["rest"] or "", profile)))
        elif (split := _target_and_basis(text, profile)) is not None:
            value, basis = split
            targets.append(_Cell(value, i, _at(source, line, table), ("value",), basis))
        else:
            loose.append((i, _at(source, line, table), text))
    return rows, targets, _groups(loose, profile)


def _target_and_basis(text: str, profile: _Profile) -> tuple[str, str | None] | None:
    """A loose line that is a target, optionally followed by its basis."""
    if profile.target.match(text):
        return text, None
    for match in reversed(list(re.finditer(r"\s+", text))):
        head, tail = text[: match.start()], text[match.end():]
        if profile.target.match(head) and classify_basis(tail).kind in (LEGAL, CONCEPT):
            return head, tail
    return None


@dataclass(frozen=True)
class _Group:
    """Consecutive loose lines that read as one wrapped cell.

    ``soft`` are the joins made on width alone (line ``i`` and ``i + 1``): a line that
    fills its column usually continues, but a cell can also end exactly there.
    """

    lines: tuple[tuple[int, Location, str], ...]
    soft: tuple[int, ...]


def _groups(loose: list[tuple[int, Location, str]], profile: _Profile) -> list[_Group]:
    groups: list[_Group] = []
    lines: list[tuple[int, Location, str]] = []
    soft: list[int] = []
    for index, location, text in loose:
        join = lines and lines[-1][0] + 1 == index and _continues([t for _, _, t in lines], text, profile)
        if lines and not join:
            groups.append(_Group(tuple(lines), tuple(soft)))
            lines, soft = [], []
        if join == "soft":
            soft.append(len(lines) - 1)
        lines.append((index, location, text))
    if lines:
        groups.append(_Group(tuple(lines), tuple(soft)))
    return groups


def _cells(groups: list[_Group], splits: frozenset[tuple[int, int]]) -> list[_Cell]:
    """The loose cells, with the groups cut at the ``splits`` (group, soft join) given."""
    cells: list[_Cell] = []
    for g, group in enumerate(groups):
        piece: list[tuple[int, Location, str]] = []
        for i, line in enumerate(group.lines):
            piece.append(line)
            if i == len(group.lines) - 1 or (g, i) in splits:
                text = "".join(t for _, _, t in piece)
                kind = classify_basis(text).kind
                # A cell citing a 文号 is a basis; a known phrase (满意度) may also be a name.
                columns = ("basis",) if kind == LEGAL else ("name", "description") + (
                    ("basis",) if kind == CONCEPT else ())
                cells.append(_Cell(text, piece[0][0], piece[0][1], columns))
                piece = []
    return cells


def _continues(group: list[str], text: str, profile: _Profile) -> str | None:
    """Whether ``text`` is the next line of the cell whose lines so far are ``group``:
    ``"hard"`` (it must be), ``"soft"`` (by width: it may be) or ``None``."""
    width = _width(group[-1])
    if text[0] in "（(":
        return "hard"
    if (cited := find_document_numbers(text)) and text.startswith(cited[0].printed[:2]):
        return None  # a 文号 starts a basis cell of its own
    # A line may break one character early so that punctuation does not start a line.
    if profile.wide - 2 <= width < profile.wide and len(text) > 1 and text[1] in profile.no_line_start:
        return "hard"
    if width >= profile.wide:
        return "soft"
    low, high = profile.narrow
    if not all(low <= _width(line) <= high for line in group):
        return None  # the short last line of a wide cell
    # The narrow basis column repeats one wrapped text row after row: its joins are sure.
    return "hard" if _width(text) <= profile.narrow_tail_max or _width(text) == width else None


def _readings(rest: str, profile: _Profile) -> list[dict[str, str]]:
    """The ways an anchor line's text after the labels can be read as fields."""
    fields: dict[str, str] = {}
    rest, basis = _split_basis(rest, profile)
    if basis:
        fields["basis"] = basis
    if (match := profile.target_in_text.search(rest)) and match.group(0).strip():
        fields["value"] = match.group(0).strip()
        rest = rest[: match.start()].strip()
    else:
        for word in profile.text_values:
            if rest == word or rest.endswith(" " + word):
                fields["value"] = word
                rest = rest[: -len(word)].strip()
                break
    # A space next to a digit is where the PDF put one between CJK and a number
    # ("每月 15日前"); only a space between two words separates cells.
    texts = [t for t in re.split(r"(?<![\d.])\s+(?![\d.])", rest) if t] if rest else []
    if "value" in fields or not texts:
        shapes = {0: [()], 1: [("name",)], 2: [("name", "description")]}.get(len(texts), [])
    else:
        shapes = {1: [("name",)], 2: [("name", "description"), ("name", "value")],
                  3: [("name", "description", "value")]}.get(len(texts), [])
    if not shapes:  # more printed texts than columns to hold them
        return [dict(fields, _unread=" ".join(texts))]
    return [dict(fields, **dict(zip(shape, texts))) for shape in shapes]


def _split_basis(rest: str, profile: _Profile) -> tuple[str, str | None]:
    documents = find_document_numbers(rest)
    if documents:
        start = rest.rfind(documents[-1].printed)
        if start >= 0 and (start == 0 or rest[start - 1].isspace()):
            return rest[:start].strip(), rest[start:].strip()
    tokens = rest.split()
    for size in range(1, len(tokens)):
        tail = tokens[-size:]
        if any(profile.target.match(t) or t in profile.text_values for t in tail):
            break
        text = " ".join(tail)
        if classify_basis(text).kind == CONCEPT:
            return " ".join(tokens[:-size]), text
    return rest, None


def _deal(rows: list[_Row], targets: list[_Cell], groups: list[_Group], project: Project) -> None:
    """Give the loose cells to the fields the anchors lack; set what every reading agrees on.

    Wrapped lines are first joined as their widths suggest. When no reading of the table
    exists that way, the joins made on width alone are cut, fewest first, until one does.
    """
    soft = [(g, i) for g, group in enumerate(groups) for i in group.soft]
    solutions: list[tuple[list[_Cell], tuple[int, ...], dict[int, tuple[str, int]]]] = []
    for count in range(min(len(soft), _MAX_CUTS) + 1):
        for cut in itertools.combinations(soft, count):
            cells = sorted(targets + _cells(groups, frozenset(cut)), key=lambda cell: cell.position)
            for choice in itertools.product(*(range(len(row.readings)) for row in rows)):
                missing = {c: [r for r, row in enumerate(rows) if c not in row.readings[choice[r]]] for c in COLUMNS}
                for assignment in itertools.islice(_assignments(rows, cells, missing), _MAX_SOLUTIONS):
                    solutions.append((cells, choice, assignment))
        if solutions:
            break
    if not solutions or len(solutions) > _MAX_SOLUTIONS:
        reason = ("no reading of the table gives every row its cells" if not solutions
                  else "too many readings of the table")
        for row in rows:  # what the row's own line says, however it is read
            row.fields = {c: v for c, v in row.readings[0].items()
                          if c in COLUMNS and all(r.get(c) == v for r in row.readings)}
        for cell in sorted(targets + _cells(groups, frozenset()), key=lambda cell: cell.position):
            project.unattributed.append(Unplaced(cell.text, cell.location, reason))
        _report_unread(rows, project)
        return
    # Copied text prints a row's name near the row, and a column's cells together: of
    # the readings, keep those with the fewest names printed above the row before, then
    # those that switch column least often between neighbouring loose cells.
    anchors = [row.anchor for row in rows]

    def cost(cells: list[_Cell], assignment: dict[int, tuple[str, int]]) -> tuple[int, int]:
        neighbours = [i for i in range(len(cells) - 1)
                      if not any(cells[i].position < a < cells[i + 1].position for a in anchors)]
        switches = sum(assignment[i][0] != assignment[i + 1][0] for i in neighbours)
        displaced = sum(column == "name" and r > 0 and cells[i].position < anchors[r - 1]
                        for i, (column, r) in assignment.items())
        return displaced, switches

    best = min(cost(cells, a) for cells, _, a in solutions)
    solutions = [(cells, c, a) for cells, c, a in solutions if cost(cells, a) == best]
    readings = [_fields_of(rows, cells, choice, assignment) for cells, choice, assignment in solutions]
    for r, row in enumerate(rows):
        row.fields = {c: readings[0][r].get(c) for c in COLUMNS
                      if all(reading[r].get(c) == readings[0][r].get(c) for reading in readings)}
    # A cell is reported when the field it would fill is not agreed on; the message
    # names every place the readings put the text printed at its first line.
    places: dict[int, set[str]] = {}
    for cells, _, assignment in solutions:
        for i, (column, r) in assignment.items():
            places.setdefault(cells[i].position, set()).add(f"{rows[r].label} {column}")
    cells, _, assignment = solutions[0]
    for i, (column, r) in sorted(assignment.items()):
        if rows[r].fields.get(column) is None:
            project.unattributed.append(Unplaced(
                cells[i].text, cells[i].location,
                "could belong to more than one row or column: " + ", ".join(sorted(places[cells[i].position]))))
    _report_unread(rows, project)


def _report_unread(rows: list[_Row], project: Project) -> None:
    for row in rows:
        unread = {reading.get("_unread") for reading in row.readings} - {None}
        for text in unread:
            project.unattributed.append(Unplaced(text, row.location, "more texts on the row line than columns"))


def _fields_of(rows, cells, choice, assignment) -> list[dict[str, str]]:
    fields = [dict(row.readings[choice[r]]) for r, row in enumerate(rows)]
    for i, (column, r) in assignment.items():
        fields[r][column] = cells[i].text
        if column == "value" and cells[i].basis:
            fields[r]["basis"] = cells[i].basis
    return fields


def _assignments(rows: list[_Row], cells: list[_Cell], missing: dict[str, list[int]]):
    """Every way to deal ``cells`` (in printed order) to the ``missing`` fields, column by column."""
    anchors = [row.anchor for row in rows]
    taken = {c: 0 for c in COLUMNS}
    chosen: dict[int, tuple[str, int]] = {}

    def fits(cell: _Cell, column: str, r: int) -> bool:
        if r + 1 < len(rows) and cell.position > anchors[r + 1]:
            return False
        # A row's own target sits beside it, not above the row before.
        return column != "value" or r == 0 or cell.position > anchors[r - 1]

    def step(i: int):
        if i == len(cells):
            if all(taken[c] == len(missing[c]) for c in COLUMNS):
                yield dict(chosen)
            return
        cell = cells[i]
        for column in cell.columns:
            if taken[column] >= len(missing[column]):
                continue
            r = missing[column][taken[column]]
            if not fits(cell, column, r):
                continue
            if cell.basis is not None:
                if taken["basis"] >= len(missing["basis"]) or missing["basis"][taken["basis"]] != r:
                    continue
                taken["basis"] += 1
            taken[column] += 1
            chosen[i] = (column, r)
            yield from step(i + 1)
            del chosen[i]
            taken[column] -= 1
            if cell.basis is not None:
                taken["basis"] -= 1

    yield from step(0)


def _indicator(row: _Row, profile: _Profile) -> Indicator:
    fields = row.fields
    value_text = fields.get("value")
    target = _target(value_text, profile) if value_text else None
    return Indicator(
        level1=profile.level2[row.label][1],
        level2=row.level2,
        level2_label=row.label,
        name=fields.get("name"),
        description=fields.get("description"),
        value_text=value_text,
        comparator=target.comparator if target else None,
        value=target.value if target else None,
        measure_unit=target.unit if target else None,
        printed_unit=target.printed_unit if target else None,
        basis_text=fields.get("basis"),
        location=row.location,
        basis=classify_basis(fields["basis"]) if fields.get("basis") is not None else None,
    )

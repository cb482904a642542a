"""Tables from word positions (PDF input): a printed line is a row, a number's column
is the header printed nearest above it.

Where the text path (:mod:`kg.read.tables.reconstruct`) has to search for the placement
that satisfies the table's arithmetic, a PDF still shows where each number stands,
so here every number is put where it is printed. The records are the same as the
text path's: :class:`~kg.records.Table`, :class:`~kg.records.Line`, Decimal cells,
and every numeric token of a table body is either in exactly one cell or listed as
:class:`~kg.records.Unplaced` with its file, page and table.

What a template prints is data (``mappings/<template>.yaml``): titles, the header
words of each column, the labels of the summary tables' rows, the code layout.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from kg import codes
from kg.read.profiles import Profile, TableProfile
from kg.read.source.pdf import PdfLine, PdfSource, Word
from kg.read.tables.identities import identity_breaks
from kg.records import Line, Location, Problem, Table, Unit, Unplaced

__all__ = ["read_units", "unit_identifier"]

#: A printed amount: 1,234.50 or 1234.50 or 0 (codes are told apart by position).
AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_DIGITS = re.compile(r"^\d{1,3}$")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+\s*[、.．])")


@dataclass
class _Column:
    key: str  # column key, or row key for single-row tables
    side: str | None
    centre: float


@dataclass
class _Section:
    """The printed lines of one table, from its title to the next title."""

    profile: TableProfile
    title: str
    lines: list[PdfLine] = field(default_factory=list)


def unit_identifier(region: str | None, name: str) -> str:
    """A stable identifier for a unit that prints no code: from its region and name.

    >>> unit_identifier("上海市普陀区", "上海市普陀区商务委员会")
    'u-8595d97116'
    """
    digest = hashlib.sha256(f"{region or ''}|{name}".encode("utf-8")).hexdigest()
    return f"u-{digest[:10]}"


def read_units(source: PdfSource, profile: Profile) -> tuple[list[Unit], list[Problem]]:
    """Every unit of a PDF disclosure with its tables, and what could not be read.

    :param source: the PDF's positioned words
    :param profile: the template profile (a ``source: pdf`` profile)
    """
    text = "\n".join(line.text for line in source.lines)
    year = _first(profile.year, text)
    region = _first(profile.region, text) if profile.region else None
    problems: list[Problem] = []
    units: list[Unit] = []
    for section in _sections(source, profile):
        header = _unit_header(section, profile)
        name = header[0] if header else None
        unit = units[-1] if units and (name is None or units[-1].name == name) else None
        if unit is None:
            where = Location(source.name, section.lines[0].page if section.lines else 1)
            unit = Unit(unit_identifier(region, name or ""), name or "", int(year) if year else 0,
                        profile.currency, location=where)
            if name is None:
                problems.append(Problem(f"table {section.profile.key}: no 编制单位 line found", where))
            units.append(unit)
        if unit.table(section.profile.key) is not None:
            problems.append(Problem(f"unit {unit.name}: table {section.title} printed twice; the second is skipped",
                                    Location(source.name, section.lines[0].page, section.profile.key)))
            continue
        table = _read_table(source.name, section, profile)
        if header and header[1]:
            table_currency = header[1]
            if not unit.tables:
                unit.currency = table_currency
            if table_currency != unit.currency:
                table.currency = table_currency
        unit.tables.append(table)
    for unit in units:
        if not year:
            problems.append(Problem(f"unit {unit.name}: no budget year found", unit.location))
        for table_profile in profile.tables:
            if unit.table(table_profile.key) is None:
                problems.append(Problem(
                    f"unit {unit.name}: table {table_profile.title} ({table_profile.key}) is missing", unit.location))
    return units, problems


def _first(pattern: re.Pattern | None, text: str) -> str | None:
    if pattern is None:
        return None
    m = re.search(pattern.pattern, text, re.M)  # anchors mean a printed line
    return m.group(1) if m else None


def _joined(line: PdfLine) -> str:
    return "".join(w.text for w in line.words)


def _sections(source: PdfSource, profile: Profile) -> list[_Section]:
    sections: list[_Section] = []
    current: _Section | None = None
    for line in source.lines:
        squashed = _joined(line)
        table = profile.recognises(squashed)
        if table is not None:
            current = _Section(table, squashed)
            sections.append(current)
        elif profile.tables_end and profile.tables_end.search(squashed):
            current = None
        elif current is not None:
            current.lines.append(line)
    return sections


def _unit_header(section: _Section, profile: Profile) -> tuple[str, str | None] | None:
    """(unit name, printed currency) from the 编制单位 line under the title."""
    for line in section.lines[:3]:
        m = profile.unit_header.search(line.text)
        if m:
            currency = profile.currency_pattern.search(line.text)
            return m["name"], currency.group(1) if currency else None
    return None


def _read_table(source: str, section: _Section, profile: Profile) -> Table:
    spec = section.profile
    table = Table(spec.key, section.title, [], classification=spec.classification)
    columns: list[_Column] = []
    by_page: dict[int, list[PdfLine]] = {}
    for line in section.lines:
        by_page.setdefault(line.page, []).append(line)
    for page, lines in by_page.items():
        table.pages.append(page)
        first_body = next((i for i, line in enumerate(lines) if any(AMOUNT.match(w.text) for w in line.words)),
                          len(lines))
        found = _columns(spec, [w for line in lines[:first_body] for w in line.words])
        if found:
            columns = found
        for line in lines:
            if profile.empty_note.match(_joined(line)):
                table.empty_note = _joined(line)
        placed: list[tuple[PdfLine, Line]] = []
        fragments: list[PdfLine] = []
        for line in lines[first_body:]:
            if _is_name_fragment(line, spec, profile):
                fragments.append(line)
            else:
                placed += [(line, record) for record in _read_line(source, line, spec, columns, profile, table)]
        _join_wrapped_names(fragments, placed)
    printed = {c.key for c in columns} if spec.layout != "single_row" else set(spec.columns)
    table.columns = [c for c in spec.columns if c in printed]
    table.breaks = identity_breaks(table, spec, source)
    return table


def _column_specs(spec: TableProfile) -> list[tuple[str, str | None, list[re.Pattern]]]:
    if spec.layout == "single_row":
        return [(row, None, header) for row, (_, header) in spec.cells.items()]
    if spec.layout == "labelled":
        return [(key, side, words) for side, s in spec.sides.items() for key, words in s.headers.items()]
    return [(key, None, words) for key, words in spec.headers.items()]


def _columns(spec: TableProfile, words: list[Word]) -> list[_Column]:
    """Match header words to columns, left to right in the profile's order."""
    ordered = sorted(words, key=lambda w: w.centre)
    columns: list[_Column] = []
    last = -math.inf
    for key, side, patterns in _column_specs(spec):
        word = next((w for w in ordered if w.centre > last and any(p.fullmatch(w.text) for p in patterns)), None)
        if word is not None:
            columns.append(_Column(key, side, word.centre))
            last = word.centre
    return columns


def _is_name_fragment(line: PdfLine, spec: TableProfile, profile: Profile) -> bool:
    """A line of a classified table holding only part of a wrapped name (no code, no amount)."""
    if spec.layout != "classified" or profile.empty_note.match(_joined(line)) or _joined(line) == profile.total_label:
        return False
    return not any(AMOUNT.match(w.text) or _DIGITS.match(w.text) for w in line.words)


def _middle(line: PdfLine) -> float:
    return sum(w.y0 + w.y1 for w in line.words) / (2 * len(line.words))


def _join_wrapped_names(fragments: list[PdfLine], placed: list[tuple[PdfLine, Line]]) -> None:
    """A name too long for its cell wraps above and below the row's own line: each
    fragment joins the row printed nearest to it, in reading order."""
    for fragment in fragments:
        if not placed:
            return
        line, record = min(placed, key=lambda p: abs(_middle(p[0]) - _middle(fragment)))
        text = _joined(fragment)
        record.name = text + record.name if _middle(fragment) > _middle(line) else record.name + text


def _read_line(source: str, line: PdfLine, spec: TableProfile, columns: list[_Column], profile: Profile,
               table: Table) -> list[Line]:
    """The rows one printed line holds (two for a two-sided summary table)."""
    where = Location(source, line.page, spec.key, line.no)
    out: list[Line] = []
    if not columns:
        amounts = [w for w in line.words if AMOUNT.match(w.text)]
        table.tokens += len(amounts)
        table.unplaced += [Unplaced(w.text, where, "no column headers found for this page") for w in amounts]
        return out
    first_column = min(c.centre for c in columns)
    words = list(line.words)
    code_parts: list[str] = []
    if spec.layout == "classified":
        while words and _DIGITS.match(words[0].text) and words[0].x1 < first_column:
            code_parts.append(words.pop(0).text)
    numbers = [w for w in words if AMOUNT.match(w.text)]
    table.tokens += len(numbers)
    # A number printed where the row's label stands belongs to no column.
    amounts = [w for w in numbers if w.x1 > first_column - 1]
    table.unplaced += [Unplaced(w.text, where, "printed left of every column") for w in numbers if w not in amounts]
    labels = [w for w in words if w not in numbers]
    # Which side of a two-sided table a word belongs to: left of the last left-side column's centre.
    sides = list(spec.sides)
    boundary = max((c.centre for c in columns if c.side == sides[0]), default=None) if len(sides) > 1 else None

    def side_of(word: Word) -> str | None:
        if boundary is None:
            return sides[0] if sides else None
        return sides[0] if word.centre < boundary else sides[1]

    groups: dict[str | None, list[Word]] = {}
    for word in amounts:
        column = min(columns, key=lambda c: abs(c.centre - word.centre))
        groups.setdefault(column.side, []).append(word)
    side_labels: dict[str | None, list[Word]] = {}
    for word in labels:
        side_labels.setdefault(side_of(word) if spec.layout == "labelled" else None, []).append(word)
    for side in dict.fromkeys([*side_labels, *groups]):
        label = "".join(w.text for w in side_labels.get(side, []))
        numbers = groups.get(side, [])
        key, code = _row_key(spec, side, label, code_parts, profile)
        if key is None:
            table.unplaced += [Unplaced(w.text, where, f"no row for the label {label!r}") for w in numbers]
            continue
        if spec.layout == "single_row":
            out += _single_row(spec, columns, numbers, where, table)
            continue
        values: dict[str, Decimal] = {}
        for word in numbers:
            column = min((c for c in columns if c.side == side), key=lambda c: abs(c.centre - word.centre))
            if column.key in values:
                table.unplaced.append(Unplaced(word.text, where, f"a second number under {column.key}"))
                continue
            values[column.key] = Decimal(word.text.replace(",", ""))
        if values or code:
            if table.line(key) is not None:
                table.unplaced += [Unplaced(w.text, where, f"row {key} printed twice") for w in numbers]
                continue
            out.append(Line(key, label, values, where, code=code))
            table.lines.append(out[-1])
    return out


def _row_key(spec: TableProfile, side: str | None, label: str, code_parts: list[str],
             profile: Profile) -> tuple[str | None, str | None]:
    """(row key, code) of a printed row; (None, None) when the row is not one the profile knows."""
    name = _ORDINAL.sub("", label)
    if spec.layout == "single_row":
        return "", None
    if spec.layout == "classified":
        if code_parts:
            code = _join_code(code_parts, profile.code_layout.get(spec.classification or "", []))
            return (code, code) if code else (None, None)
        return ("total", None) if name == profile.total_label else (None, None)
    rows = spec.sides[side].rows if side in spec.sides else {}
    for key, printed in rows.items():
        if key != "[class]" and _ORDINAL.sub("", printed.replace(" ", "")) == name:
            return key, None
    if "[class]" in rows and name:
        code = codes.function_class_by_name(name) if rows["[class]"] == "function" else \
            codes.economic_class_by_name(name)
        return (code, code) if code else (f"class:{name}", None)
    return None, None


def _join_code(parts: list[str], widths: list[int]) -> str | None:
    """``['301', '2']`` with widths ``[3, 2]`` is ``30102``: a part printed short lost its leading zeros.

    >>> _join_code(["201", "03", "01"], [3, 2, 2]), _join_code(["301", "2"], [3, 2])
    ('2010301', '30102')
    """
    if not widths or len(parts) > len(widths) or any(len(p) > w for p, w in zip(parts, widths)):
        return None
    if len(parts[0]) != widths[0]:
        return None
    return "".join(p.zfill(w) for p, w in zip(parts, widths))


def _single_row(spec: TableProfile, columns: list[_Column], numbers: list[Word], where: Location,
                table: Table) -> list[Line]:
    column_key = spec.columns[0]
    out: list[Line] = []
    for word in numbers:
        item = min(columns, key=lambda c: abs(c.centre - word.centre)).key
        if table.line(item) is not None:
            table.unplaced.append(Unplaced(word.text, where, f"a second number under {item}"))
            continue
        name = spec.cells[item][0]
        out.append(Line(item, name, {column_key: Decimal(word.text.replace(",", ""))}, where))
        table.lines.append(out[-1])
    return out

"""Split a paginated text into units and their tables, and lines into tokens.

A table starts at its title line and runs until the next title or the next
non-table heading (the profile's ``tables_end``); a continuation page repeats the unit header, which is where the
unit code and name are read. Tokens are what the parser places: amounts (two
decimals, glued ones split: ``3.00100.00`` → 3.00, 100.00; ``989.0017`` → 989.00
and the row number 17), integers (codes, row and column numbers) and text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from kg.read.profiles import Profile, TableProfile
from kg.read.source.text import SourceLine, TextSource

_PIECE = re.compile(r"(?P<amount>-?\d{1,3}(?:,\d{3})+\.\d{2}|-?\d+\.\d{2})|(?P<int>\d+)|(?P<text>[^\d\s]+)")


@dataclass(frozen=True)
class Piece:
    kind: str  # "amount", "int" or "text"
    text: str
    line: SourceLine

    @property
    def value(self) -> Decimal:
        return Decimal(self.text.replace(",", ""))


@dataclass
class TableText:
    profile: TableProfile
    unit_code: str
    unit_name: str
    title_line: SourceLine
    lines: list[SourceLine] = field(default_factory=list)

    @property
    def pages(self) -> list[int]:
        return sorted({line.page for line in [self.title_line, *self.lines]})


@dataclass
class UnitText:
    code: str
    name: str
    year: int | None
    currency: str | None
    first_line: SourceLine
    tables: list[TableText] = field(default_factory=list)


def pieces(line: SourceLine, skip: list[re.Pattern] = ()) -> list[Piece]:
    """The tokens of a line, after removing header text such as the budget year."""
    text = line.text
    for pattern in skip:
        text = pattern.sub(" ", text)
    return [Piece(m.lastgroup, m.group(), line) for m in _PIECE.finditer(text)]


def split_units(source: TextSource, profile: Profile) -> list[UnitText]:
    """Group the table lines of a document by unit, in printed order."""
    units: list[UnitText] = []
    current: TableText | None = None
    pending: TableText | None = None  # title seen, unit header not yet
    for line in source.lines:
        table_profile = profile.table_by_title(line.text)
        if table_profile is not None:
            current, pending = None, TableText(table_profile, "", "", line)
            continue
        if profile.tables_end is not None and profile.tables_end.search(line.text):
            current = pending = None
            continue
        header = _unit_header(line.text, profile)
        if header is not None:
            unit = next((u for u in units if u.code == header[0]), None)
            if unit is None:
                unit = UnitText(header[0], header[1], None, None, line)
                units.append(unit)
            _read_year_and_currency(unit, line.text, profile)
            if pending is not None:
                pending.unit_code, pending.unit_name = unit.code, unit.name
                unit.tables.append(pending)
                current, pending = pending, None
            # A header repeated on a continuation page is not table content.
            continue
        if current is not None:
            current.lines.append(line)
            _read_year_and_currency(units[-1], line.text, profile)
        elif pending is not None:
            pending.lines.append(line)
    for unit in units:
        for line in (l for t in unit.tables for l in t.lines):
            _read_year_and_currency(unit, line.text, profile)
    return units


def _unit_header(text: str, profile: Profile) -> tuple[str, str] | None:
    match = profile.unit_header.match(text)
    if not match:
        return None
    return match.group(1), match.group(2)


def _read_year_and_currency(unit: UnitText, text: str, profile: Profile) -> None:
    if unit.year is None and (m := profile.year.search(text)):
        unit.year = int(m.group(1)[:4])
    if unit.currency is None and (m := profile.currency_pattern.search(text)):
        unit.currency = m.group(1)

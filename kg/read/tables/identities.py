"""Which of a table's arithmetic identities its printed numbers break (PDF path).

The text path learns this while it places numbers; a PDF's numbers are placed by
position, so the same identities are checked afterwards and recorded as
:class:`~kg.records.IdentityBreak`, never repaired. A blank cell of a printed row
counts as zero; an identity over a column the document does not print is skipped.
"""

from __future__ import annotations

from decimal import Decimal

from kg import codes
from kg.records import IdentityBreak, Line, Location, Table
from kg.read.profiles import Equation, TableProfile

__all__ = ["identity_breaks"]

ZERO = Decimal(0)


def identity_breaks(table: Table, spec: TableProfile, source: str) -> list[IdentityBreak]:
    """The identities of ``spec`` (and, for classified tables, parent = sum of children
    and 合计 = sum of top-level rows) that ``table`` breaks.

    >>> from kg.records import Line, Location, Table
    >>> from kg.read.profiles import TableProfile, parse_equation
    >>> at = Location("a.pdf", 1)
    >>> table = Table("expenditure", "支出总表", ["total", "basic", "project"], lines=[
    ...     Line("total", "合计", {"total": Decimal("5"), "basic": Decimal("2")}, at)])
    >>> spec = TableProfile("expenditure", "支出总表", "classified", ["total", "basic", "project"],
    ...                     identities=[parse_equation("total = basic + project")])
    >>> [(b.kind, b.row, b.expected, b.actual) for b in identity_breaks(table, spec, "a.pdf")]
    [('row-sum', 'total', Decimal('2'), Decimal('5'))]
    """
    printed = set(table.columns)
    rows = {line.key: line for line in table.lines}
    found: list[IdentityBreak] = []
    for equation in spec.identities:
        if not all(t.column in printed for t in equation.terms):
            continue
        if equation.row_level:
            for line in table.lines:
                found += _check(equation, table, rows, line, source)
        elif any(t.row == "class" and not t.summed for t in equation.terms):
            for line in table.lines:
                if codes.is_class_row(line.key):
                    found += _check(equation, table, rows, line, source)
        else:
            found += _check(equation, table, rows, None, source)
    if spec.layout == "classified":
        found += _hierarchy(table, source)
    return found


def _cell(line: Line | None, column: str) -> Decimal:
    return line.values.get(column, ZERO) if line is not None else ZERO


def _check(equation: Equation, table: Table, rows: dict[str, Line], current: Line | None,
           source: str) -> list[IdentityBreak]:
    actual = expected = ZERO
    for term in equation.terms:
        if term.summed:
            value = sum((_cell(l, term.column) for l in table.lines if codes.is_class_row(l.key)), ZERO)
        else:
            key = current.key if term.row in (None, "class") and current is not None else term.row
            value = _cell(rows.get(key), term.column)
        if term.coef > 0:
            actual += value
        else:
            expected += value
    if actual == expected:
        return []
    first = equation.terms[0]
    row = current.key if first.row in (None, "class") and current is not None else first.row
    where = rows[row].location if row in rows else Location(source, table.pages[0] if table.pages else 1,
                                                             table.key)
    return [IdentityBreak("row-sum", table.key, row, first.column, expected, actual, where)]


def _hierarchy(table: Table, source: str) -> list[IdentityBreak]:
    by_key = {line.key: line for line in table.lines}
    children: dict[str, list[Line]] = {}
    tops: list[Line] = []
    for line in table.lines:
        if line.key == "total":
            continue
        parent = codes.parent_code(line.key)
        if parent in by_key:
            children.setdefault(parent, []).append(line)
        else:
            tops.append(line)
    found: list[IdentityBreak] = []
    total = by_key.get("total")
    for column in table.columns:
        checks = [("parent-sum", by_key[p], kids) for p, kids in children.items()]
        if total is not None and tops:
            checks.append(("total-sum", total, tops))
        for kind, parent, kids in checks:
            expected = sum((_cell(k, column) for k in kids), ZERO)
            if _cell(parent, column) != expected:
                found.append(IdentityBreak(kind, table.key, parent.key, column, expected, _cell(parent, column),
                                           parent.location))
    return found

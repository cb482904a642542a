"""Which of a table's arithmetic identities its printed numbers break (PDF path).

The text path learns this while it places numbers; a PDF's numbers are placed by
position, so the same identities are checked afterwards and recorded as
:class:`~kg.records.IdentityBreak`, never repaired. A blank cell of a printed row
counts as zero; an identity over a column the document does not print is skipped.
"""

from __future__ import annotations

from decimal import Decimal

from kg.equations import PARENT_RULE, Instance, TableView, hierarchy, instances
from kg.read.profiles import TableProfile
from kg.records import ZERO, IdentityBreak, Location, Table

__all__ = ["identity_breaks", "table_view"]



def table_view(table: Table, classified: bool) -> TableView:
    """The rows and printed columns of a table record, for :mod:`kg.equations`.

    :param classified: whether the table's rows are codes (its profile's layout)
    """
    return TableView(table.key, tuple(line.key for line in table.lines), tuple(table.columns), classified)


def identity_breaks(table: Table, spec: TableProfile, source: str) -> list[IdentityBreak]:
    """The identities of ``spec`` (and, for classified tables, parent = sum of children
    and 合计 = sum of top-level rows) that ``table`` breaks.

    >>> from kg.equations import parse
    >>> from kg.records import Line, Location, Table
    >>> at = Location("a.pdf", 1)
    >>> table = Table("expenditure", "支出总表", ["total", "basic", "project"], lines=[
    ...     Line("total", "合计", {"total": Decimal("5"), "basic": Decimal("2")}, at)])
    >>> spec = TableProfile("expenditure", "支出总表", "classified", ["total", "basic", "project"],
    ...                     identities=[parse("total = basic + project")])
    >>> [(b.kind, b.row, b.expected, b.actual) for b in identity_breaks(table, spec, "a.pdf")]
    [('row-sum', 'total', Decimal('2'), Decimal('5'))]
    """
    view = table_view(table, spec.layout == "classified")
    checks = [("row-sum", i) for equation in spec.identities for i in instances(equation, view, {})]
    checks += [("parent-sum" if i.rule == PARENT_RULE else "total-sum", i) for i in hierarchy(view)]
    found = []
    for kind, instance in checks:
        actual, expected = _sides(instance, table)
        if actual != expected:
            found.append(IdentityBreak(kind, table.key, instance.at.row, instance.at.column, expected, actual,
                                       _where(table, instance, source)))
    return found


def _sides(instance: Instance, table: Table) -> tuple[Decimal, Decimal]:
    """The printed left and right sides; a blank cell or an absent row counts as 0."""
    sides = [ZERO, ZERO]
    for ref in instance.refs:
        line = table.line(ref.row)
        sides[ref.coef < 0] += line.values.get(ref.column, ZERO) if line is not None else ZERO
    return sides[0], sides[1]


def _where(table: Table, instance: Instance, source: str) -> Location:
    line = table.line(instance.at.row) if instance.at.row is not None else None
    if line is not None:
        return line.location
    return Location(source, table.pages[0] if table.pages else 1, table.key)

"""The equations a document's tables must satisfy, written out as data for the shapes.

A template profile (``mappings/*.yaml``) states each table's arithmetic once, as small
equations (``total = basic + project``, ``[class].gpb = gpb_expenditure[class].total``);
the parser uses them to place numbers. Validation reads the same equations: for each
document this module writes one node per equation instance, naming the cells on each
side and the cell the finding points at. The shapes in ``ontology/shapes/tables.ttl`` and
``cross-table.ttl`` then do the arithmetic (sum each side, compare to the printed cent),
so a rule lives in one place and a template that adds a table adds its rules with it.

Besides the profile's equations, classified tables get the structural ones: each printed
parent code = the sum of its printed children, and 合计 = the sum of the 类 rows.

Which shape reports a broken equation is part of the profile too (``checks:``); by
default an equation within one row is ``BK-ROW-TOTAL`` (``BK-ECON-BASIC`` in an economic
table), any other identity ``BK-SUMMARY-BALANCE`` and an agreement ``BK-AGREE-LINE``.
An equation over a column a table does not print, or over a table the document lacks,
does not apply. A blank cell counts as 0: it is simply not named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.term import BNode

from kg import codes
from kg.read.profiles import Equation, Profile, TableProfile, Term, load_profile

BK = Namespace("https://budget-kg.org/def/")
#: Terms of equation instances. They exist only in the graph being validated.
CHECK = Namespace("https://budget-kg.org/def/check/")

__all__ = ["CHECK", "equations_graph"]

ROW_TOTAL, ECON_BASIC, SUMMARY, AGREE = "BK-ROW-TOTAL", "BK-ECON-BASIC", "BK-SUMMARY-BALANCE", "BK-AGREE-LINE"
PARENT, TOTAL = "BK-SUM-PARENT", "BK-SUM-TOTAL"


@dataclass
class _Line:
    node: URIRef
    key: str
    code: str | None = None
    cells: dict[str, URIRef] = field(default_factory=dict)  # column key -> cell IRI


@dataclass
class _Table:
    node: URIRef
    key: str
    columns: set[str]
    lines: dict[str, _Line] = field(default_factory=dict)  # row key -> line, in no order

    def classes(self) -> list[_Line]:
        return [line for key, line in self.lines.items() if codes.is_class_row(key)]

    def by_code(self) -> dict[str, _Line]:
        return {line.code: line for line in self.lines.values() if line.code}


def equations_graph(data: Graph) -> Graph:
    """One ``check:Equation`` node per equation instance of every document in ``data``.

    :param data: one or more document graphs (read only)
    :returns: a new graph to be validated together with ``data``
    """
    out = Graph()
    for document in data.subjects(RDF.type, BK.BudgetDocument):
        template = data.value(document, BK.template)
        profile = _profile(str(template)) if template is not None else None
        for _, tables in sorted(_tables_by_unit(data, document).items()):
            _write(out, document, profile, tables)
    return out


@cache
def _profile(template: str) -> Profile | None:
    try:
        return load_profile(template)
    except FileNotFoundError:
        return None


def _tables_by_unit(data: Graph, document) -> dict[object, dict[str, _Table]]:
    units: dict[object, dict[str, _Table]] = {}
    for node in data.subjects(BK.inDocument, document):
        key = data.value(node, BK.tableKey)
        if key is None:
            continue
        columns = {_local(c) for c in data.objects(node, BK.hasColumn)}
        table = _Table(node, str(key), columns)
        for line_node in data.subjects(BK.table, node):
            code = data.value(line_node, BK.code)
            line = _Line(line_node, str(data.value(line_node, BK.rowKey)), str(code) if code is not None else None)
            for cell in data.objects(line_node, BK.cell):
                if data.value(cell, BK.amount) is not None:
                    line.cells[_local(data.value(cell, BK.column))] = cell
            table.lines[line.key] = line
        units.setdefault(data.value(node, BK.unit), {})[table.key] = table
    return units


def _local(iri) -> str:
    return str(iri).rsplit("/", 1)[-1]


def _write(out: Graph, document, profile: Profile | None, tables: dict[str, _Table]) -> None:
    specs = {spec.key: spec for spec in profile.tables} if profile else {}
    seen: set[tuple] = set()  # an equation stated twice (identity and rule) is checked once
    for _, table in sorted(tables.items()):
        spec = specs.get(table.key)
        if spec is None:
            continue
        checks = spec.checks
        for equation in spec.identities:
            _expand(out, seen, document, equation, table, tables, _identity_check(equation, spec, checks))
        for equation in spec.agreements:
            _expand(out, seen, document, equation, table, tables, checks.get(equation.text) or checks.get("agree", AGREE))
        for extra in spec.validations:
            _expand(out, seen, document, extra.equation, table, tables, extra.check, extra.void_if)
        if spec.layout == "classified":
            _hierarchy(out, document, table)


def _identity_check(equation: Equation, spec: TableProfile, checks: dict[str, str]) -> str:
    if equation.text in checks:
        return checks[equation.text]
    rows = {t.row for t in equation.terms if not t.summed}
    if len(rows) == 1 and not any(t.summed for t in equation.terms):
        return ECON_BASIC if spec.classification == "economic" else ROW_TOTAL
    return checks.get("identities", SUMMARY)


def _expand(out: Graph, seen: set[tuple], document, equation: Equation, table: _Table, tables: dict[str, _Table],
            check: str, void_if: tuple[Term, ...] = ()) -> None:
    """Write the instances of one equation of ``table``: one per current row, or one."""
    involved = [(t, tables.get(t.table or table.key)) for t in equation.terms]
    if any(other is None or t.column not in other.columns for t, other in involved):
        return
    current = {t.row for t in equation.terms if not t.summed and t.row in (None, "class", "*")}
    if not current:
        rows: list[str | None] = [None]
    elif None in current:
        rows = sorted(table.lines)
    else:
        # [class] / [*]: every such row of any table the equation reads, so that a row
        # printed in one table and missing from the other is still compared.
        rows = sorted({key for t, other in involved if not t.summed for key in other.lines
                       if "*" in current or codes.is_class_row(key)})
    for row in rows:
        left, right, sides = [], [], ([], [])
        for term, other in involved:
            (left if term.coef > 0 else right).extend(_cells(term, other, row))
            place = (other.key, "sum" if term.summed else None, row if term.row in (None, "class", "*") else term.row)
            sides[term.coef < 0].append(place + (term.column,))
        # Blank on both sides cannot break; a = b and b = a are one equation.
        signature = frozenset({frozenset(sides[0]), frozenset(sides[1])})
        if not (left or right) or signature in seen:
            continue
        seen.add(signature)
        first_term, first_table = involved[0]
        at_row = row if first_term.row in (None, "class", "*") else first_term.row
        second_term, second_table = next((x for x in involved if x[0].coef < 0), involved[-1])
        other_row = row if second_term.row in (None, "class", "*") else second_term.row
        node = BNode()
        _instance(out, node, document, check, equation.text, first_table, at_row, first_term.column, left, right)
        out.add((node, CHECK.otherTable, second_table.node))
        out.add((node, CHECK.otherRow, Literal(other_row if other_row and not second_term.summed else "")))
        out.add((node, CHECK.otherColumn, Literal(second_term.column)))
        for term in void_if:
            source = tables.get(term.table or table.key)
            for cell in _cells(term, source, row) if source is not None else []:
                out.add((node, CHECK.voidIf, cell))


def _cells(term: Term, table: _Table, row: str | None) -> list[URIRef]:
    if term.summed:
        lines = table.classes() if term.row == "class" else list(table.lines.values())
    else:
        key = row if term.row in (None, "class", "*") else term.row
        lines = [table.lines[key]] if key in table.lines else []
    return [line.cells[term.column] for line in lines if term.column in line.cells]


def _instance(out: Graph, node, document, check: str, rule: str, table: _Table, row: str | None, column: str,
              left: list[URIRef], right: list[URIRef]) -> None:
    add = out.add
    add((node, RDF.type, CHECK.Equation))
    add((node, CHECK.shape, Literal(check)))
    add((node, CHECK.document, document))
    add((node, CHECK.rule, Literal(rule)))
    add((node, CHECK.table, table.node))
    add((node, CHECK.row, Literal(row or "")))
    add((node, CHECK.column, Literal(column)))
    line = table.lines.get(row) if row else None
    at = line.cells.get(column, line.node) if line is not None else table.node
    add((node, CHECK.at, at))
    for cell in left:
        add((node, CHECK.left, cell))
    for cell in right:
        add((node, CHECK.right, cell))


def _hierarchy(out: Graph, document, table: _Table) -> None:
    """Each parent code = the sum of its children; 合计 = the sum of the 类 rows; every column."""
    coded = table.by_code()
    children: dict[str, list[_Line]] = {}
    for code, line in coded.items():
        parent = codes.parent_code(code)
        if parent is not None and parent in coded:
            children.setdefault(parent, []).append(line)
    sums = [(PARENT, "parent = sum(children)", coded[p], kids) for p, kids in sorted(children.items())]
    if "total" in table.lines:
        sums.append((TOTAL, "合计 = sum(类)", table.lines["total"], table.classes()))
    for check, rule, parent, kids in sums:
        for column in sorted(table.columns):
            left = [parent.cells[column]] if column in parent.cells else []
            right = [kid.cells[column] for kid in kids if column in kid.cells]
            if left or right:
                _instance(out, BNode(), document, check, rule, table, parent.key, column, left, right)

"""The equations a document's tables must satisfy, written out as data for the shapes.

A template profile (``mappings/*.yaml``) states each table's arithmetic once, as small
equations (``total = basic + project``, ``[class].gpb = gpb_expenditure[class].total``);
the parser uses them to place numbers. Validation reads the same equations, expanded by
the same code (:mod:`kg.equations`): for each document this module writes one node per
equation instance, naming the cells on each side (those printed blank apart) and the cell
the finding points at. The shapes in ``ontology/shapes/tables.ttl`` and ``cross-table.ttl``
then do the arithmetic (sum each side, compare to the printed cent), so a rule lives in one
place and a template that adds a table adds its rules with it.

Besides the profile's equations, classified tables get the structural ones: each printed
parent code = the sum of its printed children, and 合计 = the sum of the top rows.

Which shape reports a broken equation is part of the profile too (``checks:``); by
default an equation within one row is ``BK-ROW-TOTAL`` (``BK-ECON-BASIC`` in an economic
table), any other identity ``BK-SUMMARY-BALANCE`` and an agreement ``BK-AGREE-LINE``.
An equation over a column a table does not print, or over a table the document lacks,
does not apply. A blank cell counts as 0: it is simply not named.

Unless its table was not read completely (it has a ``bk:unplacedToken``): there a cell
may be absent because its token could not be placed, not because nothing is printed, and
0 would be a number the document does not print. An instance that names an absent cell of
such a table, or sums over its rows (a row the reader did not make is named by no sum), is
not written, so no arithmetic finding is drawn from what was not read; ``BK-UNREAD``
reports the table instead. Instances over its cells that were read are checked as usual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.term import BNode

from kg.equations import PARENT_RULE, Equation, Instance, TableView, hierarchy, instances
from kg.rdf import vocab
from kg.rdf.iris import cell_iri
from kg.read.profiles import Profile, TableProfile, load_profile


class _Terms(Namespace):
    """A namespace whose terms are made once: a document's equations ask for them some 10⁴ times."""

    def __getattr__(self, name: str):
        term = super().__getattr__(name)
        self.__dict__[name] = term
        return term


BK = _Terms(vocab.BK.prefix)
CHECK = _Terms(vocab.CHECK.prefix)


@dataclass(frozen=True)
class Terms:
    """The terms an equation is written with: rdflib's for pySHACL's graph, or a store's own.

    Made in the store's kind, the 10⁴ statements of a document's equations need no conversion.
    """

    node: Callable[[], object]  # a fresh blank node
    text: Callable[[str], object]  # a plain literal, made once per text (labels, rows, rules recur)
    check: object  # the ``check:`` terms, as attributes
    type: object  # ``rdf:type``
    #: the node a line's cell in a column has, from the line's node (a blank cell's has no statement)
    cell: Callable[[object, str], object]


RDFLIB_TERMS = Terms(node=BNode, text=lru_cache(maxsize=1 << 16)(Literal), check=CHECK, type=RDF.type,
                     cell=lambda line, column: URIRef(cell_iri(str(line), column)))

__all__ = ["CHECK", "RDFLIB_TERMS", "Line", "Table", "Terms", "equations_graph", "write_equations"]

ROW_TOTAL, ECON_BASIC, SUMMARY, AGREE = "BK-ROW-TOTAL", "BK-ECON-BASIC", "BK-SUMMARY-BALANCE", "BK-AGREE-LINE"
PARENT, TOTAL = "BK-SUM-PARENT", "BK-SUM-TOTAL"


@dataclass
class Line:
    """A printed row of a table, with its cells by column (nodes of rdflib or Oxigraph)."""

    node: object
    key: str
    code: str | None = None
    name: str | None = None  # as printed
    cells: dict[str, object] = field(default_factory=dict)  # column key -> cell node

    @property
    def label(self) -> str:
        """How a message names the row: as printed, with its code; the key only when nothing is printed."""
        return " ".join(part for part in (self.code, self.name) if part) or self.key


@dataclass
class Table:
    """A table of one unit: its printed columns and lines, and whether it was read completely."""

    node: object
    key: str
    columns: set[str]
    lines: dict[str, Line] = field(default_factory=dict)  # row key -> line, in no order
    unread: bool = False  # some of its printed numbers were not placed in a cell (bk:unplacedToken)
    currency: str | None = None  # the unit its amounts are printed in (万元, 元)

    def view(self, classified: bool) -> TableView:
        return TableView(self.key, tuple(sorted(self.lines)), tuple(sorted(self.columns)), classified)

    def by_code(self) -> Table:
        """The same table with its lines known by their printed codes: the code hierarchy
        is about what is printed (a line's key is the reader's)."""
        lines: dict[str, Line] = {}
        for key, line in sorted(self.lines.items()):
            code, n = line.code or key, 1
            while code in lines:  # one code printed on two rows (split by 政府经济科目)
                n += 1
                code = f"{line.code or key}.{n}"
            lines[code] = line
        return Table(self.node, self.key, self.columns, lines, self.unread, self.currency)

    def lacks(self, row: str, column: str) -> bool:
        """Whether the cell is absent for want of reading, not because the document leaves it blank."""
        line = self.lines.get(row)
        return self.unread and (line is None or column not in line.cells)


#: ``add((subject, predicate, object))``: where the equations are written (an rdflib graph's ``add``, a list's ``append``).
Add = Callable[[tuple], object]


def equations_graph(data: Graph) -> Graph:
    """One ``check:Equation`` node per equation instance of every document in ``data``.

    Each line also gets its ``check:rowLabel`` (see :attr:`Line.label`): a message names a
    row as the document prints it, never by the reader's key (``operating_costs``).

    :param data: one or more document graphs (read only)
    :returns: a new graph to be validated together with ``data``
    """
    out = Graph()
    for document in data.subjects(RDF.type, BK.BudgetDocument):
        template = data.value(document, BK.template)
        write_equations(out.add, document, str(template) if template is not None else None,
                        _tables_by_unit(data, document))
    return out


def write_equations(add: Add, document, template: str | None, units: dict[object, dict[str, Table]],
                    terms: Terms = RDFLIB_TERMS) -> None:
    """Write the equations of one document's tables (by unit, then key) and its lines' row labels.

    Subjects and objects taken from ``units`` are passed through as they are; the terms
    this module makes (predicates, literals, equation nodes) are made by ``terms``.
    """
    profile = _profile(template) if template is not None else None
    for _, tables in sorted(units.items(), key=lambda item: str(item[0])):
        for table in tables.values():
            for line in table.lines.values():
                add((line.node, terms.check.rowLabel, terms.text(line.label)))
        _write(add, terms, document, profile, tables)


@cache
def _profile(template: str) -> Profile | None:
    try:
        return load_profile(template)
    except FileNotFoundError:
        return None


def _tables_by_unit(data: Graph, document) -> dict[object, dict[str, Table]]:
    units: dict[object, dict[str, Table]] = {}
    for node in data.subjects(BK.inDocument, document):
        key = data.value(node, BK.tableKey)
        if key is None:
            continue
        columns = {_local(c) for c in data.objects(node, BK.hasColumn)}
        table = Table(node, str(key), columns, unread=(node, BK.unplacedToken, None) in data,
                      currency=_text(data.value(node, BK.printedCurrencyUnit)))
        for line_node in data.subjects(BK.table, node):
            code, name = data.value(line_node, BK.code), data.value(line_node, BK.printedName)
            line = Line(line_node, str(data.value(line_node, BK.rowKey)), _text(code), _text(name))
            for cell in data.objects(line_node, BK.cell):
                if data.value(cell, BK.amount) is not None:
                    line.cells[_local(data.value(cell, BK.column))] = cell
            table.lines[line.key] = line
        units.setdefault(data.value(node, BK.unit), {})[table.key] = table
    return units


def _text(value) -> str | None:
    return str(value) if value is not None else None


def _local(iri) -> str:
    return str(iri).rsplit("/", 1)[-1]


def _write(add: Add, terms: Terms, document, profile: Profile | None, tables: dict[str, Table]) -> None:
    specs = {spec.key: spec for spec in profile.tables} if profile else {}
    views = {key: table.view(key in specs and specs[key].layout == "classified") for key, table in tables.items()}
    seen: set[frozenset] = set()  # an equation stated twice (identity and rule) is checked once
    for key, table in sorted(tables.items()):
        spec = specs.get(key)
        if spec is None:
            continue
        view, checks = views[key], spec.checks
        for equation in spec.identities:
            if not _sums_unread(equation, key, tables):
                _write_instances(add, terms, seen, document, instances(equation, view, views), tables,
                                 _identity_check(equation, spec, checks))
        for equation in spec.agreements:
            if not _sums_unread(equation, key, tables):
                _write_instances(add, terms, seen, document, instances(equation, view, views), tables,
                                 checks.get(equation.text) or checks.get("agree", AGREE))
        for extra in spec.validations:
            if not _sums_unread(extra.equation, key, tables):
                _write_instances(add, terms, seen, document, instances(extra.equation, view, views, extra.void_if),
                                 tables, extra.check)
        # A sum over the rows of a table not read completely may miss a row the reader did
        # not make (a PDF row whose label it does not know): no parent or 合计 sum there.
        if spec.layout == "classified" and not table.unread:
            coded = table.by_code()
            for instance in hierarchy(coded.view(classified=True)):
                _write_instance(add, terms, document, PARENT if instance.rule == PARENT_RULE else TOTAL, instance,
                                {key: coded})


def _sums_unread(equation: Equation, key: str, tables: dict[str, Table]) -> bool:
    """Whether a ``sum(…)`` term of the equation adds up the rows of a table not read completely."""
    return any(
        term.sums_rows and (table := tables.get(term.table or key)) is not None and table.unread
        for term in equation.terms
    )


def _identity_check(equation: Equation, spec: TableProfile, checks: dict[str, str]) -> str:
    if equation.text in checks:
        return checks[equation.text]
    rows = {t.row for t in equation.terms if not t.summed}
    if len(rows) == 1 and not any(t.sums_rows for t in equation.terms):
        return ECON_BASIC if spec.classification == "economic" else ROW_TOTAL
    return checks.get("identities", SUMMARY)


def _write_instances(add: Add, terms: Terms, seen: set[frozenset], document, found: list[Instance],
                     tables: dict[str, Table], check: str) -> None:
    for instance in found:
        # Blank on both sides cannot break; a = b and b = a are one equation.
        if instance.signature in seen:
            continue
        # A cell absent because its token was not placed is not 0: the instance is not evaluated.
        if any(tables[ref.table].lacks(ref.row, ref.column) for ref in (*instance.refs, *instance.void_if)):
            continue
        # The shapes compare amounts as printed: tables printed in 元 and in 万元 are not compared.
        if len({tables[ref.table].currency for ref in instance.refs}) > 1:
            continue
        node = _write_instance(add, terms, document, check, instance, tables)
        if node is None:
            continue
        seen.add(instance.signature)
        other = instance.other
        add((node, terms.check.otherTable, tables[other.table].node))
        add((node, terms.check.otherRow, terms.text(other.row or "")))
        add((node, terms.check.otherRowLabel, terms.text(_row_label(tables[other.table], other.row))))
        add((node, terms.check.otherColumn, terms.text(other.column)))
        for cell in _cells(instance.void_if, tables):
            add((node, terms.check.voidIf, cell))


def _cells(refs, tables: dict[str, Table]) -> list:
    """The cell nodes of these references that hold an amount (a blank cell counts as 0)."""
    found = []
    for ref in refs:
        line = tables[ref.table].lines.get(ref.row)
        if line is not None and ref.column in line.cells:
            found.append(line.cells[ref.column])
    return found


def _row_label(table: Table, row: str | None) -> str:
    line = table.lines.get(row) if row else None
    return line.label if line is not None else row or ""


def _write_instance(add: Add, terms: Terms, document, check: str, instance: Instance, tables: dict[str, Table]):
    """One ``check:Equation`` node, or ``None`` when no cell of it holds an amount."""
    left = _cells([r for r in instance.refs if r.coef > 0], tables)
    right = _cells([r for r in instance.refs if r.coef < 0], tables)
    if not (left or right):
        return None
    node = terms.node()
    table = tables[instance.at.table]
    add((node, terms.type, terms.check.Equation))
    add((node, terms.check.shape, terms.text(check)))
    add((node, terms.check.document, document))
    add((node, terms.check.rule, terms.text(instance.rule)))
    add((node, terms.check.table, table.node))
    add((node, terms.check.row, terms.text(instance.at.row or "")))
    add((node, terms.check.rowLabel, terms.text(_row_label(table, instance.at.row))))
    add((node, terms.check.column, terms.text(instance.at.column)))
    line = table.lines.get(instance.at.row) if instance.at.row else None
    at = line.cells.get(instance.at.column, line.node) if line is not None else table.node
    add((node, terms.check.at, at))
    for cell in left:
        add((node, terms.check.left, cell))
    for cell in right:
        add((node, terms.check.right, cell))
    # The blank cells it names, of printed lines and columns: the shapes count them as 0, and a
    # cause may be an amount left out of one (kg.validate.causes).
    for predicate, refs in ((terms.check.blankLeft, [r for r in instance.refs if r.coef > 0]),
                            (terms.check.blankRight, [r for r in instance.refs if r.coef < 0])):
        for ref in refs:
            table = tables[ref.table]
            line = table.lines.get(ref.row)
            if line is not None and ref.column in table.columns and ref.column not in line.cells:
                add((node, predicate, terms.cell(line.node, ref.column)))
    return node

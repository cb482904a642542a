"""The equation language of the template profiles: parsed once, expanded in one place.

A profile (``mappings/*.yaml``) states each table's arithmetic as small equations over
cells::

    total = basic + project                      every row of the table
    [income.grand_total].amount = [income.current_total].amount + [income.carryover].amount
    [expenditure.current_total].gpb = sum([class].gpb)
    [class].gpb = gpb_expenditure[class].total   each 类 row, against another table
    [*].total = expenditure[*].total             each row, against another table

A term is ``[row].column``: ``row`` is a row key, ``class`` (each 类 row), ``*`` (each
row) or left out (each row of a row-level equation); ``sum(…)`` adds the term over every
row it names; a prefix ``table`` reads another table of the same unit. An equation over
a column a table does not print does not apply; one over a named row it does not print
reads 0 there, or (a profile's ``absent_rows: skip``) does not apply either; nor, there,
does one over a 类 row (or any row, ``[*]``) that one of its tables does not print. A named row
inside ``sum(…)`` is a part some tables print and others do not: it adds its cell when
printed and never keeps the equation from applying (``[expenditure.total].total =
[expenditure.basic].total + [expenditure.project].total + sum([expenditure.reserve].total)``);
so is a column inside ``sum(…)`` in a row-level equation (``total = basic + project +
sum(reserve)``).

Besides what the profile states, a classified table obeys its code hierarchy: each
printed parent code = the sum of its printed children, and 合计 = the sum of the 类 rows.

:func:`parse` turns the text into an :class:`Equation`; :func:`instances` and
:func:`hierarchy` write out what an equation means for the tables at hand, as
:class:`Instance` objects naming cells by (table, row, column). Every consumer walks
these instances: the text reader's placement search (a cell is a search variable, a
cell of another table a constant), the PDF reader's check of what was printed, and
validation (a cell is an RDF node). None of them interprets the language itself.

>>> expenditure = TableView("expenditure", ("total", "201", "20101"), ("total", "basic"), classified=True)
>>> [i.refs for i in instances(parse("total = basic"), expenditure, {})][:1]
[(Ref(coef=1, table='expenditure', row='total', column='total'), Ref(coef=-1, table='expenditure', row='total', column='basic'))]
>>> [(i.rule, i.at.row, i.at.column) for i in hierarchy(expenditure)]
[('parent = sum(children)', '201', 'total'), ('合计 = sum(类)', 'total', 'total'), ('parent = sum(children)', '201', 'basic'), ('合计 = sum(类)', 'total', 'basic')]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from kg.codes import is_class_row, parent_code

__all__ = ["Equation", "Instance", "Ref", "TableView", "Term", "base_key", "hierarchy", "instances", "parse"]

#: Row words of a term that stand for "the row at hand" rather than one named row.
CLASS, EACH = "class", "*"
PARENT_RULE, TOTAL_RULE = "parent = sum(children)", "合计 = sum(类)"
#: The row key of a classified table's 合计 row.
TOTAL_ROW = "total"
#: The suffix of a key printed more than once (a row 30102.2, a table gpb_expenditure.2).
_REPEAT = re.compile(r"\.\d+$")


def base_key(key: str) -> str:
    """A key without the suffix that told apart its repetitions.

    >>> base_key("30102.2"), base_key("gpb_expenditure"), base_key("income.gpb")
    ('30102', 'gpb_expenditure', 'income.gpb')
    """
    return _REPEAT.sub("", key)


@dataclass(frozen=True)
class Term:
    """One cell reference of an equation, with its sign (+1 left side, -1 right side)."""

    coef: int
    row: str | None  # a row key, "class", "*", or None: the current row (row-level equations)
    column: str
    table: str | None = None  # another table (agreements); None: the equation's own table
    summed: bool = False  # sum(...) over every row ``row`` names

    @property
    def current(self) -> bool:
        """Whether the term reads the row at hand (one instance per such row)."""
        return not self.summed and self.row in (None, CLASS, EACH)

    @property
    def optional(self) -> bool:
        """``sum(column)`` in a row-level equation: the row's cell in a column some tables
        print and others do not; added where printed, and never keeps the equation from applying."""
        return self.summed and self.row is None

    @property
    def sums_rows(self) -> bool:
        """``sum([row].column)``: adds the column over the rows ``row`` names."""
        return self.summed and self.row is not None


@dataclass(frozen=True)
class Equation:
    """``sum(left terms) == sum(right terms)``, as written in a profile."""

    text: str
    terms: tuple[Term, ...]
    # A named row the table does not print: 0 (a template whose rows are all printed,
    # blank or not), or the equation does not apply (a province whose tables print only
    # some of the standard rows).
    absent_rows: str = "zero"

    @property
    def row_level(self) -> bool:
        """Every term reads the current row (``total = basic + project``)."""
        return all(t.row is None for t in self.terms)


@dataclass(frozen=True)
class TableView:
    """What the expansion needs to know of a table: its key, its row keys in printed
    order, the columns it prints (in printed order) and whether its rows are codes."""

    key: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    classified: bool = False


@dataclass(frozen=True)
class Ref:
    """A cell by position: ``coef`` is +1 on the left side, -1 on the right."""

    coef: int
    table: str
    row: str
    column: str


@dataclass(frozen=True)
class Place:
    """Where an instance is reported, or what it is compared with: a table, a row
    (``None`` for a sum or a table-wide rule) and a column."""

    table: str
    row: str | None
    column: str


@dataclass(frozen=True)
class Instance:
    """One equation written out for one row (or once, when it reads no current row).

    A cell that a table does not hold counts as 0: each consumer simply finds no value
    for its :class:`Ref`. ``at`` is the cell of the first term, where a break is
    reported; ``other`` the first term of the right side, what it is compared with.
    """

    rule: str
    row: str | None  # the current row; None when the equation reads named rows only
    refs: tuple[Ref, ...]
    at: Place
    other: Place
    # The same equation, stated once per table it joins, is one: a = b and b = a.
    signature: frozenset
    void_if: tuple[Ref, ...] = ()


_TERM = re.compile(r"^(?:(?P<table>[a-z_]+)(?=\[))?(?P<sum>sum\()?(?:\[(?P<row>[^\]]+)\]\.)?(?P<col>[a-z_]+)\)?$")


def parse(text: str) -> Equation:
    """An equation from its text.

    >>> parse("[class].gpb = gpb_expenditure[class].total").terms[1]
    Term(coef=-1, row='class', column='total', table='gpb_expenditure', summed=False)

    :raises ValueError: the text is not an equation of this language
    """
    left, _, right = text.partition("=")
    if not right:
        raise ValueError(f"equation without '=': {text!r}")
    terms = [parse_term(t, +1) for t in left.split("+")] + [parse_term(t, -1) for t in right.split("+")]
    return Equation(text, tuple(terms))


def parse_term(text: str, coef: int = 1) -> Term:
    """One term (``summary[income.gpb].amount``) with the given sign.

    :raises ValueError: the text is not a term of this language
    """
    match = _TERM.match(text.strip().replace(" ", ""))
    if not match:
        raise ValueError(f"cannot read the term {text.strip()!r}")
    return Term(coef, match["row"], match["col"], match["table"], bool(match["sum"]))


def instances(equation: Equation, table: TableView, tables: Mapping[str, TableView],
              void_if: tuple[Term, ...] = ()) -> list[Instance]:
    """What one equation of ``table`` says about these tables, one instance per current row.

    A row-level equation applies to every row of ``table``; ``[class]`` and ``[*]`` to
    every such row of any table the equation reads, so that a row printed in one table
    and missing from the other is still compared. An equation over a table that is not
    in ``tables``, or over a column its table does not print, does not apply (``[]``).

    :param equation: an equation of ``table``'s profile
    :param table: the table the equation is stated on
    :param tables: the unit's other tables, by key (``table`` itself may be among them)
    :param void_if: terms whose cells, when any is non-zero, make an instance not apply
        (carried through as :attr:`Instance.void_if`; the consumer decides). A named row
        printed more than once voids by each of its printings (``income.balance``,
        ``income.balance.2``): any of them is money the rule does not hold for.
    """
    views = {**tables, table.key: table}
    involved = [(term, views.get(term.table or table.key)) for term in equation.terms]
    if any(view is None or (term.column not in view.columns and not term.optional) for term, view in involved):
        return []
    if equation.absent_rows == "skip" and any(_named(term) and term.row not in view.rows for term, view in involved):
        return []
    current = {term.row for term in equation.terms if term.current}
    if not current:
        rows: list[str | None] = [None]
    elif None in current:
        rows = list(table.rows)
    else:
        rows = list(dict.fromkeys(
            key for term, view in involved if term.current for key in view.rows
            if EACH in current or is_class_row(key)
        ))
        if equation.absent_rows == "skip":  # a row one table does not print: it says nothing of it
            rows = [key for key in rows if all(key in view.rows for term, view in involved if term.current)]
    first, first_view = involved[0]
    second, second_view = next(((t, v) for t, v in involved if t.coef < 0), involved[-1])
    out = []
    for row in rows:
        refs = tuple(ref for term, view in involved for ref in _refs(term, view, row))
        voids = tuple(ref for term in void_if if (view := views.get(term.table or table.key)) is not None
                      for ref in _void_refs(term, view, row))
        sides: tuple[list, list] = ([], [])
        for term, view in involved:
            sides[term.coef < 0].append((view.key, term.summed, row if term.current else term.row, term.column))
        out.append(Instance(
            rule=equation.text,
            row=row,
            refs=refs,
            at=Place(first_view.key, row if first.row in (None, CLASS, EACH) else first.row, first.column),
            other=Place(second_view.key, None if second.summed else (row if second.current else second.row),
                        second.column),
            signature=frozenset({frozenset(sides[0]), frozenset(sides[1])}),
            void_if=voids,
        ))
    return out


def _named(term: Term) -> bool:
    """A term on one named row ([income.grand_total].amount), not on the current or every row."""
    return not term.summed and not term.current and term.row not in (CLASS, EACH)


def _refs(term: Term, view: TableView, row: str | None) -> list[Ref]:
    if term.optional:
        return [Ref(term.coef, view.key, row, term.column)] if term.column in view.columns else []
    if term.summed:
        rows: tuple[str, ...] | list[str] = _summed_rows(view.rows, term.row)
    else:
        key = row if term.current else term.row
        rows = [key] if key is not None else []
    return [Ref(term.coef, view.key, r, term.column) for r in rows]


def _void_refs(term: Term, view: TableView, row: str | None) -> list[Ref]:
    if not _named(term):
        return _refs(term, view, row)
    return [Ref(term.coef, view.key, r, term.column) for r in _printings(view.rows, term.row)]


# Both are asked once per instance, with the same rows each time: a table's rows are
# scanned once per table instead (validation expands some 10³ instances a document).
@lru_cache(maxsize=1024)
def _summed_rows(rows: tuple[str, ...], which: str | None) -> tuple[str, ...]:
    """The rows ``sum([which])`` adds up: every row, the 类 rows, or one named row."""
    return tuple(r for r in rows if which == EACH or (is_class_row(r) if which == CLASS else r == which))


@lru_cache(maxsize=1024)
def _printings(rows: tuple[str, ...], row: str | None) -> tuple[str, ...]:
    """Each printing of a named row (``income.balance``, ``income.balance.2``)."""
    return tuple(r for r in rows if base_key(r) == row)


def hierarchy(table: TableView) -> list[Instance]:
    """The code hierarchy of a classified table, in every printed column: each printed
    parent code = the sum of its printed children; 合计 = the sum of the 类 rows (``[]``
    for a table whose rows are not codes).

    A code printed without its parent counts under its nearest printed ancestor (3010201
    printed under 301, with no 30102 row). A code with no printed ancestor is in
    neither sum: it is either misprinted (and reported as such) or a table that omits its
    类 rows, whose 合计 this cannot check.
    """
    if not table.classified:
        return []
    printed = set(table.rows)
    children: dict[str, list[str]] = {}
    for row in table.rows:
        # A code printed on two rows is keyed 30102 and 30102.2: both are the parent's children.
        parent = parent_code(base_key(row))
        while parent is not None and parent not in printed:
            parent = parent_code(parent)
        if parent is not None:
            children.setdefault(parent, []).append(row)
    tops = [row for row in table.rows if is_class_row(row)]
    sums = [(PARENT_RULE, parent, kids) for parent, kids in children.items()]
    if TOTAL_ROW in printed and tops:
        sums.append((TOTAL_RULE, TOTAL_ROW, tops))
    out = []
    for column in table.columns:
        for rule, whole, parts in sums:
            refs = (Ref(1, table.key, whole, column), *(Ref(-1, table.key, part, column) for part in parts))
            out.append(Instance(rule, whole, refs, Place(table.key, whole, column), Place(table.key, None, column),
                                frozenset({(table.key, whole, column)})))
    return out

"""What the search is given and what it gives back: the placement puzzle of one table.

A :class:`Puzzle` is the table's rows and cells, the amounts printed in it (tokens, in
printed order) and the identities its cells obey; a :class:`Solution` says which token
each cell holds. Both are plain data: :mod:`kg.read.tables.reconstruct` builds the
puzzle from a table's text and reads the solution back into records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from kg.records import ZERO


@dataclass(frozen=True)
class Token:
    index: int
    value: Decimal
    text: str
    page: int
    line: int
    # The row whose label this amount is printed beside, when the text says so; it
    # goes into that row or nowhere (a misprint stays in its row).
    row: int | None = None
    # The row whose code alone is printed on this amount's line, if any: where the
    # layout-first reading (:mod:`~.blocks`) puts it; the search does not use it.
    beside: int | None = None


@dataclass(frozen=True)
class Cell:
    id: int
    row: int  # index into Puzzle.rows
    column: str
    stream: int  # cells of one stream are filled top to bottom
    page: int


@dataclass(frozen=True)
class Identity:
    """``sum(coef * cell) + constant == 0``; soft identities are agreements."""

    kind: str
    row: str
    column: str
    terms: tuple[tuple[int, int], ...]  # (coef, cell id)
    constant: Decimal = ZERO
    soft: bool = False
    hint: bool = False  # orders the search only; never costs anything
    rule: str = ""  # the profile's equation it stands for
    # An agreement with a cell that its own table's identities break at: a hint to the
    # search (that amount may be the misprint), still reported when the reading breaks it.
    doubted: bool = False


@dataclass
class Row:
    key: str
    page: int
    cells: dict[str, int] = field(default_factory=dict)  # column -> cell id
    # A row printed because it has money in it (a code line), unlike a template
    # row that is printed even when empty; leaving it empty costs.
    expects_amount: bool = False


@dataclass
class Puzzle:
    rows: list[Row]
    cells: list[Cell]
    tokens: list[Token]
    identities: list[Identity]


@dataclass
class Solution:
    values: dict[int, Token]  # cell id -> token; absent = empty cell
    unplaced: list[Token]
    ambiguous: list[Token]
    broken: list[Identity]
    cost: tuple
    gave_up: bool  # a node limit was hit before the stopping rule: a better placement may exist


def residual(ident: Identity, values: dict[int, Token]) -> Decimal:
    """What a placement leaves of ``sum(coef * cell) + constant`` (0: the identity holds),
    on the printed values, an empty cell counting 0."""
    return ident.constant + sum((coef * values[c].value for coef, c in ident.terms if c in values), ZERO)


def broken(puzzle: Puzzle, values: dict[int, Token]) -> list[Identity]:
    """The identities (hints aside) that a placement breaks, judged on the printed values."""
    return [ident for ident in puzzle.identities if not ident.hint and residual(ident, values) != ZERO]


def stated(ident: Identity) -> tuple[int, Decimal] | None:
    """The cell an identity of one cell names, and the amount it says that cell holds (an
    agreement or a hint, ``[row].col = other[row].col``, with the other table's amount in
    its constant); ``None`` for an identity of more cells."""
    if len(ident.terms) != 1:
        return None
    coef, cell_id = ident.terms[0]
    return cell_id, -ident.constant / coef


def expectations(identities: list[Identity]) -> dict[int, Decimal]:
    """What agreements with other tables say cells hold, carried through row sums.

    ``[class].gpb = gpb_expenditure[class].total`` says what a gpb cell holds; if
    every part of "total = gpb + gov_fund + soe" is said, so is the total.
    """
    expected: dict[int, Decimal] = dict(said for ident in identities if ident.soft and (said := stated(ident)))
    changed = True
    while changed:
        changed = False
        for ident in identities:
            heads = [c for k, c in ident.terms if k > 0]
            parts = [c for k, c in ident.terms if k < 0]
            if ident.soft or len(heads) != 1 or ident.constant != ZERO or heads[0] in expected:
                continue
            if parts and all(c in expected for c in parts):
                expected[heads[0]] = sum((expected[c] for c in parts), ZERO)
                changed = True
    return expected

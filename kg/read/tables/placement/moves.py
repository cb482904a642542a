"""The moves of the search: what a cell may take next, the likeliest first."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from kg.read.tables.placement.bounds import Bounds
from kg.read.tables.placement.constraints import Constraints
from kg.read.tables.placement.puzzle import Cell, Token
from kg.read.tables.placement.state import State
from kg.records import ZERO


class Moves:
    """Candidate tokens per cell, given the state and whether one more identity may break.

    ``suspect_seen`` is told the tokens present where a sum failed: one of them may be
    misprinted (see :mod:`kg.read.tables.placement.search`).
    """

    def __init__(self, constraints: Constraints, bounds: Bounds, suspect_seen: Callable[[list[Token]], None],
                 forbid: tuple[int, Decimal] | None = None):
        self.constraints = constraints
        self.bounds = bounds
        self.suspect_seen = suspect_seen
        self.forbid = forbid  # (cell id, amount): that cell may not hold that amount

    def candidates(self, state: State, cells: list[Cell], i: int, r: int, may_break: bool) -> list[Token | None]:
        """Tokens (and ``None``, empty) cell ``cells[i]`` of row ``r`` may take, the likeliest first.

        What the identities allow comes first. While one more identity may break, the
        printed-order choice (the column's next token) is tried as well, but only that
        one: a printing error breaks an identity at one cell, it does not scramble the
        columns.
        """
        cell = cells[i]
        pointer = state.pointer[cell.stream]
        options = [
            t for t in state.puzzle.tokens
            if not state.used[t.index] and t.index > pointer and t.page == cell.page and t.row in (None, cell.row)
        ]
        fits, empty_fits = options, True
        if self.constraints.bounded:
            room = self.bounds.room(state, cell)
            if room is not None:
                fits = [t for t in options if t.value <= room]
        # A cell that completes a row identity has one possible value.
        need = self.completing_need(state, cells, i, r)
        if need is not None:
            fits = [t for t in fits if t.value == need]
            empty_fits = need == ZERO
            if options and options[0] not in fits and need != ZERO:
                self.suspect_seen([options[0], *(state.assign[c.id] for c in cells if c.id in state.assign)])
        out: list[Token | None] = [*fits, None] if empty_fits else list(fits)
        # The suspect keeps its printed position: it can only be its column's next token.
        if options and options[0].index == state.suspect.token and options[0] not in fits:
            out.insert(len(fits), options[0])
        if may_break:
            out += [t for t in options[:1] if t not in fits]
            if not empty_fits:
                out.append(None)
        if self.forbid is not None and self.forbid[0] == cell.id:
            out = [t for t in out if t is None or t.value != self.forbid[1]]
        return out

    def first_cell_candidates(self, state: State, cells: list[Cell], r: int, may_break: bool,
                              beam: int) -> list[Token | None]:
        """A row's first cell (its total): one of the next ``beam`` tokens of its column, or empty."""
        leads = [t for t in self.candidates(state, cells, 0, r, may_break) if t is not None][:beam]
        return self.agreeing_first(cells[0], [*leads, None])

    def agreeing_first(self, cell: Cell, options: list[Token | None]) -> list[Token | None]:
        """Options that agree with what other tables say this cell holds come first."""
        expected = self.constraints.expected.get(cell.id)
        if expected is None:
            return options
        agree = [o for o in options if (o.value if o else ZERO) == expected]
        return agree + [o for o in options if (o.value if o else ZERO) != expected]

    def counts(self, state: State, rest: list[Cell], lead: Token | None, may_break: bool) -> list[int]:
        """How many of a row's other cells to fill: 1, 2, … as far as they have room, then 0.

        Printed rows are sparse (a line is rarely both basic and project), so this
        order finds a good placement early, and its cost then bounds the rest of the
        search. A row that other tables say is empty tries 0 first.
        """
        if may_break or not self.constraints.bounded:
            room = len(rest)
        else:
            room = sum(1 for c in rest if self.bounds.room(state, c) != ZERO)
        said = [self.constraints.expected[c.id] for c in rest if c.id in self.constraints.expected]
        if lead is None and said and all(v == ZERO for v in said):
            return [0, *range(1, room + 1)]
        return [*range(1, room + 1), 0]

    def completing_need(self, state: State, cells: list[Cell], i: int, r: int) -> Decimal | None:
        """The value ``cells[i]`` must hold when it is the last unknown of a row identity."""
        cell = cells[i]
        rest = {c.id for c in cells[i + 1:]}
        for ident in self.constraints.row_identities[r]:
            ids = {c for _, c in ident.terms}
            if cell.id in ids and not (ids & rest) and not state.suspect.unknown(ident, cell.id):
                return state.needed(ident, cell.id)
        return None

    def closes(self, state: State, cell: Cell, token: Token, r: int, may_break: bool) -> bool:
        """Whether ``token`` can be its row's last amount (all later cells empty).

        While one more identity may break, the column's next token may close the row
        anyway (the printed order).
        """
        if token.index == state.suspect.token and token is state.next_token(cell):
            return True
        for ident in self.constraints.row_identities[r]:
            if state.suspect.unknown(ident, cell.id):
                continue
            if any(cid == cell.id for _, cid in ident.terms) and state.needed(ident, cell.id) != token.value:
                return may_break and token is state.next_token(cell)
        return True

    def suspect_is_next(self, state: State, cells: list[Cell]) -> bool:
        """Whether the suspect is the next token of one of these cells' columns."""
        return state.suspect.token is not None and any(
            (t := state.next_token(c)) is not None and t.index == state.suspect.token for c in cells
        )

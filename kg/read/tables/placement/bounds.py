"""Bounds that prune the search: a part is at most its whole, so wholes decided earlier
(the 合计 row, parents) cap what the cells below them can still take."""

from __future__ import annotations

from decimal import Decimal

from kg.read.tables.placement.constraints import Constraints
from kg.read.tables.placement.puzzle import Cell
from kg.read.tables.placement.state import State
from kg.records import ZERO

_UNBOUNDED = Decimal("Infinity")


class Bounds:
    def __init__(self, constraints: Constraints):
        self.constraints = constraints

    def room(self, state: State, cell: Cell) -> Decimal | None:
        """The most this cell can hold given the wholes it is a part of, if known."""
        room = None
        for ident in self.constraints.part_of.get(cell.id, ()):
            head = next(c for k, c in ident.terms if k > 0)
            if head not in state.decided or state.suspect.unknown(ident, cell.id):
                continue  # the whole is not decided yet
            left = state.value(head) - sum((state.value(c) for k, c in ident.terms if k < 0 and c != cell.id), ZERO)
            room = left if room is None else min(room, left)
        return room

    def consistent(self, state: State, r: int) -> bool:
        """Whether no row identity's filled parts already exceed its whole."""
        for ident in self.constraints.row_identities[r]:
            if state.suspect.unknown(ident):
                continue
            plus = sum((state.value(cid) for c, cid in ident.terms if c > 0), ZERO)
            minus = sum((state.value(cid) for c, cid in ident.terms if c < 0), ZERO)
            heads = [cid for c, cid in ident.terms if c > 0]
            if all(cid in state.assign for cid in heads) and minus > plus + ident.constant:
                return False
        return True

    def dead(self, state: State, r: int, exact: bool = True) -> int:
        """Unused tokens that no cell after row ``r`` can take any more.

        A remaining cell can take a token only if its column has not moved past it
        and the token fits under the cell's bound. Bounds assume the identities hold,
        so they are used only when ``exact`` (no identity may break any more).
        """
        after = self.constraints.streams_after[r + 1]
        caps = self._caps(state, r) if self.constraints.bounded and exact else None
        dead = 0
        for t in state.puzzle.tokens:
            if state.used[t.index]:
                continue
            open_streams = [s for s in after.get(t.page, ()) if state.pointer[s] < t.index]
            if not open_streams:
                dead += 1
            elif caps is not None:
                cap = max((caps[(t.page, s)] for s in open_streams if (t.page, s) in caps), default=None)
                if cap is not None and cap != _UNBOUNDED and t.value > cap and t.index != state.suspect.token:
                    dead += 1
        return dead

    def _caps(self, state: State, r: int) -> dict[tuple[int, int], Decimal]:
        """The largest value each (page, stream) can still take in the rows after ``r``."""
        puzzle = state.puzzle
        bound: dict[int, Decimal] = {}
        per_stream: dict[tuple[int, int], Decimal] = {}
        for k in range(r + 1, len(puzzle.rows)):
            for cell_id in puzzle.rows[k].cells.values():
                b = _UNBOUNDED
                for ident in self.constraints.part_of.get(cell_id, ()):
                    head = next(c for kk, c in ident.terms if kk > 0)
                    if head in state.decided:
                        room = state.value(head) - sum(
                            (state.value(c) for kk, c in ident.terms if kk < 0 and c in state.decided), ZERO
                        )
                    else:
                        room = bound.get(head, _UNBOUNDED)
                    b = min(b, room)
                bound[cell_id] = b
                cell = puzzle.cells[cell_id]
                key = (cell.page, cell.stream)
                per_stream[key] = max(per_stream.get(key, b), b)
        return per_stream

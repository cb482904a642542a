"""The depth-first branch and bound over rows, and its outcome.

Each row picks, for each of its cells, either nothing or a later token of that cell's
column stream (:mod:`~kg.read.tables.placement.moves`). When a row is complete, the
identities it completes are checked; a placement's cost is then compared with the best
so far, and the bounds (:mod:`~kg.read.tables.placement.bounds`) count the tokens no
later cell can take any more.

The cost of a placement is a tuple compared in this order: tokens left unplaced,
identities broken, agreements with other tables broken, printed code lines left without
any amount, cells of one row printed out of column order (the tie-break that follows the
printed order), and last a preference for the profile's leading columns (上解上级支出 and
the like are rare), which decides only between placements that fit equally well.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from kg.read.tables.placement.bounds import Bounds
from kg.read.tables.placement.constraints import Constraints
from kg.read.tables.placement.limits import Limits
from kg.read.tables.placement.moves import Moves
from kg.read.tables.placement.puzzle import Cell, Puzzle, Row, Solution, Token, broken
from kg.read.tables.placement.state import State, Suspect
from kg.read.tables.placement.stop import Stop
from kg.records import ZERO


class Search:
    """One search over a puzzle, possibly run again with larger budgets.

    :param suspect: the index of a token assumed misprinted (see :class:`Suspect`), or None
    """

    def __init__(self, puzzle: Puzzle, limits: Limits, nodes: int, after_first: int, suspect: int | None = None,
                 constraints: Constraints | None = None, forbid: tuple[int, Decimal] | None = None):
        self.puzzle = puzzle
        self.limits = limits
        self.constraints = constraints or Constraints(puzzle)
        self.stop = Stop(nodes, after_first)
        self.suspect = Suspect(suspect)
        #: Tokens present where a sum failed, in the order first seen: the suspects to try.
        self.suspects_seen: dict[int, None] = {}
        self.bounds = Bounds(self.constraints)
        #: (cell id, amount) that cell may not hold: a challenger's search (see :meth:`challenge`)
        self.forbid = forbid
        self.moves = Moves(self.constraints, self.bounds, self._saw_suspects, forbid)
        self.best: tuple | None = None
        self.found: list[dict[int, Token]] = []  # the placements of cost ``best`` (up to limits.kept)
        self.max_unplaced = self.max_broken = 0
        self.state = State(puzzle, self.constraints.n_streams, self.suspect)

    def run(self, max_unplaced: int, max_broken: int) -> None:
        """Search from the first row, allowing this many unplaced tokens and broken identities."""
        self.max_unplaced, self.max_broken = max_unplaced, max_broken
        self.state = State(self.puzzle, self.constraints.n_streams, self.suspect)
        self._row(0, 0, 0, 0, 0, 0)

    def _saw_suspects(self, tokens: list[Token]) -> None:
        for token in tokens:
            self.suspects_seen.setdefault(token.index)

    # -- rows ----------------------------------------------------------------------------

    def _row(self, r: int, unplaced: int, broken: int, disagree: int, empty: int, order: int) -> None:
        stop, state = self.stop, self.state
        if stop.done or stop.check_satisfied():
            return
        stop.spend()
        if r == len(self.puzzle.rows):
            unplaced += sum(1 for u in state.used if not u)
            if unplaced <= self.max_unplaced:
                self._record((unplaced, broken, disagree, empty, order, state.late))
            return
        row = self.puzzle.rows[r]
        cells = [self.puzzle.cells[c] for c in row.cells.values()]
        for extra_order in self._row_fillings(cells, r, broken):
            resolved = self._resolve_suspect(r)
            self._after_row(r, row, unplaced, broken, disagree, empty, order + extra_order)
            if resolved is not None:
                self.suspect.assumed.pop(resolved, None)
                self.suspect.pending = resolved

    def _resolve_suspect(self, r: int) -> int | None:
        """At the end of its row, the suspect takes the value its row sum needs."""
        suspect, state = self.suspect, self.state
        cell_id = suspect.pending
        if cell_id is None or self.puzzle.cells[cell_id].row != r:
            return None
        suspect.pending = None
        ident = next((i for i in self.constraints.row_identities[r] if any(c == cell_id for _, c in i.terms)), None)
        suspect.assumed[cell_id] = state.needed(ident, cell_id) if ident else state.assign[cell_id].value
        return cell_id

    def _after_row(self, r: int, row: Row, unplaced: int, broken: int, disagree: int, empty: int,
                   order: int) -> None:
        """Check the identities this row completes, then go on to the next row."""
        state = self.state
        for ident in self.constraints.due[r]:
            if state.total(ident) != ZERO:
                if ident.soft:
                    disagree += 1
                else:
                    broken += 1
                    if broken > self.max_broken:
                        self._saw_suspects([state.assign[c] for _, c in ident.terms if c in state.assign])
        if broken > self.max_broken:
            return
        unplaced += self.bounds.dead(state, r, exact=broken >= self.max_broken)
        if unplaced > self.max_unplaced:
            return
        empty += row.expects_amount and not any(c in state.assign for c in row.cells.values())
        cost = (unplaced, broken, disagree, empty, order, state.late)
        if self.best is not None and cost > self.best:
            return
        self._row(r + 1, unplaced, broken, disagree, empty, order)

    # -- cells of one row ----------------------------------------------------------------

    def _row_fillings(self, cells: list[Cell], r: int, broken: int) -> Iterator[int]:
        """Every way of filling a row, yielding each one's out-of-order count: its first
        cell's likeliest tokens first, and for each, the other cells with one amount,
        then two, and so on (:meth:`Moves.counts`)."""
        if not cells:
            yield 0
            return
        state, moves, may_break = self.state, self.moves, broken < self.max_broken
        first = cells[0]
        state.decided.add(first.id)
        for token in moves.first_cell_candidates(state, cells, r, may_break, self.limits.head_beam):
            saved = state.place(first, token) if token else None
            order = state.inversions(first, token) if token else 0
            counts = moves.counts(state, cells[1:], token, may_break)
            if self.suspect.pending == first.id or moves.suspect_is_next(state, cells[1:]):
                # The suspect may be in this row: its printed row-mates are what
                # tell its value, so fuller rows come first.
                counts = sorted(counts, reverse=True)
            for n in counts:
                yield from self._fill_cells(cells, 1, r, broken, order, n)
            if token:
                state.unplace(first, token, saved)
        state.decided.discard(first.id)

    def _fill_cells(self, cells: list[Cell], i: int, r: int, broken: int, order: int, filled: int) -> Iterator[int]:
        """Yield once per way of filling ``cells[i:]`` with exactly ``filled`` tokens."""
        self.stop.spend()
        if self.stop.done:
            return
        if i == len(cells):
            if filled == 0:
                yield order
            return
        if filled > len(cells) - i:
            return
        state, moves, may_break = self.state, self.moves, broken < self.max_broken
        cell = cells[i]
        state.decided.add(cell.id)
        for token in moves.agreeing_first(cell, moves.candidates(state, cells, i, r, may_break)):
            if token is None:
                if may_break or self.bounds.consistent(state, r):
                    yield from self._fill_cells(cells, i + 1, r, broken, order, filled)
                continue
            if filled == 0 or (filled == 1 and not moves.closes(state, cell, token, r, may_break)):
                continue
            saved = state.place(cell, token, moves.completing_need(state, cells, i, r))
            if may_break or self.bounds.consistent(state, r):
                yield from self._fill_cells(cells, i + 1, r, broken, order + state.inversions(cell, token), filled - 1)
            state.unplace(cell, token, saved)
        state.decided.discard(cell.id)

    # -- outcome ---------------------------------------------------------------------------

    def _record(self, cost: tuple) -> None:
        if self.best is None or cost < self.best:
            self.best, self.found = cost, []
            self.stop.found()
        if cost == self.best and len(self.found) < self.limits.kept:
            self.found.append(dict(self.state.assign))
        if self.forbid is not None:
            self.stop.satisfied = True  # a challenger needs one placement as good as the best

    def challenge(self) -> None:
        """Look, for each cell of the best placement, for a placement as good in which that
        cell holds another amount; each one found joins the best placements.

        The depth-first search's last nodes vary its last rows, so its kept placements
        may all share their first rows' choices, and an amount the identities do not
        bind there would look certain (a class row of a 收支总表 whose table of classes
        was not read: any class row fits its amount). The cells are challenged in row
        order, the first rows first: those are the ones the kept placements do not vary. A
        challenger that runs out of ``limits.challenge_nodes`` shows nothing, as the kept
        placements show nothing beyond themselves; so do the cells left when the
        challengers together have spent ``limits.challenges_nodes``.
        """
        if self.best is None:
            return
        first, left = self.found[0], self.limits.challenges_nodes
        for cell_id, token in first.items():  # in the order the search filled them: row by row
            if left <= 0:
                break
            if any(not _same(other.get(cell_id), token) for other in self.found[1:]):
                continue  # shown ambiguous already
            challenger = Search(self.puzzle, self.limits, min(self.limits.challenge_nodes, left), 0,
                                self.suspect.token, self.constraints, forbid=(cell_id, token.value))
            challenger.best = self.best
            challenger.run(self.max_unplaced, self.max_broken)
            self.found += challenger.found
            left -= challenger.stop.nodes

    def settled(self) -> Solution:
        """The solution once every cell of the best placement was challenged."""
        self.challenge()
        return self.solution()

    def solution(self) -> Solution:
        """The cells on which every best placement agrees; the rest is ambiguous or unplaced.

        Breaks are judged on the printed values, never on what a suspect assumed.
        """
        tokens = self.puzzle.tokens
        if self.best is None:
            return Solution({}, list(tokens), [], [], (len(tokens),), self.stop.gave_up)
        first = self.found[0]
        agreed: dict[int, Token] = {}
        ambiguous: set[int] = set()
        for cell_id, token in first.items():
            if all(_same(f.get(cell_id), token) for f in self.found[1:]):
                agreed[cell_id] = token
            else:
                ambiguous.add(token.index)
        for other in self.found[1:]:
            for cell_id, token in other.items():
                if not _same(first.get(cell_id), token):
                    ambiguous.add(token.index)
        placed = {t.index for t in agreed.values()}
        unplaced = [t for t in tokens if t.index not in placed and t.index not in ambiguous]
        return Solution(agreed, unplaced, [t for t in tokens if t.index in ambiguous], broken(self.puzzle, agreed),
                        self.best, self.stop.gave_up)


def _same(a: Token | None, b: Token | None) -> bool:
    return (a.value if a else None) == (b.value if b else None)

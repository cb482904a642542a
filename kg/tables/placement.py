"""Put numbers back into cells, using the document's own arithmetic.

Text copied out of a PDF keeps the numbers but loses which cell each came from.
Two things survive and drive the search here:

* **printed order within a column**: a column's non-empty cells come out top to
  bottom, and a row's cells are on the row's own page; the columns themselves
  may interleave in any way;
* **identities**: row total = its parts, parent = sum of children, 合计 = sum of
  top-level rows, and agreement with tables placed before (soft).

The search is a depth-first branch and bound over rows. Each row picks, for each
of its cells, either nothing or a later token of that column. Its cost is a tuple
compared in this order: tokens left unplaced, identities broken, agreements with
other tables broken, then inversions against a column-by-column reading (the
tie-break that follows the printed order). Budgets for the first two grow one at a
time, so a clean table is solved exactly and a table with a printing error keeps
the placement that breaks the fewest identities. Cells on which the best
placements disagree are not guessed: their tokens are reported as ambiguous.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal(0)
_UNBOUNDED = Decimal("Infinity")


@dataclass(frozen=True)
class Token:
    index: int
    value: Decimal
    text: str
    page: int
    line: int


@dataclass(frozen=True)
class Cell:
    id: int
    row: int  # index into Problem.rows
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


@dataclass
class Row:
    key: str
    page: int
    cells: dict[str, int] = field(default_factory=dict)  # column -> cell id
    # A row printed because it has money in it (a code line), unlike a template
    # row that is printed even when empty; leaving it empty costs.
    expects_amount: bool = False


@dataclass
class Problem:
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
    exhausted: bool  # the node limit was hit; the answer may not be the best


HEAD_BEAM = 3
NODE_LIMIT = 300_000
# Once a placement is found, how much longer to look for a better or an equally
# good but different one (which would make the table ambiguous).
SEARCH_AFTER_FIRST = 20_000
BUDGETS = [(0, 0), (0, 1), (0, 2), (0, 3), (0, 4), (1, 2), (2, 4), (99, 99)]


def solve(problem: Problem, node_limit: int = NODE_LIMIT) -> Solution:
    """Find the placement of tokens into cells that best fits the identities."""
    search = _Search(problem, node_limit)
    for unplaced_budget, broken_budget in BUDGETS:
        search.run(unplaced_budget, broken_budget)
        if search.best is not None or search.nodes >= search.node_limit:
            break
    return search.solution()


class _Search:
    def __init__(self, problem: Problem, node_limit: int):
        self.p = problem
        self.node_limit = node_limit
        self.nodes = 0
        self.found_at = 0
        self.best: tuple | None = None
        self.found: list[dict[int, Token]] = []
        n_rows = len(problem.rows)
        # An identity is checked once the last row holding one of its cells is done.
        self.due: list[list[Identity]] = [[] for _ in range(n_rows)]
        self.row_identities: list[list[Identity]] = [[] for _ in range(n_rows)]
        # Parts of a "whole = sum of parts" identity: once the whole is known, a
        # part can be no larger than what its siblings leave (amounts are >= 0).
        self.part_of: dict[int, list[Identity]] = {}
        for ident in problem.identities:
            rows = {problem.cells[c].row for _, c in ident.terms}
            last = max(rows) if rows else 0
            self.due[last].append(ident)
            if len(rows) == 1 and not ident.soft:
                self.row_identities[last].append(ident)
            heads = [c for k, c in ident.terms if k > 0]
            if not ident.soft and len(heads) == 1 and ident.constant == ZERO:
                for k, c in ident.terms:
                    if k < 0:
                        self.part_of.setdefault(c, []).append(ident)
        self.bounded = all(t.value >= ZERO for t in problem.tokens)
        self.expected = _expectations(problem.identities)
        # streams_after[r][page]: the streams of rows after r on that page.
        self.streams_after: list[dict[int, set[int]]] = [{} for _ in range(n_rows + 1)]
        for r in range(n_rows - 1, -1, -1):
            merged = {page: set(streams) for page, streams in self.streams_after[r + 1].items()}
            row = problem.rows[r]
            merged.setdefault(row.page, set()).update(problem.cells[c].stream for c in row.cells.values())
            self.streams_after[r] = merged
        streams = {c.stream for c in problem.cells}
        self.n_streams = max(streams) + 1 if streams else 0

    # -- search -----------------------------------------------------------------

    def run(self, unplaced_budget: int, broken_budget: int) -> None:
        self.ub, self.bb = unplaced_budget, broken_budget
        self.assign: dict[int, Token] = {}
        self.decided: set[int] = set()
        self.late = 0  # sum of the column positions used: later columns are rarer
        self.used = [False] * len(self.p.tokens)
        self.pointer = [-1] * self.n_streams
        self._row(0, 0, 0, 0, 0, 0)

    def _row(self, r: int, unplaced: int, broken: int, disagree: int, empty: int, order: int) -> None:
        if self.nodes >= self.node_limit:
            return
        if self.best is not None and self.nodes - self.found_at > SEARCH_AFTER_FIRST:
            self.node_limit = self.nodes  # good enough: stop looking for a better one
            return
        self.nodes += 1
        if r == len(self.p.rows):
            unplaced += sum(1 for u in self.used if not u)
            if unplaced > self.ub:
                return
            self._record((unplaced, broken, disagree, empty, order, self.late))
            return
        row = self.p.rows[r]
        cells = [self.p.cells[c] for c in row.cells.values()]
        for extra_order in self._fills(cells, r, broken):
            b, d = broken, disagree
            for ident in self.due[r]:
                if self._value(ident) != ZERO:
                    if ident.soft:
                        d += 1
                    else:
                        b += 1
            if b > self.bb:
                continue
            dead = self._dead(r)
            if unplaced + dead > self.ub:
                continue
            e = empty + (row.expects_amount and not any(c in self.assign for c in row.cells.values()))
            cost = (unplaced + dead, b, d, e, order + extra_order, self.late)
            if self.best is not None and cost > self.best:
                continue
            self._row(r + 1, unplaced + dead, b, d, e, order + extra_order)

    def _fills(self, cells: list[Cell], r: int, broken: int):
        """Every way of filling a row: its first cell's earliest tokens first, and
        for each, the other cells with one amount, then two, and so on.

        Printed rows are sparse (a line is rarely both basic and project), so this
        order finds a good placement early, and its cost then bounds the rest of
        the search.
        """
        if not cells:
            yield 0
            return
        first = cells[0]
        self.decided.add(first.id)
        # A row's first cell (its total) is one of the next few tokens of its column:
        # a column comes out top to bottom, so skipping far ahead would strand the
        # tokens in between. The beam keeps the search small on long pages.
        leads = [t for t in self._candidates(first, cells, 0, r, broken) if t is not None][:HEAD_BEAM]
        for token in self._agreeing_first(first, [*leads, None]):
            saved = self._place(first, token) if token else None
            order = self._inversions(first, token) if token else 0
            for n in self._counts(cells[1:], broken, lead=token):
                yield from self._fill(cells, 1, r, broken, order, n)
            if token:
                self._unplace(first, token, saved)
        self.decided.discard(first.id)

    def _counts(self, rest: list[Cell], broken: int, lead: Token | None) -> list[int]:
        """How many of the other cells to fill: 1, 2, … as far as they have room, then 0.

        A row that other tables say is empty tries 0 first.
        """
        if broken < self.bb or not self.bounded:
            room = len(rest)
        else:
            room = sum(1 for c in rest if self._room(c) != ZERO)
        said = [self.expected[c.id] for c in rest if c.id in self.expected]
        if lead is None and said and all(v == ZERO for v in said):
            return [0, *range(1, room + 1)]
        return [*range(1, room + 1), 0]

    def _agreeing_first(self, cell: Cell, options: list) -> list:
        """Options that agree with what other tables say this cell holds come first."""
        expected = self.expected.get(cell.id)
        if expected is None:
            return options
        agree = [o for o in options if (o.value if o else ZERO) == expected]
        return agree + [o for o in options if (o.value if o else ZERO) != expected]

    def _place(self, cell: Cell, token: Token) -> int:
        self.late += cell.stream
        saved = self.pointer[cell.stream]
        self.assign[cell.id] = token
        self.used[token.index] = True
        self.pointer[cell.stream] = token.index
        return saved

    def _unplace(self, cell: Cell, token: Token, saved: int) -> None:
        self.late -= cell.stream
        self.pointer[cell.stream] = saved
        self.used[token.index] = False
        del self.assign[cell.id]

    def _fill(self, cells: list[Cell], i: int, r: int, broken: int, order: int, filled: int):
        """Yield once per way of filling this row's cells with exactly ``filled`` tokens."""
        self.nodes += 1
        if self.nodes >= self.node_limit:
            return
        if i == len(cells):
            if filled == 0:
                yield order
            return
        if filled > len(cells) - i:
            return
        cell = cells[i]
        self.decided.add(cell.id)
        for token in self._agreeing_first(cell, self._candidates(cell, cells, i, r, broken)):
            if token is None:
                if self._consistent(r, broken):
                    yield from self._fill(cells, i + 1, r, broken, order, filled)
                continue
            if filled == 0 or (filled == 1 and not self._closes(cell, token, r, broken)):
                continue
            saved = self._place(cell, token)
            if self._consistent(r, broken):
                yield from self._fill(cells, i + 1, r, broken, order + self._inversions(cell, token), filled - 1)
            self._unplace(cell, token, saved)
        self.decided.discard(cell.id)

    def _candidates(self, cell: Cell, cells: list[Cell], i: int, r: int, broken: int):
        pointer = self.pointer[cell.stream]
        options = [
            t for t in self.p.tokens
            if not self.used[t.index] and t.index > pointer and t.page == cell.page
        ]
        if broken >= self.bb and self.bounded:
            room = self._room(cell)
            if room is not None:
                options = [t for t in options if t.value <= room]
                if room == ZERO:
                    options = []
        # With no room for another broken identity, a cell that completes a row
        # identity has one possible value: take only tokens (or emptiness) of it.
        if broken >= self.bb:
            rest = {c.id for c in cells[i + 1:]}
            for ident in self.row_identities[r]:
                ids = {c for _, c in ident.terms}
                if cell.id in ids and not (ids & rest):
                    need = self._needed(ident, cell.id)
                    return [None] if need == ZERO else [t for t in options if t.value == need]
        # Earliest tokens first: a column-by-column reading is found first, and
        # its cost then bounds every other branch.
        return [*options, None]

    def _closes(self, cell: Cell, token: Token, r: int, broken: int) -> bool:
        """Whether ``token`` can be this row's last amount (all later cells empty)."""
        if broken < self.bb:
            return True
        for ident in self.row_identities[r]:
            if any(cid == cell.id for _, cid in ident.terms) and self._needed(ident, cell.id) != token.value:
                return False
        return True

    def _room(self, cell: Cell) -> Decimal | None:
        """The most this cell can hold given the wholes it is a part of, if known."""
        room = None
        for ident in self.part_of.get(cell.id, ()):
            head = next(c for k, c in ident.terms if k > 0)
            if head not in self.decided:
                continue  # the whole is not decided yet
            left = self._cell(head) - sum(
                (self._cell(c) for k, c in ident.terms if k < 0 and c != cell.id), ZERO
            )
            room = left if room is None else min(room, left)
        return room

    def _needed(self, ident: Identity, cell_id: int) -> Decimal:
        coef = next(c for c, cid in ident.terms if cid == cell_id)
        others = ident.constant + sum(
            (c * self._cell(cid) for c, cid in ident.terms if cid != cell_id), ZERO
        )
        return -others / coef

    def _consistent(self, r: int, broken: int) -> bool:
        """Row identities whose filled parts already exceed the whole cannot hold."""
        if broken < self.bb:
            return True
        for ident in self.row_identities[r]:
            plus = sum((self._cell(cid) for c, cid in ident.terms if c > 0), ZERO)
            minus = sum((self._cell(cid) for c, cid in ident.terms if c < 0), ZERO)
            heads = [cid for c, cid in ident.terms if c > 0]
            if all(cid in self.assign for cid in heads) and minus > plus + ident.constant:
                return False
        return True

    def _dead(self, r: int) -> int:
        """Unused tokens that no remaining cell can take any more.

        A remaining cell can take a token only if its column has not moved past
        it and the token fits under the cell's bound: a part is at most its
        whole, and wholes decided earlier (the 合计 row, parents) cap whole
        subtrees of the table.
        """
        after = self.streams_after[r + 1]
        bounds = self._bounds(r) if self.bounded else None
        dead = 0
        for t in self.p.tokens:
            if self.used[t.index]:
                continue
            if not any(self.pointer[s] < t.index for s in after.get(t.page, ())):
                dead += 1
            elif bounds is not None:
                cap = bounds.get((t.page, tuple(s for s in after.get(t.page, ()) if self.pointer[s] < t.index)))
                if cap is None:
                    cap = max(
                        (b for (page, stream), b in bounds["cells"].items()
                         if page == t.page and self.pointer[stream] < t.index),
                        default=None,
                    )
                if cap is not None and cap != _UNBOUNDED and t.value > cap:
                    dead += 1
        return dead

    def _bounds(self, r: int) -> dict:
        """The largest value each remaining (page, stream) can still take."""
        bound: dict[int, Decimal] = {}
        per_stream: dict[tuple[int, int], Decimal] = {}
        for k in range(r + 1, len(self.p.rows)):
            for cell_id in self.p.rows[k].cells.values():
                b = _UNBOUNDED
                for ident in self.part_of.get(cell_id, ()):
                    head = next(c for kk, c in ident.terms if kk > 0)
                    if head in self.decided:
                        room = self._cell(head) - sum(
                            (self._cell(c) for kk, c in ident.terms if kk < 0 and c in self.decided), ZERO
                        )
                    else:
                        room = bound.get(head, _UNBOUNDED)
                    b = min(b, room)
                bound[cell_id] = b
                cell = self.p.cells[cell_id]
                key = (cell.page, cell.stream)
                per_stream[key] = max(per_stream.get(key, b), b)
        return {"cells": per_stream}

    def _inversions(self, cell: Cell, token: Token) -> int:
        """Cells of this row already filled whose tokens are out of column order."""
        count = 0
        for other_id in self.p.rows[cell.row].cells.values():
            other = self.assign.get(other_id)
            if other is None or other is token:
                continue
            if (other.index < token.index) != (self.p.cells[other_id].stream < cell.stream):
                count += 1
        return count

    def _cell(self, cell_id: int) -> Decimal:
        token = self.assign.get(cell_id)
        return token.value if token else ZERO

    def _value(self, ident: Identity) -> Decimal:
        return ident.constant + sum((c * self._cell(cid) for c, cid in ident.terms), ZERO)

    def _record(self, cost: tuple) -> None:
        if self.best is None or cost < self.best:
            self.best, self.found = cost, []
            self.found_at = self.nodes
        if cost == self.best and len(self.found) < 64:
            self.found.append(dict(self.assign))

    # -- result -----------------------------------------------------------------

    def solution(self) -> Solution:
        exhausted = self.nodes >= self.node_limit
        if self.best is None:
            return Solution({}, list(self.p.tokens), [], [], (len(self.p.tokens),), exhausted)
        first = self.found[0]
        # A cell is kept only if every best placement puts the same value there.
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
        unplaced = [t for t in self.p.tokens if t.index not in placed and t.index not in ambiguous]
        self.assign = agreed
        broken = [i for i in self.p.identities if self._value(i) != ZERO]
        return Solution(
            agreed, unplaced, [t for t in self.p.tokens if t.index in ambiguous], broken, self.best, exhausted
        )


def _expectations(identities: list[Identity]) -> dict[int, Decimal]:
    """What agreements with other tables say cells hold, carried through row sums.

    ``[class].gpb = gpb_expenditure[class].total`` says what a gpb cell holds; if
    every part of "total = gpb + gov_fund + soe" is said, so is the total.
    """
    expected: dict[int, Decimal] = {}
    for ident in identities:
        if ident.soft and len(ident.terms) == 1:
            coef, cell_id = ident.terms[0]
            expected[cell_id] = -ident.constant / coef
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


def _same(a: Token | None, b: Token | None) -> bool:
    return (a.value if a else None) == (b.value if b else None)

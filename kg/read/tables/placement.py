"""Put numbers back into cells, using the document's own arithmetic.

Text copied out of a PDF keeps the numbers but loses which cell each came from.
Two things survive and drive the search here:

* **printed order within a column**: a column's non-empty cells come out top to
  bottom, and a row's cells are on the row's own page; the columns themselves
  may interleave in any way;
* **identities**: row total = its parts, parent = sum of children, 合计 = sum of
  top-level rows, and agreement with tables placed before (soft).

The search is a depth-first branch and bound over rows. Each row picks, for each
of its cells, either nothing or a later token of that column; what other tables
say a cell holds (agreements, hints) is tried first. The cost of a placement is a
tuple compared in this order: tokens left unplaced, identities broken, agreements
with other tables broken, printed code lines left without any amount, cells of one
row printed out of column order (the tie-break that follows the printed order),
and last a preference for the profile's leading columns (上解上级支出 and the like
are rare), which decides only between placements that fit equally well.

A clean table is solved with every identity holding. A table with a misprint is
solved by suspecting one token at a time (see :func:`solve`), so the misprinted
amount stays in its cell and only the identities through that cell break. Cells
on which the best placements disagree are not guessed: their tokens are reported
as ambiguous.
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
    # The row whose label this amount is printed beside, when the text says so; it
    # goes into that row or nowhere (a misprint stays in its row).
    row: int | None = None


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
    hint: bool = False  # orders the search only; never costs anything
    rule: str = ""  # the profile's equation it stands for


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
# How many suspect tokens to try, the node limit for each, and how far to look
# for an equally good placement once a suspect explains the table.
MAX_SUSPECTS = 24
SUSPECT_LIMIT = 120_000
SUSPECTS_IN_ALL = 800_000  # a table broken beyond one misprint (a cut page) gives up here
SUSPECT_AFTER_FIRST = 2_000
BUDGETS = [(0, 0), (0, 1), (0, 2), (0, 3), (0, 4), (1, 2), (2, 4), (99, 99)]


def solve(problem: Problem, node_limit: int = NODE_LIMIT) -> Solution:
    """Find the placement of tokens into cells that best fits the identities.

    A table whose identities cannot all hold has a printing error somewhere. The
    search then takes in turn each token it saw where a sum failed as the
    suspect: in its printed position, the suspect's cell takes the value the
    identities need instead of the printed one, and the rest is solved exactly.
    The first suspect that explains the table wins; its breaks are reported with
    the printed values, and the printed value stays in the cell. Only when no
    single suspect explains the table are broken identities allowed, one more
    at a time.
    """
    search = _Search(problem, node_limit)
    search.run(0, 0)
    if search.best is not None:
        return search.solution()
    # Suspects are tried in the order the search first met them failing a sum,
    # which follows the printed order; the first that explains the table wins.
    spent = 0
    for index in list(search.suspects)[:MAX_SUSPECTS]:
        suspect = _Search(problem, min(SUSPECT_LIMIT, SUSPECTS_IN_ALL - spent), after_first=SUSPECT_AFTER_FIRST)
        suspect.wild = index
        suspect.run(0, 0)
        if suspect.best is not None:
            return suspect.solution()
        spent += suspect.nodes
        if spent >= SUSPECTS_IN_ALL:
            break
    # No single misprint explains the table: allow broken identities one by one.
    search.node_limit = search.nodes + node_limit
    for unplaced_budget, broken_budget in BUDGETS[1:]:
        search.run(unplaced_budget, broken_budget)
        if search.best is not None or search.nodes >= search.node_limit:
            break
    return search.solution()


class _Search:
    def __init__(self, problem: Problem, node_limit: int, after_first: int = SEARCH_AFTER_FIRST):
        self.p = problem
        self.node_limit = node_limit
        self.after_first = after_first
        # Tokens seen where a sum failed, in the order first seen.
        self.suspects: dict[int, None] = {}
        # The suspect token: its cell holds what the identities need, not what
        # is printed. ``pending`` is its cell while that value is not known yet.
        self.wild: int | None = None
        self.assumed: dict[int, Decimal] = {}
        self.pending: int | None = None
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
            if ident.hint:
                continue
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
        if self.best is not None and self.nodes - self.found_at > self.after_first:
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
            resolved = self._resolve(r)
            self._after_row(r, row, unplaced, broken, disagree, empty, order + extra_order)
            if resolved is not None:
                self.assumed.pop(resolved, None)
                self.pending = resolved

    def _resolve(self, r: int) -> int | None:
        """At the end of its row, the suspect takes the value its row sum needs."""
        cell_id = self.pending
        if cell_id is None or self.p.cells[cell_id].row != r:
            return None
        self.pending = None
        ident = next((i for i in self.row_identities[r] if any(c == cell_id for _, c in i.terms)), None)
        token = self.assign[cell_id]
        self.assumed[cell_id] = self._needed(ident, cell_id) if ident else token.value
        return cell_id

    def _after_row(self, r: int, row: Row, unplaced: int, broken: int, disagree: int, empty: int,
                   order: int) -> None:
        """Check the identities this row completes, then go on to the next row."""
        for ident in self.due[r]:
            if self._value(ident) != ZERO:
                if ident.soft:
                    disagree += 1
                else:
                    broken += 1
                    if broken > self.bb:
                        self._suspect([self.assign[c] for _, c in ident.terms if c in self.assign])
        if broken > self.bb:
            return
        unplaced += self._dead(r, exact=broken >= self.bb)
        if unplaced > self.ub:
            return
        empty += row.expects_amount and not any(c in self.assign for c in row.cells.values())
        cost = (unplaced, broken, disagree, empty, order, self.late)
        if self.best is not None and cost > self.best:
            return
        self._row(r + 1, unplaced, broken, disagree, empty, order)

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
            counts = self._counts(cells[1:], broken, lead=token)
            if self.pending == first.id or self._suspect_next(cells[1:]):
                # The suspect may be in this row: its printed row-mates are what
                # tell its value, so fuller rows come first.
                counts = sorted(counts, reverse=True)
            for n in counts:
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

    def _place(self, cell: Cell, token: Token, need: Decimal | None = None) -> int:
        # The suspect counts as unknown only in its printed position, as its
        # column's next token; anywhere else it is an ordinary token.
        if token.index == self.wild and token is self._next_token(cell):
            if need is None:
                self.pending = cell.id
            elif need != token.value:
                self.assumed[cell.id] = need
        self.late += cell.stream
        saved = self.pointer[cell.stream]
        self.assign[cell.id] = token
        self.used[token.index] = True
        self.pointer[cell.stream] = token.index
        return saved

    def _unplace(self, cell: Cell, token: Token, saved: int) -> None:
        self.assumed.pop(cell.id, None)
        if self.pending == cell.id:
            self.pending = None
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
            saved = self._place(cell, token, self._completing_need(cell, cells, i, r))
            if self._consistent(r, broken):
                yield from self._fill(cells, i + 1, r, broken, order + self._inversions(cell, token), filled - 1)
            self._unplace(cell, token, saved)
        self.decided.discard(cell.id)

    def _candidates(self, cell: Cell, cells: list[Cell], i: int, r: int, broken: int):
        """Tokens (and ``None``, empty) this cell may take, the likeliest first.

        What the identities allow comes first. While the budget allows another
        broken identity, the printed-order choice (the column's next token) is
        tried as well, but only that one: a printing error breaks an identity at
        one cell, it does not scramble the columns.
        """
        pointer = self.pointer[cell.stream]
        options = [
            t for t in self.p.tokens
            if not self.used[t.index] and t.index > pointer and t.page == cell.page and t.row in (None, cell.row)
        ]
        fits, empty_fits = options, True
        if self.bounded:
            room = self._room(cell)
            if room is not None:
                fits = [t for t in options if t.value <= room]
                empty_fits = True
        # A cell that completes a row identity has one possible value.
        need = self._completing_need(cell, cells, i, r)
        if need is not None:
            fits = [t for t in fits if t.value == need]
            empty_fits = need == ZERO
            if options and options[0] not in fits and need != ZERO:
                self._suspect([options[0], *(self.assign[c.id] for c in cells if c.id in self.assign)])
        out = [*fits, None] if empty_fits else list(fits)
        # The suspect keeps its printed position: it can only be its column's next token.
        if options and options[0].index == self.wild and options[0] not in fits:
            out.insert(len(fits), options[0])
        if broken < self.bb:
            out += [t for t in options[:1] if t not in fits]
            if not empty_fits:
                out.append(None)
        return out

    def _completing_need(self, cell: Cell, cells: list[Cell], i: int, r: int) -> Decimal | None:
        rest = {c.id for c in cells[i + 1:]}
        for ident in self.row_identities[r]:
            ids = {c for _, c in ident.terms}
            if cell.id in ids and not (ids & rest) and not self._unknown(ident, cell.id):
                return self._needed(ident, cell.id)
        return None

    def _suspect(self, tokens: list[Token]) -> None:
        """A sum failed here: one of these tokens may be misprinted."""
        for token in tokens:
            self.suspects.setdefault(token.index)

    def _suspect_next(self, cells: list[Cell]) -> bool:
        """Whether the suspect is the next token of one of these cells' columns."""
        return self.wild is not None and any(
            (t := self._next_token(c)) is not None and t.index == self.wild for c in cells
        )

    def _unknown(self, ident: Identity, but: int | None = None) -> bool:
        """Whether the identity holds the suspect's cell while its value is pending."""
        return self.pending is not None and self.pending != but and any(c == self.pending for _, c in ident.terms)

    def _closes(self, cell: Cell, token: Token, r: int, broken: int) -> bool:
        """Whether ``token`` can be this row's last amount (all later cells empty).

        With budget left for a broken identity, the column's next token may close
        the row anyway (the printed order).
        """
        if token.index == self.wild and token is self._next_token(cell):
            return True
        for ident in self.row_identities[r]:
            if self._unknown(ident, cell.id):
                continue
            if any(cid == cell.id for _, cid in ident.terms) and self._needed(ident, cell.id) != token.value:
                return broken < self.bb and token is self._next_token(cell)
        return True

    def _next_token(self, cell: Cell) -> Token | None:
        pointer = self.pointer[cell.stream]
        return next(
            (t for t in self.p.tokens if not self.used[t.index] and t.index > pointer and t.page == cell.page),
            None,
        )

    def _room(self, cell: Cell) -> Decimal | None:
        """The most this cell can hold given the wholes it is a part of, if known."""
        room = None
        for ident in self.part_of.get(cell.id, ()):
            head = next(c for k, c in ident.terms if k > 0)
            if head not in self.decided or self._unknown(ident, cell.id):
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
            if self._unknown(ident):
                continue
            plus = sum((self._cell(cid) for c, cid in ident.terms if c > 0), ZERO)
            minus = sum((self._cell(cid) for c, cid in ident.terms if c < 0), ZERO)
            heads = [cid for c, cid in ident.terms if c > 0]
            if all(cid in self.assign for cid in heads) and minus > plus + ident.constant:
                return False
        return True

    def _dead(self, r: int, exact: bool = True) -> int:
        """Unused tokens that no remaining cell can take any more.

        A remaining cell can take a token only if its column has not moved past
        it and the token fits under the cell's bound: a part is at most its
        whole, and wholes decided earlier (the 合计 row, parents) cap whole
        subtrees of the table.
        """
        after = self.streams_after[r + 1]
        # Bounds assume the identities hold: not while one may still break.
        bounds = self._bounds(r) if self.bounded and exact else None
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
                if cap is not None and cap != _UNBOUNDED and t.value > cap and t.index != self.wild:
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
        if token is None:
            return ZERO
        return self.assumed.get(cell_id, token.value)

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
        self.assumed, self.pending = {}, None  # breaks are judged on the printed values
        placed = {t.index for t in agreed.values()}
        unplaced = [t for t in self.p.tokens if t.index not in placed and t.index not in ambiguous]
        self.assign = agreed
        broken = [i for i in self.p.identities if not i.hint and self._value(i) != ZERO]
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

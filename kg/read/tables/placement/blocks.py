"""The layout-first reading: the printed order of the amounts, read in blocks of rows.

Text copied out of a table PDF prints the amounts of a block of consecutive rows one
column at a time: the block's first column top to bottom (its non-empty cells only),
then the other columns over the same rows. A row printed alone on its line is a block
of one (row-major); a column printed whole is one block of every row. In the sample
the later columns of a block come either column by column ("491.66 465.46 | 369.93
10.00 3.00 20.00 272.93": 基本 of 20801 and 2080101, then 项目 of the five rows) or row by
row ("6.00 15.00 26.20 43.00 3.00100.00": each row's next cell), and a column may be cut
where another is not (the 合计 of 30201…303 in one run, their 公用经费 in two). So each
amount, in printed order, goes

* beside the amount before it on its line (the same row, a later column; an earlier one
  last, for amounts glued out of column order as in "3.00100.00": 20805's 项目 then its
  基本), or into the row whose code is the one printed on its line, left to right;
* on down the column it continues (skipping empty cells);
* into another column of the block: a later one at or below the block's first row, or
  an earlier one on a later row than the amount before (row by row);
* on down the block's first column while nothing else was read (a longer block);
* below the block: a new block, which closes every row above it;
* anywhere else only as an amount out of order, which the budget counts (the 合计 row's
  人员经费 printed among the header, before its 合计).

Tables printed side by side (收支总表, 财政拨款收支总表) share lines: each side keeps its own
block, and an amount after one of the other side's on its line is read by its own side's
rules; a line prints its left side's amounts first, so a left side's amount after a right
side's is out of order (where the two sides' totals differ by a misprint, that says which
is which).

That leaves few choices (which cells are empty, where a block ends), and the identities
decide them, each as soon as it can be: when all its cells are decided; a whole = sum of
parts as soon as its parts exceed the whole, or, the whole still to be read, the largest
amount still to come; an identity with one cell left as soon as that cell needs an amount
no token still to come has. A reading costs, in this order: row identities broken, other
identities broken, for a misprint the digits its true amounts change (a misprint changes a
digit or two, or leaves an amount out: :func:`_changed_digits`; of two readings, the one
that needs the smaller misprint, even with an amount out of order), amounts out of order,
agreements with other tables broken, cells that another table fills left empty (of two
readings breaking as many agreements, the one that leaves the row another table fills
without money is the worse), code rows left empty, and last the columns used (the
profile's leading columns first, as in :mod:`~.search`).
Within the budgets of :class:`~kg.read.tables.placement.limits.Limits` every reading is
seen, and the best is accepted when all best readings agree on every cell's value. Three
things keep "every reading" small without changing which is best: a state reached twice
(equal amounts swapped) is read once; once a reading is found, a partial one stops when its
cost, plus the least the amounts still to read can add, is worse; and each budget is read
first with the agreements binding (a cell that a table read before fixes takes that amount
or nothing), since when such a reading exists the budget's best is one of them.

A table no clean reading fits may have a misprint. Then one cell, or two cells of one row,
are suspected at a time: the identities through them must hold for some values of them (a
part is at least 0), not for the printed ones, and every other identity must hold; so the
search stays as narrow as for a clean table, and the misprinted amounts stay in their
printed cells. A lone suspect has one true amount: the first identity through it to close
says which, and every other one through it must agree (while agreements bind, a table read
before that fixes the cell says it too). Its printed amount then breaks every identity
through it in every reading (a reading where it did not would be clean, and no
clean reading exists), so that cost is known from the start, and once one reading is found
it bounds the rest as tightly as in a clean table.

First, the hints: where a table read before prints this one's lines (the
一般公共预算支出表 those of the 支出总表, for a unit that spends only 一般公共预算 money), and
this table prints every amount that one does but one or two, and no others but as many, the
cells of the amounts it lacks are the suspects, each other hinted cell taking its hinted
amount or none. A hint binds nothing in a clean reading; here it says where every amount
but the misprinted ones goes, and a suspect is proved the only one in a few readings.

Then the repeats: a column often repeats another over a block (a 合计 that is each row's
one part), and a block is printed a column at a time, so a misprint in either shows as two
runs of amounts alike but for one. Each of the two mended to the other's (or the amount one
run leaves out put back), the table is read clean: the cheapest such reading places the
printed amounts.

Before the suspects, a reading that tolerates two broken identities, none a row's sum, is
looked for (a leaf row printed wrong in both its columns adds up, and breaks its parent's
sum in each), then four (a class row so printed breaks its children's sums too), with as
many amounts out of order as the clean readings needed. It puts every amount in its printed
cell and says which identities break; the cells that could carry the
misprint (one, or two of a row, in every identity broken) and the amounts that would mend
those identities follow, and the table is read clean with the amounts mended. A reading
that puts the mended amounts in those very cells places the printed ones there: the
cheapest such reading is taken if every one as cheap agrees.

Suspects are tried where the evidence points. It comes from the cheapest of the clean
readings' deepest partial readings (those seen, where a misprint larger than every total
keeps too many readings open for the first budget to see them all: only its suspects are
then read, and only a reading that breaks something explains the table, a clean one not
being known to be the only one), in nine kinds taken in turn (each was the first to point
at the misprint in some misprinted table, where the others pointed elsewhere): a cell that an
amount relating to no other (not another's, nor the sum or the difference of two others')
could go to in some reading and does not fit (a misprinted amount, refused by its own cell's
identities, is read elsewhere, and the readings stop rows later); a cell they
would put their next amount into where a decided whole, or a table read before, says exactly
what the cell should hold and it is another amount; the cell their next amount's first move
in printed order goes to, where the amount does not fit (more than its decided wholes
leave, or not what a table read before fixes there: :meth:`_Reading._fits`; a part printed
larger than its row's total is refused so in its own cell, and every reading stops at it,
while readings that shift the column's amounts a row down get further and break identities
rows below); a cell they put their next amount into that fit its wholes and then broke an
identity; a cell holding an amount in more than one of the identities they broke (a
misprint breaks every identity through its cell); a cell of such an identity that an
earlier amount went to first in printed order, did not fit, and was left empty (the
misprinted amount, read elsewhere, stops the reading an amount or two later);
then the cells of those identities holding an amount, left empty, or still undecided. After
them come the cells those readings could put their next amount into (on the printed order
alone), the cheapest reading's first choice first. Each cell is suspected alone, and with a
row-mate after the single cells of both its ranks together (a misprint changes one amount
more often than two). The suspects are read within the clean budgets whose readings got as
far as any with the same agreements (one that stops sooner stops for another reason: an
amount it may not read out of order), the printed order and the agreements binding first,
and a more permissive budget whose readings are too many to see them all is left out: every
reading of a misprinted table fails, and it has many more of them. Where the readings
stopped points only there; what the identities single out points wherever the reading
stopped, so the evidence of the budgets that stopped sooner comes before that. Each single
cell is first given a few times the readings the clean pass took, in that order: a misprint
no evidence points at (a class total printed above its rows, the readings stopping rows
later) is then not left behind suspects that each take the full count to refute. The first
suspect whose reading breaks only identities through it is compared with its row-mates' (a
block's columns swapped explains the same breaks), each cut as soon as it needs more than
the first in anything but the breaks of its own cell: one misprint is one, however many
identities pass through its cell. The one needing least (the smaller misprint first, then an
amount out of order, then an agreement broken) wins, if no other as good disagrees with it.
Where pairs explain the table, their cells are read alone in the budgets after, and one that
explains it one way wins (one misprinted amount is likelier than two, though another amount
be read out of order).

Why this first and the general search (:mod:`~.search`) after: that search lets each
column take its tokens in any interleaving with the others, so once it has a placement
it cannot tell cheaply whether another as good exists, and spends most of its time
looking; a misprint sends it through many more searches. Here the printed order leaves
so few readings that all of them are seen. A table the block order does not describe
(no reading, or more than the budget and no suspect that explains it) is left to the
general search, as before.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import replace
from itertools import pairwise

from kg.read.tables.placement.limits import Budget, Limits
from kg.read.tables.placement.puzzle import Puzzle, Solution, Token, broken, residual, stated
from kg.records import ZERO

# Positions of the running cost: a reading's cost is compared in this order.
_ROW, _CROSS, _SUSPECT, _DIGITS, _ORDER, _SOFT, _UNFILLED, _EMPTY, _LATE = range(9)
# The moves of an amount, in the order tried (see ``_Reading._moves``).
_BESIDE, _BACK, _ON_DOWN, _ACROSS, _LONGER, _NEW_BLOCK, _ASTRAY = range(7)


class _Ambiguous(Exception):
    """Two best readings put different values in one cell."""


class _OutOfNodes(Exception):
    """The budget's node limit was reached before every reading was seen."""


class Blocks:
    """The readings of one puzzle in printed order (see the module's docstring)."""

    def __init__(self, puzzle: Puzzle, limits: Limits):
        self.puzzle = puzzle
        self.limits = limits
        cells = puzzle.cells
        n_streams = max((c.stream for c in cells), default=-1) + 1
        #: stream → its cells, top to bottom
        self.column: list[list[int]] = [[] for _ in range(n_streams)]
        for cell in sorted(cells, key=lambda c: c.row):
            self.column[cell.stream].append(cell.id)
        self.rows_of = [[cells[c].row for c in stream] for stream in self.column]
        self.side = _sides(puzzle, n_streams)
        #: stream → its side's place from the left: its first stream (streams are numbered left
        #: to right as printed, kg.read.tables.reconstruct)
        first = {}
        for s in range(n_streams):
            first.setdefault(self.side[s], s)
        self.from_left = [first[self.side[s]] for s in range(n_streams)]
        self.side_streams: dict[int, list[int]] = {}
        for s in range(n_streams):
            self.side_streams.setdefault(self.side[s], []).append(s)
        self.identities = [i for i in puzzle.identities if not i.hint]
        self.terms = [ident.terms for ident in self.identities]
        #: cell → its identities, with its coefficient in each (a list: the reading's innermost step)
        of_cell: list[list[tuple[int, int]]] = [[] for _ in cells]
        for k, ident in enumerate(self.identities):
            for coef, cid in ident.terms:
                of_cell[cid].append((k, coef))
        self.of_cell = [tuple(pairs) for pairs in of_cell]
        self.kind = [_SOFT if i.soft else _ROW if len({cells[c].row for _, c in i.terms}) == 1 else _CROSS
                     for i in self.identities]
        #: cell → the hard "whole = sum of parts" identities it is a part of
        self.part_of: dict[int, list[int]] = {}
        self.head: dict[int, int] = {}  # such an identity → its whole
        for k, ident in enumerate(self.identities):
            whole, *parts = ident.terms
            if self.kind[k] != _SOFT and whole[0] == 1 and all(coef == -1 for coef, _ in parts) \
                    and ident.constant == ZERO:
                self.head[k] = whole[1]
                for _, c in parts:
                    self.part_of.setdefault(c, []).append(k)
        self.bounded = all(t.value >= ZERO for t in puzzle.tokens)
        #: cell → the amount a table read before says it holds; row → those amounts
        self.fixed: dict[int, object] = {}
        self.expected: list[set] = [set() for _ in puzzle.rows]
        for k, ident in enumerate(self.identities):
            if self.kind[k] == _SOFT and (said := stated(ident)):
                cid, self.fixed[cid] = said
                if ident.constant:
                    self.expected[cells[cid].row].add(self.fixed[cid])
        #: token index → the cells fixed at an amount no token from there on has (its last one
        #: was just before): when agreements bind, such a cell must have been read by then
        last = {token.value: token.index for token in puzzle.tokens}
        self.expiring: dict[int, list[int]] = {}
        for cid, amount in self.fixed.items():
            if amount:
                self.expiring.setdefault(last.get(amount, -1) + 1, []).append(cid)
        #: the largest amount from each token on: a whole still to be read is one of them (or
        #: empty), so parts read already that exceed it break its identity
        self.largest_from = [ZERO] * (len(puzzle.tokens) + 1)
        #: the amounts from each token on: a cell still undecided can take only one of them
        self.values_from: list[frozenset] = [frozenset()] * (len(puzzle.tokens) + 1)
        for token in reversed(puzzle.tokens):
            self.largest_from[token.index] = max(token.value, self.largest_from[token.index + 1])
            self.values_from[token.index] = self.values_from[token.index + 1] | {token.value}
        #: cell → whether it holds a printed code row's money if any cell does (the whole of its
        #: row identity): left empty, the row is empty or its identity breaks
        self.lead = [False] * len(cells)
        for r, row in enumerate(puzzle.rows):
            if row.expects_amount and row.cells:
                heads = [c for k, ident in enumerate(self.identities) if self.kind[k] == _ROW
                         for coef, c in ident.terms if coef > 0 and cells[c].row == r]
                self.lead[heads[0] if heads else next(iter(row.cells.values()))] = True
        #: tokens whose amount no other token's relates to (:func:`_orphans`): a misprint, likely
        self.orphans = _orphans(puzzle.tokens)
        self.stream_of = [cell.stream for cell in cells]  # cell → its stream, for the reading's inner loop
        #: code rows above each row: a new block below one of them would leave it empty
        self.code_rows_above = _code_rows_above(puzzle, ())
        # As lists by cell and by identity, for the reading's innermost steps.
        self.unfilled = [bool(self.fixed.get(cid)) for cid in range(len(cells))]
        self.whole = [self.head.get(k) for k in range(len(self.identities))]
        #: whether another table fixes a part of the identity (else it bounds no part: _capacity)
        self.fixed_part = [any(cid in self.fixed for _, cid in ident.terms[1:]) for ident in self.identities]
        #: per cell, the agreements with tables read before through it
        self.agreements = [tuple((k, coef) for k, coef in self.of_cell[cid] if self.kind[k] == _SOFT)
                           for cid in range(len(cells))]

    def read(self) -> Solution | None:
        """The best reading when the printed order leaves one; ``None`` otherwise.

        First with every identity holding; then, for a misprint, with one cell or two cells
        of one row suspected at a time (:meth:`_suspected`).
        """
        #: budget → how far its pass read, and its evidence (the passes read to the end, or a
        #: first one cut short)
        passes: dict[Budget, tuple[int, int, list[int], list[int]]] = {}
        spent = decided = 0
        partial = False
        for budget in self.limits.layout_budgets:
            if budget.agreements_broken is None and _SOFT not in self.kind and \
                    replace(budget, agreements_broken=0) in self.limits.layout_budgets:
                continue  # nothing to agree with: the same as the budget with agreements binding
            reading = _Reading(self, budget)
            reading.node_limit = self.limits.layout_nodes - spent
            reading.decision_limit = self.limits.layout_decisions - decided
            try:
                found = reading.run()
            except _Ambiguous:
                return None
            except _OutOfNodes:
                if passes:
                    # Every reading of a misprinted table fails, and a more permissive budget has
                    # many more of them: the suspects are read within the budgets seen to the end.
                    break
                found = None
                partial = True
            finally:
                spent, decided = spent + reading.nodes, decided + reading.decisions
            if found is not None:
                return self._solution(found[1])
            # Where the identities point (the module's docstring), each kind in turn: each was
            # the first to point at the misprint in some misprinted table.
            through = Counter(cid for k in reading.broke for _, cid in self.identities[k].terms)
            kinds = [sorted(reading.strays, key=lambda c: (reading.strays[c], self.stream_of[c])),
                     sorted(reading.short, key=reading.likeliest.get),
                     sorted(reading.stuck, key=reading.likeliest.get),
                     sorted(reading.tried, key=reading.tried.get),
                     sorted((c for c in reading.misread if through[c] > 1),
                            key=lambda c: (-through[c], -reading.misread[c])),
                     sorted((c for c in reading.refused if through[c]), key=lambda c: -reading.refused[c]),
                     [cid for cid, _ in reading.misread.most_common()],
                     [cid for cid, _ in reading.emptied.most_common()],
                     [cid for cid, _ in reading.blamed.most_common()]]
            passes[budget] = (reading.nodes, reading.depth,
                              [kind[n] for n in range(max(map(len, kinds))) for kind in kinds if n < len(kind)],
                              sorted(reading.ahead, key=lambda c: (reading.likeliest.get(c, len(reading.ahead)),
                                                                   -reading.ahead[c])))
            if partial:
                break
        hinted = self._hinted()
        if hinted is not None:
            return hinted
        if not partial:
            repeated = self._repeated()
            if repeated is not None:
                return repeated
        # A misprint stops every reading where it is read. A budget whose readings stop
        # sooner than another with the same agreements stops for another reason (an amount
        # it may not read out of order): where it could go next is not the misprint's, and
        # its suspects would stop there too. (Binding agreements stop a misprinted amount as
        # soon as it is read, where not binding them lets it go on, and stop further.) But a
        # cell the identities single out is evidence wherever the reading stopped: a more
        # permissive budget may read the misprinted amount out of order and stop later.
        deepest = {}
        for budget, (_, depth, _, _) in passes.items():
            deepest[budget.agreements_broken] = max(depth, deepest.get(budget.agreements_broken, depth))
        viable = [budget for budget, (_, depth, _, _) in passes.items() if depth == deepest[budget.agreements_broken]]
        frontier = list(dict.fromkeys(
            [c for budget in viable for c in passes[budget][2]]
            + [c for budget in passes if budget not in viable for c in passes[budget][2]]
            + [c for budget in viable for c in passes[budget][3]]))
        if partial:
            # The clean pass did not see every reading: what it read says nothing of what the
            # tolerant reading or a quick look at each cell would need, so only the suspects are read.
            return self._suspected(frontier, viable, None)
        return self._mended(passes[viable[0]][0], viable[0].out_of_order) \
            or self._suspected(frontier, viable, passes[viable[0]][0])

    def _hinted(self) -> Solution | None:
        """The reading of a misprinted table that a table read before prints line for line
        but for the misprint: its cells that print what the other does are known.

        A hint says what another table usually prints in a cell (the 一般公共预算支出表 prints
        the 支出总表's lines when a unit spends only 一般公共预算 money). It costs nothing and
        binds nothing, so a misprint leaves every cell free, and proving a suspect's reading
        the only one can take more readings than a suspect is given. But where this table
        prints the hinted amounts, all but one or two, and nothing more than amounts in their
        place (:meth:`_unprinted`), the hint holds here, and the cells of the amounts it does
        not print are the misprints: each alone, then two of one row, is suspected with the
        other hinted cells taking their amounts or none (as agreements bind). The reading must
        explain every break by its suspects, and be the only one that good; if none does, the
        table is read as if there were no hint.
        """
        unprinted = self._unprinted()
        if not unprinted:
            return None
        bound = Blocks(replace(self.puzzle, identities=[replace(ident, hint=False) if ident.hint else ident
                                                         for ident in self.puzzle.identities]), self.limits)
        row = [self.puzzle.cells[cid].row for cid in unprinted]
        # Each alone, then two of one row; then each with a row-mate, which may be misprinted
        # too, as an amount the hint puts elsewhere in the row (48.00 and 45.00 printed 45.00
        # and 45.80: the table then lacks one amount only).
        suspects = list(dict.fromkeys(
            [frozenset((cid,)) for cid in unprinted]
            + [frozenset((a, b)) for n, a in enumerate(unprinted) for m, b in enumerate(unprinted)
               if n < m and row[n] == row[m]]
            + [frozenset((cid, mate)) for cid in unprinted
               for mate in self.puzzle.rows[self.puzzle.cells[cid].row].cells.values() if mate != cid]))
        for budget in (b for b in self.limits.layout_budgets if b.agreements_broken == 0):
            explained, solution, _, _ = bound._suspected_within(budget, suspects, 0, 0)
            if explained:
                return self._solution(solution.values) if solution is not None else None
        return None

    def _unprinted(self) -> list[int]:
        """The hinted cells whose amount this table does not print, when it prints every other
        hinted amount and, beyond them, only as many amounts as it lacks (their misprints): one
        or two, as a misprint changes one amount, or one row's. An amount hinted in several
        cells makes each of them one (any may be the misprinted one)."""
        hinted = dict(said for ident in self.puzzle.identities
                      if ident.hint and ident.constant and (said := stated(ident)))
        wanted = Counter(hinted.values())
        printed = Counter(token.value for token in self.puzzle.tokens if token.value)
        missing, extra = wanted - printed, printed - wanted
        if not missing or sum(missing.values()) > 2 or sum(extra.values()) > sum(missing.values()):
            return []
        return sorted((cid for cid, amount in hinted.items() if amount in missing),
                      key=lambda cid: (self.puzzle.cells[cid].row, self.stream_of[cid]))

    def _mended(self, clean: int, out_of_order: int) -> Solution | None:
        """The reading of a table whose misprint breaks a few identities but no row's sum (a
        leaf row printed wrong in both its columns, say), found by reading the table again
        with the misprinted amounts mended.

        A reading that tolerates such breaks (``Limits.layout_tolerated``, within a few times
        ``clean`` readings) puts every amount in its printed cell and says which identities
        break. Each cell, or two cells of a row, whose identities include all of those could
        carry the misprint: the amounts that mend them follow from the breaks, and must leave
        every other identity through those cells holding. The table is then read clean with the
        mended amounts in place of the printed ones; a misprint is placed where it was
        printed only when that reading puts the mended amounts in those cells. The best of
        those readings is taken, if every one as good puts each amount in the same cell; the
        printed amounts stay as printed.
        """
        for found in self._tolerated(clean, out_of_order):
            solution = self._mended_from(found)
            if solution is not None:
                return solution
        return None

    def _mended_from(self, found: dict[int, Token]) -> Solution | None:
        """:meth:`_mended` from one reading that tolerates the misprint's breaks."""
        left = [residual(ident, found) for ident in self.identities]
        breaks = {k for k, value in enumerate(left) if value != ZERO}
        through = [{k for k, _ in pairs} for pairs in self.of_cell]
        readings: list[tuple[tuple, dict[int, Token]]] = []
        spent = 0
        for hidden in self._carriers(breaks, through, found):
            mended = self._mend(hidden, breaks, left, found)
            if mended is None:
                continue
            try:
                outcome, spent = self._read_mended({found[cid].index: value for cid, value in mended.items()}, spent)
            except (_Ambiguous, _OutOfNodes):
                return None  # a mended table read two ways, or not seen whole, places nothing
            if outcome is not None:
                cost, values = outcome
                if all(values.get(cid) is not None and values[cid].index == found[cid].index for cid in hidden):
                    readings.append((cost, values))
        return self._only(readings) if readings else None

    def _read_mended(self, mended: dict[int, object], spent: int, left_out: tuple[int, object] | None = None) \
            -> tuple[tuple | None, int]:
        """The best clean reading of the table with the amounts of some tokens mended (token
        index → amount), and with an amount left out put back before a token (its index,
        the amount); the printed tokens in its cells, the cell of the one put back blank.
        And the readings spent so far, within ``Limits.layout_mended_nodes``.

        :raises _Ambiguous: the mended table reads two ways
        :raises _OutOfNodes: not every reading of it was seen
        """
        tokens = [replace(token, value=mended[token.index]) if token.index in mended else token
                  for token in self.puzzle.tokens]
        printed = list(self.puzzle.tokens)
        if left_out is not None:
            at, value = left_out
            before = tokens[at - 1]
            # On a line of its own (no line number is negative): it was printed beside no other amount.
            tokens.insert(at, Token(at, value, str(value), before.page, -1 - at))
            tokens = [replace(token, index=n) if token.index != n else token for n, token in enumerate(tokens)]
            printed.insert(at, None)
        layout = Blocks(replace(self.puzzle, tokens=tokens), self.limits)
        for budget in self.limits.layout_budgets:
            reading = _Reading(layout, budget)
            reading.node_limit = self.limits.layout_mended_nodes - spent
            try:
                outcome = reading.run()
            finally:
                spent += reading.nodes
            if outcome is not None:
                cost, values = outcome
                return (cost, {cid: printed[t.index] for cid, t in values.items() if printed[t.index] is not None}), spent
        return None, spent

    def _repeated(self) -> Solution | None:
        """The reading of a misprinted table that prints a run of amounts twice but for one
        amount: one of the two is the misprint, and the other says what it should print.

        A column often repeats another over a block of rows (a 合计 that is the only part
        of each row: 302's 合计 and 公用经费 where the unit has no 人员经费 there), and text
        copied out of a PDF prints a block one column at a time, so a misprint in either
        shows as two runs alike but for one amount ("4.76 21.00 5.00 … 0.90" and "4.76 12.00
        5.00 … 0.90"). Each of the two amounts is mended to the other's in turn, and the
        table read clean with it: a misprint no evidence of the readings points at (its row
        adds up with another amount read out of order, and the readings stop rows later) is
        then placed by the first clean pass. The cheapest of those readings, in digits
        changed first, is taken if every one as cheap agrees; the printed amounts stay as
        printed, in the cells the mended ones took.
        """
        tokens = self.puzzle.tokens
        readings: list[tuple[tuple, dict[int, Token]]] = []
        spent = 0
        for index, value, left_out in _repeat_mends(tokens):
            try:
                if left_out:
                    outcome, spent = self._read_mended({}, spent, (index, value))
                else:
                    outcome, spent = self._read_mended({index: value}, spent)
            except _OutOfNodes:
                break
            except _Ambiguous:
                continue
            if outcome is not None:
                cost, values = outcome
                # An amount left out changes no digit, and costs the floor of one (as a blank suspect).
                digits = 1 if left_out else _changed_digits(tokens[index].value, value)
                readings.append(((digits, *cost), values))
        return self._only(readings) if readings else None

    def _tolerated(self, clean: int, out_of_order: int):
        """For each number of broken identities tolerated in turn (:meth:`_mended`), the best
        reading its budgets find within a few times ``clean`` readings per identity tolerated,
        if it breaks any, with as many amounts out of order as the clean pass that read
        furthest (a 合计 row that prints a part among the header is read so even clean). A
        leaf row printed wrong in both its columns breaks its parent's sum in each; a class
        row so printed breaks its children's sum in each too, and the grand total's: four."""
        levels: dict[tuple[int, int], list[Budget]] = {}
        for budget in self.limits.layout_tolerated:
            budget = replace(budget, out_of_order=max(budget.out_of_order, out_of_order))
            levels.setdefault((budget.row_breaks, budget.other_breaks), []).append(budget)
        for (row_breaks, other_breaks), budgets in levels.items():
            # Each break tolerated keeps readings open that the clean pass closed at once.
            spent, limit = 0, self.limits.layout_tolerated_factor * (row_breaks + other_breaks) * clean
            for budget in dict.fromkeys(budgets):
                reading = _Reading(self, budget)
                reading.node_limit = limit - spent
                try:
                    reading.run()
                except (_Ambiguous, _OutOfNodes):
                    pass  # the best reading seen so far says as much
                spent += reading.nodes
                if reading.best is not None:
                    if reading.best[_ROW] + reading.best[_CROSS]:
                        yield reading.values
                    break
                if spent >= limit:
                    break

    def _carriers(self, breaks: set[int], through: list[set[int]], found: dict[int, Token]) \
            -> list[frozenset[int]]:
        """Cells holding an amount, one or two of a row, that are in every identity of ``breaks``:
        fewest identities through them first (they explain no more breaks, and free less)."""
        singles, pairs = [], []
        for row in self.puzzle.rows:
            ids = [cid for cid in row.cells.values() if cid in found and through[cid] & breaks]
            singles += [frozenset((cid,)) for cid in ids if breaks <= through[cid]]
            pairs += [frozenset((a, b)) for n, a in enumerate(ids) for b in ids[n + 1:]
                      if not breaks <= through[a] and not breaks <= through[b] and breaks <= through[a] | through[b]]

        def freed(hidden: frozenset[int]) -> int:
            return len(set().union(*(through[cid] for cid in hidden)))

        return sorted(singles, key=freed) + sorted(pairs, key=freed)

    def _mend(self, hidden: frozenset[int], breaks: set[int], left: list, found: dict[int, Token]) \
            -> dict[int, object] | None:
        """The amounts of ``hidden``'s cells that mend every identity of ``breaks`` and keep every
        other identity through them holding; ``None`` when there are none (or one is negative)."""
        delta: dict[int, object] = {}
        for cid in hidden:
            for k, coef in self.of_cell[cid]:
                if k in breaks and not any(other in hidden for _, other in self.identities[k].terms if other != cid):
                    change = -left[k] / coef
                    if delta.setdefault(cid, change) != change:
                        return None
        if set(delta) != hidden:
            return None
        for k in {k for cid in hidden for k, _ in self.of_cell[cid]}:
            change = sum(coef * delta[cid] for coef, cid in self.identities[k].terms if cid in hidden)
            if left[k] + change != ZERO:
                return None
        mended = {cid: found[cid].value + delta[cid] for cid in hidden}
        if any(value < ZERO or value == found[cid].value for cid, value in mended.items()):
            return None
        return mended

    def _suspected(self, frontier: list[int], budgets: list[Budget], clean: int | None) -> Solution | None:
        """The reading of a misprinted table: one cell, or two cells of one row, suspected at
        a time in the order of :meth:`_suspects`; the first that explains the table and its
        row-mates' rivals are compared. Within each budget in turn, in their order (the
        printed order kept before an amount out of it, agreements binding before not): a
        misprint is rarer in a table also printed out of order, and a wrong suspect is
        refuted in far fewer readings when the printed order and the agreements bind. A
        suspect must explain every break, its agreements' included, so binding them loses
        no reading that would be taken. Where only pairs explain the table within a budget,
        their cells are read alone within the budgets after, and one that explains it one way
        is taken instead.

        Before that, each single cell is read in that order with a few times the readings the
        first budget's clean pass took (``clean``), so that a misprint the evidence missed is
        not left behind a long row of suspects that each take the full count to refute; not
        when that pass was cut short (``None``), whose count says nothing of what one needs."""
        suspects = self._suspects(frontier)
        spent = decided = 0
        quick, spent, decided = self._quick(suspects, budgets[0], clean) if clean is not None else (None, 0, 0)
        if quick is not None:
            suspects.remove(quick)
            suspects.insert(0, quick)
        for n, budget in enumerate(budgets):
            explained, solution, spent, decided = self._suspected_within(budget, suspects, spent, decided)
            if explained and all(len(hidden) > 1 for hidden in explained):
                # Only pairs explain the table here: a misprint changes one amount more often
                # than two, and one of their cells alone may explain it in a budget after, with
                # an amount out of order (the sample's 基本支出表 prints its 合计 row's 人员经费
                # before the row: with that amount or the 合计 misprinted, two cells of the row
                # explain the breaks in printed order, one way or two, and wrongly).
                # Their rows' other cells come after theirs: a pair that two readings explain
                # alike is not among them, and its cell alone must still be compared with its
                # row-mates (a 合计 row's 人员经费 and 公用经费 hold each other's amounts in some
                # reading).
                rows = {self.puzzle.cells[cid].row for hidden in explained for cid in hidden}
                alone = list(dict.fromkeys(
                    [frozenset((cid,)) for hidden in explained for cid in hidden]
                    + [frozenset((cid,)) for row in sorted(rows) for cid in self.puzzle.rows[row].cells.values()]))
                for later in budgets[n + 1:]:
                    single, reading, spent, decided = self._suspected_within(later, alone, spent, decided)
                    if single and reading is not None:
                        return reading
                    if single:
                        break
            if explained or spent >= self.limits.layout_suspect_nodes \
                    or decided >= self.limits.layout_suspect_decisions:
                return solution
        return None

    def _quick(self, suspects: list[frozenset[int]], budget: Budget, clean: int) \
            -> tuple[frozenset[int] | None, int, int]:
        """The first single cell whose suspicion explains the table within a few times
        ``clean`` readings; the readings and the cells decided."""
        spent = decided = 0
        for hidden in suspects:
            if len(hidden) > 1:
                continue
            if spent >= self.limits.layout_quick_nodes:
                break
            reading = _Reading(self, budget, hidden)
            reading.node_limit = self.limits.layout_quick_factor * clean
            found = _outcome(reading)
            spent, decided = spent + reading.nodes, decided + reading.decisions
            if found is not None and self._explains(reading, found[1]):
                return hidden, spent, decided
        return None, spent, decided

    def _explains(self, reading: _Reading, values: dict[int, Token]) -> bool:
        """Whether the reading breaks some identity, and every one it breaks passes through
        its suspects: one elsewhere (an agreement with another table included) says the
        reading, not the print, is wrong; and a reading that breaks none is a clean one,
        which is not known to be the only one where the clean pass was cut short."""
        suspected = {id(self.identities[k]) for k in reading.exempt}
        breaks = broken(self.puzzle, values)
        return bool(breaks) and all(id(ident) in suspected for ident in breaks)

    def _suspected_within(self, budget: Budget, suspects: list[frozenset[int]], spent: int,
                          decided: int) -> tuple[list[frozenset[int]], Solution | None, int, int]:
        """The suspects that explain the table within ``budget`` (none: no suspect does); the
        reading, if it is the only one that good; the readings and the cells decided so far."""
        readings: list[tuple[tuple, dict[int, Token]]] = []
        explained: list[frozenset[int]] = []
        ceiling: tuple | None = None  # the first reading's cost: a rival's that costs more is cut
        tried: set[frozenset[int]] = set()
        rivals: list[frozenset[int]] | None = None
        for hidden in suspects:
            if rivals is not None and hidden not in rivals:
                continue
            if spent >= self.limits.layout_suspect_nodes or decided >= self.limits.layout_suspect_decisions:
                return explained, None, spent, decided
            tried.add(hidden)
            reading = _Reading(self, budget, hidden)
            if rivals is not None:
                reading.node_limit = self.limits.layout_nodes_per_rival
                # Each suspect's own misprint breaks the identities through its cell, as many
                # as there are: a rival is held to the first reading's cost in all else.
                own = reading.cost[_SUSPECT] if reading.settled else len(self.identities)
                reading.ceiling = (*ceiling[:_SUSPECT], own, *ceiling[_SUSPECT + 1:])
            reading.decision_limit = self.limits.layout_suspect_decisions - decided
            found = _outcome(reading)
            spent, decided = spent + reading.nodes, decided + reading.decisions
            if found is None:
                continue
            values = found[1]
            if not self._explains(reading, values):
                continue
            breaks = broken(self.puzzle, values)
            # One misprint is one misprint, however many identities pass through its cell: an
            # amount read out of order, a broken agreement, an empty row say more against a
            # reading than its breaks.
            readings.append(((*found[0][_DIGITS:], self._backward(values), sum(not i.soft for i in breaks),
                              found[0][_SUSPECT]), values))
            explained.append(hidden)
            if rivals is None:
                ceiling = found[0]
                # The same row's other cells could explain the table as well with other values
                # (a block's 人员经费 and 公用经费 swapped, say): they are read too, and the best of
                # all must be the only one that good.
                rows = {self.puzzle.cells[c].row for c in hidden}
                rivals = [h for h in suspects if len(h) == len(hidden) and h not in tried
                          and {self.puzzle.cells[c].row for c in h} == rows]
        return explained, self._only(readings) if readings else None, spent, decided

    def _backward(self, values: dict[int, Token]) -> int:
        """How many amounts the reading takes into an earlier column of the row the amount
        before them on their line went to. Text copied out of a PDF may glue a row's amounts in
        another order ("3.00100.00" is 项目 then 基本), so a reading may; but of two suspects'
        readings alike in all else, the one that reads the lines as printed is the likelier
        ("住房公积金 34.00 24.00" is 合计 34.00 and a misprinted 基本 24.00, not the reverse)."""
        cell_of = {token.index: cid for cid, token in values.items()}
        tokens, cells, count = self.puzzle.tokens, self.puzzle.cells, 0
        for before, token in pairwise(tokens):
            a, b = cell_of.get(before.index), cell_of.get(token.index)
            if a is not None and b is not None and (before.page, before.line) == (token.page, token.line) \
                    and cells[a].row == cells[b].row \
                    and self.stream_of[b] < self.stream_of[a]:
                count += 1
        return count

    def _suspects(self, frontier: list[int]) -> list[frozenset[int]]:
        """One cell, or two cells of one row (a row's total and one of its parts): a misprint
        changes one amount, or one row. ``frontier`` (the evidence of :meth:`read`, likeliest
        first) comes first, each cell alone and then with a row-mate. The rest follow in
        printed order."""
        rank = {cid: n for n, cid in enumerate(frontier)}
        cells = self.puzzle.cells
        suspects = [frozenset((cid,)) for cid in range(len(cells))]
        for row in self.puzzle.rows:
            ids = list(row.cells.values())
            suspects += [frozenset((a, b)) for n, a in enumerate(ids) for b in ids[n + 1:]]

        def order(hidden: frozenset[int]):
            # A misprint changes one amount more often than two: a pair comes after the
            # single cells of both its cells' ranks together.
            ranks = sorted(rank.get(c, len(rank)) for c in hidden)
            return sum(ranks) + len(hidden) - 1, len(hidden), ranks[-1], \
                sorted((cells[c].row, cells[c].stream) for c in hidden)

        return sorted(suspects, key=order)

    def _only(self, readings: list[tuple[tuple, dict[int, Token]]]) -> Solution | None:
        """The cheapest of ``readings``, if every one as cheap puts the same amount in each cell."""
        best = min(cost for cost, _ in readings)
        chosen = [values for cost, values in readings if cost == best]
        if any(_values(v) != _values(chosen[0]) for v in chosen[1:]):
            return None
        return self._solution(chosen[0])

    def _solution(self, values: dict[int, Token]) -> Solution:
        return Solution(values, [], [], broken(self.puzzle, values), (), gave_up=False)


def _outcome(reading: _Reading) -> tuple[tuple, dict[int, Token]] | None:
    """A suspect's reading: its best cost and values, or ``None`` when it has none, more
    than one, or more than it may look at."""
    try:
        return reading.run()
    except (_Ambiguous, _OutOfNodes):
        return None


#: The fewest amounts two runs must print alike, besides the one they differ in, to say
#: that one repeats the other: fewer match by chance where amounts recur (5.00, 0.90).
_REPEATED = 3


def _repeat_mends(tokens: list[Token]) -> list[tuple[int, object, bool]]:
    """Where two runs of the printed amounts are alike around one place (at least
    :data:`_REPEATED` amounts alike, on both sides of it, the runs apart) but for one amount
    there: (token index, amount, False) for each of the two printed differently, mended to
    the other's; (token index, amount, True) for an amount one run prints and the other
    leaves out, put back before that token. The longest runs first.

    >>> from decimal import Decimal as D
    >>> def mends(printed):
    ...     return [(n, str(a), out) for n, a, out in _repeat_mends([Token(n, D(a), a, 1, n)
    ...                                                              for n, a in enumerate(printed.split())])]
    >>> mends("4.76 21.00 5.00 5.00 0.90  4.76 12.00 5.00 5.00 0.90")
    [(1, '12.00', False), (6, '21.00', False)]
    >>> mends("4.76 5.00 5.00 0.90  4.76 12.00 5.00 5.00 0.90")
    [(1, '12.00', True)]
    >>> mends("4.76 21.00 5.00  4.76 12.00 5.00")  # two alike around it may be chance
    []
    """
    values = [token.value for token in tokens]
    found: list[tuple[int, int, object, bool]] = []

    def alike_from(a: int, b: int, step: int) -> int:
        """How many amounts from ``a`` and from ``b`` on (``step`` 1) or back (-1) are alike."""
        n = 0
        while 0 <= a + step * n < len(values) and 0 <= b + step * n < len(values) \
                and values[a + step * n] == values[b + step * n]:
            n += 1
        return n

    for offset in range(1, len(values)):
        for k in range(len(values) - offset):
            if values[k] == values[k + offset]:
                continue
            left = alike_from(k - 1, k + offset - 1, -1)
            if not left:
                continue
            # The amount at k and the one at k + offset differ, or one of the two runs lacks
            # one; the runs are apart (the first ends before the second starts).
            for right, change, span in ((alike_from(k + 1, k + offset + 1, 1), None, 1),
                                        (alike_from(k, k + offset + 1, 1), (k, values[k + offset]), 0),
                                        (alike_from(k + 1, k + offset, 1), (k + offset, values[k]), 1)):
                if right and left + right >= _REPEATED and left + right + span <= offset:
                    if change is None:
                        found += [(-(left + right), k, values[k + offset], False),
                                  (-(left + right), k + offset, values[k], False)]
                    else:
                        found.append((-(left + right), *change, True))
    return list(dict.fromkeys((index, value, left_out)
                              for _, index, value, left_out in sorted(found, key=lambda f: f[0])))


def _code_rows_above(puzzle: Puzzle, blank) -> list[int]:
    """How many rows above each row (and below the last) are code rows that hold money, but
    for the rows in ``blank`` (whose money a suspect may leave out)."""
    above = [0]
    for r, row in enumerate(puzzle.rows):
        above.append(above[-1] + (row.expects_amount and bool(row.cells) and r not in blank))
    return above


def _changed_digits(printed, should) -> int:
    """How many digits a misprint changed, if ``should`` was meant where ``printed`` is printed:
    the two aligned on their decimal point, a digit one has and the other lacks counting as
    changed (and a sign). Of two readings alike in all else, the one whose suspects need the
    fewer is the likelier: a misprint changes a digit or two, not the whole amount.

    >>> from decimal import Decimal as D
    >>> _changed_digits(D("465.76"), D("465.46")), _changed_digits(D("465.76"), D("105.53"))
    (1, 4)
    >>> _changed_digits(D("10.20"), D("369.93")), _changed_digits(D("3.00"), D("3")), _changed_digits(D("5"), D("-5"))
    (5, 0, 1)
    """
    places = max(0, -printed.as_tuple().exponent, -should.as_tuple().exponent)
    a, b = (format(abs(x), f".{places}f") for x in (printed, should))
    width = max(len(a), len(b))
    a, b = a.rjust(width), b.rjust(width)
    return sum(x != y for x, y in zip(a, b)) + ((printed < 0) != (should < 0))


def _orphans(tokens: list[Token]) -> frozenset[int]:
    """The tokens whose amount is not another's, nor the sum or the difference of two others'
    (zeros aside; an amount half another's counts as related, its own pair says so): in a
    table whose every amount is a part or a whole of some identity, one such is likely
    misprinted. A whole of three parts or more may be one too (a class total whose rows'
    合计 alone add up to it); this only orders the evidence."""
    amounts = [t for t in tokens if t.value]
    if not amounts:
        return frozenset()
    # In the smallest printed unit, as integers: the pairs are many, and integers add fastest.
    places = max(0, *(-t.value.as_tuple().exponent for t in amounts))
    values = [int(t.value.scaleb(places)) for t in amounts]
    count = Counter(values)
    related = set()
    for n, a in enumerate(values):
        for b in values[n + 1:]:
            related.update((a + b, b - a, a - b))
    return frozenset(t.index for t, v in zip(amounts, values) if count[v] == 1 and v not in related)


def _sides(puzzle: Puzzle, n_streams: int) -> list[int]:
    """Streams that share a row are one side; tables printed side by side have two."""
    parent = list(range(n_streams))

    def root(s: int) -> int:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    for row in puzzle.rows:
        streams = [puzzle.cells[c].stream for c in row.cells.values()]
        for s in streams[1:]:
            parent[root(s)] = root(streams[0])
    return [root(s) for s in range(n_streams)]


def _values(values: dict[int, Token]) -> dict[int, object]:
    return {cid: token.value for cid, token in values.items()}


class _Reading:
    """One exhaustive depth-first pass over the readings allowed by a budget.

    :param hidden: cells whose printed values are not trusted: the identities through them
        hold for some values of them (a part at least 0), not for the printed ones; a suspect
        may also be printed blank, its amount left out
    """

    def __init__(self, layout: Blocks, budget: Budget, hidden: frozenset[int] = frozenset(),
                 ceiling: tuple | None = None):
        self.layout = layout
        self.budget = budget
        self.tokens = layout.puzzle.tokens
        self.cells = layout.puzzle.cells
        self.next = [0] * len(layout.column)  # per stream, the position of its next undecided cell
        #: cell → its token; tokens are placed in printed order, so its size is the next one's index
        self.assign: dict[int, Token] = {}
        self.open = [len(i.terms) for i in layout.identities]  # undecided cells per identity
        self.sums = [i.constant for i in layout.identities]  # constant + sum(coef * value) over the decided cells
        #: identity → the length of the log when it was found broken (None: not broken yet)
        self.doomed: list[int | None] = [None] * len(layout.identities)
        self.hidden = hidden
        self.exempt = {k for cid in self.hidden for k, _ in layout.of_cell[cid]}
        #: A suspect may be a code row's money printed blank (its amount left out): its row is
        #: not empty for want of it, nor are rows below a new block for want of its row.
        self.lead, self.code_rows_above = layout.lead, layout.code_rows_above
        self.blank_leads = frozenset(cid for cid in hidden if layout.lead[cid])
        if self.blank_leads:
            self.lead = [lead and cid not in hidden for cid, lead in enumerate(layout.lead)]
            self.code_rows_above = _code_rows_above(layout.puzzle, {self.cells[cid].row for cid in self.blank_leads})
        #: an exempt identity through one suspect only → (that suspect, its coefficient): the
        #: identity, its other cells decided, says what the suspect should have printed. An
        #: agreement says so too while agreements bind: the suspect's true amount, not its
        #: printed one, is what a table read before fixes.
        self.lone: dict[int, tuple[int, int]] = {}
        for k in self.exempt:
            through = [(cid, coef) for coef, cid in layout.identities[k].terms if cid in hidden]
            if len(through) == 1 and (layout.kind[k] != _SOFT or budget.agreements_broken == 0):
                self.lone[k] = through[0]
        #: suspect → the amount the first such identity says it should have printed; every
        #: other identity through it must agree
        self.implied: dict[int, object] = {}
        #: (suspect, length of the log then, the digits it added to the cost), to undo them
        self.said: list[tuple[int, int, int]] = []
        #: exempt identity → what the suspects' printed amounts add to it
        self.unsaid = dict.fromkeys(self.exempt, ZERO)
        #: A lone suspect breaks every hard identity through it in every reading: a reading
        #: with no other break gives each the one true amount, and that amount is not the
        #: printed one (else the reading would be clean, and the clean readings were all seen
        #: to fail). So its cost is known from the start and bounds the search at once.
        self.settled = len(hidden) == 1
        #: a pair's printed breaks are counted as its identities close
        self.counted = bool(hidden) and not self.settled
        self.cost = [0] * (_LATE + 1)
        #: the digits the suspects' true amounts change, as far as they are known; at least one
        #: changed (a reading where none did would be clean), which keeps the cost a bound
        self.digits = 0
        self.cost[_DIGITS] = 1 if hidden else 0
        if self.settled:
            self.cost[_SUSPECT] = sum(1 for k in self.exempt if layout.kind[k] != _SOFT)
        limits = layout.limits
        self.node_limit = limits.layout_nodes_per_suspect if hidden else limits.layout_nodes  # see Blocks.read
        #: cells decided so far, and how many may be: a reading's work grows with the cells it
        #: decides (a table of many empty cells decides hundreds a reading, most a few dozen)
        self.decisions, self.decision_limit = 0, limits.layout_decisions
        #: side → the block being read: (the stream read last, the block's first stream, its first and last row)
        self.block: dict[int, tuple[int, int, int, int]] = {}
        self.log: list[tuple[int, Token | None]] = []
        self.where: list[tuple[int, int]] = []  # (stream, row) of each token placed so far
        self.nodes = 0
        #: the most tokens read by any partial reading, and how many of those readings could
        #: put the next token (on the printed order alone, fitting its wholes or not) in each cell
        self.depth, self.ahead = -1, Counter()
        #: the best rank the cheapest of those readings gave a cell among the token's moves (on
        #: the printed order alone): a token that fits nowhere is likeliest misprinted in the
        #: cell the likeliest reading so far would put it into first
        self.likeliest: dict[int, int] = {}
        self.likeliest_cost: tuple | None = None
        #: of the cells those cheapest readings could put the next amount into, the ones it does
        #: not fit where a whole decided says exactly what the cell should hold (the whole's
        #: last part still to read): a misprinted amount is refused so, in its own cell
        self.short: set[int] = set()
        #: of the cells those cheapest readings left empty, the ones an earlier token on their
        #: path went to first in printed order and did not fit (a whole decided left less):
        #: a misprinted amount may be refused so and read elsewhere, and the reading stop a
        #: token or two later; each with the latest such token
        self.refused: dict[int, int] = {}
        #: the cell the next token's first move in printed order goes to in those cheapest
        #: readings, where it does not fit (``_fits``): a part misprinted larger than its
        #: whole is refused so in its own cell, and every reading stops there
        self.stuck: set[int] = set()
        #: the cells those cheapest readings put the next token into, where it fit its wholes
        #: and then broke an identity, by the move's rank in printed order: a misprinted amount
        #: read in its own cell breaks only the identities through it
        self.tried: dict[int, int] = {}
        #: per token on the path being read, the cell its first move in printed order went to
        #: when that move did not fit (else None)
        self.path_refusals: list[int | None] = []
        self.refusal: int | None = None  # that cell for the token ``_moves`` was last asked about
        #: the cells an orphan token (``Blocks.orphans``) could go to in some reading and does
        #: not fit (``_fits``), by the best rank among its moves in printed order: a misprinted
        #: amount relates to no other, and its own cell's identities refuse it
        self.strays: dict[int, int] = {}
        #: the cells still undecided in identities those readings broke reading their next token
        self.blamed: Counter = Counter()
        #: the cells holding an amount in those identities: a misprinted amount among them
        #: breaks every identity through its cell
        self.misread: Counter = Counter()
        #: the cells of those identities the readings left empty: a misprinted amount its
        #: whole refuses is read elsewhere, and its cell left empty
        self.emptied: Counter = Counter()
        self.broke: set[int] = set()  # those identities
        self.best: tuple | None = None
        #: the cost of a reading found already: one that costs more is not wanted
        self.ceiling = ceiling
        self.values: dict[int, Token] = {}
        self.tied = False  # another reading of the best cost puts another value in some cell
        #: Bounds prune only while no amount is negative, and only by identities that may not break.
        self.bounded = layout.bounded
        # The layout's lists that the innermost steps read, bound here to save a lookup each.
        self.whole, self.fixed_part, self.largest_from = layout.whole, layout.fixed_part, layout.largest_from
        self.values_from, self.terms = layout.values_from, layout.terms
        #: the budget's limits, in the order _affordable reads them (agreements: no limit)
        self.caps = (budget.row_breaks, budget.other_breaks, budget.out_of_order, budget.empty_rows,
                     len(layout.identities) if budget.agreements_broken is None else budget.agreements_broken)
        self.binding = {_ROW: budget.row_breaks == 0, _CROSS: budget.other_breaks == 0,
                        _SOFT: budget.agreements_broken == 0}
        self.decided: set[int] = set()
        self.seen: set[tuple] = set()  # states read already (see ``_read``)
        self.undecided = [len(column) for column in layout.column]  # per stream, its cells not decided

    def run(self) -> tuple[tuple, dict[int, Token]] | None:
        self._token(0)
        if self.tied:
            raise _Ambiguous
        return (self.best, self.values) if self.best is not None else None

    # -- deciding cells --------------------------------------------------------------

    def _decide(self, cid: int, token: Token) -> None:
        # The reading's innermost steps (tens of times per reading): names are bound locally.
        layout, sums, open_cells, doomed, cost = self.layout, self.sums, self.open, self.doomed, self.cost
        self.decisions += 1
        self.log.append((cid, token))
        self.decided.add(cid)
        stream = layout.stream_of[cid]
        self.undecided[stream] -= 1
        self.assign[cid] = token
        cost[_LATE] += stream
        exempt = self.exempt if cid in self.hidden else ()
        if exempt and cid in self.implied:
            self._count_digits(_changed_digits(token.value, self.implied[cid]))
        counted, breaks = self.counted, self._breaks
        value = token.value
        for k, coef in layout.of_cell[cid]:
            if k not in exempt:
                sums[k] += coef * value
            else:
                self.unsaid[k] += coef * value
            open_cells[k] -= 1
            if counted and open_cells[k] == 0 and self._misprinted(k):
                cost[_SUSPECT] += 1
            if doomed[k] is None and breaks(k):
                doomed[k] = len(self.log)
                cost[layout.kind[k]] += 1

    def _leave_empty(self, cid: int) -> bool:
        """Decide cell ``cid`` empty (nine decisions in ten); whether that changed the cost."""
        layout, open_cells, doomed, cost = self.layout, self.open, self.doomed, self.cost
        self.decisions += 1
        self.log.append((cid, None))
        self.decided.add(cid)
        self.undecided[layout.stream_of[cid]] -= 1
        changed = False
        if self.lead[cid]:
            cost[_EMPTY] += 1
            changed = True
        if layout.unfilled[cid]:
            cost[_UNFILLED] += 1
            changed = True
        counted, breaks = self.counted, self._breaks
        for k, _ in layout.of_cell[cid]:
            open_cells[k] -= 1
            if counted and open_cells[k] == 0 and self._misprinted(k):
                cost[_SUSPECT] += 1
                changed = True
            if doomed[k] is None and breaks(k):
                doomed[k] = len(self.log)
                cost[layout.kind[k]] += 1
                changed = True
        return changed

    def _undo(self, mark: int) -> None:
        layout, sums, open_cells, doomed, cost, log = self.layout, self.sums, self.open, self.doomed, self.cost, self.log
        said, decided, undecided, hidden, counted = self.said, self.decided, self.undecided, self.hidden, self.counted
        of_cell, stream_of, kind = layout.of_cell, layout.stream_of, layout.kind
        while len(log) > mark:
            cid, token = log.pop()
            at = len(log) + 1
            while said and said[-1][1] >= at:
                suspect, _, digits = said.pop()
                del self.implied[suspect]
                self._count_digits(-digits)
            decided.discard(cid)
            stream = stream_of[cid]
            undecided[stream] += 1
            exempt = self.exempt if cid in hidden else ()
            value = token.value if token is not None else None
            for k, coef in of_cell[cid]:
                if doomed[k] == at:
                    doomed[k] = None
                    cost[kind[k]] -= 1
                if counted and open_cells[k] == 0 and self._misprinted(k):
                    cost[_SUSPECT] -= 1
                open_cells[k] += 1
                if value is not None:
                    if k not in exempt:
                        sums[k] -= coef * value
                    else:
                        self.unsaid[k] -= coef * value
            if token is None:
                if self.lead[cid]:
                    cost[_EMPTY] -= 1
                if layout.unfilled[cid]:
                    cost[_UNFILLED] -= 1
            else:
                del self.assign[cid]
                cost[_LATE] -= stream
                if exempt and cid in self.implied:  # known before this cell was decided
                    self._count_digits(-_changed_digits(value, self.implied[cid]))

    def _count_digits(self, digits: int) -> None:
        self.digits += digits
        self.cost[_DIGITS] = max(self.digits, 1)

    def _misprinted(self, k: int) -> bool:
        """Whether identity ``k``, all its cells decided, is a suspect's that its printed
        amounts break: such breaks choose among the readings the other identities leave
        equal, and counting them as they close lets them bound the search too."""
        return k in self.exempt and self.layout.kind[k] != _SOFT and self.sums[k] + self.unsaid[k] != ZERO

    def _breaks(self, k: int) -> bool:
        """Whether identity ``k`` is broken already: all its cells decided and it does not
        hold, or its whole decided and its parts exceeding it (amounts are >= 0, so parts
        still to come cannot mend it)."""
        total, open_cells, said = self.sums[k], self.open[k], None
        if k in self.exempt:
            lone = self.lone.get(k)
            said = self.implied.get(lone[0]) if lone is not None else None
            if lone is not None and open_cells - (lone[0] not in self.decided) == 0 and said is None:
                # The first identity through the suspect to close says what it should have
                # printed: a single misprint has one true amount, which mends every identity.
                should = -total / lone[1]
                if self.bounded and should < ZERO:
                    return True
                self.implied[lone[0]] = should
                token = self.assign.get(lone[0])
                digits = _changed_digits(token.value, should) if token is not None else 0
                self._count_digits(digits)
                self.said.append((lone[0], len(self.log), digits))
                return False
            if said is None:
                # A suspect part may take what its whole leaves, but not less than nothing.
                head = self.whole[k]
                return (self.bounded and head is not None and head not in self.hidden
                        and head in self.decided and total < ZERO)
            # The suspect's true amount is known: the identity is judged as any other.
            total, open_cells = total + lone[1] * said, open_cells - (lone[0] not in self.decided)
        if open_cells == 0:
            return total != ZERO
        if open_cells == 1 and not self._can_close(k, total):
            return True
        head = self.whole[k]
        if head is None or not self.bounded:
            return False
        if head in self.decided or said is not None and head in self.hidden:
            if total < ZERO:
                return True
            capacity = self._capacity(k) if total > ZERO and self.fixed_part[k] and self.binding[_SOFT] else None
            return capacity is not None and total > capacity
        return -total > self.largest_from[len(self.assign)]

    def _can_close(self, k: int, total) -> bool:
        """Whether the one undecided cell of identity ``k`` (a suspect aside) can still take
        the amount the identity, at ``total`` so far, needs there: nothing (left empty), or an
        amount still to be read."""
        decided, hidden = self.decided, self.hidden
        for coef, cid in self.terms[k]:
            if cid not in decided and cid not in hidden:
                needed = -total / coef
                return needed == ZERO or needed in self.values_from[len(self.assign)]
        return True

    def _capacity(self, k: int):
        """The most the undecided parts of identity ``k`` can still add when agreements bind:
        a part that another table fixes adds at most that amount (``None``: no limit)."""
        total = ZERO
        for coef, cid in self.layout.identities[k].terms[1:]:
            if cid not in self.decided:
                fixed = self.layout.fixed.get(cid)
                if fixed is None:
                    return None
                total += fixed
        return total

    def _skip_to(self, stream: int, position: int) -> None:
        """Cells of ``stream`` above ``position`` not read yet are empty."""
        column, decided, following = self.layout.column[stream], self.decided, self.next
        if following[stream] >= position or not self._affordable():
            return
        while following[stream] < position:
            cid = column[following[stream]]
            # A cell decided already was closed with its line (``_close_line``). The budget
            # is judged again only when the cost changed.
            changed = cid not in decided and self._leave_empty(cid)
            following[stream] += 1
            if changed and not self._affordable():
                return

    # -- the search ------------------------------------------------------------------

    def _affordable(self) -> bool:
        """Whether the reading is within its budget."""
        cost, (rows, others, order, empty, agreements) = self.cost, self.caps
        return (cost[_ROW] <= rows and cost[_CROSS] <= others and cost[_ORDER] <= order and cost[_EMPTY] <= empty
                and cost[_SOFT] <= agreements)

    def _within(self) -> bool:
        """Whether the reading is within its budget and may still be as good as the best."""
        if not self._affordable():
            return False
        cost, best = self.cost, self.best if self.best is not None else self.ceiling
        if best is None:
            return True
        head = tuple(cost[:_LATE])
        if head != best[:_LATE]:
            return head < best[:_LATE]
        return cost[_LATE] + self._late_still() <= best[_LATE]

    def _late_still(self) -> int:
        """The least the tokens still to read add to the columns-used cost: each takes a cell
        not decided yet, at best the leftmost ones."""
        left, late = len(self.tokens) - len(self.assign), 0
        for stream, open_cells in enumerate(self.undecided):
            if left <= 0:
                break
            late += stream * min(left, open_cells)
            left -= open_cells
        return late

    def _token(self, i: int) -> None:
        mark = len(self.log)
        self._close_line(i)
        if self._within():
            self._read(i)
        self._undo(mark)

    def _close_line(self, i: int) -> None:
        """A row whose code is printed alone on a line prints all its amounts on that line:
        once the line's amounts are read, its other cells are empty, and its identities can
        be judged at once rather than when each column moves past it."""
        if i == 0 or self.tokens[i - 1].beside is None or (i < len(self.tokens) and
                                                           self.tokens[i].line == self.tokens[i - 1].line):
            return
        for cid in self.layout.puzzle.rows[self.tokens[i - 1].beside].cells.values():
            if cid not in self.decided and self._within():
                self._leave_empty(cid)

    def _read(self, i: int) -> None:
        # Readings that differ only in which of two equal amounts went where reach the same
        # state: what follows is the same, so it is read once.
        state = (i, tuple(self.next), tuple(self.block.items()), self.where[-1] if self.where else None,
                 tuple(self.cost), frozenset(self.decided), frozenset(_values(self.assign).items()))
        if state in self.seen:
            return
        self.seen.add(state)
        self.nodes += 1
        reached = None  # the cost this reading reached the deepest token at
        loose = None  # the token's moves on the printed order alone, fitting its wholes or not
        if i >= self.depth and i < len(self.tokens):
            if i > self.depth:
                self.depth, self.ahead, self.blamed, self.misread, self.broke = i, Counter(), Counter(), Counter(), set()
                self.emptied = Counter()
                self.likeliest, self.likeliest_cost = {}, None
            ahead = {}
            loose = self._moves(i, fitting=False, agreeing_first=False)
            for rank, (s, p, _, _) in enumerate(loose):
                ahead.setdefault(self.layout.column[s][p], rank)
            self.ahead.update(ahead.keys())
            cost = tuple(self.cost)
            if self.likeliest_cost is None or cost < self.likeliest_cost:
                self.likeliest, self.likeliest_cost, self.short, self.refused, self.tried = {}, cost, set(), {}, {}
                self.stuck = set()
            reached = cost
            if cost == self.likeliest_cost:
                for cid, rank in ahead.items():
                    self.likeliest[cid] = min(rank, self.likeliest.get(cid, rank))
                self.short.update(cid for cid in ahead if self._short(cid, self.tokens[i]))
                for n, cid in enumerate(self.path_refusals):
                    if cid is not None and cid in self.decided and cid not in self.assign:
                        self.refused[cid] = max(n, self.refused.get(cid, n))
        if i in self.layout.orphans and self.bounded:
            token = self.tokens[i]
            if loose is None:
                loose = self._moves(i, fitting=False, agreeing_first=False)
            for rank, (s, p, _, _) in enumerate(loose):
                cid = self.layout.column[s][p]
                if not self._fits(cid, token, self._agreement(cid, token)):
                    self.strays[cid] = min(rank, self.strays.get(cid, rank))
        if self.nodes > self.node_limit or self.decisions > self.decision_limit:
            raise _OutOfNodes
        # A suspect's printed amount is not the one another table fixes: it is not held to it.
        if self.binding[_SOFT] and any(c not in self.decided and c not in self.hidden
                                       for c in self.layout.expiring.get(i, ())):
            return
        if i == len(self.tokens):
            mark, pointers = len(self.log), list(self.next)
            for s in range(len(self.next)):
                self._skip_to(s, len(self.layout.column[s]))
            if self._within():
                self._record()
            self._undo(mark)
            self.next = pointers
            return
        token = self.tokens[i]
        # Cells skipped only ever add to the cost: once the cells above a new block's row, or
        # a stream's cells above a position, cannot be left empty, no move needing that can
        # be read either. Not at the deepest token, whose failed moves are blamed one by one.
        prune = i < self.depth
        dead_rows: set[int] = set()  # new-block rows
        dead_at: dict[tuple, int] = {}  # (new-block row or None, stream) → the first position
        moves = self._moves(i)
        if reached is not None and reached == self.likeliest_cost and self.refusal is not None:
            self.stuck.add(self.refusal)
        self.path_refusals.append(self.refusal)
        for rank, (stream, position, start, out_of_order) in enumerate(moves):
            mark, pointers = len(self.log), list(self.next)
            side = self.layout.side[stream]
            saved = self.block.get(side)
            row = self.cells[self.layout.column[stream][position]].row
            new_block = start is not None
            context = (start, stream)
            if prune and (start in dead_rows or position >= dead_at.get(context, position + 1)):
                continue
            if new_block:
                for s in self.layout.side_streams[side]:
                    self._skip_to(s, self._first_at_or_below(s, start))
                if prune and not self._within():
                    dead_rows.add(start)
                    self._undo(mark)
                    self.next = pointers
                    continue
            self._skip_to(stream, position)
            if self.next[stream] < position or prune and not self._within():
                # the skipped cells went over the budget, or can no longer be the best
                dead_at[context] = min(position, dead_at.get(context, position))
                self._undo(mark)
                self.next = pointers
                continue
            self._decide(self.layout.column[stream][position], token)
            self.next[stream] = position + 1
            self.cost[_ORDER] += out_of_order
            if new_block or saved is None:
                self.block[side] = (stream, stream, start if new_block else row, row)
            else:
                _, lead, first, bottom = saved
                self.block[side] = (stream, lead, first, max(bottom, row))
            self.where.append((stream, row))
            if self._within():
                self._token(i + 1)
            elif i == self.depth:
                self._blame(mark)
                if reached == self.likeliest_cost:
                    cid = self.layout.column[stream][position]
                    self.tried[cid] = min(rank, self.tried.get(cid, rank))
            self.where.pop()
            self.cost[_ORDER] -= out_of_order
            self._undo(mark)
            self.next = pointers
            if saved is None:
                del self.block[side]
            else:
                self.block[side] = saved
        self.path_refusals.pop()

    def _blame(self, mark: int) -> None:
        """The deepest token could not be read here: the cells still undecided in the
        identities this move broke are where a misprint would be."""
        for k, at in enumerate(self.doomed):
            if at is not None and at > mark:
                self.blamed.update(cid for _, cid in self.layout.identities[k].terms if cid not in self.decided)
                self.misread.update(cid for _, cid in self.layout.identities[k].terms if cid in self.assign)
                self.emptied.update(cid for _, cid in self.layout.identities[k].terms
                                    if cid in self.decided and cid not in self.assign)
                self.broke.add(k)

    def _first_at_or_below(self, stream: int, row: int) -> int:
        return max(self.next[stream], bisect_left(self.layout.rows_of[stream], row))

    def _moves(self, i: int, fitting: bool = True, agreeing_first: bool = True):
        """Where token ``i`` may go, the printed order's likeliest first: beside the amount
        before it on its line, on down a column of the block, into another column of the
        block, on down the block's first column (a longer block), into a new block; out of
        that order last, if the budget allows. Within each, cells skipped come later. Cells
        where the tables read before expect this amount come first, unless not
        ``agreeing_first`` (where a misprint is looked for, a disagreement is evidence)."""
        layout, token = self.layout, self.tokens[i]
        pinned = token.row if token.row is not None else token.beside
        before = self.where[-1] if i and self.tokens[i - 1].line == token.line else None
        out = []
        earliest, refused = None, None  # the first move in printed order, and its cell if it did not fit
        for stream in range(len(layout.column)):
            last, lead, first, bottom = self.block.get(layout.side[stream], (None, None, -1, -1))
            # Tables printed side by side share lines: an amount after one of the other side's
            # on its line starts or continues its own side's reading.
            beside = before if before is not None and layout.side[before[0]] == layout.side[stream] else None
            # A line prints its left side's amounts before its right side's.
            leftward = before is not None and layout.from_left[stream] < layout.from_left[before[0]]
            column = layout.column[stream]
            skipped = -1
            for position in range(self.next[stream], len(column)):
                cid = column[position]
                if position > self.next[stream] and self.lead[column[position - 1]] \
                        and column[position - 1] not in self.decided and self.cost[_EMPTY] >= self.budget.empty_rows:
                    break  # skipping on would leave a code row without money
                if cid in self.decided:
                    continue  # closed with its line
                skipped += 1
                cell = self.cells[cid]
                if cell.page != token.page or pinned not in (None, cell.row):
                    continue
                if leftward:
                    kind = _ASTRAY
                elif pinned is not None:
                    # its line says which row, and prints the row's cells left to right
                    if beside is not None and beside[1] == cell.row and stream < beside[0]:
                        continue
                    kind = _BESIDE
                elif beside is not None and cell.row == beside[1]:
                    # the same row's next cell; an earlier one last (text copied out of a PDF
                    # may glue a row's amounts in another order: "3.00100.00" is 项目 then 基本)
                    kind = _BESIDE if stream > beside[0] else _BACK
                elif beside is not None:
                    kind = _ASTRAY
                elif cell.row > bottom and not (self.blank_leads and self._blank_down_to(lead, cell.row)):
                    kind = _LONGER if stream == last == lead else _NEW_BLOCK
                    if kind == _NEW_BLOCK and self.cost[_EMPTY] >= self.budget.empty_rows and \
                            self.code_rows_above[cell.row] > self.code_rows_above[bottom + 1]:
                        break  # so would every new block further down this column
                elif stream == last and cell.row >= first:
                    kind = _ON_DOWN
                elif cell.row >= first and (stream > last or cell.row > self.where[-1][1]):
                    # the next column of the block, or the next row's next cell (row by row)
                    kind = _ACROSS
                else:
                    kind = _ASTRAY
                if kind == _ASTRAY and self.cost[_ORDER] >= self.budget.out_of_order:
                    continue
                agreement = self._agreement(cid, token)
                starts = [cell.row] if kind == _NEW_BLOCK else [None]
                # A suspect printed blank heads its block: the block starts at its row, the
                # block's first amount below it (the row's other cells read with the block).
                above = column[position - 1] if position else None
                if kind == _NEW_BLOCK and above in self.blank_leads and above not in self.decided \
                        and self.cells[above].row > bottom:
                    starts.append(self.cells[above].row)
                fits = not fitting or not self.bounded or self._fits(cid, token, agreement)
                for start in starts:
                    move = (agreement, skipped > 0, kind, skipped, stream, position, start not in (None, cell.row), start)
                    if earliest is None or move[1:] < earliest:
                        earliest, refused = move[1:], None if fits else cid
                    if fits:
                        out.append(move)
        if fitting:
            self.refusal = refused
        out.sort(key=None if agreeing_first else lambda move: move[1:])
        return [(stream, position, start, int(kind == _ASTRAY)) for _, _, kind, _, stream, position, _, start in out]

    def _blank_down_to(self, lead: int | None, row: int) -> bool:
        """Whether the block's first column goes on down to ``row`` with suspects printed blank
        only, the last at ``row``: the block's last row whose money is left out is still the
        block's (its other cells are read with it)."""
        if lead is None:
            return False
        column, cells = self.layout.column[lead], self.cells
        for position in range(self.next[lead], len(column)):
            cid = column[position]
            if cid in self.decided:
                continue
            if cid not in self.blank_leads or cells[cid].row > row:
                return False
            if cells[cid].row == row:
                return True
        return False

    def _agreement(self, cid: int, token: Token) -> int:
        """How a table read before judges the token in this cell: 0 when its row is to hold
        this amount somewhere, 2 when the cell is to hold another, else 1. This only orders
        the moves: a reading that agrees found first bounds the others by its cost."""
        layout = self.layout
        for k, coef in layout.agreements[cid]:
            if self.open[k] == 1 and self.sums[k] + coef * token.value != ZERO:
                return 2
        return 0 if token.value in layout.expected[self.cells[cid].row] else 1

    def _fits(self, cid: int, token: Token, agreement: int) -> bool:
        """Whether the token fits under the wholes the cell is a part of (amounts are >= 0):
        once a whole is decided, its running sum is what its parts may still take; and, when
        agreements bind, whether the table read before that fixes the cell allows it
        (``agreement``, from :meth:`_agreement`)."""
        layout = self.layout
        if self.binding[_SOFT] and agreement == 2 and cid not in self.hidden:
            return False
        for k in layout.part_of.get(cid, ()):
            if not self.binding[layout.kind[k]] or cid in self.hidden and k in self.exempt:
                continue  # a whole that may break, or a suspect's printed amount, bounds nothing
            head, left = layout.head[k], self.sums[k]
            said = self.implied.get(self.lone[k][0]) if k in self.lone else None
            if said is not None:  # the suspect's true amount, whole or part, is known
                left += self.lone[k][1] * said
            elif head in self.hidden:
                continue
            if (head in self.decided or said is not None and head in self.hidden) and token.value > left:
                return False
        return True

    def _short(self, cid: int, token: Token) -> bool:
        """Whether the token does not fit a cell that is the last undecided part of a decided
        whole, or that a table read before fixes: that whole, or that table, says exactly what
        the cell should hold, and it is not this."""
        if cid in self.decided:
            return False
        if self._agreement(cid, token) == 2:
            return True
        if not self.bounded:
            return False
        for k in self.layout.part_of.get(cid, ()):
            if self.layout.head[k] in self.decided and self.open[k] == 1 and self.sums[k] != token.value:
                return True
        return False

    def _record(self) -> None:
        cost = tuple(self.cost)
        if self.ceiling is not None and cost > self.ceiling:
            return
        if self.best is None or cost < self.best:
            self.best, self.values, self.tied = cost, dict(self.assign), False
        elif cost == self.best and _values(self.assign) != _values(self.values):
            self.tied = True

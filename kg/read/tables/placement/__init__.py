"""Put numbers back into cells, using the document's own arithmetic.

Text copied out of a PDF keeps the numbers but loses which cell each came from.
Two things survive and drive the search here:

* **printed order within a column**: a column's non-empty cells come out top to
  bottom, and a row's cells are on the row's own page; the columns themselves
  may interleave in any way;
* **identities**: row total = its parts, parent = sum of children, 合计 = sum of
  top-level rows, and agreement with tables placed before (soft).

The parts, each small and named:

- :mod:`~.puzzle`: what is given (rows, cells, tokens, identities) and what comes back;
- :mod:`~.constraints`: what is known before anything is placed;
- :mod:`~.state`: a partial placement, and the misprint it assumes (the suspect);
- :mod:`~.moves`: what a cell may take next, the likeliest first;
- :mod:`~.bounds`: what a cell can still hold, and tokens nothing can take any more;
- :mod:`~.stop` and :mod:`~.limits`: when a search stops, and every limit with its reason;
- :mod:`~.search`: the depth-first branch and bound that ties them together.

:func:`solve` runs up to three kinds of search in turn. A clean table is solved with
every identity holding. A table with a misprint is solved by suspecting one token at a
time, so the misprinted amount stays in its cell and only the identities through that
cell break. Only when no single misprint explains the table are broken identities
allowed, one more at a time. Cells on which the best placements disagree are not
guessed: their tokens are reported as ambiguous.
"""

from __future__ import annotations

from kg.read.tables.placement.blocks import Blocks
from kg.read.tables.placement.constraints import Constraints
from kg.read.tables.placement.limits import LIMITS, Limits
from kg.read.tables.placement.puzzle import Cell, Identity, Puzzle, Row, Solution, Token, broken, residual
from kg.read.tables.placement.search import Search

__all__ = ["Cell", "Identity", "Limits", "Puzzle", "Row", "Solution", "Token", "broken", "residual", "solve"]


def solve(puzzle: Puzzle, limits: Limits = LIMITS, search: bool = True) -> Solution:
    """The placement of tokens into cells that best fits the identities.

    First an exact search: every identity must hold. If none does, the table has a
    printing error: each token seen where a sum failed is taken in turn as the
    suspect, in the order first seen (which follows the printed order). In its
    printed position the suspect's cell takes the value the identities need instead
    of the printed one, and the rest is solved exactly; the first suspect that
    explains the table wins, its breaks reported with the printed values. Last, broken
    identities (then unplaced tokens) are allowed, a few more at a time.

    :param search: after the layout-first reading finds nothing, search (the slow part of a
        table that cannot be read); else every token is left unplaced
    """
    read = Blocks(puzzle, limits).read()
    if read is not None:
        return read
    if not search:
        return Solution({}, list(puzzle.tokens), [], [], (len(puzzle.tokens),), False)
    constraints = Constraints(puzzle)
    exact = Search(puzzle, limits, limits.nodes, limits.after_first, constraints=constraints)
    exact.run(0, 0)
    if exact.best is not None:
        return exact.settled()
    spent = 0
    for token in list(exact.suspects_seen)[: limits.suspects]:
        nodes = min(limits.nodes_per_suspect, limits.nodes_for_suspects - spent)
        suspected = Search(puzzle, limits, nodes, limits.after_first_suspect, suspect=token, constraints=constraints)
        suspected.run(0, 0)
        if suspected.best is not None:
            return suspected.settled()
        spent += suspected.stop.nodes
        if spent >= limits.nodes_for_suspects:
            break
    exact.stop.limit = exact.stop.nodes + limits.nodes
    for max_unplaced, max_broken in limits.budgets:
        exact.run(max_unplaced, max_broken)
        if exact.best is not None or exact.stop.out_of_nodes:
            break
    return exact.settled()

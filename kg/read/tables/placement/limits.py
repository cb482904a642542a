"""Every limit of the placement search, with why it has its value.

The values were set on the sample and on generated disclosures (``benchmarks/``):
large enough that every clean table and every table with one misprint there is solved
exactly, small enough that a table broken beyond repair (a cut page) gives up in
seconds rather than minutes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    #: How many of a column's next tokens a row's first cell (its total) may take: a
    #: column comes out top to bottom, so skipping further would strand the tokens in
    #: between, and three keep the search small on long pages.
    head_beam: int = 3
    #: Search nodes for the exact search, and again for the search that allows breaks:
    #: a clean table of the sample needs well under a tenth of this.
    nodes: int = 300_000
    #: Once a placement is found, how many more nodes to spend looking for a better one
    #: or an equally good but different one (which would make the table ambiguous).
    after_first: int = 20_000
    #: Suspect tokens tried, in the order the exact search first saw them failing a sum:
    #: a misprint is met early, near the sums it breaks.
    suspects: int = 24
    #: Nodes for one suspect's search: a suspect that explains the table does so quickly.
    nodes_per_suspect: int = 120_000
    #: Nodes for all suspects together: a table broken beyond one misprint stops here.
    nodes_for_suspects: int = 800_000
    #: Once a suspect explains the table, how long to look for an equally good reading.
    after_first_suspect: int = 2_000
    #: Placements kept to compare: cells on which the best placements disagree are
    #: reported as ambiguous, and 64 readings are plenty to show a disagreement.
    kept: int = 64
    #: (unplaced tokens, broken identities) allowed, in the order tried once no single
    #: misprint explains the table: a broken identity is likelier than a lost token.
    budgets: tuple[tuple[int, int], ...] = ((0, 1), (0, 2), (0, 3), (0, 4), (1, 2), (2, 4), (99, 99))


LIMITS = Limits()

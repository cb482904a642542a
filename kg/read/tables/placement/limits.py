"""Every limit of the placement search, with why it has its value.

The values were set on the sample and on generated disclosures (``benchmarks/``):
large enough that every clean table and every table with one misprint there is solved
exactly, small enough that a table broken beyond repair (a cut page) gives up in
seconds rather than minutes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Budget:
    """How many row identities and other identities a layout reading may break, how
    many amounts it may read out of the block order, how many printed code rows it
    may leave without money, and how many agreements with tables read before it may
    break (``None``: any number; they then only rank the readings)."""

    row_breaks: int
    other_breaks: int
    out_of_order: int
    empty_rows: int = 0
    agreements_broken: int | None = None


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
    #: reported as ambiguous. They vary the last rows only (the search backtracks from
    #: there), so each cell is then challenged too.
    kept: int = 64
    #: Nodes for each cell's challenger (:meth:`Search.challenge`): an equally good
    #: placement with another amount in that cell is found within a few rows of it (the
    #: 收支总表 whose class rows nothing binds: 4 to 1,161 nodes).
    challenge_nodes: int = 2_000
    #: Nodes for all the challengers of a placement together: as many as the search spends
    #: looking beyond its first placement (``after_first``), so that a table of many cells
    #: does not pay 2,000 a cell (the sample's 收入总表 with 3.00 printed 3.01: 81 cells,
    #: 7.5 s more without it).
    challenges_nodes: int = 20_000
    #: (unplaced tokens, broken identities) allowed, in the order tried once no single
    #: misprint explains the table: a broken identity is likelier than a lost token.
    budgets: tuple[tuple[int, int], ...] = ((0, 1), (0, 2), (0, 3), (0, 4), (1, 2), (2, 4), (99, 99))
    #: The layout-first reading (:mod:`~.blocks`), tried before the search: first every
    #: identity holding and the block order kept, then one amount out of that order (the
    #: 合计 row's cells printed among the header). Each is tried first with every agreement
    #: with the tables read before holding: when such a reading exists, the best reading
    #: of the budget is one of them (agreements rank just after the order), and binding
    #: agreements cut the readings early (a class row that the function table leaves
    #: empty takes no amount). The last budget is also the one a misprint is read with,
    #: one suspect row at a time.
    layout_budgets: tuple[Budget, ...] = (Budget(0, 0, 0, agreements_broken=0), Budget(0, 0, 0),
                                          Budget(0, 0, 1, agreements_broken=0), Budget(0, 0, 1))
    #: Readings looked at over the budgets together, until one fits: every reading of a
    #: clean table that follows the block order is seen in far fewer (the sample's largest,
    #: 735); proving that a misprinted one has no clean reading takes more (the sample's
    #: 支出总表 with one amount changed: 1,135, then 5,455 with one amount out of order), and
    #: may take far more: an amount misprinted larger than every total (7842.10 for 1842.10)
    #: is still to be read, so a whole still to be read may be that large, and readings that
    #: shift a block's amounts a column right stay open until it is read (1,144,440). When
    #: the first budget needs more, the suspects are read on the evidence of the readings it saw.
    layout_nodes: int = 8_000
    #: Cells decided over those budgets together: a table of many empty cells decides
    #: hundreds a reading (the sample's 财政拨款收支总表, 145 cells for 13 amounts), where most
    #: decide a few dozen. A clean reading of the sample, or of a misprinted copy's tables
    #: that have one, takes at most 21,464 (agreements binding); proving that a misprinted
    #: table has none takes far more when agreements do not bind (the 财政拨款收支总表 with one
    #: amount changed: over 500,000, 2 s). When a later budget runs out of either, a misprint
    #: is looked for within the budgets read to the end, which the readings of every
    #: misprinted copy tried needed (at 500,000, 19 copies read cell for cell as now, five
    #: of them 0.5–1.5 s slower).
    layout_decisions: int = 150_000
    #: Readings looked at per suspect: the right suspect reads a sample table in under two
    #: thousand, but in the sample's 支出总表 needs up to 5,585 to see that no other reading is
    #: as good (a 合计 misprinted 7842.10 for 1842.10; two cells of 2080501 changed: 3,034); a
    #: wrong one fails to, and the next is tried.
    layout_nodes_per_suspect: int = 6_000
    #: Readings looked at per rival of the first suspect that explains a table: a rival may
    #: free a long column (the sample's 301 block reads its 人员经费 in 7,500). A rival that
    #: needs more is not compared (a known gap: its reading might have been better).
    layout_nodes_per_rival: int = 10_000
    #: Readings looked at over all suspects (a cell, or two of one row) of a table that no
    #: clean reading fits, their rivals included: a misprinted sample table needs 1,500–10,000;
    #: small enough that a table the block order does not describe is handed to the search
    #: within a second or two.
    layout_suspect_nodes: int = 80_000
    #: Cells decided over all suspects: the sample's misprinted tables need 30,000–500,000.
    layout_suspect_decisions: int = 3_000_000
    #: Before the suspects are read in full, each single cell is read with this many times
    #: the readings the first budget's clean pass took: the right suspect of a misprinted
    #: sample table needs 0.3–3.3 times as many (the clean pass saw every reading fail), where
    #: a wrong one may need the full count per suspect to fail.
    layout_quick_factor: int = 4
    #: Readings for that quick look over the single cells, counted with the suspects': an
    #: eighth of theirs (a table whose misprint is two cells of a row reads 10,000 more).
    layout_quick_nodes: int = 10_000
    #: Before the suspects, a reading that may break two identities other than a row's sum
    #: (agreements binding first), with a few times the readings of the first clean pass
    #: (``layout_tolerated_factor``): a leaf row printed wrong in both its columns still
    #: adds up and breaks its parent's sum in each, and no cell is in both, so single
    #: suspects miss it, and a pair of suspects frees so many identities that its readings
    #: are many (13,883 for the right one in the sample's 支出总表). Such a reading keeps
    #: every amount in its printed cell and breaks just those two (the sample's 支出总表 so
    #: misprinted: about 470 readings, its clean pass 1,665); the table is then read again
    #: with the amounts that would mend them. Then four: a class row with printed children
    #: so misprinted breaks their sum and its parent's in each column (the sample's 303 of
    #: the 基本支出表, 46.80 printed 46.90 twice: read in 0.26 s, where its suspects took 3.3 s).
    layout_tolerated: tuple[Budget, ...] = (Budget(0, 2, 0, agreements_broken=0), Budget(0, 2, 0),
                                            Budget(0, 4, 0, agreements_broken=0), Budget(0, 4, 0))
    #: Those readings, as a multiple of the first clean pass's, per identity tolerated
    #: broken: a break tolerated keeps readings open that the clean pass closed at once, so
    #: one that fits may come later (the sample's 323003 支出总表 with 2101102 printed 72.00
    #: for 22.00 in both its cells: the first at 1,843 readings, its clean pass 614; the 303
    #: row above at 823, its clean pass 158).
    layout_tolerated_factor: int = 2
    #: Readings of the table with those amounts mended, over all the cells (one, or two of a
    #: row) that could carry the misprint: each is a clean pass (the sample's: 735 at most).
    layout_mended_nodes: int = 10_000


LIMITS = Limits()

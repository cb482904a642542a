"""What the search knows of a puzzle before it places anything: when each identity can
be checked, which cells are parts of a whole, what other tables say, where columns run."""

from __future__ import annotations

from decimal import Decimal

from kg.read.tables.placement.puzzle import Identity, Puzzle, expectations
from kg.records import ZERO


class Constraints:
    def __init__(self, puzzle: Puzzle):
        n_rows = len(puzzle.rows)
        #: due[r]: the identities checked once row r is placed (the last row holding one of their cells).
        self.due: list[list[Identity]] = [[] for _ in range(n_rows)]
        #: row_identities[r]: the hard identities within row r alone (total = parts).
        self.row_identities: list[list[Identity]] = [[] for _ in range(n_rows)]
        #: part_of[cell]: the "whole = sum of parts" identities the cell is a part of; once the
        #: whole is known, a part can be no larger than what its siblings leave (amounts are >= 0).
        self.part_of: dict[int, list[Identity]] = {}
        for ident in puzzle.identities:
            if ident.hint:
                continue
            rows = {puzzle.cells[c].row for _, c in ident.terms}
            last = max(rows) if rows else 0
            self.due[last].append(ident)
            if len(rows) == 1 and not ident.soft:
                self.row_identities[last].append(ident)
            heads = [c for k, c in ident.terms if k > 0]
            if not ident.soft and len(heads) == 1 and ident.constant == ZERO:
                for k, c in ident.terms:
                    if k < 0:
                        self.part_of.setdefault(c, []).append(ident)
        #: Bounds hold only when no amount is negative.
        self.bounded = all(t.value >= ZERO for t in puzzle.tokens)
        #: cell → the value other tables say it holds.
        self.expected: dict[int, Decimal] = expectations(puzzle.identities)
        #: streams_after[r][page]: the column streams of rows after r on that page.
        self.streams_after: list[dict[int, set[int]]] = [{} for _ in range(n_rows + 1)]
        for r in range(n_rows - 1, -1, -1):
            merged = {page: set(streams) for page, streams in self.streams_after[r + 1].items()}
            row = puzzle.rows[r]
            merged.setdefault(row.page, set()).update(puzzle.cells[c].stream for c in row.cells.values())
            self.streams_after[r] = merged
        streams = {c.stream for c in puzzle.cells}
        self.n_streams = max(streams) + 1 if streams else 0

"""The search's state: a partial placement, and the misprint it assumes, if any."""

from __future__ import annotations

from decimal import Decimal

from kg.read.tables.placement.puzzle import Cell, Identity, Puzzle, Token
from kg.records import ZERO


class Suspect:
    """The hypothesis that one token is misprinted.

    In its printed position (its column's next token) the suspect's cell holds what the
    identities need, not what is printed; anywhere else it is an ordinary token. Its
    value is known once its row is complete: until then its cell is ``pending``.
    """

    def __init__(self, token: int | None = None):
        self.token = token  # the suspect token's index; None: no misprint assumed
        self.assumed: dict[int, Decimal] = {}  # cell id -> the value the identities need
        self.pending: int | None = None  # the suspect's cell while its value is not known

    def unknown(self, ident: Identity, but: int | None = None) -> bool:
        """Whether the identity holds the suspect's cell while its value is pending."""
        return self.pending is not None and self.pending != but and any(c == self.pending for _, c in ident.terms)


class State:
    """A partial placement, grown row by row: which token fills which cell, and how far
    each column stream has read (a stream's cells take tokens in printed order)."""

    def __init__(self, puzzle: Puzzle, n_streams: int, suspect: Suspect):
        self.puzzle = puzzle
        self.suspect = suspect
        self.assign: dict[int, Token] = {}
        self.decided: set[int] = set()  # cells whose content (a token or empty) is chosen
        self.late = 0  # sum of the column positions used: later columns are rarer
        self.used = [False] * len(puzzle.tokens)
        self.pointer = [-1] * n_streams  # per stream, the index of the last token taken

    def value(self, cell_id: int) -> Decimal:
        token = self.assign.get(cell_id)
        if token is None:
            return ZERO
        return self.suspect.assumed.get(cell_id, token.value)

    def total(self, ident: Identity) -> Decimal:
        """``constant + sum(coef * cell)``: zero when the identity holds."""
        return ident.constant + sum((c * self.value(cid) for c, cid in ident.terms), ZERO)

    def needed(self, ident: Identity, cell_id: int) -> Decimal:
        """The value ``cell_id`` must hold for the identity to hold, given the others."""
        coef = next(c for c, cid in ident.terms if cid == cell_id)
        others = ident.constant + sum((c * self.value(cid) for c, cid in ident.terms if cid != cell_id), ZERO)
        return -others / coef

    def next_token(self, cell: Cell) -> Token | None:
        """The next unused token of the cell's column stream on its page."""
        pointer = self.pointer[cell.stream]
        return next(
            (t for t in self.puzzle.tokens if not self.used[t.index] and t.index > pointer and t.page == cell.page),
            None,
        )

    def place(self, cell: Cell, token: Token, need: Decimal | None = None) -> int:
        """Put ``token`` into ``cell``; returns what :meth:`unplace` needs to undo it."""
        suspect = self.suspect
        # The suspect counts as unknown only in its printed position, as its
        # column's next token; anywhere else it is an ordinary token.
        if token.index == suspect.token and token is self.next_token(cell):
            if need is None:
                suspect.pending = cell.id
            elif need != token.value:
                suspect.assumed[cell.id] = need
        self.late += cell.stream
        saved = self.pointer[cell.stream]
        self.assign[cell.id] = token
        self.used[token.index] = True
        self.pointer[cell.stream] = token.index
        return saved

    def unplace(self, cell: Cell, token: Token, saved: int) -> None:
        self.suspect.assumed.pop(cell.id, None)
        if self.suspect.pending == cell.id:
            self.suspect.pending = None
        self.late -= cell.stream
        self.pointer[cell.stream] = saved
        self.used[token.index] = False
        del self.assign[cell.id]

    def inversions(self, cell: Cell, token: Token) -> int:
        """Cells of this row already filled whose tokens are out of column order."""
        count = 0
        for other_id in self.puzzle.rows[cell.row].cells.values():
            other = self.assign.get(other_id)
            if other is None or other is token:
                continue
            if (other.index < token.index) != (self.puzzle.cells[other_id].stream < cell.stream):
                count += 1
        return count

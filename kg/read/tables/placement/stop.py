"""When a search stops: out of nodes (it gave up), or satisfied with what it found."""

from __future__ import annotations


class Stop:
    def __init__(self, nodes: int, after_first: int):
        self.nodes = 0  # nodes visited so far
        self.limit = nodes
        self.after_first = after_first
        self.found_at: int | None = None  # when the best placement so far was found
        self.satisfied = False

    def spend(self) -> None:
        self.nodes += 1

    @property
    def out_of_nodes(self) -> bool:
        return self.nodes >= self.limit

    @property
    def done(self) -> bool:
        return self.satisfied or self.out_of_nodes

    def found(self) -> None:
        """A better placement was just found: look ``after_first`` more nodes from here."""
        self.found_at = self.nodes

    def check_satisfied(self) -> bool:
        """True (from now on) once ``after_first`` nodes passed since the best was found."""
        if self.found_at is not None and self.nodes - self.found_at > self.after_first:
            self.satisfied = True
        return self.satisfied

    @property
    def gave_up(self) -> bool:
        """The node limit ended the search before the stopping rule did."""
        return self.out_of_nodes and not self.satisfied

"""What every command shares: the error boundary and plain-text tables."""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Iterator, Sequence

import typer

from kg.errors import BudgetKgError

#: Exit code when a document or the store failed (see ``EXIT_CODES``).
FAILED = 3


def error(message: str) -> None:
    """Print ``message`` on stderr as an error."""
    typer.echo(f"Error: {message}", err=True)


@contextlib.contextmanager
def boundary() -> Iterator[None]:
    """Turn a :class:`~kg.errors.BudgetKgError` into a message on stderr and exit 3, no traceback."""
    try:
        yield
        return
    except BudgetKgError as failure:
        message = str(failure)
    # Exit outside the except block: no exception context keeps the failed frames
    # (and an open store's lock) alive after the command returns.
    error(message)
    raise typer.Exit(FAILED)


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def render_table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric: set[int] = frozenset()) -> str:
    """Align ``rows`` under ``headers``; columns in ``numeric`` are right-aligned.

    >>> print(render_table(["unit", "n"], [["本级", 3], ["x", 10]], numeric={1}))
    unit   n
    ----  --
    本级   3
    x     10
    """
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(width(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        parts = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - width(cell))
            parts.append(pad + cell if i in numeric else cell + pad)
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])

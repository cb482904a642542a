"""What every command shares: the error boundary, plain-text tables and help texts."""

from __future__ import annotations

import contextlib
import inspect
import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import typer

from kg.errors import BudgetKgError, OutputError

#: Exit code when a document or the store failed (see ``EXIT_CODES``).
FAILED = 3


#: Lines that --help shows as written: examples, and lines led by rich markup.
_AS_WRITTEN = re.compile(r"(kg|curl) |\[(dim|bold)\]")


def reflowed(command: Callable) -> Callable:
    """The command, its docstring's prose paragraphs each made one line for --help.

    Rich keeps a help text's line breaks, so a paragraph wrapped in the source came out
    ragged on a terminal of another width; a paragraph holding an example keeps its lines.

    >>> def build():
    ...     '''Build the graph.
    ...
    ...     Each PATH is parsed
    ...     and loaded.
    ...
    ...     [dim]# the sample[/dim]
    ...     kg build --sample
    ...     '''
    >>> print(reflowed(build).__doc__)
    Build the graph.
    <BLANKLINE>
    Each PATH is parsed and loaded.
    <BLANKLINE>
    [dim]# the sample[/dim]
    kg build --sample
    """
    paragraphs = inspect.cleandoc(command.__doc__ or "").split("\n\n")
    command.__doc__ = "\n\n".join(
        paragraph if any(_AS_WRITTEN.match(line) for line in paragraph.splitlines())
        else " ".join(line.strip() for line in paragraph.splitlines())
        for paragraph in paragraphs
    )
    return command


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


@contextlib.contextmanager
def writing(out: Path) -> Iterator[None]:
    """Turn a failure to write ``out`` (a file, or a folder and what is in it) into an :class:`OutputError`.

    Used inside :func:`boundary`. Only an error about ``out``, a path inside it or one of its
    parent folders is about the output; any other error is left to propagate.
    """
    try:
        yield
    except OSError as error:
        if not _concerns(error, out):
            raise
        raise OutputError(out, error) from None


def _concerns(error: OSError, out: Path) -> bool:
    if error.filename is None:
        return False
    place = Path(os.fsdecode(error.filename))
    return place == out or out in place.parents or place in out.parents


def make_parent(out: Path) -> None:
    """Create the folders ``out`` goes into, so that --out reports/2024/r.html works (and fails early)."""
    with writing(out):
        out.parent.mkdir(parents=True, exist_ok=True)


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

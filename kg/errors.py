"""Exceptions: failures of the tool or of its input, never arithmetic in the data.

Errors *in* a document's numbers are findings (see :mod:`kg.records`). These are for
things that stop us reading a file or talking to a store. Each message says where
and what to try next; the CLI prints it and picks the exit code.
"""

from __future__ import annotations


class BudgetKgError(Exception):
    """Base class of every error budget-kg raises on purpose."""


class InputError(BudgetKgError):
    """A file cannot be read as a budget disclosure (missing, empty, wrong encoding, …)."""

    def __init__(self, source: str, message: str, hint: str | None = None):
        self.source = source
        self.hint = hint
        text = f"{source}: {message}"
        if hint:
            text += f" ({hint})"
        super().__init__(text)


class NoTablesError(InputError):
    """A PDF prints no budget table: not a disclosure, or the 说明 of one whose 报表 is
    another file (``kg build`` given both builds one document)."""


class ParseError(BudgetKgError):
    """A table could not be reconstructed; carries file, page and table."""

    def __init__(self, source: str, page: int | None, table: str | None, message: str):
        self.source, self.page, self.table = source, page, table
        where = source
        if page is not None:
            where += f", page {page}"
        if table:
            where += f", table {table}"
        super().__init__(f"{where}: {message}")


class StoreError(BudgetKgError):
    """The store (embedded or remote) could not be opened, read or written."""

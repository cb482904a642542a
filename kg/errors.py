"""Exceptions: failures of the tool or of its input, never arithmetic in the data.

Errors *in* a document's numbers are findings (see :mod:`kg.records`). These are for
things that stop us reading a file or talking to a store. Each message says where
and what to try next; the CLI prints it and picks the exit code.
"""

from __future__ import annotations

from pathlib import Path


class BudgetKgError(Exception):
    """Base class of every error budget-kg raises on purpose."""

    def __reduce__(self):
        # Subclasses take other arguments than their message, so the default pickling (which
        # calls the class with ``args``) cannot rebuild them; ``kg build`` sends errors back
        # from its worker processes.
        return _rebuild, (type(self), str(self), self.__dict__)


def _rebuild(cls: type[BudgetKgError], message: str, attributes: dict) -> BudgetKgError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(attributes)
    return error


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


class OutputError(BudgetKgError):
    """A result cannot be written where it was asked for (``--out``): a file in the way, no permission, disk full."""

    def __init__(self, path: Path | str, error: OSError):
        self.path = path
        super().__init__(f"cannot write {path}: {unwritable(path, error)}")


def unwritable(path: Path | str, error: OSError) -> str:
    """Why ``path`` could not be written or created, in words that point at the fix.

    The OS says "Not a directory" or "File exists" when a file stands where a folder
    must be made; naming that file says what to move.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "report").write_text("")
    0
    >>> unwritable(folder / "report" / "out.csv", NotADirectoryError(20, "Not a directory"))[-30:]
    'report is a file, not a folder'
    >>> unwritable(folder / "out.csv", PermissionError(13, "Permission denied"))
    'permission denied'
    """
    path = Path(path)
    if isinstance(error, IsADirectoryError):
        return f"{path} is a folder, not a file"
    # Only a failed mkdir blames the path itself: an existing file is what a write replaces.
    blocked = isinstance(error, (FileExistsError, NotADirectoryError))
    for place in ((path,) if blocked else ()) + tuple(path.parents):
        if place.exists():
            if not place.is_dir():
                return f"{place} is a file, not a folder"
            break
    if isinstance(error, PermissionError):
        return "permission denied"
    return error.strerror or str(error)

"""One progress helper for every batch command.

Loop code never branches on ``--silent``: :func:`progress` hands back either a
:class:`Progress` that redraws one status line on stderr, or a :class:`NullProgress`
with the same interface that writes nothing. Progress is off when stderr is not a
terminal (pipes, CI, tests), so it never mixes with results, which go to stdout.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sized
from typing import IO, Generic, TypeVar

T = TypeVar("T")


class NullProgress(Generic[T]):
    """Iterates like :class:`Progress` and says nothing."""

    def __init__(self, items: Iterable[T]):
        self._items = items

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def finish(self, message: str) -> None:
        """Ignore the closing counts."""


class Progress(NullProgress[T]):
    """Redraws ``label [i/n] item`` on one line of ``stream``; :meth:`finish` prints the counts."""

    def __init__(self, items: Iterable[T], label: str, stream: IO[str]):
        super().__init__(items)
        self._label = label
        self._stream = stream
        self._total = len(items) if isinstance(items, Sized) else None

    def __iter__(self) -> Iterator[T]:
        for number, item in enumerate(self._items, start=1):
            of = f"/{self._total}" if self._total is not None else ""
            self._stream.write(f"\r\033[K{self._label} [{number}{of}] {item}")
            self._stream.flush()
            yield item
        self._stream.write("\r\033[K")
        self._stream.flush()

    def finish(self, message: str) -> None:
        """End with the counts, e.g. ``2 documents, 1 failed``."""
        self._stream.write(f"{message}\n")
        self._stream.flush()


def progress(
    items: Iterable[T],
    label: str = "",
    *,
    silent: bool = False,
    stream: IO[str] | None = None,
) -> NullProgress[T]:
    """Wrap ``items`` so that iterating them shows progress on stderr.

    :param items: what the loop walks over (documents, graphs, …)
    :param label: a word or two shown before the counter, e.g. ``"Building"``
    :param silent: never show anything
    :param stream: where to draw (default ``sys.stderr``); nothing is drawn unless it is a TTY

    >>> bar = progress(["a.txt", "b.txt"], "Building")  # doctest runs without a TTY
    >>> [item for item in bar]
    ['a.txt', 'b.txt']
    >>> bar.finish("2 documents, 0 failed")
    """
    stream = stream if stream is not None else sys.stderr
    if silent or not _is_tty(stream):
        return NullProgress(items)
    return Progress(items, label, stream)


def _is_tty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False

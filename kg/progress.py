"""One progress helper for every batch command.

Loop code never branches on ``--silent``: :func:`progress` hands back either a
:class:`Progress` that redraws one status line on stderr, or a :class:`NullProgress`
with the same interface that writes nothing. Progress is off when stderr is not a
terminal (pipes, CI, tests), so it never mixes with results, which go to stdout.
"""

from __future__ import annotations

import sys
import time
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

    def note(self, message: str) -> None:
        """Ignore a step taken after the loop."""


class Progress(NullProgress[T]):
    """Redraws ``label [####····] i/n  rate unit/s  ETA m:ss  item`` on one line of ``stream``
    (the bar and the ETA when the number of items is known); :meth:`finish` prints the counts."""

    def __init__(self, items: Iterable[T], label: str, stream: IO[str], unit: str = "items"):
        super().__init__(items)
        self._label = label
        self._stream = stream
        self._unit = unit
        self._total = len(items) if isinstance(items, Sized) else None
        self._started = time.monotonic()

    def __iter__(self) -> Iterator[T]:
        for number, item in enumerate(self._items, start=1):
            self._stream.write(f"\r\033[K{self.status(number, time.monotonic() - self._started)} {item}")
            self._stream.flush()
            yield item
        self._stream.write("\r\033[K")
        self._stream.flush()

    def status(self, done: int, seconds: float) -> str:
        """The line drawn once ``done`` items took ``seconds``.

        >>> Progress(range(40), "Building", sys.stderr, "documents").status(10, 4.0)
        'Building [#####---------------] 10/40  2.5 documents/s  ETA 0:12'
        """
        rate = done / seconds if seconds > 0 else 0.0
        speed = f"{rate:.1f} {self._unit}/s"
        if self._total is None:
            return f"{self._label} [{done}]  {speed}"
        filled = BAR_WIDTH * done // max(self._total, 1)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        left = f"ETA {_clock((self._total - done) / rate)}" if rate > 0 else "ETA ?"
        return f"{self._label} [{bar}] {done}/{self._total}  {speed}  {left}"

    def finish(self, message: str) -> None:
        """End with the counts, e.g. ``2 documents, 1 failed``, in place of the status line
        (which a loop that stops at its last item, without asking for another, has not cleared)."""
        self._stream.write(f"\r\033[K{message}\n")
        self._stream.flush()

    def note(self, message: str) -> None:
        """Say what a long step after the loop does (``Compacting the store…``), on a line of its own."""
        self._stream.write(f"{message}\n")
        self._stream.flush()


#: Characters of the bar drawn when the number of items is known.
BAR_WIDTH = 20


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def progress(
    items: Iterable[T],
    label: str = "",
    *,
    silent: bool = False,
    stream: IO[str] | None = None,
    unit: str = "items",
) -> NullProgress[T]:
    """Wrap ``items`` so that iterating them shows progress on stderr.

    :param items: what the loop walks over (documents, graphs, …)
    :param label: a word or two shown before the counter, e.g. ``"Building"``
    :param silent: never show anything
    :param stream: where to draw (default ``sys.stderr``); nothing is drawn unless it is a TTY
    :param unit: what the items are, for the rate (``3.2 documents/s``)

    >>> bar = progress(["a.txt", "b.txt"], "Building")  # doctest runs without a TTY
    >>> [item for item in bar]
    ['a.txt', 'b.txt']
    >>> bar.finish("2 documents, 0 failed")
    """
    stream = stream if stream is not None else sys.stderr
    if silent or not _is_tty(stream):
        return NullProgress(items)
    return Progress(items, label, stream, unit)


def _is_tty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False

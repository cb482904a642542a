"""Worker processes that do not outlive the process that started them.

A process killed outright (``kill -9``, the OOM killer) cannot stop its workers, and a
forked worker never sees its pipe close: it holds the parent's end of it (and of the
pipes of the workers started before it, and a process pool's queues). It would wait for
work, or to hand its result back, forever, holding its memory. :func:`die_with` makes
Linux kill it with its parent; elsewhere workers are spawned, not forked, and see their
pipes close.
"""

from __future__ import annotations

import os
import signal
import sys

__all__ = ["die_with"]

#: prctl's option of <linux/prctl.h>: the signal a process gets when its parent dies.
_PR_SET_PDEATHSIG = 1


def die_with(parent: int) -> None:
    """Be killed when ``parent`` dies, however it dies; call it first thing in a worker.

    :param parent: the pid of the process that started this one (``os.getpid()`` there)
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request: no signal will come
        os._exit(1)

"""A time limit on work done in this process: ``advise``, ``explain`` and ``-j 1`` rows.

Worker processes are stopped from outside when a row runs past ``--timeout`` (portfolio/pool.py);
work in this process has no one outside to stop it, so a real-time interval timer (SIGALRM) raises
``TimeLimit`` inside it. The engine's sessions are deleted in ``finally`` blocks, so an account cut
short leaves nothing behind for the next one. Where there is no such timer (Windows) or outside the
main thread (signals reach only that one), the work runs without a limit.
"""
from __future__ import annotations

import contextlib
import signal
import threading
from typing import Iterator

from ..files.errors import AdvisorError


class TimeLimit(AdvisorError):
    """The work ran past its time limit."""


def over_limit_message(seconds: float, outcome: str = "the row was stopped") -> str:
    return f"took longer than {seconds:g} s (the per-account time limit, --timeout); {outcome}"


@contextlib.contextmanager
def time_limit(seconds: float | None, file: str | None = None, outcome: str = "the row was stopped"
               ) -> Iterator[None]:
    """Raise TimeLimit in the block after ``seconds`` (None or 0: no limit)."""
    usable = (seconds and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expired(signum, frame):
        raise TimeLimit(over_limit_message(seconds, outcome), file=file,
                        fix="raise --timeout, or trim the account (its bounds: docs/account-format.md#limits)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

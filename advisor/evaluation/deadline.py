"""A time limit on work done in this process: ``advise``, ``explain`` and ``-j 1`` rows.

Worker processes are stopped from outside when a row runs past ``--timeout`` (portfolio/pool.py);
work in this process has no one outside to stop it. Two ways to stop it from inside:

- where there is a real-time interval timer and this is the main thread (POSIX: signals reach only
  that one), SIGALRM raises ``TimeLimit`` wherever the work is — even inside one long step;
- elsewhere (Windows has no ``setitimer``; a thread, e.g. a server or a notebook's worker, gets no
  signals) the limit is cooperative: ``checkpoint()`` raises ``TimeLimit`` once the deadline has
  passed, and the pipeline calls it between its steps — per engine action and ruleset, per rule of
  the trace, per objection read, between reading, enriching, evaluating and ranking — and once more
  when the block ends, so work that finished late is stopped the same way as under the timer.

Both raise the same error with the same text. The engine's sessions are deleted in ``finally``
blocks, so an account cut short leaves nothing behind for the next one.
"""
from __future__ import annotations

import contextlib
import signal
import threading
import time
from dataclasses import dataclass
from typing import Iterator

from ..files.errors import AdvisorError

FIX = "raise --timeout, or trim the account (its bounds: docs/account-format.md#limits)"


class TimeLimit(AdvisorError):
    """The work ran past its time limit."""


def over_limit_message(seconds: float, outcome: str = "the row was stopped") -> str:
    return f"took longer than {seconds:g} s (the per-account time limit, --timeout); {outcome}"


@dataclass(frozen=True)
class _Limit:
    at: float  # on _clock
    seconds: float
    file: str | None
    outcome: str

    def expired(self) -> TimeLimit:
        return TimeLimit(over_limit_message(self.seconds, self.outcome), file=self.file, fix=FIX)


_clock = time.monotonic  # a module attribute, so a test can move time without waiting
_cooperative = threading.local()  # .limit: this thread's cooperative deadline, or absent


def signal_timer_usable() -> bool:
    """Whether SIGALRM can stop work in this thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def checkpoint() -> None:
    """Raise TimeLimit if this thread's cooperative deadline has passed (cheap; a no-op without one)."""
    limit = getattr(_cooperative, "limit", None)
    if limit is not None and _clock() > limit.at:
        raise limit.expired()


@contextlib.contextmanager
def time_limit(seconds: float | None, file: str | None = None, outcome: str = "the row was stopped"
               ) -> Iterator[None]:
    """Raise TimeLimit in the block after ``seconds`` (None or 0: no limit)."""
    if not seconds:
        yield
    elif signal_timer_usable():
        with _signal_timer(_Limit(0.0, seconds, file, outcome)):
            yield
    else:
        with _cooperative_deadline(_Limit(_clock() + seconds, seconds, file, outcome)):
            yield


@contextlib.contextmanager
def _signal_timer(limit: _Limit) -> Iterator[None]:
    def expired(signum, frame):
        raise limit.expired()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, limit.seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _cooperative_deadline(limit: _Limit) -> Iterator[None]:
    outer = getattr(_cooperative, "limit", None)
    # a limit inside another never outlives it
    _cooperative.limit = outer if outer is not None and outer.at <= limit.at else limit
    try:
        yield
        checkpoint()  # finished, but late: stopped as the timer would have stopped it
    finally:
        if outer is None:
            del _cooperative.limit
        else:
            _cooperative.limit = outer

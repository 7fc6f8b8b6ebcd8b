"""A one-line progress bar for a person watching a terminal: done/total, bar, rate, ETA.

Written to stderr with a carriage return, at most ten times a second, and
erased at the end; ``for_stream`` gives None when the stream is not a terminal
(pipes, files, tests, CI), so nothing of it ever reaches a log.
"""
from __future__ import annotations

import shutil
import time
from typing import TextIO


class ProgressLine:
    def __init__(self, total: int, stream: TextIO, label: str = "advising"):
        self.total, self.stream, self.label = total, stream, label
        self.done = 0
        self.started = time.monotonic()
        self._shown = 0.0
        self._width = 0

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if now - self._shown >= 0.1 or self.done == self.total:
            self._shown = now
            self._draw(now)

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        eta = "--:--" if not rate or self.total <= self.done and not self.total else _clock((self.total - self.done) / rate)
        counts = f"{self.done:,}/{self.total:,}"
        tail = f" {rate:,.0f}/s ETA {eta}"
        columns = shutil.get_terminal_size((80, 24)).columns - 1
        room = max(columns - len(self.label) - len(counts) - len(tail) - 4, 0)
        filled = room * self.done // self.total if self.total else room
        bar = f" [{'#' * filled}{'.' * (room - filled)}]" if room >= 10 else ""
        return f"{self.label} {counts}{bar}{tail}"[:columns]

    def _draw(self, now: float) -> None:
        text = self.line(now)
        self.stream.write("\r" + text + " " * max(self._width - len(text), 0))
        self.stream.flush()
        self._width = len(text)

    def close(self) -> None:
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"


def for_stream(stream: TextIO, total: int, label: str = "advising") -> ProgressLine | None:
    """A progress line on ``stream`` if a person is watching it, else None."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return ProgressLine(total, stream, label) if tty else None

"""Only regular files are read or replaced.

Opening a FIFO for reading waits for a writer that may never come (issue 20: `advise` on a FIFO
hung); a device reads forever or writes where it should not; replacing a symbolic link (even a
dangling one) or a device node by a renamed file destroys what the user had. Inputs and ``-o``
targets are therefore checked here first: anything but a regular file is one line of error.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import AdvisorError


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words for an error."""
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISLNK, "a symbolic link"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
             (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))
    return next((words for test, words in kinds if test(mode)), "not a regular file")


def require_regular_input(path: str | Path) -> None:
    """Refuse to read anything but a regular file (a missing one is left to the reader's own error)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise AdvisorError(f"is {file_kind(mode)}, not a file; nothing was read", file=str(path),
                           fix="name a regular file, or pipe the text in as standard input ('-')")

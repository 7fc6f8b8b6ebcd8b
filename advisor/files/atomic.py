"""Writing a user's file safely: all or nothing, and never over their work by surprise.

Every command that writes a file goes through ``write_atomic``: the bytes go to a
temporary file in the same folder, are flushed to disk, then renamed over the target
in one step, so a crash, a full disk or a closed pipe never leaves half a file (and
never a stray temporary file). An existing file is replaced only with ``force=True``.
"""
from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import IO, Iterator, TextIO, Union

from .errors import AdvisorError
from .filekind import file_kind


def write_atomic(path: Union[str, Path], data: Union[str, bytes], *, force: bool = False,
                 encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` atomically; refuse to replace an existing file unless ``force``."""
    with _atomic(Path(path), force, "wb", None) as out:
        out.write(data.encode(encoding) if isinstance(data, str) else data)
    return Path(path)


@contextlib.contextmanager
def open_atomic(path: Union[str, Path], *, force: bool = False, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text stream to ``path`` for output written as it is made (a streamed report), all or nothing.

    The same rules as ``write_atomic``: renamed over ``path`` only when the block ends
    normally; an existing file is replaced only with ``force``; if the block raises,
    nothing is written.
    """
    with _atomic(Path(path), force, "w", encoding) as out:
        yield out


@contextlib.contextmanager
def _atomic(path: Path, force: bool, mode: str, encoding: str | None) -> Iterator[IO]:
    """The one place that writes: a temporary file in the target's folder, synced, then renamed."""
    try:
        kind = os.lstat(path).st_mode  # the name itself: a symbolic link is not followed, a dangling one exists
    except OSError:  # nothing there (or a folder on the way missing: the write below says why)
        kind = None
    if kind is not None and stat.S_ISDIR(kind):
        raise AdvisorError(f"{path} is a folder, not a file", fix="name a file to write")
    if kind is not None and not stat.S_ISREG(kind):
        # the rename would replace a symbolic link (even a dangling one), a FIFO or a device node
        # with a file, with or without --force (issue 20): only regular files are ever replaced
        raise AdvisorError(f"{path} is {file_kind(kind)}, not a regular file; nothing was written",
                           fix="choose another file (advisor replaces only regular files)")
    if kind is not None and not force:
        raise AdvisorError(f"{path} already exists; nothing was written",
                           fix="pass --force to replace it, or choose another file")
    folder = path.parent if str(path.parent) else Path(".")
    tmp_name = None
    try:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
            text = {"encoding": encoding, "newline": ""} if "b" not in mode else {}
            with os.fdopen(fd, mode, **text) as out:
                yield out
                out.flush()
                os.fsync(out.fileno())
            # mkstemp makes a private (0600) file; give the result the mode a plain write would
            # (or the replaced file's), so a shared board or trace page stays readable by others
            os.chmod(tmp_name, _mode_for(path))
            os.replace(tmp_name, path)
            tmp_name = None
        except OSError as exc:
            reason = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
            raise AdvisorError(f"{path}: cannot write: {reason}; nothing was written",
                               fix="free space or choose another folder") from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass  # the temporary file is already gone; nothing of the user's was touched


def _mode_for(path: Path) -> int:
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask

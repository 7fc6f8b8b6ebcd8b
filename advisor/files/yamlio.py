"""Read YAML into plain Python data, and find where any value came from when an error needs it.

Parsing is libyaml's (``yamlparse``: YAML 1.2 reading, plain data only, input
limits). Line and column numbers are only needed to report an error, so
``Locations`` is lazy: the first time one is asked for, the text is parsed again
with ruamel.yaml's round-trip loader, which records line and column for every key
and item. A file that reads and validates cleanly never pays for that (issue 13:
ruamel.yaml cost 17 ms per file, libyaml about 1 ms).

Files larger than ``MAX_BYTES`` are refused without reading further (so
``advise /dev/zero`` stops), and text must be UTF-8.
"""
from __future__ import annotations

import os
import re
import stat
import warnings
from pathlib import Path
from typing import Any

from .errors import SURROGATE, AdvisorError, lone_surrogate
from .filekind import file_kind
from .yamlcut import cut_values
from .yamlparse import YamlProblem, parse

MAX_BYTES = 5 * 1024 * 1024  # an account is a few KB, the largest pack file ~60 KB

Path_ = tuple  # a path into the document: ("contacts", 0, "roles", 1)


class Locations:
    """Maps a path inside a YAML document to its 1-based (line, col), computed on first use."""

    def __init__(self, file: str, text: str | None = None):
        self.file = file
        self._text = text  # parsed for locations only when one is asked for
        self._where_map: dict[tuple, tuple[int, int]] = {}
        self._keys_map: dict[tuple, tuple[int, int]] = {}
        self.cuts: list = []  # plain values YAML cut at a glued '#' (yamlcut.Cut), set by load_yaml_text

    def warnings(self) -> list[str]:
        """One line per value cut short at a '#' (file:line:col: warning: … — the fix); the file still loads."""
        return [c.message(self.file) for c in self.cuts]

    def _ensure(self) -> None:
        if self._text is not None:
            text, self._text = self._text, None
            try:
                _record_locations(text, self)
            except AdvisorError:
                pass  # libyaml read it; if ruamel.yaml cannot, errors just name the file

    @property
    def _where(self) -> dict[tuple, tuple[int, int]]:
        self._ensure()
        return self._where_map

    @property
    def _keys(self) -> dict[tuple, tuple[int, int]]:
        self._ensure()
        return self._keys_map

    def add(self, path: tuple, line: int, col: int) -> None:
        self._where_map[path] = (line + 1, col + 1)

    def add_key(self, path: tuple, line: int, col: int) -> None:
        self._keys_map[path] = (line + 1, col + 1)

    def find_key(self, path: tuple) -> tuple[int | None, int | None]:
        """Where the key of ``path`` is written (for "unknown field" errors)."""
        return self._keys.get(tuple(path)) or self.find(path)

    def find(self, path: tuple) -> tuple[int | None, int | None]:
        """The location of ``path``, or of its closest ancestor that has one."""
        where = self._where
        path = tuple(path)
        while path:
            if path in where:
                return where[path]
            path = path[:-1]
        return where.get((), (None, None))

    def sub(self, prefix: tuple) -> "Locations":
        """Locations of a part of this document (e.g. an account written inline in a case file)."""
        return _SubLocations(self, tuple(prefix))

    def error(self, path: tuple, message: str, fix: str | None = None, at_key: bool = False) -> AdvisorError:
        line, col = self.find_key(path) if at_key else self.find(path)
        return AdvisorError(message, file=self.file, line=line, col=col, fix=fix)


class _SubLocations(Locations):
    def __init__(self, parent: Locations, prefix: tuple):
        super().__init__(parent.file)
        self._parent, self._prefix = parent, prefix

    def find(self, path: tuple):
        return self._parent.find(self._prefix + tuple(path))

    def find_key(self, path: tuple):
        return self._parent.find_key(self._prefix + tuple(path))


def _walk(node: Any, path: tuple, locs: Locations) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap):
        for key, value in node.items():
            step = path + (key if isinstance(key, str) else str(key),)
            try:
                line, col = node.lc.key(key)
                locs.add(step, line, col)
                locs.add_key(step, line, col)
            except (KeyError, TypeError):
                pass
            try:  # prefer the value's position for scalars ("value on line N")
                vline, vcol = node.lc.value(key)
                if not isinstance(value, (CommentedMap, CommentedSeq)):
                    locs.add(step, vline, vcol)
            except (KeyError, TypeError):
                pass
            _walk(value, step, locs)
    elif isinstance(node, CommentedSeq):
        for index, value in enumerate(node):
            try:
                line, col = node.lc.item(index)
                locs.add(path + (index,), line, col)
            except (KeyError, TypeError, IndexError):
                pass
            _walk(value, path + (index,), locs)


def _ruamel_load(text: str, file: str) -> Any:
    """ruamel.yaml's round-trip reading (keeps positions); its syntax errors are the clearest."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError

    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        with warnings.catch_warnings():  # e.g. its note on a "%YAML 1.1" directive: the text is read either way
            warnings.simplefilter("ignore")
            return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        if "duplicate key" in str(exc):
            problem = "duplicate key " + str(exc).split("found duplicate key", 1)[-1].split("\n")[0].strip()
        raise AdvisorError(
            f"invalid YAML: {problem}",
            file=file,
            line=mark.line + 1 if mark else None,
            col=mark.column + 1 if mark else None,
            fix="check indentation, quotes and colons at that place",
        ) from None
    except AdvisorError:  # already one line (e.g. --timeout's limit, raised by its timer mid-parse)
        raise
    except Exception as exc:  # noqa: BLE001 - ruamel.yaml also asserts (e.g. on "%YAML 1.3"): one line, never a traceback
        raise AdvisorError(f"invalid YAML: {(str(exc) or type(exc).__name__).splitlines()[0]}", file=file,
                           fix="check the file's YAML syntax") from None


def _record_locations(text: str, locs: Locations) -> None:
    locs.add((), 0, 0)
    _walk(_ruamel_load(text, locs.file), (), locs)


def load_yaml_text(text: str, file: str) -> tuple[Any, Locations]:
    """Parse YAML text; raise AdvisorError with line and column on bad syntax or refused content."""
    try:
        data = parse(text)
    except YamlProblem as problem:
        if problem.syntax:
            try:
                _ruamel_load(text, file)  # ruamel.yaml words syntax errors better; raises if it agrees
            except AdvisorError as better:
                if better.line is None:  # libyaml knows where, ruamel.yaml only what
                    better.line, better.col = problem.line, problem.col
                raise better from None
        raise AdvisorError(problem.message, file=file, line=problem.line, col=problem.col, fix=problem.fix) from None
    locs = Locations(file, text)
    locs.cuts = cut_values(text)  # warnings, never errors: files that load today still load
    # "\ud800": no UTF-8 for it anywhere later (output, cache, pydantic's report). Parsed text holds a
    # surrogate only if the text does or an escape made one (a backslash): else the walk is skipped
    bad = lone_surrogate(data) if "\\" in text or SURROGATE.search(text) else None
    if bad is not None:
        raise locs.error(bad[0], "text that is not valid Unicode (a lone surrogate such as \\ud800)",
                         "remove that \\u escape or write the whole character", at_key=bad[1])
    return data, locs


def read_bounded(f) -> bytes:
    """At most MAX_BYTES + 1 bytes of a binary stream: /dev/zero or a huge export stops there.

    Not ``f.read(MAX_BYTES + 1)``: that allocates (and the kernel maps) a 5 MB buffer for every
    file (a first batch over 10,000 one-KB account files spent 1.13 s of system time with it, 0.36 s
    without). A regular file is read in one call of its own size (plus one byte, to see it did not
    grow); a pipe or a device in chunks."""
    try:
        size = os.fstat(f.fileno()).st_size
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation is an OSError and a ValueError
        size = 0
    want = min(size, MAX_BYTES) + 1 if size else 64 * 1024
    chunks, total = [], 0
    while total <= MAX_BYTES:
        chunk = f.read(min(want, MAX_BYTES + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        want = 1024 * 1024
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


class _Descriptor:
    """The two methods read_bounded uses, on a bare file descriptor."""

    def __init__(self, fd: int):
        self.fd = fd

    def fileno(self) -> int:
        return self.fd

    def read(self, size: int) -> bytes:
        return os.read(self.fd, size)


def read_text(path: str | Path) -> str:
    """A file's text: UTF-8, at most MAX_BYTES; anything else is a one-line AdvisorError."""
    path = Path(path)
    try:
        # O_NONBLOCK: opening a FIFO with no writer would wait forever (issue 20: `advise` on a FIFO
        # hung); it changes nothing for a regular file, and anything else is refused before a read
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:  # the bare descriptor, closed in `finally`: a time limit may stop the read at any instant
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                raise IsADirectoryError
            if not stat.S_ISREG(mode):
                raise AdvisorError(f"is {file_kind(mode)}, not a file; nothing was read", file=str(path),
                                   fix="name a regular file, or pipe the text in as standard input ('-')")
            raw = read_bounded(_Descriptor(fd))
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise AdvisorError("file not found", file=str(path),
                           fix="check the path (run from the project folder or give an absolute path)") from None
    except IsADirectoryError:
        raise AdvisorError("is a folder, not a YAML file", file=str(path), fix="name a .yaml file") from None
    except OSError as exc:
        raise AdvisorError(f"cannot read: {exc.strerror}", file=str(path), fix="check permissions") from None
    if len(raw) > MAX_BYTES:
        raise AdvisorError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MB", file=str(path),
                           fix="split it into smaller files (an account file is a few KB)")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[start:exc.start].decode("utf-8", errors="replace")) + 1
        raise AdvisorError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", file=str(path), line=line, col=col,
                           fix="save the file as UTF-8") from None


def load_yaml_file(path: str | Path) -> tuple[Any, Locations]:
    """Read and parse a YAML file; a missing, unreadable, oversized or bad file is an AdvisorError."""
    return load_yaml_text(read_text(path), str(path))


def show_path(path: tuple) -> str:
    """("contacts", 0, "roles", 1) → "contacts[0].roles[1]"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "document"


# A fix for each kind of pydantic error a person typing YAML is likely to make.
_FIXES = {
    "greater_than_equal": "use a number ≥ {ge}",
    "greater_than": "use a number > {gt}",
    "less_than_equal": "use a number ≤ {le}",
    "date_from_datetime_parsing": "write dates as YYYY-MM-DD, e.g. 2026-03-01",
    "date_parsing": "write dates as YYYY-MM-DD, e.g. 2026-03-01",
    "date_type": "write dates as YYYY-MM-DD, e.g. 2026-03-01",
    "bool_parsing": "use true or false",
    "bool_type": "use true or false",
    "float_parsing": "use a plain number such as 1200000 (no units or commas)",
    "float_type": "use a plain number such as 1200000 (no units or commas)",
    "int_parsing": "use a whole number",
    "int_type": "use a whole number",
    "list_type": "use a YAML list: [a, b] or one '- item' per line",
    "dict_type": "use a YAML mapping of 'key: value' lines",
    "model_type": "use a YAML mapping of 'key: value' lines",
    "string_type": "use text (quote it if it looks like a number or date)",
    "string_too_short": "give a non-empty value",
    "literal_error": "use one of the values named",
    "enum": "use one of the values named",
}


# what a field name a person types looks like (any script: 名称 too); anything else is not echoed
FIELD_LIKE = re.compile(r"[\w][\w .\-]{0,63}")


def pydantic_error(exc, locs: Locations, prefix: tuple = (), allowed_fields=None, what: str = "an account"
                   ) -> AdvisorError:
    """Turn the first error of a pydantic ValidationError into a located AdvisorError.

    ``allowed_fields(loc)`` may return the field names valid at ``loc`` so an
    unknown field gets a "did you mean" hint; ``what`` names the kind of file ("a mapping") in the
    error on a key no field name looks like.
    """
    from .errors import did_you_mean

    errors = exc.errors()
    # an unknown field explains the "missing" error that usually comes with a typo: report it first
    err = next((e for e in errors if e.get("type") == "extra_forbidden"), errors[0])
    loc = tuple(err.get("loc", ()))
    path = prefix + loc
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    original = ctx.get("error")
    if original is not None and hasattr(original, "path") and hasattr(original, "fix"):
        return locs.error(prefix + tuple(original.path), original.message, original.fix)
    msg = err.get("msg", "invalid value")
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    fix = ctx.get("fix") or _FIXES.get(kind, "").format(**{k: (f"{v:g}" if isinstance(v, float) else v) for k, v in ctx.items() if isinstance(v, (int, float, str))}) or None
    if kind == "extra_forbidden":
        word = str(loc[-1])
        allowed = allowed_fields(loc) if allowed_fields else []
        hint = did_you_mean(word, allowed) or ("allowed here: " + ", ".join(allowed) if allowed else "remove it")
        if not FIELD_LIKE.fullmatch(word):
            # not a field anyone meant to write (``advisor advise /etc/shadow`` read its first line as a
            # key): say where, never what — an error must not print a file's contents
            return locs.error(path, f"this is not {what} field (a key of {len(word)} characters that no "
                                    "field name looks like); is this the right file?", hint, at_key=True)
        return locs.error(path, f"unknown field '{word}'", hint, at_key=True)
    if kind == "missing":
        return locs.error(path, f"missing required field '{show_path(path)}'", f"add '{loc[-1]}:'")
    return locs.error(path, f"{show_path(path)}: {msg}", fix)

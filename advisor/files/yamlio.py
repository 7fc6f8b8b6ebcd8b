"""Read YAML into plain Python data and remember where every value came from.

ruamel.yaml's round-trip loader is used because it records line and column for
every key and item (PyYAML's safe loader does not); it constructs only plain
maps, lists and scalars, never arbitrary objects, so a pack cannot run code.
The result is converted to plain dicts/lists and a ``Locations`` map from a
path (tuple of keys and indexes) to (line, col), so validation errors from
pydantic can point at the exact place in the file.
"""
from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from . import yamlcache
from .errors import AdvisorError, line_col, lone_surrogate

Path_ = tuple  # a path into the document: ("contacts", 0, "roles", 1)


class Locations:
    """Maps a path inside a YAML document to its 1-based (line, col)."""

    def __init__(self, file: str):
        self.file = file
        self._where: dict[tuple, tuple[int, int]] = {}
        self._keys: dict[tuple, tuple[int, int]] = {}

    def add(self, path: tuple, line: int, col: int) -> None:
        self._where[path] = (line + 1, col + 1)

    def add_key(self, path: tuple, line: int, col: int) -> None:
        self._keys[path] = (line + 1, col + 1)

    def find_key(self, path: tuple) -> tuple[int | None, int | None]:
        """Where the key of ``path`` is written (for "unknown field" errors)."""
        return self._keys.get(tuple(path)) or self.find(path)

    def find(self, path: tuple) -> tuple[int | None, int | None]:
        """The location of ``path``, or of its closest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self._where:
                return self._where[path]
            path = path[:-1]
        return self._where.get((), (None, None))

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


def _plain(node: Any, path: tuple, locs: Locations) -> Any:
    if isinstance(node, CommentedMap):
        out = {}
        for key, value in node.items():
            skey = str(key) if not isinstance(key, str) else key  # a date key: located by its text too
            try:
                line, col = node.lc.key(key)
                locs.add(path + (skey,), line, col)
                locs.add_key(path + (skey,), line, col)
            except (KeyError, TypeError):
                pass
            try:  # prefer the value's position for scalars ("value on line N")
                vline, vcol = node.lc.value(key)
                if not isinstance(value, (CommentedMap, CommentedSeq)):
                    locs.add(path + (skey,), vline, vcol)
            except (KeyError, TypeError):
                pass
            out[skey] = _plain(value, path + (skey,), locs)
        return out
    if isinstance(node, CommentedSeq):
        out_list = []
        for index, value in enumerate(node):
            try:
                line, col = node.lc.item(index)
                locs.add(path + (index,), line, col)
            except (KeyError, TypeError, IndexError):
                pass
            out_list.append(_plain(value, path + (index,), locs))
        return out_list
    if isinstance(node, dt.datetime):
        return node
    if isinstance(node, str):
        return str(node)  # drop ruamel's scalar-string subclasses
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def _not_utf8(path: Path, exc: UnicodeDecodeError) -> AdvisorError:
    """A non-UTF-8 byte, located by line:col (of the text decoded up to it)."""
    raw = exc.object if isinstance(exc.object, bytes) else b""
    line, col = None, None
    if raw:
        head = raw[:exc.start].decode("utf-8", "replace")
        line, col = line_col(head, len(head))
    return AdvisorError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x})" if raw else "not UTF-8 text",
                        file=str(path), line=line, col=col, fix="save the file as UTF-8")


def load_yaml_text(text: str, file: str) -> tuple[Any, Locations]:
    """Parse YAML text; raise AdvisorError with line and column on bad syntax."""
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    locs = Locations(file)
    try:
        with warnings.catch_warnings():  # e.g. a %YAML 1.1 directive: a multi-line warning, not an error
            warnings.simplefilter("ignore")
            data = yaml.load(text)
    except ReaderError as exc:  # a control character: the reader knows only the offset
        line, col = line_col(text, exc.position)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise AdvisorError(f"invalid YAML: character {char!r} is not allowed", file=file, line=line, col=col,
                           fix="remove it, or write it as an escape inside double quotes") from None
    except RecursionError:  # the parser recurses per nesting level: a tiny file can exhaust the stack
        raise AdvisorError("invalid YAML: nested too deeply for the parser", file=file,
                           fix="flatten the nesting (lists inside lists, mappings inside mappings)") from None
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
    except YAMLError as exc:
        raise AdvisorError(f"invalid YAML: {str(exc).splitlines()[0]}", file=file,
                           fix="check the file's YAML syntax") from None
    except Exception as exc:  # noqa: BLE001 — the parser's own asserts (e.g. `%YAML 1.3`) must not become a traceback
        where = text.find("%YAML")
        line, col = line_col(text, where) if where >= 0 and "version" in str(exc) else (None, None)
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise AdvisorError(f"invalid YAML: {first}", file=file, line=line, col=col,
                           fix="use '%YAML 1.2' or no directive" if line else "check the file's YAML syntax") from None
    locs.add((), 0, 0)
    plain = _plain(data, (), locs)
    bad = lone_surrogate(plain)
    if bad is not None:
        raise locs.error(bad[0], "text that is not valid Unicode (a lone surrogate such as \\ud800)",
                         "remove that \\u escape or write the whole character", at_key=bad[1])
    return plain, locs


def load_yaml_file(path: str | Path) -> tuple[Any, Locations]:
    """Read and parse a YAML file; a missing or unreadable file is an AdvisorError."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AdvisorError("file not found", file=str(path),
                           fix="check the path (run from the project folder or give an absolute path)") from None
    except IsADirectoryError:
        raise AdvisorError("is a folder, not a YAML file", file=str(path), fix="name a .yaml file") from None
    except UnicodeDecodeError as exc:
        raise _not_utf8(path, exc) from None
    except OSError as exc:
        raise AdvisorError(f"cannot read: {exc.strerror}", file=str(path), fix="check permissions") from None
    cached = yamlcache.get(text)
    if cached is not None:
        data, where, keys = cached
        locs = Locations(str(path))
        locs._where, locs._keys = where, keys
        return data, locs
    data, locs = load_yaml_text(text, str(path))
    yamlcache.put(text, data, locs._where, locs._keys)
    return data, locs


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


def pydantic_error(exc, locs: Locations, prefix: tuple = (), allowed_fields=None) -> AdvisorError:
    """Turn the first error of a pydantic ValidationError into a located AdvisorError.

    ``allowed_fields(loc)`` may return the field names valid at ``loc`` so an
    unknown field gets a "did you mean" hint.
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
        return locs.error(path, f"unknown field '{word}'", hint, at_key=True)
    if kind == "missing":
        return locs.error(path, f"missing required field '{show_path(path)}'", f"add '{loc[-1]}:'")
    return locs.error(path, f"{show_path(path)}: {msg}", fix)

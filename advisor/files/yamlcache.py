"""A content-addressed cache of parsed YAML, so a cold `advisor advise` does not re-parse every pack.

ruamel.yaml's round-trip parser (needed for line and column numbers) is pure
Python; parsing the bundled packs dominated cold start. The cache maps the
SHA-256 of a file's text to its plain data and locations, stored as JSON (never
pickle: a cache file must not be able to run code). Same text → same result,
so the cache cannot change an answer; a bad or foreign cache file is ignored.
Set ADVISOR_NO_CACHE=1 to turn it off; ADVISOR_CACHE_DIR to move it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Optional

FORMAT = "1"  # bump when the parsed form or Locations change


def cache_dir() -> Optional[Path]:
    if os.environ.get("ADVISOR_NO_CACHE"):
        return None
    base = os.environ.get("ADVISOR_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "advisor")
    return Path(base) / f"yaml-{FORMAT}"


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _encode(value: Any) -> Any:
    if isinstance(value, dict):
        return {"m": [[k, _encode(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return {"l": [_encode(v) for v in value]}
    if isinstance(value, dt.datetime):
        return {"t": value.isoformat()}
    if isinstance(value, dt.date):
        return {"d": value.isoformat()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "m" in value:
            return {k: _decode(v) for k, v in value["m"]}
        if "l" in value:
            return [_decode(v) for v in value["l"]]
        if "t" in value:
            return dt.datetime.fromisoformat(value["t"])
        if "d" in value:
            return dt.date.fromisoformat(value["d"])
    return value


def get(text: str) -> Optional[tuple[Any, dict, dict]]:
    """(data, where, keys) for this text, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        raw = json.loads((folder / f"{_key(text)}.json").read_text(encoding="utf-8"))
        where = {tuple(p): (line, col) for p, line, col in raw["where"]}
        keys = {tuple(p): (line, col) for p, line, col in raw["keys"]}
        return _decode(raw["data"]), where, keys
    except (OSError, ValueError, KeyError, TypeError):
        return None


def put(text: str, data: Any, where: dict, keys: dict) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:  # a value JSON or UTF-8 cannot hold (a lone surrogate, bytes, a set): just not cached
        body = json.dumps({"data": _encode(data),
                           "where": [[list(p), line, col] for p, (line, col) in where.items()],
                           "keys": [[list(p), line, col] for p, (line, col) in keys.items()]},
                          ensure_ascii=False).encode("utf-8")
    except (TypeError, ValueError, UnicodeError, RecursionError):
        return
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(body)
        os.replace(tmp, folder / f"{_key(text)}.json")  # atomic: readers never see half a file
        tmp = None
    except OSError:
        pass  # a read-only home is fine: we just parse every time
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass

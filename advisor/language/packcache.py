"""Parsed rule files of a pack set, kept between runs: JSON data only, never code.

Why: parsing the ~15 rule files a typical ``advise`` loads (core + an industry pack) costs
~40 ms CPU with libyaml — the largest part of loading packs that is not validation. Reading
the same data back from JSON costs ~2 ms (benchmarks/results.md, "Fast start").

What is kept, and why it is safe:
- one entry per pack set, named by a SHA-256 over the advisor version and every rule file's
  path and text, so an edited file, a new file, another pack or another version is a miss;
  entries beyond ``KEEP`` (oldest first) are pruned, so the folder stays small;
- an entry is plain JSON (``json.loads`` runs no code), written atomically (a temporary file
  renamed into place: concurrent writers each leave a whole entry), with a digest of its body
  on the first line: a truncated, corrupt or edited entry is ignored and rebuilt;
- the data read back goes through the same validation as freshly parsed YAML (the pack
  models, condition checks); an entry holding text YAML could never have produced (a lone
  surrogate escape) is refused, and data JSON cannot hold (a date) is simply not cached.

``ADVISOR_NO_CACHE`` (any value) turns it off; ``ADVISOR_CACHE_DIR`` chooses the folder
(default: the user cache dir). Any failure to read or write the cache is a miss, never an error.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any, Optional

from .. import __version__

FORMAT = 1
KEEP = 16  # entries kept: each bundled industry set (10 today) plus a few user sets and recent edits
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abAB]|\\u[dD][c-fC-F]")


def folder() -> Optional[Path]:
    """Where entries live, or None when caching is off."""
    if os.environ.get("ADVISOR_NO_CACHE"):
        return None
    base = os.environ.get("ADVISOR_CACHE_DIR")
    if not base:
        from platformdirs import user_cache_dir

        base = user_cache_dir("advisor", appauthor=False)
    return Path(base) / "packs"


def key_of(texts: dict[str, str]) -> str:
    """The entry's name: the advisor version, the format, each file's path and text."""
    h = hashlib.sha256(f"advisor {__version__} packcache {FORMAT}\0".encode())
    for path in sorted(texts):
        h.update(path.encode("utf-8", "surrogatepass") + b"\0")
        h.update(hashlib.sha256(texts[path].encode("utf-8", "surrogatepass")).digest())
    return h.hexdigest()


def read(texts: dict[str, str]) -> dict[str, Any]:
    """The parsed data of these files by path, or {} when there is no sound entry for them."""
    where = folder()
    if where is None:
        return {}
    key = key_of(texts)
    body = read_entry(where / f"{key}.json", key, FORMAT)
    if body is None:
        return {}
    if _SURROGATE_ESCAPE.search(body):  # our writer never makes one: the entry was not written by us
        return {}
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or set(data) != set(texts):
        return {}
    return data


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def read_entry(path: Path, key: str, fmt: int) -> Optional[str]:
    """The body of a sound entry — its first line names this format and key, and the digest of the
    rest — or None (missing, unreadable, truncated, corrupt, of another format or key)."""
    try:
        head, _, body = path.read_text(encoding="utf-8").partition("\n")
        meta = json.loads(head)
        if meta.get("format") != fmt or meta.get("key") != key or meta.get("digest") != digest(body):
            return None
    except (OSError, ValueError, RecursionError, AttributeError):
        return None
    return body


def write_entry(where: Path, key: str, fmt: int, body: str, keep: int) -> None:
    """Write one entry (a head line with format, key and digest, then the body) atomically, then
    prune ``where`` to ``keep`` entries; silently nothing when it cannot be written."""
    head = json.dumps({"format": fmt, "key": key, "digest": digest(body)})
    try:
        from ..files.atomic import write_atomic
        from ..files.errors import AdvisorError

        where.mkdir(parents=True, exist_ok=True)
        try:
            write_atomic(where / f"{key}.json", head + "\n" + body, force=True)
        except AdvisorError:
            return
        prune(where, keep)
    except (OSError, UnicodeError):
        return


def encode(data: Any) -> Optional[str]:
    """One file's parsed data as JSON, or None when JSON cannot hold it (a date: that set is not cached)."""
    try:
        return json.dumps(data, ensure_ascii=False, allow_nan=True, separators=(",", ":"))
    except (TypeError, ValueError):
        return None


def write(texts: dict[str, str], encoded: dict[str, Optional[str]]) -> None:
    """Keep the parsed data of these files (``encode``d per file); silently nothing when it cannot be."""
    where = folder()
    if where is None or set(encoded) != set(texts) or any(v is None for v in encoded.values()):
        return
    body = "{" + ",".join(f"{json.dumps(path, ensure_ascii=False)}:{encoded[path]}" for path in sorted(encoded)) + "}"
    write_entry(where, key_of(texts), FORMAT, body, KEEP)


def prune(where: Path, keep: Optional[int] = None) -> None:
    """Remove all but the ``keep`` (default ``KEEP``) newest entries (another process may be removing them too)."""
    keep = KEEP if keep is None else keep
    entries = []
    for p in where.glob("*.json"):
        try:
            entries.append((p.stat().st_mtime, p.name, p))
        except OSError:
            continue
    for _, _, p in sorted(entries, reverse=True)[keep:]:
        try:
            p.unlink()
        except OSError:
            pass

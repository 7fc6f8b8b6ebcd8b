"""Parsed rule files of a pack set, kept between runs: JSON data only, never code.

Why: parsing the ~15 rule files a typical ``advise`` loads (core + an industry pack) costs
~40 ms CPU with libyaml — the largest part of loading packs that is not validation. Reading
the same data back from JSON costs ~2 ms (benchmarks/results.md, "Fast start").

What is kept, and why it is safe:
- one entry per pack set, named by a SHA-256 over the advisor version and every rule file's
  path and text, so an edited file, a new file, another pack or another version is a miss;
  entries beyond ``KEEP`` (oldest first) are pruned, so the folder stays small;
- an entry is plain JSON (``json.loads`` runs no code), written atomically (a temporary file
  renamed into place: concurrent writers each leave a whole entry), with a MAC of its body on
  the first line: HMAC-SHA256 under a per-user secret (``cache.key`` beside the cache, created
  with 0600 rights, refused if others may read it or it is not the user's). A truncated, corrupt
  or edited entry — even one whose plain SHA-256 was recomputed to match (issue 20: such an
  entry once changed the advice) — is ignored and rebuilt; without a usable key there is no cache;
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


KEY_FILE = "cache.key"
_SECRETS: dict[str, Optional[bytes]] = {}


def secret(where: Path) -> Optional[bytes]:
    """The user's cache key, kept beside the cache folder ``where`` (created on first use), or None
    when there is none that only this user can read (then nothing is cached)."""
    path = where.parent / KEY_FILE
    cached = _SECRETS.get(str(path))
    if cached is not None:
        return cached
    got = _read_key(path)
    if got is None and not os.path.lexists(path):
        got = _create_key(path)
    if got is not None:
        _SECRETS[str(path)] = got
    return got


def _read_key(path: Path) -> Optional[bytes]:
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o077:
            return None  # others could read (or replace) it: they could forge entries
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return None
        raw = os.read(fd, 129)
    except OSError:
        return None
    finally:
        os.close(fd)
    try:
        key = bytes.fromhex(raw.decode("ascii").strip())
    except (UnicodeDecodeError, ValueError):
        return None
    return key if len(key) == 32 else None


def _create_key(path: Path) -> Optional[bytes]:
    """A new random key, made whole in a private temporary file and linked into place: a process
    starting at the same instant reads either no key or the whole first one, never half."""
    import secrets

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            os.write(fd, (secrets.token_hex(32) + "\n").encode("ascii"))
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process made it first: theirs is the key
        except OSError:  # a file system without hard links
            if not os.path.lexists(path):
                os.replace(tmp, path)
        finally:
            if os.path.lexists(tmp):
                os.unlink(tmp)
    except OSError:
        return None
    return _read_key(path)


def mac(key: bytes, fmt: int, entry_key: str, body: str) -> str:
    import hmac

    message = f"{fmt}\0{entry_key}\0".encode() + body.encode("utf-8", "surrogatepass")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def read_entry(path: Path, key: str, fmt: int) -> Optional[str]:
    """The body of a sound entry — its first line names this format and key, and the MAC of the
    rest under the user's cache key — or None (missing, unreadable, truncated, corrupt, forged, of
    another format or key, or no usable cache key)."""
    import hmac

    secret_key = secret(path.parent)
    if secret_key is None:
        return None
    try:
        head, _, body = path.read_text(encoding="utf-8").partition("\n")
        meta = json.loads(head)
        if meta.get("format") != fmt or meta.get("key") != key:
            return None
        if not hmac.compare_digest(str(meta.get("mac", "")), mac(secret_key, fmt, key, body)):
            return None
    except (OSError, ValueError, RecursionError, AttributeError, UnicodeError):
        return None
    return body


def write_entry(where: Path, key: str, fmt: int, body: str, keep: int) -> None:
    """Write one entry (a head line with format, key and MAC, then the body) atomically, then
    prune ``where`` to ``keep`` entries; silently nothing when it cannot be written."""
    secret_key = secret(where)
    if secret_key is None:
        return
    try:
        head = json.dumps({"format": fmt, "key": key, "mac": mac(secret_key, fmt, key, body)})
    except UnicodeError:
        return
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

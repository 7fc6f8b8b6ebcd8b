"""One error type for everything a user can get wrong, rendered as one line.

Every message names the file, the place in it, what is wrong and how to fix it
(``file:line:col: what — fix``), so the CLI never has to show a traceback.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Iterable

# Characters that would break the one-line promise or write to the terminal when a
# user's own text is echoed: C0/C1 controls (\r, ESC of ANSI sequences, …), DEL, and
# the Unicode line and paragraph separators.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u0085]")


def escape(text: str) -> str:
    """``text`` with every control character written as a visible escape (\\x1b, \\u2028)."""
    def one(m: re.Match) -> str:
        ch = m.group(0)
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch) or (
            f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
    return _UNSAFE.sub(one, text)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset in ``text``."""
    before = text[:offset]
    line = before.count("\n") + 1
    return line, offset - (before.rfind("\n") + 1) + 1


@dataclass
class AdvisorError(Exception):
    """A user-facing error: bad account file, broken pack, unknown option."""

    message: str
    file: str | None = None
    line: int | None = None  # 1-based
    col: int | None = None  # 1-based
    fix: str | None = None

    def __str__(self) -> str:  # one line, always
        where = ""
        if self.file:
            where = self.file
            if self.line:
                where += f":{self.line}"
                if self.col:
                    where += f":{self.col}"
            where += ": "
        text = f"{where}{self.message}"
        if self.fix:
            text += f" — {self.fix}"
        return escape(" ".join(text.split("\n")))


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A "did you mean X?" hint for an unknown name, or None when nothing is close."""
    word = str(word)
    # short words (Chinese names are often two characters) need a looser cutoff
    cutoff = 0.5 if len(word) <= 3 else 0.6
    close = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=cutoff)
    return f"did you mean '{close[0]}'?" if close else None


def choice_hint(word: str, choices: Iterable[str]) -> str:
    """The did-you-mean hint, or else the list of allowed values."""
    choices = sorted(set(choices))
    return did_you_mean(word, choices) or "use one of: " + ", ".join(choices)


def lone_surrogate(data, path: tuple = ()) -> tuple | None:
    """(path, is_key) of the first key or text holding a lone surrogate (``"\\ud800"`` in YAML), or None.

    Such text cannot be written as UTF-8 anywhere later (output, cache, error messages)."""
    if isinstance(data, str):
        return (path, False) if SURROGATE.search(data) else None
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and SURROGATE.search(key):
                return path + (key,), True
            found = lone_surrogate(value, path + (key,))
            if found is not None:
                return found
    if isinstance(data, list):
        for i, value in enumerate(data):
            found = lone_surrogate(value, path + (i,))
            if found is not None:
                return found
    return None


SURROGATE = re.compile("[\ud800-\udfff]")

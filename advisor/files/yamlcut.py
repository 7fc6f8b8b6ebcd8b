"""Plain values YAML cut short at a '#' (issue 23, session 5): the warnings of an account file.

In YAML a '#' after a space starts a comment, also in the middle of an unquoted value:
``text: push your line as my #1, I need the county exclusive`` is read as "push your line as my" and the
rest is dropped, silently (a v6 blind account lost the dealer's exclusivity demand this way). Refusing such
a file would break files that load today, so the loader warns instead.

A deliberate comment is written '# ' with a space (``stage: open   # was prepare``, as ``advisor init``
writes them); a '#' glued to what follows ("#1", "#61045", "#hashtag") after a plain value is text the
writer meant to keep. ``cut_values`` finds those; the warning names the line and the fix (quote the value).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_GLUED = re.compile(r"\s#[^\s#]")  # the cheap test first: most files have no such '#' at all
_COMMENT = re.compile(r"\s+(#[^\s#].*)$")


@dataclass(frozen=True)
class Cut:
    """A plain value read only up to a '#': where it is (1-based), what was kept and what was dropped."""

    line: int
    col: int
    kept: str
    dropped: str

    def message(self, file: str, line_offset: int = 0) -> str:
        """One line: file:line:col: warning: what happened — the fix."""
        kept = self.kept if len(self.kept) <= 40 else self.kept[:37] + "…"
        dropped = self.dropped if len(self.dropped) <= 40 else self.dropped[:37] + "…"
        return (f"{file}:{self.line + line_offset}:{self.col}: warning: the value \"{kept}\" stops before "
                f"\"{dropped}\" — YAML reads an unquoted ' #' as the start of a comment and drops the rest of the "
                f"line; quote the value (\"…\") to keep it, or write '# ' with a space if it is a comment")


def cut_values(text: str) -> list[Cut]:
    """Every plain (unquoted) scalar followed on its line by a '#' glued to text; [] for text YAML cannot parse
    (its error is the loader's to report)."""
    if not _GLUED.search(text):
        return []
    lines = text.splitlines()
    out: list[Cut] = []
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if not isinstance(event, yaml.ScalarEvent) or event.style not in (None, "") or not event.value:
                continue
            end = event.end_mark
            if end.line >= len(lines):
                continue
            hit = _COMMENT.match(lines[end.line][end.column:])
            if hit:
                out.append(Cut(event.start_mark.line + 1, event.start_mark.column + 1, event.value, hit.group(1)))
    except yaml.YAMLError:
        return []
    return out

"""CSV a spreadsheet cannot run: the one way advisor writes CSV.

Account, owner and contact names come from a CRM or a rep, and a spreadsheet runs a
cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a
formula (``=cmd|' /C calc'!A0``). As OWASP advises for CSV injection, such a text
cell gets a leading single quote, which the spreadsheet shows as text and does not
run; and every text cell is quoted, so a spreadsheet that splits on ``;`` or tabs
cannot start a new cell (and a formula) in the middle of one. Numbers written as
numbers stay as they are: they cannot hold a formula, and -3 stays -3.
"""
from __future__ import annotations

import csv
from typing import Any, Iterable, TextIO

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """A value as it may go into a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if text.startswith(TRIGGERS) else text


class Writer:
    """``csv.writer`` with every cell passed through ``cell`` (rows end in CRLF, as RFC 4180 says)."""

    def __init__(self, out: TextIO):
        self._csv = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)

    def writerow(self, row: Iterable[Any]) -> None:
        self._csv.writerow([cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(out: TextIO) -> Writer:
    return Writer(out)

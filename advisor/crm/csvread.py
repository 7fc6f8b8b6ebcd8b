"""Reading a CRM's CSV export row by row, keeping file, line and column for every error.

A bad row (an unparseable date or amount, a reference to an account that is not in the
export, an unknown stage) is collected as one located error and skipped; the import goes on.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ..files.errors import AdvisorError, choice_hint
from ..files.filekind import require_regular_input

# what a CRM's column name looks like ("Record ID", "Duration (minutes)", "close_value"); a header cell
# that does not (the first line of /etc/shadow read as a header) is counted in an error, never shown
COLUMN_LIKE = re.compile(r"\w[\w ./()#%&'+\-]{0,63}")

# CSV fields in CRM exports (long descriptions, notes) can exceed csv's default of 128 KiB
csv.field_size_limit(16 * 1024 * 1024)


@dataclass
class CsvRow:
    file: str
    line: int  # 1-based line where the record starts
    header: list[str]
    values: dict[str, str]

    def col(self, column: str) -> int:
        return self.header.index(column) + 1

    def error(self, column: Optional[str], message: str, fix: str) -> AdvisorError:
        col = self.col(column) if column and column in self.header else None
        return AdvisorError(message, file=self.file, line=self.line, col=col, fix=fix)

    def get(self, column: Optional[str]) -> Optional[str]:
        if not column:
            return None
        # a no-break space (Excel, Windows-1252 exports) is a space: 'Haseena\xa0al' is 'Haseena al'
        value = (self.values.get(column) or "").replace("\xa0", " ").strip()
        return value or None


def _columns_hint(column: str, header: list[str], joined: Iterable[str]) -> str:
    """How to fix a missing column: a close name or the header's columns — only cells that look like one."""
    shown = [h for h in header if COLUMN_LIKE.fullmatch(h)]
    hidden = len(header) - len(shown)
    if not shown and not joined:
        return (f"the header row has {len(header)} cell{'s' if len(header) != 1 else ''} and none looks like a "
                "column name; is this the CRM's CSV export? or fix the column name in the mapping")
    hint = choice_hint(column, shown + sorted(joined))
    if hidden:
        cells = "1 more header cell that looks" if hidden == 1 else f"{hidden} more header cells that look"
        hint += f" ({cells} like no column name, not shown)"
    return hint + "; or fix the column name in the mapping"


def read_rows(path: Path, encoding: str, required: list[str], joined: Iterable[str] = (),
              headers: Optional[dict[str, list[str]]] = None) -> Iterator[CsvRow]:
    """The rows of one export file; a missing file or missing column is an error for the whole file.

    ``required`` are the columns the mapping names; one that a joined file supplies (``joined``)
    need not be in this file. ``headers`` (when given) receives the file's header, for the
    unmapped-column warning."""
    require_regular_input(path)  # a FIFO would block the read forever
    try:
        handle = path.open(newline="", encoding=encoding)
    except FileNotFoundError:
        raise AdvisorError("file not found", file=str(path),
                           fix="export it from the CRM, or point the mapping's files: at the right name") from None
    with handle:
        reader = csv.reader(handle)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            raise AdvisorError("empty CSV file (no header row)", file=str(path), line=1,
                               fix="export with column headers") from None
        except (UnicodeDecodeError, csv.Error) as exc:
            raise AdvisorError(f"unreadable CSV: {exc}", file=str(path), line=1,
                               fix="export as UTF-8 CSV (or set encoding: in the mapping)") from None
        joined = set(joined)
        for column in required:
            if column not in header and column not in joined:
                raise AdvisorError(f"no column '{column}'", file=str(path), line=1,
                                   fix=_columns_hint(column, header, joined))
        if headers is not None:
            headers[str(path)] = header
        start = 2
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except (UnicodeDecodeError, csv.Error) as exc:
                raise AdvisorError(f"unreadable CSV: {exc}", file=str(path), line=reader.line_num,
                                   fix="export as UTF-8 CSV (or set encoding: in the mapping)") from None
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            yield CsvRow(str(path), line, header, dict(zip(header, record)))


_AMOUNT_NOISE = re.compile(r"[\s,'’¥$€£￥]|CNY|RMB|USD|EUR|元")


def parse_amount(row: CsvRow, column: Optional[str]) -> Optional[float]:
    raw = row.get(column)
    if raw is None:
        return None
    text = _AMOUNT_NOISE.sub("", raw)
    try:
        value = float(text)
    except ValueError:
        raise row.error(column, f"'{raw}' is not an amount", "write a plain number such as 125000.50") from None
    if not (0 <= value < 1e15):
        raise row.error(column, f"amount {raw} is out of range", "use a non-negative amount below 10^15")
    return round(value, 2)


def parse_date(row: CsvRow, column: Optional[str], formats: list[str]) -> Optional[dt.date]:
    raw = row.get(column)
    if raw is None:
        return None
    for fmt in formats:
        try:
            value = dt.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
        if 1900 <= value.year <= 2200:
            return value
        raise row.error(column, f"date {raw} is out of range", "use a date between 1900 and 2200")
    raise row.error(column, f"'{raw}' is not a date in any of the mapping's formats",
                    "add its format to date_formats: in the mapping (e.g. '%d.%m.%Y'), or export ISO dates")


def find_cell(folder: Path, value: str, limit: int) -> Optional[tuple[str, int, int, str]]:
    """Where a cell holding ``value`` is in the folder's CSV files: (file, line, col, column), or None;
    also a cell longer than ``limit`` that is a part of it (a name made of first and last name).

    Only for an error message (a value too long for the field it went into): the account built
    from the export is validated as a whole, so the cell it came from is found again here."""
    for path in sorted(folder.glob("*.csv")):
        try:
            with path.open(newline="", encoding="utf-8-sig", errors="replace") as handle:
                reader = csv.reader(handle)
                header: list[str] = []
                start = 1
                for record in reader:
                    line, start = start, reader.line_num + 1
                    if not header:
                        header = [h.strip() for h in record]
                        continue
                    for index, cell in enumerate(record):
                        cell = cell.strip()
                        if cell == value or (len(cell) > limit and cell in value):
                            column = header[index] if index < len(header) else f"column {index + 1}"
                            return str(path), line, index + 1, column
        except (OSError, csv.Error):
            continue
    return None

"""The validation boundary: every account value is made safe here, before the engine sees it.

durable-rules receives facts as JSON and crashes on what Python's encoder writes
for some numbers (ENGINE-NOTES 13): a float ≥ 1e16, below 1e-4 (``5e-05``) or
``inf`` is written in exponent form and segfaults the engine, or silently makes
it fire nothing. Far dates overflow date arithmetic. So, at the boundary:

- numbers must be finite and within ``MAX_NUMBER``; they are kept to
  ``DECIMALS`` decimal places, so ``repr`` never uses exponent notation, and
  the Python trace and the engine compare the very same values;
- dates must lie between ``MIN_DATE`` and ``MAX_DATE``;
- text has a length limit (free text is matched in Python, never by the engine,
  but a bound keeps every later step cheap).

Computed facts (growth rates, days since) go through ``safe_number`` too.
"""
from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

MAX_NUMBER = 1e12  # a trillion: more than any account's sales, far below where floats lose 4 decimals
DECIMALS = 4  # 0.0001 is the smallest step: repr(0.0001) is still plain decimal notation
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2200, 12, 31)
MAX_TEXT = 100_000  # characters in one free-text field; a 64 KiB objection must still match (ENGINE-NOTES 14)
MAX_NAME = 200  # characters in a name or a title


def quantize(value: float) -> float | int:
    """A finite number kept to DECIMALS places; whole numbers stay ints."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    rounded = round(float(value), DECIMALS)
    if rounded == 0:
        return 0.0  # never -0.0: same bytes for the same meaning
    return rounded


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise PydanticCustomError("finite_number", "not a finite number",
                                  {"fix": f"use a plain number between {-MAX_NUMBER:,.0f} and {MAX_NUMBER:,.0f}"})
    return quantize(value)


def _date(value: dt.date) -> dt.date:
    if not MIN_DATE <= value <= MAX_DATE:
        raise PydanticCustomError("date_range", "date {value} is out of range",
                                  {"value": value.isoformat(),
                                   "fix": f"use a date between {MIN_DATE.isoformat()} and {MAX_DATE.isoformat()}"})
    return value


# A non-negative amount (sales, minutes, an opportunity's amount).
Amount = Annotated[float, Field(ge=0, le=MAX_NUMBER, allow_inf_nan=False), AfterValidator(_finite)]
# A rate such as planned growth (0.25 = +25%): may be negative.
Rate = Annotated[float, Field(ge=-MAX_NUMBER, le=MAX_NUMBER, allow_inf_nan=False), AfterValidator(_finite)]
Day = Annotated[dt.date, AfterValidator(_date)]
FreeText = Annotated[str, Field(max_length=MAX_TEXT)]
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME)]
ShortText = Annotated[str, Field(max_length=MAX_NAME)]


# How many entries an account may hold. A real account has tens of contacts and hundreds of
# visits; these bounds are far above that and keep every step cheap (issue 20: 20,000 contacts in
# a legal 5 MB file took over 300 s). docs/account-format.md lists them (generated from here).
COUNT_LIMITS: dict[tuple[str, ...], int] = {
    ("contacts",): 1_000,
    ("contacts", "*", "related_to"): 1_000,
    ("contacts", "*", "reaches"): 1_000,
    ("visits",): 10_000,
    ("objections",): 2_000,
    ("opportunities",): 2_000,
    ("deals",): 5_000,
    ("promises",): 1_000,
    ("complaints",): 1_000,
    ("competitors",): 200,
    ("policies",): 500,
    ("references",): 500,
    ("invoices",): 5_000,
    ("facts",): 1_000,
    ("sales", "periods"): 1_000,
}


def count_problem(data: Any) -> tuple[tuple, str, str] | None:
    """The first list or map of a parsed account that holds more entries than COUNT_LIMITS allow:
    (path of the first entry over the bound, message, fix), or None. Checked on the parsed YAML,
    before validation, so an oversized account is refused at once."""
    if not isinstance(data, dict):
        return None
    for path, limit in COUNT_LIMITS.items():
        for where, value in _at_path(data, path, ()):
            if isinstance(value, (list, dict)) and len(value) > limit:
                name = ".".join(str(p) for p in where) if len(where) < 3 else f"{where[0]}[{where[1]}].{where[2]}"
                first = where + ((limit,) if isinstance(value, list) else (list(value)[limit],))
                return (first, f"{name} holds {len(value):,} entries, more than the {limit:,} allowed",
                        f"keep at most {limit:,} (the ones that matter now); the bounds are in "
                        f"docs/account-format.md#limits")
    return None


def _at_path(node: Any, path: tuple, where: tuple):
    if not path:
        yield where, node
        return
    head, rest = path[0], path[1:]
    if head == "*":
        if isinstance(node, list):
            for i, item in enumerate(node):
                yield from _at_path(item, rest, where + (i,))
    elif isinstance(node, dict) and head in node:
        yield from _at_path(node[head], rest, where + (head,))


def check_as_of(as_of: dt.date) -> dt.date:
    """The as-of date must lie in the same range as the account's dates."""
    if not MIN_DATE <= as_of <= MAX_DATE:
        from ..files.errors import AdvisorError

        raise AdvisorError(f"--as-of {as_of.isoformat()} is out of range",
                           fix=f"use a date between {MIN_DATE.isoformat()} and {MAX_DATE.isoformat()}")
    return as_of


def safe_number(value: float | int) -> float | int:
    """A computed number clamped to ±MAX_NUMBER and kept to DECIMALS places."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and math.isnan(value):
        return 0.0
    if value > MAX_NUMBER:
        value = MAX_NUMBER if isinstance(value, float) else int(MAX_NUMBER)
    elif value < -MAX_NUMBER:
        value = -MAX_NUMBER if isinstance(value, float) else -int(MAX_NUMBER)
    return quantize(value)


def put(fact: dict[str, Any], key: str, value: Any) -> None:
    """Store a fact's value; None means unknown and is left out (a missing field fails every test
    but not_exists), so every fact module builds facts the same way."""
    if value is not None:
        fact[key] = value


def safe_fact(fact: dict[str, Any]) -> dict[str, Any]:
    """The fact with every number made safe (see module doc)."""
    out = {}
    for k, v in fact.items():  # by exact type first: every fact of every account comes through here
        t = type(v)
        if t is int:
            out[k] = v if -MAX_NUMBER <= v <= MAX_NUMBER else safe_number(v)
        elif t is float or (t is not bool and isinstance(v, (int, float))):
            out[k] = safe_number(v)
        else:
            out[k] = v
    return out


def engine_safe(value: Any) -> bool:
    """True when json.dumps writes ``value`` in plain notation the engine can read."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return True
    if isinstance(value, int):
        return abs(value) < 10 ** 15
    if isinstance(value, float):
        return math.isfinite(value) and abs(value) < 1e15 and "e" not in repr(value)
    if isinstance(value, list):
        return all(engine_safe(v) for v in value)
    return False

"""How many days a plan may lay out: the bound ``build_plan``, the spilled plan and ``--days`` share.

A plan makes one bucket per day from the as-of date, so a huge count is a huge loop and, past the
last representable date, an ``OverflowError`` (the audit's ``--days 99999999``). The bound lives here,
below the CLI, so a program calling the API gets the same one-line error as the command line.
"""
from __future__ import annotations

from ..files.errors import AdvisorError

MAX_DAYS = 366  # a plan lays out each day; a year is the longest week anyone plans


def check_days(days: object) -> int:
    """``days`` as a whole number of days within 1 … MAX_DAYS, else a one-line error naming it."""
    if isinstance(days, bool) or not isinstance(days, int):
        raise AdvisorError(f"plan days {days!r} is not a whole number of days",
                           fix=f"pass a whole number from 1 to {MAX_DAYS} (--days in 'advisor plan')")
    if not 1 <= days <= MAX_DAYS:
        raise AdvisorError(f"plan days {days} is out of range",
                           fix=f"pass a whole number from 1 to {MAX_DAYS} (--days in 'advisor plan')")
    return days

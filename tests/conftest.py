"""Shared fixtures: one Advisor per test session (packs are loaded and compiled once)."""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest

from advisor import Advisor

# keep anything a test run caches out of the user's home (subprocesses inherit it)
os.environ.setdefault("ADVISOR_CACHE_DIR", tempfile.mkdtemp(prefix="advisor-test-cache-"))
# and never read or write the user's feedback store: tests get an empty one of their own
os.environ["ADVISOR_STORE"] = str(Path(tempfile.mkdtemp(prefix="advisor-test-store-")) / "feedback.sqlite3")
# the user's own packs and ADVISOR_PACKS must not change what the tests see: an empty config folder
os.environ["ADVISOR_CONFIG_DIR"] = tempfile.mkdtemp(prefix="advisor-test-config-")
os.environ.pop("ADVISOR_PACKS", None)

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
FIXTURES = ROOT / "fixtures"
AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="session")
def advisor() -> Advisor:
    return Advisor(RULES)

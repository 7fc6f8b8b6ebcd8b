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


@pytest.fixture(scope="session")
def dask_cluster():
    """One local Dask cluster of two worker processes, shared by the tests that compare a Dask run with one
    process: each start costs seconds (two interpreters importing the advisor and loading packs), and a warm
    worker must give the same bytes as a fresh one anyway. A test that crashes or hangs a worker starts its own."""
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster

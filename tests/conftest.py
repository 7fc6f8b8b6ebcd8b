"""Shared fixtures: one Advisor per test session (packs are loaded and compiled once)."""
from __future__ import annotations

import copy
import datetime as dt
import importlib.util
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


def load_benchmark(name: str):
    """A script of ``benchmarks/`` as a module: they are scripts run by path, not a package the tests can import."""
    spec = importlib.util.spec_from_file_location(f"{name}_bench", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _SharedAdvisor(Advisor):
    """The session's Advisor, which keeps each pack set's parameters as they were loaded (see below)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.loaded_params: dict[tuple[str, ...], dict] = {}

    def load(self, names):
        loaded = super().load(names)
        self.loaded_params.setdefault(tuple(names), copy.deepcopy(loaded[0].params))
        return loaded


@pytest.fixture(scope="session")
def advisor() -> Advisor:
    return _SharedAdvisor(RULES)


@pytest.fixture(autouse=True)
def _shared_params_unchanged(request):
    """The session ``advisor`` is shared by every test of a worker: a test that changes one of its pack sets'
    parameters changes the advice of every later test (session 12: generic_penalty set to 0 by one test moved a seed
    case of another file in CI). Such a test fails here by name — it must build its own ``Advisor(RULES)`` — and
    the parameters are put back so that no other test pays for it."""
    yield
    if "advisor" not in request.fixturenames:
        return
    shared = request.getfixturevalue("advisor")
    changed = []
    # a file's own `advisor` fixture (not the session's) is its own business
    for key, original in getattr(shared, "loaded_params", {}).items():
        params = shared._loaded[key][0].params
        if params != original:
            changed.append("+".join(key) + ": " + ", ".join(sorted(k for k in set(original) | set(params)
                                                                  if original.get(k) != params.get(k))))
            params.clear()
            params.update(copy.deepcopy(original))
    if changed:
        pytest.fail("this test changed the shared advisor's pack-set parameters (" + "; ".join(changed)
                    + ") — give it its own Advisor(RULES)", pytrace=False)


@pytest.fixture(scope="session")
def dask_cluster():
    """One local Dask cluster of two worker processes, shared by the tests that compare a Dask run with one
    process: each start costs seconds (two interpreters importing the advisor and loading packs), and a warm
    worker must give the same bytes as a fresh one anyway. Its tests are in one file (tests/test_plan_stream.py): with
    `--dist loadfile` two files on two xdist workers started two clusters. A test that crashes or hangs a worker starts
    its own."""
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster

"""Fuzzing from outside (issue 12): account files, pack folders and CLI options.

Properties: no traceback, exit code 0, 1 or 2, an error is one safe line (with
file and line:col when it is about an account file), lint clean means the engine
accepts the pack, engine and trace fire the same rules, and the same input gives
the same bytes. Inputs come from ``fuzzgen``.

Issue 20 added: unquoted impossible dates and lists past their bounds in the account files,
hostile generated-file manifests (nothing outside the folder may be deleted), processes creating
a feedback store at once (no event may be lost) and CSV exports of CRM names (no cell may run as
a formula).

The normal run is small and reproducible (``derandomize``: the same examples on
every run, a few seconds). ``ADVISOR_FUZZ=long`` selects the long profile
(thousands of examples; ``ADVISOR_FUZZ_SEED`` varies them); benchmarks/fuzz.py
runs it in watched child processes and records the table in docs/reliability.md.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings

from advisor.api import Advisor

from . import fuzzgen

LONG = os.environ.get("ADVISOR_FUZZ") == "long"
SEED = int(os.environ.get("ADVISOR_FUZZ_SEED", "0"))
REPORT = os.environ.get("ADVISOR_FUZZ_REPORT")  # a file: count problems instead of failing (benchmarks/fuzz.py)
COUNTS = {"accounts": int(os.environ.get("ADVISOR_FUZZ_ACCOUNTS", "2000")),
          "packs": int(os.environ.get("ADVISOR_FUZZ_PACKS", "100")),
          "cli": int(os.environ.get("ADVISOR_FUZZ_CLI", "300")),
          "manifests": int(os.environ.get("ADVISOR_FUZZ_MANIFESTS", "300")),
          "stores": int(os.environ.get("ADVISOR_FUZZ_STORES", "20")),
          "csv": int(os.environ.get("ADVISOR_FUZZ_CSV", "200"))}
SHORT = {"accounts": 40, "packs": 20, "cli": 8, "manifests": 12, "stores": 2, "csv": 6}


def profile(category: str):
    common = dict(deadline=None, database=None, print_blob=True,
                  suppress_health_check=list(HealthCheck))
    if LONG:
        return settings(max_examples=COUNTS[category], derandomize=False, **common)
    return settings(max_examples=SHORT[category], derandomize=True, **common)


def record(category: str, problems: list[str]) -> None:
    """Fail (normal run) or count (benchmark run) what one input caused."""
    if REPORT:
        with open(REPORT, "a", encoding="utf-8") as out:
            out.write(f"{category}\t{fuzzgen.LAST['outcome']}\t"
                      + ("\t".join(p.replace("\t", " ").replace("\n", " ") for p in problems) or "ok") + "\n")
        fuzzgen.LAST["outcome"] = ""
        return
    assert problems == [], problems


@pytest.fixture(scope="module", autouse=True)
def throwaway_cache():
    # thousands of throw-away files must not fill the user's parsed-YAML cache
    old = os.environ.get("ADVISOR_CACHE_DIR")
    folder = tempfile.mkdtemp(prefix="advisor-fuzz-cache-")
    os.environ["ADVISOR_CACHE_DIR"] = folder
    yield
    shutil.rmtree(folder, ignore_errors=True)
    if old is None:
        os.environ.pop("ADVISOR_CACHE_DIR", None)
    else:
        os.environ["ADVISOR_CACHE_DIR"] = old


@pytest.fixture(scope="module")
def shared_advisor():
    return Advisor(fuzzgen.RULES)


@pytest.fixture(scope="module")
def sample_accounts():
    from advisor import load_account

    # the fuzzed pack is the only pack loaded, so the accounts carry no industry and no checklist
    # flags: an undeclared flag is rightly refused (issue 9), and that is not what is fuzzed here
    return [load_account(p).model_copy(update={"facts": {}, "industry": None})
            for p in sorted((fuzzgen.FIXTURES / "accounts").glob("*.yaml"))[:3]]


def test_fuzz_account_files(shared_advisor):
    folder = Path(tempfile.mkdtemp(prefix="advisor-fuzz-"))

    @seed(SEED)
    @profile("accounts")
    @given(fuzzgen.account_file())
    def run(blob):
        record("accounts", fuzzgen.check_account(blob, shared_advisor, folder))

    run()


def test_fuzz_packs(sample_accounts):
    @seed(SEED)
    @profile("packs")
    @given(fuzzgen.pack_files())
    def run(files):
        record("packs", fuzzgen.check_pack(files, sample_accounts))

    run()


def test_fuzz_cli_options():
    @seed(SEED)
    @profile("cli")
    @given(fuzzgen.cli_args())
    def run(args):
        record("cli", fuzzgen.check_cli(args))

    run()


def test_fuzz_manifests():
    @seed(SEED)
    @profile("manifests")
    @given(fuzzgen.manifest_case())
    def run(case):
        record("manifests", fuzzgen.check_manifest(case))

    run()


def test_fuzz_store_created_by_many_processes():
    @seed(SEED)
    @profile("stores")
    @given(fuzzgen.store_case())
    def run(case):
        record("stores", fuzzgen.check_store(case))

    run()


def test_fuzz_csv_export(shared_advisor):
    @seed(SEED)
    @profile("csv")
    @given(fuzzgen.csv_case())
    def run(accounts):
        record("csv", fuzzgen.check_csv(accounts, shared_advisor))

    run()

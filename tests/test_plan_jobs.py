"""`advisor plan --jobs N`: the plan advised in worker processes is the same bytes as in one process,
the feedback store is read once by the parent, and a crashing row fails alone (issue 13)."""
from __future__ import annotations

import ctypes
import json
import shutil

import pytest
from click.testing import CliRunner

from advisor.cli import cli
from advisor.feedback.store import Store
from advisor.portfolio.batch import BatchConfig, RowRef, portfolio_rows
from advisor.portfolio.plan import build_plan, plan_row, plan_to_json, advise_for_plan

from .conftest import AS_OF, FIXTURES, RULES


def crash_on_marked_rows(ref: RowRef):
    """plan_row, except that a file ending in -segfault.yaml crashes its process like the C engine does."""
    if ref.label.endswith("-segfault.yaml"):
        ctypes.string_at(0)
    return plan_row(ref)


# every fixture account is in the book (helpers add fixtures; the count follows the folder)
ACCOUNTS = len(list((FIXTURES / "accounts").glob("*.yaml")))


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    """The fixture accounts as a folder, with one file that is not an account."""
    folder = tmp_path_factory.mktemp("book")
    for path in sorted((FIXTURES / "accounts").glob("*.yaml")):
        shutil.copy(path, folder / path.name)
    (folder / "zz-broken.yaml").write_text("name: Broken\nstage: [open\n", encoding="utf-8")
    return folder


def plan_cli(*args):
    result = CliRunner().invoke(cli, ["plan", *map(str, args), "--as-of", "2026-11-23", "--rules", str(RULES)])
    assert result.exit_code in (0, 1), result.output
    return result


@pytest.mark.parametrize("fmt", [["--format", "json", "--top-actions", "0"], ["--format", "csv", "--lang", "zh"]])
def test_two_jobs_plan_the_same_bytes_as_one(book, fmt):
    one, two = plan_cli(book, "--jobs", "1", *fmt), plan_cli(book, "--jobs", "2", *fmt)
    assert one.stdout_bytes == two.stdout_bytes
    assert one.exit_code == two.exit_code == 1  # the broken file, listed in both
    if fmt[1] == "json":
        doc = json.loads(one.stdout)
        assert len(doc["accounts"]) == ACCOUNTS and [f["file"] for f in doc["failed"]] == [str(book / "zz-broken.yaml")]


def test_with_a_feedback_store_two_jobs_plan_the_same_bytes_and_honour_it(book, tmp_path):
    store_path = tmp_path / "fb.sqlite3"
    first = json.loads(plan_cli(book, "--jobs", "1", "--format", "json", "--top", "1").stdout)["accounts"][0]
    action = first["actions"][0]
    runner = CliRunner()
    recorded = runner.invoke(cli, ["done", first["file"], action["rule"], "--store", str(store_path),
                                   "--as-of", "2026-11-23", "--rules", str(RULES)]
                             + (["--contact", action["who"]["contact"]] if action["who"]["contact"] else []))
    assert recorded.exit_code == 0, recorded.output
    one = plan_cli(book, "--jobs", "1", "--format", "json", "--store", store_path)
    two = plan_cli(book, "--jobs", "2", "--format", "json", "--store", store_path)
    assert one.stdout_bytes == two.stdout_bytes
    mine = next(a for a in json.loads(two.stdout)["accounts"] if a["file"] == first["file"])
    assert [f["by_rule"] for f in mine["feedback"]] == ["feedback:done"]


def test_the_store_is_read_once_by_the_parent_before_the_workers_start(book, tmp_path, advisor):
    store = Store(tmp_path / "fb.sqlite3")
    store.record(advisor.feedback_event("snooze", "Some Account", "core.roles.meet-decider", as_of=AS_OF, force=True))
    config = BatchConfig(rules_dir=RULES, as_of=AS_OF, store=store)
    _, rows = portfolio_rows(book)
    advise_for_plan(list(rows)[:2], config, jobs=2)
    assert store._all is not None and [e.verb for e in store._all] == ["snooze"]  # what the workers were sent


def test_a_crashing_row_fails_alone_and_the_plan_goes_on(book, tmp_path, advisor):
    folder = tmp_path / "with-crash"
    shutil.copytree(book, folder)
    (folder / "zz-broken.yaml").unlink()
    (folder / "m-segfault.yaml").write_text("name: Crashes The Engine\n", encoding="utf-8")
    _, rows = portfolio_rows(folder)
    config = BatchConfig(rules_dir=RULES, as_of=AS_OF)
    advised = advise_for_plan(rows, config, jobs=2, timeout=20, row_func=crash_on_marked_rows)
    plan = build_plan(rows, advisor, as_of=AS_OF, advised=advised)
    assert plan.failed == [(str(folder / "m-segfault.yaml"), "the worker process crashed (SIGSEGV) on this row")]
    # every other account is planned exactly as one process plans them (the book: the same accounts)
    _, same = portfolio_rows(book)
    alone = plan_to_json(build_plan(same, advisor, as_of=AS_OF))
    planned = json.dumps(plan_to_json(plan)["accounts"], ensure_ascii=False).replace(str(folder), str(book))
    assert planned == json.dumps(alone["accounts"], ensure_ascii=False) and len(alone["accounts"]) == ACCOUNTS

"""The streamed plan (issue 21): the spilled document is ``plan_to_json``'s, byte for byte in every
format; the Dask run gives the same triples as one process (and `advisor batch --dask` the same bytes); the pool never
idles with nothing in flight."""
from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest

from advisor.output import plan_formats as pf
from advisor.output import render
from advisor.portfolio import pool
from advisor.portfolio.batch import BatchConfig, portfolio_rows
from advisor.portfolio.plan import PlanFilters, advise_here, build_plan, iter_advised, plan_to_json
from advisor.portfolio.plan_stream import SpilledPlan, materialise
from advisor.portfolio.runner import run_report

from .conftest import AS_OF, FIXTURES, RULES
from .test_pool import square


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    """The fixture accounts twice over (so names tie and need ties occur) and a broken file."""
    folder = tmp_path_factory.mktemp("book")
    for path in sorted((FIXTURES / "accounts").glob("*.yaml")):
        shutil.copy(path, folder / path.name)
        shutil.copy(path, folder / f"copy-{path.name}")
    (folder / "zz-broken.yaml").write_text("name: Broken\nstage: [open\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def advised(book, advisor):
    _, rows = portfolio_rows(book)
    rows = list(rows)
    return rows, list(advise_here(rows, advisor, AS_OF, None, None, None))


def BOOK(advisor):
    from advisor.portfolio.book import book_rules

    return book_rules(advisor.load(["core"])[0])


FILTERS = [PlanFilters(), PlanFilters(top=4, top_actions=0), PlanFilters(due_within=1, top_actions=1),
           PlanFilters(category="dormant")]


@pytest.mark.parametrize("filters", FILTERS, ids=["all", "top4", "due1", "dormant"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_spilled_plan_is_the_in_memory_plan_in_every_format(advised, advisor, filters, lang):
    rows, triples = advised
    doc = plan_to_json(build_plan(rows, advisor, as_of=AS_OF, lang=lang, filters=filters, portfolio="Book",
                                  advised=triples))
    with SpilledPlan(as_of=AS_OF, lang=lang, filters=filters, portfolio="Book", book=BOOK(advisor)) as book:
        streamed = book.add_all(triples).document()
        assert materialise(streamed) == doc
        assert "".join(pf.iter_json(streamed, render._as_json)) == render.dump_json(doc)
        assert "".join(pf.iter_text(streamed)) == pf.text(doc)
        assert "".join(pf.iter_csv(streamed)) == pf.csv_text(doc)
        assert "".join(pf.iter_markdown(streamed)) == pf.markdown(doc)
        assert b"".join(pf.iter_ics(streamed)) == pf.ics(doc)
        # a list read twice (the board counts and then lists) gives the same entries
        assert list(streamed["accounts"]) == list(streamed["accounts"])
    assert doc["failed"] and doc["failed"][0]["file"].endswith("zz-broken.yaml")


def test_ties_keep_portfolio_order_and_ranks_are_consecutive(advised, advisor):
    _, triples = advised
    with SpilledPlan(as_of=AS_OF) as book:
        accounts = list(book.add_all(triples).document()["accounts"])
    assert [a["rank"] for a in accounts] == list(range(1, len(accounts) + 1))
    keys = [(-a["need"], a["account"], a["file"]) for a in accounts]
    assert keys == sorted(keys)


def test_the_spill_file_is_removed_when_the_plan_is_closed():
    book = SpilledPlan(as_of=AS_OF)
    folder = book._dir
    book.document()
    book.close()
    assert not __import__("os").path.exists(folder)


def test_an_empty_book_is_an_empty_plan_in_every_format(advisor):
    doc = plan_to_json(build_plan([], advisor, as_of=AS_OF, advised=[]))
    with SpilledPlan(as_of=AS_OF, book=BOOK(advisor)) as book:
        streamed = book.document()
        assert "".join(pf.iter_json(streamed, render._as_json)) == render.dump_json(doc)
        assert "".join(pf.iter_text(streamed)) == pf.text(doc)


def test_the_pool_never_waits_with_nothing_in_flight(monkeypatch):
    """The last chunk's end used to cost a full 1 s wait for messages that could not come (once per
    Dask chunk: ~1 s idle per 32 rows); every wait now has a worker starting or a row out."""
    calls = []
    real = pool.Pool._wait

    def recording(self):
        calls.append(any(not w.ready for w in self.workers) or any(w.queue for w in self.workers))
        return real(self)

    monkeypatch.setattr(pool.Pool, "_wait", recording)
    workers = pool.Pool(square, 1, chunksize=4)
    try:
        for rows in ([1, 2, 3], [4, 5, 6, 7, 8]):
            assert [r.value[0] for r in workers.map(rows)] == [x * x for x in rows]
    finally:
        workers.close()
    assert calls and all(calls)


def test_plan_on_a_dask_cluster_gives_the_same_triples_and_document_as_one_process(book, advised, dask_cluster):
    from dask.distributed import Client

    _, rows = portfolio_rows(book)
    rows = list(rows)
    config = BatchConfig(rules_dir=str(RULES), as_of=AS_OF)
    here = list(iter_advised(rows, config, jobs=1))
    with Client(dask_cluster) as client:
        there = list(iter_advised(rows, config, dask=client, timeout=30))
    assert [t[0] for t in there] == [t[0] for t in here] == [r.label for r in rows]
    docs = []
    for triples in (here, there):
        with SpilledPlan(as_of=AS_OF, filters=PlanFilters(top_actions=0)) as spilled:
            docs.append("".join(pf.iter_json(spilled.add_all(triples).document(), render._as_json)))
    assert docs[0] == docs[1]
    assert '"error": ' in docs[0] and dt.date(2026, 11, 23).isoformat() in docs[0]


def test_advisor_plan_dask_writes_the_same_bytes_as_jobs_1_and_jobs_2(book, dask_cluster):
    from click.testing import CliRunner

    from advisor.cli import cli

    def run(*how):
        result = CliRunner().invoke(cli, ["plan", str(book), "--as-of", "2026-11-23", "--rules", str(RULES),
                                          "--format", "json", "--top-actions", "0", *how])
        assert result.exit_code == 1, result.output  # the broken file fails alone
        assert result.stdout_bytes, (result.stderr, result.exception)
        return result.stdout_bytes

    one = run("--jobs", "1")
    assert run("--jobs", "2") == one
    assert run("--dask", dask_cluster.scheduler_address) == one
    assert b'"zz-broken.yaml' in one or b"zz-broken.yaml" in one


def test_pieces_made_in_the_workers_are_the_pieces_made_here_and_a_crash_fails_its_row_alone(book, advised, advisor,
                                                                                             monkeypatch):
    """The plan's pieces are built where the account is advised; a worker that dies on a row gives
    that row's failed piece, and the document is the one built from the whole advice here."""
    from advisor.portfolio import plan_stream

    rows, triples = advised
    config = BatchConfig(rules_dir=str(RULES), as_of=AS_OF)
    filters = PlanFilters(top_actions=2)
    with SpilledPlan(as_of=AS_OF, filters=filters, book=BOOK(advisor)) as here:
        expected = "".join(pf.iter_json(here.add_all(triples).document(), render._as_json))
        spec = here.spec
    real = plan_stream.plan_row

    def dies_on_the_broken_file(ref):
        if ref.label.endswith("zz-broken.yaml"):
            import os
            os._exit(3)  # the worker process ends on this row, as a segfault in the engine would end it
        return real(ref)

    monkeypatch.setattr(plan_stream, "plan_row", dies_on_the_broken_file)  # forked workers inherit it
    pieces = list(plan_stream.iter_pieces(rows, config, spec, jobs=2, timeout=20))
    assert all(isinstance(p[-1], list) for p in pieces if p and p[0] == "account")  # items, pickled in the worker
    with SpilledPlan(as_of=AS_OF, filters=filters, book=BOOK(advisor)) as there:
        written = "".join(pf.iter_json(there.add_pieces(pieces).document(), render._as_json))
    failed_here = [f for f in triples if isinstance(f[2], str)]
    assert len(failed_here) == 1 and there.failed_count == 1
    # the same document but for the broken row's message: a parse error here, the worker's exit there
    assert written.replace(*_failure_texts(written, expected)) == expected


def _failure_texts(written: str, expected: str) -> tuple[str, str]:
    import json

    return (json.loads(written)["failed"][0]["error"].replace('"', '\\"'),
            json.loads(expected)["failed"][0]["error"].replace('"', '\\"'))


class _Once:
    """A list of the document that may be read once only, front to back (as a board of 100k must)."""

    def __init__(self, entries):
        self._entries, self.read = list(entries), False

    def __iter__(self):
        assert not self.read, "read twice"
        self.read = True
        return iter(self._entries)


def test_the_board_lists_the_accounts_most_in_need_and_counts_the_rest_in_one_pass(advised, advisor):
    from advisor.output.plan_html import plan_view, render_plan_html

    _, triples = advised
    with SpilledPlan(as_of=AS_OF, book=BOOK(advisor)) as spilled:
        doc = materialise(spilled.add_all(triples).document())
    accounts, overdue = doc["accounts"], doc["overdue"]
    assert len(accounts) > 6 and len(overdue) > 3
    busiest = max(doc["week"], key=lambda d: len(d["items"]))
    assert len(busiest["items"]) > 2
    once = {**doc, "accounts": _Once(accounts), "overdue": _Once(overdue),
            "week": [{**d, "items": _Once(d["items"])} for d in doc["week"]]}
    view = plan_view(once, accounts_limit=4, entries_limit=2)
    assert [a["rank"] for a in view["accounts"]] == [1, 2, 3, 4]
    # the headline figures and the charts are the whole book's
    assert view["stats"]["accounts"] == len(accounts) and view["stats"]["overdue"] == len(overdue)
    assert view["stats"]["due"] == sum(len(d["items"]) for d in doc["week"])
    rest = accounts[4:]
    assert view["more"]["accounts"] == len(rest) and view["more"]["shown"] == 4
    assert sum(n for _, n in view["more"]["by_category"]) == len(rest)
    assert view["more"]["overdue"] == sum(bool(a["overdue"]) for a in rest)
    day = next(d for d in view["week"] if d["date"] == busiest["date"])
    assert len(day["entries"]) == 2 and day["count"] == len(busiest["items"]) and day["more"] == day["count"] - 2
    assert len(view["overdue"]) == 2 and view["overdue_more"] == len(overdue) - 2

    page = render_plan_html(doc, accounts_limit=4, entries_limit=2)
    assert page.count('<tr data-category=') == 4
    assert f"{len(rest)} more accounts are not listed here (the board lists the 4 most in need of attention)" in page
    assert f"… and {len(overdue) - 2} more (all in the JSON or CSV plan)" in page
    assert f'<span class="count">{len(overdue)}</span>' in page
    # a book within the bounds is listed whole, with no line about more
    whole = render_plan_html(doc)
    assert whole.count('<tr data-category=') == len(accounts) and "more accounts are not listed" not in whole


def test_a_terminal_table_draws_the_first_rows_and_counts_the_rest(advised, advisor):
    _, triples = advised
    with SpilledPlan(as_of=AS_OF, lang="zh", book=BOOK(advisor)) as spilled:
        doc = spilled.add_all(triples).document()
        n = len(doc["accounts"])
        text = pf.rich_text(doc, width=200, styles=False, limit=3)
        full = pf.rich_text(doc, width=200, styles=False)
    assert f"……另有{n - 3}个客户未在终端显示" in text and "未在终端显示" not in full
    assert "项到期行动未在终端显示" in text


# --- batch on the shared Dask cluster (moved here from tests/test_dask_batch.py: one file, one cluster) ---------
def batch_report(portfolio, config, **how):
    name, rows = portfolio_rows(portfolio)
    out, err = io.StringIO(), io.StringIO()
    code = run_report(rows, name, config, out, err, **how)
    return code, out.getvalue(), err.getvalue()


def test_a_local_cluster_of_two_worker_processes_writes_the_same_bytes_as_one_process(tmp_path, dask_cluster):
    from dask.distributed import Client

    # a book of several chunks (32 rows each) for both workers: the fixture accounts, three times, and bad rows
    lines = ["name: Book", "accounts:"]
    for _ in range(3):
        lines += [f"  - {p}" for p in sorted((FIXTURES / "accounts").glob("*.yaml"))]
    lines += ["  - ../does-not-exist.yaml", "  - {name: Inline Co., stage: propse}", "  - {name: Fine Co.}"]
    book = tmp_path / "book.yaml"
    book.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = BatchConfig(rules_dir=str(RULES), as_of=AS_OF, fmt="json", top_n=2)
    with Client(dask_cluster) as client:
        on_dask = batch_report(book, config, dask=client)
        workers = client.run(lambda: __import__("os").getpid())
    here = batch_report(book, config, jobs=1)
    assert on_dask == here
    assert here[0] == 1 and here[1].count('"account":') == 3 * len(list((FIXTURES / "accounts").glob("*.yaml"))) + 1
    assert here[2].splitlines()[1] == f"{book}:{len(lines) - 1}:31: stage: unknown stage 'propse' — did you mean 'propose'?"
    assert len(set(workers.values())) == 2

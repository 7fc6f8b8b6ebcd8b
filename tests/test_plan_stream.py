"""The streamed plan (issue 21): the spilled document is ``plan_to_json``'s, byte for byte in every
format; the Dask run gives the same triples as one process; the pool never idles with nothing in flight."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from advisor.output import plan_formats as pf
from advisor.output import render
from advisor.portfolio import pool
from advisor.portfolio.batch import BatchConfig, portfolio_rows
from advisor.portfolio.plan import PlanFilters, advise_here, build_plan, iter_advised, plan_to_json
from advisor.portfolio.plan_stream import SpilledPlan, materialise

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


def test_plan_on_a_dask_cluster_gives_the_same_triples_and_document_as_one_process(book, advised):
    from dask.distributed import Client, LocalCluster

    _, rows = portfolio_rows(book)
    rows = list(rows)
    config = BatchConfig(rules_dir=str(RULES), as_of=AS_OF)
    here = list(iter_advised(rows, config, jobs=1))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        there = list(iter_advised(rows, config, dask=client, timeout=30))
    assert [t[0] for t in there] == [t[0] for t in here] == [r.label for r in rows]
    docs = []
    for triples in (here, there):
        with SpilledPlan(as_of=AS_OF, filters=PlanFilters(top_actions=0)) as spilled:
            docs.append("".join(pf.iter_json(spilled.add_all(triples).document(), render._as_json)))
    assert docs[0] == docs[1]
    assert '"error": ' in docs[0] and dt.date(2026, 11, 23).isoformat() in docs[0]


def test_advisor_plan_dask_writes_the_same_bytes_as_jobs_1_and_jobs_2(book):
    from click.testing import CliRunner
    from dask.distributed import LocalCluster

    from advisor.cli import cli

    def run(*how):
        result = CliRunner().invoke(cli, ["plan", str(book), "--as-of", "2026-11-23", "--rules", str(RULES),
                                          "--format", "json", "--top-actions", "0", *how])
        assert result.exit_code == 1, result.output  # the broken file fails alone
        assert result.stdout_bytes, (result.stderr, result.exception)
        return result.stdout_bytes

    one = run("--jobs", "1")
    assert run("--jobs", "2") == one
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        assert run("--dask", cluster.scheduler_address) == one
    assert b'"zz-broken.yaml' in one or b"zz-broken.yaml" in one

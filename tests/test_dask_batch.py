"""`advisor batch --dask`: a portfolio over a Dask cluster writes the same bytes as one process."""
from __future__ import annotations

import io

from dask.distributed import Client, LocalCluster

from advisor.portfolio.batch import BatchConfig, portfolio_rows
from advisor.portfolio.runner import run_report

from .conftest import AS_OF, FIXTURES, RULES


def report(portfolio, config, **how):
    name, rows = portfolio_rows(portfolio)
    out, err = io.StringIO(), io.StringIO()
    code = run_report(rows, name, config, out, err, **how)
    return code, out.getvalue(), err.getvalue()


def test_a_local_cluster_of_two_worker_processes_writes_the_same_bytes_as_one_process(tmp_path, dask_cluster):
    # a book of several chunks (32 rows each) for both workers: the fixture accounts, three times, and bad rows
    lines = ["name: Book", "accounts:"]
    for _ in range(3):
        lines += [f"  - {p}" for p in sorted((FIXTURES / "accounts").glob("*.yaml"))]
    lines += ["  - ../does-not-exist.yaml", "  - {name: Inline Co., stage: propse}", "  - {name: Fine Co.}"]
    book = tmp_path / "book.yaml"
    book.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = BatchConfig(rules_dir=str(RULES), as_of=AS_OF, fmt="json", top_n=2)
    with Client(dask_cluster) as client:
        on_dask = report(book, config, dask=client)
        workers = client.run(lambda: __import__("os").getpid())
    here = report(book, config, jobs=1)
    assert on_dask == here
    assert here[0] == 1 and here[1].count('"account":') == 3 * len(list((FIXTURES / "accounts").glob("*.yaml"))) + 1
    assert here[2].splitlines()[1] == f"{book}:{len(lines) - 1}:31: stage: unknown stage 'propse' — did you mean 'propose'?"
    assert len(set(workers.values())) == 2


def test_the_time_limit_holds_on_dask_a_hanging_row_fails_alone_and_the_others_go_on():
    from advisor.portfolio import dask_run

    from .test_pool import square

    rows = [1, "hang", 2, "segfault", 3]
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        results = list(dask_run.imap(square, rows, client, chunksize=5, timeout=1.5))
    assert [r.row for r in results] == rows
    assert results[1].error == "took longer than 1.5 s (the per-account time limit, --timeout); the row was stopped"
    assert results[3].error == "the worker process crashed (SIGSEGV) on this row"
    assert [r.value[0] for r in results if isinstance(r.row, int)] == [1, 4, 9]

"""`advisor batch --dask`: the per-row time limit and crash isolation on a cluster of its own. The same bytes as one
process on the shared two-worker cluster: tests/test_plan_stream.py (one file, so one cluster per run: each start
and its workers' pack loads cost seconds, and a second file on the other xdist worker started a second cluster)."""
from __future__ import annotations

from dask.distributed import Client, LocalCluster


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

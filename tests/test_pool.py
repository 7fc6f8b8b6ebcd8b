"""The worker pool: input order, and one row's exception, crash or hang fails that row only."""
from __future__ import annotations

import ctypes
import os
import threading
import time

import pytest

from advisor.files.errors import AdvisorError
from advisor.portfolio import pool

# per-row functions run in worker processes: they must be importable, so they live at module level


def square(row):
    if row == "boom":
        raise ValueError("boom\nsecond line")
    if row == "segfault":
        ctypes.string_at(0)  # reads address 0: SIGSEGV, the way the C engine crashes
    if row == "abort":
        os.abort()
    if row == "hang":
        while True:  # a row stuck at 100% CPU (the engine's 512-branch hang) — only a kill ends it
            pass
    if row == "sleep":
        time.sleep(3600)
    return (row * row, os.getpid())


_SEEN: list = []


def remember(tag):
    _SEEN.append(tag)


def initialized(row):
    return list(_SEEN), row


def refuse():
    raise AdvisorError("rules/core/pack.yaml:3:1: the pack is broken — fix it")


def test_results_come_in_input_order_and_equal_the_in_process_run():
    rows = list(range(60))
    parallel = list(pool.imap(square, rows, jobs=2, chunksize=4, window=12))
    serial = list(pool.imap(square, rows, jobs=1))
    assert [r.index for r in parallel] == rows
    assert [r.value[0] for r in parallel] == [r.value[0] for r in serial] == [n * n for n in rows]
    assert os.getpid() not in {r.value[1] for r in parallel}  # worker processes did the work
    assert {r.value[1] for r in serial} == {os.getpid()}  # --jobs 1: in this process


def test_initializer_runs_once_per_worker_before_its_rows():
    results = list(pool.imap(initialized, range(20), jobs=2, initializer=remember, initargs=("packs",), chunksize=3))
    assert all(r.value[0] == ["packs"] for r in results), [r.value for r in results]


@pytest.mark.parametrize("other_thread", [False, True], ids=["fork", "forkserver"])
def test_a_segfault_an_abort_and_an_exception_fail_only_their_rows(other_thread):
    rows = [1, 2, "segfault", 3, "boom", 4, "abort", 5, 6, 7, 8]
    stop = threading.Event()
    if other_thread:  # a process running threads must not fork: the pool uses the fork server
        threading.Thread(target=stop.wait, daemon=True).start()
        assert pool._context().get_start_method() == "forkserver"
    try:
        results = list(pool.imap(square, rows, jobs=2, chunksize=3))
    finally:
        stop.set()
    assert [r.index for r in results] == list(range(len(rows)))
    by_row = {r.row: r for r in results}
    assert by_row["segfault"].error == "the worker process crashed (SIGSEGV) on this row"
    assert by_row["abort"].error == "the worker process crashed (SIGABRT) on this row"
    assert by_row["boom"].error == "ValueError: boom second line"
    good = [r for r in results if isinstance(r.row, int)]
    assert [r.value[0] for r in good] == [1, 4, 9, 16, 25, 36, 49, 64] and not any(r.error for r in good)
    assert os.getpid() not in {r.value[1] for r in good}


def test_a_hang_is_cut_by_the_time_limit_and_the_batch_goes_on():
    rows = [1, "hang", 2, "sleep", 3, 4]
    results = list(pool.imap(square, rows, jobs=2, timeout=1.5, chunksize=2))
    assert [r.row for r in results] == rows
    for r in results[1], results[3]:
        assert r.error == "took longer than 1.5 s (the per-account time limit, --timeout); the row was stopped"
    assert [r.value[0] for r in results if isinstance(r.row, int)] == [1, 4, 9, 16]


def test_a_worker_that_cannot_start_is_one_clear_error():
    with pytest.raises(AdvisorError) as caught:
        list(pool.imap(square, [1, 2], jobs=2, initializer=refuse))
    assert str(caught.value) == ("a worker process could not start: "
                                 "rules/core/pack.yaml:3:1: the pack is broken — fix it")


def test_in_process_run_reports_an_exception_per_row():
    results = list(pool.imap(square, [2, "boom", 3], jobs=1))
    assert [r.value and r.value[0] for r in results] == [4, None, 9]
    assert results[1].error == "ValueError: boom second line"

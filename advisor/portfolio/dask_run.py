"""Advise on a portfolio over a Dask cluster (``pip install 'advisor[dask]'``).

    from dask.distributed import Client
    from advisor.portfolio.batch import BatchConfig, portfolio_rows
    from advisor.portfolio import dask_run

    name, rows = portfolio_rows("east-region.yaml")
    config = BatchConfig(rules_dir=None, as_of=date(2026, 11, 23))
    with Client("tcp://scheduler:8786") as client:
        for row in dask_run.advise_rows(rows, config, client):   # RowOut, in portfolio order
            ...

Dask does the scheduling (``client.submit`` of chunks of rows); this module
only keeps a bounded window of chunks in flight, yields the rows in portfolio
order, and makes each worker process build its Advisor once: ``_run_chunk``
calls the initializer the first time it sees a configuration in a process and
keeps the result (``batch.start_worker`` caches the Advisor per process), so
packs are compiled once per worker, not per task (ENGINE-NOTES 12). Rows run
under a per-process lock: one engine host per process is used from one thread
at a time (ENGINE-NOTES 5), even with several threads per worker.

Account paths are sent as absolute paths: every worker must see the same files
at the same place (a shared filesystem); inline accounts travel with their text.
With ``rules_dir=None`` each worker uses the packs installed with it.

With a ``timeout`` (``advisor batch --dask`` always has one: ``--timeout``,
30 s by default) each Dask worker process advises its rows in one child process
of its own (``pool.Pool`` with one worker, kept for the life of the Dask
worker, packs loaded once there), exactly as the local pool does: a row that
runs past the time limit has the child killed and fails with the same message,
a row that crashes the child fails alone, and the child is replaced. Dask has no
per-task time limit, and a row stuck in the C engine cannot be stopped inside
the Dask worker's own process, hence the child. Without a timeout (the Python
API's default) rows run in the Dask worker itself.

A chunk whose task fails anyway (a worker died on it: Dask restarts the worker
and retries, then gives up with KilledWorker) is split and its rows submitted
one by one, so only the row that kills workers fails.
"""
from __future__ import annotations

import collections
import os
import pickle
import threading
from typing import Any, Callable, Iterable, Iterator

from ..files.errors import AdvisorError
from .batch import BatchConfig, RowOut, RowRef, advise_row, start_worker
from .pool import Result, _describe

_LOCK = threading.Lock()
_READY: dict[bytes, bool] = {}


_POOLS: dict[bytes, Any] = {}  # this Dask worker's child process pool, by (func, initializer, initargs, timeout)


def _run_chunk(func, initializer, initargs, chunk, timeout=None) -> list[tuple[int, str, Any]]:
    """On a Dask worker: (index, "ok"|"error", value or message) per row of the chunk."""
    with _LOCK:
        if timeout:
            return _run_isolated(func, initializer, initargs, chunk, timeout)
        key = pickle.dumps((initializer, initargs))
        if initializer is not None and _READY.get("current") != key:
            initializer(*initargs)
            _READY["current"] = key
        out = []
        for index, row in chunk:
            try:
                out.append((index, "ok", func(row)))
            except Exception as exc:  # noqa: BLE001 — one row's failure
                out.append((index, "error", _describe(exc)))
        return out


def _run_isolated(func, initializer, initargs, chunk, timeout) -> list[tuple[int, str, Any]]:
    """The chunk's rows in this Dask worker's child process, under the per-row time limit."""
    from .pool import Pool

    key = pickle.dumps((func, initializer, initargs, timeout))
    child = _POOLS.get(key)
    if child is None:
        for old in _POOLS.values():  # another configuration: one child per Dask worker is enough
            old.close()
        _POOLS.clear()
        child = _POOLS[key] = Pool(func, 1, initializer, initargs, timeout=timeout, chunksize=len(chunk))
    out = []
    for result in child.map([row for _, row in chunk]):
        index = chunk[result.index][0]
        out.append((index, "ok", result.value) if result.error is None else (index, "error", result.error))
    return out


def close_pools() -> None:
    """On a Dask worker: end its child process (kept between tasks for the life of the worker);
    ``client.run(close_pools)`` gives the memory back, and lets the child be waited for, so its CPU
    time is counted in its parent's (benchmarks/plan_bench.py). The next task starts a new one."""
    with _LOCK:
        for child in _POOLS.values():
            child.close()
        _POOLS.clear()


def imap(func: Callable[[Any], Any], rows: Iterable[Any], client, initializer: Callable | None = None,
         initargs: tuple = (), chunksize: int = 32, window: int | None = None,
         timeout: float | None = None) -> Iterator[Result]:
    """Like ``pool.imap``, on the workers of a ``dask.distributed.Client``: Results in input order.

    With ``timeout``, a row running longer than that many seconds fails and the others go on.
    """
    workers = max(len(client.scheduler_info().get("workers", {})), 1)
    window = window or workers * 4
    source = enumerate(rows)
    inflight: collections.deque = collections.deque()  # (chunk, future)

    def submit(chunk):
        return client.submit(_run_chunk, func, initializer, initargs, chunk, timeout, pure=False)

    def fill():
        while len(inflight) < window:
            chunk = [item for _, item in zip(range(chunksize), source)]
            if not chunk:
                return
            inflight.append((chunk, submit(chunk)))

    fill()
    while inflight:
        chunk, future = inflight.popleft()
        try:
            answers = future.result()
        except Exception:  # noqa: BLE001 — the chunk failed as a whole: find the row, one by one
            answers = []
            for item in chunk:
                try:
                    answers.extend(submit([item]).result())
                except Exception as exc:  # noqa: BLE001
                    answers.append((item[0], "error", f"the Dask worker running it failed ({_describe(exc)})"))
        rows_by_index = dict(chunk)
        for index, kind, value in answers:
            row = rows_by_index[index]
            yield Result(index, row, value=value) if kind == "ok" else Result(index, row, error=value)
        fill()


def advise_rows(rows: Iterable[RowRef], config: BatchConfig, client_or_address,
                timeout: float | None = None) -> Iterator[RowOut]:
    """Every row's RowOut in portfolio order, advised on a Dask cluster (a Client or a scheduler address).

    With ``timeout``: a row over that many seconds fails, as with the local pool (``--timeout``).
    """
    for result in imap_rows(advise_row, rows, config, client_or_address, timeout=timeout):
        if result.error is not None:
            yield RowOut(result.row.label, error=f"{result.row.label}: {result.error}")
        else:
            yield result.value


def imap_rows(func: Callable[[RowRef], Any], rows: Iterable[RowRef], config: BatchConfig, client_or_address,
              timeout: float | None = None, chunksize: int = 32) -> Iterator[Result]:
    """``func`` over the portfolio's rows on a Dask cluster, each worker set up by ``batch.start_worker``:
    Results in portfolio order (``advise_rows`` for batch, ``plan.iter_results`` for plan), ``chunksize``
    rows per Dask task."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise AdvisorError("--dask needs the Dask extra", fix="pip install 'advisor[dask]'") from None
    own = not hasattr(client_or_address, "submit")
    if own:
        try:
            client = Client(client_or_address, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise AdvisorError(f"cannot reach the Dask scheduler at {client_or_address} ({_describe(exc)})",
                               fix="start one with `dask scheduler`, or check the address") from None
    else:
        client = client_or_address
    try:
        shipped = (RowRef(r.label, path=os.path.abspath(r.path)) if r.path is not None else r for r in rows)
        if config.store is not None:  # read once, here: the workers get the events and never open the file
            config.store.events()
        yield from imap(func, shipped, client, initializer=start_worker, initargs=(config, True), timeout=timeout,
                        chunksize=chunksize)
    finally:
        if own:
            client.close()

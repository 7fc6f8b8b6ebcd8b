"""Map a per-row function over rows in worker processes; yield results in input order.

    from advisor.portfolio.pool import imap

    for result in imap(advise_row, rows, jobs=4, initializer=setup, initargs=(cfg,), timeout=30):
        result.index, result.row, result.value, result.error   # error: one line, or None

What it is for: many independent rows (accounts), each cheap, any of which may
raise, hang, or crash the process it runs in (the durable-rules C engine can
segfault: ../shared/ENGINE-NOTES.md). ``concurrent.futures`` and
``multiprocessing.Pool`` give up on the whole pool when one worker dies, and
cannot stop a row stuck in C code, so this module keeps its own small set of
processes:

- each worker runs ``initializer(*initargs)`` once (load and compile packs once
  per process, ENGINE-NOTES 12), then ``func(row)`` for every row it is sent;
- rows travel in chunks and each chunk's results come back as one message, so
  pipe round trips and pickling are per chunk, not per row; at most ``window``
  rows are in flight or waiting to be yielded, so memory does not grow with the input;
- a worker writes the row it is on (index, start time) into a small block of
  shared memory, not a message: a row that runs longer than ``timeout`` seconds
  gets its worker killed; a worker that dies (signal, ``os.abort()``, segfault)
  fails only the row it was on. Either way the worker is replaced and its other
  rows (including those of the unfinished chunk it had already done, whose
  results died with it) are sent again, so the batch goes on;
- an exception raised by ``func`` fails that row with ``Type: message``.

``jobs=1`` runs everything in this process (no isolation, no time limit): the
simplest way to debug a per-row function, and what ``advisor batch --jobs 1`` does.

Start method (measured: benchmarks/results.md, "pool start methods"): ``fork``
when this process runs no other thread (Linux), else ``forkserver``, else
``spawn``. With fork the initializer runs once, here, before the workers are
forked, and they inherit its result — the packs already compiled and
registered — so a worker (and a replacement after a crash) starts in
milliseconds instead of loading packs again (a pool of two over the fixture
accounts: 1.4 s with fork from a loaded parent, 10–19 s with spawn or
forkserver on the loaded 2-core machine). Forking after the engine is loaded was
measured safe here: the engine keeps all its state in process memory and,
with the project's Host (``_run`` overridden, ENGINE-NOTES 5), runs no thread
whose lock a fork could copy while held; the forked workers' output equalled the
in-process output in every run. What is not safe is forking a process that runs
other threads (a Dask client's event loop, a caller's thread pool): a lock held
by one of them at the fork stays held forever in the child, and Python 3.12
warns about it. So with any other thread alive, the fork server is used: a clean
process that imports the advisor modules once (``set_forkserver_preload``) and
forks each worker from that state, each then running the initializer itself.
"""
from __future__ import annotations

import collections
import faulthandler
import gc
import multiprocessing
import multiprocessing.connection
import os
import queue
import signal
import sys
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from ..evaluation.deadline import over_limit_message, time_limit
from ..files.errors import AdvisorError

# modules every advisor worker needs; imported once in the fork server
PRELOAD = ["advisor.api", "advisor.portfolio.batch"]


@dataclass
class Result:
    index: int  # position in the input, from 0
    row: Any
    value: Any = None
    error: str | None = None  # one line when the row failed


def _context(method: str | None = None):
    methods = multiprocessing.get_all_start_methods()
    if method:  # benchmarks compare the start methods
        return multiprocessing.get_context(method)
    if sys.platform == "linux" and threading.active_count() == 1:  # see "Start method" above
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def _describe(exc: BaseException) -> str:
    if isinstance(exc, AdvisorError):
        return str(exc)
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


IDLE = -1.0  # slot[1] while the worker is between rows


def _worker(conn, slot, func, initializer, initargs) -> None:
    # Ctrl-C reaches the whole process group: the parent alone decides, and stops the workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # a crash is reported as the row's one-line error; a traceback dump inherited from the parent's
    # faulthandler (pytest turns it on) would only add noise to stderr
    faulthandler.disable()
    parent = os.getppid()
    _die_with_parent()
    try:
        if initializer is not None:
            initializer(*initargs)
    except BaseException as exc:  # noqa: BLE001 — reported, then this worker ends
        conn.send(("init-error", _describe(exc)))
        return
    # A thread only receives chunks, so the parent's send never blocks while this process is
    # busy sending results (two full pipes would deadlock). Rows run on the main thread only.
    inbox: queue.SimpleQueue = queue.SimpleQueue()

    def receive():
        try:
            while (chunk := conn.recv()) is not None:
                inbox.put(chunk)
        except (EOFError, OSError):
            pass
        inbox.put(None)

    threading.Thread(target=receive, daemon=True).start()
    conn.send(("ready",))
    clock = time.monotonic
    while True:
        try:
            chunk = inbox.get(timeout=1.0)
        except queue.Empty:
            # a killed parent cannot stop its workers, and with fork another worker may hold a copy of
            # this one's pipe (so no end-of-file comes): leave when the parent is gone
            if os.getppid() != parent:
                return
            continue
        if chunk is None:
            return
        answers = []
        for index, row in chunk:
            # the start time first, then the row: the parent reads the row first, so it never pairs
            # a new row with the previous row's (older) start and kills a row that just began
            slot[0] = clock()
            slot[1] = index
            try:
                answers.append((index, True, func(row)))
            except BaseException as exc:  # noqa: BLE001 — one row's failure, whatever it is
                answers.append((index, False, _describe(exc)))
        slot[1] = IDLE
        conn.send(answers)


def _die_with_parent() -> None:
    """Linux: be killed when the parent process ends, even in the middle of a row (a stuck row never
    returns to check on the parent, and a worker of a Dask worker must not outlive it)."""
    if sys.platform != "linux":
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class _Worker:
    def __init__(self, ctx, func, initializer, initargs):
        self.conn, child = ctx.Pipe(duplex=True)
        self.slot = ctx.RawArray("d", [0.0, IDLE])  # (start time, row index) of the row being advised
        if ctx.get_start_method() == "fork":
            # a forked child flushes the stdio buffers it inherits when it ends: empty them first, or
            # the part of the report still buffered here would be written twice
            for stream in (sys.stdout, sys.stderr):
                if stream is not None:
                    stream.flush()
        self.process = ctx.Process(target=_worker, args=(child, self.slot, func, initializer, initargs), daemon=True)
        config = multiprocessing.current_process()._config
        daemonic = config.get("daemon")
        if daemonic:
            # a Dask worker is a daemonic process, which multiprocessing forbids to start children (they
            # could outlive it). These cannot: each is killed when its parent ends (_die_with_parent),
            # and the pool stops them when it closes.
            config["daemon"] = False
        try:
            self.process.start()
        finally:
            if daemonic:
                config["daemon"] = daemonic
        child.close()
        self.queue: collections.deque = collections.deque()  # (index, row) sent, not yet answered
        self.ready = False

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(timeout=None if kill else 5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _death(process) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"the worker process crashed ({name}) on this row"
    return f"the worker process exited (code {code}) on this row"


def imap(func: Callable[[Any], Any], rows: Iterable[Any], jobs: int | None = None,
         initializer: Callable | None = None, initargs: tuple = (), timeout: float | None = None,
         chunksize: int = 8, window: int | None = None, method: str | None = None) -> Iterator[Result]:
    """``func`` over ``rows`` in ``jobs`` worker processes; one Result per row, in input order.

    ``func``, ``initializer`` and the rows must be picklable (module-level
    functions, plain data). A worker whose initializer fails raises AdvisorError
    here (with the initializer's message): nothing could be advised.
    """
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1:
        yield from _in_process(func, rows, initializer, initargs, timeout)
        return
    workers = Pool(func, jobs, initializer, initargs, timeout, chunksize, window, method)
    try:
        yield from workers.map(rows)
    finally:
        workers.close()


def _in_process(func, rows, initializer, initargs, timeout=None) -> Iterator[Result]:
    if initializer is not None:
        initializer(*initargs)
    for index, row in enumerate(rows):
        try:
            with time_limit(timeout):  # the same --timeout as in a worker process, by a timer here
                value = func(row)
            yield Result(index, row, value=value)
        except Exception as exc:  # noqa: BLE001 — one row's failure
            yield Result(index, row, error=_describe(exc))


class Pool:
    """``jobs`` worker processes kept for several ``map`` calls (``imap`` is one map, then close).

    A long-lived caller (a Dask worker advising chunk after chunk) keeps one Pool, so its
    workers load the packs once, not once per chunk. ``jobs=1`` here is one isolated worker
    process (time limit and crash isolation), unlike ``imap(jobs=1)``.
    """

    def __init__(self, func, jobs, initializer=None, initargs=(), timeout=None, chunksize=8, window=None,
                 method=None):
        self.ctx = _context(method)
        if self.ctx.get_start_method() == "fork" and initializer is not None:
            # once, here: the forked workers inherit what it built (see "Start method" above)
            try:
                initializer(*initargs)
            except Exception as exc:  # noqa: BLE001 — nothing could be advised
                raise AdvisorError(f"a worker process could not start: {_describe(exc)}") from None
            initializer, initargs = None, ()
        self.args = (func, initializer, initargs)
        self.jobs, self.timeout, self.chunksize = jobs, timeout, max(1, chunksize)
        self.window = window or jobs * self.chunksize * 4
        self.frozen = False
        self.workers: list[_Worker] = []

    def map(self, rows: Iterable[Any]) -> Iterator[Result]:
        """One Result per row, in input order. Abandoned before its end, it closes the pool."""
        self.rows = iter(enumerate(rows))
        self.retry: collections.deque = collections.deque()  # rows of a replaced worker, sent again first
        self.done: dict[int, Result] = {}
        self.next = 0  # the next index to yield
        self.taken = 0  # rows taken from the input so far
        self.exhausted = False
        finished = False
        try:
            if not self.workers:
                if self.ctx.get_start_method() == "fork" and not gc.get_freeze_count():
                    # the objects alive now (the compiled packs, the modules) are never collected in the
                    # workers: a collection there would write to their headers and copy every page they
                    # are on, which costs the worker CPU (page faults) and memory (unshared pages)
                    gc.collect()
                    gc.freeze()
                    self.frozen = True
                self.workers = [_Worker(self.ctx, *self.args) for _ in range(self.jobs)]
            while True:
                while self.next in self.done:
                    yield self.done.pop(self.next)
                    self.next += 1
                self._dispatch()
                # checked after the dispatch: that is where the input's end is found, and with nothing
                # left in flight a _wait would idle its full second (once per Dask chunk, issue 21)
                if self.exhausted and not self.retry and not any(w.queue for w in self.workers):
                    while self.next in self.done:
                        yield self.done.pop(self.next)
                        self.next += 1
                    finished = True
                    return
                self._wait()
        finally:
            if not finished:  # rows still with the workers: they cannot serve another map
                self.close()

    def close(self) -> None:
        for worker in self.workers:
            worker.stop(kill=True)
        self.workers = []
        if self.frozen:
            gc.unfreeze()
            self.frozen = False

    def _take(self, n: int) -> list:
        out = []
        while self.retry and len(out) < n:
            out.append(self.retry.popleft())
        while not self.exhausted and len(out) < n and self.taken < self.next + self.window:
            try:
                out.append(next(self.rows))
                self.taken += 1
            except StopIteration:
                self.exhausted = True
        return out

    def _dispatch(self) -> None:
        for worker in self.workers:
            # keep up to two chunks with each worker so it never waits for the next one
            if worker.ready and len(worker.queue) < self.chunksize:
                chunk = self._take(self.chunksize)
                if chunk:
                    worker.queue.extend(chunk)
                    try:
                        worker.conn.send(chunk)
                    except OSError:  # it died: _wait finds out and replaces it
                        pass

    def _running(self, worker: _Worker) -> tuple[int, float] | None:
        """(row index, start) of the row the worker is on, or None between rows."""
        index = int(worker.slot[1])  # the row first: see _worker
        return None if index < 0 else (index, worker.slot[0])

    def _wait(self) -> None:
        delay = 1.0
        if self.timeout:
            now = time.monotonic()
            for worker in self.workers:
                if (running := self._running(worker)) is not None:
                    delay = min(delay, max(0.0, running[1] + self.timeout - now))
        ready = multiprocessing.connection.wait([w.conn for w in self.workers], timeout=delay)
        for worker in list(self.workers):
            if worker.conn in ready:
                self._drain(worker)
        if self.timeout:
            now = time.monotonic()
            for worker in list(self.workers):
                running = self._running(worker)
                if running is not None and now - running[1] > self.timeout:
                    worker.stop(kill=True)
                    # stopped, the slot no longer moves: fail the row only if it is still the one
                    # that ran too long (it may have ended just before the kill)
                    late = self._running(worker) == running
                    self._replace(worker, over_limit_message(self.timeout), on=running[0] if late else None)

    def _drain(self, worker: _Worker) -> None:
        try:
            while worker.conn.poll():
                message = worker.conn.recv()
                if isinstance(message, list):  # one chunk's answers, in the order it was sent
                    for index, ok, value in message:
                        expected, row = worker.queue.popleft()
                        assert index == expected, (index, expected)
                        self.done[index] = (Result(index, row, value=value) if ok
                                            else Result(index, row, error=value))
                elif message[0] == "ready":
                    worker.ready = True
                elif message[0] == "init-error":
                    raise AdvisorError(f"a worker process could not start: {message[1]}")
        except (EOFError, OSError):
            worker.process.join(timeout=5)
            if not worker.ready:
                raise AdvisorError(f"a worker process died while starting ({_death(worker.process)})") from None
            running = self._running(worker)
            # a death between rows (not a row's fault) still fails the first row waiting, so a worker that
            # keeps dying cannot make the batch go round forever
            self._replace(worker, _death(worker.process),
                          on=running[0] if running else (worker.queue[0][0] if worker.queue else None))

    def _replace(self, worker: _Worker, why: str, on: int | None) -> None:
        """Fail row ``on`` (the one the worker was on), send its other rows again, start a new worker."""
        worker.stop(kill=True)
        again = []
        for index, row in worker.queue:
            if index == on:
                self.done[index] = Result(index, row, error=why)
            else:
                again.append((index, row))
        self.retry.extendleft(reversed(again))
        self.workers[self.workers.index(worker)] = _Worker(self.ctx, *self.args)

"""``advisor batch`` as a whole: advise the rows here, in worker processes or on a Dask cluster,
and stream the report as they arrive.

Its own module so that the batch machinery (``batch``) and the Dask driver (``dask_run``, which
uses that machinery) do not import each other: this module sits above both.
"""
from __future__ import annotations

from typing import Callable, Iterable, TextIO

from .batch import BatchConfig, RowOut, RowRef, advise_row, advise_rows, write_report


def run_report(rows: Iterable[RowRef], name: str, config: BatchConfig, out: TextIO, err: TextIO,
               jobs: int | None = None, timeout: float | None = 30.0, dask: object = None,
               row_func: Callable[[RowRef], RowOut] = advise_row) -> int:
    """``advisor batch``: advise, write the report to ``out`` as rows arrive, list failed rows on ``err``.

    Returns the exit code: 1 when some rows failed, else 0. ``dask`` is a
    scheduler address or a Client (then ``jobs`` does not apply; ``timeout`` does, per row);
    ``row_func`` replaces ``advise_row`` in the workers (tests inject crashes with it).
    """
    from . import progress as progress_mod

    if dask is not None:
        from . import dask_run  # dask only when asked for

        results = dask_run.advise_rows(rows, config, dask, timeout=timeout)
    else:
        results = advise_rows(rows, config, jobs=jobs, timeout=timeout, row_func=row_func)
    bar = progress_mod.for_stream(err, len(rows)) if hasattr(rows, "__len__") else None
    warnings: list[str] = []  # the rows' loading warnings (a value cut at a '#'), listed on err after the bar

    def on_row(row: RowOut) -> None:
        warnings.extend(row.warnings)
        if bar:
            bar.advance()
    try:
        summary = write_report(name, results, config.fmt, out, on_row=on_row)
    finally:
        if bar:
            bar.close()
    for message in warnings:
        err.write(message + "\n")
    for _, message in summary.errors:
        err.write(message + "\n")
    return 1 if summary.errors else 0

"""Batch advice over portfolios: one bad row never stops the batch."""
from __future__ import annotations

from advisor.batch import portfolio_rows, run_batch

from .conftest import AS_OF, FIXTURES


def test_portfolio_with_bad_rows_reports_them_and_advises_the_rest(advisor):
    name, rows = portfolio_rows(FIXTURES / "portfolios" / "with-bad-rows.yaml")
    assert name == "Portfolio with bad rows"
    done = []
    results = list(run_batch(advisor, rows, AS_OF, progress=lambda: done.append(1)))
    assert len(results) == len(done) == 4
    ok = [r for r in results if r.advice]
    bad = [r for r in results if r.error]
    assert [r.advice.account for r in ok] == ["华信电脑城", "Inline Good Co."]
    assert bad[0].error.endswith("does-not-exist.yaml: file not found — check the path (run from the project folder or give an absolute path)")
    assert "with-bad-rows.yaml:7:12: stage: unknown stage 'propse' — did you mean 'propose'?" in bad[1].error


def test_folder_portfolio(advisor):
    name, rows = portfolio_rows(FIXTURES / "accounts")
    results = list(run_batch(advisor, rows, AS_OF))
    assert name == "accounts"
    assert all(r.advice and r.advice.actions for r in results), [r.error for r in results if r.error]

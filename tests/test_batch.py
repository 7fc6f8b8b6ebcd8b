"""Batch advice over portfolios: one bad row never stops the batch."""
from __future__ import annotations

from advisor.portfolio.batch import portfolio_rows, run_batch

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


def test_batch_command_reports_bad_rows_and_exits_1():
    from click.testing import CliRunner

    from advisor.cli import cli

    result = CliRunner().invoke(cli, ["batch", str(FIXTURES / "portfolios" / "with-bad-rows.yaml"),
                                      "--as-of", "2026-11-23", "--top", "1", "--format", "json"])
    assert result.exit_code == 1
    import json

    data = json.loads(result.stdout)
    assert data["summary"] == {"advised": 2, "failed": 2}
    assert [a["account"] for a in data["accounts"]] == ["华信电脑城", "Inline Good Co."]
    assert all(len(a["actions"]) == 1 for a in data["accounts"])
    assert data["errors"][1]["error"].endswith("unknown stage 'propse' — did you mean 'propose'?")


def test_batch_command_text_on_a_clean_portfolio():
    from click.testing import CliRunner

    from advisor.cli import cli

    result = CliRunner().invoke(cli, ["batch", str(FIXTURES / "portfolios" / "seed-cases.yaml"),
                                      "--as-of", "2026-11-23", "--top", "2", "--lang", "zh", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Seed cases and generic accounts"
    assert result.stdout.count("\n== ") == 6
    assert result.stdout.rstrip().endswith("advised: 6, failed: 0")


def test_an_entry_that_is_neither_path_nor_account_is_one_bad_row(advisor, tmp_path):
    portfolio = tmp_path / "p.yaml"
    portfolio.write_text("accounts:\n  - 42\n  - {name: Fine Co.}\n", encoding="utf-8")
    _, rows = portfolio_rows(portfolio)
    results = list(run_batch(advisor, rows, AS_OF))
    assert results[0].error == f"{portfolio}:2:5: an account entry must be a path or a mapping — write a file path or an inline account"
    assert results[1].advice.account == "Fine Co."

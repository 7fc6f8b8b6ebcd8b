"""Streaming batch: same bytes with any number of jobs, rows read and written one at a time,
crashes / bombs / hangs fail their row only (issue 13), exit code 1 with the failed rows listed."""
from __future__ import annotations

import ctypes
import io
import json

import pytest
from click.testing import CliRunner

from advisor.cli import cli
from advisor.output import render
from advisor.portfolio import progress
from advisor.portfolio.batch import (BatchConfig, RowRef, advise_row, advise_rows, portfolio_rows, run_batch,
                                     write_report)
from advisor.portfolio.runner import run_report

from .conftest import AS_OF, FIXTURES, RULES

SEED = FIXTURES / "portfolios" / "seed-cases.yaml"
BAD = FIXTURES / "portfolios" / "with-bad-rows.yaml"


def crash_on_marked_rows(ref: RowRef):
    """advise_row, except that a row whose file ends in -segfault.yaml crashes its process like the C engine does."""
    if ref.label.endswith("-segfault.yaml"):
        ctypes.string_at(0)
    return advise_row(ref)


def batch(args):
    result = CliRunner().invoke(cli, ["batch", *map(str, args), "--as-of", "2026-11-23"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.mark.parametrize("portfolio, code, fmt", [
    (SEED, 0, ["--format", "text"]), (SEED, 0, ["--format", "markdown", "--lang", "zh"]),
    (BAD, 1, ["--format", "json"]), (BAD, 1, ["--format", "json", "--jsonl", "--top", "0"])])
def test_two_jobs_write_the_same_bytes_as_one(portfolio, code, fmt):
    one = batch([portfolio, "--jobs", "1", *fmt])
    two = batch([portfolio, "--jobs", "2", *fmt])
    assert (one.exit_code, two.exit_code) == (code, code)
    assert one.stdout == two.stdout and one.stdout.count("\n") >= 5
    assert one.stderr == two.stderr


def test_the_json_document_written_row_by_row_is_the_whole_document_dumped_at_once(advisor):
    name, rows = portfolio_rows(BAD)
    # in this process: the claim is the streamed writer; two jobs give the same bytes (the test above)
    out = batch([BAD, "--format", "json", "--top", "2", "--jobs", "1"]).stdout
    advised = [r for r in run_batch(advisor, rows, AS_OF)]
    whole = {
        "portfolio": name,
        "accounts": [render.as_dict(r.advice, "en", 2) | {"file": r.label} for r in advised if r.advice],
        "errors": [{"file": r.label, "error": r.error} for r in advised if r.error],
        "summary": {"advised": 2, "failed": 2},
    }
    assert out == render.dump_json(whole)


def test_jsonl_has_one_record_per_row_in_order_then_the_summary():
    result = batch([BAD, "--format", "json", "--jsonl", "--top", "1", "--jobs", "1"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("account") for r in records] == ["华信电脑城", None, None, "Inline Good Co.", None]
    assert records[0]["file"].endswith("tcl-too-expensive.yaml") and len(records[0]["actions"]) == 1
    assert records[1]["error"].endswith("does-not-exist.yaml: file not found — check the path (run from the "
                                        "project folder or give an absolute path)")
    assert records[2]["error"] == f"{BAD}:7:12: stage: unknown stage 'propse' — did you mean 'propose'?"
    assert records[1]["file"].endswith("does-not-exist.yaml")
    assert records[2]["file"] == f"{BAD}:6"
    assert records[4] == {"portfolio": "Portfolio with bad rows", "summary": {"advised": 2, "failed": 2}}


def test_failed_rows_are_listed_on_stderr_one_line_each_and_exit_1():
    result = batch([BAD, "--jobs", "2"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{FIXTURES / 'accounts' / 'does-not-exist.yaml'}: file not found — check the path (run from the project "
        "folder or give an absolute path)",
        f"{BAD}:7:12: stage: unknown stage 'propse' — did you mean 'propose'?",
    ]
    assert "\n" not in result.stderr.replace("\n", "", 1).rstrip("\n")


def test_rows_are_read_advised_and_written_one_at_a_time():
    """The report has row 1 in it before row 2 is even read: nothing waits for the whole book."""
    out = io.StringIO()
    config = BatchConfig(rules_dir=str(RULES), as_of=AS_OF, top_n=1)

    def rows():
        yield RowRef("first", text="name: First Co.\nstage: open\n")
        assert "== First Co. (first)" in out.getvalue()
        yield RowRef("second", text="name: Second Co.\n")
        assert "== Second Co. (second)" in out.getvalue()

    summary = write_report("book", advise_rows(rows(), config, jobs=1), "text", out)
    assert summary.advised == 2 and out.getvalue().endswith("advised: 2, failed: 0\n")


def test_a_folder_is_read_as_sorted_names_only(tmp_path):
    for name in ["b.yaml", "a.yml", "notes.txt", "c.yaml"]:
        (tmp_path / name).write_text("name: X\n", encoding="utf-8")
    name, rows = portfolio_rows(tmp_path)
    assert len(rows) == 3
    assert [r.label for r in rows] == [str(tmp_path / n) for n in ["a.yml", "b.yaml", "c.yaml"]]
    assert [r.label for r in rows] == [str(tmp_path / n) for n in ["a.yml", "b.yaml", "c.yaml"]]  # iterable again


def test_inline_accounts_keep_their_lines_and_columns_in_a_flow_style_portfolio(advisor, tmp_path):
    portfolio = tmp_path / "p.yaml"
    portfolio.write_text("# a book\nname: Flow\naccounts: [{name: A Co., stage: open},\n"
                         "           {name: B Co., stage: propse}, 7]\n", encoding="utf-8")
    name, rows = portfolio_rows(portfolio)
    results = list(run_batch(advisor, rows, AS_OF))
    assert name == "Flow" and len(rows) == 3
    assert results[0].advice.account == "A Co."
    assert results[1].error == f"{portfolio}:4:33: stage: unknown stage 'propse' — did you mean 'propose'?"
    assert results[2].error == (f"{portfolio}:4:42: an account entry must be a path or a mapping — "
                                "write a file path or an inline account")


@pytest.mark.parametrize("text, message", [
    ("- a.yaml\n", "p.yaml:1:1: a portfolio must be a mapping with an 'accounts:' list"),
    ("name: X\n", "p.yaml:1:1: a portfolio must be a mapping with an 'accounts:' list"),
    ("accounts: a.yaml\n", "p.yaml:1:11: a portfolio must be a mapping with an 'accounts:' list"),
    ("name: X\nowner: me\naccounts: []\n", "p.yaml:2:1: unknown field 'owner' — allowed: name, description, accounts"),
    ("accounts: [a.yaml\n", "p.yaml:2:1: invalid YAML:"),
])
def test_a_broken_portfolio_file_is_one_error_before_any_row(tmp_path, text, message):
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    result = batch([tmp_path / "p.yaml"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"Error: {tmp_path}/{message}"), result.stderr


def test_progress_line_only_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert progress.for_stream(io.StringIO(), 10) is None
    stream = Tty()
    bar = progress.for_stream(stream, 10)
    for _ in range(10):
        bar.advance()
    shown = stream.getvalue().split("\r")[-1]
    assert shown.startswith("advising 10/10") and "/s ETA 00:00" in shown and "\n" not in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\r")


# nine levels of aliases: 9**9 strings once expanded ("billion laughs")
ALIAS_BOMB = "name: Laughs\na: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{b}: &{b} [{','.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi"))


def test_a_segfault_a_recursion_bomb_and_an_alias_bomb_fail_their_rows_only(tmp_path):
    """Issue 12's regression: every other row is advised, each failure is one located line, exit 1."""
    (tmp_path / "01-good.yaml").write_text("name: Good One\nstage: open\n", encoding="utf-8")
    (tmp_path / "02-segfault.yaml").write_text("name: Crashes The Engine\n", encoding="utf-8")
    (tmp_path / "03-deep.yaml").write_text("name: Deep\nfacts: " + "[" * 250 + "]" * 250 + "\n", encoding="utf-8")
    (tmp_path / "04-laughs.yaml").write_text(ALIAS_BOMB, encoding="utf-8")
    (tmp_path / "05-good.yaml").write_text("name: Good Two\ncontacts: [{name: Ms Wu, roles: [decider]}]\n",
                                           encoding="utf-8")
    name, rows = portfolio_rows(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    config = BatchConfig(rules_dir=str(RULES), as_of=AS_OF, fmt="json", top_n=1)
    code = run_report(rows, name, config, out, err, jobs=2, timeout=6, row_func=crash_on_marked_rows)
    assert code == 1
    report = json.loads(out.getvalue())
    assert report["summary"] == {"advised": 2, "failed": 3}, report["errors"]
    assert [a["account"] for a in report["accounts"]] == ["Good One", "Good Two"]
    assert report["summary"] == {"advised": 2, "failed": 3}
    files = [e["file"] for e in report["errors"]]
    assert files == [str(tmp_path / f) for f in ["02-segfault.yaml", "03-deep.yaml", "04-laughs.yaml"]]
    lines = err.getvalue().splitlines()
    assert lines == [e["error"] for e in report["errors"]]
    assert lines[0] == f"{tmp_path / '02-segfault.yaml'}: the worker process crashed (SIGSEGV) on this row"
    for line, file in zip(lines[1:], files[1:]):
        assert line.startswith(file + ":"), line  # located: which file (and where, when the parser knows)


def test_output_file_is_written_as_rows_come_and_replaced_only_with_force(tmp_path):
    target = tmp_path / "report.jsonl"
    printed = batch([SEED, "--format", "json", "--jsonl", "--jobs", "1"]).stdout
    assert batch([SEED, "--format", "json", "--jsonl", "--jobs", "1", "-o", target]).exit_code == 0
    assert target.read_text(encoding="utf-8") == printed
    again = batch([SEED, "--jobs", "1", "-o", target])
    assert again.exit_code == 2 and "already exists; nothing was written" in again.stderr
    assert target.read_text(encoding="utf-8") == printed
    assert batch([SEED, "--jobs", "1", "-o", target, "--force"]).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("Seed cases and generic accounts\n")
    assert [p.name for p in tmp_path.iterdir()] == ["report.jsonl"]  # no temporary file left

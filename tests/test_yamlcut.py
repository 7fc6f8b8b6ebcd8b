"""Account loading warnings (issue 23, session 5): an unquoted value cut at a glued '#' ("my #1, I need the county
exclusive" read as "my") is reported on stderr with its file, line and fix; the file still loads, stdout's formats
stay the advice alone, and a deliberate '# ' comment says nothing."""
import json

from click.testing import CliRunner

from advisor.accounts.account import load_account
from advisor.cli import cli
from advisor.files.yamlcut import cut_values

CUT = """name: Summit Outdoor
stage: open   # a deliberate comment, as advisor init writes them
contacts:
  - {name: Bill Carver, roles: [decider], met: true}
objections:
  - contact: Bill Carver
    text: If you want me to push your line as my #1, I need the county exclusive.
    date: 2026-11-20
"""
ZH_CUT = """name: 鑫达体育用品
stage: open
contacts:
  - {name: 王总, roles: [decider], met: true}
notes: 王总说要把我们做成店里的 #1 品牌,前提是全市独家
"""


def test_a_glued_hash_after_a_plain_value_is_reported_where_it_is():
    cuts = cut_values(CUT)
    assert [(c.line, c.kept, c.dropped[:2]) for c in cuts] == [(7, "If you want me to push your line as my", "#1")]
    assert [(c.line, c.dropped) for c in cut_values(ZH_CUT)] == [(5, "#1 品牌,前提是全市独家")]


def test_quoted_values_and_deliberate_comments_say_nothing():
    assert cut_values('text: "push your line as my #1, I need it"\nstage: open  # was prepare\n') == []
    assert cut_values("a: b #1\n  c: [") == []  # text YAML cannot read: the loader's error, not a warning


def test_the_file_still_loads_and_names_its_line_and_fix(tmp_path):
    f = tmp_path / "summit.yaml"
    f.write_text(CUT, encoding="utf-8")
    acc = load_account(f)
    assert acc.objections[0].text == "If you want me to push your line as my"  # YAML's reading is kept, not guessed
    [warning] = acc.warnings
    assert warning.startswith(f"{f}:7:11: warning: ")
    assert "quote the value" in warning and "#1, I need the county" in warning


def test_advise_and_explain_warn_on_stderr_and_keep_stdout_clean(tmp_path):
    f = tmp_path / "summit.yaml"
    f.write_text(CUT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["advise", str(f), "--as-of", "2026-12-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "summit.yaml:7:11: warning:" in result.stderr
    assert json.loads(result.stdout)["account"] == "Summit Outdoor"  # stdout is the JSON alone
    explained = CliRunner().invoke(cli, ["explain", str(f), "--as-of", "2026-12-01"])
    assert "summit.yaml:7:11: warning:" in explained.stderr and "warning:" not in explained.stdout


def test_batch_and_plan_list_each_rows_warning_on_stderr(tmp_path):
    (tmp_path / "summit.yaml").write_text(CUT, encoding="utf-8")
    (tmp_path / "xinda.yaml").write_text(ZH_CUT, encoding="utf-8")
    (tmp_path / "clean.yaml").write_text(CUT.replace(" #1", " number one"), encoding="utf-8")
    for command in (["batch"], ["plan"]):
        result = CliRunner().invoke(cli, [*command, str(tmp_path), "--as-of", "2026-12-01", "--format", "json"])
        assert result.exit_code == 0, result.output
        warned = [line for line in result.stderr.splitlines() if ": warning: " in line]
        assert [w.split(":", 2)[:2] for w in warned] == [[str(tmp_path / "summit.yaml"), "7"],
                                                         [str(tmp_path / "xinda.yaml"), "5"]], command
        json.loads(result.stdout)
        assert "warning" not in result.stdout


def test_an_account_built_in_code_has_no_warnings():
    from advisor.accounts.account import Account

    assert Account(name="X").warnings == []

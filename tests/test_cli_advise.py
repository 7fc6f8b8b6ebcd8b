"""`advisor advise` and `advisor explain` end to end through click, with exact output."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from advisor.cli import cli

from .conftest import FIXTURES, RULES
from .packkit import rule, write_pack

ACCOUNT = """\
name: 小店
stage: open
contacts:
  - {name: 王总, roles: [decider], met: false}
  - {name: 小李, roles: [user], met: true}
"""


@pytest.fixture()
def small(tmp_path):
    """A tiny pack and account, so exact-output tests do not move when the core pack grows."""
    rules = tmp_path / "rules"
    write_pack(rules, "mini", "rules:\n"
               + rule("mini.meet", "all:\n  - {fact: contact.roles, op: contains, value: decider}\n"
                      "  - {fact: contact.met, op: eq, value: false}", subject="contact", priority=80,
                      then="      recommend:\n        who: subject\n        due_days: 7\n"
                           "        what: {en: 'Meet {contact.name}', zh: '拜见{contact.name}'}\n"
                           "        why: {en: The decider has not been met, zh: 尚未见过决策人}\n")
               + rule("mini.stage", "all:\n  - {fact: account.stage, op: eq, value: close}", priority=40))
    account = tmp_path / "shop.yaml"
    account.write_text(ACCOUNT, encoding="utf-8")
    return rules, account


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result


def test_advise_text_exact(small):
    rules, account = small
    result = run("advise", account, "--rules", rules, "--pack", "mini", "--as-of", "2026-11-23", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.output == textwrap.dedent("""\
        Next best actions for 小店 — as of 2026-11-23 — packs: mini 0.0.1

        1. Meet 王总
           who: 王总 (decider)
           by: 2026-11-30 (in 7 days)
           why: The decider has not been met
           rule: mini.meet · derived (not in the seeds)
        """)


def test_advise_text_zh_exact(small):
    rules, account = small
    result = run("advise", account, "--rules", rules, "--pack", "mini", "--as-of", "2026-11-23", "--lang", "zh")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "下一步最佳行动 小店 — 截至 2026-11-23 — 规则包: mini 0.0.1"
    assert "1. 拜见王总" in result.output and "对象: 王总 (决策人)" in result.output and "(7天内)" in result.output


def test_advise_json_schema(small):
    rules, account = small
    result = run("advise", account, "--rules", rules, "--pack", "mini", "--as-of", "2026-11-23", "--format", "json")
    data = json.loads(result.output)
    assert list(data) == ["version", "account", "industry", "as_of", "lang", "packs", "actions", "total_actions",
                          "suppressed", "superseded"]
    assert data["packs"] == [{"name": "mini", "version": "0.0.1"}]
    action = data["actions"][0]
    assert {"rank", "rule", "who", "what", "by", "why", "source", "score", "tags"} <= set(action)
    assert action["rule"] == "mini.meet" and action["by"] == "2026-11-30" and action["who"]["contact"] == "王总"


def test_markdown_and_top(small):
    rules, account = small
    result = run("advise", account, "--rules", rules, "--pack", "mini", "--as-of", "2026-11-23", "--format", "markdown",
                 "--lang", "en")
    lines = result.output.splitlines()
    assert lines[2] == "| # | who | what | by | why | rule |"
    assert lines[4].startswith("| 1 | 王总 (decider) | Meet 王总 | 2026-11-30 (in 7 days) |")


def test_explain_rule_shows_actual_values_for_fired_and_silent(small):
    rules, account = small
    fired = run("explain", account, "--rules", rules, "--pack", "mini", "--as-of", "2026-11-23", "--rule", "mini.meet",
                "--lang", "en")
    assert fired.exit_code == 0
    assert "mini.meet  FIRED" in fired.output
    assert '✓ contact.roles contains "decider"    actual: ["decider"]' in fired.output
    assert '✗ contact.met eq false    actual: true' in fired.output  # 小李's binding
    silent = run("explain", account, "--rules", rules, "--pack", "mini", "--as-of", "2026-11-23", "--rule", "mini.stage",
                 "--lang", "en")
    assert "mini.stage  SILENT" in silent.output
    assert '✗ account.stage eq "close"    actual: "open"' in silent.output


def test_explain_text_speaks_the_chosen_language(small):
    """Under --lang zh the words around the trace are Chinese; fact ids and operators stay as written."""
    rules, account = small
    zh = run("explain", account, "--rules", rules, "--pack", "mini", "--as-of", "2026-11-23", "--lang", "zh")
    assert zh.exit_code == 0
    assert " — 截至 2026-11-23 — 规则包: mini 0.0.1" in zh.output.splitlines()[0]
    assert "mini.meet  已触发" in zh.output and "mini.stage  未触发" in zh.output
    assert '✗ account.stage eq "close"    实际: "open"' in zh.output
    assert "actual:" not in zh.output and "FIRED" not in zh.output


def test_explain_json_trace(small):
    rules, account = small
    result = run("explain", account, "--rules", rules, "--pack", "mini", "--as-of", "2026-11-23", "--format", "json")
    trace = {t["rule"]: t for t in json.loads(result.output)["trace"]}
    assert trace["mini.meet"]["status"] == "fired"
    assert trace["mini.stage"]["status"] == "silent"
    leaf = trace["mini.stage"]["conditions"]["all"][0]
    assert leaf == {"fact": "account.stage", "operator": "eq", "value": "close", "factResult": "open", "result": False}


def test_unknown_rule_in_explain_is_a_user_error(small):
    rules, account = small
    result = run("explain", account, "--rules", rules, "--pack", "mini", "--as-of", "2026-11-23", "--rule", "mini.meat")
    assert result.exit_code == 2
    assert "no rule 'mini.meat'" in result.output and "did you mean 'mini.meet'?" in result.output


@pytest.mark.parametrize("path", sorted((FIXTURES / "accounts").glob("*.yaml")), ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_fixture_gets_ranked_cited_advice(path, lang):
    result = run("advise", path, "--as-of", "2026-11-23", "--lang", lang, "--format", "json", "--top", "0")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["actions"], "no advice"
    assert [a["rank"] for a in data["actions"]] == list(range(1, len(data["actions"]) + 1))
    for a in data["actions"]:
        assert a["source"] or a["basis"] == "derived"
        assert a["what"] and a["why"]
        if lang == "zh":
            assert any("\u4e00" <= ch <= "\u9fff" for ch in a["what"]), a["what"]


def test_output_is_byte_identical_across_processes():
    path = FIXTURES / "accounts" / "jingfeng-dealer.yaml"
    outs = set()
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-m", "advisor.cli", "advise", str(path), "--as-of", "2026-11-23",
                               "--format", "json", "--top", "0"], capture_output=True, check=True)
        outs.add(proc.stdout)
    assert len(outs) == 1


def test_a_fault_of_the_advisors_own_is_one_line_with_exit_code_70_never_a_traceback(monkeypatch, tmp_path):
    """A program error (not bad input) names the exception, where in our code and the command, exits 70 and writes
    nothing; ADVISOR_DEBUG=1 lets the traceback through for the developer."""
    from advisor import api

    def broken(self, *args, **kwargs):
        raise KeyError("closes")

    monkeypatch.setattr(api.Advisor, "advise", broken)
    account = str(FIXTURES / "accounts" / "jingfeng-dealer.yaml")
    out = tmp_path / "advice.md"
    result = CliRunner().invoke(cli, ["advise", account, "--output", str(out)], prog_name="advisor")
    assert result.exit_code == 70, result.output
    line = result.stderr.strip() if hasattr(result, "stderr") and result.stderr else result.output.strip()
    assert len(line.splitlines()) == 1 and "Traceback" not in result.output
    assert line.startswith("Error: internal error at advisor/") and "KeyError: 'closes'" in line
    assert f"while running 'advisor advise {account} --output {out}'" in line and "ADVISOR_DEBUG=1" in line
    assert not out.exists()
    monkeypatch.setenv("ADVISOR_DEBUG", "1")
    result = CliRunner().invoke(cli, ["advise", account])
    assert isinstance(result.exception, KeyError)

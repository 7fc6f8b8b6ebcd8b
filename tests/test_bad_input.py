"""Bad input: one line on stderr naming file, line (and column), what is wrong and the fix; exit 2."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from advisor.cli import cli

from .packkit import rule, write_pack

GOOD = "name: 小店\nstage: open\ncontacts:\n  - {name: 王总, roles: [decider]}\n"

CASES = {
    "malformed-yaml": ("name: [小店\n", r":2:1: invalid YAML: .*check indentation"),
    "unknown-field": ("name: 小店\nstgae: open\n", r":2:1: unknown field 'stgae' — did you mean 'stage'\?"),
    "unknown-role": ("name: 小店\ncontacts:\n  - {name: 王总, roles: [decidr]}\n",
                     r":3:24: contacts\[0\]\.roles\[0\]: unknown buying role 'decidr' — did you mean 'decider'\?"),
    "negative-amount": ("name: 小店\nsales:\n  last_12m: -100\n",
                        r":3:13: sales\.last_12m: Input should be greater than or equal to 0 — use a number ≥ 0"),
    "bad-date": ("name: 小店\nsales:\n  last_order: 2026/03/01\n",
                 r":3:15: sales\.last_order: .* — write dates as YYYY-MM-DD"),
    "unknown-contact": ("name: 小店\ncontacts:\n  - {name: 王总}\nvisits:\n  - {date: 2026-11-01, contact: 王宗}\n",
                        r":5:33: '王宗' is not a contact of this account — did you mean '王总'\?"),
    "not-a-mapping": ("- 小店\n", r":1:1: an account file must be a YAML mapping"),
    "duplicate-key": ("name: a\nname: b\n", r":2:1: invalid YAML: duplicate key"),
}


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_account_is_one_located_line(tmp_path, name):
    text, pattern = CASES[name]
    path = tmp_path / "account.yaml"
    path.write_text(text, encoding="utf-8")
    result = invoke("advise", path, "--as-of", "2026-11-23")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"Error: {path}:")
    assert re.search(pattern, lines[0]), lines[0]
    assert "Traceback" not in result.output
    assert path.read_text(encoding="utf-8") == text  # nothing the user had is touched


def test_missing_file(tmp_path):
    result = invoke("advise", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: {tmp_path / 'nope.yaml'}: file not found — check the path (run from the project folder or give an absolute path)"


def test_bad_as_of_date(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(GOOD, encoding="utf-8")
    result = invoke("advise", path, "--as-of", "23/11/2026")
    assert result.exit_code == 2
    assert "'23/11/2026' is not a date; write YYYY-MM-DD" in result.output


def test_unknown_pack_has_a_hint(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(GOOD, encoding="utf-8")
    result = invoke("advise", path, "--pack", "cor")
    assert result.exit_code == 2
    assert result.output.strip().startswith("Error: unknown pack 'cor' — did you mean 'core'?")


BROKEN_PACKS = {
    "unknown-fact": ("all:\n  - {fact: contact.mett, op: eq, value: true}", "contact",
                     r"main\.yaml:\d+:\d+: rule broken\.r: unknown fact 'contact\.mett' — did you mean 'contact\.met'\?"),
    "operator-type": ("all:\n  - {fact: contact.roles, op: gt, value: 3}", "contact",
                      r"operator 'gt' does not fit list fact 'contact\.roles' — use one of: contains"),
    "unknown-kind": ("all:\n  - {fact: contcat.met, op: eq, value: true}", "contact",
                     r"unknown fact kind 'contcat' in 'contcat\.met' — did you mean 'contact'\?"),
    "join-in-any": ("any:\n  - {fact: contact.met, op: eq, value: true}\n  - {fact: account.stage, op: eq, value: open}",
                    "contact", r"tests several fact kinds \['account', 'contact'\]; that would need a join"),
    "unknown-param": ("all:\n  - {fact: account.contact_count, op: gt, value: {param: nope}}", "account",
                      r"unknown parameter 'nope'"),
}


@pytest.mark.parametrize("name", sorted(BROKEN_PACKS))
def test_broken_pack_is_one_located_line(tmp_path, name):
    when, subject, pattern = BROKEN_PACKS[name]
    rules = tmp_path / "rules"
    write_pack(rules, "broken", "rules:\n" + rule("broken.r", when, subject=subject))
    path = tmp_path / "a.yaml"
    path.write_text(GOOD, encoding="utf-8")
    result = invoke("advise", path, "--rules", rules, "--pack", "broken")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {rules / 'broken' / 'main.yaml'}:"), result.output
    assert re.search(pattern, lines[0]), lines[0]


def test_pack_missing_zh_text(tmp_path):
    rules = tmp_path / "rules"
    then = ("      recommend:\n        who: subject\n        what: {en: do it}\n        why: {en: x, zh: y}\n")
    write_pack(rules, "broken", "rules:\n" + rule("broken.r", "all:\n  - {fact: account.contact_count, op: gt, value: 0}", then=then))
    path = tmp_path / "a.yaml"
    path.write_text(GOOD, encoding="utf-8")
    result = invoke("advise", path, "--rules", rules, "--pack", "broken")
    assert result.exit_code == 2
    assert re.search(r"main\.yaml:\d+:\d+: missing required field 'rules\[0\]\.then\.recommend\.what\.zh' — add 'zh:'", result.output)


def test_pack_rule_without_source_or_basis(tmp_path):
    rules = tmp_path / "rules"
    text = "rules:\n" + rule("broken.r", "all:\n  - {fact: account.contact_count, op: gt, value: 0}").replace("    basis: derived\n", "")
    write_pack(rules, "broken", text)
    path = tmp_path / "a.yaml"
    path.write_text(GOOD, encoding="utf-8")
    result = invoke("advise", path, "--rules", rules, "--pack", "broken")
    assert result.exit_code == 2
    assert "a rule needs 'source: <seed file> · <section>' or 'basis: derived'" in result.output

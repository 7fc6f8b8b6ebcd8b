"""The pack author's toolkit through click: pack list/show/test/lint/docs/new, diff, whatif, docs-cli."""
from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from advisor.cli import cli

from .conftest import FIXTURES, RULES
from .packkit import rule, write_pack

TCL = FIXTURES / "accounts" / "tcl-too-expensive.yaml"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def all_commands():
    out = []

    def walk(cmd, path):
        out.append(path)
        if isinstance(cmd, click.Group):
            for name, sub in sorted(cmd.commands.items()):
                walk(sub, path + [name])

    walk(cli, [])
    return out


@pytest.mark.parametrize("path", all_commands(), ids=lambda p: " ".join(p) or "advisor")
def test_every_help_has_summary_and_example(path):
    result = run(*path, "--help")
    assert result.exit_code == 0
    assert "Example: advisor " in result.output


# --------------------------------------------------------------- helpers ---
@pytest.fixture()
def core_copy(tmp_path, monkeypatch):
    """rules/core copied into tmp_path/rules/core; the working folder is tmp_path, so paths print as rules/..."""
    shutil.copytree(RULES / "core", tmp_path / "rules" / "core")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "rules" / "core"


def plant(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` by ``new`` in a file; return the 1-based line where it starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    at = text.index(old)
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return text.count("\n", 0, at) + 1


def lint_lines(*paths):
    result = run("pack", "lint", *paths)
    return result, result.output.splitlines()


def finding(lines, prefix, check):
    hits = [l for l in lines if l.startswith(prefix) and l.endswith(f"[{check}]")]
    assert hits, f"no {prefix}…[{check}] in:\n" + "\n".join(lines)
    return hits[0]


MEET_MET = "        - {fact: contact.met, op: eq, value: false}"


# ------------------------------------------------------------------- lint ---
def test_lint_bundled_packs_clean():
    result = run("pack", "lint")
    assert result.exit_code == 0, result.output
    # no warnings either: an unused parameter or a rule without a firing case is a gap a reviewer should not meet
    assert re.match(r"0 errors, 0 warnings \(\d+ packs, \d+ rules\)$", result.output.splitlines()[-1]), result.output


def test_lint_unknown_fact_with_did_you_mean(core_copy):
    line = plant(core_copy / "roles.yaml", "{fact: contact.met, op: eq, value: false}",
                 "{fact: contact.mett, op: eq, value: false}")
    result, lines = lint_lines("rules/core")
    assert result.exit_code == 1
    hit = finding(lines, f"rules/core/roles.yaml:{line}:", "unknown-fact")
    assert ": error: " in hit and "did you mean 'contact.met'?" in hit


def test_lint_operator_type(core_copy):
    line = plant(core_copy / "roles.yaml", "{fact: contact.met, op: eq, value: false}",
                 "{fact: contact.met, op: gt, value: 1}")
    result, lines = lint_lines("rules/core")
    assert result.exit_code == 1
    assert "operator 'gt' does not fit bool fact 'contact.met'" in finding(lines, f"rules/core/roles.yaml:{line}:", "operator-type")


def test_lint_schema_unknown_field(core_copy):
    line = plant(core_copy / "roles.yaml", "    family: roles\n", "    family: roles\n    colour: red\n") + 1
    result, lines = lint_lines("rules/core")
    assert result.exit_code == 1
    assert "unknown field 'colour'" in finding(lines, f"rules/core/roles.yaml:{line}:5:", "schema")


def test_lint_duplicate_id(core_copy):
    line = plant(core_copy / "roles.yaml", "id: core.roles.meet-decider", "id: core.roles.find-decider")
    result, lines = lint_lines("rules/core")
    assert result.exit_code == 1
    assert "duplicate rule id 'core.roles.find-decider'" in finding(lines, f"rules/core/roles.yaml:{line}:", "duplicate-id")


def test_lint_missing_zh_text(core_copy):
    line = plant(core_copy / "roles.yaml", "title: {en: Meet the decider, zh: 拜见决策人}", "title: {en: Meet the decider}")
    result, lines = lint_lines("rules/core")
    assert result.exit_code == 1
    assert "title has no zh text" in finding(lines, f"rules/core/roles.yaml:{line}:", "missing-text")


def test_lint_missing_source(core_copy):
    text = (core_copy / "roles.yaml").read_text(encoding="utf-8")
    id_line = text[:text.index("  - id: core.roles.find-decider")].count("\n") + 1
    plant(core_copy / "roles.yaml", "    source: 002_d96dd5e1375bccc9.txt · 2.决策影响\n", "")
    result, lines = lint_lines("rules/core")
    assert result.exit_code == 1
    assert "core.roles.find-decider" in finding(lines, f"rules/core/roles.yaml:{id_line}:", "missing-source")


def test_lint_override_of_missing_rule(core_copy):
    line = plant(core_copy / "roles.yaml", "    tags: [buying-centre]\n", "    tags: [buying-centre]\n    override: {reason: x}\n") + 1
    result, lines = lint_lines("rules/core")
    assert result.exit_code == 1
    assert "overrides a rule that does not exist" in finding(lines, f"rules/core/roles.yaml:{line}:", "override-missing")


def test_lint_disable_of_missing_rule(core_copy):
    with (core_copy / "pack.yaml").open("a", encoding="utf-8") as f:
        f.write("disable:\n  - {rule: core.roles.meet-decidr, reason: test}\n")
    n = (core_copy / "pack.yaml").read_text(encoding="utf-8").count("\n")
    result, lines = lint_lines("rules/core")
    assert result.exit_code == 1
    assert "did you mean 'core.roles.meet-decider'?" in finding(lines, f"rules/core/pack.yaml:{n}:", "disable-missing")


@pytest.mark.parametrize("extra", [
    "        - {fact: contact.met, op: eq, value: true}",
    "        - {fact: contact.reliability, op: gt, value: 5}\n        - {fact: contact.reliability, op: lt, value: 3}",
    "        - {fact: contact.name, op: in, value: [a, b]}\n        - {fact: contact.name, op: eq, value: c}",
    "        - {fact: contact.title, op: not_exists}\n        - {fact: contact.title, op: eq, value: boss}",
])
def test_lint_rule_that_can_never_fire(core_copy, extra):
    line = plant(core_copy / "roles.yaml", MEET_MET + "\n", MEET_MET + "\n" + extra + "\n")
    last = line + extra.count("\n") + 1
    result, lines = lint_lines("rules/core")
    assert result.exit_code == 1
    assert "can never fire" in finding(lines, f"rules/core/roles.yaml:{last}:", "never-fires")


def test_lint_fanout(core_copy):
    names = ", ".join(f"n{i}" for i in range(60))
    line = plant(core_copy / "roles.yaml", MEET_MET + "\n", MEET_MET + "\n"
                 + f"        - {{fact: contact.name, op: in, value: [{names}]}}\n")
    result, lines = lint_lines("rules/core")
    assert result.exit_code == 1
    # 60 names × the rule's other branches: at least 60, always over the limit
    message = finding(lines, "rules/core/roles.yaml:", "fanout")
    assert re.search(r"fans out to (\d+) engine branches on 'contact' facts \(limit 48\)", message), message
    assert int(re.search(r"fans out to (\d+)", message).group(1)) >= 60
    assert line


def test_lint_warnings_only_exit_0(core_copy):
    with (core_copy / "roles.yaml").open("a", encoding="utf-8") as f:
        f.write(rule("core.roles.untested", "all:\n  - {fact: account.stage, op: eq, value: close}"))
    with (core_copy / "pack.yaml").open("a", encoding="utf-8") as f:
        f.write("  # appended\n")
    plant(core_copy / "pack.yaml", "params:\n", "params:\n  nobody_uses_me: {value: 3, description: unused}\n")
    text = (core_copy / "roles.yaml").read_text(encoding="utf-8")
    id_line = text[:text.index("  - id: core.roles.untested")].count("\n") + 1
    result, lines = lint_lines("rules/core")
    finding(lines, f"rules/core/roles.yaml:{id_line}:9: warning: rule core.roles.untested has no case where it fires", "no-firing-case")
    finding(lines, f"rules/core/roles.yaml:{id_line}:9: warning: rule core.roles.untested has no case where it stays silent", "no-silent-case")
    assert "parameter 'nobody_uses_me' is used by no rule" in finding(lines, "rules/core/pack.yaml:", "unused-param")
    if not any(": error: " in l for l in lines):  # other engineers' work in progress may add errors
        assert result.exit_code == 0


def test_lint_bad_yaml_and_case_unknown_rule(core_copy):
    line = plant(core_copy / "tests" / "roles.yaml", "fired: [core.roles.meet-decider,", "fired: [core.roles.meet-decidr,")
    bad = core_copy / "broken.yaml"
    bad.write_text("rules:\n  - id: [unclosed\n", encoding="utf-8")
    result, lines = lint_lines("rules/core")
    assert result.exit_code == 1
    finding(lines, "rules/core/broken.yaml:", "yaml")
    assert "did you mean 'core.roles.meet-decider'?" in finding(lines, "rules/core/tests/roles.yaml:", "case-unknown-rule")
    assert line


def test_lint_json(core_copy):
    plant(core_copy / "roles.yaml", "{fact: contact.met, op: eq, value: false}", "{fact: contact.mett, op: eq, value: false}")
    result = run("pack", "lint", "rules/core", "--format", "json")
    data = json.loads(result.output)
    assert result.exit_code == 1 and data["errors"] >= 1
    assert any(f["check"] == "unknown-fact" and f["file"] == "rules/core/roles.yaml" for f in data["findings"])


def test_lint_not_a_pack_folder(tmp_path):
    result = run("pack", "lint", tmp_path)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "no pack.yaml here" in result.output


# ------------------------------------------------------------------- test ---
def test_pack_test_all_pass():
    result = run("pack", "test")
    assert result.exit_code == 0, result.output
    last = result.output.splitlines()[-1]
    n = last.split("/")[-1]
    assert last == f"PASS: {n}/{n}"
    assert result.output.count("\n") == 1  # without -v only failures are listed


def test_pack_test_failure_shows_expected_got_and_trace(core_copy):
    cases = core_copy / "tests" / "roles.yaml"
    # only the planted file's cases: the command runs three times, and the copy's ~400 other cases would add
    # nothing here (test_pack_cases runs every case; test_pack_test_all_pass runs them through the command)
    for other in (core_copy / "tests").glob("*.yaml"):
        if other != cases:
            other.unlink()
    plant(cases, "fired: [core.roles.find-decider,", "fired: [core.roles.meet-decider, core.roles.find-decider,")
    text = cases.read_text(encoding="utf-8")
    case_line = text[:text.index("  - name: roles-decider-unknown")].count("\n") + 1
    result = run("pack", "test", "rules/core")
    assert result.exit_code == 1
    out = result.output
    assert out.startswith(textwrap.dedent(f"""\
        core/roles-decider-unknown: FAIL
          rules/core/tests/roles.yaml:{case_line}
          expected core.roles.meet-decider to fire; it stayed silent
          trace:
        """))
    assert "    core.roles.meet-decider  SILENT" in out
    total = out.splitlines()[-1].split("/")[-1]
    assert out.splitlines()[-1] == f"PASS: {int(total) - 1}/{total}"
    verbose = run("pack", "test", "rules/core", "-v").output
    assert "core/roles-decider-known-not-met: PASS" in verbose.splitlines()
    data = json.loads(run("pack", "test", "rules/core", "--format", "json").output)
    bad = [r for r in data["results"] if r["status"] != "PASS"]
    assert [r["case"] for r in bad] == ["core/roles-decider-unknown"] and data["passed"] == data["total"] - 1


# ------------------------------------------------------------- list, show ---
@pytest.fixture()
def mini(tmp_path):
    rules = tmp_path / "rules"
    write_pack(rules, "mini", "rules:\n" + rule("mini.meet", "all:\n  - {fact: contact.met, op: eq, value: false}", subject="contact"),
               extra="params:\n  x: {value: 1, description: a thing}\n")
    write_pack(rules, "sub", "rules:\n" + rule("sub.a", "all:\n  - {fact: account.stage, op: eq, value: close}"),
               extra="extends: mini\ndisable:\n  - {rule: mini.meet, reason: not here}\n")
    return rules


def test_pack_list_exact(mini):
    from advisor.toolkit.packinfo import list_text

    assert list_text(mini, tty=False) == (
        "pack   from      version   rules   extends   description\n"
        + "─" * 59 + "\n"
        "mini   --rules   0.0.1     1       -         test pack mini\n"
        "sub    --rules   0.0.1     1       mini      test pack sub\n"
        "\nsearched, in order:\n"
        f"  --rules: {mini}\n")
    result = run("pack", "list", "--rules", mini)  # the CLI lists them after the bundled packs
    assert result.exit_code == 0
    rows = {line.split()[0]: line.split()[1] for line in result.output.splitlines()[2:] if line[:1].isalpha()}
    assert rows["mini"] == "--rules" and rows["sub"] == "--rules" and rows["core"] == "bundled"


def test_pack_show_exact(mini):
    result = run("pack", "show", "sub", "--rules", mini, "--lang", "zh")
    assert result.exit_code == 0
    assert result.output == textwrap.dedent("""\
        sub 0.0.1 (extends mini)
        测试规则包 sub

        rule    family   title
        ──────────────────────
        sub.a   test     sub.a
        overrides: none
        disables:
          mini.meet — not here
        """)
    bad = run("pack", "show", "sab", "--rules", mini)
    assert bad.exit_code == 2 and "did you mean 'sub'?" in bad.output and bad.output.count("\n") == 1


def test_pack_list_bundled():
    result = run("pack", "list")
    assert result.exit_code == 0
    assert any(line.startswith("core ") for line in result.output.splitlines())


# -------------------------------------------------------------------- new ---
def test_pack_new_scaffold_passes_test_and_lint(tmp_path, monkeypatch):
    (tmp_path / "rules").mkdir()
    monkeypatch.chdir(tmp_path)
    result = run("pack", "new", "my-dealers", "--extends", "core", "--rules", "rules")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "rules" / "my-dealers" / "pack.yaml").is_file()
    tested = run("pack", "test", "rules/my-dealers", "-v")  # core, which it extends, is the bundled one
    assert tested.exit_code == 0, tested.output
    assert tested.output == ("my-dealers/example-fires: PASS\n"
                             "my-dealers/example-silent-when-trained: PASS\n"
                             "PASS: 2/2\n")
    linted = run("pack", "lint", "rules/my-dealers")
    assert linted.exit_code == 0, linted.output
    assert linted.output == "0 errors, 0 warnings (1 pack, 1 rules)\n"
    again = run("pack", "new", "my-dealers", "--rules", "rules")
    assert again.exit_code == 2
    assert again.output == "Error: rules/my-dealers: already exists; not overwriting — choose another name or remove the folder first\n"
    bundled = run("pack", "new", "it-distribution", "--rules", "rules")  # never takes a bundled pack's name
    assert bundled.exit_code == 2 and "a pack named 'it-distribution' already exists" in bundled.output
    assert not (tmp_path / "rules" / "it-distribution").exists()


def test_pack_new_scaffold_is_a_working_pack_without_placeholders(tmp_path, monkeypatch):
    """Issue 20: the scaffold once wrote 'TODO …' into the description, the flag and the rule's why."""
    import yaml

    def load_yaml(path):
        return yaml.safe_load(path.read_text(encoding="utf-8"))

    (tmp_path / "rules").mkdir()
    monkeypatch.chdir(tmp_path)
    assert run("pack", "new", "my-shops", "--rules", "rules").exit_code == 0
    folder = tmp_path / "rules" / "my-shops"
    for path in sorted(folder.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"TODO|FIXME|XXX|TBD|lorem", text, re.I), path
    pack = load_yaml(folder / "pack.yaml")
    assert set(pack["description"]) == {"en", "zh"} and set(pack["flags"]["my_shops_users_trained"]) == {"en", "zh"}
    (only,) = load_yaml(folder / "example.yaml")["rules"]
    assert only["serves"] == "upkeep" and only["source"] == "001_9e4f98b79760f835.txt · 五、提问和演讨"
    for text in (only["title"], only["then"]["recommend"]["what"], only["then"]["recommend"]["why"]):
        assert set(text) == {"en", "zh"}
    # the rule gives real advice to an account that uses the pack, and the flag it declares silences it
    account = tmp_path / "shop.yaml"
    account.write_text("name: 华南门店\nindustry: my-shops\nstage: maintain\n"
                       "contacts: [{name: 王工, roles: [user]}]\n", encoding="utf-8")
    advised = run("advise", account, "--rules", "rules", "--as-of", "2026-11-23", "--top", "0", "--format", "json",
                  "--lang", "en")
    assert advised.exit_code == 0, advised.output
    actions = {a["rule"]: a for a in json.loads(advised.output)["actions"]}
    assert actions["my-shops.value.train-the-users"]["what"].startswith("Offer 王工 a training for the people at 华南门店")
    account.write_text(account.read_text(encoding="utf-8") + "facts: {my_shops_users_trained: true}\n",
                       encoding="utf-8")
    quiet = run("advise", account, "--rules", "rules", "--as-of", "2026-11-23", "--top", "0", "--format", "json")
    assert "my-shops.value.train-the-users" not in {a["rule"] for a in json.loads(quiet.output)["actions"]}


def test_pack_new_bad_name(tmp_path):
    result = run("pack", "new", "Bad_Name", "--rules", RULES)
    assert result.exit_code == 2 and result.output.count("\n") == 1


# ------------------------------------------------------------------- docs ---
def test_rule_docs_are_fresh():
    result = run("pack", "docs", "--check")
    assert result.exit_code == 0, result.output + "\nrun `advisor pack docs` and commit docs/rules"
    assert result.output == "up to date\n"


def test_cli_docs_are_fresh():
    result = run("docs-cli", "--check")
    assert result.exit_code == 0, result.output + "\nrun `advisor docs-cli` and commit docs/cli.md"


def test_pack_docs_check_fails_after_a_change(tmp_path):
    shutil.copytree(RULES / "core", tmp_path / "rules" / "core")
    out = tmp_path / "docs" / "rules"
    written = run("pack", "docs", "--rules", tmp_path / "rules", "--out", out)
    assert written.exit_code == 0 and (out / "core.md").is_file() and (out / "README.md").is_file()
    assert "Meet the decider" in (out / "core.md").read_text(encoding="utf-8")
    assert run("pack", "docs", "--rules", tmp_path / "rules", "--out", out, "--check").exit_code == 0
    plant(tmp_path / "rules" / "core" / "roles.yaml", "title: {en: Meet the decider,", "title: {en: Meet the decision maker,")
    before = (out / "core.md").read_text(encoding="utf-8")
    check = run("pack", "docs", "--rules", tmp_path / "rules", "--out", out, "--check")
    assert check.exit_code == 1
    assert check.output.splitlines()[0].startswith("stale: ") and check.output.splitlines()[0].endswith("core.md")
    assert (out / "core.md").read_text(encoding="utf-8") == before  # --check writes nothing
    assert run("pack", "docs", "--rules", tmp_path / "rules", "--out", out).exit_code == 0
    assert "Meet the decision maker" in (out / "core.md").read_text(encoding="utf-8")


def test_docs_cli_check_fails_when_stale(tmp_path):
    target = tmp_path / "cli.md"
    assert run("docs-cli", "--out", target, "--check").exit_code == 1
    assert run("docs-cli", "--out", target).exit_code == 0
    assert "## `advisor pack lint`" in target.read_text(encoding="utf-8")
    assert run("docs-cli", "--out", target, "--check").output == "up to date\n"


# ------------------------------------------------------------------- diff ---
def test_diff_disabled_rule_disappears(tmp_path):
    shutil.copytree(RULES, tmp_path / "rules")
    with (tmp_path / "rules" / "core" / "pack.yaml").open("a", encoding="utf-8") as f:
        f.write("\ndisable:\n  - {rule: core.roles.meet-decider, reason: test}\n")
    result = run("diff", RULES, tmp_path / "rules", TCL, "--as-of", "2026-11-23", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    (acc,) = data["accounts"]
    gone = [(c["rule"], c["contact"]) for c in acc["changes"] if c["change"] == "gone"]
    assert gone == [("core.roles.meet-decider", "陈总")]
    assert data["summary"]["gone"] == 1 and data["summary"]["changed"] == 1
    # a folder of accounts, in text: the account above and one of another industry (each account's packs are
    # loaded cold from both copies, so every fixture here would cost seconds and show nothing more)
    book = tmp_path / "accounts"
    book.mkdir()
    for name in (TCL.name, "jingfeng-dealer.yaml"):
        shutil.copy(FIXTURES / "accounts" / name, book / name)
    text = run("diff", RULES, tmp_path / "rules", book, "--as-of", "2026-11-23").output
    assert any(l.startswith("  - gone   was #") and l.endswith("Meet the decider (陈总) [core.roles.meet-decider]")
               for l in text.splitlines())
    assert text.splitlines()[-1].endswith(" moved") and " gone, " in text.splitlines()[-1]


def test_diff_same_packs_no_change():
    result = run("diff", RULES, RULES, TCL, "--as-of", "2026-11-23")
    assert result.exit_code == 0
    assert result.output.splitlines()[-2:] == ["no account's advice changes", "0 of 1 accounts change: 0 new, 0 gone, 0 moved"]


def test_diff_git_revision_and_bad_revision():
    ok = run("diff", "HEAD", RULES, TCL, "--as-of", "2026-11-23")
    assert ok.exit_code == 0, ok.output
    assert ok.output.startswith("diff HEAD → ")
    bad = run("diff", "no-such-rev~9", RULES, TCL)
    assert bad.exit_code == 2 and bad.output.count("\n") == 1 and "neither a rules folder nor a git revision" in bad.output


# ----------------------------------------------------------------- whatif ---
@pytest.mark.parametrize("path", ["contacts[陈总].met=true", "contacts[1].met=true"])
def test_whatif_meeting_the_decider_removes_meet_decider(path):
    result = run("whatif", TCL, "--set", path, "--as-of", "2026-11-23", "--top", "0")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"What if {path} — 华信电脑城 — as of 2026-11-23"
    gone = [l for l in lines if l.startswith("- gone") and "[core.roles.meet-decider]" in l]
    assert len(gone) == 1 and re.fullmatch(r"- gone   was #\d+ Meet the decider \(陈总\) \[core\.roles\.meet-decider\]", gone[0])
    assert not any("[core.roles.meet-decider]" in l for l in lines[lines.index("after:"):])


def test_whatif_stage_change():
    result = run("whatif", TCL, "--set", "stage=close", "--as-of", "2026-11-23")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("What if stage=close")


@pytest.mark.parametrize("args,message", [
    (["--set", "contacts[陈].met=true"], "no item named '陈' in contacts — did you mean '陈总'?"),
    (["--set", "contacts[0].mett=true"], "unknown field 'mett' in contacts[0] — did you mean 'met'?"),
    (["--set", "stag=close"], "unknown field 'stag' — did you mean 'stage'?"),
    (["--set", "contacts[9].met=true"], "contacts[9] is out of range"),
    (["--set", "stage=closing"], "--set stage=closing: stage:"),
    (["--set", "stage"], "needs PATH=VALUE"),
])
def test_whatif_bad_path_is_one_line(args, message):
    result = run("whatif", TCL, *args)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and message in result.output, result.output

"""Installable as a real tool: bundled packs, the user's packs beside them, the account contract, CLI conventions.

The wheel itself is built, installed into a fresh venv and run outside the checkout by .ci/run;
here: where packs come from, the schemas, `init`, and every CLI convention (CliRunner or a
real subprocess where a real pipe or disk is the point).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from advisor.cli import cli
from advisor.files.yamlio import load_yaml_file
from advisor.language.packpath import bundled_rules_dir, user_packs_dir
from advisor.output import render
from advisor.toolkit import accountformat

from .conftest import AS_OF, FIXTURES, ROOT, RULES
from .packkit import rule, write_pack

ACCOUNTS = sorted((FIXTURES / "accounts").glob("*.yaml"))


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def jsonable(data):
    """YAML data as an editor's schema validator sees it (dates are strings)."""
    return json.loads(json.dumps(data, default=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v)))


@pytest.fixture
def config(tmp_path, monkeypatch):
    """A fresh user config folder (ADVISOR_CONFIG_DIR) for one test."""
    folder = tmp_path / "config"
    monkeypatch.setenv("ADVISOR_CONFIG_DIR", str(folder))
    return folder


def user_pack(folder: Path, name: str, extra: str = "extends: core\n") -> Path:
    return write_pack(folder, name, "rules:\n" + rule(f"{name}.always", "all:\n  - {fact: account.contact_count, op: gte, value: 0}",
                                                      priority=99), extra=extra)


# ------------------------------------------------------------ bundled packs ---
def test_bundled_packs_come_from_inside_the_package(tmp_path, monkeypatch):
    import advisor

    folder = bundled_rules_dir()
    assert Path(advisor.__file__).parent / "_bundled" / "rules" == folder  # inside the package, not the cwd
    assert folder.resolve() == RULES.resolve()  # an editable install reads the top-level rules/ through the link
    assert (ROOT / "advisor" / "_bundled" / "schema").resolve() == (ROOT / "docs" / "schema").resolve()
    monkeypatch.chdir(tmp_path)  # no rules/ here
    result = run("advise", FIXTURES / "accounts" / "jingfeng-dealer.yaml", "--as-of", "2026-11-23", "--top", "1")
    assert result.exit_code == 0, result.output
    # the account is written in Chinese, so the advice is (--lang auto)
    assert "规则包: core 1.0.0, consumer-electronics-dealer 1.0.0" in result.output.splitlines()[0]


def test_wheel_config_carries_packs_and_schemas():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"advisor._bundled" = ["rules/**/*", "schema/*.json"]' in text
    assert "platformdirs" in text and "jsonschema" in text


# ------------------------------------------------------------- search path ---
def test_user_pack_extends_bundled_core_and_is_used(config, tmp_path):
    user_pack(config / "packs", "my-dealers")
    listed = run("pack", "list")
    rows = {line.split()[0]: line.split()[1] for line in listed.output.splitlines()[2:] if line[:1].isalpha()}
    assert rows["my-dealers"] == "user" and rows["core"] == "bundled"
    assert f"  user: {config / 'packs'}" in listed.output
    account = tmp_path / "a.yaml"
    account.write_text("name: 小店\nindustry: my-dealers\n", encoding="utf-8")
    result = run("advise", account, "--as-of", "2026-11-23", "--format", "json", "--top", "0")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [p["name"] for p in data["packs"]] == ["core", "my-dealers"]
    assert "my-dealers.always" in [a["rule"] for a in data["actions"]]


def test_user_pack_may_not_shadow_a_bundled_pack_silently(config, tmp_path):
    folder = write_pack(config / "packs", "core", "rules: []\n")
    account = tmp_path / "a.yaml"
    account.write_text("name: 小店\n", encoding="utf-8")
    result = run("advise", account)
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {folder / 'pack.yaml'}:1:")
    assert "has the name of the bundled pack" in result.output and "shadows: {reason:" in result.output
    assert result.output.count("\n") == 1
    write_pack(config / "packs", "core", "rules: []\n", extra="shadows: {reason: our own playbook}\n")
    listed = run("pack", "list")
    assert listed.exit_code == 0, listed.output
    assert any(line.split()[:3] == ["core", "user", "(shadows"] for line in listed.output.splitlines())
    advised = run("advise", account, "--format", "json")
    assert advised.exit_code == 0 and json.loads(advised.output)["packs"] == [{"name": "core", "version": "0.0.1"}]


def test_advisor_packs_env_and_repeatable_rules(config, tmp_path, monkeypatch):
    env_dir, cli_dir = tmp_path / "env", tmp_path / "cli"
    user_pack(env_dir, "from-env")
    user_pack(cli_dir, "from-cli", extra="extends: from-env\n")
    monkeypatch.setenv("ADVISOR_PACKS", os.pathsep.join([str(env_dir), str(tmp_path / "missing")]))
    account = tmp_path / "a.yaml"
    account.write_text("name: 小店\n", encoding="utf-8")
    result = run("advise", account, "--pack", "from-cli", "--rules", cli_dir, "--rules", RULES, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [p["name"] for p in json.loads(result.output)["packs"]] == ["core", "from-env", "from-cli"]
    listed = run("pack", "list", "--rules", cli_dir)
    rows = {line.split()[0]: line.split()[1] for line in listed.output.splitlines()[2:] if line[:1].isalpha()}
    assert rows["from-env"] == "ADVISOR_PACKS" and rows["from-cli"] == "--rules"


def test_pack_new_writes_into_the_user_folder(config):
    result = run("pack", "new", "my-shops")
    assert result.exit_code == 0, result.output
    assert (user_packs_dir() / "my-shops" / "pack.yaml").is_file()
    tested = run("pack", "test", user_packs_dir() / "my-shops")
    assert tested.exit_code == 0 and tested.output.endswith("PASS: 2/2\n")
    again = run("pack", "new", "my-shops")
    assert again.exit_code == 2 and "already exists; not overwriting" in again.output


# ------------------------------------------------------------------ schema ---
@pytest.fixture(scope="module")
def account_validator():
    return jsonschema.Draft202012Validator(accountformat.account_schema())


@pytest.mark.parametrize("path", ACCOUNTS, ids=lambda p: p.stem)
def test_account_schema_accepts_every_fixture(account_validator, path):
    data, _ = load_yaml_file(path)
    errors = [e.message for e in account_validator.iter_errors(jsonable(data))]
    assert errors == []


@pytest.mark.parametrize("text, where", [
    ("name: x\ncontacts:\n  - {name: 陈总, roles: [decidr]}\n", ["contacts", 0, "roles", 0]),  # README's example
    ("name: x\nstage: opne\n", ["stage"]),
    ("name: x\ncontacts:\n  - {name: 陈总, rolse: [decider]}\n", ["contacts", 0]),
    ("name: x\ncontacts:\n  - {name: 陈总, reliability: 9}\n", ["contacts", 0, "reliability"]),
    ("stage: open\n", []),
])
def test_account_schema_rejects_bad_input(account_validator, text, where, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    data, _ = load_yaml_file(path)
    errors = list(account_validator.iter_errors(jsonable(data)))
    assert errors and [list(e.absolute_path) for e in errors] == [where]
    assert run("advise", path).exit_code == 2  # and the advisor rejects it too


def test_advice_json_validates_against_its_schema(advisor):
    validator = jsonschema.Draft202012Validator(accountformat.advice_schema())
    from advisor import load_account

    for path in ACCOUNTS:
        data = render.as_dict(advisor.advise(load_account(path), as_of=AS_OF), "zh", 0)
        assert [e.message for e in validator.iter_errors(data)] == [], path.name
    broken = dict(data, version=2)
    assert not validator.is_valid(broken)


def test_schema_command_prints_the_checked_in_schemas():
    for which, name in accountformat.SCHEMA_FILES.items():
        result = run("schema", which)
        assert result.exit_code == 0
        assert result.output == (ROOT / "docs" / "schema" / name).read_text(encoding="utf-8")
        assert json.loads(result.output)["$schema"] == accountformat.SCHEMA_DRAFT


def test_account_format_docs_and_schemas_are_fresh():
    result = run("docs-format", "--check")
    assert result.exit_code == 0, result.output + "\nrun `advisor docs-format` and commit docs/"
    assert accountformat.undocumented() == []  # every field has a description


def test_account_format_doc_lists_values_with_labels_and_a_valid_example(tmp_path):
    page = (ROOT / "docs" / "account-format.md").read_text(encoding="utf-8")
    assert "| `decider` | decider | 决策人 |" in page and "| `no_gifts` | no gifts | 禁止送礼 |" in page
    assert "| `reliability` | whole number (≥1, ≤5) (optional) |" in page
    example = tmp_path / "example.yaml"
    example.write_text(accountformat.EXAMPLE, encoding="utf-8")
    assert run("advise", example, "--as-of", "2026-11-23").exit_code == 0


def test_docs_format_check_fails_when_stale(tmp_path):
    assert run("docs-format", "--out", tmp_path).exit_code == 0
    (tmp_path / "schema" / "account.schema.json").write_text("{}\n", encoding="utf-8")
    check = run("docs-format", "--out", tmp_path, "--check")
    assert check.exit_code == 1 and check.output.startswith(f"stale: {tmp_path / 'schema' / 'account.schema.json'}\n")


# -------------------------------------------------------------------- init ---
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_init_writes_a_file_advise_accepts(tmp_path, lang):
    path = tmp_path / "acme.yaml"
    result = run("init", path, "--lang", lang, "--industry", "it-distribution")
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=file://") and "account.schema.json" in text
    # the pack's checklist flags, described in the template's language
    flag_line = {"en": "  price_breakdown_sent: false   # the price composition",
                 "zh": "  price_breakdown_sent: false   # 价格构成(主机、配置、配件、服务、培训、运输)已书面发给客户"}
    assert flag_line[lang] in text
    assert ("采购角色" in text) == (lang == "zh")
    advised = run("advise", path, "--as-of", "2026-11-23", "--format", "json")
    assert advised.exit_code == 0, advised.output
    assert [p["name"] for p in json.loads(advised.output)["packs"]] == ["core", "it-distribution"]
    again = run("init", path)
    assert again.exit_code == 2 and "already exists; nothing was written" in again.output
    assert path.read_text(encoding="utf-8") == text


def test_init_without_file_prints_and_rejects_unknown_industry():
    result = run("init")
    assert result.exit_code == 0 and "name: Example Trading Co." in result.output and "facts:" not in result.output
    bad = run("init", "--industry", "it-distributon")
    assert bad.exit_code == 2 and "did you mean 'it-distribution'?" in bad.output


# ------------------------------------------------------------ conventions ---
def test_short_help_and_version():
    assert run("-h").output == run("--help").output
    assert "Exit codes: 0 ok; 1 findings" in run("-h").output
    assert run("advise", "-h").exit_code == 0 and "Usage: cli advise" in run("advise", "-h").output
    version = run("-V")
    assert version.exit_code == 0 and version.output.strip().endswith("0.1.0")


def test_exit_codes_are_documented_in_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "| 0 |" in readme and "| 1 |" in readme and "| 2 |" in readme


def test_account_from_stdin():
    text = (FIXTURES / "accounts" / "tcl-too-expensive.yaml").read_text(encoding="utf-8")
    piped = run("advise", "-", "--as-of", "2026-11-23", "--pack", "core", input=text)
    direct = run("advise", FIXTURES / "accounts" / "tcl-too-expensive.yaml", "--as-of", "2026-11-23", "--pack", "core")
    assert piped.exit_code == 0 and piped.output == direct.output
    bad = run("advise", "-", input="name: x\nstage: opne\n")
    assert bad.exit_code == 2 and bad.output.startswith("Error: <stdin>:2:8: ")


@pytest.mark.parametrize("shell, marker", [("bash", "complete -o nosort -F"), ("zsh", "#compdef advisor"),
                                           ("fish", "complete --no-files --command advisor")])
def test_completion_scripts(shell, marker):
    result = run("completion", shell)
    assert result.exit_code == 0 and marker in result.output and "_ADVISOR_COMPLETE" in result.output


def test_output_file_is_atomic_and_needs_force(tmp_path):
    account = FIXTURES / "accounts" / "tcl-too-expensive.yaml"
    out = tmp_path / "advice.json"
    first = run("advise", account, "--as-of", "2026-11-23", "--format", "json", "-o", out)
    assert first.exit_code == 0 and first.output == "" and json.loads(out.read_text(encoding="utf-8"))["version"] == 1
    before = out.read_bytes()
    refused = run("advise", account, "--as-of", "2026-11-23", "--output", out)
    assert refused.exit_code == 2 and out.read_bytes() == before
    assert refused.output == f"Error: {out} already exists; nothing was written — pass --force to replace it, or choose another file\n"
    forced = run("advise", account, "--as-of", "2026-11-23", "--output", out, "--force", "--lang", "en")
    assert forced.exit_code == 0 and out.read_text(encoding="utf-8").startswith("Next best actions for")
    assert run("explain", account, "--as-of", "2026-11-23", "-o", tmp_path / "trace.txt", "--lang", "en").exit_code == 0
    assert (tmp_path / "trace.txt").read_text(encoding="utf-8").startswith("华信电脑城 — as of 2026-11-23")
    batch = run("batch", FIXTURES / "portfolios" / "with-bad-rows.yaml", "--as-of", "2026-11-23", "-o", tmp_path / "b.txt",
                "--jobs", "1")  # the output file, not the workers (tests/test_batch_stream.py: the same bytes)
    assert batch.exit_code == 1 and (tmp_path / "b.txt").stat().st_size > 0  # failed rows: 1, output still written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["advice.json", "b.txt", "trace.txt"]  # no temp files left


def _subprocess(args, stdout):
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    return subprocess.run([sys.executable, "-m", "advisor.cli", *map(str, args)], stdout=stdout,
                          stderr=subprocess.PIPE, text=True, env=env, timeout=120)


def test_closed_pipe_is_a_quiet_exit():
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `| head -1` after head has gone
    try:
        proc = _subprocess(["advise", FIXTURES / "accounts" / "tcl-too-expensive.yaml", "--as-of", "2026-11-23"], write_end)
    finally:
        os.close(write_end)
    assert proc.returncode == 0 and proc.stderr == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_disk_is_one_line():
    with open("/dev/full", "w") as full:
        proc = _subprocess(["advise", FIXTURES / "accounts" / "tcl-too-expensive.yaml", "--as-of", "2026-11-23"], full)
    assert proc.returncode == 2
    assert proc.stderr == "Error: cannot write the output: the disk is full\n"


# ----------------------------------------------------------------- sources ---
def test_every_cited_seed_is_described_and_linked():
    from advisor.language.pack import find_packs
    from advisor.toolkit import sources

    from .packkit import pack_alone

    page = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    seeds_on_disk = sorted(p.name for p in (ROOT.parent / "shared" / "seeds").glob("*.txt"))
    rules = [r for name in find_packs(RULES) for r in pack_alone(name, RULES).packs[-1].rules]
    cited = {c.split("·")[0].strip() for r in rules for c in r.source}
    assert cited and cited <= set(sources.SEEDS)
    for seed in set(sources.SEEDS) | set(seeds_on_disk):
        assert f'<a id="{sources.anchor(seed)}"></a>\n## {seed} — {sources.SEEDS[seed][0]}' in page
    core = (ROOT / "docs" / "rules" / "core.md").read_text(encoding="utf-8")
    assert "[002_d96dd5e1375bccc9.txt · 2.决策影响](../sources.md#seed-002)" in core
    shown = run("pack", "show", "core")
    assert ("  002_d96dd5e1375bccc9.txt: 如何攻克设备采购大客户 (How to win key accounts that buy equipment)"
            " — docs/sources.md#seed-002") in shown.output


def test_rules_folder_shadows_without_saying_so_and_the_listing_shows_it(tmp_path):
    import shutil

    shutil.copytree(RULES / "core", tmp_path / "rules" / "core")
    listed = run("pack", "list", "--rules", tmp_path / "rules")
    assert listed.exit_code == 0, listed.output
    core = next(line for line in listed.output.splitlines() if line.startswith("core "))
    assert core.split()[1:4] == ["--rules", "(shadows", "bundled)"]
    same = run("pack", "list", "--rules", RULES)  # the bundled folder itself is not a shadow
    assert next(line for line in same.output.splitlines() if line.startswith("core ")).split()[1] == "bundled"


def test_missing_pack_folders(tmp_path, monkeypatch):
    from advisor.files.errors import AdvisorError
    from advisor.language.packpath import BUNDLED, Entry, PackPath

    with pytest.raises(AdvisorError) as info:
        PackPath([Entry(tmp_path / "gone", BUNDLED)]).resolve()
    assert str(info.value).startswith(f"{tmp_path / 'gone'}: rules folder not found — reinstall advisor")
    result = run("pack", "list", "--rules", tmp_path / "nope")
    assert result.exit_code == 2
    assert result.output == (f"Error: {tmp_path / 'nope'}: rules folder not found — "
                             "pass --rules a folder that holds pack folders\n")
    monkeypatch.setenv("ADVISOR_PACKS", str(tmp_path / "not-yet"))  # an absent env or user folder holds no packs
    assert run("pack", "list").exit_code == 0


def test_flag_descriptions_plain_or_in_both_languages(tmp_path):
    """A user's pack may describe a flag with one plain string (read as both languages) or {en, zh}."""
    from advisor.language.pack import load_packs
    from .packkit import write_pack
    write_pack(tmp_path, "mine", "rules: []\n", extra="""\
        flags:
          plain_flag: checked by hand
          both_flag: {en: checked twice, zh: 核对两次}
        """)
    flags = load_packs(["mine"], tmp_path).flags
    assert (flags["plain_flag"].en, flags["plain_flag"].zh) == ("checked by hand", "checked by hand")
    assert (flags["both_flag"].get("en"), flags["both_flag"].get("zh")) == ("checked twice", "核对两次")


def test_every_fact_is_described_in_both_languages():
    """A new fact cannot ship without its Chinese line (docs/facts.md and the HTML titles read both)."""
    from advisor.accounts.facts import CATALOG
    from advisor.accounts.facts_zh import CATALOG_ZH
    assert {k: sorted(v) for k, v in CATALOG.items()} == {k: sorted(v) for k, v in CATALOG_ZH.items()}
    assert all(text.strip() for fields in CATALOG_ZH.values() for text in fields.values())

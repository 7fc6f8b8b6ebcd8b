"""Layering (issue 5): every conflict between packs is a load error that names the file and the line.

Each test builds a throw-away rules folder — a copy of rules/core plus one or two small packs written
here — and calls ``advisor.language.pack.load_packs``. The error's one-line text must carry ``<file>:<line>:``
pointing at the offending ``id``, ``override``, ``extends`` or ``disable`` entry.
"""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from advisor.files.errors import AdvisorError
from advisor.language.pack import load_packs

from .conftest import RULES


def pack_yaml(name: str, extra: str = "") -> str:
    return textwrap.dedent(f"""\
        name: {name}
        version: 0.0.1
        description: {{en: test pack {name}, zh: 测试规则包 {name}}}
        """) + textwrap.dedent(extra)


def rule_yaml(rule_id: str, override: str | None = None) -> str:
    """One recommend rule as YAML list item; ``override`` adds an override reason."""
    text = textwrap.dedent(f"""\
          - id: {rule_id}
            family: test
            title: {{en: {rule_id}, zh: 测试规则}}
            priority: 50
            when:
              all:
                - {{fact: account.stage, op: eq, value: open}}
            then:
              recommend:
                who: account
                due_days: 7
                what: {{en: do it, zh: 去做}}
                why: {{en: because, zh: 因为}}
            basis: derived
            tags: [test]
        """)
    if override:
        text += f"  override: {{reason: {override}}}\n"
    return text


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    out = tmp_path / "rules"
    shutil.copytree(RULES / "core", out / "core")
    return out


def write(rules_dir: Path, pack: str, files: dict[str, str]) -> Path:
    folder = rules_dir / pack
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing ``needle``."""
    hits = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if needle in line]
    assert len(hits) >= occurrence, f"{needle!r} not found {occurrence} times in {path}"
    return hits[occurrence - 1]


def load_error(names: list[str], rules_dir: Path) -> str:
    with pytest.raises(AdvisorError) as info:
        load_packs(names, rules_dir)
    return str(info.value)


def assert_points_at(message: str, path: Path, line: int) -> None:
    assert f"{path}:{line}:" in message, message


# --- the packs used as a clean baseline ------------------------------------------------------
def test_clean_layering_loads(rules_dir):
    write(rules_dir, "alpha", {
        "pack.yaml": pack_yaml("alpha", "extends: core\ndisable:\n  - {rule: core.roles.find-decider, reason: test}\n"),
        "main.yaml": "rules:\n" + rule_yaml("alpha.test.one") + rule_yaml("core.roles.meet-decider", "alpha knows better"),
    })
    packset = load_packs(["alpha"], rules_dir)
    assert packset.names == ["core", "alpha"]
    assert packset.overridden["core.roles.meet-decider"] == ("alpha", "alpha knows better")
    assert packset.rule("core.roles.meet-decider").pack == "alpha"
    assert packset.disabled["core.roles.find-decider"][0] == "alpha"
    assert "core.roles.find-decider" not in {r.id for r in packset.rules}


# --- two packs overriding the same rule ------------------------------------------------------
def test_two_sibling_packs_override_the_same_rule(rules_dir):
    write(rules_dir, "alpha", {"pack.yaml": pack_yaml("alpha", "extends: core\n"),
                               "main.yaml": "rules:\n" + rule_yaml("core.roles.meet-decider", "alpha reason")})
    beta = write(rules_dir, "beta", {"pack.yaml": pack_yaml("beta", "extends: core\n"),
                                     "main.yaml": "rules:\n" + rule_yaml("beta.test.one")
                                     + rule_yaml("core.roles.meet-decider", "beta reason")})
    message = load_error(["alpha", "beta"], rules_dir)
    assert_points_at(message, beta / "main.yaml", line_of(beta / "main.yaml", "id: core.roles.meet-decider"))
    assert "already overridden by pack 'alpha'" in message


def test_pack_overrides_a_rule_its_parent_already_overrode(rules_dir):
    write(rules_dir, "alpha", {"pack.yaml": pack_yaml("alpha", "extends: core\n"),
                               "main.yaml": "rules:\n" + rule_yaml("core.roles.meet-decider", "alpha reason")})
    beta = write(rules_dir, "beta", {"pack.yaml": pack_yaml("beta", "extends: alpha\n"),
                                     "main.yaml": "rules:\n" + rule_yaml("core.roles.meet-decider", "beta reason")})
    message = load_error(["beta"], rules_dir)
    assert_points_at(message, beta / "main.yaml", line_of(beta / "main.yaml", "id: core.roles.meet-decider"))
    assert "core.roles.meet-decider" in message


# --- an override of a rule that does not exist ----------------------------------------------
def test_override_of_unknown_rule(rules_dir):
    alpha = write(rules_dir, "alpha", {"pack.yaml": pack_yaml("alpha", "extends: core\n"),
                                       "main.yaml": "rules:\n" + rule_yaml("alpha.test.one")
                                       + rule_yaml("core.roles.meet-decidr", "typo in the id")})
    message = load_error(["alpha"], rules_dir)
    assert_points_at(message, alpha / "main.yaml", line_of(alpha / "main.yaml", "override: {reason: typo"))
    assert "overrides a rule that does not exist" in message
    assert "did you mean 'core.roles.meet-decider'?" in message


def test_override_of_a_rule_outside_the_extends_chain(rules_dir):
    write(rules_dir, "alpha", {"pack.yaml": pack_yaml("alpha", "extends: core\n"),
                               "main.yaml": "rules:\n" + rule_yaml("alpha.test.one")})
    beta = write(rules_dir, "beta", {"pack.yaml": pack_yaml("beta", "extends: core\n"),
                                     "main.yaml": "rules:\n" + rule_yaml("alpha.test.one", "beta replaces alpha")})
    # in the other order it is an error ("overrides a rule that does not exist"); it must not depend on order
    message = load_error(["beta", "alpha"], rules_dir)
    assert_points_at(message, beta / "main.yaml", line_of(beta / "main.yaml", "override:"))
    message = load_error(["alpha", "beta"], rules_dir)
    assert_points_at(message, beta / "main.yaml", line_of(beta / "main.yaml", "override:"))


# --- a cycle in extends -------------------------------------------------------------------------
def test_extends_cycle(rules_dir):
    alpha = write(rules_dir, "alpha", {"pack.yaml": pack_yaml("alpha", "extends: beta\n"), "main.yaml": "rules: []\n"})
    beta = write(rules_dir, "beta", {"pack.yaml": pack_yaml("beta", "extends: alpha\n"), "main.yaml": "rules: []\n"})
    message = load_error(["alpha"], rules_dir)
    assert_points_at(message, beta / "pack.yaml", line_of(beta / "pack.yaml", "extends: alpha"))
    assert "cycle" in message and "alpha → beta → alpha" in message
    # whichever pack is asked for, the error names the pack.yaml that closes the loop
    message = load_error(["beta"], rules_dir)
    assert_points_at(message, alpha / "pack.yaml", line_of(alpha / "pack.yaml", "extends: beta"))


def test_pack_extends_itself(rules_dir):
    alpha = write(rules_dir, "alpha", {"pack.yaml": pack_yaml("alpha", "extends: alpha\n"), "main.yaml": "rules: []\n"})
    message = load_error(["alpha"], rules_dir)
    assert_points_at(message, alpha / "pack.yaml", line_of(alpha / "pack.yaml", "extends: alpha"))
    assert "cycle" in message


# --- duplicate ids ------------------------------------------------------------------------------
def test_duplicate_id_in_one_file(rules_dir):
    alpha = write(rules_dir, "alpha", {"pack.yaml": pack_yaml("alpha", "extends: core\n"),
                                       "main.yaml": "rules:\n" + rule_yaml("alpha.test.one") + rule_yaml("alpha.test.one")})
    message = load_error(["alpha"], rules_dir)
    second = line_of(alpha / "main.yaml", "id: alpha.test.one", occurrence=2)
    first = line_of(alpha / "main.yaml", "id: alpha.test.one", occurrence=1)
    assert_points_at(message, alpha / "main.yaml", second)
    assert f"first at {alpha / 'main.yaml'}:{first}" in message


def test_duplicate_id_across_files_of_one_pack(rules_dir):
    alpha = write(rules_dir, "alpha", {"pack.yaml": pack_yaml("alpha", "extends: core\n"),
                                       "a.yaml": "rules:\n" + rule_yaml("alpha.test.one"),
                                       "b.yaml": "# a second file\nrules:\n" + rule_yaml("alpha.test.one")})
    message = load_error(["alpha"], rules_dir)
    assert_points_at(message, alpha / "b.yaml", line_of(alpha / "b.yaml", "id: alpha.test.one"))
    assert f"first at {alpha / 'a.yaml'}:" in message


def test_reusing_a_core_id_without_override(rules_dir):
    alpha = write(rules_dir, "alpha", {"pack.yaml": pack_yaml("alpha", "extends: core\n"),
                                       "main.yaml": "rules:\n" + rule_yaml("alpha.test.one") + rule_yaml("core.roles.meet-decider")})
    message = load_error(["alpha"], rules_dir)
    assert_points_at(message, alpha / "main.yaml", line_of(alpha / "main.yaml", "id: core.roles.meet-decider"))
    assert "already exists in pack 'core'" in message and "override" in message


def test_two_sibling_packs_define_the_same_new_id(rules_dir):
    write(rules_dir, "alpha", {"pack.yaml": pack_yaml("alpha", "extends: core\n"),
                               "main.yaml": "rules:\n" + rule_yaml("shared.test.one")})
    beta = write(rules_dir, "beta", {"pack.yaml": pack_yaml("beta", "extends: core\n"),
                                     "main.yaml": "rules:\n" + rule_yaml("shared.test.one")})
    message = load_error(["alpha", "beta"], rules_dir)
    assert_points_at(message, beta / "main.yaml", line_of(beta / "main.yaml", "id: shared.test.one"))
    assert "already exists in pack 'alpha'" in message


# --- disabling an unknown rule ------------------------------------------------------------------
def test_disable_unknown_rule(rules_dir):
    alpha = write(rules_dir, "alpha", {
        "pack.yaml": pack_yaml("alpha", """\
            extends: core
            disable:
              - {rule: core.roles.find-decider, reason: fine}
              - {rule: core.roles.meet-decidr, reason: typo}
            """),
        "main.yaml": "rules: []\n"})
    message = load_error(["alpha"], rules_dir)
    assert_points_at(message, alpha / "pack.yaml", line_of(alpha / "pack.yaml", "core.roles.meet-decidr"))
    assert "disables unknown rule 'core.roles.meet-decidr'" in message
    assert "did you mean 'core.roles.meet-decider'?" in message


def test_two_packs_disable_the_same_rule(rules_dir):
    write(rules_dir, "alpha", {"pack.yaml": pack_yaml("alpha", "extends: core\ndisable:\n  - {rule: core.roles.find-decider, reason: a}\n"),
                               "main.yaml": "rules: []\n"})
    beta = write(rules_dir, "beta", {"pack.yaml": pack_yaml("beta", "extends: core\ndisable:\n  - {rule: core.roles.find-decider, reason: b}\n"),
                                     "main.yaml": "rules: []\n"})
    message = load_error(["alpha", "beta"], rules_dir)
    assert_points_at(message, beta / "pack.yaml", line_of(beta / "pack.yaml", "core.roles.find-decider"))
    assert "already disabled by pack 'alpha'" in message


# --- extends of an unknown pack ----------------------------------------------------------------
def test_extends_unknown_pack(rules_dir):
    alpha = write(rules_dir, "alpha", {"pack.yaml": pack_yaml("alpha", "extends: cor\n"), "main.yaml": "rules: []\n"})
    message = load_error(["alpha"], rules_dir)
    assert_points_at(message, alpha / "pack.yaml", line_of(alpha / "pack.yaml", "extends: cor"))
    assert "extends unknown pack 'cor'" in message and "did you mean 'core'?" in message


def test_unknown_pack_extending_unknown_pack_deeper_in_the_chain(rules_dir):
    write(rules_dir, "alpha", {"pack.yaml": pack_yaml("alpha", "extends: core\n"), "main.yaml": "rules: []\n"})
    beta = write(rules_dir, "beta", {"pack.yaml": pack_yaml("beta", "extends: alpha\n"), "main.yaml": "rules: []\n"})
    (beta / "pack.yaml").write_text(pack_yaml("beta", "extends: alpah\n"), encoding="utf-8")
    message = load_error(["beta"], rules_dir)
    assert_points_at(message, beta / "pack.yaml", line_of(beta / "pack.yaml", "extends: alpah"))
    assert "did you mean 'alpha'?" in message


# --- the real packs layer cleanly ----------------------------------------------------------------
@pytest.mark.parametrize("pack", ["it-distribution", "enterprise-equipment", "consumer-electronics-dealer"])
def test_industry_pack_layers_on_core(pack):
    packset = load_packs([pack], RULES)
    assert packset.names == ["core", pack]
    ours = [name for name, (owner, _reason) in packset.overridden.items() if owner == pack]
    assert ours, f"{pack} overrides nothing"
    for rule_id in ours:
        rule = packset.rule(rule_id)
        assert rule.pack == pack and rule.override_reason

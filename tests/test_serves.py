"""What a rule serves (issue 22): required on every rule, from a closed vocabulary, shown in the
pack docs and the trace."""
from __future__ import annotations

import pytest

from advisor import load_account
from advisor.accounts import terms
from advisor.files.errors import AdvisorError
from advisor.language.pack import find_packs, load_packs
from advisor.output import explain

from .conftest import AS_OF, FIXTURES, RULES
from .test_cli_toolkit import core_copy, finding, lint_lines, plant  # noqa: F401  (core_copy is a fixture)


def test_every_bundled_rule_says_what_it_serves():
    packset = load_packs(sorted(find_packs(RULES)), RULES)
    missing = [r.id for r in packset.rules if r.serves not in terms.SERVES]
    assert not missing


def test_lint_flags_a_rule_without_serves(core_copy):
    text = (core_copy / "roles.yaml").read_text(encoding="utf-8")
    id_line = text[:text.index("  - id: core.roles.meet-decider")].count("\n") + 1
    plant(core_copy / "roles.yaml", "  - id: core.roles.meet-decider\n    family: roles\n    serves: unblock\n",
          "  - id: core.roles.meet-decider\n    family: roles\n")
    result, lines = lint_lines("rules/core")
    assert result.exit_code == 1
    hit = finding(lines, f"rules/core/roles.yaml:{id_line}:", "missing-serves")
    assert "core.roles.meet-decider" in hit and "upkeep" in hit


def test_an_unknown_serves_is_a_located_error_with_did_you_mean(core_copy):
    line = plant(core_copy / "roles.yaml", "  - id: core.roles.meet-decider\n    family: roles\n    serves: unblock\n",
                 "  - id: core.roles.meet-decider\n    family: roles\n    serves: unblok\n") + 2
    result, lines = lint_lines("rules/core")
    assert result.exit_code == 1
    assert "did you mean 'unblock'?" in finding(lines, f"rules/core/roles.yaml:{line}:", "unknown-serves")
    with pytest.raises(AdvisorError) as exc:
        load_packs(["core"], core_copy.parent)
    assert f"roles.yaml:{line}" in str(exc.value) and "did you mean 'unblock'?" in str(exc.value)


def test_pack_docs_and_trace_show_serves(advisor):
    doc = (RULES.parent / "docs" / "rules" / "core.md").read_text(encoding="utf-8")
    assert "serves `upkeep` (upkeep · 日常维护)" in doc
    account = load_account(FIXTURES / "accounts" / "tcl-too-expensive.yaml")
    advice = advisor.advise(account, as_of=AS_OF, trace=True)
    packset, _ = advisor.load(advisor.pack_names(account))
    entry = next(e for e in explain.trace_entries(advice, packset) if e["rule"] == "core.roles.meet-decider")
    assert entry["serves"] == "unblock"
    assert "  serves: unblock the decision path" in explain.text(advice, packset, "en", "core.roles.meet-decider")
    assert "作用: 打通决策链" in explain.text(advice, packset, "zh", "core.roles.meet-decider")

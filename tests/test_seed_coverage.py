"""Every seed section issue 23 names is carried by a rule that cites it (issue 23, "Measure it").

A teaching counts as carried when a rule of the bundled packs cites the seed file and the
section in its ``source:``. The sections are matched on the words of their headings as the
citations write them (seed 003 is in traditional characters, so are its citations).
"""
from __future__ import annotations

import pytest

from advisor.language import conditions as cnd

SEED_001 = "001_9e4f98b79760f835.txt"
SEED_003 = "003_7a883303e2b65e3b.txt"
SEED_004 = "004_abd0e188d45e7a43.txt"

# (seed, words of the section heading) → rules that must cite it, each written for that teaching
SECTIONS = {
    (SEED_004, "客户关系管理课程第一小组(后街KTV案例)"): {
        "core.complaints.apologise-and-fix", "core.complaints.keep-the-promised-fix",
        "core.complaints.escalate-late-fix", "core.complaints.no-asks-while-open"},
    (SEED_003, "七、大客戶關系維護技巧與方法 (二)老客戶關系維持措施"): {
        "core.complaints.apologise-and-fix", "core.complaints.confirm-the-fix"},
    (SEED_001, "五、提问和演讨"): {"core.complaints.regular-check-calls", "core.complaints.escalate-late-fix"},
    (SEED_004, "王强案例"): {
        "core.dealer.check-money-and-contract", "core.dealer.first-deal-with-peer-figures",
        "core.objection.trust-prove-with-reference", "core.objection.exclusivity-territory",
        "core.dealer.cooperation-with-peer-figures"},
    (SEED_003, "六、大客戶開發策略"): {
        "core.buying.map-state-buying-path", "core.buying.get-into-the-budget", "core.buying.foreign-group-rules",
        "core.buying.work-the-public-tender", "core.buying.work-the-public-tender-under-new-conduct-rules"},
    (SEED_001, "争取销售权利"): {"core.steps.needs-before-proposal", "core.steps.needs-before-price",
                                 "core.steps.earn-the-right-first", "core.steps.grow-existing-customer"},
}


def _citing(packset, seed: str, words: str) -> set[str]:
    return {r.id for r in packset.rules
            if any(c.split("·", 1)[0].strip() == seed and words in c for c in r.source)}


@pytest.fixture(scope="module")
def packset(advisor):
    return advisor.packset(packs=["core", "consumer-electronics-dealer"])


@pytest.mark.parametrize("seed,words", sorted(SECTIONS), ids=[w for _, w in sorted(SECTIONS)])
def test_every_named_seed_section_has_a_rule_citing_it(packset, seed, words):
    citing = _citing(packset, seed, words)
    assert citing, f"no rule cites {seed} · {words}"
    missing = SECTIONS[(seed, words)] - citing
    assert not missing, f"these rules no longer cite {seed} · {words}: {sorted(missing)}"


def test_the_check_notices_a_section_nobody_cites(packset):
    assert _citing(packset, SEED_004, "no such heading") == set()
    assert _citing(packset, SEED_001, "客户关系管理课程第一小组") == set()  # right words, wrong seed


def test_each_step_of_earning_the_right_to_sell_is_carried_and_cited(packset):
    """001 · 二、IBM的销售模式 (争取销售权利): Prepare → Open → Needs → Propose → Close, and the close
    techniques (assumptive, step by step, alternative) — each step has a rule that fires at that step and
    cites the IBM model (or its 立项 list). The step is the deal's own (opportunity.step: its stage lowered by
    what is not established, advisor/accounts/steps.py) or, for the account's checklist, the account's stage."""
    by_step: dict[str, set[str]] = {}
    for rule in packset.rules:
        if not any(c.startswith(SEED_001) for c in rule.source) or rule.when is None:
            continue
        for leaf in cnd.leaves(rule.when):
            if (leaf.fact in ("account.stage", "opportunity.stage", "opportunity.step", "account.deal_step")
                    and leaf.op in ("eq", "in")):
                for step in (leaf.value if isinstance(leaf.value, list) else [leaf.value]):
                    by_step.setdefault(step, set()).add(rule.id)
    for step in ("prepare", "open", "needs", "propose", "close"):
        assert by_step.get(step), f"no rule of seed 001 carries the {step} step"
    # the step rules fire on the deal's step, not its stated stage
    on_step = {rule.id for rule in packset.rules if rule.when is not None
               and any(leaf.fact == "opportunity.step" for leaf in cnd.leaves(rule.when))}
    # prepare/open: earn the right (research, the opening conversation, an agreed next step)
    assert {"core.steps.earn-the-right-first"} <= by_step["prepare"] & by_step["open"] & on_step
    # needs: questions, never a price — and a proposal only once the needs are confirmed
    assert {"core.steps.needs-before-proposal"} <= by_step["needs"] & on_step
    assert "core.steps.propose-fab" in by_step["propose"]
    # close: only at the close step, which needs the decider met
    assert {"core.steps.close-techniques"} <= by_step["close"] & on_step
    # needs before a price: a buyer asking the price at the prepare, open or needs step gets the needs first
    assert all("core.steps.needs-before-price" in by_step[step] for step in ("prepare", "open", "needs"))
    close = next(r for r in packset.rules if r.id == "core.steps.close-techniques")
    text = close.then.recommend.what.en
    assert all(word in text for word in ("assumptive", "step by step", "alternative"))


def test_the_pack_docs_list_every_rule_citing_a_named_section_with_its_source(packset):
    """`advisor pack docs` (docs/rules/<pack>.md, kept fresh by tests/test_cli_toolkit.py) shows each rule that
    carries one of the sections above, with the seed file and section it cites."""
    from pathlib import Path
    docs = Path(__file__).resolve().parents[1] / "docs" / "rules"
    for seed, words in sorted(SECTIONS):
        for rule in sorted(_citing(packset, seed, words)):
            page = (docs / f"{packset.rule(rule).pack}.md").read_text(encoding="utf-8")
            entry = page.split(f"### `{rule}`", 1)
            assert len(entry) == 2, f"{rule} is not in docs/rules/{packset.rule(rule).pack}.md"
            body = entry[1].split("\n### ", 1)[0]
            assert seed in body and words.split(" ")[0] in body, f"docs for {rule} do not show {seed} · {words}"

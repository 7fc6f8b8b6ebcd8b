"""Issue 23, session 12: how a state-owned or public buyer buys, placed where a coach puts it, and a peer's figures
counted as the proof the first deal waits for (rules/core/buying.yaml, references.yaml; rules/core/pack.yaml tags
state-conduct, state-window, peer-proof).

- A purchaser at a state buyer who says the decision is not his ("the group's purchasing centre decides", "it goes on
  the platform now") points to the procedure: the buying path answers him (core.buying.state-path-answers-the-objection),
  not a hunt for the signer; an engineer who says "my boss decides" points to a person, and the deal at its close has
  walked its path.
- A new gift ban at a state buyer is part of the discipline its path runs on: complying openly and working the deal
  only through the path are one action, ranked with the compliance step it takes in
  (core.buying.map-state-path-under-new-conduct-rules); an entertainment ban alone, or a private buyer, is not.
- A dated window at a state buyer runs through its path (core.buying.map-state-path-before-the-window); a tender
  written in the record is the path laid down.
- The answers with a peer's figures serve the first deal (pursue_opportunity) and rank on the decision path.
The accounts are written for these tests in words of their own, not taken from a dev set."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts.account import Account

AS_OF = dt.date(2027, 3, 10)
ANSWER = "core.buying.state-path-answers-the-objection"
CONDUCT = "core.buying.map-state-path-under-new-conduct-rules"
WINDOW = "core.buying.map-state-path-before-the-window"


def _account(lang: str, *, objection: str | None = None, role: str = "purchaser", ownership: str = "state_owned",
             stage: str = "needs", policies: list | None = None, note: str | None = None) -> dict:
    zh = lang == "zh"
    buyer, engineer = ("王科长", "陈工") if zh else ("Dana Cole", "Raj Patel")
    data = {"name": "北方热力集团 物资部" if zh else "Regional Water Authority", "ownership": ownership, "stage": stage,
            "buying_pattern": "project", "customer_type": "end_customer",
            "contacts": [{"name": buyer, "roles": [role], "met": True},
                         {"name": engineer, "roles": ["expert"], "met": True}],
            "opportunities": [{"name": "换热站改造" if zh else "Pump station upgrade", "amount": 1500000,
                               "stage": stage, "quoted": stage == "close"}]}
    if objection:
        data["objections"] = [{"contact": buyer, "date": "2027-03-03", "text": objection}]
    if policies:
        data["policies"] = policies
    if note:
        data["visits"] = [{"date": "2027-03-03", "contact": buyer, "minutes": 40, "outcome": "neutral", "note": note}]
    return data


def _actions(advisor, data: dict):
    return advisor.advise(Account.model_validate(data), as_of=AS_OF).actions


# ------------------------------------------------------------- "not up to me": the path answers the purchaser ---
NOT_MINE = [
    ("zh", "这个我说了不算,得集团采购中心定。"),
    ("zh", "现在五十万以上都要上平台,我们科里定不了。"),
    ("zh", "采购方式要等局里定,我这里拍不了板。"),
    ("en", "It's not my call - corporate procurement decides how this gets bought."),
    ("en", "Anything over that goes to the ministry's central purchasing, I can't sign it off."),
    ("en", "Honestly the decision sits with head office procurement, not with me."),
]


@pytest.mark.parametrize("lang,words", NOT_MINE)
def test_a_state_purchaser_saying_it_is_not_his_decision_gets_the_buying_path_first(advisor, lang, words):
    actions = _actions(advisor, _account(lang, objection=words))
    assert actions[0].rule == ANSWER, [a.rule for a in actions[:3]]
    assert actions[0].serves == "unblock"
    # the general answer to the same words (find the signer) does not speak beside it
    assert "core.objection.authority-reach-decider" not in [a.rule for a in actions[:5]]


@pytest.mark.parametrize("lang,words", [NOT_MINE[0], NOT_MINE[3]])
def test_the_path_answer_stays_silent_where_the_facts_rule_it_out(advisor, lang, words):
    # a private buyer: the owner decides (core.buying.private-owner-decides), no state path
    assert ANSWER not in [a.rule for a in _actions(advisor, _account(lang, objection=words, ownership="private"))]
    # an engineer or manager who points past himself points to a person: reach the decider
    assert ANSWER not in [a.rule for a in _actions(advisor, _account(lang, objection=words, role="influencer"))]
    # the deal at its close, the offer in: the path has been walked
    assert ANSWER not in [a.rule for a in _actions(advisor, _account(lang, objection=words, stage="close"))]
    # the path is mapped
    mapped = _account(lang, objection=words)
    mapped["facts"] = {"buying_path_mapped": True}
    assert ANSWER not in [a.rule for a in _actions(advisor, mapped)]


# ------------------------------------------------------------------- a new gift ban at a state buyer ---
@pytest.mark.parametrize("lang,policy", [
    ("zh", {"name": "禁止送礼", "since": "2027-02-20"}),
    ("zh", {"name": "no_gifts", "since": "2027-01-05"}),
    ("zh", [{"name": "禁止送礼", "since": "2027-03-01"}, {"name": "no_entertainment", "since": "2026-05-01"}]),
    ("en", {"name": "no gifts", "since": "2027-02-20"}),
    ("en", {"name": "no_gifts", "since": "2026-12-20"}),
    ("en", [{"name": "no_gifts"}, {"name": "no_entertainment", "since": "2027-03-01"}]),
])
def test_a_new_gift_ban_at_a_state_buyer_is_complied_with_in_the_paths_own_action(advisor, lang, policy):
    actions = _actions(advisor, _account(lang, policies=policy if isinstance(policy, list) else [policy]))
    first = actions[0]
    assert first.rule == CONDUCT, [a.rule for a in actions[:3]]
    assert first.serves == "unblock" and first.level == "fix_problem"
    # the open-compliance step is said in it, not beside it
    assert "core.compliance.comply-openly" in first.merged_rules
    assert "core.compliance.comply-openly" not in [a.rule for a in actions]
    assert ("采购路径" if lang == "zh" else "buying process") in first.what[lang]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_conduct_path_is_silent_without_a_new_gift_ban_at_a_state_buyer(advisor, lang):
    new_gifts = [{"name": "no_gifts", "since": "2027-02-20"}]
    # a private buyer: comply openly, no state path
    rules = [a.rule for a in _actions(advisor, _account(lang, ownership="private", policies=new_gifts))]
    assert CONDUCT not in rules and "core.compliance.comply-openly" in rules
    # an entertainment ban alone may change what the account buys, not how: the compliance step answers it
    rules = [a.rule for a in _actions(advisor, _account(lang, policies=[{"name": "no_entertainment", "since": "2027-02-20"}]))]
    assert CONDUCT not in rules and "core.compliance.comply-openly" in rules
    # a ban in force for years is known to all: no news to comply with
    assert CONDUCT not in [a.rule for a in _actions(advisor, _account(lang, policies=[{"name": "no_gifts", "since": "2024-01-01"}]))]


# ---------------------------------------------------------------- a closing window at a state buyer ---
WINDOWS = [
    ("zh", "陈工说他们计划3月底前把改造方案定下来,赶在开春施工前。"),
    ("zh", "王科长说局里打算3月25日开会定今年的改造项目。"),
    ("zh", "陈工讲3月28日之前要把春季检修的方案报上去。"),
    ("en", "Raj said they plan to settle the upgrade scheme by 28 March, before the spring works start."),
    ("en", "Dana mentioned the authority wants the scope fixed at its 25 March meeting."),
    ("en", "Raj: they expect to finalise the spring works programme around 31 March."),
]


@pytest.mark.parametrize("lang,note", WINDOWS)
def test_a_dated_window_at_a_state_buyer_runs_through_its_buying_path(advisor, lang, note):
    actions = _actions(advisor, _account(lang, note=note))
    rules = [a.rule for a in actions]
    assert WINDOW in rules[:1], rules[:3]
    assert "core.openings.window-closing" not in rules   # the window's aim is in the path's action


@pytest.mark.parametrize("lang,note", [WINDOWS[0], WINDOWS[3]])
def test_the_window_path_is_silent_at_a_private_buyer(advisor, lang, note):
    assert WINDOW not in [a.rule for a in _actions(advisor, _account(lang, note=note, ownership="private"))]


# ------------------------------------------------------------------------------ a peer's figures ---
@pytest.mark.parametrize("lang,words", [
    ("zh", "你们说省钱,谁家用过?跟我们一样规模的,一年省了多少?"),
    ("zh", "有没有跟我们差不多的厂在用?拿数字给我看。"),
    ("zh", "别讲形容词,同行用下来效果怎么样,带我去看看。"),
    ("en", "Who else like us is actually running it, and what did it save them?"),
    ("en", "Show me a plant our size that uses it, with real numbers."),
    ("en", "Brochures don't convince me. Take me to someone who has it running."),
])
def test_a_peers_figures_serve_the_first_deal_and_rank_on_the_decision_path(advisor, lang, words):
    data = _account(lang, objection=words, ownership="private")
    data["references"] = [{"name": "东营同泰热力" if lang == "zh" else "Lakeside Water Co", "similar": True,
                           "figures": "两年省电18%,停机从每年6次降到1次" if lang == "zh"
                           else "18% less power over two years, stoppages down from 6 to 1 a year",
                           "consent": True}]
    actions = _actions(advisor, data)
    proof = next(a for a in actions if "core.objection.trust-prove-with-reference" in a.merged_rules)
    assert proof.serves == "pursue_opportunity" and proof.level == "unblock"
    assert proof.rank <= 3, [a.rule for a in actions[:3]]

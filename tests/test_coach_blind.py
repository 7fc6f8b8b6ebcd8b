"""benchmarks/coach.py --blind on two example accounts of the implementer's own (not the blind set)."""
from __future__ import annotations

import shutil

from .conftest import ROOT, load_benchmark

EXAMPLE = ROOT / "tests" / "data" / "coach-example"


def test_blind_mode_counts_first_right_misfires_upkeep_and_promises(tmp_path, capsys):
    coach = load_benchmark("coach")
    coach.run_blind(EXAMPLE, coach.load_ranker(None), verbose=True)
    out = capsys.readouterr().out
    assert "#1 right 2/2 (100%); the coach's first in the top three 2/2; misfires in top 5: 0; " \
           "upkeep above a specific action: 0; promises due/overdue outside top 3: 0" in out
    # the same accounts judged by expectations they do not meet: #1 wrong, a misfire counted, a bad file reported
    for name in ("pumps.yaml", "yiyuan.yaml"):
        shutil.copy(EXAMPLE / name, tmp_path / name)
    (tmp_path / "broken.yaml").write_text("name: [\n", encoding="utf-8")
    (tmp_path / "expectations.yaml").write_text(
        "as_of: 2026-11-23\naccounts:\n"
        "  pumps.yaml: {lang: en, teaching: complaint, first: {serves: fix_problem},"
        " not_top5: [{any: [rate card], why: test}]}\n"
        "  yiyuan.yaml: {lang: zh, teaching: soe_buying, first: {serves: keep_promise, who: [刘院长]}}\n"
        "  broken.yaml: {lang: en, first: {serves: upkeep}}\n", encoding="utf-8")
    coach.run_blind(tmp_path, coach.load_ranker(None), verbose=True)
    out = capsys.readouterr().out
    assert "broken.yaml: ERROR" in out
    # pumps: the promise is #1 and the plan-vs-industry fix #2 — in the top three, not first; yiyuan: nobody
    # called 刘院长 anywhere — missed
    assert "#1 right 0/3 (0%); the coach's first in the top three 1/3; misfires in top 5: 1;" in out
    assert "pumps.yaml: #1 WRONG (in the top three: yes)" in out
    assert "yiyuan.yaml: #1 WRONG (in the top three: no)" in out
    assert "teachings (2): #1 0; top 3 1; missed 1" in out
    assert "top 3: complaint (pumps.yaml)" in out and "missed: soe_buying (yiyuan.yaml)" in out


def test_gift_leaks_count_only_the_words_the_advisor_wrote(advisor):
    """An account named "… Incentive Travel" under a no-gift policy: its name fills many actions' text, yet no action
    offers a gift (the old counter found 8 leaks on such an account's clean top five)."""
    from advisor.accounts.account import Account

    coach = load_benchmark("coach")
    account = Account.model_validate({
        "name": "Harbour Incentive Travel", "stage": "maintain", "policies": ["no_gifts"],
        "sales": {"last_12m": 700000, "prior_12m": 1000000, "last_order": "2026-11-01"},
        "contacts": [{"name": "Mia Tan", "roles": ["purchaser", "decider"], "met": True}]})
    packset, candidates, ranking, _ = coach.advise(advisor, account, coach.load_ranker(None))
    assert any("Incentive" in a.what["en"] for a in ranking.actions)  # the name is in the text …
    assert coach.measure(packset, candidates, ranking, account)["gift_leaks"] == 0  # … and is not counted
    # a gift word the advisor itself wrote is still found
    rule = next(r for r in packset.rules if r.id == "core.keep.holiday-greeting")
    action = next(a for a in ranking.actions if a.rule == "core.category.declining-find-cause")
    assert coach.found(coach.written(rule, action, "en"), "en", tuple(packset.gift_words["gift"].en))


def test_a_ruled_out_phrase_right_after_a_negation_is_no_misfire():
    """"don't cut the price" advises against what the coach ruled out; "cut the price" alone advises it."""
    coach = load_benchmark("coach")
    assert not coach.asserted("went to acme: don't cut the price. confirm why", "cut the price")
    assert not coach.asserted("do not offer a discount yet", "discount")
    assert not coach.asserted("先了解原因,不要先拼返点", "拼返点")
    assert coach.asserted("cut the price by 5% to win it back", "cut the price")
    assert coach.asserted("ask for a discount budget", "discount")
    # one negated and one plain occurrence: the plain one counts
    assert coach.asserted("don't offer a discount now; next month offer a discount", "discount")
    # a negation carries over a list joined by "or" (neither is advised), not over "and" (a second instruction)
    assert not coach.asserted("answer it with a peer, not a brochure or a discount: pick one", "discount")
    assert not coach.asserted("用同类客户回答,而不是宣传册或折扣:挑一家", "折扣")
    assert coach.asserted("don't wait and offer a discount today", "discount")
    assert coach.asserted("不要等,直接给折扣", "折扣")


def test_a_ruled_out_phrase_only_in_the_buyers_quoted_words_is_no_misfire():
    """An action that quotes the buyer ("just send me a per-head price") does not advise what the quote asks for;
    the same words outside the quote, or a quoted promise of the rep's own, are advice and count."""
    coach = load_benchmark("coach")
    said = ("honestly just send me your proposal and a per-head price",)
    text = "don't answer “honestly just send me your proposal and a per-head price” with a price list"
    assert not coach.asserted(text, "per-head price", said)
    assert not coach.asserted("先问需求,再回“你们先报个价吧”", "先报个价", ("你们先报个价吧",))
    assert coach.asserted("先问需求,再回“你们先报个价吧”", "先报个价")  # without the buyer's words it is advice
    assert coach.asserted(text + "; send a per-head price today", "per-head price", said)
    assert coach.asserted('go back with what was agreed — "send the revised rate card by 13 nov"', "rate card", said)


def test_a_ruled_out_name_is_judged_by_whom_the_action_is_addressed_to():
    """A name ruled out ("Neil Shaw has left") forbids turning to that person: an action addressed to him is a
    misfire; one addressed to his successor that names him as the matter (a handover) is not; one addressed to
    nobody is a misfire unless it says he has gone. Phrases that are not a name are judged by the words."""
    from types import SimpleNamespace as Act

    coach = load_benchmark("coach")
    names = ["neil shaw", "fiona grant", "孔经理", "杜经理"]
    handover = "meet fiona grant, who took over from neil shaw, and hand over what was agreed with neil shaw"
    assert not coach.ruled_out(Act(contact="Fiona Grant"), handover, "neil", names)
    assert coach.ruled_out(Act(contact="Neil Shaw"), "call neil shaw this week about the renewal", "neil", names)
    assert coach.ruled_out(Act(contact=None), "call neil this week about the renewal", "neil", names)
    assert not coach.ruled_out(Act(contact=None), "neil shaw has left: find who decides now", "neil", names)
    # zh: the new buyer is addressed, the old one named in the handover; the old one addressed is a misfire
    zh = "孔经理已离开:一周内拜见接任的杜经理,把与孔经理谈定的事交接清楚"
    assert not coach.ruled_out(Act(contact="杜经理"), zh, "孔经理", names)
    assert coach.ruled_out(Act(contact="孔经理"), "本周致电孔经理,问问有什么不顺", "孔经理", names)
    # a phrase holding a verb as well as the name is what it says, whoever receives the action
    assert coach.ruled_out(Act(contact="杜经理"), "请杜经理帮忙,拜访孔经理", "拜访孔经理", names)
    # not a name: the words decide, as before
    assert coach.ruled_out(Act(contact="Fiona Grant"), "offer fiona a first-order discount", "discount", names)


def test_a_ruled_out_phrase_inside_another_word_is_no_misfire():
    """A ruled-out phrase counts only where it begins a word: "stall" is not in "installation", "5%" not in "+25%",
    "3%" not in "-23%" — but a CJK phrase stands wherever it is found (Chinese has no spaces)."""
    coach = load_benchmark("coach")
    assert not coach.asserted("talk as if agreed (delivery date, installation)", "stall")
    assert not coach.asserted("plan at least that much (industry +18% → plan +25%)", "5%")
    assert not coach.asserted("last quarter's sales -23% on the quarter before", "3%")
    assert coach.asserted("if he stalls, agree a date", "stall")
    assert coach.asserted("offer 5% off to close it", "5%")
    assert coach.asserted("给他们降价3%", "3%")
    assert coach.asserted("这次先打折扣", "折扣")


def test_a_ruled_out_gift_the_customer_forbids_is_no_misfire():
    """"The customer forbids gifts" (禁止送礼, 严禁宴请, 不得收礼) speaks of the ban, not of a gift to give."""
    coach = load_benchmark("coach")
    assert not coach.asserted("告诉上司:对方禁止送礼和非公务招待", "送礼")
    assert not coach.asserted("新规严禁宴请,照办", "宴请")
    assert not coach.asserted("职工不得收礼,我们完全遵守", "收礼")
    assert coach.asserted("年底给采购送礼", "送礼")


def test_a_second_coachs_first_moves_are_counted_beside_the_writers(tmp_path, capsys):
    """expectations-second.yaml: #1 right against the writer, the second coach and either; coaches-agree.yaml:
    how often the second coach signs the writer's first move. The example's pumps account leads with its promise."""
    coach = load_benchmark("coach")
    for name in ("pumps.yaml", "yiyuan.yaml"):
        shutil.copy(EXAMPLE / name, tmp_path / name)
    (tmp_path / "expectations.yaml").write_text(
        "as_of: 2026-11-23\naccounts:\n"
        "  pumps.yaml: {lang: en, first: {serves: fix_problem}}\n"
        "  yiyuan.yaml: {lang: zh, first: {serves: upkeep}}\n", encoding="utf-8")
    (tmp_path / "expectations-second.yaml").write_text(
        "accounts:\n"
        "  pumps.yaml: {lang: en, first: {serves: keep_promise}, not_top5: [{any: [zzzz], why: never said}]}\n"
        "  yiyuan.yaml: {lang: zh, first: {serves: upkeep}}\n", encoding="utf-8")
    (tmp_path / "coaches-agree.yaml").write_text(
        "accounts:\n  pumps.yaml: {agree: false, why: the promise first}\n  yiyuan.yaml: {agree: true, why: same}\n",
        encoding="utf-8")
    coach.run_blind(tmp_path, coach.load_ranker(None), verbose=True)
    out = capsys.readouterr().out
    assert "pumps.yaml: #1 WRONG (in the top three: yes)" in out and "second coach: #1 right" in out
    assert ("two coaches (2 accounts with a second coach's first move): #1 = the writer's first 0/2; = the second "
            "coach's first 1/2; = either coach's first 1/2 (50%); either coach's first in the top three 1/2; misfires "
            "by the second coach's not_top5: 0; the second coach signs the writer's first move on 1/2") in out
    # without the second coach's file the line is not printed
    (tmp_path / "expectations-second.yaml").unlink()
    coach.run_blind(tmp_path, coach.load_ranker(None), verbose=False)
    assert "two coaches" not in capsys.readouterr().out


def test_due_promises_outside_the_top_three_count_ours_and_the_customers_dated_ones_only():
    """A customer's undated step ("they will send the PO") is due only on the pack's default days, a date nobody
    promised: it is not counted as a promise lost below the top three. Ours always is; the customer's on a date
    written is too (session 16)."""
    from types import SimpleNamespace

    coach = load_benchmark("coach")

    def act(rule, key=None, promise=False, due=30):
        return SimpleNamespace(rule=rule, what={"en": rule, "zh": rule}, serves="fix_problem", level="fix_problem",
                               contact=None, role_label=None, promise=promise, tags=[], due_offset=due,
                               promise_key=key)

    def fact(key, by, assumed):
        return {"kind": "promise", "key": key, "by": by, "due_assumed": assumed, "status": "open", "due_in_days": -3}

    top = [act("a"), act("b"), act("c")]
    expect = {"first": {"serves": "fix_problem"}}
    for by, assumed, counted in (("customer", True, 0), ("customer", False, 1), ("rep", True, 1), ("rep", False, 1)):
        advice = SimpleNamespace(actions=top + [act("chase", key="p1", promise=True, due=-3)],
                                 facts=[fact("p1", by, assumed)])
        assert coach.blind_measure(advice, expect, "en")["promises_out"] == counted, (by, assumed)
        # … and with no action for it at all, the same count: lost from the list
        advice = SimpleNamespace(actions=top, facts=[fact("p1", by, assumed)])
        assert coach.blind_measure(advice, expect, "en")["promises_out"] == counted, (by, assumed)

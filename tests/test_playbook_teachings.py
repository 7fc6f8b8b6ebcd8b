"""The playbook's case teachings (issue 23), each on a realistic account a coach would sign.

Every fixture below was written as a rep would record the account, before the rules that answer
it; the test holds the coach's reading of it: what comes first (or in the top three), and what
must not appear in the top five. The rule-level cases (fires / stays silent) are beside the rules
in rules/<pack>/tests/; these check the ranked list as a whole, with the account's default packs.
"""
from __future__ import annotations

from advisor import load_account

from .conftest import AS_OF, FIXTURES

ACCOUNTS = FIXTURES / "accounts"


def _advise(advisor, fixture, lang=None):
    advice = advisor.advise(load_account(ACCOUNTS / fixture), as_of=AS_OF)
    assert advice.errors == []
    return advice


def _behind(action) -> set[str]:
    """Every rule behind an action, merged ones included."""
    return set(action.merged_rules) | {action.rule}


def _top(advice, n=5) -> list[set[str]]:
    return [_behind(a) for a in advice.actions[:n]]


def test_complaint_late_fix_comes_first_and_the_asks_wait(advisor):
    """004 · 后街KTV案例: the promised fix is five days late — escalate and apologise before anything
    else; the fixed invoice error is confirmed with the buyer; no cross-sell or bundle while it is open."""
    advice = _advise(advisor, "complaint-late-fix-packaging.yaml")
    first = advice.actions[0]
    assert first.rule == "core.complaints.escalate-late-fix"
    assert first.contact == "Jonas Meier" and first.due_offset <= 0  # today, or the overdue step merged in
    assert "replacement sealing head" in first.what["en"] and "2026-11-18" in first.what["en"]
    # the overdue next step with the same person is the same conversation: merged, not repeated
    assert "core.visits.follow-up-script" in first.merged_rules
    top3 = set().union(*_top(advice, 3))
    assert "core.complaints.confirm-the-fix" in top3
    held = {s.rule for s in advice.suppressed if s.by_rule == "core.complaints.no-asks-while-open"}
    assert {"core.keep.cross-sell", "core.keep.bundle-full-line"} <= held
    assert not any("core.keep.cross-sell" in rules for rules in _top(advice))


def test_dealer_money_and_contract_before_the_project(advisor):
    """004 · 王强案例 水到渠成: a dealer asked to finance a 60万 project — the money (垫资, a purchase contract,
    pay then pick up) and the main brand's limits are checked first; the project is not pitched yet."""
    advice = _advise(advisor, "dealer-financing-unchecked.yaml")
    check = next(a for a in advice.actions[:3] if a.rule == "core.dealer.check-money-and-contract")
    assert check.contact == "孙总"
    assert "进货合同" in check.what["zh"] and "打款提货" in check.what["zh"] and "县医院空调工程" in check.what["zh"]
    fired = {k[0] for k in advice.fired}
    assert "core.dealer.lead-with-first-deal" not in fired
    assert "core.dealer.first-deal-with-peer-figures" not in fired


def test_dealer_after_the_check_gets_the_pitch_with_the_peer_figures(advisor):
    """The same dealer once the money and B品牌's contract are checked: the first deal is put to 孙总 with 恒通电器's
    figures (004 · 水到渠成: 物美商贸 一年能做900多万 …), and the plain pitch gives way to it."""
    account = load_account(ACCOUNTS / "dealer-financing-unchecked.yaml")
    checked = account.model_copy(update={"dealer": account.dealer.model_copy(
        update={"financing_checked": True, "brand_contract_checked": True})})
    advice = advisor.advise(checked, as_of=AS_OF)
    pitch = next(a for a in advice.actions[:5] if a.rule == "core.dealer.first-deal-with-peer-figures")
    assert "恒通电器" in pitch.what["zh"] and "一年做800多万" in pitch.what["zh"]
    assert any(s.rule == "core.dealer.lead-with-first-deal" and s.by_rule == pitch.rule for s in advice.superseded)
    assert "core.dealer.check-money-and-contract" not in {a.rule for a in advice.actions}


def test_reference_figures_lead_an_integrators_first_deal(advisor):
    """A peer's figures as proof (004 · 水到渠成): Keystone Automation's numbers are in the first-deal pitch."""
    advice = _advise(advisor, "reference-first-deal-integrator.yaml")
    # top three: only the outline promised to Dana for the 27th may come before it
    pitch = next(a for a in advice.actions[:3] if a.rule == "core.dealer.first-deal-with-peer-figures")
    assert pitch.contact == "Dana Whitfield"
    assert "Keystone Automation" in pitch.what["en"] and "from 9 to 5 days" in pitch.what["en"]
    assert "core.dealer.lead-with-first-deal" not in {a.rule for a in advice.actions}  # the plain pitch gave way
    assert "core.dealer.check-money-and-contract" not in {k[0] for k in advice.fired}  # an integrator, not a dealer


def test_exclusivity_gets_territory_and_targets_never_agree_then_test(advisor):
    """「要我们主推你们,就得给我们全县独家代理」: ask which term and why (窜货), protection tied to targets and a
    review date, cleared with your own management — #1; the stall answer ("agree, then test") is not given."""
    advice = _advise(advisor, "exclusivity-county-dealer.yaml")
    first = advice.actions[0]
    assert first.rule == "core.objection.exclusivity-territory" and first.contact == "周总"
    assert "窜货" in first.what["zh"] and "评估" in first.what["zh"] and "领导" in first.what["zh"]
    words = " ".join(a.what["en"] for a in advice.actions)
    assert "then test it" not in words
    assert not any(r & {"core.objection.stall-next-step", "core.objection.terms-clarify"} for r in _top(advice))


def test_state_owned_buyer_gets_its_buying_path(advisor):
    """003 · 六、大客戶開發策略: a state-owned utility subsidiary — who approves, tender or not, the budget calendar."""
    advice = _advise(advisor, "soe-grid-project.yaml")
    path = next(a for a in advice.actions[:3] if a.rule == "core.buying.map-state-buying-path")
    # the purchasing section head knows the rules, though not met yet (session 15 tried the met technical head instead;
    # the blind set accounts-v18 showed both coaches going to the unmet purchasing head: tests/test_met_role.py)
    assert path.contact == "刘科长"
    assert "招标" in path.what["zh"] and "预算" in path.what["zh"] and "审批" in path.what["zh"]


def test_no_proposal_before_the_needs_are_confirmed(advisor):
    """001 · 争取销售权利: the rep marked the needs as unconfirmed at the proposal step — hold the proposal (top three)."""
    advice = _advise(advisor, "needs-before-proposal.yaml")
    hold = next(a for a in advice.actions[:3] if a.rule == "core.steps.needs-before-proposal")
    assert "Fleet telematics, 140 trucks" in hold.what["en"]
    assert not any("core.steps.propose-fab" in r for r in _top(advice))


def test_the_teaching_set_scores_every_first_action_right(advisor):
    """fixtures/teachings/expectations.yaml (the blind-set format, not blind) names each teaching fixture's coach
    reading; benchmarks/coach.py --blind fixtures/teachings scores it. Held here: every #1 serves what the coach
    put first (or accepts), goes to the right person, and nothing the coach ruled out reaches the top five."""
    from advisor.files.yamlio import load_yaml_file

    folder = FIXTURES / "teachings"
    spec, _ = load_yaml_file(folder / "expectations.yaml")
    accounts = spec["accounts"]
    assert sorted(accounts[f]["teaching"] for f in accounts) == sorted(
        ["complaint", "dealer_financing", "reference_figures", "exclusivity", "soe_buying", "earning_the_right"])
    for file, expect in sorted(accounts.items()):
        advice = advisor.advise(load_account(folder / file), as_of=AS_OF)
        top, lang, first = advice.actions[0], expect["lang"], expect["first"]
        assert top.serves in [first["serves"], *first.get("also_ok", [])], (file, top.rule, top.serves)
        assert not first.get("who") or top.contact in first["who"], (file, top.contact)
        assert not first.get("any") or any(p in top.what[lang].lower() for p in first["any"]), (file, top.what[lang])
        top5 = " ".join(a.what[lang].lower() for a in advice.actions[:5])
        for rule_out in expect.get("not_top5", []):
            assert not any(p in top5 for p in rule_out["any"]), (file, rule_out["why"])


def test_an_unmapped_state_buyer_path_carries_who_decides_and_ranks_above_other_unblocking(advisor):
    """003 · 六 (一) 4 / (二) 2: at a state-owned buyer whose decider is unknown, "who approves at this amount" is
    the buying path — one action (find-decider merged into it), due within the week, above the other steps that
    unblock the decision."""
    from advisor.accounts.account import Account
    account = Account.model_validate({
        "name": "省能源数据中心", "ownership": "state_owned", "customer_type": "end_customer", "stage": "needs",
        "contacts": [{"name": "张工", "roles": ["expert", "initiator"], "met": True},
                     {"name": "采购部", "roles": ["purchaser"], "met": False}],
        "opportunities": [{"name": "UPS扩容", "amount": 4500000, "stage": "needs"}]})
    advice = advisor.advise(account, as_of=AS_OF)
    unblock = [a for a in advice.actions if a.level == "unblock"]
    assert unblock[0].rule == "core.buying.map-state-buying-path" and unblock[0].due_offset == 7
    assert "core.roles.find-decider" in unblock[0].merged_rules
    assert not [a for a in advice.actions if a.rule == "core.roles.find-decider"]


def _account(data):
    from advisor.accounts.account import Account
    return Account.model_validate(data)


def test_a_distributor_that_buys_gets_the_money_check_for_a_financed_project_not_the_new_dealer_steps(advisor):
    """004 · 王强案例 水到渠成: a distributor buying every month is asked to advance a rollout for months (垫资) —
    its orders showed the money for orders, not for this: the money and the main brand's contract come first,
    and no new dealer's "agree the cooperation and the first order" reaches the list."""
    account = _account({
        "name": "Gulfline Accessories", "customer_type": "distributor", "stage": "propose",
        "sales": {"last_12m": 900000, "prior_12m": 800000, "last_order": "2026-11-10"},
        "contacts": [{"name": "Omar Haddad", "roles": ["decider"], "is_boss": True, "met": True},
                     {"name": "Ravi Shah", "roles": ["purchaser", "influencer"], "met": True}],
        "visits": [{"date": "2026-11-18", "contact": "Ravi Shah", "outcome": "positive",
                    "note": "The chain pays 90 days after installation; stock and fixtures to be advanced for 5 months."}],
        "opportunities": [{"name": "Retail chain rollout", "amount": 2500000, "stage": "propose"}]})
    advice = advisor.advise(account, as_of=AS_OF)
    first = advice.actions[0]
    assert first.rule == "core.dealer.check-money-and-contract" and first.contact == "Omar Haddad"
    fired = {k[0] for k in advice.fired}
    assert not fired & {"core.dealer.cooperation-before-first-quote", "core.dealer.lead-with-first-deal"}


def test_a_dealer_asking_for_proof_gets_the_peer_figures_first(advisor):
    """004 · 水到渠成 (物美商贸 一年能做900多万 …): a new dealer doubts the brand will sell in his county; a similar
    reference with figures is on file — its name and figures answer him first, ahead of the new dealer's steps; no
    money check holds a first stock order nobody asked him to finance."""
    account = _account({
        "name": "丰田农机", "customer_type": "dealer", "stage": "propose",
        "contacts": [{"name": "贾老板", "roles": ["decider"], "is_boss": True, "met": True}],
        "objections": [{"contact": "贾老板", "date": "2026-11-20",
                        "text": "你们这个牌子这边没人卖过,进了货卖不动怎么办?让我看看别人卖得怎么样。"}],
        "references": [{"name": "亳州金穗农机", "figures": "代理第三年营业额约1450万、净利约120万", "consent": True}],
        "opportunities": [{"name": "首批订货", "amount": 2600000, "stage": "propose"}]})
    advice = advisor.advise(account, as_of=AS_OF)
    first = advice.actions[0]
    assert first.rule == "core.objection.trust-prove-with-reference" and first.contact == "贾老板"
    assert "亳州金穗农机" in first.what["zh"] and "1450万" in first.what["zh"]
    assert "core.dealer.check-money-and-contract" not in {k[0] for k in advice.fired}


def test_a_buyer_asking_the_price_first_gets_needs_first_above_meeting_the_decider(advisor):
    """001 · 争取销售权利 (Prepare → Open → Needs → Propose → Close): at the first meeting the buyer wants only a
    price list to compare; nothing is known of the needs and the decider is unmet. The first step answers the
    demand on the table — a needs meeting with the users, the price inside the proposal — and the "agree, then
    send exactly that" answer is not given."""
    account = _account({
        "name": "Corvane Labs", "stage": "open", "customer_type": "end_customer", "buying_pattern": "project",
        "contacts": [{"name": "Mia Holt", "roles": ["purchaser", "gatekeeper"], "met": True},
                     {"name": "Dr. Evan Rudd", "roles": ["user", "expert"], "met": False},
                     {"name": "Lena Ortiz", "roles": ["decider"], "senior": True, "met": False}],
        "objections": [{"contact": "Mia Holt", "date": "2026-11-20",
                        "text": "Just email me your price list, we'll compare it with the others and get back to you."}],
        "opportunities": [{"name": "Lab automation", "amount": 300000, "stage": "open"}]})
    advice = advisor.advise(account, as_of=AS_OF)
    first = advice.actions[0]
    assert first.rule == "core.steps.needs-before-price" and first.contact == "Mia Holt"
    assert "needs meeting" in first.what["en"]
    assert "core.objection.stall-next-step" not in {a.rule for a in advice.actions}
    assert any(a.rule == "core.roles.meet-decider" for a in advice.actions[:3])


# proof before price (issue 23, session 8): a question of who got the result, a demand to see a peer, beside a price
# point — in wording of our own, three phrasings each in English and Chinese
_PROOF_BESIDE_PRICE = [
    ("en", "Your margin is thinner than the house brands I carry.",
     "You keep saying dealers do well with it. Which dealer around here has actually made money on it?"),
    ("en", "At that price my contractors will walk to the cheaper pump.",
     "Has anybody in the valley saved real money with these pumps, or is it all brochure?"),
    ("en", "Twelve percent over what we pay now is hard to swallow.",
     "Show me a plant like ours that has run your coating for a couple of years."),
    ("zh", "你们这个价,下面的店拿了也赚不了几个点。", "说得好听,到底哪几家批发商靠你们的牌子赚到钱了?"),
    ("zh", "比我们现在用的贵了将近两成。", "有没有哪家跟我们差不多的厂,用了一年真的省下来了?"),
    ("zh", "價錢比舊供應商高一截。", "你話慳電,邊間酒店用咗真係慳到?"),
]


def _proof_account(lang, price_words, proof_words, references=True, same_buyer=True, proof_kind=None):
    boss, buyer = ("Kofi Mensah", "Ama Owusu") if lang == "en" else ("韩总", "采购小罗")
    data = {
        "name": "Harbourline Trading" if lang == "en" else "沧州恒达商贸", "customer_type": "dealer", "stage": "open",
        "contacts": [{"name": boss, "roles": ["decider"], "is_boss": True, "met": True},
                     {"name": buyer, "roles": ["purchaser", "influencer"], "met": True}],
        "objections": [{"contact": buyer, "date": "2026-11-19", "text": price_words},
                       {"contact": boss if not same_buyer else buyer, "date": "2026-11-19", "text": proof_words,
                        **({"kind": proof_kind} if proof_kind else {})}],
        "opportunities": [{"name": "First stocking order" if lang == "en" else "首批进货", "amount": 400000,
                           "stage": "open"}]}
    if references:
        data["references"] = [{"name": "Northgate Supplies" if lang == "en" else "保定聚丰商贸", "similar": True,
                               "consent": True, "figures": "2.8M in year two, 14 points gross" if lang == "en"
                               else "第二年做到280万、毛利14个点"}]
    return _account(data)


def _rank_of(advice, rule) -> int:
    return next((i for i, a in enumerate(advice.actions) if rule in _behind(a)), len(advice.actions))


import pytest  # noqa: E402 — the parametrised tests below


@pytest.mark.parametrize("lang,price_words,proof_words", _PROOF_BESIDE_PRICE)
def test_a_live_proof_request_is_answered_with_the_references_figures_before_any_price_answer(
        advisor, lang, price_words, proof_words):
    """004 · 王强案例 水到渠成: the buyer asks who made it pay (or to see a peer) and says something about the price; a
    consenting reference with figures is on file. Its name and figures answer first, with a visit; the price point
    waits for the proof (core.objection.price-after-the-proof), and no price probe ranks above the proof."""
    advice = advisor.advise(_proof_account(lang, price_words, proof_words), as_of=AS_OF)
    first = advice.actions[0]
    assert first.rule == "core.objection.trust-prove-with-reference"
    assert ("Northgate Supplies" in first.what["en"] and "2.8M" in first.what["en"]) if lang == "en" else \
        ("保定聚丰商贸" in first.what["zh"] and "280万" in first.what["zh"])
    assert _rank_of(advice, "core.objection.price-probe") == len(advice.actions)  # no probe while the proof waits
    assert _rank_of(advice, "core.objection.price-after-the-proof") > 0


@pytest.mark.parametrize("lang,price_words,proof_words", _PROOF_BESIDE_PRICE[:2] + _PROOF_BESIDE_PRICE[3:5])
def test_with_no_reference_on_file_the_proof_request_gets_find_one_like_them_above_the_price(
        advisor, lang, price_words, proof_words):
    """The same requests from another person at an account with no reference recorded: the answer is to find a customer
    like them with figures and arrange the visit — above the price point, which still waits for the proof."""
    advice = advisor.advise(_proof_account(lang, price_words, proof_words, references=False, same_buyer=False),
                            as_of=AS_OF)
    find = _rank_of(advice, "core.objection.find-a-reference-to-visit")
    assert find < len(advice.actions)
    assert find < _rank_of(advice, "core.objection.price-after-the-proof") < len(advice.actions)
    assert _rank_of(advice, "core.objection.price-probe") == len(advice.actions)


@pytest.mark.parametrize("lang,price_words", [(lang, price) for lang, price, _ in _PROOF_BESIDE_PRICE])
def test_a_price_point_with_no_proof_asked_is_probed_as_before(advisor, lang, price_words):
    """Silent where it should be: the same price words with a harmless second remark — nobody asked for proof — get the
    price probe, and the proof-before-price hold stays silent, reference on file or not."""
    other = "Send the spec sheet to my email." if lang == "en" else "规格书发我邮箱。"
    advice = advisor.advise(_proof_account(lang, price_words, other), as_of=AS_OF)
    fired = {k[0] for k in advice.fired}
    assert "core.objection.price-after-the-proof" not in fired
    assert "core.objection.trust-prove-with-reference" not in fired


@pytest.mark.parametrize("kind", ["feature", "need", "stall"])
@pytest.mark.parametrize("lang,price_words,proof_words", _PROOF_BESIDE_PRICE[::2] + _PROOF_BESIDE_PRICE[3:4])
def test_the_proof_answers_a_proof_request_whatever_kind_the_words_are_given(
        advisor, lang, price_words, proof_words, kind):
    """The kind stated on the request stands for a reader's other reading of it (a feature, a need, a stall): the words
    still ask for proof, and the proof — the reference's figures, or finding one — is that objection's answer, first."""
    advice = advisor.advise(_proof_account(lang, price_words, proof_words, proof_kind=kind), as_of=AS_OF)
    assert advice.actions[0].rule == "core.objection.trust-prove-with-reference"
    bare = advisor.advise(_proof_account(lang, price_words, proof_words, references=False, proof_kind=kind),
                          as_of=AS_OF)
    assert _rank_of(bare, "core.objection.find-a-reference-to-visit") < _rank_of(
        bare, "core.objection.price-after-the-proof") < len(bare.actions)

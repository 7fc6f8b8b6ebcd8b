"""The step each open deal is at in earning the right to sell (issue 23; seed 001 · 二、IBM的销售模式
争取销售权利: Prepare → Open → Needs → Propose → Close).

A deal's recorded stage says where the rep has put it; the step says where the sale has earned the right
to be, from what has been established:

- the deal's own stage, not the account's: a customer at ``maintain`` with a second project open is
  selling that project from its own step. A new deal at a customer who already buys, with no stage of
  its own, starts at needs — the account is known, the new need is not. A deal whose stage is ahead of
  the step the rep gives the whole account (a deal at propose, the account at needs) is at the account's;
- nobody at the customer met yet: the sale is at most at open — no needs without a conversation;
- the needs not established (the rep ticked ``needs_confirmed: false``, or the account's notes, a visit's
  note or an objection say so: "we have not yet asked the needs questions", 需求数据还没系统问过,
  "come back when you understand our problem", 别一上来就给我报价 — the packs' vocabulary
  ``needs_open``; also the rep's "didn't get to budget", which a needs analysis asks): the sale is at
  most at needs, whatever the stage says;
- a decider new in the post whom nobody has heard out yet (never met, or met only in passing:
  advisor/accounts/newdecider.py): a deal at propose or close is at needs — the needs on file are the predecessor's
  or the users', and the right to propose is earned again with the one who now decides (session 17);
- at close with no decider met: the sale is at propose — there is nobody yet to close with;
- at propose with no quote out while nobody who owns the need has been met — the decider unmet and every expert on
  file unmet (the one who will judge what it must do): the sale is at needs — a proposal would rest on needs passed on
  second-hand by a coordinator or a buyer (session 16, issue 22: "send me your best price" from the IT coordinator, the
  IT manager who decides and knows what the fleet must survive never met).

Only what the facts show lowers a step; a stage with nothing against it stands. Each open deal gets
``step``, ``step_stated`` (the stage it was read from), ``step_behind`` and ``step_basis`` (why it is
lower), ``needs_open`` and ``contact`` (who the step is worked with: a met contact who knows the needs —
an expert or a user — else the latest met). The account gets ``deal_step``: the earliest step of its
open deals. Bookkeeping only; what each step asks for is the packs' (rules/core/selling-right.yaml).
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from .account import Account
from .history import bought_from_us
from .unasked import not_asked

ORDER = ("prepare", "open", "needs", "propose", "close")
# who knows what the purchase must do: the needs questions go to them first (002 · 2.决策影响: the expert and the user)
NEEDS_ROLES = ("expert", "user")

CATALOG: dict[str, dict[str, tuple[str, str]]] = {
    "account": {"deal_step": ("text", "the earliest step of the open deals (opportunity.step); absent without one"),
                "needs_unasked": ("bool", "the rep's own notes record a question of the needs not asked (as "
                                          "opportunity.needs_unasked, for rules that test the account)")},
    "opportunity": {
        "step": ("text", "the step the sale has earned for this open deal: prepare / open / needs / propose / close — "
                         "its stage, lowered by what is not established (advisor/accounts/steps.py)"),
        "step_stated": ("text", "the stage the step was read from: the deal's own, else the account's; a new deal "
                                "at a customer who buys, with no stage, is at needs"),
        "step_behind": ("bool", "the step is lower than the stage stated (the stage ran ahead of the sale)"),
        "step_basis": ("text", "why the step is what it is: stage / account_stage / new_deal_at_customer / nobody_met "
                               "/ needs_not_established / new_decider / decider_not_met / needs_owner_not_met"),
        "needs_open": ("bool", "the needs are known not to be established: needs_confirmed ticked false, or the "
                               "notes, a visit's note or an objection say so (vocabulary needs_open)"),
        "needs_unasked": ("text", "the rep's own record of a question not asked, as written (\"didn't ask how many "
                                  "beds\", 没问床位数: advisor/accounts/unasked.py) — it makes the needs open; absent "
                                  "when none is recorded or needs_confirmed is ticked"),
        "contact": ("text", "who the deal's step is worked with: a met expert or user, else the latest met contact; "
                            "absent when nobody is met"),
    },
    "promise": {
        "before_the_deal": ("bool", "made at a prospect whose sale is still before the proposal: nothing bought from "
                                    "us (no sales, no deal won) and the deal's step — else the account's stage — at "
                                    "prepare, open or needs; a late step of the customer's there makes no decided "
                                    "deal slip (advisor/accounts/steps.py)"),
    },
}
CATALOG_ZH: dict[str, dict[str, str]] = {
    "account": {"deal_step": "进行中商机里最靠前的步骤(opportunity.step);没有进行中的商机时不存在",
                "needs_unasked": "销售自己的记录写明有需求问题没问(同 opportunity.needs_unasked,供检验客户整体的规则使用)"},
    "opportunity": {
        "step": "这单实际挣到的销售步骤:prepare / open / needs / propose / close——按其阶段,再按尚未确立的事实往回调"
                "(advisor/accounts/steps.py)",
        "step_stated": "步骤所依据的阶段:商机自己的,否则客户的;老客户的新商机没写阶段时为 needs",
        "step_behind": "步骤比写明的阶段靠前(阶段跑到了销售前面)",
        "step_basis": "步骤的依据:stage / account_stage / new_deal_at_customer / nobody_met / needs_not_established / "
                      "new_decider / decider_not_met / needs_owner_not_met",
        "needs_open": "已知需求尚未确立:needs_confirmed 标为 false,或备注、拜访记录、异议中这样写(词表 needs_open)",
        "needs_unasked": "销售自己记下的没问的问题原话(“didn't ask how many beds”、没问床位数:advisor/accounts/unasked.py)"
                         "——据此需求未确立;没有记下或已勾选 needs_confirmed 时不存在",
        "contact": "这一步要找谁推进:已见过的专家或使用者,否则最近见过的联系人;谁都没见过时不存在",
    },
    "promise": {
        "before_the_deal": "发生在销售尚未到出方案阶段的准客户处:从未向我们买过(无销售、无赢单),商机步骤(没有时看客户阶段)在 "
                           "prepare、open 或 needs;客户在这里拖延的一步不会让一个已定的单子下滑(advisor/accounts/steps.py)",
    },
}


def _rank(step: str) -> int:
    return ORDER.index(step)


def _stated(stage: Optional[str], account_stage: Optional[str], buys: bool) -> tuple[Optional[str], str]:
    if stage in ORDER:
        return stage, "stage"
    if account_stage in ORDER:
        return account_stage, "account_stage"
    if buys:
        return "needs", "new_deal_at_customer"
    return None, "stage"


def _earned(stated: str, account_stage: Optional[str]) -> tuple[str, Optional[str]]:
    """The deal's stage, or the account's where the rep put the whole sale at an earlier step: a deal marked
    propose at an account the rep keeps at needs has not earned its proposal (neither says the sale is further)."""
    if account_stage in ORDER and _rank(account_stage) < _rank(stated):
        return account_stage, "account_stage"
    return stated, None


def _step_contact(account: Account, gone: set[str]) -> Optional[str]:
    met = [c for c in account.contacts if c.met and c.name not in gone]
    if not met:
        return None
    last: dict[str, Any] = {}
    for v in account.visits:
        if v.contact:
            last[v.contact] = max(last.get(v.contact, v.date), v.date)
    knows = [c for c in met if set(c.roles) & set(NEEDS_ROLES)] or met
    visited = [c for c in knows if c.name in last]
    # the latest visited (the first written on a tie); none visited: the first written
    return max(visited, key=lambda c: last[c.name]).name if visited else knows[0].name


def mark(facts: list[dict[str, Any]], account: Account, a: dict[str, Any],
         reads_needs_open: Callable[..., bool]) -> None:
    """Set the step facts on every open opportunity fact and ``deal_step`` on the account fact ``a`` (in
    place); ``reads_needs_open(*texts)`` finds the packs' needs_open words (wordlists.matcher)."""
    gone = {f["name"] for f in facts if f["kind"] == "contact" and f.get("departed")}
    anyone_met = any(c.met and c.name not in gone for c in account.contacts)
    flag = account.facts.get("needs_confirmed")
    words = reads_needs_open(account.notes, *(v.note for v in account.visits),
                             *(o.text for o in account.objections if not o.answered))
    # the rep's own notes recording a question not asked ("没问床位数", "never asked who pays"): the needs analysis
    # has not been done, whatever the stage says (001 · 争取销售权利: the needs before the proposal)
    # (and the prospect's bottleneck, the rep's own line on what stands before a first order: "不知道他们日处理量")
    bottleneck = account.prospect.bottleneck if account.prospect else None
    unasked = None if flag is True else not_asked(account.notes, bottleneck, *(v.note for v in account.visits))
    needs_open = flag is False or (flag is not True and (words or unasked))
    # on the account too: a rule whose other tests are the account's reads it without a join (session 9 round 2 — at a
    # state buyer the buying path comes before the needs questions, except where the rep's notes say he never asked them)
    a["needs_unasked"] = bool(unasked)
    contact = _step_contact(account, gone)
    # who will judge what the purchase must do (002 · 2.决策影响: the expert), still there
    experts = [c for c in account.contacts if "expert" in c.roles and c.name not in gone]
    steps = []
    for f in facts:
        if f["kind"] != "opportunity" or "won" in f:
            continue
        stated, basis = _stated(f.get("stage"), account.stage, bool(a.get("has_sales_history")))
        f["needs_open"] = bool(needs_open)
        if unasked:
            f["needs_unasked"] = unasked
        if contact:
            f["contact"] = contact
        if stated is None:
            continue
        step, lower = _earned(stated, account.stage)
        basis = lower or basis
        if not anyone_met and _rank(step) > _rank("open"):
            step, basis = "open", "nobody_met"
        elif needs_open and _rank(step) > _rank("needs"):
            step, basis = "needs", "needs_not_established"
        elif a.get("new_decider") and _rank(step) > _rank("needs"):
            # the decider is new in the post and nobody has heard them out (accounts/newdecider.py): what the needs were
            # is what the predecessor or the users said — the right to propose is earned again with the one who decides
            step, basis = "needs", "new_decider"
        elif step == "close" and not a.get("decider_met"):
            step, basis = "propose", "decider_not_met"
        elif step == "propose" and not f.get("quoted") and not a.get("decider_met") and experts \
                and not any(c.met for c in experts):
            step, basis = "needs", "needs_owner_not_met"
        f["step"], f["step_stated"], f["step_basis"] = step, stated, basis
        f["step_behind"] = step != stated
        steps.append(step)
    if steps:
        a["deal_step"] = min(steps, key=_rank)


def mark_promises(facts: list[dict[str, Any]], account: Account, a: dict[str, Any]) -> None:
    """Set ``before_the_deal`` on every promise fact (after ``mark`` and the deal history): at a prospect whose sale has
    not reached the proposal, a step the customer owes is one step on the path, not a decided deal slipping
    (COACHING.md §3; rules/core/promises.yaml). The same for every promise of the account — it is kept on the promise
    so that a rule about one promise reads it without a join."""
    step = a.get("deal_step") or (account.stage if account.stage in ORDER else None)
    early = step in ORDER[:3] and not bought_from_us(a)
    for f in facts:
        if f["kind"] == "promise":
            f["before_the_deal"] = early

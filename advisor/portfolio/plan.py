"""The rep's week: which account needs attention first, and what is due day by day.

``build_plan`` advises on every account of a portfolio (with the rep's feedback
applied when a store is given), scores how much each account needs the rep now
and why, and lays the due actions out over the next ``days`` days. It is pure:
no printing, no files; ``plan_to_json`` gives the documented JSON (the contract
the HTML board builds on) and ``output/plan_formats.py`` renders that document
as text, CSV, Markdown or iCalendar.

The attention score ("need") adds up parts a rep would weigh, each capped so
no single part drowns the others:

    overdue       50 per overdue action (up to 3) + the oldest's days late (up to 20)
    due_soon      8 per action due within 2 days, 4 per other action due in the window (up to 24)
    top_action    30% of the top action's score (priority + urgency + role)
    category      dormant 50, declining 35, fast-growing 15, worth cultivating 5
    last_contact  a third of the days since the last visit (up to 30); 20 when never visited
    value         5·log10(1 + value/10 000), up to 20; value = open opportunities + last 12 months' sales

Overdue work and a dormant account weigh most, so they come first: a rep's
first job is what is already late and the customer slipping away. Ties break on the account name and its file, so the order never depends on the
portfolio's row order.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from ..accounts.account import Account
from ..api import Advice, Advisor
from ..evaluation.rank import Action
from ..files.errors import AdvisorError, choice_hint
from ..output import render
from ..output.plan_formats import action_uid
from . import book as book_mod
from .days import check_days

PLAN_VERSION = 1
# most pressing first: when the packs derive more than one category, the first one here is shown
CATEGORIES = ["dormant", "declining", "fast_growing", "worth_cultivating", "loyal"]
CATEGORY_POINTS = {"dormant": 50, "declining": 35, "fast_growing": 15, "worth_cultivating": 5, "loyal": 0}
DECLINE_POINTS = 15.0  # a declining account's fall adds up to this: -100% reaches a dormant account's 50


@dataclass
class PlanFilters:
    owner: Optional[str] = None
    industry: Optional[str] = None
    category: Optional[str] = None
    due_within: Optional[int] = None  # only actions due within N days (overdue ones included)
    top: int = 0  # accounts shown (0 = all)
    top_actions: int = 5  # actions listed per account (0 = all); the week always has every due action

    def check(self) -> None:
        if self.category is not None and self.category not in CATEGORIES:
            raise AdvisorError(f"unknown category '{self.category}'", fix=choice_hint(self.category, CATEGORIES))


@dataclass
class PlanItem:
    account: str
    file: str
    rule: str
    contact: Optional[str]
    who: str
    what: str
    by: dt.date
    due_in_days: int
    uid: str
    account_rank: int = 0
    action_rank: int = 0
    why: str = ""
    source: str = ""  # the rule's seed citation(s), or "basis: derived"
    owner: Optional[str] = None  # the account's owner and CRM id: where a task export files the action
    crm_id: Optional[str] = None


@dataclass
class PlanAccount:
    account: str
    file: str
    owner: Optional[str]
    industry: Optional[str]
    category: Optional[str]
    need: float
    need_parts: dict[str, float]
    reasons: list[str]
    overdue: int
    due_soon: int
    days_since_contact: Optional[int]
    value_at_stake: float
    advice: Advice
    actions: list[Action]  # the actions considered (after --due-within), ranked as advise ranks them
    rank: int = 0
    crm_id: Optional[str] = None
    tier: Optional[str] = None  # key / potential_key / regular (rules/core/book.yaml)
    potential: Optional[str] = None  # a prospect's A–D
    currency: Optional[str] = None  # of value_at_stake: the account's sales.currency (accounts/money.py adds none up)
    tier_note: Optional[str] = None  # how the tier met the thresholds' currency, when not in its own (tier_note)


@dataclass
class Plan:
    as_of: dt.date
    lang: str
    days: int
    accounts: list[PlanAccount]
    week: list[tuple[dt.date, list[PlanItem]]]
    overdue: list[PlanItem]
    failed: list[tuple[str, str]]
    portfolio: Optional[str] = None
    filters: PlanFilters = field(default_factory=PlanFilters)
    book: book_mod.BookRules = field(default_factory=book_mod.BookRules)
    buckets: dict[str, int] = field(default_factory=dict)  # accounts per attention bucket, before --top


# ------------------------------------------------------------------ scoring ---
def _account_fact(advice: Advice) -> dict:
    return next((f for f in advice.facts if f.get("kind") == "account"), {})


def category_of(advice: Advice) -> Optional[str]:
    values = {f.get("value") for f in advice.derived if f.get("kind") == "category"}
    ranked = [c for c in CATEGORIES if c in values]
    return ranked[0] if ranked else (sorted(v for v in values if v)[0] if any(values) else None)


def value_at_stake(account: Account) -> float:
    open_opps = sum(o.amount or 0 for o in account.opportunities if o.won is None)
    return float(open_opps + (account.sales.last_12m or 0))


@dataclass(frozen=True)
class AccountBrief:
    """What the plan reads of an account: small and plain, so a worker process sends it cheaply."""

    owner: Optional[str]
    industry: Optional[str]
    value_at_stake: float
    currency: str
    crm_id: Optional[str] = None
    warnings: tuple = ()  # the account file's loading warnings (a value cut at a '#'): the CLI lists them on stderr


def brief(account: "Account | AccountBrief") -> AccountBrief:
    if isinstance(account, AccountBrief):
        return account
    return AccountBrief(account.owner, account.industry, value_at_stake(account), account.sales.currency,
                        account.crm_id, tuple(account.warnings))


def brief_advice(advice: Advice) -> Advice:
    """The advice with only what the plan reads (its actions, suppressions, the account and category
    facts): a worker process pickles a few KB per account instead of the whole evaluation."""
    return dataclasses.replace(
        advice, facts=[_account_fact(advice)],
        derived=[f for f in advice.derived if f.get("kind") in ("category", "tier", "potential")],
        superseded=[], fired=[], evaluation=None, errors=[], fingerprints={}, recognitions=[], notes={})


def tier_note(advice: Advice, lang: str) -> Optional[str]:
    """Said beside a tier when the account's sales are in another currency than the pack's tier
    thresholds: converted with the user's rate table, or not compared at all (accounts/bookfacts.py)."""
    fact = _account_fact(advice)
    how, own, theirs = fact.get("tier_amounts"), fact.get("sales_currency"), fact.get("tier_currency")
    if how == "converted":
        return (f"销售额已按汇率表由{own}折合为{theirs},再与分层门槛比较" if lang == "zh" else
                f"sales converted from {own} into {theirs} with the rate table for the tier thresholds")
    if how == "not_comparable":
        return (f"销售以{own}计,分层门槛以{theirs}计,且没有{own}的汇率:按战略价值、增长和份额分层,未比较金额"
                f"(plan --rates 可换算)" if lang == "zh" else
                f"sales in {own}, the tier thresholds in {theirs} and no rate for {own}: tiered on strategic "
                f"value, growth and share of wallet, not on the amounts (plan --rates converts them)")
    return None


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def need_of(account: "Account | AccountBrief", advice: Advice, days: int, lang: str) -> tuple[float, dict, list[str], dict]:
    """(need, parts, reasons, figures) for one advised account."""
    account = brief(account)
    acts = advice.actions
    overdue = [a for a in acts if a.due_offset < 0]
    soon = [a for a in acts if 0 <= a.due_offset < days]
    fact = _account_fact(advice)
    category = category_of(advice)
    since = fact.get("days_since_last_visit")
    since = int(since) if isinstance(since, (int, float)) else None
    value = account.value_at_stake
    oldest = max((-a.due_offset for a in overdue), default=0)
    zh = lang == "zh"

    parts: dict[str, float] = {
        "overdue": float(50 * min(len(overdue), 3) + min(oldest, 20)) if overdue else 0.0,
        "due_soon": float(min(24, sum(8 if a.due_offset <= 2 else 4 for a in soon))),
        # the score without its serves step (issue 22): that level orders one account's list, it is no amount
        "top_action": round(0.3 * (acts[0].score - acts[0].score_parts.get("serves", 0)), 1) if acts else 0.0,
        # a declining account ranks by how deep it fell (its own history: year on year, else last quarter)
        "category": float(CATEGORY_POINTS.get(category or "", 0))
        + (min(DECLINE_POINTS, round(DECLINE_POINTS * _drop(fact), 1)) if category == "declining" else 0.0),
        "last_contact": float(min(30, round(since / 3, 1))) if since is not None else 20.0,
        "value": round(min(20.0, 5 * math.log10(1 + value / 10000)), 1),
    }
    reasons: dict[str, str] = {}
    if overdue:
        reasons["overdue"] = (f"{len(overdue)}项行动已逾期(最久{oldest}天)" if zh else
                              f"{_plural(len(overdue), 'action')} overdue (oldest {_plural(oldest, 'day')})")
    if soon:
        reasons["due_soon"] = (f"{days}天内到期{len(soon)}项" if zh else
                               f"{_plural(len(soon), 'action')} due within {_plural(days, 'day')}")
    if acts:
        reasons["top_action"] = (f"首要行动:{acts[0].title['zh']}(得分{acts[0].score - acts[0].score_parts.get('serves', 0)})" if zh else
                                 f"top action: {acts[0].title['en']} (score {acts[0].score - acts[0].score_parts.get('serves', 0)})")
    if category and parts["category"]:
        reasons["category"] = _category_reason(category, fact, zh)
    if since is None:
        reasons["last_contact"] = "没有拜访记录" if zh else "no visit recorded"
    elif parts["last_contact"]:
        reasons["last_contact"] = f"{since}天未拜访" if zh else f"no visit for {_plural(since, 'day')}"
    if parts["value"]:
        amount = f"{value:,.0f} {account.currency}"
        reasons["value"] = (f"涉及金额{amount}(未结商机+近12个月销售)" if zh else
                            f"value at stake {amount} (open opportunities + last 12 months)")
    order = sorted(reasons, key=lambda k: (-parts[k], list(parts).index(k)))
    figures = {"overdue": len(overdue), "due_soon": len(soon), "category": category,
               "days_since_contact": since, "value_at_stake": value}
    return round(sum(parts.values()), 1), parts, [reasons[k] for k in order], figures


def _drop(fact: dict) -> float:
    """How far sales fell, 0–1: year on year when known, else the last full quarter (history.py)."""
    growth = fact.get("sales_growth")
    if not isinstance(growth, (int, float)):
        growth = fact.get("sales_trend")
    return max(0.0, min(1.0, -growth)) if isinstance(growth, (int, float)) else 0.0


def _category_reason(category: str, fact: dict, zh: bool) -> str:
    days = fact.get("days_since_last_order")
    growth = fact.get("sales_growth")
    trend = fact.get("sales_trend")
    if category == "dormant":
        if isinstance(days, (int, float)):
            return f"休眠客户:{int(days)}天无订单" if zh else f"dormant: no order for {_plural(int(days), 'day')}"
        return "休眠客户" if zh else "dormant"
    label = {"declining": ("下滑客户", "declining"), "fast_growing": ("快速增长客户", "fast-growing"),
             "worth_cultivating": ("值得培养的客户", "worth cultivating"), "loyal": ("忠诚客户", "loyal")}
    zh_label, en_label = label.get(category, (category, category))
    if isinstance(growth, (int, float)):
        return f"{zh_label}:销售{growth * 100:+.0f}%" if zh else f"{en_label}: sales {growth * 100:+.0f}%"
    if isinstance(trend, (int, float)):
        return (f"{zh_label}:上一季度销售{trend * 100:+.0f}%" if zh else
                f"{en_label}: sales {trend * 100:+.0f}% last quarter")
    return zh_label if zh else en_label


# ------------------------------------------------------------------ the plan ---
def _keep(account: Account, category: Optional[str], f: PlanFilters) -> bool:
    if f.owner is not None and (account.owner or "").casefold() != f.owner.casefold():
        return False
    if f.industry is not None and account.industry != f.industry:
        return False
    if f.category is not None and category != f.category:
        return False
    return True


def build_plan(rows, advisor: Advisor, *, as_of: dt.date, days: int = 7, lang: str = "en",
               filters: PlanFilters = PlanFilters(), store=None, packs: list[str] | None = None,
               portfolio: str | None = None, progress: Callable[[], None] | None = None,
               advised: Optional[list] = None, book: Optional[book_mod.BookRules] = None, rates=None) -> Plan:
    """Rank the portfolio's accounts by need and lay out the next ``days`` days.

    ``rows`` are (label, loader) pairs as ``portfolio_rows`` gives them; a bad row
    becomes a ``failed`` entry and the plan goes on. ``advised`` may pass
    (label, account, advice | error) triples computed elsewhere (``advise_for_plan``: a worker pool);
    there ``account`` may be an AccountBrief and ``advice`` a ``brief_advice``. ``book`` is what the
    pack set says about tiers and the week (``book.book_rules``); by default read from the core pack set.
    ``rates`` (``accounts.money.Rates``) puts accounts in other currencies on the tier thresholds' scale.
    """
    filters.check()
    days = check_days(days)  # before any account is advised
    results = advised if advised is not None else advise_here(rows, advisor, as_of, store, packs, progress, rates)
    accounts: list[PlanAccount] = []
    failed: list[tuple[str, str]] = []
    for label, account, outcome in results:
        if isinstance(outcome, str):
            failed.append((label, outcome))
            continue
        planned = plan_account(label, account, outcome, days, lang, filters)
        if planned is not None:
            accounts.append(planned)
    accounts.sort(key=lambda p: (-p.need, p.account, p.file))
    buckets = count_buckets(accounts)
    if filters.top:
        accounts = accounts[: filters.top]
    for i, p in enumerate(accounts, start=1):
        p.rank = i

    by_day: dict[dt.date, list[PlanItem]] = {as_of + dt.timedelta(days=i): [] for i in range(days)}
    overdue: list[PlanItem] = []
    for p in accounts:
        for item in account_items(p, as_of, days, lang):
            (overdue if item.due_in_days < 0 else by_day[item.by]).append(item)
    for items in by_day.values():
        items.sort(key=lambda it: (it.account_rank, it.action_rank))
    overdue.sort(key=lambda it: (it.due_in_days, it.account_rank, it.action_rank))
    failed.sort()
    if book is None:
        book = book_mod.book_rules(advisor.load(list(packs) if packs else ["core"])[0])
    return Plan(as_of=as_of, lang=lang, days=days, accounts=accounts, week=sorted(by_day.items()),
                overdue=overdue, failed=failed, portfolio=portfolio, filters=filters, book=book, buckets=buckets)


def count_buckets(accounts) -> dict[str, int]:
    counts: dict[str, int] = {}
    for p in accounts:
        bucket = book_mod.bucket_of(p.tier, p.potential)
        if bucket:
            counts[bucket] = counts.get(bucket, 0) + 1
    return counts


def plan_account(label: str, account: "Account | AccountBrief", advice: Advice, days: int, lang: str,
                 filters: PlanFilters) -> Optional[PlanAccount]:
    """One advised account as the plan sees it (rank 0 until the book is ranked), or None when filtered out."""
    account = brief(account)
    need, parts, reasons, fig = need_of(account, advice, days, lang)
    if not _keep(account, fig["category"], filters):
        return None
    acts = advice.actions
    if filters.due_within is not None:
        acts = [a for a in acts if a.due_offset <= filters.due_within]
        if not acts:
            return None
    return PlanAccount(account=advice.account, file=label, owner=account.owner, industry=account.industry,
                       category=fig["category"], need=need, need_parts=parts, reasons=reasons,
                       overdue=fig["overdue"], due_soon=fig["due_soon"], days_since_contact=fig["days_since_contact"],
                       value_at_stake=fig["value_at_stake"], advice=advice, actions=acts,
                       tier=book_mod.tier_of(advice), potential=book_mod.potential_of(advice), crm_id=account.crm_id,
                       currency=account.currency, tier_note=tier_note(advice, lang))


def account_items(p: PlanAccount, as_of: dt.date, days: int, lang: str) -> list[PlanItem]:
    """The account's actions that belong in the plan: overdue ones and those due within the window."""
    end = as_of + dt.timedelta(days=days)
    out = []
    for a in p.actions:
        if a.due_offset < 0 or as_of <= a.by < end:
            out.append(PlanItem(account=p.account, file=p.file, rule=a.rule, contact=a.contact,
                                who=render.who_text(a, lang), what=a.what[lang], by=a.by, due_in_days=a.due_offset,
                                uid=action_uid(p.account, a.rule, a.contact), account_rank=p.rank,
                                action_rank=a.rank, why=a.why[lang],
                                source="; ".join(a.source) if a.source else f"basis: {a.basis}",
                                owner=p.owner, crm_id=p.crm_id))
    return out


def advise_for_plan(rows, config, jobs: int | None = None, timeout: float | None = 30.0,
                    row_func: Optional[Callable] = None) -> list:
    """(label, AccountBrief, brief Advice | error) per row, advised in ``jobs`` worker processes.

    ``config`` is a ``batch.BatchConfig`` (its format fields are not used). Each worker loads the
    packs once; a row that fails, crashes its worker or runs past ``timeout`` seconds becomes that
    row's error and the others are advised. The feedback store is read here, once, before the
    workers start: they get its events with the config and never open the SQLite file.
    ``iter_advised`` gives the same triples one at a time (a streamed plan keeps none of them).
    """
    return list(iter_advised(rows, config, jobs=jobs, timeout=timeout, row_func=row_func))


def iter_advised(rows, config, jobs: int | None = None, timeout: float | None = 30.0,
                 row_func: Optional[Callable] = None, dask: object = None):
    """``advise_for_plan``'s triples as they come, in portfolio order: in ``jobs`` worker processes,
    or on a Dask cluster (``dask``: a scheduler address or a Client; then ``jobs`` does not apply)."""
    return _triples(iter_results(row_func or plan_row, rows, config, jobs=jobs, timeout=timeout, dask=dask))


# Rows per Dask task. Each task costs a scheduler round trip, a message each way and (with a time
# limit) a hand-over to the Dask worker's child process; at 32 rows a task the planning process and
# the scheduler did that 3,125 times for 100k accounts. 128 rows keep the per-task cost under a
# hundredth of the rows' own while two workers still get several tasks each from the first rows on.
DASK_PLAN_CHUNK = 128


def iter_results(row_func: Callable, rows, config, jobs: int | None = None, timeout: float | None = 30.0,
                 dask: object = None):
    """``pool.Result`` of ``row_func`` per row, in portfolio order, in ``jobs`` worker processes or on
    Dask; each worker set up once by ``batch.start_worker`` (the feedback store read here, once)."""
    if config.store is not None:
        config.store.events()
    if dask is not None:
        from . import dask_run

        return dask_run.imap_rows(row_func, rows, config, dask, timeout=timeout, chunksize=DASK_PLAN_CHUNK)
    from . import pool
    from .batch import start_worker

    in_process = (jobs or os.cpu_count() or 1) <= 1
    return pool.imap(row_func, rows, jobs=jobs, initializer=start_worker,
                     initargs=(config, not in_process), timeout=timeout, chunksize=16)


def _triples(results):
    for result in results:
        if result.error is not None:
            yield result.row.label, None, result.error
        else:
            yield (result.row.label, *result.value)


def plan_row(ref) -> tuple:
    """In a worker (after ``batch.start_worker``): (AccountBrief, brief Advice), or (None, error)."""
    from .batch import _STATE

    config = _STATE["config"]
    try:
        account = ref.load()
        advice = _STATE["advisor"].advise(account, as_of=config.as_of,
                                          packs=list(config.packs) if config.packs else None, store=config.store,
                                          rates=config.rates)
    except AdvisorError as exc:
        return None, str(exc)
    return brief(account), brief_advice(advice)


def advise_here(rows, advisor: Advisor, as_of: dt.date, store=None, packs=None, progress=None, rates=None):
    """(label, Account, Advice | error) per row, advised in this process one at a time (``--jobs 1``)."""
    for label, load in rows:
        try:
            account = load()
            outcome = (label, account, advisor.advise(account, as_of=as_of, packs=packs, store=store, rates=rates))
        except AdvisorError as exc:
            outcome = (label, None, str(exc))
        except Exception as exc:  # noqa: BLE001 — a program error on one row fails that row, never the plan
            outcome = (label, None, f"{type(exc).__name__}: {' '.join(str(exc).split())}")
        finally:
            if progress:
                progress()
        yield outcome


# ------------------------------------------------------------------- JSON ---
def item_json(it: PlanItem) -> dict[str, Any]:
    return {"account": it.account, "rule": it.rule, "contact": it.contact, "who": it.who, "what": it.what,
            "by": it.by.isoformat(), "due_in_days": it.due_in_days, "uid": it.uid, "file": it.file,
            "action_rank": it.action_rank, "why": it.why, "source": it.source, "owner": it.owner,
            "crm_id": it.crm_id}


def account_json(p: PlanAccount, lang: str, top_actions: int, book: book_mod.BookRules) -> dict[str, Any]:
    """One account's entry in the plan document (``rank`` is ``p.rank``: 0 until the book is ranked)."""
    return {
        "rank": p.rank,
        "account": p.account,
        "file": p.file,
        "owner": p.owner,
        "industry": p.industry,
        "category": p.category,
        # the key-account tier (or a prospect's potential), the rule that set it and its seed section
        "tier": book_mod.class_json("tier", p.tier, book, lang, note=p.tier_note),
        "potential": book_mod.class_json("potential", p.potential, book, lang),
        "need": p.need,
        "need_parts": p.need_parts,
        "reasons": p.reasons,
        "overdue": p.overdue,
        "due_soon": p.due_soon,
        "days_since_contact": p.days_since_contact,
        "value_at_stake": p.value_at_stake,
        "currency": p.currency,
        "actions": [render.action_json(a, p.advice, lang)
                    for a in (p.actions if top_actions <= 0 else p.actions[:top_actions])],
        "total_actions": len(p.actions),
        "suppressed": len(p.advice.suppressed),
        # what the rep's own feedback hides here (never silently): who, when, until, why
        "feedback": [render.suppressed_json(x, lang) for x in p.advice.suppressed
                     if x.by_rule.startswith("feedback:")],
    }


def plan_header(as_of: dt.date, lang: str, days: int, portfolio: Optional[str], f: PlanFilters) -> dict[str, Any]:
    """The plan document's fields before its lists (shared with the streamed document, plan_stream.py)."""
    return {
        "version": PLAN_VERSION,
        "as_of": as_of.isoformat(),
        "lang": lang,
        "days": days,
        "portfolio": portfolio,
        "filters": {"owner": f.owner, "industry": f.industry, "category": f.category,
                    "due_within": f.due_within, "top": f.top, "top_actions": f.top_actions},
    }


def plan_to_json(plan: Plan) -> dict[str, Any]:
    """The ``advisor plan --format json`` document (version 1; see README "The rep's week")."""
    f = plan.filters
    return {
        **plan_header(plan.as_of, plan.lang, plan.days, plan.portfolio, f),
        "attention": book_mod.attention(plan.buckets, plan.book, plan.lang),
        "accounts": [account_json(p, plan.lang, f.top_actions, plan.book) for p in plan.accounts],
        "week": [{"date": day.isoformat(), "items": [item_json(it) for it in items]} for day, items in plan.week],
        "overdue": [item_json(it) for it in plan.overdue],
        "failed": [{"file": label, "error": error} for label, error in plan.failed],
    }

"""What an account is about, and how much each action of its top five is about it (issue 22, session 13).

The hand-written ranking orders actions by what they serve, then by score; on new accounts the coach's first is in the
top three far more often than it is #1 (36 vs 27 of 40). Session 12's probe found that the actions' own attributes do
not tell the coach's first from the two beside it. This module describes the other side — the account — so a probe
(benchmarks/rerank_probe.py) can test whether crossing the two does:

- ``Context``: the account's readings as flags (the situation reader's kinds, an open complaint, an overdue promise, a
  lost deal, a decline against the account's own rhythm, an open opportunity and its stage, an unmet decider, a new
  policy, the relationship type, an ownership change, how long since the last visit / order), and its words — the
  latest record (the newest dated visit's note and next step, the objections of that day or later) and all its text;
- ``features``: per action, its own attributes, those crossed with the account's flags, and how strongly the latest
  record and the whole account talk about what the action says (the share of the action's own words — not the words
  every action of the five shares — found there).

Words are lower-cased Latin words of three letters or more (a short stop list out) and Han character pairs, so one
reading serves en and zh alike. Pure Python, deterministic, no account ids or rule ids.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

_LATIN = re.compile(r"[a-z][a-z0-9'\-]{2,}")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_STOP = frozenset("""the and for with that this from your you their they them what when will have has had was were are
not but all any can may its his her who whom which about into than then there these those been being would could
should our ours out also only more most very just over such each other before after while until once here one two
does did done how why per via get got make made give let say said says tell told ask asked""".split())
RECENT_DAYS = 30


def words(text: str) -> set[str]:
    """The content words of a text: Latin words (3+ letters, not a stop word) and Han character pairs."""
    text = (text or "").lower()
    out = {w.strip("'-") for w in _LATIN.findall(text)} - _STOP
    for run in _HAN.findall(text):
        out.update(run[i:i + 2] for i in range(len(run) - 1))
        if len(run) == 1:
            out.add(run)
    return {w for w in out if w}


@dataclass
class Context:
    flags: set[str] = field(default_factory=set)
    latest: set[str] = field(default_factory=set)  # the newest dated record's words
    recent: set[str] = field(default_factory=set)  # the records of the last RECENT_DAYS days before it
    everything: set[str] = field(default_factory=set)  # every text of the account
    latest_contact: str = ""  # the person of the newest visit


def _bucket(days, cuts=(14, 30, 90, 180)) -> str:
    if days is None:
        return "none"
    for c in cuts:
        if days <= c:
            return f"<={c}"
    return f">{cuts[-1]}"


def context_of(account, facts: list[dict], as_of: dt.date) -> Context:
    """The account's readings (flags) and words, from its enriched facts and its record."""
    a = next((f for f in facts if f.get("kind") == "account"), {})
    flags: set[str] = set()
    for t in a.get("situation_types") or []:
        flags.add("sit:" + t)
    for f in facts:
        k = f.get("kind")
        if k == "situation" and f.get("type"):
            flags.add("sit:" + f["type"])
        elif k == "opening" and f.get("type"):
            flags.add("opening:" + f["type"])
        elif k == "objection" and not f.get("answered") and (f.get("days_ago") is None or f["days_ago"] <= 90):
            for kind in f.get("kinds") or []:
                flags.add("objection:" + kind)
        elif k == "opportunity" and f.get("won") is None:
            flags.add("opp_open")
            if f.get("stage"):
                flags.add("opp_stage:" + f["stage"])
        elif k == "opportunity" and f.get("won") is False:
            flags.add("deal_lost")
        elif k == "deal" and f.get("status") == "lost":
            flags.add("deal_lost")
    if a.get("open_complaint_count"):
        flags.add("complaint_open")
    if a.get("overdue_promise_count"):
        flags.add("promise_overdue")
    if a.get("open_promise_count"):
        flags.add("promise_open")
    if a.get("unmet_decider_count"):
        flags.add("decider_unmet")
    if not a.get("decider_known"):
        flags.add("decider_unknown")
    if a.get("policies"):
        flags.add("policy")
        if a.get("newest_policy_days") is not None and a["newest_policy_days"] <= 90:
            flags.add("policy_new")
    if (a.get("sales_growth") or 0) <= -0.1 or (a.get("sales_trend") or 1) < 0.85:
        flags.add("sales_down" if not a.get("within_rhythm") else "sales_down_in_rhythm")
    if (a.get("order_gap_ratio") or 0) > 1.5:
        flags.add("order_late")
    if (a.get("plan_gap") or 0) < 0:
        flags.add("plan_below_market")
    for key in ("ownership_changed", "succession_pending", "dealer_account", "needs_unasked", "proof_pending",
                "quoted_before_cooperation", "open_tender_count", "open_quoted_count", "open_objection_count",
                "unserved_prospect", "dissatisfied_count"):
        if a.get(key):
            flags.add(key)
    for key in ("customer_type", "buying_pattern", "stage", "last_visit_outcome"):
        if a.get(key):
            flags.add(f"{key}:{a[key]}")
    flags.add("visit:" + _bucket(a.get("days_since_last_visit")))
    flags.add("order:" + _bucket(a.get("days_since_last_order"), (30, 90, 365)))

    dated: list[tuple[dt.date, str, str]] = []  # (day, text, person)
    for v in account.visits:
        dated.append((v.date, " ".join(x for x in (v.note, v.next_step) if x), v.contact or ""))
    for o in account.objections:
        if o.date is not None:
            dated.append((o.date, o.text, o.contact or ""))
    dated = [d for d in dated if d[0] <= as_of]
    latest, recent, person = set(), set(), ""
    if dated:
        newest = max(d[0] for d in dated)
        for day, text, who in sorted(dated, key=lambda d: (d[0], d[2])):
            if day == newest:
                latest |= words(text)
                person = person or who
            elif (newest - day).days <= RECENT_DAYS:
                recent |= words(text)
    texts = [account.notes or ""] + [d[1] for d in dated] + [o.text for o in account.objections if o.date is None]
    texts += [p.what for p in getattr(account, "promises", []) or []]
    texts += [c.what for c in getattr(account, "complaints", []) or []]
    return Context(flags=flags, latest=latest, recent=recent | latest,
                   everything=set().union(*map(words, texts)), latest_contact=person)


def action_words(action) -> set[str]:
    return words(action.what.get("en", "")) | words(action.what.get("zh", ""))


def _share(mine: set[str], there: set[str]) -> float:
    return len(mine & there) / math.sqrt(len(mine)) if mine else 0.0


GROUPS = ("own", "pos", "cross", "family", "tagcross", "text", "textcross", "fresh")


def features(actions: list, ctx: Context, groups=GROUPS) -> list[dict[str, float]]:
    """One feature dict per action of ``actions`` (the top five, in rank order)."""
    bags = [action_words(a) for a in actions]
    common = set.intersection(*bags) if len(bags) > 1 else set()  # what every action says: no signal
    own_bags = [b - common for b in bags]
    shares = [_share(b, ctx.latest) for b in own_bags]
    best = max(shares) if shares else 0.0
    days = [a.evidence_days for a in actions]
    freshest = min((d for d in days if d is not None), default=None)
    out = []
    for i, (a, bag) in enumerate(zip(actions, own_bags)):
        serves = a.serves or ("keep_promise" if a.level == "due_promise" else a.level)
        f: dict[str, float] = {}
        if "own" in groups:
            f.update({"serves=" + serves: 1, "level=" + a.level: 1, "family=" + a.family: 1, f"pos={i + 1}": 1,
                      "generic": float(a.generic), "promise": float(a.promise), "contact": float(bool(a.contact)),
                      "named": float(a.named), "due<=3": float(a.due_offset <= 3), "due>14": float(a.due_offset > 14)})
            f.update({"tag=" + t: 1 for t in a.tags})
            for p in ("priority", "urgency", "role", "trigger", "industry"):
                f["part=" + p] = (a.score_parts or {}).get(p, 0) / 20
        if "pos" in groups:
            f[f"pos={i + 1}"] = 1
        if "cross" in groups:
            f.update({f"{serves}&{flag}": 1 for flag in ctx.flags})
        if "family" in groups:
            f.update({f"fam:{a.family}&{flag}": 1 for flag in ctx.flags})
        if "fresh" in groups:  # how fresh the dated facts behind the action are (Action.evidence_days)
            d = days[i]
            f["undated"] = float(d is None)
            f["fresh<=7"] = float(d is not None and d <= 7)
            f["fresh<=30"] = float(d is not None and d <= 30)
            f["freshest"] = float(d is not None and d == freshest)
            f[f"freshest&{serves}"] = f["freshest"]
        if "tagcross" in groups:
            f.update({f"tag:{t}&{flag}": 1 for t in a.tags for flag in ctx.flags})
        if "text" in groups:
            f["latest_share"] = shares[i]
            f["latest_best"] = float(best > 0 and shares[i] == best)
            f["recent_share"] = _share(bag, ctx.recent)
            f["all_share"] = _share(bag, ctx.everything)
            f["to_latest_person"] = float(bool(a.contact) and a.contact == ctx.latest_contact)
        if "textcross" in groups:
            f[f"latest_share&{serves}"] = shares[i]
            f[f"latest_best&{serves}"] = float(best > 0 and shares[i] == best)
            f[f"to_latest_person&{serves}"] = float(bool(a.contact) and a.contact == ctx.latest_contact)
        out.append(f)
    return out

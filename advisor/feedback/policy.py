"""Apply the rep's feedback to a ranking: what is hidden, until when, and why.

- done: hidden while the facts it rested on are unchanged (its fingerprint);
- snooze: hidden until the chosen date (back on that date);
- dismiss: hidden while the facts are unchanged, like done; and once an account
  and rule have been dismissed ``dismiss_limit`` times, the rule stays quiet for
  that account ``dismiss_quiet_days`` days after the last dismissal whatever the
  facts (a contact policy, as in Pega; both are core pack parameters).

The latest event that applies wins (a snooze after a done reopens the question).
An event without --contact applies to every target of the rule at the account.
Events recorded after the as-of date are ignored, so a re-run as of an earlier
date gives the same bytes. Nothing is hidden silently: every hidden action is
listed in ``suppressed`` with who, when and why, and the trace shows it.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from ..evaluation.rank import Action, Ranking, Suppressed, explain_order

if TYPE_CHECKING:
    from .store import Event

DEFAULTS = {
    "dismiss_limit": 3,  # dismissals of one rule at one account before the quiet period
    "dismiss_quiet_days": 30,  # days the rule stays quiet after that
}


@dataclass
class FeedbackSuppressed(Suppressed):
    """A suppressed entry whose reason is the rep's own feedback, not a rule."""

    verb: str = ""  # done / snooze / dismiss / dismiss-limit
    at: Optional[dt.date] = None
    until: Optional[dt.date] = None
    note: Optional[str] = None
    recorded_by: Optional[str] = None


def param(params: dict, name: str) -> int:
    return int(params.get(name, DEFAULTS[name]))


def _reason(verb: str, e: Event, until: Optional[dt.date], count: int = 0) -> dict[str, str]:
    who_en = f" by {e.by}" if e.by else ""
    who_zh = f"({e.by})" if e.by else ""
    note_en = f": {e.note}" if e.note else ""
    note_zh = f":{e.note}" if e.note else ""
    if verb == "done":
        return {"en": f"done on {e.at}{who_en}{note_en}; back when its facts change",
                "zh": f"已于{e.at}完成{who_zh}{note_zh};相关事实变化时再出现"}
    if verb == "snooze":
        return {"en": f"snoozed on {e.at}{who_en} until {until}{note_en}",
                "zh": f"已于{e.at}推迟{who_zh},至{until}再出现{note_zh}"}
    if verb == "dismiss":
        return {"en": f"dismissed on {e.at}{who_en}{note_en}; back when its facts change",
                "zh": f"已于{e.at}放弃{who_zh}{note_zh};相关事实变化时再出现"}
    return {"en": f"dismissed {count} times (last on {e.at}{who_en}{note_en}); contact policy: quiet until {until}",
            "zh": f"已放弃{count}次(最近一次{e.at}{who_zh}{note_zh});按接触策略静默至{until}"}


def _hidden_by(a: Action, events: list[Event], fingerprints: dict, as_of: dt.date, params: dict):
    """(verb, event, until, count) when feedback hides this action, else None."""
    target = a.contact or ""
    rules = {a.rule, *getattr(a, "merged_rules", ())}  # feedback on any rule merged into this action counts
    mine = [e for e in events if e.rule in rules and e.at <= as_of]
    dismissals = [e for e in mine if e.verb == "dismiss"]
    limit = param(params, "dismiss_limit")
    if limit > 0 and len(dismissals) >= limit:
        last = max(dismissals, key=lambda e: (e.at, e.id))
        quiet_until = last.at + dt.timedelta(days=param(params, "dismiss_quiet_days"))
        if as_of < quiet_until:
            return "dismiss-limit", last, quiet_until, len(dismissals)
    # an event on one promise (``promise:<key>``) applies to that promise's action only
    targets = {"", target} | ({f"promise:{a.promise_key}"} if getattr(a, "promise_key", None) else set())
    applicable = [e for e in mine if e.contact in targets]
    if not applicable:
        return None
    latest = max(applicable, key=lambda e: (e.at, e.id))
    if latest.verb == "snooze":
        return ("snooze", latest, latest.until, 0) if latest.until and as_of < latest.until else None
    # done / dismiss: hidden while the facts are what they were when the rep decided
    current = fingerprints.get((latest.rule, latest.contact))
    if latest.fingerprint and current == latest.fingerprint:
        return latest.verb, latest, None, 0
    return None


def apply(ranking: Ranking, events: list[Event], fingerprints: dict, as_of: dt.date, params: dict) -> Ranking:
    """A new ranking without the actions feedback hides; they move to ``suppressed``."""
    if not events:
        return ranking
    kept: list[Action] = []
    hidden: list[Suppressed] = []
    for a in ranking.actions:
        why = _hidden_by(a, events, fingerprints, as_of, params)
        if why is None:
            kept.append(a)
            continue
        verb, e, until, count = why
        hidden.append(FeedbackSuppressed(rule=a.rule, contact=a.contact, what=a.what,
                                         reason=_reason(verb, e, until, count), by_rule=f"feedback:{verb}",
                                         verb=verb, at=e.at, until=until, note=e.note, recorded_by=e.by))
    if not hidden:
        return ranking
    actions = [dataclasses.replace(a, rank=i) for i, a in enumerate(kept, start=1)]
    explain_order(actions)  # a hidden action no longer stands between two others
    suppressed = sorted(ranking.suppressed + hidden, key=lambda s: (s.rule, s.contact or ""))
    return dataclasses.replace(ranking, actions=actions, suppressed=suppressed)


def fingerprint_key(rule: str, contact: Optional[str]) -> tuple[str, str]:
    return rule, contact or ""

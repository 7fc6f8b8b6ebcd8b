"""Checking a piece of feedback before it is stored, and listing what was stored.

A rep types account, rule and contact by hand, so each is checked where it can
be: the rule against the loaded packs, the contact against the account file,
and for done / dismiss that the rule gives that action now (its fingerprint is
what "done" is remembered against). ``force`` records it anyway.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from ..files.errors import AdvisorError, choice_hint, did_you_mean
from .store import VERBS, Event

SNOOZE_DEFAULT_DAYS = 7


def make_event(verb: str, account: str, rule: str, contact: Optional[str], *, as_of: dt.date,
               until: Optional[dt.date] = None, note: Optional[str] = None, by: Optional[str] = None,
               known_rules: Optional[set[str]] = None, known_contacts: Optional[list[str]] = None,
               fingerprints: Optional[dict] = None, force: bool = False, promise: Optional[str] = None,
               promises: Optional[dict[str, tuple]] = None) -> Event:
    """The event to store, or a one-line AdvisorError saying what is wrong and how to fix it.

    ``known_contacts`` and ``fingerprints`` are None when only the account's name is known.
    ``promises`` (key → (contact, what)) are the promises the rule keeps now at the account: feedback on
    such a rule names one promise (``promise``, or the only one there is), stored as the target
    ``promise:<key>`` — so "done" on one promise leaves the others of the same contact listed.
    """
    if verb not in VERBS:
        raise AdvisorError(f"unknown feedback '{verb}'", fix="use one of: " + ", ".join(VERBS))
    if not force and known_rules is not None and rule not in known_rules:
        hint = did_you_mean(rule, known_rules) or "see `advisor pack show core` for rule ids"
        raise AdvisorError(f"no rule '{rule}' in the loaded packs", fix=f"{hint} (or pass --force to record it anyway)")
    if contact and not force and known_contacts is not None and contact not in known_contacts:
        hint = choice_hint(contact, known_contacts) if known_contacts else "this account has no contacts"
        raise AdvisorError(f"'{contact}' is not a contact of {account}", fix=f"{hint} (or pass --force)")
    target = _target(verb, account, rule, contact, promise, promises, force)
    fingerprint = None
    if verb in ("done", "dismiss"):
        if fingerprints is None and not force:
            raise AdvisorError(f"{verb} needs the account file, to remember the facts the action rests on",
                               fix="pass the account's .yaml file instead of its name (or --force)")
        fingerprint = (fingerprints or {}).get((rule, target))
        if fingerprint is None and not force:
            whom = f" for {contact}" if contact else ""
            raise AdvisorError(f"{rule} gives no action{whom} at {account} as of {as_of}; nothing to mark {verb}",
                               fix="check the rule and --contact against `advisor advise` (or pass --force)")
    if verb == "snooze":
        until = until or as_of + dt.timedelta(days=SNOOZE_DEFAULT_DAYS)
        if until <= as_of:
            raise AdvisorError(f"--until {until} is not after the as-of date {as_of}", fix="snooze to a later date")
    elif until is not None:
        raise AdvisorError(f"--until applies to snooze, not {verb}",
                           fix="done and dismiss last until the facts change; drop --until")
    return Event(account=account, rule=rule, contact=target, verb=verb, at=as_of, until=until,
                 note=note or None, by=by or None, fingerprint=fingerprint)


def _target(verb: str, account: str, rule: str, contact: Optional[str], promise: Optional[str],
            promises: Optional[dict[str, tuple]], force: bool) -> str:
    """The target an event is stored under: ``promise:<key>`` for one promise, else the contact ('' = all)."""
    if promise:
        if promises is not None and promise not in promises and not force:
            listed = ", ".join(sorted(promises)) or "none"
            raise AdvisorError(f"{rule} keeps no promise '{promise}' at {account} (it keeps: {listed})",
                               fix="copy the key from `advisor advise --format json` (promise_key), or pass --force")
        return f"promise:{promise}"
    mine = sorted(k for k, (who, _what) in (promises or {}).items() if not contact or who == contact)
    if len(mine) == 1:
        return f"promise:{mine[0]}"  # the only promise it keeps there: that one, not every future one
    if len(mine) > 1 and verb in ("done", "dismiss") and not force:
        whom = f" to {contact}" if contact else ""
        listed = "; ".join(f"{k} “{promises[k][1][:60]}”" for k in mine)
        raise AdvisorError(f"{rule} keeps {len(mine)} promises{whom} at {account}: {listed}",
                           fix="name the one you mean with --promise KEY")
    return contact or ""


def history_entries(events: list[Event], known_rules: set[str]) -> list[dict]:
    """Every event as a dict, flagging rule ids the installed packs no longer have."""
    out = []
    for e in events:
        entry = e.as_json()
        entry["rule_known"] = e.rule in known_rules
        out.append(entry)
    return out


def history_text(entries: list[dict], account: Optional[str], known_accounts: Optional[list[str]] = None) -> str:
    if not entries:
        hint = did_you_mean(account, known_accounts) if account and known_accounts else None
        return f"no feedback recorded{' for ' + account if account else ''}{' — ' + hint if hint else ''}\n"
    lines = []
    for e in entries:
        target = f" [{e['contact']}]" if e["contact"] else ""
        until = f" until {e['until']}" if e["until"] else ""
        by = f" by {e['by']}" if e["by"] else ""
        note = f" — {e['note']}" if e["note"] else ""
        gone = "" if e["rule_known"] else "  (rule no longer in the installed packs)"
        lines.append(f"{e['at']}  {e['verb']:<7} {e['account']}  {e['rule']}{target}{until}{by}{note}{gone}")
    missing = sorted({e["rule"] for e in entries if not e["rule_known"]})
    if missing:
        lines.append("")
        lines.append(f"{len(missing)} rule id{'s' if len(missing) != 1 else ''} no longer in the packs: "
                     + ", ".join(missing))
    return "\n".join(lines) + "\n"

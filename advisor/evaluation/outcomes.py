"""What a fired rule produces, computed the same way for the engine and the trace.

A *binding* maps each fact kind a rule tests to one fact. From it a rule yields
a derived fact, a recommendation or a suppression.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Optional

from ..language import conditions as cnd
from ..accounts import actors, terms
from ..accounts.facts import contact_of
from ..accounts.promises import day_month
from ..language.pack import PLACEHOLDER, PackSet, Rule, Text


class FactIndex:
    """One account's facts by id, its contacts by name and by role: every firing looks these up, and
    a scan of all facts per firing made a large account quadratic (issue 20: 2,000 contacts or
    objections took 11–16 s). The caller builds it once per account and passes it to every firing
    (``index=``); a caller that does not gets one built for that call."""

    def __init__(self, facts: list[dict]):
        self.facts, self.size = facts, len(facts)
        self.by_id = {f.get("id"): f for f in reversed(facts)}  # the first fact of an id wins, as next() did
        self.account = next((f for f in facts if f["kind"] == "account"), None)
        self.contacts: dict[str, dict] = {}
        self.holders: dict[str, list[dict]] = {}
        for f in facts:
            if f["kind"] == "contact":
                self.contacts.setdefault(f["name"], f)
                if f.get("departed"):
                    continue  # who has left holds no role now: a role:<r> action goes to those who stay
                roles = set(f["roles"])
                if "customers_customer" in roles:
                    # someone at our customer's own customer (a league's commissioner, a federation's kit committee)
                    # decides or buys for that customer, not for our account: a role:<r> action (the money check "with
                    # the boss") goes to the account's own people (session 15)
                    roles = {"customers_customer"}
                for role in sorted(roles):
                    self.holders.setdefault(role, []).append(f)
        self._lead: Any = cnd.MISSING
        self.idle = nothing_to_decide(self.account)
        self._carried: Optional[bool] = None
        self._shaping: Optional[bool] = None
        self.substance_open = substance_open(self.account, facts)

    def shaping(self, packset: PackSet) -> bool:
        """only_shaping for this account, with the packs' shaping_horizon_days (worked out once)."""
        if self._shaping is None:
            days = int(packset.params.get("shaping_horizon_days", SHAPING_HORIZON_DAYS))
            self._shaping = only_shaping(self.account, self.facts, days)
        return self._shaping

    def carried(self, packset: PackSet) -> bool:
        """decision_carried for this account, with the packs' cold-contact parameters (worked out once)."""
        if self._carried is None:
            p = packset.params
            self._carried = decision_carried(self.account, self.facts, int(p.get("cold_contact_days", 120)),
                                             float(p.get("cold_gap_ratio", 2)))
        return self._carried

    def lead(self, packset: PackSet) -> Optional[dict]:
        """The contact an action for the account goes to when its rule names nobody (``who: lead``) or its
        role is held by no one: the most senior contact met on the buying path (COACHING.md: a coach names
        the person). Met, not departed, not unnamed; one with a buying role before one without; then the
        boss, a senior manager, the weightier role (the packs' role_weights), more visits; then name order.
        None if nobody is met."""
        if self._lead is cnd.MISSING:
            met = [f for f in self.contacts.values()
                   if f.get("met") and not f.get("departed") and not f.get("unnamed")]

            def seniority(f: dict) -> tuple:
                on_path = bool(set(f.get("roles") or ()) & _PATH_ROLES)
                return (not on_path, not f.get("is_boss"), not f.get("senior"), -packset.role_weight(f.get("roles") or []),
                        -int(f.get("visit_count") or 0), f["name"])
            self._lead = min(met, key=seniority, default=None)
        return self._lead

    def latest(self, packset: PackSet) -> Optional[dict]:
        """The contact met most recently (``who: latest``): the one the rep deals with now — who heard the policy, who
        would be offered the dinner it rules out — not departed, not unnamed; on the same day the lead's order; else
        the lead (nobody visited on record)."""
        seen = [f for f in self.contacts.values() if f.get("days_since_last_visit") is not None
                and not f.get("departed") and not f.get("unnamed")]
        if not seen:
            return self.lead(packset)
        lead = self.lead(packset)
        return min(seen, key=lambda f: (f["days_since_last_visit"], f is not lead, f["name"]))


def nothing_to_decide(account: Optional[dict]) -> bool:
    """An account in maintenance with no open opportunity, deal or tender: no decision waits on anyone, so a
    blocker on the path to one (an unmet decider, a missing role, one thread) is relationship work there, not
    a block (COACHING.md: blockers are on the path to a decision; rank.serves_level)."""
    return bool(account) and account.get("stage") == "maintain" and not any(
        account.get(k) for k in ("open_opportunity_count", "deals_open_count", "open_tender_count"))


# the pack parameter shaping_horizon_days when a pack set does not give it
SHAPING_HORIZON_DAYS = 90


def only_shaping(account: Optional[dict], facts: list[dict], horizon: int = SHAPING_HORIZON_DAYS) -> bool:
    """A customer in maintenance whose only open business is a need still being shaped: no open deal or tender, and
    every open opportunity at the prepare step (accounts/steps.py), unquoted, with no close date within ``horizon``
    days ("next year we open the new warehouse", a project the group has not approved yet). No decision waits on
    anyone yet: an unmet decider or a buying path to map is not a block on a path to a decision, it is the relationship
    the need will be decided through — built before it is scoped, ahead of the opportunity work (rank.BEFORE_SCOPING;
    session 16, issue 22). A quote out, a stage past prepare or a date within the horizon make it a decision at hand."""
    if not account or account.get("stage") != "maintain" or account.get("deals_open_count") \
            or account.get("open_tender_count") or not account.get("open_opportunity_count"):
        return False
    opps = [f for f in facts if f["kind"] == "opportunity" and "won" not in f]
    return bool(opps) and all(f.get("step") == "prepare" and not f.get("quoted")
                              and (f.get("days_to_close") is None or f["days_to_close"] > horizon)
                              for f in opps)


# objections that point to the decider themselves — the money, who signs, "the boss decides", the terms: meeting the
# decider answers them (substance_open leaves them out)
_PATH_KINDS = frozenset({"price", "budget", "authority", "stall", "terms"})


def substance_open(account: Optional[dict], facts: list[dict]) -> bool:
    """A prospect (nothing bought from us yet) with a live, unanswered objection about the substance of the sale — the
    need ("you never asked which floors"), the timing, the proof, a feature — not about the money, the signature or the
    terms. There we have not earned the right to go higher: the objection is answered first, and a first meeting over
    the contact's head to the decider or the boss comes after it (rank.EARN_FIRST; session 16, issue 22: earning the
    right — needs first, no pitch — before going over a contact's head when we are new to the account)."""
    if not account or account.get("has_sales_history"):
        return False
    return any(f["kind"] == "objection" and f.get("live") and not f.get("answered")
               and not _PATH_KINDS.intersection(f.get("kinds") or ()) for f in facts)


# the approaches of a first meeting with someone above the contacts we deal with: through an introduction, through the
# person who can reach the boss
_OVER_THE_HEAD = ("via-introduction", "via-key-person")


# the steps of an opportunity at which its decision is at hand: a proposal or a price is out, the close is being worked
_DECIDING_STAGES = ("propose", "close")


def decision_carried(account: Optional[dict], facts: list[dict], cold_days: int = 120, cold_ratio: float = 2) -> bool:
    """The people we know carry the account's open need: a customer we serve (in maintenance, buying from us) whose
    decider has been met and is in touch (not gone cold: seen within ``cold_days``, or a longer gap its own visit
    rhythm makes usual — as core.keep.contact-gone-cold reads it), with a need open (an opportunity or a deal) and
    none at hand — no open opportunity at proposal or close, no price quoted on an open one, no tender open. There the
    need is grown with the people we know (they bring the others in); meeting a further role or going higher widens
    the relationship, it unblocks nothing (COACHING.md §3: blockers are on the path to a decision; tag_levels
    ``carried_only``). An account in a sale (stage needs, propose …) has its path still to walk; one with nothing
    open is nothing_to_decide's."""
    if not account or account.get("stage") != "maintain" or not account.get("has_sales_history"):
        return False
    if not (account.get("open_opportunity_count") or account.get("deals_open_count")):
        return False
    if account.get("open_tender_count"):
        return False
    if any(f["kind"] == "opportunity" and "won" not in f and (f.get("stage") in _DECIDING_STAGES or f.get("quoted"))
           for f in facts):
        return False
    return any(f["kind"] == "contact" and "decider" in (f.get("roles") or ()) and f.get("met") and not f.get("departed")
               and not _gone_cold(f, cold_days, cold_ratio) for f in facts)


def _gone_cold(contact: dict, cold_days: int, cold_ratio: float) -> bool:
    """Not seen for ``cold_days`` or more, unless the contact's or the account's visit rhythm makes the gap usual."""
    days = contact.get("days_since_last_visit")
    if days is None or days < cold_days:
        return False
    return all(contact.get(k) is None or contact[k] >= cold_ratio for k in ("visit_gap_ratio", "account_visit_gap_ratio"))


def _talked_about(person: Optional[dict]) -> bool:
    """Someone you have not met whom the account's recent notes or objections name (contact.named_recently): of
    two unmet deciders, the new CFO the renewal waits for comes before the chairman merely on file."""
    return bool(person and person.get("named_recently") and not person.get("met"))


# the roles that place a contact on the buying path (a customer's customer or a marketing contact is not)
_PATH_ROLES = set(terms.CORE_ROLES) | {"user"}


def binding_key(rule: Rule, binding: dict) -> tuple:
    """Identity of one firing: the rule and the ids of the facts it bound, in kind order."""
    return (rule.id,) + tuple(binding[k]["id"] for k in rule.kinds)


def derived_fact(rule: Rule, binding: dict) -> dict:
    """The fact a ``derive`` rule asserts; its id is its content, so equal derivations coincide."""
    d = rule.then.derive
    subject = binding[rule.subject]
    fact: dict[str, Any] = {"kind": d.kind}
    for name, value in sorted(d.set.items()):
        if isinstance(value, dict):
            got = cnd.lookup(binding, value["fact"])
            if got is cnd.MISSING:
                continue
            value = got
        fact[name] = value
    who = contact_of(subject)
    if who is not None:
        fact["contact"] = who
        roles = subject.get("roles") if subject.get("kind") == "contact" else subject.get("contact_roles")
        fact["contact_roles"] = list(roles or [])
    fact["subject"] = subject["id"]
    values = ",".join(f"{k}={_json_value(fact[k])}" for k in sorted(d.set) if k in fact)
    fact["id"] = f"{d.kind}({values}) of {subject['id']}"
    return fact


_encode_str = json.encoder.encode_basestring  # what json.dumps(text, ensure_ascii=False) writes


def _json_value(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False)``, without its set-up for the common plain values."""
    t = type(value)
    if t is str:
        return _encode_str(value)
    if t is bool:
        return "true" if value else "false"
    if t is int:
        return int.__repr__(value)
    return json.dumps(value, ensure_ascii=False)


def fill(text: str, binding: dict, account: dict, params: dict) -> str:
    """Replace {kind.field} placeholders with fact values (no code, just lookups)."""

    def sub(match):
        kind, name, fmt = match.group(1), match.group(2), match.group(3)
        if kind == "params":
            value = params.get(name, "")
        else:
            source = binding.get(kind) or (account if kind == "account" else {})
            value = source.get(name, "")
        if fmt == "pct" and isinstance(value, (int, float)):
            return f"{value * 100:+.0f}%"
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)

    return PLACEHOLDER.sub(sub, text)


class _BothLanguages(Mapping):
    """An action's texts, read like ``{"en": ..., "zh": ...}``: the two keys, equality and repr of a dict."""

    __slots__ = ()

    def __iter__(self):
        return iter(("en", "zh"))

    def __len__(self) -> int:
        return 2

    def __eq__(self, other) -> bool:
        return isinstance(other, Mapping) and dict(self) == dict(other)

    def __repr__(self) -> str:
        return repr(dict(self))


class LazyTexts(_BothLanguages):
    """{"en": ..., "zh": ...}, each filled in only when first read.

    Most candidates are never shown (top 5 of ~20, in one language): filling every
    text in both languages was 12% of an account's time (issue 13). Reads like a dict.
    """

    __slots__ = ("_texts", "_binding", "_account", "_params", "_done")

    def __init__(self, texts: Text, binding: dict, account: dict, params: dict):
        self._texts, self._binding, self._account, self._params = texts, binding, account, params
        self._done: dict[str, str] = {}

    def __getitem__(self, lang: str) -> str:
        if lang not in self._done:
            if lang not in ("en", "zh"):
                raise KeyError(lang)
            self._done[lang] = fill(self._texts.get(lang), self._binding, self._account, self._params)
        return self._done[lang]


class Assumed(_BothLanguages):
    """An action's texts with the assumption of who receives it said at the end: its rule's role is held by
    nobody on file, so it went to the most senior contact met (``FactIndex.lead``). Reads like a dict."""

    __slots__ = ("_texts", "_role", "_name")

    def __init__(self, texts: Mapping, role: str, name: str):
        self._texts, self._role, self._name = texts, role, name

    def __getitem__(self, lang: str) -> str:
        role = terms.label(terms.ROLES, self._role, lang)
        if lang == "zh":
            note = f"(档案中没有{role}:暂交给已见过的最高层联系人{self._name}——这是假设,弄清{role}是谁后改过来。)"
            return self._texts[lang] + note
        return (self._texts[lang] + f" (No {role} is on file: this goes to {self._name}, the most senior contact "
                f"you have met — an assumption; change it once you know who the {role} is.)")


@dataclass
class Candidate:
    """A recommendation before suppression and ranking."""

    rule: Rule
    contact: Optional[str]  # contact name, or None for an account-level action
    roles: Optional[list[str]]  # the target's buying roles (None: account level)
    role_label: Optional[str]  # for role:<r> targets nobody holds yet
    what: dict[str, str]
    why: dict[str, str]
    due_offset: int  # days from as-of; negative = overdue
    key: tuple = ()
    intent: Optional[str] = None  # what the action aims at; None: nothing else aims at the same
    keys: tuple = ()  # every intent it serves (its own aim, the objection it answers)
    approach: Optional[str] = None  # how; two approaches to one intent contradict each other
    safe: Optional[dict[str, dict[str, str]]] = None  # the policy-safe variant: {"what": {...}, "why": {...}}
    firm: bool = False  # a promise of the rep's with its date written (not assumed): its last week (promise_firm_days) weighs
    item: Optional[str] = None  # the promise it keeps (its stable key): feedback marks that one promise
    # why no action may reach its target (en, zh): an action about a contact who has left — ranking lists it as
    # suppressed by ``contact.departed``, so the trace says why (rank._apply_suppressions)
    withheld: Optional[dict[str, str]] = None
    # addressed to the lead contact (who: lead, or a role nobody holds): the person receives it, the action is about
    # the account — it weighs as the account does in the ranking (rank.score_parts), not as that person's role
    lead_only: bool = False
    named: bool = False  # it goes to someone not yet met whom the account's recent notes name (_talked_about)
    # it answers an objection that is no longer the live issue (objection.live false, accounts/liveness.py): why, en and
    # zh — ranking puts it at the past_objection level, below the account's live work (rank.serves_level)
    not_live: Optional[dict[str, str]] = None
    # it answers an objection said by someone who cannot decide, our price on the table and the account's decider unmet
    # (objection.price_for_the_decider): a price or terms answer to it ranks after the way to the decider
    # (rank.serves_level, level undecided_voice)
    undecided_voice: bool = False
    # it keeps a promise of ours the record shows on track before its date (promise.on_track, accounts/ontrack.py): work
    # in flight, ranked with the promises still weeks away until its date is due (rank.is_promise_ahead)
    on_track: bool = False
    # days since the freshest dated fact the firing bound (a visit, an objection, a promise made, a complaint); None when
    # it rests on standing facts only — on equal scores the fresher evidence goes first (rank._tie)
    evidence_days: Optional[int] = None
    idle: bool = False  # the account has nothing to decide (nothing_to_decide): an unblock action ranks as relationship work
    # its only open business is a need still being shaped (only_shaping): idle too, an unblock action ranks at
    # rank.BEFORE_SCOPING — relationship work, ahead of the opportunities
    shaping: bool = False
    # a first meeting over a contact's head (an unblock rule's first meeting, via an introduction or the key person) at
    # a prospect with a live objection about the substance open (substance_open): it waits for the answer (rank.EARN_FIRST)
    over_the_head: bool = False
    carried: bool = False  # the people we know carry the account's decision (decision_carried): carried_only lifts hold
    # what it hands over or shows (terms.TOPICS): its rule's topic:, or for an action keeping a promise the topics of the
    # promise's words — a promise and a rule doing that very thing for the same person are one action (rank._merge_topics)
    topics: tuple = ()
    # the promise it keeps, for the words of a merged action: {"what": as written, "en"/"zh": how its date stands}
    promised: Optional[dict[str, str]] = None

    @property
    def feedback_target(self) -> str:
        """What the rep's feedback names: the promise for an action keeping one, else the person."""
        return f"promise:{self.item}" if self.item else self.target

    @property
    def target(self) -> str:
        return self.contact or self.role_label or ""


def _resolved(template: str, binding: dict, account: dict, params: dict) -> bool:
    """Every placeholder of an intent's aim has a value (an empty aim would merge unrelated actions)."""
    for kind, name, _fmt in PLACEHOLDER.findall(template):
        source = params if kind == "params" else (binding.get(kind) or (account if kind == "account" else {}))
        if source.get(name) in (None, ""):
            return False
    return True


# the fields that date an event a firing bound: days since it happened (a visit, an objection, a complaint, a deal), or
# since it was made (a promise)
_AGE_FIELDS = ("days_ago", "days_since_made")


def evidence_days(binding: dict) -> Optional[int]:
    """Days since the freshest dated event among the facts a firing bound (None: none is dated)."""
    ages = [f.get(k) for f in binding.values() if isinstance(f, dict) and f.get("kind") != "account"
            for k in _AGE_FIELDS]
    ages = [int(a) for a in ages if isinstance(a, (int, float)) and not isinstance(a, bool) and a >= 0]
    return min(ages) if ages else None


def answered_objection(rule: Rule, binding: dict, index: FactIndex) -> Optional[dict]:
    """The objection fact an action answers: its rule's subject, or the objection a derived subject (objection_kind)
    was made of; None for an action about anything else."""
    subject = binding.get(rule.subject, {})
    if subject.get("kind") == "objection":
        return subject
    if str(subject.get("subject", "")).startswith("objection:"):
        return index.by_id.get(subject["subject"])
    return None


def _day(iso: Optional[str], lang: str) -> str:
    if not iso:
        return ""
    return day_month(dt.date.fromisoformat(iso), lang)


def not_live_words(objection: dict, labels: Optional[dict] = None) -> Optional[dict[str, str]]:
    """Why an objection is not the live issue, in words (en, zh), for the trace; None when it is live (or unknown).
    ``labels``: objection kind → (en, zh) (the packs' reader)."""
    if objection.get("live") is not False:
        return None
    labels = labels or {}

    def kind(k: str, lang: str) -> str:
        return "/".join(labels.get(x, (x, x))[lang == "zh"] for x in k.split("+") if x)

    own = "+".join(k for k in objection.get("kinds") or () if k != "unclassified")
    heard = {lang: _day(objection.get("heard_on"), lang) for lang in ("en", "zh")}
    reason, by = objection.get("not_live_reason"), objection.get("not_live_by") or ""
    since = {lang: _day(objection.get("not_live_since"), lang) for lang in ("en", "zh")}
    quote = objection.get("quote", "")
    what_en = f"the {kind(own, 'en')} objection" if own else "the objection"
    what_zh = f"{kind(own, 'zh')}异议" if own else "异议"
    if heard["en"]:
        what_en += f" of {heard['en']}"
        what_zh = f"{heard['zh']}的{what_zh}"
    if reason == "complaint_open":
        return {"en": f"answers {what_en} (“{quote}”), money talk raised while the high-severity complaint of "
                      f"{since['en']} is open — not the live issue: the complaint is, and its fix answers it",
                "zh": f"回应的是{what_zh}(“{quote}”),即{since['zh']}高严重度投诉未结期间提出的钱的问题——不是当前要害:"
                      "投诉才是,兑现整改就是回答"}
    if reason == "promised":
        return {"en": f"answers {what_en} (“{quote}”), which the promise of {since['en']} answers (“{by}”) — keep the "
                      "promise: that is the live work",
                "zh": f"回应的是{what_zh}(“{quote}”),而{since['zh']}的承诺(“{by}”)正是对它的回答——兑现承诺才是当前要做的"}
    if reason == "superseded":
        later_en = "a complaint" if by == "complaint" else f"a {kind(by, 'en')} objection"
        later_zh = "一项投诉" if by == "complaint" else f"一项{kind(by, 'zh')}异议"
        return {"en": f"answers {what_en} (“{quote}”), not raised since — {later_en} followed on {since['en']}: "
                      "not the live issue",
                "zh": f"回应的是{what_zh}(“{quote}”),此后未再提起——{since['zh']}又有{later_zh}:不是当前要害"}
    return {"en": f"answers {what_en} (“{quote}”), already answered — not the live issue",
            "zh": f"回应的是{what_zh}(“{quote}”),已答复——不是当前要害"}


def intent_of(rule: Rule, binding: dict, index: FactIndex, account: dict, params: dict,
              target: str) -> tuple[Optional[str], tuple[str, ...], Optional[str]]:
    """The (intent, intent keys, approach) of one action.

    A rule declares ``intent:`` (an aim and optionally an approach). A rule about an objection
    also aims at "answer objection <its words>", with its own id as the approach unless it
    declares one — so two rules answering one objection never both speak. Actions sharing a key
    merge (or, with different approaches, contradict); an action without keys stands alone.
    """
    keys: list[str] = []
    approach = rule.intent.approach if rule.intent else None
    if rule.intent:
        for aim in [rule.intent.aim] + rule.intent.also:
            aim = aim.replace("{target}", target or account.get("name", ""))
            if _resolved(aim, binding, account, params):
                keys.append(fill(aim, binding, account, params))
    objection = answered_objection(rule, binding, index)
    if objection is not None:
        keys.append(f"answer objection “{objection.get('quote', objection['id'])}”")
        approach = approach or rule.id
    return (keys[0] if keys else None), tuple(keys), (approach if keys else None)


def recommendations(rule: Rule, binding: dict, facts: list[dict], packset: PackSet,
                    key: tuple | None = None, account: dict | None = None,
                    index: FactIndex | None = None) -> list[Candidate]:
    """The candidates one firing makes (one per target). ``key`` (the firing's binding_key), ``account``
    (the account fact) and ``index`` (FactIndex of ``facts``) may be passed by a caller that has them:
    every firing needs all three, and an account's firings share them."""
    rec = rule.then.recommend
    if index is None:
        index = FactIndex(facts)
    if account is None:
        account = index.account
    what = LazyTexts(rec.what, binding, account, packset.params)
    why = LazyTexts(rec.why, binding, account, packset.params)
    offset = rule.due_days
    if rec.due_minus:
        got = cnd.lookup(binding, rec.due_minus)
        if got is not cnd.MISSING:
            offset -= int(got)
    targets: list[tuple[Optional[str], Optional[list[str]], Optional[str]]] = []
    withheld = None
    assumed = None  # the role nobody holds, whose action went to the lead contact instead
    fallback = False  # a met:<role> action no met holder of the role takes: it went to the lead contact
    if rec.who == "subject":
        who = contact_of(binding[rule.subject])
        person = index.contacts.get(who) if who is not None else None
        gone = bool(person and person.get("departed"))
        if who is not None and (not gone or rule.subject == "contact"):
            targets.append((who, person["roles"] if person else [], None))
            if gone:
                # an action about the person (call, meet, win over) with the person gone: in one place for every
                # pack's rules — a user's rule that forgets the contact.departed guard still addresses nobody who left
                withheld = {"en": f"{who} has left (the title says so): no action is addressed to them",
                            "zh": f"{who}已离开(职务中写明):不再向其安排行动"}
        else:
            # nobody, or someone who has left (contact.departed): the matter — an objection they raised, a
            # promise made to them — stays with the account, the action is no longer addressed to the person
            targets.append((None, None, None))
    elif rec.who == "account":
        targets.append((None, None, None))
    elif rec.who in ("lead", "decider", "latest"):
        # who decides (an action about why the business moves, what to decide, whom to back): the met decider, the
        # boss, who holds the money (accounts/actors.decider) — never the gatekeeper or the first contact listed;
        # nobody of these met: the lead, as for ``lead``. ``latest``: the contact met most recently (session 14)
        name = actors.decider(index.contacts.values()) if rec.who == "decider" else None
        lead = (index.latest(packset) if rec.who == "latest"
                else index.contacts[name] if name else index.lead(packset))
        targets.append((lead["name"], lead["roles"], None) if lead else (None, None, None))
    elif rec.who.startswith("met:"):
        # a step worked out WITH the contacts we have (mapping a buying path "with the technical and the purchasing
        # contacts"): the first role's holders we have met; all of them unmet, the met holders of the next role listed,
        # else the lead — an unmet holder is someone to reach first, not the one this step is done with; nobody holding
        # the first role at all: as role:<role> (the lead, the assumption said) (session 15)
        roles = rec.who[4:].split(",")
        held = bool(index.holders.get(roles[0]))
        met = next(([f for f in found] for r in roles
                    if (found := [f for f in index.holders.get(r, ()) if f.get("met")])), []) if held else []
        lead = None if met else index.lead(packset)
        targets.extend((f["name"], f["roles"], None) for f in met)
        if lead:
            targets.append((lead["name"], lead["roles"], None))
            if held:
                fallback = True  # the role's holders are all unmet: the lead takes it, as for ``lead``
            else:
                assumed = roles[0]  # nobody holds the role: as role:<role> — the lead, and the text says so
        elif not met:
            targets.append((None, [roles[0]], roles[0]))
    else:
        role = rec.who[5:]
        holders = list(index.holders.get(role, ()))
        for f in holders:
            targets.append((f["name"], f["roles"], None))
        lead = None if holders else index.lead(packset)
        if lead:
            # nobody holds the role: a coach still names who gets it — the most senior contact met on the buying
            # path — and says it is an assumption, in the action's own words (issue 22)
            targets.append((lead["name"], lead["roles"], None))
            assumed = role
        elif not holders:
            targets.append((None, [role], role))
    safe = None
    if rule.policy_safe:
        v = rule.policy_safe
        safe = {"what": LazyTexts(v.what, binding, account, packset.params),
                "why": LazyTexts(v.why, binding, account, packset.params) if v.why else why}
    if key is None:
        key = binding_key(rule, binding)
    subject = binding.get(rule.subject) or {}
    item = subject.get("key") if subject.get("kind") == "promise" else None
    # a promise the rep made with a date the customer heard: its last week counts as due (rank.is_due_promise)
    firm = bool(rule.promise and subject.get("by") == "rep" and subject.get("due_assumed") is False)
    if assumed:
        what = Assumed(what, assumed, targets[-1][0])
        if safe:
            safe = {"what": Assumed(safe["what"], assumed, targets[-1][0]), "why": safe["why"]}
    out = []
    objection = answered_objection(rule, binding, index)
    labels = packset.recogniser.labels if packset.recogniser is not None else None
    not_live = not_live_words(objection, labels) if objection is not None else None
    undecided_voice = bool(objection is not None and objection.get("price_for_the_decider"))
    evidence = evidence_days(binding)
    topics: tuple = (rule.topic,) if rule.topic else ()
    promised = None
    if subject.get("kind") == "promise" and rule.promise and subject.get("by") == "rep":  # our own deed, not theirs
        topics = tuple(subject.get("topics") or ())
        promised = {"what": str(subject.get("what", "")), "en": str(subject.get("due_note_en", "")),
                    "zh": str(subject.get("due_note_zh", ""))}
    for contact, roles, role_label in targets:
        intent, keys, approach = intent_of(rule, binding, index, account, packset.params, contact or role_label or "")
        out.append(Candidate(rule=rule, contact=contact, roles=roles, role_label=role_label,
                             what=what, why=why,
                             due_offset=offset, key=key, intent=intent, keys=keys,
                             approach=approach, safe=safe, item=item, firm=firm, withheld=withheld,
                             named=_talked_about(index.contacts.get(contact or "")),
                             # the account's matter handed to a person (the lead, who decides): weighs as the account
                             lead_only=bool(contact and (rec.who in ("lead", "decider", "latest") or assumed
                                                         or fallback)),
                             idle=index.idle or index.shaping(packset), shaping=index.shaping(packset),
                             carried=index.carried(packset), not_live=not_live, evidence_days=evidence, topics=topics,
                             promised=promised, undecided_voice=undecided_voice,
                             on_track=bool(item and subject.get("on_track")),
                             over_the_head=bool(index.substance_open and rule.serves == "unblock"
                                                and approach in _OVER_THE_HEAD
                                                and str(intent or "").startswith("first meeting with"))))
    return out


@dataclass
class Suppression:
    rule: Rule
    reason: dict[str, str]
    tags: list[str] = field(default_factory=list)
    except_tags: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)

    def covers(self, rule: Rule, tags=None) -> bool:
        """Does this suppression hold ``rule`` back? ``tags`` defaults to the rule's own tags plus
        the gift / entertainment tags its words carry (so an untagged gift is still a gift)."""
        if rule.id == self.rule.id or rule.action != "recommend":
            return False
        if rule.id in self.rules:
            return True
        tags = rule_tags(rule) if tags is None else (tags if isinstance(tags, (set, frozenset)) else set(tags))
        if not tags.isdisjoint(self.tags):
            return True
        return bool(self.except_tags) and tags.isdisjoint(self.except_tags)


def rule_tags(rule: Rule) -> frozenset:
    """A rule's own tags and the gift / entertainment tags its words carry (what a suppression tests)."""
    return frozenset(rule.tags) | rule.word_tags


def suppression(rule: Rule, binding: dict, facts: list[dict], packset: PackSet,
                account: dict | None = None) -> Suppression:
    s = rule.then.suppress
    if account is None:
        account = next((f for f in facts if f["kind"] == "account"), None)
    return Suppression(rule=rule, reason=LazyTexts(s.reason, binding, account, packset.params),
                       tags=list(s.tags), except_tags=list(s.except_tags), rules=list(s.rules))


def due_date(as_of: dt.date, offset: int) -> dt.date:
    return as_of + dt.timedelta(days=max(offset, 0))

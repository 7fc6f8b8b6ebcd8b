"""The Python API the CLI, the tests and batch runs share.

    from advisor import Advisor, load_account
    advisor = Advisor()                       # packs are loaded and compiled once
    advice = advisor.advise(load_account("fixtures/accounts/jingfeng.yaml"), as_of=date(2026, 11, 23))
    advice.actions[0].what["en"]

Packs default to ``core`` plus the pack named by the account's ``industry:``
when one is installed; pass ``packs=[...]`` to choose. ``Advisor()`` finds packs on
the search path (bundled, the user's pack folder, ADVISOR_PACKS); ``Advisor(folder)``
uses only that folder's packs; ``Advisor(default_pack_path([folder]))`` adds one.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from .evaluation import outcomes
from .accounts.account import Account
from .accounts.facts import enrich
from .accounts.history import sales_by_quarter
from .accounts.bounds import check_as_of
from .language import snapshot
from .language.pack import PackSet, check_number_params, find_packs, load_packs
from .language.packpath import PackPath, as_pack_path, bundled_rules_dir, search_path
from .evaluation.rank import DEFAULTS as RANK_PARAMS
from .language.accountcheck import check_account, industry_note
from .reading.cues import UNCLASSIFIED, Recognition
from .reading import heard
from .reading.realcause import deal_note_kinds, real_cause
from .evaluation.rank import Action, Ranking, Superseded, Suppressed, rank
from .evaluation.deadline import checkpoint
from .evaluation.trace import Evaluation, evaluate
from .feedback import fingerprint as fp
from .feedback import policy as feedback_policy
from .feedback.keys import account_key, lookup_keys

if TYPE_CHECKING:  # the store (and sqlite3) is imported only by commands that open one
    from .feedback.store import Store

if TYPE_CHECKING:
    from .evaluation.engine import Engine


def default_rules_dir() -> Path:
    """The bundled packs' folder (inside the installed package; rules/ of an editable checkout)."""
    return bundled_rules_dir().resolve()


def default_pack_path(rules_dirs: list[str | Path] | tuple = ()) -> PackPath:
    """The pack search path: bundled, the user's pack folder, ADVISOR_PACKS, then ``rules_dirs``."""
    return search_path(rules_dirs)


@dataclass
class Advice:
    account: str
    industry: Optional[str]
    as_of: dt.date
    packs: list[tuple[str, str]]  # (name, version), base first
    actions: list[Action]
    suppressed: list[Suppressed]
    superseded: list[Superseded]
    facts: list[dict]
    derived: list[dict]
    fired: list[tuple]  # binding keys, sorted
    evaluation: Optional[Evaluation] = None
    errors: list[str] = field(default_factory=list)
    # (rule, contact or '') -> fingerprint of the facts its bindings rested on ('' = all targets)
    fingerprints: dict[tuple[str, str], str] = field(default_factory=dict)
    # per objection (in file order): its kinds, how they were found, and the clause and phrase behind each
    recognitions: list[Recognition] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # lang → a line about the packs used (e.g. no industry pack)
    # sales per calendar quarter in the account's currency (history.py); JSON output only, not a fact
    sales_by_quarter: dict[str, float] = field(default_factory=dict)
    currency: Optional[str] = None


class Advisor:
    """Loads packs once per process and advises on any number of accounts."""

    def __init__(self, rules_dir: str | Path | PackPath | None = None, packs: list[str] | None = None):
        # one folder (only its packs) or a search path; by default the full search path
        self.pack_path = as_pack_path(rules_dir) if rules_dir else default_pack_path()
        self.rules_dir = self.pack_path.primary
        self.fixed_packs = list(packs) if packs else None
        self._loaded: dict[tuple[str, ...], tuple[PackSet, Engine]] = {}
        self._installed: dict[str, Path] | None = None

    @property
    def installed(self) -> dict[str, Path]:
        if self._installed is None:
            self._installed = find_packs(self.pack_path)
        return self._installed

    def pack_names(self, account: Account, packs: list[str] | None = None) -> list[str]:
        chosen = packs or self.fixed_packs
        if chosen:
            return list(chosen)
        names = ["core"]
        if account.industry and account.industry in self.installed and account.industry != "core":
            names.append(account.industry)
        return names

    def load(self, names: list[str]) -> tuple[PackSet, Engine]:
        key = tuple(names)
        if key not in self._loaded:
            from .evaluation.engine import Engine  # durable-rules only when advice is asked for

            packset = snapshot.load(list(names), self.pack_path)  # load_packs, or its kept result
            check_number_params(packset, RANK_PARAMS)
            self._loaded[key] = (packset, Engine(packset))
        return self._loaded[key]

    def advise(self, account: Account, as_of: dt.date | None = None, packs: list[str] | None = None,
               trace: bool = False, store: Store | None = None, fingerprints: bool = False,
               rates=None) -> Advice:
        """Rank the actions for one account; with a feedback ``store``, what the rep marked done,
        snoozed or dismissed is moved to ``suppressed`` (see feedback/policy.py). ``rates`` (a
        ``accounts.money.Rates``, plan --rates) lets an account in another currency than the pack's
        ``tier_currency`` be held against the tier thresholds.

        ``Advice.fingerprints`` (what each action rests on) is computed when the store holds
        feedback for this account, or when asked for (recording feedback needs it)."""
        as_of = check_as_of(as_of or dt.date.today())
        events = store.events_of(lookup_keys(account.name, account.crm_id)) if store is not None else []
        fingerprints = fingerprints or bool(events)
        packset, engine = self.load(self.pack_names(account, packs))
        # the industry selects a pack only when packs are not chosen by hand; then a typo in it matters
        check_account(account, packset, self.installed, industry=not (packs or self.fixed_packs))
        recognitions = self.recognise(account, packset)
        # the customer's words written only in a visit's note, read as the objections the rep did not file
        # (reading/heard.py): the facts are built on the account with them filed
        options = packset.fact_options()
        heard_account, read = heard.from_notes(account, as_of, options["vocabulary"], packset.recogniser,
                                               options["usual_customer_type"])
        readings = [(r.kinds, r.source, {"switching": r.switching, "competitor": r.competitor}) for r in recognitions]
        readings += [(r.kinds, r.source, {"switching": r.switching, "competitor": r.competitor, "heard_in": h.where})
                     for r, h in read]
        recognitions = recognitions + [r for r, _ in read]
        checkpoint()  # between the steps: where a cooperative --timeout stops (evaluation/deadline.py)
        facts = enrich(heard_account, as_of, readings,
                       deal_note_kinds=deal_note_kinds(account, packset.recogniser), rates=rates, **options)
        checkpoint()
        run = engine.run(facts)
        checkpoint()
        all_facts = facts + run.derived
        candidates, suppressions = [], []
        components: dict[tuple[str, str], list[str]] = {}  # (rule, contact or '') -> what each binding rested on
        by_id = {f["id"]: f for f in all_facts} if fingerprints else {}
        account_fact = next(f for f in facts if f["kind"] == "account")  # once, not per firing
        index = outcomes.FactIndex(all_facts)  # once per account: every firing looks its facts up there
        for key in sorted(run.fired):
            binding = run.fired[key]
            rule = engine.rules[key[0]]
            if rule.action == "recommend":
                made = outcomes.recommendations(rule, binding, all_facts, packset, key=key, account=account_fact,
                                                index=index)
                candidates.extend(made)
                if fingerprints:
                    part = fp.binding_component(rule, binding, as_of, by_id)
                    for c in made:
                        components.setdefault((rule.id, c.contact or ""), []).append(part)
                        components.setdefault((rule.id, ""), []).append(part)
                        if c.item:  # one promise's own facts: done on it leaves the others of that contact listed
                            components.setdefault((rule.id, c.feedback_target), []).append(part)
            elif rule.action == "suppress":
                suppressions.append(outcomes.suppression(rule, binding, all_facts, packset, account=account_fact))
        checkpoint()
        ranking: Ranking = rank(candidates, suppressions, packset, as_of)
        checkpoint()
        prints = {k: fp.combine(v) for k, v in components.items()}
        if events:
            ranking = feedback_policy.apply(ranking, events, prints, as_of, packset.params)
        return Advice(account=account.name, industry=account.industry, as_of=as_of,
                      packs=[(p.name, p.version) for p in packset.packs], actions=ranking.actions,
                      suppressed=ranking.suppressed, superseded=ranking.superseded, facts=facts,
                      derived=sorted(run.derived, key=lambda f: f["id"]), fired=sorted(run.fired),
                      evaluation=evaluate(packset, facts) if trace else None, errors=list(run.errors),
                      fingerprints=prints, recognitions=recognitions,
                      notes={lang: note for lang in ("en", "zh")
                             if (note := industry_note(account, self.installed, lang))},
                      sales_by_quarter=sales_by_quarter(account, as_of), currency=account.sales.currency)

    def advise_within(self, account: Account, timeout: float | None, *, file: str | None = None,
                      outcome: str = "advising was stopped", **how) -> Advice:
        """``advise`` under a time limit (--timeout; None or 0: none). The packs are loaded (and compiled,
        when the cache is cold) first: the limit is on advising the account, as in a worker process."""
        from .evaluation.deadline import time_limit

        self.load(self.pack_names(account, how.get("packs")))
        with time_limit(timeout, file=file, outcome=outcome):
            return self.advise(account, **how)

    @staticmethod
    def recognise(account: Account, packset: PackSet) -> list[Recognition]:
        """Each objection's kinds: the rep's ``kind:``, else the packs' phrases, else unclassified."""
        out = []
        for o in account.objections:
            checkpoint()  # reading is the costly step on a long list of objections
            if o.kind:
                out.append(Recognition([o.kind], "stated"))
            elif packset.recogniser:
                # the account's listed competitors inform the reading ("locked into a deal with <listed>")
                names = [c.name for c in account.competitors]
                out.append(real_cause(packset.recogniser, o.text, packset.recogniser.recognise(o.text, names), names))
            else:
                out.append(Recognition([UNCLASSIFIED], UNCLASSIFIED))
        return out

    def packset(self, account: Account | None = None, packs: list[str] | None = None) -> PackSet:
        names = list(packs) if packs else (self.pack_names(account) if account else (self.fixed_packs or ["core"]))
        return self.load(names)[0]

    def all_rule_ids(self) -> set[str]:
        """Rule ids of every installed pack (to tell a stale rule id in feedback from a live one)."""
        ids: set[str] = set()
        for name in sorted(self.installed):
            ids.update(r.id for r in load_packs([name], self.pack_path).rules)
        return ids

    def feedback_event(self, verb: str, account: str | Path, rule: str, contact: str | None = None, *,
                       as_of: dt.date | None = None, until: dt.date | None = None, note: str | None = None,
                       by: str | None = None, packs: list[str] | None = None, force: bool = False,
                       promise: str | None = None, timeout: float | None = None):
        """A checked feedback event for ``account`` (an account file, or just an account name).
        ``promise`` names one promise (its key) when the rule keeps several; advising the file (to
        check the action is given now) runs under ``timeout``."""
        from .accounts.account import load_account
        from .feedback.record import make_event

        as_of = as_of or dt.date.today()
        path = Path(account)
        if path.suffix in (".yaml", ".yml") or path.is_file():
            acc = load_account(path)
            advice = self.advise_within(acc, timeout, file=str(path), outcome="nothing was recorded", as_of=as_of,
                                        packs=packs, fingerprints=True)
            known = {r.id for r in self.packset(acc, packs).rules}
            kept_by_rule = {a.promise_key for a in advice.actions if a.rule == rule and a.promise_key}
            promises = {f["key"]: (f.get("contact"), f["what"]) for f in advice.facts
                        if f["kind"] == "promise" and f["key"] in kept_by_rule}
            return make_event(verb, account_key(acc.name, acc.crm_id), rule, contact, as_of=as_of, until=until, note=note, by=by,
                              known_rules=known, known_contacts=[c.name for c in acc.contacts],
                              fingerprints=advice.fingerprints, force=force, promise=promise, promises=promises)
        known = {r.id for r in self.load(list(packs))[0].rules} if packs else self.all_rule_ids()
        return make_event(verb, str(account), rule, contact, as_of=as_of, until=until, note=note, by=by,
                          known_rules=known, force=force, promise=promise)

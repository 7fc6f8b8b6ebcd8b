"""Would a key-account coach sign this advice? Structural counts over the fixtures and generated accounts.

    .venv/bin/python benchmarks/coach.py                  # fixtures + 1,000 generated accounts
    .venv/bin/python benchmarks/coach.py --generated 0 -v # fixtures only, one line per account
    .venv/bin/python benchmarks/coach.py --ranker git:a9bfd63  # rank with that revision's rank.py (before issue 10)
    .venv/bin/python benchmarks/coach.py --blind          # the blind account set (tests/data/blind/accounts/)
    .venv/bin/python benchmarks/coach.py --blind DIR -v   # another folder in that format, one line per account

Blind mode (issue 22) reads DIR/expectations.yaml (format: docs/blind-sets.md) and advises on every
account listed there as of its ``as_of``, with the packs its ``industry:`` selects. Per account and in total:
  #1 right      the first action serves one of first.serves + first.also_ok, and is addressed to one of
                first.who (when given), and its text holds one of first.any (when given; case-insensitive,
                in the account's lang)
  top three     the same test on each of the top three actions: the coach's first move is somewhere in them
                (issue 23 measures a teaching's account by "#1 or top three"); teachings are summed apart
  misfires      not_top5 entries with a phrase in the text of any of the top five actions, not right after a
                negation ("don't cut the price" advises against a price cut; such hits are reported apart); a
                phrase that is a contact's name counts where the action is addressed to that person (or to
                nobody and does not say the person has gone) — not where it names them to someone else
  upkeep above  upkeep actions ranked above a specific (non-upkeep) action
  promises out  open promises due within 2 days or overdue whose action is not in the top three: ours, and the
                customer's on a date written (a customer's undated step falls due on no date anyone promised)
With a second coach's first moves beside the writer's (DIR/expectations-second.yaml, same format, written from the
account files alone; DIR/coaches-agree.yaml, that coach's verdict on each writer's first move), one more line: #1
right against the writer, the second coach and either of them, and how often the two coaches agree.
and the old counts (promises, repeats, contradicting, generic, gift-word leaks) over the same accounts.

Counts (target: all zero, generic items at most 1 per top five):
  promises      a promise (a commitment made by the customer or the rep) due within 2 days or
                overdue that is not in the top three
  repeats       actions in the top five whose intent an action above them already serves
  contradicting pairs of actions in the whole list serving one intent with different approaches
  generic       checklist items in the top five (total; accounts with more than one while a specific
                action waits below — a fault — and those whose list has nothing specific left)
  gift-leaks    actions left in the list under a no-gift / no-entertainment policy whose text
                names a gift / entertainment word of the packs (compliance rules speak about the ban);
                only the words the advisor wrote count, not an account's or contact's name filled in

Promise, generic and intent are read from the packs (rule fields and pack.yaml annotate:), so an
old ranker is judged by the same declarations as the new one.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from advisor import Advisor, load_account  # noqa: E402
from advisor.accounts.facts import enrich  # noqa: E402
from advisor.evaluation import outcomes  # noqa: E402
from advisor.evaluation import rank as current_rank  # noqa: E402
from advisor.language.giftwords import found  # noqa: E402
from advisor.language.pack import PLACEHOLDER  # noqa: E402
from tests.accountgen import random_account  # noqa: E402

AS_OF = dt.date(2026, 11, 23)
PROMISE_DUE = 2


def load_ranker(path: str | None):
    """The current ranker, a rank.py file, or ``git:REV`` — that revision's advisor/evaluation/rank.py."""
    if not path:
        return current_rank.rank
    if path.startswith("git:"):
        text = subprocess.run(["git", "show", f"{path[4:]}:advisor/evaluation/rank.py"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout
        handle = tempfile.NamedTemporaryFile("w", suffix="_rank.py", delete=False, encoding="utf-8")
        handle.write(text)
        handle.close()
        path = handle.name
    spec = importlib.util.spec_from_file_location("advisor.evaluation._other_rank", path)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "advisor.evaluation"
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module.rank


def advise(advisor: Advisor, account, ranker, as_of: dt.date = AS_OF):
    """The pipeline of Advisor.advise, with a chosen ranker; also the candidates (for their intents)."""
    packset, engine = advisor.load(advisor.pack_names(account))
    facts = enrich(account, as_of, **packset.fact_options())
    run = engine.run(facts)
    all_facts = facts + run.derived
    candidates, suppressions = [], []
    index = outcomes.FactIndex(all_facts)
    for key in sorted(run.fired):
        rule = engine.rules[key[0]]
        if rule.action == "recommend":
            candidates.extend(outcomes.recommendations(rule, run.fired[key], all_facts, packset, index=index))
        elif rule.action == "suppress":
            suppressions.append(outcomes.suppression(rule, run.fired[key], all_facts, packset))
    return packset, candidates, ranker(candidates, suppressions, packset, as_of), account


def measure(packset, candidates, ranking, account) -> dict:
    # an action's intent keys are its own candidate's: one rule answering two objections of one person makes two
    # candidates with different keys, told apart by the action's intent (its first key) — keyed by rule and target
    # alone, the first candidate's keys were charged to the other action too (a repeat that was not one)
    keys, exact = {}, {}
    for c in candidates:
        keys.setdefault((c.rule.id, c.contact or c.role_label or ""), (set(c.keys), c.approach))
        exact.setdefault((c.rule.id, c.contact or c.role_label or "", c.intent), (set(c.keys), c.approach))
    rules = {r.id: r for r in packset.rules}
    acts = ranking.actions

    def behind(a):
        return getattr(a, "merged_rules", None) or [a.rule]

    def info(a):
        target = a.contact or a.role_label or ""
        got = exact.get((a.rule, target, getattr(a, "intent", None)))
        return got if got is not None else keys.get((a.rule, target), (set(), None))

    promises = sum(1 for a in acts[3:] if a.due_offset <= PROMISE_DUE and any(rules[r].promise for r in behind(a)))
    seen: set[str] = set()
    repeats = 0
    for a in acts[:5]:
        k, _ = info(a)
        repeats += bool(k & seen)
        seen |= k
    contradicting = 0
    for i, a in enumerate(acts):
        ka, pa = info(a)
        for b in acts[i + 1:]:
            kb, pb = info(b)
            contradicting += bool(ka & kb and pa and pb and pa != pb)
    generic = sum(1 for a in acts[:5] if rules[a.rule].generic)
    leaks = 0
    policies = policy_names(account)
    banned = {"gift"} if "no_gifts" in policies else set()
    if "no_entertainment" in policies:
        banned.add("entertainment")
    exempt = {t for p in packset.packs for t in getattr(p, "gift_words_exempt_tags", [])}
    for a in acts:
        if set(a.tags) & exempt:
            continue
        for tag in banned:
            words = packset.gift_words.get(tag)
            if words and any(found(written(rules[a.rule], a, lang), lang, tuple(words.zh if lang == "zh" else words.en))
                             for lang in ("en", "zh")):
                leaks += 1
                break
    return {"promises": promises, "repeats": repeats, "contradicting": contradicting, "generic": generic,
            # a top five with two checklist items is a fault only if a specific action waits below it
            "generic_over": int(generic > 1 and any(not rules[a.rule].generic for a in acts[5:])),
            "generic_short": int(generic > 1 and all(rules[a.rule].generic for a in acts[5:])),
            "gift_leaks": leaks}


def written(rule, action, lang: str) -> str:
    """The words the advisor wrote for an action: its rule's text (the policy-safe variant's when that spoke)
    without what the account filled in — an account named "… Incentive Travel" is no gift the advice offers."""
    texts = rule.policy_safe.what if action.variant == "policy-safe" and rule.policy_safe else rule.then.recommend.what
    return PLACEHOLDER.sub(" ", texts.get(lang))


# a negation governs the phrase right after it ("don't cut the price") and the last member of a list joined by "or"
# ("not a brochure or a discount", "而不是宣传册或折扣": neither one is advised); "and" does not carry it ("don't wait
# and offer a discount" advises the discount)
NEGATIONS = re.compile(r"(?:\b(?:don't|do not|never|no|not|without|avoid|instead of)\s+(?:\S+\s+){0,2}"
                       r"(?:(?:or|nor)\s+(?:\S+\s+){0,2})?|"
                       r"(?:不要|不|别|勿|切勿|无需|唔好|唔|不是|而不是|先别|禁止|严禁|不得)(?:\S{0,4}(?:或者|或是|或))?\S{0,3})$")


def word_start(text: str, start: int, phrase: str) -> bool:
    """Whether a phrase found at ``start`` begins a word: "stall" in "installation", "5%" in "+25%" and "3%" in
    "-23%" are other words. Chinese is written without spaces, so a phrase beginning with a CJK character (or any
    non-alphanumeric one) is a word wherever it stands."""
    return not (start > 0 and phrase[:1].isascii() and phrase[:1].isalnum()
                and text[start - 1].isascii() and text[start - 1].isalnum())


def asserted(text: str, phrase: str, quoted: tuple = ()) -> bool:
    """Whether ``phrase`` stands in ``text`` at least once NOT right after a negation ("don't", 不要, 别 …) and
    NOT inside the customer's own words an action quotes (``quoted``: the account's objection texts) — "don't
    answer “just send me a price” with a price list" advises what the buyer's words ask for no more than it
    advises a price cut. The rep's own promise quoted in an action is advice and is not in ``quoted``."""
    spans = [(m.start(), m.start() + len(q)) for q in quoted if q for m in re.finditer(re.escape(q), text)]
    start = text.find(phrase)
    while start >= 0:
        inside = any(a <= start < b for a, b in spans)
        if (not inside and word_start(text, start, phrase)
                and not NEGATIONS.search(text[max(0, start - 24):start])):
            return True
        start = text.find(phrase, start + 1)
    return False


# an action that says the person has gone (a handover, "taken over from …") speaks about the departure, not to them
LEFT_WORDS = ("left", "leaves", "gone", "departed", "no longer", "took over", "taken over", "successor", "replac",
              "离开", "离职", "已离", "離開", "離職", "退休", "接替", "接任", "接手")


def ruled_out(action, text: str, phrase: str, names: list, quoted: tuple = ()) -> bool:
    """Whether an action (its text ``text``, lower-case) does what a ruled-out ``phrase`` forbids. A phrase that is
    a contact's name (or part of it: "neil" of "Neil Shaw") rules out turning to that person, so it is judged by
    whom the action is addressed to: to that person, a misfire; to someone else ("meet Fiona, who took over from
    Neil Shaw, and hand over what was agreed with him"), not — the name is the matter, not the addressee; to
    nobody in particular, a misfire unless the action itself says the person has gone. Any other phrase is
    judged by the words (``asserted``)."""
    if not asserted(text, phrase, quoted):
        return False
    person = [n for n in names if len(phrase) >= 2 and phrase in n]
    if not person:
        return True
    to = (action.contact or "").lower()
    if to:
        return to in person
    return not any(w in text for w in LEFT_WORDS)


def is_coach_first(action, expect: dict, lang: str) -> bool:
    """Whether an action is the coach's first move of an account's expectations: what it serves (or also_ok), whom
    it is for (``who``, if given) and one of the coach's words (``any``, if given) in its text."""
    first = expect.get("first") or {}
    ok_serves = set([first.get("serves")] if isinstance(first.get("serves"), str) else first.get("serves") or [])
    ok_serves |= set(first.get("also_ok") or [])
    who = first.get("who") or []
    phrases = [str(p).lower() for p in first.get("any") or []]  # a bare number in YAML is the text typed
    serves = action.serves or ("keep_promise" if action.level == "due_promise" else action.level)
    text = action.what[lang].lower()
    label = f"{action.contact or ''} {action.role_label or ''}"
    return (serves in ok_serves
            and (not who or any(w and w in label for w in who))
            and (not phrases or any(p in text for p in phrases)))


def blind_measure(advice, expect: dict, lang: str, quoted: tuple = ()) -> dict:
    """The issue-22 checks of one account's ranked actions against its expectations (``quoted``: the
    customer's words, lower-case, that an action may quote)."""
    acts = advice.actions
    top = acts[0] if acts else None

    def matches(action) -> bool:
        return is_coach_first(action, expect, lang)

    right = top is not None and matches(top)
    # issue 23 asks for a teaching's account "whose #1 or top three a coach would sign": the coach's first move
    # somewhere in the top three (the same test as #1 right, on each of the three)
    in_top3 = any(matches(a) for a in acts[:3])
    names = [f["name"].lower() for f in advice.facts if f.get("kind") == "contact" and f.get("name")]
    top5 = [(a, a.what[lang].lower()) for a in acts[:5]]
    hits = [(m.get("why", ""), [str(p).lower() for p in m.get("any") or []]) for m in expect.get("not_top5") or []]
    hits = [(why, words) for why, words in hits if any(w in text for w in words for _, text in top5)]
    # "don't cut the price" holds "cut the price" but advises against it: a hit only under a negation, or only
    # in the buyer's quoted words — or a person's name in an action addressed to someone else — is counted apart
    # (negated), never as a misfire
    misfires = [why for why, words in hits if any(ruled_out(a, text, w, names, quoted) for w in words for a, text in top5)]
    negated = [why for why, words in hits if why not in misfires]
    upkeep_above = 0
    for i, a in enumerate(acts):
        if a.level == "upkeep" and any(b.level != "upkeep" for b in acts[i + 1:]):
            upkeep_above += 1
    promise_facts = [f for f in advice.facts if f.get("kind") == "promise"]
    due = [f for f in promise_facts if f.get("status") == "open" and f.get("due_in_days", 99) <= PROMISE_DUE
           and counted_promise(f)]
    # a customer's own undated step is no promise to keep on time: its due date is only the pack's default
    uncounted = {f.get("key") for f in promise_facts if not counted_promise(f)}

    def kept_due(a) -> bool:
        return a.due_offset <= PROMISE_DUE and not (a.promise_key and a.promise_key in uncounted)
    # an action that answers the promise without keeping it as due (held until an unverified change is verified,
    # core.promises.hold-until-verified) is tagged promise: the promise is in the list, not lost
    promises_top3 = sum(1 for a in acts[:3] if (a.promise or "promise" in a.tags) and kept_due(a))
    below = sum(1 for a in acts[3:] if a.promise and kept_due(a))
    return {"first_right": int(right), "top3_right": int(in_top3), "misfires": len(misfires), "misfire_why": misfires, "negated": len(negated),
            "upkeep_above": upkeep_above, "promises_out": max(below, len(due) - promises_top3),
            "first": f"{top.rule} ({top.serves or top.level})" if top else "(no action)"}


def counted_promise(fact: dict) -> bool:
    """Whether a promise fact counts for "promises due or overdue outside the top three": every promise of ours (the
    rep's), and the customer's only on a date written or agreed — a customer's undated step ("they will send the
    PO") falls "due" only on the pack's default days after it was made, a date nobody promised (session 16)."""
    return fact.get("by") != "customer" or not fact.get("due_assumed")


def run_blind(folder: Path, ranker, verbose: bool) -> None:
    from advisor.files.errors import AdvisorError
    from advisor.files.yamlio import load_yaml_file

    spec, _ = load_yaml_file(folder / "expectations.yaml")
    as_of = dt.date.fromisoformat(str(spec.get("as_of", AS_OF.isoformat())))
    advisor = Advisor()
    names = ["promises", "repeats", "contradicting", "generic", "gift_leaks"]
    teachings: dict[str, list[str]] = {}
    total = dict.fromkeys(["first_right", "top3_right", "misfires", "negated", "upkeep_above", "promises_out"] + names, 0)
    accounts = spec.get("accounts") or {}
    second, agree = load_second_coach(folder)
    per_account: dict[str, dict] = {}
    for file in sorted(accounts):
        expect = accounts[file] or {}
        lang = expect.get("lang", "en")
        try:
            account = load_account(folder / file)
            advice = advisor.advise(account, as_of=as_of)
        except AdvisorError as exc:  # one bad account is reported and counted wrong, never the end of the run
            print(f"  {file}: ERROR {exc}")
            continue
        got = blind_measure(advice, expect, lang, tuple(o.text.lower() for o in account.objections))
        if second is not None and file in second:
            other = blind_measure(advice, second[file] or {}, lang, tuple(o.text.lower() for o in account.objections))
            per_account[file] = {"writer": got, "second": other}
        old = measure(*advise(advisor, account, ranker, as_of))
        for k in total:
            total[k] += got[k] if k in got else old[k]
        if expect.get("teaching"):
            verdict = "#1" if got["first_right"] else "top 3" if got["top3_right"] else "missed"
            teachings.setdefault(verdict, []).append(f"{expect['teaching']} ({file})")
        if verbose:
            print(f"  {file}: #1 {'right' if got['first_right'] else 'WRONG'}"
                  + ("" if got["first_right"] else f" (in the top three: {'yes' if got['top3_right'] else 'no'})")
                  + f" — {got['first']}; misfires {got['misfires']}"
                  + (f" ({'; '.join(got['misfire_why'])})" if got["misfire_why"] else "")
                  + (f" [+{got['negated']} only under a negation, in the buyer's quoted words or a name in an action to someone else, not counted]" if got["negated"] else "")
                  + (f"; second coach: #1 {'right' if per_account[file]['second']['first_right'] else 'WRONG'}"
                     if file in per_account else "")
                  + f"; upkeep above specific {got['upkeep_above']}; promises outside top 3 {got['promises_out']}; "
                  + ", ".join(f"{k}={old[k]}" for k in names))
    n = len(accounts)
    if second is not None:
        two = two_coach_counts(second, agree, per_account)
    print(f"blind ({n} accounts, as of {as_of}): #1 right {total['first_right']}/{n} "
          f"({100 * total['first_right'] / max(n, 1):.0f}%); the coach's first in the top three {total['top3_right']}/{n}; "
          f"misfires in top 5: {total['misfires']}; "
          f"upkeep above a specific action: {total['upkeep_above']}; promises due/overdue outside top 3: "
          f"{total['promises_out']}; old counts — promises not in top 3: {total['promises']}, repeated intents: "
          f"{total['repeats']}, contradicting pairs: {total['contradicting']}, generic in top 5: {total['generic']}, "
          f"gift-word leaks: {total['gift_leaks']}; ruled-out words found only under a negation, in the buyer's "
          f"quoted words or as a name in an action to someone else (not counted as misfires): {total['negated']}")
    if second is not None:
        print(two)
    if teachings:
        print(f"teachings ({sum(map(len, teachings.values()))}): " + "; ".join(
            f"{verdict} {len(teachings.get(verdict, []))}" for verdict in ("#1", "top 3", "missed"))
            + "".join(f"\n  {verdict}: " + ", ".join(items) for verdict, items in teachings.items() if verdict != "#1"))


def load_second_coach(folder: Path) -> tuple[dict | None, dict]:
    """A second coach's first moves for the same accounts (``expectations-second.yaml``, the format of
    expectations.yaml, written from the account files alone) and, if given, their verdict on the writer's first move
    (``coaches-agree.yaml``: ``accounts: {FILE: {agree: true|false, why: ...}}``, written after their own)."""
    from advisor.files.yamlio import load_yaml_file

    path = folder / "expectations-second.yaml"
    if not path.exists():
        return None, {}
    spec, _ = load_yaml_file(path)
    agree_path = folder / "coaches-agree.yaml"
    agree = (load_yaml_file(agree_path)[0].get("accounts") or {}) if agree_path.exists() else {}
    return spec.get("accounts") or {}, agree


def two_coach_counts(second: dict, agree: dict, per_account: dict) -> str:
    """#1 right against each coach's first move and against either (a coach's first move is "what a coach would do
    first" whichever of two coaches wrote it), with how often the two coaches agree — the measure's own ceiling. The
    second coach's ``not_top5`` counts as misfires too."""
    n = len(per_account)
    writer = sum(r["writer"]["first_right"] for r in per_account.values())
    other = sum(r["second"]["first_right"] for r in per_account.values())
    either = sum(r["writer"]["first_right"] or r["second"]["first_right"] for r in per_account.values())
    top3 = sum(r["writer"]["top3_right"] or r["second"]["top3_right"] for r in per_account.values())
    misfires = sum(r["second"]["misfires"] for r in per_account.values())
    said = [v for f, v in agree.items() if f in per_account and isinstance(v, dict) and "agree" in v]
    agreed = sum(1 for v in said if v["agree"] is True)
    return (f"two coaches ({n} accounts with a second coach's first move): #1 = the writer's first {writer}/{n}; "
            f"= the second coach's first {other}/{n}; = either coach's first {either}/{n} "
            f"({100 * either / max(n, 1):.0f}%); either coach's first in the top three {top3}/{n}; misfires by the "
            f"second coach's not_top5: {misfires}"
            + (f"; the second coach signs the writer's first move on {agreed}/{len(said)}" if said else ""))


def policy_names(account) -> set[str]:
    return set(account.policy_names)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--generated", type=int, default=1000)
    ap.add_argument("--ranker", help="a rank.py to use instead of the current one")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--blind", nargs="?", const=str(ROOT / "tests" / "data" / "blind" / "accounts"), metavar="DIR",
                    help="measure the blind account set in DIR (default tests/data/blind/accounts) instead")
    args = ap.parse_args()
    ranker = load_ranker(args.ranker)
    if args.blind:
        run_blind(Path(args.blind), ranker, args.verbose)
        return
    advisor = Advisor()
    if args.ranker:
        # another ranker knows nothing of gift words in untagged text: judge it as it would run
        real_load = advisor.load

        def load(names):
            packset, engine = real_load(names)
            for r in packset.rules:
                r.word_tags = frozenset()
            return packset, engine
        advisor.load = load
    names = ["promises", "repeats", "contradicting", "generic", "generic_over", "generic_short", "gift_leaks"]

    def run(label, accounts):
        total = dict.fromkeys(names, 0)
        start = time.perf_counter()
        for name, account in accounts:
            got = measure(*advise(advisor, account, ranker))
            for k in names:
                total[k] += got[k]
            if args.verbose and any(got[k] for k in names if k not in ("generic", "generic_short")):
                print(f"  {name}: " + ", ".join(f"{k}={got[k]}" for k in names))
        n = len(accounts)
        print(f"{label} ({n} accounts, {time.perf_counter() - start:.1f} s): "
              f"promises not in top 3: {total['promises']}; repeated intents in top 5: {total['repeats']}; "
              f"contradicting pairs: {total['contradicting']}; generic in top 5: {total['generic']} "
              f"({total['generic'] / max(n, 1):.2f} per account; over 1 with specific advice below: "
              f"{total['generic_over']}, over 1 for want of specific advice: {total['generic_short']}); "
              f"gift-word leaks: {total['gift_leaks']}")

    fixtures = [(p.stem, load_account(p)) for p in sorted((ROOT / "fixtures" / "accounts").glob("*.yaml"))]
    run("fixtures", fixtures)
    if args.generated:
        rng = random.Random(20261123)
        run("generated", [(f"gen-{i}", random_account(rng, AS_OF, i)) for i in range(args.generated)])


if __name__ == "__main__":
    main()

"""``advisor pack lint``: every problem in a pack at once, one line each.

Loading a pack stops at its first error (the engine must never run a broken
pack); a pack author wants the whole list. Lint therefore reads each pack's
files itself, checks every rule on its own, and reports each finding as::

    rules/core/roles.yaml:12:17: error: unknown fact 'contact.mett' — did you mean 'contact.met'? [unknown-fact]

Errors are what ``load_packs`` would reject (plus rules that can never fire
and rules too wide for the engine); warnings are gaps a reviewer would flag
(a rule without a firing or silent case, a parameter nobody uses). Lint never
imports or runs pack content; it only reads YAML.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

from pydantic import ValidationError

from ..language import conditions as cnd
from ..language.giftwords import found
from .casetest import load_cases
from ..language.compiler import FANOUT_BUDGET, branches
from ..files.errors import AdvisorError, choice_hint, did_you_mean, escape
from ..accounts import terms
from ..accounts.facts import CATALOG
from ..accounts.facts import PARAMS as ENRICH_PARAMS
from ..language.packpath import PackPath
from ..language.pack import (PERIOD_PREFIX, PLACEHOLDER, PackSpec, RuleFile, _build_rule, _derived_catalog, check_number_params,
                   find_packs, level_param, load_packs,
                   read_pack_spec, rule_files)
from ..evaluation.rank import DEFAULTS as RANK_PARAMS
from ..portfolio.book import PARAMS as PLAN_PARAMS
from ..feedback.policy import DEFAULTS as FEEDBACK_PARAMS
from ..files.yamlio import Locations, load_yaml_file, pydantic_error

ERROR, WARNING = "error", "warning"
_GENDERED_EN = re.compile(r"(?<![A-Za-z])(he|him|his|she|her|hers|himself|herself)(?![A-Za-z])", re.I)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")  # a Chinese character (vocabulary: zh words hold one)
_GENDERED_ZH = re.compile("她|(?<!其)他(?![们人])")  # 他们 (they), 其他 (other), 他人 (others) are not

# check name → what it finds (the docs and `--help` list these)
CHECKS = {
    "yaml": "the file is not valid YAML",
    "schema": "a field is missing, unknown or of the wrong type",
    "duplicate-id": "two rules share an id (without override)",
    "unknown-fact": "a condition tests a fact path that does not exist",
    "operator-type": "an operator does not fit the fact's type",
    "value-type": "a value does not fit the fact's type",
    "unknown-param": "a {param: name} that no pack declares",
    "unknown-flag": "a flag that no pack declares",
    "missing-text": "a title or text lacks its en or zh version",
    "missing-source": "a seed rule cites no source",
    "override-missing": "an override of a rule that does not exist",
    "disable-missing": "a disable of a rule that does not exist",
    "never-fires": "contradictory conditions on one field inside one all",
    "dead-branch": "an all inside any/not whose conditions contradict",
    "fanout": f"a rule fans out to more than {FANOUT_BUDGET} engine branches",
    "case-schema": "a test case file is malformed",
    "case-unknown-rule": "a test case names a rule that does not exist",
    "no-firing-case": "a rule has no case where it fires",
    "no-silent-case": "a rule has no case where it stays silent",
    "unused-param": "a parameter no rule uses (and not a ranking, feedback or plan parameter)",
    "gift-word": "an action names a gift / incentive / entertainment word without the matching tag or a policy-safe variant",
    "offer-word": "an action offers a price move or a growth pitch (vocabularies offer_price_move / offer_growth_pitch, not "
                  "negated) without its closed tag price-move / growth-pitch (terms.OFFER_TAGS)",
    "gendered-text": "an action assumes a gender (he / she / his / her / 他 / 她) — use the name or the role",
    "load": "the pack set does not load",
}


# the vocabulary that names each offer tag's words (rules/core/pack.yaml)
_OFFER_VOCABULARY = {"price-move": "offer_price_move", "growth-pitch": "offer_growth_pitch"}
# "don't cut the price", "no discount", "不要打折", "别降价": advice against the offer makes none
_OFFER_NEGATION_EN = re.compile(r"(?<![a-z])(?:no|not|never|don['’]t|do not|without|nor|neither|rather than|instead of)"
                                r"(?![a-z])[^.;:!?]{0,20}$")
_OFFER_NEGATION_ZH = re.compile(r"(?:不|别|別|勿|无|無|没|沒|而非|不是)[^。;:!?,，]{0,4}$")


def _offer_negated(text: str, word: str, lang: str) -> bool:
    """Is every occurrence of ``word`` in ``text`` under a negation a few words before it?"""
    low = text.lower()
    w = word.lower()
    pattern = _OFFER_NEGATION_ZH if lang == "zh" else _OFFER_NEGATION_EN
    at = low.find(w)
    while at >= 0:
        if not pattern.search(low[max(0, at - 40):at]):
            return False
        at = low.find(w, at + len(w))
    return True


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    col: int
    severity: str
    message: str
    check: str

    def __str__(self) -> str:
        return escape(f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.check}]")

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "col": self.col, "severity": self.severity,
                "message": self.message, "check": self.check}


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    packs: list[str] = field(default_factory=list)
    rules: int = 0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    def summary(self) -> str:
        e, w = len(self.errors), len(self.warnings)
        return (f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''} "
                f"({len(self.packs)} pack{'s' if len(self.packs) != 1 else ''}, {self.rules} rules)")

    def text(self) -> str:
        return "".join(f"{f}\n" for f in self.findings) + self.summary() + "\n"


def show_file(path: str | Path) -> str:
    """A path relative to the working folder when it lies inside it (stable output)."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


_CLASSIFY = [
    (re.compile(r"invalid YAML|not UTF-8|file not found"), "yaml"),
    (re.compile(r"missing required field '[^']*\.(en|zh)'"), "missing-text"),
    (re.compile(r"needs 'source"), "missing-source"),
    (re.compile(r"unknown fact|unknown fact kind"), "unknown-fact"),
    (re.compile(r"does not fit"), "operator-type"),
    (re.compile(r"is not a (bool|number|text)|needs a non-empty list|needs one text value"), "value-type"),
    (re.compile(r"unknown parameter"), "unknown-param"),
    (re.compile(r"unknown flag"), "unknown-flag"),
    (re.compile(r"duplicate rule id|already exists in pack"), "duplicate-id"),
    (re.compile(r"fans out to|nested and/or levels|nested more than"), "fanout"),
    (re.compile(r"overrides a rule that does not exist"), "override-missing"),
    (re.compile(r"disables unknown rule"), "disable-missing"),
]


def classify(message: str, default: str = "schema") -> str:
    for pattern, check in _CLASSIFY:
        if pattern.search(message):
            return check
    return default


class _Collector:
    def __init__(self):
        self.findings: list[Finding] = []
        self._seen: set = set()

    def add(self, file: str, line: Optional[int], col: Optional[int], severity: str, message: str, check: str):
        f = Finding(show_file(file), line or 1, col or 1, severity, " ".join(message.split("\n")), check)
        if (f.file, f.line, f.col, f.message) not in self._seen:
            self._seen.add((f.file, f.line, f.col, f.message))
            self.findings.append(f)

    def error(self, exc: AdvisorError, default: str = "schema", severity: str = ERROR):
        text = exc.message + (f" — {exc.fix}" if exc.fix else "")
        self.add(exc.file or "<unknown>", exc.line, exc.col, severity, text, classify(exc.message, default))

    def at(self, locs: Locations, path: tuple, severity: str, message: str, check: str, at_key: bool = False):
        line, col = locs.find_key(path) if at_key else locs.find(path)
        self.add(locs.file, line, col, severity, message, check)


# ------------------------------------------------------------ contradictions ---
def _describe(leaf: cnd.Leaf) -> str:
    if leaf.op in ("exists", "not_exists"):
        return f"{leaf.fact} {leaf.op}"
    return f"{leaf.fact} {leaf.op} {leaf.value!r}"


def _hashable(value):
    """A value as a set member: a list or mapping (a wrong value type, reported on its own as
    [value-type]) becomes its JSON text instead of crashing lint (issue 20: contains with a list)."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return value


# what the account records as owed to the customer (issue 23): a rule ranking as a promise must read one of these — a
# promise on record, a complaint, the buyer's own request, a visit recording the rep's promise or its agreed next step,
# a contact left unhappy, or a flag the rep set ("phone_promise_broken"). A seed case's step retold (bring display
# shells) is no promise of this rep's to this customer.
_OWED_KINDS = ("promise", "complaint", "objection")
_OWED_FACTS = ("visit.rep_promised", "visit.has_next_step", "contact.satisfied")


def _reads_owed(leaf: cnd.Leaf) -> bool:
    kind = leaf.fact.partition(".")[0]
    return (kind in _OWED_KINDS or leaf.fact in _OWED_FACTS
            or (leaf.fact == "account.flags" and leaf.op == "contains"))


def contradiction(leaves: list[cnd.Leaf]) -> bool:
    """True when tests on ONE fact, all required at once, cannot all hold."""
    ops = {leaf.op for leaf in leaves}
    if "not_exists" in ops and ops - {"not_exists"}:
        return True  # a missing field fails every test but not_exists
    lo, lo_open, hi, hi_open = -math.inf, False, math.inf, False
    allowed: Optional[set] = None
    excluded: set = set()
    has, lacks = set(), set()
    for leaf in leaves:
        op, v = leaf.op, _hashable(leaf.value)
        if op in ("gt", "gte") and isinstance(v, (int, float)):
            if v > lo or (v == lo and op == "gt"):
                lo, lo_open = v, op == "gt"
        elif op in ("lt", "lte") and isinstance(v, (int, float)):
            if v < hi or (v == hi and op == "lt"):
                hi, hi_open = v, op == "lt"
        elif op == "eq":
            allowed = {v} if allowed is None else allowed & {v}
        elif op == "in" and isinstance(leaf.value, list):
            values = {_hashable(x) for x in leaf.value}
            allowed = values if allowed is None else allowed & values
        elif op == "ne":
            excluded.add(v)
        elif op == "not_in" and isinstance(leaf.value, list):
            excluded |= {_hashable(x) for x in leaf.value}
        elif op == "contains":
            has.add(v)
        elif op == "not_contains":
            lacks.add(v)
    if has & lacks:
        return True
    if lo > hi or (lo == hi and (lo_open or hi_open)):
        return True
    if allowed is not None:
        def in_range(x):
            if isinstance(x, bool) or not isinstance(x, (int, float)):
                return lo == -math.inf and hi == math.inf
            return (x > lo or (x == lo and not lo_open)) and (x < hi or (x == hi and not hi_open))
        if not {x for x in allowed if x not in excluded and in_range(x)}:
            return True
    return False


def _conjunction_groups(cond: cnd.Condition, required: bool = True):
    """Every ``all`` node's leaves (nested alls flattened), with whether the rule needs it to hold."""
    if isinstance(cond, cnd.Leaf):
        if required:
            yield [cond], True
        return
    if cond.op == "all":
        flat, stack = [], list(cond.children)
        while stack:
            c = stack.pop(0)
            if isinstance(c, cnd.Leaf):
                flat.append(c)
            elif c.op == "all":
                stack = list(c.children) + stack
            else:
                yield from _conjunction_groups(c, False)
        yield flat, required
    else:
        for child in cond.children:
            yield from _conjunction_groups(child, False)


def contradictions(cond: cnd.Condition) -> list[tuple[list[cnd.Leaf], bool]]:
    out = []
    for flat, required in _conjunction_groups(cond):
        by_fact: dict[str, list[cnd.Leaf]] = {}
        for leaf in flat:
            by_fact.setdefault(leaf.fact, []).append(leaf)
        for fact in sorted(by_fact):
            group = by_fact[fact]
            if len(group) > 1 and contradiction(group):
                out.append((group, required))
    return out


# ------------------------------------------------------------------- context ---
@dataclass
class _PackInfo:
    name: str
    folder: Path
    spec: PackSpec
    locs: Locations
    files: list[tuple[Path, Any, Optional[Locations]]]  # (file, data or None, locations)

    def raw_rules(self):
        for path, data, locs in self.files:
            if isinstance(data, dict) and isinstance(data.get("rules"), list):
                for i, raw in enumerate(data["rules"]):
                    yield path, locs, i, raw

    def raw_actions(self):
        """The rules that recommend an action: (locations, index, raw rule, its ``what`` texts, id, tags). A list as
        the id or a tag is its own schema finding; here it must not crash the word checks (unhashable)."""
        for _path, locs, i, raw in self.raw_rules():
            what = _get(raw, ("then", "recommend", "what")) if isinstance(raw, dict) else None
            if not isinstance(what, dict):
                continue
            raw_tags = raw.get("tags") if isinstance(raw.get("tags"), list) else []
            yield locs, i, raw, what, _hashable(raw.get("id", "?")), {_hashable(t) for t in raw_tags}


def _param_refs(node: Any, out: set) -> None:
    if isinstance(node, dict):
        if set(node) == {"param"} and isinstance(node["param"], str):
            out.add(node["param"])
        for v in node.values():
            _param_refs(v, out)
    elif isinstance(node, list):
        for v in node:
            _param_refs(v, out)
    elif isinstance(node, str):
        for kind, name, _fmt in PLACEHOLDER.findall(node):
            if kind == "params":
                out.add(name)


_TEXT_PATHS = [("title",), ("then", "recommend", "what"), ("then", "recommend", "why"), ("then", "suppress", "reason")]


def _get(raw: Any, path: tuple) -> Any:
    for part in path:
        if not isinstance(raw, dict) or part not in raw:
            return None
        raw = raw[part]
    return raw


class Linter:
    def __init__(self, rules_dir: Path):
        self.rules_dir = rules_dir if isinstance(rules_dir, PackPath) else Path(rules_dir)
        self.out = _Collector()
        self.installed = find_packs(self.rules_dir)
        self._annotated: Optional[set[str]] = None
        self._info: dict[str, Optional[_PackInfo]] = {}
        self._read_findings: dict[str, list[Finding]] = {}
        self.rule_count = 0

    # -- reading -----------------------------------------------------------
    def info(self, name: str, report: bool = True) -> Optional[_PackInfo]:
        """A pack's files, read once; reading problems are reported only when ``report``."""
        if name not in self._info:
            main, self.out = self.out, _Collector()
            try:
                self._info[name] = self._read(name)
            finally:
                self._read_findings[name], self.out = self.out.findings, main
        if report:
            for f in self._read_findings[name]:
                self.out.add(f.file, f.line, f.col, f.severity, f.message, f.check)
        return self._info[name]

    def _read(self, name: str) -> Optional[_PackInfo]:
        if True:
            folder = self.installed.get(name)
            if folder is None:
                return None
            try:
                spec, locs = read_pack_spec(folder)
            except AdvisorError as exc:
                self.out.error(exc)
                return None
            files = []
            for path in rule_files(folder):
                try:
                    data, flocs = load_yaml_file(path)
                except AdvisorError as exc:
                    self.out.error(exc)
                    files.append((path, None, None))
                    continue
                if not isinstance(data, dict):
                    self.out.at(flocs, (), ERROR, "a rule file must be a mapping with 'rules:' — start the file with 'rules:'", "schema")
                    data = None
                else:
                    try:
                        RuleFile.model_validate(data)
                    except ValidationError as exc:
                        from ..accounts.account import allowed_fields
                        self.out.error(pydantic_error(exc, flocs, allowed_fields=allowed_fields(RuleFile), what="a rules file"))
                        data = None
                files.append((path, data, flocs))
            return _PackInfo(name, folder, spec, locs, files)

    def chain(self, name: str) -> Optional[list[_PackInfo]]:
        """The pack and what it extends, base first; None when a link is broken (reported)."""
        out: list[_PackInfo] = []
        current: Optional[str] = name
        while current:
            if any(p.name == current for p in out):
                last = out[-1]
                self.out.at(last.locs, ("extends",), ERROR, "packs extend each other in a cycle: "
                            + " → ".join([p.name for p in out] + [current]), "schema")
                return None
            if current not in self.installed:
                if out:
                    self.out.at(out[-1].locs, ("extends",), ERROR, f"extends unknown pack '{current}' — "
                                + choice_hint(current, self.installed), "schema")
                return None
            info = self.info(current)
            if info is None:
                return None
            out.append(info)
            current = info.spec.extends
        return list(reversed(out))

    # -- checks ------------------------------------------------------------
    def lint(self, names: Iterable[str]) -> Report:
        names = list(names)
        used_params: set[str] = set()
        for other in self.installed:
            info = self.info(other, report=False)
            if info:
                for _path, _locs, _i, raw in info.raw_rules():
                    _param_refs(raw, used_params)
        known_ids = set()
        for other in self.installed:
            info = self.info(other, report=False)
            if info:
                known_ids |= {raw.get("id") for *_x, raw in info.raw_rules()
                              if isinstance(raw, dict) and isinstance(raw.get("id"), str)}  # `id: 12345` is a schema finding
        def depth(name):  # base packs first, so a rule's own finding comes before any pack that loads it
            seen, n = set(), 0
            info = self.info(name, report=False)
            while info and info.spec.extends and info.spec.extends not in seen:
                seen.add(info.spec.extends)
                info, n = self.info(info.spec.extends, report=False), n + 1
            return n
        for name in sorted(names, key=depth):
            self.lint_pack(name, used_params, known_ids)
        findings = sorted(self.out.findings, key=lambda f: (f.file, f.line, f.col, f.check, f.message))
        return Report(findings=findings, packs=names, rules=self.rule_count)

    def lint_pack(self, name: str, used_params: set[str], known_ids: set) -> None:
        before = len([f for f in self.out.findings if f.severity == ERROR])
        chain = self.chain(name)
        if chain is None:
            return
        me = chain[-1]
        params: dict[str, Any] = {}
        derived: dict = {}
        flags: dict[str, str] = {}
        vocabulary: dict = {}  # as load_packs merges it: a pack adds words to its bases'
        for p in chain:
            params.update({k: v.value for k, v in p.spec.params.items()})
            flags.update(p.spec.flags)
            for vname, words in p.spec.vocabulary.items():
                vocabulary[vname] = vocabulary[vname].merged(words) if vname in vocabulary else words
            for kind, d in p.spec.derived.items():
                if kind in CATALOG:
                    self.out.at(p.locs, ("derived", kind), ERROR, f"derived kind '{kind}' clashes with a base fact kind", "schema")
                derived[kind] = d
        catalog = dict(CATALOG) | _derived_catalog(derived)
        ancestors: dict[str, str] = {}  # id → pack, effective in the packs below this one
        for p in chain[:-1]:
            for _path, _locs, _i, raw in p.raw_rules():
                if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                    ancestors[raw["id"]] = p.name

        own_ids: dict[str, tuple[Locations, int]] = {}
        for path, locs, i, raw in me.raw_rules():
            self.rule_count += 1
            where = ("rules", i)
            rid = raw.get("id") if isinstance(raw, dict) else None
            self.lint_rule(raw, where, locs, me.name, params, catalog, derived, flags, vocabulary)
            if not isinstance(rid, str):
                continue
            if rid in own_ids:
                first_locs, first_i = own_ids[rid]
                fline = first_locs.find(("rules", first_i))[0]
                self.out.at(locs, where + ("id",), ERROR, f"duplicate rule id '{rid}' (first at "
                            f"{show_file(first_locs.file)}:{fline}) — give each rule its own id", "duplicate-id")
                continue
            own_ids[rid] = (locs, i)
            has_override = isinstance(raw.get("override"), dict)
            if rid in ancestors and not has_override:
                self.out.at(locs, where + ("id",), ERROR, f"rule id '{rid}' already exists in pack '{ancestors[rid]}' — "
                            "add 'override: {reason: ...}' to replace it, or choose a new id", "duplicate-id")
            elif has_override and rid not in ancestors:
                self.out.at(locs, where + ("override",), ERROR, f"rule '{rid}' overrides a rule that does not exist — "
                            + (choice_hint(rid, ancestors) if ancestors else "remove 'override:'"), "override-missing", at_key=True)

        self.lint_words(chain, me)
        self.lint_offers(chain, me)
        self.lint_vocabulary(chain, me)

        effective = set(ancestors) | set(own_ids)
        for j, dis in enumerate(me.spec.disable):
            if dis.rule not in effective:
                self.out.at(me.locs, ("disable", j, "rule"), ERROR, f"disables unknown rule '{dis.rule}' — "
                            + (choice_hint(dis.rule, effective) if effective else "remove it"), "disable-missing")

        self.lint_cases(me, own_ids, known_ids)
        self.lint_params(me, used_params)

        # safety net: whatever load_packs rejects must show up, even if no check above knows it
        if len([f for f in self.out.findings if f.severity == ERROR]) == before:
            try:
                check_number_params(load_packs([name], self.rules_dir), RANK_PARAMS)
            except AdvisorError as exc:
                self.out.error(exc, default="load")

    def lint_vocabulary(self, chain: list, me) -> None:
        """Each word of a ``vocabulary:`` list can be found the way it is matched (English by whole
        word, Chinese by substring) and finds no more than it means."""
        inherited: dict[tuple[str, str], set[str]] = {}
        # a vocabulary any pack of the chain reads as one half of a pair: one Chinese character is a word there
        pair_parts = {name for p in chain for name, words in p.spec.vocabulary.items() if words.pair_part}
        for p in chain:
            if p.name == me.name:
                continue
            for name, words in p.spec.vocabulary.items():
                for lang in ("en", "zh", "zh_hant"):
                    inherited.setdefault((name, lang), set()).update(getattr(words, lang))
        for name, words in me.spec.vocabulary.items():
            # a named period anchors a time only with its date; a word list that is no period has none
            period = name.startswith(PERIOD_PREFIX)
            if period and not words.on and not any(name in p.spec.vocabulary and p.spec.vocabulary[name].on
                                                   for p in chain):
                self.out.at(me.locs, ("vocabulary", name), ERROR, f"vocabulary {name}: a named period needs its date "
                            "— add on: [\"MM\"] (a month), [\"MM-DD\"] (a day) or [\"YYYY-MM-DD\", …] (a moving "
                            "period's days)", "vocabulary")
            elif not period and words.on:
                self.out.at(me.locs, ("vocabulary", name, "on"), ERROR, f"vocabulary {name}: on: is for a named "
                            f"period only — name it {PERIOD_PREFIX}<name> or remove on:", "vocabulary")
            for lang in ("en", "zh", "zh_hant"):
                seen: set[str] = set()
                for k, word in enumerate(getattr(words, lang)):
                    where, cjk = ("vocabulary", name, lang, k), bool(_CJK.search(word))
                    if not word.strip():
                        problem = "is empty — remove it"
                    elif lang == "en" and cjk:
                        problem = f"'{word}' is Chinese — list it under zh (or zh_hant)"
                    elif lang != "en" and not cjk:
                        problem = f"'{word}' has no Chinese character — list it under en"
                    elif lang != "en" and len(word.strip()) < 2 and name not in pair_parts:
                        problem = f"'{word}' is one character and would be found inside many other words — write the whole word"
                    elif lang == "en" and len(word.strip()) < 2:
                        problem = f"'{word}' is one letter — write the whole word"
                    else:
                        problem = None
                    if problem:
                        self.out.at(me.locs, where, ERROR, f"vocabulary {name} ({lang}): word {problem}", "vocabulary")
                    elif word in seen or word in inherited.get((name, lang), ()):
                        self.out.at(me.locs, where, WARNING, f"vocabulary {name} ({lang}): '{word}' is listed already"
                                    + ("" if word in seen else " by a pack this one extends") + " — remove it", "vocabulary")
                    seen.add(word)

    def lint_words(self, chain: list, me) -> None:
        """Gift words need their tag (or a policy-safe variant that drops them); actions name no gender."""
        gift_words: dict[str, tuple[set, set]] = {}
        exempt: set[str] = set()
        annotated: dict[str, Any] = {}
        for p in chain:
            for tag, words in p.spec.gift_words.items():
                en, zh = gift_words.setdefault(tag, (set(), set()))
                en.update(words.en)
                zh.update(words.zh)
            exempt.update(p.spec.gift_words_exempt_tags)
            annotated.update({rid: c for rid, c in p.spec.annotate.items() if c.policy_safe is not None})

        def hits(text: dict, tag: str, lang: str) -> list[str]:
            en, zh = gift_words[tag]
            return found(str(text.get(lang, "")), lang, tuple(sorted(zh if lang == "zh" else en)))

        for rid, coaching in me.spec.annotate.items():  # a variant given in pack.yaml must be clean too
            if coaching.policy_safe is None:
                continue
            safe_what = coaching.policy_safe.what.model_dump()
            for tag in sorted(gift_words):
                for lang in ("en", "zh"):
                    still = hits(safe_what, tag, lang)
                    if still:
                        self.out.at(me.locs, ("annotate", rid, "policy_safe", "what", lang), ERROR,
                                    f"rule {rid}: the policy-safe variant still names {', '.join(repr(w) for w in still)} "
                                    "— drop it from the variant", "gift-word")
        for locs, i, raw, what, rid, tags in me.raw_actions():
            base = ("rules", i, "then", "recommend")
            safe = _get(raw, ("then", "recommend", "policy_safe", "what"))
            has_safe = isinstance(safe, dict) or rid in annotated
            for lang, pattern in (("en", _GENDERED_EN), ("zh", _GENDERED_ZH)):
                m = pattern.search(str(what.get(lang, "")))
                if m:
                    self.out.at(locs, base + ("what", lang), WARNING, f"rule {rid}: the action says '{m.group(0)}' — "
                                "use the contact's name or role, not a gendered pronoun", "gendered-text")
            if tags & exempt:
                continue
            for tag in sorted(gift_words):
                for lang in ("en", "zh"):
                    words = hits(what, tag, lang)
                    if words and tag not in tags and not has_safe:
                        self.out.at(locs, base + ("what", lang), ERROR, f"rule {rid}: the action names "
                                    f"{', '.join(repr(w) for w in words)} but is not tagged '{tag}' — add the tag (a policy "
                                    "then holds it back) or a then.recommend.policy_safe variant without it", "gift-word")
                    still = hits(safe, tag, lang) if isinstance(safe, dict) else []
                    if still:
                        self.out.at(locs, base + ("policy_safe", "what", lang), ERROR, f"rule {rid}: the policy-safe "
                                    f"variant still names {', '.join(repr(w) for w in still)} — drop it from the variant",
                                    "gift-word")

    def lint_offers(self, chain: list, me) -> None:
        """An action whose words offer a price move or a growth pitch carries the closed tag that says so
        (terms.OFFER_TAGS): the guard that holds such offers back while an account is losing business over something
        other than price (core.switching.answer-the-cause-first) finds them by the tag, in any pack (session 9)."""
        words: dict[str, tuple[set, set]] = {}
        for p in chain:
            for tag in terms.OFFER_TAGS:
                got = p.spec.vocabulary.get(_OFFER_VOCABULARY[tag])
                if got is not None:
                    en, zh = words.setdefault(tag, (set(), set()))
                    en.update(got.en)
                    zh.update(set(got.zh) | set(got.zh_hant))
        for locs, i, _raw, what, rid, tags in me.raw_actions():
            for tag in sorted(words):
                if tag in tags:
                    continue
                for lang in ("en", "zh"):
                    text = str(what.get(lang, ""))
                    en, zh = words[tag]
                    hit = [w for w in found(text, lang, tuple(sorted(zh if lang == "zh" else en)))
                           if not _offer_negated(text, w, lang)]
                    if hit:
                        self.out.at(locs, ("rules", i, "then", "recommend", "what", lang), WARNING,
                                    f"rule {rid}: the action offers {', '.join(repr(w) for w in hit)} but is not tagged "
                                    f"'{tag}' — add the tag (the account's own loss cause then holds it back)",
                                    "offer-word")
                        break

    def annotated_serves(self) -> set[str]:
        """Rule ids whose ``serves:`` some installed pack gives in its pack.yaml ``annotate:``."""
        if self._annotated is None:
            self._annotated = set()
            for name in self.installed:
                info = self.info(name, report=False)
                if info:
                    self._annotated |= {rid for rid, c in info.spec.annotate.items() if c.serves is not None}
        return self._annotated

    def lint_rule(self, raw: Any, where: tuple, locs: Locations, pack: str, params: dict, catalog: dict,
                  derived: dict, flags: dict, vocabulary: dict | None = None) -> None:
        if not isinstance(raw, dict):
            self.out.at(locs, where, ERROR, "a rule must be a mapping (id:, family:, when:, then:, …)", "schema")
            return
        rid = raw.get("id", "?")
        n_before = len(self.out.findings)

        def add(path, message, check, severity=ERROR, at_key=False):
            self.out.at(locs, path, severity, f"rule {rid}: {message}", check, at_key=at_key)

        for tpath in _TEXT_PATHS:
            text = _get(raw, tpath)
            if text is None and tpath != ("title",):
                continue
            if not isinstance(text, dict):
                add(where + tpath, f"{'.'.join(tpath)} needs en and zh text — write {{en: ..., zh: ...}}", "missing-text")
                continue
            for lang in ("en", "zh"):
                value = text.get(lang)
                if not isinstance(value, str) or not value.strip():
                    add(where + tpath + ((lang,) if lang in text else ()),
                        f"{'.'.join(tpath)} has no {lang} text — add '{lang}: ...'", "missing-text")
        serves = raw.get("serves")
        if serves is None and _hashable(rid) not in self.annotated_serves():
            # the ranking orders by what an action answers; a rule that does not say would rank by guesswork
            add(where + ("id",), "no 'serves:' — say what its action answers: " + ", ".join(terms.SERVES)
                + " (upkeep = fits any account)", "missing-serves")
        elif serves is not None and not isinstance(serves, str):
            # a list or a mapping once crashed lint here (unhashable), found by the long fuzz run
            add(where + ("serves",), "serves must be one word — use one of: " + ", ".join(terms.SERVES),
                "unknown-serves")
        elif serves is not None and serves not in terms.SERVES:
            add(where + ("serves",), f"unknown serves '{serves}' — " + choice_hint(serves, terms.SERVES),
                "unknown-serves")
        if raw.get("basis", "seed") == "seed" and not raw.get("source"):
            add(where + ("id",), "a seed rule needs 'source: <seed file> · <section>' — cite it, or write 'basis: derived'",
                "missing-source")

        when = None
        if raw.get("when") is not None:
            def err(path, message, fix=None):
                return locs.error(path, f"rule {rid}: {message}", fix)
            try:
                when = cnd.parse(raw["when"], where + ("when",), err)
            except AdvisorError as exc:
                self.out.error(exc)
            if when is not None:
                leaf_ok = True
                for leaf in cnd.leaves(when):
                    kind, _, name = leaf.fact.partition(".")
                    if kind not in catalog:
                        add(leaf.where + ("fact",), f"unknown fact kind '{kind}' in '{leaf.fact}' — "
                            + choice_hint(kind, catalog), "unknown-fact")
                        leaf_ok = False
                        continue
                    fields = catalog[kind]
                    if name not in fields:
                        hint = did_you_mean(name, fields)
                        add(leaf.where + ("fact",), f"unknown fact '{leaf.fact}' — "
                            + (hint.replace("'", f"'{kind}.", 1) if hint else f"fields of {kind}: " + ", ".join(sorted(fields))),
                            "unknown-fact")
                        leaf_ok = False
                        continue
                    ftype = fields[name][0]
                    if ftype not in cnd.OPERATORS[leaf.op]:
                        fits = [o for o, types in cnd.OPERATORS.items() if ftype in types]
                        add(leaf.where + ("op",), f"operator '{leaf.op}' does not fit {ftype} fact '{leaf.fact}' — use one of: "
                            + ", ".join(fits), "operator-type")
                        leaf_ok = False
                resolved = None
                try:
                    resolved = cnd.resolve_params(when, params, err, vocabulary)
                except AdvisorError as exc:
                    self.out.error(exc)
                if resolved is not None and leaf_ok:
                    for leaf in cnd.leaves(resolved):
                        try:
                            cnd._check_value(leaf, catalog[leaf.kind][leaf.field][0], err)
                        except AdvisorError as exc:
                            self.out.error(exc, "value-type")
                    for group, required in contradictions(resolved):
                        shown = ", ".join(_describe(leaf) for leaf in group)
                        if required:
                            add(group[-1].where, f"can never fire: {shown} cannot all hold", "never-fires")
                        else:
                            add(group[-1].where, f"an all-group can never hold: {shown}", "dead-branch", WARNING)
        if raw.get("promise") is True and when is not None and not any(map(_reads_owed, cnd.leaves(when))):
            add(where + ("promise",), "'promise: true' ranks its action as a promise, but no condition reads one on "
                "record — test a recorded promise or what is owed (promise.*, complaint.*, an objection, "
                "visit.rep_promised, visit.has_next_step, contact.satisfied, a flag the account sets), or drop "
                "'promise: true': a seed case's step is not this customer's promise", "promise-unrecorded")
        if len(self.out.findings) > n_before and any(f.severity == ERROR for f in self.out.findings[n_before:]):
            return  # the loader would only repeat the first of these
        try:
            rule = _build_rule(raw, where, locs, pack, params, catalog, derived, flags, vocabulary)
        except AdvisorError as exc:
            self.out.error(exc)
            return
        for kind, n in sorted(branches(rule).items()):
            if n > FANOUT_BUDGET:
                add(where + ("when",), f"fans out to {n} engine branches on '{kind}' facts (limit {FANOUT_BUDGET}) — "
                    "split the rule or shorten its in/mentions lists", "fanout")

    def lint_cases(self, me: _PackInfo, own_ids: dict, known_ids: set) -> None:
        try:
            cases = load_cases(me.folder)
        except AdvisorError as exc:
            self.out.error(exc, "case-schema")
            return
        fired, silent = set(), set()
        for case in cases:
            exp = case.spec.expect
            for rid in exp.fired + exp.silent + exp.suppressed + exp.top + [t.rule for t in exp.text]:
                if rid not in known_ids:
                    self.out.at(case.locs, ("cases", case.index, "expect"), ERROR,
                                f"case '{case.spec.name}' names unknown rule '{rid}' — " + choice_hint(rid, [k for k in known_ids if k]),
                                "case-unknown-rule")
            fired |= set(exp.fired + exp.suppressed + exp.top + [t.rule for t in exp.text])
            silent |= set(exp.silent)
        for rid, (locs, i) in own_ids.items():
            if rid not in fired:
                self.out.at(locs, ("rules", i, "id"), WARNING, f"rule {rid} has no case where it fires — "
                            f"add a case to {show_file(me.folder / 'tests')} with expect: fired: [{rid}]", "no-firing-case")
            if rid not in silent:
                self.out.at(locs, ("rules", i, "id"), WARNING, f"rule {rid} has no case where it stays silent — "
                            f"add a case with expect: silent: [{rid}]", "no-silent-case")

    def lint_params(self, me: _PackInfo, used: set[str]) -> None:
        levels = {level_param(t.level) for t in me.spec.tag_levels.values()}  # a level its tag_levels: ranks at
        for name in me.spec.params:
            if (name not in used and name not in levels and name not in RANK_PARAMS and name not in FEEDBACK_PARAMS and name not in PLAN_PARAMS
                    and name not in ENRICH_PARAMS):
                self.out.at(me.locs, ("params", name), WARNING, f"parameter '{name}' is used by no rule — "
                            "remove it, or use it with {param: " + name + "}", "unused-param", at_key=True)


def pack_folders(paths: Iterable[Path], default_rules: Path) -> tuple[Path, list[str]]:
    """(rules_dir, pack names) for the PATH arguments; no PATH means every installed pack."""
    paths = [Path(p) for p in paths]
    if not paths:
        return default_rules, list(find_packs(default_rules))
    dirs = set()
    names = []
    for p in paths:
        if not p.is_dir():
            raise AdvisorError("not a pack folder", file=str(p), fix="name a folder like rules/core")
        if (p / "pack.yaml").is_file():
            dirs.add(p.resolve().parent)
            names.append(p.resolve().name)
        elif any((c / "pack.yaml").is_file() for c in p.iterdir() if c.is_dir()):
            dirs.add(p.resolve())
            names.extend(find_packs(p))
        else:
            raise AdvisorError("no pack.yaml here", file=str(p), fix="name a pack folder (rules/<name>) or a rules folder")
    if len(dirs) > 1:
        raise AdvisorError("pack folders come from different rules folders: " + ", ".join(sorted(map(str, dirs))),
                           fix="lint one rules folder at a time")
    seen = []
    for n in names:
        if n not in seen:
            seen.append(n)
    return dirs.pop(), seen


def lint(rules_dir: Path, names: list[str]) -> Report:
    return Linter(rules_dir).lint(names)

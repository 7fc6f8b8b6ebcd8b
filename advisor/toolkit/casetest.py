"""Pack test cases: accounts in, expected rules out (Semgrep's ``--test`` for packs).

Each pack keeps its cases in ``rules/<pack>/tests/*.yaml``::

    cases:
      - name: decider-not-met
        as_of: 2026-11-23
        account: {name: Demo, contacts: [{name: 王总, roles: [decider]}]}   # or fixture: path
        expect:
          fired: [core.roles.meet-decider]      # like Semgrep's "ruleid:"
          silent: [core.roles.find-decider]     # like Semgrep's "ok:"
          suppressed: [...]                     # fired, but suppressed
          top: [rule ids, in order]             # the first actions of the ranking
          text: [{rule: id, lang: zh, contains: 决策人}]
          first: "first meeting with 王总"        # coach case: the #1 action's intent, or a rule behind it
          not_in_top: [core.steps.propose-fab]  # coach case: none of these leads an action in the first five

``run_pack_cases`` is used by ``advisor pack test`` and by pytest alike.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..accounts.account import allowed_fields, load_account, validate_account
from ..api import Advisor
from ..files.errors import AdvisorError
from ..files.yamlio import Locations, load_yaml_file, pydantic_error


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TextExpectation(Strict):
    rule: str
    lang: str = "en"
    contains: str


class Expect(Strict):
    fired: list[str] = Field(default_factory=list)
    silent: list[str] = Field(default_factory=list)
    suppressed: list[str] = Field(default_factory=list)
    top: list[str] = Field(default_factory=list)
    text: list[TextExpectation] = Field(default_factory=list)
    # coach cases: the right first move (an intent, or a rule id behind the #1 action) and
    # rules that must not lead an action in the first five (merged into another, a rule is only cited)
    first: Optional[str] = None
    not_in_top: list[str] = Field(default_factory=list)


class CaseSpec(Strict):
    name: str
    description: str = ""
    as_of: dt.date
    packs: Optional[list[str]] = None
    account: Optional[dict[str, Any]] = None
    fixture: Optional[str] = None
    expect: Expect


class CaseFile(Strict):
    cases: list[dict]


@dataclass
class Case:
    pack: str
    file: str
    spec: CaseSpec
    locs: Locations
    index: int

    @property
    def line(self) -> Optional[int]:
        """Where the case starts in its file. Asked for only when a case fails or is listed with its place: finding
        it parses the whole file a second time with ruamel.yaml (several times the cost of loading it), which
        ``pack docs`` and a passing ``pack test`` would otherwise pay on every case file."""
        return self.locs.find(("cases", self.index))[0]

    @property
    def id(self) -> str:
        return f"{self.pack}/{self.spec.name}"


@dataclass
class CaseResult:
    case: Case
    status: str  # PASS / FAIL / ERROR
    problems: list[str] = field(default_factory=list)
    trace: str = ""


def case_files(pack_folder: Path) -> list[Path]:
    return sorted((pack_folder / "tests").glob("*.yaml"))


def load_cases(pack_folder: Path) -> list[Case]:
    out: list[Case] = []
    seen: dict[str, str] = {}
    for path in case_files(pack_folder):
        data, locs = load_yaml_file(path)
        try:
            CaseFile.model_validate(data if isinstance(data, dict) else {})
        except ValidationError as exc:
            raise pydantic_error(exc, locs, allowed_fields=allowed_fields(CaseFile), what="a case file") from None
        for i, raw in enumerate(data["cases"]):
            try:
                spec = CaseSpec.model_validate(raw)
            except ValidationError as exc:
                raise pydantic_error(exc, locs, ("cases", i), allowed_fields=allowed_fields(CaseSpec), what="a case") from None
            if (spec.account is None) == (spec.fixture is None):
                raise locs.error(("cases", i), f"case '{spec.name}' needs exactly one of account: or fixture:")
            if spec.name in seen:
                raise locs.error(("cases", i, "name"), f"duplicate case name '{spec.name}' (also in {seen[spec.name]})",
                                 "give each case of a pack its own name")
            seen[spec.name] = str(path)
            out.append(Case(pack=pack_folder.name, file=str(path), spec=spec, locs=locs, index=i))
    return out


def _account(case: Case, project_root: Path):
    spec = case.spec
    if spec.fixture:
        here = Path(case.file).parent / spec.fixture
        return load_account(here if here.exists() else project_root / spec.fixture)
    return validate_account(spec.account, case.locs.sub(("cases", case.index, "account")))




def run_case(advisor: Advisor, case: Case) -> CaseResult:
    from ..output import explain

    spec = case.spec
    try:
        account = _account(case, advisor.rules_dir.parent)
        packs = spec.packs or [case.pack]
        # without the trace: evaluating every rule again in Python costs twice the advice itself, and only a
        # failing case shows it (below)
        advice = advisor.advise(account, as_of=spec.as_of, packs=packs)
        packset = advisor.packset(account, packs)
        known = {r.id for r in packset.rules}
        fired = {key[0] for key in advice.fired}
        problems: list[str] = []
        exp = spec.expect
        for rid in exp.fired + exp.silent + exp.suppressed + exp.top + exp.not_in_top + [t.rule for t in exp.text]:
            if rid not in known:
                raise AdvisorError(f"case '{spec.name}' names unknown rule '{rid}'", file=case.file, line=case.line)
        for rid in exp.fired:
            if rid not in fired:
                problems.append(f"expected {rid} to fire; it stayed silent")
        for rid in exp.silent:
            if rid in fired:
                problems.append(f"expected {rid} to stay silent; it fired")
        suppressed = {s.rule for s in advice.suppressed}
        for rid in exp.suppressed:
            if rid not in suppressed:
                problems.append(f"expected {rid} to be suppressed; suppressed: {sorted(suppressed) or 'none'}")
        if exp.top:
            got = [a.rule for a in advice.actions[:len(exp.top)]]
            if got != exp.top:
                problems.append(f"expected top {len(exp.top)} {exp.top}; got {got}")
        if exp.first is not None:
            head = advice.actions[0] if advice.actions else None
            if head is None or exp.first not in [head.intent] + head.merged_rules:
                got = f"{head.rule} (intent {head.intent!r})" if head else "no action"
                problems.append(f"expected the first action to be '{exp.first}'; got {got}")
        for a in advice.actions[:5]:  # as an action of its own (merged into another, it is only cited)
            if a.rule in exp.not_in_top:
                problems.append(f"expected {a.rule} not in the top five; it is #{a.rank}")
        for t in exp.text:
            texts = [a.what[t.lang] + " " + a.why[t.lang] for a in advice.actions if a.rule == t.rule]
            if not any(t.contains in x for x in texts):
                problems.append(f"expected {t.rule} ({t.lang}) to say '{t.contains}'; got {texts or 'no action'}")
        if advice.errors:
            problems += [f"rule action failed: {e}" for e in advice.errors]
        trace = ""
        if problems:
            advice = advisor.advise(account, as_of=spec.as_of, packs=packs, trace=True)  # the same advice, traced
            named = sorted(set(exp.fired + exp.silent + exp.suppressed))
            trace = "".join(explain.text(advice, packset, "en", rid) for rid in named
                            if any(rid in p for p in problems))
        return CaseResult(case, "FAIL" if problems else "PASS", problems, trace)
    except AdvisorError as exc:
        return CaseResult(case, "ERROR", [str(exc)])


def run_pack_cases(advisor: Advisor, pack_folders: list[Path]) -> list[CaseResult]:
    results = []
    for folder in pack_folders:
        for case in load_cases(folder):
            results.append(run_case(advisor, case))
    return results

"""Why did (or didn't) a rule fire? Per-rule status and condition trees, as text or JSON.

Statuses: ``fired`` (recommended, derived or suppressed something),
``feedback-hidden`` (fired, but the rep marked every action it made done,
snoozed or dismissed; the reason says who, when and the note),
``suppressed`` (fired, but every action it made was suppressed, with by whom
and why), ``superseded`` (fired, but another rule of its exclusive group spoke
for the same person, or a rule giving the opposite advice for the same intent won,
with the reason), ``merged`` (its action was merged into another rule's action with
the same intent), ``silent`` (no binding of facts satisfied it).
"""
from __future__ import annotations

import json
from typing import Any

from ..api import Advice
from ..language.pack import PackSet
from ..evaluation.trace import RuleTrace
from . import render
from ..accounts.terms import SERVES, label, ui
from ..accounts import inference


def status_of(rt: RuleTrace, advice: Advice) -> dict[str, Any]:
    rule = rt.rule
    if not rt.fired:
        return {"status": "silent"}
    if rule.action == "recommend":
        shown = [a for a in advice.actions if a.rule == rule.id]
        if not shown:
            sup = [s for s in advice.suppressed if s.rule == rule.id]
            if sup and all(s.by_rule.startswith("feedback:") for s in sup):
                return {"status": "feedback-hidden", "by_rule": sup[0].by_rule, "reason": sup[0].reason}
            sup = [s for s in sup if not s.by_rule.startswith("feedback:")] or sup
            if sup:
                return {"status": "suppressed", "by_rule": sup[0].by_rule, "reason": sup[0].reason}
            sup2 = [s for s in advice.superseded if s.rule == rule.id]
            if sup2:
                out = {"status": "superseded", "by_rule": sup2[0].by_rule, "group": sup2[0].group}
                if sup2[0].reason:
                    out["reason_text"] = sup2[0].reason
                return out
            into = [a for a in advice.actions if rule.id in a.merged_rules[1:]]
            if into:
                out = {"status": "merged", "by_rule": into[0].rule, "intent": into[0].intent}
                if getattr(into[0], "merge_note", None):
                    out["merge_note"] = into[0].merge_note
                return out
    return {"status": "fired"}


def trace_entries(advice: Advice, packset: PackSet, rule_id: str | None = None) -> list[dict[str, Any]]:
    ev = advice.evaluation
    rules = [packset.rule(rule_id)] if rule_id else packset.rules
    out = []
    for rule in rules:
        rt = ev.traces[rule.id]
        entry: dict[str, Any] = {"rule": rule.id, "pack": rule.pack, "family": rule.family,
                                 "title": {"en": rule.title.en, "zh": rule.title.zh}, "action": rule.action,
                                 "serves": rule.serves}
        entry.update(status_of(rt, advice))
        hidden = [s for s in advice.suppressed if s.rule == rule.id and s.by_rule.startswith("feedback:")]
        if hidden:  # the rep's own feedback, per target, even when other targets still show
            entry["feedback"] = [{"contact": s.contact, "verb": s.by_rule.split(":", 1)[1], "reason": s.reason}
                                 for s in hidden]
        if rt.missing_kinds:
            entry["missing_facts"] = rt.missing_kinds
        first = next((b for b in rt.bindings if b["result"]), rt.bindings[0] if rt.bindings else None)
        entry["conditions"] = first["conditions"] if first else None
        entry["bindings"] = rt.bindings
        entry["source"] = rule.source
        entry["basis"] = rule.basis
        if rule.id in packset.overridden:
            entry["overrides"] = {"pack": packset.overridden[rule.id][0], "reason": packset.overridden[rule.id][1]}
        out.append(entry)
    return out


def document(advice: Advice, packset: PackSet, lang: str = "en", rule_id: str | None = None) -> dict[str, Any]:
    """The `explain --format json` document: the advice (all actions) plus every rule's trace.

    The HTML page is built from this same document, so the two views cannot drift.
    """
    data = render.as_dict(advice, lang, 0)
    data["trace"] = trace_entries(advice, packset, rule_id)
    data["derived"] = [dict(fact) for fact in advice.derived]
    data["inferred"] = inferred_entries(advice)
    data["objections"] = objection_entries(advice)
    data["openings_read"] = model_openings(advice)
    return data


def model_openings(advice: Advice) -> list[dict[str, Any]]:
    """The openings the learned opening reader read (accounts/openingmodel.py): the sentence, the type, the model's
    figure and the n-grams that weighed most — why a sentence no list names became an opening."""
    return [{"opening": f["id"], "type": f["type"], "quote": f["quote"], "figure": f["model_figure"],
             "evidence": f["word"]} for f in advice.facts if f["kind"] == "opening" and "model_figure" in f]


def inferred_entries(advice: Advice) -> list[dict[str, Any]]:
    """The account values the facts were read as though the rep did not write them (accounts/inference.py),
    each with what it was inferred from — so a rule that fired on one shows its assumption."""
    account = next((f for f in advice.facts if f["kind"] == "account"), {})
    return [{"fact": f"account.{name}", "value": value, "basis": basis,
             "because": {lang: text.format(evidence=evidence)
                         for lang, text in zip(("en", "zh"), inference.BASIS_WORDS[basis])}}
            for name, value, basis, evidence in inference.inferred(account)]


def objection_entries(advice: Advice) -> list[dict[str, Any]]:
    """Per objection: its kinds, how they were found, and the clause and phrase behind each."""
    objections = [f for f in advice.facts if f["kind"] == "objection"]
    out = []
    for fact, rec in zip(objections, advice.recognitions):
        entry: dict[str, Any] = {"objection": fact["id"], "contact": fact.get("contact"), "quote": fact["quote"]}
        entry.update(rec.as_dict())
        if fact.get("heard_in"):
            entry["heard_in"] = fact["heard_in"]  # the customer's words read from a visit's note (reading/heard.py)
        out.append(entry)
    return out


def objection_lines(advice: Advice, lang: str = "en") -> list[str]:
    lines = []
    clause, phrase = ui("clause", lang), ui("phrase", lang)
    for e in objection_entries(advice):
        who = f" [{e['contact']}]" if e["contact"] else ""
        lines.append(f"{e['objection']}{who} {_value(e['quote'])} → {', '.join(e['kinds'])} ({e['source']})")
        if e.get("heard_in"):
            lines.append(f"  {ui('heard_in', lang)} {e['heard_in']}")
        for ev in e["evidence"]:
            if ev["clause"]:
                lines.append(f"  {ev['kind']}: {clause} {_value(ev['clause'])}, {phrase} {_value(ev['phrase'])}")
            else:
                lines.append(f"  {ev['kind']}: {ev['phrase']}")
        for ev in e["cleared"]:
            lines.append(f"  {ui('not_kind', lang)} {ev['kind']}: {clause} {_value(ev['clause'])}, "
                         f"{phrase} {_value(ev['phrase'])}")
        if e["source"] == "unclassified":
            lines.append(f"  {ui('unmatched', lang)}")
    return lines


def _value(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False)


def _tree_lines(node: dict, depth: int, lang: str) -> list[str]:
    """The condition tree as written in the pack (fact ids and operators are the rule language,
    the same in every language); only the words around it follow --lang."""
    pad = "  " * depth
    mark = "✓" if node["result"] else "✗"
    if "fact" in node:
        expected = f" {_value(node['value'])}" if "value" in node else ""
        actual = ui("missing_value", lang) if node["factResult"] is None else _value(node["factResult"])
        matched = f"    {ui('matched', lang)}: {_value(node['matched'])}" if node.get("matched") else ""
        return [f"{pad}{mark} {node['fact']} {node['operator']}{expected}    {ui('actual', lang)}: {actual}{matched}"]
    op = next(k for k in ("all", "any", "not") if k in node)
    lines = [f"{pad}{mark} {op}"]
    children = node[op] if op != "not" else [node[op]]
    for child in children:
        lines += _tree_lines(child, depth + 1, lang)
    return lines


STATUS_KEYS = {"fired": "fired", "silent": "silent", "suppressed": "suppressed_status",
               "superseded": "superseded", "merged": "merged", "feedback-hidden": "feedback_hidden"}


def _level(level: str, lang: str, words: dict | None = None) -> str:
    if words:  # a level a tag lifts to says itself (rules/core/pack.yaml tag_levels:)
        return words[lang]
    if level == "due_promise":
        return ui("due_promise", lang)
    return label(SERVES, level, lang)


def status_word(status: str, lang: str) -> str:
    return ui(STATUS_KEYS[status], lang) if status in STATUS_KEYS else status.upper()


def text(advice: Advice, packset: PackSet, lang: str = "en", rule_id: str | None = None) -> str:
    entries = trace_entries(advice, packset, rule_id)
    counts: dict[str, int] = {}
    for e in entries:
        counts[e["status"]] = counts.get(e["status"], 0) + 1
    lines = [f"{advice.account} — {ui('as_of', lang)} {advice.as_of} — {ui('packs', lang)}: "
             + ", ".join(f"{n} {v}" for n, v in advice.packs)]
    if advice.notes.get(lang):
        lines.append(advice.notes[lang])
    inferred = inferred_entries(advice)
    if inferred:
        lines.append(f"{ui('inferred', lang)}:")
        lines += [f"  {e['fact']} = {e['value']} — {e['because'][lang]}" for e in inferred]
    if not rule_id:
        lines.append(f"{ui('rules_count', lang)}: "
                     + ", ".join(f"{status_word(k, lang).lower()} {counts[k]}" for k in sorted(counts)))
        if advice.actions:
            lines.append(f"{ui('ranking', lang)}:")
            for a in advice.actions:
                why = f" — {ui('above_next', lang)}: {a.above_next[lang]}" if a.above_next else ""
                lines.append(f"  {a.rank}. {a.rule}{' [' + a.contact + ']' if a.contact else ''} "
                             f"({_level(a.level, lang, a.level_words)}, {a.score}){why}")
        if advice.recognitions:
            lines.append(f"{ui('objections', lang)}:")
            lines += ["  " + line for line in objection_lines(advice, lang)]
        read = model_openings(advice)
        if read:
            lines.append(f"{ui('openings_read', lang)}:")
            lines += [f"  {e['opening']} {_value(e['quote'])} → {e['type']} ({e['evidence']})" for e in read]
    lines.append("")
    for e in entries:
        by = ui("by_rule", lang)
        head = f"{e['rule']}  {status_word(e['status'], lang)}"
        if e["status"] == "suppressed":
            head += f" {by} {e['by_rule']}: {e['reason'][lang]}"
        if e["status"] == "superseded":
            head += f" {by} {e['by_rule']} ({ui('group', lang)} {e['group']})"
            if e.get("reason_text"):
                head += f": {e['reason_text']}"
        if e["status"] == "merged":
            head += f" {ui('into', lang)} {e['by_rule']} ({ui('intent', lang)} {e['intent']})"
            if e.get("merge_note"):
                head += f": {e['merge_note'][lang]}"
        lines.append(head)
        for fb in e.get("feedback", []):
            target = f" [{fb['contact']}]" if fb["contact"] else ""
            lines.append(f"  {ui('feedback_hidden', lang)}{target}: {fb['reason'][lang]}")
        lines.append(f"  {e['title'][lang]} · {'; '.join(e['source']) or ui('basis_derived', lang)}")
        if e.get("serves"):
            lines.append(f"  {ui('serves', lang)}: {label(SERVES, e['serves'], lang)}")
        if "overrides" in e:
            lines.append(f"  {ui('overridden_by', lang)} {e['overrides']['pack']}: {e['overrides']['reason']}")
        if e.get("missing_facts"):
            lines.append("  " + ui("no_fact", lang).format(kinds=", ".join(e["missing_facts"])))
        for b in e["bindings"]:
            about = ", ".join(f"{v}" for k, v in b["facts"].items() if k != "account") or "account"
            lines.append(f"  [{about}] {ui('fires' if b['result'] else 'does_not_fire', lang)}")
            lines += _tree_lines(b["conditions"], 2, lang)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"

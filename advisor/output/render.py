"""Render Advice as text, JSON or Markdown — deterministic, byte for byte.

No colours, no terminal-width dependence: the same advice always prints the
same bytes, so outputs can be diffed, tested and stored.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..accounts import terms
from ..api import Advice
from ..evaluation.rank import Action
from ..accounts.terms import ui
from . import jsonindent

JSON_VERSION = 1


def who_text(a, lang: str) -> str:
    if a.contact:
        roles = ", ".join(terms.label(terms.ROLES, r, lang) for r in (a.roles or []))
        return f"{a.contact} ({roles})" if roles else a.contact
    if a.role_label:
        return f"{terms.label(terms.ROLES, a.role_label, lang)} {ui('unknown', lang)}"
    return ui("account_team", lang)


def due_text(a: Action, advice: Advice, lang: str) -> str:
    days = (a.by - advice.as_of).days
    if a.due_offset < 0:
        late = -a.due_offset
        if lang == "zh":
            return f"{a.by} (已逾期{late}天)"
        return f"{a.by} (overdue by {late} day{'s' if late != 1 else ''})"
    if days == 0:
        return f"{a.by} ({'今天' if lang == 'zh' else 'today'})"
    if lang == "zh":
        return f"{a.by} ({days}天内)"
    return f"{a.by} (in {days} day{'s' if days != 1 else ''})"


def source_text(a: Action, lang: str) -> str:
    return "; ".join(a.source) if a.source else ui("derived", lang)


def top(advice: Advice, n: int) -> list[Action]:
    return advice.actions if n <= 0 else advice.actions[:n]


def header(advice: Advice, lang: str) -> str:
    packs = ", ".join(f"{name} {version}" for name, version in advice.packs)
    return f"{ui('advice_for', lang)} {advice.account} — {ui('as_of', lang)} {advice.as_of} — {ui('packs', lang)}: {packs}"


def text(advice: Advice, lang: str = "en", n: int = 5) -> str:
    lines = [header(advice, lang)] + ([advice.notes[lang]] if advice.notes.get(lang) else []) + [""]
    shown = top(advice, n)
    if not shown:
        lines.append(ui("no_actions", lang))
    for a in shown:
        lines.append(f"{a.rank}. {a.what[lang]}")
        lines.append(f"   {ui('who', lang)}: {who_text(a, lang)}")
        lines.append(f"   {ui('by', lang)}: {due_text(a, advice, lang)}")
        lines.append(f"   {ui('why', lang)}: {a.why[lang]}")
        lines.append(f"   {ui('rule', lang)}: {a.rule} · {source_text(a, lang)}")
        # each other rule once: one rule firing on 27 lost deals is one rule, not 27 names
        also = [r for r in dict.fromkeys(a.merged_rules[1:]) if r != a.rule]
        if also:
            lines.append(f"   {ui('also', lang)}: {', '.join(also)}")
        lines.append("")
    hidden = len(advice.actions) - len(shown)
    if hidden > 0:
        lines.append(f"(+{hidden} {ui('more', lang)})")
    if advice.suppressed:
        lines.append(f"{ui('suppressed', lang)}:")
        for s in advice.suppressed:
            target = f" [{s.contact}]" if s.contact else ""
            lines.append(f"  - {s.rule}{target} — {s.reason[lang]} ({ui('by_rule', lang)} {s.by_rule})")
    return "\n".join(lines).rstrip() + "\n"


def action_json(a: Action, advice: Advice, lang: str) -> dict[str, Any]:
    return {
        "rank": a.rank,
        "rule": a.rule,
        "pack": a.pack,
        "family": a.family,
        "who": {"contact": a.contact, "roles": a.roles, "label": who_text(a, lang)},
        "what": a.what[lang],
        "by": a.by.isoformat(),
        "due_in_days": a.due_offset,
        "why": a.why[lang],
        "source": a.source,
        "basis": a.basis,
        "score": a.score,
        "tags": a.tags,
        "score_parts": a.score_parts,
        "intent": a.intent,
        "merged_rules": a.merged_rules,
        "promise": a.promise,
        "generic": a.generic,
        "variant": a.variant,
        "serves": a.serves,
        "level": a.level,
        "above_next": a.above_next[lang] if a.above_next else None,
        "promise_key": a.promise_key,
        **({"merge_note": a.merge_note[lang]} if getattr(a, "merge_note", None) else {}),
    }


def suppressed_json(s, lang: str) -> dict[str, Any]:
    out = {"rule": s.rule, "contact": s.contact, "what": s.what[lang], "reason": s.reason[lang], "by_rule": s.by_rule}
    if s.by_rule.startswith("feedback:"):  # the rep's own feedback: who, when, until, why
        out["feedback"] = {"verb": s.verb, "at": s.at.isoformat() if s.at else None,
                           "until": s.until.isoformat() if s.until else None, "note": s.note, "by": s.recorded_by}
    return out


def as_dict(advice: Advice, lang: str = "en", n: int = 5) -> dict[str, Any]:
    return {
        "version": JSON_VERSION,
        "account": advice.account,
        "industry": advice.industry,
        "as_of": advice.as_of.isoformat(),
        "lang": lang,
        "packs": [{"name": name, "version": version} for name, version in advice.packs],
        **({"note": advice.notes[lang]} if advice.notes.get(lang) else {}),
        "actions": [action_json(a, advice, lang) for a in top(advice, n)],
        "total_actions": len(advice.actions),
        "suppressed": [suppressed_json(s, lang) for s in advice.suppressed],
        "superseded": [{"rule": s.rule, "contact": s.contact, "group": s.group, "by_rule": s.by_rule,
                        "reason": s.reason} for s in advice.superseded],
        **({"sales_by_quarter": {"currency": advice.currency, "quarters": advice.sales_by_quarter}}
           if advice.sales_by_quarter else {}),
    }


def _as_json(value: Any) -> Any:
    if isinstance(value, Mapping):  # texts filled on first read (outcomes.LazyTexts): all languages
        return dict(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def dump_json(data: Any) -> str:
    # json.dumps(data, ensure_ascii=False, indent=2, default=_as_json), byte for byte, faster (jsonindent.py)
    return jsonindent.dumps(data, indent=2, default=_as_json) + "\n"


def markdown(advice: Advice, lang: str = "en", n: int = 5) -> str:
    def cell(s: str) -> str:
        return s.replace("|", "\\|").replace("\n", " ")

    cols = ["#", ui("who", lang), ui("what", lang), ui("by", lang), ui("why", lang), ui("rule", lang)]
    lines = [f"## {header(advice, lang)}", ""] + ([advice.notes[lang], ""] if advice.notes.get(lang) else []) \
        + ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for a in top(advice, n):
        lines.append("| " + " | ".join([str(a.rank), cell(who_text(a, lang)), cell(a.what[lang]),
                                        cell(due_text(a, advice, lang)), cell(a.why[lang]),
                                        cell(f"`{a.rule}` — {source_text(a, lang)}")]) + " |")
    if not advice.actions:
        lines.append("")
        lines.append(ui("no_actions", lang))
    if advice.suppressed:
        lines += ["", f"**{ui('suppressed', lang)}**", ""]
        for s in advice.suppressed:
            target = f" ({s.contact})" if s.contact else ""
            lines.append(f"- `{s.rule}`{target}: {cell(s.reason[lang])} — {ui('by_rule', lang)} `{s.by_rule}`")
    return "\n".join(lines) + "\n"


RENDERERS = {"text": text, "markdown": markdown}

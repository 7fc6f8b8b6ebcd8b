"""The rule trace as one HTML page a reviewer explores: why #1, why not rule X.

Built from the `explain --format json` document (one per language), never from the
Advice objects directly, so the page and the JSON cannot drift. Everything here turns
that document into a view model; ``templates/explain.html.j2`` lays it out and
``page.js`` filters it in the browser.
"""
from __future__ import annotations

import re
from typing import Any, Mapping, Optional

from ..accounts.facts import CATALOG
from ..accounts.facts_zh import CATALOG_ZH
from ..accounts.terms import UI
from . import htmlpage, whynot
from .whynot import value_text as text_of  # a value as a reviewer reads it: JSON, CJK as is

KNOWN_STATUSES = ("fired", "silent", "suppressed", "superseded", "merged")
TOP_OPEN = 5  # actions listed in full; the rest fold under "n more actions" so the rules stay near

# Interface text, en and zh (the page carries both and switches in place).
SHARED_WITH_TEXT = ("as_of", "packs", "no_actions", "who", "by", "why", "rule", "source", "group", "fires",
                    "does_not_fire", "actual", "matched")
LABELS = {
    # the words the text views say too come from their one table (accounts/terms.py UI)
    **{k: UI[k] for k in SHARED_WITH_TEXT},
    "derived_basis": UI["derived"],
    "title": ("Rule trace", "规则追踪"),
    "industry": ("industry", "行业"),
    "language": ("Language", "语言"),
    "actions": ("Ranked actions", "建议行动(按优先级)"),
    "score": ("score", "得分"),
    "tags": ("tags", "标签"),
    "details": ("more", "其他"),
    "fired_on": ("fired on", "触发于"),
    "conditions": ("conditions that fired, with each fact's actual value",
                   "触发的条件及各事实的实际值"),
    "rules": ("Every rule", "全部规则"),
    "filters": ("Filter rules", "筛选规则"),
    "status": ("status", "状态"),
    "family": ("family", "类别"),
    "pack": ("pack", "规则包"),
    "contact": ("contact", "联系人"),
    "search": ("search", "搜索"),
    "search_hint": ("rule id, title, source…", "规则编号、标题、出处……"),
    "all": ("all", "全部"),
    "reset": ("Show all", "显示全部"),
    "showing": ("rules shown:", "显示规则数:"),
    "of": ("of", "/"),
    "why_not": ("why not", "为何未触发"),
    "suppressed_by": ("suppressed by", "被抑制,由"),
    "superseded_by": ("superseded by", "被取代,由"),
    "merged_into": ("merged into", "已合并到"),
    "overridden": UI["overridden_by"],
    "missing": ("no such fact for this account, so nothing to test:", "该客户没有此类事实,无从检验:"),
    "bindings": ("conditions, per set of facts tried ({n})", "条件(按检验的事实组,共 {n} 组)"),
    "missing_value": ("missing", "缺失"),
    "account": ("account", "客户"),
    "derived": ("Derived facts", "推导出的事实"),
    "no_derived": ("No derived facts in this trace.", "此追踪中没有推导出的事实。"),
    "of_subject": ("of", "属于"),
    "summary": ("Summary", "概览"),
    "more_actions": ("{n} more actions", "其他 {n} 条行动"),
    "jump": ("Jump to", "跳转"),
    "gave_action": ("gave action", "产生行动"),
    "in_days": ("in {n} days", "{n}天内"),
    "today": ("today", "今天"),
    "overdue": ("overdue by {n} days", "已逾期{n}天"),
    "no_script": ("Filters and the language switch need JavaScript; everything is shown.",
                  "筛选与语言切换需要 JavaScript;现显示全部内容。"),
}
STATUS_LABELS = {
    "fired": ("fired", "已触发"),
    "silent": ("silent", "未触发"),
    "suppressed": ("suppressed", "已抑制"),
    "superseded": ("superseded", "已取代"),
    "merged": ("merged", "已合并"),
    "feedback-hidden": ("hidden by feedback", "因反馈隐藏"),
}
# Keys of an action that the page lays out itself; any other key the advice JSON grows
# (score parts, intents, merges…) is shown generically under "more".
SHOWN_ACTION_KEYS = {"rank", "rule", "pack", "family", "who", "what", "by", "due_in_days", "why", "source",
                     "basis", "score", "tags"}
# id repeats kind/value/subject; contact_roles is the contact's roles copied onto the fact for the engine
HIDDEN_DERIVED_KEYS = {"id", "kind", "subject", "contact_roles"}
CONTACT_ID = re.compile(r"contact:(.+)$")


def both(key: str, langs: list[str], table: Mapping[str, tuple[str, str]] = LABELS) -> dict[str, str]:
    pair = table.get(key) or (key.replace("-", " ").replace("_", " "),) * 2
    return {lang: pair[1] if lang == "zh" else pair[0] for lang in langs}


def same_in(langs: list[str], text: str) -> dict[str, str]:
    return {lang: text for lang in langs}


def due_label(days: int, langs: list[str]) -> dict[str, str]:
    if days == 0:
        return both("today", langs)
    key, n = ("overdue", -days) if days < 0 else ("in_days", days)
    return {lang: text.format(n=n) for lang, text in both(key, langs).items()}


def fact_help(path: str) -> Optional[str]:
    """What a base fact means, in both languages (a hover title on the condition); None for the
    kinds a pack derives, whose names are their meaning (category.value, personality.type)."""
    kind, _, field = path.partition(".")
    entry = CATALOG.get(kind, {}).get(field)
    return f"{entry[1]} / {CATALOG_ZH[kind][field]}" if entry else None


def tree_view(node: dict, culprit_path: Optional[list[int]], path: tuple = ()) -> dict:
    """A condition tree for the template: op, result, leaf text and the culprit mark."""
    op = whynot.group_of(node)
    view: dict[str, Any] = {"op": op, "result": bool(node.get("result")),
                            "culprit": culprit_path is not None and list(path) == culprit_path}
    if op is None:
        view["fact"] = node["fact"]
        view["help"] = fact_help(node["fact"])
        view["operator"] = node["operator"]
        view["value"] = text_of(node["value"]) if "value" in node else None
        view["actual"] = None if node.get("factResult") is None else text_of(node["factResult"])
        view["matched"] = node.get("matched")  # the word a mentions test found
        return view
    view["children"] = [tree_view(kid, culprit_path, path + (i,)) for i, kid in enumerate(whynot.children_of(node))]
    return view


def binding_label(facts: Mapping[str, str]) -> str:
    about = [v for k, v in facts.items() if k != "account"]
    return ", ".join(about) if about else "account"


def contacts_in(facts: Mapping[str, str]) -> set[str]:
    return {m.group(1) for v in facts.values() if (m := CONTACT_ID.search(str(v)))}


def _check_same(docs: Mapping[str, dict]) -> None:
    ids = {lang: [t["rule"] for t in doc.get("trace", [])] for lang, doc in docs.items()}
    acts = {lang: [(a["rule"], a["who"]["contact"]) for a in doc.get("actions", [])] for lang, doc in docs.items()}
    if len({tuple(v) for v in ids.values()}) > 1 or len({tuple(v) for v in acts.values()}) > 1:
        raise ValueError("the explain documents of the languages describe different traces")


def _action_view(i: int, docs: Mapping[str, dict], langs: list[str], trace: dict[str, dict]) -> dict:
    first = docs[langs[0]]["actions"][i]
    per = {lang: docs[lang]["actions"][i] for lang in langs}
    contact = first["who"]["contact"]
    view = {
        "rank": first["rank"], "rule": first["rule"], "pack": first["pack"], "family": first["family"],
        "what": {l: a["what"] for l, a in per.items()}, "why": {l: a["why"] for l, a in per.items()},
        "who": {l: a["who"]["label"] for l, a in per.items()}, "by": first["by"],
        "due": due_label(first["due_in_days"], langs), "overdue": first["due_in_days"] < 0,
        "source": first.get("source") or [], "basis": first.get("basis"), "score": first.get("score"),
        "tags": first.get("tags") or [],
        "extras": [(k, v if isinstance(v, str) else text_of(v)) for k, v in first.items() if k not in SHOWN_ACTION_KEYS],
        "tree": None, "fired_on": None,
    }
    entry = trace.get(first["rule"])
    if entry:
        fired = [b for b in entry.get("bindings", []) if b["result"]]
        mine = [b for b in fired if contact and f"contact:{contact}" in b["facts"].values()]
        chosen = (mine or fired or [None])[0]
        if chosen:
            view["tree"] = tree_view(chosen["conditions"], None)
            view["fired_on"] = binding_label(chosen["facts"])
    return view


def _rule_view(entry: dict, docs: Mapping[str, dict], langs: list[str], ranks: dict[str, list[int]],
               action_contacts: dict[str, set[str]]) -> dict:
    status = entry["status"]
    bindings = []
    contacts = set(action_contacts.get(entry["rule"], set()))
    for b in entry.get("bindings", []):
        contacts |= contacts_in(b["facts"])
        wn = None if b["result"] else whynot.why_not(b["conditions"])
        bindings.append({"label": binding_label(b["facts"]), "result": b["result"],
                         "whynot": wn["text"] if wn else None,
                         "tree": tree_view(b["conditions"], wn["path"] if wn else None)})
    summary_whynot = None
    if status == "silent":
        closest = whynot.closest_binding(entry.get("bindings", []))
        if closest is not None:
            wn = whynot.why_not(closest["conditions"])
            if wn:
                about = binding_label(closest["facts"]) if len(entry["bindings"]) > 1 else "account"
                summary_whynot = {l: (f"[{about}] " if about != "account" else "") + wn["text"][l] for l in langs}
        elif entry.get("missing_facts"):
            kinds = ", ".join(entry["missing_facts"])
            summary_whynot = {lang: f"{text} {kinds}" for lang, text in both("missing", langs).items()}
    reason = entry.get("reason") or entry.get("reason_text")  # reason_text: why a contradiction was lost
    if isinstance(reason, dict):
        reason = {l: reason.get(l, "") for l in langs}
    elif reason:
        reason = same_in(langs, str(reason))
    title = entry.get("title") or {}
    search = " ".join([entry["rule"], entry.get("family") or "", entry.get("pack") or "",
                       *[title.get(l, "") for l in ("en", "zh")], *(entry.get("source") or []),
                       *sorted(contacts)]).lower()
    return {
        "id": entry["rule"], "pack": entry.get("pack") or "", "family": entry.get("family") or "",
        "action": entry.get("action"), "status": status, "status_label": both(status, langs, STATUS_LABELS),
        "title": {l: title.get(l, entry["rule"]) for l in langs},
        "source": entry.get("source") or [], "basis": entry.get("basis"),
        "by_rule": entry.get("by_rule"), "reason": reason, "group": entry.get("group"),
        "overrides": entry.get("overrides"), "missing_facts": entry.get("missing_facts") or [],
        "contacts": sorted(contacts), "search": search, "whynot": summary_whynot,
        "ranks": ranks.get(entry["rule"], []), "bindings": bindings,
    }


def _derived_view(fact: Mapping[str, Any]) -> dict:
    head_key = next((k for k in ("value", "type", "kind_value") if k in fact), None)
    return {
        "kind": str(fact.get("kind", "fact")),
        "value": (fact[head_key] if isinstance(fact[head_key], str) else text_of(fact[head_key])) if head_key else "",
        "subject": str(fact.get("subject", "")),
        "details": [(k, v if isinstance(v, str) else text_of(v)) for k, v in fact.items()
                    if k not in HIDDEN_DERIVED_KEYS and k != head_key],
    }


def derived_facts(doc: Mapping[str, Any]) -> list[dict]:
    """Whatever derived facts the document carries: a list of facts, or facts grouped by kind."""
    raw = doc.get("derived") or []
    if isinstance(raw, dict):
        raw = [dict(f, kind=f.get("kind", kind)) for kind, facts in raw.items() for f in facts]
    return [_derived_view(f) for f in raw if isinstance(f, dict)]


KNOWN_KEYS = {"version", "account", "industry", "as_of", "lang", "packs", "actions", "total_actions",
              "suppressed", "superseded", "trace", "derived"}


def _entries(value: Any) -> list:
    """Any JSON value as entries for the side panel: a list of (key, text) pairs, or a text."""
    items = value if isinstance(value, list) else [value]
    out: list = []
    for item in items:
        if isinstance(item, dict):
            out.append([(str(k), v if isinstance(v, str) else text_of(v)) for k, v in item.items()])
        else:
            out.append(item if isinstance(item, str) else text_of(item))
    return out


def other_sections(docs: Mapping[str, dict], langs: list[str]) -> list[dict]:
    """Top-level keys of the explain document this page has no place for (e.g. added by other
    features: objection recognitions, notes), shown generically — per language when they differ."""
    keys = sorted({k for doc in docs.values() for k in doc} - KNOWN_KEYS)
    out = []
    for key in keys:
        per = {lang: _entries(docs[lang].get(key)) for lang in langs}
        same = all(per[lang] == per[langs[0]] for lang in langs)
        out.append({"key": key, "by_lang": {langs[0]: per[langs[0]]} if same else per, "same": same})
    return [o for o in out if any(o["by_lang"].values())]


def explain_view(docs: Mapping[str, dict], lang: Optional[str] = None) -> dict:
    if not docs:
        raise ValueError("no explain document to render")
    langs = list(docs)
    lang = lang if lang in docs else langs[0]
    _check_same(docs)
    doc = docs[lang]
    trace = {t["rule"]: t for t in doc.get("trace", [])}
    actions = [_action_view(i, docs, langs, trace) for i in range(len(doc.get("actions", [])))]
    ranks: dict[str, list[int]] = {}
    action_contacts: dict[str, set[str]] = {}
    for a in doc.get("actions", []):
        ranks.setdefault(a["rule"], []).append(a["rank"])
        if a["who"]["contact"]:
            action_contacts.setdefault(a["rule"], set()).add(a["who"]["contact"])
    for s in doc.get("suppressed", []) + doc.get("superseded", []):
        if s.get("contact"):
            action_contacts.setdefault(s["rule"], set()).add(s["contact"])
    rules = [_rule_view(t, docs, langs, ranks, action_contacts) for t in doc.get("trace", [])]
    counts: dict[str, int] = {}
    for r in rules:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    statuses = [s for s in KNOWN_STATUSES if s in counts] + sorted(set(counts) - set(KNOWN_STATUSES))
    return {
        "lang": lang, "langs": langs, "labels": {k: both(k, langs) for k in LABELS},
        "account": doc.get("account", ""), "industry": doc.get("industry"), "as_of": doc.get("as_of", ""),
        "packs": [f"{p['name']} {p['version']}" for p in doc.get("packs", [])],
        "actions": actions, "top": TOP_OPEN, "total_actions": doc.get("total_actions", len(actions)), "rules": rules,
        "statuses": [{"key": s, "label": both(s, langs, STATUS_LABELS), "count": counts[s]} for s in statuses],
        "families": sorted({r["family"] for r in rules if r["family"]}),
        "pack_names": sorted({r["pack"] for r in rules if r["pack"]}),
        "contacts": sorted({c for r in rules for c in r["contacts"]}),
        "derived": derived_facts(doc),
        "others": other_sections(docs, langs),
        "rule_ids": set(trace),
    }


def render_explain_html(docs: Mapping[str, dict], lang: Optional[str] = None) -> str:
    """One self-contained page from explain documents keyed by language ({"en": doc, "zh": doc}).

    ``lang`` is the language shown first; the page switches between all given languages.
    """
    view = explain_view(docs, lang)
    return htmlpage.render("explain.html.j2", styles=["page.css"], scripts=["page.js"], page=view)

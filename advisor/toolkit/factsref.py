"""docs/facts.md: every fact a rule may test — its path, type and meaning in en and zh.

The pack author's reference for `when:` trees (the account file's own fields are in
account-format.md; the facts are what enrichment makes of them). Generated from
``facts.CATALOG`` and ``facts_zh.CATALOG_ZH`` by `advisor docs-format`, checked by `--check`.
"""
from __future__ import annotations

from ..accounts.facts import CATALOG
from ..accounts.facts_zh import CATALOG_ZH

KIND_NOTES = {
    "account": "one per account",
    "contact": "one per contact",
    "visit": "one per visit; the contact's roles and seniority are copied on",
    "objection": "one per objection; the contact's roles are copied on",
    "competitor": "one per competitor",
    "opportunity": "one per opportunity",
    "deal": "one per deal: deals: and the opportunities won or lost (one deal per crm_id)",
}


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def facts_md() -> str:
    from .docs import GENERATED

    out = [GENERATED.format(command="advisor docs-format", what="the fact catalogue (advisor/accounts/facts.py)"), "",
           "# Facts a rule can test", "",
           "A rule's `when:` tests facts as `{fact: KIND.FIELD, op: OPERATOR, value: …}`. Enrichment turns the "
           "account file into these facts before the rules run (dates become days before the `--as-of` date, "
           "two sales figures become a growth rate). A pack may declare further fact kinds under `derived:`; "
           "each pack's page in docs/rules/ lists its own. `advisor pack lint` rejects a fact not listed here "
           "or declared by a loaded pack, with a did-you-mean.", "",
           "Types: `bool` (true/false), `number`, `text`, `list` (of texts; test it with `contains`). "
           "A fact that is unknown for an account is missing, not zero: test it with `exists` / `not_exists`.", ""]
    for kind, fields in CATALOG.items():
        out += [f"## `{kind}` — {KIND_NOTES.get(kind, '')}", "", "| fact | type | meaning | 含义 |", "|---|---|---|---|"]
        out += [f"| `{kind}.{name}` | {ftype} | {_cell(en)} | {_cell(CATALOG_ZH[kind][name])} |"
                for name, (ftype, en) in fields.items()]
        out.append("")
    return "\n".join(out).rstrip() + "\n"

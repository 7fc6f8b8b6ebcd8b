"""The account file as a contract: its JSON Schema and docs/account-format.md, both from the models.

``advisor schema account`` / ``advisor schema advice`` print the schemas; ``advisor docs-format``
writes them to docs/schema/ and writes docs/account-format.md (``--check`` fails when stale),
so the docs, the editor schema and the validator can never disagree. Field descriptions live
here (one line each) and are put into the schema too, so an editor shows them on hover.
"""
from __future__ import annotations

import json
from typing import Any

SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILES = {"account": "account.schema.json", "advice": "advice.schema.json",
                "crm-mapping": "crm-mapping.schema.json"}

# Model.field → what it means (English; allowed values carry en/zh labels from the vocabulary).
FIELD_DOCS = {
    "Account.name": "the customer's name, as the rep calls it",
    "Account.industry": "the industry pack to use besides core (see `advisor pack list`), e.g. it-distribution; "
                        "`other` for the core playbook only; anything else is an error",
    "Account.stage": "where the sale stands (IBM's five steps, then keeping the account)",
    "Account.relationship": "the relationship with the customer: level now and the target",
    "Account.sales": "sales to this customer: last 12 months, the 12 before, last order — or periods",
    "Account.plan": "planned growth for this account and for its industry (0.25 = +25%)",
    "Account.contacts": "the people at the customer: buying roles, behaviour, who they reach",
    "Account.visits": "visits and meetings so far",
    "Account.objections": "objections heard, in the customer's words",
    "Account.policies": "the customer's own rules that limit what a rep may do: a name, or {name, since} with the "
                        "date it took effect (advice about a *new* policy follows only a recent one)",
    "PolicyEntry.name": "the policy: no_gifts, no_entertainment, kyc_required",
    "PolicyEntry.since": "the date the policy took effect (YYYY-MM-DD)",
    "Account.competitors": "competitors at this customer",
    "Account.opportunities": "open deals and projects",
    "Account.facts": "industry checklist flags (true/false) that the loaded packs declare (an unknown flag is an "
                     "error); `advisor init --industry X` lists them",
    "Account.notes": "free text; the advisor does not read it",
    "Account.owner": "the rep or team that owns the account",
    "Account.crm_id": "the CRM's account id, set by `advisor import crm` (re-imports merge on it)",
    "Account.team": "the owner's sales team or office, as the CRM has it",
    "Account.company": "the customer's own size and place (an accounts file joined in by `advisor import crm`)",
    "Company.revenue": "the customer's own yearly revenue, in the unit the CRM gives it",
    "Company.employees": "its head count",
    "Company.founded": "the year it was founded",
    "Company.location": "where it is",
    "Company.parent": "the group it belongs to",
    "Contact.crm_id": "the CRM's contact id, set by `advisor import crm`",
    "Visit.crm_id": "the CRM's activity id of an imported visit",
    "Opportunity.crm_id": "the CRM's deal id of an imported deal",
    "Contact.name": "the contact's name (unique in the account; visits and objections refer to it)",
    "Contact.title": "job title",
    "Contact.roles": "buying roles this person plays (several allowed)",
    "Contact.personality": "personality type, if known; otherwise it is inferred from signals",
    "Contact.signals": "observed behaviour, from which the personality type is inferred",
    "Contact.met": "has the rep met this person?",
    "Contact.senior": "an executive or senior manager",
    "Contact.is_boss": "the real owner or top decision maker (often behind the scenes)",
    "Contact.related_to": "other contacts this person is related to (family, old colleagues)",
    "Contact.reaches": "other contacts this person can talk to and sway",
    "Contact.controls": "what this person controls: people, money, goods",
    "Contact.motives": "what moves this person: an organisational motive and a personal one",
    "Contact.reliability": "how reliable the relationship is, 1 (weak) to 5 (solid)",
    "Contact.satisfied": "is this person satisfied with you and your product?",
    "Motives.organisational": "what the organisation needs from the purchase",
    "Motives.personal": "what the person gains (career, recognition, ease)",
    "Relationship.level": "the relationship level now",
    "Relationship.target": "the level you aim for",
    "Relationship.cycle_stage": "where the relationship is in its cycle",
    "Sales.last_12m": "sales in the last 12 months",
    "Sales.prior_12m": "sales in the 12 months before those",
    "Sales.last_order": "date of the last order (YYYY-MM-DD)",
    "Sales.periods": "sales per period instead of the two totals, oldest first",
    "Sales.currency": "currency of the amounts; held against the packs' tier thresholds (tier_currency) only through a rate table (plan --rates)",
    "Period.period": "the period's name, e.g. 2026-Q3",
    "Period.amount": "sales in that period",
    "Plan.growth": "planned growth of this account (0.25 = +25%)",
    "Plan.industry_growth": "growth of the customer's industry, to compare with",
    "Visit.date": "the day of the visit (YYYY-MM-DD)",
    "Visit.contact": "whom you met (a contact's name)",
    "Visit.minutes": "how long it lasted",
    "Visit.outcome": "how it went",
    "Visit.appointment": "was it booked in advance?",
    "Visit.next_step": "the concrete next step agreed at the visit — yours, or the customer's when its words make the customer the doer (\"PO by 25 Nov\", \"Luis to send …\", \"客户下单\")",
    "Visit.reason_to_return": "did you leave with a reason to come back?",
    "Visit.note": "free text",
    "Objection.contact": "who raised it (a contact's name)",
    "Objection.text": "the objection in the customer's words, e.g. 太贵了!",
    "Objection.kind": "price / budget / timing / authority / need / incumbent / trust / stall / feature / terms / "
                      "service when you already know; otherwise it is recognised from the text (unclassified "
                      "when nothing matches, and the advice says so)",
    "Objection.date": "when you heard it",
    "Objection.answered": "has it been answered?",
    "Competitor.name": "the competitor's name",
    "Competitor.conflict_with_customer": "is the customer in conflict with this competitor (e.g. fined by that brand)?",
    "Competitor.note": "free text",
    "Opportunity.name": "the deal or project",
    "Opportunity.amount": "its value",
    "Opportunity.stage": "where this deal stands",
    "Opportunity.won": "won (true), lost (false), or open (leave out)",
    "Opportunity.close_date": "expected or actual close date",
    "Opportunity.quoted": "has a price been quoted?",
    "Opportunity.cooperation_agreed": "has the customer agreed how you will work together (before any quote)?",
    "Sales.wallet": "the customer's yearly spend in your category across all suppliers, if known (share of wallet)",
    "Account.customer_type": "how the customer buys from you: a dealer or agent, a distributor, an integrator, or the end customer",
    "Account.buying_pattern": "repeat orders, a subscription / annual billing, or projects and tenders (capital goods)",
    "Account.ownership": "who owns the customer: state-owned, private, foreign-owned, or a public institution; "
                         "left out, it is read from the customer's name or notes (国企, 事业单位, council …) where "
                         "they show it, and the trace says so",
    "Account.strategic": "of strategic value beyond its own sales (a flagship name, a door to a market)?",
    "Account.deals": "the deal history: won, lost and open deals, each with amount, dates, owner and competitor",
    "Account.promises": "commitments made by you or the customer, listed until kept: what, to whom, by when",
    "Account.complaints": "complaints the customer raised: what, when, who, status, the fix you promised and by when",
    "Account.dealer": "for a dealer: the money it can advance on a project and its main brand's contract",
    "Account.invoices": "invoices to the customer, as your receivables list has them: one unpaid past its due date is money owed now",
    "Account.references": "your accounts the customer could call or visit, with the figures you may cite",
    "Account.prospect": "for an account that has not bought yet: how it screens against your ideal customer (potential A–D)",
    "Prospect.fit": "how close it is to your ideal customer: close, partial or far",
    "Prospect.competition": "competition for it: none, some or strong",
    "Prospect.distance": "where it is for your visits: near (your usual round), reachable (a planned trip) or far",
    "Prospect.hidden_value": "what it could become (growth, standing in its industry): high, some or none",
    "Prospect.bottleneck": "what stands between it and a first order",
    "Deal.name": "the deal",
    "Deal.status": "won, lost or open",
    "Deal.amount": "its value",
    "Deal.currency": "its currency (default: the account's sales.currency)",
    "Deal.created": "when the deal was opened",
    "Deal.closed": "when it was won or lost",
    "Deal.product": "the product or product line",
    "Deal.owner": "the rep who owned the deal",
    "Deal.competitor": "who won it (lost), or who competes for it (open)",
    "Deal.loss_reason": "why it was lost",
    "Deal.note": "free text, e.g. what the customer said about the decision",
    "Deal.crm_id": "the CRM's deal id of an imported deal",
    "Promise.what": "what was promised, in your words; a date in it (\"by 13 Nov\", \"11月25日前\") is the due date",
    "Promise.by": "who promised: rep (you) or customer",
    "Promise.to": "the contact it was made to (or by)",
    "Promise.made": "when it was made",
    "Promise.due": "when it is due (else the date written in what:, else the pack's default)",
    "Promise.status": "open until kept (or cancelled)",
    "Complaint.what": "what went wrong, in the customer's words",
    "Complaint.date": "when it was raised",
    "Complaint.contact": "who raised it (a contact's name)",
    "Complaint.status": "open, being fixed, fixed but not yet confirmed by the customer, or closed",
    "Complaint.severity": "low, medium or high",
    "Complaint.promised_fix": "the fix you promised",
    "Complaint.fix_due": "when you promised the fix",
    "DealerProfile.financing_capacity": "how much the dealer can advance on a project (垫资)",
    "DealerProfile.financing_checked": "have you confirmed that money (cash, credit line, past projects)?",
    "DealerProfile.main_brand": "the brand the dealer mainly sells today",
    "DealerProfile.brand_contract_checked": "have you asked what the main brand's contract allows and forbids?",
    "DealerProfile.brand_restrictions": "what the main brand's contract forbids, as the dealer told you",
    "Invoice.number": "the invoice number",
    "Invoice.amount": "its amount",
    "Invoice.due": "when payment was due",
    "Invoice.paid": "has it been paid?",
    "Invoice.disputed": "does the customer dispute it (the goods, the quantity, the price)?",
    "Reference.name": "the reference account",
    "Reference.region": "where it is",
    "Reference.industry": "its industry",
    "Reference.similar": "is it like this customer (size, market, region)?",
    "Reference.figures": "the figures you may cite, e.g. 9M a year: 5M wholesale, 4M retail, 7–8% net on retail",
    "Reference.annual_sales": "its yearly sales of your products",
    "Reference.consent": "has it agreed to be cited or visited?",
}


def _models():
    from pydantic import BaseModel

    from ..accounts.account import Account

    seen: dict[str, type] = {}

    def walk(model):
        if model.__name__ in seen:
            return
        seen[model.__name__] = model
        for f in model.model_fields.values():
            for inner in _inner_types(f.annotation):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    walk(inner)

    walk(Account)
    return seen


def _inner_types(ann) -> list:
    import typing

    args = typing.get_args(ann)
    if not args:
        return [ann]
    return [t for a in args for t in _inner_types(a)]


def undocumented() -> list[str]:
    """Fields of the account models that have no line in FIELD_DOCS (a test keeps this empty)."""
    return sorted(f"{name}.{field}" for name, model in _models().items() for field in model.model_fields
                  if f"{name}.{field}" not in FIELD_DOCS)


def _describe(schema: dict) -> dict:
    for name, node in [("Account", schema)] + list(schema.get("$defs", {}).items()):
        for field, prop in node.get("properties", {}).items():
            doc = FIELD_DOCS.get(f"{name}.{field}")
            if doc:
                prop["description"] = doc
            prop.pop("title", None)  # "Last 12M" says less than the description
    return schema


def account_schema() -> dict[str, Any]:
    from ..accounts.account import Account

    schema = _describe(Account.model_json_schema())
    return {"$schema": SCHEMA_DRAFT, "$id": "advisor:account", "title": "advisor account file",
            "description": "One key account for `advisor advise`. Full reference: docs/account-format.md.",
            **{k: v for k, v in schema.items() if k != "title"}}


def advice_schema() -> dict[str, Any]:
    from ..output.advice_model import AdviceOut

    schema = AdviceOut.model_json_schema()
    return {"$schema": SCHEMA_DRAFT, "$id": "advisor:advice", **schema}


def crm_mapping_schema() -> dict[str, Any]:
    from ..crm.mapping import Mapping

    schema = Mapping.model_json_schema()
    return {"$schema": SCHEMA_DRAFT, "$id": "advisor:crm-mapping", "title": "advisor CRM mapping",
            "description": "How `advisor import crm` reads a CRM's CSV export. Full reference: docs/crm-mapping.md.",
            **{k: v for k, v in schema.items() if k not in ("title", "description")}}


SCHEMAS = {"account": account_schema, "advice": advice_schema, "crm-mapping": crm_mapping_schema}


def schema_text(which: str) -> str:
    return json.dumps(SCHEMAS[which](), ensure_ascii=False, indent=2) + "\n"


# ------------------------------------------------------------ the docs page ---
def _type_of(prop: dict, defs: dict) -> tuple[str, dict | None]:
    """A short type name for a schema property, and its vocabulary node if it has one."""
    if "anyOf" in prop:
        parts = [p for p in prop["anyOf"] if p.get("type") != "null"]
        if len(parts) == 1:
            text, vocab = _type_of(parts[0], defs)
            return text + " (optional)", vocab
        typed = [_type_of(p, defs) for p in parts]  # e.g. a policy: a name, or {name, since}
        return " or ".join(t for t, _ in typed), next((v for _, v in typed if v is not None), None)
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})", None
    kind = prop.get("type")
    if "enum" in prop:
        return "one of the values below", prop
    if kind == "array":
        inner, vocab = _type_of(prop.get("items", {}), defs)
        return f"list of {inner}", vocab
    if kind == "object":
        extra = prop.get("additionalProperties")
        return ("map of name → " + _type_of(extra, defs)[0]) if isinstance(extra, dict) else "mapping", None
    fmt = prop.get("format")
    if fmt == "date":
        return "date YYYY-MM-DD", None
    limits = []
    for key, sign in (("minimum", "≥"), ("exclusiveMinimum", ">"), ("maximum", "≤"), ("minLength", "min length ")):
        if key in prop:
            limits.append(f"{sign}{prop[key]}")
    base = {"string": "text", "number": "number", "integer": "whole number", "boolean": "true/false"}.get(kind, kind or "any")
    return base + (f" ({', '.join(limits)})" if limits else ""), None


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _limits_md() -> list[str]:
    """The bounds an account must keep (accounts/bounds.py), so a rep meets them here first."""
    from ..accounts.bounds import COUNT_LIMITS, MAX_DATE, MAX_NAME, MAX_NUMBER, MAX_TEXT, MIN_DATE
    from ..files.yamlio import MAX_BYTES

    out = ["## Limits", "",
           "An account past one of these bounds is refused with one line naming the file, the line of the first "
           "entry over the bound and the bound itself. They are far above any real account and keep advice fast.", "",
           "| what | at most |", "|---|---|"]
    for path, limit in COUNT_LIMITS.items():
        name = ".".join("[]" if p == "*" else p for p in path).replace(".[]", "[]")
        out.append(f"| `{name}` | {limit:,} entries |")
    out += [f"| the file | {MAX_BYTES // (1024 * 1024)} MB |",
            f"| a name or title | {MAX_NAME:,} characters |",
            f"| a free-text field | {MAX_TEXT:,} characters |",
            f"| a number | {MAX_NUMBER:,.0f} (plain decimal notation, at most 4 decimals kept) |",
            f"| a date | {MIN_DATE.isoformat()} to {MAX_DATE.isoformat()}, and a real day (2025-02-29 is refused) |", ""]
    return out


# What each objection kind means, with the tie-breaks the reader and its labelled corpus follow
# (tests/data/objections*.yaml): a rep who writes `kind:` by hand, or labels lines to test the reader,
# needs the same convention, or a right reading scores as wrong.
OBJECTION_KINDS = [
    ("price", "the price is too high for what it is (against a budget they have, a competitor's quote, or its worth)",
     "价格相对所值太高(有预算,但嫌贵、比别家贵、不值)"),
    ("budget", "there is no money or no allocation for it now, whatever the price", "没有预算或预算没批,与价格高低无关"),
    ("timing", "a concrete later time or event: after the audit, next fiscal year, when the new plant opens",
     "具体的时间或事件:审计之后、下个财年、新厂投产时"),
    ("authority", "it is not the speaker's decision: the boss, head office, the board, a committee decides",
     "不是他能定的:老板、总部、董事会、委员会决定"),
    ("need", "they have no such problem, or what they have is enough", "没有这个需求,或现有的够用"),
    ("incumbent", "happy with, or tied by contract to, the current supplier; \"we moved the business to X\"",
     "对现供应商满意、与其签有合同,或已转给别家"),
    ("trust", "doubt in you, your firm, your claims or your proof; fear of what might go wrong",
     "不信任你、你的公司、你的说法或证据;担心出问题"),
    ("stall", "a vague put-off with no reason: \"leave it with me\", \"we'll think about it\"", "没有理由的推托:“再说吧”“我们考虑考虑”"),
    ("feature", "the product lacks something they need, or does not fit their system", "产品缺少需要的功能,或与其系统不兼容"),
    ("terms", "payment, contract, minimum order or warranty terms they object to (a contract that ties them to the current supplier is incumbent, not terms)",
     "不接受的付款、合同、起订量或质保条款(被现供应商的合同绑住算现供应商,不算条款)"),
    ("service", "a delivery, quality or after-sales problem they had with you (a complaint, also when told as a story), or a lead time too long",
     "与你之间的交货、质量或售后问题(投诉,包括讲成故事的),或交期太长"),
]


def _objection_kinds_md() -> list[str]:
    out = ["## Objection kinds", "",
           "`kind:` takes one of these (the reader uses the same meanings). Two kinds only when the buyer really "
           "raises two, each in its own words; a conceded point (\"the price is fine, but…\") is not a kind.", "",
           "| kind | means | 含义 |", "|---|---|---|"]
    out += [f"| `{kind}` | {_cell(en)} | {_cell(zh)} |" for kind, en, zh in OBJECTION_KINDS]
    return out + [""]


def account_format_md() -> str:
    from .docs import GENERATED

    schema = account_schema()
    defs = schema.get("$defs", {})
    out = [GENERATED.format(command="advisor docs-format", what="the account models (advisor/accounts/account.py)"), "",
           "# The account file", "",
           "An account is one YAML file (UTF-8) describing one key account; `advisor advise FILE` reads it "
           "(`-` reads standard input). Every field is optional except those marked required. "
           "Unknown fields are errors with a \"did you mean\", never ignored.", "",
           "- Start a new file with `advisor init account.yaml` (`--lang zh` for Chinese comments, "
           "`--industry NAME` to list that pack's checklist flags).",
           "- Editors: the first line `# yaml-language-server: $schema=<path or URL of account.schema.json>` makes "
           "VS Code (YAML extension), Neovim and others complete and check fields. The schema is "
           "[schema/account.schema.json](schema/account.schema.json); `advisor schema account` prints it.",
           "- The JSON that `advise --format json` prints is described by "
           "[schema/advice.schema.json](schema/advice.schema.json) (`advisor schema advice`).", ""]
    sections = [("Account", schema)] + sorted(defs.items())
    vocabularies: dict[str, dict] = {}
    for name, node in sections:
        out += [f"## {name}", ""]
        if name == "Account":
            out += ["The top level of the file.", ""]
        required = set(node.get("required", []))
        out += ["| field | type | default | meaning |", "|---|---|---|---|"]
        for field, prop in node.get("properties", {}).items():
            text, vocab = _type_of(prop, defs)
            if vocab is not None:
                key = vocab.get("x-vocabulary", field)
                vocabularies[key] = vocab
                text = text.replace("one of the values below", f"one of [{key}](#{key.replace(' ', '-')})")
            if field in required:
                default = "required"
            elif "default" in prop:
                default = json.dumps(prop["default"], ensure_ascii=False)
            else:  # a default_factory: an empty list or map, or a sub-mapping with its own defaults
                default = {"array": "[]", "object": "{}"}.get(prop.get("type"), "its fields' defaults")
            out.append(f"| `{field}` | {_cell(text)} | {_cell(default)} | {_cell(prop.get('description', ''))} |")
        out.append("")
    out += _limits_md()
    out += _objection_kinds_md()
    out += ["## Allowed values", "", ("Write the key; the labels are how advice prints it in English and Chinese. Either label is read back as "
              "the key, the Chinese one also in traditional characters (採購人, 積極, 國有企業)."), ""]
    for key in sorted(vocabularies):
        vocab = vocabularies[key]
        out += [f"### {key}", "", "| value | English | 中文 |", "|---|---|---|"]
        for value in vocab["enum"]:
            label = vocab.get("x-labels", {}).get(value, {})
            out.append(f"| `{value}` | {_cell(label.get('en', ''))} | {_cell(label.get('zh', ''))} |")
        out.append("")
    out += ["## Example", "", "```yaml", EXAMPLE.rstrip("\n"), "```", ""]
    return "\n".join(out)


EXAMPLE = """\
# yaml-language-server: $schema=../docs/schema/account.schema.json
name: 京丰商贸
industry: consumer-electronics-dealer
stage: open
relationship: {level: ordinary, target: partner, cycle_stage: acquaintance}
sales: {last_12m: 0, prior_12m: 0, last_order: 2026-05-01}
plan: {growth: 0.25, industry_growth: 0.18}
contacts:
  - name: 刘姐
    title: 店长
    roles: [influencer, gatekeeper]
    signals: [people_oriented, talkative]
    met: true
    reaches: [刘总]
  - {name: 刘总, roles: [decider], is_boss: true}
visits:
  - {date: 2026-11-12, contact: 刘姐, minutes: 20, outcome: neutral, reason_to_return: true}
objections:
  - {contact: 刘姐, text: 你们的价格太贵了!, date: 2026-11-18}
policies: [no_gifts]
"""

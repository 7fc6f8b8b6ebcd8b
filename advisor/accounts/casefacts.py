"""Facts for the playbook's case teachings (issue 23): complaints, how the customer buys,
the dealer's money and its main brand's contract, and the reference accounts a seller can cite.

Bookkeeping only, like facts.py: a complaint's age and how far its promised fix is from the
as-of date, how many complaints are still open, which reference is the best one to quote.
What those mean (apologise now, escalate, check the money before the project) is the packs'.

Registered from facts.py (``extend`` adds the catalogue entries, ``add`` the facts) so this
module never imports facts.py: the catalogue stays one table without an import circle.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from .account import Account, Complaint, Reference
from .bounds import put

OPEN_STATUSES = ("open", "in_progress")
RECENT_FIX_DAYS = 180  # a fix older than half a year that nobody confirmed is history, not the account's live problem
DEALER_TYPES = ("dealer", "distributor")  # they carry stock and finance projects themselves

# kind → field → (type, English description, Chinese description)
ENTRIES: dict[str, dict[str, tuple[str, str, str]]] = {
    "account": {
        "customer_type": ("text", "dealer / distributor / integrator / end_customer (as recorded, else inferred "
                                  "where the facts show it: customer_type_source)",
                          "经销商/分销商/集成商/终端客户(按记录;未记录时按事实推断:customer_type_source)"),
        "buying_pattern": ("text", "repeat / subscription / project (projects, tenders, capital goods; as recorded, "
                                   "else inferred from an open tender: buying_pattern_source)",
                           "repeat / subscription / project(项目、招标、设备采购;按记录,未记录时由进行中的招标推断:"
                           "buying_pattern_source)"),
        "ownership": ("text", "state_owned / private / foreign / public_institution (as recorded, else inferred from the "
                              "customer's name or notes: ownership_source)",
                      "state_owned / private / foreign / public_institution(国企/民企/外企/事业单位;按记录,"
                      "未记录时由客户名称或备注推断:ownership_source)"),
        "complaint_count": ("number", "complaints recorded", "记录的投诉数"),
        "open_complaint_count": ("number", "complaints open or being fixed", "未处理或处理中的投诉数"),
        "overdue_fix_count": ("number", "open complaints whose promised fix date has passed",
                              "承诺解决日期已过而仍未解决的投诉数"),
        "unconfirmed_fix_count": ("number", "complaints fixed on our side but not yet confirmed by the customer "
                                            "(status resolved), raised in the last 180 days or undated",
                                  "近180天内(或未注明日期)提出、我方已处理但客户尚未确认(状态 resolved)的投诉数"),
        "dealer_known": ("bool", "the account has a dealer: section (money and main brand)",
                         "客户记录了 dealer: 部分(资金与主品牌)"),
        "dealer_account": ("bool", "recorded as a dealer or distributor (customer_type), or has a dealer: section",
                           "记录为经销商或分销商(customer_type),或有 dealer: 部分"),
        "dealer_checks_done": ("bool", "both the dealer's money and its main brand's contract are checked",
                               "经销商的资金和主品牌合同都已核实"),
        "dealer_unchecked": ("bool", "a dealer account whose money or main brand's contract is not yet checked "
                                     "(one fact, so a guard on it adds no engine branches)",
                             "经销商客户的资金或主品牌合同尚未核实(单一事实,作为限制条件不增加引擎分支)"),
        "financing_checked": ("bool", "we confirmed the dealer can finance a project (false when not recorded)",
                              "已确认经销商能为工程垫资(未记录时为 false)"),
        "financing_capacity": ("number", "how much the dealer can advance on a project (垫资)",
                               "经销商能为工程垫付的金额(垫资)"),
        "brand_contract_checked": ("bool", "we asked what the main brand's contract allows and forbids "
                                           "(false when not recorded)",
                                   "已问清主品牌合同允许和禁止什么(未记录时为 false)"),
        "main_brand": ("text", "the brand the dealer mainly sells today", "经销商目前主营的品牌"),
        "brand_restrictions": ("text", "what the main brand's contract forbids, as the dealer told us",
                               "经销商所说的主品牌合同限制"),
        "open_quoted_count": ("number", "open opportunities a price has been quoted for (a buyer asking the price "
                                        "before any was given has not had one yet)",
                              "已报过价的进行中商机数(尚未报价时客户先问价)"),
        "reference_count": ("number", "reference accounts we can cite", "可引用的样板客户数"),
        "reference_with_figures": ("bool", "a similar reference account with figures is recorded",
                                   "记录了带具体数字的同类样板客户"),
        "reference_name": ("text", "the best reference to cite: similar, with figures, consent first",
                           "最适合引用的样板客户:同类、有数字、已同意者优先"),
        "reference_region": ("text", "that reference's region", "该样板客户所在地区"),
        "reference_figures": ("text", "that reference's figures, as written", "该样板客户的数字,按原文"),
        "reference_consent": ("bool", "that reference agreed to be cited or visited", "该样板客户同意被引用或参观"),
    },
    "complaint": {
        "what": ("text", "what the customer complained about, as written", "客户投诉的内容,按原文"),
        "status": ("text", "open / in_progress / resolved / closed", "open / in_progress / resolved / closed"),
        "open": ("bool", "still open or being fixed", "仍未处理或正在处理"),
        "age_days": ("number", "days since the complaint was raised", "投诉至今的天数"),
        "severity": ("text", "low / medium / high", "low / medium / high"),
        "has_fix": ("bool", "a fix has been promised", "已承诺解决办法"),
        "promised_fix": ("text", "the fix promised, as written", "承诺的解决办法,按原文"),
        "fix_due": ("text", "the date the fix was promised for (YYYY-MM-DD)", "承诺解决的日期(YYYY-MM-DD)"),
        "fix_due_in_days": ("number", "days from the as-of date to the promised fix date (negative when overdue)",
                            "截至日到承诺解决日期的天数(已过期为负数)"),
        "fix_days_late": ("number", "days the promised fix is overdue (0 when not)",
                          "承诺解决日期已过的天数(未过期为 0)"),
        "contact": ("text", "who raised it", "提出投诉的人"),
        "contact_roles": ("list", "that contact's buying roles", "该联系人的采购角色"),
        "contact_senior": ("bool", "that contact is senior", "该联系人是高层"),
    },
}


# the shape every fact module gives facts.py and facts_zh.py
CATALOG = {kind: {name: (t, en) for name, (t, en, _zh) in fields.items()} for kind, fields in ENTRIES.items()}
CATALOG_ZH = {kind: {name: zh for name, (_t, _en, zh) in fields.items()} for kind, fields in ENTRIES.items()}


def _best_reference(refs: list[Reference]) -> Reference | None:
    """The reference a seller would quote: a similar one with figures, one that agreed first;
    the order written breaks ties (the rep lists the best first)."""
    usable = [r for r in refs if r.similar and r.figures]
    if not usable:
        return None
    return sorted(usable, key=lambda r: not r.consent)[0]


def _complaint(i: int, c: Complaint, as_of: dt.date, roles: dict[str, list[str]],
               senior: dict[str, bool]) -> dict:
    f: dict[str, Any] = {"kind": "complaint", "id": f"complaint:{i + 1}", "what": c.what,
                         "status": c.status, "open": c.status in OPEN_STATUSES}
    if c.date:
        f["age_days"] = (as_of - c.date).days
    put(f, "severity", c.severity)
    f["has_fix"] = bool(c.promised_fix)
    put(f, "promised_fix", c.promised_fix)
    if c.fix_due:
        f["fix_due"] = c.fix_due.isoformat()
        f["fix_due_in_days"] = (c.fix_due - as_of).days
        f["fix_days_late"] = max(0, -f["fix_due_in_days"])
    put(f, "contact", c.contact)
    f["contact_roles"] = sorted(set(roles.get(c.contact or "", [])))
    f["contact_senior"] = senior.get(c.contact or "", False)
    return f


def add(account: Account, as_of: dt.date, a: dict[str, Any]) -> list[dict]:
    """Fill the account fact ``a`` with these fields and return the complaint facts."""
    put(a, "customer_type", account.customer_type)
    put(a, "buying_pattern", account.buying_pattern)
    put(a, "ownership", account.ownership)
    roles = {c.name: list(c.roles) for c in account.contacts}
    senior = {c.name: c.senior for c in account.contacts}
    complaints = [_complaint(i, c, as_of, roles, senior) for i, c in enumerate(account.complaints)]
    a["complaint_count"] = len(complaints)
    a["open_complaint_count"] = sum(f["open"] for f in complaints)
    a["overdue_fix_count"] = sum(f["open"] and f.get("fix_days_late", 0) > 0 for f in complaints)
    # a fix the customer has not confirmed is not yet a fix (core.complaints.confirm-the-fix): while one is recent, a
    # price move answers a problem the customer does not have (core.complaints.no-price-move-before-the-fix-is-confirmed)
    a["unconfirmed_fix_count"] = sum(c.status == "resolved" and (c.date is None or (as_of - c.date).days <= RECENT_FIX_DAYS)
                                     for c in account.complaints)
    d = account.dealer
    a["dealer_known"] = d is not None
    # not recorded = not confirmed: a rule asks for the check rather than assume the money is there
    a["financing_checked"] = bool(d and d.financing_checked)
    a["brand_contract_checked"] = bool(d and d.brand_contract_checked)
    a["dealer_account"] = d is not None or account.customer_type in DEALER_TYPES
    a["dealer_checks_done"] = a["financing_checked"] and a["brand_contract_checked"]
    a["dealer_unchecked"] = a["dealer_account"] and not a["dealer_checks_done"]
    if d:
        put(a, "financing_capacity", d.financing_capacity)
        put(a, "main_brand", d.main_brand)
        put(a, "brand_restrictions", d.brand_restrictions)
    a["open_quoted_count"] = sum(o.quoted and o.won is None for o in account.opportunities)
    a["reference_count"] = len(account.references)
    best = _best_reference(account.references)
    a["reference_with_figures"] = best is not None
    if best:
        a["reference_name"] = best.name
        put(a, "reference_region", best.region)
        a["reference_figures"] = best.figures
        a["reference_consent"] = best.consent
    return complaints

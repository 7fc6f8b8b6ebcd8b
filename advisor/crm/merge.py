"""Re-import: refresh what the CRM owns in an account file, keep everything the rep added.

The CRM owns: the account's name, industry, owner, team, company profile and stage, its sales
totals and currency, the deals, opportunities and visits that carry a ``crm_id``, and each
imported contact's title. Everything else — roles,
signals, personality, objections, notes, policies, checklist flags, contacts, visits and
deals written by hand — is the rep's and is never touched. The file is edited in place
(ruamel round-trip), so the rep's comments and layout survive.
"""
from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

ACCOUNT_OWNED = ("name", "industry", "owner", "team", "stage")
SALES_OWNED = ("last_12m", "prior_12m", "last_order", "currency")


def _show(value: Any) -> str:
    return "—" if value is None else str(value)


def merge_account(doc: CommentedMap, fresh: dict) -> list[str]:
    """Apply ``fresh`` (from the CRM) to ``doc`` (the rep's file) in place; return what changed."""
    changes: list[str] = []
    for key in ACCOUNT_OWNED:
        if key in fresh and doc.get(key) != fresh[key]:
            changes.append(f"{key}: {_show(doc.get(key))} → {fresh[key]}")
            doc[key] = fresh[key]
    if "sales" in fresh:
        sales = doc.get("sales")
        if not isinstance(sales, dict):
            sales = doc["sales"] = CommentedMap()
        for key in SALES_OWNED:
            if key in fresh["sales"] and sales.get(key) != fresh["sales"][key]:
                changes.append(f"sales.{key}: {_show(sales.get(key))} → {fresh['sales'][key]}")
                sales[key] = fresh["sales"][key]
    if "company" in fresh and plain(doc.get("company")) != fresh["company"]:
        changes.append("company: refreshed")
        doc["company"] = CommentedMap(fresh["company"])
    names = _merge_contacts(doc, fresh.get("contacts", []), changes)
    visits = [dict(v, contact=names.get(v.get("contact"), v.get("contact"))) if v.get("contact") else v
              for v in fresh.get("visits", [])]
    _merge_items(doc, "visits", visits, changes, label=lambda v: str(v["date"]))
    _merge_items(doc, "opportunities", fresh.get("opportunities", []), changes, label=lambda d: d["name"])
    _merge_items(doc, "deals", fresh.get("deals", []), changes,
                 label=lambda d: d.get("name") or d.get("product") or d["crm_id"])
    return changes


def _merge_contacts(doc: CommentedMap, fresh: list[dict], changes: list[str]) -> dict[str, str]:
    """Match CRM contacts to the file's by crm_id, then by name; returns CRM name -> name in the file.

    The rep may have renamed a contact (刘姐 for 刘芳) and hung visits and objections on that
    name, so a matched contact keeps the file's name; only the title is refreshed.
    """
    contacts = doc.get("contacts")
    if not isinstance(contacts, list):
        contacts = doc["contacts"] = CommentedSeq()
    by_id = {c.get("crm_id"): c for c in contacts if isinstance(c, dict) and c.get("crm_id")}
    by_name = {c.get("name"): c for c in contacts if isinstance(c, dict)}
    names: dict[str, str] = {}
    for person in fresh:
        mine = by_id.get(person["crm_id"]) or by_name.get(person["name"])
        if mine is None:
            contacts.append(CommentedMap(person))
            changes.append(f"contacts: + {person['name']}")
            names[person["name"]] = person["name"]
            continue
        names[person["name"]] = mine["name"]
        if mine.get("crm_id") != person["crm_id"]:
            mine["crm_id"] = person["crm_id"]
        if "title" in person and mine.get("title") != person["title"]:
            changes.append(f"contacts[{mine['name']}].title: {_show(mine.get('title'))} → {person['title']}")
            mine["title"] = person["title"]
        if not mine.get("roles") and person.get("roles"):  # roles are the rep's once written
            mine["roles"] = list(person["roles"])
            changes.append(f"contacts[{mine['name']}].roles: — → {', '.join(person['roles'])}")
        if person.get("met") and not mine.get("met"):
            mine["met"] = True
            changes.append(f"contacts[{mine['name']}].met: false → true")
    if not contacts:
        del doc["contacts"]
    return names


def _merge_items(doc: CommentedMap, key: str, fresh: list[dict], changes: list[str], label) -> None:
    """Replace the CRM's items (those with a crm_id) by the fresh ones; keep the rep's own items."""
    current = doc.get(key)
    current = current if isinstance(current, list) else []
    mine = [item for item in current if not (isinstance(item, dict) and item.get("crm_id"))]
    old = {item["crm_id"]: item for item in current if isinstance(item, dict) and item.get("crm_id")}
    new = {item["crm_id"]: item for item in fresh}
    added = [label(item) for cid, item in new.items() if cid not in old]
    gone = [label(item) for cid, item in old.items() if cid not in new]
    changed = [label(item) for cid, item in new.items() if cid in old and plain(old[cid]) != item]
    for word, items in (("+", added), ("−", gone), ("~", changed)):
        if items:
            changes.append(f"{key}: {word} {', '.join(items)}")
    if not (added or gone or changed):
        return
    merged = CommentedSeq(mine + [CommentedMap(item) for item in fresh])
    if merged:
        doc[key] = merged
    elif key in doc:
        del doc[key]


def plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    return node

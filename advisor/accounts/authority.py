"""A request to change who may sign for the account or where its money goes (issue 22, session 5).

A new finance manager who asks, at the counter, to change the authorised signatory "today, the papers
later"; an e-mail saying the supplier's bank details have changed; a caller who wants the payee account
updated — in any industry the same pattern: a change of authority or of bank details asked for by someone
whose own authority is what is in question. It is the classic way money is taken, and nothing else about
the account (a loan, a renewal, a re-registration) should move until the registered person confirms it.

Read here: the account's notes and the visit notes and objections of the last NAMED_DAYS days, for a word
of the packs' vocabulary ``authority_change`` (更換簽章人, 变更收款账户, "change the authorised signatory",
"new bank details" …). The request is *unverified* unless the one who asked is the contact marked as the
boss (the registered owner asking about his own company), or the same text says it was verified (vocabulary
``authority_verified``: 已核实, verified …; not negated nor still to come — "until it is verified in person").
Bookkeeping only; what to do is the packs' (rules/core/roles.yaml).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable, Optional

from . import wordlists

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"account": {
    "authority_change_unverified": ("bool", "someone asked to change who signs for the account or where its money "
                                            "goes (vocabulary authority_change, in the notes or a recent visit or "
                                            "objection), is not the contact marked as the boss, and no text says it "
                                            "was verified (vocabulary authority_verified, not negated nor still to "
                                            "come: \"until it is verified in person\")"),
    "authority_change_by": ("text", "who asked for that change (the visit's or objection's contact); absent when "
                                    "only the account's notes say it"),
    "authority_change_word": ("text", "the words the change was found by, as written (lower-cased)"),
}, "promise": {
    "carries_unverified_change": ("bool", "one of ours whose words carry out the change of who signs or where the money "
                                          "goes that is not verified (account.authority_change_unverified; the "
                                          "vocabulary authority_change in the promise's own words): kept, it would "
                                          "make the change — it waits for the verification; or a step of the "
                                          "customer's by the one who asked for that change (account.authority_change_by): "
                                          "held with every request of theirs until it is verified"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"account": {
    "authority_change_unverified": "有人要求变更客户的授权签字人或收款账户(词表 authority_change,见于备注或近期拜访记录、异议),"
                                   "提出者不是标为老板的联系人,且没有文字说明已核实(词表 authority_verified,未被否定、也不是尚待核实)",
    "authority_change_by": "提出变更的人(该拜访或异议的联系人);只在客户备注中提到时不存在",
    "authority_change_word": "据以识别变更要求的词语(小写,按原文)",
}, "promise": {
    "carries_unverified_change": "我方的一步,文字本身就是去办那项未经核实的签字人或收款账户变更(或提出该变更的客户联系人自己答应的一步,与其所有要求一起暂缓)(account.authority_change_unverified;"
                                 "承诺文字中有词表 authority_change 的词):兑现它就等于办了变更——要等核实之后",
}}


# verification still to come or refused is none: "nothing moves until it is verified in person", "must be confirmed
# by call-back", "须电话核实后再办", "待當面核實" (session 9: the compliance reply that stops a fraud named the check)
# A condition word (until, unless, pending, before, once) governs its whole clause: "nothing changes until the mandate
# and the board resolution are verified with the father" is a check still to come, however long the subject between
# (session 11: a 47-character subject read as a verification done, and the rep's promise carried the change out)
_NOT_YET = re.compile(r"(?:(?<![a-z])(?:until|unless|pending|before|once|till)(?![a-z])[^.;]{0,90}|"
                      r"(?<![a-z])(?:no|not|never|must|should|needs?|to be|yet to|cannot|can't)(?![a-z])[^.;]{0,30}|"
                      r"(?:待|未|尚未|还没|還沒|须|須|需|需要|必须|必須|之前|在[^。;；，,]{0,20}之前)[^。;；]{0,6})$")
_REACH = 100  # characters before a verification word searched for what makes it still to come


def _verified(texts: list[str], find_verified: Callable[..., Optional[str]]) -> bool:
    """Some text records the change verified — a verification word not under a negation nor still to come."""
    return any(wordlists.first_unnegated(t, find_verified, _NOT_YET, reach=_REACH) for t in texts)


def mark(a: dict[str, Any], account: Any, as_of: dt.date, days: int,
         find_change: Callable[..., Optional[str]], find_verified: Callable[..., Optional[str]]) -> None:
    """Set the authority-change facts on the account fact ``a`` (in place). ``find_change`` is the vocabulary
    authority_change's finder, ``find_verified`` authority_verified's; ``days`` how far back a visit or
    an objection counts as what is happening now."""
    recent = [(v.contact, v.note) for v in sorted(account.visits, key=lambda v: v.date)
              if v.note and 0 <= (as_of - v.date).days <= days]
    recent += [(o.contact, o.text) for o in account.objections
               if o.text and (o.date is None or 0 <= (as_of - o.date).days <= days)]
    said = [(who, text, find_change(text)) for who, text in recent]
    said = [(who, text, word) for who, text, word in said if word]
    notes_word = find_change(account.notes)
    if not said and not notes_word:
        return
    texts = [text for _, text, _ in said] + ([account.notes] if notes_word else [])
    who = next((w for w, _, _ in said if w), None)
    bosses = {c.name for c in account.contacts if c.is_boss}
    a["authority_change_word"] = said[0][2] if said else notes_word
    if who:
        a["authority_change_by"] = who
    a["authority_change_unverified"] = not (who in bosses) and not _verified(texts, find_verified)


def mark_promises(facts: list[dict], a: dict[str, Any], find_change: Callable[..., Optional[str]]) -> None:
    """Set ``carries_unverified_change`` on every promise fact (in place): one of ours whose own words make the change
    of authority that is still unverified ("add Khun Anan as signatory this week", "本周把收款账户改成新账户") — keeping
    it is the harm the verification prevents (session 11: an overdue promise to add a son as sole signatory on an
    unsigned letter ranked #1, above the verification)."""
    unverified = bool(a.get("authority_change_unverified"))
    asker = a.get("authority_change_by")
    for f in facts:
        if f["kind"] == "promise":
            # … and a step of the customer's by the one who asked (session 16: "Karim to send the signed activation form
            # with himself as administrator"): the verification holds every request of theirs, their own steps too
            f["carries_unverified_change"] = bool(unverified and (
                (f.get("by") == "rep" and find_change(f.get("what")))
                or (f.get("by") == "customer" and asker is not None and f.get("contact") == asker)))

"""A succession on record: a contact about to leave, and the one who comes next (issue 22, session 9).

A signer who retires in March, an owner's son back from abroad to take over, a manager who "hands over to" a named
colleague: the business rests on someone still there but leaving, and the next signer is known. While the outgoing
contact is still there they can introduce the successor and vouch for us; once they have gone that chance is over
(then the departed-contact reading applies: ``contact.successor_of``, accounts/facts.py).

Read from the contacts' titles and from the sentences of the notes and the visits' notes and next steps:

- ``contact.successor_incoming``: the title holds a word of the packs' vocabulary ``succession_incoming`` ("takes over
  from April", "回來接班", 少東), or a sentence names this contact — never met — beside such a word ("Gareth will take
  over the renewal") or after a word of leaving ("Ruth hands over to Owen", "交棒給黃經理"). An unmet contact is the one coming in: someone we never met is no thread that is leaving.
- ``contact.next_generation``: a relative of the boss (``related_to``) whose title names them the boss's child
  (vocabulary ``succession_heir``: son, daughter, 兒子, 女儿 — kinship words, not a trade's) and no takeover is written:
  the next generation of a family firm, whom its future rests on (session 11: a factory head who is the chairman's son,
  to whom we are "his father's supplier"). Not a succession under way — a relationship to build.
- ``contact.leaving``: the title holds a word of ``succession_outgoing`` ("retiring in March", 明年退休), or a sentence
  names this contact — met — before such a word ("Siân told me she retires at the end of March").
- on the incoming one: ``succession_introducer`` (the leaving contact still there, else a met contact who reaches
  them, else the met decider, else any met contact), ``succession_when`` (the date words written beside, if any) and
  ``succession_words`` (the text that says it: the evidence).
A word right after a negation ("not retiring", "不会退休") is not read. A contact whose title says they have left is
neither (departed). ``account.succession_pending`` is true while an incoming successor is not met yet.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from . import wordlists
from .account import Account

CATALOG: dict[str, dict[str, tuple[str, str]]] = {
    "account": {
        "succession_pending": ("bool", "a contact is named as coming in to take over (contact.successor_incoming) and "
                                       "is not met yet (advisor/accounts/succession.py)"),
    },
    "contact": {
        "successor_incoming": ("bool", "this contact is named as the one coming in to take over: the title holds a "
                                       "word of the vocabulary succession_incoming (takes over, 接班, 少東), or a "
                                       "sentence of the notes or visits names them, never met, beside one; not negated, "
                                       "not departed (advisor/accounts/succession.py)"),
        "leaving": ("bool", "this contact is about to leave — retiring, stepping down, handing over (vocabulary "
                            "succession_outgoing in the title, or a sentence naming them, met, before such a word); "
                            "not departed yet (advisor/accounts/succession.py)"),
        "succession_introducer": ("text", "on an incoming successor: who can introduce them — the leaving contact "
                                          "still there, else a met contact who reaches them, else the met decider, "
                                          "else a met contact"),
        "succession_when": ("text", "on an incoming successor: the date words written beside the succession "
                                    "(\"end of March\", \"from April\", \"12月\"), if any"),
        "succession_words": ("text", "on an incoming successor: the text that says it (the evidence)"),
        "next_generation": ("bool", "a relative of the boss (related_to) whose title names them the boss's child "
                                    "(vocabulary succession_heir: son, daughter, 儿子, 女兒), with no takeover written "
                                    "(not successor_incoming, not leaving): the next generation of a family firm "
                                    "(advisor/accounts/succession.py)"),
        "handover_from": ("text", "on a successor already met (title or notes: takes over, 接替, 接任, 新来的): whom "
                                  "they take over from, where named — '' where not; the handover, not a first "
                                  "visit, is the work (advisor/accounts/succession.py)"),
    },
}
CATALOG_ZH: dict[str, dict[str, str]] = {
    "account": {
        "succession_pending": "有联系人被写明将来接手(contact.successor_incoming),且尚未见过(advisor/accounts/succession.py)",
    },
    "contact": {
        "successor_incoming": "此人被写明是来接手的人:职务含词表 succession_incoming 中的词(接班、接手、少东、takes over),"
                              "或备注、拜访中有一句提到此人(从未见过)并含此类词;未被否定,未离开(advisor/accounts/succession.py)",
        "leaving": "此人即将离开——退休、卸任、交棒(职务含词表 succession_outgoing 中的词,或有一句先提到此人(已见过)再说此类词);"
                   "尚未离开(advisor/accounts/succession.py)",
        "succession_introducer": "接班人身上:可以引荐的人——仍在的即将离开者,否则能接触到此人的已见过联系人,否则已见过的决策人,否则任一已见过的联系人",
        "succession_when": "接班人身上:交接处写明的时间(“end of March”、“from April”、“12月”),如有",
        "succession_words": "接班人身上:说明交接的原文(依据)",
        "next_generation": "与老板有亲属关系(related_to)、职务写明是老板子女(词表 succession_heir:儿子、女兒、son、"
                           "daughter)的人,且没有写明交接(不是 successor_incoming,也不是 leaving):家族企业的下一代"
                           "(advisor/accounts/succession.py)",
        "handover_from": "已见过的接班人身上(职务或备注:接替、接任、新来的、takes over):接替的是谁(写明时);未写明时为空——"
                         "该做的是交接会,而不是初次拜访(advisor/accounts/succession.py)",
    },
}

# the date words beside a succession: "end of March", "from April 2027", "in the spring", "12月", "年底", "明年"
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_WHEN = re.compile(r"(?:(?:at the )?end of |from |in |by |after |before |until )?" + _MONTHS + r"(?: \d{4})?(?![a-z])"
                   r"|(?:next|this) (?:year|spring|summer|autumn|fall|winter|quarter)"
                   r"|\d{4}年\d{1,2}月(?:底|初|中)?|\d{1,2}月(?:底|初|中|份)?|明年[初中底]?|年底|年前|年後|年后|下个月|下個月")
_WORDS_MAX = 80
# a met contact is the successor when named this close before the word of coming in, with no word of saying between
# ("Ruth said the new MD takes over" is Ruth speaking, not taking over)
_SUBJECT_GAP = 24
_SAYS = re.compile(r"(?<![a-z])(?:said|says|told|mentioned|thinks|reckons)(?![a-z])|说|說|表示|提到")


def _sentences(account: Account) -> list[str]:
    texts = [account.notes or ""]
    for v in account.visits:
        texts += [v.note or "", v.next_step or ""]
    out = []
    for t in texts:
        out += [s.strip() for s in wordlists.SENTENCE.split(t) if s and s.strip()]
    return out


def _names(name: str) -> list[str]:
    """The ways a text names a contact: the full name, and a Latin name's first word ("Siân" of "Siân Pritchard")."""
    low = name.lower().strip()
    parts = low.split()
    return [low] + ([parts[0]] if len(parts) > 1 and len(parts[0]) > 2 else [])


def _named_at(text: str, name: str) -> int:
    """Where the contact is first named in the lower-case ``text``, or -1."""
    hits = [at for at in (wordlists.name_at(text, n) for n in _names(name)) if at >= 0]
    return min(hits) if hits else -1


def _word_at(text: str, find: Callable[..., Optional[str]]) -> tuple[Optional[str], int]:
    """The first unnegated word of ``find`` in ``text`` and where it stands (lower-case), or (None, -1)."""
    low = text.lower()
    word = wordlists.first_unnegated(low, find)
    return (word, low.find(word)) if word else (None, -1)


def _when(text: str) -> str:
    m = _WHEN.search(text.lower())
    return m.group(0) if m else ""


def _quote(text: str) -> str:
    return text if len(text) <= _WORDS_MAX else text[:_WORDS_MAX - 1] + "…"


def mark(a: dict, facts: list[dict], account: Account, find_in: Callable[..., Optional[str]],
         find_out: Callable[..., Optional[str]], find_heir: Optional[Callable[..., Optional[str]]] = None) -> None:
    """Set the succession facts on the contact facts of ``facts`` and ``succession_pending`` on ``a`` (in place).
    ``find_heir``: the kinship words (vocabulary succession_heir) that make a relative of the boss the next generation."""
    contacts = {f["name"]: f for f in facts if f["kind"] == "contact" and not f.get("departed")}
    by_name = {c.name: c for c in account.contacts if c.name in contacts}
    incoming: dict[str, tuple[str, str]] = {}  # name -> (words, when)
    leaving: dict[str, str] = {}               # name -> when
    heirs: set[str] = set()                    # the boss's child by title, no takeover on record (next_generation)
    for name, c in by_name.items():
        title = c.title or ""
        if _word_at(title, find_in)[0]:
            incoming[name] = (title, _when(title))
        elif _word_at(title, find_out)[0]:
            leaving[name] = _when(title)
        elif find_heir is not None and contacts[name].get("related_to_boss") and not c.is_boss \
                and _word_at(title, find_heir)[0]:
            heirs.add(name)
    for s in _sentences(account):
        low = s.lower()
        w_in, at_in = _word_at(s, find_in)
        w_out, at_out = _word_at(s, find_out)
        if not (w_in or w_out):
            continue
        for name, c in by_name.items():
            at = _named_at(low, name)
            if at < 0:
                continue
            # the unmet one named beside a word of coming in, or after a word of leaving ("hands over to Owen",
            # "交棒給黃經理"): the one coming next
            if not c.met and (w_in or at > at_out) and name not in incoming:
                incoming[name] = (s, _when(s))
            # a met one named right before a word of coming in ("Owen takes over from Ruth", "黄经理接替王经理") — or
            # after a word of leaving — is the successor too, already met (session 10: the handover, not a first visit)
            elif c.met and name not in incoming and name not in leaving and (
                    (w_in and 0 <= at_in - at <= _SUBJECT_GAP and not _SAYS.search(low, at, at_in)
                     and not wordlists.CLAUSE.search(low, at, at_in) and not (w_out and 0 <= at < at_out))
                    or (w_out and at > at_out >= 0)):
                incoming[name] = (s, _when(s))
            elif c.met and w_out and at < at_out and name not in incoming:
                leaving.setdefault(name, _when(s))
    for name, f in contacts.items():
        f["successor_incoming"] = name in incoming and name not in leaving
        f["leaving"] = name in leaving
        # the next generation of a family firm, where no takeover is written: whom the account's future rests on, a
        # relationship to build — not a handover under way (session 11)
        f["next_generation"] = name in heirs and name not in incoming and name not in leaving
    pending = False
    for name, (words, when) in incoming.items():
        if name in leaving:
            continue
        f = contacts[name]
        c = by_name[name]
        if c.met:  # the successor already met: the handover with them (who they take over from, if named)
            f.setdefault("handover_from", next((n for n in sorted(leaving) if n != name), "")
                         or _from_whom(words, name, by_name))
        out_when = next((w for w in leaving.values() if w), "")
        f["succession_words"] = _quote(words)
        if when or out_when:
            f["succession_when"] = when or out_when
        introducer = _introducer(name, c, by_name, leaving)
        if introducer:
            f["succession_introducer"] = introducer
        pending = pending or not c.met
    a["succession_pending"] = pending


def _from_whom(words: str, name: str, by_name: dict) -> str:
    """Whom the successor takes over from, where the words name another contact ("接替王经理"); "" where none."""
    low = words.lower()
    named = sorted((at, n) for n in by_name if n != name for at in (_named_at(low, n),) if at >= 0)
    return named[0][1] if named else ""


def _introducer(name: str, successor, by_name: dict, leaving: dict) -> Optional[str]:
    """Who introduces the successor: the leaving contact still there, a met contact who reaches them (or whom they
    reach), the met decider, any met contact — the first by name at each step, so the choice never depends on order."""
    met = sorted(n for n, c in by_name.items() if c.met and n != name)
    steps = ([n for n in met if n in leaving],
             [n for n in met if name in by_name[n].reaches or n in successor.reaches],
             [n for n in met if "decider" in by_name[n].roles],
             met)
    return next((s[0] for s in steps if s), None)

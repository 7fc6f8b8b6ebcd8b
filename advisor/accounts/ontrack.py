"""Does the record show one of our promises on track before its date? (session 16.)

A rep and the customer often keep a shared plan — a table of dated steps with who owns each and how it stands
("4/1 | 新品禮盒到貨 | 我方 | 準時(已出廠)", "Pilot units delivered | us | on schedule") — or a note says how a promise
is going ("the samples shipped Monday, on track for the 12th"). A promise the record shows on track is work in
flight: it stays on the list until it is kept, but it is not the first thing to do while its date is still ahead
(rank.is_promise_ahead); its own date brings it back.

Read: in the account's notes and the notes of visits since the promise was made, a line of a table (cells between
"|") or a clause holding a word of the promise itself (as stepdone.py reads one: an English word of four letters or
more that is not a filler, or two Chinese characters of it) and a word of the packs' vocabulary ``step_on_track``
(on track, on schedule, shipped, 準時, 按计划, 已出厂 …) — not negated ("not on track", "未按时") and not still to
come ("will ship", "将发货"). Bookkeeping only; what the ranking makes of it is rank.py's.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Optional

from . import stepdone, wordlists
from .account import Account

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"promise": {
    "on_track": ("bool", "one of ours, open, that the record shows on track before its date: a row of a shared plan "
                         "or a note's clause holding its words and a word of the packs' vocabulary step_on_track (on "
                         "track, shipped, 準時, 按计划 …; advisor/accounts/ontrack.py)"),
    "on_track_words": ("text", "the words that show it on track, as written (lower-cased)"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"promise": {
    "on_track": "我方未兑现的承诺,记录显示它在期限前进展正常:共享计划表中的一行,或备注里的一句,含承诺本身的词和规则包词表 "
                "step_on_track 的词(on track、shipped、准时、按计划……;advisor/accounts/ontrack.py)",
    "on_track_words": "表明进展正常的原文(小写)",
}}

_ROW = re.compile(r"\|")
_SPACES = re.compile(r"[ \t\u3000]+")
_COLON = re.compile(r"[:：]")


def _lines(text: Optional[str]) -> list[str]:
    """A text's table rows, each whole (spaces folded: a row's cells stand apart by padding), and its other clauses."""
    out: list[str] = []
    for line in (text or "").splitlines():
        if len(_ROW.findall(line)) >= 2:
            out.append(_SPACES.sub(" ", line))
        else:
            # a colon joins a thing and how it stands ("Planogram files: on track"): one clause here
            out.extend(_COLON.sub(" - ", c) for c in re.split(r"[.;!?。；！？]", line) if c.strip())
    return out


def mark(facts: list[dict[str, Any]], account: Account, as_of: dt.date,
         vocabulary: Optional[wordlists.Vocabulary]) -> None:
    """Set ``on_track`` (and ``on_track_words``) on every open promise fact of ours (in place)."""
    track_words = (vocabulary or {}).get("step_on_track") or {}
    for f in facts:
        if f["kind"] != "promise" or f.get("status") != "open" or f.get("by") != "rep":
            continue
        since = f.get("days_since_made")
        made = None if since is None else as_of - dt.timedelta(days=since)
        texts = [account.notes] + [v.note for v in account.visits if made is None or v.date >= made]
        f["on_track"] = False
        en, zh = stepdone._things(str(f.get("what") or ""))
        if not (en or zh):
            continue
        find = wordlists.pair_finder({"thing": {"en": en, "zh": zh}, "track": track_words}, "thing", "track",
                                     200, cjk_window=200)
        for text in texts:
            hit = next((h for h in map(find, _lines(text)) if h is not None and not stepdone._FUTURE.search(h)), None)
            if hit is not None:
                f["on_track"], f["on_track_words"] = True, hit
                break


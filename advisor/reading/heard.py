"""The customer's words written only in a visit's note (issue 22, session 14): heard, read and filed as objections.

A rep writes what the buyer said where it happened — in the visit's note — as often as under ``objections:``: a
quote ("林总说：'你们那天连个电话都没有'", "She said: “we looked at other venues”"), a reported line ("他说价格比阿强贵两块",
"the owner told us he wants the whole county exclusive", "客户反映交期老是拖"), a chat line with its speaker ("Rick:
we need Southern Alberta exclusive"). Unfiled, the complaint or the demand in those words reached no rule. This module
finds the customer's words in each visit note and reads them with the objection reader, so they become the same
objection facts as if the rep had filed them — with where they were read (``heard_in``: the visit's day; the trace
says "not filed — read from the note of the visit of 2027-08-27").

Four judgements, each general:

- **Whose words** (accounts/actors.py): the words inside quote marks, after a verb of saying, or on a line headed by a
  speaker count only where the one who speaks is the customer — a contact, or the customer's side in the third person
  (he, she, 客户, 对方, 老板 …). Our own side's words ("I told him …", "我跟他说 …", a line under the rep's heading), a
  competitor's and a third party's are not the customer's objection.
- **Who and when**: the contact the frame names, else the visit's contact; the day of the visit.
- **Read, then kept only where it is a complaint or a demand**: the reader's kinds (reading/reader.py,
  reading/realcause.py), and of them only a complaint about our failure (``complaint``, ``ours``) or a demand for
  exclusivity (the packs' exclusivity reader, accounts/exclusivity.py). Any other remark a rep reports is the note's
  context: filing every one put an objection rule first on 14 seen accounts whose coach worked the account's own
  problem or opening. A line the rep already filed is not filed twice: an objection of the same day and person or one
  the words repeat, a complaint under ``complaints:`` of the same person, near the day or in the same words.
- **Now, or answered**: only the notes of the visits of the last RECENT_DAYS (an older visit tells how things were);
  words the record shows answered are filed answered — the same person seen again since with a positive outcome, a
  word of the packs' vocabulary ``complaint_settled`` after them ("已补发,处理好了", "we replaced them the next day"),
  or a step of ours agreed at that visit or promised since (keeping it is the answer).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Callable, Optional, Sequence

from ..accounts import actors, exclusivity, promises, situations, wordlists
from ..accounts.account import Account, Objection
from ..accounts.casefacts import DEALER_TYPES
from ..accounts.facts import SAME_COMPLAINT_DAYS
from .cues import UNCLASSIFIED
from .reader import _PRAISE, praises  # the reader's own words of praise: one list, not a second
from .realcause import real_cause
from .words import CONTRAST

# a quotation: curly, corner brackets, straight double quotes (single quotes are apostrophes too often)
_QUOTED = re.compile(r"“([^”]{2,400})”|「([^」]{2,400})」|『([^』]{2,400})』|\"([^\"\n]{2,400})\"")
# a verb of saying: what follows it is the speaker's words (who speaks: the actor judgement, actors.py)
_SAY = re.compile(r"(?<![a-z])(?:said|says|told (?:me|us|him|her|them)|tells (?:me|us)|mentioned|explained|"
                  r"complained|complains|admitted|warned|insisted|stated|pointed out|reckons|claimed|claims|"
                  r"let (?:me|us) know|made (?:it )?clear)(?![a-z])"
                  # 说 as saying, not hearsay (听说, 据说, 传说: nobody said it to us), a word with 说 in it (说明, 说法, 小说)
                  # or a maybe (说不定); 讲 not in 讲究, 讲座
                  r"|(?<![听聽据據传傳小话話])(?:说|說)(?![明法服不])|(?:讲|講)(?![究座])"
                  r"|表示|提到|反映|提出|抱怨|投诉|投訴|吐槽|强调|強調|透露|坦言|直言|告诉我|告訴我")
# a saying that did not happen: to come or maybe ("会抱怨", "说不定", "might complain", "will say") — or denied ("never
# said", "没说", "didn't mention"): no words were said
_NOT_SAID = re.compile(r"(?:会|會|可能|也许|也許|或许|或許|说不定|說不定|估计|估計|恐怕|没|沒|未|不)\s*$|"
                       r"(?<![a-z])(?:might|may|will|would|could|'ll|never|not|didn't|did not|hasn't|has not|haven't|"
                       r"have not)\s+(?:\w+\s+)?$")
# what may stand between the verb and the words: "that", a colon, a comma
_SAY_TAIL = re.compile(r"\s*(?:that\s+|,\s*|:\s*|：\s*|，\s*|了\s*|道\s*)*")
# a line headed by its speaker: "Rick: …", "林总：…", "- Ms Tan (buyer): …"
_LINE_HEAD = re.compile(r"^\s*(?:[-–•*·]\s*)?(?P<who>[^:：\n]{1,30}?)\s*[:：]\s*(?P<words>\S.*)$", re.M)
# the shortest words worth reading: two words of Latin script, or three characters
_LATIN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_CJK = re.compile(r"[\u3400-\u9fff]")
SHARE = 0.5  # a line sharing this much of its words with a filed objection repeats it
LONGEST = 160  # a longer quotation is a document (minutes, a scorecard, a letter), not words said
# a visit older than this tells how things were (as situations.py and openings.py read notes): words only written in
# its note are not what the customer says now
RECENT_DAYS = situations.RECENT_DAYS


@dataclass(frozen=True)
class Heard:
    """Words of the customer read from a visit note: what, who said them, when, how they were found."""

    text: str
    contact: Optional[str]
    date: dt.date
    how: str  # quote / reported / line
    visit: int  # the visit's place in the account's visits (as written)
    answered: bool = False

    @property
    def where(self) -> str:
        """The visit's day (YYYY-MM-DD): objection.heard_in, and the trace's "read from the note of the visit of …"."""
        return self.date.isoformat()


def _long_enough(words: str) -> bool:
    """Speech, not a label or a document: four characters or three words at least, LONGEST characters at most."""
    return (len(_CJK.findall(words)) >= 4 or len(_LATIN_WORD.findall(words.lower())) >= 3) and len(words) <= LONGEST


# where the words said end: a sentence mark, a blank line, or a line break before a new item (a bullet, a number, a
# bracket, a speaker's head) — a note typed in a box breaks its lines inside a sentence ("东厦店早市\n十点开门…")
_END = re.compile(r"[。！？!?]|\.(?=\s|$)|\n\s*\n|\n(?=\s*(?:[-–•*·\d【\[(（]|[^\n:：。.]{1,30}[:：]))")


def _sentence_end(text: str, start: int) -> int:
    m = _END.search(text, start)
    return m.start() if m else len(text)


_BREAK = re.compile(r"\s*\n\s*")


def _joined(words: str) -> str:
    """The words with the note's line breaks taken out: none between two Chinese characters, else a space."""
    return _BREAK.sub(lambda m: "" if m.start() and _CJK.match(words[m.start() - 1]) and m.end() < len(words)
                      and _CJK.match(words[m.end()]) else " ", words).strip()


def _contact_named(words: str, contacts: Sequence[Any]) -> Optional[str]:
    """The contact whose name (or its short form, actors._short) the speaker's words are."""
    low = words.lower().strip()
    for c in contacts:
        if any(low == n or (n and n in low) for n in actors._short(c.name)):
            return c.name
    return None


def spans(note: str, judge: actors.Judge, contacts: Sequence[Any]) -> list[tuple[str, Optional[str], str, int]]:
    """The customer's words in one note: (words, the contact named as speaker or None, how found, where they end)."""
    out: list[tuple[str, Optional[str], str, int]] = []
    taken: list[tuple[int, int]] = []
    low = note.lower()

    def customer(at: int) -> Optional[actors.Actor]:
        who = judge.subject(low, at)
        return who if who.who == actors.CUSTOMER else None

    for m in _QUOTED.finditer(note):
        words = next(g for g in m.groups() if g is not None)
        if not _long_enough(words):
            continue
        who = customer(m.start())
        if who is None:
            continue
        out.append((words.strip(), _contact_named(who.words, contacts) if who.words else None, "quote", m.end()))
        taken.append((m.start(), m.end()))
    for m in _LINE_HEAD.finditer(note):
        if any(s <= m.start("words") < e for s, e in taken):
            continue
        name = _contact_named(m.group("who"), contacts)
        if name is None:
            continue
        end = _sentence_end(note, m.start("words"))
        words = note[m.start("words"):end]
        if _long_enough(words):
            out.append((words.strip(), name, "line", end))
            taken.append((m.start(), end))
    for m in _SAY.finditer(low):
        if _NOT_SAID.search(low[max(0, m.start() - 16):m.start()]):
            continue
        start = _SAY_TAIL.match(low, m.end()).end()
        if any(s <= start < e or s <= m.start() < e for s, e in taken):
            continue
        end = _sentence_end(note, start)
        words = note[start:end]
        if not _long_enough(words):
            continue
        who = customer(m.start())
        if who is None:
            continue
        out.append((words.strip(), _contact_named(who.words, contacts) if who.words else None, "reported", end))
        taken.append((start, end))
    return out


def _shares(words: str, filed: str) -> bool:
    """Do the words repeat a filed objection's (most of their two-character pieces or words in it)?"""
    a, b = words.lower(), filed.lower()
    pieces = {a[i:i + 2] for i in range(len(a) - 1) if _CJK.match(a[i]) and _CJK.match(a[i + 1])}
    pieces |= {w for w in _LATIN_WORD.findall(a) if len(w) >= 4}
    if not pieces:
        return False
    return sum(p in b for p in pieces) / len(pieces) >= SHARE


def _filed(account: Account, words: str, contact: Optional[str], day: dt.date) -> bool:
    """Did the rep already file these words — an objection of the same day and person, or one they repeat; a
    complaint under complaints: from the same person, heard within SAME_COMPLAINT_DAYS of them, or one they repeat
    (one trouble, answered once, as accounts/facts.py reads an objection beside a recorded complaint)?"""
    def near(when: Optional[dt.date]) -> bool:
        return when is not None and abs((when - day).days) <= SAME_COMPLAINT_DAYS

    return (any((o.date == day and (o.contact is None or contact is None or o.contact == contact))
                or _shares(words, o.text) for o in account.objections)
            or any((c.contact is not None and c.contact == contact) or near(c.date) or _shares(words, c.what)
                   for c in account.complaints))


def _in_hand(account: Account, visit, contact: Optional[str]) -> bool:
    """Did we take the matter in hand when we heard it — the visit ended with a step of ours (its next step, not the
    customer's: promises.customer_step), or a promise of ours to that person made that day or since? Then keeping that
    step is the answer, and the promise rules carry it (as liveness.py reads a promise made after an objection)."""
    if visit.next_step and not promises.customer_step(visit.next_step, visit.contact):
        return True
    return any(p.by == "rep" and p.made is not None and p.made >= visit.date and p.to in (contact, None)
               for p in account.promises)


def heard(account: Account, judge: actors.Judge, as_of: dt.date,
          settled: Callable[..., Optional[str]] = lambda *_: None) -> list[Heard]:
    """Every stretch of the customer's words in the notes of the account's visits of the last RECENT_DAYS not already
    filed as an objection. Answered: the same person was seen again since with a positive outcome, or the words are
    recorded settled after them (``settled``: the packs' vocabulary complaint_settled, later in the note or in a later
    visit's note with the same person), or we took it in hand when we heard it (``_in_hand``)."""
    out: list[Heard] = []
    visits = list(enumerate(account.visits))
    for i, v in visits:
        if not v.note or not 0 <= (as_of - v.date).days <= RECENT_DAYS:
            continue
        for words, named, how, end in spans(v.note, judge, account.contacts):
            contact = named or v.contact
            if _filed(account, words, contact, v.date):
                continue
            since = [w for _, w in visits if w.date > v.date and (w.contact == contact or contact is None)]
            answered = (any(w.outcome == "positive" for w in since) or _in_hand(account, v, contact)
                        or any(wordlists.first_unnegated(text, settled) is not None
                               for text in [words, v.note[end:]] + [w.note for w in since if w.note]))
            out.append(Heard(_joined(words), contact, v.date, how, i, answered=answered))
    return out


def _cue_words(e) -> str:
    """The words a cue matched: those of a concept cue ("{goods} ... {fault} → 'deliveries came a week late'"), else
    its phrase (up to a gap)."""
    said = e.phrase.split("→", 1)[1].strip(" '\"") if "→" in e.phrase else e.phrase
    return said.split("...")[0].strip()


def complaint(got) -> bool:
    """Are the words a complaint — the reader's service kind on a service cue of its own, told as something that went
    wrong? The reader learned its kinds from objections only, so it reads any line about a delivery or a repair as
    service, praise too ("the screens work fine, no tickets open", "新批次沒再壞", "交期达成率 98%"): a kind the model
    alone read, or a generic word, is no complaint; nor a cue negated right before it ("no tickets", "沒再壞"), nor
    words that praise with no contrast in them."""
    if "service" not in got.kinds:
        return False
    cues = [e for e in got.evidence if e.kind == "service" and not e.weak and not e.phrase.startswith(("model ", "clause:"))]
    if not cues or any(praises(e.clause) or (_PRAISE.search(e.clause) and not CONTRAST.search(e.clause))
                       for e in cues):
        return False
    return any(not wordlists.negated_before(e.clause, at) for e in cues for at in [e.clause.find(_cue_words(e))]
               if at >= 0)


def ours(got, words: str, judge: actors.Judge, trad: dict) -> bool:
    """Is the failure the complaint tells ours? In the customer's words the one who failed is named before the
    failure's words: "you" (你们, your people) or nobody (the goods, the delivery) is us; the customer itself ("we",
    我们 in their mouth, a contact), a competitor ("the old supplier", a listed rival) or a third party (their courier,
    another customer) failed them, not us — no complaint of ours to answer."""
    if judge.competitor_in(words):
        return False
    low = words.lower()
    simple = low.translate(trad)  # the evidence is in simplified characters; one for one, so the places agree
    for e in got.evidence:
        if e.kind != "service":
            continue
        at = simple.find(_cue_words(e))
        if at < 0:
            continue
        who = judge.actor(low, at, quoted=True, nearest=True)
        if who.who == actors.US or (who.who == actors.CUSTOMER and not who.words):
            return True
    return False


# the reader's kinds that say the supplier fell short: a failure, a doubt that we deliver, what the product lacks
_SHORTFALL = {"service", "trust", "feature"}


def states_real_cause(words: str, got) -> bool:
    """Do the customer's words name the real cause against the one given, and is it our shortfall — "价格是林总嘴上说的；
    其实是7月我们有两次车晚到", "he says price, but really it was the late deliveries" (session 16, issue 22)? One of the
    customer's people telling the rep what is really wrong is the cause the account's work turns on, whoever failed in
    the grammar of the rep's note ("我们" there is the rep's side): ``got`` is already the reading of the words after the
    marker (realcause.py), so its kinds are the real cause's."""
    return wordlists.real_cause_tail(words) is not None and bool(set(got.kinds) & _SHORTFALL)


def file(account: Account, as_of: dt.date, judge: actors.Judge, recogniser, names: Sequence[str],
         demands: Callable[..., bool] = lambda *_: False,
         settled: Callable[..., Optional[str]] = lambda *_: None) -> tuple[Account, list]:
    """The account with the customer's unfiled words of its visit notes filed as objections — a complaint
    (``complaint``), a demand for exclusivity (``demands``: the packs' exclusivity reader, accounts/exclusivity.py)
    or the real cause of a problem told against the one given (``states_real_cause``) — and per new objection: (its
    recognition, the Heard it came from).

    Only those two: a complaint and a territory demand are events the account's work turns on, whoever wrote them
    down; any other remark the rep reports (a price point, a date, who signs) is the context of the note, and the rep
    files the objections he means to answer (filing every reported remark put an objection rule first on 14 seen
    accounts whose coach worked the account's own problem or opening)."""
    if recogniser is None:
        return account, []
    added, read = [], []
    for h in heard(account, judge, as_of, settled):
        got = real_cause(recogniser, h.text, recogniser.recognise(h.text, list(names)), list(names))
        if not got.kinds or got.kinds == [UNCLASSIFIED]:
            continue
        if not (demands(h.text) or (complaint(got) and ours(got, h.text, judge, recogniser.matcher.trad))
                or states_real_cause(h.text, got)):
            continue
        added.append(Objection.model_construct(contact=h.contact, text=h.text, kind=None, date=h.date,
                                               answered=h.answered))
        read.append((got, h))
    if not added:
        return account, []
    return account.model_copy(update={"objections": list(account.objections) + added}), read


def from_notes(account: Account, as_of: dt.date, vocabulary, recogniser,
               usual_customer_type: Optional[str] = None) -> tuple[Account, list]:
    """``file`` with the packs' readings: the account's judge (actors.py), the exclusivity reader — at a dealer or
    distributor only (where a territory is what is sold; an end customer's "we are exclusive with X" speaks of its
    supplier, as exclusivity.py reads notes) — and the words of a complaint settled (vocabulary complaint_settled)."""
    kind = account.customer_type or (None if account.dealer is None else DEALER_TYPES[0]) or usual_customer_type
    demands = exclusivity.reader(vocabulary, True) if kind in DEALER_TYPES else (lambda *_: False)
    return file(account, as_of, actors.judge(account, vocabulary), recogniser, [c.name for c in account.competitors],
                demands, wordlists.finder(vocabulary, "complaint_settled"))

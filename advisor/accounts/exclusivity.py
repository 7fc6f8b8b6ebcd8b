"""Is an objection a dealer's demand for exclusivity, by its words or by the account's? (issue 23, session 5)

A dealer who wants his territory protected says so once and then argues about what follows from it — the price a
neighbour undercuts him by, the pre-book he will not sign: "Owner wants exclusivity for all of Southern Alberta
before he commits" in the notes, "Peak Sports was dumping your shells 30% off into my backyard" as the objection.
The demand is on record even where the objection's own words do not repeat it. ``exclusivity_on_record`` on an
objection fact: the packs' vocabulary ``exclusivity`` (独家, 区域保护, exclusive, sole dealer …) is found in the
objection — or, at a dealer or distributor (where a territory is what is sold), the account's notes or a visit note
of the contact who objected ("we are exclusive with our supplier" in an end customer's notes is about the incumbent,
no demand). What answers it is the packs'
(rules/core/territory.yaml: which term and why, protection tied to targets, cleared with your management).

The demand usually comes with its reason — another dealer of the brand undercutting him in his area ("the Lapu-Lapu
dealer dumped your units below SRP and killed my margin", 窜货): a grievance the reader may file as a service complaint.
``territory_grievance``: a demand on record and the objection's words hold the packs' vocabulary ``channel_conflict``.
It is no complaint about our service to apologise for, but what the territory answer asks about (session 7);
``exclusivity_in_words``: the objection's own words demand it (not only the notes), whatever kind the reader gives them.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from . import wordlists
from .account import Account

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"objection": {
    "exclusivity_on_record": ("bool", "a demand for exclusivity or a protected territory is on record: a word of the "
                                      "packs' vocabulary exclusivity in the objection, or at a dealer in the account's "
                                      "notes or a visit note of the contact who objected (advisor/accounts/exclusivity.py)"),
    "exclusivity_in_words": ("bool", "the objection's own words hold a word of the packs' vocabulary exclusivity "
                                     "(advisor/accounts/exclusivity.py)"),
    "territory_grievance": ("bool", "a demand for exclusivity is on record and the objection's words tell of another "
                                    "dealer undercutting or taking customers in the area (the packs' vocabulary "
                                    "channel_conflict: below SRP, 窜货): the reason for the demand, not a complaint "
                                    "about our service (advisor/accounts/exclusivity.py)"),
    "from_our_customer": ("bool", "the objector's account has bought from us (sales on record, a won deal or "
                                  "opportunity): a threat to turn to another brand is then about us as the incumbent "
                                  "(advisor/accounts/exclusivity.py)"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"objection": {
    "exclusivity_on_record": "记录里有独家或区域保护的要求:异议原话,或经销商客户的备注、提异议者的拜访记录含规则包词表 "
                             "exclusivity 中的词(advisor/accounts/exclusivity.py)",
    "exclusivity_in_words": "异议原话本身含规则包词表 exclusivity 中的词(advisor/accounts/exclusivity.py)",
    "territory_grievance": "记录里有独家要求,且异议原话讲的是别的经销商在本区低价窜货、抢客户(规则包词表 channel_conflict:"
                           "窜货、砸价、below SRP):这是要独家的理由,不是对我们服务的投诉(advisor/accounts/exclusivity.py)",
    "from_our_customer": "提异议的客户向我们买过(有销售记录、赢单或赢下的商机):说要转向别的牌子,指的是我们这个现有供应商"
                         "(advisor/accounts/exclusivity.py)",
}}


# the demand told as its effect on the others (session 11): "stop supplying the other wholesalers", "其他几家批发你们都别给
# 货了", "對其他門市斷貨" — the others, then our supply to them stopped (or the stop first, then the others). A shape, not a
# phrase: the others (other/the rest/anyone else; 其他/别家/其余) and a stopped supply verb in one clause
_OTHERS_ZH = r"(?:其他|其它|别的|別的|别家|別家|其余|其餘|另外几家|另外幾家|别人|別人|同行)"
_STOP_ZH = (r"(?:(?:都|也|就)?(?:别|別|不要|不许|不許|不准|不能|停止|停掉|停|断掉|斷掉|断|斷)(?:再)?"
            r"(?:给货|給貨|供货|供貨|发货|發貨|出货|出貨|给|給|供|卖|賣|货|貨)|(?:断掉|斷掉|停掉|断了|斷了))")
_CUT_OFF = re.compile(_OTHERS_ZH + r"[^。,，;；!?！？]{0,10}?" + _STOP_ZH + "|"
                      r"(?:断|斷|停)(?:掉)?(?:了)?" + _OTHERS_ZH + r"[^。,，;；!?！？]{0,6}?(?:的)?(?:货|貨)|"
                      r"\b(?:stop|stops|stopped|don't|do not|no more|cease|quit|cut off)\s+(?:supplying|supply|selling|"
                      r"sell|shipping|ship|delivering|deliver)(?:ing)?(?:\s+(?:to|into))?\s+(?:any(?:one|body) else|"
                      r"every(?:one|body) else|the others?|other\s+(?:\w+\s+)?(?:dealers?|shops?|stores?|retailers?|"
                      r"wholesalers?|stockists?|resellers?|agents?))")


def _cut_off(*texts: Optional[str]) -> Optional[str]:
    for text in texts:
        got = _CUT_OFF.search((text or "").lower())
        if got:
            return got.group(0)
    return None


def reader(vocabulary: Optional[wordlists.Vocabulary], dealer: bool) -> Callable[..., bool]:
    """``reads(*texts)``: does a text demand exclusivity — a phrase of the packs' vocabulary ``exclusivity`` (独家, sole
    distributor …), or, at a dealer or distributor (where a territory is what is sold), a word making one seller the
    only one (vocabulary exclusivity_sole: only, sole, 只能我们) before a word for a seller of the brand
    (exclusivity_channel: stockist, agent, 一家, 代理) in one clause: "make us the only stockist for the lake district",
    "全市只能我们一家做", "唯一代理" (session 10: a demand in words no phrase list held) — or our supply to the others
    stopped ("其他几家批发你们都别给货了", "stop supplying the other shops in town": session 11). At an end customer, "you are
    the only distributor we use" speaks of its supplier, no demand: the phrases alone count there."""
    phrases = wordlists.finder(vocabulary, "exclusivity")
    find = phrases if not dealer else wordlists.first_of(
        phrases, wordlists.pair_finder(vocabulary, "exclusivity_sole", "exclusivity_channel", window=16, ordered=True,
                                       cjk_window=4), _cut_off)

    def reads(*texts: Optional[str]) -> bool:
        return any(hit is not None and not _described(sentence, hit)
                   for t in texts for sentence in wordlists.SENTENCE.split((t or "").lower())
                   for hit in [find(sentence)])
    return reads


# the words describing someone else's exclusivity, not demanding one (session 15): "Sportmax is the only dealer in town
# carrying Brand Y", "they are exclusive with Asics", "老周那家是本市唯一的代理" — a copula with the exclusive word as its
# complement and no first person anywhere in the sentence ("前提是洛阳市区独家给我" is the demand). The demand names the
# dealer itself ("make us the only stockist", "we want to be the sole dealer", "全市只能我们一家做"); a dealer's statement
# of its own standing ("we are the only dealer in Hue") still counts
_COPULA = re.compile(r"(?<![a-z])(?:is|are|was|were|has been|have been|remains?|became|becomes)\s+"
                     r"(?:now\s+|still\s+|already\s+|also\s+|currently\s+)?(?:(?:the|their|its|an?)\s+)?$"
                     r"|(?:是|係|为|為|成了|成为|成為)[^，,。；;]{0,8}$")
_FIRST_PERSON = re.compile(r"(?<![a-z])(?:we|us|our|i|me|my|i'm|we're)(?![a-z'])|我|咱")


def _described(sentence: str, hit: str) -> bool:
    """Does the sentence describe someone else's exclusivity with the words ``hit`` (see _COPULA)?"""
    first = re.split(r"\s*…\s*", hit)[0]
    at = sentence.find(first)
    if at < 0:
        return False
    return bool(_COPULA.search(sentence[:at])) and not _FIRST_PERSON.search(sentence)


def mark(facts: list[dict], account: Account, reads: Callable[..., bool], dealer: bool, ours: bool,
         reads_conflict: Callable[..., bool] = lambda *texts: False) -> None:
    """Set ``exclusivity_on_record`` and ``from_our_customer`` on every objection fact (in place); ``reads(*texts)`` is
    the packs' exclusivity matcher (wordlists.matcher); ``dealer``: the account is a dealer or distributor; ``ours``: it
    has bought from us (history.bought_from_us) — a dealer of ours who demands exclusivity "or I go to the other
    brand" is read as incumbent by the reader, and is still the demand (rules/core/territory.yaml)."""
    notes = dealer and reads(account.notes)
    for f in facts:
        if f["kind"] == "objection":
            own_visits = [v.note for v in account.visits if dealer and v.contact and v.contact == f.get("contact")]
            f["exclusivity_in_words"] = bool(reads(f.get("quote")))
            f["exclusivity_on_record"] = bool(notes or f["exclusivity_in_words"] or reads(*own_visits))
            # ``reads_conflict``: the packs' channel_conflict matcher — the demand's reason, told as a grievance
            f["territory_grievance"] = f["exclusivity_on_record"] and bool(reads_conflict(f.get("quote")))
            f["from_our_customer"] = ours


ANSWER_TOPIC = "answer"  # terms.TOPICS: an answer the rep owes to a demand (rules/core/territory.yaml declares it)


def mark_promises(facts: list[dict], reads: Callable[..., bool]) -> None:
    """A promise of ours to a person whose demand for exclusivity is on record, and whose own words name that demand
    ("answer Mr. Hung on exclusivity before Tet", "春节前把区域独家的事给黄老板一个准话", "the sole-distributor question
    — after the board"), is the answer to the demand, deferred: whatever verb it is written with, what it owes the
    customer is that answer (session 15, issue 23). It gets the topic ``answer`` (topics.py), so the ranking merges it
    with the rule saying what the answer must be (core.objection.exclusivity-territory: which term, why, tied to
    targets) — the promise's place and date, the answer's content — instead of a bare "go back with what was agreed"
    ranking above a demand it leaves open. ``reads``: the packs' exclusivity matcher (``reader``). After topics.mark."""
    demanding = {f.get("contact") for f in facts if f["kind"] == "objection" and f.get("exclusivity_on_record")
                 and not f.get("answered") and f.get("contact")}
    for f in facts:
        if (f["kind"] == "promise" and f.get("by") == "rep" and f.get("status") == "open"
                and f.get("contact") in demanding and reads(f.get("what"))
                and ANSWER_TOPIC not in (f.get("topics") or ())):
            f["topics"] = list(f.get("topics") or ()) + [ANSWER_TOPIC]

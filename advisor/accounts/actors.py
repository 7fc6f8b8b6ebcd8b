"""Whose words, and which time (issue 22, session 9): who acts in a sentence of the account's text, whether the time
it names is a deferral, and who decides — one judgement every reading of the account's text asks before it takes a
sentence as the customer's opening, event, cause or commitment.

The readings (openings.py, the decline cause, people never met, moved-away, commitments, the learned opening model's
sentences) decide WHAT a sentence says. Three kinds of sentence said the right words and meant something else:

- **Our own plan**: "I reckon we just email the GM the price sheet before Christmas", "我打算下周把报价发过去" — the
  rep's plan, not the customer's event. In the rep's own voice a first person (I, we, our team, 我, 我们, 我方) or a
  subjectless plan for the rep's diary ("计划下周…") is us — and so is what follows a heading of the writer's own plan
  (a call report's "Next steps:", "Recommendation:", a to-do, "next step from my side", "<rep>'s plan:", 下一步:,
  建议:, 待办:) unless the step opens with who else acts ("Next steps: Kari to send the PO") (session 11: four dev
  accounts in four sets quoted the rep's promo, price cut or launch back as the customer's opening).
- **A competitor's move**: "可能B品牌给了点补贴", "another supplier is offering them rebates" — a competitor's subsidy,
  price or offer is a threat, not our opening. A competitor is a name on the account's ``competitors:`` list, a word of
  the packs' vocabulary ``actor_competitor`` ("another supplier", "竞争对手", "友商") or a lettered brand ("B品牌",
  "A牌", "brand X").
- **A deferral**: "最早2027年底再说", "not before Q3 2027", "at the earliest next autumn" — the window opens LATER;
  it never closes now (vocabulary ``time_deferral``; the date after it is the earliest it opens).

Who acts: the first actor named in the stretch of the sentence that holds the words (a stretch ends at a comma, a
sentence mark, a dash or a quote mark; where the stretch names none, the one before it in the sentence — Chinese drops
the subject: "张老板说国庆要备货,准备进50万"). Whose voice: inside quotes ("…", “…”, 「…」, quote … unquote) and after
the customer's word of saying ("he told me", "郑工说", "對方表示") the words are the customer's own, so their "we" is
the customer and their "you" is us; elsewhere a note is the rep's, and its "I" and "we" are us. No actor named: the
account's text speaks of the customer, as every reading assumed before.

Who decides: an action about why the business moves, what to decide or whom to back goes to the decider — the met
contact with the decider role, else the boss (is_boss), else the one who controls the money — never to the gatekeeper
or the first contact listed (``decider``).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional

from . import anchors, promises, wordlists

CUSTOMER, US, COMPETITOR, THIRD_PARTY = "customer", "us", "competitor", "third_party"
# what the trace says of a sentence set aside for its actor (the reading keeps what the customer does)
SET_ASIDE = {US: ("our own plan", "我方自己的打算"), COMPETITOR: ("a competitor's move", "竞争对手的动作"),
             THIRD_PARTY: ("a third party's move", "第三方的动作")}
# a window deferred to open beyond this many days is no work now: the account's planning horizon (two quarters)
HORIZON_DAYS = 180

# a stretch ends at a clause mark (wordlists.CLAUSE), a dash or a quote mark: "我问他怎么看——"可能B品牌给了点补贴""
# a dictated quote: "he told me straight out quote … unquote" — "quote" only after a word of saying ("send the quote"
# is a price quote, not a quotation)
_DICTATED = r"(?<![a-z])(?:said|says|told (?:me|us)(?: straight out| straight)?|put it|in (?:his|her|their) words)[,:]?\s+quote(?![a-z])"
_STRETCH = re.compile(wordlists.CLAUSE.pattern + r"|——|—|--|[\"“”「」『』‘’]|" + _DICTATED + r"|(?<![a-z])unquote(?![a-z])")
_OPEN_QUOTE = re.compile(r"[“「『‘]|" + _DICTATED)
_CLOSE_QUOTE = re.compile(r"[”」』’]|(?<![a-z])unquote(?![a-z])")

# the grammar of who: closed classes of words, the same in every trade (the trade's names come from the account)
_FIRST_EN = r"i|we|i'll|we'll|i'd|we'd|i'm|we're|i've|we've|our team|my team|our side|our company|our|my"
_FIRST_ZH = r"我们|我們|我哋|咱们|咱們|我方|我司|本公司|我(?![国國])"
_SECOND_EN = r"you|you'll|you're|your|your team|your company"
_SECOND_ZH = r"你们|你們|你哋|贵司|貴司|贵公司|貴公司|你(?!好)|您"
_THIRD_EN = (r"they|they'll|they're|they've|he|he'll|he's|she|she'll|she's|their|his|her|the customer|the client|"
             r"customer|client|the company|the board|their board|management|the owner|the buyer|the gm|the ceo|"
             r"the boss")
_THIRD_ZH = (r"他们|他們|佢哋|他(?!人)|她|佢|客户|客戶|对方|對方|老板|老闆|老總|老总|董事会|董事會|厂里|廠裡|院方|校方|甲方")
# titles a note writes after a surname ("马老板", "王总"): the surname and the title name one person
_TITLES_ZH = frozenset({"老板", "老闆", "老总", "老總"})
# another customer, a neighbour: someone who is neither the customer, its world, nor a competitor
_OTHER = (r"another customer|other customers|a neighbouring|their neighbour|another dealer|another hospital|"
          r"another plant|别的客户|別的客戶|其他客户|其他客戶|另一家客户|另一家客戶|隔壁|"
          # the customer's own peers — a company in its trade ("他们的同行在裁员", "同業大廠被收購"), not the customer
          r"(?:他们|他們|客户|客戶)的同(?:行|业|業)|同行(?!厂家|廠家)|同业|同業|另一家(?:医院|醫院|工厂|工廠|厂|廠)")
# the customer's person we deal with, written with our possessive ("our contact Mr Singh", "Our champion at the council",
# "我们对接的孙主任", "我們的窗口陳工"): the customer's side, not ours
_THEIRS_EN = (r"our (?:main |key |long-time |long-standing |usual |day-to-day |internal |old )?(?:contact|contacts|"
              r"champion|sponsor|counterpart|buyer|coach|ally)")
_THEIRS_ZH = r"我们的窗口|我們的窗口|我们的对接人|我們的對接人|我们对接的|我們對接的|对接我们的|對接我們的|我们在客户的|我們在客戶的"
# a lettered or unnamed brand: "B品牌", "A牌", "brand x", "另一个品牌", "other brand"
_BRAND = re.compile(r"(?<![a-z0-9])[a-z](?:品牌|牌子|牌)|(?<![a-z])brand [a-z](?![a-z])|另一个品牌|另一個品牌|其他品牌|"
                    r"别的品牌|別的品牌|(?<![a-z])(?:another|other|a rival) brand(?![a-z])")
# the customer saying it: what follows is the customer's voice ("he told me", "郑工说", "對方表示")
_SAYS = re.compile(r"(?<![a-z])(?:said|says|say|told me|told us|tells me|mentioned|explained|confirmed|reckons|"
                   r"asked)(?![a-z])|说|說|讲|講|表示|提到|告诉|告訴|话|話|透露|称|稱")
# a subjectless plan for the rep's diary: "计划下周发报价", "打算明天过去", "planning to call next week"
_DIARY = (r"(?:下周|下週|下星期|下礼拜|下禮拜|明天|后天|後天|这周|這週|本周|本週|明早|next week|tomorrow|this week|"
          r"monday|tuesday|wednesday|thursday|friday)")
_OUR_PLAN = re.compile(r"^\s*(?:先|再|就|也)?(?:计划|計劃|打算|准备|準備|安排)\s*" + _DIARY +
                       r"|^\s*(?:plan(?:ning)? to|going to|will|need to)\b[^.;,]{0,30}" + _DIARY)
# a heading of the writer's own plan: a call report's "Next steps:", a to-do, a recommendation, "next step from my
# side", "<rep>'s plan:", 下一步: 建议: 待办: — what follows is our side's plan unless it opens with who else acts
# ("Next steps: Kari to send the PO") (a label, not a verb of the customer's: "their plan:" names them first)
_LABEL_EN = (r"(?:(?:my|our)\s+)?(?:(?:proposed|suggested|planned|recommended)\s+)?(?:next\s+steps?|next\s+actions?|action\s+items?|actions?|to-?dos?|recommendations?|"
             r"follow[- ]?ups?|plan|ideas?|thoughts?|suggestions?|proposals?)")
# session 11 (fit2): the heading may name its owner — our rep by role ("RM's plan", "the rep's idea", 业务员的打算, 销售的建议)
# — and say when or where after the noun ("Sam's idea for this week:", "Rep's plan on the form for January:"); a to-do box
# ("☐ …") is a heading too, and "(my idea)" written after a sentence makes all of it ours
_OUR_ROLE_EN = r"my|our|the rep's|rep's|rm's|the rm's|kam's|am's|salesperson's|sales"
_PLAN_NOUN_EN = r"plans?|ideas?|thoughts?|suggestions?|proposals?"
_LABEL_WHEN = r"(?:\s+(?:for|after|on|in|from)\s[^:：.;。；\n\"“”]{0,28}?)?"
_OUR_ROLE_ZH = r"我|我们|我們|我方|业务员|業務員|业务|業務|销售|銷售|客户经理|客戶經理|业务经理|業務經理"
_PLAN_NOUN_ZH = r"计划|計劃|打算|想法|主意|建议|建議|安排|思路"
_MY_IDEA = re.compile(r"[(（]\s*(?:my|our) (?:idea|plan|suggestion)\s*[)）]|[(（]\s*(?:我|我们|我們)的?(?:想法|主意|打算)\s*[)）]")
# … and the field or card that holds it, saying what it holds ("Next step field reads:", "下一步写着:", "建议栏填的是:"): the
# same heading of our plan (session 16: a CRM card's "下一步写着:" — our rep's own price cut — was read as the customer's
# deadline)
_LABEL_SAYS = (r"(?:\s+(?:field|box|column|entry))?(?:\s+(?:reads|read|says|said))?"
               r"(?:\s*(?:一栏|一欄|栏|欄))?(?:\s*(?:写着|寫著|写的是|寫的是|填的是|填着|填著|是))?")
_OUR_LABEL = re.compile(r"^\s*(?:" + _LABEL_EN + r")\s+(?:from|on)\s+(?:my|our)\s+(?:side|end)\s*[:：\-–—]?"
                        r"|^\s*(?:[-–•*·]\s*)?(?:(?:" + _OUR_ROLE_EN + r")\s+(?:" + _PLAN_NOUN_EN + r")|(?:(?:proposed|suggested|planned|recommended)\s+)?next\s+steps?|"
                        r"next\s+actions?|action\s+items?|actions?|to-?dos?|"
                        r"recommendations?|follow[- ]?ups?)" + _LABEL_WHEN + _LABEL_SAYS + r"\s*[:：]"
                        r"|^\s*(?:" + _OUR_ROLE_ZH + r")\s*的?\s*(?:" + _PLAN_NOUN_ZH + r")[^:：。；\n]{0,8}?[:：]"
                        r"|^\s*(?:[☐□]|\[ \])\s*"
                        r"|^\s*(?:下一步|下步|下一步计划|下一步計劃|我的计划|我的計劃|我方计划|我方計劃|我的打算|待办|待辦|"
                        r"待办事项|待辦事項|建议|建議|跟进计划|跟進計劃|行动计划|行動計劃)" + _LABEL_SAYS + r"\s*[:：]")
# a word of the future or of intent before the words: our side's plan, not a deed done ("I'll get it signed")
_FUTURE = re.compile(r"(?<![a-z])(?:will|going to|plan to|planning to|intend to|hope to|try to|aim to)(?![a-z])|'ll(?![a-z])|"
                     r"打算|准备|準備|计划|計劃|争取|爭取|希望|想(?:要|让|讓)|会让|會讓|要让|要讓|下周|下週|下个月|下個月")
# a name right after a preposition or a verb is its object, not the subject: "跟老板聊了一个小时", "met the GM", "给他",
# "told them" — the one who acts is named elsewhere, or dropped (the rep's own note)
_OBJECT_BEFORE = re.compile(r"(?:跟|与|與|给|給|向|(?<![绝絕针針相面])对|(?<![绝絕针針相面])對|找|陪|把|替|帮|幫|拜访|拜訪|(?<![大])约|(?<![大])約|告诉|告訴)\s*$"
                            r"|(?<![a-z])(?:with|to|for|from|at|about|met|meet|meeting|called|call|ring|rang|phone|phoned|visited|visit|emailed|"
                            r"email|saw|see|told|tell|asked|ask|showed|show|gave|give|sent|send|invite|invited|inviting|"
                            r"bring|take|thank|remind|offer|offered|get|push|persuade|convince|treat|urge|chase)\s+$"
                            r"|(?:邀请|邀請|宴请|宴請|请|請|(?<![转轉])让|(?<![转轉])讓|催|劝|勸|说服|說服)\s*$")
# a verb of our sending or giving right before a customer's person ("write to Nodira with the 3% increase",
# "把全系列出厂价表发给阿迪力"): in a sentence that names no subject at all, that is the note-writer's own to-do — a
# rep's diary line, never the customer's plan (session 12: both were read as the customer's new project and deadline)
_GIVING_BEFORE = re.compile(r"(?<![a-z])(?<!a )(?<!an )(?<!the )(?<!his )(?<!her )(?<!their )(?<!my )(?<!our )"
                            r"(?:write|send|e-?mail|mail|give|offer|quote|phone|ring|whatsapp|text)\s+"
                            r"(?:(?:[\w%.,-]+\s+){0,4}?to\s+)?$"
                            r"|(?:发给|發給|寄给|寄給|交给|交給|送给|送給|报给|報給|传给|傳給|打给|打給|回复|回覆)\s*$"
                            # … or of our inviting them, or getting them to act ("想請林小姐吃飯", "想让孙主任提前下单",
                            # "invite Ann to dinner", "get Ann to pull the order forward"): the writer's own to-do (session 14)
                            r"|(?<![a-z])(?:invite|treat|take|get|push|persuade|convince)\s+$"
                            r"|(?:邀请|邀請|宴请|宴請|(?<![申])请|(?<![申])請|(?<![转轉])让|(?<![转轉])讓|劝|勸|说服|說服|催)\s*$")
# names joined to an object by "and" are objects too: "invite Hannah and Amir", "请王总和李工" (session 11)
# the customer as the one a thing is done for, right before the verb of doing it ("给他送一批陈列道具", "帮他们做个促销",
# "給對方寄樣品"): in a sentence that names no subject, the note-writer's own to-do, as _GIVING_BEFORE (session 13: a
# rep's plan to send a dealer display props was read as the dealer's own plan, the props ranked in its top five)
_FOR_THEM_BEFORE = re.compile(r"(?:给|給|替|帮|幫)\s*$")
_FOR_THEM_VERB = re.compile(r"\s*(?:送|打|发|發|寄|带|帶|做|搞|办|辦|备|備|报|報|申请|申請|争取|爭取|安排|准备|準備|补|補)")
# … and in English the one a thing is given to as a pronoun right after the verb ("send them the new stands", "give
# him a better price"): with no subject named, the writer's own to-do
_GIVE_THEM = re.compile(r"(?<![a-z])(?:send|give|bring|offer|ship|mail|e-?mail|quote|lend|hand)\s+(?:him|her|them)\b")
_AND_OBJECT = re.compile(r"\s*(?:and|&|,|，|、|和|与|與|及)\s*$")
_CLOSERS = set('”」』’"')
# what a sentence cut at a sentence mark may open with that still belongs to the one before: a closing quote, spaces
_LEADING = set(' \t"”」』’\'')
# words before the subject that do not name an actor: "I reckon", "maybe", "可能", "so"
_LEAD_IN = re.compile(r"^\s*(?:so|then|and|but|maybe|perhaps|probably|just|also|可能|也许|也許|或许|或許|大概|"
                      r"好像|据说|據說|听说|聽說|估计|估計|然后|然後|所以|但是|不过|不過)\s*")


def _names_alt(names: Iterable[str]) -> list[str]:
    """The regex alternatives for names (lower-case): a Chinese name as written, a Latin one as a whole word."""
    out = []
    for n in sorted({n for n in names if n}, key=len, reverse=True):
        out.append(re.escape(n) if wordlists._CJK.search(n) else r"(?<![a-z0-9])" + re.escape(n) + r"(?![a-z0-9])")
    return out


def _words(en: str, zh: str) -> str:
    return r"(?<![a-z'])(?:" + en + r")(?![a-z'])|" + zh


@dataclass(frozen=True)
class Cast:
    """The account's people and rivals, as the actor judgement names them (``cast``): its contacts and its own name
    (the customer), our rep (us), its competitors (the ``competitors:`` list, the packs' ``actor_competitor`` words)."""

    customer: tuple[str, ...] = ()
    us: tuple[str, ...] = ()
    competitors: tuple[str, ...] = ()
    competitor_words: Callable[..., Optional[str]] = lambda *_: None
    signature: Optional[re.Pattern] = None  # our rep signing an aside ("… - DC]", "—— 马】"): see _signature
    # our own sales target for a period ("冲Q1", "季度任务还差", "my quota", "hit our quarter"): vocabulary actor_our_target
    our_target: Callable[..., Optional[str]] = lambda *_: None
    # our side opening an aside that runs over several sentences ("[Bao 18 Jan: …", "【张文博备注 1/18:…"): see aside()
    aside_head: Optional[re.Pattern] = None
    _pattern: Any = field(default=None, compare=False)

    def pattern(self) -> re.Pattern:
        """One pattern, its named groups the actors: the earliest match in a stretch is its subject."""
        if self._pattern is None:
            parts = [("competitor", _names_alt(self.competitors) + [_BRAND.pattern]),
                     ("other", [_OTHER]),
                     ("theirs", [_words(_THEIRS_EN, _THEIRS_ZH)]),
                     ("us", _names_alt(self.us) + [_words(_FIRST_EN, _FIRST_ZH)]),
                     ("you", [_words(_SECOND_EN, _SECOND_ZH)]),
                     ("customer", _names_alt(self.customer) + [_words(_THIRD_EN, _THIRD_ZH)])]
            object.__setattr__(self, "_pattern", re.compile("|".join(f"(?P<{g}>{'|'.join(alts)})"
                                                                     for g, alts in parts if alts)))
        return self._pattern


_HONORIFIC = re.compile(r"^(?:(?:mr|mrs|ms|miss|mx|dr|prof|sir|madam|mme|mlle|herr|frau|ing|ir|eng|engr|hon)\.?\s+)+")


def _short(name: str) -> list[str]:
    """A name and how notes shorten it: what stands before a bracket or a comma ("陈伟(西南区经理)" → "陈伟"), an English
    first name of three letters or more ("Hamish Cole" → "hamish"), a Chinese surname with its title ("张建国" →
    "张老板" is left to the titles: too many readings)."""
    base = re.split(r"[(（,，]", name)[0].strip().lower()
    out = [base] if base else []
    # notes drop the honorific a contact is filed under ("Mr. Peter Njoroge" is "Peter Njoroge has left"): the name
    # without it, and its first name, are read too
    bare = _HONORIFIC.sub("", base)
    if bare != base and bare:
        out.append(bare)
        base = bare
    first = base.split()[0] if base.split() else ""
    if first != base and first.isascii() and first.isalpha() and len(first) >= 3:
        out.append(first)
    return out


def _signature(owner: str) -> Optional[re.Pattern]:
    """How our rep signs an aside in the customer's document or a note ("[… I'll go back with a 5% rebate - DC]",
    "【…下次二期直接降5个点 —— 马】", "— KT"): a dash, then the rep's initials, first or last name, or (Chinese) the
    surname or the whole name, at the end of the sentence before any closing bracket. A signed sentence is the rep's
    own words, whatever it says the customer will do (session 12: three v14 asides were read as the customer's)."""
    base = _HONORIFIC.sub("", re.split(r"[(（,，]", owner)[0].strip().lower())
    if not base:
        return None
    if wordlists._CJK.search(base):
        forms = {base, base[0]} | ({base[1:]} if len(base) >= 3 else set())
    else:
        words = [w for w in re.split(r"[\s.]+", base) if w.isalpha()]
        if not words:
            return None
        forms = set(words) | {" ".join(words)}
        if len(words) >= 2:
            forms |= {"".join(w[0] for w in words), ".".join(w[0] for w in words) + "."}
    alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(r"(?:^|\s)(?:-{1,2}|[–—~]{1,2})\s*(?:" + alts + r")(?![a-z])\s*[\]】)）」』\"”']*\s*[.。]?\s*$")


def _given(name: str) -> list[str]:
    """How a colleague is called in our own notes: a Chinese name of three characters or more by its given name, the
    surname dropped ("隋丽娜" → "丽娜备注:", "欧阳明华" → "明华") — as ``_signature`` reads a signed aside."""
    base = _HONORIFIC.sub("", re.split(r"[(（,，]", name)[0].strip().lower())
    if not wordlists._CJK.search(base) or len(base) < 3:
        return []
    return [base[1:]] + ([base[2:]] if len(base) >= 4 else [])


def cast(account: Any, vocabulary: Optional[wordlists.Vocabulary] = None) -> Cast:
    """The account's cast: its contacts and its name, our rep (as written, and a Chinese rep by the given name our
    notes use), its competitors (see Cast)."""
    customer = [n for c in account.contacts for n in _short(c.name)] + _short(account.name or "")
    us = _short(getattr(account, "owner", None) or "") + _given(getattr(account, "owner", None) or "")
    rivals = [n for c in account.competitors for n in _short(c.name)]
    # a competitor written as a generic name ("进口 IVC 品牌 (代理)"): its words also stand for it without the spaces
    rivals += [n.replace(" ", "") for n in rivals if wordlists._CJK.search(n) and " " in n]
    owner = getattr(account, "owner", None) or ""
    return Cast(tuple(customer), tuple(us), tuple(rivals), wordlists.finder(vocabulary, "actor_competitor"),
                _signature(owner), wordlists.finder(vocabulary, "actor_our_target"), _aside_head(owner))


@dataclass(frozen=True)
class Actor:
    """Who acts (CUSTOMER, US, COMPETITOR, THIRD_PARTY) and the words that name them ("" where none is named)."""

    who: str
    words: str = ""

    @property
    def customers(self) -> bool:
        return self.who == CUSTOMER

    def note(self) -> str:
        """For the trace: "our own plan (\"i reckon we\")"."""
        return f"{SET_ASIDE[self.who][0]} ({self.words!r})" if self.who in SET_ASIDE else "the customer"


def quoting(before: str) -> bool:
    """Does a quote opened in the text before a sentence run on into it? (a dictated note: "quote we're putting in a
    new line … the board signed off the capex. We need graders by August unquote")"""
    low = before.lower()
    opened = max((m.end() for m in _OPEN_QUOTE.finditer(low)), default=-1)
    closed = max((m.end() for m in _CLOSE_QUOTE.finditer(low)), default=-1)
    return opened > closed or low.count('"') % 2 == 1


def _voice(text: str, inside: bool = False) -> list[bool]:
    """Per character: is it the customer's own voice — inside quotes (``inside``: a quote opened before the text runs
    on into it)?"""
    out = [False] * len(text)
    straight = False
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == '"':
            straight = not straight
        elif _CLOSE_QUOTE.match(text, i):
            inside = False
        elif _OPEN_QUOTE.match(text, i):
            inside = True
        out[i] = inside or straight
        i += 1
    return out


def actor(sentence: str, at: int, who: Cast, quoted: bool = False, nearest: bool = False,
          aside: Optional[str] = None) -> Actor:
    """Who acts in ``sentence`` where the words at ``at`` stand (see the module doc); ``quoted``: the sentence starts
    inside the customer's quote (``quoting``); ``aside``: the sentence stands in an aside of our side opened before it
    (``aside``: its heading) — where it names nobody else acting, the deed is ours. ``nearest``: the subject of a verb at ``at`` — the actor named last
    before it in its stretch, not first ("何总监想把锅底交给我们 要求改两版 我答应…" is 我; "质量经理和老板我们都没见过" is 我们;
    "Ruth never met our competitor" is Ruth), for readings of a verb where notes run clauses on without marks."""
    low = sentence.lower()
    at = max(0, min(at, len(low)))
    mine = _MY_IDEA.search(low)
    if mine:
        return Actor(US, mine.group(0))  # "… (my idea)": the writer marks the whole sentence as their own plan
    signed = who.signature.search(low) if who.signature is not None else None
    if signed:
        return Actor(US, signed.group(0).strip())  # "… - DC]": our rep signed the aside — their words, not the customer's
    heading = _speaker(who.us).match(low) or _TASK_LINE.match(low) or _REVIEW_LINE.match(low)
    voice = [False] * len(low) if heading else _voice(low, quoted)  # under our heading even the quotes are ours
    pattern = who.pattern()
    # the stretches up to the words, nearest last
    bounds = [0] + [m.end() for m in _STRETCH.finditer(low) if m.end() <= at]
    said = False  # the customer's word of saying before: its voice from there on
    labelled = False  # a heading of our own plan opened the sentence (_OUR_LABEL)
    decided: Optional[Actor] = None
    for start, end in zip(bounds, bounds[1:] + [max(at, bounds[-1]) + 1]):
        stretch = low[start:end]
        if start and low[start - 1] in _CLOSERS and not voice[min(start, len(voice) - 1)]:
            said = False  # the quote the customer's word of saying opened has closed: the note's own voice again
        lead = _LEAD_IN.match(stretch)
        body_at = start + (lead.end() if lead else 0)
        theirs_here = said or voice[min(body_at, len(voice) - 1)] if voice else False
        if _OUR_PLAN.match(low, body_at) and not theirs_here:
            decided = Actor(US, _OUR_PLAN.match(low, body_at).group(0).strip())
            continue
        label = _label(low, body_at, who) if not theirs_here else None
        if label is not None:
            # a heading of our own plan: ours from here on, unless a stretch opens with who else acts
            decided, labelled = Actor(US, label.group(0).strip(" :：-–—")), True
            start = body_at = label.end()
            while body_at < end and low[body_at] in _LEADING:
                body_at += 1
            stretch = low[start:end]
        competitor = who.competitor_words(stretch)
        if competitor and labelled and stretch.find(competitor) > body_at - start + 1:
            competitor = None  # "Recommendation: bid under the incumbent" is still our plan
        found = None
        object_end = -1
        for m in pattern.finditer(low, start, end):
            # a title after a surname is the one name ("给马老板压一批", "跟王总聊了"): the verb before the surname
            surname = m.group(0) in _TITLES_ZH and m.start() > start and wordlists._CJK.match(low, m.start() - 1)
            if _OBJECT_BEFORE.search(low[max(start, m.start() - 8):m.start()]) or (
                    surname and _OBJECT_BEFORE.search(low[max(start, m.start() - 9):m.start() - 1])) or (
                    object_end >= 0 and _AND_OBJECT.match(low, object_end, m.start())):
                object_end = m.end()
                continue  # an object ("跟老板聊了", "met the GM", "invite Hannah and Amir"), not who acts
            if labelled and low[body_at:m.start()].strip(" \t\"'”」』’"):
                continue  # under our plan's heading only the stretch's subject is someone else ("… so Brian can bid")
            found = m
            if not nearest:
                break
        rival_at = (stretch.rfind(competitor) if nearest else stretch.find(competitor)) if competitor else -1
        if competitor and (found is None or (rival_at > found.start() - start if nearest
                                             else rival_at < found.start() - start)):
            decided = Actor(COMPETITOR, competitor)
            continue
        if found is None:
            continue  # no actor named: the stretch before speaks on (the subject dropped)
        group = found.lastgroup
        theirs = said or voice[found.start()]
        if group == "us":
            decided = Actor(CUSTOMER, found.group(0)) if theirs and found.group(0) not in who.us else \
                Actor(US, found.group(0))
        elif group == "you":
            decided = Actor(US, found.group(0)) if theirs else Actor(CUSTOMER, found.group(0))
        elif group == "competitor":
            decided = Actor(COMPETITOR, found.group(0))
        elif group == "other":
            decided = Actor(THIRD_PARTY, found.group(0))
        else:
            decided = Actor(CUSTOMER, found.group(0))
            if _SAYS.search(low, found.end(), min(end, found.end() + 16)):
                said = True  # "郑工说…", "he told me …": the customer speaks from here
    if decided is None:
        # no subject up to the words: the first person the sentence names, if it is the customer's after a verb of our
        # giving, makes the sentence our own to-do
        first = next(pattern.finditer(low), None)
        if first is not None and first.lastgroup in ("customer", "theirs") and (
                _GIVING_BEFORE.search(low[max(0, first.start() - 40):first.start()]) or (
                    _FOR_THEM_BEFORE.search(low[max(0, first.start() - 4):first.start()]) and
                    _FOR_THEM_VERB.match(low, first.end()))):
            return Actor(US, first.group(0))
        given = _GIVE_THEM.search(low, 0, max(at, 1) + 12)
        if first is None and given is not None:
            return Actor(US, given.group(0))
    if decided is None and not quoted:
        # no actor named, and the sentence speaks of our own target for a period ("季末冲量,先把二批货压过去", "need this
        # in before our quarter closes"): our push — our quarter or year end is never a reason the customer acts
        target = who.our_target(low)
        if target:
            return Actor(US, target)
    if decided is None and aside:
        return Actor(US, aside)  # "[Bao 18 Jan: … Proposal: accept 6% cut.]": our aside's plan, nobody else named
    return decided or (Actor(US, heading.group(0).strip()) if heading else Actor(CUSTOMER))


def _label(low: str, at: int, who: Cast) -> Optional[re.Match]:
    """A heading of our own plan at ``at`` (``_OUR_LABEL``), or our rep's name with it ("Wanjiru's plan:", "陈伟的计划:").
    Matched to the label's own end: the words read may stand inside it ("next step from my side launch …")."""
    m = _OUR_LABEL.match(low, at)
    return m if m is not None or not who.us else _rep_label(who.us).match(low, at)


# a line of the CRM's activity log that creates or recalls a task — "2027-03-17 09:31  Task created: …", "任务创建(来自AI
# 待办):…", "任務建立:…", "Reminder: …" — or a call summary's next step the assistant identified ("识别到的下一步:…",
# "Suggested next steps: …"): a to-do of our side (the rep's, a manager's or the assistant's), whatever it names; the customer's own deed in it ("Task created: Ann to send the PO") still names who else acts (session 14: three
# v16 task lines — a discount offer, our engineer's repair, our AI's to-do — were read as the customer's windows)
_TASK_LINE = re.compile(r"^\s*(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*[-–—|·]?\s*)?"
                        r"(?:(?:new\s+)?task(?:\s+(?:created|added|assigned|reminder|due))?|reminder|follow-?up\s+task|"
                        r"(?:ai\s+)?(?:identified|suggested|recommended)\s+next\s+steps?|next\s+steps?\s+(?:identified|suggested)|"
                        r"任务创建|任務建立|任务建立|新建任务|新建任務|创建任务|建立任務|任务提醒|任務提醒|待办提醒|待辦提醒|"
                        r"识别到的下一步|識別到的下一步|识别的下一步|識別的下一步|建议的下一步|建議的下一步|ai\s*(?:建议|建議|待办|待辦))"
                        r"(?:\s*[(（][^)）:：]{0,24}[)）])?\s*[:：]")

# who writes the line, at its head: our side's role or our rep's name, a name or an office in brackets, a date, then
# a colon ("Rep (Owain), 17 Dec:", "销售陈雅婷 12月16日:", "KAM note 3 Mar:", "业务经理批示(蔡经理,2027-01-05):"). The words
# after it — quoted or not — are our side's own, unless a stretch names who else acts (session 13: a rep's "ring Rhian
# before Christmas" was read as the customer's window closing)
_SPEAKER_ROLE = (r"(?:our\s+)?(?:sales\s*)?rep|salesperson|account\s+manager|kam|rm|sales(?:\s+manager)?|"
                 r"销售|銷售|业务员|業務員|业务经理|業務經理|客户经理|客戶經理|销售经理|銷售經理|业务|業務")
_POSSESSIVE = r"(?:'s|’s|的)?"
_SPEAKER_TAIL = r"(?:\s*(?:note|notes|comment|批示|备注|備註|记录|記錄))?(?:\s*[(（][^)）:：]{0,24}[)）])?[^:：\"“”「」。.;；\n]{0,16}?[:：]"


@functools.lru_cache(maxsize=256)
def _speaker(us: tuple[str, ...]) -> re.Pattern:
    names = _names_alt(us)
    # … the name or role possessive too ("Carys's note underneath:", "rep's comment:", "陈伟的备注:": session 16 — a
    # colleague's quoted to-do under such a line was read as the customer's own window)
    return re.compile(r"^\s*(?:" + _SPEAKER_ROLE + r")(?:\s*(?:" + "|".join(names) + r"))?" + _POSSESSIVE + _SPEAKER_TAIL
                      + (r"|^\s*(?:" + "|".join(names) + r")" + _POSSESSIVE + _SPEAKER_TAIL if names else ""))


@functools.lru_cache(maxsize=256)
def _rep_label(us: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\s*(?:" + "|".join(_names_alt(us)) + r")(?:'s|’s|的)\s*(?:" + _LABEL_EN +
                      r"|计划|計劃|打算|下一步|想法|主意|建议|建議)" + _LABEL_WHEN + r"\s*[:：]")


# a line of our side's own internal meeting — a forecast or pipeline review, a sales meeting, a manager's annotation:
# "Forecast review (6 Jan): …", "预测会点评(2027-01-06):张强:…", "周会记录:…" — what is said there is our side's view of
# the account, quotes included ("我标了流失风险" is our rep flagging a risk, not the customer cutting a forecast; session
# 15: v12's forecast-review line was read as the customer cutting what it buys)
_REVIEW_LINE = re.compile(r"^\s*(?:(?:our|internal)\s+)?(?:forecast|pipeline|deal|sales|weekly|internal)\s+"
                          r"(?:review|meeting|call|huddle)(?:\s+notes?)?(?:\s*[(（][^)）:：]{0,24}[)）])?"
                          r"[^:：\n\"“]{0,16}?[:：]"
                          r"|^\s*(?:预测会|預測會|周会|週會|例会|例會|销售会|銷售會|销售例会|銷售例會|复盘会|復盤會|内部复盘|內部復盤|"
                          r"商机评审|商機評審|经理批注|經理批註|经理批示|經理批示)[^:：\n\"“]{0,16}?[:：]")

# an aside of our side that runs over several sentences: a bracket opened by our rep's name or our sales role and a
# colon ("[Bao 18 Jan: Hung never answered. Proposal: accept 6% cut.]", "【张文博备注 1/18:Q1任务还差40%。想年前再压一批…】"),
# until it closes; or a heading line between bars that names our side ("--- 销售经理批注(何经理) ---", "=== 复盘 — 丁伟
# ===", "--- KAM notes ---"), until a blank line or the next heading. Inside, a sentence naming nobody else acting is
# ours: our price cut, our stock push, our proposal — never the customer's opening or forecast (session 15: four v17
# asides of the rep or the sales manager were quoted back as the customer's expansion, window or forecast cut)
_BAR_HEADING = re.compile(r"(?:^|\n)[ \t]*(?P<bar>-{3,}|={3,}|\*{3,}|#{2,})[ \t]*(?P<title>[^\n]*?)[ \t]*(?P=bar)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_OUR_SIDE = re.compile(r"(?<![a-z])(?:" + _SPEAKER_ROLE + r"|our|internal|my)(?![a-z])|" + _OUR_ROLE_ZH +
                       r"|批注|批註|批示|内部|內部|复盘|復盤|预测会|預測會")


def _owner_words(owner: str) -> list[str]:
    """Every way our notes call our rep at the head of an aside: the name, each word of a Latin name (a Vietnamese or
    Chinese given name stands last: "Pham Quoc Bao" writes "[Bao 18 Jan: …]"), a Chinese name's given name."""
    base = _HONORIFIC.sub("", re.split(r"[(（,，]", owner)[0].strip().lower())
    if not base:
        return []
    words = [] if wordlists._CJK.search(base) else [w for w in re.split(r"[\s.]+", base) if len(w) >= 3 and w.isalpha()]
    return [base] + words + _given(owner)


def _aside_head(owner: str) -> re.Pattern:
    names = _names_alt(_owner_words(owner))
    return re.compile(r"\s*(?:(?<![a-z])(?:" + _SPEAKER_ROLE + r")(?![a-z])" + ("|" + "|".join(names) if names else "") +
                      r")[^:：\]】\n\"“]{0,24}?[:：]")


def aside(before: str, who: Cast) -> Optional[str]:
    """The heading of an aside of our side (see _BAR_HEADING's comment) that the text ``before`` a sentence opened
    and has not closed, or None."""
    low = before.lower()
    opened = max(low.rfind("["), low.rfind("【"))
    if opened >= 0 and max(low.rfind("]"), low.rfind("】")) < opened and who.aside_head is not None:
        head = who.aside_head.match(low, opened + 1)
        if head:
            return head.group(0).strip(" :：")
    bars = list(_BAR_HEADING.finditer(low))
    if bars and not _BLANK_LINE.search(low, bars[-1].end()):
        title = bars[-1].group("title")
        if _OUR_SIDE.search(title) or (who.aside_head is not None and who.aside_head.search(title + ":")):
            return title.strip()
    return None



@dataclass(frozen=True)
class Deferral:
    """A window said to open later: the words ("最早 … 再说", "not before") and the earliest day it opens (None
    where no date is written with it)."""

    words: str
    opens: Optional[dt.date]

    def beyond(self, as_of: dt.date, horizon: int = HORIZON_DAYS) -> bool:
        """Does it open beyond the account's horizon? Undated: it opens at no time anyone said — beyond."""
        return self.opens is None or (self.opens - as_of).days > horizon

    def note(self) -> str:
        """For the trace: "deferred: at the earliest 2027-12"."""
        when = self.opens.strftime("%Y-%m") if self.opens else "no date said"
        return f"deferred: at the earliest {when} ({self.words!r})"


# in use for a span of time already: "运行 一年", "用了三年", "已经运行", "running for two years", "in use since 2022"
_SPAN = r"(?:半|一|两|兩|二|三|四|五|六|七|八|九|十|几|幾|\d+)\s*(?:个|個)?\s*(?:年|月|多年|多月)"
_IN_USE = re.compile(r"(?:运行|運行|运转|運轉|使用|用了|投产了|投產了|上线|上線)\s*(?:了|已)?\s*(?:快|近|超过|超過)?\s*" + _SPAN +
                     r"|已(?:经|經)?\s*(?:运行|運行|投产|投產|在用)|(?<![a-z])(?:been running|been in use|in operation|"
                     r"running|in use|used it|had it)\s+(?:for|since)\s+(?:over\s+|about\s+|nearly\s+)?"
                     r"(?:a|an|one|two|three|four|five|six|several|\d+)\s*(?:years?|months?)")


# a year with what part of it: "2027 年底", "2027年底", "end of 2027", "2027 H2", "late 2027"
_YEAR_PART = re.compile(r"(?:(?P<endof>end of|late|the end of|by the end of)\s+(?P<y1>20\d\d))|"
                        r"(?P<y2>20\d\d)\s*(?:年)?\s*(?P<part>年底|年末|底|末|年初|初|上半年|下半年|h1|h2)?")
_PART_DAY = {"年底": (12, 31), "年末": (12, 31), "底": (12, 31), "末": (12, 31), "h2": (7, 1), "下半年": (7, 1),
             "年初": (1, 1), "初": (1, 1), "h1": (1, 1), "上半年": (1, 1)}


def _earliest(text: str, made: dt.date) -> Optional[dt.date]:
    """The earliest day a deferred text names: a part of a year ("2027 年底", "end of 2027" — spaces a rep types between
    words included), else a date, a quarter's first day, a month, else a year written alone (its first day)."""
    m = _YEAR_PART.search(text)
    if m and (m.group("endof") or m.group("part")):
        if m.group("endof"):
            return dt.date(int(m.group("y1")), 12, 31)
        month, day = _PART_DAY[m.group("part")]
        return dt.date(int(m.group("y2")), month, day)
    written = promises.written_date(text, made)
    if written:
        return written[0]
    q = anchors.quarter(text, made)
    if q is not None:
        return dt.date(q.year, (q.month - 1) // 3 * 3 + 1, 1)  # the window opens as the quarter begins
    got = anchors.month(text, made)
    if got is not None:
        return got
    return dt.date(int(m.group("y2")), 1, 1) if m else None


def deferral(sentence: str, made: dt.date, find: Callable[..., Optional[str]]) -> Optional[Deferral]:
    """A deferral in the sentence (vocabulary ``time_deferral``: "at the earliest", "not before", "最早", "再说",
    "往后放" — not negated: "no later than" is a deadline, not a deferral) and the earliest day it opens: the date
    written nearest after the words, else anywhere in their clause, else none."""
    low = sentence.lower()
    word = find(low)
    if not word:
        return None
    at = low.find(word)
    # the clause of the deferral word, and the words after it up to the sentence's end ("最早 2027 年底 再 说")
    clauses = [(m.start(), m.end()) for m in re.finditer(r"[^,，;；。]+", low)]
    start = next((s for s, e in clauses if s <= at < e), 0)
    return Deferral(word, _earliest(low[at:], made) or _earliest(low[start:], made))


def set_aside(what: str, quote: str, why: str) -> str:
    """One line of the trace: a sentence a reading did not take, and why ("opening (expansion) \"…\": deferred: …")."""
    short = quote.strip().replace("\n", " ")
    if len(short) > 80:
        short = short[:79] + "…"
    return f"{what} \"{short}\": {why}"


def _field(contact: Any, key: str) -> Any:
    """A contact's field, from the account's Contact or from its contact fact (the evaluation's)."""
    return contact.get(key) if isinstance(contact, dict) else getattr(contact, key, None)


def decider(contacts: Iterable[Any], gone: Iterable[str] = (), met_only: bool = False) -> Optional[str]:
    """Who decides, among the contacts still there (a Contact or a contact fact; a fact marked departed counts as
    gone): met — the decider role, else the boss (is_boss), else who controls the money; else the decider or the boss
    not yet met (the one the action must reach); else a met senior contact who is no gatekeeper; else who places the
    orders (the purchaser). In name order within each; None where nobody fits. ``met_only``: the first three only
    (someone to act with now, not someone to reach)."""
    left = set(gone)
    alive = sorted((c for c in contacts if _field(c, "name") not in left and not _field(c, "departed")),
                   key=lambda c: _field(c, "name"))

    def roles(c: Any) -> tuple:
        return tuple(_field(c, "roles") or ())

    def decides(c: Any) -> bool:
        return "decider" in roles(c) or bool(_field(c, "is_boss"))
    tests = (lambda c: _field(c, "met") and "decider" in roles(c), lambda c: _field(c, "met") and _field(c, "is_boss"),
             lambda c: _field(c, "met") and "money" in (_field(c, "controls") or ()), decides,
             lambda c: _field(c, "met") and _field(c, "senior") and "gatekeeper" not in roles(c),
             lambda c: "purchaser" in roles(c))
    for test in tests[:3] if met_only else tests:
        hit = next((_field(c, "name") for c in alive if test(c)), None)
        if hit:
            return hit
    return None


@dataclass(frozen=True)
class Judge:
    """The judgement one account's readings share: its cast and the packs' deferral words (``judge``)."""

    cast: Cast = field(default_factory=Cast)
    defers: Callable[..., Optional[str]] = lambda *_: None
    approves: Callable[..., Optional[str]] = lambda *_: None

    def approver(self, sentence: str, start: int) -> Optional[str]:
        """Who the sentence says decides over the thing whose words begin at ``start``: in its clause, a contact of the
        account named as the subject of a verb of approving that stands before the thing (vocabulary actor_approves,
        the habitual present: "Ms Yeh approves the company subsidy", "葉處長核定公司補助"; not a past deed: "核定了") —
        the words ("葉處長 … 核定"), or None. It says who decides — the buying centre —, not that a window is open."""
        low = sentence.lower()
        cuts = [0] + [m.end() for m in wordlists.CLAUSE.finditer(low)] + [len(low) + 1]
        begin = max(c for c in cuts if c <= start)
        clause = low[begin:start]
        verb = self.approves(clause)
        if not verb:
            return None
        at = clause.rfind(verb)
        if clause[at + len(verb):at + len(verb) + 1] in ("了", "过", "過"):
            return None
        names = [m for m in self.cast.pattern().finditer(clause, 0, at) if m.lastgroup == "customer"
                 and m.group(0) in self.cast.customer]
        return f"{names[-1].group(0)} … {verb}" if names else None

    def actor(self, sentence: str, at: int, quoted: bool = False, nearest: bool = False,
              aside: Optional[str] = None) -> Actor:
        return actor(sentence, at, self.cast, quoted, nearest, aside)

    def aside(self, before: str) -> Optional[str]:
        """The heading of our side's aside still open at the end of ``before`` (module function ``aside``)."""
        return aside(before, self.cast)

    def subject(self, text: str, at: int) -> Actor:
        """Who does the verb at ``at`` of ``text`` (lower-case): the actor named nearest before it in its sentence,
        in the voice the text is in there — a quote opened before the sentence runs on into it ("王工说:"…扣分。"我答应…"
        is the rep again once the quote closes)."""
        start = max((m.end() for m in wordlists.SENTENCE.finditer(text, 0, at)), default=0)
        while start < at and text[start] in _LEADING:
            start += 1  # a quote closing right after the sentence mark belongs to the sentence before
        return self.actor(text[start:], at - start, quoting(text[:start]), nearest=True)

    def deferral(self, sentence: str, made: dt.date) -> Optional[Deferral]:
        return deferral(sentence, made, self.defers)

    def not_given(self, sentence: str, at: int, made: dt.date) -> Optional[str]:
        """Why words of a commitment ("contract signed", "已下单") at ``at`` record none given to us, or None: a
        competitor or a third party signed ("they signed with Sortline", "跟B品牌签了合同"), we only plan it ("I'll
        get the contract signed next week", "我准备下周让他们签合同"), or it is deferred ("will sign, at the earliest in
        March")."""
        who = self.actor(sentence, at)
        if who.who in (COMPETITOR, THIRD_PARTY):
            return who.note()
        if who.who == US and _FUTURE.search(sentence.lower()[:at]):
            return who.note()
        # the commitment's own clause ("will sign, at the earliest in March" is two; "已下单,尾款最早明年再说" defers
        # the payment, not the order): the clause holding the words, and the one after it
        cuts = [0] + [m.end() for m in wordlists.CLAUSE.finditer(sentence)] + [len(sentence)]
        here = max(i for i, c in enumerate(cuts) if c <= max(0, at - 1))
        clause = sentence[cuts[here]:cuts[min(here + 1, len(cuts) - 1)]]
        # given to a competitor: the customer signs, a competitor is the other side ("signed with Zeta", "跟B品牌签了")
        rival = self.competitor_in(clause)
        if rival:
            return Actor(COMPETITOR, rival).note()
        later = self.deferral(clause, made)
        return later.note() if later is not None else None

    def competitor_in(self, text: str) -> Optional[str]:
        """The words of the first competitor the text names anywhere (the cast's names, a lettered brand, the packs'
        actor_competitor words), or None."""
        low = text.lower()
        found = [m for m in self.cast.pattern().finditer(low) if m.lastgroup == "competitor"]
        word = self.cast.competitor_words(low)
        hits = [(m.start(), m.group(0)) for m in found[:1]] + ([(low.find(word), word)] if word else [])
        return min(hits)[1] if hits else None

    def in_use(self, sentence: str) -> Optional[str]:
        """The thing the sentence speaks of is already in use ("二期运行一年没问题", "the line has been running for two
        years"): what is, not what will be — the words, or None."""
        m = _IN_USE.search(sentence.lower())
        return m.group(0) if m else None


def judge(account: Any, vocabulary: Optional[wordlists.Vocabulary] = None) -> Judge:
    """The account's judge: its cast (``cast``), the packs' ``time_deferral`` words and their ``actor_approves``
    words (who decides over a thing)."""
    return Judge(cast(account, vocabulary), wordlists.finder(vocabulary, "time_deferral"),
                 wordlists.finder(vocabulary, "actor_approves"))


def people_in(sentence: str, contact: Optional[str], contacts: dict, gone: Iterable[str],
              named: Callable[[str, str], int]) -> tuple[Optional[str], Optional[str], bool]:
    """Who a sentence of the account's text concerns, for the readings that act on it (openings, situations):
    (the first met contact it names — else the visit's or objection's met ``contact``, else the met decider —, the
    first contact not yet met it names, whether a met contact is named). ``named(name, low)`` finds a contact's name
    in the lower-cased sentence (each reading has its own rule for short names), -1 when absent."""
    low = sentence.lower()
    hits = sorted((at, n) for n in contacts if n not in gone for at in [named(n, low)] if at >= 0)
    met = [n for _, n in hits if contacts[n].met]
    unmet = [n for _, n in hits if not contacts[n].met]
    if met:
        who = met[0]
    elif contact in contacts and contact not in gone and contacts[contact].met:
        who = contact
    else:
        # nobody the sentence names, nor the visit's contact: the decider's to take up
        who = decider(contacts.values(), gone, met_only=True)
    return who, (unmet[0] if unmet else None), bool(met)

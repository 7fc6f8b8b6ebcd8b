"""Find a pack's vocabulary (``vocabulary:`` in pack.yaml — tender words, departed words) in the
account's own text, before the engine runs.

The words are the packs' (sales-ops extend them there); this module only finds them: English by
whole word, a plural s/es included, so "bid" finds "bids" but not "forbidden"; Chinese (simplified
or traditional, as written in the pack) by substring. A vocabulary arrives as plain lists —
``{"en": [...], "zh": [...], "zh_hant": [...]}`` — so this room needs nothing of the rule language.
"""
from __future__ import annotations

import functools
import re
from functools import lru_cache
from typing import Any, Callable, Hashable, Mapping, Optional, TypeVar

Vocabulary = Mapping[str, Any]  # vocabulary name → {"en": [...], "zh": [...], "zh_hant": [...]}
R = TypeVar("R")


class PackVocabulary(dict):
    """A pack set's vocabularies, made once when the pack set is loaded and never changed after
    (language/pack.py ``fact_options``): the readers built from them — finders, pairs, the situation index — are kept
    here and built once per pack set, not once per account (building them again for every account was a fifth of the
    fact builder's time in session 11). A plain dict (a test's own words) builds its readers on every call."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.readers: dict[Hashable, Any] = {}

    def __reduce__(self):  # a copy or a pickle holds the words, not the readers built from them
        return (PackVocabulary, (dict(self),))


def kept(vocabulary: Optional[Vocabulary], key: Hashable, build: Callable[[], R]) -> R:
    """``build()``, made once per pack set's vocabulary (kept under ``key``); made afresh for any other vocabulary."""
    if not isinstance(vocabulary, PackVocabulary):
        return build()
    try:
        return vocabulary.readers[key]
    except KeyError:
        made = vocabulary.readers[key] = build()
        return made


def _kept_reader(build: Callable[..., R]) -> Callable[..., R]:
    """A reader of a vocabulary (``finder(vocabulary, name, …)``) that is built once per pack set (``kept``): a
    reader is a pure function of the words and the arguments, so one made for an earlier account serves the next."""
    @functools.wraps(build)
    def reader(vocabulary: Optional[Vocabulary], *args: Any, **kwargs: Any) -> R:
        key = (build.__name__, args, tuple(sorted(kwargs.items()))) if kwargs else (build.__name__, args)
        return kept(vocabulary, key, lambda: build(vocabulary, *args, **kwargs))
    return reader


# an English word is found whole, a plural s/es included; a Chinese one (or any word of a zh list) as written
_EN_BEFORE, _EN_AFTER = r"(?<![a-z0-9])", r"(?:s|es)?(?![a-z0-9])"


class Pattern:
    """One vocabulary's words as one regular expression, compiled on the first text that could hold one of them.

    Why compiled late: Python compiles a pattern in Python code, and the packs hold ~200 vocabularies of up to
    hundreds of words — compiling them all cost ~150–300 ms of a cold ``advise``, while one account's text holds the
    words of a few dozen. A text holds a word only if it holds the word's letters as written (``literals``), so a
    text that holds none of them is answered "no match" without the pattern, and nothing changes in what is found.

    Why the words are grouped: the English words stand between one pair of word bounds, ``(?<![a-z0-9])(?:w1|w2|…)
    (?:s|es)?(?![a-z0-9])``, not one pair per word — the same alternatives tried in the same order (longest written
    alternative first, as before), a third of the pattern to compile (tests/test_wordlists_speed.py holds the two
    forms to the same matches)."""

    __slots__ = ("words", "literals", "_compiled")

    def __init__(self, en: tuple, zh: tuple):
        self.words = (en, zh)
        self.literals = tuple(dict.fromkeys(w.lower() for w in en + zh if w.strip()))
        self._compiled: Optional[re.Pattern] = None

    @property
    def source(self) -> str:
        return pattern_source(*self.words)

    def _ready(self, text: str) -> Optional[re.Pattern]:
        if self._compiled is None:
            if not any(map(text.__contains__, self.literals)):
                return None  # no word's letters in the text: no match, and no need to compile yet
            self._compiled = re.compile(self.source)
        return self._compiled

    def search(self, text: str) -> Optional[re.Match]:
        p = self._ready(text)
        return p.search(text) if p is not None else None

    def match(self, text: str) -> Optional[re.Match]:
        p = self._ready(text)
        return p.match(text) if p is not None else None

    def finditer(self, text: str):
        p = self._ready(text)
        return p.finditer(text) if p is not None else iter(())

    def sub(self, repl: str, text: str) -> str:
        p = self._ready(text)
        return p.sub(repl, text) if p is not None else text


def pattern_source(en: tuple, zh: tuple) -> str:
    """The regular expression of a vocabulary's words: every alternative, longest first (as written, bounds
    included — a longer word wins where two start at one place), with each run of English words between one pair of
    word bounds. The text it reads is lower-cased: "U盾" is found as "u盾"."""
    alts = [(len(_EN_BEFORE) + len(e) + len(_EN_AFTER), e, True) for e in (re.escape(w.lower()) for w in en if w.strip())]
    alts += [(len(z), z, False) for z in (re.escape(w.lower()) for w in zh if w.strip())]
    alts.sort(key=lambda a: a[0], reverse=True)  # stable: the order the one-bound-per-word pattern had
    out: list[str] = []
    run: list[str] = []
    for _, alt, english in alts + [(0, "", False)]:
        if english:
            run.append(alt)
            continue
        if run:
            out.append(_EN_BEFORE + "(?:" + "|".join(run) + ")" + _EN_AFTER)
            run = []
        if alt:
            out.append(alt)
    return "|".join(out)


@lru_cache(maxsize=2048)
def _pattern(en: tuple, zh: tuple) -> Optional[Pattern]:
    # one pattern per vocabulary, built once per process: every account reads the same words. The cache holds
    # every vocabulary of the pack sets in use (about 100 are read per account since session 8; at 64 the cache
    # evicted in a cycle and rebuilt every pattern for every account — a fifth of the pipeline's time)
    words = Pattern(en, zh)
    return words if words.literals else None


def _lists(vocabulary: Optional[Vocabulary], name: str) -> tuple[tuple, tuple]:
    """The named vocabulary's English words and its Chinese ones (simplified and traditional together)."""
    words = (vocabulary or {}).get(name) or {}
    return (tuple(sorted(words.get("en") or ())),
            tuple(sorted(set(words.get("zh") or ()) | set(words.get("zh_hant") or ()))))


def literals(vocabulary: Optional[Vocabulary], name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The named vocabulary's words as its pattern reads them (lower-cased, blank ones left out): the English ones,
    found whole, and the Chinese ones, found as written — for an index of where they can stand (situations.py)."""
    en, zh = _lists(vocabulary, name)
    return tuple(w.lower() for w in en if w.strip()), tuple(w.lower() for w in zh if w.strip())


@_kept_reader
def matcher(vocabulary: Optional[Vocabulary], name: str) -> Callable[..., bool]:
    """A test ``reads(*texts)``: does any text hold a word of the named vocabulary? No vocabulary
    (a pack set that declares none) finds nothing."""
    find = finder(vocabulary, name)

    def reads(*texts: Optional[str]) -> bool:
        return find(*texts) is not None
    return reads


@_kept_reader
def finder(vocabulary: Optional[Vocabulary], name: str) -> Callable[..., Optional[str]]:
    """Like ``matcher``, but ``find(*texts)`` gives the first word found (as written in the text, lower-cased),
    or None: an inference shows its evidence in the trace, not only that there was some."""
    pattern = _pattern(*_lists(vocabulary, name))

    def find(*texts: Optional[str]) -> Optional[str]:
        for t in texts:
            hit = pattern.search(t.lower()) if (pattern is not None and t) else None
            if hit:
                return hit.group(0)
        return None
    return find


@_kept_reader
def remover(vocabulary: Optional[Vocabulary], *names: str) -> Callable[[Optional[str]], str]:
    """``strip(text)``: the text lower-cased, every word of the named vocabularies taken out (English by whole word,
    Chinese as written) — what is left of "新任采购经理" or "New Purchasing Manager" once the arrival is read."""
    en: set = set()
    zh: set = set()
    for name in names:
        e, z = _lists(vocabulary, name)
        en.update(e)
        zh.update(z)
    pattern = _pattern(tuple(sorted(en)), tuple(sorted(zh)))

    def strip(text: Optional[str]) -> str:
        low = (text or "").lower()
        return pattern.sub(" ", low) if pattern is not None else low
    return strip


@_kept_reader
def ending(vocabulary: Optional[Vocabulary], name: str) -> Callable[[Optional[str]], Optional[str]]:
    """``ends(text)``: the word of the named vocabulary the text ends with (English by whole word, Chinese as
    written), or None. A name's last word says what the customer is ("…教育局", "Leeds City Council") where the
    same word inside it says little ("中建某局三公司" is a company; "格局" is no bureau)."""
    en_words, zh_words = _lists(vocabulary, name)
    en = sorted((w.lower() for w in en_words if w.strip()), key=len, reverse=True)
    zh = sorted(zh_words, key=len, reverse=True)

    def ends(text: Optional[str]) -> Optional[str]:
        t = (text or "").strip().lower()
        for w in zh:
            if w.strip() and t.endswith(w):
                return w
        for w in en:
            if t == w or t.endswith(" " + w):
                return w
        return None
    return ends


_CJK = re.compile(r"[\u3400-\u9fff]")


def name_at(text: str, name: str) -> int:
    """Where a name (a competitor's, lower-case) stands in the lower-case ``text``, or -1: a Chinese name as
    written, a Latin one as a whole word — bounded by letters and digits only, so "跟grundfos签了" and
    "grundfos's contract" name Grundfos and "abbott" does not name ABB."""
    if not name:
        return -1
    if _CJK.search(name):
        return text.find(name)
    m = re.search(r"(?<![a-z0-9])" + re.escape(name) + r"(?![a-z0-9])", text)
    return m.start() if m else -1


# ---- negation: one judgement for every reading of the account's text (session 10, issue 22) ----
# The readings (a commitment, a promise of ours, a hold, an owner change, a succession, a decline cause, an opening, a
# pair of words) each kept a negation pattern of its own, and each missed what another caught: 别/別 ("别再发报价了",
# "別急著簽"), "don't", "no need to". One list of negators, in two shapes: ``NEGATION`` — a negator wherever it stands
# (a clause that holds one says something is not so), and ``NEGATED_BEFORE`` — a negator right before the words read
# (within a few words in English, three characters in Chinese, in the same clause), what ``first_unnegated`` asks.
# Not negators: "don't forget", "别忘了" (a reminder to do it); 别家 / 别的 / 特别 / 区别 (another, special, difference);
# 不过 / 不少 / 不久 / 不断 / 不错 (but, many, soon, keeps on, good); 未来 (future), 无论 (whatever).
# ("n't" is glued to its verb — "don't", "didn't" — so it has no word boundary before it; 没 alone is 还没发, 没变更)
_NEG_EN = (r"(?<![a-z])(?:no|not|never|without|nor|none|nobody|yet to|no need to)(?![a-z])|n['’]t(?![a-z])")
_BIE = r"(?<![特区區分告个個级級类類差识識派性辨鉴鑒离離送])[别別](?![家的人处處样樣个個具忘])"
_NEG_ZH = (r"没有|沒有|没(?!想到)|沒(?!想到)|未(?![来來必])|无(?![论論])|無(?![論])|并无|並無|尚未|暂无|暫無|冇|勿|甭|"
           r"唔(?:使|會|会|打算|再|要|好|簽|签)|不用|不必|不需|不会|不會|不打算|不再|不要|不准|不肯|不想|不是|并非|並非|" + _BIE)
NEGATION = re.compile(_NEG_EN + "|" + _NEG_ZH)
# a negator before the words: English within 12 characters of its clause (not across "forget": "don't forget to send"),
# Chinese within 3, and a bare 不 right before its verb ("不签了", "不下单" — not 不过, 不少, 不久 …)
_NOT_BEFORE_NEG = r"(?:(?!forget)[^.;,!?。；，！？\n]){0,12}$"
NEGATED_BEFORE = re.compile(r"(?:" + _NEG_EN + r")" + _NOT_BEFORE_NEG + r"|(?:" + _NEG_ZH + r")[^。;,，!?！？；.\n]{0,3}$"
                            r"|不(?![过過仅僅少久断斷同错錯但管论論光忘])[^。;,，!?！？；.\n]{0,3}$")
# a negator right after the words, where Chinese puts it after the noun: "股东变更没有", "印鉴变更无" (the readings that
# read a noun ask it: ownerchange.py)
NEGATED_AFTER = re.compile(r"^[^。;,，.]{0,2}(?:没有|沒有|未|无|無)")
# a told-not-to: a clause that opens with a prohibition or "no need" — "别再发报价了", "別急著簽", "don't send the
# quote yet", "no need to visit" — records that something is NOT to be done: no promise, no commitment (a speaker's
# frame before it, "客户说" / "he said", is the customer telling us)
_TOLD_NOT_TO = re.compile(r"^\s*(?:[^,，。:：]{0,12}?(?:说|說|讲|講|表示|叫我们|叫我們|让我们|讓我們|要我们|要我們|said|says|"
                          r"told us|told me|asked us|asked me)\s*[,，:：]?\s*)?(?:please\s+|请|請|先|就|也|可|还是|還是)?"
                          r"(?:don['’]t|do not|no need to|needn['’]t|there is no need to|not to|never|"
                          r"别|別|不用|不必|不需要|不要|无需|無需|毋须|毋須|勿|甭|暂不|暫不|先不)(?!\s*forget|忘)", re.IGNORECASE)


def told_not_to(text: Optional[str], theirs: Callable[[str], bool] = lambda _c: False) -> Optional[str]:
    """The words of the prohibition ``text`` opens with ("别再发报价了", "No need to send the quote — they will call",
    "客户说别急着签"), where every other clause is one too or is someone else's step (``theirs(clause)``: "they will
    call"), or None: such a text asks that nothing be done by us."""
    clauses = [c for c in re.split(r"[.;!?\n。；！？]|——|—|\s-\s", text or "") if c.strip()]
    first = _TOLD_NOT_TO.match(clauses[0]) if clauses else None
    if first is None or not all(_TOLD_NOT_TO.match(c) or theirs(c.strip()) for c in clauses[1:]):
        return None
    return first.group(0).strip()


# a word marking the real cause after a first one given: "it's the price, but actually the delivery", "其实是交期",
# "说白了是关系", "真正的原因是…" — what follows is what the speaker means. The word opens a clause (after a clause mark,
# or after "but / 但 / 可 / 不过"): "你们的价格其实差不多" (your price was about the same, in fact) marks no cause, and
# "actually" is an adverb of anything ("who is actually getting it")
_CLAUSE_OPEN = (r"(?:^|(?<=[,，;；。.!?！？:：—(（])|(?<=[,，;；。.!?！？:：—] )|(?<=但)|(?<=可)|(?<=不过)|(?<=不過)|"
                r"(?<=but )|(?<=and )|(?<=but, ))\s*")
REAL_CAUSE = re.compile(r"(?<![a-z])(?:but actually|but in fact|but really|the real reason|the real cause|the real issue)"
                        r"(?![a-z])|" + _CLAUSE_OPEN + r"(?:in fact|in reality|the truth is|truth be told|actually,|"
                        r"其实|其實|说白了|說白了|真正的原因|真正原因|真正的理由|实际上|實際上|说到底|說到底|老实说|老實說|"
                        r"讲白了|講白了|坦白说|坦白說)")


def real_cause(text: Optional[str], found: list) -> Any:
    """Of the causes ``found`` in ``text`` — (where it stands, what was read), in order — the first that stands after
    a word marking the real cause (``REAL_CAUSE``), else the first; None where none was found. One small reading every
    cause reader asks (the decline cause, the loss cause, an objection's stated reason)."""
    if not found:
        return None
    marks = [m.end() for m in REAL_CAUSE.finditer((text or "").lower())]
    after = [what for at, what in found if any(m <= at for m in marks)]
    return after[0] if after else found[0][1]


def real_cause_tail(text: Optional[str]) -> Optional[str]:
    """What follows the last word marking the real cause in ``text`` (to the end), or None where none is written."""
    marks = [m.end() for m in REAL_CAUSE.finditer((text or "").lower())]
    tail = (text or "")[marks[-1]:].strip(" ,，:：") if marks else ""
    return tail or None


def negated_before(low: str, at: int, reach: int = 24) -> bool:
    """Is the word at ``at`` of the lower-case ``low`` negated by the words right before it (``NEGATED_BEFORE``)?"""
    return bool(NEGATED_BEFORE.search(low[max(0, at - reach):at]))
# a Chinese A-not-A question ("有没有人赚到", "是不是真的省", "有冇人用過"): the negator between a character and its repeat
# asks, it does not deny — read as a negation only where a finder is not told it reads questions
_A_NOT_A = re.compile(r"([\u3400-\u9fff])(?:不|没|沒|冇|唔)\1")
# a sentence ends at a sentence mark (both widths), at a full stop before a space or the end ("3.5%", "v2.1" go on)
# and at a line break, unless the line broke after a comma: the thought goes on
SENTENCE = re.compile(r"[。；;！？!?]|(?<![,，、])\n|\.(?=\s|$)")
# a clause ends at a sentence mark or a comma (both widths): two words in one clause speak of one thing
CLAUSE = re.compile(r"[.;!?\n。；！？，,、:：]")


@_kept_reader
def pair_finder(vocabulary: Optional[Vocabulary], first: str, second: str,
                window: int = 24, *, ordered: bool = False, cjk_window: Optional[int] = None,
                not_followed_by: Optional[str] = None, questions: bool = False) -> Callable[..., Optional[str]]:
    """``find(*texts)``: the stretch of text where a word of vocabulary ``first`` and one of ``second`` stand in
    one clause, at most ``window`` characters apart, in either order ("预留印鉴变更", "变更法定代表人", "change
    the authorised signatories", "signatory … to be replaced") — or None. A thing and what is done to it are
    written in many orders and with words between; a fixed phrase list misses most of them.

    ``ordered``: the ``first`` word must come first ("send me your price" asks; "the price you sent" does not).
    ``cjk_window``: the gap allowed when either word is Chinese — a Chinese clause packs in a few characters what
    English says in a few words, and a one-character verb (发, 给) far from its object belongs to something else.
    ``not_followed_by``: a vocabulary whose word right after the pair undoes it ("the price to come down" is a
    price objection, not a request; "报价发过来了" is done, not asked).
    ``questions``: the pair is read in a question, where a Chinese A-not-A form (有没有, 是不是) asks and is no
    negation ("有没有人用了见效?" asks who got the result; "没有人用过" still denies)."""
    pa, pb = _pattern(*_lists(vocabulary, first)), _pattern(*_lists(vocabulary, second))
    pn = _pattern(*_lists(vocabulary, not_followed_by)) if not_followed_by else None

    def fits(clause: str, x: re.Match, y: re.Match) -> bool:
        if x.start() < y.end() and y.start() < x.end():  # one word read as both
            return False
        if ordered and x.start() > y.start():
            return False
        lo, hi = min(x.start(), y.start()), max(x.end(), y.end())
        gap = hi - lo - (x.end() - x.start()) - (y.end() - y.start())
        cjk = cjk_window is not None and bool(_CJK.search(x.group(0) + y.group(0)))
        near = clause[max(0, lo - 12):hi]
        if questions:
            near = _A_NOT_A.sub(r"\1\1", near)
        if gap > (cjk_window if cjk else window) or NEGATION.search(near):
            return False
        return pn is None or not pn.match(clause[hi:].lstrip())

    def find(*texts: Optional[str]) -> Optional[str]:
        if pa is None or pb is None:
            return None
        for t in texts:
            for clause in CLAUSE.split((t or "").lower()):
                a_hits, b_hits = list(pa.finditer(clause)), list(pb.finditer(clause))
                for x in a_hits:
                    for y in b_hits:
                        if fits(clause, x, y):
                            return clause[min(x.start(), y.start()):max(x.end(), y.end())]
        return None
    return find


def first_unnegated(text: Optional[str], find: Callable[..., Optional[str]], before: re.Pattern = NEGATED_BEFORE,
                    after: Optional[re.Pattern] = None, reach: int = 24,
                    aside: Optional[Callable[[str, int], bool]] = None) -> Optional[str]:
    """The first word ``find`` gives in ``text`` (lower-cased) that is not negated — ``before`` matching the ``reach``
    characters before it ("not signed", "还没签", "别再发"), or ``after`` the few right after it ("股东变更没有" … "没有
    变化") — or None. The negation is the one judgement above (``NEGATED_BEFORE``); a reading passes a pattern of its
    own only for what is not negation (a hold only feared, a verification still to come, the customer as the one
    who promised). ``aside(low, at)``: a word this test sets aside where it stands is passed over too (someone else
    acts: actors.py)."""
    if not text:
        return None
    low = text.lower()
    start = 0
    while True:
        word = find(low[start:])
        if word is None:
            return None
        at = low.index(word, start)
        end = at + len(word)
        if not (before.search(low[max(0, at - reach):at]) or (after is not None and after.match(low[end:end + 6]))
                or (aside is not None and aside(low, at))):
            return word
        start = end


def first_of(*finders: Callable[..., Optional[str]]) -> Callable[..., Optional[str]]:
    """``find(*texts)``: the first finder's answer that is not None (a phrase list, then a pair of lists)."""
    def find(*texts: Optional[str]) -> Optional[str]:
        return next((hit for hit in (f(*texts) for f in finders) if hit is not None), None)
    return find


@_kept_reader
def locator(vocabulary: Optional[Vocabulary], name: str) -> Callable[[Optional[str]], list[tuple[int, int]]]:
    """``spans(text)``: where every word of the named vocabulary stands in ``text`` (start, end; lower-cased as the
    finders read it), left to right — a reading that works on what follows each word (a cause after "because")."""
    pattern = _pattern(*_lists(vocabulary, name))

    def spans(text: Optional[str]) -> list[tuple[int, int]]:
        if pattern is None or not text:
            return []
        return [(m.start(), m.end()) for m in pattern.finditer(text.lower())]
    return spans


_WRAPPED = re.compile(r"(?<![.!?。！？；;:：|｜])\n(?!\s*[-*•|｜])")


def unwrap(text: Optional[str]) -> str:
    """A note's paragraphs as sentences: a line break after no sentence mark, before no bullet, is a wrapped line
    (notes are written in wrapped lines in a YAML block), not a sentence end. A table's row (a line that starts or
    ends with a cell bar "|") is a record of its own, never wrapped into the title above it or the next row: a stock-out
    in a dealer's sell-out table is that row's, not news of the "our pads" in the table's heading (session 13)."""
    return _WRAPPED.sub(" ", text or "")

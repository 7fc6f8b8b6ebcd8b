"""What kind of objection did the rep write down? Weighted cue matching driven by pack data.

The vocabulary (kinds with en/zh labels), the cues that recognise each kind, the concept
lexicons the cues may name, the words that split a sentence into clauses and the words that
*clear* a kind ("the price is fine, but …", "不是价格的问题") all live in pack YAML under
``recognise: objection_kinds:``. This module only compiles that data and applies it.

Why here and not in the engine: durable-rules' ``$mt`` matching is slow, gives no
evidence and breaks on some inputs (ENGINE-NOTES #14). Recognition runs in
Python before the engine and hands the rules a plain list, ``objection.kinds``.

Cues are phrases, compiled here, never taken as regular expressions: English words
(matched on word boundaries; ``decid*`` is a word prefix) or Chinese characters; ``...`` is a
short, bounded gap; ``#`` is a number (15, 3, 八, 两); ``{role}`` is any entry of the concept
lexicon ``role`` (``concepts:``), so one cue — "my {role} decides", "{holiday}以后" — covers a
whole family of wordings. Nothing a pack writes can make a catastrophic pattern.

Cost: at load a phrase is only *checked* (one precompiled syntax pattern, microseconds); its
pattern is built the first time its longest literal piece occurs in a clause, then cached — so
a process that recognises three objections compiles a handful of patterns, not thousands.

Matching, per objection:
1. normalise: lower case, traditional → simplified characters (the pack's map), curly quotes →
   straight, English contractions written out (don't → do not; cues are folded the same way, and a
   strong English cue's last word also meets its plural and past forms: delay → delays, delayed);
2. split into clauses on punctuation and the pack's contrast words (but, 但是, 就是 …);
3. in each clause find every kind's cues; a match is *cleared* when a "fine" word follows it
   (the price is fine) or a "not" word precedes it (不是价格的问题); a kind marked
   ``concede: false`` (being happy with the current supplier *is* the objection) is never
   cleared by "fine" words — nor is a clause that is only a concession of the one before it ("we've
   got the budget, that's not the issue");
4. weigh: a *strong* cue (a kind's ``en:``/``zh:`` lists) decides alone; a *weak* cue
   (``weak:``, generic words such as "delivery", "options", 款) counts only when no strong cue
   of any kind survives in the clause. The longest surviving match of the top tier decides the
   clause (ties: the kind listed first). A second kind joins it only when the clause holds a
   strong cue of that kind too, apart from the first, and the pair is one the packs list under
   ``together:`` (a broken promise about a rebate: trust + terms) — double kinds stay rare;
5. an objection carries the kinds of its clauses — those decided by a weak cue only when no
   clause holds a strong one; nothing found → ``unclassified``
   (never silent).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator


UNCLASSIFIED = "unclassified"
GAP = "..."
EN_GAP_WORDS = 3  # "no ... budget" allows up to three words between
ZH_GAP_CHARS = 6  # "没有...预算" allows up to six characters between
MAX_PHRASE = 60
MAX_CONCEPT_ENTRIES = 400
_EN_WORD = r"(?:[a-z0-9'$%&/#-]+\*?|\{[a-z_]+\})"
# The syntax checks run only when a pack is validated, never when a checked pack set is read back
# (language/snapshot.py): they are pattern strings, compiled (and cached) by re on first use.
_EN_TOKEN = r"^[a-z0-9'$%&/#-]+\*?$"
# the whole syntax of a valid phrase, checked in one step at load (the detailed parser names the fault)
_EN_VALID = rf"^{_EN_WORD}(?: (?:\.\.\. )?{_EN_WORD})*$"
_ZH_PIECE = r"(?:[^.{}]|\{[a-z_]+\})+"
_ZH_VALID = rf"^{_ZH_PIECE}(?:\.\.\.{_ZH_PIECE})*$"
_CONCEPT = re.compile(r"\{([a-z_]+)\}")
_HAS_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[a-z0-9]")
_PUNCT = re.compile(r"[,.;:!?()\[\]\"，。；：！？、（）【】“”…~\n]+")
_EN_NUM = (r"(?:\d+(?:[.,]\d+)*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
           r"fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|a couple of|a few|couple of|few|several)")
# the opening of a clause that speaks of the clause before it: "that's not the issue", "这个没问题"
_POINTS_BACK = re.compile(r"^(?:(?:and|but|so|well)\s+)?(?:that|this|it|which|those|these)\b|^(?:这个|那个|这些|那些|这|那|都|倒)")
_ZH_NUM = r"[0-9０-９一二三四五六七八九十两几半百千万]{1,4}"


from .contractions import expand as _expand  # noqa: E402  (the contractions written out: reading/contractions.py)


class Strict(BaseModel):
    # built on first use, not on import: a pack set read back from its snapshot never validates (issue 13)
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Label(Strict):
    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)


class Langs(Strict):
    en: list[str] = Field(default_factory=list)
    zh: list[str] = Field(default_factory=list)


class KindSpec(Strict):
    label: Label
    description: str = ""
    concede: bool = True  # may a "fine" word clear it? (no for incumbent: "happy with X" is the objection)
    en: list[str] = Field(default_factory=list)  # strong cues: decide the clause alone
    zh: list[str] = Field(default_factory=list)
    weak: Langs = Field(default_factory=Langs)  # generic cues: count only when no strong cue is in the clause


class Cleared(Strict):
    after: Langs = Field(default_factory=Langs)  # "the price is fine": a fine-word after the kind's phrase
    before: Langs = Field(default_factory=Langs)  # "not the price": a not-word before it


class ObjectionKindsSpec(Strict):
    clauses: Langs = Field(default_factory=Langs)
    cleared: Cleared = Field(default_factory=Cleared)
    traditional: str = ""  # pairs "價价 貴贵 …": traditional then simplified character
    concepts: dict[str, Langs] = Field(default_factory=dict)  # word families a cue names as {name}
    together: list[list[str]] = Field(default_factory=list)  # kind pairs one clause may carry both of
    # words that make what follows them the yardstick, not the objection: "higher than our current
    # supplier" is price, "比现在的供应商贵" too — a strong cue right after one (a few words between at
    # most) counts as a weak cue
    compared: Langs = Field(default_factory=Langs)
    kinds: dict[str, KindSpec] = Field(default_factory=dict)
    # the learned fallback's weights (reading/model.py), a JSON file beside this one; made absolute at
    # load. A later pack's model replaces an earlier one's (one model reads a pack set)
    model: Optional[str] = None

    @field_validator("kinds")
    @classmethod
    def _names(cls, v):
        for name in v:
            if not re.match(r"^[a-z][a-z_]*$", name) or name == UNCLASSIFIED:
                raise ValueError(f"objection kind '{name}' must be lower_case words and not '{UNCLASSIFIED}'")
        return v

    @field_validator("concepts")
    @classmethod
    def _concepts(cls, v):
        for name, langs in v.items():
            if not re.match(r"^[a-z][a-z_]*$", name):
                raise ValueError(f"concept '{name}' must be lower_case words")
            for entry in langs.en + langs.zh:
                if "{" in entry or GAP in entry or "#" in entry:
                    raise ValueError(f"concept '{name}': entry {entry!r} must be plain words (no '...', '#' or {{name}})")
        return v

    @field_validator("together")
    @classmethod
    def _pairs_of_two(cls, v):
        for pair in v:
            if len(pair) != 2 or pair[0] == pair[1]:
                raise ValueError(f"together: {pair} must name two different kinds")
        return v

    @field_validator("traditional")
    @classmethod
    def _pairs(cls, v):
        for pair in v.split():
            if len(pair) != 2:
                raise ValueError(f"'{pair}' in traditional: must be two characters, traditional then simplified")
        return v


class RecogniseSpec(Strict):
    objection_kinds: Optional[ObjectionKindsSpec] = None


# ------------------------------------------------------------- compiling ---
def _clean(phrase: str) -> str:
    return " ".join(str(phrase).lower().split())


def check_phrase(phrase: str, zh: bool = False) -> str:
    """The phrase's syntax, checked without compiling anything; ValueError says what is wrong.

    A phrase of a ``zh:`` list (or any phrase with Chinese characters) is matched as characters, else as words."""
    text = _clean(phrase)
    if not text or len(text) > MAX_PHRASE:
        raise ValueError(f"phrase {phrase!r} must be 1–{MAX_PHRASE} characters")
    if zh or _HAS_HAN.search(text):
        if re.match(_ZH_VALID, text):
            return text
        parts = [p.strip() for p in text.split(GAP)]
        if any(not p for p in parts):
            raise ValueError(f"phrase {phrase!r}: '...' must stand between two pieces of text")
        raise ValueError(f"phrase {phrase!r}: braces only as {{concept_name}}; '.' only in '...'")
    if re.match(_EN_VALID, text):
        return text
    words = text.split(" ")
    for i, w in enumerate(words):
        if w == GAP:
            if i == 0 or i == len(words) - 1 or words[i - 1] == GAP:
                raise ValueError(f"phrase {phrase!r}: '...' must stand between two words")
        elif not (re.match(_EN_TOKEN, w) or re.match(r"^\{[a-z_]+\}$", w)):
            raise ValueError(f"phrase {phrase!r}: word '{w}' may hold letters, digits, ' $ % & / - #, "
                             "a final * or be a {concept}")
    raise ValueError(f"phrase {phrase!r}: write words separated by single spaces")


def _en_piece(word: str) -> str:
    prefix = word.endswith("*")
    word = word.rstrip("*")
    piece = _EN_NUM.join(re.escape(p) for p in word.split("#"))
    return piece + r"[\w'-]*" if prefix else piece


def _en_alternation(entries: list[str]) -> str:
    alts = sorted({r"\s+".join(_en_piece(w) for w in e.split()) for e in entries if e.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(alts) + ")(?:'s)?" if alts else "(?!)"  # a concept word may be possessive: the owner's


def compile_phrase(phrase: str, concepts: Optional[dict[str, tuple[list[str], list[str]]]] = None,
                   zh: bool = False, inflect: bool = False) -> re.Pattern:
    """A phrase → a safe pattern (``concepts``: name → (en entries, zh entries), already normalised).

    ValueError says what is wrong with the phrase, or names the unknown concept.
    """
    text = check_phrase(phrase, zh)
    concepts = concepts or {}

    def entries(name: str, lang: int) -> list[str]:
        if name not in concepts:
            raise ValueError(f"phrase {phrase!r}: no concept '{name}' (declare it under concepts:)")
        return concepts[name][lang]

    if zh or _HAS_HAN.search(text):
        out = []
        for part in text.split(GAP):
            bits = []
            for i, bit in enumerate(re.split(r"(\{[a-z_]+\}|#)", part.strip())):
                if i % 2 == 0:
                    bits.append(re.escape(bit))
                elif bit == "#":
                    bits.append(_ZH_NUM)
                else:
                    alts = sorted({re.escape(e) for e in entries(bit[1:-1], 1) if e}, key=len, reverse=True)
                    bits.append("(?:" + "|".join(alts) + ")" if alts else "(?!)")
            out.append("".join(bits))
        return re.compile(f"(.{{0,{ZH_GAP_CHARS}}}?)".join(out))  # a gap is a group: _gap_negation reads it
    out = []
    words = text.split(" ")
    for i, w in enumerate(words):
        if w == GAP:
            out.append(f"((?:\\s+\\S+){{0,{EN_GAP_WORDS}}}?)")  # a group: _gap_negation reads it
            continue
        piece = _en_alternation(entries(w[1:-1], 0)) if w.startswith("{") else _en_piece(w)
        if inflect and i == len(words) - 1 and len(w) >= 4 and w.isalpha():
            piece += "(?:s|es|ed|d)?"  # a cue's last word also meets its plural and past forms: delay → delays, delayed
        out.append(("\\s+" if out else "") + piece)
    return re.compile(r"(?<![\w'])" + "".join(out) + r"(?![\w'])")


def _probe(text: str) -> str:
    """The longest literal piece of a (normalised) phrase: every match contains it, so a plain
    substring test decides whether the pattern is worth building and running."""
    if "." not in text and "{" not in text and "#" not in text and "*" not in text:
        return max(text.split(" "), key=len) if " " in text else text  # the common case, without a regex
    pieces = [p.rstrip("*") for p in re.split(r"\.\.\.|\s+|\{[a-z_]+\}|#", text)]
    return max(pieces, key=len) if pieces else ""


# a negation in the gap of a cue that ends on a degree ({high}: 贵, high, steep …) negates the complaint: "报价没有比较贵"
# is not "报价…贵", "the price is not that high" is not "price … high" (a negation the cue names itself is in its
# words, never in its gap). Only there: before a verb the negation is the objection ("老板还没点头", "上面不批" —
# on the training corpus a gap's negation in an authority cue was the authority objection 12 times of 14)
_DEGREE = "{high}"
_GAP_NOT = re.compile(r"没有|没|沒|不(?!少|久|过|仅|但|只|错)|未(?!来)|(?<![\w'])(?:not|never|no)(?![\w'])")


# a measure that is a ratio, a share or a rate of something counted ("退货比例偏高", "次品率比行业高", "our defect rate
# is higher", "the share of late deliveries is high"): its "high" is how often, not how much we charge — a price cue
# ("比...高", "{price_word} ... {high}": rate is a price word) that holds one, or follows one closely, says no price.
# A money rate (费率, 汇率, 利率, 税率; "your rates", "day rate") stays a price word.
_RATIO = re.compile(r"比例|比率|占比|百分比|比重|(?<![费汇利税价])率|"
                    r"(?<![\w'])(?:share|proportion|ratio|percentage|(?:defect|failure|error|return|returns|reject|"
                    r"rejection|scrap|breakage|damage|churn|turnover|attrition|fault|complaint|fill|hit|miss|success|"
                    r"response|conversion|absence|vacancy|occupancy|utili[sz]ation|yield|accident|incident|claims?|"
                    r"warranty|repair|loss|wastage|waste|no-show|cancellation|dropout|drop-out)\s+rates?|rates?\s+of\s+(?!pay\b|interest\b)[a-z]+)(?![\w'])")
RATIO_KIND = "price"


def _ratio(clause: str, m: "Match") -> Optional[str]:
    """The ratio word a price cue's match holds or closely follows ("比例偏高"), or None."""
    hit = _RATIO.search(clause, max(0, m.start - 12), m.end)
    return hit.group(0) if hit else None


_RISE = re.compile(r"高|上升|上涨|翻倍|翻了|(?<![\w'])(?:high|higher|highest|up|rising|rose|above|doubled|double)(?![\w'])")


def ratio_high(text: str) -> Optional[str]:
    """The ratio a (normalised) text calls high ("the return rate on your units is higher than …", "不良率比上季度高"),
    or None: then a price the model reads there is only the word "rate" or "high" (reading/reader.py bars it
    unless a strong price cue stands of its own)."""
    for hit in _RATIO.finditer(text):
        if _RISE.search(text, hit.end(), hit.end() + 40):
            return hit.group(0)
    return None


def _gap_negation(m) -> Optional[str]:
    """The negation in a gap of a cue's match, or None (a literal cue's match has no gap)."""
    for gap in getattr(m, "groups", tuple)():
        hit = gap and _GAP_NOT.search(gap)
        if hit:
            return hit.group(0)
    return None


def _negated(clause: str, at: int) -> bool:
    """Is the "fine" word at ``at`` itself negated ("not reasonable", "不合理")? Then it clears nothing."""
    before = clause[max(0, at - 12):at]
    return bool(re.search(r"(?:不|没|沒|未)$", before) or re.search(r"(?:\bnot|n't|\bnever)(?:\s+\w+)?\s+$", before))


@dataclass
class Match:
    kind: str
    phrase: str
    start: int
    end: int
    weak: bool = False
    cleared_by: Optional[str] = None
    gap_not: Optional[str] = None  # a negation in the gap of a degree cue ("报价没有比较贵"): the evaluation is negated


@dataclass
class Evidence:
    """Why an objection got a kind: the clause and the phrase that decided it."""

    kind: str
    clause: str
    phrase: str
    weak: bool = False  # decided by a weak (generic) cue only
    partner: bool = False  # a second kind of the same clause (a ``together:`` pair)

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "clause": self.clause, "phrase": self.phrase}


@dataclass
class Recognition:
    kinds: list[str]
    source: str  # stated | recognised | unclassified
    evidence: list[Evidence] = field(default_factory=list)
    cleared: list[Evidence] = field(default_factory=list)  # kinds named but conceded ("price is fine")
    reader: str = "cues"  # cues | model | cues+model: who decided (reading/reader.py)
    competitor: Optional[str] = None  # the account's listed competitor the text names (reading/reader.py)
    switching: bool = False  # ... named as the one they buy from, are bound to or moved the business to

    @property
    def strong(self) -> bool:
        """Did a strong cue decide (then the cues answer; else the model may)?"""
        return any(not e.weak for e in self.evidence)

    def as_dict(self) -> dict[str, Any]:
        return {"kinds": self.kinds, "source": self.source, "reader": self.reader,
                "competitor": self.competitor, "switching": self.switching,
                "evidence": [e.as_dict() for e in self.evidence],
                "cleared": [e.as_dict() for e in self.cleared]}


class _Hit:
    """A literal cue's match, shaped like the part of ``re.Match`` the recogniser reads."""

    __slots__ = ("_start", "_end", "_text")

    def __init__(self, start: int, end: int, text: str):
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, _n: int = 0) -> str:
        return self._text


def _wordchar(ch: str) -> bool:
    return ch.isalnum() or ch in "_'"


_SUFFIXES = ("es", "ed", "s", "d")


class _Cue:
    """One phrase of the packs: a substring probe, and its pattern built on need.

    A plain phrase (no gap, prefix, number or concept — most of them) is matched with ``str.find``
    and a word-boundary test, never compiled. A phrase naming concepts is compiled with only the
    concept entries that occur in the clause at hand (usually one or two), so no pattern ever holds
    a whole lexicon."""

    __slots__ = ("phrase", "text", "zh", "inflect", "probe", "names", "lang", "literal", "_patterns")

    def __init__(self, phrase: str, text: str, zh: bool, inflect: bool = False):
        # only what the index needs now; the rest (prepare) when the probe first occurs in a clause
        self.phrase, self.text, self.zh, self.inflect, self.probe = phrase, text, zh, inflect, _probe(text)
        self._patterns: Optional[dict] = None
        self.names: tuple = () if "{" not in text else tuple(dict.fromkeys(_CONCEPT.findall(text)))

    def _prepare(self) -> None:
        text, zh = self.text, self.zh
        # which entries of a concept it names: en 0, zh 1 (only asked of a cue that names one)
        self.lang = (1 if zh or _HAS_HAN.search(text) else 0) if self.names else int(zh)
        self.literal = not ("." in text or "{" in text or "#" in text or "*" in text)
        last = text.rsplit(" ", 1)[-1]
        self.inflect = self.inflect and len(last) >= 4 and last.isalpha() and not (zh or _HAS_HAN.search(text))
        self._patterns = {}

    def finditer(self, clause: str, present) -> Any:
        """``present(name)`` → the concept's (en, zh) entries found in the clause."""
        if self._patterns is None:
            self._prepare()
        if self.literal:
            return self._find_literal(clause)
        if not self.names:
            key = None
            sub = None
        else:
            sub = {n: present(n) for n in self.names}
            if any(not sub[n][self.lang] for n in self.names):
                return ()
            key = tuple(sub[n][self.lang] for n in self.names)
        pattern = self._patterns.get(key)
        if pattern is None:
            pattern = self._patterns[key] = compile_phrase(self.text, sub, self.zh, self.inflect)
        return pattern.finditer(clause)

    def _find_literal(self, clause: str) -> list[_Hit]:
        text, hits = self.text, []
        han = bool(_HAS_HAN.search(text))
        i = clause.find(text)
        while i >= 0:
            end = i + len(text)
            if han:
                hits.append(_Hit(i, end, text))
                i = clause.find(text, end)
                continue
            if self.zh:
                # a Latin cue of a zh list (app, logo, a3): not inside a Latin word, but may touch Chinese
                if (i == 0 or not clause[i - 1].isascii() or not clause[i - 1].isalnum()) and \
                        (end == len(clause) or not clause[end].isascii() or not clause[end].isalnum()):
                    hits.append(_Hit(i, end, text))
                    i = clause.find(text, end)
                else:
                    i = clause.find(text, i + 1)
                continue
            ok = i == 0 or not _wordchar(clause[i - 1])
            if ok:
                # English: whole words only; a strong cue's last word may carry a plural or past ending
                ends = [end + len(x) for x in _SUFFIXES if self.inflect and clause.startswith(x, end)] + [end]
                stop = next((e for e in ends if e == len(clause) or not _wordchar(clause[e])), None)
                if stop is not None:
                    hits.append(_Hit(i, stop, clause[i:stop]))
                    i = clause.find(text, stop)
                    continue
            i = clause.find(text, i + 1)
        return hits


def _shown(cue: _Cue, m) -> str:
    """The phrase as the trace shows it: a cue naming a concept or a number also shows the words it met."""
    if cue.names or "#" in cue.text:
        return f"{cue.phrase} → '{m.group(0)}'"
    return cue.phrase


class Recogniser:
    """Compiled objection vocabulary of a pack set (patterns are built lazily, see the module doc)."""

    def __init__(self, spec: ObjectionKindsSpec):
        self.spec = spec
        self.kinds = list(spec.kinds)
        self.order = {k: i for i, k in enumerate(self.kinds)}
        self.labels = {k: (s.label.en, s.label.zh) for k, s in spec.kinds.items()}
        self.labels[UNCLASSIFIED] = ("unclassified", "未归类")
        self.concede = {k: s.concede for k, s in spec.kinds.items()}
        self.trad = str.maketrans({pair[0]: pair[1] for pair in spec.traditional.split()} | {"\u2019": "'", "\u2018": "'"})
        self.together = {frozenset(p) for p in spec.together}
        self._built = False  # the cues are prepared on first use: loading a pack costs no matching work
        self._splitter: Optional[re.Pattern] = None
        self._split_built = False

    def _build(self) -> None:
        spec = self.spec
        # phrases are folded like the text (a phrase written in traditional characters still matches)
        self.cues = {k: [(c, False) for c in self._cues(s, True)] + [(c, True) for c in self._cues(s.weak)]
                     for k, s in spec.kinds.items()}
        self.after = self._cues(spec.cleared.after)
        self.before = self._cues(spec.cleared.before)
        # a comparison word, then at most three words (English) or a pronoun (Chinese) before the cue:
        # "higher than our current supplier", "比我们现在的供应商贵" — but not 比较 / 比如 (rather, for example)
        en = [re.escape(self._fold(w, False)) for w in spec.compared.en if w.strip()]
        zh = [re.escape(self._fold(w)) + ("(?![较如例率重分赛])" if w == "比" else "") for w in spec.compared.zh if w.strip()]
        alts = ([r"(?<![\w'])(?:" + "|".join(sorted(en, key=len, reverse=True)) + r")(?:\s+\S+){0,3}?\s*$"] if en else []) + \
            (["(?:" + "|".join(sorted(zh, key=len, reverse=True)) + ")(?:我们的|我们|咱们|他们|你们)?$"] if zh else [])
        self.yardstick = re.compile("|".join(alts)) if alts else None
        self.concepts = {name: ([self._fold(e, False) for e in c.en], [self._fold(e) for e in c.zh])
                         for name, c in spec.concepts.items()}
        # an index of the cues by the first three characters of their probe: a clause is tested only
        # against the cues whose probe could occur in it (its own trigrams), not against all of them
        self._index: dict[str, list[tuple[int, str, _Cue, bool]]] = {}
        self._always: list[tuple[int, str, _Cue, bool]] = []
        seq = 0
        for kind in self.kinds:
            for cue, weak in self.cues[kind]:
                entry = (seq, kind, cue, weak)
                seq += 1
                if cue.probe:
                    self._index.setdefault(cue.probe[:3], []).append(entry)
                else:
                    self._always.append(entry)
        self._built = True

    def _candidates(self, clause: str) -> list[tuple[int, str, _Cue, bool]]:
        keys = {clause[i:i + n] for n in (1, 2, 3) for i in range(len(clause) - n + 1)}
        out = list(self._always)
        for key in keys:
            out += self._index.get(key, ())
        out.sort(key=lambda e: e[0])  # the packs' order, as if every cue had been tried in turn
        return out

    def _present(self, clause: str):
        """Per clause: ``present(name)`` → which (English, Chinese) entries of a concept occur in it, and
        ``has(names, zh)`` → whether every named concept has an entry of that language there. Plain
        substring tests, made for a concept only when a cue that could match asks (once per clause)."""
        latin, han = bool(_LATIN.search(clause)), bool(_HAS_HAN.search(clause))  # skip a language the clause lacks
        concepts = self.concepts
        seen: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}

        def present(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
            got = seen.get(name)
            if got is None:
                en, zh = concepts[name]
                got = seen[name] = (tuple(e for e in en if e in clause) if latin else (),
                                    tuple(e for e in zh if e in clause) if han else ())
            return got

        def has(names, zh: int) -> bool:
            return all(present(n)[zh] for n in names)

        return present, has

    def _fold(self, text: str, zh: bool = True) -> str:
        # an English phrase holds no traditional characters; a Chinese one no English contractions
        text = text.lower().translate(self.trad) if zh else _expand(text.lower())
        return text if "  " not in text and text == text.strip() else " ".join(text.split())

    def _cues(self, langs, inflect: bool = False) -> list[_Cue]:
        """Strong English cues inflect their last word; weak cues and the fine/not words stay exact ("good" is not "goods")."""
        return ([_Cue(p, t, False, inflect) for p, t in zip(langs.en, self._fold_all(langs.en, False))]
                + [_Cue(p, t, True) for p, t in zip(langs.zh, self._fold_all(langs.zh, True))])

    def _fold_all(self, items: list[str], zh: bool) -> list[str]:
        """``_fold`` for a whole list in one pass (lower, translate and expand run once, in C, on the joined list)."""
        if not items or any("\n" in p for p in items):
            return [self._fold(p, zh) for p in items]
        joined = "\n".join(items).lower()
        joined = joined.translate(self.trad) if zh else _expand(joined)
        return [t if "  " not in t and t == t.strip() else " ".join(t.split()) for t in joined.split("\n")]

    @property
    def splitter(self) -> Optional[re.Pattern]:
        if not self._split_built:
            en = sorted(self.spec.clauses.en, key=len, reverse=True)
            zh = sorted((self._fold(x) for x in self.spec.clauses.zh), key=len, reverse=True)
            alts = [r"(?<![\w'])" + r"\s+".join(re.escape(w) for w in x.lower().split()) + r"(?![\w'])" for x in en]
            alts += [re.escape(x) for x in zh]
            self._splitter = re.compile("|".join(alts)) if alts else None
            self._split_built = True
        return self._splitter

    def normalise(self, text: str) -> str:
        return _expand(text.lower().translate(self.trad))

    def clauses(self, text: str) -> list[str]:
        out = []
        splitter = self.splitter
        for piece in _PUNCT.split(self.normalise(text)):
            parts = splitter.split(piece) if splitter else [piece]
            out += [" ".join(p.split()) for p in parts if p.strip()]
        return out

    def _find(self, cues: list[_Cue], clause: str, present):
        for cue in cues:
            if cue.probe in clause:  # a plain substring test first: most phrases are absent
                for m in cue.finditer(clause, present):
                    yield cue.phrase, m

    def _matches(self, clause: str) -> list[Match]:
        if not self._built:
            self._build()
        present, has = self._present(clause)
        found = []
        for _seq, kind, cue, weak in self._candidates(clause):
            if cue.probe in clause and (not cue.names or has(cue.names, int(cue.zh or bool(_HAS_HAN.search(cue.text))))):
                for m in cue.finditer(clause, present):
                    if m.end() > m.start():
                        not_ = _gap_negation(m) if cue.text.endswith(_DEGREE) else None
                        found.append(Match(kind, _shown(cue, m), m.start(), m.end(), weak, not_, not_))
        if not found:
            return found
        if self.yardstick is not None:
            for m in found:
                if not m.weak and self.yardstick.search(clause, max(0, m.start - 30), m.start):
                    m.weak = True  # the thing compared with, not the objection ("higher than our current supplier")
        for m in found:
            ratio = _ratio(clause, m) if m.kind == RATIO_KIND else None
            if ratio:
                m.cleared_by = f"{ratio}: a ratio, not a price"
        befores = [(m.start(), m.end(), word) for word, m in self._find(self.before, clause, present)]
        afters = [(m.start(), m.end(), word) for word, m in self._find(self.after, clause, present) if not _negated(clause, m.start())]
        for m in found:
            # a not-word before the cue, or one that holds it ("no complaints about …" holds "complaints")
            m.cleared_by = m.cleared_by or next((word for start, end, word in befores
                                 if end <= m.start or (start <= m.start and m.end <= end)), None)
            if m.cleared_by is None and self.concede[m.kind]:
                # a fine-word after the cue, or one that holds it ("质量没问题" holds "问题")
                m.cleared_by = next((word for start, end, word in afters
                                     if start >= m.end or (start <= m.start and m.end <= end)), None)
        # the words of a negated evaluation are negated with it: "贵" and "the price" inside "the price is not that high"
        for n in [m for m in found if m.gap_not]:
            for m in found:
                if m.kind == n.kind and m.cleared_by is None and m.start < n.end and n.start < m.end:
                    m.cleared_by = n.gap_not
        return found

    def _decide(self, live: list[Match]) -> list[Match]:
        """The clause's kind (and at most one listed partner): strong cues first, weak only alone."""
        strong = [m for m in live if not m.weak]
        tier = strong or live
        best = min(tier, key=lambda m: (-(m.end - m.start), self.order[m.kind], m.start))
        chosen = [best]
        partners = [m for m in strong if m.kind != best.kind and frozenset((best.kind, m.kind)) in self.together
                    and (m.end <= best.start or m.start >= best.end)]
        if best in strong and partners:
            chosen.append(min(partners, key=lambda m: (-(m.end - m.start), self.order[m.kind], m.start)))
        return chosen

    def _bare_concession(self, clause: str) -> Optional[str]:
        """The "fine" word of a short clause that is nothing but a concession ("that's not the issue",
        "这个没问题"), said of the clause before it; None for any other clause."""
        short = len(clause.split()) <= 6 if _LATIN.search(clause) else len(clause) <= 8
        # it must point back ("that's fine", "这个没问题"): a bare "fine." is as often "OK, go on"
        if not short or not _POINTS_BACK.match(clause):
            return None
        present, _has = self._present(clause)
        for word, m in self._find(self.after, clause, present):
            if not _negated(clause, m.start()):
                return word
        return None

    def recognise(self, text: str) -> Recognition:
        evidence: list[Evidence] = []
        cleared: list[Evidence] = []
        decided: list[tuple[str, list[Match]]] = []
        previous: Optional[tuple[str, list[Match]]] = None
        for clause in self.clauses(text):
            found = self._matches(clause)
            live = [m for m in found if m.cleared_by is None]
            for m in found:
                if m.cleared_by is not None and not any(e.kind == m.kind and e.clause == clause for e in cleared):
                    cleared.append(Evidence(m.kind, clause, f"{m.phrase} (cleared by '{m.cleared_by}')"))
            if live:
                decided.append((clause, self._decide(live)))
                previous = decided[-1]
                continue
            word = None if found else self._bare_concession(clause)
            if word and previous is not None and decided and decided[-1] is previous:
                # "we've got the budget, that's not the issue": the concession stands in a clause of its own
                decided.pop()
                for m in previous[1]:
                    if self.concede[m.kind]:
                        cleared.append(Evidence(m.kind, previous[0], f"{m.phrase} (cleared by '{word}' after it)"))
                    else:
                        decided.append((previous[0], [m]))
            previous = None
        # a clause that only a weak cue decided adds nothing when another clause holds a strong one
        # ("the bank won't extend our credit line, so nothing new for now": budget, not + timing)
        if any(not ms[0].weak for _, ms in decided):
            decided = [(c, ms) for c, ms in decided if not ms[0].weak]
        for clause, ms in decided:
            evidence += [Evidence(m.kind, clause, m.phrase, m.weak, i > 0) for i, m in enumerate(ms)]
        kinds: list[str] = []
        for e in evidence:
            if e.kind not in kinds:
                kinds.append(e.kind)
        if not kinds:
            return Recognition([UNCLASSIFIED], UNCLASSIFIED, [], cleared)
        return Recognition(kinds, "recognised", evidence, cleared)


def merge(specs: list[tuple[ObjectionKindsSpec, Any, tuple]]) -> Optional[ObjectionKindsSpec]:
    """Layer the packs' vocabularies, base first: lists extend, a new kind needs its label.

    Then every cue's ``{concept}`` must name a concept some loaded pack declares (checked here,
    where each cue's file and line are still known)."""
    merged: Optional[ObjectionKindsSpec] = None
    for n, (spec, _locs, _where) in enumerate(specs):
        if merged is None:
            merged = spec  # copied only when a second vocabulary is layered on it
            continue
        if n == 1:
            merged = merged.model_copy(deep=True)
        merged.clauses.en += spec.clauses.en
        merged.clauses.zh += spec.clauses.zh
        merged.cleared.after.en += spec.cleared.after.en
        merged.cleared.after.zh += spec.cleared.after.zh
        merged.cleared.before.en += spec.cleared.before.en
        merged.cleared.before.zh += spec.cleared.before.zh
        merged.traditional = (merged.traditional + " " + spec.traditional).strip()
        merged.model = spec.model or merged.model
        merged.together += [list(p) for p in spec.together]
        merged.compared.en += spec.compared.en
        merged.compared.zh += spec.compared.zh
        for name, c in spec.concepts.items():
            if name in merged.concepts:
                merged.concepts[name].en += c.en
                merged.concepts[name].zh += c.zh
            else:
                merged.concepts[name] = c.model_copy(deep=True)
        for name, kind in spec.kinds.items():
            if name in merged.kinds:
                merged.kinds[name].en += kind.en
                merged.kinds[name].zh += kind.zh
                merged.kinds[name].weak.en += kind.weak.en
                merged.kinds[name].weak.zh += kind.weak.zh
            else:
                merged.kinds[name] = kind.model_copy(deep=True)
    if merged is not None:
        for spec, locs, where in specs:
            for path, _lang, items in _lists(spec):
                if all(n in merged.concepts for n in _CONCEPT.findall("\n".join(items).lower())):
                    continue  # the common case: one scan of the whole list
                for i, phrase in enumerate(items):
                    for name in _CONCEPT.findall(phrase.lower()):
                        if name not in merged.concepts:
                            raise locs.error(where + path + (i,), f"phrase {phrase!r}: no concept '{name}'",
                                             f"declare it under concepts: or use one of: {', '.join(sorted(merged.concepts)) or 'none yet'}")
            for pair_i, pair in enumerate(spec.together):
                for kind in pair:
                    if kind not in merged.kinds:
                        raise locs.error(where + ("together", pair_i), f"together: no objection kind '{kind}'",
                                         f"use one of: {', '.join(merged.kinds)}")
            for name, c in spec.concepts.items():
                if len(merged.concepts[name].en) > MAX_CONCEPT_ENTRIES or len(merged.concepts[name].zh) > MAX_CONCEPT_ENTRIES:
                    raise locs.error(where + ("concepts", name), f"concept '{name}' has more than {MAX_CONCEPT_ENTRIES} entries",
                                     "split it into smaller concepts")
    return merged


def _lists(spec: ObjectionKindsSpec):
    """Every cue list of a vocabulary with its YAML path and language (for located errors)."""
    for lang in ("en", "zh"):
        yield ("cleared", "after", lang), lang, getattr(spec.cleared.after, lang)
        yield ("cleared", "before", lang), lang, getattr(spec.cleared.before, lang)
        yield ("compared", lang), lang, getattr(spec.compared, lang)
        for name, kind in spec.kinds.items():
            yield ("kinds", name, lang), lang, getattr(kind, lang)
            yield ("kinds", name, "weak", lang), lang, getattr(kind.weak, lang)


# a whole list of clean, valid phrases passes in one regex call (thousands of phrases: ~1 ms);
# only a list that fails is checked phrase by phrase, to name the phrase and the fault
_LEN_OK = rf"(?=[^\n]{{1,{MAX_PHRASE}}}(?:\n|$))"
_EN_LIST = rf"(?:{_LEN_OK}{_EN_VALID[1:-1]}\n)*{_LEN_OK}{_EN_VALID[1:-1]}"
_ZH_LIST = rf"(?:{_LEN_OK}{_ZH_VALID[1:-1]}\n)*{_LEN_OK}{_ZH_VALID[1:-1]}"


def check_phrases(spec: ObjectionKindsSpec, locs, where: tuple) -> None:
    """Check every phrase's syntax now (no pattern is compiled) so a bad one fails at load with file:line:col."""
    for path, lang, items in _lists(spec):
        if not items:
            continue
        joined = "\n".join(items)
        if "\n\n" not in joined and re.fullmatch(_ZH_LIST if lang == "zh" else _EN_LIST, joined):
            if lang == "zh" or not _HAS_HAN.search(joined):
                continue
        for i, p in enumerate(items):
            try:
                check_phrase(p, zh=lang == "zh")
            except ValueError as exc:
                raise locs.error(where + path + (i,), str(exc), "write plain words; '...' for a short gap, 'word*' for "
                                 "a prefix, '#' for a number, {concept} for a concept's words") from None


def parse(data: Any, locs, where: tuple) -> RecogniseSpec:
    from ..accounts.account import allowed_fields
    from ..files.yamlio import pydantic_error
    try:
        spec = RecogniseSpec.model_validate(data)
    except ValidationError as exc:
        raise pydantic_error(exc, locs, where, allowed_fields=allowed_fields(RecogniseSpec), what="a recognise block") from None
    if spec.objection_kinds:
        check_phrases(spec.objection_kinds, locs, where + ("objection_kinds",))
        if spec.objection_kinds.model:
            # only its presence now (a stat); the weights are read and checked on first use (reading/model.py)
            from pathlib import Path
            path = Path(locs.file).parent / spec.objection_kinds.model
            if not path.is_file():
                raise locs.error(where + ("objection_kinds", "model"), f"no reader model file '{spec.objection_kinds.model}'",
                                 f"put it beside {Path(locs.file).name} (retrain: python scripts/train_reader.py) or remove 'model:'")
            spec.objection_kinds.model = str(path.resolve())
    return spec

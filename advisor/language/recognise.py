"""What kind of objection did the rep write down? Phrase matching driven by pack data.

The vocabulary (kinds with en/zh labels), the phrases that recognise each kind,
the words that split a sentence into clauses and the words that *clear* a kind
("the price is fine, but …", "不是价格的问题") all live in pack YAML under
``recognise: objection_kinds:``. This module only compiles that data and applies it.

Why here and not in the engine: durable-rules' ``$mt`` matching is slow, gives no
evidence and breaks on some inputs (ENGINE-NOTES #14). Recognition runs in
Python before the engine and hands the rules a plain list, ``objection.kinds``.

Patterns are literal-ish and compiled here, never taken as regular expressions:
a phrase is words (English, matched on word boundaries; ``decid*`` is a word
prefix) or characters (Chinese), and ``...`` is a short, bounded gap. Nothing a
pack writes can make a catastrophic pattern.

Matching, per objection:
1. normalise: lower case, traditional → simplified characters (the pack's map),
   curly quotes → straight;
2. split into clauses on punctuation and the pack's contrast words (but, 但是, 就是 …);
3. in each clause find every kind's phrases; a match is *cleared* when a
   "fine" word follows it (the price is fine) or a "not" word precedes it
   (不是价格的问题); a kind marked ``concede: false`` (being happy with the
   current supplier *is* the objection) is never cleared by "fine" words;
4. each clause says one thing: the longest surviving match wins (ties: the
   kind listed first); an objection carries the kinds of all its clauses;
5. nothing found → ``unclassified`` (never silent).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator


UNCLASSIFIED = "unclassified"
GAP = "..."
EN_GAP_WORDS = 3  # "no ... budget" allows up to three words between
ZH_GAP_CHARS = 6  # "没有...预算" allows up to six characters between
MAX_PHRASE = 60
_EN_TOKEN = re.compile(r"^[a-z0-9'$%&/-]+\*?$")
_HAS_HAN = re.compile(r"[\u3400-\u9fff]")
_PUNCT = re.compile(r"[,.;:!?()\[\]\"，。；：！？、（）【】“”…~\n]+")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


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
    en: list[str] = Field(default_factory=list)
    zh: list[str] = Field(default_factory=list)


class Cleared(Strict):
    after: Langs = Field(default_factory=Langs)  # "the price is fine": a fine-word after the kind's phrase
    before: Langs = Field(default_factory=Langs)  # "not the price": a not-word before it


class ObjectionKindsSpec(Strict):
    clauses: Langs = Field(default_factory=Langs)
    cleared: Cleared = Field(default_factory=Cleared)
    traditional: str = ""  # pairs "價价 貴贵 …": traditional then simplified character
    kinds: dict[str, KindSpec] = Field(default_factory=dict)

    @field_validator("kinds")
    @classmethod
    def _names(cls, v):
        for name in v:
            if not re.match(r"^[a-z][a-z_]*$", name) or name == UNCLASSIFIED:
                raise ValueError(f"objection kind '{name}' must be lower_case words and not '{UNCLASSIFIED}'")
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
@functools.lru_cache(maxsize=None)
def compile_phrase(phrase: str) -> re.Pattern:
    """A phrase → a safe pattern. ValueError says what is wrong with the phrase.

    Cached: the packs' ~4,000 phrases are checked at load and compiled again for matching, and
    re's own cache (512 entries) is too small to hold them — compiling twice doubled cold start.
    """
    text = " ".join(str(phrase).lower().split())
    if not text or len(text) > MAX_PHRASE:
        raise ValueError(f"phrase {phrase!r} must be 1–{MAX_PHRASE} characters")
    if _HAS_HAN.search(text):
        parts = [p.strip() for p in text.split(GAP)]
        if any(not p for p in parts):
            raise ValueError(f"phrase {phrase!r}: '...' must stand between two pieces of text")
        return re.compile(f".{{0,{ZH_GAP_CHARS}}}?".join(re.escape(p) for p in parts))
    words = text.split(" ")
    out: list[str] = []
    for i, w in enumerate(words):
        if w == GAP:
            if i == 0 or i == len(words) - 1 or words[i - 1] == GAP:
                raise ValueError(f"phrase {phrase!r}: '...' must stand between two words")
            out.append(f"(?:\\s+\\S+){{0,{EN_GAP_WORDS}}}?")
            continue
        if not _EN_TOKEN.match(w):
            raise ValueError(f"phrase {phrase!r}: word '{w}' may hold letters, digits, ' $ % & / - and a final *")
        piece = re.escape(w[:-1]) + r"[\w'-]*" if w.endswith("*") else re.escape(w)
        out.append(("\\s+" if out else "") + piece)
    return re.compile(r"(?<![\w'])" + "".join(out) + r"(?![\w'])")


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
    cleared_by: Optional[str] = None


@dataclass
class Evidence:
    """Why an objection got a kind: the clause and the phrase that decided it."""

    kind: str
    clause: str
    phrase: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "clause": self.clause, "phrase": self.phrase}


@dataclass
class Recognition:
    kinds: list[str]
    source: str  # stated | recognised | unclassified
    evidence: list[Evidence] = field(default_factory=list)
    cleared: list[Evidence] = field(default_factory=list)  # kinds named but conceded ("price is fine")

    def as_dict(self) -> dict[str, Any]:
        return {"kinds": self.kinds, "source": self.source,
                "evidence": [e.as_dict() for e in self.evidence],
                "cleared": [e.as_dict() for e in self.cleared]}


class Recogniser:
    """Compiled objection vocabulary of a pack set."""

    def __init__(self, spec: ObjectionKindsSpec):
        self.spec = spec
        self.kinds = list(spec.kinds)
        self.labels = {k: (s.label.en, s.label.zh) for k, s in spec.kinds.items()}
        self.labels[UNCLASSIFIED] = ("unclassified", "未归类")
        self.concede = {k: s.concede for k, s in spec.kinds.items()}
        self.trad = {pair[0]: pair[1] for pair in spec.traditional.split()}
        # phrases are folded like the text (a phrase written in traditional characters still matches)
        self.phrases = {k: self._compile(s.en + s.zh) for k, s in spec.kinds.items()}
        self.after = self._compile(spec.cleared.after.en + spec.cleared.after.zh)
        self.before = self._compile(spec.cleared.before.en + spec.cleared.before.zh)
        en = sorted(spec.clauses.en, key=len, reverse=True)
        zh = sorted(spec.clauses.zh, key=len, reverse=True)
        alts = [r"(?<![\w'])" + r"\s+".join(re.escape(w) for w in x.lower().split()) + r"(?![\w'])" for x in en]
        alts += [re.escape(x) for x in zh]
        self.splitter = re.compile("|".join(alts)) if alts else None

    def _compile(self, items: list[str]) -> list[tuple[str, str, re.Pattern]]:
        out = []
        for p in items:
            text = " ".join(self.normalise(p).split())
            pieces = [w.rstrip("*") for w in re.split(r"\.\.\.|\s+", text) if w.strip(" *")]
            out.append((p, max(pieces, key=len), compile_phrase(text)))  # probe: its longest literal piece
        return out

    def normalise(self, text: str) -> str:
        text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
        return "".join(self.trad.get(ch, ch) for ch in text)

    def clauses(self, text: str) -> list[str]:
        out = []
        for piece in _PUNCT.split(self.normalise(text)):
            parts = self.splitter.split(piece) if self.splitter else [piece]
            out += [" ".join(p.split()) for p in parts if p.strip()]
        return out

    def _matches(self, clause: str) -> list[Match]:
        found = []
        for kind in self.kinds:
            for phrase, probe, pat in self.phrases[kind]:
                if probe in clause:  # a plain substring test first: most phrases are absent
                    for m in pat.finditer(clause):
                        found.append(Match(kind, phrase, m.start(), m.end()))
        if not found:
            return found
        befores = [(m.end(), word) for word, probe, pat in self.before if probe in clause for m in pat.finditer(clause)]
        afters = [(m.start(), word) for word, probe, pat in self.after if probe in clause
                  for m in pat.finditer(clause) if not _negated(clause, m.start())]
        for m in found:
            m.cleared_by = next((word for end, word in befores if end <= m.start), None)
            if m.cleared_by is None and self.concede[m.kind]:
                m.cleared_by = next((word for start, word in afters if start >= m.end), None)
        return found

    def recognise(self, text: str) -> Recognition:
        evidence: list[Evidence] = []
        cleared: list[Evidence] = []
        for clause in self.clauses(text):
            found = self._matches(clause)
            live = [m for m in found if m.cleared_by is None]
            for m in found:
                if m.cleared_by is not None and not any(e.kind == m.kind and e.clause == clause for e in cleared):
                    cleared.append(Evidence(m.kind, clause, f"{m.phrase} (cleared by '{m.cleared_by}')"))
            if not live:
                continue
            order = {k: i for i, k in enumerate(self.kinds)}
            best = min(live, key=lambda m: (-(m.end - m.start), order[m.kind], m.start))
            evidence.append(Evidence(best.kind, clause, best.phrase))
        kinds: list[str] = []
        for e in evidence:
            if e.kind not in kinds:
                kinds.append(e.kind)
        if not kinds:
            return Recognition([UNCLASSIFIED], UNCLASSIFIED, [], cleared)
        return Recognition(kinds, "recognised", evidence, cleared)



def merge(specs: list[tuple[ObjectionKindsSpec, Any, tuple]]) -> Optional[ObjectionKindsSpec]:
    """Layer the packs' vocabularies, base first: lists extend, a new kind needs its label."""
    merged: Optional[ObjectionKindsSpec] = None
    for spec, _locs, _where in specs:
        if merged is None:
            merged = spec.model_copy(deep=True)
            continue
        merged.clauses.en += spec.clauses.en
        merged.clauses.zh += spec.clauses.zh
        merged.cleared.after.en += spec.cleared.after.en
        merged.cleared.after.zh += spec.cleared.after.zh
        merged.cleared.before.en += spec.cleared.before.en
        merged.cleared.before.zh += spec.cleared.before.zh
        merged.traditional = (merged.traditional + " " + spec.traditional).strip()
        for name, kind in spec.kinds.items():
            if name in merged.kinds:
                merged.kinds[name].en += kind.en
                merged.kinds[name].zh += kind.zh
            else:
                merged.kinds[name] = kind.model_copy(deep=True)
    return merged


def check_phrases(spec: ObjectionKindsSpec, locs, where: tuple) -> None:
    """Compile every phrase now so a bad one fails at load with file:line:col."""
    def each(path: tuple, items: list[str]):
        for i, p in enumerate(items):
            try:
                compile_phrase(p)
            except ValueError as exc:
                raise locs.error(where + path + (i,), str(exc), "write plain words; '...' for a short gap, 'word*' for a prefix") from None

    for lang in ("en", "zh"):
        each(("cleared", "after", lang), getattr(spec.cleared.after, lang))
        each(("cleared", "before", lang), getattr(spec.cleared.before, lang))
        for name, kind in spec.kinds.items():
            each(("kinds", name, lang), getattr(kind, lang))


def parse(data: Any, locs, where: tuple) -> RecogniseSpec:
    from ..accounts.account import allowed_fields
    from ..files.yamlio import pydantic_error
    try:
        spec = RecogniseSpec.model_validate(data)
    except ValidationError as exc:
        raise pydantic_error(exc, locs, where, allowed_fields=allowed_fields(RecogniseSpec)) from None
    if spec.objection_kinds:
        check_phrases(spec.objection_kinds, locs, where + ("objection_kinds",))
    return spec



"""The learned fallback: a linear model over character and word n-grams, shipped as plain JSON.

Trained offline by ``scripts/train_reader.py`` (scikit-learn, a dev-only dependency) from the labelled
corpus; here it is only *scored*, in pure Python: TF-IDF weights (sublinear term frequency, the
trained idf, L2 norm over the kept vocabulary) dotted with one coefficient row per kind, plus the
kind's intercept, through a logistic — one-vs-rest, so each kind has its own probability.

The features are computed by ``features`` below, the same function the training script feeds to
scikit-learn, so the weights mean the same thing at training and at run time:

- Chinese runs: character 1-, 2- and 3-grams (text already folded to simplified characters);
- Latin words (digits folded to 0): the word, word bigrams within a stretch of text, and the
  word's character 3- and 4-grams padded with spaces (a typo or an inflection still shares most);
  and once more uninflected (``stem``: prices, priced, pricing → pric), the words of five letters or
  more and the word pairs holding one, so a new author's inflection is the same word to the model.

Numbers are stored as 16-bit integers (value × ``scale``), each row (the idf, each kind's coefficients)
packed little-endian and written as one base64 string (``pack`` / ``unpack``): a wide vocabulary, which
generalises better on leave-one-set-out, then loads in a few milliseconds, where a JSON list of numbers
per weight cost ~2.5 ms per 1,000 n-grams. The file is checked when it is first read (shape, row lengths,
known kinds); a fault is one line naming the file, the key and the fix. Nothing is unpickled; nothing but
``json``, ``base64``, ``array`` and ``math`` runs. Cost: once per process, on the first objection that
needs it (benchmarks/recognition.py --timing).
"""
from __future__ import annotations

import base64
import binascii
import json
import math
import re
import sys
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from ..accounts.ngrams import HAN_RUN, grams
from ..files.errors import AdvisorError
from .second import names as second_names
from .words import CONTRAST

FORMAT = "advisor-reader-model/2"
# emoji, pictographs and the joiners between them say nothing about the kind (a 😂 is in every style)
_EMOJI = re.compile("[\u2600-\u27bf\ufe0f\u200d\U0001f000-\U0001faff]+")

def fold(text: str) -> str:
    """What the n-grams are cut from: full-width forms folded (ＡＢＣ１２３，→ ABC123,), emoji dropped.
    (Lower case, traditional → simplified and contractions are the reader's normalise, done before.)"""
    return _EMOJI.sub(" ", unicodedata.normalize("NFKC", text)).lower()


def features(text: str) -> list[str]:
    """The n-grams of one normalised text (lower case, traditional folded, contractions written out):
    Chinese runs in character 1-3-grams, Latin words (digits → 0) as words, word bigrams and character
    3-/4-grams, their stems as ``s:``; and the words and Chinese 1-2-grams after the last contrast word once
    more, as ``b:``."""
    text = fold(text)
    out = grams(text, stems=True)  # accounts/ngrams.py, shared with the opening reader
    last = None
    for last in CONTRAST.finditer(text):
        pass
    if last is not None and last.end() < len(text):
        out += ["b:" + g[2:] for g in grams(text[last.end():], stems=True)
                if g.startswith("w:") and " " not in g or g.startswith("c:") and HAN_RUN.fullmatch(g[2:]) and len(g) <= 4]
    return out


def _whole(gram: str) -> bool:
    """A word, a word pair or a Chinese n-gram — not a piece of a Latin word (" hm", "mm "): what counts
    towards ``min_grams`` (a wide vocabulary knows every piece of "Hmm.", and still only its one word)."""
    return gram[0] != "c" or gram[2] >= "\u3400"


# the thresholds and weights of the reader's decision (reading/reader.py ``choose`` says what each does)
DECIDE = ("answer_at", "second_at", "confirm_at", "strong_bonus", "weak_bonus", "cleared_penalty", "also_relief",
          "also_second_at", "clause_at")


@dataclass
class Scored:
    """The model's reading of one text: each kind's probability and the n-grams that weighed most."""

    probs: dict[str, float]
    grams: int  # how many of the text's words, word pairs and Chinese n-grams the model knows (on one it guesses)
    weights: dict = field(default_factory=dict, repr=False)  # the TF-IDF weights scored (top_ngrams reuses them)

    def ranked(self) -> list[tuple[str, float]]:
        return sorted(self.probs.items(), key=lambda kp: (-kp[1], kp[0]))


class ModelError(AdvisorError):
    pass


class Model:
    """A loaded, checked model file (see the module doc)."""

    def __init__(self, data: dict, path: str, kinds: list[str]):
        self.path = path
        self._check(data, kinds)
        self.kinds: list[str] = list(data["kinds"])
        self.vocabulary: list[str] = data["vocabulary"]
        self.index: dict[str, int] = self._index  # built once by the check (a repeated n-gram is refused there)
        # stored as 16-bit integers (value × scale), each row packed (module doc)
        self.scale: float = float(data["scale"])
        self.idf: array = self._rows["idf"]
        self.coef: list[array] = [self._rows[f"coef.{k}"] for k in self.kinds]
        self.intercept: list[float] = [data["intercept"][k] for k in self.kinds]
        # how the reader weighs the cues against the model (reading/reader.py ``choose``), chosen on
        # leave-one-set-out cross-validation by scripts/train_reader.py --tune
        self.decide: dict = dict(data["decide"])
        self.min_grams: int = self.decide["min_grams"]  # the model answers only on a text with this many known n-grams
        # the clause judge of a second kind (reading/second.py); a fold model of the training script has none
        self.second: Optional[dict] = data.get("second")
        self.trained_on: dict = data["trained_on"]
        self.params: dict = data["params"]

    def _fail(self, where: str, what: str) -> None:
        raise ModelError(f"{self.path}: {where}: {what} — retrain it with `python scripts/train_reader.py`")

    def _check(self, data, kinds: list[str]) -> None:
        if not isinstance(data, dict):
            self._fail("top level", "must be a JSON object")
        if data.get("format") != FORMAT:
            self._fail("format", f"must be {FORMAT!r}, is {data.get('format')!r}")
        for key in ("kinds", "vocabulary", "scale", "idf", "coef", "intercept", "decide", "trained_on", "params"):
            if key not in data:
                self._fail(key, "missing")
        if not isinstance(data["kinds"], list) or not data["kinds"]:
            self._fail("kinds", "must be a non-empty list of objection kinds")
        unknown = [k for k in data["kinds"] if k not in kinds]
        if unknown:
            self._fail("kinds", f"{unknown[0]!r} is no objection kind of the loaded packs ({', '.join(kinds)})")
        vocab = data["vocabulary"]
        # one pass in C each (a per-item Python check of 16,000 n-grams cost more than reading them)
        if not isinstance(vocab, list) or not set(map(type, vocab)) <= {str}:
            self._fail("vocabulary", "must be a list of n-gram strings")
        self._index = dict(zip(vocab, range(len(vocab))))
        if len(self._index) != len(vocab):
            self._fail("vocabulary", "holds an n-gram twice")
        n = len(vocab)
        if not isinstance(data["scale"], (int, float)) or isinstance(data["scale"], bool) or not 0 < data["scale"] < 1e9:
            self._fail("scale", "must be a positive number")
        self._rows = {"idf": self._packed("idf", data["idf"], n)}
        for key in ("coef", "intercept"):
            if not isinstance(data[key], dict) or set(data[key]) != set(data["kinds"]):
                self._fail(key, "must hold one entry per kind of 'kinds'")
        for k in data["kinds"]:
            self._rows[f"coef.{k}"] = self._packed(f"coef.{k}", data["coef"][k], n)
            self._numbers(f"intercept.{k}", [data["intercept"][k]], 1, float)
        decide = data["decide"]
        if not isinstance(decide, dict):
            self._fail("decide", "must be a mapping of thresholds")
        for key in DECIDE:
            value = decide.get(key)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 1:
                self._fail(f"decide.{key}", "must be a probability between 0 and 1")
        if "second" in data:
            self._check_second(data["second"], data["kinds"])
        if not isinstance(decide.get("min_grams"), int) or isinstance(decide.get("min_grams"), bool) or decide["min_grams"] < 1:
            self._fail("decide.min_grams", "must be a whole number ≥ 1")

    def _check_second(self, second, kinds: list[str]) -> None:
        if not isinstance(second, dict):
            self._fail("second", "must be a mapping: features, coef, intercept")
        want = second_names(kinds)
        if second.get("features") != want:
            self._fail("second.features", f"must be the clause judge's {len(want)} features ({', '.join(want[:3])}, …) "
                                          "of this code (the model was written by another version)")
        self._numbers("second.coef", second.get("coef"), len(want), float)
        self._numbers("second.intercept", [second.get("intercept")], 1, float)

    def _packed(self, where: str, text, n: int) -> array:
        if not isinstance(text, str):
            self._fail(where, f"must be a base64 string of {n} packed 16-bit integers, is {type(text).__name__}")
        try:
            row = unpack(text)
        except ValueError:
            self._fail(where, "is not base64 of packed 16-bit integers")
        if len(row) != n:
            self._fail(where, f"must hold {n} numbers (one per vocabulary entry), holds {len(row)}")
        return row

    def _numbers(self, where: str, values, n: int, kind: type) -> None:
        if not isinstance(values, list) or len(values) != n:
            self._fail(where, f"must be a list of {n} numbers, has "
                              f"{len(values) if isinstance(values, list) else type(values).__name__}")
        if values and not set(map(type, values)) <= {int, float}:
            self._fail(where, "must hold numbers only")
        # json reads 1e999 as inf and the NaN literals are refused while parsing (see load)
        if values and not max(map(abs, values)) < 1e12:
            self._fail(where, "holds a number that is not finite (or absurdly large)")

    # ------------------------------------------------------------------ scoring ---
    def weights(self, text: str) -> dict[int, float]:
        """The text's TF-IDF weights by vocabulary index (sublinear tf, L2-normalised), as trained."""
        # counted in C (Counter over map), in the order the n-grams first occur
        counts = Counter(map(self.index.get, features(text)))
        counts.pop(None, None)
        w = {i: (1.0 + math.log(c)) * self.idf[i] / self.scale for i, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in w.values()))
        return {i: v / norm for i, v in w.items()} if norm else {}

    def score(self, text: str) -> Scored:
        w = self.weights(text)
        probs = {}
        for k, row, b in zip(self.kinds, self.coef, self.intercept):
            z = b + sum(v * row[i] for i, v in w.items()) / self.scale
            probs[k] = 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0
        return Scored(probs, sum(1 for i in w if _whole(self.vocabulary[i])), w)

    def top_ngrams(self, text: str, kind: str, n: int = 3, weights: Optional[dict] = None) -> list[str]:
        """The n-grams that pushed ``kind`` up most in this text (its evidence in the trace); ``weights``: the
        text's weights when already scored (``Scored.weights``), so they are not cut again."""
        row = self.coef[self.kinds.index(kind)]
        w = self.weights(text) if weights is None else weights
        pushes = sorted(((v * row[i], self.vocabulary[i]) for i, v in w.items() if v * row[i] > 0), reverse=True)
        # whole words and Chinese n-grams read better than a word's character pieces ('deci'): they go first
        readable = [f for _, f in pushes if f.startswith("w:") or HAN_RUN.search(f)]
        pieces = [f for _, f in pushes if f not in readable]
        return [f.split(":", 1)[1].strip() for f in (readable + pieces)[:n]]


def pack(values: list[int]) -> str:
    """A row of whole numbers in [-32768, 32767] as base64 of 16-bit little-endian integers."""
    row = array("h", values)
    if sys.byteorder == "big":
        row.byteswap()
    return base64.b64encode(row.tobytes()).decode("ascii")


def unpack(text: str) -> array:
    """``pack``'s inverse; ValueError when the text is not such a row."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("not base64") from None
    if len(raw) % 2:
        raise ValueError("an odd number of bytes")
    row = array("h")
    row.frombytes(raw)
    if sys.byteorder == "big":
        row.byteswap()
    return row


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number")


def load(path: str, kinds: list[str]) -> Model:
    """Read and check a model file; a fault is one ModelError line naming the file and the key."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelError(f"{path}: cannot read the reader model ({exc.strerror or exc}) — "
                         "restore it or retrain it with `python scripts/train_reader.py`") from None
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except ValueError as exc:
        raise ModelError(f"{path}: not valid JSON ({exc}) — retrain it with `python scripts/train_reader.py`") from None
    return Model(data, path, kinds)


class LazyModel:
    """The model of a pack set, read on the first text that needs it (a start that reads no
    objection pays nothing)."""

    def __init__(self, path: Optional[str], kinds: list[str]):
        self.path, self.kinds = path, kinds
        self._model: Optional[Model] = None

    def get(self) -> Optional[Model]:
        if self._model is None and self.path:
            self._model = load(self.path, self.kinds)
        return self._model


Normaliser = Callable[[str], str]

"""A linear model over a sentence's n-grams, trained offline and shipped as plain JSON: the part the learned readers of
the accounts room share (the opening reader, accounts/openingmodel.py; the situation reader, accounts/situationmodel.py).

Why one piece: both read one sentence of the record the same way — the text folded (NFKC, lower case, traditional →
simplified by the map stored in the model file), cut into the n-grams of accounts/ngrams.py, weighted TF-IDF as
scikit-learn trained it (sublinear tf, the trained idf, L2 norm over the kept vocabulary) — and differ only in the rows
they dot those weights with. So the file checks, the weighting, the evidence (the n-grams that pushed a reading most)
and the loading live here once; a reader declares its format, its own keys and how it turns scores into a reading.

Nothing but json and math runs: scikit-learn is for training only (scripts/train_*.py). A fault in a file is one line
naming the file, the key and the fix.
"""
from __future__ import annotations

import functools
import json
import math
import operator
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Generic, Optional, TypeVar

from ..files.errors import AdvisorError
from .ngrams import HAN_RUN, grams


def fold(text: str, traditional: dict[int, str]) -> str:
    """What the n-grams are cut from: full-width forms folded, lower case, traditional characters simplified."""
    return unicodedata.normalize("NFKC", text).lower().translate(traditional)


def features(text: str) -> list[str]:
    """The n-grams of a folded text (accounts/ngrams.py): Chinese runs in character 1-3-grams (``c:``), Latin words
    (digits → 0) as words and word pairs (``w:``) and their padded character 3-/4-grams (``c:``)."""
    return grams(text)


def whole(gram: str) -> bool:
    """A word, a word pair or a Chinese n-gram — not a piece of a Latin word: what counts towards ``min_grams``."""
    return gram.startswith("w:") or bool(HAN_RUN.match(gram[2:3]))


class LinearModelError(AdvisorError):
    pass


class LinearSentenceModel:
    """A loaded, checked model file: the shared keys (vocabulary, idf, min_grams, traditional, trained_on) here, a
    reader's own keys in ``_check_own``. A subclass sets FORMAT, TRAINER (the script that writes the file), WHAT (its
    name in a message), ERROR and OWN_KEYS."""

    FORMAT = ""
    TRAINER = ""
    WHAT = "model"
    ERROR: type[LinearModelError] = LinearModelError
    OWN_KEYS: tuple[str, ...] = ()

    def __init__(self, data: dict, path: str):
        self.path = path
        self._check(data)
        self.vocabulary: list[str] = data["vocabulary"]
        self.index = {g: i for i, g in enumerate(self.vocabulary)}
        self.idf: list[float] = data["idf"]
        self.min_grams: int = int(data["min_grams"])
        self.traditional = str.maketrans(dict(zip(data["traditional"][0::2], data["traditional"][1::2])))
        self.trained_on: dict = data["trained_on"]

    def _fail(self, where: str, what: str) -> None:
        raise self.ERROR(f"{self.path}: {where}: {what} — retrain it with `python {self.TRAINER}`")

    def _check(self, data) -> None:
        if not isinstance(data, dict):
            self._fail("top level", "must be a JSON object")
        if data.get("format") != self.FORMAT:
            self._fail("format", f"must be {self.FORMAT!r}, is {data.get('format')!r}")
        for key in ("vocabulary", "idf") + self.OWN_KEYS + ("min_grams", "traditional", "trained_on"):
            if key not in data:
                self._fail(key, "missing")
        vocab = data["vocabulary"]
        if not isinstance(vocab, list) or not set(map(type, vocab)) <= {str} or len(set(vocab)) != len(vocab):
            self._fail("vocabulary", "must be a list of distinct n-gram strings")
        self._numbers("idf", data["idf"], len(vocab))
        self._check_own(data, len(vocab))
        if not isinstance(data["min_grams"], int) or isinstance(data["min_grams"], bool) or data["min_grams"] < 1:
            self._fail("min_grams", "must be a whole number ≥ 1")
        if not isinstance(data["traditional"], str) or len(data["traditional"]) % 2:
            self._fail("traditional", "must be a string of character pairs, traditional then simplified")

    def _check_own(self, data: dict, n: int) -> None:
        """A reader's own keys (``n``: the vocabulary's size)."""

    def _numbers(self, where: str, values, n: int) -> None:
        if not isinstance(values, list) or len(values) != n:
            self._fail(where, f"must be a list of {n} numbers")
        if values and (not set(map(type, values)) <= {int, float} or not max(map(abs, values)) < 1e9):
            self._fail(where, "must hold finite numbers only")

    def _probability(self, where: str, value, allow_none: bool = False) -> None:
        if allow_none and value is None:
            return
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value < 1:
            self._fail(where, "must be a probability between 0 and 1" + (" (or null)" if allow_none else ""))

    def folded(self, text: str) -> str:
        """The text as the model reads it (``fold``): where its n-grams can be found again."""
        return fold(text, self.traditional)

    def weights(self, text: str) -> dict[int, float]:
        """The text's TF-IDF weights by vocabulary index (sublinear tf, L2-normalised), as trained."""
        counts = Counter(map(self.index.get, features(fold(text, self.traditional))))
        counts.pop(None, None)
        w = {i: (1.0 + math.log(c)) * self.idf[i] for i, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in w.values()))
        return {i: v / norm for i, v in w.items()} if norm else {}

    @functools.cached_property
    def _whole(self) -> list[bool]:
        """Per vocabulary index: the n-gram is whole (``whole``) — asked of every n-gram of every sentence read."""
        return [whole(g) for g in self.vocabulary]

    def knows(self, w: dict[int, float]) -> bool:
        """Whether the text holds ``min_grams`` whole n-grams the model knows (a few characters say nothing)."""
        return sum(map(self._whole.__getitem__, w)) >= self.min_grams

    @staticmethod
    def dot(w: dict[int, float], row: list) -> float:
        """Σ weight × row[index] over the text's weights, in their order: what ``sum(v * row[i] for i, v in
        w.items())`` gives, to the last bit (the same products summed in the same order), its loop in C — a reading
        dots one row per label (26 for the situation reader) with every sentence no phrase reads."""
        return sum(map(operator.mul, w.values(), map(row.__getitem__, w)))

    def evidence(self, w: dict[int, float], row: list[float], top: int) -> list[str]:
        """The whole n-grams that pushed ``row``'s score up most, as they read in the folded text (the trace's
        evidence: whole words and Chinese n-grams read better than a word's character pieces)."""
        pushes = sorted(((v * row[i], self.vocabulary[i]) for i, v in w.items() if v * row[i] > 0), reverse=True)
        return [g.split(":", 1)[1].strip() for _, g in pushes if whole(g)][:top]


M = TypeVar("M", bound=LinearSentenceModel)


def load(path: str, kind: type[M]) -> M:
    """Read and check a model file; a fault is one error line (the reader's ERROR) naming the file and the key."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise kind.ERROR(f"{path}: cannot read the {kind.WHAT} ({exc.strerror or exc}) — restore it or "
                         f"retrain it with `python {kind.TRAINER}`") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise kind.ERROR(f"{path}: not valid JSON ({exc}) — retrain it with `python {kind.TRAINER}`") from None
    return kind(data, path)


class Lazy(Generic[M]):
    """The model of a pack set, read on the first sentence that needs it (an account that needs none pays nothing)."""

    def __init__(self, path: Optional[str], kind: type[M]):
        self.path = path
        self.kind = kind
        self._model: Optional[M] = None

    def get(self) -> Optional[M]:
        if self._model is None and self.path:
            self._model = load(self.path, self.kind)
        return self._model

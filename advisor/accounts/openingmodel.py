"""The learned opening reader (issue 22, session 8): does a sentence of the customer's own words describe an opening,
and of which type — where the packs' phrase lists and the event reading (accounts/openings.py) find nothing.

Why: the lists generalise only as far as their words ("adding 60 ha of mandarins", "2027年兩個新商場開幕" name no word
of any list); a linear model over n-grams holds up on wordings nobody wrote a phrase for, as the objection reader's
did (reading/model.py). Trained offline by ``scripts/train_openings.py`` (scikit-learn, dev only) from the labelled
sentences of tests/data/openings/; shipped as plain JSON (rules/core/opening-model.json) and only *scored* here, in
pure Python: TF-IDF weights (sublinear tf, the trained idf, L2 norm over the kept vocabulary) dotted with

- one coefficient row for "an opening" (a logistic: its probability), and
- one row per type (a softmax over the types, fitted on the openings only: which type it is).

Why in the accounts room, not beside the objection reader: the openings are read while the facts are built
(accounts/facts.py), and that room is below reading (tests/test_layout.py). So the scorer is plain data and a small
pure-Python function here; the language room (the pack set) finds the file beside the core pack and hands the loaded
model down through ``fact_options``. The n-grams are the ones the objection reader cuts too (accounts/ngrams.py, without
its stems); both models' weights are stamped over that module.

The features: the text folded (NFKC, lower case, traditional → simplified by the map stored in the model file, the
one the training script took from the core pack), Chinese runs as character 1-, 2- and 3-grams, Latin words (digits
folded to 0) as words, word bigrams and the word's character 3- and 4-grams padded with spaces. The file is checked on
first use; a fault is one line naming the file, the key and the fix. Nothing but json and math runs.
"""
from __future__ import annotations

import json
import math
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..files.errors import AdvisorError
from .ngrams import HAN_RUN, grams

FORMAT = "advisor-opening-model/1"
FILE = "opening-model.json"  # beside the core pack's pack.yaml (language/pack.py finds it)


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


@dataclass
class Reading:
    """The model's reading of one text: how likely it is an opening, its likeliest type, the n-grams that weighed
    most for "opening" (its evidence in the trace)."""

    probability: float
    type: str
    type_probability: float
    grams: list[str] = field(default_factory=list)


class OpeningModelError(AdvisorError):
    pass


class OpeningModel:
    """A loaded, checked model file (see the module doc)."""

    def __init__(self, data: dict, path: str):
        self.path = path
        self._check(data)
        self.vocabulary: list[str] = data["vocabulary"]
        self.index = {g: i for i, g in enumerate(self.vocabulary)}
        self.idf: list[float] = data["idf"]
        self.coef: list[float] = data["coef"]
        self.intercept: float = float(data["intercept"])
        self.types: list[str] = list(data["types"])
        self.type_coef: list[list[float]] = [data["type_coef"][t] for t in self.types]
        self.type_intercept: list[float] = [float(data["type_intercept"][t]) for t in self.types]
        # the probability at which a reading makes an opening: chosen by the training script on cross-validation
        # (held-out files) for precision — a false opening puts a sale where the coach wants none
        self.threshold: float = float(data["threshold"])
        self.min_grams: int = int(data["min_grams"])
        self.traditional = str.maketrans(dict(zip(data["traditional"][0::2], data["traditional"][1::2])))
        self.trained_on: dict = data["trained_on"]

    def _fail(self, where: str, what: str) -> None:
        raise OpeningModelError(f"{self.path}: {where}: {what} — retrain it with `python scripts/train_openings.py`")

    def _check(self, data) -> None:
        if not isinstance(data, dict):
            self._fail("top level", "must be a JSON object")
        if data.get("format") != FORMAT:
            self._fail("format", f"must be {FORMAT!r}, is {data.get('format')!r}")
        for key in ("vocabulary", "idf", "coef", "intercept", "types", "type_coef", "type_intercept", "threshold",
                    "min_grams", "traditional", "trained_on"):
            if key not in data:
                self._fail(key, "missing")
        vocab = data["vocabulary"]
        if not isinstance(vocab, list) or not set(map(type, vocab)) <= {str} or len(set(vocab)) != len(vocab):
            self._fail("vocabulary", "must be a list of distinct n-gram strings")
        n = len(vocab)
        self._numbers("idf", data["idf"], n)
        self._numbers("coef", data["coef"], n)
        self._numbers("intercept", [data["intercept"]], 1)
        types = data["types"]
        if not isinstance(types, list) or not types or not set(map(type, types)) <= {str}:
            self._fail("types", "must be a non-empty list of opening types")
        for key in ("type_coef", "type_intercept"):
            if not isinstance(data[key], dict) or set(data[key]) != set(types):
                self._fail(key, "must hold one entry per type of 'types'")
        for t in types:
            self._numbers(f"type_coef.{t}", data["type_coef"][t], n)
            self._numbers(f"type_intercept.{t}", [data["type_intercept"][t]], 1)
        th = data["threshold"]
        if not isinstance(th, (int, float)) or isinstance(th, bool) or not 0 < th < 1:
            self._fail("threshold", "must be a probability between 0 and 1")
        if not isinstance(data["min_grams"], int) or isinstance(data["min_grams"], bool) or data["min_grams"] < 1:
            self._fail("min_grams", "must be a whole number ≥ 1")
        if not isinstance(data["traditional"], str) or len(data["traditional"]) % 2:
            self._fail("traditional", "must be a string of character pairs, traditional then simplified")

    def _numbers(self, where: str, values, n: int) -> None:
        if not isinstance(values, list) or len(values) != n:
            self._fail(where, f"must be a list of {n} numbers")
        if values and (not set(map(type, values)) <= {int, float} or not max(map(abs, values)) < 1e9):
            self._fail(where, "must hold finite numbers only")

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

    def read(self, text: str, top: int = 4) -> Optional[Reading]:
        """The reading of ``text``; None when it holds fewer than ``min_grams`` whole n-grams the model knows (a few
        characters say nothing)."""
        w = self.weights(text)
        if sum(1 for i in w if whole(self.vocabulary[i])) < self.min_grams:
            return None
        z = self.intercept + sum(v * self.coef[i] for i, v in w.items())
        p = 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0
        zs = [b + sum(v * row[i] for i, v in w.items()) for row, b in zip(self.type_coef, self.type_intercept)]
        top_z = max(zs)
        exps = [math.exp(x - top_z) for x in zs]
        best = max(range(len(zs)), key=lambda k: (zs[k], -k))
        pushes = sorted(((v * self.coef[i], self.vocabulary[i]) for i, v in w.items() if v * self.coef[i] > 0),
                        reverse=True)
        # whole words and Chinese n-grams read better in the trace than a word's character pieces
        readable = [g for _, g in pushes if whole(g)]
        return Reading(p, self.types[best], exps[best] / sum(exps), [g.split(":", 1)[1].strip() for g in readable[:top]])


def load(path: str) -> OpeningModel:
    """Read and check a model file; a fault is one OpeningModelError line naming the file and the key."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise OpeningModelError(f"{path}: cannot read the opening model ({exc.strerror or exc}) — restore it or "
                                "retrain it with `python scripts/train_openings.py`") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise OpeningModelError(f"{path}: not valid JSON ({exc}) — retrain it with `python scripts/train_openings.py`") \
            from None
    return OpeningModel(data, path)


class LazyOpeningModel:
    """The model of a pack set, read on the first sentence that needs it (an account whose lists read every opening
    pays nothing)."""

    def __init__(self, path: Optional[str]):
        self.path = path
        self._model: Optional[OpeningModel] = None

    def get(self) -> Optional[OpeningModel]:
        if self._model is None and self.path:
            self._model = load(self.path)
        return self._model

"""The learned opening reader (issue 22, session 8): does a sentence of the customer's own words describe an opening,
and of which type — where the packs' phrase lists and the event reading (accounts/openings.py) find nothing.

Why: the lists generalise only as far as their words ("adding 60 ha of mandarins", "2027年兩個新商場開幕" name no word
of any list); a linear model over n-grams holds up on wordings nobody wrote a phrase for, as the objection reader's
did (reading/model.py). Trained offline by ``scripts/train_openings.py`` (scikit-learn, dev only) from the labelled
sentences of tests/data/openings/; shipped as plain JSON (rules/core/opening-model.json) and only *scored* here, in
pure Python (the scorer shared with the situation reader: accounts/linearmodel.py): TF-IDF weights (sublinear tf,
the trained idf, L2 norm over the kept vocabulary) dotted with

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

import math
from dataclasses import dataclass, field
from typing import Optional

from . import linearmodel
from .linearmodel import LinearModelError, fold, features, whole  # noqa: F401  (the features the model is stamped over)

FORMAT = "advisor-opening-model/1"
FILE = "opening-model.json"  # beside the core pack's pack.yaml (language/pack.py finds it)


@dataclass
class Reading:
    """The model's reading of one text: how likely it is an opening, its likeliest type, the n-grams that weighed
    most for "opening" (its evidence in the trace)."""

    probability: float
    type: str
    type_probability: float
    grams: list[str] = field(default_factory=list)


class OpeningModelError(LinearModelError):
    pass


class OpeningModel(linearmodel.LinearSentenceModel):
    """A loaded, checked model file (see the module doc)."""

    FORMAT = FORMAT
    TRAINER = "scripts/train_openings.py"
    WHAT = "opening model"
    ERROR = OpeningModelError
    OWN_KEYS = ("coef", "intercept", "types", "type_coef", "type_intercept", "threshold")

    def __init__(self, data: dict, path: str):
        super().__init__(data, path)
        self.coef: list[float] = data["coef"]
        self.intercept: float = float(data["intercept"])
        self.types: list[str] = list(data["types"])
        self.type_coef: list[list[float]] = [data["type_coef"][t] for t in self.types]
        self.type_intercept: list[float] = [float(data["type_intercept"][t]) for t in self.types]
        # the probability at which a reading makes an opening: chosen by the training script on cross-validation
        # (held-out files) for precision — a false opening puts a sale where the coach wants none
        self.threshold: float = float(data["threshold"])

    def _check_own(self, data: dict, n: int) -> None:
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
        self._probability("threshold", data["threshold"])

    def read(self, text: str, top: int = 4) -> Optional[Reading]:
        """The reading of ``text``; None when it holds fewer than ``min_grams`` whole n-grams the model knows (a few
        characters say nothing)."""
        w = self.weights(text)
        if not self.knows(w):
            return None
        z = self.intercept + self.dot(w, self.coef)
        p = 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0
        zs = [b + self.dot(w, row) for row, b in zip(self.type_coef, self.type_intercept)]
        top_z = max(zs)
        exps = [math.exp(x - top_z) for x in zs]
        best = max(range(len(zs)), key=lambda k: (zs[k], -k))
        return Reading(p, self.types[best], exps[best] / sum(exps), self.evidence(w, self.coef, top))


def load(path: str) -> OpeningModel:
    """Read and check a model file; a fault is one OpeningModelError line naming the file and the key."""
    return linearmodel.load(path, OpeningModel)


class LazyOpeningModel(linearmodel.Lazy[OpeningModel]):
    """The model of a pack set, read on the first sentence that needs it (an account whose lists read every opening
    pays nothing)."""

    def __init__(self, path: Optional[str]):
        super().__init__(path, OpeningModel)

"""The learned situation reader (issue 22, session 11): which situation one sentence of the record tells, if any — where
no phrase reading of the packs (accounts/situations.py) fires.

Why: the phrase lists generalise only as far as their words; on new accounts written in new styles they find little
("AP keep saying 'next week' since October", "三个电话两条微信都没回" name no word of a list). A linear model over the
sentence's n-grams holds up on wordings nobody wrote a phrase for, as the opening reader did (accounts/openingmodel.py).
Trained offline by ``scripts/train_situations.py`` from the labelled sentences of tests/data/situations/ (two
independent writers, en/zh/zh-Hant, with hard ``none`` traps); shipped as plain JSON (rules/core/situation-model.json)
and scored here in pure Python with the scorer the opening reader uses (accounts/linearmodel.py): the sentence's
TF-IDF weights dotted with one row per label — the situation kinds and ``none`` — a softmax over them.

A reading *fires* only when its likeliest label is a kind (not ``none``) at or above that kind's own threshold, which
the training script chose where the held-out readings (the other writer's sentences) reach its precision target; a
kind that never reached it has no threshold (null) and never fires; and only when one of its three weightiest n-grams
says something — not function words alone (accounts/functionwords.py, session 13). The guards a phrase reading has (who acts, a
negation before the words, a rumour or supposition, settled since, recency) are applied by situations.py, not here.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Optional

from . import linearmodel
from .functionwords import has_content
from .linearmodel import LinearModelError

FORMAT = "advisor-situation-model/1"
FILE = "situation-model.json"  # beside the core pack's pack.yaml (language/pack.py finds it)
NONE = "none"  # the label of a sentence that tells no situation
# an n-gram of digits alone (digits are folded to 0: "00", " 00 "): a count, a date or an amount says how much or when,
# never which situation — "Renewal is 1 Feb (40 named seats)" was read as low usage on its "00" (issue 22, session 12)
_NUMBER_ONLY = re.compile(r"^[\W\d_]*$")


class SituationModelError(LinearModelError):
    pass


@dataclass(frozen=True)
class Reading:
    """The model's reading of one sentence: its likeliest label, that label's probability, whether it fires (a kind
    at or above its threshold), and the n-grams that weighed most for it (its evidence in the trace)."""

    kind: str
    probability: float
    fires: bool
    grams: list[str] = field(default_factory=list)


class SituationModel(linearmodel.LinearSentenceModel):
    """A loaded, checked model file (see the module doc)."""

    FORMAT = FORMAT
    TRAINER = "scripts/train_situations.py"
    WHAT = "situation model"
    ERROR = SituationModelError
    OWN_KEYS = ("labels", "coef", "scale", "intercept", "thresholds")

    def __init__(self, data: dict, path: str):
        super().__init__(data, path)
        self.labels: list[str] = list(data["labels"])
        # whole numbers, ``scale`` times the coefficient: integers parse faster than decimals, and the file is read
        # on every cold start (26 rows of thousands of n-grams)
        self.coef: list[list[int]] = [data["coef"][k] for k in self.labels]
        self.scale: int = data["scale"]
        self.intercept: list[float] = [float(data["intercept"][k]) for k in self.labels]
        # per kind, the probability at which a reading fires (null: never) — chosen out of fold for precision
        self.thresholds: dict[str, Optional[float]] = dict(data["thresholds"])
        self.numeric: list[bool] = [bool(_NUMBER_ONLY.match(g.split(":", 1)[-1])) for g in self.vocabulary]

    def _check_own(self, data: dict, n: int) -> None:
        labels = data["labels"]
        if not isinstance(labels, list) or NONE not in labels or len(labels) < 3 or \
                not set(map(type, labels)) <= {str} or len(set(labels)) != len(labels):
            self._fail("labels", f"must be a list of distinct labels holding {NONE!r} and at least two kinds")
        for key in ("coef", "intercept", "thresholds"):
            want = set(labels) - ({NONE} if key == "thresholds" else set())
            if not isinstance(data[key], dict) or set(data[key]) != want:
                self._fail(key, "must hold one entry per label of 'labels'" + (f" but {NONE!r}" if key == "thresholds"
                                                                                  else ""))
        if not isinstance(data["scale"], int) or isinstance(data["scale"], bool) or data["scale"] < 1:
            self._fail("scale", "must be a whole number ≥ 1")
        for k in labels:
            row = data["coef"][k]
            if not isinstance(row, list) or len(row) != n or (row and set(map(type, row)) != {int}):
                self._fail(f"coef.{k}", f"must be a list of {n} whole numbers")
            self._numbers(f"intercept.{k}", [data["intercept"][k]], 1)
            if k != NONE:
                self._probability(f"thresholds.{k}", data["thresholds"][k], allow_none=True)

    def weights(self, text: str) -> dict[int, float]:
        """The text's weights as trained, less the n-grams of digits alone (``_NUMBER_ONLY``): the words read the
        situation, the numbers only size it. Not normalised again — the words keep the weight they had beside the
        numbers (normalised again, "vendors may host meals up to KRW 30,000 per head" rose to a supplier cut)."""
        return {i: v for i, v in super().weights(text).items() if not self.numeric[i]}

    def read(self, text: str, top: int = 4) -> Optional[Reading]:
        """The reading of ``text``; None when it holds fewer than ``min_grams`` whole n-grams the model knows."""
        w = self.weights(text)
        if not self.knows(w):
            return None
        zs = [b + self.dot(w, row) / self.scale for row, b in zip(self.coef, self.intercept)]
        top_z = max(zs)
        total = sum(math.exp(z - top_z) for z in zs)
        best = max(range(len(zs)), key=lambda k: (zs[k], -k))
        kind, p = self.labels[best], 1.0 / total
        threshold = self.thresholds.get(kind)
        grams = self.evidence(w, self.coef[best], top)
        # a reading whose weightiest n-grams are function words only ("next · for · the") stands on a sentence's shape,
        # not on what it says: it does not fire (accounts/functionwords.py)
        fires = kind != NONE and threshold is not None and p >= threshold and has_content(grams[:3])
        return Reading(kind, p, fires, grams)


def load(path: str) -> SituationModel:
    """Read and check a model file; a fault is one SituationModelError line naming the file and the key."""
    return linearmodel.load(path, SituationModel)


class LazySituationModel(linearmodel.Lazy[SituationModel]):
    """The model of a pack set, read on the first sentence that needs it."""

    def __init__(self, path: Optional[str]):
        super().__init__(path, SituationModel)

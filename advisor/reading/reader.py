"""The objection reader: the packs' cues first, the learned model where they are unsure.

Why both: the cues are precise when a strong cue fires, and they say why (clause and phrase); they
fall short on wordings nobody wrote a cue for. The linear model (reading/model.py) holds up there,
and it is a second opinion on a double kind. So, per objection:

1. the cues read it (reading/cues.py);
2. a strong cue decided → the cues' kinds stand, except that a kind beyond the first needs the
   model's agreement (probability ≥ ``confirm_at``); one it does not give is moved to ``cleared``
   with the model's figure (a spurious second kind from an incidental word is the cues' most
   common fault);
3. no strong cue: a weak cue's kind stands when the model gives it at least ``weak_at``; else the
   model answers when its top kind reaches ``answer_at`` (and the text has ``min_grams`` n-grams it knows) (a second kind joins at ``second_at``),
   with the n-grams that weighed most as evidence; else the weak cue's kind, else ``unclassified``.

The thresholds are part of the model file, chosen by the training script on cross-validation.
"""
from __future__ import annotations

from typing import Optional

from .cues import UNCLASSIFIED, Evidence, ObjectionKindsSpec, Recogniser, Recognition
from .model import LazyModel, Model


class Reader:
    """What a pack set reads objections with: its cues and, when a pack ships one, its model."""

    def __init__(self, spec: ObjectionKindsSpec):
        self.spec = spec
        self.matcher = Recogniser(spec)
        self.kinds = self.matcher.kinds
        self.labels = self.matcher.labels
        self._model = LazyModel(spec.model, self.kinds)

    @property
    def model(self) -> Optional[Model]:
        return self._model.get()

    def normalise(self, text: str) -> str:
        return self.matcher.normalise(text)

    def cues(self, text: str) -> Recognition:
        """The cues' reading alone (benchmarks compare it with the model's and the hybrid's)."""
        return self.matcher.recognise(text)

    def model_only(self, text: str) -> Recognition:
        """The model's reading alone: its top kind, and a second one at ``second_at``."""
        model = self.model
        if model is None:
            return Recognition([UNCLASSIFIED], UNCLASSIFIED)
        norm = self.normalise(text)
        scored = model.score(norm)
        return self._answer(model, norm, scored.ranked() if scored.grams >= model.min_grams else [], [])

    def recognise(self, text: str) -> Recognition:
        cue = self.matcher.recognise(text)
        if cue.strong and len(cue.kinds) < 2:
            return cue  # one kind on a strong cue: the model is not asked (nor read from disk)
        model = self.model
        if model is None:
            return cue
        norm = self.normalise(text)
        scored = model.score(norm)
        ranked = scored.ranked()
        probs = dict(ranked)
        if cue.strong:
            return self._confirm(cue, probs)
        if cue.kinds != [UNCLASSIFIED] and all(probs.get(k, 0.0) >= model.weak_at for k in cue.kinds):
            # a weak cue the model does not contradict stands ("the delivery" said of a delivery)
            return Recognition(cue.kinds, cue.source, cue.evidence, cue.cleared, "cues+model")
        if scored.grams >= model.min_grams and ranked[0][1] >= model.answer_at:
            return self._answer(model, norm, ranked, cue.cleared)
        return cue

    def _confirm(self, cue: Recognition, probs: dict[str, float]) -> Recognition:
        """Keep the cues' kinds the model agrees with (the best-supported one always stays)."""
        model = self.model
        assert model is not None
        first = max(cue.kinds, key=lambda k: (probs.get(k, 0.0), -cue.kinds.index(k)))
        keep = [k for k in cue.kinds if k == first or probs.get(k, 0.0) >= model.confirm_at]
        if keep == cue.kinds:
            return Recognition(cue.kinds, cue.source, cue.evidence, cue.cleared, "cues+model")
        cleared = list(cue.cleared)
        for e in cue.evidence:
            if e.kind not in keep:
                cleared.append(Evidence(e.kind, e.clause, f"{e.phrase} (the model gives it {probs.get(e.kind, 0.0):.0%})"))
        evidence = [e for e in cue.evidence if e.kind in keep]
        return Recognition(keep, cue.source, evidence, cleared, "cues+model")

    def _answer(self, model: Model, norm: str, ranked: list[tuple[str, float]], cleared: list[Evidence]) -> Recognition:
        if not ranked or ranked[0][1] < model.answer_at:
            return Recognition([UNCLASSIFIED], UNCLASSIFIED, [], cleared, "model")
        (top, p), (second, q) = ranked[0], ranked[1]
        kinds = [top] + ([second] if q >= model.second_at else [])
        evidence = []
        for k, prob in ((top, p), (second, q))[:len(kinds)]:
            grams = ", ".join(f"'{g}'" for g in model.top_ngrams(norm, k))
            evidence.append(Evidence(k, norm, f"model {prob:.0%}: {grams}" if grams else f"model {prob:.0%}"))
        return Recognition(kinds, "recognised", evidence, cleared, "model")

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

import re
from typing import Optional, Sequence

from .cues import UNCLASSIFIED, Evidence, ObjectionKindsSpec, Recogniser, Recognition
from .model import LazyModel, Model

# The account's own competitor, named as the one they buy from, are bound to, or moved the business to:
# then the objection is the incumbent (a switch to win back), whatever contract word carried it.
# Words around the name, matched on the normalised text (contractions written out, simplified characters).
_MOVED_EN = (r"(?:moved|moving|move|switched|switching|switch|went|gone|going|changed|changing|shifted|shifting|"
             r"gave|given|giving|awarded|transferred|placed|took|taken|taking)\b")
_BOUND_EN = (r"(?:(?:locked|tied|committed|contract|contracted|deal|agreement|framework|partnership|partnered|partner|"
             r"signed|sign|buy|buying|bought|order|ordering|source|sourcing|get|getting|use|using|used|run|running|"
             r"standardi[sz]ed|happy|stick|sticking|stay|staying|stayed|loyal|work|working|been|with|from)\b|all-)")
_MOVED_ZH = r"(?:换成|换到|换了|转到|转给|改用|改成|给了|交给|投向|转向|跑到|去了)"
_BOUND_ZH = r"(?:用的是|在用|一直用|用了|合作|签了|签的|锁定|绑定|进货|拿货|采购|买|配合|供货|长期|独家|定点)"


def _named(text: str, names: Sequence[str]) -> Optional[tuple[str, int]]:
    """The first listed competitor named in the (normalised) text, and where."""
    for name in names:
        n = name.lower().strip()
        if not n:
            continue
        if re.search(r"[\u3400-\u9fff]", n):
            at = text.find(n)
        else:
            m = re.search(r"(?<![\w'])" + re.escape(n) + r"(?![\w'])", text)
            at = m.start() if m else -1
        if at >= 0:
            return name, at
    return None


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

    def recognise(self, text: str, competitors: Sequence[str] = ()) -> Recognition:
        """``competitors``: the account's listed competitors (and the packs' brands join them)."""
        got = self._read(text)
        names = list(competitors) + self._brands()
        return self._account(got, text, names) if names else got

    def _brands(self) -> list[str]:
        brand = self.spec.concepts.get("brand")
        return (brand.en + brand.zh) if brand else []

    def _account(self, got: Recognition, text: str, names: list[str]) -> Recognition:
        """A listed competitor named as the one they buy from or moved to: the incumbent (a switch)."""
        norm = self.normalise(text)
        hit = _named(norm, names)
        if hit is None:
            return got
        name, at = hit
        got.competitor = name
        before, after = norm[max(0, at - 60):at], norm[at:at + len(name) + 40]
        moved = re.search(_MOVED_EN + r"(?:\s+\S+){0,6}\s*$", before) or re.search(_MOVED_ZH + r".{0,8}$", before)
        bound = moved or re.search(_BOUND_EN + r"(?:\s+\S+){0,6}\s*$", before) or \
            re.search(_BOUND_ZH + r".{0,8}$", before) or re.search(r"^.{0,12}" + _BOUND_ZH, after[len(name):])
        if not bound:
            return got  # named only as a reference ("Grundfos quoted 10% less"): the reading stands
        got.switching = True
        # the contract word that carried the cues' "terms" is the tie to the competitor: incumbent instead
        others = [k for k in got.kinds if k not in ("incumbent", "terms", UNCLASSIFIED)]
        kinds = ["incumbent"] + others[:1]
        word = (moved or bound).group(0).strip()
        evidence = [Evidence("incumbent", norm, f"listed competitor '{name}' + '{word}'")]
        evidence += [e for e in got.evidence if e.kind in kinds and e.kind != "incumbent"]
        cleared = list(got.cleared) + [Evidence(e.kind, e.clause, f"{e.phrase} (the tie is to competitor '{name}')")
                                       for e in got.evidence if e.kind not in kinds]
        return Recognition(kinds, "recognised", evidence, cleared, got.reader, competitor=name, switching=True)

    def _read(self, text: str) -> Recognition:
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

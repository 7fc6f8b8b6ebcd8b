"""Issue 24 — the objection reader's learned fallback: shipped as plain JSON weights, checked when read,
scored in pure Python the way scikit-learn scored it, fresh against the corpus, and heard only where
the cues are unsure (or on a second kind)."""
from __future__ import annotations

import json
import shutil
import sys

import pytest

from advisor.files.errors import AdvisorError
from advisor.language.pack import load_packs
from advisor.reading import model as reader_model
from advisor.reading.cues import UNCLASSIFIED

from .conftest import ROOT, RULES

sys.path.insert(0, str(ROOT / "scripts"))
import train_reader  # noqa: E402  (scripts/train_reader.py: its corpus and fingerprint need no scikit-learn)

MODEL = RULES / "core" / "reader-model.json"


@pytest.fixture(scope="module")
def reader():
    return load_packs(["core"], RULES).recogniser


@pytest.fixture(scope="module")
def shipped():
    return json.loads(MODEL.read_text(encoding="utf-8"))


# ----------------------------------------------------------------- fresh, small, plain ---
def test_the_shipped_weights_are_fresh_against_the_corpus(reader, shipped):
    """Change a corpus line, a cue, the fold map or the features and this fails until
    `python scripts/train_reader.py` is run again."""
    rows = train_reader.corpus()
    stamp = train_reader.fingerprint(rows + train_reader.cue_lines(reader.spec), train_reader.PARAMS, reader.spec.traditional)
    assert shipped["trained_on"]["sha256"] == stamp, "stale reader model: run python scripts/train_reader.py"
    assert shipped["params"] == train_reader.PARAMS


def test_the_fingerprint_moves_with_a_label(reader):
    rows = train_reader.corpus()
    base = train_reader.fingerprint(rows, train_reader.PARAMS, reader.spec.traditional)
    changed = [dict(rows[0], kinds=["need"])] + rows[1:]
    assert train_reader.fingerprint(changed, train_reader.PARAMS, reader.spec.traditional) != base


def test_training_never_reads_the_frozen_blind_sets():
    assert not any("blind/" in f for f in train_reader.TRAIN_FILES)
    with pytest.raises(SystemExit, match="never trained on"):
        train_reader.corpus(["tests/data/blind/objections-blind3.yaml"])


def test_the_file_is_small_plain_json(shipped):
    assert MODEL.stat().st_size < 1_000_000
    assert shipped["format"] == reader_model.FORMAT
    assert len(shipped["vocabulary"]) == len(shipped["idf"]) == len(shipped["coef"]["price"])


def test_pure_python_scores_what_scikit_learn_scored(reader, shipped):
    """The training script stored scikit-learn's probabilities for a few texts; the pure-Python
    scorer (integer weights, rounded) must land on them."""
    model = reader.model
    for text, probs in shipped["probes"].items():
        got = model.score(reader.normalise(text)).probs
        for kind, p in probs.items():
            assert got[kind] == pytest.approx(p, abs=0.02), (text, kind)


def test_features_cover_both_scripts():
    grams = reader_model.features("太贵了 too expensive")
    assert {"c:太", "c:太贵", "c:太贵了", "w:too", "w:too expensive", "c: to", "c:exp"} <= set(grams)
    assert "w:00%" in reader_model.features("knock 15% off") or "w:00" in reader_model.features("knock 15% off")


# ----------------------------------------------------------------- checked when read ---
def _broken(tmp_path, change) -> str:
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "reader-model.json"
    path.write_text(json.dumps(data).replace("987654321987", "1e999"), encoding="utf-8")  # json.dumps writes no 1e999
    return str(path)


@pytest.mark.parametrize("change,needle", [
    (lambda d: d["coef"]["price"].pop(), "coef.price: must be a list of 4000 numbers"),
    (lambda d: d["coef"]["trust"].__setitem__(3, "x"), "coef.trust: must hold whole numbers only"),
    (lambda d: d["coef"]["need"].__setitem__(0, 987654321987), "coef.need: must hold whole numbers only"),  # 1e999 is a float
    (lambda d: d["intercept"].__setitem__("need", 987654321987), "intercept.need: holds a number that is not finite"),
    (lambda d: d.pop("idf"), "idf: missing"),
    (lambda d: d["kinds"].append("gossip"), "kinds: 'gossip' is no objection kind"),
    (lambda d: d["decide"].__setitem__("answer_at", 3), "decide.answer_at: must be a probability"),
    (lambda d: d.__setitem__("format", "pickle"), "format: must be"),
])
def test_a_broken_model_is_one_line_naming_file_and_key(tmp_path, reader, change, needle):
    path = _broken(tmp_path, change)
    with pytest.raises(reader_model.ModelError) as err:
        reader_model.load(path, reader.kinds)
    message = str(err.value)
    assert message.startswith(path + ": ") and needle in message and "train_reader.py" in message
    assert "\n" not in message


def test_nan_literals_are_refused(tmp_path, reader):
    path = tmp_path / "m.json"
    path.write_text(MODEL.read_text(encoding="utf-8").replace('"intercept":{"price":', '"intercept":{"price":NaN,"x":', 1))
    with pytest.raises(reader_model.ModelError, match="not valid JSON"):
        reader_model.load(str(path), reader.kinds)


def test_a_missing_model_file_fails_the_pack_load_with_its_line(tmp_path):
    shutil.copytree(RULES / "core", tmp_path / "core")
    (tmp_path / "core" / "reader-model.json").unlink()
    with pytest.raises(AdvisorError) as err:
        load_packs(["core"], tmp_path)
    assert "objection-kinds.yaml:" in str(err.value) and "no reader model file 'reader-model.json'" in str(err.value)


def test_the_model_is_read_only_when_a_text_needs_it():
    fresh = load_packs(["core"], RULES).recogniser
    assert fresh._model._model is None
    fresh.recognise("Your price is too high.")  # one strong cue: the cues answer alone
    assert fresh._model._model is None
    fresh.recognise("These decisions come from above, not from me.")
    assert fresh._model._model is not None


# ----------------------------------------------------------------- heard where the cues are unsure ---
def test_the_model_answers_where_no_cue_fires(reader):
    got = reader.recognise("These decisions come from above, not from me.")
    assert reader.cues("These decisions come from above, not from me.").kinds == [UNCLASSIFIED]
    assert got.kinds == ["authority"] and got.reader == "model"
    (ev,) = got.evidence
    assert ev.phrase.startswith("model ") and "'" in ev.phrase  # its figure and the n-grams that weighed most


def test_a_text_the_model_barely_knows_stays_unclassified(reader):
    assert reader.recognise("Hmm.").kinds == [UNCLASSIFIED]


def test_a_strong_cue_decides_without_the_model(reader):
    got = reader.recognise("Your price is too high.")
    assert got.kinds == ["price"] and got.reader == "cues"


def test_the_model_vetoes_a_second_kind_it_does_not_see(reader):
    text = "We can't commit to a 5,000-unit minimum order."
    assert len(reader.cues(text).kinds) == 2
    got = reader.recognise(text)
    assert got.kinds == ["terms"] and got.reader == "cues+model"
    assert any("the model gives it" in e.phrase for e in got.cleared)


def test_the_model_confirms_a_true_second_kind(reader):
    assert reader.recognise("太贵了,而且付款条件也不好").kinds == ["price", "terms"]

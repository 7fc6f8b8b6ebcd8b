"""The clause judge of a second kind (advisor/reading/second.py): a kind a clause of its own carries joins the
first, weighed by a logistic judge fitted on out-of-fold readings — and it stays out where it is not meant."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.language.pack import load_packs
from advisor.reading import model as reader_model
from advisor.reading import second

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
MODEL = RULES / "core" / "reader-model.json"
KINDS = ["price", "budget", "authority", "stall", "timing"]


@pytest.fixture(scope="module")
def reader():
    return load_packs(["core"], RULES).recogniser


def _sig(strong=None, also=(), adds=False):
    return {"strong": strong or {}, "weak": set(), "cleared": set(), "pairs": set(), "also": set(also), "adds": adds}


def _probs(**given):
    return {k: given.get(k, 0.01) for k in KINDS}


# a judge that trusts only the clause's own figure for the kind (the third signal), for the pure tests
CLAUSE_ONLY = {"features": second.names(KINDS), "intercept": -4.0,
               "coef": [8.0 if n == "clause" else 0.0 for n in second.names(KINDS)]}


def test_a_kind_one_clause_carries_joins_on_the_judges_figure():
    units = [("太贵了", _probs(price=0.9), 3), ("老板说要等他回来才能定", _probs(authority=0.95), 9)]
    got = second.by_clause("price", _probs(price=0.9, authority=0.2), units, _sig(), "太贵了,老板说要等他回来才能定",
                           CLAUSE_ONLY, 0.5, set())
    assert got is not None and got[0] == "authority" and got[2] == 1 and got[1] > 0.9


def test_one_clause_or_a_weak_clause_adds_nothing():
    one = [("老板说要等他回来才能定", _probs(authority=0.95), 9)]
    assert second.by_clause("price", _probs(price=0.9), one, _sig(), one[0][0], CLAUSE_ONLY, 0.5, set()) is None
    weak = [("太贵了", _probs(price=0.9), 3), ("回头再聊", _probs(authority=0.3), 4)]
    assert second.by_clause("price", _probs(price=0.9), weak, _sig(), "太贵了,回头再聊", CLAUSE_ONLY, 0.5, set()) is None


def test_a_pair_the_reader_never_reads_together_is_never_offered():
    units = [("no budget this year", _probs(budget=0.9), 4), ("and it is too expensive", _probs(price=0.99), 4)]
    text = "no budget this year, and it is too expensive"
    assert second.by_clause("budget", _probs(budget=0.9, price=0.6), units, _sig(), text, CLAUSE_ONLY, 0.5,
                            {frozenset(("budget", "price"))}) is None
    assert second.by_clause("budget", _probs(budget=0.9, price=0.6), units, _sig(), text, CLAUSE_ONLY, 0.5,
                            set())[0] == "price"


def test_the_features_say_where_the_clause_stands():
    text = "the price is fine, but my boss decides"
    units = [("the price is fine", _probs(price=0.8), 4), ("my boss decides", _probs(authority=0.9), 3)]
    (kind, features, at), = [c for c in second.candidates("authority", _probs(authority=0.9, price=0.5), units,
                                                          _sig(), text, set()) if c[0] == "price"]
    named = dict(zip(second.names(KINDS), features))
    assert at == 0 and named["first_clause"] == 1.0 and named["last_clause"] == 0.0
    assert named["before_contrast"] == 1.0 and named["after_contrast"] == 0.0 and named["kind=price"] == 1.0
    (kind, features, at), = [c for c in second.candidates("price", _probs(price=0.8, authority=0.5), units,
                                                          _sig(adds=True), text, set()) if c[0] == "authority"]
    named = dict(zip(second.names(KINDS), features))
    assert at == 1 and named["after_contrast"] == 1.0 and named["text_adds"] == 1.0


def test_the_shipped_judge_is_the_judge_of_this_code(reader):
    judge = reader.model.second
    assert judge["features"] == second.names(reader.kinds)
    assert len(judge["coef"]) == len(judge["features"]) and 0 < reader.model.decide["clause_at"] < 1


@pytest.mark.parametrize("change,needle", [
    (lambda d: d["second"].__setitem__("features", d["second"]["features"][:-1]), "second.features: must be the clause judge's"),
    (lambda d: d["second"].__setitem__("coef", d["second"]["coef"][:3]), "second.coef: must be a list of"),
    (lambda d: d["second"].__setitem__("intercept", "high"), "second.intercept: must hold numbers only"),
    (lambda d: d.__setitem__("second", [1, 2]), "second: must be a mapping"),
    (lambda d: d["decide"].pop("clause_at"), "decide.clause_at: must be a probability"),
])
def test_a_broken_judge_is_one_line_naming_file_and_key(tmp_path, reader, change, needle):
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "reader-model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(reader_model.ModelError) as err:
        reader_model.load(str(path), reader.kinds)
    message = str(err.value)
    assert message.startswith(str(path) + ": ") and needle in message and "\n" not in message


def test_a_time_that_names_a_decider_is_authority_not_timing():
    from advisor.reading.reader import decider_date

    sig = {"strong": {"timing": {"until the new md starts"}, "authority": {"he signs"}}, "decider_date": True}
    assert decider_date(["timing", "authority"], sig) == ["authority"]
    assert decider_date(["timing"], sig) == ["authority"]
    # a time of its own (no decider in its clause) stays timing beside the decider
    plain = {"strong": {"timing": {"after the audit in march"}, "authority": {"the board agrees"}}, "decider_date": False}
    assert decider_date(["timing", "authority"], plain) == ["timing", "authority"]
    # no decider read anywhere: the time stands
    assert decider_date(["timing"], {"strong": {"timing": {"after the md's trip"}}, "decider_date": True}) == ["timing"]


@pytest.mark.parametrize("text,decider", [
    ("We will wait till the new CFO starts in April", True),
    ("等新来的厂长下个月上任再说", True),
    ("新總經理下個月到任之後再談", True),
    ("After the audit in March", False),
    ("等下个月搬完厂再说", False),
])
def test_the_signals_mark_a_time_that_names_a_decider(reader, text, decider):
    from advisor.reading.reader import signals

    norm = reader.normalise(text)
    cue = reader.matcher.recognise(norm)
    assert "timing" in cue.kinds, cue.kinds
    assert signals(cue, reader.matcher.together, norm, reader.roles)["decider_date"] is decider

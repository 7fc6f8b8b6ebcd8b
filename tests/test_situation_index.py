"""Reading the situation kinds in one pass (session 12, performance): the index of where each vocabulary's words can
stand (situations.WordIndex) runs only the finders whose words can stand in a clause, and finds exactly what reading
every clause once per kind found; the vocabulary patterns grouped under one pair of word bounds (wordlists.Pattern)
match exactly what one pair of bounds per word matched; the readers of a pack set's words are built once per pack
set. Identical advice is the whole test of these changes: none of them may change what is read."""
from __future__ import annotations

import copy
import math
import pickle
import random
import re

import pytest

from advisor.accounts import situations, wordlists
from advisor.accounts.linearmodel import LinearSentenceModel
from advisor.files.yamlio import load_yaml_file

from .conftest import ROOT

CORPUS = sorted((ROOT / "tests" / "data" / "situations").glob("sentences-*.yaml"))


@pytest.fixture(scope="module")
def vocabulary(advisor):
    return advisor.load(["core"])[0].fact_options()["vocabulary"]


@pytest.fixture(scope="module")
def clauses() -> list[str]:
    """Every clause of every corpus sentence, lower-cased, as situations.add reads them."""
    out = []
    for path in CORPUS:
        data, _ = load_yaml_file(path)
        for line in data["lines"]:
            out += [sentence[lo:hi].lower() for sentence, lo, hi in situations._clauses(line["text"])]
    return out


def test_the_index_finds_what_the_per_kind_scan_found(vocabulary, clauses):
    found = situations.finders(vocabulary)
    assert len(found) >= 20 and len(clauses) > 3000
    hits = settles = 0
    for clause in clauses[::2]:  # every other clause of the corpora: the per-kind scan is what made it slow
        words = {kind: w for kind, (find, _) in found.items() if (w := find(clause))}
        settled = {kind: d for kind, (_, cleared) in found.items() if (d := cleared(clause))}
        assert found.read(clause) == (words, settled), clause
        hits += len(words)
        settles += len(settled)
    assert hits > 250 and settles > 10  # the corpus exercises the finders: the equality is not between empties


def test_the_index_is_a_necessary_test_of_where_a_word_stands():
    vocabulary = {"situation_x": {"en": ["overdue invoice", "late", "e-mail", "'no reply'"], "zh": ["逾期", "U盾"]},
                  "situation_y_thing": {"en": ["payment"]}, "situation_y_state": {"en": ["late"]}}
    index = situations.WordIndex(vocabulary, ["situation_x", "situation_y_thing", "situation_y_state"])
    assert index.names("two overdue invoices") == {"situation_x"}  # the plural's run, s/es taken off
    assert index.names("payments are late") == {"situation_x", "situation_y_thing", "situation_y_state"}
    assert index.names("an e-mail went out") == {"situation_x"}  # the word's first run, "e"
    assert index.names("he said 'no reply'") == {"situation_x"}  # a word opening with a sign: its first character
    assert index.names("货款逾期了") == {"situation_x"}
    assert index.names("u盾丢了") == {"situation_x"}
    assert index.names("the invoiced fee is correct") == set()  # "invoiced" is no run of "invoice"
    assert index.names("货款已结清") == set()


def test_finders_read_nothing_where_the_index_finds_no_word(vocabulary):
    found = situations.finders(vocabulary)
    assert found.read("the weather was fine and we had tea") == ({}, {})
    words, _ = found.read("the october invoice is 40 days overdue")
    assert words.get("overdue_payment")


# --- the grouped pattern -----------------------------------------------------------------------------------------
def _one_bound_per_word(en: tuple, zh: tuple) -> str:
    """The pattern as it was built before session 12: each English word between its own pair of bounds."""
    alts = [r"(?<![a-z0-9])" + re.escape(w.lower()) + r"(?:s|es)?(?![a-z0-9])" for w in en if w.strip()]
    alts += [re.escape(w.lower()) for w in zh if w.strip()]
    return "|".join(sorted(alts, key=len, reverse=True))


def test_grouped_patterns_match_what_one_bound_per_word_matched(vocabulary, clauses):
    checked = matched = 0
    for name in sorted(vocabulary):
        en, zh = wordlists._lists(vocabulary, name)
        words = [w.lower() for w in en + zh if w.strip()]
        if not words:
            continue
        old, new = re.compile(_one_bound_per_word(en, zh)), re.compile(wordlists.pattern_source(en, zh))
        # an eighth of the corpus clauses (en, zh, zh-Hant) — those that hold a word's letters (in any other, neither
        # pattern can match)
        for text in (t for t in clauses[::8] if any(map(t.__contains__, words))):
            spans = [m.span() for m in old.finditer(text)]
            assert [m.span() for m in new.finditer(text)] == spans, (name, text)
            matched += bool(spans)
        checked += 1
    assert checked > 100 and matched > 200


def test_a_pattern_compiles_on_the_first_text_that_holds_one_of_its_words():
    pattern = wordlists.Pattern(("overdue", "late payment"), ("逾期",))
    assert pattern.search("all paid on time") is None and pattern._compiled is None
    assert list(pattern.finditer("all paid")) == [] and pattern.sub(" ", "all paid") == "all paid"
    assert pattern._compiled is None
    assert pattern.search("two late payments, 逾期40天").group(0) == "late payments"
    assert pattern._compiled is not None
    assert [m.group(0) for m in pattern.finditer("overdue; 逾期; overdues; overdued")] == ["overdue", "逾期", "overdues"]
    assert pattern.match("逾期了") and not pattern.match("已逾期")
    assert pattern.sub("_", "late payment, overdue") == "_, _"


# --- readers kept per pack set -------------------------------------------------------------------------------------
def test_a_pack_sets_readers_are_built_once_and_a_plain_dicts_every_time(vocabulary):
    assert isinstance(vocabulary, wordlists.PackVocabulary)
    assert situations.finders(vocabulary) is situations.finders(vocabulary)
    assert wordlists.finder(vocabulary, "departed") is wordlists.finder(vocabulary, "departed")
    assert wordlists.pair_finder(vocabulary, "peer_likeness", "peer_use", window=40) is \
        wordlists.pair_finder(vocabulary, "peer_likeness", "peer_use", window=40)
    assert wordlists.pair_finder(vocabulary, "peer_likeness", "peer_use", window=40) is not \
        wordlists.pair_finder(vocabulary, "peer_likeness", "peer_use", window=12)
    plain = dict(vocabulary)
    assert wordlists.finder(plain, "departed") is not wordlists.finder(plain, "departed")
    assert wordlists.finder(plain, "departed")("他已离职") == wordlists.finder(vocabulary, "departed")("他已离职")
    for twin in (copy.copy(vocabulary), pickle.loads(pickle.dumps(vocabulary))):
        assert twin == vocabulary and twin.readers == {}  # the words travel, never the readers built from them


def test_the_dot_product_is_the_generators_to_the_last_bit():
    rng = random.Random(12)
    for _ in range(200):
        row = [rng.randint(-9000, 9000) for _ in range(50)] if rng.random() < 0.5 else \
            [rng.uniform(-3, 3) for _ in range(50)]
        w = {i: rng.uniform(0, 1) / 7 for i in rng.sample(range(50), rng.randint(0, 30))}
        want = sum(v * row[i] for i, v in w.items())
        got = LinearSentenceModel.dot(w, row)
        assert got == want and math.copysign(1, got) == math.copysign(1, want)

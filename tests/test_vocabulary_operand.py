"""The rule language's vocabulary operand: a `mentions` test may name a pack vocabulary (value: {vocabulary: name})
instead of repeating a word list in every rule that reads the same words (issue 23, session 7: the dead-stock words
were written twice in rules/core/references.yaml). The words are the pack's, matched as the fact builder matches
them (English by whole word, Chinese by substring); the trace shows the word that matched; an unknown name is a
one-line error naming the file, the rule and the fix."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from advisor.accounts.account import Account
from advisor.api import Advisor
from advisor.cli import cli
from advisor.files.errors import AdvisorError
from advisor.language import conditions as cnd
from advisor.toolkit.lint import lint

from .packkit import rule, write_pack

VOCAB = """\
vocabulary:
  result_doubt:
    en: [will it sell, dead stock]
    zh: [压货]
    zh_hant: [壓貨]
"""
RULES = "rules:\n" + rule("p.doubt.vocab", "all: [{fact: objection.text, op: mentions, value: {vocabulary: result_doubt}}]",
                          subject="objection") \
    + rule("p.doubt.list", "all: [{fact: objection.text, op: mentions, value: [dead stock]}]", subject="objection")
AS_OF = dt.date(2026, 12, 6)


def fired(adv: Advisor, text: str) -> list[str]:
    acc = Account.model_validate({"name": "n", "objections": [{"text": text, "date": "2026-12-01"}]})
    a = adv.advise(acc, as_of=AS_OF, trace=True)
    engine = sorted({k[0] for k in a.fired})
    assert engine == sorted({k[0] for k in a.evaluation.fired}), text  # the engine and the trace agree
    return engine


def test_a_vocabulary_operand_reads_the_packs_words_in_both_languages(tmp_path):
    write_pack(tmp_path, "p", RULES, extra=VOCAB)
    assert [str(f) for f in lint(tmp_path, ["p"]).errors] == []
    adv = Advisor(tmp_path, packs=["p"])
    assert fired(adv, "Nice, but will it sell here? I fear dead stock.") == ["p.doubt.list", "p.doubt.vocab"]
    assert fired(adv, "我怕压货") == ["p.doubt.vocab"]
    assert fired(adv, "我怕壓貨,誰買得起") == ["p.doubt.vocab"]  # traditional characters, as written in the pack
    assert fired(adv, "the price is too high") == []


def test_english_words_of_a_vocabulary_match_whole_words_as_the_fact_builder_does(tmp_path):
    write_pack(tmp_path, "p", RULES, extra=VOCAB)
    adv = Advisor(tmp_path, packs=["p"])
    # a plain word list is a substring test; a vocabulary is read by whole word, as wordlists.py reads it
    assert fired(adv, "it is not deadstock, it is a dead stocking") == ["p.doubt.list"]
    assert fired(adv, "two dead stocks last year") == ["p.doubt.list", "p.doubt.vocab"]  # a plural s: the same word


def test_the_trace_shows_the_vocabulary_by_name_and_the_word_that_matched(tmp_path):
    write_pack(tmp_path, "p", RULES, extra=VOCAB)
    account = tmp_path / "a.yaml"
    account.write_text("name: n\nobjections:\n  - {text: '我们这边没人认识你们,我怕压货', date: 2026-12-01}\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["explain", str(account), "--rules", str(tmp_path), "--pack", "p",
                                   "--as-of", "2026-12-06", "--rule", "p.doubt.vocab", "--lang", "en"])
    assert out.exit_code == 0, out.output
    line = next(x for x in out.output.splitlines() if "mentions" in x)
    assert '{"vocabulary": "result_doubt"}' in line and 'matched: "压货"' in line
    js = CliRunner().invoke(cli, ["explain", str(account), "--rules", str(tmp_path), "--pack", "p",
                                  "--as-of", "2026-12-06", "--rule", "p.doubt.vocab", "--format", "json"])
    assert '"matched": "压货"' in js.output


@pytest.mark.parametrize("value, message, fix", [
    ("{vocabulary: result_dout}", "unknown vocabulary 'result_dout'", "result_doubt"),
    ("{vocabulary: tender}", "unknown vocabulary 'tender'", "result_doubt"),  # a known name this pack set lacks
    ("{vocabulary: [a, b]}", "a vocabulary value must be {vocabulary: name}", "{vocabulary: reference_demand}"),
])
def test_an_unknown_vocabulary_is_a_one_line_error_naming_the_file_the_rule_and_the_fix(tmp_path, value, message, fix):
    bad = "rules:\n" + rule("p.doubt.bad", f"all: [{{fact: objection.text, op: mentions, value: {value}}}]",
                            subject="objection")
    write_pack(tmp_path, "p", bad, extra=VOCAB)
    with pytest.raises(AdvisorError) as info:
        Advisor(tmp_path).load(["p"])
    text = str(info.value)
    assert "\n" not in text and "main.yaml" in text and "rule p.doubt.bad" in text and message in text and fix in text
    errors = [str(f) for f in lint(tmp_path, ["p"]).errors]
    assert len(errors) == 1 and message in errors[0] and "main.yaml" in errors[0], errors


def test_a_vocabulary_value_on_another_operator_is_refused(tmp_path):
    bad = "rules:\n" + rule("p.doubt.eq", "all: [{fact: objection.text, op: eq, value: {vocabulary: result_doubt}}]",
                            subject="objection")
    write_pack(tmp_path, "p", bad, extra=VOCAB)
    with pytest.raises(AdvisorError) as info:
        Advisor(tmp_path).load(["p"])
    assert "works only with 'mentions', not 'eq'" in str(info.value) and "op: mentions" in str(info.value)


def test_an_industry_pack_adds_words_to_the_vocabulary_a_core_rule_reads(tmp_path):
    write_pack(tmp_path, "p", RULES, extra=VOCAB)
    write_pack(tmp_path, "q", "rules: []\n", extra="extends: p\nvocabulary:\n  result_doubt:\n    en: [gather dust]\n")
    assert fired(Advisor(tmp_path, packs=["p"]), "it will gather dust in my shop") == []
    assert fired(Advisor(tmp_path, packs=["q"]), "it will gather dust in my shop") == ["p.doubt.vocab"]


def test_the_bundled_rules_repeat_no_word_list_across_rules():
    """Every word list of a mentions test is written once: a list shared by two rules is a vocabulary."""
    from advisor.language.pack import load_packs
    from advisor.language.packpath import bundled_rules_dir
    packset = load_packs(["core"], bundled_rules_dir())
    seen: dict[str, str] = {}
    for r in packset.rules:
        for leaf in cnd.leaves(r.when) if r.when else ():
            if leaf.op == "mentions" and not cnd.is_vocabulary(leaf.value):
                for word in cnd.mention_words(leaf):
                    other = seen.setdefault(word, r.id)
                    assert other == r.id, f"'{word}' is listed in {other} and {r.id}: make it a vocabulary"
    vocab_rules = {r.id for r in packset.rules for leaf in (cnd.leaves(r.when) if r.when else ())
                   if leaf.op == "mentions" and cnd.is_vocabulary(leaf.value)}
    assert {"core.objection.trust-prove-with-reference", "core.objection.trust-prove-with-reference-ask-first"} <= vocab_rules
    # the business_moved words are read with who moves the business (accounts/movedaway.py, session 10): the two
    # win-back rules read that fact, one list still serving both
    moved_rules = {r.id for r in packset.rules for leaf in (cnd.leaves(r.when) if r.when else ())
                   if getattr(leaf, "fact", None) == "objection.business_moved"}
    assert {"core.lost.moved-business", "core.switching.moved-to-named-competitor"} <= moved_rules
    json.dumps([leaf.value for r in packset.rules for leaf in (cnd.leaves(r.when) if r.when else ())])  # JSON-safe

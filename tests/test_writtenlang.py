"""Advice comes back in the language the account is written in (`--lang auto`, advise and explain)."""
from __future__ import annotations

from click.testing import CliRunner

from advisor.accounts.account import Account
from advisor.accounts.writtenlang import written_language
from advisor.cli import cli

from .conftest import FIXTURES


def account(**data) -> Account:
    return Account.model_validate({"name": "x", "stage": "open", **data})


def test_chinese_words_make_a_chinese_account():
    acc = account(name="华信电脑城", notes="老板说下个月再谈",
                  contacts=[{"name": "陈总", "roles": ["decider"], "title": "总经理"}])
    assert written_language(acc) == "zh"


def test_traditional_and_cantonese_read_as_chinese():
    acc = account(name="九龍灣物流", notes="老細話今個月冇budget,下個月再傾",
                  contacts=[{"name": "黃生", "roles": ["decider"]}])
    assert written_language(acc) == "zh"


def test_english_words_make_an_english_account_even_with_a_chinese_name():
    acc = account(name="Huaxin 华信", notes="The owner wants to revisit pricing next month after the trade fair.",
                  contacts=[{"name": "Chen Wei", "roles": ["decider"], "title": "General manager"}])
    assert written_language(acc) == "en"


def test_enum_values_the_format_writes_in_english_do_not_count():
    # a Chinese account whose roles, stage and kinds are stored as English enum values stays Chinese
    acc = account(name="小店", contacts=[{"name": "王总", "roles": ["decider", "influencer"], "met": False}],
                  objections=[{"text": "太贵了", "kind": "price"}])
    assert written_language(acc) == "zh"


def test_advise_answers_in_the_accounts_language_unless_told():
    fixture = str(FIXTURES / "accounts" / "tcl-too-expensive.yaml")
    auto = CliRunner().invoke(cli, ["advise", fixture, "--as-of", "2026-11-23", "--pack", "core", "--top", "1"])
    assert auto.exit_code == 0, auto.output
    assert auto.output.startswith("下一步最佳行动")
    told = CliRunner().invoke(cli, ["advise", fixture, "--as-of", "2026-11-23", "--pack", "core", "--top", "1",
                                    "--lang", "en"])
    assert told.output.startswith("Next best actions")

"""docs/account-format.md defines the objection kinds a rep may write by hand: the definitions name
exactly the core pack's kinds, so the documented convention cannot drift from what the reader labels."""
from __future__ import annotations

from advisor.language.pack import load_packs
from advisor.toolkit.accountformat import OBJECTION_KINDS, account_format_md

from .conftest import RULES


def test_every_core_kind_is_defined_once_in_en_and_zh():
    kinds = [kind for kind, _, _ in OBJECTION_KINDS]
    assert sorted(kinds) == sorted(load_packs(["core"], RULES).recogniser.kinds)
    assert len(set(kinds)) == len(kinds)
    assert all(en.strip() and zh.strip() for _, en, zh in OBJECTION_KINDS)


def test_the_page_shows_each_definition():
    page = account_format_md()
    section = page.split("## Objection kinds", 1)[1].split("\n## ", 1)[0]
    for kind, en, zh in OBJECTION_KINDS:
        assert f"| `{kind}` |" in section and zh in section

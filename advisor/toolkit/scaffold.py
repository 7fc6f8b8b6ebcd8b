"""``advisor pack new NAME``: a new pack that already loads, lints clean and passes its tests.

The scaffold has one example rule (gated on a checklist flag the pack
declares, so it shows the pattern industry packs use) and a case file with a
firing and a silent case. Replace both with real rules and cases.
"""
from __future__ import annotations

from pathlib import Path

from ..files.atomic import write_atomic
from ..files.errors import AdvisorError, choice_hint
from ..language.pack import PACK_NAME, find_packs
from ..language.packpath import PackPath

PACK = """\
# {name}: describe the customers this pack is for and the seed documents it encodes.
name: {name}
version: 0.1.0
description:
  en: "{name}: TODO one sentence on whom this pack advises and how."
  zh: "{name}:TODO 一句话说明本规则包适用的客户和打法。"
{extends}
flags:
  {flag}:
    en: "TODO what it means when an account marks this checklist item true (under facts:)"
    zh: "TODO 客户在 facts: 下把这一项标为 true 时表示什么"
"""

RULES = """\
# Rules of {name}. Each rule: an id starting with the pack name, en+zh texts, and a source
# (seed file · section) — or basis: derived when it is the pack's own judgement.
rules:
  - id: {name}.example.check-item
    family: example
    serves: unblock   # keep_promise | fix_problem | unblock | pursue_opportunity | develop_relationship | upkeep
    title: {{en: Check the example item, zh: 核对示例事项}}
    priority: 50
    when:
      all:
        - {{fact: account.stage, op: in, value: [propose, close]}}
        - {{fact: account.flags, op: not_contains, value: {flag}}}
    then:
      recommend:
        who: account
        due_days: 7
        what:
          en: Check the example item with {{account.name}} before the proposal goes out.
          zh: 在提交方案前,与{{account.name}}核对示例事项。
        why:
          en: TODO why this matters, in the words of the seed document.
          zh: TODO 为什么重要,引用种子资料的说法。
    basis: derived
    tags: [example]
"""

CASES = """\
# Cases for rules/{name}/example.yaml. Every rule: one case where it fires, one where it stays silent.
cases:
  - name: example-fires
    as_of: 2026-11-23
    account:
      name: 示例客户
      stage: propose
    expect:
      fired: [{name}.example.check-item]
      text:
        - {{rule: {name}.example.check-item, lang: zh, contains: 示例客户}}

  - name: example-silent-when-checked
    as_of: 2026-11-23
    account:
      name: 示例客户
      stage: propose
      facts: {{{flag}: true}}
    expect:
      silent: [{name}.example.check-item]
"""


def new_pack(rules_dir: Path, name: str, extends: str | None = "core", where: "PackPath | None" = None) -> list[Path]:
    """Create RULES_DIR/NAME/; refuse to touch an existing folder or to take an installed pack's name.

    ``where`` is the search path the new pack will be found on (default: just ``rules_dir``);
    its parent must be on it. Returns the files written."""
    if not PACK_NAME.match(name):
        raise AdvisorError(f"pack name '{name}' must be lower-case words joined by '-'", fix="e.g. it-distribution")
    folder = Path(rules_dir) / name
    if folder.exists():
        raise AdvisorError("already exists; not overwriting", file=str(folder),
                           fix="choose another name or remove the folder first")
    installed = find_packs(where if where is not None else Path(rules_dir))
    if name in installed:
        raise AdvisorError(f"a pack named '{name}' already exists in {installed[name].parent}",
                           fix="choose another name (a pack that replaces it must say 'shadows: {reason: ...}')")
    if extends and extends not in installed:
        raise AdvisorError(f"--extends names unknown pack '{extends}'", fix=choice_hint(extends, installed))
    flag = name.replace("-", "_") + "_example_checked"
    files = {
        folder / "pack.yaml": PACK.format(name=name, flag=flag, extends=f"extends: {extends}\n" if extends else ""),
        folder / "example.yaml": RULES.format(name=name, flag=flag),
        folder / "tests" / "example.yaml": CASES.format(name=name, flag=flag),
    }
    for path, text in files.items():
        write_atomic(path, text)  # creates the folders; never replaces a file
    return list(files)

"""``advisor pack new NAME``: a new pack that already loads, lints clean and passes its tests.

The scaffold is a small working pack, not a form to fill in: one real rule (offer the people
who use what the account buys a training — IBM's way of managing a customer's expectations, cited
from the seed), gated on a checklist flag the pack declares, as industry packs do, with en and zh
text and two cases: one where it fires and one where the flag keeps it silent. Keep it, change it
or add rules beside it; ``advisor pack lint`` and ``advisor pack test`` check the folder.
"""
from __future__ import annotations

from pathlib import Path

from ..files.atomic import write_atomic
from ..files.errors import AdvisorError, choice_hint
from ..language.pack import PACK_NAME, find_packs
from ..language.packpath import PackPath

PACK = """\
# {name}: a rule pack. Rules are data: each cites its seed file and section (source:) or says
# basis: derived; 'advisor pack lint' and 'advisor pack test' check this folder.
name: {name}
version: 0.1.0
description:
  en: "{name}: train the people who use what the account buys, to manage the customer's expectations."
  zh: "{name}:为使用客户所购产品的人员做培训,以管理客户的期望值。"
{extends}
flags:
  {flag}:
    en: "the people who use what the account buys from us have had our training"
    zh: "使用客户所购产品的人员已经接受过我们的培训"
"""

RULES = """\
# Rules of {name}. Each rule: an id starting with the pack name, en+zh texts, serves:, and a source
# (seed file · section) — or basis: derived when it is the pack's own judgement.
rules:
  - id: {name}.value.train-the-users
    family: value
    serves: upkeep   # keep_promise | fix_problem | unblock | pursue_opportunity | develop_relationship | upkeep
    generic: true    # a checklist item: ranked below advice specific to the account's situation
    title: {{en: Offer training to the people who use what the account buys, zh: 为使用所购产品的人员提供培训}}
    for: contact
    priority: 60
    when:
      all:
        - {{fact: contact.roles, op: contains, value: user}}
        - {{fact: account.stage, op: in, value: [propose, close, maintain]}}
        - {{fact: account.flags, op: not_contains, value: {flag}}}
    then:
      recommend:
        who: subject
        due_days: 14
        what:
          en: "Offer {{contact.name}} a training for the people at {{account.name}} who use what they buy from us, with two dates to choose from; present it as part of the value, not as a discount."
          zh: 向{{contact.name}}提出为{{account.name}}使用我们产品的人员做一次培训,给出两个日期供选择;把它作为价值的一部分,而不是折扣。
        why:
          en: "IBM trains its customers to manage their expectations: trained users get more from what they bought and complain less."
          zh: IBM通过给客户做培训来管理客户的期望值:受过培训的使用者用得更好,投诉更少。
    source: 001_9e4f98b79760f835.txt · 五、提问和演讨
    tags: [value, training]
"""

CASES = """\
# Cases for rules/{name}/example.yaml. Every rule: one case where it fires, one where it stays silent.
cases:
  - name: example-fires
    as_of: 2026-11-23
    account:
      name: 示例客户
      stage: propose
      contacts:
        - {{name: 李工, roles: [user]}}
    expect:
      fired: [{name}.value.train-the-users]
      text:
        - {{rule: {name}.value.train-the-users, lang: zh, contains: 李工}}
        - {{rule: {name}.value.train-the-users, lang: en, contains: 示例客户}}

  - name: example-silent-when-trained
    as_of: 2026-11-23
    account:
      name: 示例客户
      stage: propose
      contacts:
        - {{name: 李工, roles: [user]}}
      facts: {{{flag}: true}}
    expect:
      silent: [{name}.value.train-the-users]
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
    flag = name.replace("-", "_") + "_users_trained"
    files = {
        folder / "pack.yaml": PACK.format(name=name, flag=flag, extends=f"extends: {extends}\n" if extends else ""),
        folder / "example.yaml": RULES.format(name=name, flag=flag),
        folder / "tests" / "example.yaml": CASES.format(name=name, flag=flag),
    }
    for path, text in files.items():
        write_atomic(path, text)  # creates the folders; never replaces a file
    return list(files)

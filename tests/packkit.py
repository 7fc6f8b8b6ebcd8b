"""Build small throw-away rule packs in a temporary folder for tests."""
from __future__ import annotations

import functools
import textwrap
from pathlib import Path

PACK_YAML = """\
name: {name}
version: 0.0.1
description: {{en: test pack {name}, zh: 测试规则包 {name}}}
{extra}"""


def write_pack(rules_dir: Path, name: str, rules: str, extra: str = "", cases: str | None = None) -> Path:
    folder = rules_dir / name
    (folder / "tests").mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(PACK_YAML.format(name=name, extra=textwrap.dedent(extra)), encoding="utf-8")
    (folder / "main.yaml").write_text(textwrap.dedent(rules), encoding="utf-8")
    if cases is not None:
        (folder / "tests" / "cases.yaml").write_text(textwrap.dedent(cases), encoding="utf-8")
    return folder


def rule(rule_id: str, when: str, *, subject: str = "account", priority: int = 50, then: str | None = None,
         tags: str = "[]", group: str | None = None, serves: str = "pursue_opportunity") -> str:
    """One rule as YAML text (indented for a `rules:` list); ``serves`` (required by pack lint) defaults to
    the middle level, where a rule that does not say would rank."""
    then = then or (
        "      recommend:\n"
        "        who: subject\n"
        "        due_days: 3\n"
        "        what: {en: do it, zh: 去做}\n"
        "        why: {en: because, zh: 因为}\n")
    lines = [
        f"  - id: {rule_id}",
        "    family: test",
        f"    serves: {serves}",
        f"    title: {{en: {rule_id}, zh: {rule_id}}}",
        f"    for: {subject}",
        f"    priority: {priority}",
        "    when:",
        textwrap.indent(textwrap.dedent(when).strip("\n"), "      "),
        "    then:",
        then.rstrip("\n"),
        "    basis: derived",
        f"    tags: {tags}",
    ]
    if group:
        lines.append(f"    group: {group}")
    return "\n".join(lines) + "\n"


@functools.lru_cache(maxsize=None)
def pack_alone(name: str, rules_dir: Path):
    """``load_packs([name], rules_dir)``, once per process: the text lints build their parameter lists from every pack
    at collection, and every xdist worker collects every file (three loads of each pack per worker, ~8 s, before)."""
    from advisor.language.pack import load_packs

    return load_packs([name], rules_dir)


def pack_names(rules_dir: Path) -> list[str]:
    return sorted(p.name for p in Path(rules_dir).iterdir() if (p / "pack.yaml").exists())


def recommending_rules(rules_dir: Path) -> list:
    """Every rule that recommends an action, of every pack in ``rules_dir`` (each pack loaded with what it extends;
    a rule counted once, in pack-name order) — what the text lints (presumptions, concessions) walk over."""
    out, seen = [], set()
    for name in pack_names(rules_dir):
        for rule in pack_alone(name, Path(rules_dir)).rules:
            if rule.id in seen or rule.then.recommend is None:
                continue
            seen.add(rule.id)
            out.append(rule)
    return out


def reads_of(rule) -> set[str]:
    """The facts a rule's conditions read."""
    from advisor.language import conditions

    return {leaf.fact for leaf in conditions.leaves(rule.when)} if rule.when else set()

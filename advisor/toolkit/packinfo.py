"""``advisor pack list`` and ``advisor pack show``: what is installed, in tables.

Tables are drawn with rich. On a terminal rich chooses width and colour; when
the output is a pipe or a file (and in tests) the width is fixed and there is
no colour, so the same packs always print the same bytes.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..files.errors import AdvisorError, choice_hint
from ..files.yamlio import load_yaml_file
from ..language.pack import PackSet, find_packs, load_packs, rule_files
from ..language.packpath import Found, as_pack_path
from . import sources

WIDTH = 120


def _console(buffer: io.StringIO, tty: bool) -> Console:
    if tty:
        return Console(file=buffer, force_terminal=True)
    return Console(file=buffer, width=WIDTH, no_color=True, color_system=None, force_terminal=False,
                   highlight=False, emoji=False, legacy_windows=False)


def _render(*items, tty: bool | None = None) -> str:
    if tty is None:
        from ..files.terminal import wants_styles

        tty = wants_styles(sys.stdout)  # NO_COLOR or a pipe: no style at all
    buffer = io.StringIO()
    console = _console(buffer, tty)
    for item in items:
        console.print(Text(item) if isinstance(item, str) else item, markup=False, soft_wrap=isinstance(item, str))
    out = buffer.getvalue()
    # rich pads table rows to the full width; trailing spaces only make diffs noisy
    return "\n".join(line.rstrip() for line in out.split("\n"))


def _table(*columns: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    for col in columns:
        table.add_column(col, overflow="fold")
    return table


def origin_text(found: Found) -> str:
    """Where a pack comes from, and what it shadows."""
    text = found.origin
    if found.shadows:
        text += " (shadows " + ", ".join(origin for origin, _folder in found.shadows) + ")"
    return text


def _summary(folder: Path, lang: str) -> tuple[str, str, str, str]:
    """(version, rule count, extends, description) read straight from the pack's YAML.

    Listing stays fast (issue 13: no model building, no engine), so packs are not loaded
    and checked here; a pack whose files do not even parse shows "error", and
    `advisor pack lint` says what is wrong with any pack.
    """
    try:
        spec, _ = load_yaml_file(folder / "pack.yaml")
        count = 0
        for path in rule_files(folder):
            data, _ = load_yaml_file(path)
            count += len(data.get("rules") or []) if isinstance(data, dict) else 0
        description = spec.get("description") or {}
        return (str(spec.get("version", "?")), str(count), str(spec.get("extends") or "-"),
                str(description.get(lang) or description.get("en") or "") if isinstance(description, dict) else "")
    except (AdvisorError, AttributeError, TypeError):
        return "?", "error", "-", ""


def list_text(rules_dir, lang: str = "en", tty: bool | None = None) -> str:
    """The packs on a search path (or in one folder): name, origin, version, rules, extends, description."""
    where = as_pack_path(rules_dir)
    found = where.resolve()
    table = _table("pack", "from", "version", "rules", "extends", "description")
    for name in sorted(found):
        version, count, extends, description = _summary(found[name].folder, lang)
        table.add_row(*map(Text, (name, origin_text(found[name]), version, count, extends, description)))
    folders = [f"{e.origin}: {e.folder}" for e in where.entries]
    return _render(table, tty=tty) + "".join(f"{line}\n" for line in ["", "searched, in order:"] + ["  " + f for f in folders])


def load_one(rules_dir, name: str) -> PackSet:
    installed = find_packs(rules_dir)
    if name not in installed:
        raise AdvisorError(f"unknown pack '{name}'", fix=choice_hint(name, installed))
    return load_packs([name], rules_dir)


def show_text(rules_dir, name: str, lang: str = "en", tty: bool | None = None) -> str:
    packset = load_one(rules_dir, name)
    pack = packset.packs[-1]
    head = f"{pack.name} {pack.version}" + (f" (extends {pack.extends})" if pack.extends else "")
    parts: list = [head, pack.description.get(lang), ""]
    table = _table("rule", "family", "title")
    for rule in pack.rules:
        table.add_row(*map(Text, (rule.id, rule.family, rule.title.get(lang))))
    parts.append(table)
    overrides = [(r.id, r.override_reason) for r in pack.rules if r.override_reason]
    parts.append("overrides:" if overrides else "overrides: none")
    parts += [f"  {rid} — {reason}" for rid, reason in overrides]
    parts.append("disables:" if pack.disable else "disables: none")
    parts += [f"  {d.rule} — {d.reason}" for d in pack.disable]
    cited = sorted({seed for rule in pack.rules for seed in map(sources.seed_of, rule.source) if seed})
    if cited:
        parts.append("sources:")
        parts += [f"  {seed}: {sources.describe(seed)}" for seed in cited]
    if pack.params:
        parts.append("parameters:")
        parts += [f"  {k} = {v}" + (f" — {pack.param_docs.get(k)}" if pack.param_docs.get(k) else "")
                  for k, v in pack.params.items()]
    return _render(*parts, tty=tty)

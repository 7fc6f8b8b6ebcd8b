"""``advisor whatif``: change a few facts of an account and see how the advice moves.

    advisor whatif fixtures/accounts/tcl-too-expensive.yaml --set 'contacts[陈总].met=true'

A path is dotted field names with list items picked by index (``contacts[0]``)
or by name (``contacts[陈总]``); it is checked against the account schema, so a
typo gets a "did you mean". VALUE is read as a YAML scalar (``true``, ``3``,
``propose``, ``[a, b]``).
"""
from __future__ import annotations

import copy
import datetime as dt
import re
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from ..accounts.account import Account, validate_account
from ..api import Advice, Advisor
from ..files.errors import AdvisorError, choice_hint, did_you_mean
from .impact import Change, ranking_diff
from ..files.yamlio import load_yaml_file

TOKEN = re.compile(r"\.?([^.\[\]]+)|\[([^\]]*)\]")


def parse_assignment(text: str) -> tuple[str, list, Any]:
    """'contacts[陈总].met=true' → ('contacts[陈总].met', ['contacts', ('陈总',), 'met'], True)."""
    path, eq, raw = text.partition("=")
    path = path.strip()
    if not eq or not path:
        raise AdvisorError(f"--set '{text}' needs PATH=VALUE", fix="e.g. --set stage=propose")
    parts: list = []
    pos = 0
    while pos < len(path):
        m = TOKEN.match(path, pos)
        if not m or (m.group(1) is not None and pos > 0 and path[pos] != "." and path[pos - 1] != "]"):
            raise AdvisorError(f"--set '{text}': cannot read path '{path}'", fix="write e.g. contacts[陈总].met or stage")
        parts.append(m.group(1) if m.group(1) is not None else (m.group(2),))
        pos = m.end()
    try:
        value = YAML(typ="safe", pure=True).load(raw) if raw.strip() else ""
    except YAMLError:
        raise AdvisorError(f"--set '{text}': cannot read value '{raw}'", fix="quote text, or write true, 3, [a, b]") from None
    if isinstance(value, dt.datetime):
        value = value.date()
    return path, parts, value


def _inner(ann):
    """The model or type inside Optional[...] / list[...]; (type, is_list, is_dict)."""
    is_list = is_dict = False
    while typing.get_origin(ann) is not None and typing.get_args(ann):
        origin = typing.get_origin(ann)
        if origin in (list, tuple):
            is_list = True
        if origin is dict:
            return typing.get_args(ann)[1], is_list, True
        args = [a for a in typing.get_args(ann) if a is not type(None)]
        ann = args[0] if args else ann
        if origin not in (list, tuple, dict) and typing.get_origin(ann) is None:
            break
    return ann, is_list, is_dict


def apply(data: dict, text: str) -> dict:
    """Set one PATH=VALUE in a raw account dict (checked against the schema)."""
    path, parts, value = parse_assignment(text)
    model: Any = Account
    node: Any = data
    shown = ""
    i = 0
    while i < len(parts):
        part = parts[i]
        last = i == len(parts) - 1
        if isinstance(part, tuple):
            raise AdvisorError(f"--set {path}: '[{part[0]}]' follows no list", fix="e.g. contacts[0].met")
        if isinstance(model, type) and issubclass(model, BaseModel):
            fields = model.model_fields
            if part not in fields:
                raise AdvisorError(f"--set {path}: unknown field '{part}'" + (f" in {shown}" if shown else ""),
                                   fix=choice_hint(part, fields))
            ann, is_list, is_dict = _inner(fields[part].annotation)
        elif model == "dict":
            ann, is_list, is_dict = bool, False, False
        else:
            raise AdvisorError(f"--set {path}: '{shown}' has no field '{part}'", fix=f"set {shown} itself")
        shown = f"{shown}.{part}" if shown else part
        if is_list and i + 1 < len(parts) and isinstance(parts[i + 1], tuple):
            sel = parts[i + 1][0]
            items = node.get(part) if isinstance(node, dict) else None
            if not isinstance(items, list) or not items:
                raise AdvisorError(f"--set {path}: the account has no {part}", fix=f"add {part} to the account file first")
            if re.fullmatch(r"-?\d+", sel.strip()):
                idx = int(sel)
                if not -len(items) <= idx < len(items):
                    raise AdvisorError(f"--set {path}: {part}[{idx}] is out of range",
                                       fix=f"{part} has {len(items)} item{'s' if len(items) != 1 else ''} (0–{len(items) - 1})")
                target = items[idx]
            else:
                names = [it.get("name") for it in items if isinstance(it, dict) and it.get("name") is not None]
                match = [it for it in items if isinstance(it, dict) and it.get("name") == sel]
                if not match:
                    hint = did_you_mean(sel, names) or ("names: " + ", ".join(map(str, names)) if names
                                                        else "pick by index, e.g. " + f"{part}[0]")
                    raise AdvisorError(f"--set {path}: no item named '{sel}' in {part}", fix=hint)
                target = match[0]
            shown += f"[{sel}]"
            if i + 1 == len(parts) - 1:
                raise AdvisorError(f"--set {path}: name a field of {shown}", fix=f"e.g. {shown}.name")
            node, model, i = target, ann, i + 2
            continue
        if last:
            if isinstance(node, dict):
                node[part] = value
            return data
        if is_dict:
            if not isinstance(node.get(part), dict):
                node[part] = {}
            node = node[part]
            model = "dict"
        else:
            if not (isinstance(ann, type) and issubclass(ann, BaseModel)):
                raise AdvisorError(f"--set {path}: '{shown}' is a value, not a group of fields",
                                   fix=f"set {shown}=VALUE")
            if is_list:
                raise AdvisorError(f"--set {path}: pick an item of {part}", fix=f"e.g. {part}[0] or {part}[NAME]")
            if not isinstance(node.get(part), dict):
                node[part] = {}
            node = node[part]
            model = ann
        i += 1
    return data


@dataclass
class WhatIf:
    before: Advice
    after: Advice
    changes: list[Change]
    sets: list[str]

    def text(self, lang: str = "en", top: int = 5) -> str:
        head = "假如" if lang == "zh" else "What if"
        lines = [f"{head} {', '.join(self.sets)} — {self.after.account} — as of {self.after.as_of}", ""]
        if not self.changes:
            lines.append("排名不变" if lang == "zh" else "the ranking does not change"
                         + (f" (top {top})" if top else ""))
        else:
            lines += [c.text(lang) for c in self.changes]
        lines += ["", ("之后的前" + str(top) + "项:" if lang == "zh" else f"top {top} after:") if top
                  else ("之后:" if lang == "zh" else "after:")]
        shown = self.after.actions[:top] if top else self.after.actions
        for a in shown:
            who = f" ({a.contact})" if a.contact else ""
            lines.append(f"  {a.rank}. {a.title.get(lang, a.rule)}{who} [{a.rule}]")
        if not shown:
            lines.append("  —")
        return "\n".join(lines) + "\n"


def whatif(advisor: Advisor, account_file: Path, sets: list[str], as_of: dt.date | None = None,
           top: int = 5, timeout: float | None = None) -> WhatIf:
    if not sets:
        raise AdvisorError("nothing to change", fix="add --set PATH=VALUE, e.g. --set stage=propose")
    data, locs = load_yaml_file(account_file)
    before_acc = validate_account(data, locs)
    changed = copy.deepcopy(data)
    for text in sets:
        apply(changed, text)
        try:
            validate_account(copy.deepcopy(changed), locs)
        except AdvisorError as exc:
            raise AdvisorError(f"--set {text.strip()}: {exc.message}", fix=exc.fix) from None
    after_acc = validate_account(changed, locs)
    as_of = as_of or dt.date.today()
    # each side under --timeout, as advise is
    how = dict(file=str(account_file), outcome="nothing was compared", as_of=as_of)
    before = advisor.advise_within(before_acc, timeout, **how)
    after = advisor.advise_within(after_acc, timeout, **how)
    return WhatIf(before, after, ranking_diff(before.actions, after.actions, top),
                  [parse_assignment(s)[0] + "=" + s.partition("=")[2].strip() for s in sets])

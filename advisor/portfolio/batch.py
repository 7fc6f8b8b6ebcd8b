"""Advise on a whole portfolio: many accounts, one process, packs loaded once.

A portfolio is a YAML file::

    name: East region key accounts
    accounts:
      - ../accounts/jingfeng-dealer.yaml        # a path, relative to the portfolio file
      - {name: Inline Co., stage: open}         # or an account written inline

or a folder of account files. A bad row never stops the batch: it becomes an
error entry (file, line, what, fix) and the other accounts are still advised.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Optional

from ..accounts.account import Account, load_account, validate_account
from ..api import Advice, Advisor
from ..files.errors import AdvisorError
from ..files.yamlio import Locations, load_yaml_file


@dataclass
class Row:
    label: str  # the path or "portfolio.yaml:#3"
    advice: Optional[Advice] = None
    error: Optional[str] = None




def portfolio_rows(path: Path) -> tuple[str, list[tuple[str, Callable[[], Account]]]]:
    """The portfolio's name and one loader per account (loading happens per row, so errors stay per row)."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        if not files:
            raise AdvisorError("no .yaml account files in this folder", file=str(path), fix="name a folder of account files")
        return path.name, [(str(f), (lambda f=f: load_account(f))) for f in files]
    data, locs = load_yaml_file(path)
    if not isinstance(data, dict) or not isinstance(data.get("accounts"), list):
        raise locs.error((), "a portfolio must be a mapping with an 'accounts:' list",
                         "write accounts: [ path/to/account.yaml, ... ]")
    unknown = sorted(set(data) - {"name", "accounts", "description"})
    if unknown:
        raise locs.error((unknown[0],), f"unknown field '{unknown[0]}'", "allowed: name, description, accounts")
    rows = []
    for i, item in enumerate(data["accounts"]):
        if isinstance(item, str):
            target = Path(os.path.normpath(path.parent / item))
            rows.append((str(target), (lambda t=target: load_account(t))))
        elif isinstance(item, dict):
            line, _ = locs.find(("accounts", i))
            rows.append((f"{path}:{line}", (lambda item=item, i=i: validate_account(item, locs.sub(("accounts", i))))))
        else:
            line, _ = locs.find(("accounts", i))
            error = locs.error(("accounts", i), "an account entry must be a path or a mapping",
                               "write a file path or an inline account")

            def fail(error=error):
                raise error
            rows.append((f"{path}:{line}", fail))
    return str(data.get("name") or path.stem), rows


def run_batch(advisor: Advisor, rows, as_of: dt.date, packs: list[str] | None = None,
              progress: Callable[[], None] | None = None, store=None) -> Iterator[Row]:
    for label, load in rows:
        try:
            yield Row(label, advice=advisor.advise(load(), as_of=as_of, packs=packs, store=store))
        except AdvisorError as exc:
            yield Row(label, error=str(exc))
        finally:
            if progress:
                progress()


def render_rows(name: str, rows: list[Row], fmt: str, lang: str, top_n: int) -> str:
    """A portfolio report: each account's top actions, the rows that failed, and a summary."""
    from ..output import render
    from ..accounts.terms import ui

    ok = [r for r in rows if r.advice]
    bad = [r for r in rows if r.error]
    if fmt == "json":
        return render.dump_json({
            "portfolio": name,
            "accounts": [render.as_dict(r.advice, lang, top_n) | {"file": r.label} for r in ok],
            "errors": [{"file": r.label, "error": r.error} for r in bad],
            "summary": {"advised": len(ok), "failed": len(bad)},
        })
    md = fmt == "markdown"
    lines = [f"# {name}" if md else name, ""]
    for r in ok:
        a = r.advice
        lines.append(f"## {a.account}" if md else f"== {a.account} ({r.label})")
        if md:
            lines.append(f"`{r.label}` — {len(a.actions)} actions, {len(a.suppressed)} suppressed")
            lines.append("")
        shown = render.top(a, top_n)
        for act in shown:
            lines.append(f"{act.rank}. {act.what[lang]} — {render.who_text(act, lang)}, "
                         f"{ui('by', lang)} {render.due_text(act, a, lang)} [{act.rule}]")
        if not shown:
            lines.append(ui("no_actions", lang))
        lines.append("")
    if bad:
        lines.append("## Errors" if md else "errors:")
        if md:
            lines.append("")
        for r in bad:
            lines.append(f"- {r.error}")
        lines.append("")
    lines.append(f"advised: {len(ok)}, failed: {len(bad)}")
    return "\n".join(lines) + "\n"

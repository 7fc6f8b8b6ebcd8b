"""One explain page per account of a portfolio, written beside the board it is linked from.

`advisor plan PORTFOLIO --format html -o board.html --explain-dir DIR` writes DIR/<account>.html
for every account that can be advised and links each board row to its page; the hrefs are
relative to the board's folder, so the board and its pages can be moved or mailed together.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Callable, Iterable, Optional

from ..accounts.account import Account
from ..api import Advisor
from ..files.atomic import write_atomic
from ..files.errors import AdvisorError
from . import explain
from .explain_html import render_explain_html

UNSAFE = re.compile(r"[^\w.-]+")


def page_name(label: str, taken: set[str]) -> str:
    """A file name from a row label ('a/b/bank.yaml' -> 'bank.html'; 'p.yaml:12' -> 'p-12.html'), unique in ``taken``."""
    path, _, line = label.partition(":") if not Path(label).exists() else (label, "", "")
    stem = UNSAFE.sub("-", Path(path).stem + (f"-{line}" if line else "")).strip("-.") or "account"
    name, n = f"{stem}.html", 1
    while name.lower() in taken:
        n += 1
        name = f"{stem}-{n}.html"
    taken.add(name.lower())
    return name


def write_explain_pages(advisor: Advisor, rows: Iterable[tuple[str, Callable[[], Account]]], folder: Path,
                        board_dir: Path, *, as_of: dt.date, lang: str = "en", packs: Optional[list[str]] = None,
                        force: bool = False, store=None, rates=None,
                        only: Optional[set[str]] = None) -> dict[str, str]:
    """Write a trace page per row that loads; return {row label: href relative to ``board_dir``}.

    A row that fails to load or advise gets no page (the board lists it under its failed rows).
    ``store`` and ``rates`` are those the board was planned with, so a page hides what the board
    hides and tiers as it tiers. ``only``: the labels of the rows the board lists (a board of a
    large book lists the accounts most in need of attention; the others get no page either).
    """
    links: dict[str, str] = {}
    taken: set[str] = set()
    other = [code for code in ("en", "zh") if code != lang]
    for label, load in rows:
        if only is not None and label not in only:
            continue
        try:
            account = load()
            advice = advisor.advise(account, as_of=as_of, packs=packs, trace=True, store=store, rates=rates)
        except AdvisorError:
            continue
        packset = advisor.packset(account, packs)
        docs = {code: explain.document(advice, packset, code) for code in (lang, *other)}
        target = write_atomic(folder / page_name(label, taken), render_explain_html(docs, lang), force=force)
        links[label] = Path(os.path.relpath(target, board_dir)).as_posix()
    return links

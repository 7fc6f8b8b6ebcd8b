"""``advisor diff``: what a pack change does to real accounts' advice.

    advisor diff HEAD~1 rules fixtures/accounts --as-of 2026-11-23

OLD and NEW are rules folders or git revisions (the revision's ``rules/`` is
extracted with ``git archive REV rules | tar -x`` into a temporary folder).
For each account: the actions that appear, disappear or change rank. Actions
are matched by (rule, contact). ``ranking_diff`` is shared with ``whatif``.
"""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..accounts.account import Account, load_account
from ..api import Advisor, default_pack_path
from ..files.errors import AdvisorError
from .lint import show_file
from ..evaluation.rank import Action

Key = tuple[str, Optional[str]]


@dataclass
class Change:
    kind: str  # new / gone / moved
    rule: str
    contact: Optional[str]
    before: Optional[int]  # rank, 1-based
    after: Optional[int]
    title: dict

    def as_dict(self) -> dict:
        return {"change": self.kind, "rule": self.rule, "contact": self.contact, "before": self.before,
                "after": self.after}

    def text(self, lang: str = "en") -> str:
        who = f" ({self.contact})" if self.contact else ""
        label = f"{self.title.get(lang, self.rule)}{who} [{self.rule}]"
        if self.kind == "new":
            return f"+ new    #{self.after} {label}"
        if self.kind == "gone":
            return f"- gone   was #{self.before} {label}"
        return f"~ moved  #{self.before} → #{self.after} {label}"


def ranking_diff(before: list[Action], after: list[Action], top: int = 0) -> list[Change]:
    """Changes between two rankings; with ``top`` only actions in the top N of either side count."""
    b = {(a.rule, a.contact): a for a in before}
    a_ = {(a.rule, a.contact): a for a in after}
    changes: list[Change] = []
    for key in list(b) + [k for k in a_ if k not in b]:
        old, new = b.get(key), a_.get(key)
        if top and not ((old and old.rank <= top) or (new and new.rank <= top)):
            continue
        title = (new or old).title
        if old is None:
            changes.append(Change("new", key[0], key[1], None, new.rank, title))
        elif new is None:
            changes.append(Change("gone", key[0], key[1], old.rank, None, title))
        elif old.rank != new.rank:
            changes.append(Change("moved", key[0], key[1], old.rank, new.rank, title))
    order = {"gone": 0, "new": 1, "moved": 2}
    return sorted(changes, key=lambda c: (order[c.kind], c.before or 0, c.after or 0, c.rule, c.contact or ""))


# --------------------------------------------------------------- pack sides ---
def project_root() -> Path:
    from ..api import default_rules_dir

    return default_rules_dir().parent


def materialise(spec: str, workdir: Path) -> Path:
    """A rules folder for OLD/NEW: the folder itself, or a git revision's rules/ extracted."""
    path = Path(spec)
    if path.is_dir():
        return path
    root = project_root()
    ok = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}"], cwd=root,
                        capture_output=True, text=True)
    if ok.returncode != 0:
        raise AdvisorError(f"'{spec}' is neither a rules folder nor a git revision",
                           fix="give a folder such as rules or a revision such as HEAD~1")
    target = workdir / spec.replace("/", "_").replace("~", "_").replace("^", "_")
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", spec, "rules"], cwd=root, capture_output=True)
    if archive.returncode != 0:
        raise AdvisorError(f"git archive {spec} rules failed: {archive.stderr.decode(errors='replace').strip()}",
                           fix="check that the revision has a rules/ folder")
    untar = subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, capture_output=True)
    if untar.returncode != 0:
        raise AdvisorError(f"could not extract rules of {spec}: {untar.stderr.decode(errors='replace').strip()}")
    return target / "rules"


def account_files(spec: Path) -> list[Path]:
    if spec.is_dir():
        files = sorted(spec.glob("*.yaml")) + sorted(spec.glob("*.yml"))
        if not files:
            raise AdvisorError("no account files (*.yaml) here", file=str(spec))
        return files
    if not spec.exists():
        raise AdvisorError("file not found", file=str(spec), fix="give an account file or a folder of them")
    return [spec]


@dataclass
class AccountDiff:
    file: str
    account: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class Impact:
    old: str
    new: str
    as_of: dt.date
    accounts: list[AccountDiff]

    def counts(self) -> dict[str, int]:
        out = {"accounts": len(self.accounts), "changed": sum(bool(a.changes) for a in self.accounts),
               "new": 0, "gone": 0, "moved": 0}
        for a in self.accounts:
            for c in a.changes:
                out[c.kind] += 1
        return out

    def text(self, lang: str = "en") -> str:
        lines = [f"diff {self.old} → {self.new} — as of {self.as_of}", ""]
        for a in self.accounts:
            if not a.changes:
                continue
            lines.append(f"{a.file} ({a.account})")
            lines += [f"  {c.text(lang)}" for c in a.changes]
            lines.append("")
        c = self.counts()
        if not c["changed"]:
            lines.append("no account's advice changes")
        lines.append(f"{c['changed']} of {c['accounts']} accounts change: {c['new']} new, {c['gone']} gone, "
                     f"{c['moved']} moved")
        return "\n".join(lines) + "\n"

    def as_json(self) -> str:
        data = {"old": self.old, "new": self.new, "as_of": str(self.as_of),
                "accounts": [{"file": a.file, "account": a.account, "changes": [c.as_dict() for c in a.changes]}
                             for a in self.accounts],
                "summary": self.counts()}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def diff(old: str, new: str, accounts: Path, as_of: dt.date | None = None, top: int = 0,
         timeout: float | None = None) -> Impact:
    as_of = as_of or dt.date.today()
    files = account_files(Path(accounts))
    loaded: list[tuple[Path, Account]] = [(f, load_account(f)) for f in files]
    with tempfile.TemporaryDirectory(prefix="advisor-diff-") as tmp:
        # each side on the whole search path, as advise finds packs: a folder of only your own packs
        # still extends the bundled core (issue 20: "unknown pack 'core'" unless core was copied in)
        old_adv = Advisor(default_pack_path([materialise(old, Path(tmp) / "old")]))
        new_adv = Advisor(default_pack_path([materialise(new, Path(tmp) / "new")]))
        out = []
        for path, account in loaded:
            # each account under --timeout on either side, as advise is
            how = dict(file=show_file(path), outcome="nothing was compared", as_of=as_of)
            before = old_adv.advise_within(account, timeout, **how).actions
            after = new_adv.advise_within(account, timeout, **how).actions
            out.append(AccountDiff(show_file(path), account.name, ranking_diff(before, after, top)))
    return Impact(old, new, as_of, out)

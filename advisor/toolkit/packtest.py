"""``advisor pack test``: run packs' cases and report like ``opa test -v``.

    core/roles-decider-unknown: PASS
    core/broken-case: FAIL
      rules/core/tests/roles.yaml:3
      expected core.roles.meet-decider to fire; it stayed silent
      trace:
        ...
    PASS: 40/41

Without ``-v`` only the cases that did not pass are listed. The same cases run
under pytest (tests/test_pack_cases.py) through ``casetest.run_case``.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..api import Advisor
from .casetest import Case, CaseResult, load_cases, run_case
from ..files.errors import AdvisorError
from .lint import show_file


def run(rules_dir: Path, names: list[str]) -> list[CaseResult]:
    """Every case of the named packs; a case file that does not load is one ERROR result."""
    advisor = Advisor(rules_dir)
    results: list[CaseResult] = []
    for name in names:
        folder = advisor.installed[name]
        try:
            cases = load_cases(folder)
        except AdvisorError as exc:
            results.append(CaseResult(_file_case(name, exc), "ERROR", [str(exc)]))
            continue
        for case in cases:
            results.append(run_case(advisor, case))
    return results


class _FileCase:
    """Stands in for a case when a whole case file is broken."""

    def __init__(self, pack: str, file: str, line):
        self.pack, self.file, self.line = pack, file, line
        self.id = f"{pack}/(case files)"


def _file_case(pack: str, exc: AdvisorError):
    return _FileCase(pack, exc.file or "", exc.line)


def passed(results: list[CaseResult]) -> int:
    return sum(r.status == "PASS" for r in results)


def text(results: list[CaseResult], verbose: bool = False) -> str:
    lines: list[str] = []
    for r in results:
        if r.status == "PASS" and not verbose:
            continue
        lines.append(f"{r.case.id}: {r.status}")
        if r.status == "PASS":
            continue
        if r.case.file:
            lines.append(f"  {show_file(r.case.file)}" + (f":{r.case.line}" if r.case.line else ""))
        lines += [f"  {p}" for p in r.problems]
        if r.trace:
            lines.append("  trace:")
            lines += [f"    {t}" if t else "" for t in r.trace.rstrip("\n").split("\n")]
    lines.append(f"PASS: {passed(results)}/{len(results)}")
    return "\n".join(lines) + "\n"


def as_json(results: list[CaseResult]) -> str:
    data = {
        "results": [{"case": r.case.id, "pack": r.case.pack, "file": show_file(r.case.file) if r.case.file else None,
                     "line": r.case.line, "status": r.status, "problems": r.problems, "trace": r.trace}
                    for r in results],
        "passed": passed(results),
        "total": len(results),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


__all__ = ["run", "text", "as_json", "passed", "Case"]

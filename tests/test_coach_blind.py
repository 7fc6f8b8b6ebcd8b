"""benchmarks/coach.py --blind on two example accounts of the implementer's own (not the blind set)."""
from __future__ import annotations

import importlib.util
import shutil

from .conftest import ROOT

EXAMPLE = ROOT / "tests" / "data" / "coach-example"


def _coach():
    spec = importlib.util.spec_from_file_location("coach_bench", ROOT / "benchmarks" / "coach.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_blind_mode_counts_first_right_misfires_upkeep_and_promises(tmp_path, capsys):
    coach = _coach()
    coach.run_blind(EXAMPLE, coach.load_ranker(None), verbose=True)
    out = capsys.readouterr().out
    assert "#1 right 2/2 (100%); misfires in top 5: 0; upkeep above a specific action: 0; " \
           "promises due/overdue outside top 3: 0" in out
    # the same accounts judged by expectations they do not meet: #1 wrong, a misfire counted, a bad file reported
    for name in ("pumps.yaml", "yiyuan.yaml"):
        shutil.copy(EXAMPLE / name, tmp_path / name)
    (tmp_path / "broken.yaml").write_text("name: [\n", encoding="utf-8")
    (tmp_path / "expectations.yaml").write_text(
        "as_of: 2026-11-23\naccounts:\n"
        "  pumps.yaml: {lang: en, first: {serves: upkeep}, not_top5: [{any: [rate card], why: test}]}\n"
        "  yiyuan.yaml: {lang: zh, first: {serves: keep_promise, who: [刘院长]}}\n"
        "  broken.yaml: {lang: en, first: {serves: upkeep}}\n", encoding="utf-8")
    coach.run_blind(tmp_path, coach.load_ranker(None), verbose=True)
    out = capsys.readouterr().out
    assert "broken.yaml: ERROR" in out
    assert "#1 right 0/3 (0%); misfires in top 5: 1;" in out

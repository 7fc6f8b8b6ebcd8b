"""Objection recognition on the labelled corpus (tests/data/objections.yaml).

    .venv/bin/python benchmarks/recognition.py [--rules DIR] [--misses]

A line counts as recognised when the kinds found equal the kinds labelled (a
two-kind line needs both, and nothing extra). Prints the figures per kind, per
language, for the tuned and the held-out lines, and the lines missed with
--misses. tests/test_recognition.py holds the thresholds; the figures are
recorded in benchmarks/results.md.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from advisor.files.yamlio import load_yaml_file  # noqa: E402
from advisor.language.pack import load_packs  # noqa: E402
from advisor.language.recognise import UNCLASSIFIED  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "objections.yaml"


def score(rules_dir: Path = ROOT / "rules", corpus: Path = CORPUS) -> dict:
    data, _ = load_yaml_file(corpus)
    recogniser = load_packs(["core"], rules_dir).recogniser
    rows = []
    for line in data["lines"]:
        got = recogniser.recognise(line["text"])
        rows.append({**line, "got": got.kinds, "ok": sorted(got.kinds) == sorted(line["kinds"]),
                     "evidence": [(e.kind, e.phrase) for e in got.evidence]})

    def share(selected):
        return (sum(r["ok"] for r in selected), len(selected))

    by_kind = {k: share([r for r in rows if k in r["kinds"]]) for k in recogniser.kinds}
    by_lang = {lang: share([r for r in rows if r["lang"] == lang]) for lang in ("en", "zh", "zh-Hant")}
    return {
        "rows": rows,
        "overall": share(rows),
        "tuned": share([r for r in rows if not r.get("heldout")]),
        "heldout": share([r for r in rows if r.get("heldout")]),
        "by_kind": by_kind,
        "by_lang": by_lang,
        "by_kind_heldout": {k: share([r for r in rows if k in r["kinds"] and r.get("heldout")]) for k in recogniser.kinds},
        "silent": sum(1 for r in rows if not r["got"]),
        "unclassified": sum(1 for r in rows if r["got"] == [UNCLASSIFIED]),
        "budget_as_price": sum(1 for r in rows if "budget" in r["kinds"] and "price" in r["got"] and "price" not in r["kinds"]),
    }


def pct(pair) -> str:
    ok, n = pair
    return f"{ok}/{n} = {100 * ok / n:.1f}%" if n else "—"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rules", type=Path, default=ROOT / "rules")
    ap.add_argument("--misses", action="store_true", help="list the lines not recognised")
    args = ap.parse_args()
    s = score(args.rules)
    print(f"| measure | recognised |\n|---|---|")
    print(f"| overall ({len(s['rows'])} lines) | {pct(s['overall'])} |")
    print(f"| lines the phrases were written against (tuned + seen) | {pct(s['tuned'])} |")
    print(f"| held-out lines (blind: never tuned on) | {pct(s['heldout'])} |")
    for lang, pair in s["by_lang"].items():
        print(f"| lang {lang} | {pct(pair)} |")
    for kind, pair in s["by_kind"].items():
        print(f"| kind {kind} (held-out only: {pct(s['by_kind_heldout'][kind])}) | {pct(pair)} |")
    print(f"| silent objections (no kind at all) | {s['silent']} |")
    print(f"| lines left unclassified | {s['unclassified']} |")
    print(f"| budget lines read as price | {s['budget_as_price']} |")
    if args.misses:
        for r in s["rows"]:
            if not r["ok"]:
                mark = "H" if r.get("heldout") else " "
                print(f"{mark} {r['text']!r}: want {r['kinds']} got {r['got']} {r['evidence']}")


if __name__ == "__main__":
    main()

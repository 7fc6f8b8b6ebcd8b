"""Objection recognition on the labelled corpora (every tests/data/objections*.yaml).

    .venv/bin/python benchmarks/recognition.py [--rules DIR] [--misses] [--only FILE-STEM]

A line counts as recognised when the kinds found equal the kinds labelled (a two-kind line
needs both, and nothing extra). Prints the figures overall, per file, per kind, per language,
and a "blind (never tuned on)" row: lines with ``heldout: true`` and no ``seen: true`` — wording
written after the cues were frozen and never looked at while tuning them. --misses lists the
lines missed (B = blind, S = seen held-out). tests/test_recognition.py holds the thresholds;
the figures are recorded in benchmarks/results.md.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from advisor.files.yamlio import load_yaml_file  # noqa: E402
from advisor.language.pack import load_packs  # noqa: E402
from advisor.reading.cues import UNCLASSIFIED  # noqa: E402

DATA = ROOT / "tests" / "data"
LANGS = ("en", "zh", "zh-Hant")


def corpus_files(data: Path = DATA) -> list[Path]:
    return sorted(data.glob("objections*.yaml"))


def blind(row: dict) -> bool:
    return bool(row.get("heldout")) and not row.get("seen")


def score(rules_dir: Path = ROOT / "rules", files: list[Path] | None = None) -> dict:
    recogniser = load_packs(["core"], rules_dir).recogniser
    rows = []
    for path in files if files is not None else corpus_files():
        data, _ = load_yaml_file(path)
        for line in data["lines"]:
            got = recogniser.recognise(line["text"])
            rows.append({**line, "file": path.name, "got": got.kinds,
                         "ok": sorted(got.kinds) == sorted(line["kinds"]),
                         "evidence": [(e.kind, e.phrase) for e in got.evidence]})

    def share(selected):
        return (sum(r["ok"] for r in selected), len(selected))

    def kinds_of(selected):
        return {k: share([r for r in selected if k in r["kinds"]]) for k in recogniser.kinds}

    blind_rows = [r for r in rows if blind(r)]
    return {
        "rows": rows,
        "overall": share(rows),
        "by_file": {f: share([r for r in rows if r["file"] == f]) for f in dict.fromkeys(r["file"] for r in rows)},
        "tuned": share([r for r in rows if not r.get("heldout")]),
        "seen_heldout": share([r for r in rows if r.get("heldout") and r.get("seen")]),
        "blind": share(blind_rows),
        "by_kind": kinds_of(rows),
        "by_lang": {lang: share([r for r in rows if r["lang"] == lang]) for lang in LANGS},
        "by_kind_blind": kinds_of(blind_rows),
        "by_lang_blind": {lang: share([r for r in blind_rows if r["lang"] == lang]) for lang in LANGS},
        "silent": sum(1 for r in rows if not r["got"]),
        "unclassified": sum(1 for r in rows if r["got"] == [UNCLASSIFIED]),
        "extra_kind": sum(1 for r in rows if len(r["got"]) > len(r["kinds"])),
        "budget_as_price": sum(1 for r in rows if "budget" in r["kinds"] and "price" in r["got"] and "price" not in r["kinds"]),
    }


def pct(pair) -> str:
    ok, n = pair
    return f"{ok}/{n} = {100 * ok / n:.1f}%" if n else "—"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rules", type=Path, default=ROOT / "rules")
    ap.add_argument("--misses", action="store_true", help="list the lines not recognised")
    ap.add_argument("--only", help="score one corpus file only (its name without .yaml, e.g. objections)")
    args = ap.parse_args()
    files = [DATA / f"{args.only}.yaml"] if args.only else None
    s = score(args.rules, files)
    print("| measure | recognised |\n|---|---|")
    print(f"| overall ({len(s['rows'])} lines) | {pct(s['overall'])} |")
    for f, pair in s["by_file"].items():
        print(f"| file {f} | {pct(pair)} |")
    print(f"| lines the cues were written against (never held out) | {pct(s['tuned'])} |")
    print(f"| held-out lines since seen while tuning | {pct(s['seen_heldout'])} |")
    print(f"| **blind (never tuned on)** | **{pct(s['blind'])}** |")
    for lang, pair in s["by_lang"].items():
        print(f"| lang {lang} (blind: {pct(s['by_lang_blind'][lang])}) | {pct(pair)} |")
    for kind, pair in s["by_kind"].items():
        print(f"| kind {kind} (blind: {pct(s['by_kind_blind'][kind])}) | {pct(pair)} |")
    print(f"| silent objections (no kind at all) | {s['silent']} |")
    print(f"| lines left unclassified | {s['unclassified']} |")
    print(f"| lines given a kind too many | {s['extra_kind']} |")
    print(f"| budget lines read as price | {s['budget_as_price']} |")
    if args.misses:
        for r in s["rows"]:
            if not r["ok"]:
                mark = "B" if blind(r) else "S" if r.get("heldout") else " "
                print(f"{mark} {r['text']!r}: want {r['kinds']} got {r['got']} {r['evidence']}")


if __name__ == "__main__":
    main()

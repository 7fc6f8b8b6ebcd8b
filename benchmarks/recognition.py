"""Objection recognition on the labelled corpora: cues vs model vs hybrid, side by side.

    .venv/bin/python benchmarks/recognition.py [--rules DIR] [--misses] [--only FILE-STEM]
    .venv/bin/python benchmarks/recognition.py --compare      # strict accuracy per set, kind and language, three readers
    .venv/bin/python benchmarks/recognition.py --compare --blind tests/data/blind/objections-blind4.yaml   # a new blind set
    .venv/bin/python benchmarks/recognition.py --cv           # leave-one-set-out: the proxy for an unseen set (scikit-learn)
    .venv/bin/python benchmarks/recognition.py --cues         # each cue's hits and precision on the corpus
    .venv/bin/python benchmarks/recognition.py --timing       # model load and per-text cost

It reads every tests/data/objections*.yaml and the blind sets measured once and SEEN since
(``SEEN``: tests/data/blind/objections-blind3.yaml and, since session 3, objections-blind4.yaml and objections-blind5.yaml;
since session 4, objections-blind6.yaml; since session 5, objections-blind7.yaml; since session 6, objections-blind8.yaml; since session 7, objections-blind9.yaml; since session 8, objections-blind10.yaml; since session 9, objections-blind11.yaml; since session 10, objections-blind12.yaml; since session 11, objections-blind13.yaml; since session 12, objections-blind14.yaml; since session 13, objections-blind15.yaml and objections-blind16.yaml) — all of them are training data of the reader's
model now (scripts/train_reader.py), so their figures here are fitted figures, not blind ones. A blind
figure comes only from a file passed with ``--blind FILE`` (repeatable; ``lines:`` as in
objections-blind3.yaml: text, kinds, lang, src, trap, competitors, note, set — each line's
``competitors:``, the account's listed competitors, are given to the reader) that no model was trained
on, or from ``--cv``: each set scored by a model trained on all the others (the styles corpus split
into three groups of styles), the thresholds as shipped.

A line counts as recognised when the kinds found equal the kinds labelled (a two-kind line
needs both, and nothing extra). Prints the figures overall, per file, per kind, per language,
and a "blind" row: the lines of the --blind files. --misses lists the lines missed (B = blind).
tests/test_recognition.py holds the thresholds; the figures are recorded in benchmarks/results.md.
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
READERS = ("cues", "model", "hybrid")
# blind sets measured once (their blind figures are in benchmarks/results.md) and seen since: training data now
SEEN = [DATA / "blind" / "objections-blind3.yaml", DATA / "blind" / "objections-blind4.yaml",
        DATA / "blind" / "objections-blind5.yaml", DATA / "blind" / "objections-blind6.yaml",
        DATA / "blind" / "objections-blind7.yaml", DATA / "blind" / "objections-blind8.yaml",
        DATA / "blind" / "objections-blind9.yaml", DATA / "blind" / "objections-blind10.yaml",
        DATA / "blind" / "objections-blind11.yaml", DATA / "blind" / "objections-blind12.yaml",
        DATA / "blind" / "objections-blind13.yaml", DATA / "blind" / "objections-blind14.yaml",
        DATA / "blind" / "objections-blind15.yaml", DATA / "blind" / "objections-blind16.yaml"]


def corpus_files(data: Path = DATA) -> list[Path]:
    return sorted(data.glob("objections*.yaml")) + [p for p in SEEN if p.parent.parent == data]


def read_with(recogniser, reader: str, text: str, competitors=()):
    """One line read by the cues alone, the model alone, or both (what advise uses)."""
    if reader == "cues":
        return recogniser.cues(text)
    if reader == "model":
        return recogniser.model_only(text)
    return recogniser.recognise(text, list(competitors))


def blind(row: dict) -> bool:
    return bool(row.get("blind")) or (bool(row.get("heldout")) and not row.get("seen"))


def read_lines(path: Path) -> list[dict]:
    """A labelled file's lines; a file that is not one is a one-line error naming it and the fix."""
    try:
        data, _ = load_yaml_file(path)
    except Exception as exc:  # noqa: BLE001 — any reading fault becomes one line
        raise SystemExit(f"{path}: cannot read it ({exc}) — give a YAML file with 'lines:' of {{text, kinds, lang}}")
    lines = data.get("lines") if isinstance(data, dict) else None
    if not isinstance(lines, list):
        raise SystemExit(f"{path}: no 'lines:' list — the format is that of tests/data/blind/objections-blind3.yaml")
    for i, line in enumerate(lines):
        if not isinstance(line, dict) or not isinstance(line.get("text"), str) or not isinstance(line.get("kinds"), list):
            raise SystemExit(f"{path}: lines[{i}]: needs text: and kinds: [..] — as in tests/data/blind/objections-blind3.yaml")
        line.setdefault("lang", "en")
    return lines


def score(rules_dir: Path = ROOT / "rules", files: list[Path] | None = None, reader: str = "hybrid",
          blind_files: list[Path] = ()) -> dict:
    recogniser = load_packs(["core"], rules_dir).recogniser
    rows = []
    for path in list(files if files is not None else corpus_files()) + [p for p in blind_files if p not in (files or ())]:
        for line in read_lines(path):
            got = read_with(recogniser, reader, line["text"], line.get("competitors") or ())
            rows.append({**line, "file": path.name, "blind": path in blind_files, "got": got.kinds,
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


def compare(rules_dir: Path, files: list[Path], blind_files: list[Path] = ()) -> None:
    """Strict accuracy of the three readers side by side, per set, kind and language."""
    runs = {r: score(rules_dir, files, r, blind_files) for r in READERS}
    head = "| set · measure | " + " | ".join(READERS) + " |\n|---|" + "---|" * len(READERS)
    for f in runs["hybrid"]["by_file"]:
        mark = " (blind: no model was trained on it)" if any(r["blind"] for r in runs["hybrid"]["rows"] if r["file"] == f) \
            else " (training data: a fitted figure)"
        print(f"\n**{f}**{mark}\n\n{head}")
        sub = {r: [row for row in runs[r]["rows"] if row["file"] == f] for r in READERS}

        def line(label, pick):
            print(f"| {label} | " + " | ".join(pct(pick(sub[r])) for r in READERS) + " |")

        def share(rows):
            return (sum(x["ok"] for x in rows), len(rows))
        line(f"strict, all {len(sub['hybrid'])} lines", share)
        if any(x.get("trap") for x in sub["hybrid"]):
            line("traps", lambda rows: share([x for x in rows if x.get("trap")]))
        for lang in LANGS:
            line(f"lang {lang}", lambda rows, lang=lang: share([x for x in rows if x["lang"] == lang]))
        for kind in runs["hybrid"]["by_kind"]:
            line(f"kind {kind}", lambda rows, kind=kind: share([x for x in rows if kind in x["kinds"]]))
        for label, test in (("silent or unclassified", lambda x: x["got"] in ([], [UNCLASSIFIED])),
                            ("budget read as price", lambda x: "budget" in x["kinds"] and "price" in x["got"] and "price" not in x["kinds"]),
                            ("a kind too many", lambda x: len(x["got"]) > len(x["kinds"]))):
            print(f"| {label} | " + " | ".join(str(sum(1 for x in sub[r] if test(x))) for r in READERS) + " |")


def cue_report(rules_dir: Path, files: list[Path]) -> None:
    """Each cue's hits (lines it decided a kind on) and precision (the line carries that kind)."""
    recogniser = load_packs(["core"], rules_dir).recogniser
    hits: dict[tuple[str, str], list[int]] = {}
    for path in files:
        for line in read_lines(path):
            for e in recogniser.cues(line["text"]).evidence:
                key = (e.kind, e.phrase.split(" → ")[0])
                h = hits.setdefault(key, [0, 0])
                h[0] += 1
                h[1] += e.kind in line["kinds"]
    spec = recogniser.spec
    every = [(k, p) for k, ks in spec.kinds.items() for p in ks.en + ks.zh + ks.weak.en + ks.weak.zh]
    fired = sum(1 for key in every if key in hits)
    wrong = sorted(((k, p), h) for (k, p), h in hits.items() if h[1] < h[0])
    print(f"cues: {len(every)}; fired on the corpus: {fired}; never fired: {len(every) - fired}; "
          f"fired wrong at least once: {len(wrong)}")
    print("| kind | cue | hits | right | precision |\n|---|---|---|---|---|")
    for (kind, phrase), (n, ok) in sorted(hits.items(), key=lambda kv: (kv[1][1] / kv[1][0], -kv[1][0], kv[0])):
        if ok < n:
            print(f"| {kind} | {phrase} | {n} | {ok} | {100 * ok / n:.0f}% |")


def timing(rules_dir: Path, files: list[Path]) -> None:
    """CPU time (time.process_time: what the process itself spent, unlike wall time on a shared machine)."""
    import time
    from advisor.reading import model as reader_model

    recogniser = load_packs(["core"], rules_dir).recogniser
    path = recogniser.spec.model
    loads = []
    for _ in range(15):
        t = time.process_time()
        reader_model.load(path, recogniser.kinds)
        loads.append(time.process_time() - t)
    texts = [line["text"] for f in files for line in read_lines(f)]
    recogniser.recognise(texts[0])
    model = recogniser.model
    t = time.process_time()
    for text in texts:
        model.score(recogniser.normalise(text))
    per_model = (time.process_time() - t) / len(texts)
    t = time.process_time()
    for text in texts:
        recogniser.recognise(text)
    per_hybrid = (time.process_time() - t) / len(texts)
    print(f"model load (read + parse + check), CPU, median of 15: {1000 * sorted(loads)[7]:.1f} ms "
          f"({Path(path).stat().st_size // 1024} KB)")
    print(f"per text over {len(texts)} lines, CPU: model score {1000 * per_model:.3f} ms, "
          f"hybrid (cues + model) {1000 * per_hybrid:.3f} ms")


def cross_validation() -> None:
    """Leave one set out (scripts/train_reader.py): each set read by a model that never saw it."""
    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise SystemExit("--cv trains models: install the training extra first — .venv/bin/pip install -e '.[train]'") from None
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_reader

    rows, rd = train_reader.corpus(), train_reader.reader()
    oof = train_reader.out_of_fold(rows, rd)
    print(train_reader.cv_table(oof, train_reader.PARAMS, rd) + "\n\n" + train_reader.kind_table(oof, rd))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rules", type=Path, default=ROOT / "rules")
    ap.add_argument("--misses", action="store_true", help="list the lines not recognised")
    ap.add_argument("--only", help="score one corpus file only (its name without .yaml, e.g. objections)")
    ap.add_argument("--reader", choices=READERS, default="hybrid", help="who reads (default: hybrid, as advise does)")
    ap.add_argument("--compare", action="store_true", help="cues vs model vs hybrid, per set, kind and language")
    ap.add_argument("--blind", type=Path, action="append", default=[], metavar="FILE",
                    help="a blind set no model was trained on (repeatable): measured beside the corpus, its rows marked B")
    ap.add_argument("--cv", action="store_true", help="leave-one-set-out cross-validation (needs the training extra)")
    ap.add_argument("--cues", action="store_true", help="each cue's hits and precision on the corpus")
    ap.add_argument("--timing", action="store_true", help="model load and per-text cost")
    args = ap.parse_args()
    for path in args.blind:
        if not path.is_file():
            raise SystemExit(f"--blind {path}: no such file — give the path of a labelled set such as tests/data/blind/objections-blind4.yaml")
    files = [DATA / f"{args.only}.yaml"] if args.only else corpus_files()
    # a set passed with --blind is read once, as blind, even if it is also a corpus file (then its figure is fitted)
    args.blind = [p.resolve() for p in args.blind]
    files = [f for f in files if f.resolve() not in args.blind]
    if args.cv:
        return cross_validation()
    if args.compare:
        return compare(args.rules, files, args.blind)
    if args.cues:
        return cue_report(args.rules, files)
    if args.timing:
        return timing(args.rules, corpus_files())
    s = score(args.rules, files, args.reader, args.blind)
    print("| measure | recognised |\n|---|---|")
    print(f"| overall ({len(s['rows'])} lines) | {pct(s['overall'])} |")
    for f, pair in s["by_file"].items():
        print(f"| file {f} | {pct(pair)} |")
    print(f"| **blind (the --blind files)** | **{pct(s['blind'])}** |")
    for lang, pair in s["by_lang"].items():
        print(f"| lang {lang} (blind: {pct(s['by_lang_blind'][lang])}) | {pct(pair)} |")
    for kind, pair in s["by_kind"].items():
        print(f"| kind {kind} (blind: {pct(s['by_kind_blind'][kind])}) | {pct(pair)} |")
    print(f"| silent objections (no kind at all) | {s['silent']} |")
    print(f"| lines left unclassified | {s['unclassified']} |")
    print(f"| lines given a kind too many | {s['extra_kind']} |")
    print(f"| budget lines read as price | {s['budget_as_price']} |")
    if args.blind:
        b = [r for r in s["rows"] if r["blind"]]
        print(f"| blind: unclassified | {sum(1 for r in b if r['got'] == [UNCLASSIFIED])} |")
        print(f"| blind: a kind too many | {sum(1 for r in b if len(r['got']) > len(r['kinds']))} |")
        print(f"| blind: budget read as price | {sum(1 for r in b if 'budget' in r['kinds'] and 'price' in r['got'] and 'price' not in r['kinds'])} |")
    if args.misses:
        for r in s["rows"]:
            if not r["ok"]:
                mark = "B" if blind(r) else " "
                print(f"{mark} {r['text']!r}: want {r['kinds']} got {r['got']} {r['evidence']}")


if __name__ == "__main__":
    main()

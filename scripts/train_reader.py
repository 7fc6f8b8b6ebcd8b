"""Train the objection reader's learned fallback and write it as plain JSON weights into the core pack.

    .venv/bin/pip install -e '.[train]'                 # scikit-learn: for training only, never at run time
    .venv/bin/python scripts/train_reader.py            # retrain → rules/core/reader-model.json
    .venv/bin/python scripts/train_reader.py --cv       # 4-fold figures: cues vs model vs hybrid (no file written)
    .venv/bin/python scripts/train_reader.py --check    # exit 1 when the shipped weights are stale

What it learns from: the labelled lines of ``TRAIN_FILES`` only (the project's corpus and the blind
set of issue 9, both seen). It never reads ``tests/data/blind/`` — the frozen sets measured once by
the lead (``corpus`` refuses any path there). The texts are normalised as the reader normalises them
(lower case, traditional → simplified with the core pack's map, contractions written out) and cut
into the n-grams of ``advisor.reading.model.features``; scikit-learn's TF-IDF (sublinear tf, smooth
idf, L2) and one logistic regression per kind (one-vs-rest) are fitted; the n-grams are pruned to the
``keep`` that weigh most for any kind and the model is fitted again on exactly those, so the pure-Python
scorer's L2 norm runs over the same vocabulary as scikit-learn's. The file records a SHA-256 of the
training lines, the parameters, the fold map and the feature code (``fingerprint``), which
tests/test_reader_model.py recomputes: a changed corpus or feature makes the test fail until this
script is run again.
"""
from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from advisor.files.yamlio import load_yaml_file  # noqa: E402
from advisor.reading import cues, model as reader_model  # noqa: E402

TRAIN_FILES = ["tests/data/objections.yaml", "tests/data/objections-blind.yaml"]
OUT = ROOT / "rules" / "core" / "reader-model.json"
FROZEN = ROOT / "tests" / "data" / "blind"
PARAMS = {
    "C": 8.0,  # inverse regularisation of each kind's logistic regression
    "class_weight": "balanced",  # a kind is ~9% of the lines: weigh its positives up
    "min_df": 2,  # an n-gram seen in one line only is noise
    "keep": 4000,  # n-grams kept after pruning (by the largest |coefficient| over the kinds)
    "scale": 1000,  # numbers are stored as round(value × scale): integers read fast and small
    "cue_lines": True,  # the packs' strong cues join the training lines, one short line each (below)
    # the decision thresholds (reading/reader.py), chosen on 4-fold cross-validation of objections.yaml
    # and on objections-blind.yaml with a model trained without it (--cv prints both)
    "answer_at": 0.20,  # the model answers (no strong cue) when its top kind reaches this
    "second_at": 0.90,  # ... and adds a second kind at this
    "confirm_at": 0.20,  # a second kind of the cues stands when the model gives it this
    "weak_at": 0.15,  # a weak cue's kind stands (no strong cue) when the model gives it this
    "min_grams": 4,  # the model answers only on a text with this many n-grams it knows ("Hmm." has one)
}
PROBES = ["Your price is too high.", "这个得老板拍板", "We're locked into a contract with another vendor.",
          "上个月的货到现在还没到", "Hmm."]


def corpus(files: list[str] = TRAIN_FILES) -> list[dict]:
    """The labelled lines of the training files, in file order."""
    rows = []
    for name in files:
        path = (ROOT / name).resolve()
        if FROZEN.resolve() in path.parents:
            raise SystemExit(f"{name}: the frozen blind sets are never trained on (tests/data/blind/)")
        data, _ = load_yaml_file(path)
        rows += [{**line, "file": path.name} for line in data["lines"]]
    return rows


def cue_lines(spec) -> list[dict]:
    """The packs' strong cues as short training lines: "{role} decid*" → "boss decid" (authority).

    Why: the corpus has ~100 lines per kind; the cue lists hold thousands of wordings a rep might use.
    As lines they teach the model the same vocabulary the cues know, in n-grams that also meet the
    wordings around them. A concept is filled with one of its entries, chosen by a fixed seed."""
    rng = random.Random(0)

    def fill(phrase: str, zh: bool) -> str:
        def entry(m):
            c = spec.concepts[m.group(1)]
            words = c.zh if zh else c.en
            return rng.choice(words) if words else ""
        phrase = re.sub(r"\{([a-z_]+)\}", entry, phrase)
        return phrase.replace("...", " ").replace("*", "").replace("#", "三" if zh else "3")

    out = []
    for kind, k in spec.kinds.items():
        out += [{"text": fill(p, False), "kinds": [kind], "file": "cues"} for p in k.en]
        out += [{"text": fill(p, True), "kinds": [kind], "file": "cues"} for p in k.zh]
    return out


def reader():
    from advisor.language.pack import load_packs
    return load_packs(["core"], ROOT / "rules").recogniser


def fingerprint(rows: list[dict], params: dict, fold: str) -> str:
    """What the weights depend on: the lines and labels, the parameters, the fold map, the features."""
    h = hashlib.sha256()
    h.update(json.dumps([[r["text"], sorted(r["kinds"])] for r in rows], ensure_ascii=False).encode())
    h.update(json.dumps(params, sort_keys=True).encode())
    h.update(" ".join(sorted(fold.split())).encode())
    h.update(inspect.getsource(reader_model.features).encode())
    h.update(json.dumps([reader_model._HAN_RUN.pattern, reader_model._STRETCH.pattern, reader_model._LATIN.pattern,
                         sorted(cues._EXPANSIONS.items())]).encode())
    return h.hexdigest()


def fit(texts: list[str], labels: list[list[str]], kinds: list[str], params: dict, vocabulary=None):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(analyzer=reader_model.features, sublinear_tf=True, min_df=params["min_df"] if vocabulary is None else 1,
                          vocabulary=vocabulary)
    X = vec.fit_transform(texts)
    models = []
    for k in kinds:
        y = [int(k in ls) for ls in labels]
        clf = LogisticRegression(C=params["C"], class_weight=params["class_weight"], solver="liblinear", random_state=0)
        clf.fit(X, y)
        models.append(clf)
    return vec, models


def train(rows: list[dict], rd, params: dict = PARAMS) -> dict:
    """The model file's content (a dict ready for json.dump); ``rd`` is the core pack set's reader."""
    normalise, kinds = rd.normalise, rd.kinds
    rows = rows + (cue_lines(rd.spec) if params["cue_lines"] else [])
    texts = [normalise(r["text"]) for r in rows]
    labels = [r["kinds"] for r in rows]
    vec, models = fit(texts, labels, kinds, params)
    names = vec.get_feature_names_out()
    weight = [max(abs(m.coef_[0][j]) for m in models) for j in range(len(names))]
    ranked = sorted(range(len(names)), key=lambda j: (-weight[j], names[j]))[: params["keep"]]
    vocabulary = sorted(names[j] for j in ranked)
    vec, models = fit(texts, labels, kinds, params, vocabulary)
    scale = params["scale"]
    names = list(vec.get_feature_names_out())
    return {
        "format": reader_model.FORMAT,
        "about": "objection reader fallback: TF-IDF over character/word n-grams, one logistic regression per kind; "
                 "trained by scripts/train_reader.py — do not edit by hand",
        "kinds": kinds,
        "vocabulary": names,
        "scale": scale,
        "idf": [round(float(x) * scale) for x in vec.idf_],
        "coef": {k: [round(float(x) * scale) for x in m.coef_[0]] for k, m in zip(kinds, models)},
        "intercept": {k: round(float(m.intercept_[0]), 4) for k, m in zip(kinds, models)},
        "decide": {k: params[k] for k in ("answer_at", "second_at", "confirm_at", "weak_at", "min_grams")},
        "params": params,
        "trained_on": {"files": TRAIN_FILES, "lines": len(texts)},  # with the cue lines
        "probes": {t: {k: round(float(m.predict_proba(vec.transform([normalise(t)]))[0][1]), 4)
                       for k, m in zip(kinds, models)} for t in PROBES},
    }


def strict(got: list[str], want: list[str]) -> bool:
    return sorted(got) == sorted(want)


def evaluate(train_rows: list[dict], test_rows: list[dict], rd, params: dict = PARAMS) -> dict:
    """Strict accuracy of cues, model and hybrid on ``test_rows`` with a model fitted on ``train_rows``."""
    from advisor.reading.reader import Reader

    data = train(train_rows, rd, params)
    fold_reader = Reader(rd.spec)
    fold_reader._model._model = reader_model.Model(data, "<fold>", rd.kinds)
    out = {"cues": 0, "model": 0, "hybrid": 0, "n": len(test_rows), "misses": [], "rows": []}
    for r in test_rows:
        got = {"cues": fold_reader.cues(r["text"]).kinds, "model": fold_reader.model_only(r["text"]).kinds,
               "hybrid": fold_reader.recognise(r["text"], r.get("competitors") or ()).kinds}
        for k, kinds in got.items():
            out[k] += strict(kinds, r["kinds"])
        out["rows"].append((r, {k: strict(kinds, r["kinds"]) for k, kinds in got.items()}))
        if not strict(got["hybrid"], r["kinds"]):
            out["misses"].append((r["text"], r["kinds"], got))
    return out


def cross_validate(rows: list[dict], rd, folds: int = 4, params: dict = PARAMS) -> dict:
    order = list(range(len(rows)))
    random.Random(0).shuffle(order)
    total = {"cues": 0, "model": 0, "hybrid": 0, "n": 0, "misses": []}
    for f in range(folds):
        test = [rows[i] for i in order[f::folds]]
        held = set(order[f::folds])
        got = evaluate([rows[i] for i in order if i not in held], test, rd, params)
        for k in ("cues", "model", "hybrid", "n"):
            total[k] += got[k]
        total["misses"] += got["misses"]
    return total


def pct(ok: int, n: int) -> str:
    return f"{ok}/{n} = {100 * ok / n:.1f}%" if n else "—"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv", action="store_true", help="print cross-validated figures; write nothing")
    ap.add_argument("--check", action="store_true", help="exit 1 when the shipped model is stale")
    ap.add_argument("--misses", action="store_true", help="with --cv: list the hybrid's misses")
    args = ap.parse_args()
    rows = corpus()
    rd = reader()
    stamp = fingerprint(rows + cue_lines(rd.spec), PARAMS, rd.spec.traditional)
    if args.check:
        shipped = json.loads(OUT.read_text(encoding="utf-8"))["trained_on"].get("sha256")
        print("fresh" if shipped == stamp else f"stale: {OUT.relative_to(ROOT)} — run python scripts/train_reader.py")
        return 0 if shipped == stamp else 1
    if args.cv:
        corpus_rows = [r for r in rows if r["file"] == "objections.yaml"]
        blind_rows = [r for r in rows if r["file"] == "objections-blind.yaml"]
        cv = cross_validate(corpus_rows, rd)
        held = evaluate(corpus_rows, blind_rows, rd)
        print("| set | cues | model | hybrid |\n|---|---|---|---|")
        print(f"| 4-fold cross-validation over the {cv['n']} lines of objections.yaml | "
              + " | ".join(pct(cv[k], cv["n"]) for k in ("cues", "model", "hybrid")) + " |")
        print("| objections-blind.yaml, model trained on objections.yaml only | "
              + " | ".join(pct(held[k], held["n"]) for k in ("cues", "model", "hybrid")) + " |")
        print("\nobjections-blind.yaml with the model trained on objections.yaml only, per language and kind:\n")
        print("| lines | cues | model | hybrid |\n|---|---|---|---|")
        groups = [(f"lang {lang}", lambda r, lang=lang: r["lang"] == lang) for lang in ("en", "zh", "zh-Hant")]
        groups += [(f"kind {k}", lambda r, k=k: k in r["kinds"]) for k in rd.kinds]
        for label, test in groups:
            sel = [ok for r, ok in held["rows"] if test(r)]
            print(f"| {label} | " + " | ".join(pct(sum(o[k] for o in sel), len(sel)) for k in ("cues", "model", "hybrid")) + " |")
        if args.misses:
            for text, want, got in cv["misses"] + held["misses"]:
                print(f"{text!r}: want {want} got {got}")
        return 0
    data = train(rows, rd)
    data["trained_on"]["sha256"] = stamp
    tmp = OUT.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    tmp.replace(OUT)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(data['vocabulary'])} n-grams × {len(data['kinds'])} kinds, "
          f"{OUT.stat().st_size // 1024} KB, from {len(rows)} corpus lines and {data['trained_on']['lines'] - len(rows)} cue lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())

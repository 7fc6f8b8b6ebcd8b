"""Train the objection reader's learned fallback and write it as plain JSON weights into the core pack.

    .venv/bin/pip install -e '.[train]'                 # scikit-learn: for training only, never at run time
    .venv/bin/python scripts/train_reader.py            # retrain → rules/core/reader-model.json
    .venv/bin/python scripts/train_reader.py --cv       # leave-one-set-out figures: cues vs model vs hybrid
    .venv/bin/python scripts/train_reader.py --tune     # leave-one-set-out search of the decision thresholds
    .venv/bin/python scripts/train_reader.py --check    # exit 1 when the shipped weights are stale

What it learns from: the labelled lines of ``TRAIN_FILES`` only — the project's corpus, the styles
corpus (rep's notes, letters, chat, mixed language; tests/data/objections-styles.yaml) and the blind
sets that have been SEEN since they were measured (issue 9's, session 1's blind3, session 2's blind4, session 3's blind5 and blind6, session 4's blind7, session 5's blind8, session 6's blind9, session 7's blind10, session 8's blind11, session 9's blind12, session 10's blind13, session 11's blind14, session 12's blind15 and blind16:
their blind figures are in benchmarks/results.md; they are development and training data now). It never reads
another file of ``tests/data/blind/`` — a frozen set not yet measured (``corpus`` refuses it). The texts are normalised as the reader normalises them
(lower case, traditional → simplified with the core pack's map, contractions written out) and cut
into the n-grams of ``advisor.reading.model.features``; scikit-learn's TF-IDF (sublinear tf, smooth
idf, L2) and one logistic regression per kind (one-vs-rest) are fitted; the n-grams are pruned to the
``keep`` that weigh most for any kind and the model is fitted again on exactly those, so the pure-Python
scorer's L2 norm runs over the same vocabulary as scikit-learn's. The file records a SHA-256 of the
training lines, the parameters, the fold map and the feature code (``fingerprint``), which
tests/test_reader_model.py recomputes: a changed corpus or feature makes the test fail until this
script is run again.

The clause judge of a second kind (advisor/reading/second.py) is fitted last, by a logistic regression over the
out-of-fold readings of every line (a model per cross-validation fold scores that fold's lines and their
clauses), so it learns how the model's figures behave on text it has not seen; it is written into the same file
(``second:``). In ``--cv`` each fold is read with a judge fitted on the other folds only.
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

from advisor.accounts import ngrams  # noqa: E402
from advisor.accounts.functionwords import has_content  # noqa: E402
from advisor.files.yamlio import load_yaml_file  # noqa: E402
from advisor.reading import contractions, cues, frames, second, words, model as reader_model  # noqa: E402

TRAIN_FILES = ["tests/data/objections.yaml", "tests/data/objections-blind.yaml", "tests/data/objections-styles.yaml",
               "tests/data/objections-notes.yaml", "tests/data/objections-voices-a.yaml", "tests/data/objections-voices-b.yaml",
               "tests/data/objections-voices-c.yaml", "tests/data/objections-voices-d.yaml",
               "tests/data/objections-voices-e.yaml", "tests/data/objections-voices-f.yaml",
               "tests/data/objections-voices-g.yaml", "tests/data/objections-voices-h.yaml",
               "tests/data/objections-voices-i.yaml", "tests/data/objections-voices-j.yaml",
               "tests/data/objections-voices-k.yaml", "tests/data/objections-voices-l.yaml",
               "tests/data/objections-voices-m.yaml", "tests/data/objections-voices-n.yaml",
               "tests/data/objections-voices-o.yaml",
               "tests/data/blind/objections-blind3.yaml",
               "tests/data/blind/objections-blind4.yaml", "tests/data/blind/objections-blind5.yaml",
               "tests/data/blind/objections-blind6.yaml", "tests/data/blind/objections-blind7.yaml",
               "tests/data/blind/objections-blind8.yaml", "tests/data/blind/objections-blind9.yaml",
               "tests/data/blind/objections-blind10.yaml", "tests/data/blind/objections-blind11.yaml",
               "tests/data/blind/objections-blind12.yaml", "tests/data/blind/objections-blind13.yaml",
               "tests/data/blind/objections-blind14.yaml", "tests/data/blind/objections-blind15.yaml",
               "tests/data/blind/objections-blind16.yaml"]
# frozen blind sets already measured once: training data since (blind4 and blind5 from session 3, blind6 from
# session 4, blind7 from session 5, blind8 from session 6, blind9 from session 7,
# blind10 from session 8 (measured once at session 7's end, 83.1%; a development set first in session 8),
# blind11 from session 9 (measured once at session 8's end, 91.8%; measured again as a development set in session 9 before it joined),
# blind12 from session 10 (measured once at session 9's end; again as a development set in session 10 before it joined — the
# joined file only, its halves blind12a/b are the same lines), blind13 from session 11 (measured once at session 10's end, 82.5%;
# a development set in session 11 before it joined — the joined file only), blind14 from session 12 (measured once at
# session 11's end, 89.2%; a development set in session 12 before it joined, 90.2% with session 12's reader on session 11's
# model), blind15 and blind16 from session 13 (blind15 measured once at session 12's mid-point, 86.0%, blind16 at its end,
# 89.8%; development sets in session 13 before they joined: 481/556 and 230/255 with session 13's frames on session 12's
# model), each after its last development figure was recorded in benchmarks/results.md)
SEEN_BLIND = {"objections-blind3.yaml", "objections-blind4.yaml", "objections-blind5.yaml", "objections-blind6.yaml",
              "objections-blind7.yaml", "objections-blind8.yaml", "objections-blind9.yaml", "objections-blind10.yaml",
              "objections-blind11.yaml", "objections-blind12.yaml", "objections-blind13.yaml",
              "objections-blind14.yaml", "objections-blind15.yaml", "objections-blind16.yaml"}
# the cross-validation folds: one per set, the styles corpus in three groups of styles (benchmarks/recognition.py --cv)
STYLE_FOLDS = {"notes": "written", "formal": "written", "story": "written", "chat": "chat", "hant": "chat",
               "mixed": "mixed", "trap": "mixed"}
# sentences that carry no kind (greetings, thanks, small talk, praise): negatives for every kind in every fold,
# so small talk around an objection pushes no kind (session 5: it cost 5.6 points on a held-out set, read with
# small talk before each line — benchmarks/results.md)
CHATTER_FILE = "tests/data/reader-chatter.yaml"
OUT = ROOT / "rules" / "core" / "reader-model.json"
FROZEN = ROOT / "tests" / "data" / "blind"
PARAMS = {
    "C": 16.0,  # inverse regularisation of each kind's logistic regression (4, 8, 16 tried on leave-one-set-out: 16 best, by a little)
    "class_weight": "balanced",  # a kind is ~9% of the lines: weigh its positives up
    "min_df": 2,  # an n-gram seen in one line only is noise
    "keep": 16000,  # n-grams kept after pruning (by the largest |coefficient| over the kinds; session 4: 4,000 → 16,000,
                    # better on leave-one-set-out — benchmarks/results.md; packed rows keep the load in a few ms)
    "scale": 1000,  # numbers are stored as round(value × scale) in 16 bits; lowered when a weight would not fit
    "cue_lines": True,  # the packs' strong cues join the training lines, one short line each (below)
    "chatter": True,  # the chatter lines (CHATTER_FILE) join as negatives for every kind
    # the decision (reading/reader.py choose), chosen by --tune on leave-one-set-out cross-validation
    # (the optimum is flat. Session 5 re-tuned it on 4,309 held-out lines, blind7 and voices-c/-d among the folds:
    # --tune lands on confirm_at 0.8, no cue bonus, cleared_penalty 0.7, also_second_at 0.4 — 89.3 → 89.7%; tuned
    # again with each of blind6, blind7, voices-c and voices-d held out of the tuning, the setting it picks scores
    # that fold 1,449 of 1,631 where the old one scored 1,444. Shipped: --tune's setting but a strong cue keeps 0.2
    # (89.8%, budget read as price 3; no bonus lost 29 lines on objections.yaml and read small talk worse: the cues
    # do not dilute in a long message, the model does — benchmarks/results.md, Session 5). Session 12 (s12-tune, 12,823
    # out-of-fold lines): --tune lands on second_at 0.97, strong_bonus 0, cleared_penalty 0.5, also_relief 0.05,
    # also_second_at 0.5, clause_at 0.55 — 11,618 → 11,632 (+0.1 point; objections.yaml's fold 994 → 978): under the
    # 0.3-point bar, not shipped (benchmarks/results.md, Session 12 — the reader's thresholds)
    "answer_at": 0.10,  # no cue fired: the model answers when its top kind reaches this
    "second_at": 0.95,  # a second kind on the model's support alone: only when it is near certain (session 6: --tune lands on
                        # 0.95, +11 held-out lines; 0.9 or lower loses more single-kind lines than it wins two-kind ones)
    "confirm_at": 0.80,  # a second kind with its own strong cue in its own clause needs this much of the model
                         # (session 5: 0.45 → 0.8, +16 lines alone; a second kind too many was the commoner fault)
    "strong_bonus": 0.20,  # what a surviving strong cue adds to its kind's standing (the model vetoes at a 0.2 lead)
    "weak_bonus": 0.0,  # ... a weak cue: nothing (session 5; 0.3 before): the model decides between weak cues' kinds
    "also_relief": 0.30,  # how much less of the model a second kind needs when its clause says it adds one (也, "as well"):
                          # 0.15–0.3 level on CV (session 5); 0.3 keeps such a clause at the 0.5 it needed before the re-tune
    "also_second_at": 0.4,  # a second kind on the model's support alone where the text says it adds one (而且, "on top of that"):
                            # leave-one-set-out 87.6 → 88.2 at 0.5 (session 4), 0.4 since session 5
    "cleared_penalty": 0.70,  # what a conceded kind loses ("the price is fine"): it stands only on overwhelming evidence
    "dual": True,  # fit each kind's regression in the dual (same optimum, faster: ``fit``)
    "clause_at": 0.5,  # the clause judge (reading/second.py) adds a second kind at this figure (session 7, leave-one-set-out)
    "clause_C": 1.0,  # inverse regularisation of the clause judge's logistic regression
    "min_grams": 2,  # the model answers only on a text with this many words, word pairs or Chinese n-grams it knows ("Hmm." has one)
}
PROBES = ["Your price is too high.", "这个得老板拍板", "We're locked into a contract with another vendor.",
          "上个月的货到现在还没到", "Hmm."]


def corpus(files: list[str] = TRAIN_FILES) -> list[dict]:
    """The labelled lines of the training files, in file order."""
    rows = []
    for name in files:
        path = (ROOT / name).resolve()
        if FROZEN.resolve() in path.parents and path.name not in SEEN_BLIND:
            raise SystemExit(f"{name}: a frozen blind set is never trained on before it is measured (tests/data/blind/)")
        data, _ = load_yaml_file(path)
        rows += [{**line, "file": path.name} for line in data["lines"]]
    return rows


def fold_of(row: dict) -> str:
    """The row's cross-validation fold: its file, the styles corpus split by style group."""
    stem = row["file"].removesuffix(".yaml")
    return f"{stem}:{STYLE_FOLDS[row['set']]}" if row["file"] == "objections-styles.yaml" else stem


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


def chatter_lines() -> list[dict]:
    """The chatter file's lines, each with no kind (a negative for every kind)."""
    data, _ = load_yaml_file(ROOT / CHATTER_FILE)
    return [{"text": line["text"], "kinds": [], "file": "chatter"} for line in data["lines"]]


def extra_lines(spec) -> list[dict]:
    """What every fold trains on beside the corpus: the packs' cues as lines, and the chatter."""
    return cue_lines(spec) + chatter_lines()


def reader():
    from advisor.language.pack import load_packs
    return load_packs(["core"], ROOT / "rules").recogniser


def fingerprint(rows: list[dict], params: dict, fold: str) -> str:
    """What the weights depend on: the lines and labels, the parameters, the fold map, the features."""
    h = hashlib.sha256()
    h.update(json.dumps([[r["text"], sorted(r["kinds"])] for r in rows], ensure_ascii=False).encode())
    h.update(json.dumps(params, sort_keys=True).encode())
    h.update(" ".join(sorted(fold.split())).encode())
    for part in (reader_model.features, reader_model.fold, ngrams):  # the n-grams and how words are folded
        h.update(inspect.getsource(part).encode())
    h.update(inspect.getsource(frames).encode())  # the frames taken off before the n-grams are cut
    h.update(inspect.getsource(words).encode())  # the contrast and adding words (features, the clause judge)
    h.update(inspect.getsource(second).encode())  # the clause judge's features, fitted on out-of-fold readings
    # the whole normaliser of contractions, code and table (session 12 hashed the table only: a change to the code that
    # applies it — "he's asked" read "he has asked" — left the stamp fresh over weights it no longer produces)
    h.update(inspect.getsource(contractions).encode())
    return h.hexdigest()


# every text's n-grams, cut once per run: a full retrain fits a model per fold and each fits twice (before and after
# pruning), so the same ~9,000 texts were cut into n-grams ~70 times — most of the retrain's time. The memo returns
# exactly what ``features`` returns (a fresh list each call), so what is learned does not change.
_GRAMS: dict[str, tuple[str, ...]] = {}


def cached_features(text: str) -> list[str]:
    got = _GRAMS.get(text)
    if got is None:
        got = _GRAMS[text] = tuple(reader_model.features(text))
    return list(got)


_NORMALISED: dict[str, str] = {}


def normalised(rd, text: str) -> str:
    """The reader's normalise, once per text per run (each fold normalises every training line again otherwise)."""
    got = _NORMALISED.get(text)
    if got is None:
        got = _NORMALISED[text] = rd.normalise(text)
    return got


def fit(texts: list[str], labels: list[list[str]], kinds: list[str], params: dict, vocabulary=None):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(analyzer=cached_features, sublinear_tf=True, min_df=params["min_df"] if vocabulary is None else 1,
                          vocabulary=vocabulary)
    X = vec.fit_transform(texts)
    models = []
    for k in kinds:
        y = [int(k in ls) for ls in labels]
        # the dual of the same L2 problem (liblinear's coordinate descent): the same optimum (coefficients within 0.0015 of
        # the primal's, of up to ~25; session 12), 4-5× faster with ~70,000 n-grams and ~15,000 lines — the primal Newton
        # fit was most of a retrain's time (a model per fold: 9 min quiet, over 86 min on a loaded machine in session 11)
        clf = LogisticRegression(C=params["C"], class_weight=params["class_weight"], solver="liblinear", random_state=0,
                                 dual=params.get("dual", False), max_iter=5000)
        clf.fit(X, y)
        models.append(clf)
    return vec, models


def train(rows: list[dict], rd, params: dict = PARAMS) -> dict:
    """The model file's content (a dict ready for json.dump); ``rd`` is the core pack set's reader."""
    normalise, kinds = rd.normalise, rd.kinds
    rows = rows + (cue_lines(rd.spec) if params["cue_lines"] else []) + (chatter_lines() if params.get("chatter") else [])
    texts = [normalised(rd, r["text"]) for r in rows]
    labels = [r["kinds"] for r in rows]
    vec, models = fit(texts, labels, kinds, params)
    names = vec.get_feature_names_out()
    weight = [max(abs(m.coef_[0][j]) for m in models) for j in range(len(names))]
    ranked = sorted(range(len(names)), key=lambda j: (-weight[j], names[j]))[: params["keep"]]
    vocabulary = sorted(names[j] for j in ranked)
    vec, models = fit(texts, labels, kinds, params, vocabulary)
    names = list(vec.get_feature_names_out())
    # the largest scale (≤ params["scale"]) at which every weight fits a 16-bit integer
    top = max([float(abs(x)) for m in models for x in m.coef_[0]] + [float(x) for x in vec.idf_])
    scale = min(params["scale"], int(32767 // top))
    coef = {k: [round(float(x) * scale) for x in m.coef_[0]] for k, m in zip(kinds, models)}
    for k, m in zip(kinds, models):  # the probes below are scored with exactly the weights shipped
        m.coef_[0][:] = [x / scale for x in coef[k]]
    return {
        "format": reader_model.FORMAT,
        "about": "objection reader fallback: TF-IDF over character/word n-grams, one logistic regression per kind; "
                 "trained by scripts/train_reader.py — do not edit by hand",
        "kinds": kinds,
        "vocabulary": names,
        "scale": scale,
        "idf": reader_model.pack([round(float(x) * scale) for x in vec.idf_]),
        "coef": {k: reader_model.pack(row) for k, row in coef.items()},
        "intercept": {k: round(float(m.intercept_[0]), 4) for k, m in zip(kinds, models)},
        "decide": {k: params[k] for k in reader_model.DECIDE + ("min_grams",)},
        "params": params,
        "trained_on": {"files": TRAIN_FILES, "lines": len(texts)},  # with the cue lines
        "probes": {t: {k: round(float(m.predict_proba(vec.transform([normalise(t)]))[0][1]), 4)
                       for k, m in zip(kinds, models)} for t in PROBES},
    }


def strict(got: list[str], want: list[str]) -> bool:
    return sorted(got) == sorted(want)


RANDOM_FOLDS = 10


def random_fold(rows: list[dict]) -> dict[int, str]:
    """``--cv --random``: each line in one of RANDOM_FOLDS folds drawn at random (seeded), whatever its file.
    Reported beside leave-one-set-out to show the gap: a random fold shares its authors' styles with the
    training folds, so it overstates what a new author's lines will read (session 5: benchmarks/results.md)."""
    rng = random.Random(5)
    order = list(range(len(rows)))
    rng.shuffle(order)
    return {i: f"random-{n % RANDOM_FOLDS}" for n, i in enumerate(order)}


def out_of_fold(rows: list[dict], rd, params: dict = PARAMS, by_file: bool = True) -> list[dict]:
    """Leave one set out: for each fold, a model trained on every other fold (and the cue lines) scores
    the fold's lines. Per line: the model's probabilities and known n-grams, and the cues' signals
    (the cues are the same in every fold). What --cv reports and --tune searches on. ``by_file=False``:
    random folds instead (``random_fold``), for comparison only."""
    from advisor.reading.reader import clause_units, signals

    drawn = random_fold(rows) if not by_file else {}
    fold = {id(r): drawn[i] if drawn else fold_of(r) for i, r in enumerate(rows)}
    folds = sorted(set(fold.values()))
    out = []
    for f in folds:
        test = [r for r in rows if fold[id(r)] == f]
        data = fold_model([r for r in rows if fold[id(r)] != f], rd, params)
        model = reader_model.Model(data, f"<fold {f}>", rd.kinds)
        for r in test:
            norm = rd.normalise(r["text"])
            cue = rd.matcher.recognise(norm)
            scored = model.score(norm)
            units = clause_units(model, rd.matcher, norm)
            # which kinds the fold model's weightiest n-grams say something for, in the line and in each clause
            # (reader.hybrid_kinds: a model-only kind on function words alone does not stand)
            says = {norm: {k for k in rd.kinds if has_content(model.top_ngrams(norm, k, weights=scored.weights))}}
            for clause, _probs, _grams in units:
                says.setdefault(clause, {k for k in rd.kinds if has_content(model.top_ngrams(clause, k))})
            out.append({"row": r, "fold": f, "cues": cue.kinds, "sig": signals(cue, rd.matcher.together, norm, rd.roles),
                        "probs": scored.probs, "grams": scored.grams, "norm": norm, "units": units, "says": says})
    # each fold's clause judge is fitted on the other folds' out-of-fold readings, as its model was on their lines
    for f in folds:
        judge = fit_second([o for o in out if o["fold"] != f], rd.kinds, params)
        for o in out:
            if o["fold"] == f:
                o["second"] = judge
    return out


# the fold models, kept between runs in $ADVISOR_CACHE_DIR/reader-folds (when set): a fold's model depends only on
# its training lines as normalised, their labels, the training parameters and the n-gram code, so a change to how
# the reader decides (reader.py, second.py, the thresholds) re-reads every fold in a minute or two instead of
# refitting them all; any change to what a fold learns from gives it another key
_DECISION_ONLY = set(reader_model.DECIDE) | {"min_grams", "cue_lines", "chatter"}


def fold_key(rows: list[dict], rd, params: dict) -> str:
    h = hashlib.sha256()
    lines = rows + (cue_lines(rd.spec) if params["cue_lines"] else []) + (chatter_lines() if params.get("chatter") else [])
    h.update(json.dumps([[normalised(rd, r["text"]), sorted(r["kinds"])] for r in lines], ensure_ascii=False).encode())
    h.update(json.dumps({k: v for k, v in params.items() if k not in _DECISION_ONLY}, sort_keys=True).encode())
    h.update(json.dumps(rd.kinds).encode())
    for part in (reader_model.features, reader_model.fold, ngrams, frames, words):
        h.update(inspect.getsource(part).encode())
    return h.hexdigest()[:32]


def fold_model(rows: list[dict], rd, params: dict = PARAMS) -> dict:
    """``train`` on a fold's training lines, through the fold cache (above) when $ADVISOR_CACHE_DIR is set."""
    import os

    root = os.environ.get("ADVISOR_CACHE_DIR")
    if not root:
        return train(rows, rd, params)
    path = Path(root) / "reader-folds" / f"{fold_key(rows, rd, params)}.json"
    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
    else:
        data = train(rows, rd, params)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    # the decision is the current one, whatever the cached fold was fitted beside
    return {**data, "decide": {k: params[k] for k in reader_model.DECIDE + ("min_grams",)}, "params": params}


def second_rows(oof: list[dict], kinds: list[str], params: dict = PARAMS):
    """The clause judge's training rows: per line read with one kind (and two clauses or more), each kind it
    may add — its features, and 1 when the line means exactly that pair."""
    from advisor.reading.reader import _NEVER_TOGETHER, choose

    decide = {k: params[k] for k in reader_model.DECIDE}
    X, y = [], []
    for o in oof:
        got = choose(o["sig"], o["probs"], o["grams"], decide, params["min_grams"])
        if len(got) != 1 or len(o["units"]) < 2:
            continue
        want = set(o["row"]["kinds"])
        for k, features, _clause in second.candidates(got[0], o["probs"], o["units"], o["sig"], o["norm"], _NEVER_TOGETHER):
            X.append(features)
            y.append(int(want == {got[0], k}))
    return X, y


def fit_second(oof: list[dict], kinds: list[str], params: dict = PARAMS) -> dict:
    """The clause judge (reading/second.py): a logistic regression over ``second_rows``, as plain numbers."""
    from sklearn.linear_model import LogisticRegression

    X, y = second_rows(oof, kinds, params)
    clf = LogisticRegression(C=params["clause_C"], max_iter=5000).fit(X, y)
    return {"features": second.names(kinds), "coef": [round(float(c), 4) for c in clf.coef_[0]],
            "intercept": round(float(clf.intercept_[0]), 4)}


def hybrid(o: dict, decide: dict, min_grams: int, rd=None) -> list[str]:
    """The hybrid's reading of one out-of-fold line, as the reader decides (reader.hybrid_kinds) with the fold's model."""
    from advisor.reading.cues import UNCLASSIFIED
    from advisor.reading.reader import hybrid_kinds

    says = o.get("says")  # per text read (the line, each clause), the kinds whose weightiest n-grams say something

    kinds = hybrid_kinds(o["sig"], o["probs"], o["grams"], decide, min_grams, o["norm"], o.get("second"),
                         lambda: o["units"], lambda k, text: says is None or k in says.get(text, ()))[0] or [UNCLASSIFIED]
    if rd is not None and o["row"].get("competitors"):
        from advisor.reading.cues import Recognition
        got = Recognition(kinds, "recognised", [], [])
        # the fold's own clause readings: the shipped model has read this line in training
        kinds = rd._account(got, o["row"]["text"], list(o["row"]["competitors"]) + rd._brands(), o["units"]).kinds
    return kinds


def model_alone(o: dict, decide: dict, min_grams: int) -> list[str]:
    ranked = sorted(o["probs"].items(), key=lambda kp: (-kp[1], kp[0]))
    if o["grams"] < min_grams or ranked[0][1] < decide["answer_at"]:
        return ["unclassified"]
    return [ranked[0][0]] + ([ranked[1][0]] if ranked[1][1] >= decide["second_at"] else [])


def fold_scores(oof: list[dict], decide: dict, min_grams: int, rd=None) -> dict:
    """Per fold: lines, and strict hits of cues, model and hybrid; and the hybrid's silent and budget-as-price."""
    out: dict[str, dict] = {}
    for o in oof:
        want = o["row"]["kinds"]
        got = {"cues": o["cues"], "model": model_alone(o, decide, min_grams), "hybrid": hybrid(o, decide, min_grams, rd)}
        s = out.setdefault(o["fold"], {"n": 0, "cues": 0, "model": 0, "hybrid": 0, "silent": 0, "budget_as_price": 0})
        s["n"] += 1
        for k, kinds in got.items():
            s[k] += strict(kinds, want)
        s["silent"] += got["hybrid"] == ["unclassified"]
        s["budget_as_price"] += "budget" in want and "price" in got["hybrid"] and "price" not in want
    return out


# the folds the thresholds are tuned on: every set but objections.yaml, which the cue lists were written
# against (there the cues look better than they are, and would pull the thresholds their way)
TUNE_EXCLUDES = ("objections",)
GRID = {"answer_at": [0.1, 0.15, 0.2, 0.25, 0.3, 0.4], "second_at": [0.5, 0.6, 0.7, 0.8, 0.9, 0.93, 0.95, 0.97, 1.0],
        "confirm_at": [0.1, 0.2, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8], "strong_bonus": [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0],
        "weak_bonus": [0.0, 0.1, 0.2, 0.3], "cleared_penalty": [0.0, 0.2, 0.35, 0.5, 0.7, 1.0],
        "also_relief": [0.0, 0.05, 0.1, 0.15, 0.2, 0.3], "also_second_at": [0.3, 0.4, 0.5, 0.6, 0.7, 1.0],
        "clause_at": [0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 1.0]}


def objective(oof: list[dict], decide: dict, min_grams: int) -> float:
    """Mean strict accuracy of the hybrid over the tuning folds, less a point per silent line or budget read as price."""
    scores = fold_scores([o for o in oof if o["fold"] not in TUNE_EXCLUDES], decide, min_grams)
    return sum(s["hybrid"] / s["n"] for s in scores.values()) / len(scores) - \
        sum(s["silent"] + s["budget_as_price"] for s in scores.values()) * 0.01


def tune(oof: list[dict], params: dict = PARAMS) -> dict:
    """Coordinate search over GRID from the current thresholds, until no single change improves."""
    decide = {k: params[k] for k in reader_model.DECIDE}
    best = objective(oof, decide, params["min_grams"])
    for _round in range(4):
        moved = False
        for key, values in GRID.items():
            for v in values:
                trial = dict(decide, **{key: v})
                got = objective(oof, trial, params["min_grams"])
                if got > best + 1e-9:
                    best, decide, moved = got, trial, True
        if not moved:
            break
    return {**decide, "objective": round(best, 4)}


def pct(ok: int, n: int) -> str:
    return f"{ok}/{n} = {100 * ok / n:.1f}%" if n else "—"


def cv_table(oof: list[dict], params: dict = PARAMS, rd=None) -> str:
    """The leave-one-set-out table (markdown): per fold and over the held-out sets, cues vs model vs hybrid."""
    decide = {k: params[k] for k in reader_model.DECIDE}
    scores = fold_scores(oof, decide, params["min_grams"], rd)
    lines = ["| fold (trained on all the others) | lines | cues | model | hybrid | silent | budget as price |",
             "|---|---|---|---|---|---|---|"]
    for f, s in scores.items():
        lines.append(f"| {f} | {s['n']} | " + " | ".join(pct(s[k], s["n"]) for k in ("cues", "model", "hybrid"))
                     + f" | {s['silent']} | {s['budget_as_price']} |")
    held = [s for f, s in scores.items() if f not in TUNE_EXCLUDES]
    tot = {k: sum(s[k] for s in held) for k in ("n", "cues", "model", "hybrid", "silent", "budget_as_price")}
    lines.append(f"| **all but objections.yaml** | {tot['n']} | " + " | ".join(f"**{pct(tot[k], tot['n'])}**" for k in ("cues", "model", "hybrid"))
                 + f" | {tot['silent']} | {tot['budget_as_price']} |")
    return "\n".join(lines)


def kind_table(oof: list[dict], rd, params: dict = PARAMS) -> str:
    """Out-of-fold strict accuracy of the hybrid per kind and language, over the folds but objections.yaml."""
    decide = {k: params[k] for k in reader_model.DECIDE}
    held = [o for o in oof if o["fold"] not in TUNE_EXCLUDES]
    rows = []
    for o in held:
        rows.append((o["row"], strict(hybrid(o, decide, params["min_grams"], rd), o["row"]["kinds"]),
                     strict(o["cues"], o["row"]["kinds"]), strict(model_alone(o, decide, params["min_grams"]), o["row"]["kinds"])))
    lines = ["| lines (out of fold) | cues | model | hybrid |", "|---|---|---|---|"]
    groups = [(f"lang {lang}", lambda r, lang=lang: r["lang"] == lang) for lang in ("en", "zh", "zh-Hant")]
    groups += [(f"kind {k}", lambda r, k=k: k in r["kinds"]) for k in rd.kinds]
    groups += [("traps", lambda r: bool(r.get("trap")))]
    for label, test in groups:
        sel = [x for x in rows if test(x[0])]
        lines.append(f"| {label} | {pct(sum(x[2] for x in sel), len(sel))} | {pct(sum(x[3] for x in sel), len(sel))} | "
                     f"{pct(sum(x[1] for x in sel), len(sel))} |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv", action="store_true", help="print leave-one-set-out figures; write nothing")
    ap.add_argument("--tune", action="store_true", help="search the decision thresholds on leave-one-set-out; write nothing")
    ap.add_argument("--check", action="store_true", help="exit 1 when the shipped model is stale")
    ap.add_argument("--misses", action="store_true", help="with --cv: list the hybrid's out-of-fold misses")
    ap.add_argument("--random", action="store_true",
                    help="with --cv: random folds of lines instead of whole files held out (for comparison: it overstates)")
    args = ap.parse_args()
    rows = corpus()
    rd = reader()
    stamp = fingerprint(rows + extra_lines(rd.spec), PARAMS, rd.spec.traditional)
    if args.check:
        shipped = json.loads(OUT.read_text(encoding="utf-8"))["trained_on"].get("sha256")
        print("fresh" if shipped == stamp else f"stale: {OUT.relative_to(ROOT)} — run python scripts/train_reader.py")
        return 0 if shipped == stamp else 1
    if args.cv or args.tune:
        oof = out_of_fold(rows, rd, by_file=not args.random)
        if args.random:  # the same lines as leave-one-set-out's total: every file but objections.yaml
            oof = [dict(o, fold="random") for o in oof if o["row"]["file"] != "objections.yaml"]
        if args.tune:
            print(json.dumps(tune(oof), indent=1))
            return 0
        print(cv_table(oof, PARAMS, rd) + "\n\n" + kind_table(oof, rd))
        if args.misses:
            decide = {k: PARAMS[k] for k in reader_model.DECIDE}
            for o in oof:
                got = hybrid(o, decide, PARAMS["min_grams"], rd)
                if not strict(got, o["row"]["kinds"]):
                    print(f"{o['fold']}: {o['row']['text']!r}: want {o['row']['kinds']} got {got} (cues {o['cues']})")
        return 0
    data = train(rows, rd)
    # the clause judge, fitted on every line's out-of-fold reading (a model per fold: a few minutes)
    oof = out_of_fold(rows, rd)
    data["second"] = fit_second(oof, rd.kinds)
    # the same out-of-fold readings are --cv's: its table costs nothing more here
    print(cv_table(oof, PARAMS, rd) + "\n\n" + kind_table(oof, rd) + "\n")
    data["trained_on"]["sha256"] = stamp
    tmp = OUT.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    tmp.replace(OUT)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(data['vocabulary'])} n-grams × {len(data['kinds'])} kinds, "
          f"{OUT.stat().st_size // 1024} KB, from {len(rows)} corpus lines and {data['trained_on']['lines'] - len(rows)} cue and chatter lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())

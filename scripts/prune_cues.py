"""Prune the core pack's objection cues to those that earn their place on the labelled corpus.

    .venv/bin/python scripts/prune_cues.py            # report what would go; write nothing
    .venv/bin/python scripts/prune_cues.py --write    # rewrite the cue lists of rules/core/objection-kinds.yaml

Why: the cue lists had grown to ~7,800 phrases, most of them whole sentences written against one line
of the corpus; 6,300 never decided a kind on any labelled line, and some decided the wrong one more
often than the right one ("manager" → authority in "Ward manager: the pumps keep alarming"). The
reader's model (reading/model.py) carries the long tail of wordings; a cue should be a pattern that
is right when it fires. So a cue stays when, read by the cues alone over the training corpus
(scripts/train_reader.py TRAIN_FILES — never a frozen blind set not yet measured), it decided its kind
on at least one line (or met it conceded: "pricing looks okay") and was right on at least ``PRECISION``
of those lines. Concepts,
clause words and conceding words are not touched (they are vocabularies, not cues).

The rewrite keeps every comment and every other line of the file: only the flow lists ``en: [...]``,
``zh: [...]`` and ``weak: {en: [...], zh: [...]}`` of each kind are written again, in their order.
After it, retrain the model (``python scripts/train_reader.py``): the strong cues are also training lines.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_reader  # noqa: E402

PACK = ROOT / "rules" / "core" / "objection-kinds.yaml"
PRECISION = 0.5  # right on at least half of the lines it decided


def cue_hits(rd, rows: list[dict]) -> dict[tuple[str, str], list[int]]:
    """(kind, cue) → [lines it decided that kind on, of which labelled with it]."""
    hits: dict[tuple[str, str], list[int]] = {}
    for r in rows:
        got = rd.cues(r["text"])
        for e in got.evidence:
            h = hits.setdefault((e.kind, e.phrase.split(" → ")[0]), [0, 0])
            h[0] += 1
            h[1] += e.kind in r["kinds"]
        # a cue that met its kind conceded ("pricing looks okay") did its job when the line does not carry
        # the kind: the trace's "not price" rests on it
        for e in got.cleared:
            h = hits.setdefault((e.kind, e.phrase.split(" (cleared by ")[0].split(" → ")[0]), [0, 0])
            h[0] += 1
            h[1] += e.kind not in r["kinds"]
    return hits


def keeps(kind: str, phrase: str, hits: dict) -> bool:
    h = hits.get((kind, phrase))
    return h is not None and h[1] >= PRECISION * h[0]


def _flow(items: list[str]) -> str:
    return json.dumps(items, ensure_ascii=False)


def rewrite(text: str, spec, hits: dict) -> tuple[str, dict]:
    """The pack text with each kind's cue lists pruned; and per kind (before, after) counts."""
    lines = text.split("\n")
    counts: dict[str, list[int]] = {}
    kind = None
    in_kinds = False
    for i, line in enumerate(lines):
        if re.match(r"^    kinds:\s*$", line):
            in_kinds = True
            continue
        if not in_kinds:
            continue
        m = re.match(r"^      ([a-z_]+):\s*$", line)
        if m:
            kind = m.group(1)
            continue
        m = re.match(r"^(        )(en|zh): (\[.*\])\s*$", line)
        if m and kind in spec.kinds:
            items = json.loads(m.group(3))
            kept = [p for p in items if keeps(kind, p, hits)]
            c = counts.setdefault(kind, [0, 0])
            c[0] += len(items)
            c[1] += len(kept)
            lines[i] = f"{m.group(1)}{m.group(2)}: {_flow(kept)}"
            continue
        m = re.match(r"^(        )weak: \{en: (\[.*\]), zh: (\[.*\])\}\s*$", line)
        if m and kind in spec.kinds:
            en, zh = json.loads(m.group(2)), json.loads(m.group(3))
            en_k, zh_k = [p for p in en if keeps(kind, p, hits)], [p for p in zh if keeps(kind, p, hits)]
            c = counts.setdefault(kind, [0, 0])
            c[0] += len(en) + len(zh)
            c[1] += len(en_k) + len(zh_k)
            lines[i] = f"{m.group(1)}weak: {{en: {_flow(en_k)}, zh: {_flow(zh_k)}}}"
    return "\n".join(lines), counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="rewrite the core pack's cue lists")
    args = ap.parse_args()
    rd = train_reader.reader()
    hits = cue_hits(rd, train_reader.corpus())
    text = PACK.read_text(encoding="utf-8")
    new, counts = rewrite(text, rd.spec, hits)
    for kind, (before, after) in counts.items():
        print(f"{kind}: {before} → {after} cues")
    total = [sum(c[i] for c in counts.values()) for i in (0, 1)]
    print(f"all kinds: {total[0]} → {total[1]} cues; {len(text.encode()) // 1024} KB → {len(new.encode()) // 1024} KB")
    if args.write and new != text:
        tmp = PACK.with_suffix(".yaml.tmp")
        tmp.write_text(new, encoding="utf-8")
        tmp.replace(PACK)
        print(f"wrote {PACK.relative_to(ROOT)} — now run python scripts/train_reader.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())

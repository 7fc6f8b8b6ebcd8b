"""Issue 24 (session 3) — scripts/prune_cues.py keeps the cues that earn their place on the corpus and
rewrites only the cue lists of the pack, every comment and other line as it was."""
from __future__ import annotations

import sys

from advisor.language.pack import load_packs

from .conftest import ROOT, RULES

sys.path.insert(0, str(ROOT / "scripts"))
import prune_cues  # noqa: E402  (needs no scikit-learn)

PACK = """\
recognise:
  objection_kinds:
    # a comment that must stay
    kinds:
      price:
        label: {en: price, zh: 价格}
        en: ["too dear", "never met", "wrong often"]
        zh: ["太贵"]
        weak: {en: ["pricing"], zh: ["价位"]}
"""


def test_a_cue_stays_only_when_it_fired_and_was_mostly_right():
    spec = load_packs(["core"], RULES).recogniser.spec
    hits = {("price", "too dear"): [4, 4], ("price", "wrong often"): [3, 1], ("price", "太贵"): [2, 1],
            ("price", "pricing"): [1, 1]}
    new, counts = prune_cues.rewrite(PACK, spec, hits)
    assert '        en: ["too dear"]' in new  # never met: gone; right on 1 of 3: gone
    assert '        zh: ["太贵"]' in new  # right on half: stays
    assert '        weak: {en: ["pricing"], zh: []}' in new
    assert "# a comment that must stay" in new and "label: {en: price, zh: 价格}" in new
    assert counts == {"price": [6, 3]}


def test_a_cue_met_conceded_counts_as_right_where_the_line_lacks_its_kind():
    class Reader:  # the two lines' readings, shaped as the cues give them
        def cues(self, text):
            from advisor.reading.cues import Evidence, Recognition
            if text == "pricing looks okay, the board decides":
                return Recognition(["authority"], "recognised", [Evidence("authority", "the board decides", "board")],
                                   [Evidence("price", "pricing looks okay", "pricing (cleared by 'okay')")])
            return Recognition(["price"], "recognised", [Evidence("price", "too dear", "too dear")])
    rows = [{"text": "pricing looks okay, the board decides", "kinds": ["authority"]},
            {"text": "too dear", "kinds": ["stall"]}]
    hits = prune_cues.cue_hits(Reader(), rows)
    assert hits[("price", "pricing")] == [1, 1]  # the "not price" the trace shows rests on it
    assert hits[("authority", "board")] == [1, 1]
    assert hits[("price", "too dear")] == [1, 0]  # fired wrong

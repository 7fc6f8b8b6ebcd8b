"""benchmarks/second_coach.py: the options a second coach picks from, and the agreement counts, on the coach
benchmark's own two example accounts (tests/data/coach-example), not a blind set."""
from __future__ import annotations


from .conftest import ROOT, load_benchmark

EXAMPLE = ROOT / "tests" / "data" / "coach-example"


def test_options_are_the_top_five_shuffled_the_same_way_each_time_with_the_writers_first_marked():
    bench = load_benchmark("second_coach")
    opts = bench.options(EXAMPLE)
    assert opts == bench.options(EXAMPLE)  # seeded by the file name: same advice, same letters
    assert set(opts) == {"coach-example/pumps.yaml", "coach-example/yiyuan.yaml"}
    for entry in opts.values():
        ranks = sorted(o["rank"] for o in entry["key"].values())
        assert ranks == list(range(1, len(ranks) + 1)) and len(entry["shown"]) == len(ranks) >= 3
        # the example accounts' #1 is right (test_coach_blind): the rank-1 option is the writer's first
        assert next(o for o in entry["key"].values() if o["rank"] == 1)["writer_first"]
        assert all(line[0] in bench.LETTERS and line[1:3] == ". " for line in entry["shown"])


def test_score_counts_where_the_second_coach_agrees_with_the_writer_and_with_the_advisor():
    bench = load_benchmark("second_coach")
    opts = bench.options(EXAMPLE)
    first = {i: next(letter for letter, o in e["key"].items() if o["rank"] == 1) for i, e in opts.items()}
    other = {i: next(letter for letter, o in e["key"].items() if not o["writer_first"]) for i, e in opts.items()}
    picks = [{"id": "coach-example/pumps.yaml", "first": first["coach-example/pumps.yaml"]},
             {"id": "coach-example/yiyuan.yaml", "first": other["coach-example/yiyuan.yaml"],
              "first_is_what_i_would_do": False}]
    t = bench.score(opts, picks)
    assert t["accounts"] == 2 and t["advisor #1 = writer"] == 2
    assert t["second coach = writer"] == 1 and t["second coach = advisor #1"] == 1
    assert t["second coach: none of the five is my first move"] == 1

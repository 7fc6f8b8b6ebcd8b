"""libyaml reads every file as ruamel.yaml's YAML 1.2 reading did, and the rep gets what they wrote.

The fast parser (advisor/files/yamlparse.py) replaced ruamel.yaml for reading; ruamel.yaml
now only finds line and column numbers for errors. These tests hold the two readings equal
on every fixture, every pack file and generated accounts, and pin each YAML 1.1 quirk that
libyaml's own rules would get wrong.
"""
from __future__ import annotations

import datetime as dt
import math
import random

import pytest
from ruamel.yaml import YAML

from advisor.files.errors import AdvisorError
from advisor.files.yamlio import load_yaml_file, load_yaml_text
from advisor.files.yamlparse import parse

from .accountgen import random_account
from .conftest import AS_OF, FIXTURES, RULES

ALL_FILES = sorted(RULES.rglob("*.yaml")) + sorted(FIXTURES.rglob("*.yaml"))


def ruamel_plain(text: str):
    """What the old loader gave: ruamel.yaml round-trip data as plain Python (keys as text)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def plain(node):
        if isinstance(node, CommentedMap):
            return {(k if isinstance(k, str) else str(k)): plain(v) for k, v in node.items()}
        if isinstance(node, CommentedSeq):
            return [plain(v) for v in node]
        if isinstance(node, (bool, type(None), dt.date)):
            return node
        if isinstance(node, str):
            return str(node)
        if isinstance(node, int):
            return int(node)
        if isinstance(node, float):
            return float(node)
        raise AssertionError(f"not plain data: {node!r}")

    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return plain(yaml.load(text))


def same(a, b) -> bool:
    """Equal, with NaN equal to NaN and the exact types kept (1 is not 1.0 or True)."""
    if type(a) is not type(b) and not (isinstance(a, dt.datetime) and isinstance(b, dt.datetime)):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(p.parents[2])))
def test_libyaml_reads_every_pack_and_fixture_as_ruamel_did(path):
    text = path.read_text(encoding="utf-8")
    assert same(parse(text), ruamel_plain(text))


def _dump(value, indent=0) -> str:
    """Block-style YAML written the way a rep would (plain scalars where they are safe)."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "\n" + "\n".join(f"{pad}{k}: {_dump(v, indent + 2)}".rstrip() for k, v in value.items())
    if isinstance(value, list):
        if not value:
            return "[]"
        return "\n" + "\n".join(f"{pad}- {_dump(v, indent + 2).lstrip()}" for v in value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, dt.date)):
        return str(value)
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_libyaml_reads_generated_accounts_as_ruamel_did():
    rng = random.Random(13)
    for i in range(60):
        data = random_account(rng, AS_OF, i).model_dump(mode="python", exclude_none=True)
        text = _dump(data).lstrip("\n") + "\n"
        assert same(parse(text), ruamel_plain(text)), text
        assert parse(text)["name"] == data["name"]


# What the rep wrote → what the account gets. libyaml's YAML 1.1 rules would give the comment's value.
QUIRKS = {
    "yes": "yes",              # 1.1: True
    "no": "no",                # 1.1: False (the "Norway problem")
    "on": "on", "off": "off",  # 1.1: True / False
    "y": "y", "N": "N", "Yes": "Yes", "OFF": "OFF",
    "0755": 755,               # 1.1: octal 493
    "0o755": 493,              # YAML 1.2 octal
    "0x1F": 31, "0b101": 5,
    "1_000": 1000,
    "1:20": "1:20",            # 1.1: sexagesimal 80
    "190:20:30.15": "190:20:30.15",
    "=": "=",                  # 1.1: the "value" key tag
    "<<": "<<",                # as a value, not a merge key
    "1e3": 1000.0,             # 1.1: the string "1e3"
    ".5": 0.5, "-.inf": -math.inf,
    "007": 7,
    "2026-03-01": dt.date(2026, 3, 1),
    "2026-3-1": "2026-3-1",
    "2026-03-01 10:20:30": dt.datetime(2026, 3, 1, 10, 20, 30),
    "True": True, "FALSE": False, "~": None, "Null": None,
    "1,000": "1,000", "12e": "12e",
}


@pytest.mark.parametrize("written", sorted(QUIRKS), ids=lambda w: repr(w))
def test_yaml_1_1_quirk_gives_what_the_rep_wrote(written):
    got = parse(f"value: {written}\n")["value"]
    assert same(got, QUIRKS[written]), (written, got)
    if written not in ("=", "<<"):  # ruamel.yaml gives tagged objects for those two
        assert same(got, ruamel_plain(f"value: {written}\n")["value"])


def test_keys_are_text_and_merge_keys_work():
    text = "base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\n2: two\ntrue: yes\n"
    assert parse(text) == {"base": {"x": 1, "y": 2}, "use": {"y": 3, "x": 1}, "2": "two", "True": "yes"}
    two = "a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  w: 0\n"
    assert same(parse(two), ruamel_plain(two)) and parse(two)["c"] == {"w": 0, "x": 1, "y": 1, "z": 2}
    assert same(parse(text), ruamel_plain(text))


def test_locations_are_only_worked_out_when_asked(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("name: x\ncontacts:\n  - {name: 王总, roles: [decider]}\n", encoding="utf-8")
    data, locs = load_yaml_file(path)
    assert locs._text is not None  # nothing parsed for positions yet
    assert locs.find(("contacts", 0, "roles", 0)) == (3, 24)
    assert locs.find_key(("contacts",)) == (2, 1)
    assert locs._text is None


# ------------------------------------------------ issue 12: YAML-level limits ---
def advise(tmp_path, text: str | bytes):
    from click.testing import CliRunner

    from advisor.cli import cli

    path = tmp_path / "acct.yaml"
    (path.write_bytes if isinstance(text, bytes) else lambda t: path.write_text(t, encoding="utf-8"))(text)
    result = CliRunner().invoke(cli, ["advise", str(path), "--as-of", "2026-11-23"])
    lines = result.output.strip().splitlines()
    assert result.exit_code == 2, result.output
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path}"), result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.glob("*.tmp")) == [] and list(tmp_path.glob(".*.tmp")) == []
    return lines[0]


def test_issue12_item2_file_size_is_capped(tmp_path):
    line = advise(tmp_path, "name: x\nnotes: " + "a" * (5 * 1024 * 1024) + "\n")
    assert "larger than 5 MB" in line and "split it" in line


def test_issue12_item2_dev_zero_stops_at_the_cap():
    """A device is refused before any read (issue 20); an endless stream (a pipe, standard input)
    is still read only up to the cap."""
    from advisor.files.errors import AdvisorError
    from advisor.files.yamlio import MAX_BYTES, read_bounded, read_text

    with pytest.raises(AdvisorError, match="is a device, not a file"):
        read_text("/dev/zero")
    with open("/dev/zero", "rb") as endless:
        assert len(read_bounded(endless)) == MAX_BYTES + 1


def test_issue12_item3_deep_nesting_is_one_line_not_a_crash(tmp_path):
    line = advise(tmp_path, "name: x\nnotes: " + "[" * 250 + "]" * 250 + "\n")
    assert ":2:" in line and "nested more than 100 levels deep" in line
    # far deeper than libyaml's composer survives (it would kill the process): refused first
    line = advise(tmp_path, "name: x\nnotes: " + "[" * 200_000 + "\n")
    assert "nested more than 100 levels deep" in line
    block = "name: x\nnotes:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 130)) + "  " * 130 + "v: 1\n"
    assert "nested more than 100 levels deep" in advise(tmp_path, block)


BILLION_LAUGHS = """a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_issue12_item6_alias_bomb_is_refused_before_expansion(tmp_path):
    assert len(BILLION_LAUGHS.encode()) < 500
    line = advise(tmp_path, BILLION_LAUGHS)
    assert "aliases expand to more than 100,000 extra values" in line
    # a few aliases are fine
    assert parse("a: &x {k: 1}\nb: *x\n") == {"a": {"k": 1}, "b": {"k": 1}}
    line = advise(tmp_path, "a: &x [1, *x]\n")
    assert "refers to the collection that contains it" in line


def test_issue12_item9_not_utf8_names_line_and_column(tmp_path):
    line = advise(tmp_path, "name: x\nnotes: caf\xe9\n".encode("latin-1"))
    assert ":2:11: not UTF-8 text (byte 0xe9)" in line and "save the file as UTF-8" in line


def test_issue12_item9_control_character_names_line_and_column(tmp_path):
    line = advise(tmp_path, "name: x\nnotes: a\x01b\n")
    assert ":2:9: invalid YAML: character '\\x01' is not allowed" in line


@pytest.mark.parametrize("text, where, what", [
    ("name: x\nnotes: !custom hello\n", ":2:8:", "unsupported YAML tag '!custom'"),
    ("name: x\nnotes: !!binary aGVsbG8=\n", ":2:8:", "binary data (!!binary) cannot be used here"),
    ("name: x\nnotes: !!set {a, b}\n", ":2:8:", "a set (!!set) cannot be used here"),
    ("name: x\ncontacts:\n  - name: A\n    2026-01-01: met\n", ":4:5:", "unknown field '2026-01-01'"),
    ("name: x\nnotes: {[a]: b}\n", ":2:9:", "a list or mapping cannot be a mapping key"),
    ('name: x\nnotes: "\\ud800"\n', ":2:", "invalid Unicode character escape"),
    ("%YAML 1.3\n---\nname: x\n", ":1:1:", "invalid YAML: version minor part can only be 2 or 1"),
], ids=["custom-tag", "binary", "set", "date-key", "list-key", "lone-surrogate", "yaml-1.3"])
def test_issue12_item9_values_json_cannot_hold_are_one_line_errors(tmp_path, text, where, what):
    line = advise(tmp_path, text)
    assert where in line and what in line, line


def test_syntax_errors_still_read_as_before():
    from advisor.files.errors import AdvisorError

    with pytest.raises(AdvisorError, match=r"^f\.yaml:2:1: invalid YAML: duplicate key"):
        load_yaml_text("name: a\nname: b\n", "f.yaml")


def test_issue12_item2_standard_input_is_capped_too():
    from click.testing import CliRunner

    from advisor.cli import cli

    result = CliRunner().invoke(cli, ["advise", "-", "--as-of", "2026-11-23"], input=b"name: x\nnotes: " + b"a" * (5 * 1024 * 1024))
    assert result.exit_code == 2
    assert result.output.strip() == ("Error: <stdin>: input is larger than 5 MB — send one account (a few KB)")


def test_read_bounded_reads_whole_files_streams_and_stops_past_the_cap(tmp_path, monkeypatch):
    """One read of a file's own size (not a 5 MB buffer per file, issue 13), the same bytes as a plain read,
    and still never more than MAX_BYTES + 1 from a file, a pipe or a stream without a file number."""
    import io

    from advisor.files import yamlio

    monkeypatch.setattr(yamlio, "MAX_BYTES", 1000)
    for size in (0, 1, 999, 1000, 1001, 5000):
        path = tmp_path / f"f{size}"
        path.write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
        with open(path, "rb") as f:
            assert yamlio.read_bounded(f) == path.read_bytes()[:1001]
        stream = io.BytesIO(path.read_bytes())  # no fileno(): read in chunks
        assert yamlio.read_bounded(stream) == path.read_bytes()[:1001]
    with open("/dev/zero", "rb") as f:
        assert len(yamlio.read_bounded(f)) == 1001
    (tmp_path / "ok.yaml").write_text("name: A\n", encoding="utf-8")
    assert yamlio.read_text(tmp_path / "ok.yaml") == "name: A\n"
    (tmp_path / "big.yaml").write_text("name: A\n" + "#" * 1000, encoding="utf-8")
    with pytest.raises(AdvisorError, match="larger than"):
        yamlio.read_text(tmp_path / "big.yaml")


def test_read_bounded_reads_a_pipe_in_chunks():
    import os

    from advisor.files.yamlio import read_bounded

    r, w = os.pipe()
    os.write(w, b"name: piped\n" * 100)
    os.close(w)
    with os.fdopen(r, "rb") as f:
        assert read_bounded(f) == b"name: piped\n" * 100


def test_quick_depth_check_never_passes_what_the_full_bound_refuses():
    """_check_depth's two-scan shortcut (few brackets, no long line prefix) implies the full bound is within
    MAX_DEPTH — on random texts near both limits, and at the limits themselves."""
    from advisor.files import yamlparse as yp

    def quick(text: str) -> bool:
        return text.count("[") + text.count("{") <= yp._FEW_BRACKETS and not yp._LONG_PREFIX_AT_LINE_START.search(text)

    rng = random.Random(20261124)
    passed = 0
    for _ in range(3000):
        lines = []
        for _ in range(rng.randint(1, 20)):
            prefix = "".join(rng.choice(" -?:") for _ in range(rng.choice([0, 2, 10, 29, 30, 45])))
            lines.append(prefix + "".join(rng.choice("ab[]{}: ") for _ in range(rng.randint(0, 30))))
        text = "\n".join(lines)
        if quick(text):
            passed += 1
            assert yp._depth_bound(text) <= yp.MAX_DEPTH, text
    assert passed > 100  # the shortcut is exercised, not vacuous
    edge = "- " * 14 + "a\n" + "[" * 40 + "]" * 40  # prefix 28 (+1 for the 'a' line's own start), 40 brackets
    assert quick(edge) and yp._depth_bound(edge) <= yp.MAX_DEPTH
    assert not quick(" " * 30 + "a: 1") and not quick("[" * 41)

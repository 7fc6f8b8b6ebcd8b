"""Fast, safe YAML parsing with libyaml, read the way YAML 1.2 reads it, within limits.

libyaml (PyYAML's C parser) parses a file about 15× faster than ruamel.yaml's
pure-Python round-trip loader, but it resolves plain scalars by YAML 1.1 rules:
``yes``/``no``/``on``/``off`` would become booleans, ``0755`` octal 493, ``1:20``
the number 80 and ``=`` a special "value" tag. A rep who writes ``answer: no``
means the word. So the resolver here is YAML 1.2's (the same regular expressions
ruamel.yaml uses), and the constructors turn each scalar into what ruamel.yaml
gives: ``0755`` → 755, ``1_000`` → 1000, ``1e3`` → 1000.0, dates → ``date``.
``tests/test_yamlparse.py`` holds the two loaders equal on every fixture, pack
file and generated account, and pins each quirk.

Only plain data comes out: maps with text keys (a number or date written as a
key becomes its text, as before), lists, text, numbers, booleans, null, dates.
Anything JSON cannot hold (``!!binary``, ``!!set``, a custom tag, a list as a
key) is refused, and so is input that costs far more to read than its size
suggests (issue 12): too deep, or aliases that expand without bound.

Errors are ``YamlProblem(message, line, col, fix)``; ``yamlio`` adds the file.
"""
from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from yaml.cyaml import CParser  # libyaml; PyPI's PyYAML wheels include it

MAX_DEPTH = 100  # nested collections; packs need ~25 (the engine refuses conditions ~20 deep)
MAX_ALIAS_EXPANSION = 100_000  # extra nodes that aliases may add once expanded


class YamlProblem(Exception):
    """What is wrong with the text and where (1-based), before the file name is known."""

    def __init__(self, message: str, line: int | None = None, col: int | None = None,
                 fix: str | None = None, syntax: bool = False):
        super().__init__(message)
        self.message, self.line, self.col, self.fix = message, line, col, fix
        self.syntax = syntax  # a plain syntax error: ruamel.yaml may word it better


def _at(mark) -> tuple[int | None, int | None]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)


# ------------------------------------------------------------- resolving ---
class _Resolver(BaseResolver):
    """YAML 1.2 core-schema resolution, as ruamel.yaml does it (regular expressions copied from it)."""

    yaml_implicit_resolvers: dict = {}


for _tag, _regexp, _first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:float", r"""^(?:
         [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""", "-+0123456789."),
    ("tag:yaml.org,2002:int", r"""^(?:[-+]?0b[0-1_]+
        |[-+]?0o?[0-7_]+
        |[-+]?[0-9_]+
        |[-+]?0x[0-9a-fA-F_]+)$""", "-+0123456789"),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", "<"),
    ("tag:yaml.org,2002:null", r"^(?: ~ |null|Null|NULL | )$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:timestamp", r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
        (?:[Tt]|[ \t]+)[0-9][0-9]?
        :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
        (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""", "0123456789"),
]:
    _Resolver.add_implicit_resolver(_tag, re.compile(_regexp, re.X), list(_first))


# ----------------------------------------------------------- constructing ---
_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_REFUSED = {
    "tag:yaml.org,2002:binary": "binary data (!!binary)",
    "tag:yaml.org,2002:set": "a set (!!set)",
    "tag:yaml.org,2002:omap": "an ordered map (!!omap)",
    "tag:yaml.org,2002:pairs": "a list of pairs (!!pairs)",
}
_TIMESTAMPS = SafeConstructor()  # PyYAML's timestamp reading is the same as ruamel.yaml's


def _int(node) -> Any:
    text = node.value.replace("_", "")
    sign = -1 if text[:1] == "-" else 1
    digits = text.lstrip("+-")
    try:
        if digits[:2] == "0b":
            return sign * int(digits[2:], 2)
        if digits[:2] == "0x":
            return sign * int(digits[2:], 16)
        if digits[:2] == "0o":
            return sign * int(digits[2:], 8)
        return sign * int(digits)  # YAML 1.2: 0755 is seven hundred and fifty-five, not octal
    except ValueError:
        if node.style is None and node.tag == "tag:yaml.org,2002:int":
            return node.value  # "0b_": resolved as a number but holds none; keep the text
        raise YamlProblem(f"'{node.value}' is not a whole number", *_at(node.start_mark))


def _float(node) -> Any:
    text = node.value.replace("_", "").lower()
    sign = -1.0 if text[:1] == "-" else 1.0
    digits = text.lstrip("+-")
    if digits == ".inf":
        return sign * float("inf")
    if digits == ".nan":
        return float("nan")
    try:
        return sign * float(digits)
    except ValueError:
        raise YamlProblem(f"'{node.value}' is not a number", *_at(node.start_mark)) from None


def _bool(node) -> bool:
    word = node.value.lower()
    if word not in ("true", "false"):
        raise YamlProblem(f"'{node.value}' is not true or false", *_at(node.start_mark))
    return word == "true"


def _timestamp(node) -> Any:
    """A date (or date and time) the rep wrote unquoted. The pattern only says it looks like one:
    2025-02-29 or 2026-11-01T25:61:00 match it but are no date, and PyYAML's constructor then
    raises a bare ValueError (issue 20: a 70-line traceback in advise, batch and plan). Here it is
    one located line."""
    try:
        return _TIMESTAMPS.construct_yaml_timestamp(node)
    except (ValueError, OverflowError) as exc:
        raise YamlProblem(f"'{node.value}' is not a real date ({exc})", *_at(node.start_mark),
                          fix="write dates as YYYY-MM-DD, e.g. 2026-03-01") from None


_SCALARS = {
    "tag:yaml.org,2002:int": _int,
    "tag:yaml.org,2002:float": _float,
    "tag:yaml.org,2002:bool": _bool,
    "tag:yaml.org,2002:null": lambda node: None,
    "tag:yaml.org,2002:timestamp": _timestamp,
    _MERGE: lambda node: "<<",  # "<<" written as a value, not as a merge key: the rep's text
}


def _refuse(node) -> YamlProblem:
    if node.tag in _REFUSED:
        return YamlProblem(f"{_REFUSED[node.tag]} cannot be used here", *_at(node.start_mark),
                           fix="write plain text, numbers, true/false, dates, lists or mappings")
    return YamlProblem(f"unsupported YAML tag '{node.tag}'", *_at(node.start_mark),
                       fix="remove the tag; only plain values are read")


def _build(node) -> Any:
    """Plain data from a composed node (a direct walk: PyYAML's generic constructor is 2× slower)."""
    kind = type(node)
    tag = node.tag
    if kind is ScalarNode:
        if tag == _STR:
            return node.value
        convert = _SCALARS.get(tag)
        if convert is None:
            raise _refuse(node)
        return convert(node)
    if kind is SequenceNode:
        if tag != _SEQ:
            raise _refuse(node)
        return [_build(child) for child in node.value]
    if tag != _MAP:
        raise _refuse(node)
    out: dict[str, Any] = {}
    merged: list = []
    seen = set()
    for key_node, value_node in node.value:
        if type(key_node) is ScalarNode:
            if key_node.tag == _MERGE:
                merged.append(value_node)
                continue
            ident = (key_node.tag, key_node.value)
            if ident in seen:
                raise YamlProblem(f"duplicate key '{key_node.value}'", *_at(key_node.start_mark), syntax=True)
            seen.add(ident)
        key = _build(key_node)
        if type(key) is not str:
            if isinstance(key, (list, dict)):
                raise YamlProblem("a list or mapping cannot be a mapping key", *_at(key_node.start_mark),
                                  fix="write a plain key")
            key = str(key)  # 1: → "1", a date → "2026-01-01": text, as ruamel.yaml's reading gave; validation
            #                 then names it (e.g. "unknown field '2026-01-01'") with its place
        out[key] = _build(value_node)
    if merged:  # "<<: *defaults": the mapping's own keys first and winning, then earlier merges before later
        for source in merged:
            sources = source.value if type(source) is SequenceNode else [source]
            for one in sources:
                if type(one) is not MappingNode:
                    raise YamlProblem("'<<' must merge a mapping or a list of mappings", *_at(one.start_mark))
                for key, value in _build(one).items():
                    out.setdefault(key, value)
    return out


class _Loader(CParser, _Resolver):
    def __init__(self, stream):
        CParser.__init__(self, stream)
        _Resolver.__init__(self)

    # libyaml calls these for every node: the lean versions (no path resolvers) halve composing time
    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _RESOLVERS.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is SequenceNode else _MAP


_RESOLVERS = _Resolver.yaml_implicit_resolvers


# ----------------------------------------------------------------- limits ---
_PREFIX = re.compile(r"^[ \-?:]*", re.M)
_BRACKET = re.compile(r"[\[\]{}]")


def _depth_bound(text: str) -> int:
    """A cheap upper bound of the nesting depth: every level costs an indent, a '- ' or a bracket."""
    block = max((len(m) for m in _PREFIX.findall(text)), default=0)
    depth = flow = 0
    for ch in _BRACKET.findall(text):
        if ch in "[{":
            depth += 1
            flow = max(flow, depth)
        elif depth:
            depth -= 1
    return 2 * block + flow + 2


# With at most _FEW_BRACKETS brackets and no line starting with _LONG_PREFIX prefix characters,
# _depth_bound is at most 2 * (_LONG_PREFIX - 1) + _FEW_BRACKETS + 2 = MAX_DEPTH: two scans in C
# settle it for nearly every file, without the list of every line's prefix.
_FEW_BRACKETS = 40
_LONG_PREFIX = (MAX_DEPTH - 2 - _FEW_BRACKETS) // 2 + 1
_LONG_PREFIX_AT_LINE_START = re.compile(r"^[ \-?:]{%d}" % _LONG_PREFIX, re.M)


def _check_depth(text: str) -> None:
    """Refuse deep nesting before composing: libyaml's composer recurses and would crash the process."""
    if (text.count("[") + text.count("{") <= _FEW_BRACKETS and not _LONG_PREFIX_AT_LINE_START.search(text)) \
            or _depth_bound(text) <= MAX_DEPTH:
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep", *_at(event.start_mark),
                                      fix="flatten the structure")
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        # libyaml ≥ 0.2.6 (PyYAML 6.0.4's wheels) stops at 1,000 levels in its scanner, which reads
        # ahead of the events counted here: for the rep that is the same fault, said the same way
        if isinstance(exc, yaml.MarkedYAMLError) and "nesting depth" in (exc.problem or ""):
            raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep", *_at(exc.problem_mark),
                              fix="flatten the structure") from None
        return  # a syntax error: the parse proper reports it with its place


def _check_aliases(root) -> None:
    """Refuse aliases that would expand past the limit (a "billion laughs"), before anything is built."""
    sizes: dict[int, int] = {}
    distinct = 0

    def size(node) -> int:
        nonlocal distinct
        known = sizes.get(id(node))
        if known is not None:
            if known < 0:
                raise YamlProblem("an alias refers to the collection that contains it", *_at(node.start_mark),
                                  fix="remove the recursive alias")
            return known
        distinct += 1
        sizes[id(node)] = -1
        total = 1
        if isinstance(node, SequenceNode):
            total += sum(size(child) for child in node.value)
        elif isinstance(node, MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        sizes[id(node)] = total
        if total - distinct > MAX_ALIAS_EXPANSION:
            raise YamlProblem(f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} extra values",
                              *_at(node.start_mark), fix="write the values out, or use fewer aliases")
        return total

    size(root)


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


# ------------------------------------------------------------------ parse ---
def parse(text: str) -> Any:
    """Plain data from YAML text; ``YamlProblem`` with line and column when it cannot be read."""
    _check_depth(text)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "&" in text and "*" in text:  # aliases need anchors: only then can anything expand
            _check_aliases(node)
        return _build(node)
    except yaml.reader.ReaderError as exc:
        # the reader's offset counts its buffer, not the text: find the character itself
        bad = yaml.reader.Reader.NON_PRINTABLE.search(text)
        line, col = _position(text, bad.start() if bad else exc.position)
        raise YamlProblem(f"invalid YAML: character {chr(exc.character)!r} is not allowed", line, col,
                          fix="remove the control character or write it as an escape in double quotes") from None
    except ConstructorError as exc:  # a timestamp that matched the pattern but is no date (2026-02-30)
        raise YamlProblem(f"invalid YAML: {exc.problem}", *_at(exc.problem_mark),
                          fix="write dates as YYYY-MM-DD, e.g. 2026-03-01") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise YamlProblem(f"invalid YAML: {problem}", *_at(mark),
                          fix="check indentation, quotes and colons at that place", syntax=True) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"invalid YAML: {str(exc).splitlines()[0]}", fix="check the file's YAML syntax",
                          syntax=True) from None
    except RecursionError:  # belt and braces: the depth check should have caught it
        raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep", fix="flatten the structure") from None
    finally:
        loader.dispose()

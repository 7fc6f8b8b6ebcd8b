"""Loaded pack sets kept between runs, so an advice command starts without checking packs again.

Why: loading core + an industry pack costs ~27 ms on every ``advise``, most of it work whose
answer cannot have changed since the last run — building the pack models' validators (~10 ms),
validating every rule, and the engine and text checks. ``advisor advise`` is held to 250 ms as a
whole process (issue 13) and the fixed stack alone takes ~150 ms of that.

What is kept: after ``load_packs`` has loaded and checked a pack set, its loaded form — every
pack, every rule with its checked fields, the layering (overrides, disables, annotations, gift
words), the objection vocabulary, and the rulesets the compiler made for the engine — as plain
JSON. The next run with the same packs reads it back and builds the same objects without
validating them again (pydantic's ``model_construct``) or compiling them again; only the rules'
conditions are parsed again from their raw form, by the same parser as a load.

When an entry is used, and why that is safe:
- its name is a SHA-256 over the advisor version, this format, a stamp of the code that shapes a
  loaded pack (this package's ``language``, ``accounts`` and ``files`` modules: size and mtime,
  so an edited checkout is a miss), the pack names asked for and where every installed pack lives;
- it records every file it was built from (each pack.yaml and rule file, by SHA-256 of its text)
  and each pack folder's list of rule files; all are read and compared before it is used, so an
  edited, added or removed file is a miss;
- it is written atomically, with a digest of its body on its first line: a truncated or corrupt
  entry is ignored and rebuilt. Any failure to read or write is a miss, never an error;
- it is advisor's own derived data in the user's cache folder, trusted like the packs in the
  user's pack folder beside it: an entry exists only for a pack set that passed every check.
  ``advisor pack lint``, ``pack test`` and the docs never use it: they always load the files.

``ADVISOR_NO_CACHE`` (any value) turns it off; ``ADVISOR_CACHE_DIR`` chooses the folder.
Only ``api.Advisor`` uses it. tests/test_snapshot.py holds a loaded and a read-back pack set equal
for every bundled pack set.
"""
from __future__ import annotations

import hashlib
import json
import os
import types
import typing
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel

from .. import __version__
from . import conditions as cnd
from . import packcache
from ..reading import cues as recog
from ..reading.reader import Reader
from ..accounts.facts import CATALOG
from ..files.errors import AdvisorError
from ..files.yamlio import Locations, read_text
from .pack import (Coaching, DerivedSpec, Disable, GiftWords, Intent, Pack, PackSet, Rule, TagLevel, Text, Then, Words,
                   Variant, _derived_catalog, find_packs, load_packs, rule_files)
from .compiler import Compiled, compile_packs
from .packpath import PackPath

FORMAT = 4  # 2: tag_levels (the ranking's tag → level lifts, session 6); 3: a rule's topic (session 8); 4: holds (session 11)
KEEP = 16  # entries kept, as for the parsed-file cache
_CODE = ("language", "accounts", "files")  # the subpackages whose code decides what a loaded pack set holds


def folder() -> Optional[Path]:
    """Where entries live (beside the parsed-file cache), or None when caching is off."""
    parsed = packcache.folder()
    return None if parsed is None else parsed.parent / "loaded"


def load(names: list[str], rules_dir: "Path | PackPath") -> PackSet:
    """``load_packs(names, rules_dir)``, from an entry of an earlier run when one is sound."""
    where = folder()
    if where is None:
        return load_packs(names, rules_dir)
    installed = find_packs(rules_dir)
    key = _key(names, installed)
    got = _read(where / f"{key}.json", key)
    if got is not None:
        return got
    before = _texts_now(installed.values())  # what the files hold as the load starts
    packset = load_packs(names, rules_dir)
    packset.compiled = compile_packs(packset)
    _write(where, key, packset, before)
    return packset


# ------------------------------------------------------------------ naming ---
def _code_stamp() -> str:
    base = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for sub in _CODE:
        try:
            entries = sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(base / sub)
                             if e.name.endswith(".py"))
        except OSError:
            entries = []
        h.update(repr((sub, entries)).encode())
    return h.hexdigest()


def _key(names: list[str], installed: dict[str, Path]) -> str:
    h = hashlib.sha256(f"advisor {__version__} snapshot {FORMAT}\0{_code_stamp()}\0".encode())
    h.update(json.dumps([list(names), sorted((n, str(p)) for n, p in installed.items())],
                        ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return h.hexdigest()



# ----------------------------------------------------------------- writing ---
def _model(m: Optional[BaseModel]) -> Any:
    return None if m is None else m.model_dump()


def _rule_data(rule: Rule) -> dict:
    return {"id": rule.id, "family": rule.family, "title": _model(rule.title), "subject": rule.subject,
            "priority": rule.priority, "then": _model(rule.then), "source": rule.source, "basis": rule.basis,
            "tags": rule.tags, "group": rule.group, "file": rule.file, "where": list(rule.where), "raw": rule.raw,
            "override_reason": rule.override_reason, "due_days": rule.due_days, "intent": _model(rule.intent),
            "promise": rule.promise, "generic": rule.generic, "serves": rule.serves, "topic": rule.topic, "holds": list(rule.holds), "policy_safe": _model(rule.policy_safe),
            "word_tags": sorted(rule.word_tags), "safe_word_tags": sorted(rule.safe_word_tags)}


def _pack_data(pack: Pack) -> dict:
    return {"name": pack.name, "version": pack.version, "description": _model(pack.description),
            "extends": pack.extends, "params": pack.params, "param_docs": pack.param_docs,
            "role_weights": pack.role_weights, "derived": {k: _model(v) for k, v in pack.derived.items()},
            "flags": {k: _model(v) for k, v in pack.flags.items()}, "disable": [_model(d) for d in pack.disable],
            "rules": [_rule_data(r) for r in pack.rules], "folder": str(pack.folder), "spec_file": pack.spec_file,
            "gift_words": {k: _model(v) for k, v in pack.gift_words.items()},
            "gift_words_exempt_tags": pack.gift_words_exempt_tags,
            "annotate": {k: _model(v) for k, v in pack.annotate.items()},
            "vocabulary": {k: _model(v) for k, v in pack.vocabulary.items()},
            "tag_levels": {k: _model(v) for k, v in pack.tag_levels.items()}}


def dump(packset: PackSet) -> dict:
    """The loaded form of a pack set as JSON-ready data (also what tests compare)."""
    return {"packs": [_pack_data(p) for p in packset.packs],
            "rules": [[r.pack, r.id] for r in packset.rules],
            "params": packset.params, "role_weights": packset.role_weights,
            "derived": {k: _model(v) for k, v in packset.derived.items()},
            "flags": {k: _model(v) for k, v in packset.flags.items()},
            "overridden": {k: list(v) for k, v in packset.overridden.items()},
            "disabled": {k: list(v) for k, v in packset.disabled.items()},
            "gift_words": {k: _model(v) for k, v in packset.gift_words.items()},
            "vocabulary": {k: _model(v) for k, v in packset.vocabulary.items()},
            "tag_levels": {k: _model(v) for k, v in packset.tag_levels.items()},
            "recogniser": _model(packset.recogniser.spec) if packset.recogniser else None,
            "compiled": _compiled_data(packset.compiled) if packset.compiled else None}


def _compiled_data(compiled: Compiled) -> dict:
    return {"rulesets": compiled.rulesets, "members": compiled.members, "fanout": compiled.fanout,
            "mentions": {k: list(v) for k, v in compiled.mentions.items()}}


def _texts_now(folders) -> dict[str, str]:
    """Digest of every pack.yaml and rule file in these pack folders, by path (unreadable ones left out)."""
    out = {}
    for pack_folder in folders:
        for path in [pack_folder / "pack.yaml"] + rule_files(pack_folder):
            try:
                out[str(path)] = packcache.digest(read_text(path))
            except Exception:  # noqa: BLE001 — the load names any fault; here it only means "do not keep"
                pass
    return out


def _write(where: Path, key: str, packset: PackSet, before: dict[str, str]) -> None:
    """Keep the pack set, unless a file of its packs changed, came or went while it loaded (the entry
    would then pair the files as they are now with what the files as they were made)."""
    try:
        files = _texts_now(pack.folder for pack in packset.packs)  # what it was built from
        listing = {str(pack.folder): [str(p) for p in rule_files(pack.folder)] for pack in packset.packs}
        if files != {path: d for path, d in before.items() if str(Path(path).parent) in listing}:
            return  # a file of these packs was edited, added or removed while they loaded
        body = json.dumps({"files": files, "listing": listing, "packset": dump(packset)},
                          ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError, OSError, UnicodeError, AdvisorError):  # data JSON cannot hold (a date), a file gone
        return
    packcache.write_entry(where, key, FORMAT, body, KEEP)


# ----------------------------------------------------------------- reading ---
def _read(path: Path, key: str) -> Optional[PackSet]:
    body = packcache.read_entry(path, key, FORMAT)
    if body is None:
        return None
    try:
        data = json.loads(body)
        for folder_name, files in data["listing"].items():
            if [str(p) for p in rule_files(Path(folder_name))] != files:
                return None
        texts = {}
        for file, digest in data["files"].items():
            texts[file] = read_text(Path(file))
            if packcache.digest(texts[file]) != digest:
                return None
        return _packset(data["packset"], texts)
    except Exception:  # noqa: BLE001 — unreadable files, or an entry of another shape: a miss, never an error
        return None


def build(cls: type[BaseModel], data: Any) -> BaseModel:
    """A model from its own ``model_dump()``, nested models included, without validating it again."""
    values = {}
    for name, annotation in _model_fields(cls):
        if name in data:
            value = data[name]
            values[name] = value if annotation is None or value is None else _value(annotation, value)
    return cls.model_construct(**values)


_FIELDS: dict[type, list[tuple[str, Any]]] = {}


def _model_fields(cls: type[BaseModel]) -> list[tuple[str, Any]]:
    """Each field's name, and its annotation when it holds a model somewhere (else None: taken as it is)."""
    got = _FIELDS.get(cls)
    if got is None:
        got = _FIELDS[cls] = [(name, f.annotation if _holds_model(f.annotation) else None)
                              for name, f in cls.model_fields.items()]
    return got


def _holds_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_model(a) for a in typing.get_args(annotation))


def _value(annotation: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return build(annotation, value)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _value(args[0], value)
    if origin is typing.Union or origin is types.UnionType:
        # a dumped union member that is a model is a mapping; our unions hold at most one model type
        models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        return build(models[0], value) if models and isinstance(value, dict) else value
    if not _holds_model(annotation):
        return value
    if origin is list:
        return [_value(args[0], v) for v in value]
    if origin is dict:
        return {k: _value(args[1], v) for k, v in value.items()}
    return value


def _opt(cls: type[BaseModel], data: Any) -> Any:
    return None if data is None else build(cls, data)


def _packset(data: dict, texts: dict[str, str]) -> PackSet:
    params = data["params"]
    locations: dict[str, Locations] = {}

    def locs(file: str) -> Locations:
        if file not in locations:
            locations[file] = Locations(file, texts.get(file))
        return locations[file]

    def err(path, message, fix=None):  # a sound entry parses as it did when it was written
        raise ValueError(message)

    def rule(pack: str, r: dict) -> Rule:
        where = tuple(r["where"])
        when_raw = r["raw"].get("when") if isinstance(r["raw"], dict) else None
        when = None if when_raw is None else cnd.resolve_params(cnd.parse(when_raw, where + ("when",), err), params, err,
                                                                  data["vocabulary"])
        return Rule(id=r["id"], pack=pack, family=r["family"], title=build(Text, r["title"]), subject=r["subject"],
                    priority=r["priority"], when=when, then=build(Then, r["then"]), source=r["source"],
                    basis=r["basis"], tags=r["tags"], group=r["group"], file=r["file"], locs=locs(r["file"]),
                    where=where, raw=r["raw"], override_reason=r["override_reason"], due_days=r["due_days"],
                    intent=_opt(Intent, r["intent"]), promise=r["promise"], generic=r["generic"], serves=r["serves"], topic=r.get("topic"), holds=tuple(r.get("holds") or ()),
                    policy_safe=_opt(Variant, r["policy_safe"]), word_tags=frozenset(r["word_tags"]),
                    safe_word_tags=frozenset(r["safe_word_tags"]))

    packs, by_id = [], {}
    for p in data["packs"]:
        own = [rule(p["name"], r) for r in p["rules"]]
        by_id.update({(p["name"], r.id): r for r in own})
        packs.append(Pack(name=p["name"], version=p["version"], description=build(Text, p["description"]),
                          extends=p["extends"], params=p["params"], param_docs=p["param_docs"],
                          role_weights=p["role_weights"],
                          derived={k: build(DerivedSpec, v) for k, v in p["derived"].items()},
                          flags={k: build(Text, v) for k, v in p["flags"].items()},
                          disable=[build(Disable, d) for d in p["disable"]], rules=own, folder=Path(p["folder"]),
                          spec_file=p["spec_file"], spec_locs=locs(p["spec_file"]),
                          gift_words={k: build(GiftWords, v) for k, v in p["gift_words"].items()},
                          gift_words_exempt_tags=p["gift_words_exempt_tags"],
                          annotate={k: build(Coaching, v) for k, v in p["annotate"].items()},
                          vocabulary={k: build(Words, v) for k, v in p["vocabulary"].items()},
                          tag_levels={k: build(TagLevel, v) for k, v in p["tag_levels"].items()}))
    derived = {k: build(DerivedSpec, v) for k, v in data["derived"].items()}
    vocabulary = data["recogniser"]
    engine_form = data["compiled"]
    return PackSet(packs=packs, rules=[by_id[(pack, rid)] for pack, rid in data["rules"]], params=params,
                   role_weights=data["role_weights"], catalog=dict(CATALOG) | _derived_catalog(derived),
                   derived=derived, flags={k: build(Text, v) for k, v in data["flags"].items()},
                   overridden={k: tuple(v) for k, v in data["overridden"].items()},
                   disabled={k: tuple(v) for k, v in data["disabled"].items()},
                   gift_words={k: build(GiftWords, v) for k, v in data["gift_words"].items()},
                   vocabulary={k: build(Words, v) for k, v in data["vocabulary"].items()},
                   tag_levels={k: build(TagLevel, v) for k, v in data["tag_levels"].items()},
                   recogniser=Reader(build(recog.ObjectionKindsSpec, vocabulary)) if vocabulary else None,
                   compiled=Compiled(rulesets=engine_form["rulesets"], members=engine_form["members"],
                                     fanout=engine_form["fanout"],
                                     mentions={k: tuple(v) for k, v in engine_form["mentions"].items()}))

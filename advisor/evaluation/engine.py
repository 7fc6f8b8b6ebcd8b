"""Run one account through durable-rules and report what fired.

One ``Engine`` per pack set (ENGINE-NOTES 5, 12): it registers the compiled
rulesets once in the C extension ``durable_rules_engine``, which it drives
directly — no durable ``Host``, so no timer threads and none of the wrapper's
per-action Closure, timestamps and state JSON round trips (note 16). Each
account is evaluated in its own sessions, which are always deleted (note 1:
the sentinel guarantees an action ran first).

Derived facts chain forward inside a ruleset (asserted from the action); other
rulesets receive them in the next round, until no new fact appears. Rules
only ever add facts, so the rounds reach the same fixpoint as the Python
evaluator in ``trace``.
"""
from __future__ import annotations

import copy
import itertools
import json
import re
import warnings
from dataclasses import dataclass, field

from ..language import compiler
from ..language.compiler import DONE_KIND, Compiled, engine_fact, mentions_by_kind
from ..files.errors import AdvisorError
from .deadline import TimeLimit, checkpoint
from .outcomes import derived_fact
from ..language.pack import PackSet, Rule

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import durable_rules_engine as _dre  # the C extension, driven directly (see Engine.run)

# durable-rules 2.0.28 on Python 3.12 calls datetime.utcfromtimestamp in every action of its
# Python wrapper; this module no longer goes through the wrapper, but tests may (keep it quiet).
warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"durable\..*")

# json.dumps(x, ensure_ascii=False), without building an encoder on every call (a run encodes ~5 times)
_encode = json.JSONEncoder(ensure_ascii=False).encode

# result codes of durable_rules_engine.assert_fact(s) (durable/engine.py, Ruleset._handle_result)
_NOT_HANDLED, _OBSERVED, _DEFERRED = 1, 2, 3


@dataclass
class Run:
    """What one account's evaluation produced."""

    fired: dict[tuple, dict] = field(default_factory=dict)  # binding key → binding (kind → fact)
    derived: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    pending: list[tuple[str, dict]] = field(default_factory=list)  # (origin ruleset, derived fact)
    known: set = field(default_factory=set)  # ids of all facts in the session


class _Host:
    """The process's registry of rulesets in the C engine (ENGINE-NOTES 5, 12).

    durable's Python ``Host`` is not used at all: it starts two timer threads per
    instance (note 5) and, per action, builds a Closure, stamps times and sends the
    session state through JSON both ways (note 16: ~30% of a run). Here each ruleset is
    a handle of ``durable_rules_engine`` and ``Engine.run`` drives it directly.
    """

    def __init__(self):
        self._ruleset_directory: dict[str, int] = {}  # name → C handle; registered once, never freed

    def register(self, name: str, definition: dict) -> int:
        if name in self._ruleset_directory:
            raise ValueError(f"ruleset {name} already registered")
        body = {key: {k: v for k, v in rule.items() if k != "run"} for key, rule in definition.items()}
        handle = _dre.create_ruleset(name, json.dumps(body, ensure_ascii=False))
        self._ruleset_directory[name] = handle
        return handle

    def register_rulesets(self, definitions: dict) -> list[str]:
        """Several rulesets at once, under durable ``Host``'s name for it (callers written against it work)."""
        for name, definition in definitions.items():
            self.register(name, definition)
        return list(definitions)


_HOST: _Host | None = None


def host() -> _Host:
    """The one registry of this process (ENGINE-NOTES 5 and 12)."""
    global _HOST
    if _HOST is None:
        _HOST = _Host()
    return _HOST


# An action's message is {"rule id": {"kind": {fact as sent}, ...}}: the rule id and the facts' ids are
# all a firing needs (facts are flat and aliased by kind), so they are read without decoding the whole
# message (json.loads of every message was the largest single cost of a run). Inside a JSON string
# every quote is escaped, so '"id":' can only be a real key (facts are flat: no nested objects).
_FACT_ID = re.compile(r'"id":\s*"([^"\\]*(?:\\.[^"\\]*)*)"')


def _read_message(message: str) -> tuple[str, list[str]]:
    return _rule_of(message), _fact_ids(message)


def _rule_of(message: str) -> str:
    return message[2:message.index('"', 2)]  # rule ids are plain dotted words (pack schema)


def _fact_ids(message: str) -> list[str]:
    ids = _FACT_ID.findall(message)
    if "\\" in message and any("\\" in raw for raw in ids):  # an escape in an id: decode those
        ids = [_unescape(raw) if "\\" in raw else raw for raw in ids]
    return ids


_UNESCAPED: dict[str, str] = {}  # escaped id → id; derived ids hold quotes (category(type="A") of account)
_UNESCAPED_MAX = 4096  # and repeat from account to account: decoded once each, within a bound


def _unescape(raw: str) -> str:
    got = _UNESCAPED.get(raw)
    if got is None:
        got = json.loads(f'"{raw}"')
        if len(_UNESCAPED) < _UNESCAPED_MAX:
            _UNESCAPED[raw] = got
    return got


class _Refused(Exception):
    """The engine did not take a fact (note 4: it matched nothing, or was seen already)."""


def _check(result, what: str) -> int:
    code = result[0]
    if code == _NOT_HANDLED:
        raise _Refused(f"the engine could not handle {what}")
    if code == _OBSERVED:
        raise _Refused(f"the engine has already seen {what}")
    return 0 if code == _DEFERRED else result[1]


def _producers_first(handles: list[tuple[str, int]], makes: dict[str, set], uses: dict[str, set]
                     ) -> list[tuple[str, int]]:
    """The rulesets in an order where one that derives a kind comes before those that use it, as far
    as the derivations allow (a cycle keeps the packs' order), so a single pass usually delivers
    every derived fact. Only the number of engine calls depends on it, never what fires."""
    left = list(handles)
    out: list[tuple[str, int]] = []
    while left:
        ready = next((h for h in left if not any(makes[o[0]] & uses[h[0]] for o in left if o is not h)), left[0])
        left.remove(ready)
        out.append(ready)
    return out


class Engine:
    """Compiled packs, registered once; ``run(facts)`` evaluates one account."""

    _sessions = itertools.count(1)
    _instances = itertools.count(1)

    def __init__(self, packset: PackSet, compiled: Compiled | None = None):
        self.packset = packset
        self.compiled = compiled or packset.compiled or compiler.compile_packs(packset)
        self.rules = {r.id: r for r in packset.rules}
        # per rule, what a firing needs, worked out once (not per action)
        self._derives = {r.id for r in packset.rules if r.action == "derive"}
        self._mentions = mentions_by_kind(self.compiled.mentions)
        self.host = host()
        # ruleset names are global to the C engine: prefix them with the pack set
        # (a counter too: the same packs may be loaded again, e.g. edited copies in tests)
        prefix = f"{next(self._instances)}:" + "+".join(packset.names) + "/"
        self.ruleset_names: list[str] = []
        self._handles: list[tuple[str, int]] = []
        try:
            for name, definition in self.compiled.rulesets.items():
                handle = self.host.register(prefix + name, definition)
                self.ruleset_names.append(prefix + name)
                self._handles.append((prefix + name, handle))
        except Exception as exc:  # error codes only (note 11): find and name the rule
            raise self._culprit(prefix, exc) from None
        # per ruleset, the fact kinds its rules bind: a derived fact of another kind cannot make one
        # of them fire, so it is not sent there (the sink would take it and nothing else)
        uses = {prefix + name: {k for r in members for k in self.rules[r].kinds}
                for name, members in self.compiled.members.items()}
        makes = {prefix + name: {self.rules[r].then.derive.kind for r in members if r in self._derives}
                 for name, members in self.compiled.members.items()}
        self._uses = uses
        self._handles = _producers_first(self._handles, makes, uses)

    def _culprit(self, prefix: str, exc: Exception) -> AdvisorError:
        """Register each rule alone (beside the sink and sentinel) to find the one the
        engine rejects, so the message names its file, line and id. Only on failure:
        every registration keeps memory the engine never frees (note 12)."""
        for name, definition in self.compiled.rulesets.items():
            for key, body in definition.items():
                if key.startswith("$"):
                    continue
                probe = {key: body, "$sink": definition["$sink"], "$sentinel": definition["$sentinel"]}
                try:
                    self.host.register(f"{prefix}probe:{key}", copy.deepcopy(probe))
                except Exception as probe_exc:
                    rule = self.rules[key]
                    return AdvisorError(f"rule {key}: the rule engine rejects it ({probe_exc})", file=rule.file,
                                        line=rule.line, fix="simplify its conditions; run 'advisor pack lint'")
        return AdvisorError(f"the rule engine rejected packs {', '.join(self.packset.names)} ({exc})",
                            fix="run 'advisor pack lint' to find the rule")

    def _fire(self, rule: Rule, ids: list[str], run: Run, facts_by_id: dict, encoded: dict,
              origin: str, handle: int, sid: str) -> None:
        # the engine lists a firing's facts in the rule's pattern order, which is rule.kinds
        # (compiler.patterns), so the ids are the binding key as they come (outcomes.binding_key
        # gives the same; the engine-vs-trace differential test holds the two equal)
        key = (rule.id, *ids)
        if key in run.fired:  # $or fires once per true branch (note 9): the same binding, the same fact
            return
        binding = dict(zip(rule.kinds, map(facts_by_id.__getitem__, ids)))
        run.fired[key] = binding
        if rule.id in self._derives:
            fact = derived_fact(rule, binding)
            if fact["id"] in run.known:  # same content twice would be refused (note 4)
                return
            run.known.add(fact["id"])
            facts_by_id[fact["id"]] = fact
            run.derived.append(fact)
            run.pending.append((origin, fact))
            encoded[fact["id"]] = text = _encode(engine_fact(fact, sid, by_kind=self._mentions))
            # forward chaining: rules on the derived fact fire within this same session
            _check(_dre.assert_fact(handle, text), fact["id"])

    def _assert(self, name: str, handle: int, facts_json: str, run: Run, facts_by_id: dict, encoded: dict,
                sid: str) -> None:
        """Assert facts into one ruleset's session and run every action they trigger, in this thread."""
        state = _check(_dre.assert_facts(handle, facts_json), "the facts")
        started = _dre.start_action_for_state(handle, state)
        if not started:
            return
        message = started[1]
        rules = self.rules
        while message:
            checkpoint()  # between engine actions: a cooperative --timeout stops here (deadline.py)
            rule = rules.get(message[2:message.index('"', 2)])  # _rule_of, inline: once per action
            if rule is not None:  # not the sentinel (note 1) or the sink (note 4): their facts are not read
                ids = _fact_ids(message)
                if len(ids) != len(rule.kinds):  # a fact value holding an "id" key: decode it properly
                    ids = [fact["id"] for fact in json.loads(message)[rule.id].values()]
                try:
                    self._fire(rule, ids, run, facts_by_id, encoded, name, handle, sid)
                except TimeLimit:  # --timeout's timer went off in the action: the account is stopped
                    raise
                except Exception as exc:  # never lost in the engine (note 7): recorded
                    run.errors.append(f"{rule.id}: {type(exc).__name__}: {exc}")
            # the session state is never changed by an action: no update_state round trip (note 16)
            message = _dre.complete_and_start_action(handle, state)

    def run(self, facts: list[dict]) -> Run:
        """Evaluate one account's base facts; sessions are always deleted."""
        run = Run()
        facts_by_id = {f["id"]: f for f in facts}
        run.known = set(facts_by_id)
        sid = str(next(self._sessions))
        base = [engine_fact(f, sid, by_kind=self._mentions) for f in facts]
        base.append({"sid": sid, "id": "$done", "kind": DONE_KIND})
        base_json = _encode(base)  # encoded once for every ruleset
        encoded: dict[str, str] = {}  # derived fact id → its JSON, encoded once
        started: list[int] = []
        # How far into run.pending each ruleset has been given the others' derived facts. Rules only
        # add facts and test no absence (conditions are conjunctions over bound facts), so the order
        # in which facts arrive does not change the fixpoint: each ruleset gets the base facts and
        # every fact derived so far in one call, then only what is derived after it (usually nothing
        # — one call per ruleset, as the raw baseline makes, instead of a call per ruleset and round).
        delivered = {name: 0 for name, _ in self._handles}
        uses = self._uses
        try:
            for name, handle in self._handles:
                checkpoint()
                started.append(handle)
                wanted = uses[name]
                new = [encoded[f["id"]] for origin, f in run.pending if origin != name and f["kind"] in wanted]
                delivered[name] = len(run.pending)
                text = base_json if not new else base_json[:-1] + ", " + ", ".join(new) + "]"
                self._assert(name, handle, text, run, facts_by_id, encoded, sid)
            while any(delivered[name] < len(run.pending) for name, _ in self._handles):
                for name, handle in self._handles:
                    batch = run.pending[delivered[name]:]
                    delivered[name] = len(run.pending)
                    wanted = uses[name]
                    new = [encoded[f["id"]] for origin, f in batch if origin != name and f["kind"] in wanted]
                    if new:
                        self._assert(name, handle, "[" + ", ".join(new) + "]", run, facts_by_id, encoded, sid)
        except TimeLimit:  # not the engine's failure: the limit's own one-line error
            raise
        except Exception as exc:
            raise AdvisorError(f"the rule engine failed on this account ({type(exc).__name__}: {exc})",
                               fix="report it with the account file; 'advisor pack lint' may name the rule") from None
        finally:
            for handle in started:
                try:
                    _dre.delete_state(handle, sid)
                except Exception:  # noqa: BLE001 — cleanup after a failure already reported above;
                    pass  # a second engine error here must not hide the first (or end the batch)
        return run



"""Run one account through durable-rules and report what fired.

One ``Engine`` per process (ENGINE-NOTES 5, 12): it registers the compiled
rulesets once, never starts the engine's timer threads, and evaluates each
account in its own sessions, which it always deletes (note 1: the sentinel
guarantees an action ran first).

Derived facts chain forward inside a ruleset through ``c.assert_fact``; other
rulesets receive them in the next round, until no new fact appears. Rules
only ever add facts, so the rounds reach the same fixpoint as the Python
evaluator in ``trace``.
"""
from __future__ import annotations

import itertools
import json
import warnings
from dataclasses import dataclass, field

from ..language import compiler
from ..language.compiler import DONE_ACTION, DONE_KIND, Compiled, engine_fact
from ..files.errors import AdvisorError
from .outcomes import binding_key, derived_fact
from ..language.pack import PackSet

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import durable_rules_engine  # noqa: F401  (the C extension; imported here so a broken build fails early)
    from durable.engine import Host

# durable-rules 2.0.28 on Python 3.12 calls datetime.utcfromtimestamp in every action.
warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"durable\..*")


@dataclass
class Run:
    """What one account's evaluation produced."""

    fired: dict[tuple, dict] = field(default_factory=dict)  # binding key → binding (kind → fact)
    derived: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    pending: list[tuple[str, dict]] = field(default_factory=list)  # (origin ruleset, derived fact)
    known: set = field(default_factory=set)  # ids of all facts in the session


class _Host(Host):
    """A durable Host without timer threads whose actions are the project's own functions."""

    def __init__(self):
        self.actions = {DONE_ACTION: _done}
        super().__init__()

    def _run(self):  # ENGINE-NOTES 5: no timers, no background threads
        pass

    def get_action(self, action_name):
        return self.actions[action_name]


_HOST: _Host | None = None


def host() -> _Host:
    """The one host of this process (ENGINE-NOTES 5 and 12)."""
    global _HOST
    if _HOST is None:
        _HOST = _Host()
    return _HOST


class Engine:
    """Compiled packs, registered once; ``run(facts)`` evaluates one account."""

    _sessions = itertools.count(1)
    _instances = itertools.count(1)

    def __init__(self, packset: PackSet, compiled: Compiled | None = None):
        self.packset = packset
        self.compiled = compiled or compiler.compile_packs(packset)
        self.rules = {r.id: r for r in packset.rules}
        self._run: Run | None = None
        self._facts_by_id: dict[str, dict] = {}
        self._current_ruleset = ""
        self.host = host()
        # ruleset and action names are global to the host: prefix them with the pack set
        # (a counter too: the same packs may be loaded again, e.g. edited copies in tests)
        prefix = f"{next(self._instances)}:" + "+".join(packset.names) + "/"
        definitions = {}
        for name, definition in self.compiled.rulesets.items():
            body = {}
            for key, rule in definition.items():
                rule = dict(rule)
                if rule["run"] != DONE_ACTION:
                    rule["run"] = prefix + rule["run"]
                    self.host.actions[rule["run"]] = self._make_action(key)
                body[key] = rule
            definitions[prefix + name] = body
        self.ruleset_names = list(definitions)
        try:
            # the engine pops keys from what it is given: hand it a copy
            self.host.register_rulesets(json.loads(json.dumps(definitions)))
        except Exception as exc:  # error codes only (note 11): find and name the rule
            raise self._culprit(prefix, exc) from None

    def _culprit(self, prefix: str, exc: Exception) -> AdvisorError:
        """Register each rule alone (beside the sink and sentinel) to find the one the
        engine rejects, so the message names its file, line and id. Only on failure:
        every registration keeps memory the engine never frees (note 12)."""
        for name, definition in self.compiled.rulesets.items():
            for key, body in definition.items():
                if key.startswith("$"):
                    continue
                probe = {key: dict(body, run=compiler.DONE_ACTION), "$sink": definition["$sink"],
                         "$sentinel": definition["$sentinel"]}
                try:
                    self.host.register_rulesets(json.loads(json.dumps({f"{prefix}probe:{key}": probe})))
                except Exception as probe_exc:
                    rule = self.rules[key]
                    return AdvisorError(f"rule {key}: the rule engine rejects it ({probe_exc})", file=rule.file,
                                        line=rule.line, fix="simplify its conditions; run 'advisor pack lint'")
        return AdvisorError(f"the rule engine rejected packs {', '.join(self.packset.names)} ({exc})",
                            fix="run 'advisor pack lint' to find the rule")

    def _make_action(self, rule_id: str):
        # a plain closure: durable needs a real function (it reads __code__)
        def action(c):
            try:
                self._fire(rule_id, c)
            except Exception as exc:  # the engine would swallow it (note 7): record it
                if self._run is not None:
                    self._run.errors.append(f"{rule_id}: {type(exc).__name__}: {exc}")
        return action

    def _fire(self, rule_id: str, c) -> None:
        run = self._run
        rule = self.rules[rule_id]
        binding = {}
        for alias, fact in c._m.items():
            binding[alias] = self._facts_by_id[fact["id"]]
        key = binding_key(rule, binding)
        run.fired.setdefault(key, binding)  # $or fires once per true branch (note 9)
        if rule.action == "derive":
            fact = derived_fact(rule, binding)
            if fact["id"] in run.known:  # same content twice would raise (note 4)
                return
            run.known.add(fact["id"])
            self._facts_by_id[fact["id"]] = fact
            run.derived.append(fact)
            run.pending.append((self._current_ruleset, fact))
            c.assert_fact(engine_fact(fact, c.s.sid, self.compiled.mentions))

    def run(self, facts: list[dict]) -> Run:
        """Evaluate one account's base facts; sessions are always deleted."""
        run = Run()
        self._run = run
        self._facts_by_id = {f["id"]: f for f in facts}
        run.known = set(self._facts_by_id)
        sid = str(next(self._sessions))
        base = [engine_fact(f, sid, self.compiled.mentions) for f in facts]
        names = self.ruleset_names
        started: list[str] = []
        try:
            for name in names:
                self._current_ruleset = name
                started.append(name)
                self.host.assert_facts(name, base + [{"sid": sid, "id": "$done", "kind": DONE_KIND}])
            delivered = 0
            while delivered < len(run.pending):
                batch = run.pending[delivered:]
                delivered = len(run.pending)
                for name in names:
                    self._current_ruleset = name
                    new = [engine_fact(f, sid, self.compiled.mentions) for origin, f in batch if origin != name]
                    if new:
                        self.host.assert_facts(name, new)
        except Exception as exc:
            raise AdvisorError(f"the rule engine failed on this account ({type(exc).__name__}: {exc})",
                               fix="report it with the account file; 'advisor pack lint' may name the rule") from None
        finally:
            for name in started:
                try:
                    self.host.delete_state(name, sid)
                except Exception:
                    pass
            self._run = None
            self._facts_by_id = {}
        return run


def _done(c):
    """The sentinel's action: it only guarantees that some action ran (ENGINE-NOTES 1)."""
    return None


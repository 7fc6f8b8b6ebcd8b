"""Hostile and careless input for the fuzz suite (tests/test_fuzz.py) and benchmarks/fuzz.py.

Three Hypothesis strategies — account files, pack folders and CLI argument lists —
and one checker per category that returns the problems an input caused instead of
raising, so a long run can count them all (the test suite asserts there are none).

Problems are named by category: ``crash`` (a Python exception other than the
one-line AdvisorError), ``multi-line`` (an error message that is not one safe
line), ``unlocated`` (an error about a file that names no line:col),
``disagree`` (the engine and the Python trace fired different rules),
``lint-clean-rejected`` (lint passed, the engine refused), ``nondeterministic``
(the same input gave different bytes), ``bad-exit`` (an exit code other than 0/1/2),
``deleted-outside`` (a generated-file manifest made a command delete or change a file outside
its folder), ``lost-event`` (processes creating a feedback store at once lost a recorded event),
``formula-cell`` (a CSV cell a spreadsheet would run as a formula).
Signals and hangs are caught one level up (a child process with a watchdog).
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
import shutil
import tempfile
import traceback
from pathlib import Path

from hypothesis import strategies as st

from advisor.accounts import terms
from advisor.accounts.bounds import COUNT_LIMITS
from advisor.accounts.facts import CATALOG
from advisor.files.errors import AdvisorError
from advisor.language.conditions import OPERATORS

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
FIXTURES = ROOT / "fixtures"
AS_OF = dt.date(2026, 11, 23)
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u0085]")
NON_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
LOCATED = re.compile(r"^Error: .+:\d+:\d+: ")
LAST = {"outcome": ""}  # what the last check did with its input (advised / refused / lint-clean …), for the report

# --------------------------------------------------------------------------- YAML text ---
NASTY_TEXT = ["\r", "\u2028", "\u2029", "\x1b[31mred\x1b[0m", "{", "}", "a|b", "x{2}", "%", "%-", ".*", "贵", "太贵了",
              "TOO EXPENSIVE", "\x00", "\t", "'", '"', "\\", "#", ": ", "- ", "&a", "*a", "!!binary", "臺灣價格太貴",
              "\ufeff", "\U0001f600", "\ud800"]
NASTY_NUMBERS = [0.00005, 5e-05, 1e-300, 1e16, 1e+20, 1e308, -1e16, -0.0, 0.0001, 9.99e11, 123456789.123456,
                 math.inf, -math.inf, math.nan, 2 ** 63, -(2 ** 63), 10 ** 30]
NASTY_DATES = [dt.date(9999, 12, 31), dt.date(1, 1, 1), dt.date(1899, 12, 31), dt.date(2201, 1, 1), dt.date(2200, 12, 31),
               dt.date(1900, 1, 1)]


class Raw(str):
    """Text written into the YAML as it is, unquoted: what a rep types (an impossible date)."""


# unquoted, each matches YAML's timestamp pattern but is no real date or time (issue 20)
IMPOSSIBLE_DATES = ["2025-02-29", "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10", "2026-11-01T25:61:00",
                    "2026-11-01 24:00:00", "2026-11-31T10:00:00Z", "2026-1-32 10:00:00"]


def scalar(value) -> str:
    """One YAML flow scalar for a Python value (JSON strings are valid YAML double-quoted scalars)."""
    if isinstance(value, Raw):
        return str(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    # JSON escapes C0 controls; YAML also forbids raw C1 controls, line separators, BOM and non-characters
    return NON_PRINTABLE.sub(lambda m: "\\u%04x" % ord(m.group(0)), json.dumps(str(value), ensure_ascii=False))


def to_yaml(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key_text(k)}: {to_yaml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(to_yaml(v) for v in value) + "]"
    return scalar(value)


def key_text(key) -> str:
    return key if isinstance(key, str) and re.fullmatch(r"[a-z_][a-z0-9_]*", key) else scalar(key)


def block(data: dict) -> str:
    """Top-level keys in block style (so most errors have distinct lines), values in flow style."""
    return "".join(f"{key_text(k)}: {to_yaml(v)}\n" for k, v in data.items())


# ------------------------------------------------------------------------- strategies ---
text = st.one_of(st.text(max_size=12), st.sampled_from(NASTY_TEXT),
                 st.lists(st.sampled_from(NASTY_TEXT + ["a", "b", " "]), max_size=6).map("".join))
number = st.one_of(st.integers(-10 ** 6, 10 ** 7), st.sampled_from(NASTY_NUMBERS),
                   st.floats(allow_nan=True, allow_infinity=True), st.integers(-10 ** 20, 10 ** 20))
impossible_day = st.sampled_from(IMPOSSIBLE_DATES).map(Raw)
day = st.one_of(st.dates(dt.date(2020, 1, 1), dt.date(2027, 12, 31)), st.sampled_from(NASTY_DATES), st.dates(),
                impossible_day)
junk = st.one_of(text, number, day, st.booleans(), st.none(), st.lists(st.integers(), max_size=2),
                 st.dictionaries(st.sampled_from(["a", "b"]), st.integers(), max_size=2))


def maybe(strategy, junk_weight: int = 12):
    """Mostly the value asked for, sometimes junk of another type (in hostile mode)."""
    return st.one_of(*([strategy] * junk_weight), junk)


# valid but awkward values: the engine must get them right, and agree with the trace
fine_number = st.one_of(st.integers(0, 10 ** 7), st.sampled_from([0, 0.00005, 5e-05, 0.0001, 0.5, 9.99e11, 1e12,
                                                                   123456789.123456, 0.33333333]),
                        st.floats(0, 1e12, allow_nan=False, allow_infinity=False))
fine_rate = st.one_of(st.floats(-5, 5, allow_nan=False), st.sampled_from([0.00005, -0.00005, 1e-9, 0.25, 0.18]))
fine_day = st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31))
fine_text = st.one_of(st.sampled_from(["太贵了", "价格太高", "too expensive", "a|b", "x{2}", "{", "%-", "贵{", "\r\n",
                                       "\u2028", "\x1b[31m", "臺灣價格太貴", "TOO EXPENSIVE"]),
                      st.text(min_size=1, max_size=20))


def pick(hostile: bool, fine, bad):
    return maybe(st.one_of(fine, bad)) if hostile else fine


NAMES = ["王总", "周经理", "刘姐", "Sam", "陈总", "X\u2028Y"]


@st.composite
def account_data(draw) -> dict:
    hostile = draw(st.booleans())  # half the accounts are valid (and must be advised right), half are not
    names = draw(st.lists(st.sampled_from(NAMES), max_size=4, unique=True))
    m = (lambda strategy: maybe(strategy)) if hostile else (lambda strategy: strategy)
    num = pick(hostile, fine_number, number)
    rate = pick(hostile, fine_rate, number)
    when = pick(hostile, fine_day, day)
    words = pick(hostile, fine_text, text)
    who = st.sampled_from(names) if names else st.none()
    data: dict = {"name": draw(m(st.one_of(st.sampled_from(["华信电脑城", "京丰商贸"]), fine_text)))}
    contacts = [draw(st.fixed_dictionaries({"name": st.just(n)}, optional={
        "roles": m(st.lists(m(st.sampled_from(list(terms.ROLES))), max_size=3)),
        "met": m(st.booleans()), "senior": m(st.booleans()), "is_boss": m(st.booleans()),
        "reliability": m(st.integers(1, 5) if not hostile else st.integers(0, 6)), "title": m(words)}))
        for n in names]
    optional = {
        "industry": m(st.sampled_from(sorted(p.name for p in RULES.iterdir() if (p / "pack.yaml").is_file())
                                      + (["nosuch"] if hostile else []))),
        "stage": m(st.sampled_from(list(terms.STAGES) + (["opn"] if hostile else []))),
        "relationship": m(st.fixed_dictionaries({"level": m(st.sampled_from(list(terms.LEVELS)))})),
        "sales": m(st.fixed_dictionaries({}, optional={"last_12m": m(num), "prior_12m": m(num), "last_order": m(when)})),
        "plan": m(st.fixed_dictionaries({}, optional={"growth": m(rate), "industry_growth": m(rate)})),
        "contacts": st.just(contacts),
        "visits": m(st.lists(st.fixed_dictionaries({"date": m(when)}, optional={
            "contact": m(who), "minutes": m(num), "outcome": m(st.sampled_from(list(terms.VISIT_OUTCOMES))),
            "next_step": m(words)}), max_size=3)),
        "objections": m(st.lists(st.fixed_dictionaries({"text": m(st.one_of(*[words] * 3, st.sampled_from(
            ["太贵了", "价格太高", "too expensive", "交货期太长"] * 8 + ["x" * 70000 + "贵"])))}, optional={
            "contact": m(who), "date": m(when), "kind": m(st.sampled_from(["price", "feature", "delivery"]))}),
            max_size=3)),
        "opportunities": m(st.lists(st.fixed_dictionaries({"name": m(words)}, optional={
            "amount": m(num), "close_date": m(when), "won": m(st.booleans())}), max_size=2)),
        "policies": m(st.lists(st.sampled_from(list(terms.POLICIES)), max_size=2)),
        "facts": m(st.dictionaries(st.one_of(st.sampled_from(["signage_independent", "x"]), day) if hostile
                                   else st.sampled_from(["signage_independent"]), st.booleans(), max_size=2)),
        "notes": m(words),
    }
    if hostile:
        optional["nmae"] = junk  # a typo now and then
        if draw(st.integers(0, 24)) == 0:  # one list past its documented bound (accounts/bounds.py)
            data.update(over_a_bound(draw(st.sampled_from(sorted(COUNT_LIMITS))), draw(st.integers(1, 3))))
    at_a_bound = not hostile and draw(st.integers(0, 99)) == 0
    for key, strategy in optional.items():
        if draw(st.integers(0, 9)) < (1 if key == "nmae" else 6):
            value = draw(strategy)
            if value is not None or hostile:
                data[key] = value
    if at_a_bound:  # a legal account at a bound: it must be advised, in linear time (issue 20)
        size = COUNT_LIMITS[("contacts",)]
        data["contacts"] = [{"name": f"C{i}", "roles": [list(terms.ROLES)[i % len(terms.ROLES)]],
                             "reaches": [f"C{(i + 1) % size}"]} for i in range(size)]
        data["objections"] = [{"text": "太贵了", "contact": f"C{i}"} for i in range(200)]
        data.pop("visits", None)
    # a visit or objection naming a contact needs one: drop the None the valid mode may have drawn
    for key in ("visits", "objections"):
        for item in data.get(key) or [] if isinstance(data.get(key), list) else []:
            if isinstance(item, dict) and item.get("contact", 0) is None:
                item.pop("contact")
    return data


def over_a_bound(path: tuple, extra: int) -> dict:
    """Top-level account data holding ``extra`` entries more than ``path`` may hold."""
    n = COUNT_LIMITS[path] + extra
    leaf = path[-1]
    many = ({f"flag_{i}": True for i in range(n)} if leaf == "facts"
            else [f"C{i}" for i in range(n)] if leaf in ("related_to", "reaches", "policies")
            else [{"name": f"N{i}", "text": "x", "what": "x", "date": "2026-01-01"} for i in range(n)])
    if len(path) == 3:
        return {"contacts": [{"name": "C0", leaf: many}]}
    if path == ("sales", "periods"):
        return {"sales": {"periods": many}}
    return {leaf: many}


@st.composite
def account_file(draw) -> bytes:
    """An account file: a mostly-valid account, then perhaps a raw edit of its text."""
    text_ = block(draw(account_data()))
    edit = draw(st.integers(0, 19))
    if edit == 0:
        text_ = draw(st.sampled_from(["%YAML 1.1", "%YAML 1.2", "%YAML 1.3", "%YAML 2.0", "%TAG !e! tag:x,2000:"])) \
            + "\n---\n" + text_
    elif edit == 1 and text_:
        at = draw(st.integers(0, len(text_)))
        text_ = text_[:at] + draw(st.sampled_from(["\x07", "\x1b", "\x00", "\u2028", "\t", "[", "{", ":", "&a ", "*a ",
                                                   "!custom ", "\n  - ", "'"])) + text_[at:]
    elif edit == 2 and text_:
        at = draw(st.integers(0, len(text_)))
        text_ = text_[:at]  # truncated
    blob = text_.encode("utf-8", "surrogatepass")
    if edit == 3:
        at = draw(st.integers(0, len(blob)))
        blob = blob[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"])) + blob[at:]
    return blob


# ------------------------------------------------------------------------------ packs ---
FACTS = sorted(f"{kind}.{name}" for kind, fields in CATALOG.items() for name in fields)
NUMBER_FACTS = sorted(f"{k}.{n}" for k, fields in CATALOG.items() for n, (t, _d) in fields.items() if t == "number")
TEXT_FACTS = sorted(f"{k}.{n}" for k, fields in CATALOG.items() for n, (t, _d) in fields.items() if t == "text")


LIST_FACTS = sorted(f"{k}.{n}" for k, fields in CATALOG.items() for n, (t, _d) in fields.items() if t == "list")
BOOL_FACTS = sorted(f"{k}.{n}" for k, fields in CATALOG.items() for n, (t, _d) in fields.items() if t == "bool")
fine_pack_number = st.one_of(st.integers(-1000, 10 ** 6), st.sampled_from([0, 0.0001, 0.25, -0.5, 1e12, 999999.9999]))


@st.composite
def leaf(draw, hostile: bool = False) -> dict:
    kind = draw(st.integers(0, 4 if hostile else 3))
    num = number if hostile else fine_pack_number
    words = text if hostile else fine_text
    if kind == 0:
        fact = draw(st.sampled_from(NUMBER_FACTS))
        op = draw(st.sampled_from(["eq", "ne", "gt", "gte", "lt", "lte", "in", "not_in", "exists"]))
        size = draw(st.sampled_from([3, 3, 3, 9, 600] if hostile else [1, 2, 3, 5]))
        value = draw(st.lists(num, min_size=1, max_size=size) if op in ("in", "not_in") else num)
    elif kind == 1:
        fact = draw(st.sampled_from(TEXT_FACTS))
        op = draw(st.sampled_from(["eq", "ne", "in", "mentions", "mentions", "not_exists"]))
        value = draw(st.lists(words, min_size=1, max_size=4) if op in ("in", "mentions") else words)
    elif kind == 2:
        fact = draw(st.sampled_from(LIST_FACTS))
        op = draw(st.sampled_from(["contains", "not_contains", "exists"]))
        value = draw(st.sampled_from(list(terms.ROLES) + ["price", "no_gifts", "x"]))
    elif kind == 3:
        fact = draw(st.sampled_from(BOOL_FACTS))
        op = draw(st.sampled_from(["eq", "ne", "exists", "not_exists"]))
        value = draw(st.booleans())
    else:
        fact = draw(st.one_of(st.sampled_from(FACTS), text))
        op = draw(st.one_of(st.sampled_from(sorted(OPERATORS)), st.just(["mentions"]), junk))
        value = draw(junk)
    out = {"fact": fact, "op": op}
    if op not in ("exists", "not_exists") or (hostile and draw(st.integers(0, 9)) == 0):
        out["value"] = value
        if hostile and draw(st.integers(0, 5)) == 0:
            out["value"] = draw(st.one_of(st.just({"param": "p1"}), junk))
    return out


def tree(depth: int, hostile: bool):
    if depth <= 0:
        return leaf(hostile)
    return st.one_of(leaf(hostile), st.builds(lambda op, kids: {op: kids}, st.sampled_from(["all", "any"]),
                                              st.lists(tree(depth - 1, hostile), min_size=1, max_size=3)),
                     st.builds(lambda kid: {"not": kid}, tree(depth - 1, hostile)))


@st.composite
def chain(draw, hostile: bool) -> dict:
    """A condition nested N levels (around the engine's and the loader's limits)."""
    node = draw(leaf(hostile))
    for _ in range(draw(st.sampled_from([8, 9, 10, 11, 14, 20, 40] if hostile else [2, 5, 8, 9]))):
        node = {draw(st.sampled_from(["all", "any"])): [node]} if draw(st.integers(0, 4)) else {"not": node}
    return node


@st.composite
def pack_files(draw) -> dict[str, str]:
    """pack.yaml and main.yaml of a pack named p: half of them meant to be valid."""
    hostile = draw(st.booleans())
    value = st.one_of(number, text, st.booleans()) if hostile else st.one_of(st.integers(0, 30), fine_pack_number)
    params = draw(st.dictionaries(st.sampled_from(["p1", "p2", "urgency_now", "max_per_contact"]),
                                  st.fixed_dictionaries({"value": value}), max_size=3))
    rules = []
    for i in range(draw(st.integers(1, 3))):
        subject = draw(st.sampled_from(["account", "contact", "objection", "visit", "opportunity"]))
        when = draw(st.one_of(tree(3, hostile), chain(hostile),
                              st.builds(lambda kids: {"all": kids}, st.lists(leaf(hostile), min_size=1, max_size=4))))
        due = draw(st.one_of(st.integers(0, 30), st.integers(-5, 10 ** 9), st.just({"param": "p1"}), junk)
                   if hostile else st.integers(0, 3650))
        rid = f"p.fuzz.r{i}"
        if hostile and draw(st.integers(0, 9)) == 0:
            rid = draw(st.one_of(st.integers(), text, st.lists(st.integers(), max_size=2)))
        rule = {"id": rid, "family": "fuzz", "title": {"en": "t", "zh": "题"}, "for": subject, "when": when,
                "then": {"recommend": {"who": "subject", "due_days": due, "what": {"en": "do", "zh": "做"},
                                       "why": {"en": "why", "zh": "因"}}},
                "basis": "derived"}
        # every rule must say what it serves (lint): without it no valid pack was ever lint-clean, and
        # "lint clean means the engine accepts it" went untested (runs 7 and 8's first packs category)
        serves = draw(st.sampled_from(sorted(terms.SERVES)) if not hostile else
                      st.one_of(st.sampled_from(sorted(terms.SERVES)), st.none(), junk))
        if serves is not None:
            rule["serves"] = serves
        rules.append(rule)
    spec = {"name": "p", "version": "0.0.1", "description": {"en": "fuzz", "zh": "模糊"}}
    if params:
        spec["params"] = params
    return {"pack.yaml": block(spec), "main.yaml": "rules:\n" + "".join(f"  - {to_yaml(r)}\n" for r in rules)}


# ------------------------------------------------------------------------ CLI options ---
ACCOUNTS = sorted(str(p.relative_to(ROOT)) for p in (FIXTURES / "accounts").glob("*.yaml"))


@st.composite
def cli_args(draw) -> list[str]:
    command = draw(st.sampled_from(["advise", "explain", "whatif", "pack", "frob"]))
    args = [command]
    if command == "pack":
        args.append(draw(st.sampled_from(["lint", "show", "list", "frob"])))
        if args[-1] == "lint":
            args.append(draw(st.sampled_from(["rules/logistics", "rules/nosuch", "fixtures", "-"])))
        elif args[-1] == "show":
            args.append(draw(st.sampled_from(["core", "logistics", "nosuch", "\x1b[2J"])))
        return args
    if command != "frob":
        args.append(draw(st.one_of(st.sampled_from(ACCOUNTS), st.sampled_from(["nope.yaml", "rules", "/dev/null", ""]))))
    options = {
        "--as-of": st.one_of(day.map(lambda d: d if isinstance(d, str) else d.isoformat()), text),
        "--top": st.one_of(st.integers(-3, 50).map(str), text),
        "--lang": st.sampled_from(["en", "zh", "fr", ""]),
        "--format": st.sampled_from(["text", "json", "markdown", "xml"]),
        "--pack": st.sampled_from(["core", "logistics", "nosuch", ""]),
        "--rule": st.sampled_from(["core.roles.meet-decider", "no.such.rule", "\r"]),
        "--set": st.one_of(st.sampled_from(["stage=propose", "plan.growth=0.00005", "plan.growth=1e16",
                                            "contacts[陈总].met=true", "contacts[99].met=true", "nope", "visits[0].date=9999-12-31",
                                            "sales.last_12m=inf", "x=\u2028"]), text),
        "--tpo": st.just("3"),
    }
    for name in draw(st.lists(st.sampled_from(sorted(options)), max_size=4, unique=True)):
        args += [name, draw(options[name])]
    if "--as-of" not in args and draw(st.integers(0, 4)):
        args += ["--as-of", "2026-11-23"]
    return args


# ---------------------------------------------------------------------------- checks ---
def message_problems(message: str, need_location: bool) -> list[str]:
    out = []
    shown = repr(message[:200])
    if "\n" in message.rstrip("\n") or UNSAFE.search(message.rstrip("\n")):
        out.append(f"multi-line: {shown}")
    if need_location and not LOCATED.match(message):
        out.append(f"unlocated: {shown}")
    return out


def check_account(blob: bytes, advisor, folder: Path) -> list[str]:
    """Load, advise and trace one account file in this process."""
    from advisor import load_account
    from advisor.output import render

    path = folder / "account.yaml"
    path.write_bytes(blob)
    try:
        account = load_account(path)
        advice = advisor.advise(account, as_of=AS_OF, trace=True)
        first = render.RENDERERS["text"](advice, "en", 0) + render.dump_json(render.as_dict(advice, "zh", 0))
        again = advisor.advise(account, as_of=AS_OF)
        second = render.RENDERERS["text"](again, "en", 0) + render.dump_json(render.as_dict(again, "zh", 0))
    except AdvisorError as exc:
        LAST["outcome"] = "refused"
        # an unknown pack named by the account (industry) is a message about the packs, not about a place in the file
        return message_problems(f"Error: {exc}", need_location=exc.file == str(path))
    except Exception:  # noqa: BLE001 — exactly what we are counting
        return ["crash: " + traceback.format_exc(limit=-3).replace("\n", " | ")[-400:]]
    LAST["outcome"] = "advised"
    problems = []
    if set(advice.fired) != set(advice.evaluation.fired):
        problems.append("disagree")
    if advice.errors:
        problems.append("crash: action error " + advice.errors[0])
    if first != second:
        problems.append("nondeterministic")
    return problems


def check_pack(files: dict[str, str], accounts: list) -> list[str]:
    """Lint a pack, load it into the engine, advise a few accounts: lint clean must mean the engine accepts it."""
    from advisor.api import Advisor
    from advisor.toolkit.lint import lint

    rules_dir = Path(tempfile.mkdtemp(prefix="advisor-fuzz-pack-"))
    try:
        (rules_dir / "p").mkdir()
        for name, body in files.items():
            (rules_dir / "p" / name).write_text(body, encoding="utf-8", errors="surrogatepass")
        problems = []
        try:
            report = lint(rules_dir, ["p"])
        except AdvisorError as exc:
            report = None
            problems += message_problems(f"Error: {exc}", need_location=False)
        except Exception:  # noqa: BLE001
            return ["crash: lint " + traceback.format_exc(limit=-3).replace("\n", " | ")[-400:]]
        for finding in (report.findings if report else []):
            problems += message_problems(str(finding), need_location=False)
        LAST["outcome"] = "lint-clean" if report is not None and not report.errors else "lint-errors"
        try:
            advisor = Advisor(rules_dir, packs=["p"])
            loaded = advisor.load(["p"])[0]
            LAST["outcome"] += ", loaded"
            # the same pack set read back from the snapshot that load kept (language/snapshot.py)
            from advisor.language import snapshot

            if snapshot.dump(snapshot.load(["p"], advisor.pack_path)) != snapshot.dump(loaded):
                problems.append("disagree: the pack set read back from its snapshot differs from the load")
        except AdvisorError as exc:
            problems += message_problems(f"Error: {exc}", need_location=False)
            if report is not None and not report.errors:
                problems.append(f"lint-clean-rejected: {exc}")
            return problems
        except Exception:  # noqa: BLE001
            return problems + ["crash: load " + traceback.format_exc(limit=-3).replace("\n", " | ")[-400:]]
        for account in accounts:
            try:
                advice = advisor.advise(account, as_of=AS_OF, trace=True)
            except AdvisorError as exc:
                problems.append(f"crash: advise refused a loaded pack: {exc}")
                continue
            except Exception:  # noqa: BLE001
                problems.append("crash: advise " + traceback.format_exc(limit=-3).replace("\n", " | ")[-400:])
                continue
            if set(advice.fired) != set(advice.evaluation.fired):
                problems.append("disagree")
            if advice.errors:
                problems.append("crash: action error " + advice.errors[0])
        return problems
    finally:
        shutil.rmtree(rules_dir, ignore_errors=True)


def check_cli(args: list[str]) -> list[str]:
    """Run the CLI in this process (click's runner); stderr on failure must be one line."""
    from click.testing import CliRunner

    from advisor.cli import cli

    result = CliRunner().invoke(cli, args, catch_exceptions=True)
    LAST["outcome"] = f"exit {result.exit_code}"
    return cli_problems(result.exit_code, result.stdout, result.stderr,
                        result.exception if not isinstance(result.exception, SystemExit) else None)


def cli_problems(code: int, stdout: str, stderr: str, exception=None) -> list[str]:
    problems = []
    if exception is not None or "Traceback" in stderr:
        problems.append(f"crash: {type(exception).__name__ if exception else 'traceback'}: {exception}")
    if code == 70:  # the advisor's own fault, caught and told in one line (cli/common.py) — still a crash
        problems.append(f"crash: internal error: {stderr.strip()}")
    elif code not in (0, 1, 2):
        problems.append(f"bad-exit: {code}")
    if code == 2:
        lines = stderr.strip("\n").split("\n")
        if len(lines) != 1 or not lines[0].startswith("Error: "):
            problems.append("multi-line")
        else:
            problems += message_problems(lines[0], need_location=False)
    return problems


# ------------------------------------------------------------- generated-file manifests ---
# names a manifest (.advisor-generated.json, which comes with a cloned folder) may list: most point
# out of the folder; "{abs}" and "{link}" become an absolute path and a symlinked folder at check time
MANIFEST_NAMES = ["../victim.txt", "{abs}", "a/../../victim.txt", "{link}/victim.txt", "./ok.md", "sub//ok.md",
                  "..", ".", "", "x\\..\\..\\victim.txt", "C:/victim.txt", "ok.md", "README.md", "core.md",
                  ".advisor-generated.json", "sub/ok.md", "\x00", "victim.txt\n", "../" * 8 + "etc/victim.txt"]


@st.composite
def manifest_case(draw) -> dict:
    names = draw(st.lists(st.one_of(st.sampled_from(MANIFEST_NAMES), text), min_size=1, max_size=5))
    return {"entries": [(name, draw(st.sampled_from(["victim", "zero", "junk"])),
                         draw(st.sampled_from(["advisor pack docs", "advisor docs-cli", "someone"])))
                        for name in names],
            "force": draw(st.booleans()), "check": draw(st.integers(0, 3)) == 0,
            "shape": draw(st.sampled_from(["json", "json", "json", "not json", "files not a map"]))}


_PAGES: dict[tuple, dict[str, str]] = {}


def _pages_built_once(build):
    """``docs.rule_docs`` remembered per (pack search path, names) in this process: what a manifest case tests is
    which files the command may replace or delete, never the pages' content (tests/test_cli_toolkit.py holds that
    content to the packs) — and building every pack's page again took seconds per case, most of the suite's
    slowest test (session 12)."""
    def rule_docs(rules_dir, names=None):
        key = (repr(rules_dir), None if names is None else tuple(names))
        if key not in _PAGES:
            _PAGES[key] = build(rules_dir, names)
        return dict(_PAGES[key])
    return rule_docs


def check_manifest(case: dict) -> list[str]:
    """`pack docs --out DIR` with a hostile manifest in DIR: no file outside DIR may be deleted or changed."""
    import hashlib
    import os
    from unittest import mock

    from click.testing import CliRunner

    from advisor.cli import cli
    from advisor.toolkit import docs

    root = Path(tempfile.mkdtemp(prefix="advisor-fuzz-manifest-"))
    try:
        outside = root / "outside"
        outside.mkdir()
        victims = {outside / "victim.txt": b"keep me\n", root / "victim.txt": b"keep me too\n"}
        for path, blob in victims.items():
            path.write_bytes(blob)
        out = root / "out"
        out.mkdir()
        (out / "link").symlink_to(outside, target_is_directory=True)
        sha = hashlib.sha256(b"keep me\n").hexdigest()
        entries = {}
        for name, digest, by in case["entries"]:
            name = name.replace("{abs}", str(outside / "victim.txt")).replace("{link}", "link")
            entries[name] = {"sha256": {"victim": sha, "zero": "0" * 64, "junk": "x"}[digest], "by": by}
        body = {"json": {"files": entries}, "not json": None, "files not a map": {"files": list(entries)}}[case["shape"]]
        (out / ".advisor-generated.json").write_text("{not json" if body is None else json.dumps(body),
                                                     encoding="utf-8")
        args = ["pack", "docs", "--out", str(out)] + (["--force"] if case["force"] else []) \
            + (["--check"] if case["check"] else [])
        with mock.patch.object(docs, "rule_docs", _pages_built_once(docs.rule_docs)):
            result = CliRunner().invoke(cli, args, catch_exceptions=True)
        LAST["outcome"] = f"exit {result.exit_code}"
        problems = cli_problems(result.exit_code, result.stdout, result.stderr,
                                result.exception if not isinstance(result.exception, SystemExit) else None)
        for path, blob in victims.items():
            if not path.is_file() or path.read_bytes() != blob:
                problems.append(f"deleted-outside: {path.name} after {args[3:]} with {sorted(entries)!r}"[:300])
        if not (out / "link").is_symlink() or not outside.is_dir():
            problems.append("deleted-outside: the symlinked folder or its target")
        return problems
    finally:
        for path in (root / "out" / "link",):
            if path.is_symlink():
                os.unlink(path)
        shutil.rmtree(root, ignore_errors=True)


# --------------------------------------------------------- a store created by many at once ---
STORE_RECORDER = """
import datetime as dt, sys, time
from advisor.feedback.store import Event, Store
path, start, who, count = sys.argv[1], float(sys.argv[2]), sys.argv[3], int(sys.argv[4])
while time.time() < start:
    time.sleep(0.001)
for i in range(count):
    Store(path).record(Event(account=f"fuzz-{who}-{i}", rule="core.roles.meet-decider", contact="",
                             verb=("done", "snooze", "dismiss")[i % 3], at=dt.date(2026, 11, 23),
                             until=dt.date(2026, 12, 1) if i % 3 == 1 else None))
"""


@st.composite
def store_case(draw) -> dict:
    return {"processes": draw(st.integers(2, 8)), "each": draw(st.integers(1, 4)),
            "start": draw(st.sampled_from(["new", "new", "version 1", "current"]))}


def check_store(case: dict) -> list[str]:
    """Processes creating (or migrating) a feedback store at the same instant: every event is kept."""
    import os
    import sqlite3
    import subprocess
    import sys
    import time
    from contextlib import closing

    from advisor.feedback.store import MIGRATIONS, Event, Store

    folder = Path(tempfile.mkdtemp(prefix="advisor-fuzz-store-"))
    try:
        path = folder / "deep" / "feedback.sqlite3"
        before = 0
        if case["start"] == "version 1":
            path.parent.mkdir(parents=True)
            with closing(sqlite3.connect(path)) as con, con:
                con.executescript(MIGRATIONS[0])
                con.execute("PRAGMA user_version = 1")
        elif case["start"] == "current":
            Store(path).record(Event(account="seed", rule="core.x", contact="", verb="done", at=AS_OF))
            before = 1
        start = time.time() + 1.5
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        children = [subprocess.Popen([sys.executable, "-c", STORE_RECORDER, str(path), str(start), str(k),
                                      str(case["each"])], stderr=subprocess.PIPE, text=True, env=env)
                    for k in range(case["processes"])]
        problems = []
        for child in children:
            _, err = child.communicate(timeout=120)
            if child.returncode:
                problems.append(f"lost-event: a recorder exited {child.returncode}: "
                                + (err.strip().splitlines() or [""])[-1][:200])
        with closing(sqlite3.connect(path)) as con:
            kept = con.execute("SELECT count(*) FROM events").fetchone()[0] - before
        wanted = case["processes"] * case["each"]
        LAST["outcome"] = f"{case['start']}: {kept}/{wanted} kept"
        if kept != wanted:
            problems.append(f"lost-event: {wanted - kept} of {wanted} ({case})")
        return problems
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# ------------------------------------------------------------- CSV a spreadsheet would run ---
FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r", "=cmd|' /C calc'!A0", "@SUM(1,2)", "+1+1", "-2+3", "=HYPERLINK(",
                  " =1+1", "；=1", "a;=1+1"]
formula_name = st.builds(lambda head, tail: head + tail, st.sampled_from(FORMULA_STARTS),
                         st.text(alphabet="ABC(),;!|'\"1= 华", max_size=8))


@st.composite
def csv_case(draw) -> list[dict]:
    """A few accounts whose names, owners and contacts come from a CRM someone filled in."""
    accounts = []
    for i in range(draw(st.integers(1, 4))):
        contacts = [{"name": f"{draw(formula_name)}#{i}{k}", "roles": [draw(st.sampled_from(["decider", "purchaser"]))],
                     "met": draw(st.booleans())} for k in range(draw(st.integers(1, 3)))]
        accounts.append({"name": f"{draw(formula_name)}#{i}", "owner": draw(formula_name), "stage": "propose",
                         "industry": draw(st.sampled_from([None, "it-distribution"])), "contacts": contacts})
    return accounts


def check_csv(accounts: list[dict], advisor) -> list[str]:
    """The plan's CSV export: read back with the csv module, no cell may start a formula."""
    import csv
    import io

    from advisor.accounts.account import validate_account
    from advisor.files.yamlio import Locations
    from advisor.output import plan_formats
    from advisor.portfolio.plan import PlanFilters, build_plan, plan_to_json

    rows = []
    for i, data in enumerate(accounts):
        data = {k: v for k, v in data.items() if v is not None}
        rows.append((f"crm.yaml:{i + 1}", lambda data=data: validate_account(data, Locations("crm.yaml"))))
    try:
        doc = plan_to_json(build_plan(rows, advisor, as_of=AS_OF, filters=PlanFilters(top_actions=0)))
        text_ = plan_formats.csv_text(doc)
    except AdvisorError as exc:
        LAST["outcome"] = "refused"
        return message_problems(f"Error: {exc}", need_location=False)
    except Exception:  # noqa: BLE001
        return ["crash: " + traceback.format_exc(limit=-3).replace("\n", " | ")[-400:]]
    cells = [cell for row in csv.reader(io.StringIO(text_)) for cell in row]
    LAST["outcome"] = f"{len(cells)} cells"
    number = re.compile(r"-?[0-9]+(\.[0-9]+)?")
    return [f"formula-cell: {cell[:60]!r}" for cell in cells
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not number.fullmatch(cell)]

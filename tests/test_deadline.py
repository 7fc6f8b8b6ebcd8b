"""--timeout in this process, with and without POSIX signals (issue 20: Windows has no SIGALRM timer,
and a thread gets no signals).

Time is moved by hand (``deadline._clock``), never waited for: every test here gives the same result
on a busy machine and a quiet one.
"""
from __future__ import annotations

import signal
import threading

import pytest
from click.testing import CliRunner

from advisor import load_account
from advisor.api import Advisor
from advisor.cli import cli
from advisor.evaluation import deadline
from advisor.evaluation.deadline import TimeLimit, checkpoint, time_limit
from advisor.evaluation.engine import Engine
from advisor.portfolio import pool

from .conftest import AS_OF, FIXTURES

TCL = FIXTURES / "accounts" / "tcl-too-expensive.yaml"
MESSAGE = "took longer than 5 s (the per-account time limit, --timeout)"


class Clock:
    """A clock that moves only when told to."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(deadline, "_clock", fake)
    return fake


@pytest.fixture
def no_signals(monkeypatch):
    """This platform as Windows sees it: no interval timer to raise in the work."""
    monkeypatch.setattr(deadline, "signal_timer_usable", lambda: False)


def late_once_the_engine_fires(monkeypatch, clock: Clock) -> list[str]:
    """Move the clock past any deadline when the engine runs its first rule action."""
    fired: list[str] = []
    real_fire = Engine._fire

    def fire(self, rule, *args, **kwargs):
        fired.append(rule.id)
        clock.now += 3600
        return real_fire(self, rule, *args, **kwargs)

    monkeypatch.setattr(Engine, "_fire", fire)
    return fired


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="POSIX only: the interval timer")
def test_on_the_main_thread_the_signal_timer_is_used_as_before():
    before = signal.getsignal(signal.SIGALRM)
    with time_limit(30):
        remaining, _interval = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < remaining <= 30
        assert getattr(deadline._cooperative, "limit", None) is None  # no second mechanism on top
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before


def test_without_signals_advise_is_stopped_between_engine_steps(monkeypatch, clock, no_signals):
    fired = late_once_the_engine_fires(monkeypatch, clock)
    advisor = Advisor()
    account = load_account(TCL)
    advisor.load(advisor.pack_names(account))
    with pytest.raises(TimeLimit) as caught:
        with time_limit(5, file=str(TCL)):
            advisor.advise(account, as_of=AS_OF)
    assert len(fired) == 1  # stopped at the next step after the first action, not at the end
    assert any(entry.name == "_assert" for entry in caught.traceback)  # inside the engine's loop
    assert str(caught.value).startswith(f"{TCL}: {MESSAGE}; the row was stopped")


def test_without_signals_the_cli_reports_the_limit_in_one_line(monkeypatch, clock, no_signals):
    late_once_the_engine_fires(monkeypatch, clock)
    result = CliRunner().invoke(cli, ["advise", str(TCL), "--as-of", str(AS_OF), "--timeout", "5"])
    assert result.exit_code == 2
    assert result.output == (f"Error: {TCL}: {MESSAGE}; advising was stopped, nothing was written — raise "
                             "--timeout, or trim the account (its bounds: docs/account-format.md#limits)\n")


def test_without_signals_a_limit_not_reached_changes_nothing(no_signals):
    args = ["advise", str(TCL), "--as-of", str(AS_OF), "--format", "json"]
    free = CliRunner().invoke(cli, args)
    limited = CliRunner().invoke(cli, [*args, "--timeout", "3600"])
    assert free.exit_code == limited.exit_code == 0
    assert limited.output == free.output


def test_in_a_thread_the_limit_holds_without_signals(monkeypatch, clock):
    """A thread gets no signals: before, the work there ran without any limit."""
    late_once_the_engine_fires(monkeypatch, clock)
    account = load_account(TCL)
    seen: list[BaseException] = []

    def work():
        assert not deadline.signal_timer_usable()
        try:
            with time_limit(5, file=str(TCL)):
                Advisor().advise(account, as_of=AS_OF)
        except TimeLimit as exc:
            seen.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert [str(e).split(";")[0] for e in seen] == [f"{TCL}: {MESSAGE}"]


def advise_row(path):
    return Advisor().advise(load_account(path), as_of=AS_OF).actions[0].rule


def test_one_job_rows_in_a_thread_each_fail_alone_on_the_limit(monkeypatch, clock):
    late_once_the_engine_fires(monkeypatch, clock)
    results: list = []
    thread = threading.Thread(target=lambda: results.extend(pool.imap(advise_row, [TCL, TCL], jobs=1, timeout=5)))
    thread.start()
    thread.join()
    assert [(r.value, r.error.split(";")[0]) for r in results] == [(None, MESSAGE)] * 2


def test_without_signals_work_that_ends_late_is_stopped_like_under_the_timer(clock, no_signals):
    with pytest.raises(TimeLimit):
        with time_limit(5):
            clock.now += 6  # no checkpoint inside: the end of the block is one
    with time_limit(5):
        clock.now += 4  # within the limit: nothing raised
    checkpoint()  # and no deadline is left behind for later work


def test_without_signals_an_inner_limit_never_outlives_the_outer_one(clock, no_signals):
    with pytest.raises(TimeLimit) as caught:
        with time_limit(5, outcome="outer"):
            with time_limit(60, outcome="inner"):
                clock.now += 6
                checkpoint()
    assert str(caught.value).startswith("took longer than 5 s") and "outer" in str(caught.value)


def test_the_limit_reached_inside_a_rule_action_stops_the_account(monkeypatch):
    """The timer raises wherever the work is; inside a rule's action it was once taken for that
    action's own failure (kept in advice.errors, the account advised without a limit)."""
    def fire(self, rule, *args, **kwargs):
        raise TimeLimit(deadline.over_limit_message(5))

    monkeypatch.setattr(Engine, "_fire", fire)
    with pytest.raises(TimeLimit) as caught:
        Advisor().advise(load_account(TCL), as_of=AS_OF)
    assert str(caught.value) == f"{MESSAGE}; the row was stopped"

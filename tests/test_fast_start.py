"""What each command imports (issue 13): `--version`, `--help` and `pack list` neither the pydantic
models nor durable-rules (`--version` not even click); `advise` none of the rooms it does not use.

A behavioural check of what is imported, not a timing: the figures are in benchmarks/results.md.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ["advisor.accounts.account", "advisor.language.pack", "advisor.api", "pydantic",
         "durable", "durable_rules_engine", "ruamel.yaml", "rich"]

SCRIPT = """
import sys
from advisor.cli import main
sys.argv = ["advisor", {arg!r}]
try:
    main()
except SystemExit:
    pass
print("LOADED", sorted(m for m in {heavy!r} if m in sys.modules))
"""


def loaded_after(arg: str) -> tuple[str, list[str]]:
    proc = subprocess.run([sys.executable, "-c", SCRIPT.format(arg=arg, heavy=HEAVY)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    out, _, loaded = proc.stdout.rpartition("LOADED ")
    return out, eval(loaded)


def test_version_imports_no_models_and_no_engine():
    out, loaded = loaded_after("--version")
    assert "0.1.0" in out
    assert loaded == []


def test_help_imports_no_models_and_no_engine():
    out, loaded = loaded_after("--help")
    assert "advise" in out and "batch" in out
    assert loaded == []


def test_the_version_printed_is_the_installed_one():
    from importlib.metadata import version

    import advisor

    assert advisor.__version__ == version("advisor")


def test_pack_list_builds_no_models_and_loads_no_engine():
    script = """
import sys
from advisor.cli import main
sys.argv = ["advisor", "pack", "list"]
try:
    main()
except SystemExit:
    pass
from pydantic import BaseModel
import advisor.accounts.account as account, advisor.language.pack as pack
models = [m for mod in (account, pack) for m in vars(mod).values()
          if isinstance(m, type) and issubclass(m, BaseModel) and m.__module__ == mod.__name__]
print("BUILT", sorted(m.__name__ for m in models if m.__pydantic_complete__), len(models))
print("ENGINE", [m for m in ("durable", "durable_rules_engine") if m in sys.modules])
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "core " in proc.stdout
    built = proc.stdout.split("BUILT ")[1].splitlines()[0]
    assert built.startswith("[] ") and int(built.split()[-1]) > 10, built
    assert "ENGINE []" in proc.stdout


def test_the_command_answers_version_without_click_and_as_click_would():
    """The entry point prints the version itself (click costs ~50 ms); the text must be click's."""
    script = """
import sys
from advisor.__main__ import main
sys.argv = ["advisor", {flag!r}]
main()
print("LOADED", sorted(m for m in ("click", "advisor.cli") if m in sys.modules))
"""
    from click.testing import CliRunner

    from advisor.cli import cli

    for flag in ("--version", "-V"):
        proc = subprocess.run([sys.executable, "-c", script.format(flag=flag)], capture_output=True, text=True,
                              timeout=60)
        assert proc.returncode == 0, proc.stderr
        printed, _, loaded = proc.stdout.rpartition("LOADED ")
        assert eval(loaded) == []
        assert printed == CliRunner().invoke(cli, [flag], prog_name="advisor").output == "advisor, version 0.1.0\n"


def test_the_entry_point_hands_everything_else_to_click():
    proc = subprocess.run([sys.executable, "-m", "advisor", "--version", "pack"], capture_output=True, text=True,
                          timeout=60)
    assert proc.stdout == "advisor, version 0.1.0\n"  # click's eager --version, not the shortcut
    proc = subprocess.run([sys.executable, "-m", "advisor", "--nope"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "No such option '--nope'" in proc.stderr, proc.stderr


def test_the_installed_command_is_the_fast_entry_point():
    import re
    from pathlib import Path

    pyproject = (Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^advisor = "advisor\.__main__:main"$', pyproject, re.M)


def test_advise_imports_only_what_advising_needs():
    """A plain `advise` loads the engine and the models, but not the location-keeping YAML reader
    (only an error needs it), the batch, CRM or toolkit rooms, or rich."""
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "accounts" / "jingfeng-dealer.yaml"
    script = f"""
import sys
from advisor.__main__ import main
sys.argv = ["advisor", "advise", {str(fixture)!r}, "--as-of", "2026-11-23", "--no-feedback"]
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
print("LOADED", sorted({{m.split(".")[0] if not m.startswith("advisor.") else ".".join(m.split(".")[:2])
                        for m in sys.modules}}))
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    loaded = set(eval(proc.stdout.rpartition("LOADED ")[2]))
    assert {"pydantic", "durable_rules_engine", "advisor.evaluation", "advisor.output"} <= loaded
    unwanted = {"ruamel", "rich", "dask", "advisor.portfolio", "advisor.crm", "advisor.toolkit"}
    assert not loaded & unwanted, loaded & unwanted


PLUGINS_SCRIPT = """
import sys
from advisor.__main__ import main
sys.argv = ["advisor", "advise", {fixture!r}, "--as-of", "2026-11-23", "--no-feedback"]
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
import pydantic.plugin._loader as loader
print("METADATA", "importlib.metadata" in sys.modules, "STUB", not hasattr(loader, "entry_points"))
"""


def test_advise_skips_pydantic_plugin_discovery_and_its_import():
    """With plugins off (the CLI's default), pydantic's loader would still import importlib.metadata."""
    import os

    fixture = str(Path(__file__).resolve().parent.parent / "fixtures" / "accounts" / "jingfeng-dealer.yaml")
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    proc = subprocess.run([sys.executable, "-c", PLUGINS_SCRIPT.format(fixture=fixture)], capture_output=True,
                          text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "METADATA False STUB True" in proc.stdout
    # a user who names plugins to skip gets pydantic's own loader (and its discovery)
    proc = subprocess.run([sys.executable, "-c", PLUGINS_SCRIPT.format(fixture=fixture)], capture_output=True,
                          text=True, timeout=120, env=env | {"PYDANTIC_DISABLE_PLUGINS": "some_plugin"})
    assert proc.returncode == 0, proc.stderr
    assert "METADATA True STUB False" in proc.stdout


def test_advise_with_no_store_yet_does_not_open_or_import_the_store(tmp_path):
    """No feedback recorded yet (no store file): advise reads none and creates none, and neither the
    store module nor sqlite3 is imported for it. With a store file, it is read."""
    import os

    fixture = str(Path(__file__).resolve().parent.parent / "fixtures" / "accounts" / "jingfeng-dealer.yaml")
    script = f"""
import sys
from advisor.__main__ import main
sys.argv = ["advisor", "advise", {fixture!r}, "--as-of", "2026-11-23"]
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
print("LOADED", sorted(m for m in ("sqlite3", "advisor.feedback.store") if m in sys.modules))
"""
    store = tmp_path / "feedback.sqlite3"
    env = os.environ | {"ADVISOR_STORE": str(store)}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.rpartition("LOADED ")[2].strip() == "[]"
    assert not store.exists()
    import datetime as dt

    from advisor.feedback.store import Event, Store

    Store(store).record(Event(account="京丰商贸", rule="core.x.y", contact="", verb="done", at=dt.date(2026, 11, 20)))
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "advisor.feedback.store" in proc.stdout.rpartition("LOADED ")[2]

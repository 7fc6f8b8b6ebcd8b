"""`advisor --version` and `--help` import neither the pydantic models nor durable-rules (issue 13).

A behavioural check of what is imported, not a timing: the figures are in benchmarks/results.md.
"""
from __future__ import annotations

import subprocess
import sys

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

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

"""README's examples are real: each ```text block that starts with `$ advisor …` is run and compared."""
from __future__ import annotations

import re
import shlex

import pytest
from click.testing import CliRunner

from advisor.cli import cli

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```text\n\$ advisor ([^\n]*)\n(.*?)```", README, flags=re.S)


def test_readme_has_examples():
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("args,expected", EXAMPLES, ids=[a for a, _ in EXAMPLES])
def test_readme_example_matches_output(args, expected, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, shlex.split(args))
    assert result.exit_code == 0, result.output
    lines = expected.rstrip("\n").splitlines()
    if lines[-1].strip() == "...":  # an abridged example: the output starts with these lines
        assert result.output.splitlines()[:len(lines) - 1] == lines[:-1]
    else:
        assert result.output == expected

"""The command line: a thin layer over ``advisor.api``, one module per group of commands (as gh
groups its commands):

- ``advise``  — advise, explain
- ``plan``    — batch, plan; done, snooze, dismiss, history; store export/import
- ``imports`` — import crm
- ``pack``    — pack list/show/test/lint/docs/new; diff, whatif
- ``docs``    — docs-cli, docs-format, schema, init
- ``common``  — the shared options, output, account reading and one-line errors

This module holds only the root group, --version, -h, completion and the entry point. Every user
mistake becomes one line on stderr and exit code 2 (never a traceback); outputs are deterministic
for the same facts, packs and --as-of. Commands import what they use when they run: the group
modules import only click at their top, so `advisor --version`, `--help` and `pack list` do not
pay for pydantic's model building or durable-rules (issue 13).
"""
from __future__ import annotations

import os
import sys

import click

from .. import __version__
from . import advise, docs, imports, pack, plan
from .common import AdvisorGroup

EXIT_CODES = """\b
Exit codes: 0 ok; 1 findings (a failing pack test or lint error, a failed batch row);
2 bad input (a file, option or pack that cannot be used: one line on stderr says where).
Packs: bundled, then your pack folder (advisor pack list shows it), then ADVISOR_PACKS, then --rules."""


@click.group(cls=AdvisorGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES)
# no importlib.metadata scan; and the name given: click keeps the first invocation's name for the rest of the process
# (a test run calling `cli` without prog_name would make every later --version say "cli, version")
@click.version_option(__version__, "-V", "--version", package_name="advisor", prog_name="advisor")
def cli():
    """Next-best-action advice for B2B key accounts, from declarative rule packs.

    Example: advisor advise fixtures/accounts/jingfeng-dealer.yaml --as-of 2026-11-23
    """


@cli.command("completion")
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell):
    """Print the shell completion script (click's own) for bash, zsh or fish.

    \b
    bash: advisor completion bash > ~/.local/share/bash-completion/completions/advisor
    zsh:  advisor completion zsh > "${fpath[1]}/_advisor"
    fish: advisor completion fish > ~/.config/fish/completions/advisor.fish

    Example: advisor completion bash > ~/.local/share/bash-completion/completions/advisor
    """
    from click.shell_completion import get_completion_class

    complete = get_completion_class(shell)(cli, {}, "advisor", "_ADVISOR_COMPLETE")
    click.echo(complete.source())


for _group in (advise, plan, imports, pack, docs):
    for _command in _group.COMMANDS:
        cli.add_command(_command)


LOADER = "pydantic.plugin._loader"


def _without_pydantic_plugins() -> None:
    """The CLI uses no pydantic plugin: say so, and skip the plugin loader's import.

    pydantic looks for plugins through importlib.metadata when it builds its first model. With
    PYDANTIC_DISABLE_PLUGINS it finds none, but its loader module still imports
    importlib.metadata (with zipfile, email and csv: ~10 ms of every start, issue 13). When
    plugins are off, that loader's one function (``get_plugins``, called from
    pydantic/plugin/_schema_validator.py) answers "none" without the import. A user who sets the
    variable keeps their choice; naming plugins to skip loads the real loader.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] in ("__all__", "1", "true") and LOADER not in sys.modules:
        import types

        loader = types.ModuleType(LOADER, "pydantic's plugin loader while plugins are off (advisor.cli)")
        loader.get_plugins = lambda: ()
        sys.modules[LOADER] = loader


def main():  # console-script entry point
    _without_pydantic_plugins()
    cli(prog_name="advisor")

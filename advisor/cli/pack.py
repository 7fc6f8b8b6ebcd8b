"""The pack author's toolkit: pack list/show/test/lint/docs/new, and diff and whatif to see how
advice moves when packs or facts change."""
from __future__ import annotations

from pathlib import Path

import click

from .common import (as_of_option, default_rules_dir, force_option, friendly, lang_option, pack_option,
                     pack_search, report_sync, rules_option, timeout_option)


@click.group()
def pack():
    """The pack author's toolkit: list, show, test, lint, docs, new.

    Example: advisor pack lint rules/core
    """


pack_paths = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))


def _packs(paths):
    """(search path, pack names) for PATH arguments: the folders named, found after the bundled packs."""
    from ..toolkit.lint import pack_folders

    rules_dir, names = pack_folders(paths, default_rules_dir())
    return pack_search([rules_dir]), names


@pack.command("list")
@lang_option
@rules_option
@friendly
def pack_list(lang, rules_dirs):
    """List packs with where each comes from, version, rule count and description.

    Packs are searched in the bundled set, then your pack folder, then ADVISOR_PACKS, then --rules.

    Example: advisor pack list --lang zh
    """
    from ..toolkit import packinfo

    click.echo(packinfo.list_text(pack_search(rules_dirs), lang), nl=False)


@pack.command("show")
@click.argument("name")
@lang_option
@rules_option
@friendly
def pack_show(name, lang, rules_dirs):
    """Show a pack's rules and what it overrides or disables (with reasons).

    Example: advisor pack show power-supply-critical
    """
    from ..toolkit import packinfo

    click.echo(packinfo.show_text(pack_search(rules_dirs), name, lang), nl=False)


@pack.command("test")
@pack_paths
@click.option("-v", "--verbose", is_flag=True, help="List every case, not only those that fail.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@friendly
def pack_test(paths, verbose, fmt):
    """Run packs' test cases (PATH = pack folders; default: all installed); exit 1 on any failure.

    Example: advisor pack test rules/core -v
    """
    from ..toolkit import packtest

    rules_dir, names = _packs(paths)
    results = packtest.run(rules_dir, names)
    click.echo(packtest.as_json(results) if fmt == "json" else packtest.text(results, verbose), nl=False)
    if packtest.passed(results) != len(results):
        raise SystemExit(1)


@pack.command("lint")
@pack_paths
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@friendly
def pack_lint(paths, fmt):
    """Check packs without running them; one line per finding; exit 1 on errors.

    Each line reads file:line:col: error|warning: message [check]. Checks: schema, duplicate ids,
    unknown facts, operator/type fit, missing en/zh text or source, overrides and disables of missing
    rules, rules that can never fire, engine fan-out, rules without a firing or a silent case,
    unused parameters.

    Example: advisor pack lint rules/logistics
    """
    from ..output import render

    from ..toolkit import lint as lint_mod

    rules_dir, names = _packs(paths)
    report = lint_mod.lint(rules_dir, names)
    if fmt == "json":
        data = {"findings": [f.as_dict() for f in report.findings], "errors": len(report.errors),
                "warnings": len(report.warnings), "packs": report.packs, "rules": report.rules}
        click.echo(render.dump_json(data), nl=False)
    else:
        click.echo(report.text(), nl=False)
    if report.errors:
        raise SystemExit(1)


@pack.command("docs")
@click.option("--check", is_flag=True, help="Write nothing; list stale files and exit 1 if any.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the pages (default: docs/rules beside the rules folder documented).")
@force_option
@rules_option
@friendly
def pack_docs(check, out_dir, force, rules_dirs):
    """Generate docs/rules/<pack>.md and docs/rules/README.md from the packs.

    Documents the packs of the --rules folders; without --rules, the bundled packs in a source
    checkout, else (an installed advisor) your own packs: your pack folder and ADVISOR_PACKS. The
    packs they extend (core) are found as advise finds them. Files are written atomically, never
    into the installed package. The folder's .advisor-generated.json lists what this command wrote
    (with a checksum); it replaces or deletes only those files, unedited, and refuses anything
    else (writing nothing) unless --force.

    Example: advisor pack docs --check
    """
    from ..files import manifest
    from ..files.errors import AdvisorError
    from ..language.pack import find_packs
    from ..toolkit import docs

    folders = _documented_folders(rules_dirs)
    names = sorted({name for folder in folders if folder.is_dir() for name in find_packs(folder)})
    if not names:
        raise AdvisorError("no packs to document", file=str(folders[0]) if folders else None,
                           fix="create one with advisor pack new NAME, or name a folder of packs with --rules")
    target = out_dir or folders[0].resolve().parent / "docs" / "rules"
    _never_into_the_package(target)
    # a hostile manifest is refused before the pages are built (seconds of work), not only before writing
    manifest.read(target)
    report_sync(docs.sync(target, docs.rule_docs(pack_search(rules_dirs), names), check, force=force), check,
                "advisor pack docs")


def _bundled_is_a_checkout() -> bool:
    """advisor runs from a source checkout (editable): its bundled rules are the checkout's rules/,
    linked in; an installed wheel carries a real folder inside the package."""
    from ..language.packpath import bundled_rules_dir

    return bundled_rules_dir().is_symlink()


def _documented_folders(rules_dirs) -> list[Path]:
    if rules_dirs:
        return [Path(p) for p in rules_dirs]
    if _bundled_is_a_checkout():
        return [default_rules_dir()]  # the project's own packs, documented in its docs/rules
    from ..language.packpath import ENV, USER, search_path

    return [e.folder for e in search_path().entries if e.origin in (USER, ENV)]


def _never_into_the_package(target: Path) -> None:
    """Generated pages never go into the installed package (site-packages), wherever --out points."""
    import advisor

    from ..files.errors import AdvisorError

    package = Path(advisor.__file__).resolve().parent
    where = target.resolve()
    if where == package or package in where.parents:
        raise AdvisorError(f"{target} is inside the installed advisor package; nothing was written",
                           fix="pass --out DIR, a folder of your own for the pages")


@pack.command("new")
@click.argument("name")
@click.option("--extends", default="core", show_default=True, help="The pack it extends.")
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to create the pack in (default: your pack folder, see advisor pack list).")
@friendly
def pack_new(name, extends, rules_dir):
    """Scaffold NAME/ in your pack folder: a small working pack with one sourced rule and passing cases.

    The rule (offer the account's users a training, cited from the seed, en and zh) is gated on a
    checklist flag the pack declares; keep it, change it or add rules beside it. Never writes over an existing pack, nor takes the name of a bundled one (there is no
    --force: it never replaces a file); each file is written atomically.

    Example: advisor pack new my-dealers --extends core
    """
    from ..language.packpath import user_packs_dir
    from ..toolkit import scaffold

    folder = rules_dir or user_packs_dir()  # the user folder is on the search path already
    where = pack_search([rules_dir] if rules_dir else [])
    for path in scaffold.new_pack(folder, name, extends or None, where=where):
        click.echo(f"created {path}")
    click.echo("next: add your rules beside example.yaml, then run advisor pack lint and advisor pack test on the folder")


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.argument("accounts", type=click.Path(path_type=Path))
@as_of_option
@lang_option
@click.option("--top", "top_n", type=click.IntRange(min=0), default=0, show_default=True,
              help="Only count actions in the top N of either side (0 = all).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@timeout_option
@friendly
def diff(old, new, accounts, as_of, lang, top_n, fmt, timeout):
    """Show how advice changes between two pack versions (folders or git revisions of rules/).

    Example: advisor diff HEAD~1 rules fixtures/accounts --as-of 2026-11-23
    """
    from ..toolkit import impact

    result = impact.diff(old, new, accounts, as_of, top_n, timeout=timeout)
    click.echo(result.as_json() if fmt == "json" else result.text(lang), nl=False)


@click.command("whatif")
@click.argument("account", type=click.Path(path_type=Path))
@click.option("--set", "sets", multiple=True, metavar="PATH=VALUE",
              help="Change a fact (repeatable), e.g. stage=propose, contacts[陈总].met=true, contacts[0].met=true.")
@pack_option
@as_of_option
@lang_option
@click.option("--top", "top_n", type=click.IntRange(min=0), default=5, show_default=True,
              help="Compare the top N actions of either side (0 = all).")
@rules_option
@timeout_option
@friendly
def whatif(account, sets, packs, as_of, lang, top_n, rules_dirs, timeout):
    """Change facts of an account and show how the ranking moves (new / gone / moved).

    Example: advisor whatif fixtures/accounts/tcl-too-expensive.yaml --set 'contacts[陈总].met=true'
    """
    from ..api import Advisor

    from ..toolkit import whatif as whatif_mod

    advisor = Advisor(pack_search(rules_dirs), packs=list(packs) or None)
    result = whatif_mod.whatif(advisor, account, list(sets), as_of, top_n, timeout=timeout)
    click.echo(result.text(lang, top_n), nl=False)


COMMANDS = [pack, diff, whatif]

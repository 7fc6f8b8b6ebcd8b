"""advise and explain: one account's ranked actions, and the rule trace behind them."""
from __future__ import annotations

from pathlib import Path

import click

from .common import (UserError, account_lang_option, advice_lang, advice_options, as_of_option, emit, feedback_store,
                     friendly, no_feedback_option, output_options, pack_option, pack_search, read_account, rules_option,
                     store_option, timeout_option)


def advise_within(advisor, acc, account, timeout, **how):
    """``advisor.advise`` under --timeout. The packs are loaded (and compiled, when the cache is cold)
    first: the limit is on advising the account, as in a worker process, not on the packs."""
    return advisor.advise_within(acc, timeout, file=str(account), outcome="advising was stopped, nothing was written",
                                 **how)


@click.command()
@click.argument("account", type=click.Path(path_type=Path))
@advice_options(top=5, top_help="How many actions to show (0 = all).", lang=account_lang_option)
@timeout_option
def advise(account, packs, as_of, lang, fmt, top_n, rules_dirs, output, force, store_path, no_feedback, timeout):
    """Rank the next best actions for one account (ACCOUNT '-' reads standard input).

    Example: advisor advise fixtures/accounts/tcl-too-expensive.yaml --lang zh --top 3
    """
    from ..api import Advisor
    from ..output import render

    acc = read_account(account)
    advisor = Advisor(pack_search(rules_dirs))
    advice = advise_within(advisor, acc, account, timeout, as_of=as_of, packs=list(packs) or None,
                           store=feedback_store(store_path, no_feedback))
    lang = advice_lang(lang, acc)
    if fmt == "json":
        emit(render.dump_json(render.as_dict(advice, lang, top_n)), output, force)
    else:
        emit(render.RENDERERS[fmt](advice, lang, top_n), output, force)
    for err in advice.errors:
        click.echo(f"warning: rule action failed: {err}", err=True)


@click.command()
@click.argument("account", type=click.Path(path_type=Path))
@click.option("--rule", "rule_id", default=None, help="Explain just this rule (why did or didn't it fire?).")
@pack_option
@as_of_option
@account_lang_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True,
              help="html: one self-contained page (offline, no network) to explore the trace in a browser.")
@click.option("--open", "open_page", is_flag=True, help="Open the written --output file in the default browser.")
@rules_option
@output_options[0]
@output_options[1]
@store_option
@no_feedback_option
@timeout_option
@friendly
def explain(account, rule_id, packs, as_of, lang, fmt, open_page, rules_dirs, output, force, store_path, no_feedback,
            timeout):
    """Show the rule trace: every rule's status and each condition's actual value (ACCOUNT '-' = stdin).

    Example: advisor explain fixtures/accounts/tcl-too-expensive.yaml --rule core.roles.meet-decider

    Example: advisor explain fixtures/accounts/bank-mainframe.yaml --format html -o bank.html --open
    """
    if open_page and output is None:
        raise UserError("--open needs a file to open; add -o FILE (e.g. -o trace.html)")
    from ..api import Advisor
    from ..output import explain as explain_mod
    from ..output import render

    acc = read_account(account)
    advisor = Advisor(pack_search(rules_dirs))
    advice = advise_within(advisor, acc, account, timeout, as_of=as_of, packs=list(packs) or None, trace=True,
                           store=feedback_store(store_path, no_feedback))
    packset = advisor.packset(acc, list(packs) or None)
    lang = advice_lang(lang, acc)
    if fmt == "json":
        emit(render.dump_json(explain_mod.document(advice, packset, lang, rule_id)), output, force)
    elif fmt == "html":
        from ..output.explain_html import render_explain_html

        langs = (lang, *sorted({"en", "zh"} - {lang}))  # the page carries both; --lang shows first
        docs = {code: explain_mod.document(advice, packset, code, rule_id) for code in langs}
        emit(render_explain_html(docs, lang), output, force)
    else:
        emit(explain_mod.text(advice, packset, lang, rule_id), output, force)
    if open_page:
        click.echo(f"wrote {output}", err=True)
        click.launch(Path(output).resolve().as_uri())


COMMANDS = [advise, explain]

"""Does the account speak the loaded packs' vocabulary? No silent typo anywhere.

The account model checks the fixed vocabulary (roles, stages, …). Three words
are defined by the packs instead, so they can only be checked once the packs
are known: the industry (an installed pack, or ``other`` for core only), the
checklist flags under ``facts:`` (declared by a loaded pack) and an
objection's stated ``kind:`` (the packs' objection vocabulary). A typo in any of
them would silently switch advice off, so each is a one-line error with file,
line and the nearest valid word.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..accounts.account import Account
from ..files.errors import AdvisorError, choice_hint, did_you_mean
from .pack import PackSet, read_pack_spec
from ..reading.cues import UNCLASSIFIED

OTHER_INDUSTRY = "other"  # an account outside every industry pack: core playbook only


def _error(account: Account, path: tuple, message: str, fix: str, at_key: bool = False) -> AdvisorError:
    locs = account.locations
    if locs is None:
        return AdvisorError(message, fix=fix)
    return locs.error(path, message, fix, at_key=at_key)


def check_industry(account: Account, installed: dict[str, Path]) -> None:
    industry = account.industry
    if industry is None or industry == OTHER_INDUSTRY or (industry in installed and industry != "core"):
        return
    packs = [p for p in installed if p != "core"]
    hint = did_you_mean(industry, packs)
    fix = (hint + " " if hint else "use an installed industry pack (" + ", ".join(packs) + ") ") \
        + f"or 'industry: {OTHER_INDUSTRY}' for the core playbook only"
    raise _error(account, ("industry",), f"industry '{industry}' names no installed pack", fix)


def industry_note(account: Account, installed: dict[str, Path], lang: str) -> Optional[str]:
    """The line the output shows when no industry pack applies to the account."""
    if account.industry == OTHER_INDUSTRY:
        if lang == "zh":
            return f"{account.name}没有行业规则包(industry: other);仅使用核心打法"
        return f"no industry pack for {account.name} (industry: other); core playbook only"
    return None


def check_flags(account: Account, packset: PackSet, installed: dict[str, Path]) -> None:
    for name in account.facts:
        if name in packset.flags:
            continue
        owners = []
        for pack, folder in installed.items():
            if pack not in packset.names:
                try:
                    if name in read_pack_spec(folder)[0].flags:
                        owners.append(pack)
                except AdvisorError:
                    continue
        if account.industry in owners:
            continue  # the account's own industry pack declares it; packs were chosen by hand (--pack)
        if owners:
            fix = f"it is declared by pack {', '.join(owners)}: load it (--pack {owners[0]}) or remove the flag"
        else:
            fix = choice_hint(name, packset.flags) if packset.flags else "declare it under 'flags:' in a pack.yaml"
        raise _error(account, ("facts", name), f"unknown checklist flag '{name}' (not declared by packs "
                     f"{', '.join(packset.names)})", fix, at_key=True)


def check_objection_kinds(account: Account, packset: PackSet) -> None:
    kinds = list(packset.recogniser.kinds) if packset.recogniser else []
    for i, o in enumerate(account.objections):
        if o.kind is None or o.kind in kinds:
            continue
        if o.kind == UNCLASSIFIED:
            fix = "leave 'kind:' out to have the text recognised, or " + choice_hint(o.kind, kinds)
        else:
            fix = choice_hint(o.kind, kinds) if kinds else "the loaded packs define no objection kinds; remove 'kind:'"
        raise _error(account, ("objections", i, "kind"), f"unknown objection kind '{o.kind}'", fix)


def check_account(account: Account, packset: PackSet, installed: dict[str, Path], industry: bool = True) -> None:
    """Raise the first pack-vocabulary typo in the account, with its place in the file.

    ``industry=False`` when the packs were chosen by hand: the industry then selects nothing.
    """
    if industry:
        check_industry(account, installed)
    check_flags(account, packset, installed)
    check_objection_kinds(account, packset)

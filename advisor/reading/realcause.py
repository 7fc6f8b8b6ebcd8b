"""The real cause: where the rep's text gives two causes and marks one as the real one ("it's the price, but actually
your delivery", "说是价格,其实是交期"), the kinds read after the marker win — in an objection and in a lost deal's note.
The marker is found by accounts/wordlists.real_cause_tail; the kinds come from the objection reader."""
from __future__ import annotations

from ..accounts.account import Account
from ..accounts.wordlists import real_cause_tail
from .cues import UNCLASSIFIED, Recognition


def real_cause(recogniser, text: str, whole: Recognition, names: list[str]) -> Recognition:
    """An objection that gives two causes and marks the real one ("it's the price, but actually your delivery", "说是价格,
    其实是交期", wordlists.real_cause_tail): the kinds read after the marker win, where they read any; a switch to a
    listed competitor stays one (its incumbent kind and competitor)."""
    tail = real_cause_tail(text)
    if not tail:
        return whole
    got = recogniser.recognise(tail, names)
    kinds = [k for k in got.kinds if k != UNCLASSIFIED]
    if not kinds or kinds == whole.kinds:
        return whole
    if whole.switching and "incumbent" not in kinds:
        kinds = ["incumbent"] + kinds[:1]
    return Recognition(kinds, whole.source if whole.source != UNCLASSIFIED else got.source, got.evidence,
                       whole.cleared + [e for e in whole.evidence if e.kind not in kinds], got.reader,
                       competitor=whole.competitor or got.competitor, switching=whole.switching or got.switching)


def deal_note_kinds(account: Account, recogniser) -> dict:
    """Per lost deal whose note marks a real cause ("the buyer said price, but actually our deliveries were late"), the
    reader's kinds of the words after the marker (accounts/losscause.py reads them)."""
    out = {}
    for i, d in enumerate(account.deals):
        tail = real_cause_tail(d.note) if d.status == "lost" and d.note and recogniser else None
        if tail:
            kinds = [k for k in recogniser.recognise(tail).kinds if k != UNCLASSIFIED]
            if kinds:
                out[i] = kinds
    return out

"""The language an account is written in, so advice comes back in the rep's own language by default.

A rep who writes names, notes and the buyer's words in Chinese reads Chinese advice; one who writes in
English reads English. Only the free text counts: enum values the format stores in English (roles,
stages, kinds) and dates are skipped, or every Chinese account would look half English. A Han
character carries about as much as three Latin letters, hence the weight."""
from __future__ import annotations

import re
from typing import Any, Iterator

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
# an enum value, a key-like token or a date: written by the format, not by the rep
_NOT_PROSE = re.compile(r"^[a-z0-9_\-]+$|^\d{4}-\d{2}-\d{2}")
_HAN_WEIGHT = 3


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def written_language(account) -> str:
    """'zh' when the account's own words are mostly Chinese (simplified or traditional), else 'en'."""
    han = latin = 0
    for text in _strings(account.model_dump(mode="json")):
        if _NOT_PROSE.match(text):
            continue
        han += len(_HAN.findall(text))
        latin += len(_LATIN.findall(text))
    return "zh" if han * _HAN_WEIGHT > latin else "en"

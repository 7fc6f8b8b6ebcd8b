"""Money across a book: amounts keep their currency; two currencies are never added (issue 21).

A plan's accounts each carry their own currency (``sales.currency``). The board's total value
at stake is given per currency, or — only when the user gives a rate table (``plan --rates``)
— converted into that table's base currency, saying which currencies were converted.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ..files.errors import AdvisorError
from ..files.yamlio import load_yaml_file


@dataclass(frozen=True)
class Rates:
    """1 unit of each currency in ``rates`` is worth that many units of ``base``."""

    base: str
    rates: dict[str, float]
    source: str = ""

    def factor(self, currency: str) -> float:
        if currency == self.base:
            return 1.0
        if currency not in self.rates:
            raise AdvisorError(f"no rate for {currency}", file=self.source or None,
                               fix=f"add '{currency}: <how many {self.base} one {currency} is worth>' under rates:")
        return self.rates[currency]


def _code(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 3 and value.isalpha() and value.isupper()


def load_rates(path: str | Path) -> Rates:
    """A rate table: ``base: CNY`` and ``rates: {USD: 7.1, EUR: 7.8}`` (1 USD = 7.1 CNY)."""
    data, locs = load_yaml_file(path)
    fix = "write 'base: CNY' and 'rates: {USD: 7.1, EUR: 7.8}' (one unit of each, in the base currency)"
    if not isinstance(data, dict) or set(data) - {"base", "rates"} or "base" not in data:
        raise locs.error((), "a rate table has base: and rates:", fix)
    if not _code(data["base"]):
        raise locs.error(("base",), f"base {data['base']!r} is not a currency code", "write a code such as CNY or USD")
    rates = data.get("rates") or {}
    if not isinstance(rates, dict):
        raise locs.error(("rates",), "rates: must map currency codes to numbers", fix)
    out: dict[str, float] = {}
    for code, rate in rates.items():
        if not _code(code):
            raise locs.error(("rates", code), f"{code!r} is not a currency code", "write a code such as USD",
                             at_key=True)
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 < rate < 1e9:
            raise locs.error(("rates", code), f"the rate of {code} must be a positive number",
                             f"how many {data['base']} one {code} is worth, e.g. 7.1")
        out[code] = float(rate)
    return Rates(data["base"], out, str(path))


def totals(pairs: Iterable[tuple[float, str]], rates: Rates | None = None) -> list[dict[str, Any]]:
    """Sum (amount, currency) pairs: one entry per currency, largest first; or, with a rate
    table, one entry in its base currency listing what was converted into it."""
    per: dict[str, float] = {}
    for amount, currency in pairs:
        per[currency] = per.get(currency, 0.0) + float(amount or 0)
    if rates is None:
        return [{"currency": c, "amount": round(a, 2)} for c, a in sorted(per.items(), key=lambda kv: (-kv[1], kv[0]))]
    total = sum(a * rates.factor(c) for c, a in per.items())
    return [{"currency": rates.base, "amount": round(total, 2),
             "converted": sorted(c for c in per if c != rates.base)}]


def plan_totals(doc: dict, rates: Rates | None = None) -> list[dict[str, Any]]:
    """The value at stake of a plan document's accounts, per currency (or converted)."""
    return totals(((a.get("value_at_stake") or 0, a.get("currency") or "?") for a in doc.get("accounts", [])), rates)

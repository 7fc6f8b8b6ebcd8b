"""Deal history: what the account's won, lost and open deals and its sales table say over time.

An imported CRM account arrives as a list of deals; a hand-written one as ``sales:`` totals and
perhaps a ``sales.periods`` table. This module turns either into the same derived facts — how
many orders, how often, how long since the last, the trend of the last full quarter, the win
rate and who took the lost deals — so rules about dormancy, decline and lost deals read one
vocabulary whatever the source (issue 21).

Deals are ``deals:`` plus every ``opportunities:`` entry with ``won: true/false`` (a closed
opportunity is a won or lost deal); an entry of both lists with the same ``crm_id`` is one deal,
the ``deals:`` one. Money is summed only in the account's currency (``sales.currency``): a deal
in another currency counts as an order but never adds to a sum (no silent conversion).
Deals closed after the as-of date have not happened yet as of it and are left out of the dated
facts. Every fact is left out when the account does not say enough to know it.
"""
from __future__ import annotations

import datetime as dt
import re
import statistics
from dataclasses import dataclass
from typing import Any, Optional

from .account import Account
from .bounds import put, quantize

# kind → field → (type, description); merged into facts.CATALOG (contract in the issue-21 spec)
CATALOG: dict[str, dict[str, tuple[str, str]]] = {
    "account": {
        "deals_won_count": ("number", "won deals (deals: plus opportunities won); absent when no deal is recorded"),
        "deals_lost_count": ("number", "lost deals (deals: plus opportunities lost); absent when no deal is recorded"),
        "deals_open_count": ("number", "deals still open; absent when no deal is recorded"),
        "win_rate": ("number", "won ÷ (won + lost), 0–1; absent when nothing has closed"),
        "days_since_last_win": ("number", "days from the latest won deal's close to the as-of date"),
        "tenure_years": ("number", "years as a customer: since the first won deal or the first period with sales"),
        "order_count": ("number", "orders: won deals, else periods of the sales table with sales"),
        "median_order_interval_days": ("number", "median days between consecutive orders (two dated orders at least)"),
        "order_gap_ratio": ("number", "days since the last order ÷ the median order interval; 2 = twice the usual gap"),
        "lost_to": ("list", "competitors named on lost deals"),
        "days_since_last_loss": ("number", "days from the latest lost deal's close to the as-of date"),
        "open_pipeline_amount": ("number", "sum of the open deals' amounts in the account's currency"),
        "sales_trend": ("number", "sales of the last full quarter vs the quarter before, 0.25 = +25% — or, where the "
                                  "quarter in progress already holds more than the last full one, that quarter vs it"),
        "recent_sales_ratio": ("number", "the sales table's last two complete months (else quarters) against the "
                                         "account's usual: ÷ the same periods a year before where recorded, else ÷ "
                                         "the median of the (three or more) periods before; 0.3 = 30% of usual"),
        "recent_sales_periods": ("text", "the two periods recent_sales_ratio measures, e.g. '2026-10, 2026-11'"),
        "recent_sales_best_ratio": ("number", "the better of those two periods against the same usual: a fall held in "
                                              "both, not one skipped order beside a normal one; 0.9 = 90% of usual"),
    },
    "deal": {
        "name": ("text", "deal name, else its product, else its CRM id (so a message can always name it)"),
        "status": ("text", "won / lost / open"),
        "amount": ("number", "amount, in the deal's currency"),
        "competitor": ("text", "who won it when lost, or who competes while open"),
        "competitor_listed": ("bool", "that competitor is one of the account's competitors:"),
        "loss_reason": ("text", "price / product / service / relationship / timing / no_decision / other"),
        "days_since_closed": ("number", "days from the close (won or lost) to the as-of date"),
        "wins_since": ("number", "for a lost deal with a close date: won deals closed after it (0: nothing won since)"),
        "share_of_sales": ("number", "a lost deal's amount ÷ the account's sales of the last 12 months (same currency); "
                                     "absent when either is unknown"),
        "product": ("text", "the product or line of the deal"),
        "owner": ("text", "the rep who owned the deal"),
        "note": ("text", "what the customer said about it, as written"),
    },
}

CATALOG_ZH: dict[str, dict[str, str]] = {
    "account": {
        "deals_won_count": "赢单数(deals: 加上已赢的商机);没有任何成交记录时不存在",
        "deals_lost_count": "丢单数(deals: 加上已丢的商机);没有任何成交记录时不存在",
        "deals_open_count": "仍在进行中的单数;没有任何成交记录时不存在",
        "win_rate": "赢单 ÷(赢单 + 丢单),0–1;尚无结单时不存在",
        "days_since_last_win": "最近一次赢单结单到截至日的天数",
        "tenure_years": "成为客户的年数:自第一次赢单或销售表中第一个有销售额的期间起",
        "order_count": "订单数:赢单数,否则为销售表中有销售额的期间数",
        "median_order_interval_days": "相邻两次订单间隔天数的中位数(至少两次有日期的订单)",
        "order_gap_ratio": "距上次订单的天数 ÷ 订单间隔中位数;2 = 平时间隔的两倍",
        "lost_to": "丢单记录中赢走订单的竞争对手",
        "days_since_last_loss": "最近一次丢单到截至日的天数",
        "open_pipeline_amount": "进行中各单金额之和(按客户的币种)",
        "sales_trend": "最近一个完整季度对比前一季度的销售额,0.25 = +25%;若本季度(进行中)已超过最近一个完整季度,则为本季度对比该季度",
        "recent_sales_ratio": "销售表中最近两个完整的月(否则季度)与客户平常水平之比:有去年同期记录时除以去年同期,否则除以之前(至少三个)期间的中位数;0.3 = 平常的30%",
        "recent_sales_periods": "recent_sales_ratio 所比较的两个期间,如 '2026-10, 2026-11'",
        "recent_sales_best_ratio": "这两个期间中较好的一个与同一平常水平之比:两期都在下滑,而不是一次漏单加一个正常月;0.9 = 平常的90%",
    },
    "deal": {
        "name": "单子名称;没有名称时为其产品,再没有则为CRM编号(消息总能指明是哪一单)",
        "status": "won / lost / open(赢单 / 丢单 / 进行中)",
        "amount": "金额(按该单的币种)",
        "competitor": "丢单时赢走订单的对手,进行中时的竞争对手",
        "competitor_listed": "该对手在客户的 competitors: 之中",
        "loss_reason": "price / product / service / relationship / timing / no_decision / other",
        "days_since_closed": "结单(赢或丢)到截至日的天数",
        "wins_since": "已结的丢单:其后结单的赢单数(0 表示此后没有赢过)",
        "share_of_sales": "丢单金额 ÷ 客户近12个月销售额(同一币种);任一未知时不存在",
        "product": "该单的产品或产品线",
        "owner": "负责该单的销售",
        "note": "客户对此说过的话,按原样",
    },
}


@dataclass(frozen=True)
class HistoryDeal:
    """A deal of either list, in one shape."""

    status: str
    name: Optional[str] = None
    amount: Optional[float] = None
    currency: Optional[str] = None
    created: Optional[dt.date] = None
    closed: Optional[dt.date] = None
    product: Optional[str] = None
    owner: Optional[str] = None
    competitor: Optional[str] = None
    loss_reason: Optional[str] = None
    note: Optional[str] = None
    crm_id: Optional[str] = None


def bought_from_us(a: dict[str, Any]) -> bool:
    """The account fact ``a`` (after the sales and the deal history are read) says the account has bought from
    us: sales on record, a won deal, or a won opportunity."""
    return bool(a.get("has_sales_history") or a.get("deals_won_count") or a.get("won_count"))


def deals_of(account: Account) -> list[HistoryDeal]:
    """``deals:`` in file order, then the closed opportunities not already there by crm_id."""
    out = [HistoryDeal(status=d.status, name=d.name, amount=d.amount, currency=d.currency,
                       created=d.created, closed=d.closed, product=d.product, owner=d.owner,
                       competitor=d.competitor, loss_reason=d.loss_reason, note=d.note, crm_id=d.crm_id)
           for d in account.deals]
    seen = {d.crm_id for d in account.deals if d.crm_id}
    for o in account.opportunities:
        if o.won is None or (o.crm_id and o.crm_id in seen):
            continue
        out.append(HistoryDeal(status="won" if o.won else "lost", name=o.name, amount=o.amount,
                               closed=o.close_date, crm_id=o.crm_id))
    return out


# --- the sales table's period labels ------------------------------------------------------------
_QUARTER = [re.compile(p) for p in (r"^(\d{4})\s*[-/ ]?\s*Q([1-4])$", r"^Q([1-4])\s*[-/ ]?\s*(\d{4})$",
                                     r"^(\d{4})\s*年\s*(?:第\s*)?(?:Q\s*)?([1-4一二三四])\s*(?:季度|季)?$")]
_MONTH = [re.compile(p) for p in (r"^(\d{4})\s*[-/.]\s*(\d{1,2})$", r"^(\d{4})\s*年\s*(\d{1,2})\s*月$")]
_ZH_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4}
# half-years (session 10): a table kept by half-year is the rhythm of an account that buys twice a year
_HALF = [re.compile(p) for p in (r"^(\d{4})\s*[-/ ]?\s*H([12])$", r"^H([12])\s*[-/ ]?\s*(\d{4})$",
                                  r"^(\d{4})\s*年\s*(上|下)半年$")]


def parse_period(label: str) -> Optional[tuple[str, dt.date]]:
    """A period label as (granularity, first day): ``2025-Q3`` / ``Q3 2025`` / ``2025年3季度`` are
    quarters, ``2025-H1`` / ``H2 2025`` / ``2025年上半年`` half-years, ``2025-07`` / ``2025年7月`` months, ``2025`` a year;
    anything else is None."""
    text = label.strip().upper()
    for i, pattern in enumerate(_QUARTER):
        m = pattern.match(text)
        if m:
            year, q = (m.group(2), m.group(1)) if i == 1 else (m.group(1), m.group(2))
            quarter = _ZH_DIGIT.get(q) or int(q)
            return "quarter", dt.date(int(year), 3 * quarter - 2, 1)
    for i, pattern in enumerate(_HALF):
        m = pattern.match(text)
        if m:
            year, half = (m.group(2), m.group(1)) if i == 1 else (m.group(1), m.group(2))
            return "half", dt.date(int(year), 1 if half in ("1", "上") else 7, 1)
    for pattern in _MONTH:
        m = pattern.match(text)
        if m and 1 <= int(m.group(2)) <= 12:
            return "month", dt.date(int(m.group(1)), int(m.group(2)), 1)
    m = re.match(r"^(\d{4})\s*年?$", text)
    if m:
        return "year", dt.date(int(m.group(1)), 1, 1)
    return None


def quarter_of(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _previous_quarter(start: dt.date) -> dt.date:
    return dt.date(start.year - 1, 10, 1) if start.month == 1 else dt.date(start.year, start.month - 3, 1)


def _in_currency(deal: HistoryDeal, currency: str) -> bool:
    return deal.currency is None or deal.currency == currency


def _dated_wins(account: Account, deals: list[HistoryDeal], as_of: dt.date) -> list[HistoryDeal]:
    return sorted((d for d in deals if d.status == "won" and d.closed and d.closed <= as_of),
                  key=lambda d: d.closed)


def table_rows(account: Account, as_of: dt.date) -> list[tuple[str, dt.date, float]]:
    """The sales table's parsed rows up to the as-of date, oldest first."""
    rows = []
    for p in account.sales.periods:
        parsed = parse_period(p.period)
        if parsed and parsed[1] <= as_of:
            rows.append((parsed[0], parsed[1], p.amount))
    return sorted(rows, key=lambda r: r[1])


def sales_by_quarter(account: Account, as_of: dt.date) -> dict[str, float]:
    """Sales per calendar quarter up to the as-of date, oldest first, in the account's currency:
    from the sales table when it has quarters or months, else from the dated won deals. A quarter
    without sales inside the recorded span is 0; before the first record nothing is known."""
    table = [r for r in table_rows(account, as_of) if r[0] in ("quarter", "month")]
    currency = account.sales.currency
    if table:
        # a table that starts in May knows nothing of April: its first quarter is partial, not a quarter of sales
        # (May and June alone against a full third quarter read as growth; session 5, a dealer's decline was missed)
        first = min(table, key=lambda r: r[1])
        known = first[1] if first[0] == "quarter" or first[1] == _quarter_start(first[1]) else \
            _next_quarter(_quarter_start(first[1]))
        points = [(start, amount) for _, start, amount in table if start >= known]
    else:
        points = [(d.closed, d.amount or 0.0) for d in _dated_wins(account, deals_of(account), as_of)
                  if _in_currency(d, currency)]
    if not points:
        return {}
    sums: dict[dt.date, float] = {}
    for day, amount in points:
        q = _quarter_start(day)
        sums[q] = sums.get(q, 0.0) + amount
    out: dict[str, float] = {}
    q, last = min(sums), _quarter_start(as_of)
    while q <= last:
        out[quarter_of(q)] = quantize(sums.get(q, 0.0))
        q = _next_quarter(q)
    return out


def _next_quarter(start: dt.date) -> dt.date:
    return dt.date(start.year + (start.month == 10), 1 if start.month == 10 else start.month + 3, 1)


def _period_end(kind: str, start: dt.date) -> dt.date:
    """The last day of a month or quarter of the table."""
    after = _next_quarter(start) if kind == "quarter" else \
        dt.date(start.year + (start.month == 12), 1 if start.month == 12 else start.month + 1, 1)
    return after - dt.timedelta(days=1)


RECENT_PERIODS = 2  # the recent stretch: the last two complete months (or quarters) — one alone is a skipped order
BASE_PERIODS = 3  # periods before it needed to know the account's usual


def recent_sales(account: Account, as_of: dt.date) -> Optional[tuple[float, list[str], float]]:
    """The account's last two complete months (or quarters) against its own usual: their mean sales ÷ the same
    periods a year before where the table holds them (a seasonal low is the account's rhythm, not a fall), else ÷ the
    median of the periods before them (three at least). With the labels of the two periods and the better period's
    share of the same usual (a fall held in both periods, not one skipped order beside a normal one); None where the table
    cannot say. Months win over quarters; a period missing inside the recorded span sold nothing (as
    sales_by_quarter). Measured on the account's own rhythm whatever its size or how often it orders inside a month:
    a weekly shipper and a dealer ordering every three weeks both show a month of nothing as a month of nothing."""
    table = table_rows(account, as_of)
    for kind in ("month", "quarter"):
        rows = [(start, amount) for k, start, amount in table if k == kind and _period_end(k, start) <= as_of]
        if not rows:
            continue
        sums: dict[dt.date, float] = {}
        for start, amount in rows:
            sums[start] = sums.get(start, 0.0) + amount
        series: list[tuple[dt.date, float]] = []
        day, last = min(sums), max(sums)
        while day <= last:
            series.append((day, sums.get(day, 0.0)))
            day = _next_quarter(day) if kind == "quarter" else _period_end("month", day) + dt.timedelta(days=1)
        if len(series) < RECENT_PERIODS + BASE_PERIODS:
            continue
        recent = series[-RECENT_PERIODS:]
        mean = sum(a for _, a in recent) / RECENT_PERIODS
        a_year = {d: a for d, a in series}
        year_before = [a_year.get(dt.date(d.year - 1, d.month, 1)) for d, _ in recent]
        if all(v is not None for v in year_before) and sum(year_before) > 0:
            usual = sum(year_before) / RECENT_PERIODS
        else:
            usual = statistics.median(a for _, a in series[:-RECENT_PERIODS])
        if usual <= 0:
            continue
        labels = [f"{d.year}-{d.month:02d}" if kind == "month" else quarter_of(d) for d, _ in recent]
        return quantize(mean / usual), labels, quantize(max(a for _, a in recent) / usual)
    return None


def sales_by_month(account: Account, as_of: dt.date) -> dict[str, float]:
    """Sales per calendar month (``2025-07``) from the table's months, else the dated won deals."""
    table = [r for r in table_rows(account, as_of) if r[0] == "month"]
    if table:
        points = [(start, amount) for _, start, amount in table]
    else:
        points = [(d.closed, d.amount or 0.0) for d in _dated_wins(account, deals_of(account), as_of)
                  if _in_currency(d, account.sales.currency)]
    out: dict[str, float] = {}
    for day, amount in sorted(points):
        key = f"{day.year}-{day.month:02d}"
        out[key] = quantize(out.get(key, 0.0) + amount)
    return out


def derived_sales(account: Account, as_of: dt.date) -> dict[str, Any]:
    """``last_12m`` / ``prior_12m`` from dated won deals for an account whose ``sales.last_12m`` is
    not written (an imported one), and ``last_order`` when it is not written: what the rep wrote
    always wins."""
    s = account.sales
    wins = _dated_wins(account, deals_of(account), as_of)
    if not wins:
        return {}
    out: dict[str, Any] = {"last_order": s.last_order or wins[-1].closed}
    if s.last_12m is not None:
        return out
    currency = s.currency
    year_ago, two_years_ago = as_of - dt.timedelta(days=365), as_of - dt.timedelta(days=730)
    out["last_12m"] = quantize(sum(d.amount or 0 for d in wins if d.closed > year_ago and _in_currency(d, currency)))
    if s.prior_12m is None and wins[0].closed <= two_years_ago + dt.timedelta(days=92):
        # the history reaches into the first quarter of the year before, so that year is known (else
        # it is unknown, not 0: an export that starts later would make every account look fast-growing)
        out["prior_12m"] = quantize(sum(d.amount or 0 for d in wins
                                        if two_years_ago < d.closed <= year_ago and _in_currency(d, currency)))
    return out


def median_gap(days: list[dt.date]) -> Optional[float]:
    distinct = sorted(set(days))
    if len(distinct) < 2:
        return None
    return quantize(statistics.median((b - a).days for a, b in zip(distinct, distinct[1:])))


def history_facts(account: Account, as_of: dt.date, a: dict[str, Any]) -> list[dict[str, Any]]:
    """Add the history facts to the account fact ``a`` (in place) and return one fact per deal."""
    deals = deals_of(account)
    s = account.sales
    derived = derived_sales(account, as_of)
    if "last_12m" in derived:
        a["sales_last_12m"] = last = derived["last_12m"]
        prior = derived.get("prior_12m", s.prior_12m)
        put(a, "sales_prior_12m", prior)
        if prior:
            a["sales_growth"] = quantize((last - prior) / prior)
    if derived and s.last_order is None:
        a["days_since_last_order"] = (as_of - derived["last_order"]).days
    wins = _dated_wins(account, deals, as_of)
    if any(d.status == "won" for d in deals):
        a["has_sales_history"] = True

    if deals:
        won = sum(d.status == "won" for d in deals)
        lost = [d for d in deals if d.status == "lost"]
        a["deals_won_count"], a["deals_lost_count"] = won, len(lost)
        a["deals_open_count"] = sum(d.status == "open" for d in deals)
        if won + len(lost):
            a["win_rate"] = quantize(won / (won + len(lost)))
        a["lost_to"] = sorted({d.competitor for d in lost if d.competitor})
        closed_losses = [d.closed for d in lost if d.closed and d.closed <= as_of]
        if closed_losses:
            a["days_since_last_loss"] = (as_of - max(closed_losses)).days
        open_amounts = [d.amount for d in deals
                        if d.status == "open" and d.amount is not None and _in_currency(d, s.currency)]
        if open_amounts:
            a["open_pipeline_amount"] = quantize(sum(open_amounts))
    if wins:
        a["days_since_last_win"] = (as_of - wins[-1].closed).days

    # orders: won deals when there are any, else the periods of the table that had sales
    table = [r for r in table_rows(account, as_of) if r[2] > 0]
    won_total = sum(d.status == "won" for d in deals)
    if won_total:
        a["order_count"] = won_total
        order_days = [d.closed for d in wins]
    elif table:
        a["order_count"] = len(table)
        order_days = [r[1] for r in table]
    else:
        order_days = []
    interval = median_gap(order_days)
    put(a, "median_order_interval_days", interval)
    if interval and a.get("days_since_last_order") is not None:
        a["order_gap_ratio"] = quantize(a["days_since_last_order"] / interval)
    starts = [d for d in (wins[0].closed if wins else None, table[0][1] if table else None) if d]
    if starts:
        a["tenure_years"] = quantize(round((as_of - min(starts)).days / 365.25, 2))

    got = recent_sales(account, as_of)
    if got:
        a["recent_sales_ratio"], a["recent_sales_periods"] = got[0], ", ".join(got[1])
        a["recent_sales_best_ratio"] = got[2]
    quarters = sales_by_quarter(account, as_of)
    last_full = _previous_quarter(_quarter_start(as_of))
    before = quarter_of(_previous_quarter(last_full))
    if before in quarters and quarters[before] > 0:
        a["sales_trend"] = quantize((quarters[quarter_of(last_full)] - quarters[before]) / quarters[before])
        # the quarter in progress already holds more than the last full one: the fall is made up, and the trend is
        # read from it (session 12: a Q4 peak, a lower Q1 and a Q2 at 29 of its 91 days above Q1 was named "-48%")
        now, last = quarters.get(quarter_of(_quarter_start(as_of))), quarters.get(quarter_of(last_full))
        if now is not None and last and now > last:
            a["sales_trend"] = quantize((now - last) / last)

    listed = {c.name.casefold() for c in account.competitors}
    out = []
    for i, d in enumerate(deals):
        f: dict[str, Any] = {"kind": "deal", "id": f"deal:{i + 1}", "status": d.status}
        put(f, "name", d.name or d.product or d.crm_id)
        put(f, "amount", d.amount)
        put(f, "competitor", d.competitor)
        if d.competitor:
            f["competitor_listed"] = d.competitor.casefold() in listed
        put(f, "loss_reason", d.loss_reason)
        if d.closed and d.status != "open":
            f["days_since_closed"] = (as_of - d.closed).days
        if d.closed and d.status == "lost":
            # a loss followed by wins is a lost round in a running business (a CRM book loses some every month);
            # a loss with nothing won since is the account's problem (issue 21: tell imported accounts apart)
            f["wins_since"] = sum(1 for w in wins if w.closed > d.closed)
        if d.status == "lost" and d.amount is not None and a.get("sales_last_12m") and _in_currency(d, s.currency):
            # how much of the business the loss was: one of a hundred small deals is no problem of the account's
            f["share_of_sales"] = quantize(d.amount / a["sales_last_12m"])
        put(f, "product", d.product)
        put(f, "owner", d.owner)
        put(f, "note", d.note)
        out.append(f)
    return out

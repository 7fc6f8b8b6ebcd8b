"""Small inline-SVG bar charts, drawn in Python: no chart library, nothing fetched.

Every label is escaped (it may come from an account file); sizes are integers so the
same data always gives the same bytes. Each chart carries a <title> and <desc> for
screen readers, and prints as crisply as it shows.
"""
from __future__ import annotations

from markupsafe import Markup, escape

BAR = "#2456a6"
ALERT = "#b42318"
GRID = "#d9dee7"
INK = "#1d2430"
MUTED = "#5b6575"


# the page's stack (templates/page.css), with CJK fonts by name: an SVG label in Chinese is no box
FONTS = ("system-ui, -apple-system, 'Segoe UI', Roboto, Arial, 'PingFang SC', 'Microsoft YaHei', "
         "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif")


def _open(chart_id: str, width: int, height: int, title: str, desc: str) -> list[str]:
    return [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" font-size="12" '
            f'font-family="{FONTS}">',
            f'<title id="{chart_id}-t">{escape(title)}</title>',
            f'<desc id="{chart_id}-d">{escape(desc)}</desc>']


def horizontal_bars(chart_id: str, title: str, bars: list[tuple[str, int]], *, width: int = 420,
                    alert: frozenset[str] = frozenset()) -> Markup:
    """One bar per (label, count), longest scale = the largest count; labels in ``alert`` in red."""
    row, label_w, pad = 24, 150, 6
    height = max(1, len(bars)) * row + pad * 2
    top = max([n for _, n in bars] + [1])
    desc = "; ".join(f"{label}: {n}" for label, n in bars) or "no data"
    out = _open(chart_id, width, height, title, desc)
    span = width - label_w - 40
    for i, (label, n) in enumerate(bars):
        y = pad + i * row
        w = round(span * n / top) if n else 0
        colour = ALERT if label in alert else BAR
        out.append(f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" fill="{INK}">{escape(label)}</text>')
        out.append(f'<rect x="{label_w}" y="{y + 4}" width="{max(w, 1)}" height="{row - 8}" rx="3" fill="{colour}"/>')
        out.append(f'<text x="{label_w + w + 6}" y="{y + 16}" fill="{MUTED}">{n}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def columns(chart_id: str, title: str, bars: list[tuple[str, str, int]], *, height: int = 190,
            alert_first: bool = False) -> Markup:
    """One column per (top label, bottom label, count), e.g. ("Mon", "11-24", 3); the first in red if asked."""
    col, gap, base, head = 46, 10, 40, 22
    width = max(1, len(bars)) * (col + gap) + gap
    top = max([n for _, _, n in bars] + [1])
    desc = "; ".join(f"{a} {b}: {n}" for a, b, n in bars) or "no data"
    out = _open(chart_id, width, height, title, desc)
    floor = height - base
    out.append(f'<line x1="0" y1="{floor}" x2="{width}" y2="{floor}" stroke="{GRID}"/>')
    span = floor - head
    for i, (upper, lower, n) in enumerate(bars):
        x = gap + i * (col + gap)
        h = round(span * n / top) if n else 0
        colour = ALERT if alert_first and i == 0 else BAR
        if h:
            out.append(f'<rect x="{x}" y="{floor - h}" width="{col}" height="{h}" rx="3" fill="{colour}"/>')
        out.append(f'<text x="{x + col // 2}" y="{floor - h - 5}" text-anchor="middle" fill="{INK}">{n}</text>')
        out.append(f'<text x="{x + col // 2}" y="{floor + 15}" text-anchor="middle" fill="{INK}">{escape(upper)}</text>')
        out.append(f'<text x="{x + col // 2}" y="{floor + 30}" text-anchor="middle" fill="{MUTED}">{escape(lower)}</text>')
    out.append("</svg>")
    return Markup("".join(out))

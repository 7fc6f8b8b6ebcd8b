"""The seed documents rules cite, so a citation like ``002_d96dd5e1375bccc9.txt · 2.决策影响`` can be looked up.

Seed files carry opaque names; docs/sources.md describes each one (title, kind of material,
origin, its section headings with an English gloss). This table holds just enough to name a
seed next to a citation and to link to its entry there (anchor ``seed-NNN``).
"""
from __future__ import annotations

SOURCES_DOC = "docs/sources.md"

# file → (original title, English gloss)
SEEDS = {
    "000_3c1f88d0652b660a.txt": ("惠普经销商大学:对大客户的关心和供奉",
                                 "HP Dealer University: caring for and serving key accounts"),
    "001_9e4f98b79760f835.txt": ("IBM:行业客户(大客户)销售和客户管理研讨",
                                 "IBM: a workshop on selling to and managing industry (key) accounts"),
    "002_d96dd5e1375bccc9.txt": ("如何攻克设备采购大客户",
                                 "How to win key accounts that buy equipment"),
    "003_7a883303e2b65e3b.txt": ("大客户开发与管理培训内容",
                                 "Key-account development and management: a training outline (Yinchuan)"),
    "004_abd0e188d45e7a43.txt": ("客户开发案例(共8篇)",
                                 "Customer-development cases (8 pieces)"),
}


def seed_of(citation: str) -> str | None:
    """The seed file a citation names (the part before ' · '), if it is a known seed."""
    name = citation.split("·", 1)[0].strip()
    return name if name in SEEDS else None


def anchor(seed: str) -> str:
    return "seed-" + seed.split("_", 1)[0]


def link(citation: str, relative: str = "../sources.md") -> str:
    """A Markdown link from a citation to its seed's entry in docs/sources.md (plain text if unknown)."""
    seed = seed_of(citation)
    return f"[{citation}]({relative}#{anchor(seed)})" if seed else citation


def describe(seed: str) -> str:
    """'<original title> (<English gloss>) — docs/sources.md#seed-NNN'."""
    title, gloss = SEEDS[seed]
    return f"{title} ({gloss}) — {SOURCES_DOC}#{anchor(seed)}"

"""What every HTML page of the advisor shares: Jinja2 with autoescaping, inline assets, a strict CSP.

A page is one self-contained file: its CSS and JavaScript are inlined from
``templates/`` (package data), nothing is fetched, and it works from a file:// URL.
The Content-Security-Policy allows exactly the page's own inline style and script
(by SHA-256 hash) and nothing else — no network, no other script — so even a value
that slipped past escaping could not run or call home. Every value from an account
or a pack reaches the page through Jinja2's autoescaping.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import json
from importlib import resources
from typing import Any

import jinja2

TEMPLATES = "templates"


@functools.lru_cache(maxsize=None)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("advisor.output", TEMPLATES),
        autoescape=True,  # every template, whatever its name: values come from users' files
        undefined=jinja2.StrictUndefined,  # a typo in a template is an error, not a blank
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["json"] = lambda v: json.dumps(v, ensure_ascii=False)
    # {"en": "in {n} days", "zh": "{n}天内"} | fill(n=3): a label with numbers put in, per language
    env.filters["fill"] = lambda texts, **kw: {lang: text.format(**kw) for lang, text in texts.items()}
    return env


@functools.lru_cache(maxsize=None)
def asset(name: str) -> str:
    """An inline asset (CSS or JS) shipped beside the templates."""
    return (resources.files("advisor.output") / TEMPLATES / name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def csp(styles: list[str], scripts: list[str]) -> str:
    """A policy that allows these inline blocks only; no fetch of any kind (img: data: URLs only)."""
    return "; ".join([
        "default-src 'none'",
        "style-src " + " ".join(_hash(s) for s in styles),
        "script-src " + (" ".join(_hash(s) for s in scripts) if scripts else "'none'"),
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ])


def render(template: str, *, styles: list[str], scripts: list[str], **context: Any) -> str:
    """Render a page template with its inline assets and the CSP that admits exactly them."""
    css = [asset(s) for s in styles]
    js = [asset(s) for s in scripts]
    page = environment().get_template(template)
    return page.render(csp=csp(css, js), inline_styles=css, inline_scripts=js, **context)


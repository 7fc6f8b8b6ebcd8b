"""Pages for the HTML tests: explain documents of fixtures (optionally with hostile text) and boards."""
from __future__ import annotations

import json

from advisor import load_account
from advisor.output import explain
from advisor.output.explain_html import render_explain_html

from .conftest import AS_OF, FIXTURES

# Each part would run script if it reached the page unescaped; none may.
XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>"\'><svg onload="window.__xss=3">'


def explain_docs(advisor, fixture: str, langs=("en", "zh")) -> dict[str, dict]:
    acc = load_account(FIXTURES / "accounts" / fixture)
    advice = advisor.advise(acc, as_of=AS_OF, trace=True)
    packset = advisor.packset(acc)
    return {lang: explain.document(advice, packset, lang) for lang in langs}


def replace_text(doc: dict, old: str, new: str) -> dict:
    """The document with every occurrence of ``old`` (in any string) replaced by ``new``."""
    encoded = json.dumps(doc, ensure_ascii=False)
    return json.loads(encoded.replace(json.dumps(old, ensure_ascii=False)[1:-1],
                                      json.dumps(new, ensure_ascii=False)[1:-1]))


def hostile_docs(advisor) -> dict[str, dict]:
    """tcl-too-expensive with the XSS payload as its account name and its objection's text."""
    docs = explain_docs(advisor, "tcl-too-expensive.yaml")
    out = {}
    for lang, doc in docs.items():
        doc = replace_text(doc, "华信电脑城", "华信" + XSS)
        doc = replace_text(doc, "TCL的电脑太贵了!", "太贵了" + XSS)
        doc["derived"].append({"kind": "objection_kind", "value": "price", "subject": "objection:1",
                               "phrase": "太贵" + XSS, "clause": XSS})
        out[lang] = doc
    return out


def explain_page(advisor, fixture: str) -> str:
    return render_explain_html(explain_docs(advisor, fixture), "en")

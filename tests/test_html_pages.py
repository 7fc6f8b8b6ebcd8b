"""HTML pages without a browser: built from the JSON documents, escaped, self-contained, deterministic."""
from __future__ import annotations

import base64
import html
import fnmatch
import hashlib
import json
import re
import tomllib
from importlib import resources

import pytest
from click.testing import CliRunner
from markupsafe import escape

from advisor.cli import cli
from advisor.output.explain_html import explain_view, render_explain_html
from advisor.output.plan_html import render_plan_html

from .conftest import AS_OF, FIXTURES, ROOT
from .htmlkit import XSS, explain_docs, hostile_docs, replace_text
from .plandoc import plan_from_batch

BANK = str(FIXTURES / "accounts" / "bank-mainframe.yaml")


@pytest.fixture(scope="module")
def bank_docs(advisor):
    return explain_docs(advisor, "bank-mainframe.yaml")


def inline_blocks(page: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}>(.*?)</{tag}>", page, flags=re.S)


def sha(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_page_is_self_contained_and_its_csp_admits_exactly_its_own_style_and_script(bank_docs):
    page = render_explain_html(bank_docs, "en")
    csp = html.unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1))
    assert "default-src 'none'" in csp and "connect-src" not in csp
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        blocks = inline_blocks(page, tag)
        assert blocks, tag
        allowed = re.search(rf"{directive} ([^;]+)", csp).group(1).split()
        assert sorted(f"'{sha(b)}'" for b in blocks) == sorted(allowed)
    # nothing to fetch: no src/href to another document, no URL but the SVG namespace
    assert not re.search(r'\s(src|href)="(?!#|data:)', page)
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) <= {"http://www.w3.org/2000/svg"}


def test_every_rule_and_action_of_the_json_is_on_the_page(bank_docs):
    page = render_explain_html(bank_docs, "en")
    doc = bank_docs["en"]
    assert len(doc["trace"]) > 50
    for entry in doc["trace"]:
        assert f'id="rule-{entry["rule"]}"' in page
        assert f'data-status="{entry["status"]}"' in page
    for action in doc["actions"]:
        assert f'id="action-{action["rank"]}"' in page
    zh_what = bank_docs["zh"]["actions"][0]["what"]
    assert escape(zh_what) in page and escape(doc["actions"][0]["what"]) in page  # both languages, switched in place


def test_silent_rule_says_why_not_and_marks_the_culprit(bank_docs):
    view = explain_view(bank_docs, "en")
    rule = next(r for r in view["rules"] if r["id"] == "core.dealer.cooperation-before-quote")
    # the bank is an end customer (inferred from its industry pack): the customer type, not the quote, is the culprit
    assert rule["whynot"]["en"].startswith('needs account.customer_type in ["dealer", "distributor", "integrator"]; '
                                           'is "end_customer"')
    culprits = []

    def walk(node):
        if node["culprit"]:
            culprits.append(node)
        for kid in node.get("children", []):
            walk(kid)
    walk(rule["bindings"][0]["tree"])
    assert [(c["fact"], c["actual"]) for c in culprits] == [("account.customer_type", '"end_customer"')]
    assert culprits[0]["help"].startswith("dealer / distributor / integrator / end_customer")  # the hover title


def test_base_facts_have_a_hover_meaning_in_both_languages_derived_ones_none():
    from advisor.output.explain_html import fact_help
    assert fact_help("account.days_since_last_order") == "days from the last order to the as-of date / 最后一次下单到截至日的天数"
    assert fact_help("category.value") is None and fact_help("account.no_such_fact") is None


def test_action_shows_the_tree_that_fired_for_its_contact(bank_docs):
    view = explain_view(bank_docs, "en")
    first = next(a for a in view["actions"] if a["rule"] == "core.roles.meet-decider")
    assert first["fired_on"] == "contact:行长"
    leaves = [k for k in first["tree"]["children"] if k["op"] is None]
    assert ("contact.met", "false") in [(k["fact"], k["actual"]) for k in leaves]


def test_suppressed_rule_names_who_suppressed_it_and_why(advisor):
    docs = explain_docs(advisor, "wanneng-gift-policy.yaml")
    view = explain_view(docs, "en")
    suppressed = [r for r in view["rules"] if r["status"] == "suppressed"]
    assert suppressed, "the gift-policy fixture suppresses gift actions"
    page = render_explain_html(docs, "en")
    for r in suppressed:
        assert r["by_rule"] and r["reason"]["en"] and r["reason"]["zh"]
        assert f'<a href="#rule-{r["by_rule"]}"><code>{r["by_rule"]}</code></a>' in page


def test_hostile_text_is_escaped_everywhere(advisor):
    page = render_explain_html(hostile_docs(advisor), "en")
    assert "<script>window.__xss" not in page and "<img src=x" not in page and "<svg onload" not in page
    assert "&lt;script&gt;window.__xss=2&lt;/script&gt;" in page
    assert page.count("&lt;img src=x onerror=") >= 4  # name, objection text (trace), derived phrase and clause


def test_same_documents_give_the_same_bytes(bank_docs):
    assert render_explain_html(bank_docs, "en") == render_explain_html(json.loads(json.dumps(bank_docs)), "en")


def test_documents_of_different_traces_are_refused(bank_docs):
    other = dict(bank_docs)
    other["zh"] = dict(bank_docs["zh"], trace=bank_docs["zh"]["trace"][1:])
    with pytest.raises(ValueError, match="different traces"):
        render_explain_html(other)


def test_document_keys_the_page_does_not_know_are_shown_generically_per_language(bank_docs):
    docs = {lang: dict(doc) for lang, doc in bank_docs.items()}
    docs["en"]["recognitions"] = [{"objection": 1, "kinds": ["feature"], "phrase": "培训<i>"}]
    docs["zh"]["recognitions"] = docs["en"]["recognitions"]
    docs["en"]["notes"], docs["zh"]["notes"] = "no industry pack", "没有行业规则包"
    view = explain_view(docs, "en")
    # "objections" is explain's own per-objection recognition (kinds, clause, phrase): shown in the panel
    # "inferred" (issue 23) lists the account values read from the facts: the bank's customer type
    assert [(o["key"], o["same"]) for o in view["others"]] == [("inferred", True), ("notes", False), ("objections", True),
                                                               ("recognitions", True)]
    page = render_explain_html(docs, "en")
    assert '<dt>phrase</dt><dd>培训&lt;i&gt;</dd>' in page
    assert '<div class="l l-zh" lang="zh">' in page and "没有行业规则包" in page


def test_unknown_statuses_and_extra_action_keys_are_rendered_generically(bank_docs):
    docs = {lang: replace_text(doc, "superseded", "feedback-hidden") for lang, doc in bank_docs.items()}
    for doc in docs.values():
        doc["actions"][0]["score_parts"] = {"priority": 85, "urgency": 20}
    view = explain_view(docs, "en")
    keys = [s["key"] for s in view["statuses"]]
    assert "superseded" not in keys and keys[-1] == "feedback-hidden"  # unknown statuses come last
    assert view["statuses"][-1]["label"] == {"en": "hidden by feedback", "zh": "因反馈隐藏"}
    page = render_explain_html(docs, "en")
    assert '<dt>score_parts</dt><dd><code>{&#34;priority&#34;: 85, &#34;urgency&#34;: 20}</code></dd>' in page


# ------------------------------------------------------------------ CLI ---
def test_cli_writes_the_page_and_refuses_to_overwrite_without_force(tmp_path):
    out = tmp_path / "t.html"
    args = ["explain", BANK, "--as-of", AS_OF.isoformat(), "--format", "html", "-o", str(out)]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "某商业银行数据中心" in page
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 2 and "already exists" in again.output and "--force" in again.output
    assert CliRunner().invoke(cli, args + ["--force"]).exit_code == 0
    assert out.read_text(encoding="utf-8") == page  # same facts, packs and --as-of: same bytes


def test_cli_html_json_agree_and_lang_picks_the_first_language(tmp_path):
    base = ["explain", BANK, "--as-of", AS_OF.isoformat()]
    doc = json.loads(CliRunner().invoke(cli, base + ["--format", "json", "--lang", "zh"]).output)
    page = CliRunner().invoke(cli, base + ["--format", "html", "--lang", "zh"]).output
    assert '<html lang="zh" data-lang="zh">' in page
    assert doc["actions"][0]["what"] in page
    assert len(re.findall(r'<li id="rule-', page)) == len(doc["trace"])


def test_cli_open_needs_a_file_and_launches_it(tmp_path, monkeypatch):
    no_file = CliRunner().invoke(cli, ["explain", BANK, "--format", "html", "--open"])
    assert no_file.exit_code == 2 and "--open needs a file" in no_file.output
    opened = []
    monkeypatch.setattr("click.launch", lambda url, **kw: opened.append(url) or 0)
    out = tmp_path / "t.html"
    result = CliRunner().invoke(cli, ["explain", BANK, "--format", "html", "-o", str(out), "--open"])
    assert result.exit_code == 0, result.output
    assert opened == [out.resolve().as_uri()]


# ---------------------------------------------------------------- board ---
@pytest.fixture(scope="module")
def book(advisor):
    from advisor.portfolio.batch import portfolio_rows, run_batch

    _, rows = portfolio_rows(FIXTURES / "portfolios" / "with-bad-rows.yaml")
    return plan_from_batch(list(run_batch(advisor, rows, AS_OF)), AS_OF)


def test_board_renders_a_book_from_batch_output(book):
    assert book["failed"] and len(book["accounts"]) >= 2
    page = render_plan_html(book)
    for acc in book["accounts"]:
        assert f"<td class=\"num\">{acc['rank']}</td>" in page
        assert escape(acc["actions"][0]["what"]) in page
    for f in book["failed"]:
        assert escape(f["error"]) in page
    assert page.count("<svg ") == 2 and '<rect x="' in page
    assert "default-src &#39;none&#39;" in page


def test_board_links_explain_pages_by_file_or_name_and_never_to_script(book):
    first, second = book["accounts"][0], book["accounts"][1]
    page = render_plan_html(book, {first["file"]: "explain/a.html", second["account"]: "javascript:alert(1)"})
    assert '<a href="explain/a.html">' in page
    assert "javascript:" not in page


def test_board_counts_days_and_overdue_in_its_charts():
    doc = {"version": 1, "as_of": "2026-11-23", "lang": "zh", "days": 3, "failed": [], "portfolio": "华东<b>",
           "filters": {"owner": None},  # keys beyond the contract are tolerated
           "accounts": [{"rank": 1, "account": "京丰商贸" + XSS, "file": "a.yaml", "owner": "Li Wei",
                         "industry": None, "category": "dormant", "need": 143.0, "need_parts": {"overdue": 60},
                         "reasons": ["2 actions overdue" + XSS], "overdue": 2, "due_soon": 1,
                         "days_since_contact": 11, "value_at_stake": 400000.0, "actions": []}],
           "week": [{"date": "2026-11-23", "items": []},
                    {"date": "2026-11-24", "items": [{"account": "京丰商贸", "rule": "r", "contact": None, "who": "x",
                                                      "what": "call", "by": "2026-11-24", "due_in_days": 1, "uid": "u"}]},
                    {"date": "2026-11-25", "items": []}],
           "overdue": [{"account": "京丰商贸", "rule": "r", "contact": None, "who": "x", "what": "visit",
                        "by": "2026-11-23", "due_in_days": -7, "uid": "v"}]}
    page = render_plan_html(doc)
    assert "<script>window.__xss" not in page and "&lt;script&gt;window.__xss=2" in page
    assert "<desc id=\"chart-days-d\">逾期 : 1; 周一 11-23: 0; 周二 11-24: 1; 周三 11-25: 0</desc>" in page
    assert "逾期7天" in page and "400,000" in page
    assert "<h1>华东&lt;b&gt;</h1>" in page
    with pytest.raises(ValueError, match="version 1"):
        render_plan_html(dict(doc, version=2))


def test_templates_ship_in_the_wheel():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["advisor.output"]
    shipped = [p.name for p in (resources.files("advisor.output") / "templates").iterdir() if p.is_file()]
    assert shipped
    for name in shipped:
        assert any(fnmatch.fnmatch(f"templates/{name}", pattern) for pattern in data), name


def test_explain_pages_are_written_beside_the_board_and_linked(advisor, tmp_path):
    from advisor.output.explain_pages import page_name, write_explain_pages
    from advisor.portfolio.batch import portfolio_rows, run_batch

    _, rows = portfolio_rows(FIXTURES / "portfolios" / "with-bad-rows.yaml")
    links = write_explain_pages(advisor, rows, tmp_path / "explain", tmp_path, as_of=AS_OF, lang="zh")
    results = list(run_batch(advisor, rows, AS_OF))
    good = [r.label for r in results if not r.error]
    assert sorted(links) == sorted(good)
    for href in links.values():
        assert href.startswith("explain/") and href.endswith(".html")
        assert '<html lang="zh"' in (tmp_path / href).read_text(encoding="utf-8")
    board = render_plan_html(plan_from_batch(results, AS_OF), links)
    for href in links.values():
        assert f'<a href="{href}">' in board
    with pytest.raises(Exception, match="already exists"):  # a second run needs --force
        write_explain_pages(advisor, rows, tmp_path / "explain", tmp_path, as_of=AS_OF)
    taken: set[str] = set()
    assert [page_name(x, taken) for x in ("a/bank.yaml", "b/bank.yaml", "p.yaml:12", "x/<y>.yaml")] == \
        ["bank.html", "bank-2.html", "p-12.html", "y.html"]
    # a board of a large book lists its first accounts only: only those get a page
    only = write_explain_pages(advisor, rows, tmp_path / "listed", tmp_path, as_of=AS_OF, only={good[1]})
    assert list(only) == [good[1]] and len(list((tmp_path / "listed").iterdir())) == 1


def test_plan_format_html_writes_the_board_and_linked_trace_pages(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    board = tmp_path / "board.html"
    args = ["plan", "fixtures/portfolios/seed-cases.yaml", "--as-of", AS_OF.isoformat(), "--no-feedback",
            "--format", "html", "-o", str(board), "--explain-dir", str(tmp_path / "explain"),
            "--jobs", "1"]  # the pages, not the workers (a pool gives the same rows: tests/test_plan_jobs.py)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    page = board.read_text(encoding="utf-8")
    hrefs = re.findall(r'<a href="(explain/[^"]+)">', page)
    assert len(set(hrefs)) == 6 and all((tmp_path / h).is_file() for h in hrefs)
    wrong = CliRunner().invoke(cli, ["plan", "fixtures/portfolios/seed-cases.yaml", "--explain-dir", str(tmp_path)])
    assert wrong.exit_code == 2 and "add --format html" in wrong.output

"""Labels written in traditional characters (a Taiwan or Hong Kong rep): read as the same keys as the simplified.

The brief: Chinese input — labels and traditional characters — is read as well as English. A rep in Taipei
types 採購人 and 積極, not 采购人 and 积极; the loader used to refuse them ("unknown buying role")."""
from __future__ import annotations

import textwrap

import pytest

from advisor import load_account
from advisor.accounts import terms
from advisor.files.errors import AdvisorError

ACCOUNT = textwrap.dedent("""\
    name: 高雄某遊艇廠
    stage: 需求分析
    customer_type: 終端客戶
    buying_pattern: 項目/招標/設備採購
    ownership: 國有企業
    relationship: {level: 普通, target: 優先, cycle_stage: 認識}
    contacts:
      - {name: 陳經理, title: 採購經理, roles: [採購人, 決策影響者], met: true, signals: [以事為主, 果斷]}
      - {name: 林董, title: 董事長, roles: [決策人], met: false, personality: 結果型}
    visits:
      - {date: 2026-11-20, contact: 陳經理, outcome: 積極, note: "陳經理說明年要換甲板五金"}
    complaints:
      - {what: "兩批鉸鏈生鏽", date: 2026-11-02, contact: 陳經理, status: 處理中}
    policies: [{name: 禁止送禮, since: 2026-03-01}, 禁止非公務招待]
    """)


def test_an_account_in_traditional_labels_reads_as_the_simplified_keys(tmp_path):
    path = tmp_path / "yacht.yaml"
    path.write_text(ACCOUNT, encoding="utf-8")
    account = load_account(path)
    assert account.stage == "needs"
    assert account.customer_type == "end_customer"
    assert account.ownership == "state_owned"
    assert account.relationship.level == "ordinary" and account.relationship.target == "preferred"
    chen, lin = account.contacts
    assert chen.roles == ["purchaser", "influencer"] and chen.signals == ["task_oriented", "decisive"]
    assert lin.roles == ["decider"] and lin.personality == "result"
    assert account.visits[0].outcome == "positive"
    assert account.complaints[0].status == "in_progress"
    assert [p.name for p in account.policies] == ["no_gifts", "no_entertainment"]


def test_a_wrong_label_in_traditional_is_still_an_error_naming_the_place(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(ACCOUNT.replace("roles: [決策人]", "roles: [決策者]"), encoding="utf-8")
    with pytest.raises(AdvisorError) as caught:
        load_account(path)
    message = str(caught.value)
    assert "bad.yaml" in message and "決策者" in message


def test_the_table_never_changes_a_simplified_label_and_has_no_dead_entries():
    tables = [t for t in vars(terms).values()
              if isinstance(t, dict) and t and all(isinstance(v, tuple) and len(v) == 2 for v in t.values())]
    labels = {zh for table in tables for _, zh in table.values()}
    assert all(terms.simplified(label) == label for label in labels)
    used = set("".join(labels))
    assert {s for s in terms.TRADITIONAL.values()} <= used, "a pair whose simplified character no label uses"
    assert not set(terms.TRADITIONAL) & used, "a traditional character that is also a simplified label's own"

"""``advisor init``: a commented account file a new user can fill in — and that advise accepts as is.

Allowed values in the comments come from the vocabulary tables, so the template never lists a
value the validator would reject; ``--industry`` adds that pack's checklist flags (all false,
each with its description) under ``facts:``.
"""
from __future__ import annotations

from ..accounts import terms

TEXT = {
    "en": {
        "head": "An account for `advisor advise FILE`. Fill in what you know, delete or leave commented what you don't.\n"
                "# Every field: docs/account-format.md (or `advisor schema account`). Bad input gets one line with the fix.",
        "name": "Example Trading Co.", "name_c": "the customer's name",
        "industry_c": "industry pack besides core", "no_industry": "industry: it-distribution   # optional; one of",
        "stage_c": "where the sale stands:",
        "rel_c": "level now:", "target_c": "the level you aim for",
        "cycle_c": "relationship cycle:",
        "sales_c": "sales in the last 12 months and the 12 before; last order date",
        "contact": "Ms Example", "title": "Purchasing manager", "boss": "Mr Boss", "boss_title": "Owner",
        "roles_c": "buying roles:", "met_c": "have you met this person?",
        "pers_c": "personality, if known:", "signals_c": "or observed behaviour:",
        "reaches_c": "other contacts this person can sway",
        "visits_c": "visits so far", "outcome_c": "outcome:",
        "obj_c": "objections, in the customer's words", "objection": "Too expensive!",
        "pol_c": "customer's own rules:", "facts_c": "checklist of pack {pack} (set true once it holds):",
    },
    "zh": {
        "head": "供 `advisor advise 文件` 使用的客户档案。填写已知信息,不知道的删去或保留注释。\n"
                "# 全部字段见 docs/account-format.md(或 `advisor schema account`)。输入有误时会用一行说明如何修正。",
        "name": "示例商贸", "name_c": "客户名称",
        "industry_c": "除 core 外使用的行业规则包", "no_industry": "industry: it-distribution   # 可选;可用",
        "stage_c": "销售阶段:",
        "rel_c": "目前的关系层级:", "target_c": "目标层级",
        "cycle_c": "关系周期:",
        "sales_c": "近12个月与此前12个月的销售额;最近一次下单日期",
        "contact": "王经理", "title": "采购经理", "boss": "李总", "boss_title": "老板",
        "roles_c": "采购角色:", "met_c": "是否已见过此人?",
        "pers_c": "性格类型(已知时):", "signals_c": "或观察到的行为:",
        "reaches_c": "此人能影响的其他联系人",
        "visits_c": "已有的拜访", "outcome_c": "结果:",
        "obj_c": "听到的异议,用客户原话", "objection": "太贵了!",
        "pol_c": "客户自身的规定:", "facts_c": "规则包 {pack} 的核对清单(确认后改为 true):",
    },
}


def _keys(table: dict, lang: str) -> str:
    if lang == "zh":
        return " / ".join(f"{k}({zh})" for k, (_en, zh) in table.items())
    return " / ".join(table)


def template(lang: str = "en", industry: str | None = None, flags: dict | None = None,
             installed: list[str] | None = None, schema_uri: str | None = None) -> str:
    t = TEXT[lang]
    lines = []
    if schema_uri:
        lines.append(f"# yaml-language-server: $schema={schema_uri}")
    lines += [f"# {t['head']}",
              f"name: {t['name']}   # {t['name_c']}"]
    if industry:
        lines.append(f"industry: {industry}   # {t['industry_c']}")
    else:
        lines.append(f"# {t['no_industry']} {', '.join(p for p in (installed or []) if p != 'core')}")
    lines += [
        f"stage: prepare   # {t['stage_c']} {_keys(terms.STAGES, lang)}",
        "relationship:",
        f"  level: ordinary   # {t['rel_c']} {_keys(terms.LEVELS, lang)}",
        f"  # target: partner   # {t['target_c']}",
        f"  # cycle_stage: first_contact   # {t['cycle_c']} {_keys(terms.CYCLE_STAGES, lang)}",
        f"# sales: {{last_12m: 0, prior_12m: 0, last_order: 2026-01-31}}   # {t['sales_c']}",
        "contacts:",
        f"  - name: {t['contact']}",
        f"    title: {t['title']}",
        f"    roles: [purchaser]   # {t['roles_c']} {_keys(terms.ROLES, lang)}",
        f"    met: false   # {t['met_c']}",
        f"    # personality: result   # {t['pers_c']} {_keys(terms.PERSONALITIES, lang)}",
        f"    # signals: [task_oriented]   # {t['signals_c']} {_keys(terms.SIGNALS, lang)}",
        f"    # reaches: [{t['boss']}]   # {t['reaches_c']}",
        f"  # - {{name: {t['boss']}, title: {t['boss_title']}, roles: [decider], is_boss: true}}",
        f"# visits:   # {t['visits_c']}",
        f"#   - {{date: 2026-01-15, contact: {t['contact']}, minutes: 30, outcome: neutral}}   "
        f"# {t['outcome_c']} {_keys(terms.VISIT_OUTCOMES, lang)}",
        f"# objections:   # {t['obj_c']}",
        f"#   - {{contact: {t['contact']}, text: \"{t['objection']}\", date: 2026-01-15}}",
        f"# policies: [no_gifts]   # {t['pol_c']} {_keys(terms.POLICIES, lang)}",
    ]
    if flags:
        lines.append(f"facts:   # {t['facts_c'].format(pack=industry)}")
        for flag, description in flags.items():
            lines.append(f"  {flag}: false   # {' '.join(description.get(lang).split())}")
    return "\n".join(lines) + "\n"

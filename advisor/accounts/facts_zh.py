"""The fact catalogue's descriptions in Chinese, kind → field → text.

Kept beside ``facts.CATALOG`` (which holds the type and the English line) rather than inside it,
so the engine-facing schema stays a plain (type, description) pair; a test holds the two
catalogues to the same keys, so a new fact cannot ship without its Chinese line.
"""
from __future__ import annotations

from .bookfacts import CATALOG_ZH as _BOOK_ZH
from .history import CATALOG_ZH as HISTORY_ZH
from . import casefacts
from . import promises

CATALOG_ZH: dict[str, dict[str, str]] = {
    "account": {
        "name": "客户名称",
        "industry": "行业键,决定用哪个行业规则包",
        "stage": "销售步骤:prepare / open / needs / propose / close / maintain",
        "level": "关系级别:ordinary / preferred / partner / strategic",
        "target_level": "我们想达到的关系级别",
        "level_gap": "目标级别减当前级别的级数(没有目标时为0)",
        "cycle_stage": "first_contact / acquaintance / familiarity / trust / reliance",
        "cycle_index": "周期阶段的序号:1(初次接触)… 5(依赖)",
        "contact_count": "已知的客户联系人数",
        "met_count": "已当面见过的联系人数",
        "senior_count": "联系人中的高层经理/高管人数",
        "senior_met_count": "已见过的高层联系人数",
        "roles_present": "至少有一位联系人担任的采购角色",
        "roles_missing": "尚无人担任的核心采购角色(发起者 … 技术把关者)",
        "roles_missing_count": "尚无人担任的核心采购角色数",
        "decider_known": "有联系人担任决策者",
        "decider_met": "已见过某位决策者",
        "boss_known": "有联系人标为 is_boss",
        "key_person_known": "有联系人与老板有亲属关系或能接触到老板",
        "boss_name": "标为 is_boss 的联系人姓名(多人时取按姓名排序的第一位)",
        "sales_last_12m": "最近12个月的销售额",
        "sales_prior_12m": "之前12个月的销售额",
        "sales_growth": "最近12个月对比之前12个月,0.25 = +25%",
        "has_sales_history": "该客户以前向我们买过",
        "days_since_last_order": "最后一次下单到截至日的天数",
        "plan_growth": "该客户的计划增长,0.25 = +25%",
        "industry_growth": "行业增长,0.18 = +18%",
        "plan_gap": "计划增长减行业增长",
        "visit_count": "已记录的拜访次数",
        "days_since_first_visit": "距第一次拜访的天数",
        "days_since_last_visit": "距最近一次拜访的天数",
        "last_visit_outcome": "最近一次拜访的结果",
        "last_visit_has_next_step": "最近一次拜访以明确的下一步承诺结束",
        "last_visit_reason_to_return": "最近一次拜访留下了再来的理由",
        "last_visit_appointment": "最近一次拜访是提前预约的",
        "last_visit_minutes": "最近一次拜访的时长(分钟)",
        "policies": "客户自身的规定:no_gifts、no_entertainment、kyc_required",
        "newest_policy_days": "最近一条带 since: 日期的规定生效至今的天数",
        "objection_count": "已记录的异议数",
        "open_objection_count": "尚未回应的异议数",
        "competitor_count": "该客户处已知的竞争对手数",
        "competitor_conflict": "客户与某个竞争品牌有冲突",
        "opportunity_count": "已记录的商机数",
        "open_opportunity_count": "既未赢单也未丢单的商机数",
        "won_count": "赢单的商机数",
        "quoted_before_cooperation": "有商机在谈定合作之前就报了价",
        "flags": "客户 facts: 中标为 true 的核对项",
        "flags_false": "客户 facts: 中标为 false 的核对项",
        "satisfied_count": "标为满意的联系人数",
        "dissatisfied_count": "标为不满意的联系人数",
    },
    "contact": {
        "name": "联系人姓名",
        "title": "职务",
        "roles": "采购角色(PLAYBOOK §1)",
        "personality": "记录的性格类型:result / professor / actor / nice_guy",
        "signals": "观察到的行为信号",
        "signal_count": "记录的行为信号数",
        "met": "已当面见过",
        "senior": "高层经理或高管",
        "is_boss": "真正的老板/最高决策人",
        "controls": "他或她掌控的:人 / 钱 / 物",
        "related_to_boss": "与标为 is_boss 的联系人有亲属关系",
        "reaches_boss": "能接触到标为 is_boss 的联系人",
        "introducer_count": "与此联系人有亲属关系或能接触到此人的其他联系人数",
        "has_motives": "组织动机和个人动机都已记录",
        "reliability": "关系的可靠程度,1–5",
        "satisfied": "对我们满意",
        "visit_count": "与此联系人的拜访次数",
        "days_since_last_visit": "距与此联系人最近一次拜访的天数",
        "objection_count": "此联系人提出的异议数",
    },
    "visit": {
        "contact": "拜访的联系人",
        "contact_roles": "该联系人的采购角色",
        "contact_senior": "该联系人是高层",
        "contact_open_objections": "该联系人提出而我们尚未回应的异议数",
        "days_ago": "拜访到截至日的天数",
        "minutes": "时长(分钟)",
        "outcome": "positive / neutral / cold / refused",
        "appointment": "提前预约",
        "has_next_step": "以明确的下一步承诺结束",
        "next_step": "客户承诺的下一步(原文)",
        "reason_to_return": "留下了再来的理由",
        "number": "对此联系人的第几次拜访:第一次为1,第二次为2,…",
        "is_latest": "对此联系人的最近一次拜访",
        "contact_visit_count": "对此联系人的拜访总次数",
    },
    "objection": {
        "contact": "提出异议的人",
        "contact_roles": "该联系人的采购角色",
        "text": "听到的原话,转为小写(用于匹配)",
        "quote": "听到的原话,按原样(用于消息)",
        "stated_kind": "销售记录的异议类型(如有)",
        "kinds": "异议所指:记录的类型,否则为从原话识别出的类型(规则包的 recognise: objection_kinds:),"
                 "否则为 unclassified",
        "kind_source": "stated / recognised / unclassified",
        "complaint": "投诉:类型含 service(交货、质量或售后的事件,无论是否以叙述方式讲出)——交给投诉处理",
        "switching": "原话点名了所列竞争对手,说正从其采购、与其绑定或已把生意转给它(读作 incumbent)——需要争取转回",
        "competitor": "原话点名的所列竞争对手(客户 competitors: 或规则包的品牌);未点名时不存在",
        "days_ago": "听到至今的天数",
        "answered": "已回应",
    },
    "competitor": {
        "name": "竞争对手名称",
        "conflict_with_customer": "客户与该竞争对手有冲突",
    },
    "opportunity": {
        "name": "商机名称",
        "amount": "金额",
        "stage": "该商机的销售步骤",
        "won": "赢单(true)或丢单(false);未结时不存在",
        "quoted": "已报价",
        "cooperation_agreed": "合作本身已谈定",
        "days_to_close": "截至日到预计成交日的天数",
    },
}
# the book facts keep their Chinese lines beside their English ones (bookfacts.py)
CATALOG_ZH["account"].update(_BOOK_ZH)
for _kind, _fields in HISTORY_ZH.items():  # issue 21: deal history (history.py)
    CATALOG_ZH.setdefault(_kind, {}).update(_fields)
casefacts.extend_zh(CATALOG_ZH)  # issue 23's facts carry their Chinese lines
promises.register_zh(CATALOG_ZH)  # issue 22: promise facts

"""The playbook's vocabulary, in English and Chinese (PLAYBOOK.md §1–§7).

These are the closed lists an account file may use (roles, personality types,
stages, relationship levels, …). Keeping them in one table gives validation,
"did you mean" hints and bilingual labels from the same source.
"""
from __future__ import annotations

# Buying-centre roles: six core (Webster & Wind) + four that matter (PLAYBOOK §1).
ROLES = {
    "initiator": ("initiator", "发起人"),
    "gatekeeper": ("gatekeeper", "信息门卫"),
    "influencer": ("influencer", "决策影响者"),
    "decider": ("decider", "决策人"),
    "purchaser": ("purchaser", "采购人"),
    "expert": ("expert", "专家"),
    "marketing": ("customer's marketing staff", "营销人员"),
    "sales": ("customer's sales staff", "销售人员"),
    "user": ("user", "使用者"),
    "customers_customer": ("customer's customer", "客户的客户"),
}
CORE_ROLES = ("initiator", "gatekeeper", "influencer", "decider", "purchaser", "expert")

PERSONALITIES = {
    "result": ("result (driver)", "结果型"),
    "professor": ("professor (analytical)", "教授型"),
    "actor": ("actor (expressive)", "演员型"),
    "nice_guy": ("nice-guy (amiable)", "老好人型"),
}

# Observable behaviour a rep can note; personality rules infer the type from them.
SIGNALS = {
    "task_oriented": ("task-oriented", "以事为主"),
    "people_oriented": ("people-oriented", "以人为主"),
    "fast": ("fast-paced", "急性子"),
    "slow": ("slow-paced", "慢性子"),
    "decisive": ("decisive", "果断"),
    "goal_driven": ("goal-driven", "目标导向"),
    "analytical": ("analytical", "善于分析"),
    "detail_seeking": ("asks for detail", "追问细节"),
    "perfectionist": ("perfectionist", "完美主义"),
    "serious": ("serious", "严肃"),
    "talkative": ("talkative", "健谈"),
    "shows_feelings": ("shows feelings", "情绪外露"),
    "likeable": ("likeable", "讨人喜欢"),
    "low_key": ("low-key", "低调"),
    "calm": ("calm", "平和"),
    "friendly": ("friendly", "友善"),
    "indecisive": ("cannot decide", "难下决定"),
}

STAGES = {
    "prepare": ("prepare", "销售前准备"),
    "open": ("open", "打开销售之门"),
    "needs": ("needs analysis", "需求分析"),
    "propose": ("propose", "解决方案"),
    "close": ("close", "促成业务"),
    "maintain": ("maintain", "客户维护"),
}

LEVELS = {
    "ordinary": ("ordinary", "普通"),
    "preferred": ("preferred", "优先"),
    "partner": ("partner", "伙伴"),
    "strategic": ("strategic", "战略"),
}
LEVEL_ORDER = tuple(LEVELS)

CYCLE_STAGES = {
    "first_contact": ("first contact", "初步建立"),
    "acquaintance": ("acquaintance", "认识"),
    "familiarity": ("familiarity", "熟悉"),
    "trust": ("trust", "信任"),
    "reliance": ("reliance", "信赖"),
}
CYCLE_ORDER = tuple(CYCLE_STAGES)

CONTROLS = {"people": ("people", "人"), "money": ("money", "钱"), "goods": ("goods", "物")}

VISIT_OUTCOMES = {
    "positive": ("positive", "积极"),
    "neutral": ("neutral", "一般"),
    "cold": ("cold response", "冷淡"),
    "refused": ("refused", "拒绝"),
}

POLICIES = {
    "no_gifts": ("no gifts", "禁止送礼"),
    "no_entertainment": ("no non-business entertainment", "禁止非公务招待"),
    "kyc_required": ("know-your-customer checks", "客户身份识别"),
}

# --- issue 21–23: the deal history, how the customer buys, promises and complaints ---
DEAL_STATUSES = {
    "won": ("won", "赢单"),
    "lost": ("lost", "丢单"),
    "open": ("open", "进行中"),
}

LOSS_REASONS = {
    "price": ("price", "价格"),
    "product": ("product / fit", "产品/适配"),
    "service": ("service / delivery", "服务/交付"),
    "relationship": ("relationship", "关系"),
    "timing": ("timing", "时机"),
    "no_decision": ("no decision", "未决策"),
    "other": ("other", "其他"),
}

CUSTOMER_TYPES = {
    "dealer": ("dealer / agent", "经销商/代理商"),
    "distributor": ("distributor / wholesaler", "分销商/批发商"),
    "integrator": ("system integrator / contractor", "系统集成商/工程商"),
    "end_customer": ("end customer", "终端客户"),
}

BUYING_PATTERNS = {
    "repeat": ("repeat orders", "重复订货"),
    "subscription": ("subscription / annual billing", "订阅/按年计费"),
    "project": ("projects / tenders / capital goods", "项目/招标/设备采购"),
}

OWNERSHIP = {
    "state_owned": ("state-owned", "国有企业"),
    "private": ("private", "民营企业"),
    "foreign": ("foreign-owned", "外资企业"),
    "public_institution": ("public institution / government", "事业单位/政府机关"),
}

# prospect screening (seed 000 · 客户名单的提纯技术): the three factors and the hidden value (issue 21)
PROSPECT_FIT = {
    "close": ("close to the ideal customer", "接近理想客户"),
    "partial": ("partly like the ideal customer", "部分符合理想客户"),
    "far": ("far from the ideal customer", "远离理想客户"),
}
COMPETITION_LEVELS = {
    "none": ("no competitor in place", "无竞争对手"),
    "some": ("some competition", "有一定竞争"),
    "strong": ("strong competition", "竞争激烈"),
}
GEOGRAPHY = {
    "near": ("near (your usual round)", "就近(日常拜访范围)"),
    "reachable": ("reachable (a planned trip)", "可到达(需安排出差)"),
    "far": ("far (rarely visited)", "偏远(很少能去)"),
}
HIDDEN_VALUE = {
    "high": ("high hidden value", "隐性价值高"),
    "some": ("some hidden value", "有一定隐性价值"),
    "none": ("no hidden value seen", "未见隐性价值"),
}

PROMISE_BY = {
    "rep": ("we promised", "我方承诺"),
    "customer": ("the customer promised", "客户承诺"),
}

PROMISE_STATUSES = {
    "open": ("open", "未兑现"),
    "kept": ("kept", "已兑现"),
    "cancelled": ("cancelled", "已取消"),
}

COMPLAINT_STATUSES = {
    "open": ("open", "未处理"),
    "in_progress": ("being fixed", "处理中"),
    "resolved": ("fixed, not yet confirmed", "已解决待确认"),
    "closed": ("closed", "已关闭"),
}

SEVERITIES = {
    "low": ("low", "低"),
    "medium": ("medium", "中"),
    "high": ("high", "高"),
}

# what an action serves (issue 22): the ranking puts a due promise first, then the account's own
# problems and blockers, then opportunities; relationship building and upkeep follow
SERVES = {
    "keep_promise": ("keep a promise", "兑现承诺"),
    "fix_problem": ("fix a problem", "解决问题"),
    "unblock": ("unblock the decision path", "打通决策链"),
    "pursue_opportunity": ("pursue an opportunity", "把握机会"),
    "develop_relationship": ("develop the relationship", "发展关系"),
    "upkeep": ("upkeep", "日常维护"),
}

# what a deed hands the customer or shows him (session 8, issue 22): a promise whose words name one ("propose a
# reference visit", "送样品") and a rule that does that very thing for the same person are one action — the promise's
# date and place, the rule's content (evaluation/rank.py _merge_topics). A rule declares ``topic:`` (pack lint: one of
# these); a promise's topics are read from its words by the packs' vocabularies topic_<name> (accounts/topics.py)
TOPICS = {
    "reference": ("a reference customer", "参考客户"),
    "sample": ("a sample", "样品"),
    "quote": ("a quote", "报价"),
    "proposal": ("a proposal", "方案"),
    "trial": ("a trial", "试用"),
    "demo": ("a demonstration", "演示"),
    "report": ("a report", "报告"),
    "visit": ("a visit", "拜访"),
    # an answer the rep owes to a demand he could not grant on the spot ("I'll reply after checking with head office",
    # "回公司请示后答复"): the promise defers the demand, and the rule answering that demand is what the reply says
    # (session 10, issue 23: an exclusivity demand answered "I'll get back to you" is still to be answered)
    "answer": ("an answer to what they asked for", "对其要求的答复"),
}

# why an account's sales fall, as its own words state it (session 8, issue 22; accounts/declinecause.py): the kind of
# cause a stated reason is read as — a season or "just quiet" is none of them, and the cause is then still to be found
DECLINE_CAUSES = {
    "own_facility": ("the customer does it in its own facility now", "客户改由自己的设施来做"),
    "move": ("the volume is moving elsewhere", "量正在转到别处"),
    "lost_customer": ("the customer lost a customer of its own", "客户丢了自己的客户"),
    "line_closed": ("a line or site of the customer closed", "客户关停了产线或网点"),
    "competitor": ("a competitor took a part", "竞争对手拿走了一部分"),
    "phased_out": ("a product is being phased out", "某个产品正在被淘汰"),
    "budget_cut": ("the customer's budget was cut", "客户的预算被削减"),
    "our_price": ("our price went up", "我们涨了价"),
    "quality": ("a quality problem", "质量问题"),
}

# why an account is losing business, by its record (session 9, issue 22; accounts/losscause.py): a price cause is
# answered on price; the others are answered by fixing what failed — a price move or a growth pitch answers the wrong
# problem there (OFFER_TAGS)
LOSS_CAUSES = {
    "price": ("price", "价格"),
    "service": ("service or delivery", "服务或交付"),
    "product": ("the product's fit", "产品适配"),
    "quality": ("a failure of ours on record (quality or delivery)", "记录在案的我方失误(质量或交付)"),
    "relationship": ("the relationship", "关系"),
}
# the closed tags that say what an action offers the customer, beyond answering him (session 9, issue 22): the guard
# that holds them back while the account is losing business over something other than price is keyed on these, in
# any pack (rules/core/switching.yaml); pack lint asks for the tag where a rule's words make such an offer
OFFER_TAGS = {
    "price-move": ("a price move: a discount, a price cut, an incentive, a rebate, or a probe of what a price "
                   "objection wants", "价格动作:折扣、降价、激励、返利,或追问价格异议想要什么"),
    "growth-pitch": ("a growth pitch: a new line, an upsell, a cross-sell, a bundle, an expansion offer",
                     "增长推销:新品线、向上销售、交叉销售、捆绑、扩量方案"),
}

LANGS = ("en", "zh")


def label(table: dict, key: str, lang: str) -> str:
    """The label of a vocabulary key in a language; the key itself when unknown."""
    pair = table.get(key)
    if not pair:
        return key
    return pair[1] if lang == "zh" else pair[0]


# Fixed interface strings of the renderers.
UI = {
    "advice_for": ("Next best actions for", "下一步最佳行动"),
    "as_of": ("as of", "截至"),
    "packs": ("packs", "规则包"),
    "who": ("who", "对象"),
    "what": ("what", "行动"),
    "by": ("by", "期限"),
    "why": ("why", "原因"),
    "rule": ("rule", "规则"),
    "source": ("source", "出处"),
    "suppressed": ("suppressed", "已抑制"),
    "by_rule": ("by", "由"),
    "also": ("also", "同时依据"),
    "no_actions": ("No action recommended for this account.", "该客户暂无建议行动。"),
    "account_team": ("account team", "客户团队"),
    "unknown": ("(not yet identified)", "(尚未确定)"),
    "more": ("more actions; use --top 0 to see all", "条其他行动；用 --top 0 查看全部"),
    "derived": ("derived (not in the seeds)", "推导(种子资料未载)"),
    # explain (text)
    "rules_count": ("rules", "规则"),
    "objections": ("objections", "异议"),
    "openings_read": ("openings read by the learned opening reader (no list named them)", "由学习型机会阅读器读出的机会(没有词表命中)"),
    "fired": ("FIRED", "已触发"),
    "silent": ("SILENT", "未触发"),
    "suppressed_status": ("SUPPRESSED", "已抑制"),
    "superseded": ("SUPERSEDED", "已取代"),
    "merged": ("MERGED", "已合并"),
    "into": ("into", "并入"),
    "group": ("group", "互斥组"),
    "intent": ("intent", "意图"),
    "feedback_hidden": ("FEEDBACK-HIDDEN", "因反馈隐藏"),
    "basis_derived": ("basis: derived", "依据:推导"),
    "overridden_by": ("overridden by pack", "被规则包覆盖"),
    "no_fact": ("no {kinds} fact for this account, so nothing to test",
                "该客户没有 {kinds} 事实,无从检验"),
    "fires": ("fires", "触发"),
    "serves": ("serves", "作用"),
    "ranking": ("ranking", "排序"),
    "above_next": ("above the next because", "排在下一项之前,因为"),
    "inferred": ("inferred (not written in the account)", "推断(客户档案中未写明)"),
    "due_promise": ("a promise due", "到期承诺"),
    "does_not_fire": ("does not fire", "未触发"),
    "actual": ("actual", "实际"),
    "matched": ("matched", "命中的词"),
    "missing_value": ("(missing)", "(缺失)"),
    "clause": ("clause", "分句"),
    "phrase": ("phrase", "短语"),
    "not_kind": ("not", "不是"),
    "unmatched": ("no phrase of any kind matched — record 'kind:' on the objection",
                  "没有匹配任何类型的短语——请在该异议上填写 kind:"),
    "heard_in": ("not filed — read from the note of the visit of", "未登记为异议——读自拜访记录,日期"),
}


# A Taiwan or Hong Kong rep writes the labels in traditional characters (採購人, 積極, 國有企業, 處理中): each
# character of the labels above that has a traditional form, written traditional-then-simplified (generated once
# with zhconv's zh-tw / zh-hk / zh-hant tables over every label here, so zhconv is not a dependency;
# tests/test_traditional_labels.py checks the table never alters a simplified label and has no dead pairs — a new
# label with a new character that has a traditional form needs its pair added here)
_TRADITIONAL_PAIRS = (
    "專专業业丟丢嚴严為为爲为義义爭争於于產产從从價价優优夥伙會会兌兑關关寫写決决準准則则別别務务動动單单衛卫衞卫發发員员響响"
    "團团圍围國国圖图處处備备複复實实對对導导併并開开異异戰战戶户護护據据斷断無无時时暫暂機机條条極极標标檔档檢检歡欢沒没現现"
    "蓋盖確确禮礼離离種种積积競竞類类係系組组細细終终經经結结絕绝統统緒绪維维肅肃節节範范營营見见規规觸触計计訂订認认討讨議议"
    "設设訪访識识詞词該该語语請请諾诺調调談谈貨货購购費费資资賴赖贏赢載载達达進进遠远適适採采錢钱鏈链銷销門门閉闭問问閱阅閲阅"
    "隊队際际隱隐難难項项題题饋馈驗验"
)
TRADITIONAL = {_TRADITIONAL_PAIRS[i]: _TRADITIONAL_PAIRS[i + 1] for i in range(0, len(_TRADITIONAL_PAIRS), 2)}


def simplified(text: str) -> str:
    """A label written in traditional characters, in the simplified ones the tables use (other text unchanged)."""
    return text.translate(str.maketrans(TRADITIONAL))


def ui(key: str, lang: str) -> str:
    return label(UI, key, lang)

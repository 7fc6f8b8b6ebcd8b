"""The rest of the thirty situations (session 11, issue 22; /work/coord/s10/situations.md): seventeen kinds, under the
kind names of the situation corpus (tests/data/situations/), read as pack data (rules/core/pack.yaml situation_*) and
answered by rules/core/situations.yaml.

Every sentence below was written for these tests before the advisor's answer was seen, in wording of our own (not from
a dev set): per kind three phrasings in English, three in simplified Chinese and one in traditional that must read it,
and the sentences that must not — negated, a supposition, settled since, or someone else's move (ours: read with the
actor ``us``, which the rules set aside)."""
from __future__ import annotations

import pytest

from .test_situations import _account, _situations, _top, vocabulary  # noqa: F401 (the module's fixture)

OPEN = [{"name": "Spindle retrofit", "amount": 90000, "stage": "close", "quoted": True}]

READ = [
    ('bank_change', "An e-mail signed 'Maria' asks us to send the credit-note refund to a new bank account in Lisbon.", 'en'),
    ('bank_change', 'Their accounts clerk wrote that the payee details have changed and wants the next rebate paid to the updated IBAN.', 'en'),
    ('bank_change', 'A letter on their letterhead says: remit future refunds to a different account number from December.', 'en'),
    ('bank_change', '对方财务发邮件说收款账户变更了,让我们把退款打到新的账户。', 'zh'),
    ('bank_change', '有人自称周总的助理,要求把返利转到另一个银行账号。', 'zh'),
    ('bank_change', '客户来函:开户行已更改,之后的退款请汇至新账号。', 'zh'),
    ('bank_change', '對方來信說銀行帳戶已變更,退款請匯到新的帳號。', 'zh_hant'),
    ('owner_change', "Maria says procurement is being centralised at the new parent's head office in Stockholm.", 'en'),
    ('owner_change', 'The company merged with a German rival in October.', 'en'),
    ('owner_change', 'Harbour Tools was acquired by Sandvik in September.', 'en'),
    ('owner_change', '鼎盛机械已被中粮集团收购,明年起采购统一由集团负责。', 'zh'),
    ('owner_change', '听周总说,公司上个月被一家上市公司控股了。', 'zh'),
    ('owner_change', '从明年开始采购收归集团,供应商要重新入围。', 'zh'),
    ('owner_change', '鼎盛已被德國母公司併購。', 'zh_hant'),
    ('contact_left', 'Their quality manager resigned last month; nobody has the job yet.', 'en'),
    ('contact_left', 'The head of maintenance has left the company, Maria told me.', 'en'),
    ('contact_left', 'Their long-time buyer retired in October.', 'en'),
    ('contact_left', '他们的质量经理上个月离职了。', 'zh'),
    ('contact_left', '采购部的刘经理跳槽去了同行。', 'zh'),
    ('contact_left', '仓库主管上周辞职了,还没人接。', 'zh'),
    ('contact_left', '他們的品管經理上個月離職了。', 'zh_hant'),
    ('promotion', 'Pete got promoted to plant manager; his old maintenance job goes to a new hire.', 'en'),
    ('promotion', 'Maria has been promoted to COO, so purchasing now reports to someone else.', 'en'),
    ('promotion', 'Pete moved up to head of engineering in October.', 'en'),
    ('promotion', '小林升职了,现在是生产副总,设备这块交给了别人。', 'zh'),
    ('promotion', '周总升任集团副总裁,公司由新总经理管。', 'zh'),
    ('promotion', '小林被提拔为厂长。', 'zh'),
    ('promotion', '小林晉升為廠長,設備部門換人負責。', 'zh_hant'),
    ('handover_to_rep', 'I took over this account from Mikko on 1 November.', 'en'),
    ('handover_to_rep', 'The territory was handed over to me when Jens moved to export sales.', 'en'),
    ('handover_to_rep', 'I inherited the account from my predecessor last month.', 'en'),
    ('handover_to_rep', '我11月从老王手里接手这个客户。', 'zh'),
    ('handover_to_rep', '这个客户上个月交接给我了,之前是小陈负责。', 'zh'),
    ('handover_to_rep', '公司把华东片区转给我负责。', 'zh'),
    ('handover_to_rep', '這個客戶上個月交接給我,之前由阿明負責。', 'zh_hant'),
    ('forecast_cut', 'Maria cut the 2027 forecast by 40% because their own sales are down.', 'en'),
    ('forecast_cut', 'Call-offs for Q1 were slashed to half of plan.', 'en'),
    ('forecast_cut', 'Their production plan for next year has been revised down sharply.', 'en'),
    ('forecast_cut', '周总说明年的需求预测下调了四成。', 'zh'),
    ('forecast_cut', '一季度的要货量砍了一半。', 'zh'),
    ('forecast_cut', '客户把明年的采购量削减了30%。', 'zh'),
    ('forecast_cut', '客戶把明年的需求預測下調了三成。', 'zh_hant'),
    ('customer_distress', 'They announced 300 layoffs at the Gothenburg plant last week.', 'en'),
    ('customer_distress', 'Maria admitted they are loss-making this year and salaries were late in October.', 'en'),
    ('customer_distress', 'The court put them under creditor protection in November.', 'en'),
    ('customer_distress', '客户今年大幅亏损,车间已经开始裁员。', 'zh'),
    ('customer_distress', '他们资金链紧张,上个月工资发不出。', 'zh'),
    ('customer_distress', '鼎盛因为拖欠货款被起诉,已经上了法院。', 'zh'),
    ('customer_distress', '客戶今年虧損嚴重,已經開始裁員。', 'zh_hant'),
    ('own_customer_lost', 'Harbour lost its biggest customer, a truck maker, to a Polish rival.', 'en'),
    ('own_customer_lost', 'Their main client walked away in October, about a third of their output.', 'en'),
    ('own_customer_lost', 'Maria said their key account Volvo has switched to another supplier.', 'en'),
    ('own_customer_lost', '客户丢了最大的客户,明年产量要掉一截。', 'zh'),
    ('own_customer_lost', '他们的主要客户转单给了别人。', 'zh'),
    ('own_customer_lost', '周总说第一大客户上个月倒闭了。', 'zh'),
    ('own_customer_lost', '他們失去了最大的客戶,明年訂單會少很多。', 'zh_hant'),
    ('price_down_demand', 'Purchasing demands a 5% price-down from every supplier for 2027.', 'en'),
    ('price_down_demand', 'Maria wants prices cut by 4% across all suppliers.', 'en'),
    ('price_down_demand', 'The annual price reduction letter arrived: 3% off from January.', 'en'),
    ('price_down_demand', '采购部发通知,明年所有供应商年降5%。', 'zh'),
    ('price_down_demand', '周总要求所有供应商明年价格下调3%。', 'zh'),
    ('price_down_demand', '客户这次压价压得很厉害,要我们降5%。', 'zh'),
    ('price_down_demand', '採購要求所有供應商單價降3%。', 'zh_hant'),
    ('terms_request', 'Maria asked for 90-day payment terms from January.', 'en'),
    ('terms_request', 'Their finance wants to extend the payment terms from 60 to 120 days.', 'en'),
    ('terms_request', 'They requested net 90 on all new orders.', 'en'),
    ('terms_request', '客户要求账期从60天延长到90天。', 'zh'),
    ('terms_request', '周总希望付款方式改成承兑汇票。', 'zh'),
    ('terms_request', '对方提出把账期拉长到120天。', 'zh'),
    ('terms_request', '客戶要求帳期延長到九十天。', 'zh_hant'),
    ('usage_low', 'The scheduling module sits idle; hardly anyone logs in.', 'en'),
    ('usage_low', 'Most of the 60 seats they bought are unused three months before renewal.', 'en'),
    ('usage_low', 'Maria admits the new tester is barely used on the night shift.', 'en'),
    ('usage_low', '60个账号大部分闲置,明年3月续费。', 'zh'),
    ('usage_low', '那台检测设备买回来基本没用过。', 'zh'),
    ('usage_low', '系统上线半年,使用率很低。', 'zh'),
    ('usage_low', '那套軟體買了之後幾乎沒人用。', 'zh_hant'),
    ('users_complain', 'The operators keep complaining that our new labels jam the printer.', 'en'),
    ('users_complain', "Nurses on ward 4 are fed up with the pumps' alarms.", 'en'),
    ('users_complain', 'Maria says the line staff are unhappy with the late deliveries.', 'en'),
    ('users_complain', '车间工人一直抱怨我们的刀片不耐用。', 'zh'),
    ('users_complain', '一线操作工对新设备意见很大。', 'zh'),
    ('users_complain', '护士们吐槽报警声太频繁。', 'zh'),
    ('users_complain', '現場師傅一直抱怨我們的膠帶黏性不夠。', 'zh_hant'),
    ('regulation_change', 'The EU packaging regulation requires recyclable film from 2027, and their laminate fails it.', 'en'),
    ('regulation_change', 'A new emissions standard comes into force in July for their boilers.', 'en'),
    ('regulation_change', 'Maria says the MDR rules take effect next spring and their labels must change.', 'en'),
    ('regulation_change', '新国标明年7月起强制实施,客户现用的型号不达标。', 'zh'),
    ('regulation_change', '限塑令明年起执行,他们要换可降解包装。', 'zh'),
    ('regulation_change', '环保要求出台后,他们的涂料要换成水性的。', 'zh'),
    ('regulation_change', '新法規明年生效,客戶的包裝要改成可回收材質。', 'zh_hant'),
    ('in_house', "Maria's team is costing a plan to make the brackets in-house.", 'en'),
    ('in_house', 'They are looking at insourcing the machining next year.', 'en'),
    ('in_house', 'Their engineers want to build their own test rig instead of buying ours.', 'en'),
    ('in_house', '客户在评估自己做这个零件,说能省两成。', 'zh'),
    ('in_house', '周总打算明年自建产线,不再外购。', 'zh'),
    ('in_house', '他们研发部想自研这套软件。', 'zh'),
    ('in_house', '客戶在研究自己生產這個零件。', 'zh_hant'),
    ('budget_lapse', 'Their innovation budget lapses on 20 December unless it is committed.', 'en'),
    ('budget_lapse', 'The grant money must be spent by the end of March or it is clawed back.', 'en'),
    ('budget_lapse', 'Maria said the capex left this year is use it or lose it.', 'en'),
    ('budget_lapse', '科研经费12月20日前不用就作废。', 'zh'),
    ('budget_lapse', '客户今年的预算年底清零,要赶紧下单。', 'zh'),
    ('budget_lapse', '这笔专项资金3月底前必须用完。', 'zh'),
    ('budget_lapse', '今年的預算年底前不用就作廢。', 'zh_hant'),
    ('signer_unseen', 'Pete is keen, but the plant director signs and has not seen our proposal yet.', 'en'),
    ('signer_unseen', 'Maria says the board approves anything over 50k and they have not been briefed.', 'en'),
    ('signer_unseen', 'Finance has not seen the business case; Maria will ask.', 'en'),
    ('signer_unseen', '小林很支持,但签字的是财务总监,他还没看过我们的方案。', 'zh'),
    ('signer_unseen', '周总说方案要董事长过目,董事长没看过报价。', 'zh'),
    ('signer_unseen', '签字的是总经理,他还没看过方案。', 'zh'),
    ('signer_unseen', '簽字的是總經理,他還沒看過方案。', 'zh_hant'),
    ('auto_renewal', "The service contract auto-renews on 31 January unless they give 60 days' notice.", 'en'),
    ('auto_renewal', 'Their maintenance agreement renews automatically each March; Maria wants to renegotiate the rates.', 'en'),
    ('auto_renewal', 'The framework rolls over for another year unless cancelled by 1 February.', 'en'),
    ('auto_renewal', '维保合同1月31日自动续约,除非提前60天书面通知。', 'zh'),
    ('auto_renewal', '框架协议到期自动顺延一年,周总想重新谈价格。', 'zh'),
    ('auto_renewal', '服务合同默认续约,客户说想重新谈。', 'zh'),
    ('auto_renewal', '保養合約明年三月自動續約,客戶想重新談價格。', 'zh_hant'),
]

# why each sentence must not be read: "ours" sentences are read with the actor us (the rules set them aside)
NOT_READ = [
    ('bank_change', 'We opened a new bank account for euro payments and told Maria.', 'en', 'ours'),
    ('bank_change', 'No change to their bank details this year.', 'en', 'negated'),
    ('bank_change', 'Maria asked to change the refund account; verified with her by phone on the number on file.', 'en', 'settled'),
    ('bank_change', '我们公司换了新的银行账户,已经通知客户。', 'zh', 'ours'),
    ('owner_change', 'No change of ownership is planned, Maria confirmed.', 'en', 'negated'),
    ('owner_change', '我们公司被收购了,下个月换新品牌。', 'zh', 'ours'),
    ('owner_change', '如果被收购,采购可能会变。', 'zh', 'supposition'),
    ('contact_left', 'Our service engineer left the company in October.', 'en', 'ours'),
    ('contact_left', 'Their QA manager has not resigned after all.', 'en', 'negated'),
    ('contact_left', '要是质量经理离职了,项目就麻烦了。', 'zh', 'supposition'),
    ('promotion', 'We promoted the new pump range at their open day.', 'en', 'marketing, not a person'),
    ('promotion', 'Our rep Anna was promoted to sales director.', 'en', 'ours'),
    ('promotion', '小林没有升职,还在设备部。', 'zh', 'negated'),
    ('handover_to_rep', 'Maria took over purchasing from Pete.', 'en', "a customer's job, not our account"),
    ('handover_to_rep', 'The account has not been handed over yet.', 'en', 'negated'),
    ('handover_to_rep', '周总的儿子明年接手公司。', 'zh', "the customer's succession"),
    ('forecast_cut', 'We cut our own sales forecast for the region.', 'en', 'ours'),
    ('forecast_cut', 'The forecast was not reduced; volumes stay flat.', 'en', 'negated'),
    ('forecast_cut', '如果需求预测下调,我们要提前准备。', 'zh', 'supposition'),
    ('customer_distress', 'We had layoffs in our own service team.', 'en', 'ours'),
    ('customer_distress', 'No layoffs planned, Maria said; orders are strong.', 'en', 'negated'),
    ('customer_distress', '如果亏损继续,他们可能会裁员。', 'zh', 'supposition'),
    ('own_customer_lost', 'We lost our biggest customer in the region last year.', 'en', 'ours'),
    ('own_customer_lost', 'They have not lost any major customer.', 'en', 'negated'),
    ('own_customer_lost', 'If they lose their main customer, volumes would halve.', 'en', 'supposition'),
    ('price_down_demand', 'We offered a 3% price reduction for the two-year deal.', 'en', 'ours'),
    ('price_down_demand', 'No price-down this year, Maria confirmed.', 'en', 'negated'),
    ('price_down_demand', '今年没有年降要求。', 'zh', 'negated'),
    ('terms_request', 'We extended their payment terms to 60 days last year as part of the deal.', 'en', 'ours'),
    ('terms_request', 'Payment terms stay at 30 days; no request to change them.', 'en', 'negated'),
    ('terms_request', '账期不变,客户没有提出延长。', 'zh', 'negated'),
    ('usage_low', 'Usage is high: 58 of 60 licences active.', 'en', 'the opposite'),
    ('usage_low', '我们的样机闲置在仓库里。', 'zh', 'ours'),
    ('usage_low', '设备没有闲置,三班都在用。', 'zh', 'negated'),
    ('users_complain', 'Users are happy with the new version; no complaints.', 'en', 'the opposite'),
    ('users_complain', 'Our engineers complained about their site access rules.', 'en', 'ours'),
    ('users_complain', '一线工人没有抱怨。', 'zh', 'negated'),
    ('regulation_change', 'No new regulation affects them this year.', 'en', 'negated'),
    ('regulation_change', 'We must meet the new standard ourselves from 2027.', 'en', 'ours'),
    ('regulation_change', '如果新标准实施,他们可能要改。', 'zh', 'supposition'),
    ('in_house', 'We make the housings in-house at our Lodz plant.', 'en', 'ours'),
    ('in_house', 'Their in-house lab tested our samples last week.', 'en', 'a department, not making it'),
    ('in_house', 'They have no plans to make it in-house.', 'en', 'negated'),
    ('budget_lapse', 'Their budget for next year is approved.', 'en', 'no lapse'),
    ('budget_lapse', 'Our marketing budget lapses at year-end.', 'en', 'ours'),
    ('budget_lapse', '预算不会作废,可以结转到明年。', 'zh', 'negated'),
    ('signer_unseen', 'The plant director has seen our proposal and asked two questions.', 'en', 'seen'),
    ('signer_unseen', 'We have not seen their specification yet.', 'en', 'ours, and not a proposal'),
    ('auto_renewal', 'The contract does not auto-renew; it ends in June.', 'en', 'negated'),
    ('auto_renewal', '合同不会自动续约,6月到期。', 'zh', 'negated'),
]


@pytest.mark.parametrize("kind,text,lang", READ)
def test_situation_read(vocabulary, kind, text, lang):
    s = _situations(vocabulary, _account(text, zh=lang != "en"))
    assert kind in s, f"{kind} not read in {text!r}: {sorted(s)}"
    assert s[kind]["actor"] != "competitor"


@pytest.mark.parametrize("kind,text,lang,why", NOT_READ)
def test_situation_not_read(vocabulary, kind, text, lang, why):
    s = _situations(vocabulary, _account(text, zh=lang != "en")).get(kind)
    if why == "ours":
        assert s is None or s["actor"] == "us", f"{text!r}: ours, read as {s}"
    else:
        assert s is None, f"{text!r} ({why}) read as {kind}"


# the rule each kind answers with — or the rule that already says it where another reading holds the same words (the
# authority reading's bank details, the ownership words, a dated opening)
RULE = {
    "bank_change": {"core.situations.verify-the-bank-change", "core.roles.verify-authority-change"},
    "owner_change": {"core.situations.new-owner-read-in-the-text", "core.situations.new-owner-who-decides"},
    "contact_left": {"core.situations.ask-who-replaces-the-leaver"},
    "promotion": {"core.situations.follow-the-promotion"},
    "handover_to_rep": {"core.situations.introduce-yourself-as-the-new-rep"},
    "forecast_cut": {"core.situations.learn-why-the-forecast-fell"},
    "customer_distress": {"core.situations.check-the-exposure"},
    "own_customer_lost": {"core.situations.help-them-replace-their-customer"},
    "price_down_demand": {"core.situations.trade-the-price-down"},
    "terms_request": {"core.situations.clarify-the-terms-request"},
    "usage_low": {"core.situations.plan-the-adoption"},
    "users_complain": {"core.situations.treat-users-complaint"},
    "regulation_change": {"core.situations.offer-the-compliant-product"},
    "in_house": {"core.situations.show-the-total-cost"},
    "budget_lapse": {"core.situations.order-before-the-budget-lapses", "core.openings.window-closing",
                     "core.openings.pursue"},
    "signer_unseen": {"core.situations.show-the-signer"},
    "auto_renewal": {"core.situations.meet-before-the-notice-date", "core.openings.pursue"},
}
# one English and one Chinese sentence of each kind, through the whole advisor: its rule is #1 on a plain account
FIRST = [(k, t, lang) for k in RULE for t, lang in [next((r[1], r[2]) for r in READ if r[0] == k and r[2] == "en"),
                                                     next((r[1], r[2]) for r in READ if r[0] == k and r[2] == "zh")]]


@pytest.mark.parametrize("kind,text,lang", FIRST)
def test_situation_rule_first(advisor, kind, text, lang):
    data = _account(text, zh=lang != "en", **({"opportunities": OPEN} if kind == "signer_unseen" else {}))
    top = _top(advisor, data, 1)
    assert top and top[0] in RULE[kind], f"{text!r}: #1 is {top}"


@pytest.mark.parametrize("kind,text,lang,why", [t for t in NOT_READ if t[3] == "ours"])
def test_our_own_news_fires_no_situation_rule(advisor, kind, text, lang, why):
    assert not set(_top(advisor, _account(text, zh=lang != "en"), 5)) & RULE[kind] - {
        "core.openings.pursue", "core.openings.window-closing", "core.roles.verify-authority-change"}


# --- who and when: history, someone else's company, the customer's person under our possessive, a rumour denied ---------
@pytest.mark.parametrize("kind,text,lang", [
    ("promotion", "Maria was promoted to operations director back in 2016 and has been our contact since.", "en"),
    ("owner_change", "鼎盛2018年被一家外资集团收购，整合早就完成了。", "zh"),
    ("customer_distress", "They had layoffs in 2019; the plant has grown since.", "en"),
    ("promotion", "小林五年前升任设备主管，一直是我们的窗口。", "zh"),
    ("customer_distress", "隔壁那家厂在裁员，跟鼎盛没关系。", "zh"),
    ("owner_change", "他们的同行被一家上市公司收购了。", "zh"),
    ("customer_distress", "Another plant in the same park laid off 200 people.", "en"),
    ("contact_left", "周总说小林离职是谣言，他不会走。", "zh"),
    ("promotion", "Pete hopes to be made head of engineering next year.", "en"),
])
def test_history_others_and_rumours_are_no_situation(vocabulary, kind, text, lang):
    # someone else's company is read as a competitor's (the customer's rules set it aside); history and rumour not at all
    s = _situations(vocabulary, _account(text, zh=lang != "en")).get(kind)
    assert s is None or s["actor"] == "competitor"


@pytest.mark.parametrize("kind,text,lang", [
    ("contact_left", "The buyer who had worked with us since 2019 resigned in October.", "en"),  # since: a state, not a date
    ("contact_left", "Our main contact in their lab resigned in October.", "en"),
    ("contact_left", "我们对接的仓库主管上个月离职了。", "zh"),
    ("promotion", "Our champion at the plant got promoted to operations manager.", "en"),
    ("contact_left", "我們的窗口陳工程師上個月跳槽了。", "zh_hant"),
])
def test_the_customers_person_under_our_possessive(vocabulary, kind, text, lang):
    s = _situations(vocabulary, _account(text, zh=lang != "en"))
    assert kind in s and s[kind]["actor"] == "customer"


@pytest.mark.parametrize("text,lang", [
    ("前任销售老马离职了，这个客户11月交接给我。", "zh"),
    ("Our former rep resigned, and the account was handed over to me in November.", "en"),
])
def test_our_predecessor_leaving_is_a_handover(vocabulary, text, lang):
    s = _situations(vocabulary, _account(text, zh=lang != "en"))
    assert "handover_to_rep" in s and "contact_left" not in s

"""Which indicator a figure reports, when its clause says so; none otherwise (money for one
facility or programme never takes aid_funds_total)."""

import pytest

from yuanjiang.ingest.extract import extract
from yuanjiang.ingest.text import Source


def labels(text: str) -> list[tuple[str, str | None]]:
    return [(f.text, f.indicator) for f in extract(Source(text, "text"))]


@pytest.mark.parametrize(("text", "figure", "code"), [
    ("三年来，共计安排援疆资金2.5亿元。", "2.5亿元", "aid_funds_total"),
    ("我们争取3亿多元的资金，帮助建立医院。", "3亿多元", "aid_funds_total"),
    ("主动投入计划外援疆资金5000余万元。", "5000余万元", "aid_funds_extra_plan"),
    ("援疆资金到位1.2亿元。", "1.2亿元", "aid_funds_arrived"),
    ("已拨付项目资金9000万元。", "9000万元", "aid_funds_disbursed"),
    ("累计安排援疆资金830万元，实施干部人才培训项目79个。", "830万元", "training_funds"),
    ("使招商引资到位资金由三年前的6亿元增加到去年的34亿元。", "34亿元", "investment_funds_in_place"),
    ("签约金额23.6亿元。", "23.6亿元", "investment_agreement_amount"),
    ("计划总投资180余亿元。", "180余亿元", "planned_investment"),
    ("实现农产品网络零售额超3000万元。", "超3000万元", "consumption_aid_sales"),
    ("2016年，阿勒泰市实现生产总值65.8亿元。", "65.8亿元", "recipient_gdp"),
    ("生产总值较2013年，增长了21%。", "21%", "recipient_gdp_growth"),
    ("其中85%以上的资金投入到了民生领域。", "85%以上", "livelihood_funds_share"),
    ("85.6%的资金用于县及县以下基层。", "85.6%", "grassroots_funds_share"),
    ("援疆资金到位率达到100%。", "100%", "aid_funds_arrival_rate"),
    ("资金拨付率为92.5%。", "92.5%", "aid_funds_disbursement_rate"),
    ("项目开工率100%。", "100%", "project_start_rate"),
    ("完工率为80%。", "80%", "project_completion_rate"),
    ("实施对口支援项目60个。", "60个", "aid_projects_total"),
    ("分为25大项。", "25大项", "aid_projects_total"),
    ("细化为596个小项。", "596个", "aid_subprojects_total"),
    ("新开工项目30个。", "30个", "projects_started"),
    ("建成项目28个。", "28个", "projects_completed"),
    ("牵头拜访各类企业、行业协会、产业基金等100余家。", "100余家", "enterprises_visited"),
    ("举办招商洽谈会9场。", "9场", "investment_fairs"),
    ("接待客商50余批次。", "50余批次", "merchant_delegations"),
    ("落地投资项目8个。", "8个", "investment_projects_landed"),
    ("引进招商项目12个。", "12个", "investment_projects_introduced"),
    ("新落户企业6家。", "6家", "enterprises_settled"),
    ("带动就业1100余人。", "1100余人", "jobs_created"),
    ("选派援疆教师45名、援疆医生38名。", "38名", "doctors_dispatched"),
    ("选派援疆教师45名、援疆医生38名。", "45名", "teachers_dispatched"),
    ("首批选派名校长、中层管理骨干和骨干教师共30名。", "30名", "teachers_dispatched"),
    ("24名援疆干部认真贯彻落实决策部署。", "24名", "cadres_dispatched"),
    ("从张家港市柔性引进109名人才。", "109名", "flexible_talent_introduced"),
    ("帮带培养本土人才311人。", "311人", "local_talent_mentored"),
    ("实施干部人才培训项目79个。", "79个", "training_projects"),
    ("411名干部人才走进张家港等地培养培训。", "411名", "cadres_trained"),
    ("培训农牧民4500余人。", "4500余人", "farmers_trained"),
    ("阿勒泰市的400余名干部到我市挂职锻炼。", "400余名", "local_cadres_seconded"),
    ("组团式帮扶医院3家。", "3家", "group_aid_hospitals"),
    ("组团式帮扶学校5所。", "5所", "group_aid_schools"),
    ("先后派出6个学习考察团。", "6个", "exchange_delegations"),
    ("开展文化润疆活动18场。", "18场", "cultural_events"),
    ("项目开工率、完工率分别达到100%和96.8%。", "100%", "project_start_rate"),
    ("项目开工率、完工率分别达到100%和96.8%。", "96.8%", "project_completion_rate"),
    ("累计引进鲁企业129家。", "129家", "enterprises_settled"),
    ("培养本地骨干人才3000余名。", "3000余名", "local_talent_mentored"),
])
def test_the_clause_says_what_the_figure_is(text, figure, code):
    assert (figure, code) in labels(text)


@pytest.mark.parametrize(("text", "figure"), [
    ("可克达拉市镇江高级中学是我省总投资2.46亿元修建的交钥匙工程。", "2.46亿元"),
    ("投资1500万元拍摄了电影。", "1500万元"),
    ("该院9个专科接受江苏9家医院重点支持。", "9个"),
    ("共计300人参加会议。", "300人"),
    ("其中民生项目26个。", "26个"),
    ("走访了全县14个乡镇。", "14个"),
    ("代表团一行28人赴疆考察。", "28人"),
    ("分别占全省援疆资金和项目的近一半。", "近一半"),
    ("3名同志被评为优秀援疆干部人才。", "3名"),
    ("实施援疆项目521个，其中新建项目317个、续建项目204个。", "204个"),
])
def test_no_label_when_the_clause_does_not_say(text, figure):
    assert (figure, None) in labels(text)

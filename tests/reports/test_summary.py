"""The work summary: written from the figures of the indicators layer in the official style,
a sentence only where its figures are, every number traced to the value it states, and the
approved snapshot once the period is approved."""

import datetime as dt
import re
from decimal import Decimal

import pytest

from tests.factories import AllocationFactory, ProjectFactory, advance, disburse
from yuanjiang.core.scope import PLATFORM
from yuanjiang.indicators.models import Indicator
from yuanjiang.indicators.scopes import Period, Scope, parse_period, parse_scope
from yuanjiang.indicators.selectors import figures
from yuanjiang.indicators.services import (
    approval_approve,
    approval_for,
    approval_submit,
    report_value,
)
from yuanjiang.projects.services import ArrivalService
from yuanjiang.reports.document import Section, to_markdown
from yuanjiang.reports.services import paragraph_texts
from yuanjiang.reports.summary import locate, write_summary

pytestmark = pytest.mark.django_db
D = dt.date
M = Decimal
YEAR = Period.of_year(2021)


@pytest.fixture
def plan(world):
    """张家港→巩留, 2021 (yuan), every project in 巩留县 and new, in plan:

    P1 民生 5,000,000 (省级财政), started 2021-04-10, paid 2,500,000 on 2021-05-01
    P2 组团式医疗 3,700,000 (省级财政), approved
    P3 产业 1,300,000 (市级财政), in the pipeline
    arrived 9,000,000 (省级财政) on 2021-03-20

    funds 10,000,000 = 1000万元; 3 projects; livelihood 8,700,000 / 10,000,000 = 87.00%
    (85%以上); grassroots 100%; arrived 900万元, 90%; paid 250万元, 25%; started 1 of 3 new
    = 33.33% (约33.3%); nothing completed (0%), no items, nothing beyond the plan.
    """
    g = world.gongliu
    p1 = ProjectFactory(command=g, code="P1", category="livelihood", budget=M("5000000.00"))
    p2 = ProjectFactory(command=g, code="P2", category="group_medical", livelihood_kind="",
                        budget=M("3700000.00"))
    p3 = ProjectFactory(command=g, code="P3", category="industry", budget=M("1300000.00"))
    AllocationFactory(command=g, project=p1, amount=M("5000000.00"))
    AllocationFactory(command=g, project=p2, amount=M("3700000.00"))
    AllocationFactory(command=g, project=p3, amount=M("1300000.00"), source="municipal")
    ArrivalService.create(acting_user=None, data={
        "command": g, "source": "provincial", "account": "command", "date": D(2021, 3, 20),
        "amount": M("9000000.00")})
    advance(p1, "approved", D(2021, 3, 1))
    advance(p1, "started", D(2021, 4, 10))
    advance(p2, "approved", D(2021, 3, 1))
    disburse(p1, "2500000.00", D(2021, 5, 1))
    return {"p1": p1, "p2": p2, "p3": p3}


def gongliu(world) -> Scope:
    return Scope("command", command=world.gongliu)


def report(world, indicator: str, value: str, scope: Scope | None = None, period: Period = YEAR,
           **fields):
    return report_value(acting_user=None, indicator=Indicator.objects.get(code=indicator),
                        scope=scope or gongliu(world), period=period, value=M(value), **fields)


def rendered(scope: Scope, period: Period = YEAR, user=PLATFORM):
    summary = write_summary(user, scope, period)
    md = to_markdown(summary.document)
    trace = locate(summary.trace, paragraph_texts(summary.document.blocks), md)
    return summary, md, trace


def headings(summary) -> list[str]:
    return [b.heading for b in summary.document.blocks if isinstance(b, Section)]


def body(summary) -> str:
    return "\n".join(paragraph_texts(summary.document.blocks))


# --- the overview ------------------------------------------------------------------------------


def test_the_overview_states_funds_projects_shares_and_rates(world, plan):
    summary, md, _trace = rendered(gongliu(world))
    assert summary.document.title == "张家港市对口支援巩留县2021年援疆工作总结"
    assert summary.document.issuer == "张家港援巩留工作组"
    paragraphs = paragraph_texts(summary.document.blocks)
    assert paragraphs[0].startswith("2021年，张家港援巩留工作组认真贯彻落实")
    assert paragraphs[1] == ("2021年，共计安排援疆资金1000万元，实施对口支援项目3个，"
                             "其中85%以上的资金投入到了民生领域，100%的资金投向县及县以下基层。")
    assert paragraphs[2].startswith("援疆资金到位900万元，到位率90%；拨付250万元，拨付率25%；"
                                    "已开工项目1个，开工率约33.3%")
    assert not summary.approved


def test_zero_counts_and_sums_are_not_stated(world, plan):
    summary, _md, _trace = rendered(gongliu(world))
    text = body(summary)
    f = summary.figures
    assert f.value("aid_subprojects_total") == 0 and f.value("projects_completed") == 0
    assert f.value("aid_funds_extra_plan") == 0
    for words in ("含子项目", "已完工项目", "计划外资金", "0个", "0元"):
        assert words not in text, words


def test_sections_appear_only_with_their_figures(world, plan):
    summary, _md, _trace = rendered(gongliu(world))
    assert headings(summary) == ["民生援疆"]
    livelihood = summary.document.blocks[-1].blocks[0].text
    assert livelihood == ("坚持把保障和改善民生作为援疆工作的出发点和落脚点，85%以上的援疆资金用于民生领域，"
                          "其中民生类项目资金500万元、组团式医疗类项目资金370万元。")
    for heading in ("产业援疆", "智力援疆", "就业援疆", "文化润疆", "干部人才管理"):
        assert heading not in to_markdown(summary.document)

    report(world, "enterprises_visited", "100", qualifier="more_than")
    summary, md, _trace = rendered(gongliu(world))
    assert headings(summary) == ["民生援疆", "产业援疆"]
    assert "## 二、产业援疆\n\n围绕受援地特色优势产业精准招商，拜访企业和机构100余家。" in md

    report(world, "local_talent_mentored", "311")
    report(world, "jobs_created", "0")  # a zero: no sentence, no section
    summary, md, _trace = rendered(gongliu(world))
    assert headings(summary) == ["民生援疆", "智力援疆", "产业援疆"]
    assert "坚持“输血”与“造血”相结合，帮带培养本土人才311人。" in md
    assert "就业援疆" not in md and "带动就业" not in md


def test_no_figure_no_sentence(world):
    # Nothing recorded or reported for 阿勒泰: the opening words and nothing else.
    altay = Scope("command", command=world.altay)
    summary, md, trace = rendered(altay)
    assert trace == [] and headings(summary) == []
    assert len(paragraph_texts(summary.document.blocks)) == 1
    for words in ("共计安排援疆资金", "实施对口支援项目", "到位", "拨付", "%"):
        assert words not in md, words

    # A reported total without a project count: the funds, never a guessed count.
    report(world, "aid_funds_total", "250000000", scope=altay)
    summary, md, trace = rendered(altay)
    assert "2021年，共计安排援疆资金2.5亿元。" in md
    assert "实施对口支援项目" not in md and "民生领域" not in md
    assert [t["code"] for t in trace] == ["aid_funds_total"]


# --- the trace ---------------------------------------------------------------------------------


def check_trace(summary, md, trace):
    f = summary.figures
    for t in trace:
        assert md[t["start"]:t["end"]] == t["text"], t
        assert t["value"] == str(f.get(t["code"]).value), t
        assert t["qualifier"] == f.get(t["code"]).qualifier
    covered = [(t["start"], t["end"]) for t in trace]
    seen = 0
    for para in paragraph_texts(summary.document.blocks):
        base = md.index(para)
        for m in re.finditer(r"\d+(?:\.\d+)?", para):
            if para[m.end():m.end() + 1] in ("年", "月", "—"):
                continue  # when the summary is about (2021年, 1—3月), not a figure
            at = base + m.start()
            assert any(s <= at and base + m.end() <= e for s, e in covered), (m.group(), para)
            seen += 1
    return seen


def test_every_number_in_the_text_is_traced_to_its_figure(world, plan):
    report(world, "enterprises_visited", "100", qualifier="more_than")
    report(world, "local_talent_mentored", "311")
    summary, md, trace = rendered(gongliu(world))
    # 15: no project has been completed, so neither 已完工项目 nor 完工率 is stated.
    assert check_trace(summary, md, trace) == len(trace) == 15
    by_text = {(t["code"], t["part"]): t for t in trace}
    total = by_text[("aid_funds_total", "")]
    assert (total["text"], total["value"], total["written_value"], total["written_qualifier"]) == (
        "1000万元", "10000000.00", "10000000.00", "exact")
    share = by_text[("livelihood_funds_share", "")]
    assert (share["text"], share["value"], share["written_value"], share["written_qualifier"]) == (
        "85%以上", "87.00", "85", "at_least")
    rate = by_text[("project_start_rate", "")]
    assert (rate["text"], rate["value"], rate["written_value"], rate["written_qualifier"]) == (
        "约33.3%", "33.33", "33.3", "about")
    visited = by_text[("enterprises_visited", "")]
    assert (visited["text"], visited["qualifier"], visited["source"]) == ("100余家", "more_than",
                                                                          "reported")
    assert visited["value_ids"] and visited["value_ids"] == list(
        summary.figures.get("enterprises_visited").value_ids)
    medical = by_text[("aid_funds_total", "group_medical")]
    assert (medical["text"], medical["written_value"]) == ("370万元", "3700000.00")


def test_the_trace_of_a_batch_summary_with_charts(world, plan):
    period = parse_period("batch", gongliu(world))
    summary, md, trace = rendered(gongliu(world), period)
    assert summary.document.title == "张家港市对口支援巩留县第十批援疆工作总结"
    assert "*图1 援疆资金分年度安排和拨付情况（单位：万元）*" in md
    assert "*图2 援疆资金按项目类别分布（单位：万元）*" in md
    assert "| 2021年 | 1000 | 250 |" in md
    assert check_trace(summary, md, trace) == len(trace) > 0


def test_a_month_is_written_year_to_date(world, plan):
    summary, md, trace = rendered(gongliu(world), parse_period("2021-03"))
    assert summary.document.title == "张家港市对口支援巩留县2021年1—3月援疆工作情况"
    assert "2021年1—3月，共计安排援疆资金1000万元" in md
    # Arrived on 20 March, nothing paid before May: no amount paid, so no rate of payment
    # either (a rate is stated with its amount).
    assert "援疆资金到位900万元，到位率90%；" in md
    assert "拨付率" not in md and "拨付250万元" not in md
    assert check_trace(summary, md, trace) == len(trace)


# --- approved periods --------------------------------------------------------------------------


def test_an_approved_period_states_the_approved_figures(world, plan):
    approval = approval_for(gongliu(world), YEAR, acting_user=None)
    approval_submit(approval, acting_user=world.staff_gongliu)
    approval_approve(approval, acting_user=world.js_office)
    # Records change after approval: today's figure moves, the summary does not.
    AllocationFactory(command=world.gongliu, project=plan["p3"], amount=M("2000000.00"),
                      source="municipal")
    assert figures(PLATFORM, gongliu(world), YEAR).value("aid_funds_total") == M("12000000.00")
    summary, md, trace = rendered(gongliu(world))
    assert summary.approved
    assert "共计安排援疆资金1000万元" in md and "1200万元" not in md
    total = next(t for t in trace if t["code"] == "aid_funds_total" and not t["part"])
    assert total["value"] == "10000000.00"
    assert check_trace(summary, md, trace) == len(trace)
    # Another year of the same command is not approved: today's figures.
    other = write_summary(PLATFORM, gongliu(world), Period.of_year(2022))
    assert not other.approved


def test_the_summary_is_the_users_view(world, plan):
    # 吉林市's staff do not reach 张家港's records.
    summary, md, trace = rendered(gongliu(world), user=world.staff_altay)
    assert trace == [] and "共计安排援疆资金" not in md
    summary, md, trace = rendered(gongliu(world), user=world.staff_gongliu)
    assert "共计安排援疆资金1000万元" in md


# --- the demo ---------------------------------------------------------------------------------


def test_the_demo_batch_summary_states_the_published_figures(demo):
    scope = parse_scope("command:320582-654024:10")
    summary, md, trace = rendered(scope, parse_period("batch", scope))
    text = body(summary)
    for words in ("2.5亿元", "60个", "85%以上", "拜访企业和机构100余家", "帮带培养本土人才311人",
                  "柔性引进各类人才109人", "举办招商洽谈推介会9场", "接待客商50余批次",
                  "落地投资项目8个", "实施干部人才培训项目79个", "投入培训资金830万元",
                  "培训干部人才411人", "销售受援地产品超3000万元"):
        assert words in text, words
    assert "共计安排援疆资金2.5亿元" in text and "实施对口支援项目60个" in text
    assert check_trace(summary, md, trace) == len(trace)


def test_the_demo_summarys_activity_figures_are_computed_from_records(demo):
    """The figures of 产业援疆 and 智力援疆 come from the records now, not from the values
    reported by hand (which stay in the platform, with their texts)."""
    scope = parse_scope("command:320582-654024:10")
    summary, _md, trace = rendered(scope, parse_period("batch", scope))
    sources = {t["code"]: t["source"] for t in trace}
    for code in ("enterprises_visited", "investment_fairs", "merchant_delegations",
                 "investment_projects_landed", "training_projects", "training_funds",
                 "cadres_trained", "local_talent_mentored", "consumption_aid_sales",
                 "flexible_talent_introduced"):
        assert sources[code] == "computed", code
    by_code = {t["code"]: t for t in trace}
    assert by_code["enterprises_visited"]["value"] == "104"
    assert by_code["enterprises_visited"]["written_qualifier"] == "more_than"
    assert Decimal(by_code["consumption_aid_sales"]["value"]) > Decimal("30000000")


def test_every_figure_of_the_demo_summaries_extracts_back_to_what_it_states(demo):
    """The summaries of every demo command, for the batch and each of its years: each number
    written is found again by `yuanjiang extract` at its place, with the value and qualifier
    the summary meant; and nothing else in the text is taken for a figure."""
    from yuanjiang.core.models import Command
    from yuanjiang.ingest.extract import extract
    from yuanjiang.ingest.text import Source

    checked = 0
    for command in Command.objects.all():
        scope = Scope("command", command=command)
        for key in ["batch", *map(str, Period.of_batch(command.batch).years)]:
            summary, md, trace = rendered(scope, parse_period(key, scope))
            found = {(f.start, f.end): f for f in extract(Source(md, "text"))}
            for t in trace:
                f = found.pop((t["start"], t["end"]), None)
                assert f is not None, (command.name, key, t["text"])
                assert (Decimal(str(f.value)), f.qualifier) == (
                    Decimal(t["written_value"]), t["written_qualifier"]), (command.name, key, t["text"])
                checked += 1
            assert not found, [f.text for f in found.values()]
    assert checked > 300

"""The statistical tables (.xlsx): four sheets with Chinese headers, a frozen header row,
number formats, and totals that are the dashboard's figures."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.factories import AllocationFactory, ProjectFactory, advance, build_people, disburse, region
from yuanjiang.core.scope import PLATFORM
from yuanjiang.indicators.models import Indicator
from yuanjiang.indicators.scopes import Period, Scope
from yuanjiang.indicators.selectors import figures
from yuanjiang.indicators.services import (
    approval_approve,
    approval_for,
    approval_submit,
    report_value,
)
from yuanjiang.reports.tables import statistical_tables

pytestmark = pytest.mark.django_db
D = dt.date
M = Decimal
YEAR = Period.of_year(2021)


@pytest.fixture
def plan(world):
    """张家港→巩留, 2021 (yuan):

    P1 民生 (巩留县) budget 8,000,000: 6,000,000 省级财政 (2021) + 999.99 (2022); item P1-1
       (budget 1,000,000) holds 400,000 省级财政; paid 3,000,000 (2021-05-01) and
       1,000,000 (2022-01-10)
    P2 产业 budget 2,000,000: 2,000,000 市级财政
    P3 组团式医疗 (伊犁州) budget 1,500,000: 1,500,000 省级财政; paid 1,500,000
    P4 文化润疆 budget 500,000: 500,000 计划外; paid 200,000
    pool (no project): 1,000,000 市级财政

    2021 funds: 省级财政 6,000,000 + 400,000 + 1,500,000 = 7,900,000; 市级财政 3,000,000;
    计划外 500,000; in all 11,400,000. Progress (to 2021-12-31): top-level budgets
    12,000,000, allocated 10,400,000 (P1 with its item 6,400,000), paid 4,700,000 = 45.19%.
    People (build_people): in 巩留 a cadre on post all 2021 and a teacher whose 18 months end
    2021-08-31: 2 posted, 1 on post at 2021-12-31.
    """
    g = world.gongliu
    p1 = ProjectFactory(command=g, code="P1", category="livelihood", budget=M("8000000.00"))
    item = ProjectFactory(command=g, code="P1-1", parent=p1, budget=M("1000000.00"))
    p2 = ProjectFactory(command=g, code="P2", category="industry", budget=M("2000000.00"))
    p3 = ProjectFactory(command=g, code="P3", category="group_medical", livelihood_kind="",
                        region=region("654000"), build_kind="continuing", budget=M("1500000.00"))
    p4 = ProjectFactory(command=g, code="P4", category="culture", livelihood_kind="", in_plan=False,
                        budget=M("500000.00"))
    AllocationFactory(command=g, project=p1, amount=M("6000000.00"))
    AllocationFactory(command=g, project=p1, amount=M("999.99"), year=2022)
    AllocationFactory(command=g, project=item, amount=M("400000.00"))
    AllocationFactory(command=g, project=p2, amount=M("2000000.00"), source="municipal")
    AllocationFactory(command=g, project=p3, amount=M("1500000.00"))
    AllocationFactory(command=g, project=p4, amount=M("500000.00"), source="extra_plan")
    AllocationFactory(command=g, project=None, amount=M("1000000.00"), source="municipal")
    advance(p1, "approved", D(2021, 3, 1))
    advance(p1, "started", D(2021, 4, 10))
    disburse(p1, "3000000.00", D(2021, 5, 1))
    disburse(p1, "1000000.00", D(2022, 1, 10))
    advance(p3, "completed", D(2021, 9, 1))
    disburse(p3, "1500000.00", D(2021, 9, 15))
    advance(p4, "started", D(2021, 5, 1))
    disburse(p4, "200000.00", D(2021, 6, 1))
    build_people(world)
    return {"p1": p1, "item": item, "p2": p2, "p3": p3, "p4": p4}


def gongliu(world) -> Scope:
    return Scope("command", command=world.gongliu)


def workbook(user, scope, period=YEAR):
    return load_workbook(io.BytesIO(statistical_tables(user, scope, period)))


def rows(ws) -> list[list]:
    """The body rows under the header (row 3), as values."""
    return [list(r) for r in ws.iter_rows(min_row=4, values_only=True)]


def by_label(ws, column: int = 1) -> dict:
    return {r[column - 1]: r for r in rows(ws)}


def test_four_sheets_with_headers_frozen_below_them(world, plan):
    wb = workbook(PLATFORM, gongliu(world))
    assert wb.sheetnames == ["主要指标", "资金来源与类别", "项目进度", "干部人才"]
    for ws in wb:
        assert ws.freeze_panes == "A4", ws.title
        assert "张家港援巩留工作组\u30002021年" in ws["A1"].value
    assert [c.value for c in wb["主要指标"][3]] == ["指标", "代码", "数值", "单位", "限定", "来源", "说明"]
    assert [c.value for c in wb["资金来源与类别"][3]] == [
        "项目类别", "省级财政（元）", "市级财政（元）", "计划外（元）", "合计（元）"]
    assert [c.value for c in wb["干部人才"][3]] == ["人员类别", "选派人数", "在岗人数", "在岗率"]


def test_main_figures_with_their_formats(world, plan):
    ws = workbook(PLATFORM, gongliu(world))["主要指标"]
    f = figures(PLATFORM, gongliu(world), YEAR)
    cells = {ws.cell(r, 2).value: ws.cell(r, 3) for r in range(4, ws.max_row + 1)}
    assert set(cells) == {code for code, _f in f.items()}
    assert cells["aid_funds_total"].value == 11400000
    assert cells["aid_funds_total"].number_format == "#,##0.00"
    assert cells["aid_funds_disbursed"].value == 4700000
    assert cells["aid_funds_disbursement_rate"].number_format == "0.00%"
    # 4,700,000 ÷ 10,400,000 = 45.19%, stored as a fraction.
    assert cells["aid_funds_disbursement_rate"].value == pytest.approx(0.4519)
    assert cells["aid_projects_total"].value == 4
    assert cells["aid_projects_total"].number_format == "#,##0"
    assert cells["people_on_post"].value == 1


def test_the_funds_table_adds_up_to_the_funds_total(world, plan):
    ws = workbook(PLATFORM, gongliu(world))["资金来源与类别"]
    table = by_label(ws)
    assert list(table) == ["民生", "产业", "文化润疆", "组团式医疗", "未落实到项目", "合计"]
    assert table["民生"] == ["民生", 6400000, 0, 0, 6400000]
    assert table["未落实到项目"] == ["未落实到项目", 0, 1000000, 0, 1000000]
    total = figures(PLATFORM, gongliu(world), YEAR).value("aid_funds_total")
    assert total == M("11400000.00")
    assert table["合计"] == ["合计", 7900000, 3000000, 500000, 11400000]
    assert M(str(table["合计"][-1])) == total
    # Every row adds up across, every column down.
    body = [r for label, r in table.items() if label != "合计"]
    for r in body:
        assert sum(r[1:-1]) == r[-1]
    for col in range(1, 5):
        assert sum(r[col] for r in body) == table["合计"][col]
    last = ws.max_row
    assert ws.cell(last, 1).font.bold
    for col in range(2, 6):
        assert ws.cell(4, col).number_format == "#,##0.00"
        assert ws.cell(last, col).number_format == "#,##0.00"


def test_project_progress_totals_are_the_top_level_projects(world, plan):
    ws = workbook(PLATFORM, gongliu(world))["项目进度"]
    table = rows(ws)
    codes = [r[1] for r in table[:-1]]
    assert codes == ["P1", "P1-1", "P2", "P3", "P4"]
    p1 = table[0]
    assert p1[5:9] == [8000000, 6400000, 3000000, pytest.approx(0.4688)]
    assert table[1][2].startswith("\u3000└ ")  # an item, under its project
    tops = [r for r in table[:-1] if not r[2].startswith("\u3000└")]
    total = table[-1]
    assert total[2] == "合计（不含小项重复）"
    assert total[5] == sum(r[5] for r in tops) == 12000000
    assert total[6] == sum(r[6] for r in tops) == 10400000
    assert total[7] == sum(r[7] for r in tops) == 4700000
    assert total[8] == pytest.approx(0.4519)
    for col, fmt in ((6, "#,##0.00"), (7, "#,##0.00"), (8, "#,##0.00"), (9, "0.00%")):
        assert ws.cell(4, col).number_format == fmt
        assert ws.cell(ws.max_row, col).number_format == fmt
    assert "资金截至 2021-12-31" in ws["A2"].value


def test_the_people_table_adds_up_to_people_on_post(world, plan):
    ws = workbook(PLATFORM, gongliu(world))["干部人才"]
    table = by_label(ws)
    assert list(table) == ["党政干部", "专业技术人才", "合计"]
    assert table["党政干部"][:3] == ["党政干部", 1, 1]
    assert table["专业技术人才"][:3] == ["专业技术人才", 1, 0]
    f = figures(PLATFORM, gongliu(world), YEAR)
    assert table["合计"][2] == f.value("people_on_post") == 1
    assert table["合计"][1] == f.value("cadres_dispatched") == 2
    assert table["合计"][3] == pytest.approx(float(f.value("on_post_rate")) / 100)
    assert ws.cell(ws.max_row, 4).number_format == "0.00%"
    assert ws.cell(4, 2).number_format == "#,##0"


def test_reported_figures_and_approval_are_marked(world, plan):
    report_value(acting_user=None, indicator=Indicator.objects.get(code="enterprises_visited"),
                 scope=gongliu(world), period=YEAR, value=M("100"), qualifier="more_than",
                 note="据总结")
    approval = approval_for(gongliu(world), YEAR, acting_user=None)
    approval_submit(approval, acting_user=world.staff_gongliu)
    approval_approve(approval, acting_user=world.js_office)
    AllocationFactory(command=world.gongliu, project=plan["p2"], amount=M("1.00"),
                      source="municipal")  # after approval: the tables keep the snapshot
    wb = workbook(PLATFORM, gongliu(world))
    ws = wb["主要指标"]
    assert ws["A1"].value.startswith("主要指标（已审核）")
    main = {r[1]: r for r in rows(ws)}
    assert main["enterprises_visited"][2:] == [100, "家", "余（多于）", "人工填报", "据总结"]
    assert main["aid_funds_total"][2] == 11400000
    assert by_label(wb["资金来源与类别"])["合计"][-1] == 11400000


def test_a_scope_without_records_gives_empty_tables(world):
    wb = workbook(PLATFORM, Scope("command", command=world.altay))
    assert wb.sheetnames == ["主要指标", "资金来源与类别", "项目进度", "干部人才"]
    for ws in wb:
        assert ws.max_row <= 3 and ws.freeze_panes == "A4"

"""The project plan and disbursements in Excel: template, every bad row named, atomic import,
update by code, export in the same columns, and the monthly progress table."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import transaction
from openpyxl import load_workbook

from tests.factories import AllocationFactory, ProjectFactory, advance, disburse, region, workbook
from yuanjiang.core.imports import ImportFailed
from yuanjiang.core.models import ObjectChange
from yuanjiang.core.sheets import read_rows
from yuanjiang.projects import sheets
from yuanjiang.projects.models import Allocation, Disbursement, Project
from yuanjiang.projects.selectors import Narrow

pytestmark = pytest.mark.django_db
D = dt.date
M = Decimal


def plan_row(**over):
    values = {
        "项目编号": "GL-2021-001", "项目名称": "巩留县第二小学教学楼", "项目所在地": "巩留县",
        "项目类别": "民生", "民生子类": "教育", "计划年度": 2021, "总投资（元）": 12000000,
        "计划开工日期": "2021-04-01", "计划完工日期": "2021-11-30", "建设方式": "交钥匙",
        "立项日期": "2021-03-10", "本年安排资金（元）": "8,000,000.00", "资金来源": "省级财政",
    }
    values.update(over)
    return values


def import_plan(world, rows, user=None, headers=None):
    data = workbook(sheets.PLAN, rows, headers)
    return sheets.import_plan(read_rows(data, sheets.PLAN), world.gongliu,
                              acting_user=user or world.staff_gongliu)


def import_disbursements(world, rows, user=None):
    data = workbook(sheets.DISBURSEMENTS, rows)
    return sheets.import_disbursements(read_rows(data, sheets.DISBURSEMENTS), world.gongliu,
                                       acting_user=user or world.staff_gongliu)


def refused(fn, *args) -> list[str]:
    """Run an import that must fail; check it wrote nothing; return its errors as text."""
    counts = (Project.objects.count(), Allocation.objects.count(), Disbursement.objects.count(),
              ObjectChange.objects.count())
    with pytest.raises(ImportFailed) as exc, transaction.atomic():
        fn(*args)
    assert (Project.objects.count(), Allocation.objects.count(), Disbursement.objects.count(),
            ObjectChange.objects.count()) == counts
    return [str(e) for e in exc.value.errors]


def test_template_has_the_columns_dropdowns_and_instructions():
    wb = load_workbook(io.BytesIO(sheets.plan_template()))
    ws = wb["项目计划"]
    assert [c.value for c in ws[1]] == sheets.PLAN.headers
    assert ws.freeze_panes == "A2"
    formulas = " ".join(dv.formula1 for dv in ws.data_validations.dataValidation)
    assert "组团式医疗" in formulas and "交钥匙" in formulas
    assert "填写说明" in wb.sheetnames
    assert [c.value for c in load_workbook(io.BytesIO(sheets.disbursement_template()))["资金拨付"][1]] == [
        "项目编号", "拨付日期", "金额（元）", "凭证号", "备注"]


def test_plan_import_creates_approves_and_allocates(world):
    counts = import_plan(world, [
        plan_row(),
        plan_row(**{"项目编号": "GL-2021-001-1", "所属大项编号": "GL-2021-001",
                    "项目名称": "教学楼附属操场", "总投资（元）": 2000000, "立项日期": None,
                    "本年安排资金（元）": None, "资金来源": None}),
        plan_row(**{"项目编号": "GL-2021-002", "项目名称": "特色农产品展销中心", "项目类别": "产业",
                    "民生子类": None, "项目所在地": "654024", "计划内": "否",
                    "本年安排资金（元）": 1500000.5, "资金来源": "计划外", "固定资产投资": "否"}),
    ])
    assert (counts["created"], counts["updated"], counts["allocations"]) == (3, 0, 2)
    school = Project.objects.get(code="GL-2021-001")
    assert (school.stage, school.approved_on, school.delivery_mode) == ("approved", D(2021, 3, 10),
                                                                        "turnkey")
    assert school.allocations.get().amount == M("8000000.00")
    assert Project.objects.get(code="GL-2021-001-1").parent == school
    shop = Project.objects.get(code="GL-2021-002")
    assert (shop.in_plan, shop.fixed_asset, shop.is_livelihood) == (False, False, False)
    assert shop.allocations.get().amount == M("1500000.50")
    log = ObjectChange.objects.filter(content_type__model="project", object_id=str(school.pk))
    assert log.first().user == world.staff_gongliu


def test_plan_import_updates_by_code(world):
    import_plan(world, [plan_row()])
    counts = import_plan(world, [plan_row(**{"项目名称": "巩留县第二小学教学楼（含风雨操场）",
                                            "本年安排资金（元）": "9000000"})])
    assert (counts["created"], counts["updated"]) == (0, 1)
    school = Project.objects.get(code="GL-2021-001")
    assert school.name.endswith("（含风雨操场）")
    assert school.allocations.get().amount == M("9000000.00")  # updated, not added


def test_every_bad_plan_row_is_named_and_nothing_written(world):
    ProjectFactory(command=world.altay, code="ALT-1", region=region("654301"), plan_year=2015)
    errors = refused(import_plan, world, [
        plan_row(),
        plan_row(**{"项目编号": "GL-2", "总投资（元）": "一千二百万"}),
        plan_row(**{"项目编号": "GL-3", "计划年度": "二〇二一"}),
        plan_row(**{"项目编号": "GL-4", "项目所在地": "阿勒泰市"}),
        plan_row(**{"项目编号": "GL-5", "项目类别": "民生工程"}),
        plan_row(**{"项目编号": "GL-6", "计划开工日期": "2021-13-01"}),
        plan_row(**{"项目编号": "ALT-1"}),
        plan_row(**{"项目编号": "GL-7", "所属大项编号": "NOPE"}),
        plan_row(**{"项目编号": "GL-8", "本年安排资金（元）": "-5"}),
        plan_row(**{"项目编号": "GL-9", "资金来源": None}),
        plan_row(),  # GL-2021-001 again
    ])
    text = "\n".join(errors)
    for expected in [
        "第 3 行“总投资（元）”列：“一千二百万”不是金额",
        "第 4 行“计划年度”列：“二〇二一”不是整数",
        "第 7 行“计划开工日期”列：“2021-13-01”不是有效日期",
        "第 6 行“项目类别”列：“民生工程”不是可选值",
        "第 12 行“项目编号”列：与第 2 行重复",
    ]:
        assert expected in text, text
    # Once the cells are sound, the rows are checked against the records.
    errors = refused(import_plan, world, [
        plan_row(),
        plan_row(**{"项目编号": "GL-4", "项目所在地": "阿勒泰市"}),
        plan_row(**{"项目编号": "ALT-1"}),
        plan_row(**{"项目编号": "GL-7", "所属大项编号": "NOPE"}),
        plan_row(**{"项目编号": "GL-8", "本年安排资金（元）": "-5"}),
        plan_row(**{"项目编号": "GL-9", "资金来源": None}),
        plan_row(**{"项目编号": "GL-10", "民生子类": None}),
        plan_row(**{"项目编号": "GL-11", "计划年度": 2019}),
    ])
    text = "\n".join(errors)
    for expected in [
        "第 3 行“项目所在地”列：“阿勒泰市”不是",
        "第 4 行“项目编号”列：项目编号“ALT-1”已属于吉林市援阿勒泰工作队",
        "第 5 行“所属大项编号”列：项目编号“NOPE”不存在",
        "第 6 行“本年安排资金（元）”列：金额须大于零",
        "第 7 行“资金来源”列：填写了本年安排资金时，须填写资金来源",
        "第 8 行“民生子类”列：民生项目请选择民生子类",
        "第 9 行“计划年度”列：年度 2019 不在",
    ]:
        assert expected in text, text


def test_plan_with_a_missing_column_or_not_excel(world):
    headers = [h for h in sheets.PLAN.headers if h != "项目类别"]
    assert refused(import_plan, world, [plan_row()], None, headers) == ["第 1 行“项目类别”列：缺少这一列。"]
    with pytest.raises(ImportFailed, match="不是 Excel 工作簿"):
        read_rows(b"%PDF-1.4 not a workbook", sheets.PLAN)


def test_disbursement_import_checks_the_allocation_and_updates_by_voucher(world):
    import_plan(world, [plan_row()])
    counts = import_disbursements(world, [
        {"项目编号": "GL-2021-001", "拨付日期": "2021-04-15", "金额（元）": 3000000, "凭证号": "巩援拨〔2021〕1号"},
        {"项目编号": "GL-2021-001", "拨付日期": "2021/6/30", "金额（元）": "2,000,000.00",
         "凭证号": "巩援拨〔2021〕2号"},
    ])
    assert (counts["created"], counts["updated"]) == (2, 0)
    counts = import_disbursements(world, [
        {"项目编号": "GL-2021-001", "拨付日期": "2021-06-30", "金额（元）": "2500000", "凭证号": "巩援拨〔2021〕2号"},
    ])
    assert (counts["created"], counts["updated"]) == (0, 1)
    assert sum(Disbursement.objects.values_list("amount", flat=True)) == M("5500000.00")


def test_bad_disbursement_rows_are_named_and_nothing_written(world):
    import_plan(world, [plan_row()])
    errors = refused(import_disbursements, world, [
        {"项目编号": "GL-2021-001", "拨付日期": "2021-04-15", "金额（元）": 5000000, "凭证号": "A1"},
        {"项目编号": "GL-2021-001", "拨付日期": "2021-04-16", "金额（元）": 3000000.01, "凭证号": "A2"},
        {"项目编号": "XX-404", "拨付日期": "2021-04-16", "金额（元）": 1, "凭证号": "A3"},
        {"项目编号": "GL-2021-001", "拨付日期": "2021-04-16", "金额（元）": "三百万", "凭证号": "A4"},
        {"项目编号": "GL-2021-001", "拨付日期": "2021-04-16", "金额（元）": -10, "凭证号": "A5"},
        {"项目编号": "GL-2021-001", "拨付日期": "2021-03-01", "金额（元）": 10, "凭证号": "A6"},
    ])
    text = "\n".join(errors)
    assert "第 5 行“金额（元）”列：“三百万”不是金额" in text
    errors = refused(import_disbursements, world, [
        {"项目编号": "GL-2021-001", "拨付日期": "2021-04-15", "金额（元）": 5000000, "凭证号": "A1"},
        {"项目编号": "GL-2021-001", "拨付日期": "2021-04-16", "金额（元）": 3000000.01, "凭证号": "A2"},
        {"项目编号": "XX-404", "拨付日期": "2021-04-16", "金额（元）": 1, "凭证号": "A3"},
        {"项目编号": "GL-2021-001", "拨付日期": "2021-04-16", "金额（元）": -10, "凭证号": "A5"},
        {"项目编号": "GL-2021-001", "拨付日期": "2021-03-01", "金额（元）": 10, "凭证号": "A6"},
    ])
    text = "\n".join(errors)
    for expected in [
        "第 3 行“金额（元）”列：“巩留县第二小学教学楼”累计拨付将达 8,000,000.01 元，超过已安排资金 8,000,000.00 元",
        "第 4 行“项目编号”列：项目编号“XX-404”不存在",
        "第 5 行“金额（元）”列：金额须大于零",
        "第 6 行“拨付日期”列：拨付日期不能早于项目立项日期（2021-03-10）",
    ]:
        assert expected in text, text


def test_disbursements_of_another_command_are_refused(world):
    other = ProjectFactory(command=world.altay, code="ALT-9", region=region("654301"), plan_year=2015)
    errors = refused(import_disbursements, world, [
        {"项目编号": other.code, "拨付日期": "2021-04-15", "金额（元）": 1, "凭证号": "Z"}])
    assert errors == ["第 2 行“项目编号”列：项目“ALT-9”不属于张家港援巩留工作组。"]


def test_plan_export_reads_back_as_the_same_plan(world):
    import_plan(world, [plan_row()])
    data = sheets.plan_export(Project.objects.all())
    rows = read_rows(data, sheets.PLAN)
    assert rows[0].values["code"] == "GL-2021-001"
    assert rows[0].values["allocation"] == M("8000000.00") and rows[0].values["source"] == "provincial"
    counts = sheets.import_plan(rows, world.gongliu, acting_user=world.staff_gongliu)
    assert (counts["created"], counts["updated"]) == (0, 1)


def test_monthly_report(world):
    p = ProjectFactory(command=world.gongliu, code="M1", name="巩留县医院门诊楼", budget=M("4000000.00"))
    AllocationFactory(command=world.gongliu, project=p, amount=M("4000000.00"))
    advance(p, "started", D(2021, 4, 1))
    disburse(p, "1000000.00", D(2021, 4, 20))
    disburse(p, "1000000.00", D(2021, 6, 2))  # after May: not in the May report
    data = sheets.monthly_report(world.staff_gongliu, Narrow(command=world.gongliu), D(2021, 5, 31))
    ws = load_workbook(io.BytesIO(data))["项目进度月报"]
    header = [c.value for c in ws[1]]
    assert ws.freeze_panes == "A2"
    first = dict(zip(header, [c.value for c in ws[2]], strict=True))
    assert first["项目编号"] == "M1" and first["累计拨付（元）"] == 1000000
    assert first["拨付率"] == 0.25 and ws.cell(2, header.index("拨付率") + 1).number_format == "0.00%"
    assert ws.cell(2, header.index("已安排资金（元）") + 1).number_format == "#,##0.00"
    assert first["项目阶段"] == "开工"
    total = [c.value for c in ws[3]]
    assert "合计" in total[2]
    # Another command's user gets an empty table.
    other = sheets.monthly_report(world.staff_altay, Narrow(), D(2021, 5, 31))
    assert load_workbook(io.BytesIO(other))["项目进度月报"].max_row == 2  # header and total


def test_plan_export_of_several_sources_reads_back_without_changing_money(world):
    import_plan(world, [plan_row()])
    school = Project.objects.get(code="GL-2021-001")
    AllocationFactory(command=world.gongliu, project=school, source="municipal", amount=M("50.00"))
    rows = read_rows(sheets.plan_export(Project.objects.all()), sheets.PLAN)
    assert rows[0].values["allocation"] is None and rows[0].values["source"] == ""
    sheets.import_plan(rows, world.gongliu, acting_user=world.staff_gongliu)
    assert sum(school.allocations.values_list("amount", flat=True)) == M("8000050.00")

"""Investment records in Excel: templates, every bad row named, atomic imports, updates."""

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.factories import EnterpriseFactory, import_sheet, valid_uscc
from yuanjiang.core.imports import ImportFailed
from yuanjiang.core.models import ObjectChange
from yuanjiang.investment import sheets
from yuanjiang.investment.models import Activity, Enterprise, FundsInPlace, InvestmentProject
from yuanjiang.investment.services import investment_advance

pytestmark = pytest.mark.django_db
D, M = dt.date, Decimal


def errors(exc) -> list[tuple]:
    return [(e.row, e.column) for e in exc.value.errors]


def test_the_templates_have_their_headers_and_an_instructions_sheet():
    import io

    for spec in (sheets.ENTERPRISE_IMPORT, sheets.ACTIVITY_IMPORT, sheets.PROJECT_IMPORT,
                 sheets.FUNDS_IMPORT):
        wb = load_workbook(io.BytesIO(spec.template()))
        assert [c.value for c in wb[spec.sheet.name][1]] == spec.sheet.headers
        assert "填写说明" in wb.sheetnames


def test_enterprises_import_and_update_by_uscc(world):
    code = valid_uscc(41)
    rows = [{"名称": "张家港华盛新材料有限公司", "统一社会信用代码": code, "所属行业": "化工新材料",
             "所在地": "张家港市"},
            {"名称": "苏州大学", "类型": "高校院所", "所属行业": "其他", "所在地": "320500"}]
    result = import_sheet(sheets.ENTERPRISE_IMPORT, rows, world.gongliu, world.staff_gongliu)
    assert (result["created"], result["updated"]) == (2, 0)
    firm = Enterprise.objects.get(uscc=code)
    assert firm.home_region.code == "320582" and firm.industry == "materials"
    rows[0]["名称"] = "张家港华盛新材料股份有限公司"
    result = import_sheet(sheets.ENTERPRISE_IMPORT, rows, world.gongliu, world.staff_gongliu)
    assert (result["created"], result["updated"]) == (0, 2)
    firm.refresh_from_db()
    assert firm.name == "张家港华盛新材料股份有限公司"
    assert ObjectChange.objects.filter(content_type__model="enterprise", object_id=str(firm.pk),
                                       action="update").exists()


def test_a_bad_uscc_or_a_bad_choice_names_its_row_and_writes_nothing(world):
    rows = [{"名称": "好公司", "统一社会信用代码": valid_uscc(42), "所属行业": "农副产品加工"},
            {"名称": "坏公司", "统一社会信用代码": "91320582MA1ABCDE1X", "所属行业": "农副产品加工"},
            {"名称": "又一家", "所属行业": "不存在的行业"},
            {"名称": "第四家", "所属行业": "能源", "所在地": "火星市"}]
    with pytest.raises(ImportFailed) as exc:
        import_sheet(sheets.ENTERPRISE_IMPORT, rows, world.gongliu, world.staff_gongliu)
    assert errors(exc) == [(4, "所属行业")]  # unreadable cells first, nothing else is checked
    assert not Enterprise.objects.exists()
    rows[2]["所属行业"] = "能源"
    with pytest.raises(ImportFailed) as exc:
        import_sheet(sheets.ENTERPRISE_IMPORT, rows, world.gongliu, world.staff_gongliu)
    found = errors(exc)
    assert (3, "统一社会信用代码") in found and (5, "所在地") in found and (2, "统一社会信用代码") not in found
    assert "校验位" in str(exc.value)
    assert not Enterprise.objects.exists()


def test_activities_name_registered_enterprises(world):
    a = EnterpriseFactory(command=world.gongliu, name="甲公司")
    b = EnterpriseFactory(command=world.gongliu, name="乙公司")
    rows = [{"活动类型": "拜访企业和机构", "日期": "2021-05-10", "活动名称": "赴苏州走访", "地点": "苏州",
             "涉及企业和机构": f"甲公司、{b.uscc}"},
            {"活动类型": "接待客商", "日期": "2021/6/1", "活动名称": "接待考察团", "地点": "巩留县"}]
    result = import_sheet(sheets.ACTIVITY_IMPORT, rows, world.gongliu, world.staff_gongliu)
    assert result["created"] == 2
    visit = Activity.objects.get(kind="visit")
    assert set(visit.enterprises.all()) == {a, b}
    rows[0]["涉及企业和机构"] = "甲公司、丁公司"
    rows[0]["活动名称"] = "赴无锡走访"
    with pytest.raises(ImportFailed) as exc:
        import_sheet(sheets.ACTIVITY_IMPORT, rows, world.gongliu, world.staff_gongliu)
    assert errors(exc) == [(2, "涉及企业和机构")]
    assert "丁公司" in str(exc.value)
    assert Activity.objects.count() == 2


def test_a_visit_without_enterprises_and_a_date_outside_the_batch_are_named(world):
    rows = [{"活动类型": "拜访企业和机构", "日期": "2021-05-10", "活动名称": "走访", "地点": "苏州"},
            {"活动类型": "招商洽谈推介会", "日期": "2019-05-10", "活动名称": "推介会", "地点": "巩留县"},
            {"活动类型": "招商洽谈推介会", "日期": "五月十日", "活动名称": "推介会二", "地点": "巩留县"}]
    with pytest.raises(ImportFailed) as exc:
        import_sheet(sheets.ACTIVITY_IMPORT, rows, world.gongliu, world.staff_gongliu)
    assert errors(exc) == [(4, "日期")]  # unreadable cells first, nothing else is checked
    rows.pop()
    with pytest.raises(ImportFailed) as exc:
        import_sheet(sheets.ACTIVITY_IMPORT, rows, world.gongliu, world.staff_gongliu)
    assert errors(exc) == [(2, "涉及企业和机构"), (3, "日期")]
    assert not Activity.objects.exists()


def test_projects_and_funds_in_place_import(world):
    EnterpriseFactory(command=world.gongliu, name="甲公司")
    rows = [{"项目名称": "乳制品加工项目", "投资企业": "甲公司", "所属行业": "农副产品加工", "落地地区": "巩留县",
             "计划总投资（元）": "50,000,000", "带动就业（人）": 80}]
    import_sheet(sheets.PROJECT_IMPORT, rows, world.gongliu, world.staff_gongliu)
    project = InvestmentProject.objects.get()
    assert project.planned_investment == M("50000000") and project.jobs_created == 80
    investment_advance(project, acting_user=None, to="signed", on=D(2021, 3, 1),
                       agreement_amount=M("60000000"))
    funds = [{"项目名称": "乳制品加工项目", "到位日期": "2021-04-01", "到位资金（元）": 1000000},
             {"项目名称": "乳制品加工项目", "到位日期": "2021-02-01", "到位资金（元）": 1000000},
             {"项目名称": "不存在的项目", "到位日期": "2021-04-02", "到位资金（元）": 1000000},
             {"项目名称": "乳制品加工项目", "到位日期": "2021-04-03", "到位资金（元）": "一百万"}]
    with pytest.raises(ImportFailed) as exc:
        import_sheet(sheets.FUNDS_IMPORT, funds, world.gongliu, world.staff_gongliu)
    assert errors(exc) == [(5, "到位资金（元）")]
    funds.pop()
    with pytest.raises(ImportFailed) as exc:
        import_sheet(sheets.FUNDS_IMPORT, funds, world.gongliu, world.staff_gongliu)
    assert errors(exc) == [(3, "到位日期"), (4, "项目名称")]
    assert not FundsInPlace.objects.exists()
    result = import_sheet(sheets.FUNDS_IMPORT, funds[:1], world.gongliu, world.staff_gongliu)
    assert result["created"] == 1
    funds[0]["到位资金（元）"] = 2000000
    assert import_sheet(sheets.FUNDS_IMPORT, funds[:1], world.gongliu, world.staff_gongliu)["updated"] == 1
    assert FundsInPlace.objects.get().amount == M("2000000")


def test_an_import_is_for_who_may_enter_the_records(world):
    rows = [{"名称": "好公司", "所属行业": "农副产品加工"}]
    with pytest.raises(ImportFailed) as exc:
        import_sheet(sheets.ENTERPRISE_IMPORT, rows, world.gongliu, world.recipient_gongliu)
    assert "权限" in str(exc.value)
    assert not Enterprise.objects.exists()


def test_an_enterprise_registered_by_another_command_is_named_not_changed(world):
    code = valid_uscc(43)
    EnterpriseFactory(command=world.gongliu, name="甲公司", uscc=code)
    rows = [{"名称": "甲公司（吉林）", "统一社会信用代码": code, "所属行业": "能源"}]
    with pytest.raises(ImportFailed) as exc:
        import_sheet(sheets.ENTERPRISE_IMPORT, rows, world.altay, world.staff_altay)
    assert errors(exc) == [(2, "统一社会信用代码")]
    assert "已由" in str(exc.value) and "张家港援巩留工作组" in str(exc.value)
    assert Enterprise.objects.get(uscc=code).name == "甲公司"

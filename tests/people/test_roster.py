"""The roster in Excel: template, checking every row, atomic import, update by ID number,
export in the same columns, and the background job with its progress."""

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.db import transaction
from openpyxl import load_workbook

from tests import factories
from tests.factories import id_number
from yuanjiang.core.imports import ImportFailed
from yuanjiang.core.jobs import check_import, commit_import, progress
from yuanjiang.core.models import ImportJob, ImportStatus, ObjectChange
from yuanjiang.people import roster
from yuanjiang.people.models import Assignment, Person

pytestmark = pytest.mark.django_db
D = dt.date


SUN = id_number("320582", D(1979, 4, 5))


def row(**over):
    values = {
        "姓名": "孙立平", "身份证号": SUN, "民族": "汉族",
        "政治面貌": "中共党员", "学历": "大学本科", "联系电话": "13912345678",
        "派出单位": "张家港市测试派出单位", "派出单位职务": "副局长", "人员类别": "党政干部",
        "受援单位": "巩留县人民政府", "挂职职务": "县委常委、副县长", "任期": "三年",
        "开始日期": "2020-03-01",
    }
    values.update(over)
    return values


def workbook(rows, headers=None) -> bytes:
    sheet = SimpleNamespace(name=roster.SHEET, headers=roster.HEADERS)
    return factories.workbook(sheet, rows, headers)


def run(world, data, user=None):
    rows = roster.read_rows(data)
    return roster.import_rows(rows, world.gongliu, acting_user=user or world.staff_gongliu)


def failure(world, data):
    before = (Person.objects.count(), Assignment.objects.count(), ObjectChange.objects.count())
    with pytest.raises(ImportFailed) as exc, transaction.atomic():
        run(world, data)
    assert (Person.objects.count(), Assignment.objects.count(),
            ObjectChange.objects.count()) == before
    return [str(e) for e in exc.value.errors]


@pytest.fixture
def units(world, people):
    from tests.factories import PersonFactory

    PersonFactory()  # creates 张家港市测试派出单位
    return people


# --- the template -------------------------------------------------------------------------


def test_template_has_the_columns_dropdowns_and_instructions():
    wb = load_workbook(io.BytesIO(roster.template_bytes()))
    ws = wb[roster.SHEET]
    assert [c.value for c in ws[1]] == roster.HEADERS
    formulas = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert '"党政干部,专业技术人才,柔性引进人才"' in formulas
    assert '"男,女"' in formulas
    assert ws["B2"].number_format == "@"  # ID numbers as text
    guide = wb["填写说明"]
    assert guide["A2"].value == "姓名" and guide["B2"].value == "是"


# --- reading and checking -------------------------------------------------------------------


def test_import_creates_people_and_postings(world, units):
    counts = run(world, workbook([
        row(),
        row(**{"姓名": "钱芳", "身份证号": id_number("320582", D(1986, 9, 9), male=False),
               "人员类别": "专业技术人才", "专业类别": "教师", "受援单位": "巩留县高级中学",
               "挂职职务": "高中英语教师", "任期": "一年半", "开始日期": D(2020, 3, 1)}),
    ]))
    assert {k: counts[k] for k in ("rows", "people_new", "postings_new")} == {
        "rows": 2, "people_new": 2, "postings_new": 2}
    teacher = Assignment.objects.get(person__name="钱芳")
    assert (teacher.category, teacher.professional_kind, teacher.planned_end_date, teacher.status) == (
        "professional", "teacher", D(2021, 8, 31), "on_post")
    assert teacher.person.gender == "female" and teacher.person.registered_by == world.gongliu
    log = ObjectChange.objects.filter(content_type__model="assignment", object_id=str(teacher.pk))
    assert log.get().user == world.staff_gongliu


def test_update_by_id_number_and_status_through_the_steps(world, units):
    run(world, workbook([row()]))
    counts = run(world, workbook([row(**{"联系电话": "13800000000", "状态": "期满返回",
                                         "实际结束日期": "2023年2月28日"})]))
    assert (counts["people_updated"], counts["postings_updated"]) == (1, 1)
    posting = Assignment.objects.get(person__name="孙立平")
    assert (posting.status, posting.actual_end_date) == ("completed", D(2023, 2, 28))
    assert posting.person.phone == "13800000000"
    assert Person.objects.filter(name="孙立平").count() == 1


def test_every_bad_row_and_field_is_listed_and_nothing_written(world, units):
    errors = failure(world, workbook([
        row(**{"身份证号": "320582197904051230"}),
        row(**{"身份证号": id_number("320582", D(1980, 1, 1)), "开始日期": "二〇二〇年三月"}),
        row(**{"身份证号": id_number("320582", D(1981, 1, 1)), "人员类别": "干部"}),
        row(**{"身份证号": id_number("320582", D(1982, 1, 1)), "受援单位": "不存在的单位"}),
        row(**{"身份证号": id_number("320582", D(1983, 1, 1)), "受援单位": "阿勒泰市人民医院"}),
        row(**{"身份证号": id_number("320582", D(1984, 1, 1)), "姓名": ""}),
    ]))
    assert errors == [
        "第 2 行“身份证号”列：身份证号“3205**********1230”的校验位不正确，请核对。",
        "第 3 行“开始日期”列：“二〇二〇年三月”不是有效日期，请写作 2020-03-01。",
        "第 4 行“人员类别”列：“干部”不是可选值（可选：党政干部、专业技术人才、柔性引进人才）。",
        "第 7 行“姓名”列：不能为空。",
    ]
    # Rows that parse are then checked against the records, all of them, in one go.
    errors = failure(world, workbook([
        row(**{"身份证号": id_number("320582", D(1982, 1, 1)), "受援单位": "不存在的单位"}),
        row(**{"身份证号": id_number("320582", D(1983, 1, 1)), "受援单位": "阿勒泰市人民医院"}),
        row(**{"身份证号": id_number("320582", D(1985, 1, 1)), "开始日期": "2019-01-01"}),
        row(**{"身份证号": id_number("320582", D(1986, 1, 1))}),
    ]))
    assert errors[0] == "第 2 行“受援单位”列：单位“不存在的单位”未登记，请先在“单位”中登记。"
    assert errors[1] == "第 3 行“受援单位”列：受援单位“阿勒泰市人民医院”不在张家港援巩留工作组的受援地范围内。"
    assert errors[2].startswith("第 4 行“开始日期”列：选派日期须在江苏省第十批")
    assert len(errors) == 3


def test_missing_column(world, units):
    headers = [h for h in roster.HEADERS if h != "受援单位"]
    assert failure(world, workbook([row()], headers)) == ["第 1 行“受援单位”列：缺少这一列。"]


def test_duplicate_rows(world, units):
    errors = failure(world, workbook([row(), row(**{"联系电话": "1"})]))
    assert errors == ["第 3 行“身份证号”列：与第 2 行重复（同一人同一开始日期）。"]


def test_id_number_typed_as_a_number(world, units):
    errors = failure(world, workbook([row(**{"身份证号": 320582197904051234})]))
    assert errors == ["第 2 行“身份证号”列：身份证号须以文本格式填写（数字格式会丢失末几位）。"]


def test_a_file_that_is_not_a_workbook(world):
    with pytest.raises(ImportFailed) as exc:
        roster.read_rows("姓名,身份证号\n张三,1\n".encode())
    assert str(exc.value.errors[0]) == "文件：文件不是 Excel 工作簿（.xlsx）。请用模板填写后上传。"
    with pytest.raises(ImportFailed) as exc:
        roster.read_rows(b"PK\x03\x04 not really a zip")
    assert str(exc.value.errors[0]).startswith("文件：文件")


def test_status_that_cannot_be_reached_by_import(world, units):
    run(world, workbook([row(**{"状态": "期满返回", "实际结束日期": "2023-02-28"})]))
    errors = failure(world, workbook([row(**{"状态": "在岗"})]))
    assert errors == ["第 2 行“状态”列：已有选派的状态为“期满返回”，不能改为“在岗”（中期轮换请在平台中操作）。"]


def test_import_obeys_the_data_scope(world, units):
    rows = roster.read_rows(workbook([row()]))
    with pytest.raises(ImportFailed) as exc:
        roster.import_rows(rows, world.gongliu, acting_user=world.staff_altay)
    assert "不在您的数据范围内" in str(exc.value)


# --- export -------------------------------------------------------------------------------


def test_export_in_the_same_columns_and_masked(world, units):
    run(world, workbook([row()]))
    postings = Assignment.objects.filter(person__name="孙立平")
    masked = load_workbook(io.BytesIO(roster.export_bytes(postings, full_ids=False))).active
    values = [c.value for c in masked[2]]
    assert [c.value for c in masked[1]] == roster.HEADERS
    assert values[0] == "孙立平" and "**********" in values[1]
    full = load_workbook(io.BytesIO(roster.export_bytes(postings, full_ids=True))).active
    assert full["B2"].value == Person.objects.get(name="孙立平").id_number
    # What was exported with full numbers goes back in as an update, not a duplicate.
    buf = io.BytesIO()
    full.parent.save(buf)
    counts = run(world, buf.getvalue())
    assert (counts["people_new"], counts["people_updated"], counts["postings_updated"]) == (0, 1, 1)


# --- the background job -------------------------------------------------------------------------


def job_for(world, data):
    from django.core.files.base import ContentFile

    return ImportJob.objects.create(kind="roster", command=world.gongliu, created_by=world.staff_gongliu,
                                    original_name="花名册.xlsx", file=ContentFile(data, "r.xlsx"))


def test_job_checks_first_then_imports(world, units, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    job = job_for(world, workbook([row()]))
    check_import.enqueue(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED and job.errors == []
    assert job.summary["people_new"] == 1
    assert not Person.objects.filter(name="孙立平").exists()  # checking writes nothing
    assert progress(job) == (1, 1)
    path = job.file.path
    commit_import.enqueue(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.finished_at
    import os

    assert not job.file and not os.path.exists(path)  # the upload with its ID numbers is gone
    assert Person.objects.filter(name="孙立平").exists()
    change = ObjectChange.objects.filter(content_type__model="person").latest("id")
    assert (change.source, change.user) == ("import", world.staff_gongliu)


def test_job_with_errors_lists_them_and_writes_nothing(world, units, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    job = job_for(world, workbook([row(**{"民族": "火星族"})]))
    check_import.enqueue(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID
    assert job.errors == [{"row": 2, "column": "民族", "message": job.errors[0]["message"]}]
    assert "不是可选值" in job.errors[0]["message"]

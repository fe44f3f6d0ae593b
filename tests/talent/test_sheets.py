"""Talent records in Excel: every bad row named, atomic imports, updates."""

import datetime as dt

import pytest

from tests.factories import AssignmentFactory, OrganisationFactory, PersonFactory, import_sheet, region
from yuanjiang.core.imports import ImportFailed
from yuanjiang.talent import sheets
from yuanjiang.talent.models import Mentorship, Secondment, Trainee, TrainingProgramme

pytestmark = pytest.mark.django_db
D = dt.date


def errors(exc) -> list[tuple]:
    return [(e.row, e.column) for e in exc.value.errors]


PROGRAMME = {"培训项目名称": "骨干教师培训班", "培训地点类型": "支援方", "开班日期": "2021-06-01",
             "结业日期": "2021-06-07", "培训资金（元）": "120,000.00"}


def test_programmes_then_their_trainees(world):
    result = import_sheet(sheets.PROGRAMME_IMPORT, [PROGRAMME], world.gongliu, world.staff_gongliu)
    assert result["created"] == 1
    assert TrainingProgramme.objects.get().audience == "cadres"
    trainees = [{"培训项目名称": "骨干教师培训班", "开班日期": "2021-06-01", "姓名": "王芳", "工作单位": "巩留县高级中学"},
                {"培训项目名称": "骨干教师培训班", "开班日期": "2021-06-01", "姓名": "李强", "工作单位": "巩留县高级中学"}]
    assert import_sheet(sheets.TRAINEE_IMPORT, trainees, world.gongliu, world.staff_gongliu)["created"] == 2
    trainees[1]["职务（岗位）"] = "教研组长"
    again = import_sheet(sheets.TRAINEE_IMPORT, trainees, world.gongliu, world.staff_gongliu)
    assert (again["created"], again["updated"]) == (0, 2)
    assert Trainee.objects.get(name="李强").post == "教研组长"


def test_a_trainee_of_an_unknown_programme_and_a_text_in_the_funds_are_named(world):
    bad = dict(PROGRAMME, **{"培训资金（元）": "十二万"})
    with pytest.raises(ImportFailed) as exc:
        import_sheet(sheets.PROGRAMME_IMPORT, [bad], world.gongliu, world.staff_gongliu)
    assert errors(exc) == [(2, "培训资金（元）")]
    trainees = [{"培训项目名称": "不存在的班", "开班日期": "2021-06-01", "姓名": "王芳", "工作单位": "某校"}]
    with pytest.raises(ImportFailed) as exc:
        import_sheet(sheets.TRAINEE_IMPORT, trainees, world.gongliu, world.staff_gongliu)
    assert errors(exc) == [(2, "培训项目名称")]
    assert not TrainingProgramme.objects.exists() and not Trainee.objects.exists()


def test_overlapping_secondments_in_one_file_are_refused_whole(world):
    rows = [{"姓名": "努尔兰", "派出单位": "巩留县农业农村局", "接收单位": "张家港市农业农村局",
             "开始日期": "2021-04-01", "结束日期": "2021-06-30"},
            {"姓名": "努尔兰", "派出单位": "巩留县农业农村局", "接收单位": "张家港市商务局",
             "开始日期": "2021-05-01", "结束日期": "2021-07-30"}]
    with pytest.raises(ImportFailed) as exc:
        import_sheet(sheets.SECONDMENT_IMPORT, rows, world.gongliu, world.staff_gongliu)
    assert errors(exc) == [(3, "开始日期")]
    assert not Secondment.objects.exists()


def test_mentorships_find_their_mentor_by_name(world):
    school = OrganisationFactory(name="巩留县高级中学", kind="school", region=region("654024"))
    AssignmentFactory(person=PersonFactory(name="李秀英"), command=world.gongliu, organisation=school,
                      category="professional", professional_kind="teacher", start_date=D(2020, 3, 1))
    rows = [{"导师姓名": "李秀英", "本土人才姓名": "阿依古丽", "本土人才单位": "巩留县高级中学",
             "结对日期": "2020-09-01"},
            {"导师姓名": "张三", "本土人才姓名": "古丽娜尔", "本土人才单位": "巩留县高级中学",
             "结对日期": "2020-09-01"},
            {"导师姓名": "李秀英", "本土人才姓名": "阿依古丽", "本土人才单位": "巩留县高级中学",
             "结对日期": "2021-01-01"}]
    with pytest.raises(ImportFailed) as exc:
        import_sheet(sheets.MENTORSHIP_IMPORT, rows, world.gongliu, world.staff_gongliu)
    assert errors(exc) == [(3, "导师姓名"), (4, "本土人才姓名")]
    assert "同一时间只能有一位导师" in str(exc.value)
    assert not Mentorship.objects.exists()
    result = import_sheet(sheets.MENTORSHIP_IMPORT, rows[:1], world.gongliu, world.staff_gongliu)
    assert result["created"] == 1 and Mentorship.objects.get().command == world.gongliu

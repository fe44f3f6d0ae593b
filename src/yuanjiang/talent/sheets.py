"""Talent development in Excel: training programmes, their trainees, secondments and
mentoring pairs, each with a template and an atomic import (see
yuanjiang.core.record_import). Lists go out through the admin's Excel export."""

from __future__ import annotations

from typing import Any

from yuanjiang.core import sheets
from yuanjiang.core.record_import import RecordImport, RowProblem
from yuanjiang.people.models import Assignment

from .choices import Audience, SecondmentKind, Venue
from .models import TrainingProgramme
from .services import MentorshipService, SecondmentService, TraineeService, TrainingProgrammeService

Column = sheets.Column

PROGRAMMES = sheets.Sheet(
    name="培训项目",
    guide="每行一个培训项目（班次），按项目名称和开班日期识别，本指挥部已有的更新。",
    columns=[
        Column("培训项目名称", "name", required=True, width=36),
        Column("培训对象", "audience", sheets.choice(Audience), choices=Audience, help="留空为“干部人才”。"),
        Column("培训地点类型", "venue", sheets.choice(Venue), required=True, choices=Venue),
        Column("培训地点", "place", width=16),
        Column("承办单位", "organiser", width=24),
        Column("开班日期", "start_date", sheets.parse_date, required=True, number_format=sheets.DATE_FORMAT),
        Column("结业日期", "end_date", sheets.parse_date, required=True, number_format=sheets.DATE_FORMAT),
        Column("培训资金（元）", "funds", sheets.parse_money, width=16, number_format=sheets.MONEY_FORMAT),
        Column("备注", "note", width=24),
    ], unique=(("name", "start_date"), "培训项目名称", "同一项目同一开班日期"))


def _fill_programme(obj, v: dict[str, Any], command, lookups) -> dict:
    obj.command = command
    obj.name, obj.venue, obj.place = v["name"], v["venue"], v.get("place", "")
    obj.audience = v.get("audience") or Audience.CADRES
    obj.organiser, obj.note = v.get("organiser", ""), v.get("note", "")
    obj.start_date, obj.end_date = v["start_date"], v["end_date"]
    obj.funds = v.get("funds") or 0
    return {}


PROGRAMME_IMPORT = RecordImport(
    kind="training_programmes", sheet=PROGRAMMES, service=TrainingProgrammeService,
    fill=_fill_programme, noun="培训项目", measure="个",
    key=lambda v, c: {"command": c, "name": v["name"], "start_date": v["start_date"]},
).register(result="admin:talent_trainingprogramme_changelist",
           upload="admin:talent_trainingprogramme_sheet_import")


TRAINEES = sheets.Sheet(
    name="参训人员",
    guide="每行一名学员。培训项目按名称和开班日期查找（须已登记）；同一项目中同一单位的同名学员更新。",
    columns=[
        Column("培训项目名称", "programme", required=True, width=36),
        Column("开班日期", "start_date", sheets.parse_date, required=True, number_format=sheets.DATE_FORMAT),
        Column("姓名", "name", required=True, width=12),
        Column("工作单位", "organisation", required=True, width=28),
        Column("职务（岗位）", "post", width=16),
    ], unique=(("programme", "start_date", "name", "organisation"), "姓名", "同一项目中同一单位的同名学员"))


def _programme_of(v: dict[str, Any], command, lookups) -> TrainingProgramme:
    key = ("programme", v["programme"], v["start_date"])
    found = lookups.get_or(key, lambda: TrainingProgramme.objects.filter(
        command=command, name=v["programme"], start_date=v["start_date"]).first())
    if found is None:
        raise RowProblem("培训项目名称", f"本指挥部没有 {v['start_date']} 开班的培训项目“{v['programme']}”。")
    return found


def _fill_trainee(obj, v: dict[str, Any], command, lookups) -> dict:
    obj.programme = _programme_of(v, command, lookups)
    obj.name, obj.organisation, obj.post = v["name"], v["organisation"], v.get("post", "")
    return {}


def _trainee_key(v, command):
    programme = TrainingProgramme.objects.filter(command=command, name=v["programme"],
                                                 start_date=v["start_date"]).first()
    return ({"programme": programme, "name": v["name"], "organisation": v["organisation"]}
            if programme else None)


TRAINEE_IMPORT = RecordImport(
    kind="trainees", sheet=TRAINEES, service=TraineeService, fill=_fill_trainee, noun="参训人员",
    measure="人", key=_trainee_key, labels={"programme": "培训项目名称"},
    readers={"programme": lambda o: o.programme.name, "start_date": lambda o: o.programme.start_date},
).register(result="admin:talent_trainee_changelist", upload="admin:talent_trainee_sheet_import")


SECONDMENTS = sheets.Sheet(
    name="挂职交流",
    guide="每行一名到支援方挂职或跟班学习的受援地干部，按姓名、派出单位和开始日期识别。",
    columns=[
        Column("姓名", "name", required=True, width=12),
        Column("派出单位", "home_organisation", required=True, width=28),
        Column("原职务", "home_post", width=16),
        Column("方式", "kind", sheets.choice(SecondmentKind), choices=SecondmentKind,
               help="留空为“挂职锻炼”。"),
        Column("接收单位", "host_organisation", required=True, width=28),
        Column("挂职岗位", "host_post", width=16),
        Column("开始日期", "start_date", sheets.parse_date, required=True, number_format=sheets.DATE_FORMAT),
        Column("结束日期", "end_date", sheets.parse_date, required=True, number_format=sheets.DATE_FORMAT),
        Column("备注", "note", width=24),
    ], unique=(("name", "home_organisation", "start_date"), "姓名", "同一人同一开始日期"))


def _fill_secondment(obj, v: dict[str, Any], command, lookups) -> dict:
    obj.command = command
    for key in ("name", "home_organisation", "host_organisation", "start_date", "end_date"):
        setattr(obj, key, v[key])
    obj.home_post, obj.host_post, obj.note = v.get("home_post", ""), v.get("host_post", ""), v.get("note", "")
    obj.kind = v.get("kind") or SecondmentKind.POST
    return {}


SECONDMENT_IMPORT = RecordImport(
    kind="secondments", sheet=SECONDMENTS, service=SecondmentService, fill=_fill_secondment,
    noun="挂职交流记录", key=lambda v, c: {"command": c, "name": v["name"],
                                     "home_organisation": v["home_organisation"],
                                     "start_date": v["start_date"]},
).register(result="admin:talent_secondment_changelist", upload="admin:talent_secondment_sheet_import")


MENTORSHIPS = sheets.Sheet(
    name="师徒结对",
    guide="每行一对师徒。导师按姓名在本指挥部选派的人员中查找（同名时取结对日期在岗的一位）。",
    columns=[
        Column("导师姓名", "mentor", required=True, width=12),
        Column("本土人才姓名", "mentee_name", required=True, width=12),
        Column("本土人才单位", "mentee_organisation", required=True, width=28),
        Column("专业领域", "field", width=16),
        Column("结对日期", "start_date", sheets.parse_date, required=True, number_format=sheets.DATE_FORMAT),
        Column("结束日期", "end_date", sheets.parse_date, number_format=sheets.DATE_FORMAT),
        Column("帮带成效", "outcome", width=30),
    ], unique=(("mentee_name", "mentee_organisation", "start_date"), "本土人才姓名",
               "同一本土人才同一结对日期"))


def _mentor_of(name: str, day, command, lookups) -> Assignment:
    def find():
        postings = list(Assignment.objects.filter(command=command, person__name=name)
                        .select_related("person"))
        if len(postings) > 1:
            postings = [p for p in postings if p.start_date <= day and (
                (p.actual_end_date or p.planned_end_date) is None
                or day <= (p.actual_end_date or p.planned_end_date))]
        return postings
    postings = lookups.get_or(("mentor", name, day), find)
    if not postings:
        raise RowProblem("导师姓名", f"本指挥部没有选派名为“{name}”的人员。")
    if len(postings) > 1:
        raise RowProblem("导师姓名", f"本指挥部有多名在岗的“{name}”，请在平台中逐条登记。")
    return postings[0]


def _fill_mentorship(obj, v: dict[str, Any], command, lookups) -> dict:
    obj.mentor = _mentor_of(v["mentor"], v["start_date"], command, lookups)
    obj.mentee_name, obj.mentee_organisation = v["mentee_name"], v["mentee_organisation"]
    obj.field, obj.outcome = v.get("field", ""), v.get("outcome", "")
    obj.start_date, obj.end_date = v["start_date"], v.get("end_date")
    return {}


MENTORSHIP_IMPORT = RecordImport(
    kind="mentorships", sheet=MENTORSHIPS, service=MentorshipService, fill=_fill_mentorship,
    noun="师徒结对", measure="对",
    key=lambda v, c: {"command": c, "mentee_name": v["mentee_name"],
                      "mentee_organisation": v["mentee_organisation"], "start_date": v["start_date"]},
    labels={"mentor": "导师姓名"}, readers={"mentor": lambda o: o.mentor.person.name},
).register(result="admin:talent_mentorship_changelist", upload="admin:talent_mentorship_sheet_import")

__all__ = ["MENTORSHIP_IMPORT", "PROGRAMME_IMPORT", "SECONDMENT_IMPORT", "TRAINEE_IMPORT"]

"""Investment attraction in Excel: the enterprise directory, activities, investment
projects and funds in place, each with a template and an atomic import (see
yuanjiang.core.record_import). Lists go out through the admin's Excel export."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Q

from yuanjiang.core import sheets
from yuanjiang.core.record_import import Lookups, RecordImport, RowProblem, region_named

from .choices import ActivityKind, EnterpriseKind, Industry
from .models import Enterprise, InvestmentProject
from .services import (
    ActivityService,
    EnterpriseService,
    FundsInPlaceService,
    InvestmentProjectService,
)

Column = sheets.Column
SEPARATORS = re.compile(r"[、，,；;\n]+")


def enterprise_named(value: str, column: str, lookups: Lookups) -> Enterprise:
    """An enterprise of the directory by its USCC or its exact name."""
    def find():
        if re.fullmatch(r"[0-9A-Z]{18}", value.upper()):
            return Enterprise.objects.filter(uscc=value.upper()).first()
        matches = list(Enterprise.objects.filter(name=value)[:2])
        return matches[0] if len(matches) == 1 else (False if matches else None)

    found = lookups.get_or(("enterprise", value), find)
    if found is False:
        raise RowProblem(column, f"有多家名为“{value}”的企业和机构，请改填统一社会信用代码。")
    if found is None:
        raise RowProblem(column, f"企业和机构“{value}”尚未登记，请先导入或新增企业和机构。")
    return found


ENTERPRISES = sheets.Sheet(
    name="企业和机构",
    guide="每行一家企业或机构。填写了统一社会信用代码的按代码更新，否则按本指挥部登记的名称更新。",
    columns=[
        Column("名称", "name", required=True, width=32),
        Column("类型", "kind", sheets.choice(EnterpriseKind), choices=EnterpriseKind,
               help="留空为“企业”。"),
        Column("统一社会信用代码", "uscc", width=22, help="18 位，校验位须正确。"),
        Column("所属行业", "industry", sheets.choice(Industry), required=True, choices=Industry),
        Column("所在地", "home_region", width=14, help="区划名称或 6 位代码，如“苏州市”或“320500”。"),
        Column("联系人及电话", "contact", width=20),
        Column("备注", "note", width=24),
    ], text_columns=("uscc",), unique=(("name",), "名称", "同一名称"))


def _fill_enterprise(obj, v: dict[str, Any], command, lookups) -> dict:
    if obj._state.adding:
        obj.command = command
    elif obj.command_id != command.pk:
        raise RowProblem("统一社会信用代码", f"代码 {obj.uscc} 的“{obj.name}”已由{obj.command}登记在名录中，"
                         "可直接使用，不必重复导入。")
    obj.name, obj.uscc, obj.industry = v["name"], v.get("uscc", ""), v["industry"]
    obj.kind = v.get("kind") or EnterpriseKind.ENTERPRISE
    obj.contact, obj.note = v.get("contact", ""), v.get("note", "")
    obj.home_region = region_named(v["home_region"], "所在地", lookups) if v.get("home_region") else None
    return {}


ENTERPRISE_IMPORT = RecordImport(
    kind="enterprises", sheet=ENTERPRISES, service=EnterpriseService, fill=_fill_enterprise,
    noun="企业和机构", measure="家",
    readers={"home_region": lambda o: o.home_region.code if o.home_region else ""},
    key=lambda v, c: {"uscc": v["uscc"].upper()} if v.get("uscc") else {"command": c, "name": v["name"]},
).register(result="admin:investment_enterprise_changelist",
           upload="admin:investment_enterprise_sheet_import")


ACTIVITIES = sheets.Sheet(
    name="招商活动",
    guide="每行一次活动。按日期和活动名称识别，已有的更新。拜访活动须填写拜访的企业和机构（须已登记）。",
    columns=[
        Column("活动类型", "kind", sheets.choice(ActivityKind), required=True, choices=ActivityKind),
        Column("日期", "date", sheets.parse_date, required=True, number_format=sheets.DATE_FORMAT),
        Column("活动名称", "title", required=True, width=32),
        Column("地点", "place", required=True, width=16),
        Column("带队领导", "led_by", width=16),
        Column("参加人员", "participants", width=24),
        Column("涉及企业和机构", "enterprises", width=40,
               help="企业名称或统一社会信用代码，多家用“、”分隔。"),
        Column("成效和备注", "note", width=30),
    ], unique=(("date", "title"), "活动名称", "同一日期、同一名称的活动"))


def _fill_activity(obj, v: dict[str, Any], command, lookups) -> dict:
    obj.command = command
    obj.kind, obj.date, obj.title, obj.place = v["kind"], v["date"], v["title"], v["place"]
    obj.led_by, obj.participants, obj.note = v.get("led_by", ""), v.get("participants", ""), v.get("note", "")
    names = [n.strip() for n in SEPARATORS.split(v.get("enterprises", "")) if n.strip()]
    return {"enterprises": [enterprise_named(n, "涉及企业和机构", lookups) for n in names]}


ACTIVITY_IMPORT = RecordImport(
    kind="investment_activities", sheet=ACTIVITIES, service=ActivityService, fill=_fill_activity,
    noun="招商活动", measure="次",
    key=lambda v, c: {"command": c, "date": v["date"], "title": v["title"]},
    labels={"enterprises": "涉及企业和机构"},
    readers={"enterprises": lambda o: "、".join(e.uscc or e.name for e in o.enterprises.all())},
).register(result="admin:investment_activity_changelist",
           upload="admin:investment_activity_sheet_import")


PROJECTS = sheets.Sheet(
    name="招商项目",
    guide="每行一个招商项目，按项目名称识别，本指挥部已有的更新。推进阶段（签约、落地、投产）请在平台中逐步登记。",
    columns=[
        Column("项目名称", "name", required=True, width=32),
        Column("投资企业", "enterprise", required=True, width=28,
               help="企业名称或统一社会信用代码（须已登记）。"),
        Column("所属行业", "industry", sheets.choice(Industry), required=True, choices=Industry),
        Column("落地地区", "region", required=True, width=14, help="受援县（市）的名称或 6 位代码。"),
        Column("落户园区", "park", width=20),
        Column("签约协议金额（元）", "agreement_amount", sheets.parse_money, width=18,
               number_format=sheets.MONEY_FORMAT),
        Column("计划总投资（元）", "planned_investment", sheets.parse_money, width=18,
               number_format=sheets.MONEY_FORMAT),
        Column("带动就业（人）", "jobs_created", sheets.parse_int, width=12),
        Column("备注", "note", width=24),
    ], unique=(("name",), "项目名称", "同一项目"))


def _fill_project(obj, v: dict[str, Any], command, lookups) -> dict:
    obj.command = command
    obj.name, obj.industry = v["name"], v["industry"]
    obj.park, obj.note = v.get("park", ""), v.get("note", "")
    obj.enterprise = enterprise_named(v["enterprise"], "投资企业", lookups)
    obj.region = region_named(v["region"], "落地地区", lookups)
    obj.agreement_amount, obj.planned_investment = v.get("agreement_amount"), v.get("planned_investment")
    obj.jobs_created = v.get("jobs_created") or 0
    return {}


PROJECT_IMPORT = RecordImport(
    kind="investment_projects", sheet=PROJECTS, service=InvestmentProjectService, fill=_fill_project,
    noun="招商项目", measure="个", key=lambda v, c: {"command": c, "name": v["name"]},
    readers={"enterprise": lambda o: o.enterprise.uscc or o.enterprise.name,
             "region": lambda o: o.region.code},
).register(result="admin:investment_investmentproject_changelist",
           upload="admin:investment_investmentproject_sheet_import")


FUNDS = sheets.Sheet(
    name="招商到位资金",
    guide="每行一笔到位资金，按项目名称和到位日期识别，已有的更新。",
    columns=[
        Column("项目名称", "project", required=True, width=32, help="本指挥部已登记的招商项目名称。"),
        Column("到位日期", "date", sheets.parse_date, required=True, number_format=sheets.DATE_FORMAT),
        Column("到位资金（元）", "amount", sheets.parse_money, required=True, width=18,
               number_format=sheets.MONEY_FORMAT),
        Column("备注", "note", width=24),
    ], unique=(("project", "date"), "到位日期", "同一项目同一日期"))


def _project_of(name: str, command, lookups) -> InvestmentProject:
    found = lookups.get_or(("project", name), lambda: InvestmentProject.objects.filter(
        Q(command=command), Q(name=name)).first())
    if found is None:
        raise RowProblem("项目名称", f"本指挥部没有名为“{name}”的招商项目。")
    return found


def _fill_funds(obj, v: dict[str, Any], command, lookups) -> dict:
    obj.project = _project_of(v["project"], command, lookups)
    obj.date, obj.amount, obj.note = v["date"], v["amount"], v.get("note", "")
    return {}


def _funds_key(v, command):
    project = InvestmentProject.objects.filter(command=command, name=v["project"]).first()
    return {"project": project, "date": v["date"]} if project else None


FUNDS_IMPORT = RecordImport(
    kind="investment_funds", sheet=FUNDS, service=FundsInPlaceService, fill=_fill_funds,
    noun="到位资金", measure="笔", key=_funds_key,
).register(result="admin:investment_fundsinplace_changelist",
           upload="admin:investment_fundsinplace_sheet_import")

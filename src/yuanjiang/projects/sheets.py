"""Projects in Excel: the year's project plan and the disbursements in (template, a check
of the whole file, then one atomic import), and out: filtered lists in the same columns and
the monthly progress table (项目进度月报).

Plan rows are matched by project code: a known code of the command is updated, a new one
created; a code of another command is refused. A row's 本年安排资金 becomes the allocation
of the project for the plan year and source (created, or updated when there is one).
Disbursement rows are matched by project code and voucher number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from yuanjiang.core import sheets
from yuanjiang.core.imports import ImportFailed, RowError, errors_from_validation, save_row
from yuanjiang.core.jobs import importer
from yuanjiang.core.models import Command, ImportJob, Organisation, Region
from yuanjiang.core.services import in_command_area

from .choices import (
    BuildKind,
    Category,
    DeliveryMode,
    FlagOverride,
    FundSource,
    LivelihoodKind,
    Stage,
)
from .models import Allocation, Disbursement, Project
from .selectors import Narrow, disbursed_by_project, percent
from .services import AllocationService, DisbursementService, ProjectService, project_advance

Column = sheets.Column

PLAN_COLUMNS = [
    Column("项目编号", "code", required=True, width=16, help="全平台唯一；已有编号的项目将被更新。"),
    Column("项目名称", "name", required=True, width=36),
    Column("所属大项编号", "parent", width=16, help="小项填写所属大项的项目编号，大项留空。"),
    Column("项目所在地", "region", required=True, width=16,
           help="县（市）或地区（州）的名称或 6 位区划代码，如“巩留县”或“654024”。"),
    Column("项目类别", "category", sheets.choice(Category), required=True, choices=Category),
    Column("民生子类", "livelihood_kind", sheets.choice(LivelihoodKind), choices=LivelihoodKind,
           help="民生项目填写，其他类别留空。"),
    Column("计划内", "in_plan", sheets.yes_no_default(True), width=8, help="填“是”或“否”，留空为“是”。"),
    Column("计划年度", "plan_year", sheets.parse_int, required=True, width=10),
    Column("实施单位", "implementing_organisation", width=24, help="须为平台中已登记的单位名称。"),
    Column("总投资（元）", "budget", sheets.parse_money, required=True, width=18,
           number_format=sheets.MONEY_FORMAT),
    Column("计划开工日期", "planned_start", sheets.parse_date),
    Column("计划完工日期", "planned_end", sheets.parse_date),
    Column("建设方式", "delivery_mode", sheets.choice(DeliveryMode), choices=DeliveryMode,
           help="留空为“交支票”。"),
    Column("建设性质", "build_kind", sheets.choice(BuildKind), choices=BuildKind, help="留空为“新建”。"),
    Column("固定资产投资", "fixed_asset", sheets.yes_no_default(True), width=10,
           help="填“是”或“否”，留空为“是”；培训、服务类项目填“否”。"),
    Column("立项日期", "approved_on", sheets.parse_date,
           help="已立项的项目填写；储备项目留空。已立项的项目不能改动此日期。"),
    Column("本年安排资金（元）", "allocation", sheets.parse_money, width=18,
           number_format=sheets.MONEY_FORMAT, help="计划年度内安排给本项目的援疆资金。"),
    Column("资金来源", "source", sheets.choice(FundSource), choices=FundSource,
           help="填写本年安排资金时必填。"),
    Column("民生认定", "livelihood_override", sheets.choice(FlagOverride), choices=FlagOverride,
           help="留空按项目类别认定。"),
    Column("县及县以下认定", "grassroots_override", sheets.choice(FlagOverride), choices=FlagOverride,
           help="留空按项目所在地认定。"),
    Column("人工认定理由", "override_reason", width=24),
    Column("备注", "note", width=24),
]

PLAN = sheets.Sheet(
    name="项目计划", columns=PLAN_COLUMNS,
    guide=("每行一个项目（大项或小项）。按项目编号识别：本指挥部已有的项目更新，新编号新增。"
           "“本年安排资金”写入该项目在计划年度、该资金来源下的资金安排。先检查全部数据，"
           "确认后一次导入；有任何错误时不写入任何数据。"),
    unique=(("code",), "项目编号", "同一项目编号"),
    text_columns=("code", "parent"),
)

DISBURSEMENT_COLUMNS = [
    Column("项目编号", "code", required=True, width=16),
    Column("拨付日期", "date", sheets.parse_date, required=True),
    Column("金额（元）", "amount", sheets.parse_money, required=True, width=18,
           number_format=sheets.MONEY_FORMAT),
    Column("凭证号", "voucher_number", required=True, width=22,
           help="同一项目的凭证号不重复；已有的凭证号将更新其日期、金额和备注。"),
    Column("备注", "note", width=30),
]

DISBURSEMENTS = sheets.Sheet(
    name="资金拨付", columns=DISBURSEMENT_COLUMNS,
    guide=("每行一笔拨付。按项目编号和凭证号识别：已有的更新，新的新增。累计拨付不能超过项目"
           "（含小项）已安排的资金，拨付日期不能早于立项日期。先检查全部数据，确认后一次导入；"
           "有任何错误时不写入任何数据。"),
    unique=(("code", "voucher_number"), "凭证号", "同一项目同一凭证号"),
    text_columns=("code", "voucher_number"),
)

PLAN_LABELS = PLAN.labels | {"command": "项目编号", "year": "计划年度", "amount": "本年安排资金（元）",
                             "project": "项目编号"}
DISBURSEMENT_LABELS = DISBURSEMENTS.labels | {"project": "项目编号"}


# --- out ----------------------------------------------------------------------------------


def plan_template() -> bytes:
    return sheets.template_bytes(PLAN)


def disbursement_template() -> bytes:
    return sheets.template_bytes(DISBURSEMENTS)


def _label(choices, value) -> str:
    return str(choices(value).label) if value else ""


def plan_export(projects: Iterable[Project]) -> bytes:
    """Projects in the plan's columns (本年安排资金: the plan year's allocations)."""

    def rows():
        for p in projects:
            year_allocations = [a for a in p.allocations.all() if a.year == p.plan_year]
            sources = {a.source for a in year_allocations}
            # One source: its amount, which reads back unchanged. Several: left blank, so a
            # re-import neither fails nor folds them into one source (edit those in the pages).
            single = len(sources) == 1
            yield [
                p.code, p.name, p.parent.code if p.parent_id else "", p.region.name,
                _label(Category, p.category), _label(LivelihoodKind, p.livelihood_kind),
                "是" if p.in_plan else "否", p.plan_year,
                p.implementing_organisation.name if p.implementing_organisation_id else "",
                p.budget, p.planned_start, p.planned_end, _label(DeliveryMode, p.delivery_mode),
                _label(BuildKind, p.build_kind), "是" if p.fixed_asset else "否", p.approved_on,
                sum((a.amount for a in year_allocations), Decimal("0.00")) if single else None,
                _label(FundSource, sources.pop()) if single else "",
                _label(FlagOverride, p.livelihood_override), _label(FlagOverride, p.grassroots_override),
                p.override_reason, p.note,
            ]

    return sheets.export_bytes(PLAN, rows())


def disbursement_export(rows: Iterable[Disbursement]) -> bytes:
    return sheets.export_bytes(DISBURSEMENTS, (
        [d.project.code, d.date, d.amount, d.voucher_number, d.note] for d in rows))


MONTHLY = sheets.Sheet(
    name="项目进度月报",
    columns=[
        Column("序号", "n", width=6), Column("项目编号", "code", width=16),
        Column("项目名称", "name", width=36), Column("指挥部", "command", width=28),
        Column("项目所在地", "region", width=12), Column("项目类别", "category", width=10),
        Column("计划年度", "plan_year", width=10),
        Column("总投资（元）", "budget", width=18, number_format=sheets.MONEY_FORMAT),
        Column("已安排资金（元）", "allocated", width=18, number_format=sheets.MONEY_FORMAT),
        Column("累计拨付（元）", "disbursed", width=18, number_format=sheets.MONEY_FORMAT),
        Column("拨付率", "rate", width=10, number_format=sheets.PERCENT_FORMAT),
        Column("项目阶段", "stage", width=10),
        Column("形象进度", "progress", width=10, number_format="0%"),
        Column("进度更新日期", "progress_on", width=14),
    ],
    guide="",
)


def monthly_report(user: Any, narrow: Narrow, month: dt.date) -> bytes:
    """项目进度月报 as of the last day of `month`: each project with its allocations and
    disbursements to that day, the disbursement rate, stage and progress; a total row."""
    rows = disbursed_by_project(user, narrow, as_of=month)
    total = {"budget": Decimal("0.00"), "allocated": Decimal("0.00"), "disbursed": Decimal("0.00")}

    def lines():
        for n, p in enumerate(rows, start=1):
            if not p.parent_id:
                for key in total:
                    total[key] += getattr(p, key)
            rate = percent(p.disbursed, p.allocated)
            yield [
                n, p.code, p.name if not p.parent_id else f"　└ {p.name}", str(p.command),
                p.region.name, _label(Category, p.category), p.plan_year, p.budget, p.allocated,
                p.disbursed, None if rate is None else rate / 100, _label(Stage, p.stage),
                p.progress_percent / 100, p.progress_on,
            ]
        rate = percent(total["disbursed"], total["allocated"])
        yield ["", "", "合计（不含小项重复）", "", "", "", "", total["budget"], total["allocated"],
               total["disbursed"], None if rate is None else rate / 100, "", None, None]

    return sheets.export_bytes(MONTHLY, lines())


# --- in -------------------------------------------------------------------------------------


_save = save_row


def _regions(command: Command) -> dict[str, list[Region]]:
    """Regions a project of the command may lie in, by name and by code."""
    found: dict[str, list[Region]] = {}
    candidates = Region.objects.filter(code__startswith="65", level__in=["prefecture", "county"])
    for region in candidates:
        if in_command_area(command, region):
            found.setdefault(region.name, []).append(region)
            found.setdefault(region.code, []).append(region)
    return found


def _organisations(user: Any) -> dict[str, list[Organisation]]:
    by_name: dict[str, list[Organisation]] = {}
    for org in Organisation.objects.restrict(user):
        by_name.setdefault(org.name, []).append(org)
    return by_name


def import_plan(rows: list[sheets.SheetRow], command: Command, *, acting_user: Any,
                progress: Any = None) -> dict[str, Any]:
    """Apply a checked plan to a command; every row's errors are collected, ImportFailed at
    the end if there were any (the caller's transaction then rolls back)."""
    regions = _regions(command)
    orgs = _organisations(acting_user)
    codes = [r.values["code"] for r in rows]
    existing = {p.code: p for p in Project.objects.filter(code__in=codes).select_related("command")}
    in_file = {r.values["code"] for r in rows}
    # Projects before their items, so an item may name a project of the same file.
    ordered = sorted(rows, key=lambda r: (bool(r.values.get("parent")), r.number))
    counts = {"rows": len(rows), "created": 0, "updated": 0, "allocations": 0}
    errors: list[RowError] = []
    for row in ordered:
        v, n = row.values, row.number
        row_errors: list[RowError] = []

        def bad(column: str, message: str, n=n, row_errors=row_errors) -> None:
            row_errors.append(RowError(n, column, message))

        project = existing.get(v["code"])
        if project is not None and project.command_id != command.pk:
            bad("项目编号", f"项目编号“{v['code']}”已属于{project.command}，不能导入到本指挥部。")
        region = None
        found = regions.get(v["region"], [])
        if len(found) == 1:
            region = found[0]
        elif not found:
            bad("项目所在地", f"“{v['region']}”不是{command}受援地范围内的县（市）或地区（州）。")
        else:
            bad("项目所在地", f"有多个名为“{v['region']}”的区划，请填写 6 位区划代码。")
        org = None
        if v.get("implementing_organisation"):
            matches = orgs.get(v["implementing_organisation"], [])
            if len(matches) == 1:
                org = matches[0]
            else:
                bad("实施单位", (
                    f"单位“{v['implementing_organisation']}”未登记，请先在“单位”中登记。" if not matches
                    else f"有多个名为“{v['implementing_organisation']}”的单位，无法确定。"))
        parent = None
        if v.get("parent"):
            parent = existing.get(v["parent"]) or Project.objects.restrict(acting_user).filter(
                code=v["parent"]).first()
            if parent is None and v["parent"] not in in_file:
                bad("所属大项编号", f"项目编号“{v['parent']}”不存在或不在您的数据范围内。")
            elif parent is None:
                bad("所属大项编号", f"大项“{v['parent']}”未能导入，见其所在行的错误。")
        if v.get("allocation") is not None and not v.get("source"):
            bad("资金来源", "填写了本年安排资金时，须填写资金来源。")
        if row_errors:
            errors.extend(row_errors)
            if progress:
                progress.step()
            continue
        is_new = project is None
        try:
            with transaction.atomic():
                project = project or Project(code=v["code"], command=command)
                for name in ("name", "category", "livelihood_kind", "in_plan", "plan_year", "budget",
                             "planned_start", "planned_end", "fixed_asset", "override_reason", "note",
                             "livelihood_override", "grassroots_override"):
                    setattr(project, name, v.get(name) if v.get(name) is not None else "")
                project.region = region
                project.parent = parent
                project.implementing_organisation = org
                project.delivery_mode = v.get("delivery_mode") or DeliveryMode.CHEQUE
                project.build_kind = v.get("build_kind") or BuildKind.NEW
                project.planned_start = v.get("planned_start")
                project.planned_end = v.get("planned_end")
                _save(ProjectService, project, n, PLAN_LABELS, acting_user=acting_user)
                existing[project.code] = project
                _approve(project, v.get("approved_on"), n, acting_user)
                if v.get("allocation") is not None:
                    _allocate(project, v, n, acting_user)
                    counts["allocations"] += 1
        except ImportFailed as exc:
            errors.extend(exc.errors)
            if is_new:
                existing.pop(v["code"], None)
        else:
            counts["created" if is_new else "updated"] += 1
        if progress:
            progress.step()
    if errors:
        raise ImportFailed(sorted(errors, key=lambda e: (e.row or 0)))
    counts["lines"] = [f"新增项目 {counts['created']} 个", f"更新项目 {counts['updated']} 个",
                       f"写入资金安排 {counts['allocations']} 笔"]
    return counts


def _approve(project: Project, day: dt.date | None, n: int, acting_user: Any) -> None:
    if day is None or project.approved_on == day:
        return
    if project.approved_on is not None:
        raise ImportFailed([RowError(n, "立项日期", (
            f"项目已于 {project.approved_on} 立项，立项日期不能在导入时改动。"))])
    try:
        project_advance(project, acting_user=acting_user, to=Stage.APPROVED, on=day)
    except ValidationError as exc:
        raise ImportFailed(errors_from_validation(n, exc, PLAN_LABELS | {"date": "立项日期",
                                                                          "stage": "立项日期"})) from exc


def _allocate(project: Project, v: dict, n: int, acting_user: Any) -> None:
    matches = list(Allocation.objects.filter(project=project, year=project.plan_year,
                                             source=v["source"]))
    if len(matches) > 1:
        raise ImportFailed([RowError(n, "本年安排资金", (
            f"该项目 {project.plan_year} 年已有 {len(matches)} 笔{FundSource(v['source']).label}资金安排，"
            "无法确定更新哪一笔，请在平台中修改。"))])
    allocation = matches[0] if matches else Allocation(
        project=project, command=project.command, year=project.plan_year, source=v["source"])
    allocation.amount = v["allocation"]
    _save(AllocationService, allocation, n, PLAN_LABELS, acting_user=acting_user)


def import_disbursements(rows: list[sheets.SheetRow], command: Command, *, acting_user: Any,
                         progress: Any = None) -> dict[str, Any]:
    codes = {r.values["code"] for r in rows}
    projects = {p.code: p for p in Project.objects.filter(code__in=codes)}
    counts = {"rows": len(rows), "created": 0, "updated": 0}
    errors: list[RowError] = []
    for row in rows:
        v, n = row.values, row.number
        project = projects.get(v["code"])
        if project is None:
            errors.append(RowError(n, "项目编号", f"项目编号“{v['code']}”不存在，请先导入项目计划。"))
        elif project.command_id != command.pk:
            errors.append(RowError(n, "项目编号", f"项目“{v['code']}”不属于{command}。"))
        else:
            try:
                with transaction.atomic():
                    found = Disbursement.objects.filter(project=project,
                                                        voucher_number=v["voucher_number"]).first()
                    item = found or Disbursement(project=project, voucher_number=v["voucher_number"])
                    item.date, item.amount, item.note = v["date"], v["amount"], v.get("note", "")
                    _save(DisbursementService, item, n, DISBURSEMENT_LABELS, acting_user=acting_user)
            except ImportFailed as exc:
                errors.extend(exc.errors)
            else:
                counts["updated" if found else "created"] += 1
        if progress:
            progress.step()
    if errors:
        raise ImportFailed(errors)
    counts["lines"] = [f"新增拨付 {counts['created']} 笔", f"更新拨付 {counts['updated']} 笔"]
    return counts


def _job(reader: Callable, apply: Callable):
    def run(job: ImportJob, *, commit: bool, progress: Callable[[int], Any]) -> dict:
        with job.file.open("rb") as fh:
            rows = reader(fh.read())
        return apply(rows, job.command, acting_user=job.created_by, progress=progress(len(rows)))

    return run


importer("project_plan", result="admin:projects_project_changelist",
         upload="admin:projects_project_plan_import")(
    _job(lambda data: sheets.read_rows(data, PLAN), import_plan))
importer("disbursements", result="admin:projects_disbursement_changelist",
         upload="admin:projects_disbursement_disbursement_import")(
    _job(lambda data: sheets.read_rows(data, DISBURSEMENTS), import_disbursements))

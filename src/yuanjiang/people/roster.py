"""The roster (花名册) in Excel: template, import (checked in full, then atomic), export.

One row is one posting of one person. Rows are matched by ID number: a known person is
updated, a new one registered; their posting in the command (the one with the same start
date, or their only one there) is updated, or a new posting created. A changed status goes
through the status steps of services.py (拟选派 → 在岗 → 期满返回/提前返回), never around them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError

from yuanjiang.core import sheets
from yuanjiang.core.imports import ImportFailed, RowError, errors_from_validation, save_row
from yuanjiang.core.jobs import importer
from yuanjiang.core.models import Command, ImportJob, Organisation

from . import ids
from .choices import (
    AssignmentStatus,
    Category,
    Education,
    Ethnicity,
    Gender,
    PoliticalStatus,
    ProfessionalKind,
    TermType,
)
from .models import Assignment, Person
from .services import AssignmentService, PersonService, assignment_arrive, assignment_finish

SHEET = "花名册"
MAX_ROWS = 20000
ID_PATTERN = re.compile(r"^\d{17}[\dXx]$")


# --- cells ------------------------------------------------------------------------------

_text = sheets.text
parse_date = sheets.parse_date
_choice = sheets.choice
_yes_no = sheets.yes_no_default(False)


def _id_number(value: Any) -> str:
    if isinstance(value, int | float):
        raise ValueError("身份证号须以文本格式填写（数字格式会丢失末几位）。")
    return ids.validate(_text(value))


Column = sheets.Column

COLUMNS = [
    Column("姓名", "name", required=True, width=10),
    Column("身份证号", "id_number", _id_number, required=True, width=22,
           help="18 位，末位可为 X；请以文本格式填写。用于识别人员：已登记的人员将被更新。"),
    Column("性别", "gender", _choice(Gender), choices=Gender, width=6, help="留空时按身份证号确定。"),
    Column("民族", "ethnicity", _choice(Ethnicity), required=True, choices=Ethnicity, width=10),
    Column("出生日期", "birth_date", parse_date, help="留空时按身份证号确定。"),
    Column("政治面貌", "political_status", _choice(PoliticalStatus), choices=PoliticalStatus),
    Column("学历", "education", _choice(Education), choices=Education),
    Column("专业技术职称", "professional_title"),
    Column("联系电话", "phone"),
    Column("派出单位", "home_organisation", required=True, width=28,
           help="须为平台中已登记的单位名称。"),
    Column("派出单位职务", "home_post", width=18),
    Column("人员类别", "category", _choice(Category), required=True, choices=Category),
    Column("专业类别", "professional_kind", _choice(ProfessionalKind), choices=ProfessionalKind,
           help="专业技术人才填写，其他类别留空。"),
    Column("受援单位", "organisation", required=True, width=28,
           help="须为平台中已登记、位于本指挥部受援地的单位名称。"),
    Column("挂职职务", "post", required=True, width=18),
    Column("任期", "term_type", _choice(TermType), required=True, choices=TermType, width=8),
    Column("开始日期", "start_date", parse_date, required=True),
    Column("计划结束日期", "planned_end_date", parse_date, help="留空时按任期推算；短期须填写。"),
    Column("实际结束日期", "actual_end_date", parse_date, help="期满返回、提前返回、轮换时填写。"),
    Column("状态", "status", _choice(AssignmentStatus), choices=AssignmentStatus, width=10,
           help="留空为“在岗”。"),
    Column("跨批次", "crosses_batch", _yes_no, width=8, help="填“是”或“否”，留空为“否”。"),
    Column("返回原因", "end_reason", width=18, help="提前返回时填写。"),
    Column("备注", "note", width=24),
]
HEADERS = [c.header for c in COLUMNS]
PERSON_FIELDS = ("name", "gender", "ethnicity", "birth_date", "political_status", "education",
                 "professional_title", "phone", "home_organisation", "home_post")
POSTING_FIELDS = ("category", "professional_kind", "organisation", "post", "term_type",
                  "start_date", "planned_end_date", "crosses_batch", "note")
LABELS = {c.key: c.header for c in COLUMNS} | {"id_number_hash": "身份证号", "person": "身份证号",
                                               "command": "指挥部"}


GUIDE = (
    "每行一项选派。按身份证号识别人员：已登记的更新，新的登记；同一人在本指挥部的选派"
    "（开始日期相同者，或唯一一项）更新，否则新增。先检查全部数据，确认后一次导入；"
    "有任何错误时不写入任何数据。没有查看完整身份证号权限的用户导出的花名册中身份证号已脱敏，"
    "不能用于导入更新。"
)


# --- template and export ------------------------------------------------------------------


SHEET_SPEC = sheets.Sheet(
    name=SHEET, columns=COLUMNS, guide=GUIDE, max_rows=MAX_ROWS, text_columns=("id_number",),
    unique=(("id_number", "start_date"), "身份证号", "同一人同一开始日期"),
)


def template_bytes() -> bytes:
    """An empty roster with dropdowns for every coded column and a sheet of instructions."""
    return sheets.template_bytes(SHEET_SPEC)


def export_bytes(postings: Iterable[Assignment], *, full_ids: bool) -> bytes:
    """The postings in the template's columns (ID numbers masked unless `full_ids`)."""

    def rows():
        for a in postings:
            p = a.person
            yield [
                p.name, p.id_number if full_ids else p.id_number_masked, p.get_gender_display(),
                p.get_ethnicity_display(), p.birth_date, p.get_political_status_display(),
                p.get_education_display(), p.professional_title, p.phone, p.home_organisation.name,
                p.home_post, a.get_category_display(), a.get_professional_kind_display(),
                a.organisation.name, a.post, a.get_term_type_display(), a.start_date,
                a.planned_end_date, a.actual_end_date, a.get_status_display(),
                "是" if a.crosses_batch else "否", a.end_reason, a.note,
            ]

    return sheets.export_bytes(SHEET_SPEC, rows())


# --- import -------------------------------------------------------------------------------------


RosterRow = sheets.SheetRow


def read_rows(data: bytes) -> list[RosterRow]:
    """Parse every cell of the roster; raise ImportFailed with every problem found."""
    return sheets.read_rows(data, SHEET_SPEC)


def _organisations(command: Command, user: Any) -> dict[str, list[Organisation]]:
    by_name: dict[str, list[Organisation]] = {}
    for org in Organisation.objects.restrict(user).select_related("region"):
        by_name.setdefault(org.name, []).append(org)
    return by_name


def _pick(by_name, name: str, number: int, column: str, errors: list[RowError],
          prefer: Callable[[Organisation], bool] | None = None) -> Organisation | None:
    found = by_name.get(name, [])
    if prefer and len(found) > 1:
        found = [o for o in found if prefer(o)] or found
    if not found:
        errors.append(RowError(number, column, f"单位“{name}”未登记，请先在“单位”中登记。"))
        return None
    if len(found) > 1:
        places = "、".join(o.region.name for o in found)
        errors.append(RowError(number, column, f"有多个名为“{name}”的单位（{places}），无法确定。"))
        return None
    return found[0]


def _save(service, instance, number: int, *, acting_user) -> None:
    save_row(service, instance, number, LABELS, acting_user=acting_user)


def import_rows(rows: list[RosterRow], command: Command, *, acting_user: Any,
                progress: Any = None) -> dict[str, int]:
    """Apply parsed rows to a command's roster. Collects every row's errors; raises
    ImportFailed at the end if there were any (the caller's transaction then rolls back)."""
    from django.db import transaction

    from yuanjiang.core import crypto

    area = list(command.pairings.values_list("recipient_region__path", flat=True))
    by_name = _organisations(command, acting_user)
    counts = {"rows": len(rows), "people_new": 0, "people_updated": 0, "postings_new": 0,
              "postings_updated": 0}
    errors: list[RowError] = []
    for row in rows:
        v, n = row.values, row.number
        row_errors: list[RowError] = []
        home = _pick(by_name, v["home_organisation"], n, "派出单位", row_errors)
        org = _pick(by_name, v["organisation"], n, "受援单位", row_errors,
                    prefer=lambda o: any(o.region.path.startswith(a) for a in area))
        if row_errors:
            errors.extend(row_errors)
            if progress:
                progress.step()
            continue
        try:
            with transaction.atomic():
                person = Person.objects.filter(
                    id_number_hash=crypto.blind_index(v["id_number"])).first()
                is_new_person = person is None
                person = person or Person()
                for name in PERSON_FIELDS:
                    value = home if name == "home_organisation" else v.get(name)
                    if value not in (None, "") or is_new_person:
                        setattr(person, name, value if value is not None else "")
                if is_new_person:
                    person.birth_date = v.get("birth_date")
                    person.registered_by = command
                person.set_id_number(v["id_number"])
                _save(PersonService, person, n, acting_user=acting_user)

                postings = [] if is_new_person else list(
                    Assignment.objects.filter(person=person, command=command))
                posting = next((p for p in postings if p.start_date == v["start_date"]), None) or (
                    postings[0] if len(postings) == 1 else None)
                is_new_posting = posting is None
                posting = posting or Assignment(person=person, command=command)
                for name in POSTING_FIELDS:
                    setattr(posting, name, org if name == "organisation" else v.get(name))
                if not v.get("planned_end_date"):
                    posting.planned_end_date = None if is_new_posting else posting.planned_end_date
                wanted = v.get("status") or AssignmentStatus.ON_POST
                if is_new_posting:
                    posting.status = wanted
                    posting.actual_end_date = v.get("actual_end_date")
                    posting.end_reason = v.get("end_reason", "")
                    _save(AssignmentService, posting, n, acting_user=acting_user)
                else:
                    _save(AssignmentService, posting, n, acting_user=acting_user)
                    _move(posting, wanted, v, n, acting_user)
        except ImportFailed as exc:
            errors.extend(exc.errors)
        else:
            counts["people_new" if is_new_person else "people_updated"] += 1
            counts["postings_new" if is_new_posting else "postings_updated"] += 1
        if progress:
            progress.step()
    if errors:
        raise ImportFailed(errors)
    counts["lines"] = [
        f"新登记人员 {counts['people_new']} 人", f"更新人员 {counts['people_updated']} 人",
        f"新增选派 {counts['postings_new']} 项", f"更新选派 {counts['postings_updated']} 项",
    ]
    return counts


def _move(posting: Assignment, wanted: str, v: dict, n: int, acting_user: Any) -> None:
    """Bring an existing posting to the status of its row, through the status steps."""
    if wanted == posting.status:
        return
    try:
        if posting.status == AssignmentStatus.PROPOSED and wanted == AssignmentStatus.ON_POST:
            assignment_arrive(posting, acting_user=acting_user, on=v["start_date"])
        elif posting.status == AssignmentStatus.ON_POST and wanted in (
            AssignmentStatus.COMPLETED, AssignmentStatus.EARLY_RETURN
        ):
            if not v.get("actual_end_date"):
                raise ImportFailed([RowError(n, "实际结束日期", "返回的选派须填写实际结束日期。")])
            assignment_finish(posting, acting_user=acting_user, on=v["actual_end_date"],
                              early=wanted == AssignmentStatus.EARLY_RETURN,
                              reason=v.get("end_reason", ""))
        else:
            raise ImportFailed([RowError(n, "状态", (
                f"已有选派的状态为“{posting.get_status_display()}”，不能改为"
                f"“{AssignmentStatus(wanted).label}”（中期轮换请在平台中操作）。"))])
    except ValidationError as exc:
        raise ImportFailed(errors_from_validation(n, exc, LABELS)) from exc


@importer("roster", result="admin:people_assignment_changelist",
          upload="admin:people_assignment_roster_import")
def import_job(job: ImportJob, *, commit: bool, progress: Callable[[int], Any]) -> dict:
    with job.file.open("rb") as fh:
        rows = read_rows(fh.read())
    return import_rows(rows, job.command, acting_user=job.created_by, progress=progress(len(rows)))

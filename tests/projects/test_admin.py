"""Project pages: lists and forms, the project page, the steps, Excel through the pages, the
figures, warnings and monthly pages, attachments — all within the data scope."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tests.core.test_admin import client_for, url
from tests.factories import AllocationFactory, ProjectFactory, advance, disburse, region
from yuanjiang.core.models import ImportJob
from yuanjiang.projects import sheets
from yuanjiang.projects.models import (
    Allocation,
    Arrival,
    Attachment,
    Disbursement,
    Output,
    ProgressUpdate,
    Project,
    StageEvent,
    SupervisionOrder,
)

pytestmark = pytest.mark.django_db
D = dt.date
M = Decimal


@pytest.fixture
def project(world):
    p = ProjectFactory(command=world.gongliu, code="GL-1", name="巩留县幼儿园",
                       budget=M("2000000.00"), planned_start=D(2021, 4, 1),
                       planned_end=D(2021, 10, 31))
    AllocationFactory(command=world.gongliu, project=p, amount=M("1500000.00"))
    advance(p, "approved", D(2021, 3, 1))
    disburse(p, "500000.00", D(2021, 3, 20), voucher="巩援拨〔2021〕1号")
    return p


MODELS = [Project, Allocation, Arrival, Disbursement, ProgressUpdate, Output, SupervisionOrder,
          StageEvent]


@pytest.mark.parametrize("model", MODELS)
def test_lists_render_for_every_role(world, project, model):
    for user in (world.staff_gongliu, world.js_office, world.recipient_gongliu, world.leader_js):
        assert client_for(user).get(url(model, "changelist")).status_code == 200


@pytest.mark.parametrize("model", [m for m in MODELS if m is not StageEvent])
def test_add_forms_render_for_command_staff(world, model):
    assert client_for(world.staff_gongliu).get(url(model, "add")).status_code == 200


def test_project_page_shows_items_money_stages_and_progress(world, project):
    ProjectFactory(command=world.gongliu, parent=project, code="GL-1-1", name="幼儿园围墙",
                   budget=M("100000.00"))
    html = client_for(world.staff_gongliu).get(url(Project, "change", project.pk)).content.decode()
    for text in ("幼儿园围墙", "巩援拨〔2021〕1号", "1,500,000.00", "立项", "拨付率 33.33%",
                 "推进阶段", "报告进度", "督办"):
        assert text in html, text


def test_other_commands_projects_are_out_of_reach(world, project):
    c = client_for(world.staff_altay)
    assert "巩留县幼儿园" not in c.get(url(Project, "changelist")).content.decode()
    for view in ("change", "delete", "history"):
        assert c.get(url(Project, view, project.pk)).status_code == 404
    assert c.get(reverse("admin:projects_project_step_advance", args=[project.pk])).status_code == 404
    # The recipient side reads, but does not write.
    r = client_for(world.recipient_gongliu)
    assert r.get(url(Project, "change", project.pk)).status_code == 200
    assert r.post(reverse("admin:projects_project_step_advance", args=[project.pk]),
                  {"stage": "started", "on": "2021-04-02"}).status_code == 403


def test_project_form_saves_through_the_service(world):
    c = client_for(world.staff_gongliu)
    data = {"code": "GL-NEW", "name": "巩留县敬老院", "command": world.gongliu.pk, "region": "654024",
            "category": "livelihood", "livelihood_kind": "social_security", "in_plan": "on",
            "plan_year": 2022, "budget": "3000000.00", "delivery_mode": "cheque",
            "build_kind": "new", "fixed_asset": "on", "livelihood_override": "",
            "grassroots_override": "", "override_reason": "", "note": ""}
    for prefix in ("items", "stage_events", "progress_updates", "allocations", "disbursements",
                   "outputs", "supervision_orders"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    bad = c.post(url(Project, "add"), {**data, "region": "654301"}).content.decode()
    assert "不在张家港援巩留工作组的受援地范围内" in bad
    assert c.post(url(Project, "add"), data).status_code == 302
    saved = Project.objects.get(code="GL-NEW")
    assert saved.is_livelihood and saved.is_grassroots and saved.stage == "pipeline"


def test_steps_from_the_project_page(world, project, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    c = client_for(world.staff_gongliu)
    step = reverse("admin:projects_project_step_advance", args=[project.pk])
    assert "当前阶段：立项" in c.get(step).content.decode()
    assert c.post(step, {"stage": "started", "on": "2021-04-06", "note": "开工仪式"}).status_code == 302
    project.refresh_from_db()
    assert project.stage == "started" and project.actual_start == D(2021, 4, 6)
    # Backwards is not offered, and refused if forced.
    html = c.post(step, {"stage": "approved", "on": "2021-05-01"}).content.decode()
    assert "选择一个有效的选项" in html
    report = reverse("admin:projects_project_step_progress", args=[project.pk])
    photo = SimpleUploadedFile("现场.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    assert c.post(report, {"date": "2021-06-30", "percent": 45, "note": "主体完工",
                           "files": [photo]}).status_code == 302
    attachment = Attachment.objects.get()
    download = reverse("admin:projects_progressupdate_attachment", args=[attachment.pk])
    response = c.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert client_for(world.staff_altay).get(download).status_code == 404
    # The report's page links the file through the scoped view only, never under MEDIA_URL.
    page = c.get(url(ProgressUpdate, "change", attachment.update_id)).content.decode()
    assert download in page and "/media/" not in page
    fake = SimpleUploadedFile("报告.pdf", b"MZ not a pdf")
    html = c.post(report, {"date": "2021-07-30", "percent": 50, "files": [fake]}).content.decode()
    assert "不是 PDF 文件" in html and ProgressUpdate.objects.count() == 1
    supervise = reverse("admin:projects_project_step_supervise", args=[project.pk])
    assert c.post(supervise, {"reason": "behind", "issued_by": "张家港援巩留工作组",
                              "issued_on": "2021-07-01", "assignee": "巩留县教育局",
                              "requirement": "加快进度", "due_date": "2021-07-15"}).status_code == 302
    order = SupervisionOrder.objects.get()
    close = reverse("admin:projects_supervisionorder_step_close", args=[order.pk])
    assert "办理结果" in c.post(close, {"on": "2021-07-10", "resolution": ""}).content.decode()
    assert c.post(close, {"on": "2021-07-10", "resolution": "已增加施工班组"}).status_code == 302
    order.refresh_from_db()
    assert order.closed_on == D(2021, 7, 10)


def test_figures_page(world, project):
    c = client_for(world.js_office)
    html = c.get(reverse("admin:projects_project_figures_page"), {"year": 2021}).content.decode()
    assert "1,500,000.00" in html and "100.00% 达标" in html
    html = c.get(reverse("admin:projects_project_figures_page"),
                 {"command": world.gongliu.pk, "year": "abc"}).content.decode()
    assert "年度应为四位数字" in html
    other = client_for(world.staff_altay).get(reverse("admin:projects_project_figures_page"),
                                              {"command": world.gongliu.pk})
    assert other.status_code == 404


def test_warnings_page(world, project):
    html = client_for(world.staff_gongliu).get(
        reverse("admin:projects_project_warnings_page")).content.decode()
    assert "巩留县幼儿园" in html and "未按期开工" in html and "下达督办" in html
    html = client_for(world.staff_altay).get(
        reverse("admin:projects_project_warnings_page")).content.decode()
    assert "巩留县幼儿园" not in html


def test_monthly_report_download(world, project):
    c = client_for(world.staff_gongliu)
    page = reverse("admin:projects_project_monthly_page")
    assert "下载月报" in c.get(page).content.decode()
    response = c.get(page, {"month": "2021-03", "command": world.gongliu.pk})
    ws = load_workbook(io.BytesIO(response.content))["项目进度月报"]
    assert ws.cell(2, 2).value == "GL-1" and ws.cell(2, 10).value == 500000
    assert "月份格式应为 YYYY-MM" in c.get(page, {"month": "2021-3x"}).content.decode()


def test_plan_import_through_the_pages(world, settings, tmp_path):
    from tests.projects.test_sheets import plan_row, workbook

    settings.MEDIA_ROOT = tmp_path
    c = client_for(world.staff_gongliu)
    page = reverse("admin:projects_project_plan_import")
    assert "项目计划文件" in c.get(page).content.decode()
    response = c.post(page, {"command": world.gongliu.pk, "file": SimpleUploadedFile(
        "计划.xlsx", workbook(sheets.PLAN, [plan_row()]))})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    html = c.get(response["Location"]).content.decode()
    assert "检查通过，待确认" in html and "新增项目 1 个" in html
    assert not Project.objects.exists()
    response = c.post(reverse("admin:core_importjob_change", args=[job.pk]), {"confirm": "1"})
    assert "已导入 1 行" in c.get(response["Location"]).content.decode()
    assert Project.objects.get().code == "GL-2021-001"
    from yuanjiang.core.models import ObjectChange

    assert ObjectChange.objects.filter(content_type__model="project", source="import").exists()


def test_disbursement_import_page_refuses_other_commands(world):
    c = client_for(world.staff_gongliu)
    page = reverse("admin:projects_disbursement_disbursement_import")
    html = c.post(page, {"command": world.altay.pk, "file": SimpleUploadedFile(
        "d.xlsx", sheets.disbursement_template())}).content.decode()
    assert "选择一个有效的选项" in html and not ImportJob.objects.exists()


def test_exports_in_the_import_columns(world, project):
    c = client_for(world.staff_gongliu)
    response = c.post(url(Project, "changelist"), {"action": "export_plan",
                                                   "_selected_action": [project.pk]})
    ws = load_workbook(io.BytesIO(response.content))["项目计划"]
    assert [cell.value for cell in ws[1]] == sheets.PLAN.headers and ws.cell(2, 1).value == "GL-1"
    response = c.post(url(Disbursement, "changelist"), {
        "action": "export_disbursements",
        "_selected_action": list(Disbursement.objects.values_list("pk", flat=True))})
    ws = load_workbook(io.BytesIO(response.content))["资金拨付"]
    assert ws.cell(2, 4).value == "巩援拨〔2021〕1号"


def test_rule_filter_lists_the_projects_that_pull_shares_down(world, project):
    ProjectFactory(command=world.gongliu, code="IND", category="industry", name="农产品加工厂")
    html = client_for(world.staff_gongliu).get(url(Project, "changelist"),
                                               {"rule": "not_livelihood"}).content.decode()
    assert "农产品加工厂" in html and "巩留县幼儿园" not in html
    assert region("654024")  # the filter pages run on the reference data


def test_a_refused_delete_is_a_message_and_keeps_the_records(world, project):
    """An allocation already paid from, or a closed supervision order, cannot be deleted:
    the page says why, singly or in a bulk action, and nothing is deleted."""
    from yuanjiang.projects.models import Allocation
    from yuanjiang.projects.services import SupervisionOrderService, supervision_close

    c = client_for(world.staff_gongliu)
    allocation = Allocation.objects.get()
    response = c.post(url(Allocation, "delete", allocation.pk), {"post": "yes"}, follow=True)
    assert response.status_code == 200 and "不能删除这笔资金安排" in response.content.decode()
    order = SupervisionOrderService.create(acting_user=None, data={
        "project": project, "reason": "not_started", "issued_by": "伊犁州援疆办",
        "issued_on": D(2021, 4, 10), "assignee": "巩留县教育局", "requirement": "尽快开工",
        "due_date": D(2021, 5, 10)})
    open_order = SupervisionOrderService.create(acting_user=None, data={
        "project": project, "reason": "not_started", "issued_by": "伊犁州援疆办",
        "issued_on": D(2021, 4, 11), "assignee": "巩留县教育局", "requirement": "再督办",
        "due_date": D(2021, 5, 10)})
    supervision_close(order, acting_user=None, on=D(2021, 4, 20), resolution="已开工")
    response = c.post(url(SupervisionOrder, "changelist"), {
        "action": "delete_selected", "_selected_action": [order.pk, open_order.pk], "post": "yes"},
        follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and "所选记录均未改动" in html and "不能删除" in html
    assert SupervisionOrder.objects.count() == 2 and Allocation.objects.count() == 1

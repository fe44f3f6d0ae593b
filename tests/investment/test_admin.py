"""Investment pages: lists and forms by role, the pipeline step, the flag, the imports."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.core.test_admin import client_for, url
from tests.factories import ActivityFactory, EnterpriseFactory, InvestmentProjectFactory, workbook
from yuanjiang.core.models import ImportJob
from yuanjiang.investment import sheets
from yuanjiang.investment.models import (
    Activity,
    Enterprise,
    FundsInPlace,
    InvestmentProject,
    PipelineEvent,
)
from yuanjiang.investment.services import FundsInPlaceService, investment_advance

pytestmark = pytest.mark.django_db
D, M = dt.date, Decimal
MODELS = [Enterprise, Activity, InvestmentProject, FundsInPlace]


@pytest.fixture
def project(world):
    firm = EnterpriseFactory(command=world.gongliu, name="甲公司")
    return InvestmentProjectFactory(command=world.gongliu, enterprise=firm, name="乳制品项目",
                                    planned_investment=M("1000000.00"))


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize(("who", "add"), [("staff_gongliu", 200), ("js_office", 200),
                                          ("recipient_gongliu", 403), ("leader_gongliu", 403)])
def test_lists_open_for_every_reader_and_forms_for_who_enters(world, project, model, who, add):
    c = client_for(getattr(world, who))
    assert c.get(url(model, "changelist")).status_code == 200
    assert c.get(url(model, "add")).status_code == add


def test_the_pipeline_step_page(world, project):
    c = client_for(world.staff_gongliu)
    step = reverse("admin:investment_investmentproject_step_advance", args=[project.pk])
    assert "线索→洽谈→签约→落地→投产" in c.get(step).content.decode()
    html = c.post(step, {"stage": "signed", "on": "2021-05-01"}).content.decode()
    assert "签约协议金额" in html and not PipelineEvent.objects.exists()
    response = c.post(step, {"stage": "signed", "on": "2021-05-01", "agreement_amount": "5000000"})
    assert response.status_code == 302
    assert InvestmentProject.objects.get().stage == "signed"
    assert client_for(world.staff_altay).get(step).status_code in (403, 404)


def test_the_list_flags_funds_beyond_the_planned_investment(world, project):
    investment_advance(project, acting_user=None, to="signed", on=D(2021, 5, 1),
                       agreement_amount=M("1.00"))
    FundsInPlaceService.create(acting_user=None, data={"project": project, "date": D(2021, 6, 1),
                                                       "amount": M("1500000.00")})
    c = client_for(world.staff_gongliu)
    html = c.get(url(InvestmentProject, "changelist") + "?funds=over").content.decode()
    assert "乳制品项目" in html and "到位资金超过计划总投资" in html
    page = c.get(url(InvestmentProject, "change", project.pk)).content.decode()
    assert "超过计划总投资 1,000,000.00 元" in page


def test_an_import_through_the_job_pages(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    EnterpriseFactory(command=world.gongliu, name="甲公司")
    c = client_for(world.staff_gongliu)
    page = reverse("admin:investment_activity_sheet_import")
    rows = [{"活动类型": "拜访企业和机构", "日期": "2021-05-10", "活动名称": "赴苏州走访", "地点": "苏州",
             "涉及企业和机构": "甲公司"}]
    response = c.post(page, {"command": world.gongliu.pk, "file": SimpleUploadedFile(
        "活动.xlsx", workbook(sheets.ACTIVITIES, rows))})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert "新增招商活动 1 次" in c.get(response["Location"]).content.decode()
    assert not Activity.objects.exists()
    c.post(reverse("admin:core_importjob_change", args=[job.pk]), {"confirm": "1"})
    assert Activity.objects.get().title == "赴苏州走访"
    template = c.get(reverse("admin:investment_activity_sheet_template"))
    assert template.status_code == 200 and template["Content-Type"].startswith("application/vnd")


def test_figure_links_narrow_the_list(world, project):
    ActivityFactory(command=world.gongliu, kind="fair", date=D(2021, 5, 1), title="2021推介会")
    ActivityFactory(command=world.gongliu, kind="fair", date=D(2022, 5, 1), title="2022推介会")
    c = client_for(world.staff_gongliu)
    scope = f"command:{world.gongliu.pk}"
    html = c.get(url(Activity, "changelist") + f"?figure_scope={scope}&figure_period=2021"
                 "&kind__exact=fair").content.decode()
    assert "2021推介会" in html and "2022推介会" not in html


def test_selected_records_export_in_the_import_columns(world, project):
    import io

    from openpyxl import load_workbook

    c = client_for(world.staff_gongliu)
    response = c.post(url(InvestmentProject, "changelist"), {
        "action": "export_sheet", "_selected_action": [project.pk]})
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content))[sheets.PROJECTS.name]
    rows = list(ws.values)
    assert list(rows[0]) == sheets.PROJECTS.headers
    assert rows[1][0] == "乳制品项目" and rows[1][3] == "654024"


@pytest.mark.parametrize("query", ["figure_scope=command:999999&figure_period=2021",
                                   "figure_scope=command:1&figure_period=2021-13",
                                   "figure_scope=nonsense&figure_period=x"])
def test_a_bad_figure_link_is_no_error_page(world, project, query):
    c = client_for(world.staff_gongliu)
    response = c.get(url(InvestmentProject, "changelist") + f"?reached=signed&{query}")
    assert response.status_code in (200, 302)

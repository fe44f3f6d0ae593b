"""The dashboard (驾驶舱) and the report jobs' pages: within the user's scopes, figures linked
to their records, reports asked for and downloaded by their requester only, a period
submitted from the dashboard."""

import datetime as dt
import html
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.core.test_admin import client_for
from tests.factories import AllocationFactory, ProjectFactory, advance, disburse, region
from yuanjiang.indicators.choices import ApprovalStatus
from yuanjiang.indicators.models import Approval
from yuanjiang.indicators.scopes import Period, Scope
from yuanjiang.indicators.selectors import figures
from yuanjiang.projects.models import Allocation
from yuanjiang.reports.models import ReportJob, ReportStatus

pytestmark = pytest.mark.django_db
D = dt.date
M = Decimal
DASHBOARD = "admin:reports_reportjob_dashboard"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


@pytest.fixture
def plan(world):
    """张家港→巩留 2021: 870万元 to a 民生 project, 130万元 to an 产业 one; 250万元 paid.
    吉林市→阿勒泰 2015: 50万元 (not 张家港's)."""
    g = world.gongliu
    p1 = ProjectFactory(command=g, code="P1", category="livelihood", budget=M("8700000.00"))
    p2 = ProjectFactory(command=g, code="P2", category="industry", budget=M("1300000.00"))
    a1 = AllocationFactory(command=g, project=p1, amount=M("8700000.00"))
    a2 = AllocationFactory(command=g, project=p2, amount=M("1300000.00"))
    advance(p1, "started", D(2021, 4, 1))
    disburse(p1, "2500000.00", D(2021, 5, 1))
    altay = ProjectFactory(command=world.altay, code="A1", region=region("654301"), plan_year=2015,
                           planned_start=D(2015, 4, 1), planned_end=D(2015, 10, 31),
                           budget=M("500000.00"))
    AllocationFactory(command=world.altay, project=altay, amount=M("500000.00"), year=2015)
    return {"allocations": {a1.pk, a2.pk}}


def ident(command) -> str:
    return f"command:{command.pk}"


def at(command, period: str) -> str:
    """The dashboard of a command and period, as its own links write it."""
    return reverse(DASHBOARD) + "?" + urlencode({"scope": ident(command), "period": period})


def dashboard(client, **params):
    return client.get(reverse(DASHBOARD), params)


@pytest.mark.parametrize("who", ["admin", "js_office", "staff_gongliu", "recipient_gongliu",
                                 "leader_js"])
def test_the_dashboard_renders_for_every_role(world, plan, who):
    response = dashboard(client_for(getattr(world, who)))
    assert response.status_code == 200
    page = response.content.decode()
    for words in ("驾驶舱", "援疆资金总额", "报送审核"):
        assert words in page, words
    # Leaders read and print; they change nothing, reports included (core/roles.py).
    assert ("生成报告" in page) is (who != "leader_js")
    scope_ident = response.context["scope_ident"]
    assert scope_ident == response.context["scope_choices"][0][0]
    assert f'<option value="{scope_ident}" selected>' in page


def test_a_key_figure_and_the_records_behind_it(world, plan):
    c = client_for(world.staff_gongliu)
    response = dashboard(c, scope=ident(world.gongliu), period="2021")
    page = response.content.decode()
    assert "10,000,000.00 元" in page  # 援疆资金总额
    assert "2,500,000.00 元" in page  # 援疆资金拨付金额
    total = figures(world.staff_gongliu, Scope("command", command=world.gongliu),
                    Period.of_year(2021)).get("aid_funds_total")
    assert f'href="{html.escape(total.records)}"' in page
    listed = c.get(total.records)
    assert listed.status_code == 200
    assert {a.pk for a in listed.context["cl"].queryset} == plan["allocations"]
    assert Allocation.objects.count() == 3  # 阿勒泰's is not among them


def test_reported_figures_show_their_qualifier_and_origin(world, plan):
    from yuanjiang.indicators.models import Indicator
    from yuanjiang.indicators.services import report_value

    report_value(acting_user=None, indicator=Indicator.objects.get(code="enterprises_visited"),
                 scope=Scope("command", command=world.gongliu), period=Period.of_year(2021),
                 value=M("100"), qualifier="more_than", note="据工作总结")
    page = dashboard(client_for(world.staff_gongliu), scope=ident(world.gongliu),
                     period="2021").content.decode()
    assert "拜访企业和机构数" in page and "100余 家" in page and "填报" in page
    assert "87.00%" in page and "达标（≥80%）" in page  # 民生领域资金占比


def test_a_scope_out_of_reach_shows_an_error_and_falls_back(world, plan):
    response = dashboard(client_for(world.staff_gongliu), scope=ident(world.altay))
    assert response.status_code == 200
    page = response.content.decode()
    assert "范围不存在或不在您的数据范围内。" in page
    assert response.context["scope_ident"] == ident(world.gongliu)
    assert "吉林市援阿勒泰工作队" not in page
    # A scope that does not exist looks the same.
    response = dashboard(client_for(world.staff_gongliu), scope="command:999999")
    assert "范围不存在或不在您的数据范围内。" in response.content.decode()
    # A bad period too: the error, then the first period offered.
    response = dashboard(client_for(world.staff_gongliu), scope=ident(world.gongliu), period="2021Q5")
    assert "无法识别的时期" in response.content.decode()
    assert response.context["period_key"] == "batch"


def test_a_report_from_the_dashboard_to_its_download(world, plan, django_capture_on_commit_callbacks):
    c = client_for(world.staff_gongliu)
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(at(world.gongliu, "2021"),
                          {"do": "summary_md"})
    job = ReportJob.objects.get()
    progress = reverse("admin:reports_reportjob_progress", args=[job.pk])
    assert response.status_code == 302 and response["Location"] == progress
    assert (job.kind, job.created_by, job.scope_key, job.period_key) == (
        "summary_md", world.staff_gongliu, ident(world.gongliu), "2021")
    assert job.status == ReportStatus.DONE

    page = c.get(progress).content.decode()
    download = reverse("admin:reports_reportjob_download", args=[job.pk])
    assert f'href="{download}"' in page and "已完成" in page
    assert "张家港市对口支援巩留县2021年援疆工作总结.md" in page
    assert 'http-equiv="refresh"' not in page
    assert f'href="{html.escape(at(world.gongliu, "2021"))}"' in page  # back to its dashboard
    state = c.get(progress, {"format": "json"}).json()
    assert state == {"status": "done", "percent": 100, "step": "已完成", "download": download,
                     "error": ""}

    got = c.get(download)
    assert got.status_code == 200
    assert got["Content-Type"] == "text/markdown; charset=utf-8"
    assert "attachment" in got["Content-Disposition"]
    data = b"".join(got.streaming_content).decode("utf-8")
    assert data.startswith("# 张家港市对口支援巩留县2021年援疆工作总结")
    assert "共计安排援疆资金1000万元" in data
    # The file gone from the disk: a 404 saying so, not a server error.
    job.file.storage.delete(job.file.name)
    missing = c.get(download)
    assert missing.status_code == 404


def test_a_queued_job_page_refreshes_and_has_no_download(world, plan):
    c = client_for(world.staff_gongliu)
    c.post(at(world.gongliu, "2021"), {"do": "tables"})
    job = ReportJob.objects.get()  # on-commit callbacks not run: still queued
    assert job.status == ReportStatus.QUEUED
    page = c.get(reverse("admin:reports_reportjob_progress", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' in page and "排队中" in page
    download = reverse("admin:reports_reportjob_download", args=[job.pk])
    assert download not in page
    assert c.get(download).status_code == 404


def test_someone_elses_job_is_not_found(world, plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.staff_gongliu).post(
            at(world.gongliu, "2021"), {"do": "summary_md"})
    job = ReportJob.objects.get()
    assert job.status == ReportStatus.DONE
    for other in (world.staff_yili, world.js_office, world.leader_js):
        c = client_for(other)
        assert c.get(reverse("admin:reports_reportjob_progress", args=[job.pk])).status_code == 404
        assert c.get(reverse("admin:reports_reportjob_download", args=[job.pk])).status_code == 404
    # The administrator sees every job.
    assert client_for(world.admin).get(
        reverse("admin:reports_reportjob_download", args=[job.pk])).status_code == 200


def test_submit_the_period_from_the_dashboard(world, plan):
    c = client_for(world.staff_gongliu)
    url = at(world.gongliu, "2021")
    assert "报送本期数据" in c.get(url).content.decode()
    response = c.post(url, {"do": "submit"})
    assert response.status_code == 302 and response["Location"] == url
    approval = Approval.objects.get()
    assert (approval.status, approval.submitted_by, approval.scope_key, approval.period_key) == (
        ApprovalStatus.SUBMITTED, world.staff_gongliu, ident(world.gongliu), "2021")
    page = c.get(url).content.decode()
    assert "已报送2021年的数据，等待后方审核。" in page
    assert "报送本期数据" not in page
    # Submitting again is refused with the reason, not an error page.
    c.post(url, {"do": "submit"})
    assert "不能报送" in c.get(url).content.decode()
    assert Approval.objects.get().status == ApprovalStatus.SUBMITTED


def test_the_leader_reads_but_does_not_submit(world, plan):
    c = client_for(world.leader_js)
    url = at(world.gongliu, "2021")
    assert "报送本期数据" not in c.get(url).content.decode()
    c.post(url, {"do": "submit"})
    assert not Approval.objects.filter(status=ApprovalStatus.SUBMITTED).exists()


def test_every_role_but_the_leader_may_ask_for_reports(world):
    for user in (world.admin, world.js_office, world.staff_gongliu, world.recipient_gongliu):
        assert user.has_perm("reports.add_reportjob"), user
    assert world.leader_js.has_perm("reports.view_reportjob")
    assert not world.leader_js.has_perm("reports.add_reportjob")


def test_without_the_report_permission_no_report_is_made(world, plan):
    c = client_for(world.leader_js)
    url = at(world.gongliu, "2021")
    page = c.get(url).content.decode()
    assert "生成报告" not in page
    response = c.post(url, {"do": "summary_docx"})
    assert response.status_code == 302 and response["Location"] == url
    assert not ReportJob.objects.exists()
    assert "您没有生成报告的权限。" in c.get(url).content.decode()

"""/api/reports/jobs/: ask for a report (made at once by the ImmediateBackend once the request's
transaction commits), follow it, download it; a user sees only their own jobs and scopes."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.cache import cache
from docx import Document as read_docx
from openpyxl import load_workbook

from tests.factories import AllocationFactory, ProjectFactory, advance, disburse
from yuanjiang.reports.models import ReportJob, ReportStatus

pytestmark = pytest.mark.django_db
D = dt.date
M = Decimal
JOBS = "/api/reports/jobs/"
GONGLIU = "command:320582-654024:10"


@pytest.fixture(autouse=True)
def data(world, settings, tmp_path):
    """张家港→巩留 2021: 1000万元 in two projects, 250万元 paid."""
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    g = world.gongliu
    p1 = ProjectFactory(command=g, code="P1", category="livelihood", budget=M("8700000.00"))
    p2 = ProjectFactory(command=g, code="P2", category="industry", budget=M("1300000.00"))
    AllocationFactory(command=g, project=p1, amount=M("8700000.00"))
    AllocationFactory(command=g, project=p2, amount=M("1300000.00"))
    advance(p1, "started", D(2021, 4, 1))
    disburse(p1, "2500000.00", D(2021, 5, 1))


def ask(api, user, commit, **body):
    """POST a request; `commit` runs what the request queued on commit (the job)."""
    with commit(execute=True):
        response = api.as_user(user).post(JOBS, body, format="json")
    return response


@pytest.mark.parametrize(("kind", "ext"), [("summary_md", "md"), ("summary_docx", "docx"),
                                           ("tables", "xlsx")])
def test_ask_for_a_report_and_download_it(world, api, django_capture_on_commit_callbacks, kind, ext):
    response = ask(api, world.staff_gongliu, django_capture_on_commit_callbacks, kind=kind,
                   scope=GONGLIU, period="2021")
    assert response.status_code == 202, response.json()
    created = response.json()
    assert (created["kind"], created["scope"], created["period"]) == (kind, GONGLIU, "2021")
    job = ReportJob.objects.get(pk=created["id"])
    assert job.status == ReportStatus.DONE and job.created_by == world.staff_gongliu

    body = api.get(f"{JOBS}{job.pk}/").json()
    assert body["status"] == "done" and body["progress"] == 100 and body["error"] == ""
    assert body["file_name"] == f"张家港市对口支援巩留县2021年{'统计报表' if kind == 'tables' else '援疆工作总结'}.{ext}"
    assert body["download"] == f"http://testserver{JOBS}{job.pk}/download/"
    if kind == "tables":
        assert body["trace"] == []
    else:
        assert any(t["code"] == "aid_funds_total" and t["text"] == "1000万元" for t in body["trace"])

    got = api.get(body["download"])
    assert got.status_code == 200 and "attachment" in got["Content-Disposition"]
    data = b"".join(got.streaming_content)
    with job.file.open("rb") as fh:
        assert data == fh.read()
    if ext == "md":
        assert got["Content-Type"] == "text/markdown; charset=utf-8"
        assert "共计安排援疆资金1000万元" in data.decode("utf-8")
    elif ext == "docx":
        assert "共计安排援疆资金1000万元" in "\n".join(
            p.text for p in read_docx(io.BytesIO(data)).paragraphs)
    else:
        assert load_workbook(io.BytesIO(data))["主要指标"]["C4"].value == 10000000


def test_the_list_holds_the_users_own_jobs(world, api, django_capture_on_commit_callbacks):
    ask(api, world.staff_gongliu, django_capture_on_commit_callbacks, kind="summary_md",
        scope=GONGLIU, period="2021")
    ask(api, world.js_office, django_capture_on_commit_callbacks, kind="tables",
        scope="province:320000", period="batch:10")
    mine = api.as_user(world.staff_gongliu).get(JOBS).json()["results"]
    assert [(j["kind"], j["scope"]) for j in mine] == [("summary_md", GONGLIU)]
    office = api.as_user(world.js_office).get(JOBS).json()["results"]
    assert [(j["kind"], j["scope"], j["period"], j["status"]) for j in office] == [
        ("tables", "province:320000", "batch:10", "done")]
    assert len(api.as_user(world.admin).get(JOBS).json()["results"]) == 2


def test_a_scope_out_of_reach_is_not_found(world, api, django_capture_on_commit_callbacks):
    response = ask(api, world.staff_altay, django_capture_on_commit_callbacks, kind="summary_md",
                   scope=GONGLIU, period="2021")
    assert response.status_code == 404
    assert response.json()["detail"] == "范围不存在或不在您的数据范围内。"
    response = ask(api, world.recipient_altay, django_capture_on_commit_callbacks, kind="tables",
                   scope="province:320000", period="batch:10")
    assert response.status_code == 404
    assert not ReportJob.objects.exists()


def test_bad_scopes_and_periods_are_told_in_chinese(world, api, django_capture_on_commit_callbacks):
    def bad(**body):
        response = ask(api, world.staff_gongliu, django_capture_on_commit_callbacks,
                       **{"kind": "summary_md", "scope": GONGLIU, "period": "2021", **body})
        assert response.status_code == 400, response.json()
        return response.json()

    assert bad(period="2021Q5") == {"period": [
        "无法识别的时期“2021Q5”：应为 2022、2022Q3、2022-05、batch 或 batch:10。"]}
    assert bad(period="2021-13") == {"period": ["月份“2021-13”不存在。"]}
    assert bad(period="batch:99") == {"period": ["张家港援巩留工作组没有唯一的第99批。"]}
    assert bad(scope="command:320582") == {"scope": [
        "指挥部范围的写法为 command:支援方代码-受援地代码:批次序号，如 command:320582-654024:10。"]}
    assert "kind" in bad(kind="summary_pdf")
    assert not ReportJob.objects.exists()


def test_someone_elses_job_is_not_found(world, api, django_capture_on_commit_callbacks):
    job_id = ask(api, world.staff_gongliu, django_capture_on_commit_callbacks, kind="summary_md",
                 scope=GONGLIU, period="2021").json()["id"]
    for other in (world.staff_yili, world.js_office, world.recipient_gongliu):
        client = api.as_user(other)
        assert client.get(f"{JOBS}{job_id}/").status_code == 404
        assert client.get(f"{JOBS}{job_id}/download/").status_code == 404
    assert api.as_user(world.admin).get(f"{JOBS}{job_id}/download/").status_code == 200


def test_a_job_not_yet_made_cannot_be_downloaded(world, api):
    # Without committing, the job stays queued.
    response = api.as_user(world.staff_gongliu).post(JOBS, {"kind": "summary_md", "scope": GONGLIU,
                                                            "period": "2021"}, format="json")
    assert response.status_code == 202
    assert (response.json()["status"], response.json()["download"]) == ("queued", None)
    assert api.get(f"{JOBS}{response.json()['id']}/download/").status_code == 404


def test_jobs_are_not_changed_through_the_api(world, api, django_capture_on_commit_callbacks):
    job_id = ask(api, world.staff_gongliu, django_capture_on_commit_callbacks, kind="summary_md",
                 scope=GONGLIU, period="2021").json()["id"]
    client = api.as_user(world.staff_gongliu)
    assert client.put(f"{JOBS}{job_id}/", {}, format="json").status_code == 405
    assert client.delete(f"{JOBS}{job_id}/").status_code == 403  # no delete permission at all
    assert api.as_user(world.admin).delete(f"{JOBS}{job_id}/").status_code == 405
    assert ReportJob.objects.filter(pk=job_id, status=ReportStatus.DONE).exists()
    api.credentials()
    assert api.get(JOBS).status_code == 401


def test_a_report_whose_file_is_gone_is_not_found(world, api, django_capture_on_commit_callbacks):
    job_id = ask(api, world.staff_gongliu, django_capture_on_commit_callbacks, kind="summary_md",
                 scope=GONGLIU, period="2021").json()["id"]
    job = ReportJob.objects.get(pk=job_id)
    job.file.storage.delete(job.file.name)
    response = api.as_user(world.staff_gongliu).get(f"{JOBS}{job_id}/download/")
    assert response.status_code == 404
    assert response.json()["detail"] == "报告文件已不存在，请重新生成。"

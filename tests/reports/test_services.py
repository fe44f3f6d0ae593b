"""Making reports: the files of each kind, and background jobs (queued on commit, run at once
by the ImmediateBackend in tests) with their file, trace, progress and failures."""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from docx import Document as read_docx
from openpyxl import load_workbook

from tests.factories import AllocationFactory, ProjectFactory, advance, disburse
from yuanjiang.core.scope import PLATFORM
from yuanjiang.indicators.scopes import Period, Scope, parse_period
from yuanjiang.reports import services
from yuanjiang.reports.models import ReportJob, ReportKind, ReportStatus
from yuanjiang.reports.services import make, progress_of, request_report, run_report

pytestmark = pytest.mark.django_db
D = dt.date
M = Decimal
YEAR = Period.of_year(2021)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    return tmp_path


@pytest.fixture
def plan(world):
    """张家港→巩留 2021: two projects, 1000万元 (民生 870万元), 250万元 paid."""
    g = world.gongliu
    p1 = ProjectFactory(command=g, code="P1", category="livelihood", budget=M("8700000.00"))
    p2 = ProjectFactory(command=g, code="P2", category="industry", budget=M("1300000.00"))
    AllocationFactory(command=g, project=p1, amount=M("8700000.00"))
    AllocationFactory(command=g, project=p2, amount=M("1300000.00"))
    advance(p1, "started", D(2021, 4, 1))
    disburse(p1, "2500000.00", D(2021, 5, 1))
    return Scope("command", command=g)


def test_make_a_markdown_summary(plan):
    out = make(PLATFORM, ReportKind.SUMMARY_MD, plan, YEAR)
    text = out.data.decode("utf-8")
    assert out.file_name == "张家港市对口支援巩留县2021年援疆工作总结.md"
    assert text.startswith("# 张家港市对口支援巩留县2021年援疆工作总结\n")
    assert "共计安排援疆资金1000万元，实施对口支援项目2个" in text
    assert out.trace and all(text[t["start"]:t["end"]] == t["text"] for t in out.trace)
    json.dumps(out.trace, ensure_ascii=False)  # stored as JSON on the job


def test_make_a_word_summary(plan):
    out = make(PLATFORM, ReportKind.SUMMARY_DOCX, plan, YEAR)
    assert out.file_name.endswith(".docx") and out.data[:2] == b"PK"
    word = read_docx(io.BytesIO(out.data))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "张家港市对口支援巩留县2021年援疆工作总结" in text
    assert "共计安排援疆资金1000万元" in text and "一、民生援疆" in text
    md = make(PLATFORM, ReportKind.SUMMARY_MD, plan, YEAR)
    assert out.trace == md.trace  # the same figures, traced in the Markdown text


def test_make_the_tables(plan):
    out = make(PLATFORM, ReportKind.TABLES, plan, YEAR)
    assert out.file_name == "张家港市对口支援巩留县2021年统计报表.xlsx" and out.trace == []
    wb = load_workbook(io.BytesIO(out.data))
    assert wb.sheetnames == ["主要指标", "资金来源与类别", "项目进度", "干部人才"]


def test_make_reports_progress(plan):
    steps = []
    make(PLATFORM, ReportKind.SUMMARY_DOCX, plan, YEAR, progress=lambda p, what: steps.append(p))
    assert steps == [10, 60, 75]


@pytest.mark.parametrize("kind", ReportKind.values)
def test_a_requested_report_is_made_on_commit(world, plan, kind, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = request_report(acting_user=world.staff_gongliu, kind=kind, scope=plan, period=YEAR)
        job.refresh_from_db()
        assert job.status == ReportStatus.QUEUED and not job.file
        assert progress_of(job) == (0, "排队中")
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE, job.error
    assert job.created_by == world.staff_gongliu and job.finished_at is not None
    assert (job.scope_key, job.period_key) == (plan.ident, "2021")
    assert job.file_name == make(PLATFORM, kind, plan, YEAR).file_name
    assert job.file.name.endswith(services.EXTENSIONS[kind])
    with job.file.open("rb") as fh:
        data = fh.read()
    if kind == ReportKind.SUMMARY_MD:
        assert "共计安排援疆资金1000万元" in data.decode("utf-8")
    elif kind == ReportKind.SUMMARY_DOCX:
        assert "共计安排援疆资金1000万元" in "\n".join(p.text for p in read_docx(io.BytesIO(data)).paragraphs)
    else:
        assert load_workbook(io.BytesIO(data))["主要指标"]["C4"].value == 10000000
    if kind == ReportKind.TABLES:
        assert job.trace == []
    else:
        assert {t["code"] for t in job.trace} >= {"aid_funds_total", "aid_projects_total"}
    assert progress_of(job) == (100, "已完成")


def test_the_job_is_made_with_its_requesters_view(world, plan, django_capture_on_commit_callbacks):
    # A batch job for the province: the requester sees 张家港's projects, 吉林's office none.
    province = Scope("province", region=world.js10.supporting_region)
    period = parse_period("batch:10", province)
    with django_capture_on_commit_callbacks(execute=True):
        job = request_report(acting_user=world.js_office, kind=ReportKind.SUMMARY_MD,
                             scope=province, period=period)
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE
    assert "共计安排援疆资金1000万元" in job.file.read().decode("utf-8")


def test_a_report_out_of_the_users_reach_is_refused(world, plan):
    with pytest.raises(ValidationError):
        request_report(acting_user=world.staff_altay, kind=ReportKind.SUMMARY_MD, scope=plan,
                       period=YEAR)
    assert not ReportJob.objects.exists()


def test_a_failing_job_is_recorded_without_a_file(world, plan, monkeypatch, media,
                                                  django_capture_on_commit_callbacks):
    def broken(*args, **kwargs):
        raise RuntimeError("总结写不出来")

    monkeypatch.setattr(services, "write_summary", broken)
    with django_capture_on_commit_callbacks(execute=True):
        job = request_report(acting_user=world.staff_gongliu, kind=ReportKind.SUMMARY_DOCX,
                             scope=plan, period=YEAR)
    job.refresh_from_db()
    assert job.status == ReportStatus.FAILED
    assert job.error == "RuntimeError: 总结写不出来"
    assert not job.file and job.file_name == "" and job.trace == []
    assert job.finished_at is not None
    assert not any(p.is_file() for p in media.rglob("*"))
    percent, _what = progress_of(job)
    assert percent < 100


def test_a_job_failing_after_its_file_was_saved_leaves_no_file(world, plan, monkeypatch, media):
    job = request_report(acting_user=world.staff_gongliu, kind=ReportKind.SUMMARY_MD, scope=plan,
                         period=YEAR)
    real_filter = ReportJob.objects.filter

    class Refusing:
        def __init__(self, qs):
            self.qs = qs

        def update(self, **fields):
            if fields.get("status") == ReportStatus.DONE:
                raise RuntimeError("数据库写入失败")
            return self.qs.update(**fields)

    monkeypatch.setattr(ReportJob.objects, "filter", lambda *a, **k: Refusing(real_filter(*a, **k)))
    assert run_report(job.pk) == ReportStatus.FAILED
    monkeypatch.undo()
    job.refresh_from_db()
    assert job.status == ReportStatus.FAILED and job.error == "RuntimeError: 数据库写入失败"
    assert not any(p.is_file() for p in media.rglob("*"))


def test_progress_of_a_running_job(world, plan):
    job = request_report(acting_user=world.staff_gongliu, kind=ReportKind.SUMMARY_MD, scope=plan,
                         period=YEAR)
    assert progress_of(job) == (0, "排队中")
    cache.set(services._key(job.pk), (60, "正在撰写总结"))
    assert progress_of(job) == (60, "正在撰写总结")
    ReportJob.objects.filter(pk=job.pk).update(status=ReportStatus.DONE)
    job.refresh_from_db()
    assert progress_of(job) == (100, "已完成")

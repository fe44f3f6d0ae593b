"""Making reports: the work summary as Word or Markdown, the statistical tables as Excel,
from the command line at once or from the pages as a background job with progress and a
download link. Reports only read the indicators layer; a job's record is its own write."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from yuanjiang.core.changelog import change_context
from yuanjiang.core.choices import ChangeSource
from yuanjiang.core.services import ModelService
from yuanjiang.indicators.scopes import Period, Scope

from .document import Paragraph, Section, to_markdown
from .models import ReportJob, ReportKind, ReportStatus
from .summary import locate, write_summary

logger = logging.getLogger(__name__)

FORMATS = {"docx": ReportKind.SUMMARY_DOCX, "md": ReportKind.SUMMARY_MD}
MIME = {
    ReportKind.SUMMARY_DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ReportKind.SUMMARY_MD: "text/markdown; charset=utf-8",
    ReportKind.TABLES: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXTENSIONS = {ReportKind.SUMMARY_DOCX: "docx", ReportKind.SUMMARY_MD: "md", ReportKind.TABLES: "xlsx"}


@dataclass
class Output:
    data: bytes
    file_name: str
    trace: list[dict[str, Any]]


def paragraph_texts(blocks: list[Any]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Section):
            out.extend(paragraph_texts(block.blocks))
    return out


def make(user: Any, kind: str, scope: Scope, period: Period, progress=None) -> Output:
    """The file of a report (bytes), its name and, for a summary, where each figure stands."""
    step = progress or (lambda percent, what: None)
    if kind == ReportKind.TABLES:
        from .tables import statistical_tables

        step(10, _("正在计算统计数据"))
        data = statistical_tables(user, scope, period)
        return Output(data, f"{scope.short_label}{period.label}统计报表.xlsx", [])
    step(10, _("正在计算各项指标"))
    summary = write_summary(user, scope, period)
    step(60, _("正在撰写总结"))
    markdown = to_markdown(summary.document)
    trace = locate(summary.trace, paragraph_texts(summary.document.blocks), markdown)
    name = f"{summary.document.title}.{EXTENSIONS[kind]}"
    if kind == ReportKind.SUMMARY_MD:
        return Output(markdown.encode("utf-8"), name, trace)
    from .docx import write_docx

    step(75, _("正在生成 Word 文件和图表"))
    return Output(write_docx(summary.document), name, trace)


# --- background jobs ---------------------------------------------------------------------------


class ReportJobService(ModelService):
    model = ReportJob

    @classmethod
    def defaults_for(cls, instance: ReportJob, acting_user: Any) -> None:
        if getattr(acting_user, "pk", None):
            instance.created_by = acting_user

    @classmethod
    def prepare(cls, instance: ReportJob, m2m: dict) -> None:
        from yuanjiang.indicators.services import _fill_scope_and_period

        _fill_scope_and_period(instance)

    @classmethod
    def clean_exclude(cls, instance: ReportJob) -> list[str]:
        return ["scope_key", "period_key", "created_by"]


def job_file_response(job: ReportJob) -> Any:
    """The file of a finished job as a download (pages and API; the caller has found the
    job within the user's reach)."""
    from django.http import FileResponse, Http404

    if job.status != ReportStatus.DONE or not job.file:
        raise Http404(_("报告尚未生成。"))
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("报告文件已不存在，请重新生成。")) from None
    return FileResponse(handle, as_attachment=True, filename=job.file_name, content_type=MIME[job.kind])


def _key(job_id: int) -> str:
    return f"yuanjiang:report-job:{job_id}:progress"


def progress_of(job: ReportJob) -> tuple[int, str]:
    if job.status == ReportStatus.DONE:
        return 100, _("已完成")
    return cache.get(_key(job.pk), (0, job.get_status_display()))


def request_report(*, acting_user: Any, kind: str, scope: Scope, period: Period) -> ReportJob:
    """Queue a report for the user; the worker makes it (at once where jobs run inline)."""
    with transaction.atomic():
        job = ReportJobService.create(acting_user=acting_user, data={
            "kind": kind, **scope.fields(), **period.fields()})
        job_id = job.pk
        transaction.on_commit(lambda: make_report.enqueue(job_id))
    return job


def run_report(job_id: int) -> str:
    job = ReportJob.objects.select_related("created_by").get(pk=job_id)
    ReportJob.objects.filter(pk=job.pk).update(status=ReportStatus.RUNNING)

    def step(percent: int, what: str) -> None:
        cache.set(_key(job.pk), (percent, what), 86400)

    try:
        with change_context(user=job.created_by, source=ChangeSource.SERVICE):
            out = make(job.created_by, job.kind, job.scope, job.period, progress=step)
            job.file.save(out.file_name, ContentFile(out.data), save=False)
            ReportJob.objects.filter(pk=job.pk).update(
                status=ReportStatus.DONE, file=job.file.name, file_name=out.file_name,
                trace=out.trace, finished_at=timezone.now())
        step(100, _("已完成"))
        return ReportStatus.DONE
    except Exception as exc:  # recorded and shown; the job never leaves a half-made file
        logger.exception("report job %s failed", job.pk)
        if job.file:
            job.file.delete(save=False)
        ReportJob.objects.filter(pk=job.pk).update(
            status=ReportStatus.FAILED, error=f"{exc.__class__.__name__}: {exc}",
            finished_at=timezone.now())
        return ReportStatus.FAILED


@task()
def make_report(job_id: int) -> str:
    return run_report(job_id)

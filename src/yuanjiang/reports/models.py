"""A report made in the background (a work summary in Word or Markdown, the statistical
tables in Excel): who asked for it, for which scope and period, its progress, its file, and
for a summary the mapping of every figure in its text to the value it states."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yuanjiang.indicators.models import ScopedFigure


class ReportKind(models.TextChoices):
    SUMMARY_DOCX = "summary_docx", _("工作总结（Word）")
    SUMMARY_MD = "summary_md", _("工作总结（Markdown）")
    TABLES = "tables", _("统计报表（Excel）")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("正在生成")
    DONE = "done", _("已完成")
    FAILED = "failed", _("生成失败")


class ReportJob(ScopedFigure):
    kind = models.CharField(_("报告类型"), max_length=16, choices=ReportKind.choices)
    status = models.CharField(_("状态"), max_length=10, choices=ReportStatus.choices,
                              default=ReportStatus.QUEUED, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"),
                                   on_delete=models.PROTECT, related_name="+", editable=False)
    requested_at = models.DateTimeField(_("申请时间"), default=timezone.now, editable=False)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True, editable=False)
    file = models.FileField(_("文件"), upload_to="reports/%Y/%m/", blank=True, editable=False)
    file_name = models.CharField(_("文件名"), max_length=200, blank=True, editable=False)
    trace = models.JSONField(_("数字出处"), default=list, blank=True, editable=False,
                             help_text=_("总结中每个数字对应的指标数值。"))
    error = models.TextField(_("错误"), blank=True, editable=False)

    class Meta:
        verbose_name = _("报告任务")
        verbose_name_plural = _("报告任务")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return self.file_name or f"{self.get_kind_display()}（{self.get_status_display()}）"

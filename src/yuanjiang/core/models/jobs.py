from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..scope import DataScope, RestrictedManager


class ImportStatus(models.TextChoices):
    CHECKING = "checking", _("正在检查")
    CHECKED = "checked", _("检查通过，待确认")
    INVALID = "invalid", _("有错误，未导入")
    COMMITTING = "committing", _("正在导入")
    DONE = "done", _("已导入")
    FAILED = "failed", _("导入失败")


class ImportJob(models.Model):
    """One upload of a table: checked in full first (a dry run that writes nothing), then,
    once a person confirms, imported in one transaction. Runs as a background job."""

    kind = models.CharField(_("类型"), max_length=32)
    command = models.ForeignKey("core.Command", verbose_name=_("指挥部"),
                                on_delete=models.PROTECT, related_name="import_jobs")
    file = models.FileField(_("文件"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("文件名"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"),
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    status = models.CharField(_("状态"), max_length=16, choices=ImportStatus.choices,
                              default=ImportStatus.CHECKING)
    total_rows = models.PositiveIntegerField(_("行数"), default=0)
    summary = models.JSONField(_("结果"), default=dict, blank=True)
    errors = models.JSONField(_("错误"), default=list, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    objects = RestrictedManager()
    data_scope = DataScope(command="command")

    class Meta:
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name}（{self.get_status_display()}）"

    @property
    def running(self) -> bool:
        return self.status in (ImportStatus.CHECKING, ImportStatus.COMMITTING)

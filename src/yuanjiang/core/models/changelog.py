from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import ChangeAction, ChangeSource
from ..scope import DataScope, RestrictedQuerySet


class ChangeLogQuerySet(RestrictedQuerySet):
    def update(self, **kwargs):
        raise ValidationError(_("变更记录不可修改。"))

    def delete(self):
        raise ValidationError(_("变更记录不可删除。"))


class ObjectChange(models.Model):
    """One create, update or delete of a record, with who, when, where from and the values.

    Rows are written once and never changed: the model refuses updates and deletes and the
    database rejects them with triggers (see migration 0002).
    """

    time = models.DateTimeField(_("时间"), default=timezone.now, db_index=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    user_name = models.CharField(_("操作人名称"), max_length=150, editable=False)
    request_id = models.UUIDField(_("请求标识"), db_index=True, editable=False)
    source = models.CharField(_("来源"), max_length=16, choices=ChangeSource.choices, editable=False)
    action = models.CharField(_("操作"), max_length=16, choices=ChangeAction.choices, editable=False)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("对象类型"), on_delete=models.PROTECT, related_name="+",
        editable=False,
    )
    object_id = models.CharField(_("对象标识"), max_length=64, editable=False)
    object_repr = models.CharField(_("对象"), max_length=200, editable=False)
    # Where the object belonged when it changed, so the log obeys the same data scope even
    # after the object is gone. No database constraint: the log outlives what it names.
    scope_command = models.ForeignKey(
        "core.Command", on_delete=models.DO_NOTHING, db_constraint=False, null=True,
        blank=True, related_name="+", editable=False, verbose_name=_("所属指挥部"),
    )
    scope_supporting = models.ForeignKey(
        "core.Region", on_delete=models.DO_NOTHING, db_constraint=False, null=True,
        blank=True, related_name="+", editable=False, verbose_name=_("所属支援方"),
    )
    scope_region = models.ForeignKey(
        "core.Region", on_delete=models.DO_NOTHING, db_constraint=False, null=True,
        blank=True, related_name="+", editable=False, verbose_name=_("所属受援地"),
    )
    prechange_data = models.JSONField(
        _("变更前"), null=True, blank=True, encoder=DjangoJSONEncoder, editable=False
    )
    postchange_data = models.JSONField(
        _("变更后"), null=True, blank=True, encoder=DjangoJSONEncoder, editable=False
    )

    objects = ChangeLogQuerySet.as_manager()

    data_scope = DataScope(
        command="scope_command", supporting="scope_supporting", region="scope_region"
    )

    class Meta:
        verbose_name = _("变更记录")
        verbose_name_plural = _("变更记录")
        ordering = ["-time", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="objectchange_object")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("变更记录不可修改。"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("变更记录不可删除。"))

    def diff(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for every field whose value changed."""
        before = self.prechange_data or {}
        after = self.postchange_data or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]

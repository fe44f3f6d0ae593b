from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import CommandKind, MemberRole
from ..scope import DataScope
from .base import PlatformModel


class Batch(PlatformModel):
    """批次: one rotation of a supporting side, numbered by that side (江苏 第十批)."""

    supporting_region = models.ForeignKey(
        "core.Region",
        verbose_name=_("选派方"),
        on_delete=models.PROTECT,
        related_name="batches",
        help_text=_("为本批次编号的支援方（省或市）。"),
    )
    number = models.PositiveSmallIntegerField(_("批次序号"), validators=[MinValueValidator(1)])
    name = models.CharField(_("批次名称"), max_length=40, help_text=_("如“第十批”；留空时按序号生成。"))
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(
        _("结束日期"), null=True, blank=True, help_text=_("尚未确定时留空。")
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)
    source = models.CharField(_("数据来源"), max_length=200, blank=True)

    data_scope = DataScope(supporting="supporting_region", command="commands")

    class Meta:
        verbose_name = _("批次")
        verbose_name_plural = _("批次")
        ordering = ["supporting_region_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["supporting_region", "number"],
                name="batch_unique_number",
                violation_error_message=_("该选派方已有同一序号的批次。"),
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gt=models.F("start_date")),
                name="batch_end_after_start",
                violation_error_message=_("结束日期必须晚于开始日期。"),
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="batch_number_positive"
            ),
        ]

    def __str__(self) -> str:
        side = self.supporting_region.name if self.supporting_region_id else ""
        return f"{side}{self.name}"

    def clean(self) -> None:
        if self.supporting_region_id and self.supporting_region.is_xinjiang:
            raise ValidationError({"supporting_region": _("选派方应为新疆以外的省市。")})

    def covers_year(self, year: int) -> bool:
        end = self.end_date.year if self.end_date else year
        return self.start_date.year <= year <= end


class Command(PlatformModel):
    """前方指挥部 / 分指挥部 / 工作组: one batch of a supporting side on one or more pairings.

    Commands nest: a provincial front command, city sub-commands under it, county work groups.
    """

    name = models.CharField(_("名称"), max_length=120)
    kind = models.CharField(_("类型"), max_length=16, choices=CommandKind.choices)
    batch = models.ForeignKey(
        "core.Batch", verbose_name=_("批次"), on_delete=models.PROTECT, related_name="commands"
    )
    pairings = models.ManyToManyField(
        "core.Pairing",
        verbose_name=_("对口支援关系"),
        through="core.CommandPairing",
        related_name="commands",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级指挥部"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    address = models.CharField(_("驻地"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    note = models.TextField(_("备注"), blank=True)

    data_scope = DataScope(
        command="", supporting="batch__supporting_region", region="pairings__recipient_region"
    )

    class Meta:
        verbose_name = _("指挥部")
        verbose_name_plural = _("指挥部")
        ordering = ["batch_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "name"],
                name="command_unique_name_in_batch",
                violation_error_message=_("同一批次中已有同名的指挥部。"),
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="command_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def leader(self) -> "CommandMember | None":
        return self.members.filter(role=MemberRole.LEADER).first()


class CommandPairing(models.Model):
    """The pairings a command serves; `batch` copies the command's, so that the database can
    hold one command per pairing and batch."""

    command = models.ForeignKey(
        Command, verbose_name=_("指挥部"), on_delete=models.CASCADE, related_name="+"
    )
    pairing = models.ForeignKey(
        "core.Pairing", verbose_name=_("对口支援关系"), on_delete=models.PROTECT, related_name="+"
    )
    batch = models.ForeignKey(
        "core.Batch", verbose_name=_("批次"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("指挥部结对")
        verbose_name_plural = _("指挥部结对")
        constraints = [
            models.UniqueConstraint(
                fields=["pairing", "batch"],
                name="one_command_per_pairing_and_batch",
                violation_error_message=_("该对口支援关系在本批次已有指挥部。"),
            ),
            models.UniqueConstraint(fields=["command", "pairing"], name="command_pairing_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.command_id}:{self.pairing_id}"


class CommandMember(PlatformModel):
    """A member of a command's leadership or staff (总指挥, 副指挥长, 组员 …)."""

    command = models.ForeignKey(
        Command, verbose_name=_("指挥部"), on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(_("姓名"), max_length=50)
    role = models.CharField(_("角色"), max_length=16, choices=MemberRole.choices)
    title = models.CharField(_("职务"), max_length=80, help_text=_("如“总指挥”“副指挥长”“组长”。"))
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("派出单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="command_members",
    )
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    data_scope = DataScope(command="command")

    class Meta:
        verbose_name = _("指挥部成员")
        verbose_name_plural = _("指挥部成员")
        ordering = ["command_id", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["command"],
                condition=models.Q(role=MemberRole.LEADER),
                name="one_leader_per_command",
                violation_error_message=_("每个指挥部只能有一名主要负责人。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.name}"

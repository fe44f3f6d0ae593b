"""Aid projects and their money: projects and items, stages, progress, outputs, supervision
orders; allocations, arrivals and disbursements.

Money is yuan with two decimals, kept as Decimal in DecimalField columns (never float).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from yuanjiang.core.models import PlatformModel
from yuanjiang.core.models.base import CENT, MONEY, money_field  # noqa: F401 - MONEY is used by the selectors
from yuanjiang.core.scope import DataScope

from .choices import (
    ArrivalAccount,
    BuildKind,
    Category,
    DeliveryMode,
    FlagOverride,
    FundSource,
    LivelihoodKind,
    Stage,
    WarningKind,
)
from .files import attachment_path, validate_attachment


class Project(PlatformModel):
    """援疆项目: a project of a command's plan, or an item (小项) of a larger one (大项)."""

    code = models.CharField(_("项目编号"), max_length=40, unique=True,
                            help_text=_("全平台唯一，导入时据此更新。"))
    name = models.CharField(_("项目名称"), max_length=200)
    command = models.ForeignKey("core.Command", verbose_name=_("指挥部"), on_delete=models.PROTECT,
                                related_name="projects")
    parent = models.ForeignKey("self", verbose_name=_("所属大项"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="items")
    region = models.ForeignKey(
        "core.Region", verbose_name=_("项目所在地"), on_delete=models.PROTECT,
        related_name="projects",
        help_text=_("县（市）级，或面向全地区（州）的项目填地区（州）。"),
    )
    category = models.CharField(_("项目类别"), max_length=20, choices=Category.choices)
    livelihood_kind = models.CharField(_("民生子类"), max_length=20, choices=LivelihoodKind.choices,
                                       blank=True, help_text=_("民生项目填写。"))
    is_livelihood = models.BooleanField(_("民生项目"), default=False, editable=False)
    is_grassroots = models.BooleanField(_("县及县以下"), default=False, editable=False)
    livelihood_override = models.CharField(
        _("民生认定"), max_length=4, choices=FlagOverride.choices, blank=True, default="",
        help_text=_("默认按项目类别认定；人工认定须说明理由。"))
    grassroots_override = models.CharField(
        _("县及县以下认定"), max_length=4, choices=FlagOverride.choices, blank=True, default="",
        help_text=_("默认按项目所在地级别认定；人工认定须说明理由。"))
    override_reason = models.CharField(_("人工认定理由"), max_length=300, blank=True)
    in_plan = models.BooleanField(_("计划内"), default=True)
    plan_year = models.PositiveSmallIntegerField(
        _("计划年度"), validators=[MinValueValidator(1997), MaxValueValidator(2100)])
    implementing_organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("实施单位"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="implemented_projects")
    budget = money_field(_("总投资（元）"),
                         validators=[MinValueValidator(CENT, message=_("总投资须大于零。"))])
    planned_start = models.DateField(_("计划开工日期"), null=True, blank=True)
    planned_end = models.DateField(_("计划完工日期"), null=True, blank=True)
    delivery_mode = models.CharField(_("建设方式"), max_length=10, choices=DeliveryMode.choices,
                                     default=DeliveryMode.CHEQUE)
    build_kind = models.CharField(_("建设性质"), max_length=12, choices=BuildKind.choices,
                                  default=BuildKind.NEW)
    fixed_asset = models.BooleanField(_("固定资产投资"), default=True,
                                      help_text=_("固投项目勾选；培训、服务等非固投项目不勾选。"))
    # Kept by the services from the stage events and progress updates.
    stage = models.CharField(_("项目阶段"), max_length=12, choices=Stage.choices,
                             default=Stage.PIPELINE, editable=False)
    approved_on = models.DateField(_("立项日期"), null=True, blank=True, editable=False)
    actual_start = models.DateField(_("实际开工日期"), null=True, blank=True, editable=False)
    actual_end = models.DateField(_("实际完工日期"), null=True, blank=True, editable=False)
    progress_percent = models.PositiveSmallIntegerField(_("形象进度（%）"), default=0,
                                                        editable=False)
    progress_on = models.DateField(_("进度更新日期"), null=True, blank=True, editable=False)
    note = models.TextField(_("备注"), blank=True)

    data_scope = DataScope(command="command", region="region")

    class Meta:
        verbose_name = _("援疆项目")
        verbose_name_plural = _("援疆项目")
        ordering = ["-plan_year", "code"]
        indexes = [
            models.Index(fields=["command", "plan_year"], name="project_command_year"),
            models.Index(fields=["stage"], name="project_stage"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(budget__gt=0), name="project_budget_positive",
                                   violation_error_message=_("总投资须大于零。")),
            models.CheckConstraint(
                condition=Q(planned_start__isnull=True) | Q(planned_end__isnull=True)
                | Q(planned_end__gte=models.F("planned_start")),
                name="project_planned_end_after_start",
                violation_error_message=_("计划完工日期不能早于计划开工日期。")),
            models.CheckConstraint(condition=Q(progress_percent__lte=100),
                                   name="project_progress_at_most_100"),
            models.CheckConstraint(condition=~Q(parent=models.F("id")),
                                   name="project_not_own_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class StageEvent(PlatformModel):
    """The day a project reached a stage (each transition is dated)."""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.CASCADE,
                                related_name="stage_events")
    stage = models.CharField(_("阶段"), max_length=12, choices=Stage.choices)
    date = models.DateField(_("日期"))
    note = models.CharField(_("说明"), max_length=300, blank=True)

    data_scope = DataScope(command="project__command", region="project__region")

    class Meta:
        verbose_name = _("阶段记录")
        verbose_name_plural = _("阶段记录")
        ordering = ["project_id", "date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "stage"], name="stage_event_once",
                                    violation_error_message=_("该项目已有这一阶段的记录。")),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.date}"


class ProgressUpdate(PlatformModel):
    """A dated report of a project's physical progress (形象进度) with notes."""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.CASCADE,
                                related_name="progress_updates")
    date = models.DateField(_("日期"))
    percent = models.PositiveSmallIntegerField(
        _("形象进度（%）"), validators=[MaxValueValidator(100)])
    note = models.TextField(_("进展情况"), blank=True)

    data_scope = DataScope(command="project__command", region="project__region")

    class Meta:
        verbose_name = _("进度报告")
        verbose_name_plural = _("进度报告")
        ordering = ["project_id", "-date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="progress_percent_max",
                                   violation_error_message=_("形象进度不能超过 100%%。")),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.percent}%"


class Attachment(PlatformModel):
    """A file that backs a progress report (photos, minutes, acceptance reports)."""

    update = models.ForeignKey(ProgressUpdate, verbose_name=_("进度报告"),
                               on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=300,
                            validators=[validate_attachment])
    name = models.CharField(_("文件名"), max_length=200, blank=True)

    data_scope = DataScope(command="update__project__command",
                           region="update__project__region")

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["update_id", "id"]

    def __str__(self) -> str:
        return self.name or self.file.name.rsplit("/", 1)[-1]


class Output(PlatformModel):
    """An output of a project in free quantities (建筑面积 12000 平方米, 床位 200 张…)."""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.CASCADE,
                                related_name="outputs")
    name = models.CharField(_("产出指标"), max_length=60)
    quantity = models.DecimalField(_("数量"), max_digits=15, decimal_places=2,
                                   validators=[MinValueValidator(0)])
    unit = models.CharField(_("单位"), max_length=20)

    data_scope = DataScope(command="project__command", region="project__region")

    class Meta:
        verbose_name = _("项目产出")
        verbose_name_plural = _("项目产出")
        ordering = ["project_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="output_once",
                                    violation_error_message=_("该项目已有同名的产出指标。")),
            models.CheckConstraint(condition=Q(quantity__gte=0), name="output_quantity_not_negative",
                                   violation_error_message=_("数量不能为负数。")),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.quantity.normalize():f}{self.unit}"


class SupervisionOrder(PlatformModel):
    """督办: an order that follows a project with a warning until it is put right."""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.PROTECT,
                                related_name="supervision_orders")
    reason = models.CharField(_("督办事由"), max_length=16, choices=WarningKind.choices)
    issued_by = models.CharField(_("督办单位"), max_length=120)
    issued_on = models.DateField(_("督办日期"))
    assignee = models.CharField(_("责任单位（人）"), max_length=120)
    requirement = models.TextField(_("督办要求"))
    due_date = models.DateField(_("办结时限"))
    resolution = models.TextField(_("办理结果"), blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True, editable=False)

    data_scope = DataScope(command="project__command", region="project__region")

    class Meta:
        verbose_name = _("督办")
        verbose_name_plural = _("督办")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(due_date__gte=models.F("issued_on")),
                                   name="supervision_due_after_issue",
                                   violation_error_message=_("办结时限不能早于督办日期。")),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | (Q(closed_on__gte=models.F("issued_on"))
                                                       & ~Q(resolution="")),
                name="supervision_closed_with_resolution",
                violation_error_message=_("办结须填写办理结果，办结日期不能早于督办日期。")),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}：{self.project.name}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class Allocation(PlatformModel):
    """援疆资金安排: money of a year and source for a command, or for one of its projects."""

    command = models.ForeignKey("core.Command", verbose_name=_("指挥部"), on_delete=models.PROTECT,
                                related_name="allocations")
    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="allocations",
                                help_text=_("留空为指挥部统筹、尚未安排到项目的资金。"))
    year = models.PositiveSmallIntegerField(
        _("年度"), validators=[MinValueValidator(1997), MaxValueValidator(2100)])
    source = models.CharField(_("资金来源"), max_length=12, choices=FundSource.choices)
    amount = money_field(_("金额（元）"))
    document_number = models.CharField(_("下达文号"), max_length=80, blank=True)
    note = models.CharField(_("备注"), max_length=300, blank=True)

    # Scoped like arrivals (by command), so the rates of any user compare like with like.
    data_scope = DataScope(command="command")

    class Meta:
        verbose_name = _("资金安排")
        verbose_name_plural = _("资金安排")
        ordering = ["-year", "command_id", "project_id", "id"]
        indexes = [models.Index(fields=["command", "year"], name="allocation_command_year")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="allocation_amount_positive",
                                   violation_error_message=_("金额须大于零。")),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_source_display()} {self.amount:,.2f}"


class Arrival(PlatformModel):
    """资金到位（到疆）: money reaching the prefecture treasury or the command's account."""

    command = models.ForeignKey("core.Command", verbose_name=_("指挥部"), on_delete=models.PROTECT,
                                related_name="arrivals")
    year = models.PositiveSmallIntegerField(
        _("所属年度"), validators=[MinValueValidator(1997), MaxValueValidator(2100)],
        help_text=_("这笔资金属于哪一年度的计划。"))
    source = models.CharField(_("资金来源"), max_length=12, choices=FundSource.choices)
    account = models.CharField(_("到位账户"), max_length=10, choices=ArrivalAccount.choices)
    date = models.DateField(_("到位日期"))
    amount = money_field(_("金额（元）"))
    voucher_number = models.CharField(_("凭证号"), max_length=80, blank=True)
    note = models.CharField(_("备注"), max_length=300, blank=True)

    data_scope = DataScope(command="command")

    class Meta:
        verbose_name = _("资金到位")
        verbose_name_plural = _("资金到位")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["command", "year"], name="arrival_command_year")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="arrival_amount_positive",
                                   violation_error_message=_("金额须大于零。")),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.amount:,.2f}"


class Disbursement(PlatformModel):
    """资金拨付: money paid out to a project."""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.PROTECT,
                                related_name="disbursements")
    date = models.DateField(_("拨付日期"))
    amount = money_field(_("金额（元）"))
    voucher_number = models.CharField(_("凭证号"), max_length=80)
    note = models.CharField(_("备注"), max_length=300, blank=True)

    data_scope = DataScope(command="project__command", region="project__region")

    class Meta:
        verbose_name = _("资金拨付")
        verbose_name_plural = _("资金拨付")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["project", "date"], name="disbursement_project_date")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="disbursement_amount_positive",
                                   violation_error_message=_("金额须大于零。")),
            models.UniqueConstraint(fields=["project", "voucher_number"],
                                    name="disbursement_voucher_once",
                                    violation_error_message=_("该项目已有这一凭证号的拨付记录。")),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.amount:,.2f}（{self.voucher_number}）"


@receiver(post_delete, sender=Attachment)
def _remove_attachment_file(sender, instance: Attachment, **kwargs) -> None:
    """The file goes with its record (directly or with its report), once the deletion is
    committed: a rolled-back deletion keeps it."""
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))

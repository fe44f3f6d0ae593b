"""Investment attraction (招商引资): the enterprises and institutions a command works with,
its activities (visits, fairs, receptions of investor delegations), and the investment
projects it brings in, with their pipeline (线索 → 洽谈 → 签约 → 落地 → 投产) and the funds
actually in place.

Every record belongs to a command (`data_scope`); the enterprise directory is readable by
every signed-in user (the same company is courted by several commands) and changed by the
command that entered it.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yuanjiang.core.models import PlatformModel
from yuanjiang.core.models.base import money_field
from yuanjiang.core.models.organisations import validate_uscc
from yuanjiang.core.scope import DataScope

from .choices import ActivityKind, EnterpriseKind, Industry, PipelineStage


class Enterprise(PlatformModel):
    """A company, chamber of commerce, college or investment fund (企业和机构)."""

    command = models.ForeignKey("core.Command", verbose_name=_("登记指挥部"),
                                on_delete=models.PROTECT, related_name="enterprises")
    name = models.CharField(_("名称"), max_length=120)
    kind = models.CharField(_("类型"), max_length=12, choices=EnterpriseKind.choices,
                            default=EnterpriseKind.ENTERPRISE)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, blank=True,
                            validators=[validate_uscc],
                            help_text=_("18 位，校验位须正确；境外机构可不填。"))
    industry = models.CharField(_("所属行业"), max_length=16, choices=Industry.choices)
    home_region = models.ForeignKey("core.Region", verbose_name=_("所在地"),
                                    on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="enterprises")
    contact = models.CharField(_("联系人及电话"), max_length=120, blank=True)
    note = models.TextField(_("备注"), blank=True)

    data_scope = DataScope(command="command", public=True)

    class Meta:
        verbose_name = _("企业和机构")
        verbose_name_plural = _("企业和机构")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["uscc"], condition=~Q(uscc=""),
                                    name="enterprise_uscc_once",
                                    violation_error_message=_("已有使用这一统一社会信用代码的企业。")),
            models.UniqueConstraint(fields=["command", "name"], name="enterprise_name_once",
                                    violation_error_message=_("本指挥部已登记同名的企业和机构。")),
        ]

    def __str__(self) -> str:
        return self.name


class Activity(PlatformModel):
    """An investment-attraction activity: a visit to enterprises, a fair or negotiation
    meeting, or the reception of an investor delegation (接待客商, counted in 批次)."""

    command = models.ForeignKey("core.Command", verbose_name=_("指挥部"), on_delete=models.PROTECT,
                                related_name="investment_activities")
    kind = models.CharField(_("活动类型"), max_length=12, choices=ActivityKind.choices)
    date = models.DateField(_("日期"))
    title = models.CharField(_("活动名称"), max_length=200)
    place = models.CharField(_("地点"), max_length=120)
    led_by = models.CharField(_("带队领导"), max_length=120, blank=True)
    participants = models.CharField(_("参加人员"), max_length=300, blank=True)
    enterprises = models.ManyToManyField(Enterprise, verbose_name=_("涉及企业和机构"), blank=True,
                                         related_name="activities")
    note = models.TextField(_("成效和备注"), blank=True)

    data_scope = DataScope(command="command")

    class Meta:
        verbose_name = _("招商活动")
        verbose_name_plural = _("招商活动")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["command", "date"], name="activity_command_date")]

    def __str__(self) -> str:
        return f"{self.date} {self.title}"


class InvestmentProject(PlatformModel):
    """招商项目: an investment a command brings in, followed from lead to production."""

    command = models.ForeignKey("core.Command", verbose_name=_("指挥部"), on_delete=models.PROTECT,
                                related_name="investment_projects")
    name = models.CharField(_("项目名称"), max_length=200)
    enterprise = models.ForeignKey(Enterprise, verbose_name=_("投资企业"), on_delete=models.PROTECT,
                                   related_name="investment_projects")
    industry = models.CharField(_("所属行业"), max_length=16, choices=Industry.choices)
    region = models.ForeignKey("core.Region", verbose_name=_("落地地区"), on_delete=models.PROTECT,
                               related_name="investment_projects",
                               help_text=_("项目落户的受援县（市）。"))
    park = models.CharField(_("落户园区"), max_length=120, blank=True)
    agreement_amount = money_field(_("签约协议金额（元）"), null=True, blank=True)
    planned_investment = money_field(_("计划总投资（元）"), null=True, blank=True)
    jobs_created = models.PositiveIntegerField(_("带动就业（人）"), default=0)
    # Kept by the pipeline step (investment_advance) from the pipeline events.
    stage = models.CharField(_("推进阶段"), max_length=12, choices=PipelineStage.choices,
                             default=PipelineStage.LEAD, editable=False)
    signed_on = models.DateField(_("签约日期"), null=True, blank=True, editable=False)
    landed_on = models.DateField(_("落地日期"), null=True, blank=True, editable=False)
    producing_on = models.DateField(_("投产日期"), null=True, blank=True, editable=False)
    note = models.TextField(_("备注"), blank=True)

    data_scope = DataScope(command="command", region="region")

    class Meta:
        verbose_name = _("招商项目")
        verbose_name_plural = _("招商项目")
        ordering = ["-id"]
        indexes = [models.Index(fields=["command", "signed_on"], name="invproject_command_signed"),
                   models.Index(fields=["command", "landed_on"], name="invproject_command_landed")]
        constraints = [
            models.UniqueConstraint(fields=["command", "name"], name="invproject_name_once",
                                    violation_error_message=_("本指挥部已有同名的招商项目。")),
        ]

    def __str__(self) -> str:
        return self.name


class PipelineEvent(PlatformModel):
    """The day an investment project reached a stage of its pipeline."""

    project = models.ForeignKey(InvestmentProject, verbose_name=_("招商项目"),
                                on_delete=models.CASCADE, related_name="events")
    stage = models.CharField(_("阶段"), max_length=12, choices=PipelineStage.choices)
    date = models.DateField(_("日期"))
    note = models.CharField(_("说明"), max_length=300, blank=True)

    data_scope = DataScope(command="project__command", region="project__region")

    class Meta:
        verbose_name = _("招商项目推进记录")
        verbose_name_plural = _("招商项目推进记录")
        ordering = ["project_id", "date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "stage"], name="pipeline_event_once",
                                    violation_error_message=_("该项目已有这一阶段的记录。")),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.date}"


class FundsInPlace(PlatformModel):
    """到位资金: investment money actually in place on a day (a tranche)."""

    project = models.ForeignKey(InvestmentProject, verbose_name=_("招商项目"),
                                on_delete=models.PROTECT, related_name="funds")
    date = models.DateField(_("到位日期"))
    amount = money_field(_("到位资金（元）"))
    note = models.CharField(_("备注"), max_length=300, blank=True)

    data_scope = DataScope(command="project__command", region="project__region")

    class Meta:
        verbose_name = _("招商到位资金")
        verbose_name_plural = _("招商到位资金")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="funds_in_place_positive",
                                   violation_error_message=_("金额须大于零。")),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.amount:,.2f}"

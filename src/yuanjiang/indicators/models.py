"""The indicator catalog, the values reported by hand or extracted from texts, the texts
they come from, and the approval of a scope's figures for a period.

Computed values are not stored: they are computed from the records whenever they are asked
for (computed.py), so they are never stale. What is frozen is an approval's snapshot of all
the figures of its scope and period; later changes to the records show as differences
against it (drift), never silently.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from yuanjiang.core.models import PlatformModel
from yuanjiang.core.scope import DataScope

from .choices import (
    Aggregation,
    ApprovalStatus,
    IndicatorKind,
    PeriodKind,
    Qualifier,
    ScopeKind,
    ValueSource,
    ValueStatus,
)

VALUE = {"max_digits": 20, "decimal_places": 2}


class Indicator(PlatformModel):
    """One figure the platform reports. The codes of the contract (indicators.csv) are fixed;
    administrators may add others, which are then reported by hand."""

    code = models.CharField(
        _("指标代码"), max_length=60, unique=True,
        validators=[RegexValidator(r"^[a-z][a-z0-9_]*$",
                                   _("指标代码只能含小写字母、数字和下划线，以字母开头。"))])
    name = models.CharField(_("指标名称"), max_length=60)
    unit = models.CharField(_("计量单位"), max_length=10)
    kind = models.CharField(_("类型"), max_length=10, choices=IndicatorKind.choices)
    aggregation = models.CharField(_("汇总方式"), max_length=10, choices=Aggregation.choices)
    meaning = models.CharField(_("含义"), max_length=300, blank=True)
    builtin = models.BooleanField(_("平台内置"), default=False, editable=False,
                                  help_text=_("来自指标目录约定，代码、单位、类型和汇总方式不可修改。"))
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    data_scope = DataScope(public=True)

    class Meta:
        verbose_name = _("统计指标")
        verbose_name_plural = _("统计指标")
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="percent") | models.Q(aggregation__in=["ratio", "last"]),
                name="indicator_percent_never_summed",
                violation_error_message=_("比率类指标不能求和，汇总方式应为“比值”或“取最新值”。")),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class ScopedFigure(PlatformModel):
    """The scope and period a row is about (see scopes.py for their meaning)."""

    scope_kind = models.CharField(_("范围类型"), max_length=10, choices=ScopeKind.choices)
    command = models.ForeignKey("core.Command", verbose_name=_("指挥部"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    pairing = models.ForeignKey("core.Pairing", verbose_name=_("对口支援关系"), null=True,
                                blank=True, on_delete=models.PROTECT, related_name="+")
    supporting_region = models.ForeignKey(
        "core.Region", verbose_name=_("支援方"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text=_("支援方范围的省市；其他范围为其所属支援方。"))
    recipient_region = models.ForeignKey(
        "core.Region", verbose_name=_("受援地"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text=_("受援地范围的区划；其他范围为其受援地。"))
    period_kind = models.CharField(_("时期类型"), max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField(_("时期起"))
    period_end = models.DateField(_("时期止"))
    batch = models.ForeignKey("core.Batch", verbose_name=_("批次"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    # Canonical keys of scope and period, kept by the services: they make "one row per
    # scope and period" a database constraint (foreign keys that may be null cannot).
    scope_key = models.CharField(_("范围"), max_length=60, editable=False, db_index=True)
    period_key = models.CharField(_("时期"), max_length=30, editable=False, db_index=True)

    data_scope = DataScope(command="command", supporting="supporting_region",
                           region="recipient_region", command_area="recipient_region")

    class Meta:
        abstract = True

    @property
    def scope(self):
        from .scopes import Scope

        return Scope.of_row(self)

    @property
    def period(self):
        from .scopes import Period

        return Period.of_row(self)


class SourceDocument(PlatformModel):
    """A text that figures were taken from: a work summary, a speech, a news article."""

    title = models.CharField(_("标题"), max_length=200)
    file_name = models.CharField(_("文件名"), max_length=200, blank=True)
    text = models.TextField(_("正文"), help_text=_("提取时读到的全文；提取结果的位置均指向此文本。"))
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    url = models.URLField(_("网址"), max_length=500, blank=True)
    command = models.ForeignKey("core.Command", verbose_name=_("指挥部"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    supporting_region = models.ForeignKey("core.Region", verbose_name=_("支援方"), null=True,
                                          blank=True, on_delete=models.PROTECT, related_name="+")
    recipient_region = models.ForeignKey("core.Region", verbose_name=_("受援地"), null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+",
                                    editable=False)

    data_scope = DataScope(command="command", supporting="supporting_region",
                           region="recipient_region", command_area="recipient_region")

    class Meta:
        verbose_name = _("来源文稿")
        verbose_name_plural = _("来源文稿")
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Value(ScopedFigure):
    """A value reported by hand or extracted from a text, for what the records do not hold
    (earlier batches, figures from the recipient side)."""

    indicator = models.ForeignKey(Indicator, verbose_name=_("指标"), on_delete=models.PROTECT,
                                  related_name="values")
    value = models.DecimalField(_("数值"), **VALUE)
    qualifier = models.CharField(_("限定"), max_length=10, choices=Qualifier.choices,
                                 default=Qualifier.EXACT)
    numerator = models.DecimalField(_("分子"), null=True, blank=True, **VALUE,
                                    help_text=_("比率类指标：分子和分母，汇总时按分子之和 ÷ 分母之和计算。"))
    denominator = models.DecimalField(_("分母"), null=True, blank=True, **VALUE)
    source = models.CharField(_("来源"), max_length=10, choices=ValueSource.choices,
                              default=ValueSource.REPORTED)
    status = models.CharField(_("状态"), max_length=10, choices=ValueStatus.choices,
                              default=ValueStatus.ACCEPTED)
    document = models.ForeignKey(SourceDocument, verbose_name=_("来源文稿"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="values")
    span_start = models.PositiveIntegerField(_("原文起始位置"), null=True, blank=True)
    span_end = models.PositiveIntegerField(_("原文结束位置"), null=True, blank=True)
    quote = models.CharField(_("原文"), max_length=500, blank=True,
                             help_text=_("数字所在的原句。"))
    note = models.CharField(_("备注"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("指标数值")
        verbose_name_plural = _("指标数值")
        ordering = ["scope_key", "period_key", "indicator__order", "indicator__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "scope_key", "period_key"],
                condition=models.Q(status="accepted"), name="value_one_accepted_per_scope_period",
                violation_error_message=_("该范围和时期已有此指标的数值，请修改已有数值。")),
            models.CheckConstraint(
                condition=models.Q(span_start__isnull=True) | models.Q(span_end__gt=models.F("span_start")),
                name="value_span_ordered", violation_error_message=_("原文结束位置应大于起始位置。")),
            models.CheckConstraint(
                condition=models.Q(denominator__isnull=True) | models.Q(denominator__gt=0),
                name="value_denominator_positive", violation_error_message=_("分母应大于零。")),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name} {self.value}"


class Approval(ScopedFigure):
    """报送与审核 of the figures of one scope and period: draft → submitted → approved (or
    returned with a reason, then submitted again). Approval freezes a snapshot of every
    figure of the scope and period."""

    status = models.CharField(_("状态"), max_length=10, choices=ApprovalStatus.choices,
                              default=ApprovalStatus.DRAFT, editable=False)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("报送人"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+",
                                     editable=False)
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审核人"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+",
                                   editable=False)
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True, editable=False)
    return_reason = models.CharField(_("退回理由"), max_length=500, blank=True, editable=False)
    snapshot = models.JSONField(_("审核时的数值"), default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("数据报送与审核")
        verbose_name_plural = _("数据报送与审核")
        ordering = ["-period_end", "scope_key"]
        constraints = [
            models.UniqueConstraint(fields=["scope_key", "period_key"], name="approval_one_per_scope_period",
                                    violation_error_message=_("该范围和时期已有报送记录。")),
        ]

    def __str__(self) -> str:
        return f"{self.scope.label} {self.period.label}（{self.get_status_display()}）"

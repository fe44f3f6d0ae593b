"""A figure proposed from a source document, waiting for a person to accept (as a reported
value of a scope and period, keeping the document and the span) or reject it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from yuanjiang.core.models import PlatformModel
from yuanjiang.core.scope import DataScope
from yuanjiang.indicators.choices import Qualifier


class Decision(models.TextChoices):
    PENDING = "pending", _("待审核")
    ACCEPTED = "accepted", _("已采用")
    REJECTED = "rejected", _("已舍弃")


class FigureKind(models.TextChoices):
    MONEY = "money", _("金额")
    COUNT = "count", _("数量")
    PERCENT = "percent", _("比率")
    MEASURE = "measure", _("度量")


class ExtractedFigure(PlatformModel):
    document = models.ForeignKey("indicators.SourceDocument", verbose_name=_("来源文稿"),
                                 on_delete=models.CASCADE, related_name="figures")
    start = models.PositiveIntegerField(_("起始位置"))
    end = models.PositiveIntegerField(_("结束位置"))
    text = models.CharField(_("原文"), max_length=100)
    kind = models.CharField(_("类型"), max_length=10, choices=FigureKind.choices)
    value = models.DecimalField(_("数值"), max_digits=20, decimal_places=2)
    unit = models.CharField(_("单位"), max_length=10)
    qualifier = models.CharField(_("限定"), max_length=10, choices=Qualifier.choices)
    indicator = models.ForeignKey("indicators.Indicator", verbose_name=_("指标"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    sentence = models.CharField(_("原句"), max_length=500, blank=True)
    decision = models.CharField(_("审核"), max_length=10, choices=Decision.choices,
                                default=Decision.PENDING)
    accepted_value = models.ForeignKey("indicators.Value", verbose_name=_("采用为"), null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+", editable=False)

    data_scope = DataScope(command="document__command", supporting="document__supporting_region",
                           region="document__recipient_region", command_area="document__recipient_region")

    class Meta:
        verbose_name = _("文稿数字")
        verbose_name_plural = _("文稿数字")
        ordering = ["document_id", "start"]
        constraints = [
            models.UniqueConstraint(fields=["document", "start", "end"], name="extracted_figure_one_per_span",
                                    violation_error_message=_("文稿的同一位置只有一个数字。")),
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")),
                                   name="extracted_figure_span",
                                   violation_error_message=_("结束位置应大于起始位置。")),
        ]

    def __str__(self) -> str:
        return self.text

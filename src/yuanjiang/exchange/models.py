"""Consumption aid (消费援疆: sales of recipient-area products in the supporting side, by
channel and month) and cultural exchange (文化润疆: performances, youth camps, friendship
county agreements, exhibitions, and delegations for study and exchange).

Every record belongs to a command (`data_scope`).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yuanjiang.core.models import PlatformModel
from yuanjiang.core.models.base import money_field
from yuanjiang.core.scope import DataScope

from .choices import EventKind, SalesChannel


class Sale(PlatformModel):
    """Sales of recipient-area products through one channel in one month."""

    command = models.ForeignKey("core.Command", verbose_name=_("指挥部"), on_delete=models.PROTECT,
                                related_name="sales")
    channel = models.CharField(_("销售渠道"), max_length=12, choices=SalesChannel.choices)
    year = models.PositiveSmallIntegerField(
        _("年度"), validators=[MinValueValidator(1997), MaxValueValidator(2100)])
    month = models.PositiveSmallIntegerField(
        _("月份"), validators=[MinValueValidator(1, message=_("月份应为 1 至 12。")),
                              MaxValueValidator(12, message=_("月份应为 1 至 12。"))])
    products = models.CharField(_("产品"), max_length=200,
                                help_text=_("如：巩留蜂蜜、野核桃、冷水鱼"))
    outlet = models.CharField(_("门店、展会或平台"), max_length=120, blank=True)
    amount = money_field(_("销售额（元）"))
    note = models.CharField(_("备注"), max_length=300, blank=True)

    data_scope = DataScope(command="command")

    class Meta:
        verbose_name = _("消费援疆销售")
        verbose_name_plural = _("消费援疆销售")
        ordering = ["-year", "-month", "channel", "id"]
        indexes = [models.Index(fields=["command", "year", "month"], name="sale_command_month")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="sale_amount_positive",
                                   violation_error_message=_("金额须大于零。")),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="sale_month_valid",
                                   violation_error_message=_("月份应为 1 至 12。")),
            models.UniqueConstraint(fields=["command", "channel", "year", "month", "outlet", "products"],
                                    name="sale_once",
                                    violation_error_message=_("这一月份已有同一渠道、门店和产品的销售记录。")),
        ]

    def __str__(self) -> str:
        return f"{self.year}年{self.month}月 {self.get_channel_display()} {self.amount:,.2f}"


class CulturalEvent(PlatformModel):
    """A cultural exchange event or a delegation, with its participants."""

    command = models.ForeignKey("core.Command", verbose_name=_("指挥部"), on_delete=models.PROTECT,
                                related_name="cultural_events")
    kind = models.CharField(_("活动类型"), max_length=12, choices=EventKind.choices)
    title = models.CharField(_("活动名称"), max_length=200)
    date = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=120)
    participants = models.PositiveIntegerField(_("参与人数"), default=0)
    partner = models.CharField(_("合作单位（结对县市）"), max_length=200, blank=True)
    note = models.TextField(_("内容和成效"), blank=True)

    data_scope = DataScope(command="command")

    class Meta:
        verbose_name = _("文化交流活动")
        verbose_name_plural = _("文化交流活动")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["command", "date"], name="culture_command_date")]

    def __str__(self) -> str:
        return f"{self.date} {self.title}"

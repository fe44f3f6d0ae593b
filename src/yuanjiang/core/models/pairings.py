from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import PairingLevel
from ..scope import DataScope
from .base import PlatformModel

year_validators = [MinValueValidator(1990), MaxValueValidator(2100)]


class Pairing(PlatformModel):
    """对口支援关系: a supporting region aids a recipient region from a year on."""

    supporting_region = models.ForeignKey(
        "core.Region",
        verbose_name=_("支援方"),
        on_delete=models.PROTECT,
        related_name="pairings_supported",
    )
    recipient_region = models.ForeignKey(
        "core.Region",
        verbose_name=_("受援地"),
        on_delete=models.PROTECT,
        related_name="pairings_received",
    )
    supporting_province = models.ForeignKey(
        "core.Region",
        verbose_name=_("所属支援省市"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text=_("由支援方推出：支援方所在的省级行政区。"),
    )
    level = models.CharField(_("结对层级"), max_length=16, choices=PairingLevel.choices)
    from_year = models.PositiveSmallIntegerField(_("起始年份"), validators=year_validators)
    to_year = models.PositiveSmallIntegerField(
        _("截止年份"), null=True, blank=True, validators=year_validators,
        help_text=_("仍在执行的结对留空。"),
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)
    source = models.CharField(_("数据来源"), max_length=200, blank=True)

    # Command staff see the pairings of their commands and the others in their area, which
    # their sub-commands and work groups may take on.
    data_scope = DataScope(
        supporting="supporting_region", region="recipient_region", command="commands",
        command_area="recipient_region",
    )

    class Meta:
        verbose_name = _("对口支援关系")
        verbose_name_plural = _("对口支援关系")
        ordering = ["supporting_region_id", "recipient_region_id", "from_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["supporting_region", "recipient_region", "from_year"],
                name="pairing_unique",
                violation_error_message=_("该支援方与受援地在同一起始年份的结对关系已存在。"),
            ),
            models.CheckConstraint(
                condition=models.Q(to_year__isnull=True)
                | models.Q(to_year__gte=models.F("from_year")),
                name="pairing_years_ordered",
                violation_error_message=_("截止年份不能早于起始年份。"),
            ),
            models.CheckConstraint(
                condition=~models.Q(supporting_region=models.F("recipient_region")),
                name="pairing_distinct_regions",
                violation_error_message=_("支援方和受援地不能是同一个行政区划。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.supporting_region.name}→{self.recipient_region}"

    def covers_year(self, year: int) -> bool:
        return self.from_year <= year and (self.to_year is None or year <= self.to_year)

    def clean(self) -> None:
        errors = {}
        if self.supporting_region_id and self.supporting_region.is_xinjiang:
            errors["supporting_region"] = _("支援方应为新疆以外的省市。")
        if self.recipient_region_id and not self.recipient_region.is_xinjiang:
            errors["recipient_region"] = _("受援地应为新疆（含兵团）的行政区划。")
        if errors:
            raise ValidationError(errors)

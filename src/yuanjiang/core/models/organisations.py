from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc

from ..choices import OrganisationKind
from ..scope import DataScope
from .base import PlatformModel


def validate_uscc(value: str) -> None:
    if value and not uscc.is_valid(value):
        raise ValidationError(
            _("统一社会信用代码“%(value)s”无效（应为 18 位且校验位正确）。"),
            params={"value": value},
            code="invalid_uscc",
        )


class Organisation(PlatformModel):
    """单位: a party/government body, public institution, enterprise or aid office."""

    name = models.CharField(_("单位名称"), max_length=120)
    kind = models.CharField(_("单位类型"), max_length=32, choices=OrganisationKind.choices)
    region = models.ForeignKey(
        "core.Region",
        verbose_name=_("所在行政区划"),
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    uscc = models.CharField(
        _("统一社会信用代码"), max_length=18, blank=True, validators=[validate_uscc]
    )
    note = models.TextField(_("备注"), blank=True)

    # A directory: everyone signed in may look units up; changes follow the region.
    data_scope = DataScope(region="region", public=True)

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["region_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="organisation_unique_name"),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="organisation_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from ..choices import RegionLevel
from ..scope import DataScope
from .base import PlatformModel

XINJIANG_CODE = "650000"

code_validator = RegexValidator(r"^\d{6}$", _("行政区划代码应为 6 位数字。"))


class Region(PlatformModel):
    """An administrative division of GB/T 2260, keyed by its six-digit code."""

    code = models.CharField(
        _("行政区划代码"), max_length=6, primary_key=True, validators=[code_validator]
    )
    name = models.CharField(_("名称"), max_length=50)
    full_name = models.CharField(_("全称"), max_length=120, blank=True)
    level = models.CharField(_("级别"), max_length=16, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级区划"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    # "/650000/654000/654024/": lets a scope cover a region and everything under it.
    path = models.CharField(_("层级路径"), max_length=64, editable=False, db_index=True)
    xpcc_division = models.CharField(
        _("兵团师"), max_length=20, blank=True, help_text=_("兵团城市所属的师，如“第四师”。")
    )
    source = models.CharField(_("数据来源"), max_length=200, blank=True)

    data_scope = DataScope(public=True)

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Exact(Length("code"), 6), name="region_code_six_digits"),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("code")), name="region_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        if self.xpcc_division:
            return f"{self.name}（{self.xpcc_division}）"
        return self.name

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"

    @property
    def is_xinjiang(self) -> bool:
        return self.code[:2] == XINJIANG_CODE[:2]

    def compute_path(self) -> str:
        base = self.parent.path if self.parent_id else "/"
        return f"{base}{self.code}/"


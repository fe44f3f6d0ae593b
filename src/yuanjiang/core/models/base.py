from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..scope import DataScope, RestrictedManager


class PlatformModel(models.Model):
    """Base of every business model: change-logged, restricted by data scope, timestamped.

    Subclasses set `data_scope` to say how their rows belong to commands and regions.
    """

    created = models.DateTimeField(_("创建时间"), auto_now_add=True, editable=False)
    last_updated = models.DateTimeField(_("更新时间"), auto_now=True, editable=False)

    objects = RestrictedManager()

    data_scope = DataScope()

    class Meta:
        abstract = True


MONEY = {"max_digits": 15, "decimal_places": 2}
CENT = Decimal("0.01")


def money_field(label, **kwargs) -> models.DecimalField:
    """An amount of money: positive, in yuan, to the fen."""
    kwargs.setdefault("validators", [MinValueValidator(CENT, message=_("金额须大于零。"))])
    return models.DecimalField(label, **MONEY, **kwargs)

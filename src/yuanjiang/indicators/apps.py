from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_catalog(sender, using="default", **kwargs) -> None:
    from django.db import connections

    from .models import Indicator
    from .services import load_catalog

    # Not when the app was just migrated away (migrate indicators zero).
    if Indicator._meta.db_table in connections[using].introspection.table_names():
        load_catalog()


class IndicatorsConfig(AppConfig):
    name = "yuanjiang.indicators"
    label = "indicators"
    verbose_name = _("统计指标")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The providers register how each list shows the records behind a figure.
        from . import computed  # noqa: F401

        # The catalog of the contract is loaded (and kept in step) after every migrate.
        post_migrate.connect(_load_catalog, sender=self, dispatch_uid="yuanjiang.indicators.catalog")

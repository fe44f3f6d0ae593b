from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "yuanjiang.reports"
    label = "reports"
    verbose_name = _("统计报告")
    default_auto_field = "django.db.models.BigAutoField"

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestConfig(AppConfig):
    name = "yuanjiang.ingest"
    label = "ingest"
    verbose_name = _("文稿数字")
    default_auto_field = "django.db.models.BigAutoField"

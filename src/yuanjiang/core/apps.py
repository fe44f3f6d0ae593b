from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "yuanjiang.core"
    label = "core"
    verbose_name = _("对口支援基础")

    def ready(self) -> None:
        from . import changelog  # noqa: F401  (connects the change-log signal handlers)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "yuanjiang.exchange"
    label = "exchange"
    verbose_name = _("消费援疆与文化润疆")

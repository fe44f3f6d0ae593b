"""Value sets of the exchange app (消费援疆, 文化润疆), with the official wording."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SalesChannel(models.TextChoices):
    SHOP = "shop", _("线下门店和专柜")
    EXHIBITION = "exhibition", _("展销会")
    ONLINE = "online", _("网络销售")


class EventKind(models.TextChoices):
    PERFORMANCE = "performance", _("文艺演出")
    YOUTH_CAMP = "youth_camp", _("青少年交流营")
    FRIENDSHIP = "friendship", _("友好县市结对")
    EXHIBITION = "exhibition", _("展览和文化活动")
    DELEGATION = "delegation", _("交流考察团组")


#: Kinds counted as 文化润疆交流活动 (cultural_events); delegations are counted apart.
CULTURAL_KINDS = [EventKind.PERFORMANCE, EventKind.YOUTH_CAMP, EventKind.FRIENDSHIP,
                  EventKind.EXHIBITION]

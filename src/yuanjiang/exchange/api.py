"""REST endpoints of consumption aid and cultural exchange: /api/exchange/<resource>/."""

from __future__ import annotations

from yuanjiang.api.base import ScopedModelViewSet, ServiceModelSerializer

from . import filtersets
from .models import CulturalEvent, Sale

BASE = ["display", "created", "last_updated"]


class SaleSerializer(ServiceModelSerializer):
    class Meta:
        model = Sale
        fields = ["id", "command", "channel", "year", "month", "products", "outlet", "amount",
                  "note", *BASE]


class CulturalEventSerializer(ServiceModelSerializer):
    class Meta:
        model = CulturalEvent
        fields = ["id", "command", "kind", "title", "date", "place", "participants", "partner",
                  "note", *BASE]


class SaleViewSet(ScopedModelViewSet):
    """消费援疆销售：按月份、渠道登记受援地产品销售额。"""

    queryset = Sale.objects.all()
    serializer_class = SaleSerializer
    filterset_class = filtersets.SaleFilterSet
    search_fields = ["products", "outlet"]
    ordering_fields = ["year", "month", "amount"]


class CulturalEventViewSet(ScopedModelViewSet):
    """文化交流活动和交流考察团组。"""

    queryset = CulturalEvent.objects.all()
    serializer_class = CulturalEventSerializer
    filterset_class = filtersets.CulturalEventFilterSet
    search_fields = ["title", "place", "partner"]
    ordering_fields = ["date", "participants"]


def register(router) -> None:
    router.register("exchange/sales", SaleViewSet)
    router.register("exchange/cultural-events", CulturalEventViewSet)

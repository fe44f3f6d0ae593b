"""Filters of the exchange models for the API."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from .models import CulturalEvent, Sale


class SaleFilterSet(filters.FilterSet):
    class Meta:
        model = Sale
        fields = ["command", "channel", "year", "month"]


class CulturalEventFilterSet(filters.FilterSet):
    date = filters.DateFromToRangeFilter(field_name="date", label=_("日期"))

    class Meta:
        model = CulturalEvent
        fields = ["command", "kind"]

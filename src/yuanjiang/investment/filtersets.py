"""Filters of the investment models for the API."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from .choices import ActivityKind, Industry, PipelineStage
from .models import Activity, Enterprise, FundsInPlace, InvestmentProject


class EnterpriseFilterSet(filters.FilterSet):
    industry = filters.ChoiceFilter(choices=Industry.choices, label=_("所属行业"))

    class Meta:
        model = Enterprise
        fields = ["command", "kind", "uscc", "home_region"]


class ActivityFilterSet(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=ActivityKind.choices, label=_("活动类型"))
    date = filters.DateFromToRangeFilter(field_name="date", label=_("日期"))

    class Meta:
        model = Activity
        fields = ["command", "enterprises"]


class InvestmentProjectFilterSet(filters.FilterSet):
    stage = filters.MultipleChoiceFilter(choices=PipelineStage.choices, label=_("推进阶段"))
    industry = filters.ChoiceFilter(choices=Industry.choices, label=_("所属行业"))
    signed_on = filters.DateFromToRangeFilter(field_name="signed_on", label=_("签约日期"))
    landed_on = filters.DateFromToRangeFilter(field_name="landed_on", label=_("落地日期"))

    class Meta:
        model = InvestmentProject
        fields = ["command", "enterprise", "region"]


class FundsInPlaceFilterSet(filters.FilterSet):
    command = filters.NumberFilter(field_name="project__command", label=_("指挥部"))
    date = filters.DateFromToRangeFilter(field_name="date", label=_("到位日期"))

    class Meta:
        model = FundsInPlace
        fields = ["project"]

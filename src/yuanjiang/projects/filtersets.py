"""Filters of the projects models for the API."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from .choices import Category, FundSource, Stage, WarningKind
from .models import (
    Allocation,
    Arrival,
    Disbursement,
    ProgressUpdate,
    Project,
    SupervisionOrder,
)


class ProjectFilterSet(filters.FilterSet):
    category = filters.ChoiceFilter(choices=Category.choices, label=_("项目类别"))
    stage = filters.MultipleChoiceFilter(choices=Stage.choices, label=_("项目阶段"))
    code = filters.CharFilter(field_name="code", lookup_expr="iexact", label=_("项目编号"))

    class Meta:
        model = Project
        fields = ["command", "plan_year", "is_livelihood", "is_grassroots", "in_plan", "parent",
                  "region"]


class AllocationFilterSet(filters.FilterSet):
    source = filters.ChoiceFilter(choices=FundSource.choices, label=_("资金来源"))

    class Meta:
        model = Allocation
        fields = ["command", "project", "year"]


class ArrivalFilterSet(filters.FilterSet):
    source = filters.ChoiceFilter(choices=FundSource.choices, label=_("资金来源"))

    class Meta:
        model = Arrival
        fields = ["command", "year"]


class DisbursementFilterSet(filters.FilterSet):
    command = filters.NumberFilter(field_name="project__command", label=_("指挥部"))
    date = filters.DateFromToRangeFilter(field_name="date", label=_("拨付日期"))

    class Meta:
        model = Disbursement
        fields = ["project"]


class SupervisionOrderFilterSet(filters.FilterSet):
    reason = filters.ChoiceFilter(choices=WarningKind.choices, label=_("督办事由"))
    open = filters.BooleanFilter(field_name="closed_on", lookup_expr="isnull", label=_("未办结"))

    class Meta:
        model = SupervisionOrder
        fields = ["project"]


class ProgressUpdateFilterSet(filters.FilterSet):
    class Meta:
        model = ProgressUpdate
        fields = ["project"]

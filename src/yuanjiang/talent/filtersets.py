"""Filters of the talent models for the API."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from .models import GroupAid, Mentorship, Secondment, Trainee, TrainingProgramme


class TrainingProgrammeFilterSet(filters.FilterSet):
    start_date = filters.DateFromToRangeFilter(field_name="start_date", label=_("开班日期"))

    class Meta:
        model = TrainingProgramme
        fields = ["command", "audience", "venue"]


class TraineeFilterSet(filters.FilterSet):
    command = filters.NumberFilter(field_name="programme__command", label=_("指挥部"))

    class Meta:
        model = Trainee
        fields = ["programme"]


class SecondmentFilterSet(filters.FilterSet):
    start_date = filters.DateFromToRangeFilter(field_name="start_date", label=_("开始日期"))

    class Meta:
        model = Secondment
        fields = ["command", "kind"]


class MentorshipFilterSet(filters.FilterSet):
    start_date = filters.DateFromToRangeFilter(field_name="start_date", label=_("结对日期"))

    class Meta:
        model = Mentorship
        fields = ["command", "mentor"]


class GroupAidFilterSet(filters.FilterSet):
    class Meta:
        model = GroupAid
        fields = ["command", "kind", "institution"]

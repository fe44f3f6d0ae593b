"""Filters of the people models for the API."""

import django_filters as filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yuanjiang.core import crypto

from . import ids
from .choices import AssignmentStatus, Category, LeaveKind
from .models import Assessment, Assignment, Award, Leave, Person


class IdNumberFilter(filters.CharFilter):
    """Exact ID number, found through its blind index (the number itself is never stored)."""

    def __init__(self, *args, hash_path: str = "id_number_hash", **kwargs):
        self.hash_path = hash_path
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{self.hash_path: crypto.blind_index(ids.normalise(value))})


class PersonFilterSet(filters.FilterSet):
    id_number = IdNumberFilter(label=_("身份证号（完整）"))
    command = filters.NumberFilter(field_name="assignments__command", distinct=True,
                                   label=_("选派指挥部"))

    class Meta:
        model = Person
        fields = ["gender", "ethnicity", "political_status", "education", "home_organisation"]


class AssignmentFilterSet(filters.FilterSet):
    id_number = IdNumberFilter(hash_path="person__id_number_hash", label=_("身份证号（完整）"))
    status = filters.MultipleChoiceFilter(choices=AssignmentStatus.choices, label=_("状态"))
    category = filters.ChoiceFilter(choices=Category.choices, label=_("人员类别"))
    ending_within = filters.NumberFilter(method="filter_ending", label=_("多少天内任期届满"))
    on_post_on = filters.DateFilter(method="filter_on_post_on", label=_("在该日期在任"))

    class Meta:
        model = Assignment
        fields = ["person", "command", "organisation", "professional_kind", "term_type",
                  "crosses_batch"]

    def filter_ending(self, qs, name, value):
        today = timezone.localdate()
        return qs.filter(status=AssignmentStatus.ON_POST, planned_end_date__gte=today,
                         planned_end_date__lte=today + timezone.timedelta(days=int(value)))

    def filter_on_post_on(self, qs, name, value):
        return qs.exclude(status=AssignmentStatus.PROPOSED).filter(start_date__lte=value).filter(
            Q(actual_end_date__gte=value) | Q(actual_end_date__isnull=True, planned_end_date__gte=value))


class LeaveFilterSet(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=LeaveKind.choices, label=_("类型"))
    command = filters.NumberFilter(field_name="assignment__command", label=_("指挥部"))

    class Meta:
        model = Leave
        fields = ["person", "assignment"]


class AssessmentFilterSet(filters.FilterSet):
    command = filters.NumberFilter(field_name="assignment__command", label=_("指挥部"))

    class Meta:
        model = Assessment
        fields = ["person", "year", "grade"]


class AwardFilterSet(filters.FilterSet):
    class Meta:
        model = Award
        fields = ["person", "command", "level"]

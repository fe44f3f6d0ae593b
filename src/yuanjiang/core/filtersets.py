"""Filters of the core models, used by the API (and by selectors that take filter data)."""

import django_filters as filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import ChangeAction, ChangeSource, CommandKind, MemberRole, OrganisationKind
from .models import Batch, Command, CommandMember, ObjectChange, Organisation, Pairing, Region


class WithinRegionFilter(filters.CharFilter):
    """Records whose region is the given region code or lies under it."""

    def __init__(self, *args, region_path: str, **kwargs):
        self.region_path = region_path
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        region = Region.objects.filter(pk=value).first()
        if region is None:
            return qs.none()
        lookup = f"{self.region_path}__path__startswith" if self.region_path else "path__startswith"
        return qs.filter(**{lookup: region.path}).distinct()


class RegionFilterSet(filters.FilterSet):
    q = filters.CharFilter(method="search", label=_("搜索（代码或名称）"))
    within = WithinRegionFilter(region_path="", label=_("位于该区划之下（代码）"))

    class Meta:
        model = Region
        fields = {"code": ["exact", "startswith"], "level": ["exact"], "parent": ["exact"],
                  "xpcc_division": ["exact"]}

    def search(self, qs, name, value):
        return qs.filter(Q(code__startswith=value) | Q(name__contains=value)
                         | Q(xpcc_division__contains=value))


class OrganisationFilterSet(filters.FilterSet):
    q = filters.CharFilter(field_name="name", lookup_expr="contains", label=_("名称包含"))
    kind = filters.ChoiceFilter(choices=OrganisationKind.choices, label=_("单位类型"))
    within = WithinRegionFilter(region_path="region", label=_("所在区划（含下级，代码）"))

    class Meta:
        model = Organisation
        fields = ["kind", "region", "parent", "uscc"]


class PairingFilterSet(filters.FilterSet):
    active_in = filters.NumberFilter(method="filter_active_in", label=_("在该年份执行"))
    recipient_within = WithinRegionFilter(
        region_path="recipient_region", label=_("受援地（含下级，代码）")
    )

    class Meta:
        model = Pairing
        fields = ["supporting_region", "recipient_region", "supporting_province", "level",
                  "from_year"]

    def filter_active_in(self, qs, name, value):
        return qs.filter(Q(from_year__lte=value) & (Q(to_year__isnull=True) | Q(to_year__gte=value)))


class BatchFilterSet(filters.FilterSet):
    active_on = filters.DateFilter(method="filter_active_on", label=_("在该日期进行中"))

    class Meta:
        model = Batch
        fields = ["supporting_region", "number"]

    def filter_active_on(self, qs, name, value):
        return qs.filter(Q(start_date__lte=value) & (Q(end_date__isnull=True) | Q(end_date__gte=value)))


class CommandFilterSet(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=CommandKind.choices, label=_("类型"))
    pairing = filters.NumberFilter(field_name="pairings", label=_("对口支援关系"))
    recipient_within = WithinRegionFilter(
        region_path="pairings__recipient_region", label=_("受援地（含下级，代码）")
    )
    batch_number = filters.NumberFilter(field_name="batch__number", label=_("批次序号"))

    class Meta:
        model = Command
        fields = ["kind", "batch", "parent"]


class CommandMemberFilterSet(filters.FilterSet):
    role = filters.ChoiceFilter(choices=MemberRole.choices, label=_("角色"))

    class Meta:
        model = CommandMember
        fields = ["command", "role", "organisation"]


class ObjectChangeFilterSet(filters.FilterSet):
    object_type = filters.CharFilter(method="filter_object_type",
                                     label=_("对象类型（如 core.command）"))
    action = filters.ChoiceFilter(choices=ChangeAction.choices, label=_("操作"))
    source = filters.ChoiceFilter(choices=ChangeSource.choices, label=_("来源"))
    time_after = filters.IsoDateTimeFilter(field_name="time", lookup_expr="gte", label=_("起始时间"))
    time_before = filters.IsoDateTimeFilter(field_name="time", lookup_expr="lte", label=_("截止时间"))

    class Meta:
        model = ObjectChange
        fields = ["object_id", "user", "request_id", "action", "source"]

    def filter_object_type(self, qs, name, value):
        app_label, _sep, model = value.lower().partition(".")
        return qs.filter(content_type__app_label=app_label, content_type__model=model)

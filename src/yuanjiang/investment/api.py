"""REST endpoints of investment attraction: /api/investment/<resource>/.

A project's pipeline moves only by POST …/projects/{id}/advance/ (the stage and its dates
are read-only); `funds_in_place` and `funds_over_planned` say what arrived and whether it
exceeds the planned investment. Money comes out as strings with two decimals.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from yuanjiang.api.base import ReadOnlyScopedViewSet, ScopedModelViewSet, ServiceModelSerializer
from yuanjiang.api.exceptions import call_service

from . import filtersets, selectors
from .choices import PipelineStage
from .models import Activity, Enterprise, FundsInPlace, InvestmentProject, PipelineEvent
from .services import investment_advance

BASE = ["display", "created", "last_updated"]


class EnterpriseSerializer(ServiceModelSerializer):
    class Meta:
        model = Enterprise
        fields = ["id", "command", "name", "kind", "uscc", "industry", "home_region", "contact",
                  "note", *BASE]


class ActivitySerializer(ServiceModelSerializer):
    class Meta:
        model = Activity
        fields = ["id", "command", "kind", "date", "title", "place", "led_by", "participants",
                  "enterprises", "note", *BASE]


class InvestmentProjectSerializer(ServiceModelSerializer):
    funds_in_place = serializers.DecimalField(source="funds_total", max_digits=17, decimal_places=2,
                                              read_only=True, help_text=_("累计到位资金（元）"))
    funds_over_planned = serializers.SerializerMethodField(help_text=_("到位资金超过计划总投资"))

    class Meta:
        model = InvestmentProject
        fields = ["id", "command", "name", "enterprise", "industry", "region", "park",
                  "agreement_amount", "planned_investment", "jobs_created", "stage", "signed_on",
                  "landed_on", "producing_on", "funds_in_place", "funds_over_planned", "note", *BASE]
        read_only_fields = ["stage", "signed_on", "landed_on", "producing_on"]

    def get_funds_over_planned(self, obj) -> bool:
        total = getattr(obj, "funds_total", None)
        return bool(total is not None and obj.planned_investment is not None
                    and total > obj.planned_investment)

    def to_representation(self, instance):
        if not hasattr(instance, "funds_total"):
            instance = selectors.with_funds_in_place(
                InvestmentProject.objects.filter(pk=instance.pk)).get()
        return super().to_representation(instance)


class PipelineEventSerializer(ServiceModelSerializer):
    class Meta:
        model = PipelineEvent
        fields = ["id", "project", "stage", "date", "note", *BASE]
        read_only_fields = fields


class FundsInPlaceSerializer(ServiceModelSerializer):
    class Meta:
        model = FundsInPlace
        fields = ["id", "project", "date", "amount", "note", *BASE]


class PipelineAdvanceSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=PipelineStage.choices, help_text=_("推进到的阶段"))
    on = serializers.DateField(help_text=_("日期"))
    agreement_amount = serializers.DecimalField(max_digits=15, decimal_places=2, required=False,
                                                allow_null=True, default=None,
                                                help_text=_("签约协议金额（签约时填写）"))
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class EnterpriseViewSet(ScopedModelViewSet):
    """企业和机构名录：所有用户可查阅，由登记的指挥部维护。"""

    queryset = Enterprise.objects.all()
    serializer_class = EnterpriseSerializer
    filterset_class = filtersets.EnterpriseFilterSet
    search_fields = ["name", "uscc"]
    ordering_fields = ["name"]


class ActivityViewSet(ScopedModelViewSet):
    """招商活动：拜访企业和机构、招商洽谈推介会、接待客商。"""

    queryset = Activity.objects.all()
    serializer_class = ActivitySerializer
    filterset_class = filtersets.ActivityFilterSet
    search_fields = ["title", "place", "led_by"]
    ordering_fields = ["date"]
    prefetch_related = ("enterprises",)


class InvestmentProjectViewSet(ScopedModelViewSet):
    """招商项目：推进阶段只能通过“推进”操作向前推进。"""

    queryset = InvestmentProject.objects.all()
    serializer_class = InvestmentProjectSerializer
    filterset_class = filtersets.InvestmentProjectFilterSet
    search_fields = ["name", "enterprise__name", "park"]
    ordering_fields = ["name", "signed_on", "landed_on", "agreement_amount", "planned_investment"]

    def get_queryset(self):
        if self.action == "advance":
            return InvestmentProject.objects.restrict(self.request.user, "change")
        return selectors.with_funds_in_place(super().get_queryset())

    @extend_schema(request=PipelineAdvanceSerializer, responses=InvestmentProjectSerializer)
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        """推进阶段：线索→洽谈→签约→落地→投产，只能向前；签约须有签约协议金额。"""
        project = self.get_object()
        serializer = PipelineAdvanceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        done = call_service(lambda: investment_advance(
            project, acting_user=request.user, to=d["stage"], on=d["on"], note=d["note"],
            agreement_amount=d["agreement_amount"]))
        return Response(InvestmentProjectSerializer(done, context={"request": request}).data)


class PipelineEventViewSet(ReadOnlyScopedViewSet):
    """招商项目推进记录（只读，由“推进”写入）。"""

    queryset = PipelineEvent.objects.all()
    serializer_class = PipelineEventSerializer
    filterset_fields = ["project", "stage"]
    search_fields: list[str] = []
    ordering_fields = ["date"]

    def get_queryset(self):
        return super().get_queryset().order_by(*PipelineEvent._meta.ordering)


class FundsInPlaceViewSet(ScopedModelViewSet):
    """招商到位资金：签约后登记；累计超过计划总投资时在项目上提示。"""

    queryset = FundsInPlace.objects.all()
    serializer_class = FundsInPlaceSerializer
    filterset_class = filtersets.FundsInPlaceFilterSet
    search_fields = ["project__name", "note"]
    ordering_fields = ["date", "amount"]
    select_related = ("project",)


def register(router) -> None:
    router.register("investment/enterprises", EnterpriseViewSet)
    router.register("investment/activities", ActivityViewSet)
    router.register("investment/projects", InvestmentProjectViewSet)
    router.register("investment/pipeline-events", PipelineEventViewSet)
    router.register("investment/funds-in-place", FundsInPlaceViewSet)

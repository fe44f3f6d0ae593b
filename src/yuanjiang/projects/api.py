"""REST endpoints of the projects app: /api/projects/<resource>/.

Stages move only by the action POST …/projects/{id}/advance/ and supervision orders close
only by POST …/supervision-orders/{id}/close/; the fields the services keep (stage, dates,
progress, the livelihood and grassroots flags, the closing day) are read-only. Money comes
out as strings with two decimals ("1000000.00"). The funds figures and rates are at
/api/projects/summary/, the early warnings at /api/projects/warnings/.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, serializers, views
from rest_framework.decorators import action
from rest_framework.response import Response

from yuanjiang.api.base import ReadOnlyScopedViewSet, ScopedModelViewSet, ServiceModelSerializer
from yuanjiang.api.exceptions import call_service
from yuanjiang.core.models import Batch, Command, Region

from . import filtersets, selectors
from .choices import Stage, WarningKind
from .files import attachment_response
from .models import (
    Allocation,
    Arrival,
    Attachment,
    Disbursement,
    Output,
    ProgressUpdate,
    Project,
    StageEvent,
    SupervisionOrder,
)
from .services import project_advance, supervision_close

# --- serializers ------------------------------------------------------------------------


class ProjectSerializer(ServiceModelSerializer):
    class Meta:
        model = Project
        fields = ["id", "code", "name", "command", "parent", "region", "category",
                  "livelihood_kind", "is_livelihood", "is_grassroots", "livelihood_override",
                  "grassroots_override", "override_reason", "in_plan", "plan_year",
                  "implementing_organisation", "budget", "planned_start", "planned_end",
                  "delivery_mode", "build_kind", "fixed_asset", "stage", "approved_on",
                  "actual_start", "actual_end", "progress_percent", "progress_on", "note",
                  "display", "created", "last_updated"]
        read_only_fields = ["stage", "approved_on", "actual_start", "actual_end",
                            "progress_percent", "progress_on", "is_livelihood", "is_grassroots"]


class StageEventSerializer(ServiceModelSerializer):
    class Meta:
        model = StageEvent
        fields = ["id", "project", "stage", "date", "note", "display", "created", "last_updated"]
        read_only_fields = fields


class ProgressUpdateSerializer(ServiceModelSerializer):
    attachments = serializers.PrimaryKeyRelatedField(many=True, read_only=True,
                                                     help_text=_("附件"))

    class Meta:
        model = ProgressUpdate
        fields = ["id", "project", "date", "percent", "note", "attachments", "display",
                  "created", "last_updated"]


class AttachmentSerializer(ServiceModelSerializer):
    # The stored file is read back only through the scoped download action, never from
    # MEDIA_URL: `file` is for uploading, `download` is where to read it.
    file = serializers.FileField(write_only=True, help_text=_("PDF、JPG、PNG、Word 或 Excel 文件"))
    download = serializers.SerializerMethodField(help_text=_("下载地址"))

    class Meta:
        model = Attachment
        fields = ["id", "update", "file", "name", "download", "display", "created", "last_updated"]

    def get_download(self, obj) -> str:
        url = reverse("attachment-download", args=[obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class OutputSerializer(ServiceModelSerializer):
    class Meta:
        model = Output
        fields = ["id", "project", "name", "quantity", "unit", "display", "created",
                  "last_updated"]


class SupervisionOrderSerializer(ServiceModelSerializer):
    is_open = serializers.BooleanField(read_only=True, help_text=_("尚未办结"))

    class Meta:
        model = SupervisionOrder
        fields = ["id", "project", "reason", "issued_by", "issued_on", "assignee",
                  "requirement", "due_date", "resolution", "closed_on", "is_open", "display",
                  "created", "last_updated"]
        read_only_fields = ["closed_on"]


class AllocationSerializer(ServiceModelSerializer):
    class Meta:
        model = Allocation
        fields = ["id", "command", "project", "year", "source", "amount", "document_number",
                  "note", "display", "created", "last_updated"]
        extra_kwargs = {"command": {"required": False,
                                    "help_text": _("安排到项目时可不填，取项目的指挥部。")}}

    def validate(self, attrs):
        if self.instance is None and not attrs.get("command") and not attrs.get("project"):
            raise exceptions.ValidationError({"command": [_("请选择指挥部或项目。")]})
        return attrs


class ArrivalSerializer(ServiceModelSerializer):
    class Meta:
        model = Arrival
        fields = ["id", "command", "year", "source", "account", "date", "amount",
                  "voucher_number", "note", "display", "created", "last_updated"]
        extra_kwargs = {"year": {"required": False,
                                 "help_text": _("这笔资金属于哪一年度的计划；不填取到位日期的年份。")}}


class DisbursementSerializer(ServiceModelSerializer):
    class Meta:
        model = Disbursement
        fields = ["id", "project", "date", "amount", "voucher_number", "note", "display",
                  "created", "last_updated"]


class AdvanceSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices, help_text=_("推进到的阶段"))
    on = serializers.DateField(help_text=_("日期"))
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class CloseSerializer(serializers.Serializer):
    on = serializers.DateField(help_text=_("办结日期"))
    resolution = serializers.CharField(required=False, allow_blank=True, default="",
                                       help_text=_("办理结果"))


# --- viewsets ---------------------------------------------------------------------------


class ProjectViewSet(ScopedModelViewSet):
    """援疆项目（含大项下的小项）；阶段只能通过“推进”操作向前推进。"""

    queryset = Project.objects.all()
    serializer_class = ProjectSerializer
    filterset_class = filtersets.ProjectFilterSet
    search_fields = ["code", "name"]
    ordering_fields = ["code", "plan_year", "budget", "planned_start", "progress_percent"]
    select_related = ("command", "region")

    def get_queryset(self):
        if self.action == "advance":
            return Project.objects.restrict(self.request.user, "change")
        return super().get_queryset()

    @extend_schema(request=AdvanceSerializer, responses=ProjectSerializer)
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        """推进阶段：只能向前；跳过的阶段按同一日期登记。"""
        project = self.get_object()
        serializer = AdvanceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        done = call_service(lambda: project_advance(project, acting_user=request.user, to=d["stage"],
                                            on=d["on"], note=d["note"]))
        return Response(ProjectSerializer(done, context={"request": request}).data)


class StageEventViewSet(ReadOnlyScopedViewSet):
    """阶段记录（只读，由“推进阶段”写入）。"""

    queryset = StageEvent.objects.all()
    serializer_class = StageEventSerializer
    filterset_fields = ["project", "stage"]
    search_fields: list[str] = []
    ordering_fields = ["date"]

    def get_queryset(self):
        return super().get_queryset().order_by(*StageEvent._meta.ordering)


class ProgressUpdateViewSet(ScopedModelViewSet):
    """进度报告：形象进度及进展情况；项目的形象进度取最新一份报告。"""

    queryset = ProgressUpdate.objects.all()
    serializer_class = ProgressUpdateSerializer
    filterset_class = filtersets.ProgressUpdateFilterSet
    search_fields = ["project__name", "project__code", "note"]
    ordering_fields = ["date", "percent"]
    prefetch_related = ("attachments",)


class AttachmentViewSet(ScopedModelViewSet):
    """进度报告的附件：上传（multipart，字段 update、file）、查看、下载、删除；附件不修改，
    如有错误请删除后重新上传。"""

    http_method_names = ["get", "post", "delete", "head", "options"]
    queryset = Attachment.objects.all()
    serializer_class = AttachmentSerializer
    filterset_fields = ["update"]
    search_fields = ["name"]
    ordering_fields = ["id"]

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        """下载附件文件。"""
        return attachment_response(self.get_object())


class OutputViewSet(ScopedModelViewSet):
    """项目产出。"""

    queryset = Output.objects.all()
    serializer_class = OutputSerializer
    filterset_fields = ["project"]
    search_fields = ["name"]
    ordering_fields = ["name"]


class SupervisionOrderViewSet(ScopedModelViewSet):
    """督办：对预警项目下达，办结须填写办理结果；办结后不能再修改。"""

    queryset = SupervisionOrder.objects.all()
    serializer_class = SupervisionOrderSerializer
    filterset_class = filtersets.SupervisionOrderFilterSet
    search_fields = ["project__name", "project__code", "issued_by", "assignee"]
    ordering_fields = ["issued_on", "due_date"]
    select_related = ("project",)

    def get_queryset(self):
        if self.action == "close":
            return SupervisionOrder.objects.restrict(self.request.user, "change")
        return super().get_queryset()

    @extend_schema(request=CloseSerializer, responses=SupervisionOrderSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """办结：填写办结日期和办理结果。"""
        order = self.get_object()
        serializer = CloseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        done = call_service(lambda: supervision_close(order, acting_user=request.user, on=d["on"],
                                              resolution=d["resolution"]))
        return Response(SupervisionOrderSerializer(done, context={"request": request}).data)


class AllocationViewSet(ScopedModelViewSet):
    """资金安排：按年度、资金来源下达到指挥部，或安排到项目。"""

    queryset = Allocation.objects.all()
    serializer_class = AllocationSerializer
    filterset_class = filtersets.AllocationFilterSet
    search_fields = ["document_number", "project__name", "project__code"]
    ordering_fields = ["year", "amount"]
    select_related = ("command", "project")


class ArrivalViewSet(ScopedModelViewSet):
    """资金到位（到疆）。"""

    queryset = Arrival.objects.all()
    serializer_class = ArrivalSerializer
    filterset_class = filtersets.ArrivalFilterSet
    search_fields = ["voucher_number"]
    ordering_fields = ["date", "amount"]
    select_related = ("command",)


class DisbursementViewSet(ScopedModelViewSet):
    """资金拨付：累计拨付不能超过已安排资金，不能早于立项日期。"""

    queryset = Disbursement.objects.all()
    serializer_class = DisbursementSerializer
    filterset_class = filtersets.DisbursementFilterSet
    search_fields = ["voucher_number", "project__name", "project__code"]
    ordering_fields = ["date", "amount"]
    select_related = ("project",)


# --- figures and warnings ---------------------------------------------------------------

NARROW_PARAMETERS = [
    OpenApiParameter("command", int, description="指挥部（含下级）"),
    OpenApiParameter("supporting", str, description="支援方省市代码"),
    OpenApiParameter("batch", int, description="批次"),
]


def _narrow(request, *, with_year: bool) -> selectors.Narrow:
    """The Narrow of the query string: an unknown or out-of-scope record answers 404, a
    malformed number 400."""
    params = request.query_params
    errors, found = {}, {}
    for name, model, numeric in (("command", Command, True), ("supporting", Region, False),
                                 ("batch", Batch, True)):
        value = params.get(name)
        if not value:
            continue
        if numeric and not value.isdigit():
            errors[name] = [_("请填写整数标识。")]
            continue
        found[name] = model._default_manager.restrict(request.user).filter(pk=value).first()
        if found[name] is None:
            raise exceptions.NotFound(_("%(model)s“%(value)s”不存在或不在您的数据范围内。") % {
                "model": model._meta.verbose_name, "value": value})
    if with_year and params.get("year"):
        try:
            found["year"] = int(params["year"])
        except ValueError:
            errors["year"] = [_("年度须为四位数字的年份，如 2021。")]
        else:
            if not 1997 <= found["year"] <= 2100:
                errors["year"] = [_("年度须为四位数字的年份，如 2021。")]
    if errors:
        raise exceptions.ValidationError(errors)
    return selectors.Narrow(**found)


class CategoryFiguresSerializer(serializers.Serializer):
    label = serializers.CharField(help_text=_("项目类别"))
    projects = serializers.IntegerField(help_text=_("项目数（大项）"))
    allocated = serializers.DecimalField(max_digits=None, decimal_places=2,
                                         help_text=_("安排到该类项目的资金（元）"))


def _money(label):
    return serializers.DecimalField(max_digits=None, decimal_places=2, help_text=label)


def _rate(label):
    return serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True,
                                    help_text=label)


class FundsSummarySerializer(serializers.Serializer):
    planned = _money(_("安排资金（元）"))
    planned_in_plan = _money(_("计划内安排资金（元）"))
    planned_extra_plan = _money(_("计划外安排资金（元）"))
    to_projects = _money(_("安排到项目的资金（元）"))
    livelihood = _money(_("安排到民生项目的资金（元）"))
    grassroots = _money(_("安排到县及县以下项目的资金（元）"))
    arrived = _money(_("到位资金（元）"))
    arrived_in_plan = _money(_("计划内到位资金（元）"))
    disbursed = _money(_("拨付资金（元）"))
    projects = serializers.IntegerField(help_text=_("项目数（大项）"))
    items = serializers.IntegerField(help_text=_("小项数"))
    new_planned = serializers.IntegerField(help_text=_("计划内新建项目数"))
    new_started = serializers.IntegerField(help_text=_("其中已开工"))
    continuing = serializers.IntegerField(help_text=_("续建项目数"))
    continuing_started = serializers.IntegerField(help_text=_("其中已开工"))
    completed = serializers.IntegerField(help_text=_("已完工项目数"))
    by_stage = serializers.DictField(child=serializers.IntegerField(),
                                     help_text=_("各阶段项目数（大项）"))
    by_category = serializers.DictField(child=CategoryFiguresSerializer(),
                                        help_text=_("各类别的项目数和安排资金"))
    arrival_rate = _rate(_("到位率（%）"))
    disbursement_rate = _rate(_("拨付率（%）"))
    start_rate = _rate(_("开工率（%）"))
    completion_rate = _rate(_("完工率（%）"))
    livelihood_share = _rate(_("民生资金占比（%）"))
    grassroots_share = _rate(_("县及县以下资金占比（%）"))
    livelihood_rule_holds = serializers.BooleanField(allow_null=True,
                                                     help_text=_("民生占比不低于 80%"))
    grassroots_rule_holds = serializers.BooleanField(allow_null=True,
                                                     help_text=_("县及县以下占比不低于 80%"))


class FundsSummaryView(views.APIView):
    """资金与比率：安排、到位、拨付资金，到位率、拨付率、开工率、完工率，民生和县及县以下占比。

    给出 year 时为该计划年度的数字，否则为整个批次的累计。"""

    def get_queryset(self):  # for the permission class: reading projects
        return Project.objects.none()

    @extend_schema(
        parameters=[*NARROW_PARAMETERS,
                    OpenApiParameter("year", int, description="计划年度；不填为整个批次")],
        responses=FundsSummarySerializer,
    )
    def get(self, request):
        summary = selectors.funds_summary(request.user, _narrow(request, with_year=True))
        return Response(FundsSummarySerializer(summary).data)


class WarningSerializer(serializers.ModelSerializer):
    warning = serializers.ChoiceField(choices=WarningKind.choices, help_text=_("预警类型"))
    expected_percent = serializers.IntegerField(
        allow_null=True, help_text=_("按计划工期今天应达到的形象进度（%）"))

    class Meta:
        model = Project
        fields = ["id", "code", "name", "command", "warning", "expected_percent",
                  "progress_percent", "planned_start", "planned_end"]
        read_only_fields = fields


class WarningListView(generics.ListAPIView):
    """监测预警：未按期开工，或形象进度落后于计划工期的直线进度超过规定幅度的项目。"""

    serializer_class = WarningSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Project.objects.none()
        return selectors.warnings(self.request.user, _narrow(self.request, with_year=False))

    @extend_schema(parameters=NARROW_PARAMETERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


def register(router) -> None:
    router.register("projects/projects", ProjectViewSet)
    router.register("projects/stage-events", StageEventViewSet)
    router.register("projects/progress-updates", ProgressUpdateViewSet)
    router.register("projects/attachments", AttachmentViewSet)
    router.register("projects/outputs", OutputViewSet)
    router.register("projects/supervision-orders", SupervisionOrderViewSet)
    router.register("projects/allocations", AllocationViewSet)
    router.register("projects/arrivals", ArrivalViewSet)
    router.register("projects/disbursements", DisbursementViewSet)


def extra_urls():
    from django.urls import path

    return [
        path("projects/summary/", FundsSummaryView.as_view(), name="projects-summary"),
        path("projects/warnings/", WarningListView.as_view(), name="projects-warnings"),
    ]

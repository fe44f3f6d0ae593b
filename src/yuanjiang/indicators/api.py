"""REST endpoints of the indicators app: /api/indicators/<resource>/.

`indicators` (the catalog; administrators may add), `values` (reported values: scope and
period written as the CLI writes them, `"scope": "command:320582-654024:10"`,
`"period": "2022"`), `documents` (the texts values come from), `approvals` (read; the steps
are actions: submit, approve, return), and `figures` (every figure of a scope and period,
each with its source, qualifier and, for ratios, numerator and denominator).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, views
from rest_framework.decorators import action
from rest_framework.response import Response

from yuanjiang.api.base import ScopedModelViewSet, ServiceModelSerializer
from yuanjiang.api.exceptions import call_service

from .choices import ApprovalStatus, Qualifier, ValueSource
from .models import Approval, Indicator, SourceDocument, Value
from .scopes import ScopeError, parse_period, parse_scope
from .selectors import approval_of, drift, figures, scope_choices
from .services import approval_approve, approval_for, approval_return, approval_submit


class IndicatorSerializer(ServiceModelSerializer):
    class Meta:
        model = Indicator
        fields = ["id", "code", "name", "unit", "kind", "aggregation", "meaning", "builtin", "order",
                  "display", "created", "last_updated"]
        read_only_fields = ["builtin"]


class ScopedRowSerializer(ServiceModelSerializer):
    """Scope and period in and out in their written form."""

    scope = serializers.CharField(help_text=_("范围，如 command:320582-654024:10、province:320000"))
    period = serializers.CharField(help_text=_("时期，如 2022、2022Q3、2022-05、batch、batch:10"))
    scope_label = serializers.SerializerMethodField(help_text=_("范围名称"))
    period_label = serializers.SerializerMethodField(help_text=_("时期名称"))

    def get_scope_label(self, obj) -> str:
        return obj.scope.label

    def get_period_label(self, obj) -> str:
        return obj.period.label

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["scope"], data["period"] = instance.scope.key, instance.period.key
        return data

    def validate(self, attrs):
        attrs = super().validate(attrs)
        written_scope = attrs.pop("scope", None)
        written_period = attrs.pop("period", None)
        if written_scope is None and self.instance is not None:
            scope = self.instance.scope
        else:
            try:
                scope = parse_scope(written_scope or "")
            except ScopeError as exc:
                raise serializers.ValidationError({"scope": exc.messages}) from exc
            user = self.context["request"].user
            if scope.ident not in dict(scope_choices(user)):
                raise serializers.ValidationError({"scope": [_("范围不存在或不在您的数据范围内。")]})
        if written_period is None and self.instance is not None:
            period = self.instance.period
        else:
            try:
                period = parse_period(written_period or "", scope)
            except ScopeError as exc:
                raise serializers.ValidationError({"period": exc.messages}) from exc
        attrs.update(scope.fields())
        attrs.update(period.fields())
        return attrs


class ValueSerializer(ScopedRowSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", queryset=Indicator.objects.all(),
                                             help_text=_("指标代码"))

    class Meta:
        model = Value
        fields = ["id", "indicator", "scope", "period", "scope_label", "period_label", "value",
                  "qualifier", "numerator", "denominator", "source", "status", "document",
                  "span_start", "span_end", "quote", "note", "display", "created", "last_updated"]

    def get_fields(self):
        fields = super().get_fields()
        # The shared message names {pk_value}; a code is looked up by {value} (else a 500).
        fields["indicator"].error_messages["does_not_exist"] = _("指标代码“{value}”不存在。")
        return fields


class SourceDocumentSerializer(ServiceModelSerializer):
    class Meta:
        model = SourceDocument
        fields = ["id", "title", "file_name", "text", "published_on", "url", "command",
                  "supporting_region", "recipient_region", "uploaded_by", "display", "created",
                  "last_updated"]
        read_only_fields = ["uploaded_by"]


class ApprovalSerializer(ServiceModelSerializer):
    scope = serializers.SerializerMethodField(help_text=_("范围"))
    period = serializers.SerializerMethodField(help_text=_("时期"))

    class Meta:
        model = Approval
        fields = ["id", "scope", "period", "status", "submitted_by", "submitted_at", "decided_by",
                  "decided_at", "return_reason", "snapshot", "display", "created", "last_updated"]
        read_only_fields = fields

    def get_scope(self, obj) -> str:
        return obj.scope.key

    def get_period(self, obj) -> str:
        return obj.period.key


class IndicatorViewSet(ScopedModelViewSet):
    """统计指标目录：约定的指标代码固定不变；管理员可以增加填报类指标。"""

    queryset = Indicator.objects.all()
    serializer_class = IndicatorSerializer
    filterset_fields = ["kind", "aggregation", "builtin"]
    search_fields = ["code", "name", "meaning"]
    ordering_fields = ["order", "code"]


class ValueViewSet(ScopedModelViewSet):
    """指标数值（填报或文稿提取）：每个指标在同一范围和时期只有一个采用值；已报送、已审核的时期冻结。"""

    queryset = Value.objects.all()
    serializer_class = ValueSerializer
    filterset_fields = ["indicator__code", "source", "status", "scope_kind", "period_kind", "scope_key",
                        "period_key"]
    search_fields = ["indicator__code", "indicator__name", "quote", "note"]
    ordering_fields = ["period_start", "indicator__order"]
    select_related = ("indicator", "command", "pairing", "supporting_region", "recipient_region", "batch")


class SourceDocumentViewSet(ScopedModelViewSet):
    """来源文稿：工作总结、讲话、新闻稿等，数值的原文出处。"""

    queryset = SourceDocument.objects.all()
    serializer_class = SourceDocumentSerializer
    search_fields = ["title", "text"]
    ordering_fields = ["published_on", "id"]


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, help_text=_("退回理由"))


class OpenSerializer(serializers.Serializer):
    scope = serializers.CharField(help_text=_("范围"))
    period = serializers.CharField(help_text=_("时期"))


class ApprovalViewSet(ScopedModelViewSet):
    """数据报送与审核：POST 本列表（scope、period）即报送该范围和时期的数据；
    …/approve/ 审核通过（冻结全部数值），…/return/ 退回（须说明理由），…/submit/ 退回后重新报送。"""

    http_method_names = ["get", "post", "head", "options"]
    queryset = Approval.objects.all()
    serializer_class = ApprovalSerializer
    filterset_fields = ["status", "scope_kind", "period_kind", "scope_key", "period_key"]
    ordering_fields = ["period_end", "submitted_at"]
    select_related = ("command", "pairing", "supporting_region", "recipient_region", "batch")

    def _answer(self, approval):
        return Response(ApprovalSerializer(approval, context={"request": self.request}).data)

    @extend_schema(request=OpenSerializer, responses=ApprovalSerializer)
    def create(self, request, *args, **kwargs):
        serializer = OpenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            scope = parse_scope(serializer.validated_data["scope"])
            period = parse_period(serializer.validated_data["period"], scope)
        except ScopeError as exc:
            raise exceptions.ValidationError({"scope": exc.messages}) from exc
        if scope.ident not in dict(scope_choices(request.user)):
            raise exceptions.NotFound(_("范围不存在或不在您的数据范围内。"))

        def submit():
            approval = approval_for(scope, period, acting_user=request.user)
            return approval_submit(approval, acting_user=request.user)

        return self._answer(call_service(submit))

    @extend_schema(request=None, responses=ApprovalSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """报送（退回后重新报送）。"""
        approval = self.get_object()
        return self._answer(call_service(lambda: approval_submit(approval, acting_user=request.user)))

    @extend_schema(request=None, responses=ApprovalSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """审核通过：冻结该范围和时期的全部数值。"""
        approval = self.get_object()
        return self._answer(call_service(lambda: approval_approve(approval, acting_user=request.user)))

    @extend_schema(request=ReturnSerializer, responses=ApprovalSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        """退回，须说明理由。"""
        approval = self.get_object()
        serializer = ReturnSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reason = serializer.validated_data["reason"]
        return self._answer(call_service(
            lambda: approval_return(approval, acting_user=request.user, reason=reason)))


class FigureSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("指标代码"))
    name = serializers.CharField(help_text=_("指标名称"))
    unit = serializers.CharField(help_text=_("计量单位"))
    value = serializers.DecimalField(max_digits=None, decimal_places=2, help_text=_("数值"))
    qualifier = serializers.ChoiceField(choices=Qualifier.choices, help_text=_("限定"))
    source = serializers.ChoiceField(choices=ValueSource.choices, help_text=_("来源"))
    numerator = serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True,
                                         help_text=_("比率的分子"))
    denominator = serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True,
                                           help_text=_("比率的分母"))
    value_ids = serializers.ListField(child=serializers.IntegerField(), help_text=_("所依据的填报数值"))
    records = serializers.CharField(allow_blank=True, help_text=_("所依据的业务记录（后台列表地址）"))
    note = serializers.CharField(allow_blank=True, help_text=_("说明"))


class DriftSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    approved = serializers.CharField(allow_null=True, help_text=_("审核时的数值"))
    current = serializers.CharField(allow_null=True, help_text=_("当前数值"))


class FiguresSerializer(serializers.Serializer):
    scope = serializers.CharField()
    scope_label = serializers.CharField()
    period = serializers.CharField()
    period_label = serializers.CharField()
    approval = serializers.ChoiceField(choices=ApprovalStatus.choices, allow_null=True,
                                       help_text=_("报送审核状态"))
    figures = FigureSerializer(many=True)
    drift = DriftSerializer(many=True, help_text=_("审核后业务记录变化造成的差异"))


class FiguresView(views.APIView):
    """一个范围和时期的全部指标数值：由业务记录计算的、填报的、由下级或各年汇总的。"""

    def get_queryset(self):  # for the permission class: reading values
        return Value.objects.none()

    @extend_schema(parameters=[OpenApiParameter("scope", str, required=True, description="范围"),
                               OpenApiParameter("period", str, required=True, description="时期")],
                   responses=FiguresSerializer)
    def get(self, request):
        try:
            scope = parse_scope(request.query_params.get("scope", ""))
            period = parse_period(request.query_params.get("period", ""), scope)
        except ScopeError as exc:
            raise exceptions.ValidationError({"detail": exc.messages}) from exc
        if scope.ident not in dict(scope_choices(request.user)):
            raise exceptions.NotFound(_("范围不存在或不在您的数据范围内。"))
        f = figures(request.user, scope, period)
        approval = approval_of(request.user, scope, period)
        drifts = drift(approval, f) if approval and approval.status == ApprovalStatus.APPROVED else []
        rows = []
        for code, figure in f.items():
            indicator = f.indicators[code]
            rows.append({"code": code, "name": indicator.name, "unit": indicator.unit,
                         "value": figure.value, "qualifier": figure.qualifier, "source": figure.source,
                         "numerator": figure.numerator, "denominator": figure.denominator,
                         "value_ids": list(figure.value_ids),
                         "records": request.build_absolute_uri(figure.records) if figure.records else "",
                         "note": figure.note})
        return Response(FiguresSerializer({
            "scope": scope.key, "scope_label": scope.label, "period": period.key,
            "period_label": period.label, "approval": approval.status if approval else None,
            "figures": rows,
            "drift": [{"code": d.code, "name": d.name,
                       "approved": None if d.approved is None else str(d.approved.value),
                       "current": None if d.current is None else str(d.current.value)} for d in drifts],
        }).data)


def register(router) -> None:
    router.register("indicators/indicators", IndicatorViewSet)
    router.register("indicators/values", ValueViewSet)
    router.register("indicators/documents", SourceDocumentViewSet)
    router.register("indicators/approvals", ApprovalViewSet)


def extra_urls():
    from django.urls import path

    return [path("indicators/figures/", FiguresView.as_view(), name="api-indicators-figures")]

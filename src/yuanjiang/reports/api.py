"""REST endpoints of the reports app: /api/reports/jobs/.

POST {"kind": "summary_docx" | "summary_md" | "tables", "scope": …, "period": …} asks for a
report; the answer is the job, whose `status` and `progress` say how far it is and whose
`download` link works once it is done. A user sees the jobs they asked for.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from yuanjiang.api.base import ScopedModelViewSet
from yuanjiang.api.exceptions import call_service
from yuanjiang.indicators.scopes import ScopeError, parse_period, parse_scope
from yuanjiang.indicators.selectors import scope_choices

from .models import ReportJob, ReportKind, ReportStatus
from .services import job_file_response, progress_of, request_report


class ReportJobSerializer(serializers.ModelSerializer):
    scope = serializers.SerializerMethodField(help_text=_("范围"))
    period = serializers.SerializerMethodField(help_text=_("时期"))
    progress = serializers.SerializerMethodField(help_text=_("进度（%）"))
    download = serializers.SerializerMethodField(help_text=_("下载地址（完成后）"))

    class Meta:
        model = ReportJob
        fields = ["id", "kind", "scope", "period", "status", "progress", "requested_at", "finished_at",
                  "file_name", "download", "error", "trace"]
        read_only_fields = fields

    def get_scope(self, obj) -> str:
        return obj.scope.key

    def get_period(self, obj) -> str:
        return obj.period.key

    def get_progress(self, obj) -> int:
        return progress_of(obj)[0]

    def get_download(self, obj) -> str | None:
        if obj.status != ReportStatus.DONE:
            return None
        url = reverse("reportjob-download", args=[obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class RequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReportKind.choices, help_text=_("报告类型"))
    scope = serializers.CharField(help_text=_("范围，如 command:320582-654024:10"))
    period = serializers.CharField(help_text=_("时期，如 batch、2022、2022Q3"))


class ReportJobViewSet(ScopedModelViewSet):
    """报告任务：申请生成工作总结或统计报表，查看进度，完成后下载。"""

    http_method_names = ["get", "post", "head", "options"]
    queryset = ReportJob.objects.all()
    serializer_class = ReportJobSerializer
    filterset_fields = ["kind", "status"]
    ordering_fields = ["requested_at"]

    def get_queryset(self):
        qs = super().get_queryset()
        return qs if self.request.user.is_superuser else qs.filter(created_by=self.request.user)

    @extend_schema(request=RequestSerializer, responses={202: ReportJobSerializer})
    def create(self, request, *args, **kwargs):
        serializer = RequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        try:
            scope = parse_scope(d["scope"])
        except ScopeError as exc:
            raise exceptions.ValidationError({"scope": exc.messages}) from exc
        try:
            period = parse_period(d["period"], scope)
        except ScopeError as exc:
            raise exceptions.ValidationError({"period": exc.messages}) from exc
        if scope.ident not in dict(scope_choices(request.user)):
            raise exceptions.NotFound(_("范围不存在或不在您的数据范围内。"))
        job = call_service(lambda: request_report(acting_user=request.user, kind=d["kind"], scope=scope,
                                                  period=period))
        job.refresh_from_db()
        return Response(ReportJobSerializer(job, context={"request": request}).data, status=202)

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        """下载已生成的报告。"""
        return job_file_response(self.get_object())


def register(router) -> None:
    router.register("reports/jobs", ReportJobViewSet)

"""REST endpoints of the people app: /api/people/<resource>/.

ID numbers go in as `id_number` and come out as `id_number`, masked (6540**********1234)
unless the user holds the permission people.view_id_number. Status steps of postings and
the return from leave are actions (POST …/arrive/, …/finish/, …/early-return/, …/rotate/,
…/return/), never plain updates.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, views
from rest_framework.decorators import action
from rest_framework.response import Response

from yuanjiang.api.base import ScopedModelViewSet, ServiceModelSerializer
from yuanjiang.api.exceptions import call_service
from yuanjiang.core.models import Command, Region

from . import filtersets, selectors
from .models import Assessment, Assignment, Award, Leave, Person
from .services import (
    PersonService,
    assignment_arrive,
    assignment_finish,
    assignment_rotate,
    leave_return,
)


def _can_see_ids(request) -> bool:
    return bool(request and request.user.has_perm("people.view_id_number"))


class PersonSerializer(ServiceModelSerializer):
    id_number = serializers.CharField(
        max_length=20, required=False,
        help_text=_("身份证号。写入时为完整号码；读出时脱敏，除非用户有查看完整身份证号的权限。"),
    )

    class Meta:
        model = Person
        fields = ["id", "name", "id_number", "gender", "ethnicity", "birth_date",
                  "political_status", "education", "professional_title", "phone",
                  "home_organisation", "home_post", "registered_by", "note", "display",
                  "created", "last_updated"]
        extra_kwargs = {"gender": {"required": False}, "birth_date": {"required": False}}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        full = _can_see_ids(self.context.get("request"))
        data["id_number"] = instance.id_number if full else instance.id_number_masked
        return data

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        if self.instance is None and not values.get("id_number"):
            raise exceptions.ValidationError({"id_number": [_("请填写身份证号。")]})
        return values

    def _saved(self, person, values):
        number = values.pop("id_number", None)
        for name, value in values.items():
            setattr(person, name, value)
        if number:
            person.set_id_number(number)
        user = self.context["request"].user
        return self._call(lambda: PersonService.save(person, acting_user=user))

    def create(self, validated_data):
        return self._saved(Person(), validated_data)

    def update(self, instance, validated_data):
        return self._saved(instance, validated_data)


class AssignmentSerializer(ServiceModelSerializer):
    class Meta:
        model = Assignment
        fields = ["id", "person", "command", "category", "professional_kind", "organisation",
                  "post", "term_type", "start_date", "planned_end_date", "actual_end_date",
                  "status", "crosses_batch", "predecessor", "end_reason", "note", "display",
                  "created", "last_updated"]
        read_only_fields = ["predecessor"]
        extra_kwargs = {"planned_end_date": {"required": False}}

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:  # after creation, status moves only by the actions
            for name in ("status", "actual_end_date", "end_reason", "person"):
                fields[name].read_only = True
        return fields


class LeaveSerializer(ServiceModelSerializer):
    class Meta:
        model = Leave
        fields = ["id", "assignment", "person", "kind", "start_date", "end_date", "approved_by",
                  "returned_on", "reason", "display", "created", "last_updated"]
        read_only_fields = ["person"]


class AssessmentSerializer(ServiceModelSerializer):
    warnings = serializers.SerializerMethodField(help_text=_("保存时的提醒（如优秀比例偏高）"))

    class Meta:
        model = Assessment
        fields = ["id", "assignment", "person", "year", "grade", "assessed_by",
                  "copied_to_home_on", "note", "warnings", "display", "created", "last_updated"]
        read_only_fields = ["person"]
        extra_kwargs = {"assessed_by": {"required": False}}

    def get_warnings(self, obj) -> list[str]:
        return [str(w) for w in getattr(obj, "_warnings", [])]


class AwardSerializer(ServiceModelSerializer):
    class Meta:
        model = Award
        fields = ["id", "title", "level", "conferred_by", "conferred_on", "decision_number",
                  "person", "command", "note", "display", "created", "last_updated"]


class StepSerializer(serializers.Serializer):
    on = serializers.DateField(help_text=_("日期"))
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class RotateSerializer(serializers.Serializer):
    on = serializers.DateField(help_text=_("接替人员到岗日期"))
    successor = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(),
                                                   help_text=_("接替人员"))
    post = serializers.CharField(required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        self.fields["successor"].queryset = Person.objects.restrict(
            getattr(request, "user", None))


class PersonViewSet(ScopedModelViewSet):
    """人员：每人登记一次；身份证号加密保存、默认脱敏显示。"""

    queryset = Person.objects.all()
    serializer_class = PersonSerializer
    filterset_class = filtersets.PersonFilterSet
    search_fields = ["name", "phone"]
    ordering_fields = ["name", "birth_date"]
    select_related = ("home_organisation",)


class AssignmentViewSet(ScopedModelViewSet):
    """选派（花名册）：人员在指挥部受援单位的一段任职。"""

    queryset = Assignment.objects.all()
    serializer_class = AssignmentSerializer
    filterset_class = filtersets.AssignmentFilterSet
    search_fields = ["person__name", "post", "organisation__name"]
    ordering_fields = ["start_date", "planned_end_date", "person__name"]
    select_related = ("person", "command", "organisation")

    def _step(self, request, fn):
        posting = self.get_object()
        serializer = StepSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        done = call_service(lambda: fn(posting, serializer.validated_data))
        return Response(AssignmentSerializer(done, context={"request": request}).data)

    @extend_schema(request=StepSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def arrive(self, request, pk=None):
        """到岗：拟选派 → 在岗。"""
        return self._step(request, lambda a, d: assignment_arrive(
            a, acting_user=request.user, on=d["on"]))

    @extend_schema(request=StepSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def finish(self, request, pk=None):
        """期满返回：在岗 → 期满返回（日期为在岗最后一天）。"""
        return self._step(request, lambda a, d: assignment_finish(
            a, acting_user=request.user, on=d["on"]))

    @extend_schema(request=StepSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"], url_path="early-return")
    def early_return(self, request, pk=None):
        """提前返回：在岗 → 提前返回（须说明原因）。"""
        return self._step(request, lambda a, d: assignment_finish(
            a, acting_user=request.user, on=d["on"], early=True, reason=d["reason"]))

    @extend_schema(request=RotateSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def rotate(self, request, pk=None):
        """中期轮换：专业技术人才任职满一年半后由接替人员接任；返回接替人员的选派。"""
        posting = self.get_object()
        serializer = RotateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        successor = call_service(lambda: assignment_rotate(
            posting, acting_user=request.user, successor=d["successor"], on=d["on"],
            post=d["post"]))
        return Response(AssignmentSerializer(successor, context={"request": request}).data,
                        status=201)

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action in ("arrive", "finish", "early_return", "rotate"):
            return Assignment.objects.restrict(self.request.user, "change")
        return qs


class LeaveViewSet(ScopedModelViewSet):
    """请假与销假。"""

    queryset = Leave.objects.all()
    serializer_class = LeaveSerializer
    filterset_class = filtersets.LeaveFilterSet
    search_fields = ["person__name", "approved_by"]
    ordering_fields = ["start_date"]
    select_related = ("person",)

    def get_queryset(self):
        if self.action == "return_":
            return Leave.objects.restrict(self.request.user, "change")
        return super().get_queryset()

    @extend_schema(request=StepSerializer, responses=LeaveSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        """销假：回到岗位的日期（当天计为在岗）。"""
        leave = self.get_object()
        serializer = StepSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        done = call_service(lambda: leave_return(leave, acting_user=request.user,
                                         on=serializer.validated_data["on"]))
        return Response(LeaveSerializer(done, context={"request": request}).data)


class AssessmentViewSet(ScopedModelViewSet):
    """年度考核：受援方考核，抄送派出单位；优秀比例一般不超过 15%，最高 20%。"""

    queryset = Assessment.objects.all()
    serializer_class = AssessmentSerializer
    filterset_class = filtersets.AssessmentFilterSet
    search_fields = ["person__name"]
    ordering_fields = ["year"]
    select_related = ("person",)


class AwardViewSet(ScopedModelViewSet):
    """表彰：授予人员或指挥部。"""

    queryset = Award.objects.all()
    serializer_class = AwardSerializer
    filterset_class = filtersets.AwardFilterSet
    search_fields = ["title", "decision_number"]
    ordering_fields = ["conferred_on"]


class OnPostRateSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    posted_days = serializers.IntegerField(help_text=_("选派人日"))
    days_away = serializers.IntegerField(help_text=_("请假人日"))
    on_post_days = serializers.IntegerField(help_text=_("在岗人日"))
    rate = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True,
                                    help_text=_("在岗率（%）"))


class OnPostRateView(views.APIView):
    """在岗率：在岗人日 ÷ 选派人日，按指挥部（含下级）、支援方省市或人员，统计到今天为止。"""

    def get_queryset(self):  # for the permission class: reading postings
        return Assignment.objects.none()

    @extend_schema(
        parameters=[
            OpenApiParameter("start", dt.date, required=True, description="起始日期"),
            OpenApiParameter("end", dt.date, required=True, description="截止日期"),
            OpenApiParameter("command", int, description="指挥部（含下级）"),
            OpenApiParameter("supporting", str, description="支援方省市代码"),
            OpenApiParameter("person", int, description="人员"),
        ],
        responses=OnPostRateSerializer,
    )
    def get(self, request):
        params = request.query_params
        errors, narrow = {}, {}
        dates = {}
        for name in ("start", "end"):
            try:
                dates[name] = dt.date.fromisoformat(params.get(name, ""))
            except ValueError:
                errors[name] = [_("请以 YYYY-MM-DD 填写日期。")]
        lookups = (("command", Command), ("supporting", Region), ("person", Person))
        for name, model in lookups:
            if params.get(name):
                obj = model._default_manager.restrict(request.user).filter(pk=params[name]).first()
                if obj is None:
                    errors[name] = [_("不存在或不在您的数据范围内。")]
                narrow[name] = obj
        if not errors and dates["end"] < dates["start"]:
            errors["end"] = [_("截止日期不能早于起始日期。")]
        if errors:
            raise exceptions.ValidationError(errors)
        rate = selectors.on_post_rate(request.user, dates["start"], dates["end"], **narrow)
        return Response(OnPostRateSerializer({
            "start": dates["start"], "end": min(dates["end"], timezone.localdate()),
            "posted_days": rate.posted_days, "days_away": rate.days_away,
            "on_post_days": rate.on_post_days, "rate": rate.rate,
        }).data)


def register(router) -> None:
    router.register("people/persons", PersonViewSet)
    router.register("people/assignments", AssignmentViewSet)
    router.register("people/leaves", LeaveViewSet)
    router.register("people/assessments", AssessmentViewSet)
    router.register("people/awards", AwardViewSet)


def extra_urls():
    from django.urls import path

    return [path("people/on-post-rate/", OnPostRateView.as_view(), name="people-on-post-rate")]



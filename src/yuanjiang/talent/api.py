"""REST endpoints of talent development: /api/talent/<resource>/. A mentorship's command
is its mentor's (read-only)."""

from __future__ import annotations

from yuanjiang.api.base import ScopedModelViewSet, ServiceModelSerializer

from . import filtersets
from .models import GroupAid, Mentorship, Secondment, Trainee, TrainingProgramme

BASE = ["display", "created", "last_updated"]


class TrainingProgrammeSerializer(ServiceModelSerializer):
    class Meta:
        model = TrainingProgramme
        fields = ["id", "command", "name", "audience", "venue", "place", "organiser", "start_date",
                  "end_date", "funds", "note", *BASE]


class TraineeSerializer(ServiceModelSerializer):
    class Meta:
        model = Trainee
        fields = ["id", "programme", "name", "organisation", "post", *BASE]


class SecondmentSerializer(ServiceModelSerializer):
    class Meta:
        model = Secondment
        fields = ["id", "command", "name", "home_organisation", "home_post", "kind",
                  "host_organisation", "host_post", "start_date", "end_date", "note", *BASE]


class MentorshipSerializer(ServiceModelSerializer):
    class Meta:
        model = Mentorship
        fields = ["id", "command", "mentor", "mentee_name", "mentee_organisation", "field",
                  "start_date", "end_date", "outcome", *BASE]
        read_only_fields = ["command"]


class GroupAidSerializer(ServiceModelSerializer):
    class Meta:
        model = GroupAid
        fields = ["id", "command", "kind", "institution", "supporting_institutions", "departments",
                  "start_year", "end_year", "postings", "outcome", *BASE]


class TrainingProgrammeViewSet(ScopedModelViewSet):
    """培训项目（班次）：培训对象、地点、资金。"""

    queryset = TrainingProgramme.objects.all()
    serializer_class = TrainingProgrammeSerializer
    filterset_class = filtersets.TrainingProgrammeFilterSet
    search_fields = ["name", "organiser"]
    ordering_fields = ["start_date", "funds"]


class TraineeViewSet(ScopedModelViewSet):
    """参训人员。"""

    queryset = Trainee.objects.all()
    serializer_class = TraineeSerializer
    filterset_class = filtersets.TraineeFilterSet
    search_fields = ["name", "organisation"]
    ordering_fields = ["name"]


class SecondmentViewSet(ScopedModelViewSet):
    """受援地干部到支援方挂职交流。"""

    queryset = Secondment.objects.all()
    serializer_class = SecondmentSerializer
    filterset_class = filtersets.SecondmentFilterSet
    search_fields = ["name", "home_organisation", "host_organisation"]
    ordering_fields = ["start_date"]


class MentorshipViewSet(ScopedModelViewSet):
    """师徒结对：同一本土人才同一时间只能有一位导师。"""

    queryset = Mentorship.objects.all()
    serializer_class = MentorshipSerializer
    filterset_class = filtersets.MentorshipFilterSet
    search_fields = ["mentee_name", "mentee_organisation", "mentor__person__name"]
    ordering_fields = ["start_date"]
    select_related = ("mentor__person",)


class GroupAidViewSet(ScopedModelViewSet):
    """组团式帮扶学校和医院。"""

    queryset = GroupAid.objects.all()
    serializer_class = GroupAidSerializer
    filterset_class = filtersets.GroupAidFilterSet
    search_fields = ["institution__name", "supporting_institutions"]
    ordering_fields = ["start_year"]
    prefetch_related = ("postings",)


def register(router) -> None:
    router.register("talent/training-programmes", TrainingProgrammeViewSet)
    router.register("talent/trainees", TraineeViewSet)
    router.register("talent/secondments", SecondmentViewSet)
    router.register("talent/mentorships", MentorshipViewSet)
    router.register("talent/group-aid", GroupAidViewSet)

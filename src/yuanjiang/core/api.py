"""REST endpoints of the core app: /api/core/<resource>/ (wired by yuanjiang.api.urls)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from yuanjiang.api.base import (
    ReadOnlyScopedViewSet,
    ScopedModelViewSet,
    ServiceModelSerializer,
)

from . import filtersets
from .models import Batch, Command, CommandMember, ObjectChange, Organisation, Pairing, Region, User
from .services import UserService

# --- serializers ------------------------------------------------------------------------


class RegionSerializer(ServiceModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name", "full_name", "level", "parent", "xpcc_division", "source",
                  "path", "display"]
        read_only_fields = ["path"]
        extra_kwargs = {"full_name": {"required": False}}


class OrganisationSerializer(ServiceModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "region", "parent", "uscc", "note", "display",
                  "created", "last_updated"]


class PairingSerializer(ServiceModelSerializer):
    class Meta:
        model = Pairing
        fields = ["id", "supporting_region", "recipient_region", "supporting_province",
                  "level", "from_year", "to_year", "note", "source", "display",
                  "created", "last_updated"]
        read_only_fields = ["supporting_province"]
        extra_kwargs = {"level": {"required": False}}


class BatchSerializer(ServiceModelSerializer):
    class Meta:
        model = Batch
        fields = ["id", "supporting_region", "number", "name", "start_date", "end_date", "note",
                  "source", "display", "created", "last_updated"]
        extra_kwargs = {"name": {"required": False}}


class CommandSerializer(ServiceModelSerializer):
    # Written through the service (the links carry the batch), so declared explicitly.
    pairings = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Pairing.objects.all(), help_text=_("本指挥部负责的对口支援关系")
    )

    class Meta:
        model = Command
        fields = ["id", "name", "kind", "batch", "pairings", "parent", "address", "phone",
                  "note", "display", "created", "last_updated"]


class CommandMemberSerializer(ServiceModelSerializer):
    class Meta:
        model = CommandMember
        fields = ["id", "command", "name", "role", "title", "organisation", "phone",
                  "sort_order", "display", "created", "last_updated"]


class UserSerializer(ServiceModelSerializer):
    password = serializers.CharField(
        write_only=True, required=False, style={"input_type": "password"},
        help_text=_("新密码；不修改时不传。"),
    )

    class Meta:
        model = User
        fields = ["id", "username", "password", "last_name", "first_name", "email", "phone",
                  "role", "scope_command", "scope_region", "organisation", "is_active",
                  "last_login", "display"]
        read_only_fields = ["last_login"]

    def validate_password(self, value):
        from django.contrib.auth.password_validation import validate_password

        validate_password(value)
        return value

    def create(self, validated_data):
        password = validated_data.pop("password", None)
        if not password:
            raise serializers.ValidationError({"password": [_("新建用户必须设置密码。")]})
        user = User(**validated_data)
        user.set_password(password)
        acting = self.context["request"].user
        return self._call(lambda: UserService.save(user, acting_user=acting))

    def update(self, instance, validated_data):
        password = validated_data.pop("password", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        if password:
            instance.set_password(password)
        acting = self.context["request"].user
        return self._call(lambda: UserService.save(instance, acting_user=acting))


class ObjectChangeSerializer(serializers.ModelSerializer):
    object_type = serializers.SerializerMethodField()

    class Meta:
        model = ObjectChange
        fields = ["id", "time", "user", "user_name", "request_id", "source", "action",
                  "object_type", "object_id", "object_repr", "prechange_data",
                  "postchange_data"]
        read_only_fields = fields

    def get_object_type(self, obj) -> str:
        return f"{obj.content_type.app_label}.{obj.content_type.model}"


# --- viewsets ---------------------------------------------------------------------------


class RegionViewSet(ScopedModelViewSet):
    """行政区划（GB/T 2260）。所有登录用户可查阅；只有系统管理员可修改。"""

    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    filterset_class = filtersets.RegionFilterSet
    search_fields = ["code", "name", "full_name", "xpcc_division"]
    ordering_fields = ["code", "name", "level"]


class OrganisationViewSet(ScopedModelViewSet):
    """单位：党政机关、学校、医院、企业、援疆工作机构等。"""

    queryset = Organisation.objects.all()
    serializer_class = OrganisationSerializer
    filterset_class = filtersets.OrganisationFilterSet
    search_fields = ["name", "uscc"]
    ordering_fields = ["name", "region", "kind"]


class PairingViewSet(ScopedModelViewSet):
    """对口支援关系：支援方 → 受援地。"""

    queryset = Pairing.objects.all()
    serializer_class = PairingSerializer
    filterset_class = filtersets.PairingFilterSet
    search_fields = ["supporting_region__name", "recipient_region__name"]
    ordering_fields = ["supporting_region", "recipient_region", "from_year"]
    select_related = ("supporting_region", "recipient_region")


class BatchViewSet(ScopedModelViewSet):
    """批次：由支援方编号的一轮选派（如江苏第十批）。"""

    queryset = Batch.objects.all()
    serializer_class = BatchSerializer
    filterset_class = filtersets.BatchFilterSet
    search_fields = ["name", "supporting_region__name"]
    ordering_fields = ["supporting_region", "number", "start_date"]
    select_related = ("supporting_region",)


class CommandViewSet(ScopedModelViewSet):
    """前方指挥部、分指挥部与工作组。"""

    queryset = Command.objects.all()
    serializer_class = CommandSerializer
    filterset_class = filtersets.CommandFilterSet
    search_fields = ["name"]
    ordering_fields = ["name", "batch", "kind"]
    prefetch_related = ("pairings__supporting_region", "pairings__recipient_region")


class CommandMemberViewSet(ScopedModelViewSet):
    """指挥部成员：总指挥、副指挥长、组员等。"""

    queryset = CommandMember.objects.all()
    serializer_class = CommandMemberSerializer
    filterset_class = filtersets.CommandMemberFilterSet
    search_fields = ["name", "title"]
    ordering_fields = ["command", "sort_order", "name"]
    select_related = ("command",)


class UserViewSet(ScopedModelViewSet):
    """用户（仅系统管理员）。`/me/` 返回当前用户自己。"""

    queryset = User.objects.all()
    serializer_class = UserSerializer
    search_fields = ["username", "last_name", "first_name"]
    filterset_fields = ["role", "scope_command", "scope_region", "is_active"]
    ordering_fields = ["username", "role"]

    def get_permissions(self):
        if self.action == "me":
            return [permissions.IsAuthenticated()]
        return super().get_permissions()

    @extend_schema(responses=UserSerializer)
    @action(detail=False, methods=["get"])
    def me(self, request):
        return Response(UserSerializer(request.user, context={"request": request}).data)


class ObjectChangeViewSet(ReadOnlyScopedViewSet):
    """变更记录：只读，按数据范围过滤。"""

    queryset = ObjectChange.objects.all()
    serializer_class = ObjectChangeSerializer
    filterset_class = filtersets.ObjectChangeFilterSet
    search_fields = ["object_repr", "user_name"]
    ordering_fields = ["time"]

    def get_queryset(self):
        return super().get_queryset().select_related("content_type")


def register(router) -> None:
    router.register("core/regions", RegionViewSet)
    router.register("core/organisations", OrganisationViewSet)
    router.register("core/pairings", PairingViewSet)
    router.register("core/batches", BatchViewSet)
    router.register("core/commands", CommandViewSet)
    router.register("core/command-members", CommandMemberViewSet)
    router.register("core/users", UserViewSet)
    router.register("core/changes", ObjectChangeViewSet)

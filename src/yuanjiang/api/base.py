"""Shared pieces of every API endpoint: scoped querysets, writes through services, errors.

Every viewset derives from `ScopedModelViewSet`: its queryset is `restrict(user, action)`
for the HTTP method (so an out-of-scope object answers 404), every related field of its
serializer offers only records the user can see, and create, update and delete call the
model's service, so the API obeys the same rules and writes the same change log as the
admin and the CLI.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers, viewsets

from yuanjiang.core.services import service_for

from .exceptions import Conflict, validation_detail

ACTION_OF_METHOD = {
    "GET": "view", "HEAD": "view", "OPTIONS": "view",
    "POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete",
}


class ServiceModelSerializer(serializers.ModelSerializer):
    """A model serializer whose related choices are scoped and whose saves use services."""

    display = serializers.SerializerMethodField(help_text=_("记录的显示名称"))

    def get_display(self, obj) -> str:
        return str(obj)

    def get_validators(self):
        # Uniqueness is checked by the service with the model's own Chinese messages.
        return []

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        for field in fields.values():
            related = getattr(field, "child_relation", field)
            queryset = getattr(related, "queryset", None)
            if queryset is None or getattr(field, "read_only", False):
                continue
            if hasattr(queryset, "restrict"):
                related.queryset = queryset.restrict(user, "view")
            name = queryset.model._meta.verbose_name
            related.error_messages["does_not_exist"] = _(
                "%(model)s“{pk_value}”不存在或不在您的数据范围内。"
            ) % {"model": name}
            related.error_messages["incorrect_type"] = _(
                "%(model)s的标识格式不正确，收到的是 {data_type}。"
            ) % {"model": name}
        return fields

    def _split(self, validated_data):
        service = service_for(self.Meta.model)
        m2m = {k: validated_data.pop(k) for k in service.m2m_fields if k in validated_data}
        return service, validated_data, m2m

    def _call(self, fn):
        try:
            return fn()
        except DjangoValidationError as exc:
            if getattr(exc, "code", None) == "protected":
                raise Conflict(detail=exc.messages[0]) from exc
            raise exceptions.ValidationError(detail=validation_detail(exc)) from exc
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(detail=str(exc)) from exc

    def create(self, validated_data):
        service, data, m2m = self._split(validated_data)
        user = self.context["request"].user
        return self._call(lambda: service.create(acting_user=user, data=data, m2m=m2m))

    def update(self, instance, validated_data):
        service, data, m2m = self._split(validated_data)
        user = self.context["request"].user
        return self._call(
            lambda: service.update(instance, acting_user=user, data=data, m2m=m2m)
        )


class ScopedModelViewSet(viewsets.ModelViewSet):
    """CRUD on a model, restricted to the user's data scope."""

    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    def get_queryset(self):
        model = self.queryset.model
        action = ACTION_OF_METHOD.get(self.request.method, "view")
        qs = model._default_manager.all().restrict(self.request.user, action)
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs.order_by(*(model._meta.ordering or ["pk"]))

    def perform_destroy(self, instance):
        service = service_for(type(instance))
        try:
            service.delete(instance, acting_user=self.request.user)
        except DjangoValidationError as exc:
            raise Conflict(detail=exc.messages[0]) from exc
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(detail=str(exc)) from exc


class ReadOnlyScopedViewSet(viewsets.ReadOnlyModelViewSet):
    """List and detail only (the change log)."""

    def get_queryset(self):
        model = self.queryset.model
        return model._default_manager.all().restrict(self.request.user, "view")


"""API errors: Django's validation and permission errors become DRF answers in Chinese."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers, status


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("与现有数据冲突。")
    default_code = "conflict"


def exception_handler(exc, context):
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, DjangoValidationError):
        if getattr(exc, "code", None) == "protected":
            exc = Conflict(detail=exc.messages[0])
        else:
            exc = exceptions.ValidationError(detail=serializers.as_serializer_error(exc))
    elif isinstance(exc, DjangoPermissionDenied) and exc.args:
        exc = exceptions.PermissionDenied(detail=str(exc.args[0]))
    return drf_exception_handler(exc, context)

"""API errors: Django's validation and permission errors become DRF answers in Chinese."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers, status


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("与现有数据冲突。")
    default_code = "conflict"


def validation_detail(exc: DjangoValidationError) -> dict | list:
    """A Django ValidationError as DRF detail; the whole-record key is "non_field_errors"."""
    from django.core.exceptions import NON_FIELD_ERRORS
    from rest_framework.settings import api_settings

    detail = serializers.as_serializer_error(exc)
    if NON_FIELD_ERRORS in detail:
        detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
    return detail


def call_service(fn):
    """Run a service call of an action; its Django errors become DRF answers."""
    try:
        return fn()
    except DjangoValidationError as exc:
        raise exceptions.ValidationError(detail=validation_detail(exc)) from exc
    except DjangoPermissionDenied as exc:
        raise exceptions.PermissionDenied(detail=str(exc)) from exc


def exception_handler(exc, context):
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, DjangoValidationError):
        if getattr(exc, "code", None) == "protected":
            exc = Conflict(detail=exc.messages[0])
        else:
            exc = exceptions.ValidationError(detail=validation_detail(exc))
    elif isinstance(exc, DjangoPermissionDenied) and exc.args:
        exc = exceptions.PermissionDenied(detail=str(exc.args[0]))
    return drf_exception_handler(exc, context)

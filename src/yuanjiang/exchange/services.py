"""Writes of the exchange app. Every write is a service call in one transaction that
writes the change log (see yuanjiang.core.services).

Rules: a sale's month lies in its command's batch (the months it touches) and is not a month
still to come; an
event's day lies in the batch and is not in the future.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from yuanjiang.core.services import ModelService, _add_error, check_batch_date, check_batch_year

from .models import CulturalEvent, Sale

Errors = dict[str, list[str]]


class SaleService(ModelService):
    model = Sale

    @classmethod
    def check_rules(cls, instance: Sale, m2m: dict) -> Errors:
        errors: Errors = {}
        check_batch_year(errors, "year", instance.command, instance.year)
        batch = instance.command.batch
        month = (instance.year, instance.month)
        if not errors and instance.month and (
                month < (batch.start_date.year, batch.start_date.month)
                or (batch.end_date and month > (batch.end_date.year, batch.end_date.month))):
            _add_error(errors, "month", _("%(y)s年%(m)s月不在%(batch)s（%(a)s 至 %(b)s）之内。") % {
                "y": instance.year, "m": instance.month, "batch": batch, "a": batch.start_date,
                "b": batch.end_date or _("今")})
        today = timezone.localdate()
        if (instance.year, instance.month) > (today.year, today.month):
            _add_error(errors, "month", _("%(y)s年%(m)s月尚未到来，不能登记销售额。") % {
                "y": instance.year, "m": instance.month})
        return errors


class CulturalEventService(ModelService):
    model = CulturalEvent

    @classmethod
    def check_rules(cls, instance: CulturalEvent, m2m: dict) -> Errors:
        errors: Errors = {}
        check_batch_date(errors, "date", instance.command, instance.date, _("活动日期"))
        return errors

"""Reads of the exchange app, always for a user and within the user's data scope.

`figures` defines the indicators of consumption aid and culture: consumption_aid_sales =
sales of the months of the period (by channel too); cultural_events = events of the
cultural kinds held in the period; exchange_delegations = delegations of the period.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from yuanjiang.core.selectors import ZERO, money_sum, of_commands

from .choices import CULTURAL_KINDS, EventKind
from .models import CulturalEvent, Sale


def month_key(day: dt.date) -> int:
    return day.year * 100 + day.month


def sales_in(queryset, commands: Any, start: dt.date, end: dt.date):
    """Sales of the months from the month of `start` to the month of `end`."""
    lo, hi = month_key(start), month_key(end)
    qs = of_commands(queryset, commands)
    return qs.filter(Q(year__gt=lo // 100) | Q(year=lo // 100, month__gte=lo % 100)).filter(
        Q(year__lt=hi // 100) | Q(year=hi // 100, month__lte=hi % 100))


def sales_figures(user: Any, commands: Any, start: dt.date, end: dt.date) -> dict[str, Any]:
    qs = sales_in(Sale.objects.restrict(user), commands, start, end)
    by_channel = {r["channel"]: (r["n"], r["total"]) for r in qs.order_by().values("channel").annotate(
        n=Count("pk"), total=money_sum("amount"))}
    return {"records": sum(n for n, _t in by_channel.values()),
            "total": sum((t for _n, t in by_channel.values()), ZERO),
            "by_channel": {k: t for k, (_n, t) in by_channel.items()}}


def event_counts(user: Any, commands: Any, start: dt.date, end: dt.date) -> dict[str, int]:
    qs = of_commands(CulturalEvent.objects.restrict(user), commands).filter(date__gte=start, date__lte=end)
    return qs.aggregate(all=Count("pk"), cultural=Count("pk", filter=Q(kind__in=CULTURAL_KINDS)),
                        delegations=Count("pk", filter=Q(kind=EventKind.DELEGATION)),
                        participants=Coalesce(Sum("participants"), 0))

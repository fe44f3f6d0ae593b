"""Reads of the people app, always restricted to the user's scope.

The on-post rate (在岗率) of a person, a command (with the commands under it) or a supporting
province, for a period, is on-post person-days ÷ posted person-days:

- posted days: the days of the period (up to `as_of`, today by default) that fall within a
  posting that has begun (not merely 拟选派), from its start to its actual end or, while
  it runs, its planned end;
- days away: the days of those postings spent on leave (any kind, 公差 and 培训 included:
  the person is away from post), from the first day of leave to the day before 销假, or to
  the planned end of the leave while it is not yet closed.

Both sums are computed by the database in one query each, whatever the number of postings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import (
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least
from django.utils import timezone

from yuanjiang.core.models import Command, Region
from yuanjiang.core.scope import command_subtree_sql

from .choices import AssignmentStatus
from .models import Assignment, Leave, Person

BEGUN = [AssignmentStatus.ON_POST, AssignmentStatus.COMPLETED, AssignmentStatus.EARLY_RETURN,
         AssignmentStatus.ROTATED]
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class OnPostRate:
    posted_days: int
    days_away: int

    @property
    def on_post_days(self) -> int:
        return self.posted_days - self.days_away

    @property
    def rate(self) -> Decimal | None:
        """Per cent with two decimals; None when nobody was posted in the period."""
        if not self.posted_days:
            return None
        value = Decimal(100 * self.on_post_days) / Decimal(self.posted_days)
        return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def postings(user: Any, *, command: Command | None = None, supporting: Region | None = None,
             person: Person | None = None, commands: Any = None,
             category: str | None = None) -> QuerySet[Assignment]:
    """Postings the user can see, narrowed to a command (and those under it), a supporting
    region (all commands of a province or city), a person, or the commands of a figure's
    scope (`commands`: primary keys, as core.selectors.commands_of gives them), and a
    category of people."""
    qs = Assignment.objects.restrict(user, "view")
    if commands is not None:
        qs = qs.filter(command__in=commands)
    if category is not None:
        qs = qs.filter(category=category)
    if command is not None:
        qs = qs.filter(command__in=command_subtree_sql(command.pk))
    if supporting is not None:
        commands = Command.objects.filter(
            Q(batch__supporting_region__path__startswith=supporting.path)
            | Q(pairings__supporting_region__path__startswith=supporting.path)
        ).values("pk")
        qs = qs.filter(command__in=commands)
    if person is not None:
        qs = qs.filter(person=person)
    return qs


def _days(lo: str, hi: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(hi) - F(lo), output_field=DurationField())


def on_post_rate(user: Any, start: dt.date, end: dt.date, *, as_of: dt.date | None = None,
                 **narrow: Any) -> OnPostRate:
    """The on-post rate over [start, end] of the postings `postings(user, **narrow)` gives."""
    last = min(end, as_of or timezone.localdate())
    if last < start:
        return OnPostRate(0, 0)
    begun = postings(user, **narrow).filter(status__in=BEGUN)
    spans = begun.annotate(
        span_start=Greatest(F("start_date"), Value(start, output_field=DateField())),
        span_end=Least(Coalesce(F("actual_end_date"), F("planned_end_date")),
                       Value(last, output_field=DateField())),
    ).filter(span_end__gte=F("span_start"))
    posted = spans.aggregate(total=Sum(_days("span_start", "span_end")), n=Count("pk"))
    posted_days = (posted["total"] or dt.timedelta()).days + posted["n"]

    away = Leave.objects.filter(assignment__in=begun.values("pk")).annotate(
        away_start=Greatest(F("start_date"), F("assignment__start_date"),
                            Value(start, output_field=DateField())),
        away_end=Least(
            Coalesce(
                # The day before 销假 (a date again: PostgreSQL's date - interval is a timestamp).
                Cast(F("returned_on") - Value(ONE_DAY), output_field=DateField()),
                F("end_date"),
            ),
            Coalesce(F("assignment__actual_end_date"), F("assignment__planned_end_date")),
            Value(last, output_field=DateField()),
        ),
    ).filter(away_end__gte=F("away_start"))
    leave = away.aggregate(total=Sum(_days("away_start", "away_end")), n=Count("pk"))
    days_away = (leave["total"] or dt.timedelta()).days + leave["n"]
    return OnPostRate(posted_days, days_away)


def on_post_on(user: Any, day: dt.date, **narrow: Any) -> QuerySet[Assignment]:
    """Postings running on `day` (begun, not ended), whether or not the person is on leave."""
    return postings(user, **narrow).filter(status__in=BEGUN, start_date__lte=day).filter(
        Q(actual_end_date__gte=day) | Q(actual_end_date__isnull=True, planned_end_date__gte=day)
    )


def away_on(user: Any, day: dt.date, **narrow: Any) -> QuerySet[Leave]:
    """Leave that keeps people away from post on `day`."""
    running = on_post_on(user, day, **narrow).values("pk")
    return Leave.objects.filter(assignment__in=running, start_date__lte=day).filter(
        Q(returned_on__gt=day) | Q(returned_on__isnull=True, end_date__gte=day)
    )


def ending_within(user: Any, days: int = 90, *, today: dt.date | None = None,
                  **narrow: Any) -> QuerySet[Assignment]:
    """Postings on post whose planned end falls within the next `days` days."""
    today = today or timezone.localdate()
    return postings(user, **narrow).filter(
        status=AssignmentStatus.ON_POST,
        planned_end_date__gte=today,
        planned_end_date__lte=today + dt.timedelta(days=days),
    ).order_by("planned_end_date")

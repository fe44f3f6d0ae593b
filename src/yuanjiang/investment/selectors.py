"""Reads of the investment app, always for a user and within the user's data scope.

`figures` is the one place the investment indicators are defined (the indicators layer
reads it): for the commands of a figure and the days of its period,

- enterprises_visited: distinct enterprises and institutions named by the visits of the period;
- investment_fairs / merchant_delegations: fairs held and investor delegations received (批次);
- investment_projects_introduced: projects signed in the period (引进 = 签约), with their
  agreement amounts (investment_agreement_amount) and planned investment (planned_investment);
- investment_projects_landed: projects landed in the period; enterprises_settled: distinct
  enterprises of those projects; jobs_created: the jobs of those projects;
- investment_funds_in_place: funds in place dated in the period.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from yuanjiang.core.selectors import MONEY_SUM, ZERO, money_sum, of_commands

from .choices import ActivityKind
from .models import Activity, Enterprise, FundsInPlace, InvestmentProject


def activities_in(queryset, commands: Any, start: dt.date, end: dt.date):
    return of_commands(queryset, commands).filter(date__gte=start, date__lte=end)


def activity_counts(user: Any, commands: Any, start: dt.date, end: dt.date) -> dict[str, int]:
    """Activities of the period by kind, and the distinct enterprises visited (2 queries)."""
    qs = activities_in(Activity.objects.restrict(user), commands, start, end)
    counts = qs.aggregate(
        all=Count("pk"),
        fairs=Count("pk", filter=Q(kind=ActivityKind.FAIR)),
        receptions=Count("pk", filter=Q(kind=ActivityKind.RECEPTION)),
        visits=Count("pk", filter=Q(kind=ActivityKind.VISIT)),
    )
    counts["visited"] = (Enterprise.objects.filter(
        activities__in=qs.filter(kind=ActivityKind.VISIT)).distinct().count()
        if counts["visits"] else 0)
    return counts


def projects_in(queryset, commands: Any, start: dt.date, end: dt.date, day_field: str):
    return of_commands(queryset, commands).filter(**{f"{day_field}__gte": start, f"{day_field}__lte": end})


def project_figures(user: Any, commands: Any, start: dt.date, end: dt.date) -> dict[str, Any]:
    """The pipeline's figures for the period (3 queries)."""
    base = InvestmentProject.objects.restrict(user)
    signed = projects_in(base, commands, start, end, "signed_on").aggregate(
        n=Count("pk"), agreement=money_sum("agreement_amount"),
        planned=money_sum("planned_investment"))
    landed = projects_in(base, commands, start, end, "landed_on").aggregate(
        n=Count("pk"), enterprises=Count("enterprise", distinct=True),
        jobs=Coalesce(Sum("jobs_created"), 0))
    funds = of_commands(FundsInPlace.objects.restrict(user), commands, "project__command").filter(
        date__gte=start, date__lte=end).aggregate(
        n=Count("pk"), total=money_sum("amount"))
    return {"signed": signed["n"], "agreement": signed["agreement"], "planned": signed["planned"],
            "landed": landed["n"], "settled": landed["enterprises"], "jobs": landed["jobs"],
            "funds_records": funds["n"], "funds": funds["total"],
            "any": bool(signed["n"] or landed["n"] or funds["n"])}


def with_funds_in_place(queryset):
    """Projects annotated with their funds in place to date (`funds_total`)."""
    total = (FundsInPlace.objects.filter(project=OuterRef("pk")).order_by().values("project")
             .annotate(s=Sum("amount")).values("s"))
    return queryset.annotate(funds_total=Coalesce(Subquery(total, output_field=MONEY_SUM), Value(ZERO),
                                                  output_field=MONEY_SUM))


def over_planned(queryset):
    """Projects whose funds in place exceed their planned investment (flagged, not refused)."""
    return with_funds_in_place(queryset).filter(planned_investment__isnull=False,
                                                funds_total__gt=F("planned_investment"))

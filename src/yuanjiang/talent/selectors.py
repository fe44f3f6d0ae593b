"""Reads of the talent app, always for a user and within the user's data scope.

`figures` is the one place the talent indicators are defined (the indicators layer reads
it): for the commands of a figure and the days of its period,

- training_projects / training_funds: programmes for cadres and professionals opened in the
  period, and their funds; cadres_trained: distinct trainees of those programmes (name and
  organisation); farmers_trained: distinct trainees of the programmes for farmers and workers;
- local_cadres_seconded: distinct cadres whose secondment began in the period;
- local_talent_mentored: distinct local mentees whose pairing began in the period;
- group_aid_schools / group_aid_hospitals: schools and hospitals under group-style aid in
  any year of the period.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q

from yuanjiang.core.selectors import money_sum, of_commands

from .choices import Audience, GroupAidKind
from .models import GroupAid, Mentorship, Secondment, Trainee, TrainingProgramme


def started_in(queryset, commands: Any, start: dt.date, end: dt.date, *, path: str = ""):
    prefix = f"{path}__" if path else ""
    return of_commands(queryset, commands, f"{prefix}command").filter(
        **{f"{prefix}start_date__gte": start, f"{prefix}start_date__lte": end})


def training_figures(user: Any, commands: Any, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Programmes, funds and trainees of the period (3 queries)."""
    programmes = started_in(TrainingProgramme.objects.restrict(user), commands, start, end)
    counted = programmes.aggregate(
        all=Count("pk"), cadres=Count("pk", filter=Q(audience=Audience.CADRES)),
        funds=money_sum("funds", Q(audience=Audience.CADRES)))
    trainees = started_in(Trainee.objects.restrict(user), commands, start, end, path="programme")

    def distinct(audience: str) -> int:
        return (trainees.filter(programme__audience=audience).order_by()
                .values("name", "organisation").distinct().count())

    return {"programmes": counted["all"], "cadre_programmes": counted["cadres"],
            "funds": counted["funds"], "cadres_trained": distinct(Audience.CADRES),
            "farmers_trained": distinct(Audience.FARMERS)}


def seconded(user: Any, commands: Any, start: dt.date, end: dt.date) -> int:
    qs = started_in(Secondment.objects.restrict(user), commands, start, end)
    return qs.order_by().values("name", "home_organisation").distinct().count()


def mentored(user: Any, commands: Any, start: dt.date, end: dt.date) -> int:
    qs = started_in(Mentorship.objects.restrict(user), commands, start, end)
    return qs.order_by().values("mentee_name", "mentee_organisation").distinct().count()


def group_aid_in(queryset, commands: Any, start: dt.date, end: dt.date):
    return of_commands(queryset, commands).filter(Q(end_year__isnull=True) | Q(end_year__gte=start.year),
                                          start_year__lte=end.year)


def group_aid_counts(user: Any, commands: Any, start: dt.date, end: dt.date) -> dict[str, int]:
    qs = group_aid_in(GroupAid.objects.restrict(user), commands, start, end)
    return qs.aggregate(
        all=Count("institution", distinct=True),
        schools=Count("institution", distinct=True, filter=Q(kind=GroupAidKind.SCHOOL)),
        hospitals=Count("institution", distinct=True, filter=Q(kind=GroupAidKind.HOSPITAL)))

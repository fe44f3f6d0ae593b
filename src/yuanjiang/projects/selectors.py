"""Reads of the projects app, always restricted to the user's scope and computed in the
database: a handful of grouped queries whatever the number of projects.

Definitions (the same in pages, exports, the API and, later, the indicators):

- 安排资金 (planned): allocations of the period; 计划内 = 省级/市级财政, 计划外 = 计划外 and
  社会捐赠. A year's figures take the allocations and arrivals of that plan year and the
  disbursements dated in it; a batch's take everything of the batch's commands.
- 到位率 (arrival rate) = in-plan funds arrived ÷ in-plan funds planned.
- 拨付率 (disbursement rate) = funds disbursed to projects ÷ funds allocated to projects (the
  indicator contract's aid_funds_disbursement_rate; a project's own rate is the same ratio).
- 开工率 (start rate) = new (新建) in-plan projects that have started ÷ new in-plan projects;
  continuing (续建) projects are counted apart.
- 完工率 (completion rate) = projects that reached 完工 ÷ all projects of the period.
- Starts and completions are counted to the end of the period once it is past (the end of
  the year, of a month or quarter to date, of the batch): a past period's rates do not
  change when projects start later. Counts by stage are today's.
- Projects are counted at the top level (大项); items (小项) are parts of their project.
- 民生 share and 县及县以下 share = allocations to livelihood (grassroots) projects ÷
  allocations to projects (funds not yet given to a project are not in either). The rules
  hold when each share is at least 80%.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least
from django.utils import timezone
from django.utils.translation import gettext_lazy

from yuanjiang.core.dbfunctions import DayNumber
from yuanjiang.core.models import Batch, Command, Pairing, Region
from yuanjiang.core.selectors import commands_of, money_sum

from .choices import (
    COMPLETED_STAGES,
    EXTRA_PLAN_SOURCES,
    NOT_STARTED_STAGES,
    STARTED_STAGES,
    BuildKind,
    Category,
    FundSource,
    Stage,
    WarningKind,
)
from .models import MONEY, Allocation, Arrival, Disbursement, Project

RULE_SHARE = Decimal(80)
POOL_LABEL = gettext_lazy("未落实到项目")
CATEGORY_ORDER = {c: i for i, c in enumerate(Category.values)}
ZERO = Decimal("0.00")
CENT = Decimal("0.01")
MONEY_FIELD = DecimalField(**MONEY)


def percent(part: Decimal | int | None, whole: Decimal | int | None) -> Decimal | None:
    """part ÷ whole in per cent with two decimals; None when there is no whole."""
    if not whole:
        return None
    value = Decimal(part or 0) * 100 / Decimal(whole)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Narrow:
    """What a figure is about: commands (a command's subtree, a supporting side, a recipient
    region, a pairing, a batch) and a period (a plan year, or — with year None — the whole
    batch). `until` cuts dated money (arrivals, disbursements) at a day of the year: the
    year to date of a monthly or quarterly statement (本年累计)."""

    command: Command | None = None
    supporting: Region | None = None
    batch: Batch | None = None
    year: int | None = None
    recipient: Region | None = None
    pairing: Pairing | None = None
    until: dt.date | None = None

    def commands(self) -> Any:
        return commands_of(command=self.command, supporting=self.supporting, batch=self.batch,
                           recipient=self.recipient, pairing=self.pairing)

    def as_of(self) -> dt.date | None:
        """The day project starts and completions are counted to: the end of the period
        (of the month or quarter, the year, the batch) when it is past; None for today. So
        a past year's 开工率 stays what it was, whatever started later."""
        if self.until is not None:
            day = self.until
        elif self.year is not None:
            day = dt.date(self.year, 12, 31)
        elif self.batch is not None and self.batch.end_date is not None:
            day = self.batch.end_date
        else:
            return None
        return day if day < timezone.localdate() else None


def _narrow(qs: QuerySet, narrow: Narrow, command_path: str, year_lookup: str | None,
            date_field: str | None = None) -> QuerySet:
    pks = narrow.commands()
    if pks is not None:
        qs = qs.filter(**{f"{command_path}__in": pks})
    if narrow.year is not None and year_lookup:
        qs = qs.filter(**{year_lookup: narrow.year})
    if narrow.until is not None and date_field:
        qs = qs.filter(**{f"{date_field}__lte": narrow.until})
    return qs


def projects(user: Any, narrow: Narrow = Narrow(), *, top_level: bool = False) -> QuerySet[Project]:
    qs = _narrow(Project.objects.restrict(user, "view"), narrow, "command", "plan_year")
    return qs.filter(parent__isnull=True) if top_level else qs


def allocations(user: Any, narrow: Narrow = Narrow()) -> QuerySet[Allocation]:
    return _narrow(Allocation.objects.restrict(user, "view"), narrow, "command", "year")


def arrivals(user: Any, narrow: Narrow = Narrow()) -> QuerySet[Arrival]:
    return _narrow(Arrival.objects.restrict(user, "view"), narrow, "command", "year", "date")


def disbursements(user: Any, narrow: Narrow = Narrow()) -> QuerySet[Disbursement]:
    return _narrow(Disbursement.objects.restrict(user, "view"), narrow, "project__command",
                   "date__year", "date")


@dataclass
class FundsSummary:
    planned: Decimal = ZERO
    planned_in_plan: Decimal = ZERO
    planned_extra_plan: Decimal = ZERO
    to_projects: Decimal = ZERO
    livelihood: Decimal = ZERO
    grassroots: Decimal = ZERO
    arrived: Decimal = ZERO
    arrived_in_plan: Decimal = ZERO
    disbursed: Decimal = ZERO
    projects: int = 0
    items: int = 0
    new_planned: int = 0
    new_started: int = 0
    continuing: int = 0
    continuing_started: int = 0
    completed: int = 0
    by_stage: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def arrival_rate(self) -> Decimal | None:
        return percent(self.arrived_in_plan, self.planned_in_plan)

    @property
    def disbursement_rate(self) -> Decimal | None:
        return percent(self.disbursed, self.to_projects)

    @property
    def start_rate(self) -> Decimal | None:
        return percent(self.new_started, self.new_planned)

    @property
    def completion_rate(self) -> Decimal | None:
        return percent(self.completed, self.projects)

    @property
    def livelihood_share(self) -> Decimal | None:
        return percent(self.livelihood, self.to_projects)

    @property
    def grassroots_share(self) -> Decimal | None:
        return percent(self.grassroots, self.to_projects)

    @property
    def livelihood_rule_holds(self) -> bool | None:
        share = self.livelihood_share
        return None if share is None else share >= RULE_SHARE

    @property
    def grassroots_rule_holds(self) -> bool | None:
        share = self.grassroots_share
        return None if share is None else share >= RULE_SHARE


def _sum(condition: Q | None = None) -> Coalesce:
    return money_sum("amount", condition)


# The aggregates behind a FundsSummary, shared by the summary of one narrowing and the
# per-command table (the same expressions, grouped by command).
_EXTRA = Q(source__in=list(EXTRA_PLAN_SOURCES))
_ON_PROJECT = Q(project__isnull=False)
_TOP = Q(parent__isnull=True)
_NEW = Q(build_kind=BuildKind.NEW, in_plan=True)
_CONTINUING = Q(build_kind=BuildKind.CONTINUING)


def _allocation_sums() -> dict[str, Any]:
    return {
        "planned": _sum(), "planned_extra_plan": _sum(_EXTRA), "to_projects": _sum(_ON_PROJECT),
        "livelihood": _sum(_ON_PROJECT & Q(project__is_livelihood=True)),
        "grassroots": _sum(_ON_PROJECT & Q(project__is_grassroots=True)),
    }


def _arrival_sums() -> dict[str, Any]:
    return {"arrived": _sum(), "arrived_extra": _sum(_EXTRA)}


def _reached(stages: list[str], date_field: str, as_of: dt.date | None) -> Q:
    """At or past a stage — by `as_of` when given, by the day the stage was reached (a
    project without that day recorded counts by its stage alone)."""
    q = Q(stage__in=stages)
    if as_of is not None:
        q &= Q(**{f"{date_field}__lte": as_of}) | Q(**{f"{date_field}__isnull": True})
    return q


def _project_counts(as_of: dt.date | None = None) -> dict[str, Any]:
    started = _reached(STARTED_STAGES, "actual_start", as_of)
    completed = _reached(COMPLETED_STAGES, "actual_end", as_of)
    return {
        "projects": Count("pk", filter=_TOP),
        "items": Count("pk", filter=~_TOP),
        "new_planned": Count("pk", filter=_TOP & _NEW),
        "new_started": Count("pk", filter=_TOP & _NEW & started),
        "continuing": Count("pk", filter=_TOP & _CONTINUING),
        "continuing_started": Count("pk", filter=_TOP & _CONTINUING & started),
        "completed": Count("pk", filter=_TOP & completed),
    }


_MONEY_KEYS = ("planned", "planned_extra_plan", "to_projects", "livelihood", "grassroots",
               "arrived", "arrived_extra", "disbursed")
_COUNT_KEYS = tuple(_project_counts())


def _summary(totals: dict[str, Any], **more: Any) -> FundsSummary:
    # SQLite hands back sums without their scale; money leaves here to the fen.
    m = {k: Decimal(totals.get(k) or 0).quantize(CENT) for k in _MONEY_KEYS}
    return FundsSummary(
        planned=m["planned"], planned_extra_plan=m["planned_extra_plan"],
        planned_in_plan=m["planned"] - m["planned_extra_plan"], to_projects=m["to_projects"],
        livelihood=m["livelihood"], grassroots=m["grassroots"],
        arrived=m["arrived"], arrived_in_plan=m["arrived"] - m["arrived_extra"],
        disbursed=m["disbursed"], **{k: totals.get(k) or 0 for k in _COUNT_KEYS}, **more,
    )


def funds_summary(user: Any, narrow: Narrow = Narrow()) -> FundsSummary:
    """Funds, the four rates, the two 80% shares and the project counts (seven queries)."""
    totals = {
        **allocations(user, narrow).aggregate(**_allocation_sums()),
        **arrivals(user, narrow).aggregate(**_arrival_sums()),
        **disbursements(user, narrow).aggregate(disbursed=_sum()),
        **projects(user, narrow).aggregate(**_project_counts(narrow.as_of())),
    }
    top = projects(user, narrow, top_level=True)
    by_stage = {row["stage"]: row["n"] for row in top.values("stage").annotate(n=Count("pk"))}
    by_category: dict[str, dict[str, Any]] = {
        c: {"label": str(Category(c).label), "projects": 0, "allocated": ZERO}
        for c in Category.values}
    for row in top.order_by().values("category").annotate(n=Count("pk")):
        by_category[row["category"]]["projects"] = row["n"]
    for row in (allocations(user, narrow).filter(_ON_PROJECT).order_by()
                .values("project__category").annotate(s=Sum("amount"))):
        by_category[row["project__category"]]["allocated"] = Decimal(row["s"] or 0).quantize(CENT)
    return _summary(
        totals, by_stage={s: by_stage.get(s, 0) for s in Stage.values},
        by_category={k: v for k, v in by_category.items() if v["projects"] or v["allocated"]})


def allocations_by_source(user: Any, narrow: Narrow = Narrow()
                          ) -> dict[tuple[str, str], tuple[str, str, Decimal]]:
    """Allocations by (source, project category) — one grouped query; funds not yet given
    to a project have the category "pool" (未落实到项目). Values: (source label, category
    label, amount)."""
    out = {}
    rows = (allocations(user, narrow).order_by().values("source", "project__category")
            .annotate(s=Sum("amount")))
    for row in rows:
        category = row["project__category"] or "pool"
        label = str(Category(category).label) if category != "pool" else str(POOL_LABEL)
        out[(row["source"], category)] = (str(FundSource(row["source"]).label), label,
                                          Decimal(row["s"] or 0).quantize(CENT))
    return dict(sorted(out.items(), key=lambda kv: (FundSource.values.index(kv[0][0]),
                                                    CATEGORY_ORDER.get(kv[0][1], 99))))


def allocations_by_region(user: Any, narrow: Narrow = Narrow()) -> list[tuple[str, str, Decimal]]:
    """Allocations to projects by the project's region, largest first (one grouped query):
    (region code, region name, amount)."""
    rows = (allocations(user, narrow).filter(project__isnull=False).order_by()
            .values("project__region", "project__region__name").annotate(s=Sum("amount")))
    out = [(r["project__region"], r["project__region__name"], Decimal(r["s"] or 0).quantize(CENT))
           for r in rows]
    return sorted(out, key=lambda row: (-row[2], row[0]))


def funds_by_command(user: Any, commands: list[Command], *, year: int | None = None
                     ) -> list[tuple[Command, FundsSummary]]:
    """The summary of each of `commands`, each with the commands under it, for a plan year
    or (None) everything: four grouped queries and one for the command tree, however many
    commands there are. Sums are rolled up the tree before any rate is taken, so a parent's
    rates are ratios of its subtree's sums. Commands with no funds and no projects are left
    out."""
    narrow = Narrow(year=year)
    grouped: list[tuple[int | None, dict[str, Any]]] = []
    for qs, path, sums in (
        (allocations(user, narrow), "command", _allocation_sums()),
        (arrivals(user, narrow), "command", _arrival_sums()),
        (disbursements(user, narrow), "project__command", {"disbursed": _sum()}),
        (projects(user, narrow), "command", _project_counts(narrow.as_of())),
    ):
        for row in qs.order_by().values(path).annotate(**sums):
            grouped.append((row.pop(path), row))
    parent_of = dict(Command.objects.values_list("pk", "parent_id"))
    rolled: dict[int, dict[str, Any]] = {}
    for pk, row in grouped:
        seen = set()
        while pk is not None and pk not in seen:  # up the tree, the command itself first
            seen.add(pk)
            totals = rolled.setdefault(pk, {})
            for key, value in row.items():
                totals[key] = totals.get(key, 0) + (value or 0)
            pk = parent_of.get(pk)
    out = []
    for command in commands:
        summary = _summary(rolled.get(command.pk, {}))
        if summary.planned or summary.projects:
            out.append((command, summary))
    return out


def share_breakers(user: Any, narrow: Narrow = Narrow(), *, rule: str = "livelihood"
                   ) -> QuerySet[Project]:
    """The projects that pull a share down (not livelihood, or above county level), with
    their allocations of the period, largest first."""
    flag = {"livelihood": "is_livelihood", "grassroots": "is_grassroots"}[rule]
    allocated_filter = Q(allocations__year=narrow.year) if narrow.year is not None else Q()
    qs = _narrow(Project.objects.restrict(user, "view"), narrow, "command", None)
    return (qs.filter(**{flag: False})
            .annotate(allocated=Coalesce(Sum("allocations__amount", filter=allocated_filter),
                                         Value(ZERO), output_field=MONEY_FIELD))
            .filter(allocated__gt=0)
            .select_related("command", "region")
            .order_by("-allocated", "code"))


def disbursed_by_project(user: Any, narrow: Narrow = Narrow(), *,
                         as_of: dt.date | None = None) -> QuerySet[Project]:
    """Projects (and items) of the period with their allocations and disbursements (a
    project's including its items') up to
    `as_of` (the end of the period's year by default; everything for a batch) — the rows of
    the monthly progress table (项目进度月报)."""
    if as_of is None and narrow.year is not None:
        as_of = dt.date(narrow.year, 12, 31)
    qs = _narrow(Project.objects.restrict(user, "view"), narrow, "command", "plan_year")
    if as_of is not None:
        qs = qs.filter(plan_year__lte=as_of.year)

    # Two correlated sums, not one join: allocations × disbursements would multiply rows.
    # A project's row holds its items' money too (an item has none of its own below it).
    # Its own money and its items', as two sums: one condition "own or an item's" would keep
    # the database from using the index on either column (a scan per row).
    def part(model, link, until):
        rows = model.objects.filter(**{link: OuterRef("pk")})
        if as_of is not None:
            rows = rows.filter(**until)
        summed = rows.order_by().annotate(s=Func(F("amount"), function="SUM")).values("s")[:1]
        return Coalesce(Subquery(summed, output_field=MONEY_FIELD), Value(ZERO),
                        output_field=MONEY_FIELD)

    def total(model, **until):
        return ExpressionWrapper(part(model, "project", until) + part(model, "project__parent", until),
                                 output_field=MONEY_FIELD)

    return (qs.annotate(allocated=total(Allocation, year__lte=as_of.year if as_of else None),
                        disbursed=total(Disbursement, date__lte=as_of))
            .select_related("command", "region", "parent")
            .order_by("command_id", "code"))


# --- early warning (监测预警) ------------------------------------------------------------------


def warning_margin() -> int:
    return int(getattr(settings, "YUANJIANG_PROGRESS_MARGIN", 20))


def warnings(user: Any, narrow: Narrow = Narrow(), *, today: dt.date | None = None,
             margin: int | None = None) -> QuerySet[Project]:
    """Projects that raise a warning today, annotated with `warning` (a WarningKind) and
    `expected_percent` (where the straight line between the planned dates stands today):

    - 未按期开工: not started (储备, 立项, 招投标) although its planned start has passed;
    - 进度滞后: started, not completed, and its progress lags the straight line by more
      than `margin` percentage points (settings.YUANJIANG_PROGRESS_MARGIN, default 20).
    """
    today = today or timezone.localdate()
    margin = warning_margin() if margin is None else margin
    day = DayNumber(Value(today))
    start, end = DayNumber(F("planned_start")), DayNumber(F("planned_end"))
    span = end - start
    elapsed = Least(day, end) - start
    qs = _narrow(Project.objects.restrict(user, "view"), narrow, "command", None)
    late_start = Q(stage__in=NOT_STARTED_STAGES, planned_start__lt=today)
    running = Q(stage=Stage.STARTED, planned_start__isnull=False, planned_end__isnull=False,
                planned_end__gt=F("planned_start"), planned_start__lt=today)
    qs = qs.filter(late_start | running).annotate(
        span_days=Case(When(running, then=span), default=Value(0), output_field=IntegerField()),
        elapsed_days=Case(When(running, then=elapsed), default=Value(0),
                          output_field=IntegerField()),
    )
    # Behind when elapsed/span × 100 − progress > margin; in integers, with no division.
    behind = Q(stage=Stage.STARTED, elapsed_days__gt=0)
    qs = qs.annotate(lag=F("elapsed_days") * 100 - F("progress_percent") * F("span_days")
                     - margin * F("span_days"))
    return (qs.filter(Q(stage__in=NOT_STARTED_STAGES) | (behind & Q(lag__gt=0)))
            .annotate(
                warning=Case(When(stage__in=NOT_STARTED_STAGES, then=Value(WarningKind.NOT_STARTED)),
                             default=Value(WarningKind.BEHIND)),
                expected_percent=Case(
                    When(span_days__gt=0, then=F("elapsed_days") * 100 / F("span_days")),
                    default=Value(None), output_field=IntegerField()),
            )
            .select_related("command", "region")
            .order_by("planned_start", "code"))

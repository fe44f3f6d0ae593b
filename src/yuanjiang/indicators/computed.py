"""Indicators computed from the records. Each provider computes several indicators of one
domain in a few grouped queries (projects and funds, people), for a user, a scope and a
period, and says how many records stand behind them: a provider with no records for the
scope and period computes nothing, so values reported by hand (earlier batches, figures
the records do not hold) are used instead.

Definitions follow the contract (shared/contracts/indicators.csv) and the projects app's
selectors, which are the one place the money rules and rates are defined:

- aid_funds_total = all funds arranged (安排) for the period, in plan and beyond it;
- aid_funds_arrival_rate = in-plan funds arrived ÷ in-plan funds arranged;
- aid_funds_disbursement_rate = funds disbursed ÷ funds allocated to projects;
- the two shares = allocations to livelihood (county-level) projects ÷ allocations to projects;
- projects are counted at the top level (大项), items (小项) apart; projects_started counts
  every project at or past 开工, project_start_rate = new in-plan projects started ÷ new
  in-plan projects, project_completion_rate = projects at or past 完工 ÷ projects;
- people: distinct persons with a posting that ran in the period (begun, not merely
  proposed): cadres and professionals (cadres_dispatched), teachers, doctors, and flexible
  talent (flexible_talent_introduced);
- investment attraction, training, secondments, mentoring, group-style aid, consumption aid
  and culture: defined in the selectors of the investment, talent and exchange apps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from yuanjiang.core.admin_base import register_figure_records
from yuanjiang.core.selectors import commands_of
from yuanjiang.exchange import selectors as exchange_selectors
from yuanjiang.exchange.choices import CULTURAL_KINDS, EventKind, SalesChannel
from yuanjiang.exchange.models import CulturalEvent, Sale
from yuanjiang.investment import selectors as investment_selectors
from yuanjiang.investment.choices import ActivityKind
from yuanjiang.investment.models import Activity, FundsInPlace, InvestmentProject
from yuanjiang.people.choices import Category as PersonCategory
from yuanjiang.people.choices import ProfessionalKind
from yuanjiang.people.models import Assignment
from yuanjiang.people.selectors import BEGUN, on_post_rate
from yuanjiang.projects import selectors as project_selectors
from yuanjiang.projects.choices import STARTED_STAGES, Stage
from yuanjiang.projects.models import Allocation, Arrival, Disbursement, Project
from yuanjiang.talent import selectors as talent_selectors
from yuanjiang.talent.choices import Audience, GroupAidKind
from yuanjiang.talent.models import GroupAid, Mentorship, Secondment, Trainee, TrainingProgramme

from .aggregation import Figure, ratio
from .scopes import Period, Scope, period_from_ident, scope_from_ident

Provider = Callable[[Any, Scope, Period], dict[str, Figure]]


@dataclass(frozen=True)
class ProviderSpec:
    name: str
    codes: tuple[str, ...]
    compute: Provider


PROVIDERS: list[ProviderSpec] = []


def provider(name: str, codes: tuple[str, ...]) -> Callable[[Provider], Provider]:
    def register(fn: Provider) -> Provider:
        PROVIDERS.append(ProviderSpec(name, codes, fn))
        return fn

    return register


def computed_codes() -> set[str]:
    return {code for spec in PROVIDERS for code in spec.codes}


def compute(user: Any, scope: Scope, period: Period) -> dict[str, Figure]:
    figures: dict[str, Figure] = {}
    for spec in PROVIDERS:
        figures.update(spec.compute(user, scope, period))
    return figures


def records_url(model: type, scope: Scope, period: Period, **extra: str) -> str:
    opts = model._meta
    query = {"figure_scope": scope.ident, "figure_period": period.ident, **extra}
    return f"{reverse(f'admin:{opts.app_label}_{opts.model_name}_changelist')}?{urlencode(query)}"


# --- projects and funds -----------------------------------------------------------------


def project_narrow(scope: Scope, period: Period) -> project_selectors.Narrow:
    return project_selectors.Narrow(**scope.narrow_kwargs(), batch=period.batch, year=period.year,
                                    until=period.until)


MONEY_CODES = ("aid_funds_total", "aid_funds_extra_plan", "aid_funds_arrived",
               "aid_funds_arrival_rate", "aid_funds_disbursed", "aid_funds_disbursement_rate",
               "livelihood_funds_share", "grassroots_funds_share", "aid_projects_total",
               "aid_subprojects_total", "projects_started", "project_start_rate",
               "projects_completed", "project_completion_rate")


@provider("projects", MONEY_CODES)
def projects_figures(user: Any, scope: Scope, period: Period) -> dict[str, Figure]:
    narrow = project_narrow(scope, period)
    s = project_selectors.funds_summary(user, narrow)
    basis = s.projects + s.items
    if not basis and not s.planned and not s.arrived:
        return {}
    started = sum(n for stage, n in s.by_stage.items() if stage in STARTED_STAGES)

    def url(model, **extra):
        return records_url(model, scope, period, **extra)

    allocations, arrivals = url(Allocation), url(Arrival)
    disbursed, projects = url(Disbursement), url(Project, level="top")

    def f(code, value, records, numerator=None, denominator=None, **breakdowns):
        return code, Figure(code=code, value=value, numerator=numerator, denominator=denominator,
                            basis=basis, records=records, breakdowns=tuple(breakdowns.items()))

    # A split of the whole total: funds not yet given to a project (未落实到项目) have no
    # project category or region of their own, and are a row of each split all the same.
    pool = s.planned - s.to_projects
    pool_row = (("pool", str(project_selectors.POOL_LABEL), pool),) if pool else ()
    funds_by_category = tuple((k, c["label"], c["allocated"]) for k, c in s.by_category.items()
                              if c["allocated"]) + pool_row
    projects_by_category = tuple((k, c["label"], Decimal(c["projects"]))
                                 for k, c in s.by_category.items() if c["projects"])
    projects_by_stage = tuple((stage, str(Stage(stage).label), Decimal(n))
                              for stage, n in s.by_stage.items() if n)
    by_source = project_selectors.allocations_by_source(user, narrow)
    sources: dict[str, tuple[str, Decimal]] = {}
    for (src, _cat), (label, _cat_label, v) in by_source.items():
        sources[src] = (label, sources.get(src, (label, Decimal(0)))[1] + v)
    funds_by_source = tuple((src, label, v) for src, (label, v) in sources.items())
    funds_by_source_category = tuple(
        (f"{src}|{cat}", f"{label}|{cat_label}", v)
        for (src, cat), (label, cat_label, v) in by_source.items())

    return dict([
        f("aid_funds_total", s.planned, allocations, category=funds_by_category, source=funds_by_source,
          source_category=funds_by_source_category,
          region=tuple(project_selectors.allocations_by_region(user, narrow)) + pool_row),
        f("aid_funds_extra_plan", s.planned_extra_plan, url(Allocation, plan="extra")),
        f("aid_funds_arrived", s.arrived, arrivals),
        f("aid_funds_arrival_rate", s.arrival_rate, arrivals, s.arrived_in_plan, s.planned_in_plan),
        f("aid_funds_disbursed", s.disbursed, disbursed),
        f("aid_funds_disbursement_rate", s.disbursement_rate, disbursed, s.disbursed, s.to_projects),
        f("livelihood_funds_share", s.livelihood_share, url(Project, level="top", rule="not_livelihood"),
          s.livelihood, s.to_projects),
        f("grassroots_funds_share", s.grassroots_share, url(Project, level="top", rule="not_grassroots"),
          s.grassroots, s.to_projects),
        f("aid_projects_total", Decimal(s.projects), projects, category=projects_by_category),
        f("aid_subprojects_total", Decimal(s.items), url(Project, level="item")),
        f("projects_started", Decimal(started), url(Project, level="top", reached="started"),
          stage=projects_by_stage),
        f("project_start_rate", s.start_rate, url(Project, level="top", reached="started"),
          Decimal(s.new_started), Decimal(s.new_planned)),
        f("projects_completed", Decimal(s.completed), url(Project, level="top", reached="completed")),
        f("project_completion_rate", s.completion_rate, url(Project, level="top", reached="completed"),
          Decimal(s.completed), Decimal(s.projects)),
    ])


def _narrow_projects_model(date_field: str | None, command_path: str, year_lookup: str | None):
    def narrow(queryset, scope_ident: str, period_ident: str):
        scope = scope_from_ident(scope_ident)
        period = period_from_ident(period_ident, scope)
        return project_selectors._narrow(queryset, project_narrow(scope, period), command_path,
                                         year_lookup, date_field)

    return narrow


register_figure_records(Allocation, _narrow_projects_model(None, "command", "year"))
register_figure_records(Arrival, _narrow_projects_model("date", "command", "year"))
register_figure_records(Disbursement, _narrow_projects_model("date", "project__command", "date__year"))
register_figure_records(Project, _narrow_projects_model(None, "command", "plan_year"))


# --- people -------------------------------------------------------------------------------


PEOPLE_CODES = ("cadres_dispatched", "teachers_dispatched", "doctors_dispatched",
                "flexible_talent_introduced", "people_on_post", "on_post_rate")


def postings_in(queryset, scope: Scope, period: Period):
    """Postings of the scope's commands that ran in the period (begun, overlapping it)."""
    commands = _commands(scope, period)
    qs = queryset.filter(status__in=BEGUN, start_date__lte=period.end).annotate(
        ran_until=Coalesce("actual_end_date", "planned_end_date")).filter(ran_until__gte=period.start)
    return qs.filter(command__in=commands) if commands is not None else qs


def _commands(scope: Scope, period: Period) -> Any:
    return commands_of(**scope.narrow_kwargs(), batch=period.batch)


@provider("people", PEOPLE_CODES)
def people_figures(user: Any, scope: Scope, period: Period) -> dict[str, Figure]:
    qs = postings_in(Assignment.objects.restrict(user, "view"), scope, period)
    counted = qs.aggregate(
        all=Count("person", distinct=True),
        cadres=Count("person", distinct=True, filter=~Q(category=PersonCategory.FLEXIBLE)),
        teachers=Count("person", distinct=True, filter=Q(professional_kind=ProfessionalKind.TEACHER)),
        doctors=Count("person", distinct=True, filter=Q(professional_kind=ProfessionalKind.DOCTOR)),
        flexible=Count("person", distinct=True, filter=Q(category=PersonCategory.FLEXIBLE)),
    )
    if not counted["all"]:
        return {}

    def f(code, key, **extra):
        return code, Figure(code=code, value=Decimal(counted[key]), basis=counted["all"],
                            records=records_url(Assignment, scope, period, **extra))

    # On post at the period's end, or today while the period runs; by category too.
    day = min(period.end, timezone.localdate())
    on_post_qs = qs.filter(start_date__lte=day, ran_until__gte=day)
    on_post = on_post_qs.aggregate(n=Count("person", distinct=True))["n"]
    commands = _commands(scope, period)
    rate = on_post_rate(user, period.start, period.end, commands=commands)
    labels = dict(PersonCategory.choices)
    posted_by = {r["category"]: r["n"] for r in qs.order_by().values("category").annotate(
        n=Count("person", distinct=True))}
    on_post_by = {r["category"]: r["n"] for r in on_post_qs.order_by().values("category").annotate(
        n=Count("person", distinct=True))}
    rate_by = []
    for category in PersonCategory.values:
        if posted_by.get(category):
            r = on_post_rate(user, period.start, period.end, commands=commands, category=category)
            if r.rate is not None:
                rate_by.append((category, str(labels[category]), r.rate))
    people_breakdowns = (
        ("posted", tuple((c, str(labels[c]), Decimal(posted_by[c])) for c in PersonCategory.values
                         if posted_by.get(c))),
        ("on_post", tuple((c, str(labels[c]), Decimal(on_post_by.get(c, 0))) for c in PersonCategory.values
                          if posted_by.get(c))),
    )
    return dict([
        f("cadres_dispatched", "cadres", category__in="cadre,professional"),
        f("teachers_dispatched", "teachers", professional_kind__exact=ProfessionalKind.TEACHER),
        f("doctors_dispatched", "doctors", professional_kind__exact=ProfessionalKind.DOCTOR),
        f("flexible_talent_introduced", "flexible", category__exact=PersonCategory.FLEXIBLE),
        ("people_on_post", Figure(code="people_on_post", value=Decimal(on_post), basis=counted["all"],
                                  records=records_url(Assignment, scope, period),
                                  breakdowns=people_breakdowns)),
        ("on_post_rate", Figure(code="on_post_rate", value=rate.rate, basis=counted["all"],
                                numerator=Decimal(rate.on_post_days),
                                denominator=Decimal(rate.posted_days),
                                records=records_url(Assignment, scope, period),
                                breakdowns=(("category", tuple(rate_by)),))),
    ])


def _narrow_assignments(queryset, scope_ident: str, period_ident: str):
    scope = scope_from_ident(scope_ident)
    return postings_in(queryset, scope, period_from_ident(period_ident, scope))


register_figure_records(Assignment, _narrow_assignments)

# --- investment attraction, talent, consumption aid and culture ------------------------------
#
# One provider per kind of record: a kind with no records for the scope and period computes
# nothing, so the values reported by hand for it stay in use (earlier batches, say).


def _figure(code: str, value, model, scope: Scope, period: Period, basis: int,
            **extra: str) -> tuple[str, Figure]:
    return code, Figure(code=code, value=Decimal(value), basis=basis,
                        records=records_url(model, scope, period, **extra))


@provider("investment_activities", ("enterprises_visited", "investment_fairs",
                                    "merchant_delegations"))
def investment_activity_figures(user: Any, scope: Scope, period: Period) -> dict[str, Figure]:
    c = investment_selectors.activity_counts(user, _commands(scope, period), period.start, period.end)
    if not c["all"]:
        return {}
    return dict([
        _figure("enterprises_visited", c["visited"], Activity, scope, period, c["all"],
                kind__exact=ActivityKind.VISIT),
        _figure("investment_fairs", c["fairs"], Activity, scope, period, c["all"],
                kind__exact=ActivityKind.FAIR),
        _figure("merchant_delegations", c["receptions"], Activity, scope, period, c["all"],
                kind__exact=ActivityKind.RECEPTION),
    ])


@provider("investment_projects", ("investment_projects_introduced", "investment_projects_landed",
                                  "investment_agreement_amount", "planned_investment",
                                  "investment_funds_in_place", "enterprises_settled",
                                  "jobs_created"))
def investment_project_figures(user: Any, scope: Scope, period: Period) -> dict[str, Figure]:
    p = investment_selectors.project_figures(user, _commands(scope, period), period.start, period.end)
    if not p["any"]:
        return {}
    basis = p["signed"] + p["landed"] + p["funds_records"]
    return dict([
        _figure("investment_projects_introduced", p["signed"], InvestmentProject, scope, period,
                basis, reached="signed"),
        _figure("investment_projects_landed", p["landed"], InvestmentProject, scope, period, basis,
                reached="landed"),
        _figure("investment_agreement_amount", p["agreement"], InvestmentProject, scope, period,
                basis, reached="signed"),
        _figure("planned_investment", p["planned"], InvestmentProject, scope, period, basis,
                reached="signed"),
        _figure("investment_funds_in_place", p["funds"], FundsInPlace, scope, period, basis),
        _figure("enterprises_settled", p["settled"], InvestmentProject, scope, period, basis,
                reached="landed"),
        _figure("jobs_created", p["jobs"], InvestmentProject, scope, period, basis, reached="landed"),
    ])


@provider("training", ("training_projects", "training_funds", "cadres_trained", "farmers_trained"))
def training_figures(user: Any, scope: Scope, period: Period) -> dict[str, Figure]:
    t = talent_selectors.training_figures(user, _commands(scope, period), period.start, period.end)
    if not t["programmes"]:
        return {}
    n = t["programmes"]
    return dict([
        _figure("training_projects", t["cadre_programmes"], TrainingProgramme, scope, period, n,
                audience__exact=Audience.CADRES),
        _figure("training_funds", t["funds"], TrainingProgramme, scope, period, n,
                audience__exact=Audience.CADRES),
        _figure("cadres_trained", t["cadres_trained"], Trainee, scope, period, n,
                programme__audience__exact=Audience.CADRES),
        _figure("farmers_trained", t["farmers_trained"], Trainee, scope, period, n,
                programme__audience__exact=Audience.FARMERS),
    ])


@provider("secondments", ("local_cadres_seconded",))
def secondment_figures(user: Any, scope: Scope, period: Period) -> dict[str, Figure]:
    n = talent_selectors.seconded(user, _commands(scope, period), period.start, period.end)
    return dict([_figure("local_cadres_seconded", n, Secondment, scope, period, n)]) if n else {}


@provider("mentoring", ("local_talent_mentored",))
def mentoring_figures(user: Any, scope: Scope, period: Period) -> dict[str, Figure]:
    n = talent_selectors.mentored(user, _commands(scope, period), period.start, period.end)
    return dict([_figure("local_talent_mentored", n, Mentorship, scope, period, n)]) if n else {}


@provider("group_aid", ("group_aid_schools", "group_aid_hospitals"))
def group_aid_figures(user: Any, scope: Scope, period: Period) -> dict[str, Figure]:
    g = talent_selectors.group_aid_counts(user, _commands(scope, period), period.start, period.end)
    if not g["all"]:
        return {}
    return dict([
        _figure("group_aid_schools", g["schools"], GroupAid, scope, period, g["all"],
                kind__exact=GroupAidKind.SCHOOL),
        _figure("group_aid_hospitals", g["hospitals"], GroupAid, scope, period, g["all"],
                kind__exact=GroupAidKind.HOSPITAL),
    ])


@provider("consumption", ("consumption_aid_sales",))
def consumption_figures(user: Any, scope: Scope, period: Period) -> dict[str, Figure]:
    s = exchange_selectors.sales_figures(user, _commands(scope, period), period.start, period.end)
    if not s["records"]:
        return {}
    labels = dict(SalesChannel.choices)
    by_channel = tuple((k, str(labels[k]), s["by_channel"][k]) for k in SalesChannel.values
                       if k in s["by_channel"])
    return {"consumption_aid_sales": Figure(
        code="consumption_aid_sales", value=s["total"], basis=s["records"],
        records=records_url(Sale, scope, period), breakdowns=(("channel", by_channel),))}


@provider("culture", ("cultural_events", "exchange_delegations"))
def culture_figures(user: Any, scope: Scope, period: Period) -> dict[str, Figure]:
    c = exchange_selectors.event_counts(user, _commands(scope, period), period.start, period.end)
    if not c["all"]:
        return {}
    return dict([
        _figure("cultural_events", c["cultural"], CulturalEvent, scope, period, c["all"],
                kind__in=",".join(CULTURAL_KINDS)),
        _figure("exchange_delegations", c["delegations"], CulturalEvent, scope, period, c["all"],
                kind__exact=EventKind.DELEGATION),
    ])


def _narrow_dated(date_field: str, command_path: str = "command"):
    """Records of a figure: those of its commands dated in its period."""
    def narrow(queryset, scope_ident: str, period_ident: str):
        scope = scope_from_ident(scope_ident)
        period = period_from_ident(period_ident, scope)
        commands = _commands(scope, period)
        if commands is not None:
            queryset = queryset.filter(**{f"{command_path}__in": commands})
        return queryset.filter(**{f"{date_field}__gte": period.start,
                                  f"{date_field}__lte": period.end})

    return narrow


def _narrow_investment_projects(queryset, scope_ident: str, period_ident: str):
    """Projects signed or landed in the period (the list's 推进阶段 filter picks one)."""
    scope = scope_from_ident(scope_ident)
    period = period_from_ident(period_ident, scope)
    commands = _commands(scope, period)
    if commands is not None:
        queryset = queryset.filter(command__in=commands)
    signed = Q(signed_on__gte=period.start, signed_on__lte=period.end)
    landed = Q(landed_on__gte=period.start, landed_on__lte=period.end)
    return queryset.filter(signed | landed)


def _narrow_group_aid(queryset, scope_ident: str, period_ident: str):
    scope = scope_from_ident(scope_ident)
    period = period_from_ident(period_ident, scope)
    return talent_selectors.group_aid_in(queryset, _commands(scope, period), period.start, period.end)


def _narrow_sales(queryset, scope_ident: str, period_ident: str):
    scope = scope_from_ident(scope_ident)
    period = period_from_ident(period_ident, scope)
    return exchange_selectors.sales_in(queryset, _commands(scope, period), period.start, period.end)


register_figure_records(Activity, _narrow_dated("date"))
register_figure_records(InvestmentProject, _narrow_investment_projects)
register_figure_records(FundsInPlace, _narrow_dated("date", "project__command"))
register_figure_records(TrainingProgramme, _narrow_dated("start_date"))
register_figure_records(Trainee, _narrow_dated("programme__start_date", "programme__command"))
register_figure_records(Secondment, _narrow_dated("start_date"))
register_figure_records(Mentorship, _narrow_dated("start_date"))
register_figure_records(GroupAid, _narrow_group_aid)
register_figure_records(Sale, _narrow_sales)
register_figure_records(CulturalEvent, _narrow_dated("date"))

__all__ = ["PROVIDERS", "compute", "computed_codes", "ratio"]

"""Reads of the indicators app: the figures of a scope and period, the one place every
dashboard, summary, table and API answer takes its numbers from.

For each indicator of the catalog, in this order:
1. computed from the records, when the records hold anything for the scope and period;
2. the accepted value reported (or extracted) for exactly that scope and period;
3. combined from reported values by the indicator's rule: a batch from its years, a year
   from its last month or quarter (those are year to date), a command or province from the
   commands under it — only when every part is there;
4. nothing: no sentence, cell or chart states a figure that is not there.

Everything is restricted to the user's data scope; the number of queries does not depend
on the number of records.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from .aggregation import Figure, combine
from .choices import Aggregation, ApprovalStatus, PeriodKind, ValueSource, ValueStatus
from .computed import compute
from .models import Approval, Indicator, Value
from .scopes import Period, Scope


def catalog() -> dict[str, Indicator]:
    return {i.code: i for i in Indicator.objects.all()}


def values(user: Any) -> QuerySet[Value]:
    return Value.objects.restrict(user, "view").select_related("indicator")


def values_url(ids) -> str:
    """The back-office list of the reported values a figure stands on."""
    from django.urls import reverse

    return f"{reverse('admin:indicators_value_changelist')}?id__in={','.join(str(i) for i in ids)}"


def _figure_of(value: Value) -> Figure:
    return Figure(code=value.indicator.code, value=value.value, qualifier=value.qualifier,
                  source=value.source, numerator=value.numerator, denominator=value.denominator,
                  value_ids=(value.pk,), note=value.note, records=values_url([value.pk]))


@dataclass
class Figures:
    """The figures of one scope and period, by indicator code."""

    scope: Scope
    period: Period
    by_code: dict[str, Figure] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)

    def __getitem__(self, code: str) -> Figure | None:
        return self.by_code.get(code)

    def get(self, code: str) -> Figure | None:
        return self.by_code.get(code)

    def value(self, code: str) -> Decimal | None:
        figure = self.by_code.get(code)
        return None if figure is None else figure.value

    def __contains__(self, code: str) -> bool:
        figure = self.by_code.get(code)
        return figure is not None and figure.value is not None

    def items(self):
        return self.by_code.items()


def figures(user: Any, scope: Scope, period: Period) -> Figures:
    """Every figure of the catalog that the records or the reported values give."""
    indicators = catalog()
    out = Figures(scope, period, indicators=indicators)
    computed = compute(user, scope, period)
    reported = _reported(user, scope, period, indicators)
    for code in indicators:
        figure = computed.get(code)
        if figure is None or figure.value is None:
            figure = reported.get(code)
            if figure is not None and figure.value_ids and not figure.records:
                figure = replace(figure, records=values_url(figure.value_ids))
        if figure is not None and figure.value is not None:
            out.by_code[code] = figure
    return out


def _reported(user: Any, scope: Scope, period: Period, indicators: dict[str, Indicator]
              ) -> dict[str, Figure]:
    """Accepted reported values: exact first, then combined from sub-periods or sub-scopes
    (two queries)."""
    accepted = values(user).filter(status=ValueStatus.ACCEPTED)
    # The scope itself, for the period and every period overlapping it (one query; a batch
    # that starts in March still takes that whole year's value).
    inside = accepted.filter(scope.lookup(), period_start__lte=period.end,
                             period_end__gte=period.start)
    exact: dict[str, Figure] = {}
    years: dict[str, dict[int, Figure]] = defaultdict(dict)
    year_to_date: dict[str, list[tuple[Any, Figure]]] = defaultdict(list)
    for v in inside:
        code = v.indicator.code
        if v.period_key == period.ident:
            exact[code] = _figure_of(v)
        elif v.period_kind == PeriodKind.YEAR:
            years[code][v.period_start.year] = _figure_of(v)
        elif v.period_kind in (PeriodKind.MONTH, PeriodKind.QUARTER):
            year_to_date[code].append((v.period_end, _figure_of(v)))
    out = dict(exact)
    for code, indicator in indicators.items():
        if code in out:
            continue
        if period.kind == PeriodKind.BATCH and years.get(code):
            wanted = period.years
            got = years[code]
            if all(y in got for y in wanted):
                combined = combine(code, indicator.aggregation, [got[y] for y in wanted],
                                   note=f"由{wanted[0]}—{wanted[-1]}年各年数值汇总")
                if combined is not None:
                    out[code] = combined
        elif period.kind == PeriodKind.YEAR and year_to_date.get(code):
            # Months and quarters are year to date: the year is its December figure.
            last_day, figure = max(year_to_date[code], key=lambda pair: pair[0])
            if last_day == period.end:
                out[code] = replace(figure, note=f"取{period.end.year}年全年累计数")
    missing = [c for c in indicators if c not in out]
    children = scope.children(period) if missing else []
    if children:
        parts: dict[str, list[Figure]] = defaultdict(list)
        child_keys = [c.ident for c in children]
        rows = accepted.filter(scope_key__in=child_keys, period_key=period.ident,
                               indicator__code__in=missing)
        for v in rows:
            parts[v.indicator.code].append(_figure_of(v))
        for code in missing:
            indicator = indicators[code]
            if len(parts[code]) == len(children) and indicator.aggregation != Aggregation.LAST:
                combined = combine(code, indicator.aggregation, parts[code],
                                   note=f"由下属{len(children)}个指挥部的数值汇总")
                if combined is not None:
                    out[code] = combined
    return out


# --- approvals -----------------------------------------------------------------------------


def approval_of(user: Any, scope: Scope, period: Period) -> Approval | None:
    return (Approval.objects.restrict(user, "view")
            .filter(scope.lookup(), period.lookup()).first())


def approvals(user: Any) -> QuerySet[Approval]:
    return Approval.objects.restrict(user, "view").select_related(
        "command", "pairing", "supporting_region", "recipient_region", "batch",
        "submitted_by", "decided_by")


@dataclass(frozen=True)
class Drift:
    code: str
    name: str
    approved: Figure | None
    current: Figure | None

    @property
    def difference(self) -> Decimal | None:
        if self.approved is None or self.current is None:
            return None
        if self.approved.value is None or self.current.value is None:
            return None
        return self.current.value - self.approved.value


def snapshot_figures(approval: Approval) -> dict[str, Figure]:
    return {code: Figure.from_json(code, data) for code, data in (approval.snapshot or {}).items()}


def drift(approval: Approval, current: Figures) -> list[Drift]:
    """Where the figures of today differ from those approved (value or qualifier)."""
    approved = snapshot_figures(approval)
    names = {code: i.name for code, i in current.indicators.items()}
    out = []
    for code in sorted(set(approved) | set(current.by_code),
                       key=lambda c: (current.indicators[c].order if c in current.indicators else 999, c)):
        a, c = approved.get(code), current.get(code)
        same = (a is not None and c is not None and a.value == c.value
                and a.qualifier == c.qualifier)
        if not same:
            out.append(Drift(code, names.get(code, code), a, c))
    return out


def official_figures(user: Any, scope: Scope, period: Period) -> tuple[Figures, Approval | None]:
    """The figures to report: those approved (frozen) when the period is approved, else the
    figures of today."""
    approval = approval_of(user, scope, period)
    current = figures(user, scope, period)
    if approval is None or approval.status != ApprovalStatus.APPROVED:
        return current, approval
    frozen = Figures(scope, period, indicators=current.indicators)
    frozen.by_code = {code: replace(f, records=current.get(code).records if current.get(code) else "")
                      for code, f in snapshot_figures(approval).items()}
    return frozen, approval


def reported_only(figure: Figure | None) -> bool:
    return figure is not None and figure.source != ValueSource.COMPUTED


__all__ = ["Figures", "approval_of", "drift", "figures", "official_figures", "values", "Q"]


# --- the scopes a user may pick ------------------------------------------------------------


def scope_choices(user: Any) -> list[tuple[str, str]]:
    """(ident, label) of every scope within the user's data scope: their commands, the
    pairings those serve, the supporting side of a home office, the region of a recipient
    (an administrator: every command, pairing and supporting side)."""
    from yuanjiang.core.models import Batch, Command, Pairing, Region
    from yuanjiang.core.scope import ScopeKind as UserScopeKind
    from yuanjiang.core.scope import user_scope

    from .choices import ScopeKind

    out: list[tuple[str, str]] = []
    scope = user_scope(user)
    commands = (Command.objects.restrict(user, "view").select_related("batch", "batch__supporting_region")
                .order_by("batch__supporting_region_id", "-batch__start_date", "parent_id", "name"))
    for c in commands:
        out.append((f"{ScopeKind.COMMAND}:{c.pk}", f"{c.name}（{c.batch}）"))
    pairings = (Pairing.objects.restrict(user, "view").filter(commands__in=commands.values("pk"))
                .select_related("supporting_region", "recipient_region").distinct())
    for p in pairings:
        out.append((f"{ScopeKind.PAIRING}:{p.pk}", f"{p}（各批次）"))
    if scope.kind is UserScopeKind.ALL:
        sides = Region.objects.filter(pk__in=Batch.objects.values("supporting_region")).order_by("code")
        regions = Region.objects.none()
    elif scope.kind is UserScopeKind.SUPPORTING:
        sides, regions = Region.objects.filter(pk=scope.region.pk), Region.objects.none()
    elif scope.kind is UserScopeKind.RECIPIENT:
        sides, regions = Region.objects.none(), Region.objects.filter(pk=scope.region.pk)
    else:
        sides = regions = Region.objects.none()
    for r in sides:
        out.append((f"{ScopeKind.PROVINCE}:{r.pk}", f"{r.full_name or r.name}（全部指挥部）"))
    for r in regions:
        out.append((f"{ScopeKind.REGION}:{r.pk}", f"{r.full_name or r.name}（受援地）"))
    return out


def scope_for(user: Any, ident: str) -> Scope:
    """The scope of an ident the user may pick; ScopeError otherwise (out of scope looks
    exactly like missing)."""
    from django.utils.translation import gettext as _

    from .scopes import ScopeError, scope_from_ident

    if ident not in dict(scope_choices(user)):
        raise ScopeError(_("范围不存在或不在您的数据范围内。"))
    return scope_from_ident(ident)


def period_choices(scope: Scope, current: str | None = None) -> list[tuple[str, str]]:
    """Periods worth offering for a scope: its batch (a command's own, or the batches of the
    commands a wider scope covers), the years and quarters of those batches up to today; and
    `current`, the one being shown, whatever it is."""
    from django.utils import timezone

    from yuanjiang.core.models import Batch
    from yuanjiang.core.selectors import commands_of

    from .scopes import ScopeError, parse_period

    out: list[tuple[str, str]] = []
    today = timezone.localdate()
    own = scope.default_batch()
    if own is not None:
        batches = [own]
    else:
        pks = commands_of(**scope.narrow_kwargs())
        batches = list(Batch.objects.filter(commands__in=pks).distinct().order_by("-start_date"))
    years: set[int] = set()
    for batch in batches:
        whole = Period.of_batch(batch)
        key = "batch" if own is not None else f"batch:{batch.number}"
        out.append((key, f"整个批次：{whole.label}"))
        years.update(whole.years)
    if not years:
        years = set(range(today.year - 4, today.year + 1))
    for year in sorted(years, reverse=True):
        out.append((str(year), f"{year}年"))
        for q in range(4, 0, -1):
            if (year, 3 * q - 2) <= (today.year, today.month):
                out.append((f"{year}Q{q}", f"{year}年第{'一二三四'[q - 1]}季度（1—{3 * q}月累计）"))
    if current and current not in dict(out):
        with contextlib.suppress(ScopeError):
            out.insert(0, (current, parse_period(current, scope).label))
    # The same batch number twice (two sides' 第十批) would be ambiguous: keep the first.
    seen: set[str] = set()
    return [(k, label) for k, label in out if not (k in seen or seen.add(k))]

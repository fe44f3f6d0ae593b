"""The dashboard (驾驶舱) of a scope and period, and the report jobs with their progress and
downloads. Every number on the dashboard comes from the indicators layer and links to the
records behind it."""

from __future__ import annotations

import json
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from unfold.decorators import action

from yuanjiang.core.admin_base import PlatformModelAdmin
from yuanjiang.indicators.admin import ScopeAndPeriodColumns
from yuanjiang.indicators.choices import ApprovalStatus, ScopeKind
from yuanjiang.indicators.scopes import Period, ScopeError, parse_period
from yuanjiang.indicators.selectors import (
    approval_of,
    drift,
    figures,
    period_choices,
    scope_choices,
    scope_for,
)
from yuanjiang.indicators.services import approval_for, approval_submit

from .models import ReportJob, ReportKind, ReportStatus
from .services import job_file_response, progress_of, request_report

KEY_FIGURES = ("aid_funds_total", "aid_funds_arrived", "aid_funds_disbursed", "aid_projects_total",
               "cadres_dispatched", "people_on_post")
RATES = ("aid_funds_arrival_rate", "aid_funds_disbursement_rate", "project_start_rate",
         "project_completion_rate")
SHARES = ("livelihood_funds_share", "grassroots_funds_share")
WAN = Decimal(10_000)


def _wan(value):
    return None if value is None else float((value / WAN).quantize(Decimal("0.01")))


def _number(v):
    return None if v is None else float(v)


PALETTE = ["#b91c1c", "#2563eb", "#059669", "#d97706", "#7c3aed", "#0891b2"]
CHART_OPTIONS = json.dumps({
    "animation": False, "responsive": True, "maintainAspectRatio": False,
    "plugins": {"legend": {"display": True, "position": "top", "align": "end",
                           "labels": {"boxWidth": 10, "boxHeight": 10}},
                "tooltip": {"enabled": True}},
    "scales": {"y": {"beginAtZero": True, "grid": {"color": "rgba(156,163,175,0.25)"}},
               "x": {"grid": {"display": False}}},
    "datasets": {"bar": {"maxBarThickness": 28, "borderRadius": 3},
                 "line": {"borderWidth": 2, "pointRadius": 3, "tension": 0.2}},
})


def _colored(datasets: list[dict], kind: str) -> list[dict]:
    for i, ds in enumerate(datasets):
        color = PALETTE[i % len(PALETTE)]
        ds["backgroundColor"] = color if kind == "bar" else color + "33"
        ds["borderColor"] = color
    return datasets


@admin.register(ReportJob)
class ReportJobAdmin(ScopeAndPeriodColumns, PlatformModelAdmin):
    list_display = ("__str__", "kind", "scope_label", "period_label", "status", "created_by",
                    "requested_at", "finished_at")
    list_filter = ("kind", "status")
    list_select_related = ("created_by", "command", "pairing__supporting_region",
                           "pairing__recipient_region", "supporting_region", "recipient_region", "batch")
    readonly_fields = ("kind", "scope_label", "period_label", "status", "created_by", "requested_at",
                       "finished_at", "file_name", "error")
    fields = readonly_fields
    actions_list = ["dashboard"]

    def has_add_permission(self, request):
        return False  # reports are asked for from the dashboard

    def get_queryset(self, request):
        # A report is its requester's download (an administrator sees every one).
        qs = super().get_queryset(request)
        return qs if request.user.is_superuser else qs.filter(created_by=request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/progress/", view(self.job_view), name="reports_reportjob_progress"),
            path("<int:pk>/download/", view(self.download_view), name="reports_reportjob_download"),
            *super().get_urls(),
        ]

    # --- jobs ----------------------------------------------------------------------------
    def _job(self, request, pk) -> ReportJob:
        job = self.get_queryset(request).filter(pk=pk).first()
        if job is None:
            raise Http404(_("记录不存在或不在您的数据范围内。"))
        return job

    def job_view(self, request, pk):
        job = self._job(request, pk)
        percent, what = progress_of(job)
        if request.GET.get("format") == "json":
            return JsonResponse({"status": job.status, "percent": percent, "step": str(what),
                                 "download": reverse("admin:reports_reportjob_download", args=[job.pk])
                                 if job.status == ReportStatus.DONE else None, "error": job.error})
        return TemplateResponse(request, "reports/job.html", {
            **self.admin_site.each_context(request), "title": str(job.get_kind_display()), "job": job,
            "percent": percent, "step": what, "done": job.status == ReportStatus.DONE,
            "failed": job.status == ReportStatus.FAILED,
            "running": job.status in (ReportStatus.QUEUED, ReportStatus.RUNNING),
            "dashboard": self._dashboard_url(job.scope_key, job.period.key),
        })

    def download_view(self, request, pk):
        return job_file_response(self._job(request, pk))

    @staticmethod
    def _dashboard_url(scope_ident: str, period_key: str) -> str:
        return (reverse("admin:reports_reportjob_dashboard") + "?"
                + urlencode({"scope": scope_ident, "period": period_key}))

    # --- the dashboard ------------------------------------------------------------------
    @action(description=gettext_lazy("驾驶舱"), url_path="dashboard", permissions=["view"])
    def dashboard(self, request):
        choices = scope_choices(request.user)
        if not choices:
            raise PermissionDenied(_("您的账号没有可查看的范围。"))
        ident = request.GET.get("scope") or choices[0][0]
        try:
            scope = scope_for(request.user, ident)
        except ScopeError as exc:
            messages.error(request, " ".join(exc.messages))
            ident = choices[0][0]
            scope = scope_for(request.user, ident)
        periods = period_choices(scope, request.GET.get("period"))
        period_key = request.GET.get("period") or periods[0][0]
        try:
            period = parse_period(period_key, scope)
        except ScopeError as exc:
            messages.error(request, " ".join(exc.messages))
            period_key = periods[0][0]
            period = parse_period(period_key, scope)
        if request.method == "POST":
            return self._dashboard_post(request, scope, period, ident, period_key)
        f = figures(request.user, scope, period)
        approval = approval_of(request.user, scope, period)
        drifts = drift(approval, f) if approval and approval.status == ApprovalStatus.APPROVED else []
        ctx = {
            **self.admin_site.each_context(request), "title": _("驾驶舱"),
            "scope": scope, "period": period, "scope_choices": choices, "scope_ident": ident,
            "period_choices": periods, "period_key": period_key,
            "key_figures": self._cards(f, KEY_FIGURES), "rates": self._cards(f, RATES),
            "shares": self._cards(f, SHARES), "others": self._others(f),
            "approval": approval, "drifts": drifts,
            "may_submit": request.user.has_perm("indicators.change_approval"),
            "charts": self._charts(request.user, scope, period, f),
            "regions": self._regions(f),
            "values_url": reverse("admin:indicators_value_changelist") + "?"
            + urlencode({"q": ""}),
            "add_value_url": reverse("admin:indicators_value_add"),
            "kinds": ReportKind.choices, "chart_options": CHART_OPTIONS,
            "may_report": request.user.has_perm("reports.add_reportjob"),
            "may_add_value": request.user.has_perm("indicators.add_value"),
        }
        return TemplateResponse(request, "reports/dashboard.html", ctx)

    def _dashboard_post(self, request, scope, period, ident, period_key):
        back = self._dashboard_url(ident, period_key)
        what = request.POST.get("do")
        try:
            if what == "submit":
                approval = approval_for(scope, period, acting_user=request.user)
                approval_submit(approval, acting_user=request.user)
                messages.success(request, _("已报送%(p)s的数据，等待后方审核。") % {"p": period.label})
                return HttpResponseRedirect(back)
            if what in ReportKind.values:
                if not request.user.has_perm("reports.add_reportjob"):
                    raise PermissionDenied(_("您没有生成报告的权限。"))
                job = request_report(acting_user=request.user, kind=what, scope=scope, period=period)
                return HttpResponseRedirect(reverse("admin:reports_reportjob_progress", args=[job.pk]))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        return HttpResponseRedirect(back)

    @staticmethod
    def _cards(f, codes):
        cards = []
        for code in codes:
            indicator = f.indicators.get(code)
            if indicator is None:
                continue
            figure = f.get(code)
            cards.append({"code": code, "name": indicator.name, "unit": indicator.unit,
                          "kind": indicator.kind, "figure": figure,
                          "holds": None if figure is None or code not in SHARES else figure.value >= 80})
        return cards

    @staticmethod
    def _others(f):
        shown = set(KEY_FIGURES) | set(RATES) | set(SHARES)
        return [{"code": c, "name": i.name, "unit": i.unit, "kind": i.kind, "figure": f.get(c)}
                for c, i in f.indicators.items() if c not in shown and f.get(c) is not None]

    @staticmethod
    def _regions(f):
        total = f.get("aid_funds_total")
        # Recipient places only: funds not yet given to a project have no place.
        rows = [r for r in (total.by("region") if total else ()) if r[0] != "pool"]
        whole = sum((v for _k, _l, v in rows), Decimal(0))
        return [{"code": k, "name": label, "value": v,
                 "share": None if not whole else (v * 100 / whole).quantize(Decimal("0.1"))}
                for k, label, v in rows]

    @staticmethod
    def _charts(user, scope, period, f):
        charts = []
        if period.kind == "batch":
            years = period.years
            yearly = [figures(user, scope, Period.of_year(y)) for y in years]
            labels = [f"{y}年" for y in years]
            charts.append({"id": "funds-by-year", "type": "bar", "title": _("援疆资金分年度情况（万元）"),
                           "data": json.dumps({"labels": labels, "datasets": _colored([
                               {"label": label, "data": [_wan(y.value(code)) for y in yearly]}
                               for label, code in ((_("安排"), "aid_funds_total"),
                                                   (_("到位"), "aid_funds_arrived"),
                                                   (_("拨付"), "aid_funds_disbursed"))
                           ], "bar")}, ensure_ascii=False)})
            charts.append({"id": "rates-by-year", "type": "line", "title": _("四率走势（%）"),
                           "data": json.dumps({"labels": labels, "datasets": _colored([
                               {"label": str(f.indicators[c].name),
                                "data": [_number(y.value(c)) for y in yearly]}
                               for c in RATES if c in f.indicators], "line")}, ensure_ascii=False)})
        total = f.get("aid_funds_total")
        if total and total.by("category"):
            rows = total.by("category")
            charts.append({"id": "funds-by-category", "type": "bar", "title": _("援疆资金按项目类别（万元）"),
                           "data": json.dumps({"labels": [label for _k, label, _v in rows],
                                               "datasets": _colored([
                               {"label": _("安排资金"), "data": [_wan(v) for _k, _l, v in rows]}], "bar")},
                               ensure_ascii=False)})
        return charts


__all__ = ["ScopeKind"]

"""Pages of investment attraction: the enterprise directory, activities, investment
projects with their pipeline step and funds in place (flagged when above the planned
investment), each list filterable, exportable and importable from Excel."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from unfold.decorators import action

from yuanjiang.core.admin_base import (
    FigureRecordsFilter,
    PlatformTabularInline,
    ReadOnlyTabularInline,
    RecordImportAdmin,
    ScopedRelatedFilter,
    errors_to_form,
    form_page,
)
from yuanjiang.indicators.scopes import period_from_ident, scope_from_ident

from . import selectors, sheets
from .choices import STAGE_DATE_FIELD, PipelineStage
from .forms import PipelineForm
from .models import Activity, Enterprise, FundsInPlace, InvestmentProject, PipelineEvent
from .services import investment_advance


@admin.register(Enterprise)
class EnterpriseAdmin(RecordImportAdmin):
    record_import = sheets.ENTERPRISE_IMPORT
    list_display = ("name", "kind", "industry", "uscc", "home_region", "command")
    list_filter = ("kind", "industry", ("command", ScopedRelatedFilter))
    search_fields = ("name", "uscc")
    autocomplete_fields = ("command", "home_region")
    list_select_related = ("command", "home_region")


@admin.register(Activity)
class ActivityAdmin(RecordImportAdmin):
    record_import = sheets.ACTIVITY_IMPORT
    list_display = ("date", "kind", "title", "place", "led_by", "enterprise_count", "command")
    list_filter = ("kind", ("command", ScopedRelatedFilter), "date", FigureRecordsFilter)
    search_fields = ("title", "place", "led_by", "enterprises__name")
    autocomplete_fields = ("command", "enterprises")
    list_select_related = ("command",)
    date_hierarchy = "date"
    export_fields = ("date", "kind", "title", "place", "led_by", "participants", "note", "command")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_enterprises=Count("enterprises"))

    @admin.display(description=_("企业和机构数"), ordering="n_enterprises")
    def enterprise_count(self, obj):
        return obj.n_enterprises


class ReachedFilter(admin.SimpleListFilter):
    """Projects that reached a stage (in the figure's period when the list shows a figure)."""

    title = _("已达到")
    parameter_name = "reached"

    def lookups(self, request, model_admin):
        return [(s.value, s.label) for s in STAGE_DATE_FIELD]

    def queryset(self, request, queryset):
        field = STAGE_DATE_FIELD.get(self.value())
        if field is None:
            return queryset
        scope, period = request.GET.get("figure_scope"), request.GET.get("figure_period")
        if scope and period:
            try:
                p = period_from_ident(period, scope_from_ident(scope))
            except (ValueError, LookupError, ValidationError):
                return queryset.none()
            return queryset.filter(**{f"{field}__gte": p.start, f"{field}__lte": p.end})
        return queryset.filter(**{f"{field}__isnull": False})


class OverPlannedFilter(admin.SimpleListFilter):
    title = _("资金预警")
    parameter_name = "funds"

    def lookups(self, request, model_admin):
        return [("over", _("到位资金超过计划总投资"))]

    def queryset(self, request, queryset):
        if self.value() == "over":
            return queryset.filter(pk__in=selectors.over_planned(queryset).values("pk"))
        return queryset


class PipelineEventInline(ReadOnlyTabularInline):
    model = PipelineEvent
    fields = ("stage", "date", "note")


class FundsInline(PlatformTabularInline):
    model = FundsInPlace
    fields = ("date", "amount", "note")


@admin.register(InvestmentProject)
class InvestmentProjectAdmin(RecordImportAdmin):
    record_import = sheets.PROJECT_IMPORT
    list_display = ("name", "enterprise", "industry", "region", "stage", "signed_on", "landed_on",
                    "agreement_amount", "planned_investment", "funds_in_place", "jobs_created")
    list_filter = ("stage", ReachedFilter, OverPlannedFilter, "industry",
                   ("command", ScopedRelatedFilter), FigureRecordsFilter)
    search_fields = ("name", "enterprise__name", "park")
    autocomplete_fields = ("command", "enterprise", "region")
    list_select_related = ("command", "enterprise", "region")
    inlines = [PipelineEventInline, FundsInline]
    actions_detail = ["step_advance"]
    readonly_fields = ("stage", "signed_on", "landed_on", "producing_on", "funds_check")
    fieldsets = (
        (None, {"fields": ("name", "command", "enterprise", "industry", "region", "park")}),
        (_("投资与就业"), {"fields": ("agreement_amount", "planned_investment", "funds_check",
                                   "jobs_created")}),
        (_("推进阶段"), {"fields": ("stage", "signed_on", "landed_on", "producing_on")}),
        (None, {"fields": ("note",)}),
    )
    export_fields = ("name", "enterprise", "industry", "region", "park", "stage", "signed_on",
                     "landed_on", "producing_on", "agreement_amount", "planned_investment",
                     "jobs_created", "command")

    def get_queryset(self, request):
        return selectors.with_funds_in_place(super().get_queryset(request))

    @admin.display(description=_("到位资金（元）"), ordering="funds_total")
    def funds_in_place(self, obj):
        over = obj.planned_investment is not None and obj.funds_total > obj.planned_investment
        text = f"{obj.funds_total:,.2f}"
        return format_html('<span class="text-red-600 font-semibold" title="{}">{} ⚠</span>',
                           _("到位资金超过计划总投资"), text) if over else text

    @admin.display(description=_("到位资金核对"))
    def funds_check(self, obj):
        if not obj or not obj.pk:
            return "—"
        total = getattr(obj, "funds_total", None)  # annotated by get_queryset
        if total is None:
            one = InvestmentProject.objects.filter(pk=obj.pk)
            total = selectors.with_funds_in_place(one).get().funds_total
        if obj.planned_investment is not None and total > obj.planned_investment:
            return format_html('<span class="text-red-600 font-semibold">{}</span>', _(
                "到位资金 %(f)s 元，超过计划总投资 %(p)s 元，请核实。") % {
                "f": f"{total:,.2f}", "p": f"{obj.planned_investment:,.2f}"})
        return _("到位资金 %(f)s 元。") % {"f": f"{total:,.2f}"}

    def _changeable(self, request, object_id) -> InvestmentProject:
        project = self.get_object(request, object_id)
        if project is None or not self.has_change_permission(request, project):
            raise PermissionDenied
        return project

    def _back(self, project):
        return reverse("admin:investment_investmentproject_change", args=[project.pk])

    @action(description=_("推进阶段"), url_path="advance", permissions=["change"])
    def step_advance(self, request, object_id):
        project = self._changeable(request, object_id)
        form = PipelineForm(request.POST or None, current=project.stage)
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                investment_advance(project, acting_user=request.user, to=d["stage"], on=d["on"],
                                   note=d["note"], agreement_amount=d["agreement_amount"])
            except ValidationError as exc:
                errors_to_form(form, exc, {"date": "on"})
            else:
                messages.success(request, _("已推进到“%(stage)s”：%(p)s") % {
                    "stage": PipelineStage(d["stage"]).label, "p": project})
                return HttpResponseRedirect(self._back(project))
        return form_page(
            self, request, title=_("推进阶段：%(p)s") % {"p": project},
            intro=_("当前阶段：%(stage)s。只能向前推进（线索→洽谈→签约→落地→投产）；"
                    "跳过的阶段以同一日期登记。") % {
                "stage": project.get_stage_display()},
            form=form, submit=_("推进"), back=self._back(project))


@admin.register(FundsInPlace)
class FundsInPlaceAdmin(RecordImportAdmin):
    record_import = sheets.FUNDS_IMPORT
    list_display = ("date", "project", "amount", "note")
    list_filter = (("project__command", ScopedRelatedFilter), "date", FigureRecordsFilter)
    search_fields = ("project__name", "note")
    autocomplete_fields = ("project",)
    list_select_related = ("project",)
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        project = selectors.with_funds_in_place(
            InvestmentProject.objects.filter(pk=obj.project_id)).get()
        if project.planned_investment is not None and project.funds_total > project.planned_investment:
            messages.warning(request, _(
                "“%(p)s”到位资金累计 %(f)s 元，已超过计划总投资 %(pl)s 元，请核实。") % {
                "p": project, "f": f"{project.funds_total:,.2f}",
                "pl": f"{project.planned_investment:,.2f}"})

"""Back-office pages of the projects app: projects with their items, money, stages and
progress on one page; the stage, progress and supervision steps; the plan and disbursements
in Excel; the figures page (funds, the four rates, the two 80% rules, warnings) and the
monthly progress table."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from unfold.decorators import action

from yuanjiang.core.admin_base import (
    IMPORT_INTRO,
    FigureRecordsFilter,
    PlatformModelAdmin,
    PlatformTabularInline,
    ReadOnlyTabularInline,
    ScopedRelatedFilter,
    errors_to_form,
    form_page,
    import_upload,
)
from yuanjiang.core.exports import xlsx_download
from yuanjiang.core.models import Command

from . import selectors, sheets
from .choices import COMPLETED_STAGES, EXTRA_PLAN_SOURCES, NOT_STARTED_STAGES, STARTED_STAGES, Stage
from .files import attachment_response
from .forms import (
    AdvanceForm,
    CloseForm,
    DisbursementUploadForm,
    PlanUploadForm,
    ProgressForm,
    SupervisionForm,
)
from .models import (
    Allocation,
    Arrival,
    Attachment,
    Disbursement,
    Output,
    ProgressUpdate,
    Project,
    StageEvent,
    SupervisionOrder,
)
from .services import (
    SupervisionOrderService,
    progress_report,
    project_advance,
    supervision_close,
)

# --- list filters --------------------------------------------------------------------------


class RuleFilter(admin.SimpleListFilter):
    title = _("规则与预警")
    parameter_name = "rule"

    def lookups(self, request, model_admin):
        return [("not_livelihood", _("非民生（拉低民生占比）")),
                ("not_grassroots", _("非县及县以下（拉低基层占比）")),
                ("warning", _("监测预警中")), ("supervised", _("督办未办结"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "not_livelihood":
            return queryset.filter(is_livelihood=False)
        if value == "not_grassroots":
            return queryset.filter(is_grassroots=False)
        if value == "warning":
            return queryset.filter(pk__in=selectors.warnings(request.user).values("pk"))
        if value == "supervised":
            return queryset.filter(supervision_orders__closed_on__isnull=True,
                                   supervision_orders__isnull=False).distinct()
        return queryset


class LevelFilter(admin.SimpleListFilter):
    title = _("大项 / 小项")
    parameter_name = "level"

    def lookups(self, request, model_admin):
        return [("top", _("大项（含独立项目）")), ("item", _("小项"))]

    def queryset(self, request, queryset):
        if self.value() == "top":
            return queryset.filter(parent__isnull=True)
        if self.value() == "item":
            return queryset.filter(parent__isnull=False)
        return queryset


class ReachedFilter(admin.SimpleListFilter):
    title = _("进展")
    parameter_name = "reached"

    def lookups(self, request, model_admin):
        return [("started", _("已开工（含完工及以后）")), ("completed", _("已完工（含验收、移交）")),
                ("not_started", _("未开工"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "started":
            return queryset.filter(stage__in=STARTED_STAGES)
        if value == "completed":
            return queryset.filter(stage__in=COMPLETED_STAGES)
        if value == "not_started":
            return queryset.filter(stage__in=NOT_STARTED_STAGES)
        return queryset


class PlanFilter(admin.SimpleListFilter):
    title = _("计划内外")
    parameter_name = "plan"

    def lookups(self, request, model_admin):
        return [("in", _("计划内（省级、市级财政）")), ("extra", _("计划外（含社会捐赠）"))]

    def queryset(self, request, queryset):
        if self.value() == "in":
            return queryset.exclude(source__in=list(EXTRA_PLAN_SOURCES))
        if self.value() == "extra":
            return queryset.filter(source__in=list(EXTRA_PLAN_SOURCES))
        return queryset


# --- inlines on the project page ---------------------------------------------------------------


ReadOnlyInline = ReadOnlyTabularInline


class ItemInline(ReadOnlyInline):
    model = Project
    fk_name = "parent"
    fields = ("code", "name", "category", "budget", "stage", "progress_percent")
    readonly_fields = fields
    verbose_name = _("小项")
    verbose_name_plural = _("小项")


class StageEventInline(ReadOnlyInline):
    model = StageEvent
    fields = ("stage", "date", "note")
    readonly_fields = fields
    show_change_link = False
    verbose_name_plural = _("阶段进程")


class ProgressInline(ReadOnlyInline):
    model = ProgressUpdate
    fields = ("date", "percent", "note", "files")
    readonly_fields = fields
    verbose_name_plural = _("进度报告")

    @admin.display(description=_("附件"))
    def files(self, obj):
        return _attachment_links(obj)


class AllocationInline(ReadOnlyInline):
    model = Allocation
    fields = ("year", "source", "amount", "document_number", "note")
    readonly_fields = fields


class DisbursementInline(ReadOnlyInline):
    model = Disbursement
    fields = ("date", "amount", "voucher_number", "note")
    readonly_fields = fields


class OutputInline(PlatformTabularInline):
    model = Output
    fields = ("name", "quantity", "unit")


class SupervisionInline(ReadOnlyInline):
    model = SupervisionOrder
    fields = ("reason", "issued_by", "issued_on", "assignee", "due_date", "closed_on")
    readonly_fields = fields


def _attachment_links(update: ProgressUpdate):
    links = [format_html('<a class="text-primary-600" href="{}">{}</a>',
                         reverse("admin:projects_progressupdate_attachment", args=[a.pk]), a)
             for a in update.attachments.all()]
    return format_html("{}", "、".join(links)) if links else "—"


# --- projects -------------------------------------------------------------------------------------


@admin.register(Project)
class ProjectAdmin(PlatformModelAdmin):
    list_display = ("code", "name", "command", "region", "category", "plan_year", "budget", "stage",
                    "progress_percent", "is_livelihood", "is_grassroots")
    list_filter = (("command", ScopedRelatedFilter), "plan_year", "category", "stage", RuleFilter,
                   LevelFilter, ReachedFilter, "in_plan", "build_kind", "delivery_mode",
                   FigureRecordsFilter)
    search_fields = ("code", "name", "implementing_organisation__name")
    autocomplete_fields = ("command", "parent", "implementing_organisation", "region")
    list_select_related = ("command", "region")
    inlines = [ItemInline, StageEventInline, ProgressInline, AllocationInline, DisbursementInline,
               OutputInline, SupervisionInline]
    actions = ["export_xlsx", "export_plan"]
    actions_list = ["figures_page", "warnings_page", "monthly_page", "plan_template", "plan_import"]
    actions_detail = ["step_advance", "step_progress", "step_supervise"]
    readonly_fields = ("stage", "approved_on", "actual_start", "actual_end", "progress_percent",
                       "progress_on", "is_livelihood", "is_grassroots", "funds")
    fieldsets = (
        (None, {"fields": ("code", "name", "command", "parent", "region", "implementing_organisation")}),
        (_("类别与属性"), {"fields": ("category", "livelihood_kind", "in_plan", "plan_year",
                                  "delivery_mode", "build_kind", "fixed_asset")}),
        (_("两个 80%"), {"fields": ("is_livelihood", "is_grassroots", "livelihood_override",
                                    "grassroots_override", "override_reason")}),
        (_("投资与进度"), {"fields": ("budget", "funds", "planned_start", "planned_end", "stage",
                                  "approved_on", "actual_start", "actual_end", "progress_percent",
                                  "progress_on")}),
        (_("其他"), {"fields": ("note",)}),
    )

    @admin.display(description=_("资金"))
    def funds(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        from .services import funds_of, yuan

        allocated, disbursed = funds_of(obj)
        rate = selectors.percent(disbursed, allocated)
        return _("已安排 %(a)s 元，已拨付 %(d)s 元（拨付率 %(r)s）") % {
            "a": yuan(allocated), "d": yuan(disbursed), "r": f"{rate}%" if rate is not None else "—"}

    # --- steps ----------------------------------------------------------------------------------
    def _changeable(self, request, object_id) -> Project:
        project = self.get_object(request, object_id)
        if not self.has_change_permission(request, project):
            raise PermissionDenied
        return project

    def _back(self, project):
        return reverse("admin:projects_project_change", args=[project.pk])

    @action(description=_("推进阶段"), url_path="advance", permissions=["change"])
    def step_advance(self, request, object_id):
        project = self._changeable(request, object_id)
        form = AdvanceForm(request.POST or None, current=project.stage)
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                project_advance(project, acting_user=request.user, to=d["stage"], on=d["on"],
                                note=d["note"])
            except ValidationError as exc:
                errors_to_form(form, exc, {"date": "on"})
            else:
                messages.success(request, _("已推进到“%(stage)s”：%(p)s") % {
                    "stage": Stage(d["stage"]).label, "p": project})
                return HttpResponseRedirect(self._back(project))
        return form_page(
            self, request, title=_("推进阶段：%(p)s") % {"p": project},
            intro=_("当前阶段：%(stage)s。阶段只能向前推进；跳过的阶段以同一日期登记。") % {
                "stage": project.get_stage_display()},
            form=form, submit=_("推进"), back=self._back(project))

    @action(description=_("报告进度"), url_path="progress", permissions=["change"])
    def step_progress(self, request, object_id):
        project = self._changeable(request, object_id)
        form = ProgressForm(request.POST or None, request.FILES or None,
                            initial={"percent": project.progress_percent})
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                progress_report(project, acting_user=request.user, date=d["date"],
                                percent=d["percent"], note=d["note"], files=d["files"])
            except ValidationError as exc:
                errors_to_form(form, exc, {"file": "files"})
            else:
                messages.success(request, _("已报告进度：%(p)s %(pct)s%%") % {
                    "p": project, "pct": d["percent"]})
                return HttpResponseRedirect(self._back(project))
        return form_page(self, request, title=_("报告进度：%(p)s") % {"p": project},
                          intro=_("形象进度按工程量估计，0–100；附件连同报告一并保存。"), form=form,
                          submit=_("保存"), back=self._back(project))

    @action(description=_("督办"), url_path="supervise", permissions=["change"])
    def step_supervise(self, request, object_id):
        project = self._changeable(request, object_id)
        reason = "not_started" if project.stage in NOT_STARTED_STAGES else "behind"
        form = SupervisionForm(request.POST or None, initial={
            "reason": reason, "issued_by": str(project.command)})
        if request.method == "POST" and form.is_valid():
            try:
                SupervisionOrderService.create(acting_user=request.user,
                                               data={"project": project, **form.cleaned_data})
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("已下达督办：%(p)s") % {"p": project})
                return HttpResponseRedirect(self._back(project))
        return form_page(self, request, title=_("督办：%(p)s") % {"p": project},
                          intro=_("督办跟踪到办结为止；办结时须填写办理结果。"), form=form,
                          submit=_("下达督办"), back=self._back(project))

    # --- Excel ----------------------------------------------------------------------------------
    @action(description=_("下载项目计划模板"), url_path="plan-template", permissions=["view"])
    def plan_template(self, request):
        return xlsx_download(sheets.plan_template(), "项目计划模板", stamp=False)

    @action(description=_("导入项目计划"), url_path="plan-import", permissions=["add"])
    def plan_import(self, request):
        return import_upload(self, request, kind="project_plan", form_class=PlanUploadForm,
                       title=_("导入项目计划"), intro=IMPORT_INTRO,
                       back=reverse("admin:projects_project_changelist"))

    @admin.action(description=_("导出项目计划（所选）"), permissions=["view"])
    def export_plan(self, request, queryset):
        rows = queryset.select_related("parent", "region", "implementing_organisation").prefetch_related(
            "allocations")
        return xlsx_download(sheets.plan_export(rows), "项目计划")

    # --- figures ---------------------------------------------------------------------------------
    def _narrow(self, request) -> tuple[selectors.Narrow, list, Command | None, int | None]:
        commands = list(Command.objects.restrict(request.user).select_related("batch"))
        command = None
        raw = request.GET.get("command", "")
        if raw:
            command = next((c for c in commands if str(c.pk) == raw), None)
            if command is None:
                raise Http404(_("记录不存在或不在您的数据范围内。"))
        year = None
        raw_year = request.GET.get("year", "").strip()
        if raw_year:
            try:
                year = int(raw_year)
            except ValueError:
                messages.error(request, _("年度应为四位数字，如 2021。"))
        return selectors.Narrow(command=command, year=year), commands, command, year

    @action(description=_("资金与比率"), url_path="figures", permissions=["view"])
    def figures_page(self, request):
        narrow, commands, command, year = self._narrow(request)
        summary = selectors.funds_summary(request.user, narrow)
        per_command = selectors.funds_by_command(request.user, commands, year=year)
        years = sorted(set(Allocation.objects.restrict(request.user).values_list("year", flat=True)),
                       reverse=True)
        return TemplateResponse(request, "projects/figures.html", {
            **self.admin_site.each_context(request), "title": _("资金与比率"),
            "s": summary, "commands": commands, "command": command, "year": year, "years": years,
            "per_command": per_command,
            "stages": [(stage, summary.by_stage.get(stage.value, 0)) for stage in Stage],
            "livelihood_breakers": selectors.share_breakers(request.user, narrow)[:10],
            "grassroots_breakers": selectors.share_breakers(request.user, narrow,
                                                            rule="grassroots")[:10],
            "list_url": reverse("admin:projects_project_changelist"),
        })

    @action(description=_("监测预警"), url_path="warnings", permissions=["view"])
    def warnings_page(self, request):
        narrow, commands, command, _year = self._narrow(request)
        rows = list(selectors.warnings(request.user, selectors.Narrow(command=command))[:500])
        open_orders = set(SupervisionOrder.objects.restrict(request.user).filter(
            closed_on__isnull=True, project__in=[p.pk for p in rows]).values_list("project", flat=True))
        for p in rows:
            p.supervised = p.pk in open_orders
        return TemplateResponse(request, "projects/warnings.html", {
            **self.admin_site.each_context(request), "title": _("监测预警"),
            "rows": rows, "commands": commands, "command": command,
            "margin": selectors.warning_margin(), "today": timezone.localdate(),
            "orders": SupervisionOrder.objects.restrict(request.user).filter(closed_on__isnull=True)
            .select_related("project")[:200],
        })

    @action(description=_("项目进度月报"), url_path="monthly", permissions=["view"])
    def monthly_page(self, request):
        narrow, commands, command, _year = self._narrow(request)
        raw = request.GET.get("month", "")
        if raw:
            try:
                first = dt.date.fromisoformat(f"{raw}-01")
            except ValueError:
                messages.error(request, _("月份格式应为 YYYY-MM。"))
            else:
                last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
                data = sheets.monthly_report(request.user, selectors.Narrow(command=command), last)
                name = f"项目进度月报-{first:%Y年%m月}" + (f"-{command.name}" if command else "")
                return xlsx_download(data, name, stamp=False)
        return TemplateResponse(request, "projects/monthly.html", {
            **self.admin_site.each_context(request), "title": _("项目进度月报"),
            "commands": commands, "command": command,
            "month": (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m"),
        })


# --- money -------------------------------------------------------------------------------------


@admin.register(Allocation)
class AllocationAdmin(PlatformModelAdmin):
    list_display = ("year", "command", "project", "source", "amount", "document_number")
    list_filter = (("command", ScopedRelatedFilter), "year", "source", PlanFilter, FigureRecordsFilter)
    search_fields = ("project__code", "project__name", "document_number", "note")
    autocomplete_fields = ("command", "project")
    list_select_related = ("command", "project")


@admin.register(Arrival)
class ArrivalAdmin(PlatformModelAdmin):
    list_display = ("date", "command", "year", "source", "account", "amount", "voucher_number")
    list_filter = (("command", ScopedRelatedFilter), "year", "source", "account", FigureRecordsFilter)
    search_fields = ("voucher_number", "note")
    autocomplete_fields = ("command",)
    list_select_related = ("command",)


@admin.register(Disbursement)
class DisbursementAdmin(PlatformModelAdmin):
    list_display = ("date", "project", "command_name", "amount", "voucher_number")
    list_filter = (("project__command", ScopedRelatedFilter), "date", FigureRecordsFilter)
    search_fields = ("project__code", "project__name", "voucher_number", "note")
    autocomplete_fields = ("project",)
    list_select_related = ("project__command",)
    actions = ["export_xlsx", "export_disbursements"]
    actions_list = ["disbursement_template", "disbursement_import"]
    date_hierarchy = "date"

    @admin.display(description=_("指挥部"))
    def command_name(self, obj):
        return obj.project.command

    @action(description=_("下载拨付模板"), url_path="disbursement-template", permissions=["view"])
    def disbursement_template(self, request):
        return xlsx_download(sheets.disbursement_template(), "资金拨付模板", stamp=False)

    @action(description=_("导入资金拨付"), url_path="disbursement-import", permissions=["add"])
    def disbursement_import(self, request):
        return import_upload(self, request, kind="disbursements", form_class=DisbursementUploadForm,
                       title=_("导入资金拨付"), intro=IMPORT_INTRO,
                       back=reverse("admin:projects_disbursement_changelist"))

    @admin.action(description=_("导出资金拨付（导入格式，所选）"), permissions=["view"])
    def export_disbursements(self, request, queryset):
        return xlsx_download(sheets.disbursement_export(queryset.select_related("project")), "资金拨付")


# --- progress, outputs, supervision, stage events ----------------------------------------------


class AttachmentInline(PlatformTabularInline):
    model = Attachment
    fields = ("file", "name", "download")
    readonly_fields = ("download",)
    # A plain file input: the default one links the stored file under MEDIA_URL, which is
    # never served; saved files are read through the scoped download view.
    formfield_overrides = {models.FileField: {"widget": forms.FileInput}}

    @admin.display(description=_("下载"))
    def download(self, obj):
        if not obj or not obj.pk:
            return "—"
        return format_html('<a class="text-primary-600" href="{}">{}</a>',
                           reverse("admin:projects_progressupdate_attachment", args=[obj.pk]), obj)


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(PlatformModelAdmin):
    list_display = ("project", "date", "percent", "note")
    list_filter = (("project__command", ScopedRelatedFilter), "date")
    search_fields = ("project__code", "project__name", "note")
    autocomplete_fields = ("project",)
    list_select_related = ("project",)
    inlines = [AttachmentInline]

    def get_urls(self):
        return [
            path("attachment/<int:pk>/", self.admin_site.admin_view(self.attachment_view),
                 name="projects_progressupdate_attachment"),
            *super().get_urls(),
        ]

    def attachment_view(self, request, pk):
        """Attachments are read through here, never from MEDIA_URL: scope first."""
        attachment = Attachment.objects.restrict(request.user).filter(pk=pk).first()
        if attachment is None:
            raise Http404(_("记录不存在或不在您的数据范围内。"))
        return attachment_response(attachment)


@admin.register(Output)
class OutputAdmin(PlatformModelAdmin):
    list_display = ("project", "name", "quantity", "unit")
    list_filter = (("project__command", ScopedRelatedFilter), "name")
    search_fields = ("project__code", "project__name", "name")
    autocomplete_fields = ("project",)
    list_select_related = ("project",)


class OpenFilter(admin.SimpleListFilter):
    title = _("办理状态")
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("yes", _("未办结")), ("overdue", _("超期未办结")), ("no", _("已办结"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(closed_on__isnull=True)
        if self.value() == "overdue":
            return queryset.filter(closed_on__isnull=True, due_date__lt=timezone.localdate())
        if self.value() == "no":
            return queryset.filter(closed_on__isnull=False)
        return queryset


@admin.register(SupervisionOrder)
class SupervisionOrderAdmin(PlatformModelAdmin):
    list_display = ("project", "reason", "issued_by", "issued_on", "assignee", "due_date",
                    "closed_on")
    list_filter = (OpenFilter, "reason", ("project__command", ScopedRelatedFilter))
    search_fields = ("project__code", "project__name", "assignee", "issued_by")
    autocomplete_fields = ("project",)
    list_select_related = ("project",)
    readonly_fields = ("closed_on",)
    actions_detail = ["step_close"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.closed_on:
            return [f.name for f in self.model._meta.fields if f.name not in ("id",)]
        return super().get_readonly_fields(request, obj)

    @action(description=_("办结"), url_path="close", permissions=["change"])
    def step_close(self, request, object_id):
        order = self.get_object(request, object_id)
        if not self.has_change_permission(request, order):
            raise PermissionDenied
        back = reverse("admin:projects_supervisionorder_change", args=[order.pk])
        form = CloseForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                supervision_close(order, acting_user=request.user, on=form.cleaned_data["on"],
                                  resolution=form.cleaned_data["resolution"])
            except ValidationError as exc:
                errors_to_form(form, exc, {"closed_on": "on"})
            else:
                messages.success(request, _("督办已办结：%(o)s") % {"o": order})
                return HttpResponseRedirect(back)
        return form_page(self, request, title=_("办结督办：%(o)s") % {"o": order},
                          intro=_("办结日期不能早于督办日期；须填写办理结果。"), form=form,
                          submit=_("办结"), back=back)


@admin.register(StageEvent)
class StageEventAdmin(PlatformModelAdmin):
    """Stage events are written by the stage step of the project page only."""

    list_display = ("project", "stage", "date", "note")
    list_filter = ("stage", ("project__command", ScopedRelatedFilter))
    search_fields = ("project__code", "project__name")
    list_select_related = ("project",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


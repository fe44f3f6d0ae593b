"""Back-office pages of the people app: persons with all their records, postings with their
status steps, the roster in Excel, leave, assessments, awards, and the on-post overview."""

from __future__ import annotations

import datetime as dt

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from unfold.decorators import action

from yuanjiang.core import crypto
from yuanjiang.core.admin_base import (
    FigureRecordsFilter,
    PlatformModelAdmin,
    ReadOnlyTabularInline,
    ScopedRelatedFilter,
)
from yuanjiang.core.exports import xlsx_download
from yuanjiang.core.models import Command, ImportJob

from . import ids, roster, selectors
from .choices import AssignmentStatus
from .forms import FinishForm, PersonForm, RosterUploadForm, RotateForm, StepForm
from .models import Assessment, Assignment, Award, Leave, Person
from .services import (
    assignment_arrive,
    assignment_finish,
    assignment_rotate,
    find_person_by_id_number,
    leave_return,
)


def can_see_ids(request) -> bool:
    return request.user.has_perm("people.view_id_number")


def search_by_id_number(queryset, term: str, path: str = ""):
    """Rows whose person holds exactly this ID number (searched through its blind index)."""
    number = ids.normalise(term)
    if not roster.ID_PATTERN.match(number):
        return queryset.none()
    key = f"{path}id_number_hash" if path else "id_number_hash"
    return queryset.filter(**{key: crypto.blind_index(number)})


class IdSearchMixin:
    id_hash_path = ""

    def get_search_results(self, request, queryset, search_term):
        results, distinct = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if roster.ID_PATTERN.match(ids.normalise(term)):
            results = results | search_by_id_number(queryset, term, self.id_hash_path)
        return results, distinct


# --- inlines on the person page: everything about the person, read-only ------------------


ReadOnlyInline = ReadOnlyTabularInline


class AssignmentInline(ReadOnlyInline):
    model = Assignment
    fk_name = "person"
    fields = ("command", "category", "organisation", "post", "term_type", "start_date",
              "planned_end_date", "actual_end_date", "status")
    readonly_fields = fields
    verbose_name_plural = _("选派经历")


class LeaveInline(ReadOnlyInline):
    model = Leave
    fields = ("kind", "start_date", "end_date", "returned_on", "approved_by", "reason")
    readonly_fields = fields


class AssessmentInline(ReadOnlyInline):
    model = Assessment
    fields = ("year", "grade", "assessed_by", "copied_to_home_on", "note")
    readonly_fields = fields


class AwardInline(ReadOnlyInline):
    model = Award
    fk_name = "person"
    fields = ("title", "level", "conferred_by", "conferred_on", "decision_number")
    readonly_fields = fields


@admin.register(Person)
class PersonAdmin(IdSearchMixin, PlatformModelAdmin):
    form = PersonForm
    list_display = ("name", "gender", "ethnicity", "id_number_masked", "birth_date",
                    "home_organisation", "political_status")
    list_filter = ("gender", "ethnicity", "political_status", "education",
                   ("home_organisation", ScopedRelatedFilter))
    search_fields = ("name", "phone", "home_organisation__name")
    autocomplete_fields = ("home_organisation", "registered_by")
    list_select_related = ("home_organisation",)
    inlines = [AssignmentInline, LeaveInline, AssessmentInline, AwardInline]
    fieldsets = (
        (None, {"fields": ("name", "id_number", "gender", "birth_date", "ethnicity")}),
        (_("政治面貌与学历"), {"fields": ("political_status", "education", "professional_title")}),
        (_("派出单位"), {"fields": ("home_organisation", "home_post", "phone")}),
        (_("其他"), {"fields": ("registered_by", "note")}),
    )
    export_fields = ("name", "gender", "ethnicity", "id_number_masked", "birth_date",
                     "political_status", "education", "professional_title", "phone",
                     "home_organisation", "home_post")

    @admin.display(description=_("身份证号"))
    def id_number_full(self, obj):
        return obj.id_number

    def get_list_display(self, request):
        # Full ID numbers only for users explicitly allowed to see them.
        columns = super().get_list_display(request)
        if not can_see_ids(request):
            return columns
        return ["id_number_full" if c == "id_number_masked" else c for c in columns]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        see = can_see_ids(request)

        class Form(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, can_see_id=see, **kw)

        return Form

    def get_export_columns(self, request):
        columns = super().get_export_columns(request)
        if can_see_ids(request):
            columns = [(label, (lambda p: p.id_number) if label == "身份证号" else get)
                       for label, get in columns]
        return columns


# --- postings -------------------------------------------------------------------------------


class TermEndingFilter(admin.SimpleListFilter):
    title = _("任期到期")
    parameter_name = "ending"

    def lookups(self, request, model_admin):
        return [("30", _("30 天内期满")), ("90", _("90 天内期满")), ("overdue", _("已过期未返回"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() in ("30", "90"):
            return queryset.filter(status=AssignmentStatus.ON_POST, planned_end_date__gte=today,
                                   planned_end_date__lte=today + dt.timedelta(days=int(self.value())))
        if self.value() == "overdue":
            return queryset.filter(status=AssignmentStatus.ON_POST, planned_end_date__lt=today)
        return queryset


class OnLeaveTodayFilter(admin.SimpleListFilter):
    title = _("今日")
    parameter_name = "today"

    def lookups(self, request, model_admin):
        return [("away", _("请假中"))]

    def queryset(self, request, queryset):
        if self.value() == "away":
            today = timezone.localdate()
            return queryset.filter(start_date__lte=today).filter(
                Q(returned_on__gt=today) | Q(returned_on__isnull=True, end_date__gte=today))
        return queryset


STEP_FORMS = {
    "arrive": (StepForm, _("到岗"), _("到岗日期即实际开始日期；按任期推算的计划结束日期随之调整。")),
    "finish": (StepForm, _("期满返回"), _("日期为在岗的最后一天。")),
    "early": (FinishForm, _("提前返回"), _("日期为在岗的最后一天；须说明原因。")),
    "rotate": (RotateForm, _("中期轮换"), _("接替人员自所填日期起到岗，本人于前一日结束任职。")),
}


@admin.register(Assignment)
class AssignmentAdmin(IdSearchMixin, PlatformModelAdmin):
    id_hash_path = "person__"
    list_display = ("person", "category", "professional_kind", "command", "organisation", "post",
                    "term_type", "start_date", "planned_end_date", "status")
    list_filter = ("status", "category", "professional_kind", ("command", ScopedRelatedFilter),
                   TermEndingFilter, "term_type", "crosses_batch", FigureRecordsFilter)
    search_fields = ("person__name", "post", "organisation__name")
    autocomplete_fields = ("person", "command", "organisation")
    list_select_related = ("person", "command", "organisation")
    actions = ["export_xlsx", "export_roster"]
    actions_list = ["roster_template", "roster_import", "on_post_overview"]
    actions_detail = ["step_arrive", "step_finish", "step_early", "step_rotate"]
    fields = ("person", "command", "category", "professional_kind", "organisation", "post",
              "term_type", "start_date", "planned_end_date", "crosses_batch", "status",
              "actual_end_date", "end_reason", "predecessor", "note")

    def get_readonly_fields(self, request, obj=None):
        # After creation the status moves only through the steps at the top of the page.
        if obj is not None:
            return ("person", "status", "actual_end_date", "end_reason", "predecessor")
        return ("predecessor",)

    # --- status steps ---------------------------------------------------------------------
    def _step(self, request, object_id, name):
        posting = self.get_object(request, object_id)
        if not self.has_change_permission(request, posting):
            raise PermissionDenied
        form_class, label, intro = STEP_FORMS[name]
        form = form_class(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                if name == "arrive":
                    assignment_arrive(posting, acting_user=request.user, on=data["on"])
                elif name in ("finish", "early"):
                    assignment_finish(posting, acting_user=request.user, on=data["on"],
                                      early=name == "early", reason=data.get("reason", ""))
                else:
                    successor = find_person_by_id_number(data["successor_id_number"])
                    if successor is None or not Person.objects.restrict(request.user).filter(
                            pk=successor.pk).exists():
                        raise ValidationError({"successor_id_number": _(
                            "未找到该身份证号的人员（或不在您的数据范围内），请先登记。")})
                    assignment_rotate(posting, acting_user=request.user, successor=successor,
                                      on=data["on"], post=data.get("post", ""))
            except ValidationError as exc:
                for field, errs in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                messages.success(request, _("已办理%(step)s：%(who)s") % {"step": label,
                                                                          "who": posting})
                return HttpResponseRedirect(reverse("admin:people_assignment_change",
                                                    args=[posting.pk]))
        return TemplateResponse(request, "core/form_page.html", {
            **self.admin_site.each_context(request), "title": f"{label}：{posting}",
            "intro": intro, "form": form, "submit_label": label,
            "back_url": reverse("admin:people_assignment_change", args=[posting.pk]),
        })

    @action(description=_("到岗"), url_path="arrive", permissions=["change"])
    def step_arrive(self, request, object_id):
        return self._step(request, object_id, "arrive")

    @action(description=_("期满返回"), url_path="finish", permissions=["change"])
    def step_finish(self, request, object_id):
        return self._step(request, object_id, "finish")

    @action(description=_("提前返回"), url_path="early-return", permissions=["change"])
    def step_early(self, request, object_id):
        return self._step(request, object_id, "early")

    @action(description=_("中期轮换"), url_path="rotate", permissions=["change"])
    def step_rotate(self, request, object_id):
        return self._step(request, object_id, "rotate")

    # --- the roster in Excel -------------------------------------------------------------------
    @action(description=_("下载花名册模板"), url_path="roster-template", permissions=["view"])
    def roster_template(self, request):
        return xlsx_download(roster.template_bytes(), "花名册模板", stamp=False)

    @action(description=_("导入花名册"), url_path="roster-import", permissions=["add"])
    def roster_import(self, request):
        from yuanjiang.core.jobs import check_import

        commands = Command.objects.restrict(request.user, "change")
        form = RosterUploadForm(request.POST or None, request.FILES or None, commands=commands)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            job = ImportJob.objects.create(
                kind="roster", command=form.cleaned_data["command"], file=upload,
                original_name=upload.name, created_by=request.user,
            )
            check_import.enqueue(job.pk)
            return HttpResponseRedirect(reverse("admin:core_importjob_change", args=[job.pk]))
        return TemplateResponse(request, "core/form_page.html", {
            **self.admin_site.each_context(request), "title": _("导入花名册"),
            "intro": _("请用花名册模板填写后上传。系统先检查全部数据并列出每一处错误；检查通过并经您确认后，"
                       "一次导入，有任何错误时不写入任何数据。"),
            "form": form, "submit_label": _("上传并检查"),
            "back_url": reverse("admin:people_assignment_changelist"),
        })

    @admin.action(description=_("导出花名册（所选）"), permissions=["view"])
    def export_roster(self, request, queryset):
        postings = queryset.select_related("person__home_organisation", "organisation")
        return xlsx_download(roster.export_bytes(postings, full_ids=can_see_ids(request)), "花名册")

    # --- who is where ---------------------------------------------------------------------------
    @action(description=_("在岗情况"), url_path="on-post", permissions=["view"])
    def on_post_overview(self, request):
        today = timezone.localdate()
        month = request.GET.get("month") or today.strftime("%Y-%m")
        try:
            first = dt.date.fromisoformat(f"{month}-01")
        except ValueError:
            first = today.replace(day=1)
            messages.error(request, _("月份格式应为 YYYY-MM。"))
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        rows = []
        for command in Command.objects.restrict(request.user).select_related("batch"):
            running = selectors.on_post_on(request.user, today, command=command)
            rate = selectors.on_post_rate(request.user, first, last, command=command)
            rows.append({
                "command": command,
                "posted": running.count(),
                "away": selectors.away_on(request.user, today, command=command).count(),
                "ending": selectors.ending_within(request.user, 90, today=today,
                                                  command=command).count(),
                "rate": rate,
            })
        rows = [r for r in rows if r["posted"] or r["rate"].posted_days]
        return TemplateResponse(request, "people/on_post.html", {
            **self.admin_site.each_context(request), "title": _("在岗情况"),
            "today": today, "month": first.strftime("%Y-%m"), "rows": rows,
            "ending": selectors.ending_within(request.user, 90, today=today)
            .select_related("person", "command", "organisation")[:200],
            "list_url": reverse("admin:people_assignment_changelist"),
        })


# --- leave, assessments, awards -------------------------------------------------------------


@admin.register(Leave)
class LeaveAdmin(IdSearchMixin, PlatformModelAdmin):
    id_hash_path = "person__"
    list_display = ("person", "kind", "start_date", "end_date", "returned_on", "approved_by",
                    "command_name")
    list_filter = ("kind", OnLeaveTodayFilter, ("assignment__command", ScopedRelatedFilter))
    search_fields = ("person__name", "approved_by", "reason")
    autocomplete_fields = ("assignment",)
    list_select_related = ("person", "assignment__command")
    actions_detail = ["step_return"]

    @admin.display(description=_("指挥部"))
    def command_name(self, obj):
        return obj.assignment.command

    @action(description=_("销假"), url_path="return", permissions=["change"])
    def step_return(self, request, object_id):
        leave = self.get_object(request, object_id)
        if not self.has_change_permission(request, leave):
            raise PermissionDenied
        form = StepForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                leave_return(leave, acting_user=request.user, on=form.cleaned_data["on"])
            except ValidationError as exc:
                for field, errs in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                messages.success(request, _("已销假：%(leave)s") % {"leave": leave})
                return HttpResponseRedirect(reverse("admin:people_leave_change", args=[leave.pk]))
        return TemplateResponse(request, "core/form_page.html", {
            **self.admin_site.each_context(request), "title": _("销假：%(leave)s") % {"leave": leave},
            "intro": _("销假日期为回到岗位的日期，当天计为在岗。"), "form": form,
            "submit_label": _("销假"),
            "back_url": reverse("admin:people_leave_change", args=[leave.pk]),
        })


@admin.register(Assessment)
class AssessmentAdmin(IdSearchMixin, PlatformModelAdmin):
    id_hash_path = "person__"
    list_display = ("person", "year", "grade", "assessed_by", "copied_to_home_on")
    list_filter = ("year", "grade", ("assignment__command", ScopedRelatedFilter))
    search_fields = ("person__name",)
    autocomplete_fields = ("assignment", "assessed_by")
    list_select_related = ("person", "assessed_by")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for warning in getattr(obj, "_warnings", []):
            messages.warning(request, warning)


@admin.register(Award)
class AwardAdmin(IdSearchMixin, PlatformModelAdmin):
    id_hash_path = "person__"
    list_display = ("title", "level", "person", "command", "conferred_by", "conferred_on",
                    "decision_number")
    list_filter = ("level", ("command", ScopedRelatedFilter))
    search_fields = ("title", "person__name", "decision_number", "conferred_by")
    autocomplete_fields = ("person", "command")
    list_select_related = ("person", "command")



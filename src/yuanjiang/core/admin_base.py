"""Base classes of every admin page: data scope, services for writes, Excel export, history.

`PlatformModelAdmin` shows only what `restrict(user, action)` lets the user see; out-of-scope
objects answer 404. Forms validate through the model's service (so the admin shows the same
Chinese messages as the API and the CLI) and saves go through the service.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin, StackedInline, TabularInline
from unfold.contrib.filters.admin import RelatedDropdownFilter
from unfold.decorators import action as unfold_action

from .exports import field_column, xlsx_response
from .scope import can
from .services import service_for


class ScopedRelatedFilter(RelatedDropdownFilter):
    """A dropdown of the related records that occur in the rows the user can see."""

    def field_choices(self, field, request, model_admin):
        used = model_admin.get_queryset(request).values_list(f"{self.field_path}__pk")
        related = field.related_model._default_manager.filter(pk__in=used)
        return [(obj.pk, str(obj)) for obj in related]


class ScopedFormMixin:
    """Restricts the choices of related fields to the user's scope."""

    def _scoped(self, request, db_field, kwargs):
        if "queryset" not in kwargs:
            manager = db_field.related_model._default_manager
            if hasattr(manager, "restrict"):
                kwargs["queryset"] = manager.all().restrict(request.user, "view")
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(
            db_field, request, **self._scoped(request, db_field, kwargs)
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(
            db_field, request, **self._scoped(request, db_field, kwargs)
        )


def m2m_from_form(form, service, form_fields: dict[str, str]) -> dict[str, Any]:
    """The many-to-many values of a validated form, by model field name."""
    out = {}
    for name in service.m2m_fields:
        form_name = form_fields.get(name, name)
        if form_name in form.cleaned_data:
            out[name] = list(form.cleaned_data[form_name])
    return out


def _service_form(form_class, service, request, form_fields: dict[str, str]):
    """A form class that scopes its choices and runs the service's validation."""
    to_form = {**{n: n for n in service.m2m_fields}, **form_fields}

    class ServiceValidatedForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for name, field in self.fields.items():
                qs = getattr(field, "queryset", None)
                if qs is None or not hasattr(qs, "restrict"):
                    continue
                scoped = qs.restrict(request.user, "view")
                # What the record links to already stays selectable (a work group's parent
                # command above the user's scope, say); new links must be in scope.
                current = self.initial.get(name)
                if current not in (None, "", [], ()):
                    values = current if isinstance(current, list | tuple) else [current]
                    keep = [getattr(v, "pk", v) for v in values]
                    scoped = scoped | qs.model._default_manager.filter(pk__in=keep)
                field.queryset = scoped

        def _post_clean(self):
            super()._post_clean()
            if self._errors:
                return
            m2m = m2m_from_form(self, service, form_fields)
            try:
                service.prepare(self.instance, m2m)
                service.validate(self.instance, acting_user=request.user, m2m=m2m)
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    name = to_form.get(field, field)
                    self.add_error(name if name in self.fields else None, messages)

    ServiceValidatedForm.__name__ = form_class.__name__
    return ServiceValidatedForm


class ScopedAdminMixin:
    """Lists and pages show only what restrict(user, "view") lets the user see."""

    def get_queryset(self, request):
        return super().get_queryset(request).restrict(request.user, "view")

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            # Out of scope looks exactly like missing: nothing about it is disclosed.
            raise Http404(_("记录不存在或不在您的数据范围内。"))
        return obj


class PlatformModelAdmin(ScopedAdminMixin, ScopedFormMixin, ModelAdmin):
    """Admin of a platform model: scoped, written through services, exportable."""

    #: Field paths exported to Excel; default: the list columns that are fields.
    export_fields: tuple[str, ...] | None = None
    #: Form fields that stand for many-to-many model fields the admin cannot edit directly
    #: (those with their own through model): {"pairings": "pairing_set"}.
    m2m_form_fields: dict[str, str] = {}
    actions = ["export_xlsx"]
    list_per_page = 50
    warn_unsaved_form = True

    @property
    def service(self):
        return service_for(self.model)

    # --- data scope --------------------------------------------------------------------
    def _as_object(self, request, obj):
        # unfold's action buttons ask with the object's id; an id out of scope is a 404.
        if obj is not None and not isinstance(obj, self.model):
            return self.get_object(request, str(obj))
        return obj

    def has_change_permission(self, request, obj=None):
        obj = self._as_object(request, obj)
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can(request.user, obj, "change"))

    def has_delete_permission(self, request, obj=None):
        obj = self._as_object(request, obj)
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or can(request.user, obj, "delete"))

    # --- writes through the service ------------------------------------------------------
    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return _service_form(form, self.service, request, self.m2m_form_fields)

    def save_model(self, request, obj, form, change):
        m2m = m2m_from_form(form, self.service, self.m2m_form_fields)
        self.service.save(obj, acting_user=request.user, m2m=m2m)

    def save_related(self, request, form, formsets, change):
        # Many-to-many links were set by the service; inlines go through their own services.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        service = service_for(formset.model)
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            service.delete(obj, acting_user=request.user)
        for obj in instances:
            service.save(obj, acting_user=request.user)

    def delete_model(self, request, obj):
        self.service.delete(obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.service.delete(obj, acting_user=request.user)

    def delete_view(self, request, object_id, extra_context=None):
        # A delete the service refuses (a closed supervision order, money already paid…)
        # is rolled back by the view's transaction and shown as a message on the record.
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as exc:
            self.message_user(request, "；".join(exc.messages), messages.ERROR)
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[object_id]))

    def response_action(self, request, queryset):
        # Bulk actions are all or nothing: one refused delete keeps every selected record.
        try:
            with transaction.atomic():
                return super().response_action(request, queryset)
        except ValidationError as exc:
            self.message_user(request, _("未执行，所选记录均未改动：") + "；".join(exc.messages),
                              messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    # --- history is the change log -------------------------------------------------------
    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        ct = ContentType.objects.get_for_model(obj, for_concrete_model=True)
        url = reverse("admin:core_objectchange_changelist")
        query = urlencode({"content_type__id__exact": ct.pk, "object_id": str(obj.pk)})
        return HttpResponseRedirect(f"{url}?{query}")

    # --- Excel export of the (filtered, selected) list ------------------------------------
    def get_export_columns(self, request):
        paths = self.export_fields
        if paths is None:
            paths = tuple(
                name for name in self.get_list_display(request)
                if isinstance(name, str) and self._is_field_path(name)
            )
        return [field_column(self.model, p) for p in paths]

    def _is_field_path(self, name: str) -> bool:
        try:
            field_column(self.model, name)
        except Exception:
            return False
        return True

    @admin.action(description=_("导出所选记录为 Excel"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        # The queryset comes from the restricted changelist: filters, search, selection.
        title = str(self.model._meta.verbose_name_plural)
        return xlsx_response(title, self.get_export_columns(request), queryset)


class PlatformTabularInline(ScopedFormMixin, TabularInline):
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).restrict(request.user, "view")


class PlatformStackedInline(ScopedFormMixin, StackedInline):
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).restrict(request.user, "view")



class ReadOnlyTabularInline(PlatformTabularInline):
    """Related records listed on a page for reading; each opens its own page to change."""

    can_delete = False
    max_num = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def form_page(model_admin, request, *, title, intro, form, submit, back):
    """A step's page: a form with an introduction, a submit button and a way back."""
    return TemplateResponse(request, "core/form_page.html", {
        **model_admin.admin_site.each_context(request), "title": title, "intro": intro,
        "form": form, "submit_label": submit, "back_url": back,
    })


def errors_to_form(form, exc: ValidationError, rename: dict[str, str] | None = None) -> None:
    """A service's ValidationError shown on the form's fields (renamed where they differ)."""
    rename = rename or {}
    for field, errs in exc.message_dict.items():
        name = rename.get(field, field)
        form.add_error(name if name in form.fields else None, errs)


# --- the records behind a figure ----------------------------------------------------------
#
# Every figure on a dashboard links to the list of the records it was computed from:
# `?figure_scope=<scope>&figure_period=<period>` on a list narrows it exactly as the figure
# was narrowed. The indicators app registers, per model, how (core knows no figures).

FIGURE_RECORDS: dict[str, Any] = {}


def register_figure_records(model, narrow) -> None:
    """`narrow(queryset, scope_ident, period_ident)` → the rows behind a figure."""
    FIGURE_RECORDS[model._meta.label_lower] = narrow


class FigureRecordsFilter(admin.ListFilter):
    """Hidden filter: the records behind a figure (see register_figure_records)."""

    title = _("统计口径")
    parameters = ("figure_scope", "figure_period")

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.used = {}
        for name in self.parameters:
            if name in params:
                value = params.pop(name)
                self.used[name] = value[-1] if isinstance(value, list) else value
        self.model = model

    def has_output(self):
        # Shown (and so applied: Django drops filters without output) only while a link from
        # a figure narrows the list, with a way to clear it.
        return bool(self.used)

    def choices(self, changelist):
        yield {"selected": True, "display": _("按指标口径筛选（来自驾驶舱）"),
               "query_string": changelist.get_query_string(remove=list(self.parameters))}
        yield {"selected": False, "display": _("全部"),
               "query_string": changelist.get_query_string(remove=list(self.parameters))}

    def expected_parameters(self):
        return list(self.parameters)

    def queryset(self, request, queryset):
        if not self.used:
            return queryset
        narrow = FIGURE_RECORDS.get(self.model._meta.label_lower)
        if narrow is None:
            return queryset
        try:
            return narrow(queryset, self.used.get("figure_scope", ""), self.used.get("figure_period", ""))
        except ValidationError as exc:
            raise admin.options.IncorrectLookupParameters(exc) from exc


# --- Excel imports through the job pages ---------------------------------------------------

IMPORT_INTRO = _("请用模板填写后上传。系统先检查全部数据并列出每一处错误；检查通过并经您确认后，"
                 "一次导入，有任何错误时不写入任何数据。")


def import_upload(model_admin, request, *, kind, form_class, title, intro, back):
    """The upload page of an import: the file and the command it is for; the job page
    then shows the check, and the import once confirmed."""
    from .jobs import check_import
    from .models import Command, ImportJob

    commands = Command.objects.restrict(request.user, "change")
    form = form_class(request.POST or None, request.FILES or None, commands=commands)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = ImportJob.objects.create(kind=kind, command=form.cleaned_data["command"], file=upload,
                                       original_name=upload.name, created_by=request.user)
        check_import.enqueue(job.pk)
        return HttpResponseRedirect(reverse("admin:core_importjob_change", args=[job.pk]))
    return form_page(model_admin, request, title=title, intro=intro, form=form,
                     submit=_("上传并检查"), back=back)


class RecordImportAdmin(PlatformModelAdmin):
    """A list with a template to download and an Excel import (`record_import`)."""

    record_import = None  # a yuanjiang.core.record_import.RecordImport
    actions = ["export_xlsx", "export_sheet"]
    actions_list = ["sheet_template", "sheet_import"]

    @admin.action(description=_("导出所选记录（导入格式）"), permissions=["view"])
    def export_sheet(self, request, queryset):
        from .exports import xlsx_download

        spec = self.record_import
        return xlsx_download(spec.export(queryset), spec.sheet.name)

    @unfold_action(description=_("下载导入模板"), url_path="sheet-template", permissions=["view"])
    def sheet_template(self, request):
        from .exports import xlsx_download

        spec = self.record_import
        return xlsx_download(spec.template(), f"{spec.sheet.name}导入模板", stamp=False)

    @unfold_action(description=_("从 Excel 导入"), url_path="sheet-import", permissions=["add"])
    def sheet_import(self, request):
        from .forms import XlsxUploadForm

        opts = self.model._meta
        spec = self.record_import
        return import_upload(self, request, kind=spec.kind, form_class=XlsxUploadForm,
                             title=_("导入%(what)s") % {"what": spec.sheet.name}, intro=IMPORT_INTRO,
                             back=reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))

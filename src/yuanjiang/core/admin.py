from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.admin import TokenAdmin as BaseTokenAdmin
from rest_framework.authtoken.models import TokenProxy
from unfold.admin import ModelAdmin
from unfold.contrib.filters.admin import RangeDateTimeFilter
from unfold.forms import AdminPasswordChangeForm, UserChangeForm, UserCreationForm

from .admin_base import (
    PlatformModelAdmin,
    PlatformTabularInline,
    ScopedAdminMixin,
    ScopedRelatedFilter,
)
from .choices import Role
from .models import (
    Batch,
    Command,
    CommandMember,
    ImportJob,
    ImportStatus,
    ObjectChange,
    Organisation,
    Pairing,
    Region,
    User,
)


@admin.register(Region)
class RegionAdmin(PlatformModelAdmin):
    list_display = ("code", "name", "level", "parent", "xpcc_division", "full_name")
    list_filter = ("level",)
    search_fields = ("code", "name", "full_name", "xpcc_division")
    autocomplete_fields = ("parent",)
    readonly_fields = ("path",)
    fields = ("code", "name", "full_name", "level", "parent", "xpcc_division", "source", "path")
    export_fields = ("code", "name", "full_name", "level", "parent", "xpcc_division", "source")

    def get_readonly_fields(self, request, obj=None):
        # The code is the key: fixed once the region exists.
        return ("code", "path") if obj else ("path",)


@admin.register(Organisation)
class OrganisationAdmin(PlatformModelAdmin):
    list_display = ("name", "kind", "region", "parent", "uscc")
    list_filter = ("kind", ("region", ScopedRelatedFilter))
    search_fields = ("name", "uscc", "region__name")
    autocomplete_fields = ("region", "parent")
    list_select_related = ("region", "parent")


@admin.register(Pairing)
class PairingAdmin(PlatformModelAdmin):
    list_display = (
        "supporting_region", "recipient_region", "supporting_province", "level", "from_year",
        "to_year",
    )
    list_filter = ("level", ("supporting_province", ScopedRelatedFilter))
    search_fields = (
        "supporting_region__name", "supporting_region__code", "recipient_region__name",
        "recipient_region__code", "recipient_region__xpcc_division",
    )
    autocomplete_fields = ("supporting_region", "recipient_region")
    readonly_fields = ("supporting_province",)
    list_select_related = ("supporting_region", "recipient_region", "supporting_province")
    export_fields = (
        "supporting_region", "supporting_region__code", "recipient_region",
        "recipient_region__code", "supporting_province", "level", "from_year", "to_year",
        "note", "source",
    )


@admin.register(Batch)
class BatchAdmin(PlatformModelAdmin):
    list_display = ("__str__", "supporting_region", "number", "start_date", "end_date",
                    "command_count")
    list_filter = (("supporting_region", ScopedRelatedFilter),)
    search_fields = ("name", "supporting_region__name")
    autocomplete_fields = ("supporting_region",)
    list_select_related = ("supporting_region",)
    export_fields = ("supporting_region", "number", "name", "start_date", "end_date", "note",
                     "source")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_commands=Count("commands"))

    @admin.display(description=_("指挥部数"), ordering="_commands")
    def command_count(self, obj):
        return obj._commands


class CommandAdminForm(forms.ModelForm):
    """Pairings go through CommandPairing (which holds the batch), so the admin edits them
    with a form field of its own; the service sets the links."""

    pairing_set = forms.ModelMultipleChoiceField(
        queryset=Pairing.objects.all(),
        label=_("对口支援关系"),
        help_text=_("本指挥部负责的对口支援关系；同一批次中每个关系只能由一个指挥部负责。"),
        widget=AutocompleteSelectMultiple(
            Command._meta.get_field("pairings"), admin.site,
            attrs={"class": "unfold-admin-autocomplete admin-autocomplete"},
        ),
    )

    class Meta:
        model = Command
        fields = ["name", "kind", "batch", "parent", "address", "phone", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["pairing_set"] = list(self.instance.pairings.all())


class CommandMemberInline(PlatformTabularInline):
    model = CommandMember
    fields = ("sort_order", "name", "role", "title", "organisation", "phone")
    autocomplete_fields = ("organisation",)


@admin.register(Command)
class CommandAdmin(PlatformModelAdmin):
    list_display = ("name", "kind", "batch", "parent", "pairing_list")
    list_filter = ("kind", ("batch", ScopedRelatedFilter))
    search_fields = ("name", "pairings__recipient_region__name",
                     "pairings__supporting_region__name")
    form = CommandAdminForm
    m2m_form_fields = {"pairings": "pairing_set"}
    fields = ("name", "kind", "batch", "parent", "pairing_set", "address", "phone", "note")
    autocomplete_fields = ("batch", "parent")
    list_select_related = ("batch__supporting_region", "parent")
    inlines = [CommandMemberInline]
    export_fields = ("name", "kind", "batch", "parent", "pairings", "address", "phone")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(
            "pairings__supporting_region", "pairings__recipient_region"
        )

    def _own_command(self, request, obj) -> bool:
        user = request.user
        return obj is not None and user.role == Role.COMMAND_STAFF and obj.pk == user.scope_command_id

    def get_fields(self, request, obj=None):
        if self._own_command(request, obj):
            # Its place in the structure belongs to the home office (see CommandService).
            return ("name", "kind", "batch", "parent", "pairing_list", "address", "phone", "note")
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if self._own_command(request, obj):
            return ("batch", "parent", "pairing_list")
        return super().get_readonly_fields(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self._own_command(request, obj):
            kwargs["form"] = forms.ModelForm  # no pairing field to fill in
        return super().get_form(request, obj, change=change, **kwargs)

    @admin.display(description=_("对口支援关系"))
    def pairing_list(self, obj):
        return "、".join(str(p) for p in obj.pairings.all())


@admin.register(CommandMember)
class CommandMemberAdmin(PlatformModelAdmin):
    list_display = ("name", "title", "role", "command", "organisation", "phone")
    list_filter = ("role", ("command", ScopedRelatedFilter))
    search_fields = ("name", "title", "command__name")
    autocomplete_fields = ("command", "organisation")
    list_select_related = ("command", "organisation")


@admin.register(User)
class UserAdmin(PlatformModelAdmin, BaseUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    change_password_form = AdminPasswordChangeForm
    list_display = ("username", "get_full_name", "role", "scope_command", "scope_region",
                    "is_active", "last_login")
    list_filter = ("role", "is_active")
    search_fields = ("username", "last_name", "first_name", "email", "phone")
    autocomplete_fields = ("scope_command", "scope_region", "organisation")
    list_select_related = ("scope_command", "scope_region")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("个人信息"), {"fields": ("last_name", "first_name", "email", "phone", "organisation")}),
        (_("角色与数据范围"), {"fields": ("role", "scope_command", "scope_region", "is_active")}),
        (_("额外权限"), {"classes": ["collapse"], "fields": ("groups", "user_permissions")}),
        (_("重要日期"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "password1", "password2")}),
        (_("角色与数据范围"), {"fields": ("role", "scope_command", "scope_region")}),
    )
    readonly_fields = ("last_login", "date_joined")
    export_fields = ("username", "last_name", "first_name", "role", "scope_command",
                     "scope_region", "organisation", "phone", "email", "is_active", "last_login")

    @admin.display(description=_("姓名"))
    def get_full_name(self, obj):
        return obj.get_full_name()


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(BaseGroupAdmin, ModelAdmin):
    pass


admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class TokenAdmin(BaseTokenAdmin, ModelAdmin):
    pass


@admin.register(ImportJob)
class ImportJobAdmin(ScopedAdminMixin, ModelAdmin):
    """Uploads and their checking and importing. A job's page shows its progress, its row
    errors or its summary, and lets the uploader confirm the import."""

    list_display = ("original_name", "kind", "command", "status", "total_rows", "created_by",
                    "created_at")
    list_filter = ("status", "kind")
    search_fields = ("original_name",)
    list_select_related = ("command", "created_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        from django.urls import path

        return [
            path("<int:object_id>/progress/", self.admin_site.admin_view(self.progress_view),
                 name="core_importjob_progress"),
            *super().get_urls(),
        ]

    def _context(self, request, job):
        from django.urls import reverse

        from .jobs import PAGES, progress

        done, total = progress(job)
        result, upload = PAGES.get(job.kind, (None, None))
        return {
            **self.admin_site.each_context(request),
            "title": _("导入：%(name)s") % {"name": job.original_name},
            "job": job,
            "percent": int(100 * done / total) if total else 0,
            "progress_text": f"{done} / {total}",
            "summary_text": "，".join(job.summary.get("lines", [])),
            "progress_url": reverse("admin:core_importjob_progress", args=[job.pk]),
            "result_url": reverse(result) + f"?command__id__exact={job.command_id}" if result else "",
            "retry_url": reverse(upload) if upload else "",
        }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        from django.contrib import messages
        from django.http import HttpResponseRedirect
        from django.template.response import TemplateResponse

        from .jobs import commit_import

        job = self.get_object(request, object_id)
        if request.method == "POST" and "confirm" in request.POST:
            if job.created_by_id != request.user.pk:
                raise PermissionDenied(_("只有上传人可以确认导入。"))
            if job.status != ImportStatus.CHECKED:
                messages.error(request, _("该文件当前不能导入（状态：%(s)s）。") % {
                    "s": job.get_status_display()})
            else:
                ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.COMMITTING)
                commit_import.enqueue(job.pk)
            return HttpResponseRedirect(request.path)
        return TemplateResponse(request, "core/import_job.html", self._context(request, job))

    def progress_view(self, request, object_id):
        from django.template.response import TemplateResponse

        job = self.get_object(request, str(object_id))
        return TemplateResponse(request, "core/import_progress.html", self._context(request, job))


@admin.register(ObjectChange)
class ObjectChangeAdmin(ScopedAdminMixin, ModelAdmin):
    """The change log: read by everyone within their scope, changed by nobody."""

    list_display = ("time", "user_name", "source", "action", "content_type", "object_repr")
    list_filter = (
        "action", "source", "content_type", ("time", RangeDateTimeFilter),
    )
    search_fields = ("object_repr", "user_name", "object_id", "=request_id")
    list_select_related = ("content_type",)
    date_hierarchy = None
    fields = ("time", "user_name", "source", "action", "content_type", "object_id",
              "object_repr", "request_id", "changes")
    readonly_fields = fields
    list_filter_submit = True

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def lookup_allowed(self, lookup, value, request=None):
        return lookup in ("object_id", "content_type__id__exact") or super().lookup_allowed(
            lookup, value, request
        )

    @admin.display(description=_("变更内容"))
    def changes(self, obj):
        rows = obj.diff()
        if not rows:
            return "—"
        body = format_html_join(
            "",
            '<tr><td class="px-2 py-1 font-medium">{}</td><td class="px-2 py-1">{}</td>'
            '<td class="px-2 py-1">{}</td></tr>',
            ((field, _show(before), _show(after)) for field, before, after in rows),
        )
        return format_html(
            '<table class="border"><thead><tr><th class="px-2 py-1">{}</th>'
            '<th class="px-2 py-1">{}</th><th class="px-2 py-1">{}</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            _("字段"), _("变更前"), _("变更后"), body,
        )


def _show(value):
    return "—" if value is None else str(value)

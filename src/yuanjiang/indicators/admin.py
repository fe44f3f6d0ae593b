"""Back-office pages of the indicators app: the catalog, reported values (scope and period
chosen as users say them), source documents, and the approvals with their steps."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from unfold.decorators import action

from yuanjiang.core.admin_base import PlatformModelAdmin, errors_to_form, form_page

from .choices import ApprovalStatus
from .computed import computed_codes
from .models import Approval, Indicator, SourceDocument, Value
from .scopes import ScopeError, parse_period
from .selectors import period_choices, scope_choices, scope_for
from .services import (
    FIXED,
    approval_approve,
    approval_return,
    approval_submit,
)


class ScopeAndPeriodColumns:
    """The scope and period of a row (a value, an approval, a report job) as users read them."""

    @admin.display(description=_("范围"))
    def scope_label(self, obj):
        return obj.scope.label

    @admin.display(description=_("时期"))
    def period_label(self, obj):
        return obj.period.label


@admin.register(Indicator)
class IndicatorAdmin(PlatformModelAdmin):
    list_display = ("code", "name", "unit", "kind", "aggregation", "how", "builtin")
    list_filter = ("kind", "aggregation", "builtin")
    search_fields = ("code", "name", "meaning")
    fields = ("code", "name", "unit", "kind", "aggregation", "meaning", "order", "builtin")

    def get_readonly_fields(self, request, obj=None):
        fixed = FIXED if obj is not None and obj.builtin else ()
        return (*fixed, "builtin")

    @admin.display(description=_("取得方式"))
    def how(self, obj):
        if obj.code in computed_codes():
            return _("由业务记录计算（无记录时用填报值）")
        return _("填报或文稿提取")


class ValueForm(forms.ModelForm):
    """Scope and period as the user picks and writes them; the rest as on the model."""

    scope_choice = forms.ChoiceField(label=_("范围"))
    period_text = forms.CharField(label=_("时期"), max_length=20, help_text=_(
        "2022（年度）、2022Q3（季度，本年累计）、2022-05（月度，本年累计）、"
        "batch（指挥部本批次）或 batch:10"))

    class Meta:
        model = Value
        fields = ("indicator", "value", "qualifier", "numerator", "denominator", "status", "document",
                  "span_start", "span_end", "quote", "note")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["scope_choice"].choices = [("", "——")] + scope_choices(user)
        if self.instance.pk:
            self.fields["scope_choice"].initial = self.instance.scope_key
            self.fields["period_text"].initial = self.instance.period.key
        order = ["indicator", "scope_choice", "period_text"]
        self.order_fields(order + [n for n in self.fields if n not in order])

    def clean(self):
        data = super().clean()
        ident, written = data.get("scope_choice"), data.get("period_text")
        if not ident or not written:
            return data
        try:
            scope = scope_for(self.user, ident)
        except ScopeError as exc:
            self.add_error("scope_choice", exc.messages)
            return data
        try:
            period = parse_period(written, scope)
        except ScopeError as exc:
            self.add_error("period_text", exc.messages)
            return data
        for name, value in {**scope.fields(), **period.fields()}.items():
            setattr(self.instance, name, value)
        return data


@admin.register(Value)
class ValueAdmin(ScopeAndPeriodColumns, PlatformModelAdmin):
    form = ValueForm
    list_display = ("indicator", "scope_label", "period_label", "value", "qualifier", "source", "status",
                    "document")
    list_filter = ("indicator", "scope_kind", "period_kind", "source", "status", "qualifier")
    search_fields = ("indicator__code", "indicator__name", "quote", "note", "document__title")
    list_select_related = ("indicator", "command", "pairing__supporting_region",
                           "pairing__recipient_region", "supporting_region", "recipient_region",
                           "batch", "document")
    autocomplete_fields = ("indicator", "document")
    export_fields = ("indicator__code", "indicator__name", "scope_key", "period_key", "value",
                     "qualifier", "source", "status", "quote", "note")

    def lookup_allowed(self, lookup, value, request=None):
        # The dashboard links a reported figure to the values it stands on (?id__in=1,2).
        return lookup == "id__in" or super().lookup_allowed(lookup, value, request)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class WithUser(form_class):
            def __init__(self, *args, **kw):
                super().__init__(*args, user=request.user, **kw)

        return WithUser


@admin.register(SourceDocument)
class SourceDocumentAdmin(PlatformModelAdmin):
    list_display = ("title", "published_on", "command", "uploaded_by", "created", "figures_link")
    search_fields = ("title", "text", "url")
    readonly_fields = ("uploaded_by",)
    autocomplete_fields = ("command", "supporting_region", "recipient_region")
    list_select_related = ("command", "uploaded_by")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description=_("文稿数字"))
    def figures_link(self, obj):
        return format_html('<a class="text-primary-600" href="{}">{}</a>',
                           reverse("admin:ingest_extractedfigure_review", args=[obj.pk]), _("审核数字"))


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("退回理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=500)


@admin.register(Approval)
class ApprovalAdmin(ScopeAndPeriodColumns, PlatformModelAdmin):
    list_display = ("scope_label", "period_label", "status", "submitted_by", "submitted_at",
                    "decided_by", "decided_at", "dashboard")
    list_filter = ("status", "scope_kind", "period_kind")
    search_fields = ("command__name", "scope_key", "period_key")
    list_select_related = ("command", "pairing__supporting_region", "pairing__recipient_region",
                           "supporting_region", "recipient_region", "batch", "submitted_by", "decided_by")
    readonly_fields = ("scope_label", "period_label", "status", "submitted_by", "submitted_at",
                       "decided_by", "decided_at", "return_reason", "dashboard")
    fields = readonly_fields
    actions_detail = ["step_submit", "step_approve", "step_return"]

    def has_add_permission(self, request):
        return False  # an approval is opened from the dashboard of its scope and period

    @admin.display(description=_("驾驶舱"))
    def dashboard(self, obj):
        url = reverse("admin:reports_reportjob_dashboard")
        return format_html('<a class="text-primary-600" href="{}?scope={}&period={}">{}</a>', url,
                           obj.scope_key, obj.period.key, _("查看数据"))

    def _step(self, request, object_id, fn, done, **kwargs):
        approval = self.get_object(request, object_id)
        try:
            fn(approval, acting_user=request.user, **kwargs)
        except (ValidationError, PermissionDenied) as exc:
            text = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            messages.error(request, text)
        else:
            messages.success(request, done)
        return HttpResponseRedirect(reverse("admin:indicators_approval_change", args=[approval.pk]))

    @action(description=_("报送"), url_path="submit", permissions=["change"])
    def step_submit(self, request, object_id):
        return self._step(request, object_id, approval_submit, _("已报送，等待后方审核。"))

    @action(description=_("审核通过"), url_path="approve", permissions=["change"])
    def step_approve(self, request, object_id):
        return self._step(request, object_id, approval_approve, _("已审核通过，数值已冻结。"))

    @action(description=_("退回"), url_path="return", permissions=["change"])
    def step_return(self, request, object_id):
        approval = self.get_object(request, object_id)
        form = ReturnForm(request.POST or None)
        back = reverse("admin:indicators_approval_change", args=[approval.pk])
        if request.method == "POST" and form.is_valid():
            try:
                approval_return(approval, acting_user=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as exc:
                errors_to_form(form, exc, {"return_reason": "reason"})
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("已退回。"))
                return HttpResponseRedirect(back)
        return form_page(self, request, title=_("退回：%(a)s") % {"a": approval}, form=form,
                         intro=_("退回后由报送方修改数据并重新报送；已审核的数据退回后解除冻结。"),
                         submit=_("退回"), back=back)


__all__ = ["ApprovalStatus", "period_choices"]

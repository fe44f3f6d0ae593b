"""Forms of the project pages: stage steps, progress reports with attachments, supervision
orders, the figures page's choices and the uploads."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from unfold.widgets import (
    UnfoldAdminDateWidget,
    UnfoldAdminIntegerFieldWidget,
    UnfoldAdminSelectWidget,
    UnfoldAdminTextareaWidget,
    UnfoldAdminTextInputWidget,
)

from yuanjiang.core.forms import XlsxUploadForm

from .choices import STAGE_ORDER, Stage, WarningKind


class AdvanceForm(forms.Form):
    stage = forms.ChoiceField(label=_("推进到"), widget=UnfoldAdminSelectWidget)
    on = forms.DateField(label=_("日期"), widget=UnfoldAdminDateWidget, initial=timezone.localdate)
    note = forms.CharField(label=_("说明"), required=False, max_length=300,
                           widget=UnfoldAdminTextInputWidget)

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        later = [(s.value, s.label) for s in Stage if STAGE_ORDER[s] > STAGE_ORDER[current]]
        self.fields["stage"].choices = later
        if later:
            self.fields["stage"].initial = later[0][0]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={
            "class": "text-sm", "accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ProgressForm(forms.Form):
    date = forms.DateField(label=_("日期"), widget=UnfoldAdminDateWidget, initial=timezone.localdate)
    percent = forms.IntegerField(label=_("形象进度（%）"), min_value=0, max_value=100,
                                 widget=UnfoldAdminIntegerFieldWidget)
    note = forms.CharField(label=_("进展情况"), required=False, widget=UnfoldAdminTextareaWidget)
    files = MultipleFileField(
        label=_("附件"), required=False,
        help_text=_("可多选；PDF、JPG、PNG、Word（.docx）或 Excel（.xlsx），每个不超过 20 MB。"))


class SupervisionForm(forms.Form):
    reason = forms.ChoiceField(label=_("督办事由"), choices=WarningKind.choices,
                               widget=UnfoldAdminSelectWidget)
    issued_by = forms.CharField(label=_("督办单位"), max_length=120, widget=UnfoldAdminTextInputWidget)
    issued_on = forms.DateField(label=_("督办日期"), widget=UnfoldAdminDateWidget,
                                initial=timezone.localdate)
    assignee = forms.CharField(label=_("责任单位（人）"), max_length=120,
                               widget=UnfoldAdminTextInputWidget)
    requirement = forms.CharField(label=_("督办要求"), widget=UnfoldAdminTextareaWidget)
    due_date = forms.DateField(label=_("办结时限"), widget=UnfoldAdminDateWidget,
                               initial=lambda: timezone.localdate() + dt.timedelta(days=15))


class CloseForm(forms.Form):
    on = forms.DateField(label=_("办结日期"), widget=UnfoldAdminDateWidget, initial=timezone.localdate)
    resolution = forms.CharField(label=_("办理结果"), widget=UnfoldAdminTextareaWidget)


class PlanUploadForm(XlsxUploadForm):
    file_label = _("项目计划文件（.xlsx）")


class DisbursementUploadForm(XlsxUploadForm):
    file_label = _("资金拨付文件（.xlsx）")

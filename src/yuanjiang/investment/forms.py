"""Forms of the investment pages: the pipeline step."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from unfold.widgets import UnfoldAdminDateWidget, UnfoldAdminSelectWidget, UnfoldAdminTextInputWidget

from .choices import PIPELINE_ORDER, PipelineStage


class PipelineForm(forms.Form):
    stage = forms.ChoiceField(label=_("推进到"), widget=UnfoldAdminSelectWidget)
    on = forms.DateField(label=_("日期"), widget=UnfoldAdminDateWidget, initial=timezone.localdate)
    agreement_amount = forms.DecimalField(label=_("签约协议金额（元）"), required=False,
                                          max_digits=15, decimal_places=2, min_value=0.01,
                                          widget=UnfoldAdminTextInputWidget,
                                          help_text=_("签约时填写；已填写的可留空。"))
    note = forms.CharField(label=_("说明"), required=False, max_length=300,
                           widget=UnfoldAdminTextInputWidget)

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        later = [(s.value, s.label) for s in PipelineStage
                 if PIPELINE_ORDER.index(s) > PIPELINE_ORDER.index(current)]
        self.fields["stage"].choices = later
        if later:
            self.fields["stage"].initial = later[0][0]

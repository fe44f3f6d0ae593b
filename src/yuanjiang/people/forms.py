"""Forms of the people pages: the ID number field, status steps, leave return, roster upload."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from unfold.widgets import UnfoldAdminDateWidget, UnfoldAdminTextInputWidget

from yuanjiang.core.forms import XlsxUploadForm

from .models import Person


class PersonForm(forms.ModelForm):
    """The ID number is entered in clear and kept encrypted; users without the permission
    to see it never get it back in the form."""

    id_number = forms.CharField(
        label=_("身份证号"), max_length=20, required=False,
        widget=UnfoldAdminTextInputWidget(attrs={"autocomplete": "off"}),
    )

    class Meta:
        model = Person
        fields = ["name", "gender", "ethnicity", "birth_date", "political_status", "education",
                  "professional_title", "phone", "home_organisation", "home_post",
                  "registered_by", "note"]

    def __init__(self, *args, can_see_id: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["id_number"]
        if self.instance.pk:
            field.help_text = _("留空则不修改。当前：%(masked)s") % {
                "masked": self.instance.id_number_masked}
            if can_see_id:
                self.initial["id_number"] = self.instance.id_number
        else:
            field.required = True
            field.help_text = _("18 位；出生日期和性别留空时按身份证号填写。")
        for name in ("birth_date", "gender"):
            if name in self.fields:
                self.fields[name].required = False

    def _post_clean(self):
        value = self.cleaned_data.get("id_number")
        if value:
            self.instance.set_id_number(value)
        super()._post_clean()


class StepForm(forms.Form):
    on = forms.DateField(label=_("日期"), widget=UnfoldAdminDateWidget, initial=timezone.localdate)


class FinishForm(StepForm):
    reason = forms.CharField(label=_("返回原因"), required=False, max_length=200,
                             widget=UnfoldAdminTextInputWidget)


class RotateForm(StepForm):
    successor_id_number = forms.CharField(
        label=_("接替人员身份证号"), max_length=20, widget=UnfoldAdminTextInputWidget,
        help_text=_("接替人员须已在平台登记。"))
    post = forms.CharField(label=_("接替后挂职职务"), required=False, max_length=80,
                           widget=UnfoldAdminTextInputWidget, help_text=_("留空则沿用原职务。"))


class RosterUploadForm(XlsxUploadForm):
    file_label = _("花名册文件（.xlsx）")

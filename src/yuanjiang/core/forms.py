"""Forms shared by the pages of every app."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from unfold.widgets import UnfoldAdminFileFieldWidget, UnfoldAdminSelectWidget

from .models import Command


class XlsxUploadForm(forms.Form):
    """An Excel file for one of the commands the user may change."""

    file_label = _("Excel 文件（.xlsx）")

    command = forms.ModelChoiceField(label=_("指挥部"), queryset=Command.objects.none(),
                                     widget=UnfoldAdminSelectWidget)
    file = forms.FileField(widget=UnfoldAdminFileFieldWidget)

    def __init__(self, *args, commands=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = self.file_label
        self.fields["command"].queryset = commands
        if commands is not None and commands.count() == 1:
            self.fields["command"].initial = commands.first()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("请上传 .xlsx 格式的 Excel 文件（可先下载模板）。"))
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError(_("文件不能超过 20 MB。"))
        return upload

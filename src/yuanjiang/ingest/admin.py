"""Back-office pages of the ingest app: upload a text and review its figures (the text with
every figure highlighted and labelled; accept, correct or reject each, then load the
accepted ones as reported values of a scope and period), and fact-check a draft."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from unfold.decorators import action

from yuanjiang.core.admin_base import PlatformModelAdmin
from yuanjiang.core.scope import can
from yuanjiang.indicators.choices import Qualifier
from yuanjiang.indicators.models import Indicator, SourceDocument
from yuanjiang.indicators.scopes import ScopeError, parse_period
from yuanjiang.indicators.selectors import scope_choices, scope_for

from .factcheck import VERDICTS, check
from .models import Decision, ExtractedFigure
from .services import Choice, review, upload
from .text import Source, SourceError, read_bytes

MAX_UPLOAD = 10 * 1024 * 1024
PERIOD_HELP = gettext_lazy("2022、2022Q3（本年累计）、2022-05（本年累计）、batch（指挥部本批次）或 batch:10")


class TextForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("文件"), required=False,
                           help_text=gettext_lazy("文本（.txt，UTF-8）、Word（.docx）或网页（.html）"))
    pasted = forms.CharField(label=gettext_lazy("或粘贴正文"), required=False,
                             widget=forms.Textarea(attrs={"rows": 8}))
    scope = forms.ChoiceField(label=gettext_lazy("范围"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["scope"].choices = [("", "——")] + scope_choices(user)

    def clean(self):
        data = super().clean()
        upload_file, pasted = data.get("file"), (data.get("pasted") or "").strip()
        if not upload_file and not pasted:
            raise ValidationError(_("请上传文件或粘贴正文。"))
        try:
            if upload_file:
                if upload_file.size > MAX_UPLOAD:
                    raise SourceError(_("%(n)s：文件过大（超过 10 MB）") % {"n": upload_file.name})
                data["source"] = read_bytes(upload_file.read(), upload_file.name)
                data["file_name"] = upload_file.name
            else:
                data["source"] = Source(pasted, "text")
                data["file_name"] = ""
        except SourceError as exc:
            self.add_error("file", str(exc))
        if data.get("scope"):
            try:
                data["scope_obj"] = scope_for(self.user, data["scope"])
            except ScopeError as exc:
                self.add_error("scope", exc.messages)
        return data


class UploadForm(TextForm):
    title = forms.CharField(label=gettext_lazy("标题"), max_length=200)
    published_on = forms.DateField(label=gettext_lazy("发布日期"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))
    url = forms.URLField(label=gettext_lazy("网址"), required=False, assume_scheme="https")

    field_order = ["title", "file", "pasted", "scope", "published_on", "url"]


class FactCheckForm(TextForm):
    period = forms.CharField(label=gettext_lazy("时期"), max_length=20, help_text=PERIOD_HELP)

    def clean(self):
        data = super().clean()
        if data.get("scope_obj") and data.get("period"):
            try:
                data["period_obj"] = parse_period(data["period"], data["scope_obj"])
            except ScopeError as exc:
                self.add_error("period", exc.messages)
        return data


def highlighted(document: SourceDocument, figures: list[ExtractedFigure]) -> str:
    """The document's text, every figure marked and titled with its label."""
    text, pos, parts = document.text, 0, []
    for f in sorted(figures, key=lambda f: f.start):
        if f.start < pos:
            continue
        parts.append(format_html("{}", text[pos:f.start]))
        label = f.indicator.name if f.indicator else _("未标注指标")
        css = {Decision.ACCEPTED: "bg-green-200", Decision.REJECTED: "bg-base-200 line-through"}.get(
            f.decision, "bg-amber-200")
        parts.append(format_html('<mark id="f{}" class="{} rounded px-0.5" title="{}">{}</mark>',
                                 f.pk, css, label, text[f.start:f.end]))
        pos = f.end
    parts.append(format_html("{}", text[pos:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped by format_html


@admin.register(ExtractedFigure)
class ExtractedFigureAdmin(PlatformModelAdmin):
    list_display = ("text", "document", "kind", "value", "qualifier", "indicator", "decision")
    list_filter = ("decision", "kind", "indicator")
    search_fields = ("text", "sentence", "document__title")
    list_select_related = ("document", "indicator")
    readonly_fields = ("document", "start", "end", "text", "kind", "value", "unit", "qualifier", "indicator",
                       "sentence", "decision", "accepted_value")
    actions_list = ["upload_page", "factcheck_page"]

    def has_add_permission(self, request):
        return False  # figures come from an uploaded text

    def get_urls(self):
        return [path("review/<int:pk>/", self.admin_site.admin_view(self.review_page),
                     name="ingest_extractedfigure_review"), *super().get_urls()]

    # --- upload -----------------------------------------------------------------------
    @action(description=gettext_lazy("上传文稿并提取数字"), url_path="upload", permissions=["view"])
    def upload_page(self, request):
        if not request.user.has_perm("indicators.add_sourcedocument"):
            raise PermissionDenied(_("您没有上传文稿的权限。"))
        form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                document = upload(acting_user=request.user, source=d["source"], title=d["title"],
                                  scope=d["scope_obj"], file_name=d["file_name"],
                                  published_on=d.get("published_on"), url=d.get("url") or "")
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, _("已提取 %(n)s 个数字，请逐一审核。") % {
                    "n": document.figures.count()})
                return HttpResponseRedirect(
                    reverse("admin:ingest_extractedfigure_review", args=[document.pk]))
        return TemplateResponse(request, "core/form_page.html", {
            **self.admin_site.each_context(request), "title": _("上传文稿并提取数字"), "form": form,
            "intro": _("上传工作总结、讲话或新闻稿，平台找出其中的每个数字并标注对应的指标；"
                       "您逐一核对、修改或舍弃后，把采用的数字载入为所选范围和时期的填报数值，保留原文出处。"),
            "submit_label": _("上传并提取"), "back_url": reverse("admin:ingest_extractedfigure_changelist")})

    # --- review -----------------------------------------------------------------------
    def review_page(self, request, pk):
        document = SourceDocument.objects.restrict(request.user, "view").filter(pk=pk).first()
        if document is None:
            raise Http404(_("记录不存在或不在您的数据范围内。"))
        figures = list(ExtractedFigure.objects.restrict(request.user, "view").filter(document=document)
                       .select_related("indicator", "accepted_value"))
        indicators = list(Indicator.objects.all())
        scope_options = scope_choices(request.user)
        chosen_scope = request.POST.get("scope") or (
            f"command:{document.command_id}" if document.command_id else (scope_options[0][0] if scope_options
                                                                          else ""))
        errors: list[str] = []
        if request.method == "POST":
            if not can(request.user, document, "change"):
                raise PermissionDenied(_("您不能审核这篇文稿的数字。"))
            try:
                scope = scope_for(request.user, request.POST.get("scope", ""))
                period = parse_period(request.POST.get("period", ""), scope)
            except ScopeError as exc:
                errors.extend(exc.messages)
            else:
                choices, bad = self._choices(request, figures, indicators)
                errors.extend(bad)
                if not errors:
                    try:
                        counts = review(document, acting_user=request.user, scope=scope, period=period,
                                        choices=choices)
                    except ValidationError as exc:
                        errors.extend(exc.messages)
                    else:
                        messages.success(request, _(
                            "已采用 %(a)s 个、舍弃 %(r)s 个数字，载入为%(s)s%(p)s的填报数值。") % {
                            "a": counts["accepted"], "r": counts["rejected"], "s": scope.label,
                            "p": period.label})
                        return HttpResponseRedirect(request.path)
        if errors:  # nothing was written: show the figures as they are stored
            figures = list(ExtractedFigure.objects.restrict(request.user, "view").filter(document=document)
                           .select_related("indicator", "accepted_value"))
        for f in figures:
            f.context = document.text[max(0, f.start - 24):f.end + 12].replace("\n", " ")
        pending = [f for f in figures if f.decision == Decision.PENDING]
        return TemplateResponse(request, "ingest/review.html", {
            **self.admin_site.each_context(request),
            "title": _("审核文稿数字：%(t)s") % {"t": document.title},
            "document": document, "figures": figures, "pending": pending,
            "highlighted": highlighted(document, figures),
            "indicators": indicators, "qualifiers": Qualifier.choices, "scope_options": scope_options,
            "chosen_scope": chosen_scope, "period": request.POST.get("period", ""), "errors": errors,
            "period_help": PERIOD_HELP})

    @staticmethod
    def _choices(request, figures, indicators):
        """The reviewer's choice for each pending figure: 采用 (take, possibly corrected),
        舍弃 (drop), or left for later."""
        by_pk = {str(i.pk): i for i in indicators}
        choices, bad = [], []
        pending = [f for f in figures if f.decision == Decision.PENDING]
        for n, f in enumerate(pending, start=1):
            act = request.POST.get(f"act-{f.pk}")
            if act not in ("take", "drop"):
                continue
            raw = (request.POST.get(f"value-{f.pk}") or "").strip().replace(",", "")
            value = None
            if raw:
                try:
                    value = Decimal(raw)
                except InvalidOperation:
                    bad.append(_("第 %(n)s 个数字“%(t)s”：数值“%(v)s”不是数字。") % {
                        "n": n, "t": f.text, "v": raw})
                    continue
            qualifier = request.POST.get(f"qualifier-{f.pk}")
            choices.append(Choice(f, act == "take", by_pk.get(request.POST.get(f"indicator-{f.pk}", "")),
                                  value, qualifier if qualifier in Qualifier.values else None))
        if not choices and not bad:
            bad.append(_("没有要处理的数字：请为数字选择“采用”或“舍弃”。"))
        return choices, bad

    # --- fact-check ---------------------------------------------------------------------
    @action(description=gettext_lazy("文稿核对"), url_path="factcheck", permissions=["view"])
    def factcheck_page(self, request):
        form = FactCheckForm(request.POST or None, request.FILES or None, user=request.user)
        findings = None
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            findings = check(request.user, d["source"], d["scope_obj"], d["period_obj"])
        return TemplateResponse(request, "ingest/factcheck.html", {
            **self.admin_site.each_context(request), "title": _("文稿核对"), "form": form,
            "findings": findings, "verdicts": VERDICTS,
            "checked": [f for f in findings or [] if f.verdict],
            "unlabelled": [f for f in findings or [] if not f.verdict]})


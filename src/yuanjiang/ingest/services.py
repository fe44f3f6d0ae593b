"""Writes of the ingest app: a text uploaded as a source document with its proposed figures,
and the review that accepts figures as reported values (keeping document and span) or
rejects them — all in one transaction, so a review with any bad figure writes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yuanjiang.core.services import ModelService
from yuanjiang.indicators.choices import ValueSource, ValueStatus
from yuanjiang.indicators.models import Indicator, SourceDocument
from yuanjiang.indicators.scopes import Period, Scope
from yuanjiang.indicators.services import SourceDocumentService, report_value

from .extract import extract
from .factcheck import _sentence
from .models import Decision, ExtractedFigure
from .text import Source


class ExtractedFigureService(ModelService):
    model = ExtractedFigure


def upload(*, acting_user: Any, source: Source, title: str, scope: Scope, file_name: str = "",
           published_on=None, url: str = "") -> SourceDocument:
    """The text as a source document of the scope, with every figure extraction finds."""
    with transaction.atomic():
        fields = scope.fields()
        document = SourceDocumentService.create(acting_user=acting_user, data={
            "title": title.strip()[:200], "file_name": file_name[:200], "text": source.text,
            "published_on": published_on, "url": url, "command": fields["command"],
            "supporting_region": fields["supporting_region"],
            "recipient_region": fields["recipient_region"]})
        propose(document, acting_user=acting_user, source=source)
    return document


def propose(document: SourceDocument, *, acting_user: Any, source: Source | None = None) -> int:
    """(Again) the figures of a document: pending proposals are replaced, reviewed ones kept."""
    source = source or Source(document.text, "text")
    codes = {i.code: i for i in Indicator.objects.all()}
    with transaction.atomic():
        for old in document.figures.filter(decision=Decision.PENDING):
            ExtractedFigureService.delete(old, acting_user=acting_user)
        reviewed = set(document.figures.values_list("start", "end"))
        n = 0
        for fact in extract(source):
            if (fact.start, fact.end) in reviewed:
                continue
            ExtractedFigureService.create(acting_user=acting_user, data={
                "document": document, "start": fact.start, "end": fact.end, "text": fact.text[:100],
                "kind": fact.kind, "value": Decimal(str(fact.value)).quantize(Decimal("0.01")),
                "unit": fact.unit, "qualifier": fact.qualifier,
                "indicator": codes.get(fact.indicator) if fact.indicator else None,
                "sentence": _sentence(source.text, fact.start, fact.end)[:500]})
            n += 1
    return n


@dataclass
class Choice:
    figure: ExtractedFigure
    accept: bool
    indicator: Indicator | None = None
    value: Decimal | None = None
    qualifier: str | None = None


def review(document: SourceDocument, *, acting_user: Any, scope: Scope, period: Period,
           choices: list[Choice]) -> dict[str, int]:
    """Accept or reject each figure; accepted ones become the accepted values of their
    indicator for the scope and period. Every problem is collected, with the figure it is
    about; any problem and nothing is written."""
    errors: list[str] = []
    counts = {"accepted": 0, "rejected": 0}
    taken: dict[str, str] = {}  # indicator code → the figure that took it
    with transaction.atomic():
        for n, c in enumerate(choices, start=1):
            f = c.figure
            what = _("第 %(n)s 个数字“%(text)s”") % {"n": n, "text": f.text}
            if not c.accept:
                ExtractedFigureService.update(f, acting_user=acting_user,
                                              data={"decision": Decision.REJECTED})
                counts["rejected"] += 1
                continue
            indicator = c.indicator or f.indicator
            if indicator is None:
                errors.append(_("%(what)s：采用前请选择它对应的指标。") % {"what": what})
                continue
            if indicator.code in taken:
                errors.append(_("%(what)s和%(other)s都采用为“%(i)s”：同一范围和时期只能有一个数值，"
                                "请舍弃其一，或分别采用到各自的时期。") % {
                    "what": what, "other": taken[indicator.code], "i": indicator.name})
                continue
            taken[indicator.code] = what
            try:
                with transaction.atomic():
                    value = report_value(
                        acting_user=acting_user, indicator=indicator, scope=scope, period=period,
                        value=c.value if c.value is not None else f.value,
                        qualifier=c.qualifier or f.qualifier, source=ValueSource.EXTRACTED,
                        status=ValueStatus.ACCEPTED, document=document, span_start=f.start,
                        span_end=f.end, quote=f.sentence[:500],
                        note=_("据《%(t)s》") % {"t": document.title[:100]})
                    ExtractedFigureService.update(f, acting_user=acting_user, data={
                        "decision": Decision.ACCEPTED, "indicator": indicator})
                    ExtractedFigure.objects.filter(pk=f.pk).update(accepted_value=value)
            except ValidationError as exc:
                errors.append(f"{what}：" + "；".join(exc.messages))
                continue
            counts["accepted"] += 1
        if errors:
            raise ValidationError(errors)
    return counts

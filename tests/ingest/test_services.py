"""Upload a text, review its figures, load the accepted ones as reported values keeping
document and span; a review with any bad figure writes nothing."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from yuanjiang.core.models import ObjectChange
from yuanjiang.indicators.models import Indicator, Value
from yuanjiang.indicators.scopes import Period, Scope
from yuanjiang.indicators.services import approval_for, approval_submit
from yuanjiang.ingest.models import Decision, ExtractedFigure
from yuanjiang.ingest.services import Choice, review, upload
from yuanjiang.ingest.text import Source

pytestmark = pytest.mark.django_db
TEXT = ("三年来，共计安排援疆资金2.5亿元，实施对口支援项目60个，拜访企业100余家。"
        "招商引资到位资金由6亿元增加到34亿元。共计300人参加会议。")


@pytest.fixture
def document(world):
    return upload(acting_user=world.staff_gongliu, source=Source(TEXT, "text"), title="总结",
                  scope=Scope("command", command=world.gongliu))


def figures(document):
    return {f.text: f for f in document.figures.all()}


def test_upload_proposes_every_figure_with_its_label(world, document):
    found = figures(document)
    assert list(found) == ["2.5亿元", "60个", "100余家", "6亿元", "34亿元", "300人"]
    assert found["2.5亿元"].indicator.code == "aid_funds_total"
    assert found["300人"].indicator is None
    f = found["100余家"]
    assert (f.value, f.qualifier, TEXT[f.start:f.end]) == (Decimal("100.00"), "more_than", "100余家")
    assert document.command == world.gongliu and document.uploaded_by == world.staff_gongliu
    assert all(f.decision == Decision.PENDING for f in found.values())


def test_accepted_figures_become_values_with_document_and_span(world, document):
    found = figures(document)
    scope, period = Scope("command", command=world.gongliu), Period.of_year(2021)
    counts = review(document, acting_user=world.staff_gongliu, scope=scope, period=period, choices=[
        Choice(found["2.5亿元"], True),
        Choice(found["100余家"], True, value=Decimal("120"), qualifier="exact"),  # corrected
        Choice(found["6亿元"], False), Choice(found["300人"], False),
    ])
    assert counts == {"accepted": 2, "rejected": 2}
    total = Value.objects.get(indicator__code="aid_funds_total")
    assert (total.value, total.source, total.document, total.span_start, total.span_end) == (
        Decimal("250000000.00"), "extracted", document, TEXT.index("2.5亿元"), TEXT.index("2.5亿元") + 5)
    assert total.scope_key == scope.ident and total.period_key == "2021" and "2.5亿元" in total.quote
    visited = Value.objects.get(indicator__code="enterprises_visited")
    assert (visited.value, visited.qualifier) == (Decimal("120.00"), "exact")
    found = figures(document)
    assert found["2.5亿元"].decision == Decision.ACCEPTED and found["2.5亿元"].accepted_value == total
    assert found["6亿元"].decision == Decision.REJECTED and found["60个"].decision == Decision.PENDING
    assert ObjectChange.objects.filter(content_type__model="value", user=world.staff_gongliu).count() == 2


def test_a_review_with_a_bad_figure_writes_nothing(world, document):
    found = figures(document)
    scope, period = Scope("command", command=world.gongliu), Period.of_year(2021)
    with pytest.raises(ValidationError) as exc:
        review(document, acting_user=world.staff_gongliu, scope=scope, period=period, choices=[
            Choice(found["2.5亿元"], True), Choice(found["6亿元"], True), Choice(found["34亿元"], True),
            Choice(found["300人"], True),
        ])
    text = " ".join(exc.value.messages)
    assert "第 3 个数字“34亿元”和第 2 个数字“6亿元”都采用为“招商引资到位资金”" in text
    assert "第 4 个数字“300人”：采用前请选择它对应的指标" in text
    assert not Value.objects.exists()
    assert set(ExtractedFigure.objects.values_list("decision", flat=True)) == {Decision.PENDING}


def test_a_frozen_period_refuses_the_figures(world, document):
    scope, period = Scope("command", command=world.gongliu), Period.of_year(2021)
    approval_submit(approval_for(scope, period, acting_user=None), acting_user=world.staff_gongliu)
    with pytest.raises(ValidationError, match="已报送，其数值已冻结"):
        review(document, acting_user=world.staff_gongliu, scope=scope, period=period,
               choices=[Choice(figures(document)["2.5亿元"], True)])
    assert not Value.objects.exists()


def test_another_scope_is_out_of_reach(world, document):
    with pytest.raises(Exception, match="不在您的数据范围内|没有"):
        review(document, acting_user=world.staff_altay, scope=Scope("command", command=world.altay),
               period=Period.of_year(2015), choices=[Choice(figures(document)["2.5亿元"], True)])
    assert not Value.objects.exists()
    assert not ExtractedFigure.objects.restrict(world.staff_altay).exists()


def test_the_indicator_chosen_by_the_reviewer_wins(world, document):
    found = figures(document)
    other = Indicator.objects.get(code="aid_funds_arrived")
    review(document, acting_user=world.staff_gongliu, scope=Scope("command", command=world.gongliu),
           period=Period.of_year(2021), choices=[Choice(found["2.5亿元"], True, indicator=other)])
    assert Value.objects.get().indicator == other

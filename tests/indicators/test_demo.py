"""The demo's figures: values the public texts report for 张家港→巩留 第十批 that the records
do not hold, approvals at each step, and the batch's figures computed from the demo records
agreeing with the texts (250,000,000 yuan, 60 projects, 85% and more to livelihood)."""

from decimal import Decimal

import pytest

from yuanjiang.core.scope import PLATFORM
from yuanjiang.indicators.computed import computed_codes
from yuanjiang.indicators.models import Approval, Value
from yuanjiang.indicators.scopes import parse_period, parse_scope
from yuanjiang.indicators.selectors import figures

pytestmark = pytest.mark.django_db
M = Decimal
GONGLIU = "command:320582-654024:10"


def test_the_reported_values_of_gongliu_batch_ten(demo):
    """From 《巩留县召开第十批援疆干部人才总结表彰大会》 (2023-04-13), for the whole batch."""
    scope = parse_scope(GONGLIU)
    batch = parse_period("batch", scope)
    rows = {v.indicator.code: v for v in Value.objects.filter(scope_key=scope.ident, period_key=batch.ident)
            .select_related("indicator")}
    assert {code: (v.value, v.qualifier) for code, v in rows.items() if code in {
        "enterprises_visited", "investment_fairs", "training_funds", "local_talent_mentored",
        "consumption_aid_sales"}} == {
        "enterprises_visited": (M("100.00"), "more_than"),
        "investment_fairs": (M("9.00"), "exact"),
        "training_funds": (M("8300000.00"), "exact"),
        "local_talent_mentored": (M("311.00"), "exact"),
        "consumption_aid_sales": (M("30000000.00"), "more_than"),
    }
    for v in rows.values():
        assert (v.source, v.status) == ("reported", "accepted")
        assert "巩留县召开第十批援疆干部人才总结表彰大会" in v.note


def test_computed_codes_are_not_stored(demo):
    """The texts also state aid_funds_total, aid_projects_total, livelihood_funds_share and
    flexible_talent_introduced for the batch: the records hold those, so they are computed."""
    assert not Value.objects.filter(indicator__code__in=computed_codes()).exists()
    assert Value.objects.exists()


def test_the_demo_approvals(demo):
    scope = parse_scope(GONGLIU)
    approvals = {a.period_key: a for a in Approval.objects.filter(scope_key=scope.ident)}
    assert {key: a.status for key, a in approvals.items()} == {
        "2020": "approved", "2021": "approved", "2022": "submitted"}
    for key in ("2020", "2021"):
        a = approvals[key]
        assert a.snapshot and a.snapshot["aid_funds_total"]["value"]
        assert M(a.snapshot["aid_funds_total"]["value"]) > 0
        assert (a.submitted_by.username, a.decided_by.username) == ("gongliu10", "js_office")
    assert approvals["2022"].submitted_by.username == "gongliu10"
    assert not approvals["2022"].snapshot
    returned = Approval.objects.filter(status="returned")
    assert [a.return_reason for a in returned] == ["资金到位数与财政拨款凭证不一致，请核对后重新报送。"]


def test_the_figures_of_the_batch(demo):
    scope = parse_scope(GONGLIU)
    f = figures(PLATFORM, scope, parse_period("batch", scope))
    assert (f.value("aid_funds_total"), f["aid_funds_total"].source) == (M("250000000.00"), "computed")
    assert f.value("aid_projects_total") == 60
    assert f.value("livelihood_funds_share") >= 85
    assert (f.value("investment_fairs"), f["investment_fairs"].source) == (M(9), "reported")
    assert f["enterprises_visited"].qualifier == "more_than"

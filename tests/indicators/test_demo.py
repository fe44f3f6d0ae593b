"""The demo's figures: values the public texts report that the records do not hold, approvals at each step, and the batch's figures computed from the demo records
agreeing with the texts (250,000,000 yuan, 60 projects, 85% and more to livelihood)."""

from decimal import Decimal

import pytest

from yuanjiang.core.models import Command
from yuanjiang.core.scope import PLATFORM
from yuanjiang.indicators.models import Approval, Value
from yuanjiang.indicators.scopes import (
    Period,
    Scope,
    parse_period,
    parse_scope,
    period_from_ident,
    scope_from_ident,
)
from yuanjiang.indicators.selectors import figures

pytestmark = pytest.mark.django_db
M = Decimal
GONGLIU = "command:320582-654024:10"


def test_the_reported_values_are_those_the_records_do_not_hold(demo):
    """From the public texts: 吉林市→阿勒泰 第八批 (2014–2016) has no records of secondments or
    delegations, so the figures the text states are kept as reported values with their source;
    张家港→巩留 第十批 has records of investment, training and mentoring, so those figures
    of its text are computed and not stored."""
    altay8 = Scope("command", command=Command.objects.get(name="吉林市对口支援阿勒泰市工作队"))
    batch = Period.of_batch(altay8.command.batch)
    rows = {v.indicator.code: v for v in Value.objects.filter(
        scope_key=altay8.ident, period_key=batch.ident).select_related("indicator")}
    assert {code: (v.value, v.qualifier) for code, v in rows.items() if code in {
        "local_cadres_seconded", "exchange_delegations"}} == {
        "local_cadres_seconded": (M("400.00"), "more_than"),
        "exchange_delegations": (M("6.00"), "exact")}
    for v in rows.values():
        assert (v.source, v.status) == ("reported", "accepted")
    scope = parse_scope(GONGLIU)
    stored = set(Value.objects.filter(scope_key=scope.ident, period_key=parse_period("batch", scope).ident)
                 .values_list("indicator__code", flat=True))
    assert not stored & {"enterprises_visited", "investment_fairs", "training_funds",
                         "local_talent_mentored", "consumption_aid_sales"}


def test_computed_figures_are_not_stored(demo):
    """No reported value stands where the records compute the figure of its scope and period."""
    from yuanjiang.indicators.computed import compute

    checked = 0
    for v in Value.objects.select_related("indicator"):
        scope = scope_from_ident(v.scope_key)
        period = period_from_ident(v.period_key, scope)
        assert v.indicator.code not in compute(PLATFORM, scope, period), (v.scope_key, v.period_key)
        checked += 1
    assert checked


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
    assert (f.value("investment_fairs"), f["investment_fairs"].source) == (M(9), "computed")
    assert (f.value("enterprises_visited"), f["enterprises_visited"].qualifier) == (M(104), "exact")

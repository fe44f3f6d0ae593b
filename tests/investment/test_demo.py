"""The demo's investment records agree with the published figures of 张家港→巩留 第十批."""

import pytest

from yuanjiang.core.scope import PLATFORM
from yuanjiang.indicators.computed import compute
from yuanjiang.indicators.scopes import parse_period, parse_scope
from yuanjiang.investment import selectors
from yuanjiang.investment.models import Enterprise, InvestmentProject

pytestmark = pytest.mark.django_db


def test_the_published_investment_figures(demo):
    scope = parse_scope("command:320582-654024:10")
    f = compute(PLATFORM, scope, parse_period("batch", scope))
    assert 100 < f["enterprises_visited"].value < 110
    assert f["investment_fairs"].value == 9
    assert 50 < f["merchant_delegations"].value < 60
    assert f["investment_projects_landed"].value == 8
    assert f["enterprises_settled"].value == 8
    # Every demo enterprise with a code has a valid one.
    from stdnum.cn import uscc

    assert all(uscc.is_valid(c) for c in Enterprise.objects.exclude(uscc="").values_list("uscc", flat=True))


def test_the_current_batch_has_a_flagged_project(demo):
    flagged = selectors.over_planned(InvestmentProject.objects.all())
    assert [p.name for p in flagged] == ["阿勒泰市冰雪装备制造项目"]

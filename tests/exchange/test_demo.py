"""The demo's consumption aid agrees with the published 超3000万元 of 张家港→巩留 第十批."""

from decimal import Decimal

import pytest

from yuanjiang.core.scope import PLATFORM
from yuanjiang.indicators.computed import compute
from yuanjiang.indicators.scopes import parse_period, parse_scope

pytestmark = pytest.mark.django_db


def test_the_published_sales_figure(demo):
    scope = parse_scope("command:320582-654024:10")
    f = compute(PLATFORM, scope, parse_period("batch", scope))
    online = {k: v for k, _label, v in f["consumption_aid_sales"].by("channel")}["online"]
    assert Decimal("30000000") < online < f["consumption_aid_sales"].value < Decimal("31000000")
    assert f["cultural_events"].value > 0 and f["exchange_delegations"].value > 0

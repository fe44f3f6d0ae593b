"""The demo's talent records agree with the published figures of 张家港→巩留 第十批."""

from decimal import Decimal

import pytest

from yuanjiang.core.scope import PLATFORM
from yuanjiang.indicators.computed import compute
from yuanjiang.indicators.scopes import Scope, parse_period, parse_scope
from yuanjiang.talent.models import GroupAid

pytestmark = pytest.mark.django_db


def test_the_published_talent_figures(demo):
    scope = parse_scope("command:320582-654024:10")
    f = compute(PLATFORM, scope, parse_period("batch", scope))
    assert f["training_projects"].value == 79
    assert f["training_funds"].value == Decimal("8300000.00")
    assert f["cadres_trained"].value == 411
    assert f["local_talent_mentored"].value == 311
    assert f["flexible_talent_introduced"].value == 109


def test_group_aid_of_the_kizilsu_hospital(demo):
    aid = GroupAid.objects.get(institution__name="克孜勒苏柯尔克孜自治州人民医院")
    assert aid.kind == "hospital" and len(aid.supporting_institutions.splitlines()) == 9
    s = Scope("command", command=aid.command)
    assert compute(PLATFORM, s, parse_period("batch", s))["group_aid_hospitals"].value == 1

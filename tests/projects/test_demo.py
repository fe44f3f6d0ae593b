"""The demo projects: the reported figures of 张家港→巩留 第十批 and 吉林市→阿勒泰市 第八批, the
reported projects, the money rules kept, warnings and supervision orders in the batch running
today, past batches wrapped up; loading again adds nothing. One demo load for all of it."""

from decimal import Decimal

import pytest
from django.utils import timezone

from yuanjiang.core.demo import DemoContext
from yuanjiang.core.demo import load as core_load
from yuanjiang.core.models import User
from yuanjiang.projects import demo as projects_demo
from yuanjiang.projects.choices import Category, DeliveryMode, WarningKind
from yuanjiang.projects.models import (
    Allocation,
    Arrival,
    Disbursement,
    Output,
    ProgressUpdate,
    Project,
    StageEvent,
    SupervisionOrder,
)
from yuanjiang.projects.selectors import Narrow, funds_summary, warnings
from yuanjiang.projects.services import funds_of

pytestmark = pytest.mark.django_db

MODELS = [Project, StageEvent, ProgressUpdate, Output, SupervisionOrder, Allocation, Arrival, Disbursement]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_demo_projects(demo):
    ctx = DemoContext(password="pw-demo-123")
    core_load(ctx)  # the commands again, as a second demo run finds them
    commands = ctx.commands
    admin = User.objects.get(username="admin")
    today = timezone.localdate()

    # 张家港→巩留 第十批: 60 projects, 2.5 亿元, at least 85% to livelihood.
    gongliu = funds_summary(admin, Narrow(command=commands["gongliu10"]))
    assert gongliu.projects == 60
    assert gongliu.items > 0
    assert gongliu.planned == Decimal("250000000.00")
    assert gongliu.livelihood_share >= 85
    assert gongliu.grassroots_share >= 80
    assert 90 <= gongliu.arrival_rate <= 100
    assert gongliu.completion_rate == 100
    assert Project.objects.filter(command=commands["gongliu10"], name="北纬43°特色农产品旗舰店",
                                  category=Category.INDUSTRY).exists()

    # 吉林市→阿勒泰市 第八批: 91 projects, more than 3 亿元 of which more than 5,000 万元 extra-plan.
    altay8 = funds_summary(admin, Narrow(command=commands["altay8"]))
    assert altay8.projects == 91
    assert altay8.planned > Decimal("300000000")
    assert altay8.planned_extra_plan > Decimal("50000000")
    assert Project.objects.filter(command=commands["altay8"], name="阿勒泰“暖房子”工程",
                                  category=Category.LIVELIHOOD).exists()
    assert Project.objects.get(command=commands["altay8"], name="电影《白天鹅》").budget == Decimal(
        "15000000.00")

    school = Project.objects.get(command=commands["kokdala9"], name="可克达拉市镇江高级中学")
    assert (school.budget, school.delivery_mode, school.category) == (
        Decimal("246000000.00"), DeliveryMode.TURNKEY, Category.GROUP_EDUCATION)
    kizilsu = set(Project.objects.filter(command=commands["kizilsu9"]).values_list("name", flat=True))
    assert {"克州人民医院组团式医疗援助", "克州远程会诊中心", "阿图什电商扶贫实训店"} <= kizilsu
    assert Project.objects.filter(name="央布拉克村民俗旅游家访点", category=Category.INDUSTRY).exists()
    assert Project.objects.filter(command=commands["yili10"]).exists()

    # Money: never paid beyond the funds, before approval, after the batch or in the future.
    codes = list(Project.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes))
    for project in Project.objects.filter(parent__isnull=True):
        allocated, disbursed = funds_of(project)
        assert disbursed <= allocated, project
    for payment in Disbursement.objects.select_related("project__command__batch"):
        end = payment.project.command.batch.end_date or today
        assert payment.project.approved_on <= payment.date <= min(end, today), payment

    # The batch running today: warnings of both kinds, supervision orders open and closed.
    current = commands["altay5"]
    kinds = set(warnings(admin, Narrow(command=current)).values_list("warning", flat=True))
    assert {WarningKind.NOT_STARTED, WarningKind.BEHIND} <= kinds
    orders = SupervisionOrder.objects.filter(project__command=current)
    assert orders.filter(closed_on__isnull=True).exists()
    assert orders.filter(closed_on__isnull=False).exists()
    # Past batches are wrapped up: nothing to warn about.
    for key in ("gongliu10", "yili10", "altay8", "kokdala9", "kizilsu9", "yili9"):
        assert not warnings(admin, Narrow(command=commands[key])).exists(), key

    # Loading again creates nothing.
    before = counts()
    projects_demo.load(ctx)
    assert counts() == before

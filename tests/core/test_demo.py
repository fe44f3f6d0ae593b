"""`yuanjiang demo`: reference and demo data, one account per role and scope, idempotent."""

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from tests.conftest import DEMO_PASSWORD
from yuanjiang.core.models import Command, CommandMember, ObjectChange, Organisation, User
from yuanjiang.core.scope import restrict

pytestmark = pytest.mark.django_db


def run_demo(*args):
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_demo_builds_the_commands_of_the_reported_figures_and_accounts(demo):
    out = demo
    assert f"演示账号（密码均为：{DEMO_PASSWORD}）" in out
    names = set(Command.objects.values_list("name", flat=True))
    assert {"张家港市对口支援巩留县工作组", "吉林市对口支援阿勒泰市工作队", "镇江市对口支援可克达拉市工作组",
            "江苏省对口支援新疆克孜勒苏柯尔克孜自治州前方指挥部"} <= names
    gongliu = Command.objects.get(name="张家港市对口支援巩留县工作组")
    assert gongliu.batch.name == "第十批" and gongliu.batch.supporting_region_id == "320000"
    assert [str(p) for p in gongliu.pairings.all()] == ["张家港市→巩留县"]
    assert gongliu.parent.name == "江苏省对口支援新疆伊犁哈萨克自治州前方指挥部"
    altay = Command.objects.get(name="吉林市对口支援阿勒泰市工作队")
    assert (altay.batch.supporting_region_id, altay.batch.number) == ("220200", 8)
    assert altay.batch.start_date.year == 2014 and altay.batch.end_date.year == 2016
    assert Command.objects.get(name="镇江市对口支援可克达拉市工作组").batch.number == 9
    assert CommandMember.objects.filter(role="leader").count() == Command.objects.count()
    assert Organisation.objects.filter(name="可克达拉市镇江高级中学", region="659008").exists()
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == {"admin", "home_office", "command_staff", "recipient", "leader"}
    for user in User.objects.all():
        assert user.username in out
        assert authenticate(username=user.username, password=DEMO_PASSWORD) == user
    assert User.objects.get(username="admin").is_superuser


def test_each_demo_account_sees_its_own_scope_and_the_change_log_has_it_all(demo):
    assert ObjectChange.objects.filter(source="cli", content_type__model="command").count() >= 7
    gongliu = User.objects.get(username="gongliu10")
    assert [c.name for c in restrict(Command.objects.all(), gongliu)] == ["张家港市对口支援巩留县工作组"]
    altay = User.objects.get(username="altay")
    assert {c.name for c in restrict(Command.objects.all(), altay)} == {
        "吉林市对口支援阿勒泰市工作队", "吉林省对口支援新疆阿勒泰地区前方指挥部"}
    js = User.objects.get(username="js_office")
    assert restrict(Command.objects.all(), js).count() == 5


def test_running_twice_reuses_everything_and_resets_passwords(demo):
    run_demo("--password", "first-pw-123")  # the second run: the demo is already there
    counts = (Command.objects.count(), Organisation.objects.count(), User.objects.count(),
              CommandMember.objects.count())
    out = run_demo()
    assert (Command.objects.count(), Organisation.objects.count(), User.objects.count(),
            CommandMember.objects.count()) == counts
    assert "行政区划：新增 0 条" in out
    password = out.split("演示账号（密码均为：")[1].split("）")[0]
    assert len(password) >= 10
    assert authenticate(username="admin", password=password) is not None
    assert authenticate(username="admin", password="first-pw-123") is None



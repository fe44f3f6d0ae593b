"""Scopes and periods as users write them (command:320582-654024:10, 2022Q3, batch:10), their
stored keys, labels and errors in Chinese, and the recipient region of a command."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import BatchFactory, CommandFactory, batch, pairing, region
from yuanjiang.indicators.choices import PeriodKind, ScopeKind
from yuanjiang.indicators.scopes import (
    Period,
    Scope,
    ScopeError,
    command_recipient,
    parse_period,
    parse_scope,
    period_from_ident,
    scope_from_ident,
)

pytestmark = pytest.mark.django_db
D = dt.date


def error_of(fn, *args) -> str:
    with pytest.raises(ScopeError) as caught:
        fn(*args)
    return " ".join(caught.value.messages)


# --- scopes ------------------------------------------------------------------------------------


def test_a_command_is_named_by_a_pairing_it_serves_and_its_batch(world):
    """The world builds 张家港援巩留工作组 on pairing 320582→654024 in 江苏省第十批 (the
    batch of 320000, number 10): that is command:320582-654024:10."""
    assert pairing("320582", "654024") in world.gongliu.pairings.all()
    assert batch("320000", 10) == world.gongliu.batch == world.js10
    scope = parse_scope("command:320582-654024:10")
    assert (scope.kind, scope.command) == (ScopeKind.COMMAND, world.gongliu)
    assert scope.ident == f"command:{world.gongliu.pk}"
    assert scope.key == "command:320582-654024:10"
    assert scope.label == "张家港援巩留工作组"
    assert scope.short_label == "张家港市对口支援巩留县"
    # The supporting side is the batch's (江苏省), the recipient that of its pairing.
    assert (scope.supporting_region, scope.recipient_region) == (region("320000"), region("654024"))
    assert scope.default_batch() == world.js10
    # The front command serves two pairings; either names it.
    assert parse_scope("command:320000-654000:10").command == world.yili
    assert parse_scope(" command:320000-659008:10 ").command == world.yili
    assert parse_scope("command:220200-654301:8").command == world.altay


def test_pairing_province_and_region_scopes(world):
    p = parse_scope("pairing:320582-654024")
    assert (p.kind, p.pairing) == (ScopeKind.PAIRING, pairing("320582", "654024"))
    assert (p.ident, p.key) == (f"pairing:{p.pairing.pk}", "pairing:320582-654024")
    assert p.label == p.short_label == "张家港市对口支援巩留县"
    assert (p.supporting_region, p.recipient_region) == (region("320582"), region("654024"))
    assert p.default_batch() is None

    province = parse_scope("province:320000")
    assert (province.kind, province.region) == (ScopeKind.PROVINCE, region("320000"))
    assert province.ident == province.key == "province:320000"
    assert province.label == "江苏省"
    assert (province.supporting_region, province.recipient_region) == (region("320000"), None)

    county = parse_scope("region:654024")
    assert (county.kind, county.region) == (ScopeKind.REGION, region("654024"))
    assert county.ident == county.key == "region:654024"
    assert county.label == "新疆维吾尔自治区伊犁哈萨克自治州巩留县"  # the full name
    assert (county.supporting_region, county.recipient_region) == (None, region("654024"))


def test_the_fields_a_scope_gives_a_row(world):
    fields = parse_scope("command:320582-654024:10").fields()
    assert fields == {"scope_kind": "command", "command": world.gongliu, "pairing": None,
                      "supporting_region": region("320000"), "recipient_region": region("654024"),
                      "scope_key": f"command:{world.gongliu.pk}"}
    fields = parse_scope("province:320000").fields()
    assert (fields["command"], fields["supporting_region"], fields["recipient_region"]) == (
        None, region("320000"), None)


@pytest.mark.parametrize(("text", "message"), [
    ("", "无法识别的范围“”：应以 command:、pairing:、province: 或 region: 开头"),
    ("县:654024", "无法识别的范围“县:654024”"),
    ("command:320582-654024", "指挥部范围的写法为 command:支援方代码-受援地代码:批次序号"),
    ("command:320582:10", "指挥部范围的写法为"),
    ("command:320582-654024:十", "指挥部范围的写法为"),
    ("command:999999-654024:10", "没有 999999→654024 的对口支援关系"),
    # 江苏省第九批 exists, but no command of the world served 张家港→巩留 in it.
    ("command:320582-654024:9", "张家港市→巩留县在第9批没有负责的指挥部"),
    ("pairing:320582", "结对范围的写法为 pairing:支援方代码-受援地代码"),
    ("pairing:320582-654301", "没有 320582→654301 的对口支援关系"),
    ("province:999999", "行政区划代码“999999”不存在"),
    ("province:654024", "支援方范围应为新疆以外的省市，“巩留县”是受援地"),
    ("region:320000", "受援地范围应为新疆的区划，“江苏省”不是"),
    ("region:999999", "行政区划代码“999999”不存在"),
])
def test_scope_errors_speak_chinese(world, text, message):
    assert message in error_of(parse_scope, text)


# --- periods -------------------------------------------------------------------------------------


def test_year_quarter_and_month():
    """Quarters and months are year to date (本年累计): read from 1 January."""
    year = parse_period("2022")
    assert (year.kind, year.start, year.end, year.batch) == (PeriodKind.YEAR, D(2022, 1, 1),
                                                             D(2022, 12, 31), None)
    assert (year.key, year.ident, year.label, year.cumulative_label) == ("2022", "2022", "2022年",
                                                                         "2022年")
    assert (year.year, year.years, year.until) == (2022, [2022], None)

    q3 = parse_period("2022Q3")
    assert (q3.kind, q3.start, q3.end) == (PeriodKind.QUARTER, D(2022, 7, 1), D(2022, 9, 30))
    assert (q3.key, q3.ident, q3.label) == ("2022Q3", "2022Q3", "2022年第三季度")
    assert q3.cumulative_label == "2022年1—9月累计"
    assert q3.until == D(2022, 9, 30)
    assert parse_period("2022q1").key == "2022Q1"
    assert parse_period("2022Q4").end == D(2022, 12, 31)

    may = parse_period("2022-05")
    assert (may.kind, may.start, may.end) == (PeriodKind.MONTH, D(2022, 5, 1), D(2022, 5, 31))
    assert (may.key, may.label, may.cumulative_label) == ("2022-05", "2022年5月", "2022年1—5月累计")
    assert may.until == D(2022, 5, 31)
    assert parse_period("2024-02").end == D(2024, 2, 29)  # a leap year
    assert parse_period("2022-1").key == "2022-01"


@pytest.mark.parametrize(("text", "message"), [
    ("2022-13", "月份“2022-13”不存在"),
    ("2022-00", "月份“2022-00”不存在"),
    ("2022Q5", "无法识别的时期“2022Q5”：应为 2022、2022Q3、2022-05、batch 或 batch:10"),
    ("二〇二二", "无法识别的时期“二〇二二”"),
    ("", "无法识别的时期“”"),
])
def test_period_errors_speak_chinese(text, message):
    assert message in error_of(parse_period, text)


def test_batch_of_a_command_scope(world):
    """江苏省第十批 runs from 2020-01-01 to 2023-04-30: four years, 2020–2023."""
    scope = parse_scope("command:320582-654024:10")
    whole = parse_period("batch", scope)
    assert (whole.kind, whole.start, whole.end, whole.batch) == (
        PeriodKind.BATCH, D(2020, 1, 1), D(2023, 4, 30), world.js10)
    assert (whole.key, whole.ident) == ("batch:10", f"batch#{world.js10.pk}")
    assert whole.label == whole.cumulative_label == "第十批（2020—2023年）"
    assert (whole.year, whole.years, whole.until) == (None, [2020, 2021, 2022, 2023], None)
    assert whole.fields() == {"period_kind": "batch", "period_start": D(2020, 1, 1),
                              "period_end": D(2023, 4, 30), "batch": world.js10,
                              "period_key": f"batch#{world.js10.pk}"}
    # A command's own batch by its number too.
    assert parse_period("batch:10", scope) == whole


def test_batch_needs_a_command_scope(world):
    message = "只有指挥部范围可以用 batch 表示其本批次；其他范围请写 batch:批次序号，如 batch:10"
    assert message in error_of(parse_period, "batch", parse_scope("province:320000"))
    assert message in error_of(parse_period, "batch", parse_scope("pairing:320582-654024"))
    assert message in error_of(parse_period, "batch")


def test_numbered_batches_of_the_other_scopes(world):
    province = parse_scope("province:320000")
    assert parse_period("batch:10", province).batch == world.js10
    assert parse_period("batch:9", province).batch == world.js9
    # A city's pairing takes the batch of its province (张家港 has none of its own).
    assert parse_period("batch:10", parse_scope("pairing:320582-654024")).batch == world.js10
    # A recipient region: the batches of the commands paired with it.
    assert parse_period("batch:10", parse_scope("region:654024")).batch == world.js10
    assert parse_period("batch:8", parse_scope("province:220200")).batch == world.jl8
    assert "江苏省没有唯一的第99批" in error_of(parse_period, "batch:99", province)
    assert "请先指明范围" in error_of(parse_period, "batch:10")


def test_a_running_batch_lasts_until_today(world):
    """吉林省第五批 entered in March 2023 and has no end date yet."""
    running = parse_period("batch:5", parse_scope("province:220000"))
    today = timezone.localdate()
    assert (running.start, running.end) == (D(2023, 3, 1), today)
    assert running.label == "第五批（2023—今年）"
    assert running.years == list(range(2023, today.year + 1))
    # One that has not begun yet: a period of a single day, its first.
    future = BatchFactory(number=31, start_date=D(today.year + 5, 1, 1), end_date=None)
    assert Period.of_batch(future).end == D(today.year + 5, 1, 1)


# --- stored keys ---------------------------------------------------------------------------------


SCOPES = ["command:320582-654024:10", "command:320000-654000:10", "command:220200-654301:8",
          "pairing:320582-654024", "province:320000", "region:654024"]


@pytest.mark.parametrize("text", SCOPES)
def test_scope_keys_round_trip(world, text):
    scope = parse_scope(text)
    assert scope_from_ident(scope.ident) == scope
    assert parse_scope(scope.key) == scope


def test_period_keys_round_trip(world):
    scope = parse_scope("command:320582-654024:10")
    for text in ("2022", "2022Q3", "2022-05", "batch"):
        period = parse_period(text, scope)
        assert period_from_ident(period.ident, scope) == period
        assert parse_period(period.key, scope) == period
    province = parse_scope("province:320000")
    period = parse_period("batch:9", province)
    assert period_from_ident(period.ident) == period  # batch#<id>: no scope needed


@pytest.mark.parametrize(("ident", "message"), [
    ("command:999999", "范围“command:999999”不存在"),
    ("command:abc", "范围“command:abc”不存在"),
    ("pairing:999999", "范围“pairing:999999”不存在"),
    ("region:999999", "范围“region:999999”不存在"),
    ("county:654024", "范围“county:654024”不存在"),
])
def test_unknown_scope_idents(world, ident, message):
    assert message in error_of(scope_from_ident, ident)


def test_unknown_period_idents(world):
    assert "批次“batch#999999”不存在" in error_of(period_from_ident, "batch#999999")
    assert "批次“batch#x”不存在" in error_of(period_from_ident, "batch#x")


# --- the recipient of a command --------------------------------------------------------------------


def test_the_recipient_of_a_command_with_several_pairings(world):
    """江苏伊犁前方指挥部 serves 伊犁州 (654000) and 可克达拉市 (659008, 第四师): the lowest
    region holding both is 新疆 (650000). A 吉林省第五批 command serving 布尔津县 (654321)
    and 哈巴河县 (654324) has 阿勒泰地区 (654300)."""
    assert command_recipient(world.yili) == region("650000")
    assert command_recipient(world.gongliu) == region("654024")
    assert Scope(ScopeKind.COMMAND, command=world.yili).recipient_region == region("650000")
    two = CommandFactory(name="吉林援布尔津哈巴河工作组", batch=batch("220000", 5),
                         pairings=[pairing("220000", "654321"), pairing("220000", "654324")])
    assert command_recipient(two) == region("654300")
    scope = Scope(ScopeKind.COMMAND, command=two)
    assert scope.fields()["recipient_region"] == region("654300")
    assert scope.short_label == "吉林援布尔津哈巴河工作组"  # two pairings: the command's name
    assert parse_scope(scope.key) == scope

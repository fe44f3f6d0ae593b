"""Figures in the official style: each function returns the words and what a reader takes
from them (the value as written and its qualifier), and never states more than the data."""

from decimal import Decimal

import pytest

from yuanjiang.indicators.choices import Qualifier as Q
from yuanjiang.reports.numbers import Written, count, money, money_floor, percent, share, tally

M = Decimal


def said(w: Written) -> tuple[str, Decimal, str]:
    return w.text, w.value, w.qualifier


# --- money -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "text"), [
    ("250000000", "2.5亿元"),
    ("300000000", "3亿元"),
    ("8300000", "830万元"),  # 100万–1000万: to 0.1万
    ("51800000", "5180万元"),  # from 1000万: whole 万
    ("123400", "12.34万元"),  # below 100万: to 0.01万
    ("10000", "1万元"),
    ("5000", "5000元"),  # below 1万: in 元
    ("1234.50", "1234.5元"),
    ("0.05", "0.05元"),
])
def test_money_exact_values_keep_their_value(value, text):
    assert said(money(M(value))) == (text, M(value), Q.EXACT)


def test_money_that_must_be_rounded_is_written_about():
    assert said(money(M("302460000"))) == ("约3.02亿元", M("302000000"), Q.ABOUT)
    # 1万–100万 is written to 0.01万: 1.2345万 rounds half up to 1.23万.
    assert said(money(M("12345"))) == ("约1.23万元", M("12300"), Q.ABOUT)
    assert said(money(M("12355"))) == ("约1.24万元", M("12400"), Q.ABOUT)
    assert said(money(M("8345678"))) == ("约834.6万元", M("8346000"), Q.ABOUT)
    assert said(money(M("51849999"))) == ("约5185万元", M("51850000"), Q.ABOUT)
    assert said(money(M("1234.567"))) == ("约1234.57元", M("1234.57"), Q.ABOUT)
    # A value reported as "about" stays about, rounded or not.
    assert said(money(M("250000000"), Q.ABOUT)) == ("约2.5亿元", M("250000000"), Q.ABOUT)
    assert said(money(M("302460000"), Q.ABOUT)) == ("约3.02亿元", M("302000000"), Q.ABOUT)


def test_money_rounded_up_to_the_next_unit_is_written_in_that_unit():
    # 9999.6万 rounds to 1亿, which offices write 约1亿元, never 约10000万元.
    assert said(money(M("99996000"))) == ("约1亿元", M("100000000"), Q.ABOUT)
    assert said(money(M("9999.996"))) == ("约1万元", M("10000"), Q.ABOUT)
    assert said(money(M("99996000"), Q.LESS_THAN)) == ("不足1亿元", M("100000000"), Q.LESS_THAN)
    # Rounding down never crosses a unit.
    assert said(money(M("99996000"), Q.MORE_THAN)) == ("9999余万元", M("99990000"), Q.MORE_THAN)


@pytest.mark.parametrize(("value", "qualifier", "text"), [
    ("300000000", Q.MORE_THAN, "3亿余元"),
    ("1200000000", Q.MORE_THAN, "12亿余元"),
    ("50000000", Q.MORE_THAN, "5000余万元"),
    ("30000", Q.MORE_THAN, "3万余元"),
    ("5000", Q.MORE_THAN, "5000余元"),
    ("250000000", Q.MORE_THAN, "超2.5亿元"),  # not 2.5亿余元
    ("250000000", Q.AT_LEAST, "2.5亿元以上"),
    ("8300000", Q.AT_LEAST, "830万元以上"),
    ("250000000", Q.ABOUT, "约2.5亿元"),
    ("250000000", Q.LESS_THAN, "不足2.5亿元"),
    ("30000", Q.LESS_THAN, "不足3万元"),
])
def test_money_keeps_the_qualifier_word_where_offices_put_it(value, qualifier, text):
    assert said(money(M(value), qualifier)) == (text, M(value), qualifier)


def test_money_rounding_keeps_qualified_statements_true():
    # More than / at least: rounding down is still true.
    assert said(money(M("302460000"), Q.MORE_THAN)) == ("超3.02亿元", M("302000000"), Q.MORE_THAN)
    assert said(money(M("302490000"), Q.AT_LEAST)) == ("3.02亿元以上", M("302000000"), Q.AT_LEAST)
    # Less than: rounding up is still true (less than 3.0246亿 is less than 3.03亿).
    w = money(M("302460000"), Q.LESS_THAN)
    assert said(w) == ("不足3.03亿元", M("303000000"), Q.LESS_THAN)
    assert w.value > M("302460000")
    assert said(money(M("12341"), Q.LESS_THAN)) == ("不足1.24万元", M("12400"), Q.LESS_THAN)


# --- counts ------------------------------------------------------------------------------------


def test_count_whole_numbers_as_they_are():
    assert said(count(60, "个")) == ("60个", M(60), Q.EXACT)
    assert said(count(M("411"), "人")) == ("411人", M(411), Q.EXACT)
    assert said(count(12345, "人")) == ("12345人", M(12345), Q.EXACT)  # not exact in 万
    assert said(count(9999, "人")) == ("9999人", M(9999), Q.EXACT)


def test_count_in_wan_when_exact_to_two_decimals():
    assert said(count(12000, "人次")) == ("1.2万人次", M(12000), Q.EXACT)
    assert said(count(10000, "人")) == ("1万人", M(10000), Q.EXACT)
    assert said(count(123400, "人")) == ("12.34万人", M(123400), Q.EXACT)
    assert count(12345, "人次").text == "12345人次"


def test_count_qualifiers():
    assert said(count(100, "家", Q.MORE_THAN)) == ("100余家", M(100), Q.MORE_THAN)
    assert count(50, "批次", Q.MORE_THAN).text == "50余批次"
    assert count(30000, "人", Q.MORE_THAN).text == "3万余人"
    assert count(12000, "人次", Q.MORE_THAN).text == "超1.2万人次"
    assert said(count(300, "人", Q.AT_LEAST)) == ("300人以上", M(300), Q.AT_LEAST)
    assert said(count(2300, "人", Q.ABOUT)) == ("约2300人", M(2300), Q.ABOUT)
    assert said(count(10, "个", Q.LESS_THAN)) == ("不足10个", M(10), Q.LESS_THAN)


# --- shares (the two 80% rules) ------------------------------------------------------------------


@pytest.mark.parametrize(("value", "text", "written", "qualifier"), [
    ("86.94", "85%以上", "85", Q.AT_LEAST),
    ("85.00", "85%", "85", Q.EXACT),
    ("99.2", "95%以上", "95", Q.AT_LEAST),
    ("100.00", "100%", "100", Q.EXACT),
    ("80.01", "80%以上", "80", Q.AT_LEAST),
    ("79.99", "75%以上", "75", Q.AT_LEAST),
])
def test_share_is_the_multiple_of_five_it_reaches(value, text, written, qualifier):
    assert said(share(M(value))) == (text, M(written), qualifier)


def test_share_qualifiers():
    assert said(share(M("85"), Q.AT_LEAST)) == ("85%以上", M(85), Q.AT_LEAST)
    assert said(share(M("86.94"), Q.AT_LEAST)) == ("85%以上", M(85), Q.AT_LEAST)
    # Other qualifiers are stated as the rate they are.
    assert said(share(M("86.94"), Q.ABOUT)) == ("约86.9%", M("86.9"), Q.ABOUT)
    assert said(share(M("86.94"), Q.MORE_THAN)) == ("超86.9%", M("86.9"), Q.MORE_THAN)


# --- rates ---------------------------------------------------------------------------------------


def test_percent_to_one_decimal():
    assert said(percent(M("97.00"))) == ("97%", M("97.00"), Q.EXACT)
    assert said(percent(M("37.50"))) == ("37.5%", M("37.50"), Q.EXACT)
    assert said(percent(M("0.00"))) == ("0%", M("0.00"), Q.EXACT)
    assert said(percent(M("82.71"))) == ("约82.7%", M("82.7"), Q.ABOUT)
    assert said(percent(M("97.25"))) == ("约97.3%", M("97.3"), Q.ABOUT)  # half up


def test_percent_qualifiers_stay_true_when_rounded():
    # More than / at least round down.
    assert said(percent(M("82.79"), Q.MORE_THAN)) == ("超82.7%", M("82.7"), Q.MORE_THAN)
    assert said(percent(M("82.79"), Q.AT_LEAST)) == ("82.7%以上", M("82.7"), Q.AT_LEAST)
    assert said(percent(M("90"), Q.MORE_THAN)) == ("超90%", M("90"), Q.MORE_THAN)
    # Less than rounds up: "less than 82.71%" is not "less than 82.7%".
    assert said(percent(M("82.71"), Q.LESS_THAN)) == ("不足82.8%", M("82.8"), Q.LESS_THAN)
    assert said(percent(M("82.75"), Q.LESS_THAN)) == ("不足82.8%", M("82.8"), Q.LESS_THAN)
    assert said(percent(M("60"), Q.LESS_THAN)) == ("不足60%", M("60"), Q.LESS_THAN)
    assert said(percent(M("82.76"), Q.ABOUT)) == ("约82.8%", M("82.8"), Q.ABOUT)


# --- tallies and sales: round floors -------------------------------------------------------------


@pytest.mark.parametrize(("value", "text", "written", "qualifier"), [
    (104, "100余家", 100, Q.MORE_THAN), (53, "50余家", 50, Q.MORE_THAN), (153, "150余家", 150, Q.MORE_THAN),
    (1234, "1200余家", 1200, Q.MORE_THAN), (100, "100家", 100, Q.EXACT), (9, "9家", 9, Q.EXACT),
    (19, "19家", 19, Q.EXACT), (29, "20余家", 20, Q.MORE_THAN),
])
def test_a_tally_is_its_round_floor_with_yu(value, text, written, qualifier):
    assert said(tally(M(value), "家")) == (text, M(written), qualifier)


def test_a_tally_keeps_other_qualifiers():
    assert said(tally(M(104), "家", Q.ABOUT)) == ("约104家", M(104), Q.ABOUT)
    assert said(tally(M(104), "家", Q.MORE_THAN)) == ("100余家", M(100), Q.MORE_THAN)


@pytest.mark.parametrize(("value", "text", "written"), [
    ("30486058.36", "超3000万元", "30000000"), ("294000000", "超2.9亿元", "290000000"),
    ("1234567", "超120万元", "1200000"), ("31999999", "超3100万元", "31000000"),
])
def test_sales_are_their_round_floor_with_chao(value, text, written):
    w = money_floor(M(value))
    assert (w.text, w.value, w.qualifier) == (text, M(written), Q.MORE_THAN)


def test_round_sales_are_written_as_they_are():
    assert said(money_floor(M("30000000"))) == ("3000万元", M("30000000"), Q.EXACT)
    assert money_floor(M("5000")).text == "5000元"

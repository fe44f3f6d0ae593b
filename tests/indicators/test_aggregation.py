"""How figures of parts make the figure of a whole: sums with their qualifiers, ratios of sums
(never means of ratios), the last value; and a figure's JSON form (approval snapshots)."""

import json
from dataclasses import replace
from decimal import Decimal

import pytest

from yuanjiang.indicators.aggregation import Figure, combine, combined_qualifier, ratio
from yuanjiang.indicators.choices import Aggregation, Qualifier, ValueSource

M = Decimal
SUM, RATIO, LAST = Aggregation.SUM, Aggregation.RATIO, Aggregation.LAST


def part(value, qualifier="exact", source="reported", numerator=None, denominator=None, ids=(),
         basis=0, note=""):
    return Figure(code="x", value=None if value is None else M(value), qualifier=qualifier,
                  source=source, numerator=None if numerator is None else M(numerator),
                  denominator=None if denominator is None else M(denominator), value_ids=ids,
                  basis=basis, note=note)


# --- sums ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("qualifiers", "expected"), [
    (["exact", "exact"], "exact"),
    (["exact", "more_than"], "more_than"),  # 10 + 20余 = 30余
    (["exact", "at_least"], "at_least"),  # 10 + 20以上 = 30以上
    (["more_than", "at_least"], "more_than"),  # both bound it from below; one strictly
    (["exact", "about"], "about"),
    (["more_than", "about"], "about"),
    (["exact", "less_than"], "less_than"),  # 10 + 不足20 = 不足30
    (["more_than", "less_than"], "about"),  # one above, one below: neither bound holds
    (["at_least", "less_than"], "about"),
])
def test_a_sum_says_what_its_parts_say(qualifiers, expected):
    total = combine("x", SUM, [part(10, qualifiers[0]), part(20, qualifiers[1])])
    assert total.value == M(30)
    assert total.qualifier == expected
    assert combined_qualifier(qualifiers) == expected


def test_a_sum_keeps_the_trace_of_its_parts():
    total = combine("enterprises_visited", SUM,
                    [part(10, ids=(1,), basis=2), part(20, ids=(2, 3), basis=5)], note="由各年汇总")
    assert (total.code, total.value, total.value_ids, total.basis, total.note) == (
        "enterprises_visited", M(30), (1, 2, 3), 7, "由各年汇总")
    assert total.source == ValueSource.REPORTED
    # Parts of different sources make a reported total; one source stays that source.
    assert combine("x", SUM, [part(1, source="computed"), part(2, source="extracted")]
                   ).source == ValueSource.REPORTED
    assert combine("x", SUM, [part(1, source="extracted"), part(2, source="extracted")]
                   ).source == ValueSource.EXTRACTED


def test_parts_without_a_value_are_left_out_and_nothing_makes_nothing():
    assert combine("x", SUM, [part(5), part(None), None]).value == M(5)
    assert combine("x", SUM, []) is None
    assert combine("x", SUM, [part(None)]) is None
    assert combine("x", RATIO, [None]) is None


# --- ratios --------------------------------------------------------------------------------------


def test_a_ratio_is_a_ratio_of_sums_not_a_mean_of_ratios():
    """1 of 2 (50%) and 99 of 100 (99%): together 100 of 102 = 98.04%, where the mean of the
    two rates would be (50 + 99) ÷ 2 = 74.5%."""
    whole = combine("aid_funds_arrival_rate", RATIO, [
        part("50.00", numerator=1, denominator=2), part("99.00", numerator=99, denominator=100)])
    assert (whole.numerator, whole.denominator, whole.value) == (M(100), M(102), M("98.04"))
    assert whole.value != (M(50) + M(99)) / 2
    assert whole.qualifier == Qualifier.EXACT


def test_a_ratio_takes_the_qualifiers_of_its_parts():
    whole = combine("x", RATIO, [part(50, "about", numerator=1, denominator=2),
                                 part(50, numerator=1, denominator=2)])
    assert (whole.value, whole.qualifier) == (M("50.00"), Qualifier.ABOUT)


def test_a_part_without_numerator_and_denominator_makes_a_ratio_impossible():
    parts = [part(50, numerator=1, denominator=2), part(80)]
    assert combine("x", RATIO, parts) is None
    assert combine("x", RATIO, [part(50, numerator=1, denominator=None)]) is None


def test_ratio_in_per_cent_rounded_half_up():
    assert ratio(1, 3) == M("33.33")
    assert ratio(2, 3) == M("66.67")
    assert ratio(1, 8) == M("12.50")
    assert ratio(M("0.5"), 400) == M("0.13")  # 0.125 rounds up
    assert ratio(None, 4) == M("0.00")
    assert ratio(5, 0) is None
    assert ratio(5, None) is None


# --- last ------------------------------------------------------------------------------------------


def test_last_takes_the_last_part():
    parts = [part(6, "exact", ids=(1,), note="2015年"), part(7, "about", ids=(2,), note="2016年")]
    last = combine("recipient_gdp", LAST, parts)
    assert (last.value, last.qualifier, last.value_ids, last.note) == (M(7), "about", (2,), "2016年")
    assert combine("recipient_gdp", LAST, parts, note="取最新").note == "取最新"


def test_an_unknown_rule_is_an_error():
    with pytest.raises(ValueError, match="unknown aggregation"):
        combine("x", "mean", [part(1)])


# --- the JSON form -----------------------------------------------------------------------------------


def test_a_figure_survives_its_json_form():
    figure = Figure(
        code="aid_funds_arrival_rate", value=M("76.19"), qualifier=Qualifier.AT_LEAST,
        source=ValueSource.COMPUTED, numerator=M("8000000.00"), denominator=M("10500000.00"),
        basis=5, value_ids=(3, 4), records="/admin/projects/arrival/?figure_scope=command%3A2",
        note="说明",
        breakdowns=(("category", (("livelihood", "民生", M("6000000.00")),
                                  ("pool", "未落实到项目", M("1000000.00")))),
                    ("source", (("provincial", "省级财政", M("7000000.00")),))))
    data = figure.as_json()
    assert data == {
        "value": "76.19", "qualifier": "at_least", "source": "computed", "numerator": "8000000.00",
        "denominator": "10500000.00", "basis": 5, "value_ids": [3, 4], "note": "说明",
        "breakdowns": {"category": [["livelihood", "民生", "6000000.00"],
                                    ["pool", "未落实到项目", "1000000.00"]],
                       "source": [["provincial", "省级财政", "7000000.00"]]}}
    stored = json.loads(json.dumps(data))  # as a JSONField keeps it
    back = Figure.from_json("aid_funds_arrival_rate", stored)
    # The records link is not part of a snapshot: it is taken from today's figure.
    assert back == replace(figure, records="")
    assert back.breakdowns == figure.breakdowns  # (not part of equality)
    assert back.by("category")[1] == ("pool", "未落实到项目", M("1000000.00"))
    assert back.by("region") == ()


def test_a_figure_without_a_value_or_ratio_parts():
    back = Figure.from_json("x", Figure(code="x", value=None).as_json())
    assert (back.value, back.numerator, back.denominator, back.breakdowns) == (None, None, None, ())
    assert Figure.from_json("x", {"value": "3"}) == Figure(code="x", value=M(3))

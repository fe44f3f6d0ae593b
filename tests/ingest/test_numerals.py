"""Numbers as reports write them: Arabic, Chinese, full-width, with separators and
multipliers, and their mixes."""

from decimal import Decimal

import pytest

from yuanjiang.ingest.numerals import parse


@pytest.mark.parametrize(("text", "value"), [
    ("60", 60), ("2.5", "2.5"), ("1,200", 1200), ("１２０", 120), ("0.5", "0.5"),
    ("2.5亿", 250_000_000), ("3亿", 300_000_000), ("5000万", 50_000_000), ("1.2万", 12_000),
    ("3亿5000万", 350_000_000), ("三亿五千万", 350_000_000), ("三亿五", 350_000_000),
    ("十", 10), ("十三", 13), ("二十", 20), ("一百零五", 105), ("两百", 200), ("一千二百", 1200),
    ("十三万", 130_000), ("三十万", 300_000), ("两千五百万", 25_000_000), ("一万五", 15_000),
    ("千", 1000), ("百", 100), ("万", 10_000), ("1千", 1000), ("两", 2), ("二〇二三", 2023),
])
def test_numbers(text, value):
    assert parse(text) == Decimal(str(value))


@pytest.mark.parametrize("text", ["", "一一", "三四", "十十", "abc", "3亿亿x"])
def test_not_numbers(text):
    assert parse(text) is None

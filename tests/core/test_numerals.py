import pytest

from yuanjiang.core.numerals import batch_name, chinese_number


@pytest.mark.parametrize(("n", "text"), [
    (1, "一"), (9, "九"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (21, "二十一"),
    (100, "一百"), (101, "一百零一"), (110, "一百一十"), (1001, "一千零一"), (1010, "一千零一十"),
    (2023, "二千零二十三"), (9999, "九千九百九十九"),
])
def test_chinese_numbers(n, text):
    assert chinese_number(n) == text


def test_batch_names():
    assert batch_name(10) == "第十批"
    assert batch_name(5) == "第五批"
    assert batch_name(12) == "第十二批"


@pytest.mark.parametrize("n", [0, -1, 10000])
def test_out_of_range(n):
    with pytest.raises(ValueError, match="out of range"):
        chinese_number(n)

import datetime as dt

import pytest

from yuanjiang.people import ids

GOOD = ids.make("320582", dt.date(1975, 5, 17), 123)


def test_make_and_read():
    assert GOOD == "320582197505171234"
    assert ids.validate(GOOD) == GOOD
    assert ids.birth_date(GOOD) == dt.date(1975, 5, 17)
    assert ids.gender(GOOD) == "male"
    assert ids.gender(ids.make("320582", dt.date(1975, 5, 17), 124)) == "female"


def test_mask():
    assert ids.mask("654024198805170012") == "6540**********0012"


def test_normalise_lowercase_x_and_spaces():
    number = ids.make("654024", dt.date(1990, 1, 1), 5)
    x_number = next(ids.make("654024", dt.date(1990, 1, 1), s) for s in range(1000)
                    if ids.make("654024", dt.date(1990, 1, 1), s).endswith("X"))
    assert ids.validate(f" {number[:6]} {number[6:]} ") == number
    assert ids.validate(x_number.lower()) == x_number
    full_width = number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert ids.validate(full_width) == number


@pytest.mark.parametrize(("value", "message"), [
    ("", "身份证号不能为空。"),
    ("32058219750517123", "应为 18 位"),
    ("3205821975051712A4", "格式不正确"),
    (GOOD[:-1] + "9", "校验位不正确"),
    (ids.make("999999", dt.date(1975, 5, 17), 1), "地区码 999999 不存在"),
    (ids.make("320582", dt.date(2199, 5, 17), 1), "出生日期无效"),
])
def test_bad_numbers(value, message):
    with pytest.raises(ValueError, match=message):
        ids.validate(value)


def test_impossible_birth_date_with_right_checksum():
    body = "32058219750230001"
    from stdnum.cn import ric

    number = body + ric.calc_check_digit(body + "0")
    with pytest.raises(ValueError, match="出生日期无效"):
        ids.validate(number)


def test_code_created_after_birth_is_accepted():
    # 张家港市 (320582) was created in 1989; people born before then hold it too.
    assert ids.validate(ids.make("320582", dt.date(1965, 1, 1), 11))

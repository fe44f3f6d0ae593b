"""居民身份证号码 (GB 11643): validation with its check digit, what it says, and masking."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.utils import timezone
from stdnum import exceptions as stdnum_errors
from stdnum import numdb
from stdnum.cn import ric


def normalise(value: str) -> str:
    """Upper case, no spaces, full-width characters (as typed in Chinese input) made ASCII."""
    text = unicodedata.normalize("NFKC", value or "")
    return re.sub(r"\s+", "", ric.compact(text)).upper()


def validate(value: str) -> str:
    """The normalised number, or ValueError with a Chinese message saying what is wrong.

    Length, digits and check digit are python-stdnum's (`cn.ric`); so are the birth date and
    the address code, except that the code need not have existed in the birth year: the code
    is that of the household registration when the number was first issued, often years
    after birth (a person born in 1975 in 张家港 holds 320582, a code created in 1989).
    """
    number = normalise(value)
    if not number:
        raise ValueError("身份证号不能为空。")
    shown = mask(number)  # messages are seen by others (import reports): never the number
    if len(number) != 18:
        raise ValueError(f"身份证号“{shown}”应为 18 位。")
    if not number[:-1].isdigit() or not (number[-1].isdigit() or number[-1] == "X"):
        raise ValueError(f"身份证号“{shown}”格式不正确（前 17 位为数字，末位为数字或 X）。")
    if number[-1] != ric.calc_check_digit(number):
        raise ValueError(f"身份证号“{shown}”的校验位不正确，请核对。")
    try:
        born = ric.get_birth_date(number)
    except stdnum_errors.ValidationError:
        raise ValueError(f"身份证号“{shown}”中的出生日期无效。") from None
    if born > timezone.localdate() or born.year < 1900:
        raise ValueError(f"身份证号“{shown}”中的出生日期无效。")
    if not known_address_code(number[:6]):
        raise ValueError(f"身份证号“{shown}”中的地区码 {number[:6]} 不存在。")
    return number


def known_address_code(code: str) -> bool:
    """Whether a six-digit code is, or was, a county-level code (python-stdnum's table)."""
    info = numdb.get("cn/loc").info(code)
    return len(info) >= 2 and bool(info[-1][1])


def birth_date(number: str) -> dt.date:
    return ric.get_birth_date(number)


def gender(number: str) -> str:
    """"male" or "female": the 17th digit is odd for men."""
    return "male" if int(number[16]) % 2 else "female"


def mask(number: str) -> str:
    """6540**********1234: the first four and the last four characters."""
    if len(number) < 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def make(region_code: str, born: dt.date, sequence: int) -> str:
    """A valid number for a region, a birth date and a 3-digit sequence (odd: male)."""
    body = f"{region_code}{born:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")  # it skips the last character

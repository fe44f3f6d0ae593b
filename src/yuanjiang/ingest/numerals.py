"""Numbers as Chinese reports write them: Arabic digits (also full-width, with thousands
separators), Chinese numerals (三, 十三, 两百, 一千二百, 〇), and their mixes with the
multipliers 十/百/千/万/亿 (2.5亿, 3亿5000万, 5000万, 1.2万, 十三万, 千).

`parse(text)` gives the value as a Decimal, or None when `text` is not one number.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "俩": 2, "三": 3,
          "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7,
          "八": 8, "捌": 8, "九": 9, "玖": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

CHINESE_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
#: One number: digits (with separators and a decimal part) and/or Chinese numerals and
#: multipliers, e.g. 2.5亿, 3亿5000万, 1,200, 十三万, 一千二百.
NUMBER = re.compile(
    rf"(?:\d+(?:[,，]\d{{3}})*(?:\.\d+)?|[{CHINESE_CHARS}])"
    rf"(?:\d+(?:\.\d+)?|[{CHINESE_CHARS}])*"
)


def _chinese_below_wan(text: str) -> int | None:
    """一千二百三十 → 1230; 十三 → 13; 两百 → 200; 三 → 3; None when malformed."""
    if not text:
        return 0
    total, digit, last_unit = 0, None, 10_000
    for ch in text:
        if ch in DIGITS:
            if digit is not None and DIGITS[ch] != 0 and digit != 0:
                return None  # two digits in a row (二三) is not a number
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            return None
    if digit:
        total += digit
    return total


def _section(text: str) -> Decimal | None:
    """A part without 万/亿: digits (1.5, 5000) or Chinese numerals below ten thousand, or
    digits followed by a Chinese unit (3千)."""
    if not text:
        return Decimal(1)
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return Decimal(text)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([十百千])", text)
    if m:
        return Decimal(m.group(1)) * SMALL_UNITS[m.group(2)]
    if all(ch in DIGITS or ch in SMALL_UNITS for ch in text):
        if len(text) > 1 and all(ch in DIGITS for ch in text):
            # 二〇二三: digit by digit (a year, in practice); 一一, 三四 are not numbers
            if not any(ch in "〇零○" for ch in text):
                return None
            return Decimal("".join(str(DIGITS[ch]) for ch in text))
        value = _chinese_below_wan(text)
        return None if value is None else Decimal(value)
    return None


def parse(text: str) -> Decimal | None:
    """The value of one written number; None when it is not one."""
    raw = (text or "").translate(FULL_WIDTH).replace(",", "").replace("，", "")
    if not raw:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", raw):
        try:
            return Decimal(raw)
        except InvalidOperation:
            return None
    # Split on the big units from the largest down: 3亿5000万 = 3×亿 + 5000×万.
    total = Decimal(0)
    rest = raw
    for unit_chars, factor in (("亿億", 100_000_000), ("万萬", 10_000)):
        for ch in unit_chars:
            if ch in rest:
                head, _sep, rest = rest.partition(ch)
                # 万亿: a multiplier on a multiplier
                if head == "" and total:
                    total *= factor
                    continue
                value = _section(head)
                if value is None:
                    return None
                total += value * factor
                break
    if rest:
        value = _section(rest)
        if value is None:
            return None
        if total and rest and re.fullmatch(r"[一二两三四五六七八九]", rest):
            # 一万五: the digit after 万 is thousands (15000), after 亿 ten-millions
            value = value * (1000 if total % 100_000_000 else 10_000_000)
        total += value
    return total

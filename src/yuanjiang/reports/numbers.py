"""Figures written as offices write them: 2.5亿元, 830万元, 60个, 100余家, 85%以上.

Each function returns a `Written`: the words, and what a reader takes from them (the value
as written and its qualifier), so a summary never states more than its data: a value that
must be rounded to be written is written "约…" (about); a value reported as 余/多 (more than),
以上 (at least), 约 (about) or 不足 (less than) keeps its word.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from yuanjiang.indicators.choices import Qualifier

YI = Decimal(100_000_000)
WAN = Decimal(10_000)


@dataclass(frozen=True)
class Written:
    text: str
    value: Decimal  # in base units (yuan, percent points, items) as the words say
    qualifier: str


def _plain(d: Decimal) -> str:
    """A decimal without trailing zeros or exponent: 2.50 → 2.5, 3.00 → 3."""
    text = format(d.normalize(), "f")
    return text


def _fits(d: Decimal, places: int) -> bool:
    return d == d.quantize(Decimal(1).scaleb(-places))


def _round(d: Decimal, places: int, rounding=ROUND_HALF_UP) -> Decimal:
    return d.quantize(Decimal(1).scaleb(-places), rounding=rounding)


def _qualified(number: str, unit: str, qualifier: str, *, before_unit: str = "") -> str:
    """Put a qualifier's word where offices put it: 约3亿元, 3亿余元, 100余家, 85%以上,
    不足10个. `before_unit` is the multiplier (亿, 万) that sits between number and unit."""
    if qualifier == Qualifier.MORE_THAN:
        if "." in number or unit == "%":  # 超2.5亿元, 超85%: not 2.5亿余元, 85余%
            return f"超{number}{before_unit}{unit}"
        if before_unit == "亿" or (before_unit == "万" and len(number) == 1):
            return f"{number}{before_unit}余{unit}"  # 3亿余元, 3万余人
        return f"{number}余{before_unit}{unit}"  # 100余家, 5000余万元
    if qualifier == Qualifier.AT_LEAST:
        return f"{number}{before_unit}{unit}以上"
    if qualifier == Qualifier.ABOUT:
        return f"约{number}{before_unit}{unit}"
    if qualifier == Qualifier.LESS_THAN:
        return f"不足{number}{before_unit}{unit}"
    return f"{number}{before_unit}{unit}"


def _money_scale(value: Decimal) -> tuple[Decimal, str, int]:
    if value >= YI:
        return YI, "亿", 2
    if value >= WAN:
        return WAN, "万", 0 if value >= 1000 * WAN else 1 if value >= 100 * WAN else 2
    return Decimal(1), "", 2


def _rounded(amount: Decimal, places: int, qualifier: str) -> tuple[Decimal, str]:
    """`amount` to `places` decimals, with the qualifier that keeps it true."""
    if _fits(amount, places):
        return amount, qualifier
    if qualifier == Qualifier.EXACT or qualifier == Qualifier.ABOUT:
        return _round(amount, places), Qualifier.ABOUT
    if qualifier in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
        return _round(amount, places, ROUND_FLOOR), qualifier  # still true rounded down
    return _round(amount, places, ROUND_CEILING), qualifier  # less than: rounding up keeps it true


def money(value: Decimal, qualifier: str = Qualifier.EXACT) -> Written:
    """Yuan in 亿元 (to 0.01亿), 万元 (to 0.01万 below 100万, 0.1万 below 1000万, whole 万
    above) or 元."""
    value = Decimal(value)
    scale, multiplier, places = _money_scale(value)
    shown, said = _rounded(value / scale, places, qualifier)
    if _money_scale(shown * scale) != (scale, multiplier, places):
        # Rounded up into the next unit or precision: 9999.6万 is 约1亿元, not 约10000万元.
        scale, multiplier, places = _money_scale(shown * scale)
        shown, said = _rounded(value / scale, places, qualifier)
    return Written(_qualified(_plain(shown), "元", said, before_unit=multiplier), shown * scale, said)


def count(value: Decimal | int, unit: str, qualifier: str = Qualifier.EXACT) -> Written:
    """Whole numbers as they are (60个, 411人); from ten thousand on, in 万 when that is exact
    to two decimals (1.2万人次)."""
    value = Decimal(value)
    if value >= WAN and _fits(value / WAN, 2):
        shown = value / WAN
        return Written(_qualified(_plain(shown), unit, qualifier, before_unit="万"), value, qualifier)
    return Written(_qualified(_plain(value), unit, qualifier), value, qualifier)


def share(value: Decimal, qualifier: str = Qualifier.EXACT) -> Written:
    """A share held to a floor (the two 80% rules), as reports state it: the largest multiple
    of 5 it reaches, with 以上 unless it is exactly that (86.94% → 85%以上)."""
    value = Decimal(value)
    if qualifier not in (Qualifier.EXACT, Qualifier.AT_LEAST):
        return percent(value, qualifier)
    floor = (value / 5).to_integral_value(ROUND_FLOOR) * 5
    if value == floor:
        return Written(_qualified(_plain(floor), "%", qualifier), floor, qualifier)
    return Written(f"{_plain(floor)}%以上", floor, Qualifier.AT_LEAST)


def percent(value: Decimal, qualifier: str = Qualifier.EXACT) -> Written:
    """A rate to one decimal (97%, 82.7%); rounded ones are written 约."""
    value = Decimal(value)
    if _fits(value, 1):
        shown, said = value, qualifier
    elif qualifier in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
        shown, said = _round(value, 1, ROUND_FLOOR), qualifier  # still true rounded down
    elif qualifier == Qualifier.LESS_THAN:
        shown, said = _round(value, 1, ROUND_CEILING), qualifier  # still true rounded up
    else:
        shown = _round(value, 1)
        said = Qualifier.ABOUT if qualifier == Qualifier.EXACT else qualifier
    return Written(_qualified(_plain(shown), "%", said), shown, said)


def _floor_two_digits(value: Decimal) -> Decimal:
    """The value kept to its two leading digits, rounded down (3048.6 → 3000, 104 → 100,
    53 → 50, 1234 → 1200): a floor the value really exceeds."""
    if value < 100:
        return (value / 10).to_integral_value(ROUND_FLOOR) * 10
    digits = len(str(int(value)))
    step = Decimal(10) ** (digits - 2)
    return (value / step).to_integral_value(ROUND_FLOOR) * step


def tally(value: Decimal | int, unit: str, qualifier: str = Qualifier.EXACT) -> Written:
    """A count of contacts (enterprises visited, delegations received) as offices state it:
    a round floor with 余 (104 → 100余家, 53 → 50余批次); small and round counts as they are."""
    value = Decimal(value)
    if qualifier not in (Qualifier.EXACT, Qualifier.MORE_THAN) or value < 20:
        return count(value, unit, qualifier)
    floor = _floor_two_digits(value)
    if floor == value:
        return count(value, unit, qualifier)
    return Written(_qualified(_plain(floor), unit, Qualifier.MORE_THAN), floor, Qualifier.MORE_THAN)


def money_floor(value: Decimal, qualifier: str = Qualifier.EXACT) -> Written:
    """A sum of sales as offices state it: 超 and its two leading digits in 亿元 or 万元
    (30,486,058.36 → 超3000万元, 294,000,000 → 超2.9亿元); a round sum as it is."""
    value = Decimal(value)
    if qualifier not in (Qualifier.EXACT, Qualifier.MORE_THAN) or value < WAN:
        return money(value, qualifier)
    scale, multiplier = (YI, "亿") if value >= YI else (WAN, "万")
    shown = value / scale
    floor = _floor_two_digits(shown) if shown >= 10 else (shown * 10).to_integral_value(ROUND_FLOOR) / 10
    if floor == shown:
        return money(value, qualifier)
    return Written(f"超{_plain(floor)}{multiplier}元", floor * scale, Qualifier.MORE_THAN)

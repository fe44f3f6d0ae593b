"""Chinese numerals for ordinal names such as 第十批 (the batch names offices use)."""

DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (0 < n < 10000)."""
    if not 0 < n < 10000:
        raise ValueError(f"out of range: {n}")
    units = [(1000, "千"), (100, "百"), (10, "十")]
    out, zero_pending = [], False
    for value, unit in units:
        digit, n = divmod(n, value)
        if digit:
            if zero_pending:
                out.append("零")
                zero_pending = False
            out.append(("" if value == 10 and digit == 1 and not out else DIGITS[digit]) + unit)
        elif out:
            zero_pending = True
    if n:
        if zero_pending:
            out.append("零")
        out.append(DIGITS[n])
    return "".join(out)


def batch_name(number: int) -> str:
    return f"第{chinese_number(number)}批"

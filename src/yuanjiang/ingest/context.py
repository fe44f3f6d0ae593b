"""What a text is about, when it says so: the supporting and recipient places it names (of
the pairings the platform knows), the batch (第十批) and the years it speaks of."""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import cache
from pathlib import Path

from .numerals import parse

PAIRINGS = Path(__file__).resolve().parents[1] / "core" / "data" / "pairings.csv"
SUFFIXES = ("维吾尔自治区", "哈萨克自治州", "柯尔克孜自治州", "蒙古自治州", "回族自治州", "自治区", "自治州",
            "自治县", "地区", "省", "市", "县", "区", "州")


@cache
def _places() -> dict[str, list[tuple[str, str, str]]]:
    """Names (full and short) → [(code, full name, side)] for the places of the pairings."""
    from yuanjiang.core.reference import region_rows

    rows = region_rows()
    sides: dict[str, str] = {}
    with PAIRINGS.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            sides.setdefault(row["supporting_code"], "supporting")
            sides.setdefault(row["recipient_code"], "recipient")
    names: dict[str, list[tuple[str, str, str]]] = {}
    for code, side in sides.items():
        row = rows.get(code)
        if row is None:
            continue
        full = row["name"]
        variants = {full}
        for suffix in SUFFIXES:
            if full.endswith(suffix) and len(full) - len(suffix) >= 2:
                variants.add(full[: -len(suffix)])
                break
        for name in variants:
            names.setdefault(name, []).append((code, full, side))
    return names


BATCH = re.compile(r"第([一二三四五六七八九十\d]{1,3})批(?:援疆|对口|干部|援建|援疆干部)?")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
YEARS_SINCE = re.compile(r"([一二两三四五六七八九十\d]{1,2})年(来|以来|间|中)")


def detect(text: str) -> dict:
    """{"supporting": [...], "recipient": [...], "batch": n | None, "years": [...],
    "span_years": n | None} — places as {"code", "name", "mentions"}."""
    found: Counter = Counter()
    info: dict[str, tuple[str, str]] = {}
    names = sorted(_places(), key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(n) for n in names))
    for m in pattern.finditer(text):
        for code, full, side in _places()[m.group(0)]:
            found[(side, code)] += 1
            info[code] = (full, side)
    out: dict = {"supporting": [], "recipient": []}
    for (side, code), n in found.most_common():
        out[side].append({"code": code, "name": info[code][0], "mentions": n})
    batches = Counter(int(parse(m.group(1)) or 0) for m in BATCH.finditer(text))
    batches.pop(0, None)
    out["batch"] = batches.most_common(1)[0][0] if batches else None
    years = sorted({int(y) for y in YEAR.findall(text)})
    out["years"] = years
    spans = [int(parse(m.group(1)) or 0) for m in YEARS_SINCE.finditer(text)]
    out["span_years"] = Counter(spans).most_common(1)[0][0] if spans else None
    return out

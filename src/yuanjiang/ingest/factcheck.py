"""Fact-check a draft (a summary, a speech, a news article) against the platform's figures.

Every figure of the draft that reports an indicator is compared with the platform's figure
for the chosen scope and period (computed from the records, or reported):

- 一致 (agrees): an exact figure that equals the platform's at the precision it is written
  with (2.5亿元 for 250,300,000 is 2.5亿 to 0.1亿); a 余/多/超 or 以上 figure the platform
  reaches; a 约/近 figure within a tenth of it; a 不足 figure the platform stays under;
- 不一致 (differs): an exact or approximate figure the platform does not support;
- 夸大 (overstates): a 余/多/以上 figure above the platform's (写“3亿多元”, 记录为 2.9亿);
- 无记录 (no record): the platform has no figure of that indicator for the scope and period.

Figures without an indicator are listed apart: nothing to check them against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from yuanjiang.indicators.scopes import Period, Scope
from yuanjiang.indicators.selectors import Figures, figures

from .extract import Fact, extract
from .labels import SENTENCE_END
from .text import Source

AGREES, DIFFERS, OVERSTATES, NO_RECORD = "agrees", "differs", "overstates", "no_record"
VERDICTS = {AGREES: "一致", DIFFERS: "不一致", OVERSTATES: "夸大", NO_RECORD: "无记录"}


@dataclass
class Finding:
    fact: Fact
    sentence: str
    verdict: str | None  # None: no indicator to check against
    platform_value: Decimal | None = None
    platform_qualifier: str = ""
    name: str = ""

    @property
    def verdict_label(self) -> str:
        return VERDICTS.get(self.verdict, "未标注指标")

    def as_json(self) -> dict[str, Any]:
        return {**self.fact.as_json(), "sentence": self.sentence, "verdict": self.verdict,
                "platform_value": None if self.platform_value is None else str(self.platform_value),
                "platform_qualifier": self.platform_qualifier}


def precision(fact: Fact) -> Decimal:
    """The step of the number as written: 2.5亿元 → 0.1亿 = 10,000,000; 830万元 → 1万;
    85.6% → 0.1; 60个 → 1."""
    m = re.search(r"(\d+)(?:\.(\d+))?", fact.text)
    decimals = len(m.group(2)) if m and m.group(2) else 0
    multiplier = Decimal(1)
    if fact.kind == "money" or re.search(r"[万亿萬億]", fact.text):
        if "亿" in fact.text or "億" in fact.text:
            multiplier = Decimal(100_000_000)
        elif "万" in fact.text or "萬" in fact.text:
            multiplier = Decimal(10_000)
    if not m:  # written in Chinese numerals: to the unit of its last digit (十三万 → 1万)
        return multiplier
    return multiplier * Decimal(1).scaleb(-decimals)


def verdict(fact: Fact, platform: Decimal) -> str:
    written = Decimal(str(fact.value))
    step = precision(fact)
    q = fact.qualifier
    if q == "exact":
        return AGREES if abs(platform - written) <= step / 2 else DIFFERS
    if q in ("more_than", "at_least"):
        if platform < written:
            return OVERSTATES
        return AGREES
    if q == "about":
        return AGREES if abs(platform - written) <= max(written / 10, step / 2) else DIFFERS
    if q == "less_than":
        return AGREES if platform < written else DIFFERS
    return DIFFERS


def _sentence(text: str, start: int, end: int) -> str:
    sb = max(text.rfind(ch, 0, start) for ch in SENTENCE_END)
    sa = min((i for i in (text.find(ch, end) for ch in SENTENCE_END) if i >= 0), default=len(text))
    return text[sb + 1:sa + 1].strip()


def check(user: Any, source: Source, scope: Scope, period: Period,
          platform: Figures | None = None) -> list[Finding]:
    platform = platform or figures(user, scope, period)
    out = []
    for fact in extract(source):
        sentence = _sentence(source.text, fact.start, fact.end)
        if not fact.indicator:
            out.append(Finding(fact, sentence, None))
            continue
        indicator = platform.indicators.get(fact.indicator)
        figure = platform.get(fact.indicator)
        name = indicator.name if indicator else fact.indicator
        if figure is None or figure.value is None:
            out.append(Finding(fact, sentence, NO_RECORD, name=name))
            continue
        out.append(Finding(fact, sentence, verdict(fact, figure.value), figure.value, figure.qualifier,
                           name=name))
    return out

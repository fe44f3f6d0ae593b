"""The document model of a narrative work summary (工作总结): pure data, no Django.

A `Document` is a title, a list of blocks (paragraphs, charts, sections) and an optional
signature (issuer and date). Section headings carry no number: the renderers number them in the
official style (GB/T 9704-2012, 7.3.3): level 1 "一、", level 2 "（一）", level 3 "1．", level 4
"（1）". Charts are numbered 图1, 图2 … in order of appearance. `walk` does both, so the Word
writer and `to_markdown` always agree.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from yuanjiang.core.numerals import chinese_number

ChartKind = Literal["bar", "line", "pie"]
CHART_KINDS: tuple[str, ...] = ("bar", "line", "pie")
MAX_HEADING_LEVEL = 4


@dataclass
class Chart:
    """A chart of one or more series over categories (x labels such as "2020年" or "民生")."""

    title: str
    kind: ChartKind
    categories: list[str]
    series: list[tuple[str, list[float | None]]]
    unit: str = ""

    def __post_init__(self) -> None:
        if self.kind not in CHART_KINDS:
            raise ValueError(f"unknown chart kind: {self.kind!r}")
        if not self.series:
            raise ValueError(f"chart {self.title!r} has no series")
        for name, values in self.series:
            if len(values) != len(self.categories):
                raise ValueError(
                    f"series {name!r} of chart {self.title!r} has {len(values)} values "
                    f"for {len(self.categories)} categories"
                )
        if self.kind == "pie" and len(self.series) != 1:
            raise ValueError(f"pie chart {self.title!r} takes exactly one series")


@dataclass
class Paragraph:
    """Body text: complete Chinese sentences."""

    text: str


@dataclass
class Section:
    """A heading (without its number) and the blocks under it."""

    heading: str
    level: int = 1
    blocks: list[Block] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not 1 <= self.level <= MAX_HEADING_LEVEL:
            raise ValueError(f"heading level must be 1–{MAX_HEADING_LEVEL}: {self.level}")


Block = Paragraph | Chart | Section


@dataclass
class Document:
    """A whole summary. `issuer` and `date` form the signature block at the end."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    issuer: str = ""
    date: datetime.date | None = None
    subtitle: str = ""


# --- numbering and formatting shared by the renderers -------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A section heading as rendered: its level, its number ("一、") and its text."""

    level: int
    number: str
    text: str

    @property
    def label(self) -> str:
        return f"{self.number}{self.text}"


@dataclass(frozen=True)
class Figure:
    """A chart as rendered: its number in order of appearance and its caption."""

    number: int
    chart: Chart

    @property
    def caption(self) -> str:
        return chart_caption(self.chart, self.number)


def heading_number(level: int, index: int) -> str:
    """The official number of the `index`-th (1-based) heading of `level`: 一、（一）1．（1）."""
    if level == 1:
        return f"{chinese_number(index)}、"
    if level == 2:
        return f"（{chinese_number(index)}）"
    if level == 3:
        return f"{index}．"
    if level == 4:
        return f"（{index}）"
    raise ValueError(f"heading level must be 1–{MAX_HEADING_LEVEL}: {level}")


def chart_caption(chart: Chart, number: int) -> str:
    """"图1 援疆资金分年度安排情况（单位：万元）"; without a unit, no parenthesis."""
    unit = f"（单位：{chart.unit}）" if chart.unit else ""
    return f"图{number} {chart.title}{unit}"


def format_date(date: datetime.date) -> str:
    """Chinese style with Arabic numerals, as GB/T 9704-2012 7.3.5.1 asks: 2023年4月13日."""
    return f"{date.year}年{date.month}月{date.day}日"


def format_value(value: float | None) -> str:
    """A chart value as shown in labels and tables: 2500.0 → "2500", 2.345 → "2.35", None → "—"."""
    if value is None:
        return "—"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def walk(doc: Document) -> Iterator[Paragraph | Heading | Figure]:
    """The blocks of `doc` in reading order, headings numbered and charts counted.

    Headings are numbered per level among their siblings, so each level-1 section restarts its
    level-2 count at （一）. A section must be deeper than the section that holds it."""
    figures = 0

    def visit(blocks: list[Block], parent_level: int) -> Iterator[Paragraph | Heading | Figure]:
        nonlocal figures
        counters: dict[int, int] = {}
        for block in blocks:
            if isinstance(block, Section):
                if block.level <= parent_level:
                    raise ValueError(
                        f"section {block.heading!r} (level {block.level}) "
                        f"inside a level-{parent_level} section"
                    )
                counters[block.level] = counters.get(block.level, 0) + 1
                yield Heading(block.level, heading_number(block.level, counters[block.level]), block.heading)
                yield from visit(block.blocks, block.level)
            elif isinstance(block, Chart):
                figures += 1
                yield Figure(figures, block)
            elif isinstance(block, Paragraph):
                yield block
            else:
                raise TypeError(f"not a block: {block!r}")

    yield from visit(doc.blocks, 0)


# --- Markdown ------------------------------------------------------------------------------------


def _table_row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def chart_table(chart: Chart) -> list[str]:
    """The data of `chart` as Markdown table lines: one row per category, one column per series."""
    lines = [
        _table_row(["类别", *(name for name, _ in chart.series)]),
        _table_row(["---"] * (len(chart.series) + 1)),
    ]
    for i, category in enumerate(chart.categories):
        lines.append(_table_row([category, *(format_value(values[i]) for _, values in chart.series)]))
    return lines


def to_markdown(doc: Document) -> str:
    """The same text as the Word output, in Markdown: `# title`, `## 一、…`, `### （一）…`,
    paragraphs separated by blank lines, each chart as an italic caption and a table."""
    blocks: list[str] = [f"# {doc.title}"]
    if doc.subtitle:
        blocks.append(doc.subtitle)
    for item in walk(doc):
        if isinstance(item, Heading):
            blocks.append(f"{'#' * (item.level + 1)} {item.label}")
        elif isinstance(item, Figure):
            blocks.append("\n".join([f"*{item.caption}*", "", *chart_table(item.chart)]))
        else:
            blocks.append(item.text)
    if doc.issuer:
        blocks.append(doc.issuer)
    if doc.date is not None:
        blocks.append(format_date(doc.date))
    return "\n\n".join(blocks) + "\n"

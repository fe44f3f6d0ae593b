"""Charts of a work summary rendered to PNG with matplotlib, Chinese labels included.

The CJK font is the Noto Sans CJK SC file shipped inside the PyPI package `mplfonts`, so
rendering needs no system font and no network (intranet deployments). It is registered with
matplotlib's font manager once per process; every other setting lives in an `rc_context` that
is undone when the render ends, and the figure is drawn on an explicit Agg canvas (no pyplot,
no display, no global backend switch).
"""

from __future__ import annotations

import importlib.util
import io
from functools import lru_cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from yuanjiang.reports.document import Chart, format_value

FONT_FILE = "NotoSansCJKsc-Regular.otf"
DPI = 200
ASPECT = 0.6  # height / width of bar and line charts
PALETTE = ["#C0392B", "#2E6DB4", "#E6A23C", "#3A9D5D", "#7D5BA6", "#D2691E", "#4A9BB0", "#8C8C8C"]
GRID_COLOR = "#DDDDDD"


@lru_cache(maxsize=1)
def font_path() -> Path:
    """The CJK font file inside the installed `mplfonts` package (found without importing it)."""
    spec = importlib.util.find_spec("mplfonts")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        candidate = Path(location) / "fonts" / FONT_FILE
        if candidate.is_file():
            return candidate
    raise RuntimeError(f"the package mplfonts (with fonts/{FONT_FILE}) is not installed")


@lru_cache(maxsize=1)
def font_family() -> str:
    """Register the font with matplotlib (once) and return its family name."""
    path = str(font_path())
    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


def _rc() -> dict[str, object]:
    return {
        "font.family": "sans-serif",
        # The CJK font covers Latin and digits too; DejaVu stays as matplotlib's own fallback.
        "font.sans-serif": [font_family(), "DejaVu Sans"],
        "axes.unicode_minus": False,
        # Sizes in points at the printed width (the Word writer inserts the picture 14 cm wide,
        # rendered at that width): about 五号 (10.5 pt), readable beside 16 pt body text.
        "font.size": 11,
        "axes.labelsize": 11,
        "xtick.labelsize": 11,
        "ytick.labelsize": 10,
        "legend.fontsize": 11,
        "axes.edgecolor": "#666666",
        "axes.linewidth": 0.8,
    }


def _style_axes(ax: Axes, chart: Chart) -> None:
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.grid(axis="y", color=GRID_COLOR, linewidth=0.6)
    ax.set_axisbelow(True)
    if chart.unit:
        ax.set_ylabel(f"单位：{chart.unit}")
    # Labels of 11 pt on a 14 cm picture: about 30 characters fit side by side.
    longest = max((len(c) for c in chart.categories), default=0)
    crowded = len(chart.categories) > 8 or len(chart.categories) * longest > 30
    ax.set_xticks(range(len(chart.categories)), chart.categories, rotation=30 if crowded else 0,
                  ha="right" if crowded else "center")
    if len(chart.series) > 1:
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=min(len(chart.series), 4),
                  frameon=False)
    ax.margins(y=0.15)


def _label(ax: Axes, x: float, y: float, size: float) -> None:
    ax.annotate(format_value(y), (x, y), textcoords="offset points", xytext=(0, 3 if y >= 0 else -3),
                ha="center", va="bottom" if y >= 0 else "top", fontsize=size, color="#333333")


def _bar(ax: Axes, chart: Chart) -> None:
    count = len(chart.series)
    width = 0.8 / count
    label_size = 9 if count * len(chart.categories) > 12 else 10
    for k, (name, values) in enumerate(chart.series):
        offset = (k - (count - 1) / 2) * width
        points = [(i + offset, v) for i, v in enumerate(values) if v is not None]
        ax.bar([x for x, _ in points], [v for _, v in points], width=width * 0.9, label=name,
               color=PALETTE[k % len(PALETTE)])
        for x, v in points:
            _label(ax, x, v, label_size)
    ax.axhline(0, color="#666666", linewidth=0.8)


def _line(ax: Axes, chart: Chart) -> None:
    for k, (name, values) in enumerate(chart.series):
        # Missing values are skipped: the line joins the points that are there.
        points = [(i, v) for i, v in enumerate(values) if v is not None]
        ax.plot([x for x, _ in points], [v for _, v in points], marker="o", markersize=4, linewidth=1.8,
                label=name, color=PALETTE[k % len(PALETTE)])
        for x, v in points:
            _label(ax, x, v, 9 if len(chart.series) > 2 else 10)
    ax.set_xlim(-0.5, len(chart.categories) - 0.5)


def _pie(ax: Axes, chart: Chart) -> None:
    _, values = chart.series[0]
    slices = [(c, v) for c, v in zip(chart.categories, values, strict=True) if v is not None and v > 0]
    if not slices:
        raise ValueError(f"pie chart {chart.title!r} has no positive value")
    ax.pie([v for _, v in slices], labels=[c for c, _ in slices], autopct="%.1f%%", startangle=90,
           counterclock=False, colors=PALETTE, pctdistance=0.72, labeldistance=1.08,
           wedgeprops={"edgecolor": "white", "linewidth": 1}, textprops={"fontsize": 11})
    for text in ax.texts:
        if text.get_text().endswith("%"):
            text.set_color("white")
            text.set_fontsize(10)
    ax.set_aspect("equal")


def render_png(chart: Chart, *, width_cm: float = 15.0) -> bytes:
    """The chart as PNG bytes, `width_cm` wide at 200 dpi; same input, same bytes."""
    width_in = width_cm / 2.54
    with matplotlib.rc_context(_rc()):
        fig = Figure(figsize=(width_in, width_in * ASPECT), dpi=DPI, layout="constrained")
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        if chart.kind == "pie":
            _pie(ax, chart)
        else:
            (_bar if chart.kind == "bar" else _line)(ax, chart)
            _style_axes(ax, chart)
        buffer = io.BytesIO()
        # No "Software" text chunk and no timestamps: the bytes depend on the chart alone.
        fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None}, facecolor="white")
    return buffer.getvalue()

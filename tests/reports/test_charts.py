"""Chart rendering: valid, deterministic PNGs with Chinese text drawn by a font that has it."""

import io
import struct
import warnings

import matplotlib
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from yuanjiang.reports import charts
from yuanjiang.reports.charts import render_png
from yuanjiang.reports.document import Chart

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

BAR = Chart(
    "援疆资金分年度安排情况",
    "bar",
    ["2020年", "2021年", "2022年", "2023年"],
    [("计划资金", [5200, 6300, 6800, 7200.5]), ("实际到位", [5000, 6300, None, 7000])],
    unit="万元",
)
LINE = Chart(
    "居民人均可支配收入",
    "line",
    ["2019年", "2020年", "2021年", "2022年"],
    [("城镇居民", [28000, 29500, None, 33100]), ("农村居民", [12000, -500, 14200, 15300])],
    unit="元",
)
PIE = Chart("援疆资金按领域分布", "pie", ["民生", "产业", "教育", "医疗卫生", "人才"],
            [("资金", [9800, 6200, 4300, None, 0])])


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    assert png[:8] == PNG_SIGNATURE
    out, pos = [], 8
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        out.append((png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]))
        pos += 12 + length
    return out


@pytest.mark.parametrize("chart", [BAR, LINE, PIE], ids=["bar", "line", "pie"])
def test_png_is_valid_of_the_asked_width_and_not_blank(chart):
    png = render_png(chart)
    kinds = [kind for kind, _ in chunks(png)]
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND"
    image = Image.open(io.BytesIO(png))
    image.verify()
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.width == pytest.approx(15 / 2.54 * 200, abs=2)  # 1181 px at 200 dpi
    assert image.height == pytest.approx(image.width * 0.6, abs=2)
    assert image.info["dpi"] == pytest.approx((200, 200), abs=0.1)
    colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert len(colours) > 50  # text, bars, antialiasing: something was drawn
    assert 10_000 < len(png) < 1_000_000


def test_width_follows_width_cm():
    image = Image.open(io.BytesIO(render_png(BAR, width_cm=10)))
    assert image.width == pytest.approx(10 / 2.54 * 200, abs=2)


@pytest.mark.parametrize("chart", [BAR, LINE, PIE], ids=["bar", "line", "pie"])
def test_output_is_deterministic_and_has_no_varying_metadata(chart):
    png = render_png(chart)
    assert render_png(chart) == png
    kinds = {kind for kind, _ in chunks(png)}
    assert b"tIME" not in kinds
    text = b"".join(data for kind, data in chunks(png) if kind in (b"tEXt", b"iTXt", b"zTXt"))
    assert b"Software" not in text and b"matplotlib" not in text.lower()


def test_different_data_gives_a_different_picture():
    other = Chart(BAR.title, "bar", BAR.categories, [("计划资金", [1, 2, 3, 4])], unit="万元")
    assert render_png(other) != render_png(BAR)


@pytest.mark.parametrize("chart", [BAR, LINE, PIE], ids=["bar", "line", "pie"])
def test_chinese_labels_have_glyphs(chart):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        render_png(chart)
    messages = [str(w.message) for w in caught]
    assert not [m for m in messages if "Glyph" in m or "missing from" in m], messages


def test_missing_glyphs_would_be_caught():
    """The check above is meaningful: a font without Chinese makes matplotlib warn."""
    with warnings.catch_warnings(record=True) as caught, matplotlib.rc_context(
        {"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}
    ):
        warnings.simplefilter("always")
        fig = Figure()
        FigureCanvasAgg(fig)
        fig.text(0.5, 0.5, "援疆资金")
        fig.savefig(io.BytesIO(), format="png")
    assert any("Glyph" in str(w.message) for w in caught)


def test_font_is_the_one_shipped_by_mplfonts():
    path = charts.font_path()
    assert path.name == "NotoSansCJKsc-Regular.otf"
    assert path.parent.name == "fonts" and path.parent.parent.name == "mplfonts"
    assert path.stat().st_size > 1_000_000
    assert charts.font_family() == "Noto Sans CJK SC"


def test_render_leaves_global_settings_alone():
    keys = ["font.family", "font.sans-serif", "axes.unicode_minus", "font.size"]
    before = {key: matplotlib.rcParams[key] for key in keys}
    render_png(BAR)
    assert {key: matplotlib.rcParams[key] for key in keys} == before


def test_pie_without_positive_values_is_refused():
    with pytest.raises(ValueError, match="no positive value"):
        render_png(Chart("空", "pie", ["a", "b"], [("s", [None, 0])]))

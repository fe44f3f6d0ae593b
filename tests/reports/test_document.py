"""The document model: numbering of headings and charts, formatting, Markdown output."""

import datetime
import subprocess
import sys

import pytest

from yuanjiang.reports.document import (
    Chart,
    Document,
    Figure,
    Heading,
    Paragraph,
    Section,
    chart_caption,
    format_date,
    format_value,
    heading_number,
    to_markdown,
    walk,
)


def funds_chart() -> Chart:
    return Chart("援疆资金分年度安排情况", "bar", ["2020年", "2021年"], [("援疆资金", [7800, 8500.5])], unit="万元")


def sample() -> Document:
    return Document(
        title="张家港市对口支援巩留县第十批援疆工作总结",
        issuer="张家港市援疆工作组",
        date=datetime.date(2023, 4, 13),
        blocks=[
            Paragraph("开头一段。"),
            Section("主要工作成效", blocks=[
                Paragraph("三年来，共计安排援疆资金2.5亿元。"),
                funds_chart(),
                Section("聚焦民生改善", level=2, blocks=[Paragraph("民生一段。")]),
                Section("聚焦产业发展", level=2, blocks=[
                    Chart("资金分布", "pie", ["民生", "产业"], [("资金", [3, 1])]),
                ]),
            ]),
            Section("下一步打算", blocks=[
                Section("深化产业援疆", level=2, blocks=[Paragraph("产业一段。")]),
            ]),
        ],
    )


def test_walk_numbers_headings_per_level_and_charts_in_order():
    items = list(walk(sample()))
    headings = [item.label for item in items if isinstance(item, Heading)]
    assert headings == ["一、主要工作成效", "（一）聚焦民生改善", "（二）聚焦产业发展", "二、下一步打算", "（一）深化产业援疆"]
    figures = [item for item in items if isinstance(item, Figure)]
    assert [f.number for f in figures] == [1, 2]
    assert [f.caption for f in figures] == ["图1 援疆资金分年度安排情况（单位：万元）", "图2 资金分布"]
    assert isinstance(items[0], Paragraph)


def test_heading_numbers_of_all_levels():
    assert [heading_number(1, n) for n in (1, 2, 10, 11, 20)] == ["一、", "二、", "十、", "十一、", "二十、"]
    assert [heading_number(2, n) for n in (1, 3, 12)] == ["（一）", "（三）", "（十二）"]
    assert heading_number(3, 2) == "2．"
    assert heading_number(4, 3) == "（3）"
    with pytest.raises(ValueError, match="level"):
        heading_number(5, 1)


def test_caption_date_and_values():
    assert chart_caption(funds_chart(), 3) == "图3 援疆资金分年度安排情况（单位：万元）"
    assert format_date(datetime.date(2023, 4, 3)) == "2023年4月3日"
    assert [format_value(v) for v in (2500.0, 2.345, 0.1, None, -0.001, 12)] == ["2500", "2.35", "0.1", "—", "0", "12"]


def test_markdown_output():
    assert to_markdown(sample()) == (
        "# 张家港市对口支援巩留县第十批援疆工作总结\n\n"
        "开头一段。\n\n"
        "## 一、主要工作成效\n\n"
        "三年来，共计安排援疆资金2.5亿元。\n\n"
        "*图1 援疆资金分年度安排情况（单位：万元）*\n\n"
        "| 类别 | 援疆资金 |\n| --- | --- |\n| 2020年 | 7800 |\n| 2021年 | 8500.5 |\n\n"
        "### （一）聚焦民生改善\n\n"
        "民生一段。\n\n"
        "### （二）聚焦产业发展\n\n"
        "*图2 资金分布*\n\n"
        "| 类别 | 资金 |\n| --- | --- |\n| 民生 | 3 |\n| 产业 | 1 |\n\n"
        "## 二、下一步打算\n\n"
        "### （一）深化产业援疆\n\n"
        "产业一段。\n\n"
        "张家港市援疆工作组\n\n"
        "2023年4月13日\n"
    )


def test_markdown_subtitle_missing_values_and_no_signature():
    doc = Document(
        title="总结",
        subtitle="（2020—2022年）",
        blocks=[Chart("收入", "line", ["2021年", "2022年"], [("城镇", [1.5, None]), ("农村", [1, 2])], unit="元")],
    )
    assert to_markdown(doc) == (
        "# 总结\n\n（2020—2022年）\n\n*图1 收入（单位：元）*\n\n"
        "| 类别 | 城镇 | 农村 |\n| --- | --- | --- |\n| 2021年 | 1.5 | 1 |\n| 2022年 | — | 2 |\n"
    )


def test_invalid_blocks_are_refused():
    with pytest.raises(ValueError, match="2 values for 3 categories"):
        Chart("图", "bar", ["a", "b", "c"], [("s", [1, 2])])
    with pytest.raises(ValueError, match="unknown chart kind"):
        Chart("图", "area", ["a"], [("s", [1])])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="exactly one series"):
        Chart("图", "pie", ["a"], [("s", [1]), ("t", [2])])
    with pytest.raises(ValueError, match="no series"):
        Chart("图", "bar", ["a"], [])
    with pytest.raises(ValueError, match="level"):
        Section("标题", level=0)
    doc = Document(title="t", blocks=[Section("一级", blocks=[Section("又一级", level=1)])])
    with pytest.raises(ValueError, match="inside a level-1 section"):
        list(walk(doc))
    with pytest.raises(TypeError, match="not a block"):
        list(walk(Document(title="t", blocks=["文字"])))  # type: ignore[list-item]


def test_document_module_does_not_import_django():
    code = (
        "import sys, yuanjiang.reports.document;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('django', 'matplotlib', 'docx')];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)

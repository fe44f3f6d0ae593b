"""The Word writer: GB/T 9704-2012 page, fonts, grid, page numbers, figures and signature, read
back from the .docx it writes."""

import datetime
import io
import re
import shutil
import subprocess
import zipfile

import pytest
from docx import Document as read_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from lxml import etree

from yuanjiang.reports import docx as writer
from yuanjiang.reports.document import Chart, Document, Paragraph, Section, to_markdown
from yuanjiang.reports.docx import write_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def sample() -> Document:
    return Document(
        title="张家港市对口支援巩留县第十批援疆工作总结",
        issuer="张家港市援疆工作组",
        date=datetime.date(2023, 4, 13),
        blocks=[
            Paragraph("2020年以来，工作组扎实推进对口支援巩留县各项工作，取得了阶段性成效。"),
            Section("主要工作成效", blocks=[
                Paragraph("三年来，共计安排援疆资金2.5亿元，实施对口支援项目60个。"),
                Chart("援疆资金分年度安排情况", "bar", ["2020年", "2021年", "2022年"],
                      [("援疆资金", [7800, 8500, 8700])], unit="万元"),
                Section("聚焦民生改善", level=2, blocks=[Paragraph("新建改扩建学校5所、乡镇卫生院3所。")]),
                Section("聚焦产业发展", level=2, blocks=[
                    Paragraph("引进江苏企业12家，带动当地就业2300余人。"),
                    Chart("援疆资金按领域分布情况", "pie", ["民生", "产业", "教育"], [("资金", [9800, 6200, 4300])]),
                ]),
            ]),
            Section("下一步打算", blocks=[Paragraph("进一步优化援疆资金投向。"), Paragraph("特此报告。")]),
        ],
    )


@pytest.fixture(scope="module")
def data() -> bytes:
    return write_docx(sample())


@pytest.fixture(scope="module")
def word(data):
    return read_docx(io.BytesIO(data))


def texts(word) -> list[str]:
    return [p.text for p in word.paragraphs if p.text]


def paragraph(word, text: str):
    return next(p for p in word.paragraphs if p.text == text)


def style_value(style, path: str, attr: str) -> str | None:
    """The value of `path`/@`attr` in the style's properties, following basedOn like Word."""
    while style is not None:
        found = style.element.find(path.replace("w:", W))
        if found is not None and found.get(qn(attr)) is not None:
            return found.get(qn(attr))
        style = style.base_style
    return None


def fonts_of(style) -> dict[str, str | None]:
    return {
        "eastAsia": style_value(style, "w:rPr/w:rFonts", "w:eastAsia"),
        "ascii": style_value(style, "w:rPr/w:rFonts", "w:ascii"),
        "hAnsi": style_value(style, "w:rPr/w:rFonts", "w:hAnsi"),
        "size_pt": int(style_value(style, "w:rPr/w:sz", "w:val")) / 2,
    }


def test_page_is_a4_with_official_margins(word):
    section = word.sections[0]
    assert section.page_width.mm == pytest.approx(210, abs=0.1)
    assert section.page_height.mm == pytest.approx(297, abs=0.1)
    assert section.top_margin.mm == pytest.approx(37, abs=0.1)
    assert section.bottom_margin.mm == pytest.approx(35, abs=0.1)
    assert section.left_margin.mm == pytest.approx(28, abs=0.1)
    assert section.right_margin.mm == pytest.approx(26, abs=0.1)
    text_width = section.page_width.mm - section.left_margin.mm - section.right_margin.mm
    text_height = section.page_height.mm - section.top_margin.mm - section.bottom_margin.mm
    assert text_width == pytest.approx(156, abs=0.1)
    assert text_height == pytest.approx(225, abs=0.1)


def test_document_grid_holds_22_lines_of_28_characters(word):
    section = word.sections[0]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    line_pitch, char_space = int(grid.get(qn("w:linePitch"))), int(grid.get(qn("w:charSpace")))
    assert (line_pitch, char_space) == (579, -842)
    width = section.page_width.twips - section.left_margin.twips - section.right_margin.twips
    height = section.page_height.twips - section.top_margin.twips - section.bottom_margin.twips
    assert 22 * line_pitch <= height < 23 * line_pitch
    pitch_twips = (16 + char_space / 4096) * 20  # the grid's character pitch
    assert 28 * pitch_twips <= width < 29 * pitch_twips
    # The condensed body text fits 28 characters too, without the grid.
    spacing = int(style_value(word.styles["Normal"], "w:rPr/w:spacing", "w:val"))
    assert 28 * (320 + spacing) <= width < 29 * (320 + spacing)


def test_title_font_and_layout(word):
    title = paragraph(word, "张家港市对口支援巩留县第十批援疆工作总结")
    assert fonts_of(title.style) == {"eastAsia": "方正小标宋简体", "ascii": "宋体", "hAnsi": "宋体", "size_pt": 22}
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert style_value(title.style, "w:pPr/w:ind", "w:firstLineChars") == "0"
    assert word.paragraphs[0].text == title.text


def test_body_font_indent_and_line_spacing(word):
    body = paragraph(word, "特此报告。")
    assert body.style.name == "Normal"
    assert fonts_of(body.style) == {"eastAsia": "仿宋_GB2312", "ascii": "仿宋", "hAnsi": "仿宋", "size_pt": 16}
    assert style_value(body.style, "w:pPr/w:ind", "w:firstLineChars") == "200"
    assert style_value(body.style, "w:pPr/w:jc", "w:val") == "both"
    assert style_value(body.style, "w:pPr/w:spacing", "w:line") == "579"
    assert style_value(body.style, "w:pPr/w:spacing", "w:lineRule") == "exact"
    lang = word.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(qn("w:eastAsia")) == "zh-CN"


def test_headings_are_numbered_with_official_fonts(word):
    assert [t for t in texts(word) if t[:2] in ("一、", "二、") or t.startswith("（")] == [
        "一、主要工作成效", "（一）聚焦民生改善", "（二）聚焦产业发展", "二、下一步打算",
    ]
    level1, level2 = paragraph(word, "一、主要工作成效"), paragraph(word, "（一）聚焦民生改善")
    assert fonts_of(level1.style) == {"eastAsia": "黑体", "ascii": "黑体", "hAnsi": "黑体", "size_pt": 16}
    assert fonts_of(level2.style) == {"eastAsia": "楷体_GB2312", "ascii": "楷体", "hAnsi": "楷体", "size_pt": 16}
    for heading in (level1, level2):
        assert style_value(heading.style, "w:pPr/w:ind", "w:firstLineChars") == "200"
        assert heading.style.paragraph_format.keep_with_next
    assert style_value(level1.style, "w:pPr/w:outlineLvl", "w:val") == "0"
    assert style_value(level2.style, "w:pPr/w:outlineLvl", "w:val") == "1"
    assert paragraph(word, "二、下一步打算").style.name == level1.style.name


def test_font_table_names_fallbacks(data):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        table = etree.fromstring(z.read("word/fontTable.xml"))
    alt = {
        font.get(qn("w:name")): font.find(qn("w:altName")).get(qn("w:val"))
        for font in table.findall(qn("w:font"))
        if font.find(qn("w:altName")) is not None
    }
    assert alt["方正小标宋简体"] == "宋体"
    assert alt["仿宋_GB2312"] == "仿宋"
    assert alt["楷体_GB2312"] == "楷体"
    assert alt["仿宋"] == "FangSong" and alt["宋体"] == "SimSun" and alt["黑体"] == "SimHei"


def footer_xml(footer) -> str:
    return etree.tostring(footer._element, encoding="unicode")


def test_footers_carry_page_numbers_odd_right_even_left(word):
    assert word.settings.odd_and_even_pages_header_footer
    section = word.sections[0]
    odd, even = section.footer, section.even_page_footer
    assert not odd.is_linked_to_previous and not even.is_linked_to_previous
    for footer, alignment in ((odd, WD_ALIGN_PARAGRAPH.RIGHT), (even, WD_ALIGN_PARAGRAPH.LEFT)):
        xml = footer_xml(footer)
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", xml)
        number = footer.paragraphs[0]
        assert re.fullmatch(r"— \d+ —", number.text)
        assert number.alignment == alignment
        assert fonts_of(number.style) == {"eastAsia": "宋体", "ascii": "宋体", "hAnsi": "宋体", "size_pt": 14}
    assert odd.paragraphs[0]._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")) == "100"
    assert even.paragraphs[0]._p.pPr.find(qn("w:ind")).get(qn("w:leftChars")) == "100"


def test_charts_are_pictures_with_numbered_captions(word, data):
    assert len(word.inline_shapes) == 2
    for shape in word.inline_shapes:
        assert shape.width.cm == pytest.approx(14, abs=0.01)
        assert 6 < shape.height.cm < 10
    captions = [t for t in texts(word) if t.startswith("图")]
    assert captions == ["图1 援疆资金分年度安排情况（单位：万元）", "图2 援疆资金按领域分布情况"]
    paragraphs = word.paragraphs
    for caption in captions:
        index = next(i for i, p in enumerate(paragraphs) if p.text == caption)
        picture = paragraphs[index - 1]
        assert picture._p.xpath(".//pic:pic")  # the picture sits right above its caption
        assert picture.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert paragraphs[index].style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert fonts_of(paragraphs[index].style)["eastAsia"] == "仿宋_GB2312"
        assert fonts_of(paragraphs[index].style)["size_pt"] == 14
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert len(media) == 2
        assert all(z.read(n).startswith(b"\x89PNG") for n in media)


def test_signature_is_right_aligned_at_the_end(word):
    *_, issuer, date = word.paragraphs
    assert (issuer.text, date.text) == ("张家港市援疆工作组", "2023年4月13日")
    for p in (issuer, date):
        assert p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # GB/T 9704 7.3.5.2: the issuer 2 characters in from the right, the date's first character
    # 2 characters right of the issuer's (9 characters; the date is 6.5 wide, digits being half).
    assert issuer._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")) == "200"
    assert date._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")) == "250"
    assert issuer._p.pPr.find(qn("w:spacing")).get(qn("w:before")) == "579"  # one empty line above


def test_core_properties_are_fixed(word):
    props = word.core_properties
    assert props.title == "张家港市对口支援巩留县第十批援疆工作总结"
    assert props.author == "援疆通"
    assert props.last_modified_by == "援疆通"
    moment = datetime.datetime(2023, 4, 13, tzinfo=datetime.UTC)
    assert props.created == moment and props.modified == moment


def test_output_is_deterministic(data):
    assert write_docx(sample()) == data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {info.date_time for info in z.infolist()} == {(2023, 4, 13, 0, 0, 0)}
        assert "docProps/thumbnail.jpeg" not in z.namelist()


def test_text_and_numbering_match_the_markdown(word):
    markdown_blocks = []
    for block in to_markdown(sample()).strip().split("\n\n"):
        if block.startswith("|"):
            continue  # a chart's data table; the docx has the picture instead
        markdown_blocks.append(block.lstrip("#").strip().strip("*"))
    assert texts(word) == markdown_blocks


def test_document_without_date_issuer_or_charts():
    doc = Document(title="简要总结", subtitle="（2020—2022年）", blocks=[Paragraph("正文。")])
    data = write_docx(doc)
    assert write_docx(doc) == data
    word = read_docx(io.BytesIO(data))
    assert texts(word) == ["简要总结", "（2020—2022年）", "正文。"]
    assert len(word.inline_shapes) == 0
    assert word.core_properties.created == datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {info.date_time for info in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}


def test_long_date_moves_the_issuer_left():
    doc = Document(title="t", blocks=[], issuer="工作组", date=datetime.date(2023, 12, 31))
    *_, issuer, date = read_docx(io.BytesIO(write_docx(doc))).paragraphs
    # date 7 wide, 2 in from the right; its first character 2 right of the issuer's (3 wide).
    assert date._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")) == "200"
    assert issuer._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")) == "800"


def test_grid_arithmetic_constants():
    assert writer.TEXT_WIDTH == 8845 and writer.TEXT_HEIGHT == 12756
    assert writer.LINE_PITCH == 579 and writer.CHAR_SPACE == -842 and writer.CONDENSE == 5


def test_libreoffice_renders_a4_pages(tmp_path, data):
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice (libreoffice/soffice) is not on PATH; cannot convert the .docx to PDF")
    source = tmp_path / "summary.docx"
    source.write_bytes(data)
    subprocess.run(
        [office, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = (tmp_path / "summary.pdf").read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", pdf)
    assert boxes, "no page in the PDF"
    for box in boxes:
        x0, y0, x1, y1 = map(float, box)
        assert (x1 - x0, y1 - y0) == pytest.approx((595.28, 841.89), abs=1)  # 210 × 297 mm

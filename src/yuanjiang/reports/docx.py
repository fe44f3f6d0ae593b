"""A work summary as a Word file in the format of Chinese official documents, GB/T 9704-2012.

Page (GB/T 9704-2012, 5.2): A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm, so the
text area (版心) is 156 mm × 225 mm, set as 22 lines of 28 characters of 3号 (16 pt) type.

The grid arithmetic, in twips (1/20 pt) as Word stores it, from the margins rounded to twips:
  width  11906 − 1587 − 1474 = 8845 twips = 442.25 pt; 442.25 / 28 = 15.79 pt per character,
         0.21 pt less than the 16 pt body size. docGrid charSpace is that difference in 1/4096 pt:
         floor((15.7946 − 16) × 4096) = −842 (rounded down, so 28 characters always fit);
  height 16838 − 2098 − 1984 = 12756 twips = 637.8 pt; 637.8 / 22 = 28.99 pt per line:
         linePitch floor(12756 / 22) = 579 twips = 28.95 pt (rounded down, so 22 lines fit),
         and the paragraphs use the same exact line spacing, 28.95 pt.
Word shows that grid in its page setup (每行28字，每页22行). The paragraphs themselves do not snap
to it (LibreOffice would give each 16 pt character two 15.79 pt cells): the body is condensed by
ceil((16 − 15.7946) × 20) = 5 twips instead, 15.75 pt a character, so 28 fit in 441 pt.

Fonts (5.2.3, 7.2, 7.3): title 2号 方正小标宋简体, body 3号 仿宋_GB2312, level-1 headings 黑体,
level-2 headings 楷体_GB2312, page numbers 4号 宋体. These official fonts are missing on many
machines. Fallback works on three levels:
  1. each run names the official font in the East Asian slot (w:eastAsia) and a font that ships
     with every Chinese Windows (宋体, 仿宋, 黑体, 楷体) in the ascii/hAnsi/cs slots, so Latin text
     and digits always have a real font;
  2. the font table (word/fontTable.xml) lists each official font with w:altName naming that
     common font, plus its charset (GB2312) and family, which Word uses to pick a substitute;
  3. beyond that Word and LibreOffice substitute a missing font themselves (LibreOffice through
     its replacement table and fontconfig, which maps any Chinese font to an installed CJK one).

Page numbers (7.5): "— 1 —" in 4号 宋体 below the text area, odd pages right-aligned and even
pages left-aligned, each one character in from the edge of the text area (even/odd footers).

The output is deterministic: fixed core-property dates (from the document's date), fixed zip
timestamps, and chart PNGs that depend on their data only.
"""

from __future__ import annotations

import datetime
import io
import math
import unicodedata
import zipfile

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Twips
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from yuanjiang.reports.charts import render_png
from yuanjiang.reports.document import Document, Figure, Heading, format_date, walk

AUTHOR = "援疆通"
FIXED_DATE = datetime.date(2000, 1, 1)  # the timestamps of a document that has no date

# --- page geometry (twips) ----------------------------------------------------------------------


def mm_to_twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


PAGE_WIDTH = mm_to_twips(210)  # 11906
PAGE_HEIGHT = mm_to_twips(297)  # 16838
MARGIN_TOP = mm_to_twips(37)  # 2098
MARGIN_BOTTOM = mm_to_twips(35)  # 1984
MARGIN_LEFT = mm_to_twips(28)  # 1587
MARGIN_RIGHT = mm_to_twips(26)  # 1474
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
BODY_SIZE = 16  # 3号, pt
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 8845 twips = 156 mm
TEXT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM  # 12756 twips = 225 mm
LINE_PITCH = TEXT_HEIGHT // LINES_PER_PAGE  # 579 twips = 28.95 pt
CHAR_SPACE = math.floor((TEXT_WIDTH / 20 / CHARS_PER_LINE - BODY_SIZE) * 4096)  # −842
# Body text is also condensed by whole twips so that 28 characters fit without the grid:
# ceil((16 − 15.7946) × 20) = 5 twips (0.25 pt), a pitch of 15.75 pt, 28 × 15.75 = 441 pt.
CONDENSE = math.ceil((BODY_SIZE - TEXT_WIDTH / 20 / CHARS_PER_LINE) * 20)  # 5 twips
BODY_CHAR = BODY_SIZE * 20 - CONDENSE  # one body character, 315 twips
# The page number sits 7 mm below the text area (7.5): its line (14 pt ≈ 5 mm) ends about
# 35 − 7 − 5 = 23 mm above the bottom edge, which is what Word's footer distance measures.
FOOTER_DISTANCE = mm_to_twips(23)
HEADER_DISTANCE = mm_to_twips(15)

CHART_WIDTH_CM = 14.0

# --- fonts --------------------------------------------------------------------------------------

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"

# Official font → the common font kept in the other slots and named as w:altName.
FALLBACK = {
    TITLE_FONT: "宋体",
    BODY_FONT: "仿宋",
    HEADING1_FONT: "黑体",
    HEADING2_FONT: "楷体",
    PAGE_NUMBER_FONT: "宋体",
}
# Common Chinese font → its English name, which some systems know it by.
ENGLISH_NAME = {"宋体": "SimSun", "仿宋": "FangSong", "黑体": "SimHei", "楷体": "KaiTi"}
SANS_FONTS = {"黑体"}

# --- style names (shown to the user in Word, hence Chinese) -------------------------------------

STYLE_BODY = "Normal"
STYLE_TITLE = "公文标题"
STYLE_SUBTITLE = "公文副标题"
STYLE_HEADINGS = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}
STYLE_PICTURE = "图片"
STYLE_CAPTION = "图题"
STYLE_SIGNATURE = "落款"
STYLE_PAGE_NUMBER = "页码"


# --- low-level XML helpers ----------------------------------------------------------------------


# Child order of the elements this module edits (ECMA-376 Part 1, 17.3.1.26, 17.3.2.28, 17.6.17).
_CHILD_ORDER = {
    "w:pPr": [
        "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
        "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
        "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
        "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
        "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
        "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
        "w:sectPr", "w:pPrChange",
    ],
    "w:rPr": [
        "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
        "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
        "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
        "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
        "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
    ],
    "w:sectPr": [
        "w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz",
        "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt",
        "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter",
        "w:docGrid", "w:printerSettings", "w:sectPrChange",
    ],
}


def _set_child(parent: BaseOxmlElement, tag: str, **attrs: str) -> BaseOxmlElement:
    """Replace `parent`'s child `tag` (pPr, rPr or sectPr) by a new one with `attrs`, in schema
    order."""
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    child = OxmlElement(tag, attrs={qn(f"w:{k}"): v for k, v in attrs.items()})
    order = _CHILD_ORDER[parent.tag.replace(f"{{{parent.nsmap['w']}}}", "w:")]
    parent.insert_element_before(child, *order[order.index(tag) + 1 :])
    return child


def _set_fonts(rPr: BaseOxmlElement, east_asia: str) -> None:
    """Name `east_asia` in the East Asian slot and its common fallback in the others.
    Theme font attributes are dropped: they would override the names."""
    rFonts = rPr.get_or_add_rFonts()  # type: ignore[attr-defined]
    rFonts.attrib.clear()
    fallback = FALLBACK.get(east_asia, east_asia)
    for slot in ("ascii", "hAnsi", "cs"):
        rFonts.set(qn(f"w:{slot}"), fallback)
    rFonts.set(qn("w:eastAsia"), east_asia)
    # Characters that both scripts share (“”—…) take the East Asian font.
    rFonts.set(qn("w:hint"), "eastAsia")


def _set_size(rPr: BaseOxmlElement, points: float) -> None:
    half_points = str(round(points * 2))
    _set_child(rPr, "w:sz", val=half_points)
    _set_child(rPr, "w:szCs", val=half_points)


def _set_indent_chars(pPr: BaseOxmlElement, *, first_line: float = 0, left: float = 0,
                      right: float = 0, char: int = BODY_CHAR) -> None:
    """Indents in characters (w:*Chars, in 1/100 character), with the same length in twips
    (`char` twips a character) for readers that ignore the character units."""
    ind = pPr.get_or_add_ind()  # type: ignore[attr-defined]
    ind.attrib.clear()
    ind.set(qn("w:firstLine"), str(round(first_line * char)))
    ind.set(qn("w:firstLineChars"), str(round(first_line * 100)))
    ind.set(qn("w:left"), str(round(left * char)))
    ind.set(qn("w:leftChars"), str(round(left * 100)))
    ind.set(qn("w:right"), str(round(right * char)))
    ind.set(qn("w:rightChars"), str(round(right * 100)))


def _exact_spacing(pPr: BaseOxmlElement, *, before: int = 0, after: int = 0) -> None:
    _set_child(pPr, "w:spacing", before=str(before), after=str(after), line=str(LINE_PITCH),
               lineRule="exact")


# --- styles -------------------------------------------------------------------------------------


def _paragraph_style(docx: DocxDocument, name: str) -> ParagraphStyle:
    style = docx.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = docx.styles[STYLE_BODY]
    style.quick_style = True
    return style  # type: ignore[return-value]


def _format_style(style: ParagraphStyle, *, font: str, size: float, alignment: WD_ALIGN_PARAGRAPH,
                  first_line: float = 0, keep_with_next: bool = False,
                  outline_level: int | None = None) -> None:
    pPr = style.element.get_or_add_pPr()
    rPr = style.element.get_or_add_rPr()
    if keep_with_next:
        style.paragraph_format.keep_with_next = True
    _set_indent_chars(pPr, first_line=first_line)
    style.paragraph_format.alignment = alignment
    if outline_level is not None:
        _set_child(pPr, "w:outlineLvl", val=str(outline_level))
    _set_fonts(rPr, font)
    _set_size(rPr, size)
    style.font.bold = False
    style.font.italic = False


def _setup_styles(docx: DocxDocument) -> None:
    styles_el = docx.styles.element
    # Document defaults: body font and size, Chinese language, no paragraph spacing.
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr_default, BODY_FONT)
    _set_size(rpr_default, BODY_SIZE)
    _set_child(rpr_default, "w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    _exact_spacing(defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")))

    # Body text (the Normal style): 3号 仿宋_GB2312, justified, first line indented 2 characters,
    # exact line spacing on the 22-line grid, no widow control (it would leave lines empty) and
    # no extra space between Chinese and Latin text (it would break the 28-character grid).
    body = docx.styles[STYLE_BODY]
    pPr = body.element.get_or_add_pPr()
    _set_child(pPr, "w:widowControl", val="0")
    _set_child(pPr, "w:autoSpaceDE", val="0")
    _set_child(pPr, "w:autoSpaceDN", val="0")
    _exact_spacing(pPr)
    _format_style(body, font=BODY_FONT, size=BODY_SIZE, alignment=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line=2)
    # Paragraphs do not snap to the character grid: Word would squeeze 16 pt characters into
    # the 15.79 pt cells, but LibreOffice gives every character wider than a cell two cells
    # (14 characters a line). Condensing the text by 0.25 pt instead gives 28 a line in both;
    # the grid still records the 28 × 22 layout (Word's page setup shows it) and the exact
    # line spacing keeps the 22 lines.
    _set_child(pPr, "w:snapToGrid", val="0")
    _set_child(body.element.get_or_add_rPr(), "w:spacing", val=str(-CONDENSE))

    _format_style(_paragraph_style(docx, STYLE_TITLE), font=TITLE_FONT, size=22,
                  alignment=WD_ALIGN_PARAGRAPH.CENTER, keep_with_next=True)
    _format_style(_paragraph_style(docx, STYLE_SUBTITLE), font=HEADING2_FONT, size=BODY_SIZE,
                  alignment=WD_ALIGN_PARAGRAPH.CENTER, keep_with_next=True)
    # Headings (7.3.3): 黑体, 楷体_GB2312, then 仿宋 for levels 3 and 4; indented 2 characters
    # like the body, and in the outline so that Word's navigation pane lists them.
    heading_fonts = {1: HEADING1_FONT, 2: HEADING2_FONT, 3: BODY_FONT, 4: BODY_FONT}
    for level, name in STYLE_HEADINGS.items():
        _format_style(_paragraph_style(docx, name), font=heading_fonts[level], size=BODY_SIZE,
                      alignment=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line=2, keep_with_next=True,
                      outline_level=level - 1)

    picture = _paragraph_style(docx, STYLE_PICTURE)
    _format_style(picture, font=BODY_FONT, size=BODY_SIZE, alignment=WD_ALIGN_PARAGRAPH.CENTER,
                  keep_with_next=True)
    # Single line spacing: an exact spacing would cut the picture to one line.
    picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _format_style(_paragraph_style(docx, STYLE_CAPTION), font=BODY_FONT, size=14,
                  alignment=WD_ALIGN_PARAGRAPH.CENTER)
    _format_style(_paragraph_style(docx, STYLE_SIGNATURE), font=BODY_FONT, size=BODY_SIZE,
                  alignment=WD_ALIGN_PARAGRAPH.RIGHT)

    number = _paragraph_style(docx, STYLE_PAGE_NUMBER)
    _format_style(number, font=PAGE_NUMBER_FONT, size=14, alignment=WD_ALIGN_PARAGRAPH.RIGHT)
    number.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _font_entry(name: str, alt: str) -> BaseOxmlElement:
    family = "swiss" if FALLBACK.get(name, name) in SANS_FONTS else "roman"
    return parse_xml(
        f'<w:font xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:name="{name}">'
        f'<w:altName w:val="{alt}"/><w:charset w:val="86"/><w:family w:val="{family}"/>'
        '<w:pitch w:val="variable"/></w:font>'
    )


def _setup_font_table(docx: DocxDocument) -> None:
    """Declare the official fonts and their common fallbacks in word/fontTable.xml."""
    part = docx.part.part_related_by(RT.FONT_TABLE)
    fonts = etree.fromstring(part.blob)
    entries: dict[str, str] = {}  # font name → w:altName
    for official, common in FALLBACK.items():
        if official != common:
            entries[official] = common
        entries[common] = ENGLISH_NAME[common]
    for name, alt in entries.items():
        for old in fonts.findall(qn("w:font")):
            if old.get(qn("w:name")) == name:
                fonts.remove(old)
        fonts.append(_font_entry(name, alt))
    # The font table is a plain part in python-docx (no XML object model), so its bytes are
    # replaced directly.
    part._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- page setup and footers ---------------------------------------------------------------------


def _setup_page(docx: DocxDocument) -> None:
    section = docx.sections[0]
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
    section.header_distance, section.footer_distance = Twips(HEADER_DISTANCE), Twips(FOOTER_DISTANCE)
    section.gutter = Twips(0)
    _set_child(section._sectPr, "w:docGrid", type="linesAndChars", linePitch=str(LINE_PITCH),
               charSpace=str(CHAR_SPACE))

    docx.settings.odd_and_even_pages_header_footer = True
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)


def _field_run(paragraph: DocxParagraph, kind: str, text: str = "") -> None:
    run = paragraph.add_run()
    if kind == "instr":
        instr = OxmlElement("w:instrText", attrs={qn("xml:space"): "preserve"})
        instr.text = text
        run._r.append(instr)
    elif kind == "result":
        run.text = text
    else:
        run._r.append(OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): kind}))


def _page_number(paragraph: DocxParagraph, *, odd: bool) -> None:
    """"— N —" with a PAGE field, one character in from the right (odd) or left (even) edge."""
    paragraph.style = STYLE_PAGE_NUMBER
    pPr = paragraph._p.get_or_add_pPr()
    if odd:
        _set_indent_chars(pPr, right=1, char=14 * 20)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    else:
        _set_indent_chars(pPr, left=1, char=14 * 20)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    paragraph.add_run("— ")
    _field_run(paragraph, "begin")
    _field_run(paragraph, "instr", " PAGE ")
    _field_run(paragraph, "separate")
    _field_run(paragraph, "result", "1" if odd else "2")
    _field_run(paragraph, "end")
    paragraph.add_run(" —")


# --- content ------------------------------------------------------------------------------------


def _text_width(text: str) -> float:
    """Width in characters: Chinese (wide) characters count 1, digits and Latin ½."""
    return sum(1 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


def _signature(docx: DocxDocument, issuer: str, date: str) -> None:
    """GB/T 9704-2012 7.3.5.2 (no seal): one empty line below the text, the issuer two characters
    in from the right; the date on the next line, its first character two characters right of
    the issuer's first. A date longer than that sits two characters in from the right and the
    issuer moves left accordingly."""
    issuer_right, date_right = 2.0, 2.0
    if issuer and date:
        date_right = issuer_right + _text_width(issuer) - 2 - _text_width(date)
        if date_right < 2:
            date_right = 2.0
            issuer_right = date_right + _text_width(date) + 2 - _text_width(issuer)
    first = True
    for text, right in ((issuer, issuer_right), (date, date_right)):
        if not text:
            continue
        paragraph = docx.add_paragraph(text, style=STYLE_SIGNATURE)
        pPr = paragraph._p.get_or_add_pPr()
        _set_indent_chars(pPr, right=right)
        if first:
            _exact_spacing(pPr, before=LINE_PITCH)
            first = False


def _figure(docx: DocxDocument, figure: Figure) -> None:
    png = render_png(figure.chart, width_cm=CHART_WIDTH_CM)
    paragraph = docx.add_paragraph(style=STYLE_PICTURE)
    shape = paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(CHART_WIDTH_CM))
    shape._inline.docPr.set("descr", figure.caption)
    docx.add_paragraph(figure.caption, style=STYLE_CAPTION)


def _timestamp(doc: Document) -> datetime.datetime:
    day = doc.date or FIXED_DATE
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


def _core_properties(docx: DocxDocument, doc: Document) -> None:
    props = docx.core_properties
    props.title = doc.title
    props.subject = doc.subtitle
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.comments = ""
    props.keywords = ""
    props.revision = 1
    props.created = props.modified = _timestamp(doc)
    # The template's thumbnail shows another document: drop it.
    package_rels = docx.part.package.rels
    for rId in [rId for rId, rel in package_rels.items() if rel.reltype == RT.THUMBNAIL]:
        package_rels.pop(rId)


def _normalized_zip(data: bytes, when: datetime.datetime) -> bytes:
    """Rewrite the package with fixed member timestamps (python-docx stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(when.year, when.month, when.day, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def write_docx(doc: Document) -> bytes:
    """The document as .docx bytes (GB/T 9704-2012 layout); same input, same bytes."""
    docx = new_docx()
    _setup_styles(docx)
    _setup_font_table(docx)
    _setup_page(docx)
    _core_properties(docx, doc)

    title = docx.add_paragraph(doc.title, style=STYLE_TITLE)
    last = title
    if doc.subtitle:
        last = docx.add_paragraph(doc.subtitle, style=STYLE_SUBTITLE)
    # One empty line between the title and the text (7.3.1, 7.3.2).
    _exact_spacing(last._p.get_or_add_pPr(), after=LINE_PITCH)

    for item in walk(doc):
        if isinstance(item, Heading):
            docx.add_paragraph(item.label, style=STYLE_HEADINGS[item.level])
        elif isinstance(item, Figure):
            _figure(docx, item)
        else:
            docx.add_paragraph(item.text, style=STYLE_BODY)

    _signature(docx, doc.issuer, format_date(doc.date) if doc.date else "")

    buffer = io.BytesIO()
    docx.save(buffer)
    return _normalized_zip(buffer.getvalue(), _timestamp(doc))

"""Reading a text for extraction, and the views of it that extraction works on.

- `read_source(path)`: the decoded input of a UTF-8 text, a Word file or an HTML page (or of
  standard input), with what kind it was. Offsets of extracted figures point into it.
- `visible_spans(source)`: the stretches of the input that belong to the article itself:
  for HTML the text between tags outside scripts, styles and navigation; for every kind,
  without navigation lines, bylines, copyright and footer lines, or repeated titles.
- `Clean`: a stretch as extraction reads it — traditional characters in simplified form
  (OpenCC, character for character) and pinyin readings in parentheses after characters
  (`東營(yíng)`) left out — with a map from each of its characters back to the input.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path


class SourceError(Exception):
    """A file that cannot be read as a text: a one-line reason, in Chinese."""


@dataclass(frozen=True)
class Source:
    text: str  # the decoded input
    kind: str  # "text", "docx" or "html"


def _docx_text(data: bytes, name: str) -> str:
    try:
        from docx import Document

        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SourceError(f"{name}：不是有效的 Word（.docx）文件（{exc.__class__.__name__}）") from exc
    except Exception as exc:  # python-docx raises several kinds on a damaged package
        raise SourceError(f"{name}：无法读取 Word 文件（{exc}）") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{name}：不是 UTF-8 编码的文本（第 {exc.start} 字节起无法解码），"
                          "请另存为 UTF-8 后再试") from None


def read_bytes(data: bytes, name: str) -> Source:
    """A source from its bytes; the kind from its name and content."""
    suffix = Path(name).suffix.lower()
    if data[:4] == b"PK\x03\x04" or suffix == ".docx":
        if data[:4] != b"PK\x03\x04":
            raise SourceError(f"{name}：扩展名为 .docx，但内容不是 Word 文件")
        return Source(_docx_text(data, name), "docx")
    if suffix in (".doc", ".pdf", ".xls", ".xlsx", ".png", ".jpg", ".jpeg"):
        raise SourceError(f"{name}：不支持 {suffix} 文件，请提供文本（.txt）、Word（.docx）或网页（.html）")
    if b"\x00" in data[:4096]:
        raise SourceError(f"{name}：是二进制文件，不是文本")
    text = decode(data, name)
    kind = "html" if suffix in (".html", ".htm") or looks_like_html(text) else "text"
    return Source(text, kind)


def read_source(path: str) -> Source:
    if path == "-":
        import sys

        return read_bytes(sys.stdin.buffer.read(), "标准输入")
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{path}：文件不存在") from None
    except IsADirectoryError:
        raise SourceError(f"{path}：是目录，不是文件") from None
    except PermissionError:
        raise SourceError(f"{path}：没有读取权限") from None
    except OSError as exc:
        raise SourceError(f"{path}：无法读取（{exc.strerror}）") from None
    return read_bytes(data, path)


# --- HTML: the text between tags, with its offsets in the page --------------------------------

SKIPPED_TAGS = {"script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside",
                "select", "option", "iframe", "svg", "form", "button"}
SKIPPED_MARKS = re.compile(r"nav|menu|footer|header|breadcrumb|crumb|sidebar|related|copyright|share|"
                           r"toolbar|pager|pagination|banner|login|search|comment", re.I)
BLOCK_TAGS = {"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section",
              "article", "table", "ul", "ol", "dd", "dt", "blockquote", "pre", "hr"}
VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source",
             "track", "wbr"}


class _Visible(HTMLParser):
    def __init__(self, raw: str):
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self.stack: list[bool] = []  # skipped?
        self.spans: list[tuple[int, int]] = []
        self.line_starts = [0]
        for i, ch in enumerate(raw):
            if ch == "\n":
                self.line_starts.append(i + 1)

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _skipping(self) -> bool:
        return any(self.stack)

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            if tag in BLOCK_TAGS:
                self.spans.append((-1, -1))
            return
        marks = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        self.stack.append(tag in SKIPPED_TAGS or bool(SKIPPED_MARKS.search(marks)))
        if tag in BLOCK_TAGS:
            self.spans.append((-1, -1))

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        if self.stack:
            self.stack.pop()
        if tag in BLOCK_TAGS:
            self.spans.append((-1, -1))

    def handle_data(self, data):
        if self._skipping() or not data:
            return
        start = self._offset()
        if self.raw[start:start + len(data)] == data:
            self.spans.append((start, start + len(data)))

    def handle_entityref(self, name):
        pass  # an entity splits the text (&nbsp; between words, in practice)

    def handle_charref(self, name):
        pass


def html_blocks(raw: str) -> list[tuple[int, int]]:
    """Stretches of visible text of a page, block by block ((-1, -1) between blocks)."""
    parser = _Visible(raw)
    try:
        parser.feed(raw)
        parser.close()
    except Exception:  # a page too broken to parse: read it as text
        return [(0, len(raw))]
    return parser.spans


# --- what is not the article: navigation, bylines, footers, repeated titles -----------------

FOOTER_START = re.compile(
    r"^\s*(关闭窗口|打印本页|【?打印】?|【?关闭】?|版权声明|版权所有|相关新闻|相关文章|相关阅读|相关链接|"
    r"上一篇|下一篇|延伸阅读|热点推荐|推荐阅读|网站地图|责任编辑|分享到)")
BOILERPLATE = re.compile(
    r"版权|copyright|©|ICP备|公网安备|公安网备|网备|开办单位|主办单位|承办单位|承办[:：]|技术支持|"
    r"联系电话|联系我们|邮编|邮政编码|网站标识|网站地图|当前位置|您的位置|所在位置|今天是|"
    r"欢迎访问|设为首页|加入收藏|无障碍|字号|扫一扫|浏览次数|阅读次数|点击数|来源[:：]|"
    r"编辑[:：/]|责任编辑|作者[:：]|记者[:：/]|标签[:：]|分享到|上一篇|下一篇|打印本页|关闭窗口",
    re.I)


def _is_navigation(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    separators = s.count("|") + s.count("｜") + s.count(">>") + s.count("»") + s.count(">")
    words = re.split(r"[|｜>»\s]+", s)
    words = [w for w in words if w]
    short = sum(1 for w in words if len(w) <= 6)
    return separators >= 2 and short >= 0.7 * max(len(words), 1)


def article_lines(text: str, base: int = 0) -> list[tuple[int, int]]:
    """(start, end) of the lines of `text` that belong to the article (offsets + `base`)."""
    out: list[tuple[int, int]] = []
    seen: set[str] = set()
    pos = 0
    ended = False
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        content = line.strip()
        if ended or not content:
            continue
        if FOOTER_START.match(content):
            ended = True
            continue
        key = re.sub(r"\s+", "", content)
        if len(key) >= 8 and key in seen:
            continue  # a title repeated by the page
        seen.add(key)
        if _is_navigation(content):
            continue
        if BOILERPLATE.search(content) and len(key) < 120:
            continue
        # "新华报业网" after a repeated title: the line is the title plus the site's name
        trimmed = re.sub(r"\s*[-—_|｜]\s*[^-—_|｜]{2,20}(网|报|新闻|频道)\s*$", "", key)
        if trimmed != key and trimmed in seen:
            continue
        seen.add(trimmed)
        out.append((base + start, base + end))
    return out


def visible_spans(source: Source) -> list[tuple[int, int]]:
    """The stretches of the input that extraction reads."""
    if source.kind != "html":
        return article_lines(source.text)
    out: list[tuple[int, int]] = []
    block: list[tuple[int, int]] = []

    def flush():
        # A block's pieces as lines: the article filter works line by line.
        for start, end in block:
            out.extend(article_lines(source.text[start:end], start))
        block.clear()

    for start, end in html_blocks(source.text):
        if start < 0:
            flush()
        else:
            block.append((start, end))
    flush()
    return out


# --- the clean view: simplified characters, no pinyin readings --------------------------------

READING = re.compile(r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]{1,8}[)）]")
HAN = re.compile(r"[\u3400-\u9fff]")


def _t2s():
    try:
        from opencc import OpenCC
    except ImportError:  # pragma: no cover - opencc is a dependency
        return None
    return OpenCC("t2s")


_CONVERTER = None


def simplified(text: str) -> str:
    """Traditional → simplified, one character for one (so offsets keep)."""
    global _CONVERTER
    if _CONVERTER is None:
        _CONVERTER = _t2s() or False
    if not _CONVERTER:
        return text
    converted = _CONVERTER.convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c := _CONVERTER.convert(ch)) == 1 else ch for ch in text)


@dataclass
class Clean:
    """Text as extraction reads it, with `origin[i]` the input offset of its character i."""

    text: str
    origin: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Input offsets of the clean characters start..end-1."""
        return self.origin[start], self.origin[end - 1] + 1


def clean(source_text: str, spans: list[tuple[int, int]]) -> Clean:
    """The article's stretches joined by newlines, readings left out, characters simplified;
    HTML entities between words read as spaces."""
    chars: list[str] = []
    origin: list[int] = []
    for start, end in spans:
        piece = source_text[start:end]
        i = 0
        while i < len(piece):
            m = READING.match(piece, i)
            if m and i > 0 and HAN.match(piece[i - 1]):
                i = m.end()
                continue
            ch = piece[i]
            if ch == "&":
                ent = re.match(r"&(#?\w+);", piece[i:])
                if ent:
                    decoded = html.unescape(ent.group(0))
                    chars.append(" " if decoded.isspace() or decoded == "\xa0" else decoded[:1])
                    origin.append(start + i)
                    i += len(ent.group(0))
                    continue
            chars.append(" " if ch == "\xa0" else ch)
            origin.append(start + i)
            i += 1
        chars.append("\n")
        origin.append(end if end > start else start)
    return Clean(simplified("".join(chars)), origin)

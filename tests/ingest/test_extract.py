"""Figures of narrative texts by the contract (shared/contracts/extraction.md): what counts,
what does not, values, units and qualifiers, offsets into the input (traditional characters
and pinyin readings included), and the accuracy on the corpus and on our own texts."""

import json
from collections import Counter
from pathlib import Path

import pytest

from yuanjiang.ingest.extract import extract
from yuanjiang.ingest.text import Source, read_bytes, read_source

TEXTS = Path(__file__).parent / "texts"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def facts(text: str) -> list[tuple]:
    return [(f.text, f.kind, f.value, f.unit, f.qualifier) for f in extract(Source(text, "text"))]


def one(text: str) -> tuple:
    found = facts(text)
    assert len(found) == 1, found
    return found[0]


# --- what a figure is ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "figure"), [
    ("共计安排援疆资金2.5亿元。", ("2.5亿元", "money", 250000000, "元", "exact")),
    ("争取资金3亿多元。", ("3亿多元", "money", 300000000, "元", "more_than")),
    ("投入计划外资金5000余万元。", ("5000余万元", "money", 50000000, "元", "more_than")),
    ("零售额超3000万元。", ("超3000万元", "money", 30000000, "元", "more_than")),
    ("合计3亿5000万元。", ("3亿5000万元", "money", 350000000, "元", "exact")),
    ("培训资金830万元。", ("830万元", "money", 8300000, "元", "exact")),
    ("拨付1,200万元。", ("1,200万元", "money", 12000000, "元", "exact")),
    ("投资１２０万元。", ("１２０万元", "money", 1200000, "元", "exact")),
    ("其中85%以上投向民生。", ("85%以上", "percent", 85, "%", "at_least")),
    ("到位率为92.5％。", ("92.5％", "percent", 92.5, "%", "exact")),
    ("提高了46个百分点。", ("46个百分点", "percent", 46, "%", "exact")),
    ("占全省的近一半。", ("近一半", "percent", 50, "%", "about")),
    ("三分之一以上的资金。", ("三分之一以上", "percent", 33.3, "%", "at_least")),
    ("两成以上的项目。", ("两成以上", "percent", 20, "%", "at_least")),
    ("完成百分之八十五。", ("百分之八十五", "percent", 85, "%", "exact")),
    ("拜访企业100余家。", ("100余家", "count", 100, "家", "more_than")),
    ("接待客商50余批次。", ("50余批次", "count", 50, "批次", "more_than")),
    ("千余名群众参加。", ("千余名", "count", 1000, "名", "more_than")),
    ("参与群众上万人次。", ("上万人次", "count", 10000, "人次", "at_least")),
    ("上万群众观看演出。", ("上万", "count", 10000, "人", "at_least")),
    ("服务1.2万人次。", ("1.2万人次", "count", 12000, "人次", "exact")),
    ("覆盖十三万人。", ("十三万人", "count", 130000, "人", "exact")),
    ("建成两个院士工作站。", ("两个", "count", 2, "个", "exact")),
    ("建成1座养殖基地。", ("1座", "count", 1, "座", "exact")),
    ("影视作品10余部。", ("10余部", "count", 10, "部", "more_than")),
    ("参会约800人。", ("约800人", "count", 800, "人", "about")),
    ("不足10个。", ("不足10个", "count", 10, "个", "less_than")),
    ("演出不少于10场。", ("不少于10场", "count", 10, "场", "at_least")),
    ("逾200名干部。", ("逾200名", "count", 200, "名", "more_than")),
    ("将近300户受益。", ("将近300户", "count", 300, "户", "about")),
    ("20家左右企业。", ("20家左右", "count", 20, "家", "about")),
    ("新建厂房60000平方米。", ("60000平方米", "measure", 60000, "平方米", "exact")),
    ("厂房2.4万平方米。", ("2.4万平方米", "measure", 24000, "平方米", "exact")),
    ("改造农村公路36.5公里。", ("36.5公里", "measure", 36.5, "公里", "exact")),
    ("种植500亩。", ("500亩", "measure", 500, "亩", "exact")),
    ("销售农产品1.5万吨。", ("1.5万吨", "measure", 15000, "吨", "exact")),
])
def test_figures(text, figure):
    assert one(text) == figure


def test_a_range_or_a_pair_gives_each_figure():
    assert [f[2] for f in facts("到位资金由6亿元增加到34亿元。")] == [600000000, 3400000000]
    found = facts("每户补助3至5万元。")
    assert [(f[2], f[3]) for f in found] == [(30000, "元"), (50000, "元")]


def test_two_batches_count():
    assert [f[0] for f in facts("先后选派两批共66名教师。")] == ["两批", "66名"]


@pytest.mark.parametrize("text", [
    # dates, years, months, days and durations
    "2023年4月13日召开会议。", "三年来成效明显。", "回顾3年的援疆工作。", "用了一年多的时间。",
    "9月26日至27日考察。", "26号下午到达。", "工作6个月后。", "时间不长也不算短，三年一个周期。",
    # ordinals and ranks
    "第十批援疆干部。", "第二批到岗。", "第八次会议。", "获得第四名。", "市十三次党代会召开。",
    # slogans, formulas, enumerations used as names
    "牢固树立“四个意识”。", "坚定“四个自信”。", "做到两个维护。", "坚持1+1+7模式。",
    "聚焦七大重点任务。", "三措并举。", "四化同步。", "围绕“三个五”战略。", "“六个吉林”建设。",
    "三位一体的管理特色。", "牢记三个代表。", "落实“两个80%”要求。",
    # idioms, article-like 一
    "三天一个小变化。", "传承千年。", "两地人民。", "打造一支带不走的队伍。", "一名干部，一所学校，一批项目。",
    "民族一家亲。", "唯一一所三甲医院。",
    # ages, distances, indefinite sizes
    "年仅五岁。", "行程上千公里。", "跨越几百公里。", "横跨数千里。", "数十家企业。", "几百人。",
    # points of a list, names with numbers
    "讲三点意见。", "办好三件事。", "北纬43°。", "四套班子领导。", "八一中学。", "74团。", "十一五期间。",
    # masked, codes, phone numbers, section numbering
    "投入6xxxx万元。", "共××人。", "电话0999-8682004。", "邮编835400。", "一是抓项目。", "1、加强领导。",
    # units alone
    "（单位：万元）", "万人空巷。",
])
def test_what_is_not_a_figure(text):
    assert facts(text) == []


# --- offsets, traditional characters, readings, inputs --------------------------------------


def test_offsets_point_into_the_input():
    text = "近日召开会议。三年来，共计安排援疆资金2.5亿元，实施项目60个。"
    for f in extract(Source(text, "text")):
        assert text[f.start:f.end] == f.text


def test_traditional_text_with_readings_gives_the_figures_of_its_simplified_twin():
    simplified = read_source(str(TEXTS / "summary-2024-work-group.txt"))
    traditional = read_source(str(TEXTS / "summary-2024-work-group.traditional.txt"))
    a, b = extract(simplified), extract(traditional)

    def key(f):
        return (f.kind, f.value, f.unit, f.qualifier, f.indicator)

    assert [key(f) for f in a] == [key(f) for f in b] and len(a) == 43
    for f in b:
        assert traditional.text[f.start:f.end] == f.text
    assert "1500餘(yú)萬元" in [f.text for f in b]  # a reading inside a figure breaks nothing


def test_a_reading_between_characters_shifts_nothing():
    text = "東營(yíng)市安排援疆資(zī)金2.5億元。"
    (f,) = extract(Source(text, "text"))
    assert (f.text, f.value, f.indicator) == ("2.5億元", 250000000, "aid_funds_total")
    assert text[f.start:f.end] == f.text


def test_html_pages_give_the_figures_of_their_text_and_not_of_their_navigation():
    body = (TEXTS / "news-2025-delegation.txt").read_text(encoding="utf-8")
    paras = "".join(f"<p>{line}</p>\n" for line in body.splitlines() if line.strip())
    page = (f"<!DOCTYPE html><html><head><title>座谈会</title><script>var n='100个';</script></head>"
            f"<body><div class=\"nav\"><a href=\"/\">首页</a> | 共5个频道</div><div id=\"main\">{paras}"
            f"</div><div class=\"footer\">版权所有 共30个栏目 电话 0511-12345678</div></body></html>")
    source = read_bytes(page.encode(), "page.html")
    assert source.kind == "html"
    found, plain = extract(source), extract(Source(body, "text"))
    assert [(f.value, f.qualifier) for f in found] == [(f.value, f.qualifier) for f in plain]
    for f in found:
        assert page[f.start:f.end] == f.text


def test_word_files(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("三年来，共计安排援疆资金2.5亿元，实施对口支援项目60个。")
    path = tmp_path / "总结.docx"
    doc.save(path)
    source = read_source(str(path))
    assert source.kind == "docx"
    assert [(f.text, f.indicator) for f in extract(source)] == [
        ("2.5亿元", "aid_funds_total"), ("60个", "aid_projects_total")]


def test_boilerplate_lines_give_no_figures():
    text = ("首页 | 新闻 | 共5个栏目\n当前位置：首页>>新闻\n欢迎访问，今天是2项\n"
            "正文：实施项目60个。\n上一篇：签约项目20个\n版权所有 共3个单位\n")
    assert [f[0] for f in facts(text)] == ["60个"]


def test_a_repeated_title_counts_once():
    title = "巩留县安排援疆资金2.5亿元 实施项目60个"
    text = "\n".join([title, title, title + " - 某某新闻网", "正文。"])
    assert [f[0] for f in facts(text)] == ["2.5亿元", "60个"]


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"\xff\xfe\x00a\x00b", "a.txt", "是二进制文件"),
    (b"\xc4\xe3\xba\xc3 GBK", "a.txt", "不是 UTF-8 编码"),
    (b"not a zip", "a.docx", "不是 Word 文件"),
    (b"PK\x03\x04broken", "a.docx", "Word"),
    (b"%PDF-1.7", "a.pdf", "不支持 .pdf"),
])
def test_unreadable_inputs_are_refused_with_a_reason(data, name, message):
    from yuanjiang.ingest.text import SourceError

    with pytest.raises(SourceError, match=message) as exc:
        read_bytes(data, name)
    assert name in str(exc.value) and "\n" not in str(exc.value)


# --- accuracy --------------------------------------------------------------------------------


def _score(path: Path) -> tuple[int, int, int, int, int]:
    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    source = read_source(str(path))
    found = [f.as_json() for f in extract(source)]
    for f in found:
        assert source.text[f["start"]:f["end"]] == f["text"]

    def key(f):
        return (f["kind"], f["value"], f["qualifier"])

    g, s = Counter(key(f) for f in gold), Counter(key(f) for f in found)
    tp, fp, fn = sum((g & s).values()), sum((s - g).values()), sum((g - s).values())
    labelled = [f for f in gold if f["indicator"]]
    right = 0
    for f in labelled:
        same = [x for x in found if key(x) == key(f)]
        nearest = min(same, key=lambda x: abs(x["start"] - f["start"]), default=None)
        right += bool(nearest and nearest["indicator"] == f["indicator"])
    return tp, fp, fn, right, len(labelled)


def _assert_accuracy(paths):
    tp = fp = fn = right = labelled = 0
    for path in paths:
        a, b, c, d, e = _score(path)
        tp, fp, fn, right, labelled = tp + a, fp + b, fn + c, right + d, labelled + e
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.95, (precision, recall)
    assert right / labelled >= 0.9, (right, labelled)


def test_accuracy_on_our_own_texts():
    _assert_accuracy(sorted(p for p in TEXTS.glob("*.txt") if p.with_suffix(".gold.json").exists()))


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus (../shared/corpus) is not beside the repository")
def test_accuracy_on_the_corpus():
    _assert_accuracy(sorted(CORPUS.glob("*.txt")))

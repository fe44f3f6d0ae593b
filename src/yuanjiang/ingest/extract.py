"""Figures in narrative texts, by the contract of shared/contracts/extraction.md.

A figure is a number (Arabic, Chinese or mixed, with its multiplier 万/亿), its unit or
measure word, and the qualifier words right before or after it (超/逾/近/约/不足 …, 余/多/
以上/左右 …). Everything is found on the clean view of the article (simplified characters,
no pinyin readings, no navigation or footers: see text.py) and mapped back to offsets in
the input, so that `input[start:end] == text`.

Left out, as the contract says: dates, years and durations; ordinals; slogans, formulas and
enumerations used as names; idioms and the article-like 一 (一名, 一所); ages, distances
travelled and indefinite sizes (几百, 数千); the points of a speech's list; names holding
numbers; masked figures; codes and phone numbers (they carry no unit).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from .labels import label
from .numerals import CHINESE_CHARS, parse
from .text import Clean, Source, clean, visible_spans

# --- units ---------------------------------------------------------------------------------

MONEY_UNITS = ("元",)
PERCENT_UNITS = ("%", "％", "个百分点")
MEASURE_UNITS = ("平方公里", "平方千米", "平方米", "平米", "立方米", "公顷", "亩", "公里", "千米",
                 "吨", "公斤", "千克", "千瓦", "兆瓦", "万千瓦")
# Longest first where one is the start of another (人次 before 人, 批次 before 批).
COUNT_UNITS = ("人次", "家次", "个次", "批次", "场次", "大项", "小项", "个", "名", "人", "位", "家",
               "场", "批", "项", "所", "座", "户", "部", "次", "期", "支", "台", "套", "件", "张",
               "辆", "条", "处", "栋", "幢", "间", "头", "只", "株", "棵", "类", "种", "对", "组",
               "队", "门", "篇", "册", "本", "轮", "届次", "班", "床", "所次", "个村", "村", "乡镇",
               "镇", "校", "园", "站", "期次", "课时", "学时", "台套", "片", "块", "根", "口", "眼",
               "盏", "架", "艘", "匹", "亿人次")
ALL_UNITS = sorted({*MONEY_UNITS, *PERCENT_UNITS, *MEASURE_UNITS, *COUNT_UNITS}, key=len, reverse=True)
UNIT_RE = "|".join(re.escape(u) for u in ALL_UNITS)

# What after a number makes it a date, a duration, an age, a rank or a name.
NOT_A_UNIT_AFTER = re.compile(
    r"(年|月|日|号|时|点|分钟|分|秒|岁|周岁|天|周|个月|个小时|小时|届|代|倍|度|°|℃|里|层|级|星|路|"
    r"世纪|个世纪|周年|多年|余年|来年|个年头|年度)")
# A measure word that is in fact the start of a word: 个人, 名校, 家乡, 场所, 人民 …
FALSE_UNIT = re.compile(
    r"^(个人|个体|个性|个别|名校|名师|名牌|名片|名优|名特|名单|名义|名称|名誉|家乡|家园|家庭|家属|家人|"
    r"场所|场地|场景|人民|人才|人员|人口|人家|位置|位于|部门|部署|部分|部队|部长|次要|期间|期末|"
    r"期望|期待|支持|支援|支队|台账|件事|条件|条例|处理|处于|处长|间隔|种植|种类|组织|组团|组长|"
    r"队伍|门户|本地|本土|班子|班级|片区|块头|对口|对接|对于|对外|批示|批准|项目|户外|户籍|所在|所以|"
    r"所有|座谈|站位|校长|园区|口岸|次日|套班子|轮换|轮流)")
# Names, slogans and formulas: “四个意识”, 三个代表, 1+1+7, 四套班子 …
SLOGAN_HEADS = ("代表", "意识", "自信", "维护", "确立", "全面", "务必", "必须", "坚持", "基本点", "中心",
                "一百年", "文明", "倍增", "统筹", "同步", "并举", "融合", "结合", "优先", "到位", "服务",
                "吉林", "五", "机制", "工程", "体系", "平台", "行动", "战略", "规划", "福利")
QUOTES = "“”\"'‘’「」『』《》【】"

NUMBER_CORE = (rf"(?:\d+(?:[,，]\d{{3}})*(?:\.\d+)?|[{CHINESE_CHARS}])"
               rf"(?:\d+(?:\.\d+)?|[{CHINESE_CHARS}])*")
PREFIX = r"(?P<pre>超过|超出|超|逾|过|将近|接近|近|大约|约为|约|不足|不到|不少于|不低于|上)?"
FIGURE = re.compile(
    PREFIX
    + rf"(?P<num>{NUMBER_CORE}(?:[余多来][万亿]+|[,，]\d{{3}})*)"
    + r"(?P<mid>余|多)?"
    + rf"(?P<unit>{UNIT_RE})"
    + r"(?P<post>以上|左右|以下|上下|之多|余|多)?"
)
PERCENT_WORDS = re.compile(
    r"(?P<pre>超过|超|近|将近|接近|约|不足|不到)?"
    r"(?:(?P<half>一半|半数)|百分之(?P<pct>[零〇一二两三四五六七八九十百点\d.]+)|"
    r"(?P<den>[一二三四五六七八九十]|\d+)分之(?P<numr>[一二三四五六七八九十]|\d+)|"
    r"(?P<tenth>[一二两三四五六七八九])成(?![员为立功本熟型果绩就员])|"
    r"(?P<round>[百千万])余?(?=[位名个]?(?:群众|居民|农牧民|市民|游客|干部|学生|人)))"
    r"(?P<post>以上|左右|以下)?"
)
PEOPLE_NOUNS = re.compile(r"[位名个]?(群众|居民|农牧民|市民|游客|干部|学生|师生|人)")

QUALIFIER_OF = {
    "超过": "more_than", "超出": "more_than", "超": "more_than", "逾": "more_than", "过": "more_than",
    "余": "more_than", "多": "more_than", "之多": "more_than", "来": "about",
    "以上": "at_least", "上": "at_least", "不少于": "at_least", "不低于": "at_least",
    "约": "about", "大约": "about", "约为": "about", "近": "about", "将近": "about", "接近": "about",
    "左右": "about", "上下": "about",
    "不足": "less_than", "不到": "less_than", "以下": "less_than",
}


@dataclass
class Fact:
    text: str
    start: int
    end: int
    kind: str
    value: int | float
    unit: str
    qualifier: str
    indicator: str | None

    def as_json(self) -> dict:
        return asdict(self)


def _number(value: Decimal) -> int | float:
    value = value.normalize()
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _kind(unit: str) -> str:
    if unit in MONEY_UNITS:
        return "money"
    if unit in PERCENT_UNITS:
        return "percent"
    if unit in MEASURE_UNITS:
        return "measure"
    return "count"


def _inside_quotes(text: str, start: int, end: int) -> bool:
    """Within a short quoted name: “四个意识”, “六个吉林”."""
    left = max(text.rfind(q, max(0, start - 10), start) for q in "“\"‘「『")
    if left < 0:
        return False
    right = min((i for i in (text.find(q, end, end + 12) for q in "”\"’」』") if i >= 0), default=-1)
    if right < 0:
        return False
    inner = text[left + 1:right]
    return len(inner) <= 12 and not re.search(r"[，,。；;]", inner)


def _excluded(text: str, m: re.Match, num: str, unit: str) -> bool:
    start, end = m.start("num"), m.end("unit")
    before, after = text[max(0, start - 12):start], text[end:end + 8]
    if before.endswith(("第", "No.", "NO.", "序号", "编号", "代码", "号码")):
        return True  # ordinal or code
    if re.search(r"[xX×*＊_＿]$", before) or re.match(r"[xX×*＊_＿]", text[m.end("num"):m.end("num") + 1]):
        return True  # masked: 6xxxx, ××
    if re.search(r"[+＋]$", before) or re.match(r"\s*[+＋]\s*\d", text[m.end("num"):]):
        return True  # a formula: 1+1+7
    if re.search(r"(几|数|若干|好几|十几|几十)$", before) or re.search(r"[几数]", num):
        return True  # indefinite: 几百公里, 数千
    if num == "一" and unit not in PERCENT_UNITS:
        return True  # 一名, 一所, 一批: an article, not a count
    if unit in COUNT_UNITS and FALSE_UNIT.match(text[m.start("unit"):m.start("unit") + 4]):
        return True  # 名校, 家乡, 人民 …: the measure word is the start of a word
    if unit in COUNT_UNITS and re.match(r"(个月|个小时|个年头|个世纪)", text[m.start("unit"):]):
        return True
    if unit == "次" and re.match(r"(党代会|全会|代表大会|全体会议|会议精神|党员代表大会)", after):
        return True  # 十三次党代会: the meeting's name, an ordinal
    if unit in COUNT_UNITS and re.fullmatch(rf"[{CHINESE_CHARS}]+", num):
        # Chinese-numeral counts used as names or slogans: 三个代表, “四个意识”, 三件事, 三点
        if any(after.startswith(h) for h in SLOGAN_HEADS) or _inside_quotes(text, start, end):
            return True
        if unit == "件" and after.startswith("事"):
            return True
        if re.match(r"[一二两三四五六七八九十百千万]", after):
            return True  # 三位一体, 一五一十: an idiom, not a count
        things = r"[\u4e00-\u9fff]{0,6}(项目|企业|单位|学校|医院|村|乡|镇|人|团|组|站|点)"
        if re.search(r"[是要做到抓好实现坚持落实树牢增强]$", before) and unit == "个" and \
                not re.match(things, after):
            return True  # 做到两个维护, 坚持四个自信
    # A distance travelled, not a built work.
    travelled = r"(行程|横跨|跨越|远赴|奔赴|远行|辗转|驱车|飞行|往返|相距|距离)"
    return unit in ("公里", "千米") and re.search(travelled, before) is not None


def start_of(m: re.Match, pre: str | None) -> int:
    return m.start("pre") if pre else m.start("num")


def _named_in_quotes(text: str, start: int, end: int) -> bool:
    """A figure inside a short quoted name led by a Chinese count: “两个80%”, “三个100%”."""
    left = text.rfind("“", max(0, start - 6), start)
    if left < 0 or not _inside_quotes(text, start, end):
        return False
    return re.fullmatch(r"[一二两三四五六七八九十]+[个项大]", text[left + 1:start]) is not None


def find_facts(c: Clean, original: str) -> list[Fact]:
    text = c.text
    facts: list[tuple[int, int, str, Decimal, str, str]] = []  # clean start, end, kind, value, unit, qual

    for m in FIGURE.finditer(text):
        num, unit = m.group("num"), m.group("unit")
        pre, mid, post = m.group("pre"), m.group("mid"), m.group("post")
        # The number may not start in the middle of a word or of another number.
        if m.start("num") > 0 and re.match(rf"[\d.{CHINESE_CHARS}]", text[m.start("num") - 1]) and not pre:
            continue
        # 个月, 个小时: a count word that starts a duration
        if NOT_A_UNIT_AFTER.match(text[m.start("unit"):]) and unit in COUNT_UNITS:
            continue
        if NOT_A_UNIT_AFTER.match(text[m.end("num"):]) and text[m.end("num"):m.end("num") + 1] != unit[:1]:
            continue
        if _excluded(text, m, num, unit):
            continue
        if _named_in_quotes(text, start_of(m, pre), m.end("unit")):
            continue  # “两个80%”: the name of a rule, not a figure
        if re.fullmatch(r"[百千万亿]+", num) and not (pre or mid or post in ("余", "多")):
            continue  # 万元 in （单位：万元）, 万人空巷: a multiplier alone is no number
        inner_q = None
        if re.search(r"[余多来][万亿]", num):  # 5000余万元, 3亿多 (the 余 before the multiplier)
            inner_q = "more_than" if not re.search(r"来[万亿]", num) else "about"
            num = re.sub(r"[余多来]", "", num)
        value = parse(num)
        if value is None:
            continue
        if pre == "上" and not re.fullmatch(r"[百千万亿]+", num):
            pre = None  # 上 qualifies only a round 上千, 上万
        qualifiers = [QUALIFIER_OF[w] for w in (pre, mid, post) if w] + ([inner_q] if inner_q else [])
        qualifier = qualifiers[0] if qualifiers else "exact"
        start = m.start("pre") if pre else m.start("num")
        end = m.end("post") if post else m.end("unit")
        if post in ("余", "多") and re.match(r"[年天月人]", text[end:end + 1]) and unit not in MONEY_UNITS:
            end = m.end("unit")  # 10人多年: the 多 belongs to the next word
            qualifier = QUALIFIER_OF[pre] if pre else ("more_than" if mid else "exact")
        kind = _kind(unit)
        if unit == "万千瓦":
            value, unit = value * 10_000, "千瓦"
        if unit == "亿人次":
            value, unit = value * 100_000_000, "人次"
        facts.append((start, end, kind, value, "%" if kind == "percent" else unit, qualifier))

    taken = [(s, e) for s, e, *_ in facts]
    for m in PERCENT_WORDS.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        pre = m.group("pre")
        if m.group("half"):
            value = Decimal(50)
        elif m.group("pct"):
            raw = m.group("pct").replace("点", ".")
            whole, _dot, frac = raw.partition(".")
            base = parse(whole)
            if base is None:
                continue
            value = base + (Decimal("0." + "".join(str(parse(ch)) for ch in frac)) if frac else 0)
        elif m.group("den"):
            den, numr = parse(m.group("den")), parse(m.group("numr"))
            if not den or numr is None or numr > den:
                continue
            value = (numr * 100 / den).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        elif m.group("tenth"):
            before = text[max(0, m.start() - 1):m.start()]
            if before and re.match(rf"[{CHINESE_CHARS}\d]", before):
                continue
            value = parse(m.group("tenth")) * 10
        else:  # 上万群众, 千余名 … written as a round number before a people noun
            if not pre and text[max(0, m.start() - 1):m.start()] != "上":
                continue
            value = parse(m.group("round"))
            start = m.start() - (1 if text[m.start() - 1:m.start()] == "上" and not pre else 0)
            people = PEOPLE_NOUNS.match(text, m.end())
            qualifier = "at_least" if text[start] == "上" else QUALIFIER_OF.get(pre, "exact")
            if "余" in m.group(0):
                qualifier = "more_than"
            end = m.end()
            if people and people.group(0)[0] in "位名个":
                end += 1
            facts.append((start, end, "count", value, "人", qualifier))
            continue
        words = [w for w in (pre, m.group("post")) if w]
        qualifier = QUALIFIER_OF[words[0]] if words else "exact"
        facts.append((m.start(), m.end(), "percent", value, "%", qualifier))

    # A bare number before a range's second figure takes its unit and multiplier: 3至5万元.
    extra = []
    for start, end, kind, _value, unit, _qualifier in facts:
        head = text[max(0, start - 16):start]
        r = re.search(rf"({NUMBER_CORE})\s*[-—–~～至到]\s*$", head)
        if not r:
            continue
        a_start = start - (len(head) - r.start(1))
        if any(s <= a_start < e for s, e, *_ in facts):
            continue
        first = parse(r.group(1))
        second = re.match(rf"[^\d{CHINESE_CHARS}]*({NUMBER_CORE})", text[start:end])
        if first is None or second is None:
            continue
        multiplier = second.group(1)[-1]
        if multiplier in "万亿" and not r.group(1).endswith(("万", "亿")):
            first *= 10_000 if multiplier == "万" else 100_000_000
        extra.append((a_start, a_start + len(r.group(1)), kind, first, unit, "exact"))
    facts.extend(extra)

    out: list[Fact] = []
    for start, end, kind, value, unit, qualifier in sorted(facts):
        o_start, o_end = c.span(start, end)
        out.append(Fact(text=original[o_start:o_end], start=o_start, end=o_end, kind=kind,
                        value=_number(Decimal(value)), unit=unit, qualifier=qualifier,
                        indicator=label(text, start, end, kind, unit)))
    return out


def extract(source: Source) -> list[Fact]:
    spans = visible_spans(source)
    c = clean(source.text, spans)
    return find_facts(c, source.text)

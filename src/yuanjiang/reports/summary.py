"""The work summary (工作总结) of a scope and period, written from its figures.

An overview paragraph comes first, then the sections (民生援疆, 智力援疆, 产业援疆, 就业援疆,
文化润疆, 干部人才管理), each only when it has figures. Every number in the text comes from a
figure of the indicators layer (the approved snapshot when the period is approved), is
written in the official style by numbers.py, and is listed in the trace with the value it
states: a sentence whose figures are missing is left out, never written with a guess.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from yuanjiang.core.numerals import chinese_number
from yuanjiang.indicators.aggregation import Figure
from yuanjiang.indicators.choices import PeriodKind, ScopeKind
from yuanjiang.indicators.scopes import Period, Scope
from yuanjiang.indicators.selectors import Figures, figures, official_figures

from . import numbers
from .document import Chart, Document, Paragraph, Section

WAN = Decimal(10_000)

#: Tallies that offices state as round floors (拜访企业100余家, 接待客商50余批次, 销售超3000万元):
#: the exact numbers are on the dashboard and in the trace.
TALLIES = {"enterprises_visited", "merchant_delegations"}
SALES = {"consumption_aid_sales"}


@dataclass
class Traced:
    """One number of the text and the figure behind it."""

    paragraph: int
    start: int  # offsets within the paragraph's text (and, after rendering, in the output)
    end: int
    text: str
    code: str
    name: str
    written_value: str
    written_qualifier: str
    value: str | None
    qualifier: str
    source: str
    value_ids: list[int] = field(default_factory=list)
    part: str = ""  # a breakdown key (a category of funds), when the number is one part


class _Para:
    """A paragraph built from text and figures, keeping where each figure stands."""

    def __init__(self, writer: SummaryWriter):
        self.writer, self.parts, self.marks = writer, [], []

    def add(self, text: str) -> _Para:
        self.parts.append(text)
        return self

    def figure(self, code: str, written: numbers.Written, figure: Figure, part: str = "") -> _Para:
        start = sum(len(p) for p in self.parts)
        self.parts.append(written.text)
        self.marks.append((start, written, code, figure, part))
        return self

    @property
    def text(self) -> str:
        return "".join(self.parts)


class SummaryWriter:
    def __init__(self, figures: Figures, *, yearly: dict[int, Figures] | None = None):
        self.f = figures
        self.scope: Scope = figures.scope
        self.period: Period = figures.period
        self.yearly = yearly or {}
        self.trace: list[Traced] = []
        self.paragraphs: list[_Para] = []

    # --- numbers -------------------------------------------------------------------------
    def present(self, code: str) -> bool:
        """A figure worth a sentence: there, and not a zero count or sum (a rate of 0% is)."""
        figure = self.f.get(code)
        if figure is None or figure.value is None:
            return False
        indicator = self.f.indicators.get(code)
        return bool(figure.value) or (indicator is not None and indicator.kind == "percent")

    def has(self, *codes: str) -> bool:
        return any(self.present(code) for code in codes)

    def written(self, code: str, value: Decimal | None = None) -> numbers.Written | None:
        figure = self.f.get(code)
        if figure is None or figure.value is None:
            return None
        indicator = self.f.indicators.get(code)
        amount = figure.value if value is None else value
        kind = indicator.kind if indicator else "count"
        if code in SALES and value is None:
            return numbers.money_floor(amount, figure.qualifier)
        if code in TALLIES and value is None:
            return numbers.tally(amount, indicator.unit if indicator else "", figure.qualifier)
        if kind == "money":
            return numbers.money(amount, figure.qualifier)
        if kind == "percent":
            if code in ("livelihood_funds_share", "grassroots_funds_share"):
                return numbers.share(amount, figure.qualifier)
            return numbers.percent(amount, figure.qualifier)
        return numbers.count(amount, indicator.unit if indicator else "", figure.qualifier)

    def clause(self, para: _Para, template: str, *codes: str) -> bool:
        """Add `template` (with {0}, {1}… for the codes' figures) when every figure is there."""
        written = [self.written(code) if self.present(code) else None for code in codes]
        if any(w is None for w in written):
            return False
        pieces = template.split("{")
        para.add(pieces[0])
        for piece in pieces[1:]:
            index, _sep, rest = piece.partition("}")
            code = codes[int(index)]
            para.figure(code, written[int(index)], self.f.get(code))
            para.add(rest)
        return True

    def clauses(self, para: _Para, items: list[tuple[str, tuple[str, ...]]], *, sep: str = "，",
                end: str = "。", lead: str = "") -> bool:
        """Several clauses joined with `sep`, each only when its figures are there."""
        present = [(t, c) for t, c in items if all(self.present(code) for code in c)]
        if not present:
            return False
        para.add(lead)
        for i, (template, codes) in enumerate(present):
            if i:
                para.add(sep)
            self.clause(para, template, *codes)
        para.add(end)
        return True

    def new_para(self) -> _Para:
        para = _Para(self)
        self.paragraphs.append(para)
        return para

    # --- words for the scope and period ----------------------------------------------------
    @property
    def when(self) -> str:
        p = self.period
        if p.kind == PeriodKind.BATCH:
            years = max(1, round((p.end - p.start).days / 365.25))
            return f"{chinese_number(years)}年来" if years > 1 else "一年来"
        if p.kind == PeriodKind.YEAR:
            return f"{p.start.year}年"
        return f"{p.end.year}年1—{p.end.month}月"

    @property
    def actor(self) -> str:
        """Who did the work: the command itself, or the side or region."""
        return self.scope.command.name if self.scope.kind == ScopeKind.COMMAND else self.scope.label

    @property
    def subject(self) -> str:
        return self.scope.short_label if self.scope.kind == ScopeKind.COMMAND else self.scope.label

    # --- the text ---------------------------------------------------------------------------
    def overview(self) -> list[Paragraph]:
        out = []
        opening = self.new_para()
        opening.add(f"{self.when}，{self.actor}认真贯彻落实党中央关于新疆工作和对口援疆工作的决策部署，"
                    "坚持民生优先、基层导向，扎实推进各项援疆任务。")
        funds = self.new_para()
        wrote = self.clauses(funds, [
            ("共计安排援疆资金{0}", ("aid_funds_total",)),
            ("其中计划外资金{0}", ("aid_funds_extra_plan",)),
            ("实施对口支援项目{0}", ("aid_projects_total",)),
            ("含子项目{0}", ("aid_subprojects_total",)),
        ], lead=f"{self.when}，")
        if wrote and self.has("livelihood_funds_share", "grassroots_funds_share"):
            # "…，其中85%以上的资金投入到了民生领域，98%以上的资金投向县及县以下基层。"
            funds.parts[-1] = "，其中"
            first = self.clause(funds, "{0}的资金投入到了民生领域", "livelihood_funds_share")
            if first and self.present("grassroots_funds_share"):
                funds.add("，")
            self.clause(funds, "{0}的资金投向县及县以下基层", "grassroots_funds_share")
            funds.add("。")
        money = self.new_para()
        groups = [
            [("援疆资金到位{0}", ("aid_funds_arrived",)), ("到位率{0}", ("aid_funds_arrival_rate",))],
            [("拨付{0}", ("aid_funds_disbursed",)), ("拨付率{0}", ("aid_funds_disbursement_rate",))],
            [("已开工项目{0}", ("projects_started",)), ("开工率{0}", ("project_start_rate",))],
            [("已完工项目{0}", ("projects_completed",)), ("完工率{0}", ("project_completion_rate",))],
        ]
        wrote_any = False
        for group in groups:
            # A rate is stated with its amount: "到位率0%" alone says nothing.
            if all(self.present(c) for c in group[0][1]):
                if wrote_any:
                    money.parts[-1] = "；"
                self.clauses(money, group, sep="，")
                wrote_any = True
        growth = self.new_para()
        self.clauses(growth, [
            ("受援地生产总值达到{0}", ("recipient_gdp",)),
            ("增长{0}", ("recipient_gdp_growth",)),
        ])
        for para in (opening, funds, money, growth):
            if para.marks or para is opening:
                out.append(Paragraph(para.text))
        return out

    def livelihood(self) -> list[Any]:
        para = self.new_para()
        wrote = self.clause(para, "坚持把保障和改善民生作为援疆工作的出发点和落脚点，"
                            "{0}的援疆资金用于民生领域",
                            "livelihood_funds_share")
        total = self.f.get("aid_funds_total")
        parts = {k: (label, v) for k, label, v in (total.by("category") if total else ())}
        named = [(k, parts[k]) for k in ("livelihood", "group_education", "group_medical") if k in parts]
        if named:
            para.add("，其中" if wrote else "安排")
            for i, (key, (label, value)) in enumerate(named):
                if i:
                    para.add("、")
                para.add(f"{label}类项目资金")
                para.figure("aid_funds_total", numbers.money(value, total.qualifier), total, part=key)
            wrote = True
        if self.has("group_aid_schools", "group_aid_hospitals"):
            para.add("；" if wrote else "")
            self.clauses(para, [("组团式帮扶学校{0}", ("group_aid_schools",)),
                                ("组团式帮扶医院{0}", ("group_aid_hospitals",))],
                         sep="、", end="", lead="推进组团式帮扶，")
            wrote = True
        if not wrote:
            self.paragraphs.remove(para)
            return []
        para.add("。")
        return [Paragraph(para.text)]

    def _section_of(self, items: list[tuple[str, tuple[str, ...]]], lead: str) -> list[Any]:
        para = self.new_para()
        if not self.clauses(para, items, lead=lead):
            self.paragraphs.remove(para)
            return []
        return [Paragraph(para.text)]

    def talent(self) -> list[Any]:
        return self._section_of([
            ("选派援疆教师{0}", ("teachers_dispatched",)),
            ("援疆医生{0}", ("doctors_dispatched",)),
            ("柔性引进各类人才{0}", ("flexible_talent_introduced",)),
            ("实施干部人才培训项目{0}", ("training_projects",)),
            ("投入培训资金{0}", ("training_funds",)),
            ("培训干部人才{0}", ("cadres_trained",)),
            ("选派受援地干部挂职交流{0}", ("local_cadres_seconded",)),
            ("帮带培养本土人才{0}", ("local_talent_mentored",)),
        ], lead="坚持“输血”与“造血”相结合，")

    def industry(self) -> list[Any]:
        return self._section_of([
            ("拜访企业和机构{0}", ("enterprises_visited",)),
            ("举办招商洽谈推介会{0}", ("investment_fairs",)),
            ("接待客商{0}", ("merchant_delegations",)),
            ("引进招商项目{0}", ("investment_projects_introduced",)),
            ("落地投资项目{0}", ("investment_projects_landed",)),
            ("签约协议金额{0}", ("investment_agreement_amount",)),
            ("项目计划总投资{0}", ("planned_investment",)),
            ("招商引资到位资金{0}", ("investment_funds_in_place",)),
            ("引进落户企业{0}", ("enterprises_settled",)),
            ("消费援疆销售受援地产品{0}", ("consumption_aid_sales",)),
        ], lead="围绕受援地特色优势产业精准招商，")

    def employment(self) -> list[Any]:
        return self._section_of([
            ("带动就业{0}", ("jobs_created",)),
            ("培训农民和务工人员{0}", ("farmers_trained",)),
        ], lead="坚持把促进就业作为最大的民生，")

    def culture(self) -> list[Any]:
        return self._section_of([
            ("开展文化润疆交流活动{0}", ("cultural_events",)),
            ("组织交流考察团组{0}", ("exchange_delegations",)),
        ], lead="深化两地交往交流交融，")

    def people(self) -> list[Any]:
        items = [("选派援疆干部人才{0}", ("cadres_dispatched",))]
        if self.period.end >= timezone.localdate():
            items.append(("目前在岗{0}", ("people_on_post",)))
        items.append(("在岗率{0}", ("on_post_rate",)))
        return self._section_of(items, lead="严格落实干部人才双重管理，")

    # --- charts -------------------------------------------------------------------------------
    def charts(self) -> list[Chart]:
        out = []
        years = sorted(self.yearly)
        if len(years) > 1:
            planned = [self.yearly[y].value("aid_funds_total") for y in years]
            paid = [self.yearly[y].value("aid_funds_disbursed") for y in years]
            if any(planned):
                out.append(Chart(
                    title="援疆资金分年度安排和拨付情况", kind="bar", unit="万元",
                    categories=[f"{y}年" for y in years],
                    series=[("安排资金", [_wan(v) for v in planned]),
                            ("拨付资金", [_wan(v) for v in paid])]))
        total = self.f.get("aid_funds_total")
        if total and total.by("category"):
            rows = total.by("category")
            out.append(Chart(title="援疆资金按项目类别分布", kind="bar", unit="万元",
                             categories=[label for _k, label, _v in rows],
                             series=[("安排资金", [_wan(v) for _k, _l, v in rows])]))
        return out

    # --- the whole document -------------------------------------------------------------------
    def document(self, *, issuer: str = "", date: dt.date | None = None) -> Document:
        blocks: list[Any] = list(self.overview())
        charts = self.charts()
        if charts:
            blocks.append(charts[0])
        for heading, make in (("民生援疆", self.livelihood), ("智力援疆", self.talent),
                              ("产业援疆", self.industry), ("就业援疆", self.employment),
                              ("文化润疆", self.culture), ("干部人才管理", self.people)):
            body = make()
            if heading == "民生援疆" and body and len(charts) > 1:
                body.append(charts[1])
            if body:
                blocks.append(Section(heading=heading, level=1, blocks=body))
        self.trace = self._trace()
        return Document(title=self.title, blocks=blocks, issuer=issuer or self.issuer,
                        date=date or timezone.localdate())

    @property
    def title(self) -> str:
        p = self.period
        if p.kind == PeriodKind.BATCH:
            return f"{self.subject}{p.batch.name}援疆工作总结"
        if p.kind == PeriodKind.YEAR:
            return f"{self.subject}{p.start.year}年援疆工作总结"
        return f"{self.subject}{p.end.year}年1—{p.end.month}月援疆工作情况"

    @property
    def issuer(self) -> str:
        return self.scope.command.name if self.scope.kind == ScopeKind.COMMAND else ""

    def _trace(self) -> list[Traced]:
        out = []
        kept = [p for p in self.paragraphs if p.marks or p.parts]
        for index, para in enumerate(kept):
            for start, written, code, figure, part in para.marks:
                indicator = self.f.indicators.get(code)
                out.append(Traced(
                    paragraph=index, start=start, end=start + len(written.text), text=written.text,
                    code=code, name=indicator.name if indicator else code,
                    written_value=str(written.value), written_qualifier=written.qualifier,
                    value=None if figure.value is None else str(figure.value),
                    qualifier=figure.qualifier, source=figure.source,
                    value_ids=list(figure.value_ids), part=part))
        return out


def _wan(value: Decimal | None) -> float | None:
    return None if value is None else float((value / WAN).quantize(Decimal("0.01")))


@dataclass
class Summary:
    document: Document
    trace: list[Traced]
    figures: Figures
    approved: bool

    def trace_json(self) -> list[dict[str, Any]]:
        return [asdict(t) for t in self.trace]


def write_summary(user: Any, scope: Scope, period: Period) -> Summary:
    """The summary of a scope and period as the user may see it (approved figures when the
    period is approved)."""
    official, approval = official_figures(user, scope, period)
    yearly = {}
    if period.kind == PeriodKind.BATCH:
        yearly = {y: figures(user, scope, Period.of_year(y)) for y in period.years}
    writer = SummaryWriter(official, yearly=yearly)
    document = writer.document()
    return Summary(document, writer.trace, official,
                   approved=approval is not None and approval.status == "approved")


def locate(trace: list[Traced], paragraphs: list[str], text: str) -> list[dict[str, Any]]:
    """The trace with offsets into a rendered text (Markdown) that holds the paragraphs in
    order."""
    out, cursor = [], 0
    starts = []
    for para in paragraphs:
        at = text.find(para, cursor)
        starts.append(at)
        if at >= 0:
            cursor = at + len(para)
    for t in trace:
        base = starts[t.paragraph] if t.paragraph < len(starts) else -1
        row = asdict(t)
        row["start"], row["end"] = (base + t.start, base + t.end) if base >= 0 else (None, None)
        out.append(row)
    return out

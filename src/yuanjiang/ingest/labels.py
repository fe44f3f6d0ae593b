"""What a figure reports: an indicator code of the catalog when its clause says so.

A figure is read with its clause (the words from the previous , ; 。 : to the next) and, for
a few distinctions, its sentence. Rules go from the specific to the general, and the first
that holds gives the code: money for one facility or one programme takes the specific code
or none, never aid_funds_total (the contract's rule); a figure whose clause names nothing of
the catalog gets none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

CLAUSE_END = "，,。；;！!？?\n：:"
SENTENCE_END = "。；;！!？?\n"


@dataclass(frozen=True)
class Context:
    before: str  # the clause up to the figure
    after: str  # the clause after the figure
    sentence: str  # the whole sentence
    kind: str
    unit: str
    clause: str = ""  # the whole clause before the figure (before may be its nearest part)

    def has(self, pattern: str, where: str = "both") -> bool:
        text = {"before": self.before, "after": self.after, "both": self.before + "\u0000" + self.after,
                "sentence": self.sentence}[where]
        return re.search(pattern, text) is not None


def _context(text: str, start: int, end: int, kind: str, unit: str) -> Context:
    b = max(text.rfind(ch, 0, start) for ch in CLAUSE_END)
    a = min((i for i in (text.find(ch, end) for ch in CLAUSE_END) if i >= 0), default=len(text))
    sb = max(text.rfind(ch, 0, start) for ch in SENTENCE_END)
    sa = min((i for i in (text.find(ch, end) for ch in SENTENCE_END) if i >= 0), default=len(text))
    return Context(text[b + 1:start], text[end:a], text[sb + 1:sa], kind, unit, text[b + 1:start])


Rule = tuple[str, str, Callable[[Context], bool]]

INVESTMENT = r"招商|引资|客商|投资企业|签约|落地|引进.{0,6}(企业|项目)"
FACILITY_MONEY = r"(总投资|投资|造价|建设资金|投入资金)(约|达|近|超过|超)?$"

RULES: list[Rule] = [
    # --- rates and shares -------------------------------------------------------------
    ("aid_funds_arrival_rate", "percent", lambda c: c.has(r"到位率|到疆率")),
    ("aid_funds_disbursement_rate", "percent", lambda c: c.has(r"拨付率|支付率")),
    ("project_start_rate", "percent", lambda c: c.has(r"开工率")),
    ("project_completion_rate", "percent", lambda c: c.has(r"完工率|竣工率")),
    ("livelihood_funds_share", "percent", lambda c: c.has(r"民生")),
    ("grassroots_funds_share", "percent", lambda c: c.has(r"县及县以下|基层|县以下")),
    ("recipient_gdp_growth", "percent",
     lambda c: c.has(r"增长|提高|增加", "before") and c.has(r"生产总值|GDP|经济总量", "sentence")),
    # --- money ------------------------------------------------------------------------
    ("training_funds", "money",
     lambda c: c.has(r"培训") and c.has(r"资金|经费", "before")
     or c.has(r"培训", "sentence") and c.has(r"(援疆|培训)(资金|经费)", "before")),
    ("aid_funds_extra_plan", "money", lambda c: c.has(r"计划外", "before")),
    ("investment_funds_in_place", "money",
     lambda c: c.has(r"到位资金|资金到位|实际到位", "before") and c.has(INVESTMENT, "sentence")),
    ("investment_agreement_amount", "money",
     lambda c: c.has(r"签约|协议(金额|资金)|签订.{0,8}协议", "before")),
    ("planned_investment", "money",
     lambda c: c.has(r"计划(总)?投资", "before")
     or c.has(r"总投资", "before") and c.has(INVESTMENT, "sentence") and not c.has(r"援疆资金", "sentence")),
    ("consumption_aid_sales", "money",
     lambda c: c.has(r"销售额|零售额|交易额|销售收入|销售|消费援疆|采购", "before")
     and not c.has(r"生产总值", "before")),
    ("recipient_gdp", "money", lambda c: c.has(r"生产总值|GDP|经济总量", "before")),
    ("aid_funds_arrived", "money",
     lambda c: c.has(r"到位|到疆|拨付到", "before") and c.has(r"援疆|资金", "before")),
    ("aid_funds_disbursed", "money",
     lambda c: c.has(r"拨付|支付", "before") and not c.has(r"拨付到", "before")),
    (None, "money", lambda c: c.has(FACILITY_MONEY, "before")),  # one facility's cost
    ("aid_funds_total", "money",
     lambda c: c.has(r"(援疆|对口支援|援助|援建)(资金|经费)|资金投入", "before")
     or c.has(r"^的?(援疆|对口支援)?资金", "after")
     and c.has(r"安排|投入|落实|争取|实施|累计|共计", "before")),
    # --- investment attraction ------------------------------------------------------------
    ("enterprises_visited", "count",
     lambda c: c.has(r"拜访|走访|对接", "before") and c.has(r"企业|机构|协会|商会|院校|基金|客商", "before")),
    ("investment_fairs", "count", lambda c: c.has(r"洽谈会|推介会|招商会|对接会|博览会|签约会", "before")),
    ("merchant_delegations", "count", lambda c: c.has(r"客商|投资考察团", "before")),
    ("investment_projects_landed", "count",
     lambda c: c.has(r"落地|落户.{0,6}项目", "before") and c.has(r"项目")),
    ("investment_projects_introduced", "count",
     lambda c: c.has(r"引进|招引|签约", "before") and c.has(r"项目") and not c.has(r"人才", "before")),
    ("enterprises_settled", "count",
     lambda c: (c.has(r"落户|入驻|入园") or c.has(r"引进", "before") and c.unit == "家") and c.has(r"企业")),
    ("jobs_created", "count",
     lambda c: c.has(r"就业|岗位") and c.has(r"带动|提供|吸纳|解决|新增|实现|促进")
     and not c.has(r"培训", "before")),
    # --- people and training --------------------------------------------------------------
    ("local_cadres_seconded", "count", lambda c: c.has(r"挂职")),
    ("flexible_talent_introduced", "count", lambda c: c.has(r"柔性")),
    ("local_talent_mentored", "count",
     lambda c: c.has(r"帮带|传帮带|师徒|师带徒|结对带|带徒|本土人才|培养本地|培养本土")),
    ("training_projects", "count", lambda c: c.has(r"培训(项目|班)", "before") or c.has(r"^期?培训班")),
    ("farmers_trained", "count",
     lambda c: c.has(r"培训|轮训") and c.has(r"农民|农牧民|务工|劳动力|技能人员")),
    ("cadres_trained", "count",
     lambda c: c.has(r"培训|轮训|培养培训|研修") and c.unit in ("名", "人", "人次", "位")),
    ("teachers_dispatched", "count",
     lambda c: c.has(r"教师|老师|校长") and c.has(r"选派|派出|援疆|支教|援派")
     and c.unit in ("名", "人", "位")),
    ("doctors_dispatched", "count",
     lambda c: c.has(r"医生|医疗专家|医务人员|医护|医疗人才") and c.has(r"选派|派出|援疆|援派")
     and c.unit in ("名", "人", "位")),
    ("cadres_dispatched", "count",
     lambda c: c.has(r"^(名|位)?(援疆)?干部人才|^(名|位)?援疆(干部|人才)", "after")
     or c.has(r"(援疆干部人才|援疆干部|援疆人才|干部人才)(共|总数|总计|合计)?$", "before")
     or c.has(r"(选派|派出|援派).{0,10}(援疆)?(干部|人才)") and c.unit in ("名", "人", "位")),
    ("group_aid_hospitals", "count", lambda c: c.has(r"组团式") and c.has(r"医院")),
    ("group_aid_schools", "count", lambda c: c.has(r"组团式") and c.has(r"学校|中学|小学|幼儿园")),
    ("exchange_delegations", "count",
     lambda c: c.has(r"考察团|交流团|学习团|团组|代表团")
     and c.unit in ("个", "批", "批次", "支", "团", "组")),
    ("cultural_events", "count",
     lambda c: c.has(r"文化|文艺|演出|交流活动|夏令营|冬令营|交流营|研学营|联谊")
     and c.unit in ("场", "次", "场次", "期", "项")),
    # --- projects -------------------------------------------------------------------------
    ("aid_subprojects_total", "count",
     lambda c: c.unit == "小项" or c.has(r"子项目|小项", "before") or c.has(r"^(小项|子项目)", "after")),
    ("projects_started", "count", lambda c: c.has(r"开工", "before") and c.has(r"项目")),
    ("projects_completed", "count", lambda c: c.has(r"完工|竣工|建成", "before") and c.has(r"项目")),
    ("aid_projects_total", "count",
     lambda c: c.unit == "大项" or c.has(r"^(大项|援疆项目|对口支援项目)", "after")
     or c.unit in ("个", "项") and c.has(r"(援疆|对口支援|援建|支援)项目|项目", "before")
     and c.has(r"援疆|对口支援|援建|实施|安排", "sentence")
     and not c.has(r"培训|投资|招商|落地|引进|开工|完工|产业园", "before")
     and not re.search(r"其中|新建|续建|民生项目|产业项目", c.clause)),
]


def _first(c: Context) -> tuple[bool, str | None]:
    for code, rule_kind, holds in RULES:
        if rule_kind == c.kind and holds(c):
            return True, code
    return False, None


RATE_WORDS = {"到位率": "aid_funds_arrival_rate", "到疆率": "aid_funds_arrival_rate",
              "拨付率": "aid_funds_disbursement_rate", "开工率": "project_start_rate",
              "完工率": "project_completion_rate", "竣工率": "project_completion_rate"}


def _respectively(text: str, start: int, c: Context) -> str | None:
    """项目开工率、完工率分别达到100%和96.8%: the n-th rate of the list for the n-th figure."""
    at = c.clause.rfind("分别")
    if at < 0 or c.kind != "percent":
        return None
    words = re.findall("|".join(RATE_WORDS), c.clause[:at])
    clause_start = start - len(c.clause)
    order = len(re.findall(r"\d+(?:\.\d+)?[%％]", text[clause_start + at:start]))
    return RATE_WORDS[words[order]] if order < len(words) else None


def label(text: str, start: int, end: int, kind: str, unit: str) -> str | None:
    """The indicator the figure at text[start:end] reports, or None.

    In a list (选派援疆教师45名、援疆医生38名) the words nearest the figure decide first: the
    part of its clause after the last 、; then the whole clause."""
    c = _context(text, start, end, kind, unit)
    respectively = _respectively(text, start, c)
    if respectively:
        return respectively
    cut = max(c.before.rfind("、"), -1)
    if cut >= 0:
        near = Context(c.before[cut + 1:], c.after, c.sentence, kind, unit, c.clause)
        found, code = _first(near)
        if found:
            return code
    return _first(c)[1]

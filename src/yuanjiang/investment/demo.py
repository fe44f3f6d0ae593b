"""Demo records of investment attraction, consistent with what the public texts report:
张家港→巩留 第十批 visited 100余 enterprises and institutions, held 9 fairs, received 50余
批次 of investors and landed 8 projects; the current 吉林 第五批 command has a pipeline under
way, one project of which has more funds in place than planned (the flag of the lists).

Deterministic (seeded) and idempotent: a command that already has its records is left."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from faker import Faker

from yuanjiang.core.models import Region

from .choices import ActivityKind, EnterpriseKind, Industry, PipelineStage
from .models import Activity, Enterprise, InvestmentProject
from .services import (
    ActivityService,
    EnterpriseService,
    FundsInPlaceService,
    InvestmentProjectService,
    investment_advance,
)

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"

INDUSTRY_WORDS = {
    Industry.FOOD: ["食品", "乳业", "农产品加工", "粮油"],
    Industry.TEXTILE: ["纺织", "服饰", "毛纺"],
    Industry.ENERGY: ["新能源", "光伏", "储能"],
    Industry.MATERIALS: ["新材料", "化纤", "精细化工"],
    Industry.MANUFACTURING: ["机械", "智能装备", "电气"],
    Industry.MEDICINE: ["生物科技", "医药"],
    Industry.TOURISM: ["文旅", "旅游开发"],
    Industry.TRADE: ["供应链", "物流", "商贸"],
    Industry.DIGITAL: ["数字科技", "信息技术"],
    Industry.AGRICULTURE: ["农业发展", "牧业", "种业"],
}


def valid_uscc(rng: random.Random, region_code: str) -> str:
    """A unified social credit code with a correct check digit (for demo enterprises)."""
    from stdnum.cn import uscc

    body = "91" + region_code + "".join(rng.choice(ALPHABET) for _ in range(9))
    return body + uscc.calc_check_digit(body)


class Maker:
    def __init__(self, command, seed: str):
        self.command = command
        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self.used: set[str] = set(Enterprise.objects.filter(command=command).values_list("name", flat=True))

    def day(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    def enterprise(self, homes: list[tuple[str, str]], industry=None) -> Enterprise:
        code, city = self.rng.choice(homes)
        roll = 1.0 if industry else self.rng.random()
        if roll < 0.08:
            kind, name = EnterpriseKind.ASSOCIATION, f"{city}{self.rng.choice(['新疆', '伊犁', '江苏'])}商会"
            industry = Industry.OTHER
        elif roll < 0.14:
            kind = EnterpriseKind.INSTITUTION
            name = f"{city}{self.rng.choice(['农业科学研究院', '职业技术学院', '产业技术研究院'])}"
            industry = Industry.OTHER
        elif roll < 0.18:
            kind, name = EnterpriseKind.FUND, f"{city}{self.fake.company_prefix()}创业投资有限公司"
            industry = Industry.OTHER
        else:
            industry = industry or self.rng.choice(list(INDUSTRY_WORDS))
            kind = EnterpriseKind.ENTERPRISE
            name = (f"{city}{self.fake.company_prefix()}{self.rng.choice(INDUSTRY_WORDS[industry])}"
                    f"{self.rng.choice(['有限公司', '股份有限公司', '集团有限公司'])}")
        while name in self.used:
            name = name.replace(city, f"{city}{self.fake.company_prefix()}", 1)
        self.used.add(name)
        return EnterpriseService.create(acting_user=None, data={
            "command": self.command, "name": name, "kind": kind, "industry": industry,
            "uscc": valid_uscc(self.rng, code) if kind != EnterpriseKind.INSTITUTION else "",
            "home_region": Region.objects.filter(code=code).first(),
        })

    def activity(self, kind, day, title, place, enterprises=(), led_by="", note=""):
        return ActivityService.create(acting_user=None, data={
            "command": self.command, "kind": kind, "date": day, "title": title, "place": place,
            "led_by": led_by, "participants": "工作组、县招商局", "note": note,
        }, m2m={"enterprises": list(enterprises)})

    def project(self, name, enterprise, region, *, agreement, planned, jobs, park, steps, funds=()):
        p = InvestmentProjectService.create(acting_user=None, data={
            "command": self.command, "name": name, "enterprise": enterprise,
            "industry": enterprise.industry,
            "region": region, "park": park, "planned_investment": planned, "jobs_created": jobs,
        })
        for stage, day in steps:
            investment_advance(p, acting_user=None, to=stage, on=day,
                               agreement_amount=agreement if stage == PipelineStage.SIGNED else None)
        for day, amount in funds:
            FundsInPlaceService.create(acting_user=None, data={"project": p, "date": day, "amount": amount})
        return p


JIANGSU_HOMES = [("320582", "张家港"), ("320582", "张家港"), ("320582", "张家港"), ("320500", "苏州"),
                 ("320200", "无锡"), ("320400", "常州"), ("320100", "南京"), ("320600", "南通"),
                 ("310000", "上海"), ("330100", "杭州")]
JILIN_HOMES = [("220200", "吉林"), ("220100", "长春"), ("220500", "通化"), ("220100", "长春")]

GONGLIU_PROJECTS = [
    # name, agreement 万元, planned 万元, jobs, park, landed?, producing?
    ("巩留县年产5万吨乳制品加工项目", 68000, 62000, 260, "巩留县工业园区", True, True, Industry.FOOD),
    ("巩留县200兆瓦光伏发电项目", 96000, 88000, 45, "巩留县新能源产业园", True, True, Industry.ENERGY),
    ("巩留县野核桃精深加工项目", 12000, 11500, 180, "巩留县工业园区", True, True, Industry.FOOD),
    ("巩留县冷水鱼养殖及加工项目", 8600, 8000, 120, "巩留县农副产品加工园", True, False,
     Industry.AGRICULTURE),
    ("巩留县纺织服装产业园项目", 35000, 32000, 420, "巩留县纺织服装产业园", True, False, Industry.TEXTILE),
    ("库尔德宁景区文旅综合开发项目", 42000, 40000, 150, "库尔德宁景区", True, False, Industry.TOURISM),
    ("巩留县农产品冷链物流中心项目", 9800, 9200, 60, "巩留县农副产品加工园", True, False, Industry.TRADE),
    ("巩留县蜂产品深加工项目", 5600, 5000, 25, "巩留县农副产品加工园", True, False, Industry.FOOD),
    ("巩留县生物有机肥项目", 7800, 7500, 0, "巩留县工业园区", False, False, Industry.AGRICULTURE),
    ("巩留县特色林果电商产业园项目", 6500, 6000, 0, "巩留县电商产业园", False, False, Industry.DIGITAL),
    ("巩留县畜产品精深加工项目", 15000, 14200, 0, "巩留县工业园区", False, False, Industry.FOOD),
    ("巩留县中药材种植加工项目", 9200, 8800, 0, "巩留县农副产品加工园", False, False, Industry.MEDICINE),
]

FAIRS = ["巩留县（张家港）招商引资推介会", "中国—亚欧博览会巩留县专场推介会", "张家港·巩留产业合作对接会",
         "巩留县农副产品精深加工项目洽谈会", "巩留县文化旅游招商推介会", "伊犁河谷（苏州）投资环境说明会",
         "巩留县新能源产业招商洽谈会", "长三角企业家巩留行项目签约会", "巩留县纺织服装产业招商推介会"]


def _gongliu(command) -> None:
    m = Maker(command, "investment-gongliu10")
    batch = command.batch
    start, end = batch.start_date + dt.timedelta(days=90), batch.end_date - dt.timedelta(days=20)
    # The investors of the twelve projects are among the 104 enterprises visited.
    visited = [m.enterprise(JIANGSU_HOMES, row[7]) for row in GONGLIU_PROJECTS]
    visited += [m.enterprise(JIANGSU_HOMES) for _ in range(104 - len(visited))]
    m.rng.shuffle(visited)
    investors = {e.industry: [] for e in visited}
    for e in visited[::-1]:
        investors[e.industry].append(e)
    # 26 visits of four enterprises each: 104 enterprises and institutions visited.
    for i in range(26):
        day = m.day(start, end)
        group = visited[i * 4:(i + 1) * 4]
        city = group[0].home_region.name if group[0].home_region else "张家港市"
        m.activity(ActivityKind.VISIT, day, f"赴{city}走访企业和机构（第{i + 1}批）", city, group,
                   led_by="工作组组长", note="介绍巩留投资环境，对接产业转移意向。")
    for i, title in enumerate(FAIRS):
        day = dt.date(2020 + i // 3, 4 + (i % 3) * 3, 10 + i)
        m.activity(ActivityKind.FAIR, day, title, "张家港市" if i % 2 else "巩留县",
                   m.rng.sample(visited, 6), led_by="县委主要领导")
    for _ in range(53):
        day = m.day(start, end)
        m.activity(ActivityKind.RECEPTION, day, f"接待{m.rng.choice(visited).name}考察团", "巩留县",
                   led_by="工作组副组长")
    region = Region.objects.get(code="654024")
    for i, (name, agreement, planned, jobs, park, landed, producing, industry) in enumerate(
            GONGLIU_PROJECTS):
        lead = dt.date(2020, 5, 1) + dt.timedelta(days=55 * i)
        signed = lead + dt.timedelta(days=75)
        steps = [(PipelineStage.TALKS, lead + dt.timedelta(days=20)), (PipelineStage.SIGNED, signed)]
        funds = []
        if landed:
            landed_on = signed + dt.timedelta(days=120)
            steps.append((PipelineStage.LANDED, landed_on))
            share = Decimal("0.45") if producing else Decimal("0.22")
            first = (Decimal(planned) * 10000 * share).quantize(Decimal("1"))
            funds = [(landed_on + dt.timedelta(days=30), first),
                     (landed_on + dt.timedelta(days=200), (first * Decimal("0.6")).quantize(Decimal("1")))]
            if producing:
                steps.append((PipelineStage.PRODUCING, landed_on + dt.timedelta(days=330)))
        m.project(name, investors[industry].pop(), region, agreement=Decimal(agreement) * 10000,
                  planned=Decimal(planned) * 10000, jobs=jobs, park=park,
                  steps=[(s, d) for s, d in steps if d <= end] or steps[:1],
                  funds=[(d, a) for d, a in funds if d <= end])


def _altay5(command, today: dt.date) -> None:
    m = Maker(command, "investment-altay5")
    start = command.batch.start_date + dt.timedelta(days=60)
    last = min(today - dt.timedelta(days=10), start + dt.timedelta(days=900))
    if last <= start:
        return
    firms = [m.enterprise(JILIN_HOMES, (Industry.MANUFACTURING, None, Industry.FOOD, None,
                                        Industry.TOURISM, None, None, None)[i]) for i in range(8)]
    for i in range(4):
        m.activity(ActivityKind.VISIT, m.day(start, last), f"赴吉林省走访企业（第{i + 1}批）", "吉林省",
                   firms[i * 2:i * 2 + 2], led_by="前指副总指挥")
    m.activity(ActivityKind.FAIR, m.day(start, last), "阿勒泰地区（长春）招商推介会", "长春市", firms[:4])
    for _ in range(3):
        m.activity(ActivityKind.RECEPTION, m.day(start, last), f"接待{m.rng.choice(firms).name}考察团",
                   "阿勒泰市")
    altay, burqin = Region.objects.get(code="654301"), Region.objects.get(code="654321")
    signed = start + (last - start) // 3
    landed = start + (last - start) * 2 // 3
    m.project("阿勒泰市冰雪装备制造项目", firms[0], altay, agreement=Decimal(30_000_000),
              planned=Decimal(28_000_000), jobs=80, park="阿勒泰市工业园区",
              steps=[(PipelineStage.SIGNED, signed), (PipelineStage.LANDED, landed)],
              # The investor enlarged the plant: more in place than planned (flagged, not refused).
              funds=[(landed, Decimal(20_000_000)), (last, Decimal(12_500_000))])
    m.project("布尔津县特色乳制品项目", firms[2], burqin, agreement=None, planned=None, jobs=0,
              park="布尔津县产业园", steps=[(PipelineStage.TALKS, signed)])
    m.project("阿勒泰市冰雪旅游综合体项目", firms[4], altay, agreement=None, planned=None, jobs=0,
              park="", steps=[])


def load(ctx) -> None:
    gongliu = ctx.commands["gongliu10"]
    if not InvestmentProject.objects.filter(command=gongliu).exists():
        _gongliu(gongliu)
    altay5 = ctx.commands["altay5"]
    if not Activity.objects.filter(command=altay5).exists():
        _altay5(altay5, ctx.today)

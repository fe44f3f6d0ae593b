"""Demo projects and money of the demo commands, after ../shared/reference/reported_figures.csv
and notable_projects.csv.

- 张家港→巩留 第十批 (2020–2023): 60 projects, 250,000,000.00 yuan, livelihood share about 87%
  (the report says at least 85%), county level and below well above 80%;
- 吉林市→阿勒泰市 第八批 (2014–2016): 91 projects, a little over 300,000,000 yuan of which a
  little over 50,000,000 extra-plan, with 阿勒泰“暖房子”工程 and the film 《白天鹅》;
- 镇江→可克达拉 第九批: the turnkey 可克达拉市镇江高级中学 (246,000,000 yuan) and a few more;
- 江苏 克州前指 第九批: 克州人民医院组团式医疗援助, 克州远程会诊中心, 阿图什电商扶贫实训店 and a few more;
- 江苏 伊犁前指 第九批 and 第十批: a few prefecture-level projects;
- 吉林 第五批 (from 2023-03-01, running today): projects placed around today so that the
  early warnings have something to show (not started on time, behind schedule) and a few
  supervision orders (督办), some open and some closed.

Project names other than the reported ones, the budgets not reported, dates, outputs and
voucher numbers are made up for the demo. Deterministic from SEED, except the current batch,
whose dates follow `ctx.today`. Idempotent: a command whose first project code exists is left
as it is. Every write goes through the services (acting_user=None).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from yuanjiang.core.models import Command, Organisation, Region

from .choices import (
    STAGE_ORDER,
    ArrivalAccount,
    Category,
    DeliveryMode,
    FundSource,
    LivelihoodKind,
    Stage,
    WarningKind,
)
from .models import Project
from .services import (
    AllocationService,
    ArrivalService,
    DisbursementService,
    OutputService,
    ProjectService,
    SupervisionOrderService,
    progress_report,
    project_advance,
    supervision_close,
)

SEED = 20261
CENT = Decimal("0.01")
HUNDRED = Decimal("1E2")
WAN = 10_000  # amounts are planned in 万元 and written in yuan
ONE_DAY = dt.timedelta(days=1)

L, GE, GM = Category.LIVELIHOOD, Category.GROUP_EDUCATION, Category.GROUP_MEDICAL
IND, CUL, TAL = Category.INDUSTRY, Category.CULTURE, Category.TALENT
INF, PLN = Category.INFRASTRUCTURE, Category.PLANNING
HOUSING, EDU, HEALTH = LivelihoodKind.HOUSING, LivelihoodKind.EDUCATION, LivelihoodKind.HEALTH
JOBS, SOCIAL = LivelihoodKind.EMPLOYMENT, LivelihoodKind.SOCIAL_SECURITY
PROV, MUNI = FundSource.PROVINCIAL, FundSource.MUNICIPAL
EXTRA, DONATION = FundSource.EXTRA_PLAN, FundSource.DONATION

# Outputs by kind of project: (indicator, unit, low, high); quantities are made up.
OUTPUTS = {
    "school": [("建筑面积", "平方米", 4000, 12000), ("学位", "个", 400, 1500)],
    "kindergarten": [("建筑面积", "平方米", 1500, 3500), ("学位", "个", 180, 360)],
    "hospital": [("建筑面积", "平方米", 5000, 15000), ("床位", "张", 80, 300)],
    "clinic": [("建筑面积", "平方米", 600, 2000), ("床位", "张", 10, 40)],
    "care": [("建筑面积", "平方米", 1500, 5000), ("床位", "张", 60, 200)],
    "housing": [("安居房", "户", 200, 800), ("建筑面积", "平方米", 16000, 64000)],
    "training": [("培训人次", "人次", 300, 1500), ("就业岗位", "个", 100, 500)],
    "jobs": [("建筑面积", "平方米", 1500, 6000), ("就业岗位", "个", 80, 400)],
    "industry": [("就业岗位", "个", 30, 200)],
    "water": [("供水管网", "公里", 10, 60), ("受益人口", "人", 3000, 15000)],
    "road": [("道路", "公里", 5, 30)],
    "culture": [("建筑面积", "平方米", 300, 2000)],
}


@dataclass
class Spec:
    """A project to create. Amounts in 万元: `wan` fixed, or a share of a total by `weight`."""

    year: int
    name: str
    category: str
    kind: str = ""
    region: str = ""
    weight: float = 1.0
    fixed: bool = True  # fixed-asset investment (buildings); training and services are not
    turnkey: bool = False
    outputs: str = ""
    wan: int | None = None
    source: str | None = None  # one source for all its money; otherwise drawn
    in_plan: bool = True
    extra: list[tuple[int, str, int, str]] = field(default_factory=list)  # (year, source, 万元, note)
    items: tuple[str, ...] = ()
    org: str = ""
    note: str = ""
    budget_wan: int | None = None
    timeline: dict[str, dt.date] | None = None  # explicit stage dates (reported projects)


def split(total: int, weights: list[float]) -> list[int]:
    """`total` in whole units shared by `weights` (largest remainders), each at least 1."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    parts = [max(1, math.floor(r)) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))
    i = 0
    while sum(parts) < total:
        parts[order[i % len(order)]] += 1
        i += 1
    while sum(parts) > total:
        j = max(range(len(parts)), key=lambda k: (parts[k], -k))
        parts[j] -= 1
    return parts


def yuan(wan: int) -> Decimal:
    return Decimal(wan * WAN).quantize(CENT)


class Builder:
    """Writes one command's projects and money."""

    def __init__(self, ctx, key: str, prefix: str, short: str, docs: dict[str, str]):
        self.command: Command = ctx.commands[key]
        self.today: dt.date = ctx.today
        batch = self.command.batch
        self.batch_start = batch.start_date
        self.limit = min(batch.end_date, self.today) if batch.end_date else self.today
        self.rng = random.Random(f"{SEED}:{key}")
        self.prefix, self.short, self.docs = prefix, short, docs
        self.seq: dict[int, int] = defaultdict(int)
        self.allocated: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
        self.alloc_by_project: dict[int, dict[int, Decimal]] = {}
        self.payments: list[tuple[dt.date, Project, Decimal, str]] = []
        self.regions: dict[str, Region] = {}
        self.orgs: dict[str, Organisation | None] = {}

    def exists(self) -> bool:
        """Whether this command's demo projects (codes "GL10-…") or any of its projects exist."""
        return Project.objects.filter(code__startswith=f"{self.prefix}-").exists() or (
            Project.objects.filter(command=self.command).exists())

    def region(self, code: str) -> Region:
        if code not in self.regions:
            self.regions[code] = Region.objects.get(pk=code)
        return self.regions[code]

    def org(self, name: str) -> Organisation | None:
        if name and name not in self.orgs:
            self.orgs[name] = Organisation.objects.filter(name=name).first()
        return self.orgs.get(name)

    def code(self, year: int) -> str:
        self.seq[year] += 1
        return f"{self.prefix}-{year}-{self.seq[year]:03d}"

    # --- projects -------------------------------------------------------------------------
    def project(self, spec: Spec, budget: Decimal, *, planned: tuple[dt.date, dt.date] | None,
                parent: Project | None = None, code: str | None = None, plan_year: int | None = None,
                name: str | None = None) -> Project:
        planned_start, planned_end = planned or (None, None)
        return ProjectService.create(acting_user=None, data={
            "code": code or self.code(spec.year), "name": name or spec.name, "command": self.command,
            "parent": parent, "region": self.region(spec.region), "category": spec.category,
            "livelihood_kind": spec.kind if spec.category == L else "",
            "in_plan": spec.in_plan, "plan_year": plan_year or spec.year, "budget": budget,
            "planned_start": planned_start, "planned_end": planned_end,
            "delivery_mode": DeliveryMode.TURNKEY if spec.turnkey else DeliveryMode.CHEQUE,
            "fixed_asset": spec.fixed, "implementing_organisation": self.org(spec.org),
            "note": spec.note,
        })

    def allocate(self, project: Project, year: int, source: str, amount: Decimal, note: str = "") -> None:
        doc = self.docs.get(source, "").format(year=year, n=2 + year % 9) if source in self.docs else ""
        AllocationService.create(acting_user=None, data={
            "command": self.command, "project": project, "year": year, "source": source,
            "amount": amount, "document_number": doc, "note": note})
        self.allocated[(year, source)] += amount
        by_year = self.alloc_by_project.setdefault(project.pk, {})
        by_year[year] = by_year.get(year, Decimal(0)) + amount

    def fund(self, project: Project, spec: Spec, wan: int, last_year: int) -> None:
        """A project's in-plan (or extra-plan) money: big building projects over two years."""
        source = spec.source or (PROV if self.rng.random() < 0.6 else MUNI)
        if spec.fixed and wan >= 600 and spec.year < last_year:
            first = round(wan * 0.6)
            self.allocate(project, spec.year, source, yuan(first))
            self.allocate(project, spec.year + 1, source, yuan(wan - first))
        elif wan:
            self.allocate(project, spec.year, source, yuan(wan))
        for year, extra_source, extra_wan, note in spec.extra:
            self.allocate(project, year, extra_source, yuan(extra_wan), note)

    def advance(self, project: Project, steps: list[tuple[str, dt.date | None, str]]) -> None:
        for stage, day, note in steps:
            if day is None or day > self.today or STAGE_ORDER[stage] <= STAGE_ORDER[project.stage]:
                continue
            project_advance(project, acting_user=None, to=stage, on=day, note=note)

    def progress(self, project: Project, reports: list[tuple[dt.date, int, str]]) -> None:
        for day, percent, note in reports:
            if day <= self.today and project.actual_start and day >= project.actual_start:
                progress_report(project, acting_user=None, date=day, percent=percent, note=note)

    def outputs(self, project: Project, kind: str) -> None:
        for name, unit, low, high in OUTPUTS.get(kind, []):
            quantity = self.rng.randint(low, high)
            if high >= 1000:
                quantity = round(quantity, -1 if high < 10000 else -2)
            OutputService.create(acting_user=None, data={
                "project": project, "name": name, "quantity": Decimal(quantity), "unit": unit})

    def pay(self, project: Project, plan: list[tuple[dt.date, Decimal, str]]) -> None:
        """Payments as cumulative shares of the project's funds; never before approval, after
        the batch (or today), or beyond the funds allocated up to the payment's year."""
        by_year = self.alloc_by_project.get(project.pk, {})
        total = sum(by_year.values(), Decimal(0))
        paid = Decimal(0)
        for day, share, note in plan:
            if project.approved_on is None or day < project.approved_on or day > self.limit:
                continue
            available = sum((a for y, a in by_year.items() if y <= day.year), Decimal(0))
            target = min((total * share).quantize(CENT), available)
            if target - paid >= Decimal(1000):
                self.payments.append((day, project, target - paid, note))
                paid = target

    def flush_payments(self) -> None:
        """Disbursements in date order, numbered by year: 巩援拨〔2021〕015号."""
        numbers: dict[int, int] = defaultdict(int)
        for day, project, amount, note in sorted(self.payments, key=lambda p: (p[0], p[1].code)):
            numbers[day.year] += 1
            DisbursementService.create(acting_user=None, data={
                "project": project, "date": day, "amount": amount, "note": note,
                "voucher_number": f"{self.short}拨〔{day.year}〕{numbers[day.year]:03d}号"})
        self.payments.clear()

    def arrivals(self, rates: dict[int, tuple[float, float]] | None = None) -> None:
        """Funds arriving for each year and source: in plan in two tranches at 90–100% (or the
        given rates), extra-plan money whole; never after the batch or today."""
        numbers: dict[int, int] = defaultdict(int)
        for (year, source), amount in sorted(self.allocated.items()):
            if source in (EXTRA, DONATION):
                tranches = [(dt.date(year, 5, 20), amount)]
            else:
                low, high = (rates or {}).get(year, (0.93, 1.0))
                arrived = (amount * Decimal(str(round(self.rng.uniform(low, high), 3)))).quantize(
                    HUNDRED)
                first = (arrived * Decimal("0.6")).quantize(HUNDRED)
                tranches = [(dt.date(year, 3, 10 + self.rng.randint(0, 20)), first),
                            (dt.date(year, 7, 1 + self.rng.randint(0, 60) // 2), arrived - first)]
            for day, part in tranches:
                day = max(dt.date(year, 1, 5), min(day, self.limit))
                if part <= 0 or day.year != year or day > self.limit:
                    continue
                numbers[year] += 1
                ArrivalService.create(acting_user=None, data={
                    "command": self.command, "year": year, "source": source, "date": day,
                    "amount": part.quantize(CENT),
                    "account": (ArrivalAccount.PREFECTURE_TREASURY if source == PROV
                                else ArrivalAccount.COMMAND_ACCOUNT),
                    "voucher_number": f"{self.short}收〔{year}〕{numbers[year]:02d}号"})

    # --- a finished project's history -----------------------------------------------------------
    def history(self, spec: Spec, wan: int, last_year: int) -> Project:
        """A project of a past batch: approved in its plan year, built, completed, and (most)
        accepted and handed over; reports, payments and outputs to match."""
        rng = self.rng
        t = spec.timeline or {}
        approved = t.get("approved") or max(self.batch_start + dt.timedelta(days=30), dt.date(
            spec.year, rng.randint(2, 4), rng.randint(1, 28)))
        if spec.fixed:
            months = rng.randint(10, 16) if wan >= 1000 else rng.randint(5, 10)
        else:
            months = rng.randint(6, 8)
        planned_start = t.get("planned_start") or approved + dt.timedelta(days=rng.randint(20, 50))
        planned_end = t.get("planned_end") or planned_start + dt.timedelta(days=30 * months)
        tendering = t.get("tendering") or (
            approved + dt.timedelta(days=rng.randint(8, 18)) if spec.fixed else None)
        started = t.get("started") or max(planned_start + dt.timedelta(days=rng.randint(-5, 15)),
                                          (tendering or approved) + dt.timedelta(days=1))
        completed = t.get("completed") or max(planned_end + dt.timedelta(days=rng.randint(-20, 40)),
                                              started + dt.timedelta(days=60))
        final = Stage.HANDED_OVER if spec.fixed and rng.random() < 0.85 else (
            Stage.ACCEPTED if rng.random() < 0.6 else Stage.COMPLETED)
        accepted = t.get("accepted") or completed + dt.timedelta(days=rng.randint(25, 80))
        handed = t.get("handed_over") or accepted + dt.timedelta(days=rng.randint(7, 30))
        if spec.timeline:
            final = Stage.HANDED_OVER if "handed_over" in t else final

        budget_wan = spec.budget_wan or (
            wan + sum(e[2] for e in spec.extra)) * (1 if rng.random() < 0.7 else rng.choice([1, 1.1, 1.2]))
        budget = yuan(round(budget_wan))
        project = self.project(spec, budget, planned=(planned_start, planned_end))
        parts = split(round(budget_wan), [1] * len(spec.items)) if spec.items else []
        for i, (item, part) in enumerate(zip(spec.items, parts, strict=True), start=1):
            item_project = self.project(spec, yuan(part), planned=(planned_start, planned_end),
                                        parent=project, code=f"{project.code}-{i:02d}", name=item)
            self.advance(item_project, [(Stage.APPROVED, approved, ""), (Stage.STARTED, started, "")])
        self.fund(project, spec, wan, last_year)

        recipient = self.region(spec.region).name
        steps = [(Stage.APPROVED, approved, f"列入{spec.year}年度援疆项目计划"),
                 (Stage.TENDERING, tendering, "公开招标，确定实施单位"),
                 (Stage.STARTED, started, "开工建设" if spec.fixed else "项目启动实施"),
                 (Stage.COMPLETED, completed, "主体完工" if spec.fixed else "年度任务完成")]
        if STAGE_ORDER[final] >= STAGE_ORDER[Stage.ACCEPTED]:
            steps.append((Stage.ACCEPTED, accepted, "竣工验收合格" if spec.fixed else "绩效验收合格"))
        if final == Stage.HANDED_OVER:
            steps.append((Stage.HANDED_OVER, handed, f"移交{recipient}使用管理"))
        self.advance(project, steps)
        middle = started + (completed - started) / 2
        self.progress(project, [
            (middle, rng.randint(40, 65), "按计划推进" if spec.fixed else "培训、帮扶活动按计划开展"),
            (completed, 100, "已完工" if spec.fixed else "年度任务全部完成")])
        for item_project in project.items.all():
            self.advance(item_project, [(Stage.COMPLETED, completed, "")])
        if project.stage in (Stage.ACCEPTED, Stage.HANDED_OVER, Stage.COMPLETED):
            self.outputs(project, spec.outputs)
        settle = Decimal(1) if rng.random() < 0.6 else Decimal("0.97")  # 3% 质保金 kept back
        if spec.fixed:
            plan = [(approved + dt.timedelta(days=rng.randint(20, 45)), Decimal("0.3"), "预付款"),
                    (middle, Decimal("0.7"), "进度款"),
                    (completed + dt.timedelta(days=rng.randint(20, 60)), settle, "结算款")]
        else:
            plan = [(started + dt.timedelta(days=rng.randint(5, 20)), Decimal("0.5"), "首期拨付"),
                    (completed + dt.timedelta(days=rng.randint(10, 30)), settle, "清算拨付")]
        if spec.extra and not spec.in_plan:
            plan[-1] = (plan[-1][0], Decimal(1), plan[-1][2])
        self.pay(project, plan)
        return project

    def past_batch(self, specs: list[Spec], totals: dict[str, int] | None = None) -> list[Project]:
        """Create the finished batch's projects; amounts either fixed or shared by weight
        within groups: {"livelihood": 万元, "other": 万元} (extra allocations not included)."""
        wans: dict[int, int] = {i: s.wan for i, s in enumerate(specs) if s.wan is not None}
        if totals:
            for group, total in totals.items():
                members = [i for i, s in enumerate(specs) if s.wan is None
                           and (group == "all" or (s.category in (L, GE, GM)) == (group == "livelihood"))]
                fixed = sum(wans.get(i, 0) for i, s in enumerate(specs) if s.wan is not None and (
                    group == "all" or (s.category in (L, GE, GM)) == (group == "livelihood")))
                for i, part in zip(members, split(total - fixed, [specs[i].weight for i in members]),
                                   strict=True):
                    wans[i] = part
        last_year = self.command.batch.end_date.year
        out = [self.history(spec, wans[i], last_year) for i, spec in enumerate(specs)]
        self.flush_payments()
        self.arrivals()
        return out


# --- 张家港 → 巩留 第十批 (2020–2023) ------------------------------------------------------------

GL = "654024"
ZJG_DOCS = {PROV: "苏援疆〔{year}〕{n}号", MUNI: "张援疆〔{year}〕{n}号"}
GONGLIU = [
    Spec(2020, "巩留县第二小学教学楼建设项目", L, EDU, GL, 8, outputs="school", org="巩留县人民政府"),
    Spec(2020, "巩留县安居富民工程（2020年）", L, HOUSING, GL, 10, outputs="housing",
         items=("巩留镇安居富民工程（2020年）", "东买里镇安居富民工程（2020年）",
                "莫合乡安居富民工程（2020年）")),
    Spec(2020, "巩留县人民医院住院综合楼改造项目", L, HEALTH, GL, 9, outputs="hospital",
         org="巩留县人民医院"),
    Spec(2020, "东买里镇卫生院改造项目", L, HEALTH, GL, 3, outputs="clinic"),
    Spec(2020, "莫合乡农村饮水安全巩固提升工程", INF, "", GL, 2, outputs="water"),
    Spec(2020, "巩留县就业技能培训（2020年）", L, JOBS, GL, 1.5, fixed=False, outputs="training"),
    Spec(2020, "巩留县“组团式”教育援疆（2020年）", GE, "", GL, 2, fixed=False, org="巩留县高级中学"),
    Spec(2020, "巩留县“组团式”医疗援疆（2020年）", GM, "", GL, 2, fixed=False, org="巩留县人民医院"),
    Spec(2020, "阿尕尔森镇中心幼儿园建设项目", L, EDU, GL, 4, outputs="kindergarten"),
    Spec(2020, "库尔德宁镇村级卫生室标准化建设", L, HEALTH, GL, 1.5, outputs="clinic"),
    Spec(2020, "巩留县残疾人康复托养中心建设项目", L, SOCIAL, GL, 4, outputs="care"),
    Spec(2020, "巩留县农村富余劳动力转移就业扶贫车间", L, JOBS, GL, 3, outputs="jobs"),
    Spec(2020, "巩留县特色林果业提质增效项目", IND, "", GL, 2, outputs="industry"),
    Spec(2020, "巩留县党政干部赴张家港培训（2020年）", TAL, "", GL, 0.6, fixed=False),
    Spec(2020, "巩留县国土空间规划编制", PLN, "", GL, 0.8, fixed=False),
    Spec(2020, "巩留县“文化润疆”乡村文化室建设", CUL, "", GL, 1.5, outputs="culture"),
    Spec(2021, "巩留县高级中学学生宿舍楼建设项目", L, EDU, GL, 7, outputs="school", org="巩留县高级中学"),
    Spec(2021, "巩留县安居富民工程（2021年）", L, HOUSING, GL, 9, outputs="housing",
         items=("阿尕尔森镇安居富民工程（2021年）", "提克阿热克镇安居富民工程（2021年）",
                "吉尔格郎乡安居富民工程（2021年）")),
    Spec(2021, "巩留县中医医院门诊楼建设项目", L, HEALTH, GL, 7, outputs="hospital"),
    Spec(2021, "提克阿热克镇卫生院改造项目", L, HEALTH, GL, 2.5, outputs="clinic"),
    Spec(2021, "巩留县就业技能培训（2021年）", L, JOBS, GL, 1.5, fixed=False, outputs="training"),
    Spec(2021, "巩留县“组团式”教育援疆（2021年）", GE, "", GL, 2, fixed=False, org="巩留县高级中学"),
    Spec(2021, "巩留县“组团式”医疗援疆（2021年）", GM, "", GL, 2, fixed=False, org="巩留县人民医院"),
    Spec(2021, "巩留县第三中学教学综合楼建设项目", L, EDU, GL, 6, outputs="school"),
    Spec(2021, "巩留县养老服务中心建设项目", L, SOCIAL, GL, 4, outputs="care"),
    Spec(2021, "巩留县城镇保障性住房配套基础设施", L, HOUSING, GL, 4),
    Spec(2021, "塔斯托别乡双语幼儿园建设项目", L, EDU, GL, 3, outputs="kindergarten",
         extra=[(2021, DONATION, 80, "张家港市慈善总会捐赠")]),
    Spec(2021, "巩留县创业孵化基地建设项目", L, JOBS, GL, 3, outputs="jobs"),
    Spec(2021, "北纬43°特色农产品旗舰店", IND, "", GL, 1.2, outputs="industry",
         note="消费援疆：配套电商服务中心和张家港销售中心，线上销售巩留农产品。"),
    Spec(2021, "巩留县电子商务公共服务中心", IND, "", GL, 1.5, outputs="industry"),
    Spec(2021, "巩留县“石榴籽”文化润疆系列活动", CUL, "", GL, 0.6, fixed=False),
    Spec(2021, "巩留县专业技术人才培训（2021年）", TAL, "", GL, 0.6, fixed=False),
    # Prefecture level (伊犁州): the county's share of a remote consultation platform.
    Spec(2021, "伊犁州友谊医院—巩留县远程诊疗平台", GM, "", "654000", 2),
    Spec(2022, "巩留县第一小学综合楼建设项目", L, EDU, GL, 6, outputs="school"),
    Spec(2022, "巩留县安居富民工程（2022年）", L, HOUSING, GL, 8, outputs="housing"),
    Spec(2022, "巩留县人民医院医技综合楼设备购置", L, HEALTH, GL, 5, org="巩留县人民医院"),
    Spec(2022, "阿克吐别克镇卫生院改造项目", L, HEALTH, GL, 2.5, outputs="clinic"),
    Spec(2022, "巩留县就业技能培训（2022年）", L, JOBS, GL, 1.5, fixed=False, outputs="training"),
    Spec(2022, "巩留县“组团式”教育援疆（2022年）", GE, "", GL, 2, fixed=False, org="巩留县高级中学"),
    Spec(2022, "巩留县“组团式”医疗援疆（2022年）", GM, "", GL, 2, fixed=False, org="巩留县人民医院"),
    Spec(2022, "巩留县职业技术学校实训楼建设项目", L, EDU, GL, 5, outputs="school"),
    Spec(2022, "巩留县农村老年人日间照料中心", L, SOCIAL, GL, 2.5, outputs="care"),
    Spec(2022, "巩留县困难群众安居房维修改造", L, HOUSING, GL, 3, outputs="housing"),
    Spec(2022, "巩留县劳动力转移就业服务站", L, JOBS, GL, 1.2, outputs="jobs"),
    Spec(2022, "巩留县张家港产业园标准化厂房", IND, "", GL, 3, outputs="industry"),
    Spec(2022, "巩留县“文化润疆”新时代文明实践中心", CUL, "", GL, 1.5, outputs="culture"),
    Spec(2022, "库尔德宁景区旅游公共服务设施", IND, "", GL, 2, outputs="industry"),
    Spec(2022, "巩留县城乡道路提升改造", INF, "", GL, 2, outputs="road"),
    Spec(2022, "巩留县党政干部赴张家港培训（2022年）", TAL, "", GL, 0.6, fixed=False),
    Spec(2022, "巩留县中小学校舍抗震加固工程", L, EDU, GL, 4),
    Spec(2023, "巩留县安居富民工程（2023年）", L, HOUSING, GL, 6, outputs="housing"),
    Spec(2023, "巩留县第二中学教学楼建设项目", L, EDU, GL, 6, outputs="school"),
    Spec(2023, "巩留县妇幼保健院改造项目", L, HEALTH, GL, 4, outputs="hospital"),
    Spec(2023, "巩留县就业技能培训（2023年）", L, JOBS, GL, 1.2, fixed=False, outputs="training"),
    Spec(2023, "巩留县“组团式”教育援疆（2023年）", GE, "", GL, 1.5, fixed=False, org="巩留县高级中学"),
    Spec(2023, "巩留县“组团式”医疗援疆（2023年）", GM, "", GL, 1.5, fixed=False, org="巩留县人民医院"),
    Spec(2023, "巩留县青少年校外活动中心", L, EDU, GL, 3, outputs="culture"),
    Spec(2023, "东买里镇农村饮水安全巩固提升工程", INF, "", GL, 1.5, outputs="water"),
    Spec(2023, "巩留县特色农产品冷链物流中心", IND, "", GL, 2, outputs="industry"),
    Spec(2023, "巩留县乡村振兴人才培训（2023年）", TAL, "", GL, 0.5, fixed=False),
]
# 25,000 万元 in all (the reported 2.5 亿元), 86.9% to livelihood: 21,736 万元 (of which 80 万元
# donated) to livelihood and group-style projects, 3,264 万元 to the others.
GONGLIU_TOTALS = {"livelihood": 21_736 - 80, "other": 3_264}


# --- 吉林市 → 阿勒泰市 第八批 (2014–2016) --------------------------------------------------------

ALT = "654301"
JLS_DOCS = {PROV: "吉援疆〔{year}〕{n}号", MUNI: "吉市援疆〔{year}〕{n}号"}
ALTAY_TOWNS = ["红墩镇", "切木尔切克镇", "阿苇滩镇", "拉斯特乡", "喀拉希力克乡", "汗德尕特蒙古族乡",
               "巴里巴盖乡", "萨尔胡松乡", "阿拉哈克镇", "金山路街道", "解放路街道", "团结路街道",
               "恰秀路街道"]
# (name pattern, category, livelihood kind, weight, fixed asset, outputs)
ALTAY_TEMPLATES = [
    ("{town}安居富民工程（{year}年）", L, HOUSING, 4, True, "housing"),
    ("{town}定居兴牧工程（{year}年）", L, HOUSING, 3, True, "housing"),
    ("{town}卫生院改造项目", L, HEALTH, 2, True, "clinic"),
    ("{town}双语幼儿园建设项目", L, EDU, 2.5, True, "kindergarten"),
    ("{town}便民服务中心建设项目", L, SOCIAL, 1.5, True, "culture"),
    ("{town}农牧民就业技能培训（{year}年）", L, JOBS, 0.6, False, "training"),
    ("{town}中心学校教学楼改造", L, EDU, 3, True, "school"),
    ("{town}农村饮水安全工程", INF, "", 1.5, True, "water"),
    ("{town}特色农牧业产业化项目", IND, "", 1.5, True, "industry"),
    ("{town}文化活动室建设", CUL, "", 0.8, True, "culture"),
]
ALTAY8_SPECIAL = [
    # A key livelihood project (with the people's hospital and 阿勒泰中学): in three phases,
    # part of it paid from 吉林市's extra-plan money.
    Spec(2014, "阿勒泰“暖房子”工程", L, HOUSING, ALT, wan=2000, source=MUNI,
         extra=[(2015, EXTRA, 1500, "吉林市计划外资金"), (2016, EXTRA, 1500, "吉林市计划外资金")],
         outputs="housing", note="老旧住宅外墙保温及供热改造，2014—2016年分三期实施。",
         org="阿勒泰市人民政府",
         timeline={"approved": dt.date(2014, 4, 10), "tendering": dt.date(2014, 4, 28),
                   "planned_start": dt.date(2014, 5, 10), "started": dt.date(2014, 5, 15),
                   "planned_end": dt.date(2016, 10, 31), "completed": dt.date(2016, 10, 20),
                   "accepted": dt.date(2016, 11, 25), "handed_over": dt.date(2016, 12, 10)}),
    Spec(2014, "阿勒泰市人民医院门诊综合楼建设项目", L, HEALTH, ALT, wan=1800, outputs="hospital",
         org="阿勒泰市人民医院"),
    Spec(2015, "阿勒泰中学教学综合楼建设项目", L, EDU, ALT, wan=1500, outputs="school", org="阿勒泰中学"),
    # Reported budget 1,500 万元; the film on ethnic unity in 红墩镇, made with 长影集团.
    Spec(2015, "电影《白天鹅》", CUL, "", ALT, wan=500, source=MUNI, fixed=False,
         extra=[(2015, EXTRA, 1000, "吉林市计划外资金")], budget_wan=1500,
         note="以红墩镇民族团结为题材，与长影集团合作拍摄。"),
    # Outside the plan (计划外) altogether.
    Spec(2015, "阿勒泰市老年公寓建设项目", L, SOCIAL, ALT, wan=0, in_plan=False,
         extra=[(2015, EXTRA, 400, "吉林市计划外资金")], outputs="care"),
    Spec(2016, "吉林市企业家协会捐资助学", L, EDU, ALT, wan=0, in_plan=False, fixed=False,
         extra=[(2016, DONATION, 280, "吉林市企业家协会捐赠")]),
    Spec(2016, "阿勒泰市将军山滑雪场配套设施", IND, "", ALT, wan=0, in_plan=False,
         extra=[(2016, EXTRA, 500, "吉林市计划外资金")], outputs="industry"),
]
# In plan 25,066 万元 + extra-plan 5,180 万元 = 30,246 万元 (reported: more than 3 亿元, of
# which more than 5,000 万元 outside the plan).
ALTAY8_IN_PLAN = 25_066


def _altay8_specs(rng: random.Random) -> list[Spec]:
    combos = [(t, town) for t in ALTAY_TEMPLATES for town in ALTAY_TOWNS]
    chosen = rng.sample(combos, 84)
    specs = []
    for i, ((pattern, category, kind, weight, fixed, outputs), town) in enumerate(chosen):
        year = 2014 + i // 28
        specs.append(Spec(year, pattern.format(town=town, year=year), category, kind, ALT,
                          weight * rng.uniform(0.7, 1.3), fixed=fixed, outputs=outputs))
    return sorted(ALTAY8_SPECIAL + specs, key=lambda s: s.year)


# --- 江苏 第九批: 镇江→可克达拉, 克州, 伊犁; 第十批 伊犁前指 -------------------------------------------

KKDL = "659008"
ZJ_DOCS = {PROV: "苏援疆〔{year}〕{n}号", MUNI: "镇援疆〔{year}〕{n}号"}
JS_DOCS = {PROV: "苏援疆〔{year}〕{n}号", MUNI: "苏援疆〔{year}〕{n}号"}
KOKDALA = [
    # Reported: a 2.46 亿元 turnkey school, built and handed over complete; 镇江 sent its first
    # 30 principals, managers and teachers (autumn 2018). Dates below are made up to fit.
    Spec(2017, "可克达拉市镇江高级中学", GE, "", KKDL, wan=24_600, source=MUNI, turnkey=True,
         budget_wan=24_600, outputs="school", org="可克达拉市镇江高级中学",
         note="交钥匙工程，建成后整体移交；镇江选派首批30名校长、管理人员和教师。",
         timeline={"approved": dt.date(2017, 3, 20), "tendering": dt.date(2017, 4, 25),
                   "planned_start": dt.date(2017, 5, 15), "started": dt.date(2017, 5, 18),
                   "planned_end": dt.date(2018, 7, 31), "completed": dt.date(2018, 7, 28),
                   "accepted": dt.date(2018, 8, 16), "handed_over": dt.date(2018, 8, 25)}),
    Spec(2017, "可克达拉市社区卫生服务中心建设项目", L, HEALTH, KKDL, wan=860, outputs="clinic"),
    Spec(2018, "可克达拉市就业技能培训（2018年）", L, JOBS, KKDL, wan=120, fixed=False, outputs="training"),
    Spec(2018, "可克达拉市“组团式”医疗援疆（第四师医院）", GM, "", KKDL, wan=300, fixed=False,
         org="第四师医院"),
    Spec(2018, "可克达拉市镇江产业园标准化厂房", IND, "", KKDL, wan=1200, outputs="industry"),
    Spec(2019, "可克达拉市“文化润疆”农家书屋建设", CUL, "", KKDL, wan=150, outputs="culture"),
]
KIZILSU = [
    # Nine departments, each backed by one of nine 江苏 hospitals; two academician workstations;
    # the only grade-3A hospital of 克州. Budget not reported: made up.
    Spec(2017, "克州人民医院组团式医疗援助", GM, "", "653000", wan=1500, fixed=False, source=PROV,
         org="克孜勒苏柯尔克孜自治州人民医院",
         note="九个科室各由一家江苏医院对口支持，建成两个院士工作站。"),
    Spec(2018, "克州远程会诊中心", GM, "", "653000", wan=600, source=PROV,
         org="克孜勒苏柯尔克孜自治州人民医院", note="与江苏省人民医院开展远程会诊。"),
    # 民生/就业 rather than 产业: the source lists it under 就业 — a training shop whose point is
    # jobs for registered poor households, not the trade — so its money counts as livelihood.
    Spec(2018, "阿图什电商扶贫实训店", L, JOBS, "653001", wan=150, outputs="training",
         note="新疆首家电商扶贫实训店，带动建档立卡贫困户就业。"),
    Spec(2017, "阿图什市安居富民工程（2017年）", L, HOUSING, "653001", wan=2400, outputs="housing"),
    Spec(2017, "乌恰县人民医院住院楼改造项目", L, HEALTH, "653024", wan=1500, outputs="hospital",
         org="乌恰县人民医院"),
    Spec(2018, "阿合奇县高级中学教学楼建设项目", L, EDU, "653023", wan=1800, outputs="school",
         org="阿合奇县高级中学"),
    Spec(2019, "阿图什市第三中学教学楼建设项目", L, EDU, "653001", wan=1600, outputs="school"),
    Spec(2019, "阿合奇县安居富民工程（2019年）", L, HOUSING, "653023", wan=1200, outputs="housing"),
    Spec(2019, "阿合奇县柯尔克孜族猎鹰文化展示中心", CUL, "", "653023", wan=400, outputs="culture"),
    Spec(2019, "乌恰县农村饮水安全巩固提升工程", INF, "", "653024", wan=700, outputs="water"),
]
YILI9 = [
    # The source dates it to 江苏 第九批 (reported 2018-09-28): 13 tourist home-visit points
    # built with the aid cadres' help, so it belongs to the 9th batch's front command.
    Spec(2018, "央布拉克村民俗旅游家访点", IND, "", "654000", wan=260, outputs="industry",
         note="援疆干部帮助建成13个民俗旅游家访点。"),
    Spec(2018, "伊犁州援疆干部人才培训（2018年）", TAL, "", "654000", wan=180, fixed=False),
    Spec(2019, "伊犁州“组团式”医疗援疆（州友谊医院）", GM, "", "654000", wan=900, fixed=False,
         org="伊犁哈萨克自治州友谊医院"),
]
YILI10 = [
    Spec(2020, "伊犁州“组团式”医疗援疆（州友谊医院，2020—2021年）", GM, "", "654000", wan=1200,
         fixed=False, org="伊犁哈萨克自治州友谊医院"),
    Spec(2021, "伊犁州职业院校“组团式”教育援疆", GE, "", "654000", wan=800, fixed=False),
    Spec(2021, "伊犁州江苏援疆干部人才培训（2021年）", TAL, "", "654000", wan=300, fixed=False),
    Spec(2022, "伊犁州“文化润疆”石榴籽工程", CUL, "", "654000", wan=500, fixed=False),
    Spec(2022, "伊犁州“苏伊”农产品消费帮扶中心", IND, "", "654000", wan=700, outputs="industry"),
]


# --- 吉林 第五批 (from 2023-03-01, running today) -------------------------------------------

JL_DOCS = {PROV: "吉援疆〔{year}〕{n}号", MUNI: "吉援疆〔{year}〕{n}号"}


@dataclass
class Current:
    """A project of the running batch, its dates in days from today."""

    name: str
    category: str
    kind: str
    region: str
    wan: int
    state: str  # done / running / behind / waiting / pipeline
    approved: int | None = None  # days before today
    start: int = 0  # planned start, days from today (negative: past)
    end: int = 0  # planned end
    started: int | None = None  # actual start, days from today
    percent: int = 0  # progress today
    fixed: bool = True
    outputs: str = ""
    final: str = Stage.HANDED_OVER
    org: str = ""
    order: tuple | None = None  # supervision order: (reason, issued, due, closed, note)


ALTAY5 = [
    Current("阿勒泰市第二中学教学楼改造项目", L, EDU, "654301", 1800, "done", 1150, -1120, -800,
            -1115, 100, outputs="school"),
    Current("布尔津县人民医院住院综合楼建设项目", L, HEALTH, "654321", 2600, "done", 1100, -1070, -560,
            -1060, 100, outputs="hospital", org="布尔津县人民政府"),
    Current("哈巴河县安居富民工程（第五批一期）", L, HOUSING, "654324", 1500, "done", 1050, -1020, -850,
            -1015, 100, outputs="housing", final=Stage.ACCEPTED),
    Current("吉木乃县初级中学学生宿舍楼", L, EDU, "654326", 900, "done", 760, -730, -420, -725, 100,
            outputs="school", org="吉木乃县初级中学"),
    Current("阿勒泰地区“组团式”医疗援疆（第五批一期）", GM, "", "654300", 600, "done", 700, -690, -380,
            -688, 100, fixed=False, final=Stage.COMPLETED),
    Current("布尔津县喀纳斯旅游服务设施提升", IND, "", "654321", 1100, "done", 680, -640, -300, -630, 100,
            outputs="industry", final=Stage.ACCEPTED),
    # Started a month late (a closed order on that), on schedule now.
    Current("哈巴河县人民医院医技楼建设项目", L, HEALTH, "654324", 2200, "running", 420, -390, 200, -340,
            60, outputs="hospital", org="哈巴河县人民医院",
            order=(WarningKind.NOT_STARTED, -370, -350, -340, "已完成招标，施工单位进场开工。")),
    # Fell behind in the spring (a closed order), caught up since.
    Current("阿勒泰市老旧小区改造（第五批二期）", L, HOUSING, "654301", 1400, "running", 400, -380, 100,
            -375, 75, outputs="housing",
            order=(WarningKind.BEHIND, -100, -70, -75, "增加施工班组、延长作业时间，进度已赶上计划。")),
    Current("吉木乃县口岸物流园配套设施", IND, "", "654326", 1000, "running", 380, -350, 190, -345, 62,
            outputs="industry"),
    Current("阿勒泰地区就业技能培训（第五批）", L, JOBS, "654300", 300, "running", 140, -120, 120, -118, 52,
            fixed=False, outputs="training"),
    # Behind schedule: progress well below the straight line between the planned dates.
    Current("布尔津县第二小学综合楼建设项目", L, EDU, "654321", 1600, "behind", 270, -240, 120, -238, 22,
            outputs="school",
            order=(WarningKind.BEHIND, -21, 9, None, "限期制定赶工计划，每周报送进度。")),
    Current("哈巴河县农村饮水安全巩固提升工程", INF, "", "654324", 1100, "behind", 450, -420, 60, -410, 40,
            outputs="water",
            order=(WarningKind.BEHIND, -45, -15, None, "督促施工单位增加人员设备，按期完成管网铺设。")),
    Current("吉木乃县乡镇卫生院改造项目", L, HEALTH, "654326", 500, "behind", 210, -180, 100, -175, 15,
            outputs="clinic"),
    # Approved (or out to tender) but not started although the planned start has passed.
    Current("阿勒泰市“文化润疆”民族团结展示馆", CUL, "", "654301", 700, "waiting", 120, -60, 300,
            outputs="culture",
            order=(WarningKind.NOT_STARTED, -10, 20, None, "尽快完成招标，确保本月内开工。")),
    Current("布尔津县第三幼儿园建设项目", L, EDU, "654321", 600, "waiting", 100, -35, 330,
            outputs="kindergarten", final=Stage.TENDERING),
    Current("哈巴河县创业孵化基地建设项目", L, JOBS, "654324", 650, "waiting", 90, -25, 280, outputs="jobs"),
    # Reserve projects: one whose planned start has passed, two still ahead.
    Current("吉木乃县养老服务中心建设项目", L, SOCIAL, "654326", 900, "pipeline", None, -20, 340),
    Current("阿勒泰市冰雪旅游产业园配套设施", IND, "", "654301", 1500, "pipeline", None, 60, 480),
    Current("阿勒泰地区援疆干部人才培训（下一年度）", TAL, "", "654300", 200, "pipeline", None, 120, 300,
            fixed=False),
    # Nearly done: past its planned end at 92%, not enough behind to warn.
    Current("阿勒泰市第三小学改扩建项目", L, EDU, "654301", 1200, "running", 330, -300, -10, -298, 92,
            outputs="school"),
]


def _altay5(b: Builder) -> None:
    today, rng = b.today, b.rng
    start_of_batch = b.batch_start + dt.timedelta(days=14)

    def day(offset: int) -> dt.date:
        return max(start_of_batch, today + dt.timedelta(days=offset))

    orders = []
    for c in ALTAY5:
        approved = day(-c.approved) if c.approved is not None else None
        planned_start, planned_end = day(c.start), day(c.end)
        if approved and planned_start < approved:
            planned_start = approved + ONE_DAY
        planned_end = max(planned_end, planned_start + dt.timedelta(days=30))
        year = (approved or planned_start).year
        spec = Spec(year, c.name, c.category, c.kind, c.region, fixed=c.fixed, outputs=c.outputs,
                    org=c.org)
        project = b.project(spec, yuan(c.wan), planned=(planned_start, planned_end),
                            code=b.code(year))
        if approved is None:
            continue  # a reserve project: no money yet
        source = PROV if rng.random() < 0.7 else MUNI
        if c.fixed and c.wan >= 1000 and year < today.year:
            first = round(c.wan * 0.6)
            b.allocate(project, year, source, yuan(first))
            b.allocate(project, year + 1, source, yuan(c.wan - first))
        else:
            b.allocate(project, year, source, yuan(c.wan))
        tendering = approved + dt.timedelta(days=rng.randint(10, 20)) if c.fixed else None
        steps = [(Stage.APPROVED, approved, f"列入{year}年度援疆项目计划")]
        if c.state == "waiting":
            if c.final == Stage.TENDERING:
                steps.append((Stage.TENDERING, tendering, "招标公告已发布"))
            b.advance(project, steps)
            orders.append((project, c.order))
            continue
        started = max(day(c.started), (tendering or approved) + ONE_DAY)
        steps += [(Stage.TENDERING, tendering, "公开招标，确定实施单位"),
                  (Stage.STARTED, started, "开工建设" if c.fixed else "项目启动实施")]
        if c.state == "done":
            completed = max(planned_end + dt.timedelta(days=rng.randint(-15, 30)),
                            started + dt.timedelta(days=60))
            accepted = completed + dt.timedelta(days=rng.randint(30, 60))
            steps.append((Stage.COMPLETED, completed, "主体完工"))
            if STAGE_ORDER[c.final] >= STAGE_ORDER[Stage.ACCEPTED]:
                steps.append((Stage.ACCEPTED, accepted, "竣工验收合格"))
            if c.final == Stage.HANDED_OVER:
                steps.append((Stage.HANDED_OVER, accepted + dt.timedelta(days=rng.randint(7, 20)),
                              f"移交{b.region(c.region).name}使用管理"))
        b.advance(project, steps)
        # Progress: a report every two months or so up to today's figure.
        last = min(today - dt.timedelta(days=rng.randint(3, 12)),
                   project.actual_end or today) if c.state != "done" else project.actual_end
        span = (last - started).days
        count = max(1, min(4, span // 60))
        reports = []
        for i in range(1, count + 1):
            when = started + dt.timedelta(days=span * i // count)
            percent = c.percent * i // count if i < count else c.percent
            note = "已完工" if percent == 100 else (
                "受材料供应和劳动力不足影响，进度滞后" if c.state == "behind" and i == count
                else "按计划推进")
            reports.append((when, max(1, percent), note))
        b.progress(project, reports)
        if c.state == "done" and project.actual_end:
            b.outputs(project, c.outputs)
        share = Decimal(c.percent) / 100
        plan = [(approved + dt.timedelta(days=rng.randint(20, 40)), Decimal("0.3"), "预付款")]
        if c.state == "done":
            plan += [(started + (project.actual_end - started) / 2, Decimal("0.7"), "进度款"),
                     (project.actual_end + dt.timedelta(days=rng.randint(20, 60)), Decimal("0.97"), "结算款")]
        elif share > Decimal("0.3"):
            plan.append((today - dt.timedelta(days=rng.randint(15, 40)), min(share, Decimal("0.8")),
                         "进度款"))
        b.pay(project, plan)
        orders.append((project, c.order))
    b.flush_payments()
    b.arrivals({today.year: (0.7, 0.85)})
    for project, order in orders:
        if order is None:
            continue
        reason, issued, due, closed, note = order
        issued_on = max(day(issued), project.approved_on or day(issued))
        made = SupervisionOrderService.create(acting_user=None, data={
            "project": project, "reason": reason, "issued_by": "吉林省援疆前方指挥部项目管理部",
            "issued_on": issued_on, "due_date": max(day(due), issued_on),
            "assignee": f"{b.region(project.region_id).name}援疆项目建设单位",
            "requirement": note if closed is None else "查明原因，限期整改，按时报送整改情况。"})
        if closed is not None:
            supervision_close(made, acting_user=None, on=max(day(closed), issued_on), resolution=note)


def load(ctx) -> None:
    """Projects and money of the demo commands; a command that has its projects is skipped."""
    names = random.Random(SEED)  # draws the altay8 names
    builders = [
        (Builder(ctx, "gongliu10", "GL10", "巩援", ZJG_DOCS),
         lambda b: b.past_batch(GONGLIU, GONGLIU_TOTALS)),
        (Builder(ctx, "yili10", "YL10", "伊援", JS_DOCS), lambda b: b.past_batch(YILI10)),
        (Builder(ctx, "altay8", "ALT8", "阿援", JLS_DOCS),
         lambda b: b.past_batch(_altay8_specs(names), {"all": ALTAY8_IN_PLAN})),
        (Builder(ctx, "kokdala9", "KKDL9", "可援", ZJ_DOCS), lambda b: b.past_batch(KOKDALA)),
        (Builder(ctx, "kizilsu9", "KZ9", "克援", JS_DOCS), lambda b: b.past_batch(KIZILSU)),
        (Builder(ctx, "yili9", "YL9", "伊援", JS_DOCS), lambda b: b.past_batch(YILI9)),
        (Builder(ctx, "altay5", "ALT5", "吉援阿", JL_DOCS), _altay5),
    ]
    for builder, make in builders:
        if not builder.exists():
            make(builder)

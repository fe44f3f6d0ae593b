"""Demo rosters of the demo commands: names from Faker (zh_CN), valid ID numbers, a plausible
mix of cadres, teachers, doctors and flexible talent, leave, assessments and awards.

Deterministic from SEED (and, for the batch running today, from today's date). Sizes follow
the public figures where there are any (吉林市→阿勒泰市 第八批: 24 cadres and professionals;
镇江→可克达拉 第九批: 30 teachers for 镇江高级中学; 张家港→巩留 第十批: 109 flexible talents).
The batch running today (吉林 第五批) gets postings placed around today: some people are on
leave today and some terms end within 90 days. Everything is written through the services.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from faker import Faker

from yuanjiang.core.choices import OrganisationKind
from yuanjiang.core.models import Command, Organisation, Region
from yuanjiang.core.services import OrganisationService

from . import ids
from .choices import (
    EXCELLENT_WARNING_SHARE,
    AssignmentStatus,
    AwardLevel,
    Category,
    Education,
    Grade,
    LeaveKind,
    PoliticalStatus,
    ProfessionalKind,
    TermType,
)
from .models import Assignment, Person, add_months, term_end
from .services import (
    AssessmentService,
    AssignmentService,
    AwardService,
    LeaveService,
    PersonService,
)

SEED = 20260
ONE_DAY = dt.timedelta(days=1)

# Organisations the rosters need, beyond the core demo's: (name, kind, region code).
ORGANISATIONS = [
    ("张家港市人民政府办公室", OrganisationKind.PARTY_GOVERNMENT, "320582"),
    ("张家港市梁丰高级中学", OrganisationKind.SCHOOL, "320582"),
    ("张家港市中医医院", OrganisationKind.HOSPITAL, "320582"),
    ("镇江市人民政府办公室", OrganisationKind.PARTY_GOVERNMENT, "321100"),
    ("江苏省镇江中学", OrganisationKind.SCHOOL, "321100"),
    ("镇江市第一人民医院", OrganisationKind.HOSPITAL, "321100"),
    ("江苏省人民政府办公厅", OrganisationKind.PARTY_GOVERNMENT, "320000"),
    ("南京师范大学附属中学", OrganisationKind.SCHOOL, "320100"),
    ("吉林市人民政府办公室", OrganisationKind.PARTY_GOVERNMENT, "220200"),
    ("吉林市第一中学", OrganisationKind.SCHOOL, "220200"),
    ("吉林市中心医院", OrganisationKind.HOSPITAL, "220200"),
    ("吉林省人民政府办公厅", OrganisationKind.PARTY_GOVERNMENT, "220000"),
    ("吉林省实验中学", OrganisationKind.SCHOOL, "220100"),
    ("吉林大学第一医院", OrganisationKind.HOSPITAL, "220100"),
    ("伊犁哈萨克自治州人民政府", OrganisationKind.PARTY_GOVERNMENT, "654000"),
    ("伊犁哈萨克自治州友谊医院", OrganisationKind.HOSPITAL, "654000"),
    ("伊宁市第三中学", OrganisationKind.SCHOOL, "654002"),
    ("可克达拉市人民政府", OrganisationKind.PARTY_GOVERNMENT, "659008"),
    ("第四师医院", OrganisationKind.HOSPITAL, "659008"),
    ("阿图什市人民政府", OrganisationKind.PARTY_GOVERNMENT, "653001"),
    ("乌恰县人民医院", OrganisationKind.HOSPITAL, "653024"),
    ("阿合奇县高级中学", OrganisationKind.SCHOOL, "653023"),
    ("布尔津县人民政府", OrganisationKind.PARTY_GOVERNMENT, "654321"),
    ("哈巴河县人民医院", OrganisationKind.HOSPITAL, "654324"),
    ("吉木乃县初级中学", OrganisationKind.SCHOOL, "654326"),
]

# Where each side's people come from: address code of their ID numbers, and home units.
SIDES = {
    "zjg": ("320582", {"cadre": "张家港市人民政府办公室", "teacher": "张家港市梁丰高级中学",
                       "doctor": "张家港市第一人民医院", "other": "张家港市中医医院"}),
    "zj": ("321102", {"cadre": "镇江市人民政府办公室", "teacher": "江苏省镇江中学",
                      "doctor": "镇江市第一人民医院", "other": "镇江市人民政府办公室"}),
    "js": ("320102", {"cadre": "江苏省人民政府办公厅", "teacher": "南京师范大学附属中学",
                      "doctor": "江苏省人民医院", "other": "江苏省人民政府办公厅"}),
    "jls": ("220202", {"cadre": "吉林市人民政府办公室", "teacher": "吉林市第一中学",
                       "doctor": "吉林市中心医院", "other": "吉林市人民政府办公室"}),
    "jl": ("220102", {"cadre": "吉林省人民政府办公厅", "teacher": "吉林省实验中学",
                      "doctor": "吉林大学第一医院", "other": "吉林省人民政府办公厅"}),
}

# Faker's zh_CN given names are not reliably male or female; surnames come from Faker, given
# names from these lists, so that a name agrees with the gender its ID number says.
MALE_NAMES = (
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "飞", "鑫", "波",
    "宇", "浩", "凯", "健", "俊", "帆", "旭", "龙", "阳", "建国", "建华", "志强", "志刚", "国强", "海涛",
    "晓东", "文博", "振华", "永刚", "立新", "卫东", "建军", "明辉", "俊杰", "宏伟", "子豪", "浩然",
)
FEMALE_NAMES = (
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "琳", "洁", "倩", "颖", "慧",
    "莉", "萍", "红", "梅", "兰", "晶", "丹", "瑶", "秀英", "秀兰", "桂英", "丽娟", "婷婷", "晓燕", "雅琴",
    "欣怡", "佳怡", "思琪", "海燕", "春梅", "玉兰", "淑华", "红霞",
)

CADRE_POSTS = ["县委副书记", "副县长", "县委常委", "县长助理", "发改委副主任", "教育局副局长",
               "卫健委副主任", "商务局副局长", "农业农村局副局长", "工信局副局长"]
TEACHER_POSTS = ["副校长", "教研组长", "高中数学教师", "高中语文教师", "高中英语教师", "高中物理教师",
                 "初中化学教师", "班主任"]
DOCTOR_POSTS = ["副院长", "心内科主任", "普外科副主任", "儿科医师", "妇产科主任", "麻醉科医师",
                "影像科主任", "急诊科医师", "护理部副主任"]
OTHER_POSTS = ["农业技术专家", "规划设计师", "电商运营顾问", "畜牧兽医专家"]
FLEXIBLE_POSTS = ["医疗专家（短期）", "教学专家（短期）", "农技专家（短期）", "规划专家（短期）"]


@dataclass(frozen=True)
class Plan:
    """A roster to generate: counts by kind and where they serve."""

    command: str  # key of the core demo's command
    side: str
    cadres: int
    teachers: int
    doctors: int
    others: int
    flexible: int
    cadre_org: str
    teacher_org: str
    doctor_org: str


PLANS = [
    Plan("gongliu10", "zjg", 8, 12, 10, 3, 109, "巩留县人民政府", "巩留县高级中学", "巩留县人民医院"),
    Plan("yili10", "js", 10, 4, 4, 2, 0, "伊犁哈萨克自治州人民政府", "伊宁市第三中学",
         "伊犁哈萨克自治州友谊医院"),
    Plan("yili9", "js", 9, 3, 3, 1, 0, "伊犁哈萨克自治州人民政府", "伊宁市第三中学",
         "伊犁哈萨克自治州友谊医院"),
    Plan("kokdala9", "zj", 4, 30, 4, 1, 0, "可克达拉市人民政府", "可克达拉市镇江高级中学", "第四师医院"),
    Plan("kizilsu9", "js", 8, 3, 12, 1, 0, "阿图什市人民政府", "阿合奇县高级中学",
         "克孜勒苏柯尔克孜自治州人民医院"),
    Plan("altay8", "jls", 10, 7, 6, 1, 0, "阿勒泰市人民政府", "阿勒泰中学", "阿勒泰市人民医院"),
    Plan("altay5", "jl", 10, 6, 6, 2, 8, "布尔津县人民政府", "吉木乃县初级中学", "哈巴河县人民医院"),
]


class Roster:
    def __init__(self, ctx, orgs: dict[str, Organisation]):
        self.ctx, self.orgs = ctx, orgs
        self.rng = random.Random(SEED)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(SEED)
        self.used_ids: set[str] = set(Person.objects.values_list("id_number_hash", flat=True))

    # --- people --------------------------------------------------------------------------
    def person(self, side: str, kind: str, born_from: int, born_to: int) -> Person:
        code, homes = SIDES[side]
        male = self.rng.random() < (0.75 if kind == "cadre" else 0.55)
        name = self.fake.last_name() + self.rng.choice(MALE_NAMES if male else FEMALE_NAMES)
        born = dt.date(self.rng.randint(born_from, born_to), self.rng.randint(1, 12),
                       self.rng.randint(1, 28))
        person = Person(
            name=name, ethnicity="01" if self.rng.random() < 0.93 else self.rng.choice(
                ["03", "11", "02", "10"]),
            political_status=PoliticalStatus.CPC_MEMBER if kind == "cadre" or self.rng.random() < 0.6
            else PoliticalStatus.MASSES,
            education=self.rng.choice([Education.MASTER, Education.BACHELOR, Education.BACHELOR]
                                      + ([Education.DOCTORATE] if kind == "doctor" else [])),
            professional_title={"teacher": "中学高级教师", "doctor": "副主任医师",
                                "other": "高级工程师"}.get(kind, ""),
            phone=f"1{self.rng.choice('3589')}{self.rng.randint(0, 999999999):09d}",
            home_organisation=self.orgs[homes[kind] if kind in homes
                                        else homes[self.rng.choice(["teacher", "doctor"])]],
            home_post={"cadre": "副处长", "teacher": "教师", "doctor": "主治医师",
                       "other": "工程师"}.get(kind, "专家"),
        )
        from yuanjiang.core import crypto

        while True:
            number = ids.make(code, born, 2 * self.rng.randint(0, 499) + (1 if male else 0))
            digest = crypto.blind_index(number)
            if digest not in self.used_ids:
                self.used_ids.add(digest)
                break
        person.set_id_number(number)
        return PersonService.save(person, acting_user=None)

    # --- postings -------------------------------------------------------------------------
    def posting(self, person, command, category, kind, org, post, term, start, *, end=None,
                status=AssignmentStatus.ON_POST, actual_end=None, reason=""):
        posting = Assignment(
            person=person, command=command, category=category, professional_kind=kind,
            organisation=org, post=post, term_type=term, start_date=start,
            planned_end_date=end, status=status, actual_end_date=actual_end, end_reason=reason,
        )
        return AssignmentService.save(posting, acting_user=None)

    def leave(self, posting, start, days, *, returned=True, kind=LeaveKind.HOME_VISIT):
        end = start + dt.timedelta(days=days - 1)
        return LeaveService.create(acting_user=None, data={
            "assignment": posting, "kind": kind, "start_date": start, "end_date": end,
            "approved_by": "指挥部办公室", "returned_on": end + ONE_DAY if returned else None,
            "reason": {"home_visit": "回原籍探亲", "sick": "住院治疗", "personal": "家中有事",
                       "official_trip": "回派出单位汇报工作", "training": "参加业务培训"}[kind],
        })


def _organisations() -> dict[str, Organisation]:
    out = {o.name: o for o in Organisation.objects.all()}
    for name, kind, code in ORGANISATIONS:
        if name not in out:
            out[name] = OrganisationService.create(
                acting_user=None, data={"name": name, "kind": kind, "region": Region.objects.get(pk=code)})
    return out


def _historical(r: Roster, plan: Plan, command: Command) -> list[Assignment]:
    """A finished batch: three-year cadres, professionals rotating at mid-term, flexible
    talent in short stays; all returned at the end."""
    batch = command.batch
    start, end = batch.start_date, batch.end_date
    postings = []
    kinds = ([("cadre", Category.CADRE, "", plan.cadre_org, CADRE_POSTS)] * plan.cadres
             + [("teacher", Category.PROFESSIONAL, ProfessionalKind.TEACHER, plan.teacher_org,
                 TEACHER_POSTS)] * plan.teachers
             + [("doctor", Category.PROFESSIONAL, ProfessionalKind.DOCTOR, plan.doctor_org,
                 DOCTOR_POSTS)] * plan.doctors
             + [("other", Category.PROFESSIONAL, ProfessionalKind.OTHER, plan.cadre_org,
                 OTHER_POSTS)] * plan.others)
    for kind, category, pkind, org_name, posts in kinds:
        person = r.person(plan.side, kind, 1968 if kind == "cadre" else 1972, 1990)
        if category == Category.CADRE:
            term, planned = TermType.THREE_YEARS, end
        else:
            # Half the professionals stay the whole batch, half the first year and a half.
            whole = r.rng.random() < 0.5
            term = TermType.THREE_YEARS if whole else TermType.EIGHTEEN_MONTHS
            planned = end if whole else term_end(start, TermType.EIGHTEEN_MONTHS)
        early = r.rng.random() < 0.04
        actual = (planned - dt.timedelta(days=r.rng.randint(60, 300))) if early else planned
        posting = r.posting(
            person, command, category, pkind, r.orgs[org_name], r.rng.choice(posts), term, start,
            end=planned, status=AssignmentStatus.EARLY_RETURN if early else AssignmentStatus.COMPLETED,
            actual_end=actual, reason="家庭原因" if early else "",
        )
        postings.append(posting)
        # One home visit a year, ten to twenty days, in the summer or at the Spring Festival.
        year = start.year
        while dt.date(year, 7, 1) < actual:
            leave_start = dt.date(year, r.rng.choice([1, 7, 8]), r.rng.randint(1, 20))
            if start <= leave_start and leave_start + dt.timedelta(days=25) < actual:
                r.leave(posting, leave_start, r.rng.randint(10, 20))
            year += 1
    # Flexible talent: short stays of one to four months across the batch.
    for _ in range(plan.flexible):
        person = r.person(plan.side, "flexible", 1962, 1990)
        first = start + dt.timedelta(days=r.rng.randint(0, (end - start).days - 130))
        last = first + dt.timedelta(days=r.rng.randint(30, 120))
        r.posting(person, command, Category.FLEXIBLE, "", r.orgs[r.rng.choice(
            [plan.teacher_org, plan.doctor_org, plan.cadre_org])], r.rng.choice(FLEXIBLE_POSTS),
            TermType.SHORT, first, end=last, status=AssignmentStatus.COMPLETED, actual_end=last)
    return postings


def _current(r: Roster, plan: Plan, command: Command, today: dt.date) -> list[Assignment]:
    """The batch running today: postings placed around today, some ending within 90 days,
    three people on leave today."""
    batch_start = command.batch.start_date
    postings = []

    def start_for(months_ago: int) -> dt.date:
        return max(batch_start, add_months(today, -months_ago))

    for i in range(plan.cadres):
        person = r.person(plan.side, "cadre", 1970, 1988)
        months = 34 if i < 2 else r.rng.randint(14, 30)  # two end within 90 days
        postings.append(r.posting(person, command, Category.CADRE, "", r.orgs[plan.cadre_org],
                                  r.rng.choice(CADRE_POSTS), TermType.THREE_YEARS,
                                  start_for(months)))
    for i in range(plan.teachers + plan.doctors + plan.others):
        if i < plan.teachers:
            kind, pkind, org, posts = "teacher", ProfessionalKind.TEACHER, plan.teacher_org, TEACHER_POSTS
        elif i < plan.teachers + plan.doctors:
            kind, pkind, org, posts = "doctor", ProfessionalKind.DOCTOR, plan.doctor_org, DOCTOR_POSTS
        else:
            kind, pkind, org, posts = "other", ProfessionalKind.OTHER, plan.cadre_org, OTHER_POSTS
        person = r.person(plan.side, kind, 1975, 1992)
        months = 16 if i % 5 == 0 else r.rng.randint(2, 12)  # every fifth ends within 90 days
        postings.append(r.posting(person, command, Category.PROFESSIONAL, pkind, r.orgs[org],
                                  r.rng.choice(posts), TermType.EIGHTEEN_MONTHS, start_for(months)))
    for i in range(plan.flexible):
        person = r.person(plan.side, "flexible", 1965, 1990)
        first = today - dt.timedelta(days=150 if i < 3 else r.rng.randint(10, 120))
        postings.append(r.posting(person, command, Category.FLEXIBLE, "", r.orgs[r.rng.choice(
            [plan.teacher_org, plan.doctor_org])], r.rng.choice(FLEXIBLE_POSTS), TermType.HALF_YEAR,
            first))
    # A proposed posting: selected at home, not yet arrived.
    person = r.person(plan.side, "doctor", 1980, 1990)
    r.posting(person, command, Category.PROFESSIONAL, ProfessionalKind.DOCTOR,
              r.orgs[plan.doctor_org], "儿科医师", TermType.EIGHTEEN_MONTHS,
              today + dt.timedelta(days=20), status=AssignmentStatus.PROPOSED)
    # Leave: past home visits, returned; three people away today.
    for i, posting in enumerate(p for p in postings if p.category != Category.FLEXIBLE):
        if i < 3:
            r.leave(posting, today - dt.timedelta(days=2 + i), 10 + i, returned=False,
                    kind=[LeaveKind.HOME_VISIT, LeaveKind.SICK, LeaveKind.TRAINING][i])
        elif (today - posting.start_date).days > 120:
            first = posting.start_date + dt.timedelta(days=r.rng.randint(40, 90))
            r.leave(posting, first, r.rng.randint(7, 15))
    return postings


def _assessments(r: Roster, command: Command, postings: list[Assignment], today: dt.date) -> None:
    """A grade a year for everyone posted for most of it; 优秀 for at most 15 per cent."""
    years = sorted({y for p in postings for y in range(p.start_date.year, p.end_date.year + 1)})
    for year in years:
        if dt.date(year, 12, 31) > today:
            continue
        graded = [p for p in postings
                  if p.start_date <= dt.date(year, 6, 30) and p.end_date >= dt.date(year, 12, 1)]
        r.rng.shuffle(graded)
        from .services import excellent_share

        _, people = excellent_share(command, year)
        best = people * EXCELLENT_WARNING_SHARE // 100
        for i, posting in enumerate(graded):
            if i < best:
                grade = Grade.EXCELLENT
            elif posting.category == Category.CADRE:
                grade = Grade.COMPETENT
            else:
                grade = Grade.QUALIFIED
            AssessmentService.create(acting_user=None, data={
                "assignment": posting, "year": year, "grade": grade,
                "copied_to_home_on": dt.date(year + 1, 1, 20),
            })


def _awards(r: Roster, command: Command, postings: list[Assignment]) -> None:
    end = command.batch.end_date
    if end is None:
        return
    conferred = end - dt.timedelta(days=17)
    for posting in r.rng.sample(postings, k=max(1, len(postings) // 8)):
        AwardService.create(acting_user=None, data={
            "title": "优秀援疆干部人才", "level": AwardLevel.COUNTY,
            "conferred_by": f"中共{posting.organisation.region.name}委员会",
            "conferred_on": conferred, "decision_number": f"{command.batch.name}表彰〔{end.year}〕1号",
            "person": posting.person,
        })
    AwardService.create(acting_user=None, data={
        "title": "对口援疆工作先进集体", "level": AwardLevel.COUNTY,
        "conferred_by": "县委、县人民政府", "conferred_on": conferred,
        "decision_number": f"表彰〔{end.year}〕2号", "command": command,
    })


def load(ctx) -> None:
    if Assignment.objects.exists():
        return  # rosters already there: a demo run again reuses them
    orgs = _organisations()
    r = Roster(ctx, orgs)
    for plan in PLANS:
        command = ctx.commands[plan.command]
        if command.batch.end_date and command.batch.end_date < ctx.today:
            postings = _historical(r, plan, command)
            _assessments(r, command, postings, ctx.today)
            _awards(r, command, postings)
        else:
            postings = _current(r, plan, command, ctx.today)
            _assessments(r, command, postings, ctx.today)

"""Demo records of talent development, consistent with what the public texts report for
张家港→巩留 第十批: 79 training programmes with 8,300,000 yuan, 411 cadres and professionals
trained, 311 local professionals mentored (flexible talent, 109, lives in the postings);
plus secondments, a farmers' course and group-style aid to the county's school and
hospital. 江苏 第九批 in 克州 runs the group-style aid of the prefecture hospital (nine
hospitals, one department each). The current 吉林 第五批 command has a few of each.

Deterministic (seeded) and idempotent: a command that already has its records is left."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from faker import Faker

from yuanjiang.core.models import Organisation
from yuanjiang.people.choices import Category
from yuanjiang.people.models import Assignment
from yuanjiang.people.selectors import BEGUN

from .choices import Audience, GroupAidKind, SecondmentKind, Venue
from .models import GroupAid, TrainingProgramme
from .services import (
    GroupAidService,
    MentorshipService,
    SecondmentService,
    TraineeService,
    TrainingProgrammeService,
)

LOCAL_NAMES = ["阿依古丽", "努尔兰", "古丽娜尔", "叶尔兰", "阿力木", "热依拉", "别克", "玛依拉",
               "达吾列提", "阿娜尔", "木拉提", "哈丽达", "叶尔江", "巴合提", "阿依努尔", "吐尔逊"]
GONGLIU_UNITS = ["巩留县人民医院", "巩留县中医医院", "巩留县妇幼保健院", "巩留县高级中学", "巩留县第一中学",
                 "巩留县第二中学", "巩留县职业技术学校", "巩留县农业农村局", "巩留县林业和草原局",
                 "巩留县巩留镇卫生院", "巩留县阿克吐别克镇中心学校", "巩留县东买里镇人民政府"]
COURSES = ["党政干部能力提升", "乡村振兴专题", "基层党建业务", "教育管理干部", "骨干教师", "医院管理",
           "临床骨干医师", "护理业务骨干", "招商引资业务", "农业技术推广", "财政金融业务", "社会治理",
           "文化旅游人才", "电子商务人才", "应急管理"]
VENUES = [(Venue.SUPPORTING, "张家港市"), (Venue.CADRE_COLLEGE, "江苏省委党校"),
          (Venue.LOCAL, "巩留县"), (Venue.ONLINE, "线上")]
HOSTS = ["张家港市发展和改革委员会", "张家港市教育局", "张家港市卫生健康委员会", "张家港市农业农村局",
         "张家港市商务局", "张家港市第一人民医院", "张家港市塘桥镇人民政府", "张家港市金港街道办事处"]


class People:
    """Local names, each (name, organisation) pair used once per kind of record."""

    def __init__(self, seed: str):
        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self.used: dict[str, set] = {}

    def name(self) -> str:
        if self.rng.random() < 0.45:
            return self.rng.choice(LOCAL_NAMES) + "·" + self.rng.choice(LOCAL_NAMES)[:2]
        return self.fake.name()

    def unique(self, kind: str, units: list[str]) -> tuple[str, str]:
        used = self.used.setdefault(kind, set())
        while True:
            pair = (self.name(), self.rng.choice(units))
            if pair not in used:
                used.add(pair)
                return pair


def _split(total: int, parts: int, rng: random.Random, least: int = 1) -> list[int]:
    """`total` split into `parts` whole numbers of at least `least`, deterministically."""
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    scale = (total - least * parts) / sum(weights)
    out = [least + int(w * scale) for w in weights]
    out[-1] += total - sum(out)
    return out


def _programmes(command, people: People, *, count: int, funds_yuan: int, trainees: int,
                units: list[str], start: dt.date, end: dt.date, audience=Audience.CADRES,
                venues=VENUES, courses=COURSES) -> None:
    rng = people.rng
    # Funds in hundreds of yuan, so the programmes add up to the yuan.
    funds = [Decimal(h * 100) for h in _split(funds_yuan // 100, count, rng)]
    sizes = _split(trainees, count, rng)
    span = (end - start).days
    for i in range(count):
        opens = start + dt.timedelta(days=span * i // count + rng.randint(0, 5))
        venue, place = rng.choice(venues)
        programme = TrainingProgrammeService.create(acting_user=None, data={
            "command": command, "name": f"{rng.choice(courses)}培训班（第{i + 1}期）",
            "audience": audience, "venue": venue, "place": place,
            "organiser": "张家港市委组织部" if venue == Venue.SUPPORTING else "",
            "start_date": opens, "end_date": opens + dt.timedelta(days=rng.choice([5, 7, 10, 14])),
            "funds": funds[i],
        })
        for _ in range(sizes[i]):
            name, unit = people.unique(f"trainee-{audience}", units)
            TraineeService.create(acting_user=None, data={
                "programme": programme, "name": name, "organisation": unit})


def _mentorships(command, people: People, total: int, units: list[str], today: dt.date) -> None:
    mentors = list(Assignment.objects.filter(command=command, status__in=BEGUN,
                                             category=Category.PROFESSIONAL)
                   .select_related("person").order_by("start_date", "pk"))
    if not mentors:
        return
    rng = people.rng
    for i, count in enumerate(_split(total, len(mentors), rng)):
        posting = mentors[i]
        ends = posting.actual_end_date or posting.planned_end_date
        latest = min(ends, today) - dt.timedelta(days=15)
        for _ in range(count):
            name, unit = people.unique("mentee", units)
            begins = posting.start_date
            if latest > begins:
                begins += dt.timedelta(days=rng.randint(0, (latest - begins).days))
            MentorshipService.create(acting_user=None, data={
                "mentor": posting, "mentee_name": name, "mentee_organisation": unit,
                "field": posting.post[:60], "start_date": begins, "end_date": ends,
                "outcome": rng.choice(["独立开展新技术新业务", "通过中级职称评审", "获评县级骨干教师",
                                       "独立完成常规手术", "带教成效良好"]),
            })


def _secondments(command, people: People, total: int, units: list[str], hosts: list[str],
                 start: dt.date, end: dt.date) -> None:
    rng = people.rng
    for _ in range(total):
        name, unit = people.unique("secondee", units)
        begins = start + dt.timedelta(days=rng.randint(0, max(1, (end - start).days - 100)))
        SecondmentService.create(acting_user=None, data={
            "command": command, "name": name, "home_organisation": unit,
            "kind": SecondmentKind.POST if rng.random() < 0.7 else SecondmentKind.STUDY,
            "host_organisation": rng.choice(hosts), "start_date": begins,
            "end_date": begins + dt.timedelta(days=rng.choice([30, 60, 90]))})


def _group_aid(command, kind, institution: str, supporters: str, departments: str, start_year: int,
               end_year: int | None, professional_kind: str) -> None:
    org = Organisation.objects.filter(name=institution).first()
    if org is None:
        return
    postings = list(Assignment.objects.filter(command=command, professional_kind=professional_kind,
                                              organisation=org))
    GroupAidService.create(acting_user=None, data={
        "command": command, "kind": kind, "institution": org, "supporting_institutions": supporters,
        "departments": departments, "start_year": start_year, "end_year": end_year,
    }, m2m={"postings": postings})


def _gongliu(command, today: dt.date) -> None:
    people = People("talent-gongliu10")
    batch = command.batch
    start, end = batch.start_date + dt.timedelta(days=60), batch.end_date - dt.timedelta(days=30)
    _programmes(command, people, count=79, funds_yuan=8_300_000, trainees=411,
                units=GONGLIU_UNITS, start=start, end=end)
    _programmes(command, people, count=2, funds_yuan=120_000, trainees=118, units=[
        "巩留县阿克吐别克镇", "巩留县东买里镇", "巩留县提克阿热克镇", "巩留县莫乎尔乡"],
        start=start, end=end, audience=Audience.FARMERS, venues=[(Venue.LOCAL, "巩留县")],
        courses=["新型职业农民", "特色林果种植技术"])
    _mentorships(command, people, 311, GONGLIU_UNITS, today)
    _secondments(command, people, 36, GONGLIU_UNITS, HOSTS, start, end)
    _group_aid(command, GroupAidKind.HOSPITAL, "巩留县人民医院",
               "张家港市第一人民医院\n张家港市中医医院\n张家港市妇幼保健院", "急诊科、儿科、妇产科",
               2020, 2023, "doctor")
    _group_aid(command, GroupAidKind.SCHOOL, "巩留县高级中学", "张家港市梁丰高级中学\n张家港市沙洲中学",
               "数学、物理、英语", 2020, 2023, "teacher")


def _kizilsu(command) -> None:
    _group_aid(command, GroupAidKind.HOSPITAL, "克孜勒苏柯尔克孜自治州人民医院",
               "江苏省人民医院\n南京鼓楼医院\n苏州大学附属第一医院\n无锡市人民医院\n常州市第一人民医院\n"
               "南通大学附属医院\n扬州大学附属医院\n徐州医科大学附属医院\n东南大学附属中大医院",
               "九家医院各对口支援一个科室", 2017, 2019, "doctor")


def _altay5(command, today: dt.date) -> None:
    people = People("talent-altay5")
    start = command.batch.start_date + dt.timedelta(days=45)
    last = today - dt.timedelta(days=20)
    if last <= start + dt.timedelta(days=30):
        return
    units = ["阿勒泰市人民医院", "阿勒泰中学", "布尔津县人民政府", "哈巴河县人民医院", "吉木乃县初级中学"]
    _programmes(command, people, count=6, funds_yuan=900_000, trainees=48, units=units,
                start=start, end=last, venues=[(Venue.SUPPORTING, "长春市"), (Venue.LOCAL, "阿勒泰市"),
                                               (Venue.ONLINE, "线上")])
    _mentorships(command, people, 24, units, today)
    hosts = ["吉林省发展和改革委员会", "吉林大学第一医院", "长春市第十一高中"]
    _secondments(command, people, 8, units, hosts, start, last - dt.timedelta(days=100))


def load(ctx) -> None:
    gongliu = ctx.commands["gongliu10"]
    if not TrainingProgramme.objects.filter(command=gongliu).exists():
        _gongliu(gongliu, ctx.today)
    kizilsu = ctx.commands["kizilsu9"]
    if not GroupAid.objects.filter(command=kizilsu).exists():
        _kizilsu(kizilsu)
    altay5 = ctx.commands["altay5"]
    if not TrainingProgramme.objects.filter(command=altay5).exists():
        _altay5(altay5, ctx.today)

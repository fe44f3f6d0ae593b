"""Factories for tests. They create records through the services (acting_user=None), so
test data obeys the same rules and fills the change log as real data would."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import factory

from yuanjiang.core.choices import CommandKind, MemberRole, OrganisationKind, Role
from yuanjiang.core.models import (
    Batch,
    Command,
    CommandMember,
    Organisation,
    Pairing,
    Region,
    User,
)
from yuanjiang.core.services import service_for

PASSWORD = "correct-horse-battery"


def region(code: str) -> Region:
    return Region.objects.get(pk=code)


def pairing(supporting: str, recipient: str) -> Pairing:
    return Pairing.objects.get(supporting_region_id=supporting, recipient_region_id=recipient)


def batch(supporting: str, number: int) -> Batch:
    return Batch.objects.get(supporting_region_id=supporting, number=number)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        service = service_for(model_class)
        m2m = {name: kwargs.pop(name) for name in service.m2m_fields if name in kwargs}
        return service.create(acting_user=None, data=kwargs, m2m=m2m)


class OrganisationFactory(ServiceFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"测试单位{n}")
    kind = OrganisationKind.OTHER
    region = factory.LazyFunction(lambda: region("654024"))


class BatchFactory(ServiceFactory):
    class Meta:
        model = Batch

    supporting_region = factory.LazyFunction(lambda: region("320000"))
    number = factory.Sequence(lambda n: 30 + n)
    start_date = dt.date(2030, 1, 1)
    end_date = dt.date(2032, 12, 31)


class CommandFactory(ServiceFactory):
    class Meta:
        model = Command

    name = factory.Sequence(lambda n: f"测试工作组{n}")
    kind = CommandKind.WORK_GROUP
    batch = factory.SubFactory(BatchFactory)
    pairings = factory.LazyFunction(lambda: [pairing("320582", "654024")])


class CommandMemberFactory(ServiceFactory):
    class Meta:
        model = CommandMember

    command = factory.SubFactory(CommandFactory)
    name = factory.Sequence(lambda n: f"成员{n}")
    role = MemberRole.MEMBER
    title = "组员"


class UserFactory(ServiceFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.ADMIN

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        user = model_class(**kwargs)
        user.set_password(PASSWORD)
        return service_for(model_class).save(user, acting_user=None)


@dataclass
class World:
    js9: Batch
    js10: Batch
    jl8: Batch
    yili: Command  # 江苏 front command in 伊犁, 第十批
    gongliu: Command  # 张家港→巩留 work group under it
    altay: Command  # 吉林市→阿勒泰 work team, 吉林市第八批
    hospital: Organisation
    gongliu_member: CommandMember
    altay_member: CommandMember
    admin: User
    js_office: User
    jl_office: User
    staff_yili: User
    staff_gongliu: User
    staff_altay: User
    recipient_gongliu: User
    recipient_yili: User
    recipient_altay: User
    leader_js: User
    leader_gongliu: User


def build_world() -> World:
    js9, js10, jl8 = batch("320000", 9), batch("320000", 10), batch("220200", 8)
    yili = CommandFactory(
        name="江苏伊犁前方指挥部", kind=CommandKind.FRONT_COMMAND, batch=js10,
        pairings=[pairing("320000", "654000"), pairing("320000", "659008")],
    )
    gongliu = CommandFactory(
        name="张家港援巩留工作组", batch=js10, parent=yili, pairings=[pairing("320582", "654024")]
    )
    altay = CommandFactory(name="吉林市援阿勒泰工作队", batch=jl8,
                           pairings=[pairing("220200", "654301")])
    return World(
        js9=js9, js10=js10, jl8=jl8, yili=yili, gongliu=gongliu, altay=altay,
        hospital=OrganisationFactory(name="巩留县人民医院", kind=OrganisationKind.HOSPITAL),
        gongliu_member=CommandMemberFactory(command=gongliu, name="钱组长", role=MemberRole.LEADER,
                                            title="组长"),
        altay_member=CommandMemberFactory(command=altay, name="赵队长", role=MemberRole.LEADER,
                                          title="队长"),
        admin=UserFactory(username="t_admin", role=Role.ADMIN),
        js_office=UserFactory(username="t_js", role=Role.HOME_OFFICE, scope_region=region("320000")),
        jl_office=UserFactory(username="t_jl", role=Role.HOME_OFFICE, scope_region=region("220000")),
        staff_yili=UserFactory(username="t_yili", role=Role.COMMAND_STAFF, scope_command=yili),
        staff_gongliu=UserFactory(username="t_gongliu", role=Role.COMMAND_STAFF,
                                  scope_command=gongliu),
        staff_altay=UserFactory(username="t_altay", role=Role.COMMAND_STAFF, scope_command=altay),
        recipient_gongliu=UserFactory(username="t_r_gongliu", role=Role.RECIPIENT,
                                      scope_region=region("654024")),
        recipient_yili=UserFactory(username="t_r_yili", role=Role.RECIPIENT,
                                   scope_region=region("654000")),
        recipient_altay=UserFactory(username="t_r_altay", role=Role.RECIPIENT,
                                    scope_region=region("654301")),
        leader_js=UserFactory(username="t_lead_js", role=Role.LEADER, scope_region=region("320000")),
        leader_gongliu=UserFactory(username="t_lead_gl", role=Role.LEADER, scope_command=gongliu),
    )


# --- people ---------------------------------------------------------------------------------

_id_sequence = iter(range(1, 10**6))


def id_number(region_code: str = "320582", born: dt.date = dt.date(1980, 5, 17),
              male: bool = True) -> str:
    """A valid ID number, distinct on every call."""
    from yuanjiang.people import ids

    n = next(_id_sequence) % 500
    return ids.make(region_code, born, 2 * n + (1 if male else 0))


class PersonFactory(ServiceFactory):
    class Meta:
        model = "people.Person"

    name = factory.Sequence(lambda n: f"测试人员{n}")
    ethnicity = "01"
    id_number = factory.LazyFunction(id_number)
    home_organisation = factory.LazyFunction(
        lambda: Organisation.objects.get_or_create(
            name="张家港市测试派出单位", region=region("320582"), defaults={"kind": "other"}
        )[0]
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        number = kwargs.pop("id_number")
        person = model_class(**kwargs)
        person.set_id_number(number)
        return service_for(model_class).save(person, acting_user=None)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        number = kwargs.pop("id_number")
        person = model_class(**kwargs)
        person.set_id_number(number)
        return person


class AssignmentFactory(ServiceFactory):
    class Meta:
        model = "people.Assignment"

    person = factory.SubFactory(PersonFactory)
    category = "cadre"
    post = "副县长"
    term_type = "3y"
    start_date = dt.date(2020, 3, 1)
    status = "on_post"


@dataclass
class PeopleWorld:
    """Postings in two commands, for the people tests (on top of `World`)."""

    school: Organisation
    hospital: Organisation
    government: Organisation
    altay_hospital: Organisation
    cadre: object  # Assignment in 张家港→巩留, 2020-03-01, three years
    teacher: object  # Assignment in 张家港→巩留, professional, 18 months
    altay_cadre: object  # Assignment in 吉林市→阿勒泰, 2014-03-01


def build_people(world: World) -> PeopleWorld:
    school = OrganisationFactory(name="巩留县高级中学", kind="school", region=region("654024"))
    government = OrganisationFactory(name="巩留县人民政府", kind="party_government",
                                     region=region("654024"))
    altay_hospital = OrganisationFactory(name="阿勒泰市人民医院", kind="hospital",
                                         region=region("654301"))
    cadre = AssignmentFactory(
        person=PersonFactory(name="王建国", id_number=id_number("320582", dt.date(1978, 3, 9))),
        command=world.gongliu, organisation=government, post="副县长",
    )
    teacher = AssignmentFactory(
        person=PersonFactory(name="李秀英", id_number=id_number("320582", dt.date(1985, 7, 1),
                                                               male=False)),
        command=world.gongliu, organisation=school, category="professional",
        professional_kind="teacher", post="高中数学教师", term_type="18m",
    )
    altay_cadre = AssignmentFactory(
        person=PersonFactory(name="赵志刚", id_number=id_number("220202", dt.date(1975, 1, 2)),
                             home_organisation=OrganisationFactory(name="吉林市某局",
                                                                   region=region("220200"))),
        command=world.altay, organisation=altay_hospital, post="副院长",
        start_date=dt.date(2014, 3, 1), category="professional", professional_kind="doctor",
        term_type="18m",
    )
    return PeopleWorld(school=school, hospital=world.hospital, government=government,
                       altay_hospital=altay_hospital, cadre=cadre, teacher=teacher,
                       altay_cadre=altay_cadre)


# --- projects -------------------------------------------------------------------------------


class ProjectFactory(ServiceFactory):
    class Meta:
        model = "projects.Project"

    code = factory.Sequence(lambda n: f"T-{n:04d}")
    name = factory.Sequence(lambda n: f"测试项目{n}")
    region = factory.LazyFunction(lambda: region("654024"))
    category = "livelihood"
    livelihood_kind = factory.LazyAttribute(lambda o: "education" if o.category == "livelihood" else "")
    plan_year = 2021
    budget = Decimal("1000000.00")
    planned_start = dt.date(2021, 4, 1)
    planned_end = dt.date(2021, 10, 31)


class AllocationFactory(ServiceFactory):
    class Meta:
        model = "projects.Allocation"

    year = 2021
    source = "provincial"
    amount = Decimal("1000000.00")


def advance(project, to: str, on: dt.date):
    from yuanjiang.projects.services import project_advance

    return project_advance(project, acting_user=None, to=to, on=on)


def disburse(project, amount: str, on: dt.date, voucher: str = ""):
    from yuanjiang.projects.services import DisbursementService

    return DisbursementService.create(acting_user=None, data={
        "project": project, "date": on, "amount": Decimal(amount),
        "voucher_number": voucher or f"V{next(_voucher_sequence)}"})


_voucher_sequence = iter(range(1, 10**6))


# --- a plan worked out by hand ---------------------------------------------------------------


def funds_plan(world) -> dict:
    """The hand-computed plan of the funds figures (projects selectors, computed indicators):
    张家港→巩留, plan year 2021 (amounts in yuan; vouchers GL-1 … GL-4 in date order):

    P1 民生/教育, 巩留县, 新建, 计划内: 6,000,000 (2021) + 999.99 (2022); started 2021-04-10;
       paid 3,000,000 on 2021-05-01 and 1,000,000 on 2022-01-10; one item (小项)
    P2 产业, 巩留县, 新建, 计划内: 2,000,000; approved, not started
    P3 组团式医疗, 伊犁州 (prefecture), 续建: 1,500,000; completed 2021-09-01; paid 1,500,000
    P4 文化润疆, 巩留县, 新建, 计划外: 500,000 (计划外); started; paid 200,000
    command pool (no project): 1,000,000 (市级财政)
    arrivals for 2021: 8,000,000 (省级财政) + 500,000 (社会捐赠)

    2021: planned 11,000,000, of which in plan 10,500,000; to projects 10,000,000;
    livelihood 7,500,000 = 75.00% (rule broken, by P2 and P4); grassroots 8,500,000 = 85.00%;
    arrival rate 8,000,000 / 10,500,000 = 76.19%; disbursed 4,700,000 / 10,000,000 = 47.00%;
    start rate 1 of 2 new in-plan projects = 50.00%; completion 1 of 4 = 25.00%.
    """
    from yuanjiang.projects.services import ArrivalService

    D, M = dt.date, Decimal
    g = world.gongliu
    p1 = ProjectFactory(command=g, code="P1", category="livelihood", livelihood_kind="education",
                        budget=M("8000000.00"))
    ProjectFactory(command=g, code="P1-1", parent=p1, budget=M("1000000.00"))
    p2 = ProjectFactory(command=g, code="P2", category="industry", budget=M("2000000.00"))
    p3 = ProjectFactory(command=g, code="P3", category="group_medical", region=region("654000"),
                        build_kind="continuing", budget=M("1500000.00"))
    p4 = ProjectFactory(command=g, code="P4", category="culture", in_plan=False,
                        budget=M("500000.00"))
    AllocationFactory(command=g, project=p1, amount=M("6000000.00"))
    AllocationFactory(command=g, project=p1, amount=M("999.99"), year=2022)
    AllocationFactory(command=g, project=p2, amount=M("2000000.00"), source="municipal")
    AllocationFactory(command=g, project=p3, amount=M("1500000.00"))
    AllocationFactory(command=g, project=p4, amount=M("500000.00"), source="extra_plan")
    AllocationFactory(command=g, project=None, amount=M("1000000.00"), source="municipal")
    for source, amount in (("provincial", "8000000.00"), ("donation", "500000.00")):
        ArrivalService.create(acting_user=None, data={
            "command": g, "source": source, "account": "command", "date": D(2021, 3, 20),
            "amount": M(amount)})
    advance(p1, "approved", D(2021, 3, 1))
    advance(p1, "started", D(2021, 4, 10))
    disburse(p1, "3000000.00", D(2021, 5, 1), voucher="GL-1")
    disburse(p1, "1000000.00", D(2022, 1, 10), voucher="GL-2")
    advance(p2, "approved", D(2021, 3, 1))
    advance(p3, "completed", D(2021, 9, 1))
    disburse(p3, "1500000.00", D(2021, 9, 15), voucher="GL-3")
    advance(p4, "started", D(2021, 5, 1))
    disburse(p4, "200000.00", D(2021, 6, 1), voucher="GL-4")
    return {"p1": p1, "p2": p2, "p3": p3, "p4": p4}


# --- investment, talent, exchange -------------------------------------------------------------


def valid_uscc(n: int, region_code: str = "320582") -> str:
    """A unified social credit code with a correct check digit, distinct for each n."""
    from stdnum.cn import uscc

    body = f"91{region_code}{n:09d}"
    return body + uscc.calc_check_digit(body)


class EnterpriseFactory(ServiceFactory):
    class Meta:
        model = "investment.Enterprise"

    name = factory.Sequence(lambda n: f"测试企业{n}有限公司")
    industry = "food"
    uscc = factory.Sequence(lambda n: valid_uscc(n + 1))


class ActivityFactory(ServiceFactory):
    class Meta:
        model = "investment.Activity"

    kind = "fair"
    date = dt.date(2021, 5, 10)
    title = factory.Sequence(lambda n: f"测试招商活动{n}")
    place = "张家港市"


class InvestmentProjectFactory(ServiceFactory):
    class Meta:
        model = "investment.InvestmentProject"

    name = factory.Sequence(lambda n: f"测试招商项目{n}")
    industry = "food"
    region = factory.LazyFunction(lambda: region("654024"))
    planned_investment = Decimal("100000000.00")


class TrainingProgrammeFactory(ServiceFactory):
    class Meta:
        model = "talent.TrainingProgramme"

    name = factory.Sequence(lambda n: f"测试培训班{n}")
    venue = "supporting"
    start_date = dt.date(2021, 6, 1)
    end_date = dt.date(2021, 6, 7)
    funds = Decimal("100000.00")


class TraineeFactory(ServiceFactory):
    class Meta:
        model = "talent.Trainee"

    name = factory.Sequence(lambda n: f"学员{n}")
    organisation = "巩留县人民医院"


class SecondmentFactory(ServiceFactory):
    class Meta:
        model = "talent.Secondment"

    name = factory.Sequence(lambda n: f"挂职干部{n}")
    home_organisation = "巩留县农业农村局"
    host_organisation = "张家港市农业农村局"
    start_date = dt.date(2021, 4, 1)
    end_date = dt.date(2021, 6, 30)


class MentorshipFactory(ServiceFactory):
    class Meta:
        model = "talent.Mentorship"

    mentee_name = factory.Sequence(lambda n: f"徒弟{n}")
    mentee_organisation = "巩留县高级中学"
    start_date = dt.date(2020, 9, 1)


class SaleFactory(ServiceFactory):
    class Meta:
        model = "exchange.Sale"

    channel = "online"
    year = 2021
    month = 5
    products = factory.Sequence(lambda n: f"巩留蜂蜜{n}")
    amount = Decimal("10000.00")


class CulturalEventFactory(ServiceFactory):
    class Meta:
        model = "exchange.CulturalEvent"

    kind = "performance"
    title = factory.Sequence(lambda n: f"测试文化活动{n}")
    date = dt.date(2021, 7, 1)
    place = "巩留县"


def workbook(sheet, rows, headers=None) -> bytes:
    """An .xlsx upload of `rows` (dicts by header) in the columns of `sheet`."""
    import io

    from openpyxl import Workbook

    headers = headers or sheet.headers
    wb = Workbook()
    ws = wb.active
    ws.title = sheet.name
    ws.append(headers)
    for r in rows:
        ws.append([r.get(h) for h in headers])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def import_sheet(spec, rows, command, user, headers=None):
    """Run a record import (yuanjiang.core.record_import) on rows, as the job would."""
    from yuanjiang.core.sheets import read_rows

    return spec.run(read_rows(workbook(spec.sheet, rows, headers), spec.sheet), command,
                    acting_user=user)

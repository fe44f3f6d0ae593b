"""Indicators computed from the records: the projects and funds codes, the people codes, year
to date for quarters and months, nothing without records, and the link from each figure to
exactly the records behind it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from tests.factories import (
    AllocationFactory,
    AssignmentFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    advance,
    disburse,
    funds_plan,
    region,
)
from yuanjiang.indicators.computed import MONEY_CODES, PEOPLE_CODES, compute, computed_codes
from yuanjiang.indicators.scopes import Scope, parse_period, parse_scope
from yuanjiang.people.services import LeaveService

pytestmark = pytest.mark.django_db
D = dt.date
M = Decimal
GONGLIU = "command:320582-654024:10"


def values(figures) -> dict:
    return {code: f.value for code, f in figures.items()}


@pytest.fixture
def plan(world):
    """张家港→巩留, plan year 2021, as in tests/projects/test_selectors.py (amounts in yuan):

    P1 民生/教育, 巩留县, 新建, 计划内: 6,000,000 (2021) + 999.99 (2022); started 2021-04-10;
       paid 3,000,000 on 2021-05-01 and 1,000,000 on 2022-01-10; one item (小项) P1-1
    P2 产业, 巩留县, 新建, 计划内: 2,000,000 (市级财政); approved, not started
    P3 组团式医疗, 伊犁州, 续建: 1,500,000; completed 2021-09-01; paid 1,500,000 on 2021-09-15
    P4 文化润疆, 巩留县, 新建, 计划外: 500,000 (计划外); started; paid 200,000 on 2021-06-01
    command pool (no project): 1,000,000 (市级财政)
    arrivals for 2021: 8,000,000 (省级财政) + 500,000 (社会捐赠), on 2021-03-20
    and, elsewhere, 吉林市→阿勒泰 (2015): A1 with 700,000 allocated and 300,000 paid.

    2021: total 11,000,000, in plan 10,500,000, to projects 10,000,000, extra plan 500,000;
    arrived 8,500,000 (in plan 8,000,000 → 76.19%); disbursed 3,000,000 + 1,500,000 + 200,000
    = 4,700,000 ÷ 10,000,000 to projects = 47.00% (÷ the 11,000,000 total it would be 42.73%);
    livelihood (P1, P3) 7,500,000 = 75.00%; county level (P1, P2, P4) 8,500,000 = 85.00%;
    4 projects and 1 item; started P1, P3 (completed), P4 = 3; start rate: of the 2 new
    in-plan projects (P1, P2) 1 started = 50.00%; completed 1 of 4 = 25.00%.
    """
    built = funds_plan(world)
    a1 = ProjectFactory(command=world.altay, code="A1", region=region("654301"), plan_year=2015,
                        planned_start=D(2015, 4, 1), planned_end=D(2015, 10, 31))
    AllocationFactory(command=world.altay, project=a1, year=2015, amount=M("700000.00"))
    advance(a1, "started", D(2015, 4, 1))
    disburse(a1, "300000.00", D(2015, 6, 1), voucher="AL-1")
    return {**built, "a1": a1}


def test_the_computed_codes_are_in_the_catalog(world):
    from yuanjiang.indicators.models import Indicator

    activity_codes = {
        "enterprises_visited", "investment_fairs", "merchant_delegations",
        "investment_projects_introduced", "investment_projects_landed", "investment_agreement_amount",
        "planned_investment", "investment_funds_in_place", "enterprises_settled", "jobs_created",
        "training_projects", "training_funds", "cadres_trained", "farmers_trained",
        "local_cadres_seconded", "local_talent_mentored", "group_aid_schools", "group_aid_hospitals",
        "consumption_aid_sales", "cultural_events", "exchange_delegations"}
    assert computed_codes() == set(MONEY_CODES) | set(PEOPLE_CODES) | activity_codes
    assert computed_codes() <= set(Indicator.objects.values_list("code", flat=True))


def test_a_year_of_a_command(world, plan):
    scope = parse_scope(GONGLIU)
    f = compute(world.staff_gongliu, scope, parse_period("2021", scope))
    assert values(f) == {
        "aid_funds_total": M("11000000.00"), "aid_funds_extra_plan": M("500000.00"),
        "aid_funds_arrived": M("8500000.00"), "aid_funds_arrival_rate": M("76.19"),
        "aid_funds_disbursed": M("4700000.00"), "aid_funds_disbursement_rate": M("47.00"),
        "livelihood_funds_share": M("75.00"), "grassroots_funds_share": M("85.00"),
        "aid_projects_total": M(4), "aid_subprojects_total": M(1), "projects_started": M(3),
        "project_start_rate": M("50.00"), "projects_completed": M(1),
        "project_completion_rate": M("25.00"),
    }
    rates = {code: (f[code].numerator, f[code].denominator) for code in (
        "aid_funds_arrival_rate", "aid_funds_disbursement_rate", "livelihood_funds_share",
        "grassroots_funds_share", "project_start_rate", "project_completion_rate")}
    assert rates == {
        "aid_funds_arrival_rate": (M("8000000.00"), M("10500000.00")),
        "aid_funds_disbursement_rate": (M("4700000.00"), M("10000000.00")),  # to projects
        "livelihood_funds_share": (M("7500000.00"), M("10000000.00")),
        "grassroots_funds_share": (M("8500000.00"), M("10000000.00")),
        "project_start_rate": (M(1), M(2)),
        "project_completion_rate": (M(1), M(4)),
    }
    assert all(fig.source == "computed" and fig.basis == 5 for fig in f.values())  # 4 + 1 item
    assert f["aid_funds_total"].numerator is None


def test_the_whole_batch_of_a_command(world, plan):
    """Everything of the batch: + P1's 999.99 of 2022 and the 1,000,000 paid in 2022.
    Arrival 8,000,000 ÷ 10,500,999.99 = 76.18%; disbursement 5,700,000 ÷ 10,000,999.99 =
    56.99%; livelihood 7,500,999.99 ÷ 10,000,999.99 = 75.00%; county level 8,500,999.99 ÷
    10,000,999.99 = 85.00%."""
    scope = parse_scope(GONGLIU)
    f = compute(world.staff_gongliu, scope, parse_period("batch", scope))
    got = values(f)
    assert got["aid_funds_total"] == M("11000999.99")
    assert (got["aid_funds_extra_plan"], got["aid_funds_arrived"]) == (M("500000.00"), M("8500000.00"))
    assert (got["aid_funds_arrival_rate"], f["aid_funds_arrival_rate"].denominator) == (
        M("76.18"), M("10500999.99"))
    assert got["aid_funds_disbursed"] == M("5700000.00")
    assert (f["aid_funds_disbursement_rate"].numerator, f["aid_funds_disbursement_rate"].denominator,
            got["aid_funds_disbursement_rate"]) == (M("5700000.00"), M("10000999.99"), M("56.99"))
    assert f["livelihood_funds_share"].numerator == M("7500999.99")
    assert (got["livelihood_funds_share"], got["grassroots_funds_share"]) == (M("75.00"), M("85.00"))
    assert (got["aid_projects_total"], got["aid_subprojects_total"], got["projects_started"],
            got["projects_completed"]) == (4, 1, 3, 1)
    assert (got["project_start_rate"], got["project_completion_rate"]) == (M("50.00"), M("25.00"))


def test_the_splits_of_the_total_add_up_to_it(world, plan):
    """2021: by category 6,000,000 民生 + 2,000,000 产业 + 500,000 文化润疆 + 1,500,000 组团式医疗
    + 1,000,000 not yet given to a project = 11,000,000; by source 7,500,000 省级 + 3,000,000
    市级 + 500,000 计划外; by region 8,500,000 巩留县 + 1,500,000 伊犁州 + 1,000,000 pool."""
    scope = parse_scope(GONGLIU)
    for text, total in (("2021", M("11000000.00")), ("batch", M("11000999.99"))):
        figure = compute(world.staff_gongliu, scope, parse_period(text, scope))["aid_funds_total"]
        assert figure.value == total
        for dimension in ("category", "source", "source_category", "region"):
            rows = figure.by(dimension)
            assert sum(v for _k, _l, v in rows) == total, (text, dimension, rows)
    figure = compute(world.staff_gongliu, scope, parse_period("2021", scope))["aid_funds_total"]
    assert {k: v for k, _l, v in figure.by("category")} == {
        "livelihood": M("6000000.00"), "industry": M("2000000.00"), "culture": M("500000.00"),
        "group_medical": M("1500000.00"), "pool": M("1000000.00")}
    assert {k: v for k, _l, v in figure.by("source")} == {
        "provincial": M("7500000.00"), "municipal": M("3000000.00"), "extra_plan": M("500000.00")}
    assert [(k, label, v) for k, label, v in figure.by("region")] == [
        ("654024", "巩留县", M("8500000.00")), ("654000", "伊犁哈萨克自治州", M("1500000.00")),
        ("pool", "未落实到项目", M("1000000.00"))]
    projects = compute(world.staff_gongliu, scope, parse_period("2021", scope))["aid_projects_total"]
    assert sum(v for _k, _l, v in projects.by("category")) == 4


def test_wider_scopes_of_the_same_records(world, plan):
    """The parent command, 江苏省 and the pairing see the 2021 figures of 张家港→巩留; 吉林省
    sees nothing of them; 吉林市→阿勒泰 2015 has its own: 700,000 and 300,000 ÷ 700,000 =
    42.86%."""
    year = parse_period("2021")
    mine = values(compute(world.staff_gongliu, parse_scope(GONGLIU), year))
    for user, text in ((world.staff_yili, "command:320000-654000:10"),
                       (world.js_office, "province:320000"),
                       (world.js_office, "pairing:320582-654024")):
        assert values(compute(user, parse_scope(text), year)) == mine, text
    assert compute(world.jl_office, parse_scope("province:320000"), year) == {}
    altay = compute(world.staff_altay, parse_scope("command:220200-654301:8"), parse_period("2015"))
    assert (altay["aid_funds_total"].value, altay["aid_funds_disbursement_rate"].value) == (
        M("700000.00"), M("42.86"))


def test_quarters_and_months_are_year_to_date(world, plan):
    """Up to 2021-06-30: paid 3,000,000 (05-01) + 200,000 (06-01) = 3,200,000 ÷ 10,000,000 =
    32.00%; P3's 1,500,000 of 09-15 is after the period. The plan of the year is the whole
    year's. Up to 2021-04-30: nothing paid yet. December: the year."""
    scope = parse_scope(GONGLIU)
    q2 = compute(world.staff_gongliu, scope, parse_period("2021Q2", scope))
    assert (q2["aid_funds_disbursed"].value, q2["aid_funds_disbursement_rate"].value) == (
        M("3200000.00"), M("32.00"))
    assert q2["aid_funds_total"].value == M("11000000.00")
    assert q2["aid_funds_arrived"].value == M("8500000.00")  # arrived in March
    april = compute(world.staff_gongliu, scope, parse_period("2021-04", scope))
    assert (april["aid_funds_disbursed"].value, april["aid_funds_disbursement_rate"].value) == (
        M("0.00"), M("0.00"))
    february = compute(world.staff_gongliu, scope, parse_period("2021-02", scope))
    assert february["aid_funds_arrived"].value == M("0.00")  # not arrived before 03-20
    assert values(compute(world.staff_gongliu, scope, parse_period("2021-12", scope))) == values(
        compute(world.staff_gongliu, scope, parse_period("2021", scope)))


def test_a_scope_without_records_computes_nothing(world, plan):
    """江苏省第九批 (2017–2019) has no command of the world; 张家港→巩留 has nothing in 2019."""
    assert compute(world.js_office, parse_scope("province:320000"), parse_period("2019")) == {}
    assert compute(world.js_office, parse_scope("province:320000"),
                   parse_period("batch:9", parse_scope("province:320000"))) == {}
    assert compute(world.staff_gongliu, parse_scope(GONGLIU), parse_period("2019")) == {}
    assert compute(world.admin, Scope("command", command=world.altay), parse_period("2021")) == {}


def test_another_sides_user_computes_nothing(world, plan):
    assert compute(world.staff_altay, parse_scope(GONGLIU), parse_period("2021")) == {}
    assert compute(world.jl_office, parse_scope(GONGLIU), parse_period("batch", parse_scope(GONGLIU))) == {}


# --- people --------------------------------------------------------------------------------------


@pytest.fixture
def postings(world):
    """Postings of 张家港→巩留 (江苏省第十批, 2020-01-01 – 2023-04-30), by the people services:

    A 党政干部, 2020-03-01, three years (to 2023-02-28); on leave 2021-07-01 – 07-10 (销假
      on 07-11): 10 days away
    B 教师 (专业技术人才), 2020-03-01, 18 months (to 2021-08-31)
    C 医生 (专业技术人才), 2021-03-01, one year (to 2022-02-28)
    D 柔性引进人才, 2021-06-01 – 2021-08-31 (short)
    P 党政干部, twice: 2021-01-01 for six months (to 06-30), and 2021-09-01 for six months
      (to 2022-02-28) — one person
    E 党政干部, proposed (拟选派) for 2021-05-01: not begun, counted nowhere
    and in 吉林市→阿勒泰, a doctor posted 2014-03-01 for 18 months.

    2021: persons A, B, C, D, P posted; cadres and professionals A, B, C, P = 4; teachers 1,
    doctors 1, flexible 1; on post on 2021-12-31: A, C, P = 3.
    Posted days in 2021: A 365, B 243 (Jan–Aug), C 306 (Mar–Dec), D 92, P 181 + 122 = 303;
    total 1,309, of which 10 away: 1,299 ÷ 1,309 = 99.24%.
    2020: A and B (cadres 2, teachers 1, doctors 0, flexible 0).
    """
    g = world.gongliu
    government = OrganisationFactory(name="巩留县人民政府", kind="party_government")
    school = OrganisationFactory(name="巩留县高级中学", kind="school")
    hospital = world.hospital  # 巩留县人民医院

    def post(name, **fields):
        person = fields.pop("person", None) or PersonFactory(name=name)
        return AssignmentFactory(person=person, **{"command": g, "organisation": government, **fields})

    a = post("甲", start_date=D(2020, 3, 1))
    post("乙", category="professional", professional_kind="teacher", term_type="18m",
         organisation=school, start_date=D(2020, 3, 1))
    post("丙", category="professional", professional_kind="doctor", term_type="1y",
         organisation=hospital, start_date=D(2021, 3, 1))
    post("丁", category="flexible", term_type="short", organisation=hospital,
         start_date=D(2021, 6, 1), planned_end_date=D(2021, 8, 31))
    twice = PersonFactory(name="戊")
    post("戊", person=twice, term_type="6m", start_date=D(2021, 1, 1))
    post("戊", person=twice, term_type="6m", start_date=D(2021, 9, 1))
    post("己", status="proposed", term_type="1y", start_date=D(2021, 5, 1))
    post("庚", command=world.altay, category="professional", professional_kind="doctor",
         term_type="18m", start_date=D(2014, 3, 1),
         organisation=OrganisationFactory(name="阿勒泰市人民医院", kind="hospital",
                                          region=region("654301")))
    LeaveService.create(acting_user=None, data={
        "assignment": a, "kind": "home_visit", "start_date": D(2021, 7, 1),
        "end_date": D(2021, 7, 10), "returned_on": D(2021, 7, 11), "approved_by": "钱组长"})


def test_people_of_a_year(world, postings):
    scope = parse_scope(GONGLIU)
    f = compute(world.staff_gongliu, scope, parse_period("2021", scope))
    assert values(f) == {"cadres_dispatched": 4, "teachers_dispatched": 1, "doctors_dispatched": 1,
                         "flexible_talent_introduced": 1, "people_on_post": 3,
                         "on_post_rate": M("99.24")}
    rate = f["on_post_rate"]
    assert (rate.numerator, rate.denominator) == (M(1299), M(1309))
    assert all(fig.basis == 5 for fig in f.values())  # five persons
    on_post = f["people_on_post"]
    assert {k: v for k, _l, v in on_post.by("posted")} == {"cadre": 2, "professional": 2, "flexible": 1}
    assert {k: v for k, _l, v in on_post.by("on_post")} == {"cadre": 2, "professional": 1, "flexible": 0}
    # Nothing of projects is recorded: the projects provider computes nothing.
    assert "aid_funds_total" not in f


def test_people_of_another_year_and_of_the_batch(world, postings):
    scope = parse_scope(GONGLIU)
    f = compute(world.staff_gongliu, scope, parse_period("2020", scope))
    assert {c: f[c].value for c in ("cadres_dispatched", "teachers_dispatched", "doctors_dispatched",
                                    "flexible_talent_introduced")} == {
        "cadres_dispatched": 2, "teachers_dispatched": 1, "doctors_dispatched": 0,
        "flexible_talent_introduced": 0}
    whole = compute(world.staff_gongliu, scope, parse_period("batch", scope))
    assert (whole["cadres_dispatched"].value, whole["flexible_talent_introduced"].value) == (4, 1)
    assert compute(world.staff_gongliu, scope, parse_period("2019")) == {}
    # 江苏省 sees the same people; 吉林市→阿勒泰 2015 its doctor only.
    province = compute(world.js_office, parse_scope("province:320000"), parse_period("2021"))
    assert province["cadres_dispatched"].value == 4
    altay = compute(world.staff_altay, parse_scope("command:220200-654301:8"), parse_period("2015"))
    assert (altay["cadres_dispatched"].value, altay["doctors_dispatched"].value) == (1, 1)


# --- the records behind a figure -------------------------------------------------------------------


# The lists narrow by `FigureRecordsFilter` (core/admin_base.py), with the narrowing each
# app registers for its models: the list a figure links to adds up to the figure.


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def listed(user, url) -> list:
    response = client_for(user).get(url)
    assert response.status_code == 200, url
    return list(response.context["cl"].result_list)


def test_the_disbursements_behind_a_figure(world, plan):
    """2021 of 张家港→巩留 (and of the front command above it): GL-1, GL-3, GL-4 = 4,700,000 —
    not GL-2 (2022) nor AL-1 (吉林市→阿勒泰). The batch adds GL-2; the second quarter has
    GL-1 and GL-4 only."""
    for text in (GONGLIU, "command:320000-654000:10"):
        scope = parse_scope(text)
        figure = compute(world.admin, scope, parse_period("2021", scope))["aid_funds_disbursed"]
        rows = listed(world.admin, figure.records)
        assert sorted(d.voucher_number for d in rows) == ["GL-1", "GL-3", "GL-4"]
        assert sum(d.amount for d in rows) == figure.value == M("4700000.00")
    scope = parse_scope(GONGLIU)
    batch = compute(world.admin, scope, parse_period("batch", scope))["aid_funds_disbursed"]
    assert sorted(d.voucher_number for d in listed(world.admin, batch.records)) == [
        "GL-1", "GL-2", "GL-3", "GL-4"]
    q2 = compute(world.admin, scope, parse_period("2021Q2", scope))["aid_funds_disbursement_rate"]
    assert sorted(d.voucher_number for d in listed(world.admin, q2.records)) == ["GL-1", "GL-4"]


def test_the_allocations_and_projects_behind_figures(world, plan):
    scope = parse_scope(GONGLIU)
    f = compute(world.admin, scope, parse_period("2021", scope))
    allocations = listed(world.admin, f["aid_funds_total"].records)
    assert len(allocations) == 5 and sum(a.amount for a in allocations) == M("11000000.00")
    extra = listed(world.admin, f["aid_funds_extra_plan"].records)
    assert [a.amount for a in extra] == [M("500000.00")]
    assert len(listed(world.admin, f["aid_funds_arrived"].records)) == 2

    def codes(code):
        return sorted(p.code for p in listed(world.admin, f[code].records))

    assert codes("aid_projects_total") == ["P1", "P2", "P3", "P4"]
    assert codes("aid_subprojects_total") == ["P1-1"]
    assert codes("projects_started") == ["P1", "P3", "P4"]
    assert codes("projects_completed") == ["P3"]
    assert codes("livelihood_funds_share") == ["P2", "P4"]  # those that pull it down
    assert codes("grassroots_funds_share") == ["P3"]


def test_the_postings_behind_figures(world, postings):
    scope = parse_scope(GONGLIU)
    f = compute(world.admin, scope, parse_period("2021", scope))

    def names(code):
        return sorted(a.person.name for a in listed(world.admin, f[code].records))

    assert names("cadres_dispatched") == ["丙", "乙", "戊", "戊", "甲"]  # P's two postings
    assert names("teachers_dispatched") == ["乙"]
    assert names("doctors_dispatched") == ["丙"]
    assert names("flexible_talent_introduced") == ["丁"]
    assert names("people_on_post") == ["丁", "丙", "乙", "戊", "戊", "甲"]


def test_the_registered_narrowing_gives_the_records_of_the_figure(world, plan):
    """What the indicators app registers for each list, called as the filter calls it."""
    from yuanjiang.core.admin_base import FIGURE_RECORDS
    from yuanjiang.projects.models import Allocation, Disbursement

    scope = parse_scope(GONGLIU)
    narrow = FIGURE_RECORDS["projects.disbursement"]
    rows = narrow(Disbursement.objects.all(), scope.ident, "2021")
    assert sorted(rows.values_list("voucher_number", flat=True)) == ["GL-1", "GL-3", "GL-4"]
    rows = narrow(Disbursement.objects.all(), scope.ident, f"batch#{world.js10.pk}")
    assert sorted(rows.values_list("voucher_number", flat=True)) == ["GL-1", "GL-2", "GL-3", "GL-4"]
    rows = FIGURE_RECORDS["projects.allocation"](Allocation.objects.all(), scope.ident, "2021")
    assert sum(rows.values_list("amount", flat=True)) == M("11000000.00")


def test_a_records_link_lists_exactly_the_records_of_its_figure(world, plan):
    scope = parse_scope(GONGLIU)
    figure = compute(world.admin, scope, parse_period("2021", scope))["aid_funds_disbursed"]
    rows = listed(world.admin, figure.records)
    assert sorted(d.voucher_number for d in rows) == ["GL-1", "GL-3", "GL-4"]


# --- investment, talent, consumption aid and culture ------------------------------------------


@pytest.fixture
def activity_records(world):
    """张家港→巩留 in 2021: a visit to two enterprises and a fair; a project signed and landed
    (agreement 9,000,000, planned 8,000,000, 40 jobs) with 3,000,000 in place; a programme
    of 50,000 with two trainees; one secondment; sales of 12,000.50 online in May and 7,999.50
    at an exhibition in June; a performance and a delegation. Nothing for 2022."""
    from tests.factories import (
        ActivityFactory,
        CulturalEventFactory,
        EnterpriseFactory,
        InvestmentProjectFactory,
        SaleFactory,
        SecondmentFactory,
        TraineeFactory,
        TrainingProgrammeFactory,
    )
    from yuanjiang.investment.services import FundsInPlaceService, investment_advance

    g = world.gongliu
    a, b = EnterpriseFactory(command=g), EnterpriseFactory(command=g)
    ActivityFactory(command=g, kind="visit", date=D(2021, 4, 1), enterprises=[a, b])
    ActivityFactory(command=g, kind="fair", date=D(2021, 5, 1))
    p = InvestmentProjectFactory(command=g, enterprise=a, planned_investment=M("8000000.00"),
                                 jobs_created=40)
    investment_advance(p, acting_user=None, to="landed", on=D(2021, 6, 1),
                       agreement_amount=M("9000000.00"))
    FundsInPlaceService.create(acting_user=None, data={"project": p, "date": D(2021, 7, 1),
                                                       "amount": M("3000000.00")})
    programme = TrainingProgrammeFactory(command=g, funds=M("50000.00"), start_date=D(2021, 6, 1))
    TraineeFactory(programme=programme, name="王芳")
    TraineeFactory(programme=programme, name="李强")
    SecondmentFactory(command=g, start_date=D(2021, 4, 1), end_date=D(2021, 5, 1))
    SaleFactory(command=g, channel="online", year=2021, month=5, amount=M("12000.50"))
    SaleFactory(command=g, channel="exhibition", year=2021, month=6, amount=M("7999.50"))
    CulturalEventFactory(command=g, kind="performance", date=D(2021, 7, 1))
    CulturalEventFactory(command=g, kind="delegation", date=D(2021, 8, 1))
    return p


def test_the_activity_codes_of_a_year(world, activity_records):
    scope = parse_scope(GONGLIU)
    f = values(compute(world.staff_gongliu, scope, parse_period("2021", scope)))
    assert {k: f[k] for k in f if k not in MONEY_CODES and k not in PEOPLE_CODES} == {
        "enterprises_visited": 2, "investment_fairs": 1, "merchant_delegations": 0,
        "investment_projects_introduced": 1, "investment_projects_landed": 1,
        "investment_agreement_amount": M("9000000.00"), "planned_investment": M("8000000.00"),
        "investment_funds_in_place": M("3000000.00"), "enterprises_settled": 1, "jobs_created": 40,
        "training_projects": 1, "training_funds": M("50000.00"), "cadres_trained": 2,
        "farmers_trained": 0, "local_cadres_seconded": 1, "consumption_aid_sales": M("20000.00"),
        "cultural_events": 1, "exchange_delegations": 1}
    sales = compute(world.staff_gongliu, scope, parse_period("2021", scope))["consumption_aid_sales"]
    assert sales.by("channel") == (("exhibition", "展销会", M("7999.50")),
                                   ("online", "网络销售", M("12000.50")))


def test_kinds_without_records_leave_the_reported_values_in_use(world, activity_records):
    scope = parse_scope(GONGLIU)
    f = compute(world.staff_gongliu, scope, parse_period("2022", scope))
    assert not {"enterprises_visited", "training_projects", "consumption_aid_sales",
                "cultural_events", "local_talent_mentored", "group_aid_schools"} & set(f)
    # May 2021 (year to date) has the online sales but not June's exhibition.
    may = compute(world.staff_gongliu, scope, parse_period("2021-05", scope))
    assert may["consumption_aid_sales"].value == M("12000.50")
    assert "cultural_events" not in may


def test_activity_figures_link_to_their_records(world, activity_records):
    from yuanjiang.exchange.models import Sale
    from yuanjiang.investment.models import InvestmentProject

    scope = parse_scope(GONGLIU)
    f = compute(world.admin, scope, parse_period("2021", scope))
    assert [p.pk for p in listed(world.admin, f["investment_projects_landed"].records)] == [
        activity_records.pk]
    assert isinstance(listed(world.admin, f["investment_projects_landed"].records)[0],
                      InvestmentProject)
    rows = listed(world.admin, f["consumption_aid_sales"].records)
    assert all(isinstance(r, Sale) for r in rows) and sum(r.amount for r in rows) == M("20000.00")
    assert len(listed(world.admin, f["cultural_events"].records)) == 1
    assert len(listed(world.admin, f["cadres_trained"].records)) == 2

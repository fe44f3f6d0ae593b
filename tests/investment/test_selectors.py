"""The investment figures against hand-computed records, and their query counts."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import ActivityFactory, EnterpriseFactory, InvestmentProjectFactory
from yuanjiang.core.selectors import commands_of
from yuanjiang.investment import selectors
from yuanjiang.investment.models import InvestmentProject
from yuanjiang.investment.services import FundsInPlaceService, investment_advance

pytestmark = pytest.mark.django_db
D, M = dt.date, Decimal
YEAR_2021 = (D(2021, 1, 1), D(2021, 12, 31))


@pytest.fixture
def records(world):
    g = world.gongliu
    a, b, c = (EnterpriseFactory(command=g, name=n) for n in ("甲公司", "乙公司", "丙公司"))
    # Visits name a and b, then b and c: three distinct enterprises visited in 2021.
    ActivityFactory(command=g, kind="visit", date=D(2021, 3, 1), enterprises=[a, b])
    ActivityFactory(command=g, kind="visit", date=D(2021, 6, 1), enterprises=[b, c])
    ActivityFactory(command=g, kind="visit", date=D(2022, 6, 1), enterprises=[a])
    ActivityFactory(command=g, kind="fair", date=D(2021, 9, 1))
    ActivityFactory(command=g, kind="reception", date=D(2021, 10, 1))
    ActivityFactory(command=g, kind="reception", date=D(2021, 11, 1))
    # Another command's work is not counted for 巩留.
    ActivityFactory(command=world.altay, kind="fair", date=D(2015, 9, 1))
    p1 = InvestmentProjectFactory(command=g, enterprise=a, planned_investment=M("80000000.00"),
                                  jobs_created=120)
    p2 = InvestmentProjectFactory(command=g, enterprise=b, planned_investment=M("20000000.00"),
                                  jobs_created=30)
    p3 = InvestmentProjectFactory(command=g, enterprise=a, planned_investment=None, jobs_created=5)
    investment_advance(p1, acting_user=None, to="landed", on=D(2021, 5, 1),
                       agreement_amount=M("90000000.00"))
    investment_advance(p2, acting_user=None, to="signed", on=D(2021, 7, 1),
                       agreement_amount=M("25000000.00"))
    investment_advance(p2, acting_user=None, to="landed", on=D(2022, 2, 1))
    investment_advance(p3, acting_user=None, to="landed", on=D(2021, 8, 1),
                       agreement_amount=M("1000000.00"))
    for project, day, amount in ((p1, D(2021, 6, 1), "30000000.00"), (p1, D(2022, 1, 5), "10000000.00"),
                                 (p2, D(2021, 12, 31), "5000000.00")):
        FundsInPlaceService.create(acting_user=None, data={"project": project, "date": day,
                                                           "amount": M(amount)})
    return {"p1": p1, "p2": p2, "p3": p3}


def test_activity_counts_of_a_year(world, records):
    commands = commands_of(command=world.gongliu)
    c = selectors.activity_counts(world.admin, commands, *YEAR_2021)
    assert (c["visited"], c["fairs"], c["receptions"], c["all"]) == (3, 1, 2, 5)
    whole = selectors.activity_counts(world.admin, commands, D(2020, 1, 1), D(2023, 4, 30))
    assert whole["visited"] == 3  # 甲 visited again in 2022 is still one enterprise


def test_pipeline_figures_of_a_year(world, records):
    commands = commands_of(command=world.gongliu)
    p = selectors.project_figures(world.admin, commands, *YEAR_2021)
    # Signed in 2021: all three; landed in 2021: p1 and p3 (one enterprise, 甲).
    assert p["signed"] == 3
    assert p["agreement"] == M("116000000.00")
    assert p["planned"] == M("100000000.00")
    assert (p["landed"], p["settled"], p["jobs"]) == (2, 1, 125)
    assert p["funds"] == M("35000000.00")
    p2022 = selectors.project_figures(world.admin, commands, D(2022, 1, 1), D(2022, 12, 31))
    assert (p2022["signed"], p2022["landed"], p2022["jobs"], p2022["funds"]) == (0, 1, 30, M("10000000.00"))


def test_the_figures_follow_the_data_scope(world, records):
    commands = commands_of(command=world.gongliu)
    assert selectors.project_figures(world.staff_altay, commands, *YEAR_2021)["signed"] == 0
    assert selectors.project_figures(world.recipient_gongliu, commands, *YEAR_2021)["signed"] == 3
    assert selectors.activity_counts(world.js_office, commands, *YEAR_2021)["all"] == 5


def test_the_figures_take_a_bounded_number_of_queries(world, records, django_assert_max_num_queries):
    commands = commands_of(command=world.gongliu)
    with django_assert_max_num_queries(6):
        selectors.activity_counts(world.admin, commands, *YEAR_2021)
        selectors.project_figures(world.admin, commands, *YEAR_2021)


def test_funds_in_place_annotated(world, records):
    rows = {p.pk: p.funds_total for p in selectors.with_funds_in_place(InvestmentProject.objects.all())}
    assert rows[records["p1"].pk] == M("40000000.00")
    assert rows[records["p3"].pk] == M("0.00")

"""Sales and events figures against hand-computed records."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import CulturalEventFactory, SaleFactory
from yuanjiang.core.selectors import commands_of
from yuanjiang.exchange import selectors

pytestmark = pytest.mark.django_db
D, M = dt.date, Decimal


@pytest.fixture
def records(world):
    g = world.gongliu
    for year, month, channel, amount in ((2020, 12, "online", "100.00"), (2021, 1, "online", "200.25"),
                                         (2021, 3, "shop", "300.00"), (2021, 12, "online", "400.00"),
                                         (2022, 1, "exhibition", "500.00")):
        SaleFactory(command=g, year=year, month=month, channel=channel, amount=M(amount))
    for kind, day in (("performance", D(2021, 2, 1)), ("youth_camp", D(2021, 7, 1)),
                      ("friendship", D(2021, 9, 1)), ("delegation", D(2021, 10, 1)),
                      ("delegation", D(2022, 3, 1))):
        CulturalEventFactory(command=g, kind=kind, date=day, participants=10)


def test_sales_of_a_year_a_quarter_and_across_years(world, records):
    commands = commands_of(command=world.gongliu)
    year = selectors.sales_figures(world.admin, commands, D(2021, 1, 1), D(2021, 12, 31))
    assert year["total"] == M("900.25") and year["records"] == 3
    assert year["by_channel"] == {"online": M("600.25"), "shop": M("300.00")}
    q1 = selectors.sales_figures(world.admin, commands, D(2021, 1, 1), D(2021, 3, 31))
    assert q1["total"] == M("500.25")
    span = selectors.sales_figures(world.admin, commands, D(2020, 12, 1), D(2022, 1, 31))
    assert span["total"] == M("1500.25")


def test_events_by_kind(world, records):
    commands = commands_of(command=world.gongliu)
    c = selectors.event_counts(world.admin, commands, D(2021, 1, 1), D(2021, 12, 31))
    assert (c["cultural"], c["delegations"], c["participants"]) == (3, 1, 40)
    assert selectors.event_counts(world.staff_altay, commands, D(2021, 1, 1), D(2021, 12, 31))["all"] == 0

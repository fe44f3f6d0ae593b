"""The on-post rate against a hand-computed example; who is on post, away, ending soon."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import AssignmentFactory, PersonFactory, region
from yuanjiang.people.selectors import (
    OnPostRate,
    away_on,
    ending_within,
    on_post_on,
    on_post_rate,
)
from yuanjiang.people.services import LeaveService, assignment_finish

pytestmark = pytest.mark.django_db
D = dt.date
JAN = (D(2021, 1, 1), D(2021, 1, 31))


def leave(posting, start, end, returned=None, kind="home_visit"):
    return LeaveService.create(acting_user=None, data={
        "assignment": posting, "kind": kind, "start_date": start, "end_date": end,
        "approved_by": "指挥长", "returned_on": returned})


@pytest.fixture
def january(world, people):
    """The example of the module docstring of selectors, worked out by hand:

    A  on post all January; home visit 10–25, back on the 18th: away 10–17 = 8 days
    B  on post all January; sick 2020-12-28 – 2021-01-03, back on the 4th: away 1–3 = 3 days
    C  proposed, not arrived: not counted
    D  arrived 21 January: posted 21–31 = 11 days; leave from the 30th, not back: 2 days
    E  returned early on 5 January (last day on post): posted 1–5 = 5 days
    posted 31 + 31 + 11 + 5 = 78, away 8 + 3 + 2 = 13, on post 65: 83.33 %
    """
    a, b = people.cadre, people.teacher
    leave(a, D(2021, 1, 10), D(2021, 1, 25), returned=D(2021, 1, 18))
    leave(b, D(2020, 12, 28), D(2021, 1, 3), returned=D(2021, 1, 4), kind="sick")
    AssignmentFactory(command=world.gongliu, organisation=people.school, status="proposed",
                      start_date=D(2021, 1, 10), term_type="1y")
    d = AssignmentFactory(command=world.gongliu, organisation=people.school,
                          start_date=D(2021, 1, 21), term_type="1y")
    leave(d, D(2021, 1, 30), D(2021, 2, 10))
    e = AssignmentFactory(command=world.gongliu, organisation=people.government,
                          start_date=D(2020, 6, 1), term_type="1y")
    assignment_finish(e, acting_user=None, on=D(2021, 1, 5), early=True, reason="工作调动")
    return a


def test_on_post_rate_of_a_command_by_hand(world, january):
    rate = on_post_rate(world.admin, *JAN, command=world.gongliu, as_of=D(2021, 12, 31))
    assert rate == OnPostRate(posted_days=78, days_away=13)
    assert rate.on_post_days == 65
    assert rate.rate == Decimal("83.33")


def test_rate_counts_only_days_up_to_today(world, january):
    rate = on_post_rate(world.admin, *JAN, command=world.gongliu, as_of=D(2021, 1, 15))
    # A 15 days, 6 away (10–15); B 15 days, 3 away; D not yet arrived; E 5 days.
    assert rate == OnPostRate(posted_days=35, days_away=9)
    assert rate.rate == Decimal("74.29")


def test_rate_of_a_person_a_parent_command_and_a_province(world, january):
    person = on_post_rate(world.admin, *JAN, person=january.person, as_of=D(2021, 12, 31))
    assert person == OnPostRate(31, 8) and person.rate == Decimal("74.19")
    parent = on_post_rate(world.admin, *JAN, command=world.yili, as_of=D(2021, 12, 31))
    assert parent == OnPostRate(78, 13)  # the front command includes its work groups
    province = on_post_rate(world.admin, *JAN, supporting=region("320000"), as_of=D(2021, 12, 31))
    assert province == OnPostRate(78, 13)
    other = on_post_rate(world.admin, *JAN, supporting=region("220000"), as_of=D(2021, 12, 31))
    assert other == OnPostRate(0, 0) and other.rate is None


def test_rate_obeys_the_data_scope(world, january):
    assert on_post_rate(world.staff_altay, *JAN, as_of=D(2021, 12, 31)) == OnPostRate(0, 0)
    assert on_post_rate(world.staff_gongliu, *JAN, as_of=D(2021, 12, 31)) == OnPostRate(78, 13)


def test_rate_is_two_queries_whatever_the_number_of_postings(world, people, january,
                                                              django_assert_num_queries):
    for _ in range(15):
        AssignmentFactory(command=world.gongliu, organisation=people.school,
                          start_date=D(2020, 9, 1), term_type="1y")
    user = world.staff_gongliu
    user.get_all_permissions()
    with django_assert_num_queries(2):
        on_post_rate(user, *JAN, command=world.gongliu, as_of=D(2021, 12, 31))


def test_who_is_on_post_and_away_on_a_day(world, january, people):
    day = D(2021, 1, 12)
    running = set(on_post_on(world.admin, day, command=world.gongliu))
    assert january in running and people.teacher in running
    assert [lv.person for lv in away_on(world.admin, day, command=world.gongliu)] == [january.person]
    assert not away_on(world.admin, D(2021, 1, 18), command=world.gongliu).exists()


def test_terms_ending_within_90_days(world, people):
    today = D(2022, 12, 15)
    ending = list(ending_within(world.admin, 90, today=today, command=world.gongliu))
    assert ending == [people.cadre]  # ends 2023-02-28
    assert list(ending_within(world.admin, 30, today=today, command=world.gongliu)) == []
    assert PersonFactory  # factories used in the fixture

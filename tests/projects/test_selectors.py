"""The funds figures, the four rates, the two 80% rules and the early warnings, against an
example worked out by hand; and a bounded number of queries whatever the number of projects."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import AllocationFactory, ProjectFactory, advance, disburse, funds_plan, region
from yuanjiang.projects.selectors import (
    Narrow,
    disbursed_by_project,
    funds_summary,
    percent,
    share_breakers,
    warnings,
)
from yuanjiang.projects.services import progress_report

pytestmark = pytest.mark.django_db
D = dt.date
M = Decimal


@pytest.fixture
def plan(world):
    """The hand-computed plan of tests.factories.funds_plan (see its docstring)."""
    return funds_plan(world)


def test_percent_rounds_half_up_and_knows_no_whole():
    assert percent(2, 3) == M("66.67")
    assert percent(1, 8) == M("12.50")
    assert percent(5, 0) is None


def test_year_figures_match_the_hand_computed_example(world, plan):
    s = funds_summary(world.staff_gongliu, Narrow(command=world.gongliu, year=2021))
    assert (s.planned, s.planned_in_plan, s.planned_extra_plan, s.to_projects) == (
        M("11000000.00"), M("10500000.00"), M("500000.00"), M("10000000.00"))
    assert (s.livelihood, s.grassroots) == (M("7500000.00"), M("8500000.00"))
    assert (s.arrived, s.arrived_in_plan, s.disbursed) == (
        M("8500000.00"), M("8000000.00"), M("4700000.00"))
    assert (s.arrival_rate, s.disbursement_rate, s.start_rate, s.completion_rate) == (
        M("76.19"), M("47.00"), M("50.00"), M("25.00"))
    assert (s.livelihood_share, s.grassroots_share) == (M("75.00"), M("85.00"))
    assert (s.livelihood_rule_holds, s.grassroots_rule_holds) == (False, True)
    assert (s.projects, s.items, s.new_planned, s.new_started, s.continuing,
            s.continuing_started, s.completed) == (4, 1, 2, 1, 1, 1, 1)
    assert s.by_stage["started"] == 2 and s.by_stage["approved"] == 1
    assert s.by_stage["completed"] == 1 and s.by_stage["pipeline"] == 0
    assert s.by_category["livelihood"] == {"label": "民生", "projects": 1,
                                           "allocated": M("6000000.00")}
    assert s.by_category["group_medical"]["allocated"] == M("1500000.00")


def test_batch_figures_take_every_year(world, plan):
    s = funds_summary(world.staff_gongliu, Narrow(command=world.gongliu))
    assert s.planned == M("11000999.99") and s.disbursed == M("5700000.00")
    same = funds_summary(world.js_office, Narrow(supporting=region("320000"), batch=world.js10))
    assert same.planned == M("11000999.99")
    assert funds_summary(world.js_office, Narrow(supporting=region("320000"), batch=world.js9)
                         ).planned == 0


def test_the_province_and_the_parent_command_see_the_same_figures(world, plan):
    mine = funds_summary(world.staff_gongliu, Narrow(command=world.gongliu, year=2021))
    province = funds_summary(world.js_office, Narrow(supporting=region("320000"), year=2021))
    parent = funds_summary(world.staff_yili, Narrow(command=world.yili, year=2021))
    for s in (province, parent):
        assert (s.planned, s.disbursed, s.livelihood_share) == (
            mine.planned, mine.disbursed, mine.livelihood_share)


def test_figures_outside_the_scope_are_zero(world, plan):
    s = funds_summary(world.staff_altay, Narrow(year=2021))
    assert s.planned == 0 and s.projects == 0
    assert s.arrival_rate is None and s.livelihood_share is None
    assert s.livelihood_rule_holds is None
    s = funds_summary(world.jl_office, Narrow(command=world.gongliu, year=2021))
    assert s.planned == 0


def test_the_projects_that_pull_the_shares_down(world, plan):
    narrow = Narrow(command=world.gongliu, year=2021)
    rows = [(p.code, p.allocated) for p in share_breakers(world.staff_gongliu, narrow)]
    assert rows == [("P2", M("2000000.00")), ("P4", M("500000.00"))]
    rows = [(p.code, p.allocated)
            for p in share_breakers(world.staff_gongliu, narrow, rule="grassroots")]
    assert rows == [("P3", M("1500000.00"))]


def test_monthly_table_rows_add_up_to_the_end_of_the_year(world, plan):
    rows = {p.code: (p.allocated, p.disbursed)
            for p in disbursed_by_project(world.staff_gongliu, Narrow(command=world.gongliu,
                                                                      year=2021))}
    assert rows["P1"] == (M("6000000.00"), M("3000000.00"))
    assert rows["P1-1"] == (M("0.00"), M("0.00"))
    whole = {p.code: (p.allocated, p.disbursed)
             for p in disbursed_by_project(world.staff_gongliu, Narrow(command=world.gongliu))}
    assert whole["P1"] == (M("6000999.99"), M("4000000.00"))


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_queries_are_bounded_whatever_the_number_of_projects(world, plan):
    narrow = Narrow(supporting=region("320000"), year=2021)

    def run():
        s = funds_summary(world.js_office, narrow)  # seven queries
        list(share_breakers(world.js_office, narrow))
        list(warnings(world.js_office, today=D(2021, 7, 1)))
        list(disbursed_by_project(world.js_office, Narrow(year=2021)))
        return s

    run()  # the user's permissions are loaded once
    few = _count(run)
    for i in range(30):
        p = ProjectFactory(command=world.gongliu, code=f"X{i}", category="industry")
        AllocationFactory(command=world.gongliu, project=p, amount=M("1000.00"))
        advance(p, "approved", D(2021, 3, 1))
        disburse(p, "10.00", D(2021, 4, 1))
    assert _count(run) == few == 10
    assert run().projects == 34


# --- early warning -------------------------------------------------------------------------------


APRIL, OCTOBER = D(2021, 4, 1), D(2021, 10, 31)


@pytest.fixture
def schedule(world):
    def project(code, stage=None, start=APRIL, end=OCTOBER, progress=None, started_on=APRIL):
        p = ProjectFactory(command=world.gongliu, code=code, planned_start=start, planned_end=end)
        if stage:
            advance(p, stage, started_on if stage != "approved" else D(2021, 3, 1))
        if progress is not None:
            progress_report(p, acting_user=None, date=D(2021, 6, 30), percent=progress)
        return p

    return project


def test_warnings_against_the_straight_line(world, schedule):
    """Today 2021-07-01: 91 of the 213 planned days of 2021-04-01 – 2021-10-31 have passed,
    so the line stands at 42% (91 × 100 ÷ 213, rounded down)."""
    schedule("LATE", stage="approved")  # planned to start on 1 April, not started
    schedule("BEHIND", stage="started", progress=10)  # 42.7 − 10 = 32.7 > 20
    schedule("OK", stage="started", progress=30)  # 42.7 − 30 = 12.7 ≤ 20
    schedule("FUTURE", start=D(2021, 8, 1))  # not due to start yet
    schedule("DONE", stage="completed", progress=100, started_on=D(2021, 6, 30))
    schedule("OVERDUE", stage="started", start=D(2021, 1, 1), end=D(2021, 6, 30),
             progress=90, started_on=D(2021, 1, 2))  # line at 100: 10 behind
    found = {p.code: (p.warning, p.expected_percent)
             for p in warnings(world.staff_gongliu, today=D(2021, 7, 1))}
    assert found == {"LATE": ("not_started", None), "BEHIND": ("behind", 42)}
    strict = {p.code for p in warnings(world.staff_gongliu, today=D(2021, 7, 1), margin=5)}
    assert strict == {"LATE", "BEHIND", "OK", "OVERDUE"}
    assert not list(warnings(world.staff_altay, today=D(2021, 7, 1)))


def test_money_comes_out_to_the_fen(world, plan):
    s = funds_summary(world.staff_gongliu, Narrow(command=world.gongliu))
    for value in (s.planned, s.arrived, s.disbursed, s.livelihood,
                  s.by_category["livelihood"]["allocated"]):
        assert value.as_tuple().exponent == -2, value


def test_a_projects_row_in_the_monthly_table_holds_its_items_money(world):
    big = ProjectFactory(command=world.gongliu, code="BIG", budget=M("1000000.00"))
    item = ProjectFactory(command=world.gongliu, code="BIG-1", parent=big, budget=M("500000.00"))
    AllocationFactory(command=world.gongliu, project=item, amount=M("300000.00"))
    advance(item, "approved", D(2021, 3, 1))
    disburse(item, "200000.00", D(2021, 4, 1))
    rows = {p.code: (p.allocated, p.disbursed)
            for p in disbursed_by_project(world.staff_gongliu, Narrow(command=world.gongliu))}
    assert rows == {"BIG": (M("300000.00"), M("200000.00")),
                    "BIG-1": (M("300000.00"), M("200000.00"))}


def test_the_recipient_side_sees_the_same_rates_as_the_command(world, plan):
    mine = funds_summary(world.staff_gongliu, Narrow(command=world.gongliu, year=2021))
    theirs = funds_summary(world.recipient_gongliu, Narrow(command=world.gongliu, year=2021))
    assert (theirs.planned, theirs.arrival_rate) == (mine.planned, mine.arrival_rate)


def test_the_per_command_table_rolls_sums_up_the_tree_in_a_fixed_number_of_queries(world, plan):
    from yuanjiang.core.models import Command
    from yuanjiang.projects.selectors import funds_by_command

    commands = list(Command.objects.restrict(world.js_office))
    rows = dict(funds_by_command(world.js_office, commands, year=2021))
    for command in (world.gongliu, world.yili):  # the work group, and the command above it
        alone = funds_summary(world.js_office, Narrow(command=command, year=2021))
        row = rows[command]
        assert (row.planned, row.arrived, row.disbursed, row.projects, row.livelihood_share,
                row.arrival_rate, row.start_rate) == (
            alone.planned, alone.arrived, alone.disbursed, alone.projects, alone.livelihood_share,
            alone.arrival_rate, alone.start_rate)
    assert rows[world.yili].planned == M("11000000.00")
    assert rows[world.yili].livelihood_share == M("75.00")  # a ratio of the rolled-up sums
    assert world.altay not in rows  # out of scope, and nothing of its own would show anyway
    few = _count(lambda: funds_by_command(world.js_office, commands, year=2021))
    for i in range(5):
        ProjectFactory(command=world.yili, code=f"K{i}", category="industry")
    assert _count(lambda: funds_by_command(world.js_office, commands, year=2021)) == few == 5


def test_a_past_years_starts_are_counted_to_its_end(world, plan):
    """P2 (new, in plan, 2021) starts on 2022-03-01: 2021 still has 1 of 2 new projects
    started (50.00%); the whole batch, counted to today, has 2 of 2."""
    advance(plan["p2"], "started", D(2022, 3, 1))
    year = funds_summary(world.staff_gongliu, Narrow(command=world.gongliu, year=2021))
    assert (year.new_started, year.start_rate) == (1, M("50.00"))
    batch = funds_summary(world.staff_gongliu, Narrow(command=world.gongliu))
    assert (batch.new_started, batch.start_rate) == (2, M("100.00"))
    assert year.by_stage["started"] == 3  # counts by stage are today's

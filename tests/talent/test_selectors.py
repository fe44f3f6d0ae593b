"""The talent figures against hand-computed records, and their query counts."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import (
    AssignmentFactory,
    MentorshipFactory,
    OrganisationFactory,
    SecondmentFactory,
    TraineeFactory,
    TrainingProgrammeFactory,
    region,
)
from yuanjiang.core.selectors import commands_of
from yuanjiang.talent import selectors
from yuanjiang.talent.services import GroupAidService

pytestmark = pytest.mark.django_db
D, M = dt.date, Decimal
YEAR_2021 = (D(2021, 1, 1), D(2021, 12, 31))


@pytest.fixture
def records(world):
    g = world.gongliu
    p1 = TrainingProgrammeFactory(command=g, start_date=D(2021, 3, 1), end_date=D(2021, 3, 7),
                                  funds=M("120000.00"))
    p2 = TrainingProgrammeFactory(command=g, start_date=D(2021, 9, 1), end_date=D(2021, 9, 7),
                                  funds=M("80000.50"))
    p3 = TrainingProgrammeFactory(command=g, start_date=D(2022, 3, 1), end_date=D(2022, 3, 7),
                                  funds=M("50000.00"))
    farmers = TrainingProgrammeFactory(command=g, audience="farmers", venue="local",
                                       start_date=D(2021, 5, 1), end_date=D(2021, 5, 3),
                                       funds=M("9999.00"))
    # 王芳 of the hospital is trained twice in 2021: one person trained.
    for programme, names in ((p1, ["王芳", "李强"]), (p2, ["王芳", "赵敏"]), (p3, ["孙丽"])):
        for name in names:
            TraineeFactory(programme=programme, name=name, organisation="巩留县人民医院")
    TraineeFactory(programme=p2, name="李强", organisation="巩留县高级中学")  # another 李强
    for i in range(3):
        TraineeFactory(programme=farmers, name=f"农民{i}", organisation="阿克吐别克镇")
    SecondmentFactory(command=g, name="努尔兰", start_date=D(2021, 4, 1), end_date=D(2021, 6, 30))
    SecondmentFactory(command=g, name="努尔兰", start_date=D(2021, 9, 1), end_date=D(2021, 10, 30))
    SecondmentFactory(command=g, name="叶尔兰", start_date=D(2022, 4, 1), end_date=D(2022, 6, 30))
    school = OrganisationFactory(name="巩留县高级中学", kind="school", region=region("654024"))
    teacher = AssignmentFactory(command=g, organisation=school, category="professional",
                                professional_kind="teacher", start_date=D(2020, 3, 1))
    MentorshipFactory(mentor=teacher, mentee_name="甲", start_date=D(2020, 9, 1), end_date=D(2021, 1, 31))
    MentorshipFactory(mentor=teacher, mentee_name="甲", start_date=D(2021, 3, 1))
    MentorshipFactory(mentor=teacher, mentee_name="乙", start_date=D(2021, 4, 1))
    GroupAidService.create(acting_user=None, data={
        "command": g, "kind": "school", "institution": school, "supporting_institutions": "梁丰高中",
        "start_year": 2020, "end_year": 2021})
    GroupAidService.create(acting_user=None, data={
        "command": g, "kind": "hospital", "institution": world.hospital,
        "supporting_institutions": "张家港市第一人民医院", "start_year": 2022})


def test_training_figures(world, records):
    t = selectors.training_figures(world.admin, commands_of(command=world.gongliu), *YEAR_2021)
    # Programmes for cadres in 2021: two, 200,000.50 yuan; 王芳, 李强 (医院), 赵敏, 李强 (中学).
    assert (t["programmes"], t["cadre_programmes"], t["funds"]) == (3, 2, M("200000.50"))
    assert t["cadres_trained"] == 4
    assert t["farmers_trained"] == 3


def test_secondments_mentoring_and_group_aid(world, records):
    commands = commands_of(command=world.gongliu)
    assert selectors.seconded(world.admin, commands, *YEAR_2021) == 1
    assert selectors.seconded(world.admin, commands, D(2020, 1, 1), D(2023, 4, 30)) == 2
    assert selectors.mentored(world.admin, commands, *YEAR_2021) == 2
    assert selectors.mentored(world.admin, commands, D(2020, 1, 1), D(2020, 12, 31)) == 1
    g2021 = selectors.group_aid_counts(world.admin, commands, *YEAR_2021)
    assert (g2021["schools"], g2021["hospitals"]) == (1, 0)
    g2022 = selectors.group_aid_counts(world.admin, commands, D(2022, 1, 1), D(2022, 12, 31))
    assert (g2022["schools"], g2022["hospitals"]) == (0, 1)


def test_the_figures_follow_the_scope_in_bounded_queries(world, records, django_assert_max_num_queries):
    commands = commands_of(command=world.gongliu)
    assert selectors.training_figures(world.staff_altay, commands, *YEAR_2021)["programmes"] == 0
    with django_assert_max_num_queries(8):
        selectors.training_figures(world.staff_gongliu, commands, *YEAR_2021)
        selectors.seconded(world.staff_gongliu, commands, *YEAR_2021)
        selectors.mentored(world.staff_gongliu, commands, *YEAR_2021)
        selectors.group_aid_counts(world.staff_gongliu, commands, *YEAR_2021)

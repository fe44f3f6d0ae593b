"""Rules of talent development, each with the message a user sees and nothing written."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import (
    AssignmentFactory,
    MentorshipFactory,
    OrganisationFactory,
    SecondmentFactory,
    TraineeFactory,
    TrainingProgrammeFactory,
    region,
)
from yuanjiang.core.models import ObjectChange
from yuanjiang.talent.models import GroupAid, Mentorship, Secondment, Trainee, TrainingProgramme
from yuanjiang.talent.services import GroupAidService, MentorshipService, TrainingProgrammeService

pytestmark = pytest.mark.django_db
D, M = dt.date, Decimal


def messages(exc: ValidationError) -> str:
    return " ".join(m for ms in exc.message_dict.values() for m in ms)


@pytest.fixture
def teacher(world):
    school = OrganisationFactory(name="巩留县高级中学", kind="school", region=region("654024"))
    return AssignmentFactory(command=world.gongliu, organisation=school, category="professional",
                             professional_kind="teacher", post="高中数学教师",
                             start_date=D(2020, 3, 1), status="completed",
                             actual_end_date=D(2023, 1, 31))


# --- training ----------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "words"), [(D(2019, 6, 1), "不在"), (D(2099, 6, 1), "不能晚于今天")])
def test_a_programme_opens_in_the_batch_and_not_in_the_future(world, day, words):
    with pytest.raises(ValidationError) as exc:
        TrainingProgrammeFactory(command=world.gongliu, start_date=day, end_date=day)
    assert words in messages(exc.value)
    assert not TrainingProgramme.objects.exists()


def test_a_programme_ends_after_it_opens_and_its_funds_are_not_negative(world):
    with pytest.raises(ValidationError) as exc:
        TrainingProgrammeFactory(command=world.gongliu, start_date=D(2021, 6, 7),
                                 end_date=D(2021, 6, 1), funds=M("-1"))
    text = messages(exc.value)
    assert "结业日期不能早于开班日期" in text and "不能为负数" in text


def test_a_trainee_is_once_in_a_programme(world):
    programme = TrainingProgrammeFactory(command=world.gongliu)
    TraineeFactory(programme=programme, name="王芳", organisation="巩留县人民医院")
    with pytest.raises(ValidationError) as exc:
        TraineeFactory(programme=programme, name=" 王芳 ", organisation="巩留县人民医院")
    assert "同名学员" in messages(exc.value)
    assert Trainee.objects.count() == 1


def test_programmes_are_entered_by_their_command_only(world):
    with pytest.raises((PermissionDenied, ValidationError)):
        TrainingProgrammeService.create(acting_user=world.staff_altay, data={
            "command": world.gongliu, "name": "越权", "venue": "local", "start_date": D(2021, 6, 1),
            "end_date": D(2021, 6, 2)})
    done = TrainingProgrammeService.create(acting_user=world.staff_gongliu, data={
        "command": world.gongliu, "name": "骨干教师培训班", "venue": "local",
        "start_date": D(2021, 6, 1), "end_date": D(2021, 6, 2)})
    assert ObjectChange.objects.filter(content_type__model="trainingprogramme",
                                       object_id=str(done.pk), action="create").exists()


# --- secondments ---------------------------------------------------------------------------


def test_a_cadre_is_not_seconded_twice_at_once(world):
    SecondmentFactory(command=world.gongliu, name="努尔兰", home_organisation="巩留县农业农村局",
                      start_date=D(2021, 4, 1), end_date=D(2021, 6, 30))
    with pytest.raises(ValidationError) as exc:
        SecondmentFactory(command=world.gongliu, name="努尔兰", home_organisation="巩留县农业农村局",
                          start_date=D(2021, 6, 1), end_date=D(2021, 8, 31))
    assert "时间不能重叠" in messages(exc.value)
    SecondmentFactory(command=world.gongliu, name="努尔兰", home_organisation="巩留县农业农村局",
                      start_date=D(2021, 7, 1), end_date=D(2021, 8, 31))
    assert Secondment.objects.count() == 2


# --- mentoring -------------------------------------------------------------------------------


def test_a_mentorship_takes_its_command_from_the_mentor(world, teacher):
    pair = MentorshipFactory(mentor=teacher, start_date=D(2020, 9, 1))
    assert pair.command == world.gongliu


def test_a_mentee_is_paired_with_one_mentor_at_a_time(world, teacher):
    other = AssignmentFactory(command=world.gongliu, organisation=teacher.organisation,
                              category="professional", professional_kind="teacher",
                              post="高中物理教师", start_date=D(2020, 3, 1))
    MentorshipFactory(mentor=teacher, mentee_name="阿依古丽", mentee_organisation="巩留县高级中学",
                      start_date=D(2020, 9, 1), end_date=D(2021, 8, 31))
    with pytest.raises(ValidationError) as exc:
        MentorshipFactory(mentor=other, mentee_name="阿依古丽", mentee_organisation="巩留县高级中学",
                          start_date=D(2021, 3, 1))
    assert "同一时间只能有一位导师" in messages(exc.value)
    assert "mentee_name" in exc.value.message_dict
    # After the first pairing ends, a new mentor may take her on.
    MentorshipFactory(mentor=other, mentee_name="阿依古丽", mentee_organisation="巩留县高级中学",
                      start_date=D(2021, 9, 1))
    # An open pairing runs on: a later one clashes with it.
    with pytest.raises(ValidationError):
        MentorshipFactory(mentor=teacher, mentee_name="阿依古丽", mentee_organisation="巩留县高级中学",
                          start_date=D(2022, 9, 1))
    assert Mentorship.objects.count() == 2


def test_a_mentor_is_on_post_when_the_pairing_starts(world, teacher):
    with pytest.raises(ValidationError) as exc:
        MentorshipFactory(mentor=teacher, start_date=D(2023, 3, 1))
    assert "援疆期内" in messages(exc.value)
    proposed = AssignmentFactory(command=world.gongliu, organisation=teacher.organisation,
                                 category="professional", professional_kind="teacher",
                                 post="教师", start_date=D(2020, 3, 1), status="proposed")
    with pytest.raises(ValidationError) as exc:
        MentorshipService.create(acting_user=world.staff_gongliu, data={
            "mentor": proposed, "mentee_name": "某", "mentee_organisation": "某校",
            "start_date": D(2020, 9, 10)})
    assert "已到岗" in messages(exc.value)
    assert not Mentorship.objects.exists()


# --- group-style aid ----------------------------------------------------------------------------


def test_group_aid_goes_to_a_school_or_hospital_of_the_right_kind_and_area(world, teacher):
    school = teacher.organisation
    with pytest.raises(ValidationError) as exc:
        GroupAidService.create(acting_user=world.staff_gongliu, data={
            "command": world.gongliu, "kind": "hospital", "institution": school,
            "supporting_institutions": "张家港市第一人民医院", "start_year": 2020})
    assert "不是医院" in messages(exc.value)
    far = OrganisationFactory(name="阿勒泰中学", kind="school", region=region("654301"))
    with pytest.raises(ValidationError) as exc:
        GroupAidService.create(acting_user=None, data={
            "command": world.gongliu, "kind": "school", "institution": far,
            "supporting_institutions": "梁丰高级中学", "start_year": 2020})
    assert "不在" in messages(exc.value)
    altay_posting = AssignmentFactory(command=world.altay, organisation=far, start_date=D(2014, 3, 1),
                                      term_type="18m")
    with pytest.raises(ValidationError) as exc:
        GroupAidService.create(acting_user=None, data={
            "command": world.gongliu, "kind": "school", "institution": school,
            "supporting_institutions": "梁丰高级中学", "start_year": 2020},
            m2m={"postings": [teacher, altay_posting]})
    assert "不是本指挥部选派的人员" in messages(exc.value)
    aid = GroupAidService.create(acting_user=world.staff_gongliu, data={
        "command": world.gongliu, "kind": "school", "institution": school,
        "supporting_institutions": "梁丰高级中学", "start_year": 2020}, m2m={"postings": [teacher]})
    assert list(aid.postings.all()) == [teacher]
    assert GroupAid.objects.count() == 1


def test_names_are_trimmed_so_the_overlap_rule_holds(world):
    first = SecondmentFactory(command=world.gongliu, name="王五 ", home_organisation=" 巩留县商务局",
                              start_date=D(2021, 4, 1), end_date=D(2021, 6, 30))
    assert (first.name, first.home_organisation) == ("王五", "巩留县商务局")
    with pytest.raises(ValidationError):
        SecondmentFactory(command=world.gongliu, name="王五", home_organisation="巩留县商务局",
                          start_date=D(2021, 5, 1), end_date=D(2021, 7, 30))


def test_group_aid_moved_to_another_command_keeps_the_postings_rule(world, teacher):
    aid = GroupAidService.create(acting_user=None, data={
        "command": world.gongliu, "kind": "school", "institution": teacher.organisation,
        "supporting_institutions": "梁丰高级中学", "start_year": 2020}, m2m={"postings": [teacher]})
    with pytest.raises(ValidationError) as exc:
        GroupAidService.update(aid, acting_user=world.js_office, data={"command": world.yili})
    assert "不是本指挥部选派的人员" in messages(exc.value)
    aid.refresh_from_db()
    assert aid.command == world.gongliu

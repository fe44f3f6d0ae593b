"""Rules of persons, postings, leave, assessments and awards, through the services."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.core.test_services import Nothing
from tests.factories import AssignmentFactory, PersonFactory, id_number, region
from yuanjiang.core.models import ObjectChange
from yuanjiang.people.choices import AssignmentStatus
from yuanjiang.people.models import Assessment, Assignment, Award, Leave, Person, term_end
from yuanjiang.people.services import (
    AssessmentService,
    AssignmentService,
    AwardService,
    LeaveService,
    PersonService,
    assignment_arrive,
    assignment_finish,
    assignment_rotate,
    find_person_by_id_number,
    leave_return,
)

pytestmark = pytest.mark.django_db
D = dt.date


def errors(exc_info):
    return exc_info.value.message_dict


def new_person(number, **kw):
    p = Person(name=kw.pop("name", "张三"), ethnicity="01", home_organisation=kw.pop("home"), **kw)
    p.set_id_number(number)
    return p


# --- persons --------------------------------------------------------------------------------


def test_id_number_is_encrypted_hashed_masked_and_found(people):
    person = people.cadre.person
    plain = person.id_number
    assert plain not in person.id_number_encrypted
    assert person.id_number_masked == plain[:4] + "*" * 10 + plain[-4:]
    fresh = Person.objects.get(pk=person.pk)
    assert fresh.id_number == plain
    assert find_person_by_id_number(plain.lower()) == person


def test_birth_date_and_gender_follow_the_id_number(people):
    number = id_number("320582", D(1983, 12, 1), male=False)
    person = PersonService.save(new_person(number, home=people.cadre.person.home_organisation),
                                acting_user=None)
    assert (person.birth_date, person.gender) == (D(1983, 12, 1), "female")


def test_wrong_checksum_is_refused(people):
    number = id_number("320582", D(1983, 12, 1))
    bad = number[:-1] + ("0" if number[-1] != "0" else "1")
    with Nothing(Person), pytest.raises(ValidationError) as exc:
        PersonService.save(new_person(bad, home=people.cadre.person.home_organisation),
                           acting_user=None)
    assert "校验位不正确" in errors(exc)["id_number"][0]


def test_birth_date_and_gender_must_agree_with_the_id_number(people):
    number = id_number("320582", D(1983, 12, 1), male=True)
    person = new_person(number, home=people.cadre.person.home_organisation,
                        birth_date=D(1983, 12, 2), gender="female")
    with Nothing(Person), pytest.raises(ValidationError) as exc:
        PersonService.save(person, acting_user=None)
    assert errors(exc)["birth_date"] == ["出生日期与身份证号不一致（身份证号所载为 1983-12-01）。"]
    assert errors(exc)["gender"] == ["性别与身份证号不一致（身份证号所载为男）。"]


def test_id_number_registered_once(people):
    with Nothing(Person), pytest.raises(ValidationError) as exc:
        PersonService.save(new_person(people.cadre.person.id_number.lower(),
                                      home=people.cadre.person.home_organisation),
                           acting_user=None)
    assert errors(exc)["id_number"] == ["该身份证号已登记，请勿重复登记；如需调整请修改已有人员。"]


def test_command_staff_register_people_into_their_command(world, people):
    person = PersonService.save(
        new_person(id_number("320582", D(1990, 1, 1)), home=people.cadre.person.home_organisation),
        acting_user=world.staff_gongliu)
    assert person.registered_by == world.gongliu
    assert Person.objects.restrict(world.staff_gongliu).filter(pk=person.pk).exists()
    assert not Person.objects.restrict(world.staff_altay).filter(pk=person.pk).exists()


def test_the_log_never_holds_the_id_number(people):
    person = people.cadre.person
    for change in ObjectChange.objects.filter(content_type__model="person", object_id=str(person.pk)):
        text = str(change.prechange_data) + str(change.postchange_data)
        assert person.id_number not in text
        assert person.id_number_encrypted not in text


# --- postings -------------------------------------------------------------------------------


def test_planned_end_follows_from_the_term(people):
    assert people.cadre.planned_end_date == D(2023, 2, 28)
    assert people.teacher.planned_end_date == D(2021, 8, 31)
    assert term_end(D(2020, 8, 31), "6m") == D(2021, 2, 27)


def test_short_term_needs_a_planned_end(world, people):
    person = PersonFactory()
    with Nothing(Assignment), pytest.raises(ValidationError) as exc:
        AssignmentFactory(person=person, command=world.gongliu, organisation=people.school,
                          category="flexible", term_type="short", start_date=D(2021, 5, 1))
    assert errors(exc)["planned_end_date"] == ["短期选派须填写计划结束日期。"]


def test_no_overlapping_postings_of_one_person(world, people):
    with Nothing(Assignment), pytest.raises(ValidationError) as exc:
        AssignmentFactory(person=people.cadre.person, command=world.gongliu,
                          organisation=people.school, start_date=D(2022, 1, 1), term_type="1y")
    assert errors(exc)["start_date"] == [
        "与此人的另一项选派（张家港援巩留工作组，2020-03-01 至 2023-02-28）时间重叠。"]


def test_dates_inside_the_batch_unless_crossing(world, people):
    with pytest.raises(ValidationError) as exc:
        AssignmentFactory(command=world.gongliu, organisation=people.school,
                          start_date=D(2019, 6, 1))
    assert "选派日期须在江苏省第十批（2020-01-01 至 2023-04-30）之内" in errors(exc)["start_date"][0]
    crossing = AssignmentFactory(command=world.gongliu, organisation=people.school,
                                 start_date=D(2019, 6, 1), crosses_batch=True)
    assert crossing.pk


def test_recipient_organisation_must_be_in_the_command_area(world, people):
    with pytest.raises(ValidationError) as exc:
        AssignmentFactory(command=world.gongliu, organisation=people.altay_hospital)
    assert errors(exc)["organisation"] == ["受援单位“阿勒泰市人民医院”不在张家港援巩留工作组的受援地范围内。"]


def test_category_and_professional_kind(world, people):
    with pytest.raises(ValidationError) as exc:
        AssignmentFactory(command=world.gongliu, organisation=people.school,
                          category="professional", professional_kind="")
    assert "专业技术人才须填写专业类别" in str(exc.value)


def test_status_moves_only_through_the_steps(world, people):
    posting = people.cadre
    with pytest.raises(ValidationError) as exc:
        AssignmentService.update(posting, acting_user=None, data={
            "status": AssignmentStatus.COMPLETED, "actual_end_date": D(2023, 2, 28)})
    assert "状态须通过" in errors(exc)["status"][0]
    posting.refresh_from_db()
    assert posting.status == AssignmentStatus.ON_POST


def test_arrive_finish_and_the_paths_not_allowed(world, people):
    proposed = AssignmentFactory(command=world.gongliu, organisation=people.school,
                                 status="proposed", start_date=D(2020, 3, 1))
    assignment_arrive(proposed, acting_user=world.staff_gongliu, on=D(2020, 3, 15))
    assert (proposed.status, proposed.start_date, proposed.planned_end_date) == (
        "on_post", D(2020, 3, 15), D(2023, 3, 14))
    with pytest.raises(ValidationError) as exc:
        assignment_arrive(proposed, acting_user=None, on=D(2020, 4, 1))
    assert errors(exc)["status"] == ["“在岗”的选派不能改为“在岗”。"]
    with pytest.raises(ValidationError) as exc:
        assignment_finish(proposed, acting_user=None, on=D(2021, 1, 1), early=True)
    assert errors(exc)["end_reason"] == ["提前返回须说明原因。"]
    assignment_finish(proposed, acting_user=None, on=D(2021, 1, 1), early=True, reason="身体原因")
    assert (proposed.status, proposed.actual_end_date) == ("early_return", D(2021, 1, 1))
    with pytest.raises(ValidationError):
        assignment_finish(proposed, acting_user=None, on=D(2021, 2, 1))


def test_mid_term_rotation_hands_the_post_to_a_successor(world, people):
    teacher = people.teacher
    # The successor is registered first (by the work group, so its staff can see him).
    successor = PersonFactory(name="周接任", id_number=id_number("320582", D(1986, 2, 2)),
                              registered_by=world.gongliu)
    with pytest.raises(ValidationError) as exc:
        assignment_rotate(teacher, acting_user=None, successor=successor, on=D(2021, 6, 1))
    assert errors(exc)["start_date"] == ["中期轮换须在任职满一年半后进行（最早 2021-09-01）。"]
    with pytest.raises(ValidationError) as exc:
        assignment_rotate(people.cadre, acting_user=None, successor=successor, on=D(2021, 9, 1))
    assert errors(exc)["category"] == ["中期轮换只适用于专业技术人才。"]
    new = assignment_rotate(teacher, acting_user=world.staff_gongliu, successor=successor,
                            on=D(2021, 9, 1))
    teacher.refresh_from_db()
    assert (teacher.status, teacher.actual_end_date) == ("rotated", D(2021, 8, 31))
    assert (new.person, new.predecessor, new.status, new.start_date, new.post) == (
        successor, teacher, "on_post", D(2021, 9, 1), teacher.post)
    assert new.planned_end_date == D(2023, 2, 28)  # the rest of a new 18-month term


def test_command_staff_cannot_post_into_another_command(world, people):
    posting = Assignment(person=people.cadre.person, command=world.altay,
                         organisation=people.altay_hospital, category="cadre", post="x",
                         term_type="1y", start_date=D(2015, 1, 1), status="on_post")
    with pytest.raises(ValidationError) as exc:
        AssignmentService.save(posting, acting_user=world.staff_gongliu)
    assert "所选指挥部不在您的数据范围内。" in errors(exc)["command"]


# --- leave ----------------------------------------------------------------------------------


def leave(posting, start, end, **kw):
    return LeaveService.create(acting_user=kw.pop("user", None), data={
        "assignment": posting, "kind": kw.pop("kind", "home_visit"), "start_date": start,
        "end_date": end, "approved_by": "指挥长", **kw})


def test_leave_inside_the_posting_and_not_overlapping(people):
    posting = people.cadre
    with Nothing(Leave), pytest.raises(ValidationError) as exc:
        leave(posting, D(2020, 2, 20), D(2020, 3, 5))
    assert errors(exc)["start_date"] == ["请假日期须在选派期间（2020-03-01 至 2023-02-28）之内。"]
    first = leave(posting, D(2021, 1, 10), D(2021, 1, 25))
    assert first.person == posting.person
    with pytest.raises(ValidationError) as exc:
        leave(posting, D(2021, 1, 20), D(2021, 1, 30), kind="sick")
    assert errors(exc)["start_date"] == ["与此人的另一次请假（探亲，2021-01-10 至 2021-01-25）时间重叠。"]
    leave_return(first, acting_user=None, on=D(2021, 1, 18))
    # Back early: the days after the return are free again.
    assert leave(posting, D(2021, 1, 20), D(2021, 1, 30), kind="sick").pk
    with pytest.raises(ValidationError) as exc:
        leave_return(first, acting_user=None, on=D(2021, 1, 19))
    assert "已于 2021-01-18 销假" in errors(exc)["returned_on"][0]


def test_leave_end_before_start_and_return_before_start(people):
    with pytest.raises(ValidationError) as exc:
        leave(people.cadre, D(2021, 5, 10), D(2021, 5, 1))
    assert "结束日期不能早于开始日期。" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        leave(people.cadre, D(2021, 5, 10), D(2021, 5, 20), returned_on=D(2021, 5, 10))
    assert "销假日期必须晚于开始日期。" in str(exc.value)


def test_no_leave_before_arrival(world, people):
    proposed = AssignmentFactory(command=world.gongliu, organisation=people.school, status="proposed")
    with pytest.raises(ValidationError) as exc:
        leave(proposed, D(2020, 4, 1), D(2020, 4, 5))
    assert errors(exc)["assignment"] == ["尚未到岗的选派不能请假。"]


# --- assessments ----------------------------------------------------------------------------------


def assess(posting, year, grade, user=None):
    return AssessmentService.create(acting_user=user, data={"assignment": posting, "year": year,
                                                           "grade": grade})


def test_grades_follow_the_scale_of_the_category(people):
    with pytest.raises(ValidationError) as exc:
        assess(people.cadre, 2021, "qualified")
    assert errors(exc)["grade"] == ["党政干部的考核等次为优秀、称职、基本称职、不称职。"]
    with pytest.raises(ValidationError) as exc:
        assess(people.teacher, 2021, "competent")
    assert errors(exc)["grade"] == ["专业技术人才的考核等次为优秀、合格、基本合格、不合格。"]
    a = assess(people.teacher, 2021, "qualified")
    assert a.assessed_by == people.school  # given by the recipient side
    assert a.person == people.teacher.person


def test_one_assessment_per_person_and_year_within_the_posting(people):
    assess(people.cadre, 2021, "competent")
    with pytest.raises(ValidationError) as exc:
        assess(people.cadre, 2021, "excellent")
    assert "此人该年度已有考核结果。" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        assess(people.cadre, 2019, "competent")
    assert errors(exc)["year"] == ["考核年度须在选派期间（2020—2023 年）内。"]


def test_share_of_excellent_warns_above_15_and_refuses_above_20(world, people):
    # Ten people on post in 2021 in the work group (two from people, eight more).
    postings = [people.cadre, people.teacher] + [
        AssignmentFactory(command=world.gongliu, organisation=people.government) for _ in range(8)]
    assert not assess(postings[0], 2021, "excellent")._warnings  # 10%
    second = assess(postings[1], 2021, "excellent")  # 20%: above 15, allowed
    assert second._warnings == [
        "张家港援巩留工作组 2021 年度优秀比例为 20.0%，已超过一般不超过 15% 的要求。"]
    with Nothing(Assessment), pytest.raises(ValidationError) as exc:
        assess(postings[2], 2021, "excellent")  # 30%
    assert errors(exc)["grade"] == ["张家港援巩留工作组 2021 年度优秀比例将达 30.0%，超过 20% 的上限"
                                    "（本年度应考核 10 人，优秀至多 2 人）。"]
    assert assess(postings[2], 2021, "competent").pk


def test_recipient_side_assesses_command_staff_too(world, people):
    a = assess(people.cadre, 2022, "competent", user=world.recipient_gongliu)
    assert a.pk
    with pytest.raises(ValidationError) as exc:
        assess(people.altay_cadre, 2015, "qualified", user=world.recipient_gongliu)
    assert errors(exc)["assignment"] == ["所选选派不在您的数据范围内。"]


# --- awards ---------------------------------------------------------------------------------------


def test_award_to_a_person_or_a_command(world, people):
    data = {"title": "优秀援疆干部人才", "level": "county", "conferred_by": "中共巩留县委员会",
            "conferred_on": D(2023, 4, 13), "decision_number": "巩党发〔2023〕12号"}
    with pytest.raises(ValidationError) as exc:
        AwardService.create(acting_user=None, data=data)
    assert "表彰对象须为一名人员或一个指挥部（二者选一）。" in str(exc.value)
    with pytest.raises(ValidationError):
        AwardService.create(acting_user=None, data={**data, "person": people.cadre.person,
                                                    "command": world.gongliu})
    award = AwardService.create(acting_user=world.staff_gongliu,
                                data={**data, "person": people.cadre.person})
    assert Award.objects.restrict(world.staff_gongliu).filter(pk=award.pk).exists()
    assert not Award.objects.restrict(world.staff_altay).filter(pk=award.pk).exists()
    group = AwardService.create(acting_user=world.js_office, data={**data, "command": world.gongliu})
    assert Award.objects.restrict(world.recipient_gongliu).filter(pk=group.pk).exists()


def test_region_of_home_unit_places_person_under_its_home_office(world, people):
    assert Person.objects.restrict(world.js_office).filter(pk=people.cadre.person.pk).exists()
    assert not Person.objects.restrict(world.jl_office).filter(pk=people.cadre.person.pk).exists()
    assert Person.objects.restrict(world.recipient_gongliu).filter(pk=people.cadre.person.pk).exists()
    assert region("654024").name == "巩留县"

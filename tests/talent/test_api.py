"""Talent endpoints: scoped lists, writes through the services with their messages."""

import datetime as dt

import pytest

from tests.factories import AssignmentFactory, OrganisationFactory, TrainingProgrammeFactory, region

pytestmark = pytest.mark.django_db
D = dt.date


def test_programmes_are_scoped_and_checked(world, api):
    TrainingProgrammeFactory(command=world.gongliu)
    assert api.as_user(world.staff_gongliu).get("/api/talent/training-programmes/").json()["count"] == 1
    assert api.as_user(world.staff_altay).get("/api/talent/training-programmes/").json()["count"] == 0
    assert api.as_user(world.recipient_gongliu).get("/api/talent/training-programmes/").json()["count"] == 1
    bad = api.as_user(world.staff_gongliu).post("/api/talent/training-programmes/", {
        "command": world.gongliu.pk, "name": "班", "venue": "local", "start_date": "2019-05-01",
        "end_date": "2019-05-03"}, format="json")
    assert bad.status_code == 400 and "不在" in str(bad.json()["start_date"])
    denied = api.as_user(world.recipient_gongliu).post("/api/talent/training-programmes/", {
        "command": world.gongliu.pk, "name": "班", "venue": "local", "start_date": "2021-05-01",
        "end_date": "2021-05-03"}, format="json")
    assert denied.status_code == 403


def test_a_mentorship_gets_the_mentors_command(world, api):
    school = OrganisationFactory(name="巩留县高级中学", kind="school", region=region("654024"))
    teacher = AssignmentFactory(command=world.gongliu, organisation=school, category="professional",
                                professional_kind="teacher", start_date=D(2020, 3, 1))
    api.as_user(world.staff_gongliu)
    made = api.post("/api/talent/mentorships/", {
        "mentor": teacher.pk, "mentee_name": "阿依古丽", "mentee_organisation": "巩留县高级中学",
        "start_date": "2020-09-01", "command": world.altay.pk}, format="json")
    assert made.status_code == 201, made.json()
    assert made.json()["command"] == world.gongliu.pk
    twice = api.post("/api/talent/mentorships/", {
        "mentor": teacher.pk, "mentee_name": "阿依古丽", "mentee_organisation": "巩留县高级中学",
        "start_date": "2021-09-01"}, format="json")
    assert twice.status_code == 400 and "一位导师" in str(twice.json())

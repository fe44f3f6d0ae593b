"""People endpoints: ID numbers masked unless permitted, search by ID number, status steps
as actions, the on-post rate, all within the data scope."""

import datetime as dt

import pytest

from tests.factories import id_number
from tests.people.test_admin import grant_ids
from yuanjiang.core.models import ObjectChange
from yuanjiang.people.models import Assignment, Person

pytestmark = pytest.mark.django_db

RESOURCES = ["persons", "assignments", "leaves", "assessments", "awards"]


@pytest.mark.parametrize("resource", RESOURCES)
def test_lists_answer(world, people, api, resource):
    assert api.as_user(world.staff_gongliu).get(f"/api/people/{resource}/").status_code == 200


def test_id_numbers_never_leave_in_full_without_the_permission(world, people, api):
    person = people.cadre.person
    api.as_user(world.staff_gongliu)
    for path in ("/api/people/persons/", f"/api/people/persons/{person.pk}/",
                 "/api/core/changes/?object_type=people.person&page_size=500",
                 "/api/schema/"):
        body = api.get(path).content.decode()
        assert person.id_number not in body, path
    assert api.get(f"/api/people/persons/{person.pk}/").json()["id_number"] == person.id_number_masked
    full = api.as_user(grant_ids(world.staff_gongliu)).get(f"/api/people/persons/{person.pk}/")
    assert full.json()["id_number"] == person.id_number


def test_filter_by_full_id_number(world, people, api):
    api.as_user(world.staff_gongliu)
    number = people.cadre.person.id_number
    rows = api.get("/api/people/persons/", {"id_number": number.lower()}).json()["results"]
    assert [r["name"] for r in rows] == ["王建国"]
    rows = api.get("/api/people/assignments/", {"id_number": number}).json()["results"]
    assert [r["id"] for r in rows] == [people.cadre.pk]
    other = people.altay_cadre.person.id_number
    assert api.get("/api/people/persons/", {"id_number": other}).json()["results"] == []


def test_register_a_person(world, people, api):
    api.as_user(world.staff_gongliu)
    number = id_number("320582", dt.date(1988, 8, 8), male=False)
    response = api.post("/api/people/persons/", {
        "name": "林晓", "id_number": number, "ethnicity": "01",
        "home_organisation": people.cadre.person.home_organisation.pk}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["gender"] == "female" and body["birth_date"] == "1988-08-08"
    assert body["id_number"] == number[:4] + "*" * 10 + number[-4:]
    response = api.post("/api/people/persons/", {
        "name": "重复", "id_number": number, "ethnicity": "01",
        "home_organisation": people.cadre.person.home_organisation.pk}, format="json")
    assert response.status_code == 400
    assert response.json()["id_number"] == ["该身份证号已登记，请勿重复登记；如需调整请修改已有人员。"]
    response = api.post("/api/people/persons/", {"name": "无号", "ethnicity": "01",
                        "home_organisation": people.cadre.person.home_organisation.pk}, format="json")
    assert response.json() == {"id_number": ["请填写身份证号。"]}


def test_text_in_a_date_field_and_overlapping_posting(world, people, api):
    api.as_user(world.staff_gongliu)
    data = {"person": people.cadre.person.pk, "command": world.gongliu.pk, "category": "cadre",
            "organisation": people.government.pk, "post": "副县长", "term_type": "1y",
            "start_date": "二〇二一年"}
    response = api.post("/api/people/assignments/", data, format="json")
    assert response.status_code == 400 and "start_date" in response.json()
    before = Assignment.objects.count()
    response = api.post("/api/people/assignments/", {**data, "start_date": "2021-06-01"},
                        format="json")
    assert response.status_code == 400
    assert "时间重叠" in response.json()["start_date"][0]
    assert Assignment.objects.count() == before


def test_status_is_read_only_after_creation_and_moves_by_actions(world, people, api):
    api.as_user(world.staff_gongliu)
    path = f"/api/people/assignments/{people.cadre.pk}/"
    api.patch(path, {"status": "completed"}, format="json")
    people.cadre.refresh_from_db()
    assert people.cadre.status == "on_post"
    response = api.post(path + "finish/", {"on": "2023-02-28"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "completed"
    response = api.post(path + "finish/", {"on": "2023-02-28"}, format="json")
    assert response.status_code == 400
    assert response.json()["status"] == ["“期满返回”的选派不能改为“期满返回”。"]
    change = ObjectChange.objects.filter(content_type__model="assignment",
                                         object_id=str(people.cadre.pk)).latest("id")
    assert (change.source, change.user) == ("api", world.staff_gongliu)


def test_rotation_by_the_api(world, people, api):
    from tests.factories import PersonFactory

    successor = PersonFactory(registered_by=world.gongliu,
                              id_number=id_number("320582", dt.date(1987, 1, 1)))
    api.as_user(world.staff_gongliu)
    response = api.post(f"/api/people/assignments/{people.teacher.pk}/rotate/",
                        {"on": "2021-09-01", "successor": successor.pk}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["predecessor"] == people.teacher.pk
    other = people.altay_cadre.person
    response = api.post(f"/api/people/assignments/{people.teacher.pk}/rotate/",
                        {"on": "2021-09-01", "successor": other.pk}, format="json")
    assert response.status_code in (400, 404)


def test_other_commands_postings_answer_404(world, people, api):
    api.as_user(world.staff_gongliu)
    path = f"/api/people/assignments/{people.altay_cadre.pk}/"
    assert api.get(path).status_code == 404
    assert api.post(path + "finish/", {"on": "2015-01-01"}, format="json").status_code == 404
    assert api.patch(path, {"post": "x"}, format="json").status_code == 404
    assert api.get(f"/api/people/persons/{people.altay_cadre.person.pk}/").status_code == 404


def test_leave_and_return(world, people, api):
    api.as_user(world.staff_gongliu)
    response = api.post("/api/people/leaves/", {
        "assignment": people.cadre.pk, "kind": "home_visit", "start_date": "2021-07-01",
        "end_date": "2021-07-20", "approved_by": "指挥长"}, format="json")
    assert response.status_code == 201, response.json()
    leave_id = response.json()["id"]
    response = api.post(f"/api/people/leaves/{leave_id}/return/", {"on": "2021-07-15"}, format="json")
    assert response.json()["returned_on"] == "2021-07-15"


def test_assessment_with_a_warning(world, people, api):
    from tests.factories import AssignmentFactory

    for _ in range(8):
        AssignmentFactory(command=world.gongliu, organisation=people.government)
    api.as_user(world.recipient_gongliu)
    first = api.post("/api/people/assessments/", {"assignment": people.cadre.pk, "year": 2021,
                                                  "grade": "excellent"}, format="json")
    assert first.status_code == 201 and first.json()["warnings"] == []
    second = api.post("/api/people/assessments/", {"assignment": people.teacher.pk, "year": 2021,
                                                   "grade": "excellent"}, format="json")
    assert second.status_code == 201
    assert "已超过一般不超过 15% 的要求" in second.json()["warnings"][0]


def test_on_post_rate_endpoint(world, people, api):
    api.as_user(world.staff_gongliu)
    response = api.get("/api/people/on-post-rate/", {"start": "2021-01-01", "end": "2021-01-31",
                                                     "command": world.gongliu.pk})
    assert response.status_code == 200
    assert response.json() == {"start": "2021-01-01", "end": "2021-01-31", "posted_days": 62,
                               "days_away": 0, "on_post_days": 62, "rate": "100.00"}
    response = api.get("/api/people/on-post-rate/", {"start": "2021-01", "end": "2021-01-31",
                                                     "command": world.altay.pk})
    assert response.status_code == 400
    assert set(response.json()) == {"start", "command"}
    assert Person.objects.count() >= 3

"""Investment endpoints: scoped lists, writes through the services with their messages,
the pipeline action, the funds flag."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import ActivityFactory, EnterpriseFactory, InvestmentProjectFactory, valid_uscc
from yuanjiang.core.models import ObjectChange
from yuanjiang.investment.models import Enterprise, InvestmentProject
from yuanjiang.investment.services import FundsInPlaceService, investment_advance

pytestmark = pytest.mark.django_db
D, M = dt.date, Decimal


@pytest.fixture
def project(world):
    firm = EnterpriseFactory(command=world.gongliu, name="甲公司")
    p = InvestmentProjectFactory(command=world.gongliu, enterprise=firm, name="乳制品项目",
                                 planned_investment=M("1000000.00"))
    return p


def test_enterprises_are_created_with_a_checked_uscc(world, api):
    api.as_user(world.staff_gongliu)
    bad = api.post("/api/investment/enterprises/", {
        "command": world.gongliu.pk, "name": "坏公司", "industry": "food", "uscc": "123"}, format="json")
    assert bad.status_code == 400 and "校验位" in str(bad.json()["uscc"])
    good = api.post("/api/investment/enterprises/", {
        "command": world.gongliu.pk, "name": "好公司", "industry": "food", "uscc": valid_uscc(77)},
        format="json")
    assert good.status_code == 201, good.json()
    assert ObjectChange.objects.filter(content_type__model="enterprise", object_id=str(good.json()["id"]),
                                       action="create").exists()
    assert Enterprise.objects.count() == 1


def test_lists_follow_the_data_scope(world, api, project):
    ActivityFactory(command=world.gongliu)
    assert api.as_user(world.staff_gongliu).get("/api/investment/activities/").json()["count"] == 1
    assert api.as_user(world.staff_altay).get("/api/investment/activities/").json()["count"] == 0
    assert api.as_user(world.recipient_gongliu).get("/api/investment/projects/").json()["count"] == 1
    assert api.as_user(world.staff_altay).get(f"/api/investment/projects/{project.pk}/").status_code == 404
    # The directory is open to every signed-in user.
    assert api.as_user(world.staff_altay).get("/api/investment/enterprises/").json()["count"] == 1


def test_the_pipeline_action_and_its_read_only_stage(world, api, project):
    api.as_user(world.staff_gongliu)
    url = f"/api/investment/projects/{project.pk}/"
    api.patch(url, {"stage": "producing"}, format="json")
    assert InvestmentProject.objects.get().stage == "lead"
    no_amount = api.post(url + "advance/", {"stage": "signed", "on": "2021-05-01"}, format="json")
    assert no_amount.status_code == 400 and "签约协议金额" in str(no_amount.json())
    done = api.post(url + "advance/", {"stage": "landed", "on": "2021-05-01",
                                       "agreement_amount": "2000000.00"}, format="json")
    assert done.status_code == 200, done.json()
    assert done.json()["stage"] == "landed" and done.json()["signed_on"] == "2021-05-01"
    back = api.post(url + "advance/", {"stage": "talks", "on": "2021-06-01"}, format="json")
    assert back.status_code == 400 and "只能向前推进" in str(back.json())
    events = api.get("/api/investment/pipeline-events/", {"project": project.pk}).json()
    assert [e["stage"] for e in events["results"]] == ["talks", "signed", "landed"]
    assert api.as_user(world.leader_gongliu).post(url + "advance/", {
        "stage": "producing", "on": "2021-07-01"}, format="json").status_code in (403, 404)


def test_funds_in_place_and_the_over_planned_flag(world, api, project):
    investment_advance(project, acting_user=None, to="signed", on=D(2021, 5, 1),
                       agreement_amount=M("1.00"))
    api.as_user(world.staff_gongliu)
    early = api.post("/api/investment/funds-in-place/", {
        "project": project.pk, "date": "2021-04-01", "amount": "100.00"}, format="json")
    assert early.status_code == 400 and "签约日期" in str(early.json())
    text = api.post("/api/investment/funds-in-place/", {
        "project": project.pk, "date": "2021-06-01", "amount": "一百万"}, format="json")
    assert text.status_code == 400 and "amount" in text.json()
    FundsInPlaceService.create(acting_user=None, data={"project": project, "date": D(2021, 6, 1),
                                                       "amount": M("1200000.00")})
    row = api.get(f"/api/investment/projects/{project.pk}/").json()
    assert row["funds_in_place"] == "1200000.00" and row["funds_over_planned"] is True

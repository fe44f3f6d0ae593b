"""Indicators endpoints: the catalog, values written with scope and period as the CLI writes
them, the figures of a scope and period, and the approval steps with their status codes."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import AllocationFactory, ProjectFactory, advance, disburse
from yuanjiang.core.models import ObjectChange
from yuanjiang.indicators.choices import ScopeKind
from yuanjiang.indicators.models import Approval, Value
from yuanjiang.indicators.scopes import Scope
from yuanjiang.projects.services import ArrivalService

pytestmark = pytest.mark.django_db
D = dt.date
M = Decimal
GONGLIU = "command:320582-654024:10"
VALUES = "/api/indicators/values/"
FIGURES = "/api/indicators/figures/"
APPROVALS = "/api/indicators/approvals/"


@pytest.fixture
def funds(world):
    """张家港→巩留 2021: 1,000,000.00 allocated to a project, 800,000.00 arrived (省级财政),
    250,000.00 paid: arrival rate 80.00%, disbursement rate 25.00%."""
    project = ProjectFactory(command=world.gongliu, code="GL-1")
    AllocationFactory(command=world.gongliu, project=project, amount=M("1000000.00"))
    ArrivalService.create(acting_user=None, data={
        "command": world.gongliu, "year": 2021, "source": "provincial", "account": "command",
        "date": D(2021, 3, 20), "amount": M("800000.00")})
    advance(project, "approved", D(2021, 3, 1))
    disburse(project, "250000.00", D(2021, 5, 1))
    return project


def test_the_catalog(world, api):
    r = api.as_user(world.recipient_gongliu).get("/api/indicators/indicators/", {"page_size": 100})
    assert r.status_code == 200
    assert r.json()["count"] == 43
    rows = {row["code"]: row for row in r.json()["results"]}
    assert rows["aid_funds_total"]["name"] == "援疆资金总额"
    assert (rows["on_post_rate"]["kind"], rows["on_post_rate"]["aggregation"]) == ("percent", "ratio")
    assert all(row["builtin"] for row in rows.values())
    r = api.as_user(world.recipient_gongliu).get("/api/indicators/indicators/", {"kind": "percent"})
    assert {row["code"] for row in r.json()["results"]} >= {"aid_funds_arrival_rate", "on_post_rate"}
    # Only an administrator adds to it.
    new = {"code": "tourists_received", "name": "接待游客人次", "unit": "人次", "kind": "count",
           "aggregation": "sum"}
    assert api.as_user(world.js_office).post("/api/indicators/indicators/", new,
                                             format="json").status_code == 403
    r = api.as_user(world.admin).post("/api/indicators/indicators/", new, format="json")
    assert r.status_code == 201 and r.json()["builtin"] is False


def test_a_value_is_written_with_scope_and_period_as_written(world, api):
    c = api.as_user(world.staff_gongliu)
    r = c.post(VALUES, {"indicator": "investment_fairs", "scope": GONGLIU, "period": "2021",
                        "value": "9", "qualifier": "more_than"}, format="json")
    assert r.status_code == 201, r.json()
    body = r.json()
    assert (body["scope"], body["period"], body["value"], body["qualifier"]) == (GONGLIU, "2021", "9.00",
                                                                                "more_than")
    assert (body["scope_label"], body["period_label"], body["source"]) == ("张家港援巩留工作组", "2021年",
                                                                          "reported")
    value = Value.objects.get(pk=body["id"])
    assert value.scope_key == Scope(ScopeKind.COMMAND, command=world.gongliu).ident
    assert Scope(ScopeKind.COMMAND, command=world.gongliu).key == GONGLIU
    assert (value.period_key, value.period_start, value.period_end) == ("2021", D(2021, 1, 1),
                                                                         D(2021, 12, 31))
    assert ObjectChange.objects.filter(object_id=str(value.pk), user=world.staff_gongliu).exists()
    # A whole batch, read back as written.
    r = c.post(VALUES, {"indicator": "training_funds", "scope": GONGLIU, "period": "batch",
                        "value": "8300000"}, format="json")
    assert r.status_code == 201
    assert (r.json()["period"], r.json()["period_label"]) == ("batch:10", "第十批（2020—2023年）")
    assert Value.objects.get(pk=r.json()["id"]).period_key == f"batch#{world.js10.pk}"
    r = c.get(VALUES, {"period_key": "2021"})
    assert [row["id"] for row in r.json()["results"]] == [value.pk]
    # Changing only the value keeps scope and period.
    r = c.patch(f"{VALUES}{value.pk}/", {"value": "10"}, format="json")
    assert r.status_code == 200 and (r.json()["value"], r.json()["period"]) == ("10.00", "2021")


def test_values_out_of_scope_or_unreadable_are_refused_in_chinese(world, api):
    c = api.as_user(world.staff_gongliu)

    def post(**data):
        r = c.post(VALUES, {"indicator": "investment_fairs", "scope": GONGLIU, "period": "2021",
                            "value": "9", **data}, format="json")
        assert r.status_code == 400, r.content
        return r.json()

    assert post(scope="command:220200-654301:8", period="2015") == {
        "scope": ["范围不存在或不在您的数据范围内。"]}
    assert post(scope="province:320000") == {"scope": ["范围不存在或不在您的数据范围内。"]}
    assert "指挥部范围的写法为" in post(scope="command:巩留")["scope"][0]
    assert post(value="九个") == {"value": ["请填写合法的数字。"]}
    assert post(period="2021-13") == {"period": ["月份“2021-13”不存在。"]}
    assert "应为整数" in post(value="1.5")["value"][0]
    assert "数值不能为负数" in post(value="-3")["value"][0]
    assert post(indicator="no_such_code") == {"indicator": ["指标代码“no_such_code”不存在。"]}
    assert not Value.objects.exists()
    post_ok = c.post(VALUES, {"indicator": "investment_fairs", "scope": GONGLIU, "period": "2021",
                              "value": "9"}, format="json")
    assert post_ok.status_code == 201
    assert post() == {"non_field_errors": ["该范围和时期已有此指标的数值，请修改已有数值。"]}
    assert api.as_user(world.recipient_gongliu).post(VALUES, {
        "indicator": "investment_fairs", "scope": GONGLIU, "period": "2022", "value": "1"},
        format="json").status_code == 403
    # Another side's user does not even see it.
    assert api.as_user(world.jl_office).get(f"{VALUES}{post_ok.json()['id']}/").status_code == 404


def test_the_figures_of_a_scope_and_period(world, api, funds):
    c = api.as_user(world.staff_gongliu)
    c.post(VALUES, {"indicator": "investment_fairs", "scope": GONGLIU, "period": "2021", "value": "4"},
           format="json")
    r = c.get(FIGURES, {"scope": GONGLIU, "period": "2021"})
    assert r.status_code == 200
    body = r.json()
    assert (body["scope"], body["scope_label"], body["period"], body["period_label"], body["approval"]) == (
        GONGLIU, "张家港援巩留工作组", "2021", "2021年", None)
    rows = {row["code"]: row for row in body["figures"]}
    assert (rows["aid_funds_total"]["value"], rows["aid_funds_total"]["source"]) == ("1000000.00",
                                                                                     "computed")
    rate = rows["aid_funds_arrival_rate"]
    assert (rate["value"], rate["numerator"], rate["denominator"], rate["unit"]) == (
        "80.00", "800000.00", "1000000.00", "%")
    assert rows["aid_funds_disbursement_rate"]["value"] == "25.00"
    assert rows["aid_funds_total"]["records"].startswith("http://testserver/admin/projects/allocation/")
    fairs = rows["investment_fairs"]
    assert (fairs["value"], fairs["source"], len(fairs["value_ids"])) == ("4.00", "reported", 1)
    assert "aid_funds_arrived" in rows and "recipient_gdp" not in rows  # nothing, no row
    # The batch of the command, and the province.
    batch = c.get(FIGURES, {"scope": GONGLIU, "period": "batch"}).json()
    assert batch["period"] == "batch:10"
    r = api.as_user(world.js_office).get(FIGURES, {"scope": "province:320000", "period": "2021"})
    assert {row["code"]: row["value"] for row in r.json()["figures"]}["aid_funds_total"] == "1000000.00"


def test_figures_out_of_reach_or_unreadable(world, api):
    c = api.as_user(world.staff_gongliu)
    r = c.get(FIGURES, {"scope": "command:220200-654301:8", "period": "2015"})
    assert (r.status_code, r.json()) == (404, {"detail": "范围不存在或不在您的数据范围内。"})
    assert c.get(FIGURES, {"scope": "province:320000", "period": "2021"}).status_code == 404
    r = c.get(FIGURES, {"scope": GONGLIU, "period": "20x"})
    assert r.status_code == 400 and "无法识别的时期“20x”" in r.json()["detail"][0]
    r = c.get(FIGURES, {"scope": "province:320000", "period": "batch"})
    assert r.status_code == 400 and "只有指挥部范围可以用 batch" in r.json()["detail"][0]
    assert c.get(FIGURES, {"scope": "pairing:1-2", "period": "2021"}).status_code == 400
    api.credentials()  # signed out
    assert api.get(FIGURES, {"scope": GONGLIU, "period": "2021"}).status_code in (401, 403)


def test_the_approval_steps(world, api, funds):
    r = api.as_user(world.staff_gongliu).post(APPROVALS, {"scope": GONGLIU, "period": "2021"},
                                              format="json")
    assert r.status_code == 200, r.json()
    body = r.json()
    assert (body["scope"], body["period"], body["status"], body["submitted_by"]) == (
        GONGLIU, "2021", "submitted", world.staff_gongliu.pk)
    pk = body["id"]

    def step(user, name, data=None):
        return api.as_user(user).post(f"{APPROVALS}{pk}/{name}/", data, format="json")

    r = step(world.staff_gongliu, "approve")
    assert (r.status_code, r.json()) == (403, {"detail": "报送人不能审核自己报送的数据。"})
    assert step(world.staff_yili, "approve").status_code == 403
    assert step(world.jl_office, "approve").status_code == 404  # not in its scope at all
    assert step(world.recipient_gongliu, "approve").status_code == 403  # may not change approvals
    assert step(world.leader_js, "approve").status_code == 403
    assert Approval.objects.get(pk=pk).status == "submitted"

    r = step(world.js_office, "approve")
    assert r.status_code == 200 and r.json()["status"] == "approved"
    assert r.json()["snapshot"]["aid_funds_total"]["value"] == "1000000.00"
    r = step(world.js_office, "approve")
    assert (r.status_code, r.json()) == (400, {"status": ["当前状态为“已审核”，不能审核通过。"]})
    # The figures say it is approved, and show what moved since.
    AllocationFactory(command=world.gongliu, project=funds, amount=M("250000.00"))
    figures = api.as_user(world.staff_gongliu).get(FIGURES, {"scope": GONGLIU, "period": "2021"}).json()
    assert figures["approval"] == "approved"
    assert {"code": "aid_funds_total", "name": "援疆资金总额", "approved": "1000000.00",
            "current": "1250000.00"} in figures["drift"]

    assert step(world.js_office, "return", {}).json() == {"reason": ["该字段是必填项。"]}
    assert step(world.js_office, "return", {"reason": " "}).status_code == 400
    r = step(world.js_office, "return", {"reason": "资金到位数请核对"})
    assert r.status_code == 200 and (r.json()["status"], r.json()["return_reason"]) == (
        "returned", "资金到位数请核对")
    assert step(world.recipient_gongliu, "submit").status_code == 403
    r = step(world.staff_gongliu, "submit")
    assert r.status_code == 200 and (r.json()["status"], r.json()["return_reason"]) == ("submitted", "")
    # Submitting again through the list answers with the state.
    r = api.as_user(world.staff_gongliu).post(APPROVALS, {"scope": GONGLIU, "period": "2021"},
                                              format="json")
    assert (r.status_code, r.json()) == (400, {"status": ["当前状态为“已报送”，不能报送。"]})


def test_opening_an_approval_out_of_reach(world, api):
    body = {"scope": GONGLIU, "period": "2022"}
    r = api.as_user(world.staff_altay).post(APPROVALS, body, format="json")
    assert (r.status_code, r.json()) == (404, {"detail": "范围不存在或不在您的数据范围内。"})
    assert api.as_user(world.recipient_gongliu).post(APPROVALS, body, format="json").status_code == 403
    r = api.as_user(world.staff_gongliu).post(APPROVALS, {"scope": GONGLIU, "period": "2022-13"},
                                              format="json")
    assert r.status_code == 400 and "月份“2022-13”不存在" in r.json()["scope"][0]
    assert not Approval.objects.exists()
    # Reading approvals is scoped too.
    api.as_user(world.staff_gongliu).post(APPROVALS, body, format="json")
    assert api.as_user(world.js_office).get(APPROVALS).json()["count"] == 1
    assert api.as_user(world.jl_office).get(APPROVALS).json()["count"] == 0
    # No deleting through the API.
    pk = Approval.objects.get().pk
    assert api.as_user(world.admin).delete(f"{APPROVALS}{pk}/").status_code == 405

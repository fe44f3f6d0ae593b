"""Back-office pages of the indicators app: every list and form per role (as the role grants
allow), a value added with scope and period as users say them, and the approval steps."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from yuanjiang.indicators.choices import ScopeKind
from yuanjiang.indicators.models import Approval, Indicator, Value
from yuanjiang.indicators.scopes import Period, Scope
from yuanjiang.indicators.services import (
    SourceDocumentService,
    approval_for,
    approval_submit,
    report_value,
)

pytestmark = pytest.mark.django_db
M = Decimal
MODELS = ["indicator", "value", "sourcedocument", "approval"]


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def url(model: str, view: str, *args) -> str:
    return reverse(f"admin:indicators_{model}_{view}", args=args)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# core/roles.py GRANTS: indicator is VIEW for everyone but the administrator; value and
# sourcedocument FULL for home offices and command staff, VIEW for recipients and leaders;
# approvals are never added by hand (opened from the dashboard), so their add page is 403.
ADD = {
    "admin": {"indicator": 200, "value": 200, "sourcedocument": 200, "approval": 403},
    "js_office": {"indicator": 403, "value": 200, "sourcedocument": 200, "approval": 403},
    "staff_gongliu": {"indicator": 403, "value": 200, "sourcedocument": 200, "approval": 403},
    "recipient_gongliu": {"indicator": 403, "value": 403, "sourcedocument": 403, "approval": 403},
    "leader_js": {"indicator": 403, "value": 403, "sourcedocument": 403, "approval": 403},
}


@pytest.fixture
def rows(world):
    """One row of each model in 张家港→巩留 2021."""
    scope = Scope(ScopeKind.COMMAND, command=world.gongliu)
    document = SourceDocumentService.create(acting_user=None, data={
        "title": "巩留县工作总结", "text": "招商推介会9场。", "command": world.gongliu,
        "supporting_region": world.js10.supporting_region,
        "recipient_region": world.gongliu.pairings.get().recipient_region})
    value = report_value(acting_user=None, indicator=Indicator.objects.get(code="investment_fairs"),
                         scope=scope, period=Period.of_year(2021), value=M(9))
    approval = approval_for(scope, Period.of_year(2021), acting_user=None)
    return {"indicator": Indicator.objects.get(code="aid_funds_total"), "value": value,
            "sourcedocument": document, "approval": approval}


@pytest.mark.parametrize("role", list(ADD))
def test_every_list_and_form_per_role(world, rows, role):
    c = client_for(getattr(world, role))
    for model in MODELS:
        assert c.get(url(model, "changelist")).status_code == 200, model
        assert c.get(url(model, "changelist"), {"q": "巩留"}).status_code == 200, model
        assert c.get(url(model, "add")).status_code == ADD[role][model], model
        assert c.get(url(model, "change", rows[model].pk)).status_code == 200, model


def test_other_sides_rows_are_out_of_reach(world, rows):
    c = client_for(world.jl_office)
    for model in ("value", "approval"):
        assert c.get(url(model, "change", rows[model].pk)).status_code == 404
    for model in ("value", "sourcedocument", "approval"):
        assert list(c.get(url(model, "changelist")).context["cl"].result_list) == [], model
        mine = client_for(world.staff_gongliu).get(url(model, "changelist")).context["cl"].result_list
        assert list(mine) == [rows[model]], model


def test_the_value_list_links_reported_figures_to_their_values(world, rows):
    r = client_for(world.admin).get(url("value", "changelist"), {"id__in": str(rows["value"].pk)})
    assert r.status_code == 200
    assert list(r.context["cl"].result_list) == [rows["value"]]


def value_form(world, **data):
    return {"indicator": Indicator.objects.get(code="investment_fairs").pk,
            "scope_choice": f"command:{world.gongliu.pk}", "period_text": "2021", "value": "9",
            "qualifier": "more_than", "status": "accepted", **data}


def test_adding_a_value_through_the_form(world):
    c = client_for(world.staff_gongliu)
    r = c.post(url("value", "add"), value_form(world))
    assert r.status_code == 302, r.context["adminform"].form.errors
    value = Value.objects.get()
    assert (value.scope_key, value.period_key, value.value, value.qualifier, value.source) == (
        f"command:{world.gongliu.pk}", "2021", M("9.00"), "more_than", "reported")
    assert value.recipient_region.pk == "654024" and value.supporting_region.pk == "320000"
    r = c.post(url("value", "add"), value_form(world, indicator=Indicator.objects.get(
        code="training_funds").pk, period_text="batch", value="8300000"))
    assert r.status_code == 302
    assert Value.objects.get(indicator__code="training_funds").period_key == f"batch#{world.js10.pk}"
    # The change form shows scope and period as they were chosen.
    form = c.get(url("value", "change", value.pk)).context["adminform"].form
    assert (form["scope_choice"].initial, form["period_text"].initial) == (
        f"command:{world.gongliu.pk}", "2021")
    # A home office writes for its province.
    r = client_for(world.js_office).post(url("value", "add"), value_form(
        world, scope_choice="province:320000", period_text="2021Q3", value="3"))
    assert r.status_code == 302
    assert Value.objects.filter(scope_key="province:320000", period_key="2021Q3").exists()


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"scope_choice": "command:{altay}", "period_text": "2015"}, "scope_choice", "不在可用的选项中"),
    ({"scope_choice": "province:320000"}, "scope_choice", "不在可用的选项中"),
    ({"period_text": "2021-13"}, "period_text", "月份“2021-13”不存在"),
    ({"scope_choice": "pairing:{pairing}", "period_text": "batch"}, "period_text",
     "只有指挥部范围可以用 batch"),
    ({"value": "1.5"}, "value", "应为整数"),
])
def test_the_value_form_refuses(world, data, field, message):
    data = {k: v.format(altay=world.altay.pk, pairing=world.gongliu.pairings.get().pk)
            for k, v in data.items()}
    r = client_for(world.staff_gongliu).post(url("value", "add"), value_form(world, **data))
    assert r.status_code == 200
    errors = r.context["adminform"].form.errors
    assert message in " ".join(errors.get(field, [])), errors
    assert not Value.objects.exists()


def test_a_second_accepted_value_is_refused_on_the_form(world):
    c = client_for(world.staff_gongliu)
    assert c.post(url("value", "add"), value_form(world)).status_code == 302
    r = c.post(url("value", "add"), value_form(world, value="10"))
    assert r.status_code == 200
    assert "该范围和时期已有此指标的数值" in " ".join(r.context["adminform"].form.non_field_errors())
    assert Value.objects.count() == 1


def test_the_approval_steps_on_its_page(world, rows):
    approval = rows["approval"]
    assert reverse("admin:indicators_approval_step_submit", args=[approval.pk]) == (
        f"/admin/indicators/approval/{approval.pk}/submit/")
    staff, office = client_for(world.staff_gongliu), client_for(world.js_office)
    page = staff.get(url("approval", "change", approval.pk))
    assert page.status_code == 200 and "草稿" in page.content.decode()

    r = staff.get(url("approval", "step_submit", approval.pk), follow=True)
    assert messages_of(r) == ["已报送，等待后方审核。"]
    assert Approval.objects.get().status == "submitted"
    r = staff.get(url("approval", "step_approve", approval.pk), follow=True)
    assert messages_of(r) == ["报送人不能审核自己报送的数据。"]
    r = office.get(url("approval", "step_submit", approval.pk), follow=True)
    assert messages_of(r) == ["当前状态为“已报送”，不能报送。"]
    r = office.get(url("approval", "step_approve", approval.pk), follow=True)
    assert messages_of(r) == ["已审核通过，数值已冻结。"]
    saved = Approval.objects.get()
    assert (saved.status, saved.decided_by) == ("approved", world.js_office)
    assert saved.snapshot["investment_fairs"]["value"] == "9.00"

    # 退回: a page with a form, the reason required.
    assert office.get(url("approval", "step_return", approval.pk)).status_code == 200
    r = office.post(url("approval", "step_return", approval.pk), {"reason": ""})
    assert r.status_code == 200 and "reason" in r.context["form"].errors
    assert Approval.objects.get().status == "approved"
    r = office.post(url("approval", "step_return", approval.pk), {"reason": "请核对招商数据"}, follow=True)
    assert messages_of(r) == ["已退回。"]
    saved = Approval.objects.get()
    assert (saved.status, saved.return_reason) == ("returned", "请核对招商数据")
    r = staff.post(url("approval", "step_return", approval.pk), {"reason": "自己退回"})
    assert "只有支援方的后方管理或系统管理员可以退回" in " ".join(r.context["form"].non_field_errors())


def test_approval_steps_out_of_reach(world, rows):
    approval = rows["approval"]
    approval_submit(approval, acting_user=world.staff_gongliu)
    assert client_for(world.jl_office).get(url("approval", "step_approve", approval.pk)).status_code == 404
    assert client_for(world.recipient_gongliu).get(
        url("approval", "step_approve", approval.pk)).status_code == 403
    assert client_for(world.leader_js).get(url("approval", "step_submit", approval.pk)).status_code == 403
    assert Approval.objects.get().status == "submitted"

"""The back office: Chinese by default, local assets, scoped pages, writes through services."""

import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import pairing
from yuanjiang.core.choices import ChangeSource
from yuanjiang.core.models import (
    Batch,
    Command,
    CommandMember,
    ObjectChange,
    Organisation,
    Pairing,
    Region,
    User,
)

pytestmark = pytest.mark.django_db

MODELS = [Region, Organisation, Pairing, Batch, Command, CommandMember, User, ObjectChange]


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def members_management(prefix="members"):
    return {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
def test_every_list_and_form_renders_for_the_administrator(world, model):
    c = client_for(world.admin)
    assert c.get(url(model, "changelist")).status_code == 200
    assert c.get(url(model, "changelist"), {"q": "巩留"}).status_code == 200
    obj = model.objects.first()
    assert c.get(url(model, "change", obj.pk)).status_code == 200
    if model is not ObjectChange:
        assert c.get(url(model, "add")).status_code == 200


def test_back_office_speaks_chinese_and_english_on_request(world):
    c = client_for(world.staff_gongliu)
    page = c.get(reverse("admin:index")).content.decode()
    assert 'lang="zh-hans"' in page
    for words in ("援疆通", "对口支援", "指挥部", "批次", "行政区划", "变更记录"):
        assert words in page
    c.post(reverse("set_language"), {"language": "en", "next": "/admin/"})
    page = c.get(reverse("admin:index")).content.decode()
    assert 'lang="en"' in page
    assert "Log out" in page or "Sign out" in page


def test_pages_use_only_local_assets(world):
    c = client_for(world.admin)
    pages = [reverse("admin:index"), url(Command, "changelist"), url(Command, "add"),
             reverse("api-docs")]
    for page in pages:
        html = c.get(page).content.decode()
        external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
        assert external == [], (page, external)
        for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', html)[:40]:
            assert c.get(asset).status_code == 200, asset


def test_login_page_in_chinese():
    page = Client().get(reverse("admin:login")).content.decode()
    assert "用户名" in page and "密码" in page


# --- the scope matrix: another command's records stay out of reach ------------------------


def test_other_commands_records_are_not_listed(world):
    c = client_for(world.staff_gongliu)
    page = c.get(url(Command, "changelist")).content.decode()
    assert "张家港援巩留工作组" in page
    assert "吉林市援阿勒泰工作队" not in page
    page = c.get(url(CommandMember, "changelist")).content.decode()
    assert "钱组长" in page and "赵队长" not in page
    page = c.get(url(Command, "changelist"), {"q": "阿勒泰"}).content.decode()
    assert "吉林市援阿勒泰工作队" not in page


@pytest.mark.parametrize("view", ["change", "delete", "history"])
def test_other_commands_pages_answer_404(world, view):
    c = client_for(world.staff_gongliu)
    assert c.get(url(Command, view, world.altay.pk)).status_code == 404
    assert c.get(url(CommandMember, view, world.altay_member.pk)).status_code == 404


def test_other_commands_records_cannot_be_changed_or_deleted(world):
    c = client_for(world.staff_gongliu)
    data = {"name": "被改", "kind": "work_group", "batch": world.jl8.pk,
            "pairing_set": [pairing("220200", "654301").pk], **members_management()}
    assert c.post(url(Command, "change", world.altay.pk), data).status_code == 404
    assert c.post(url(Command, "delete", world.altay.pk), {"post": "yes"}).status_code == 404
    world.altay.refresh_from_db()
    assert world.altay.name == "吉林市援阿勒泰工作队"
    # The bulk delete action only reaches visible rows.
    c.post(url(CommandMember, "changelist"), {
        "action": "delete_selected", "_selected_action": [world.altay_member.pk], "post": "yes",
    })
    assert CommandMember.objects.filter(pk=world.altay_member.pk).exists()


def test_export_contains_only_the_users_scope(world):
    c = client_for(world.staff_gongliu)
    response = c.post(url(Command, "changelist"), {
        "action": "export_xlsx", "_selected_action": [world.altay.pk, world.gongliu.pk],
    })
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:3] == ("名称", "类型", "批次")
    assert [r[0] for r in rows[1:]] == ["张家港援巩留工作组"]
    response = c.post(url(Command, "changelist"), {
        "action": "export_xlsx", "select_across": "1", "_selected_action": [world.gongliu.pk],
    })
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert [r[0] for r in rows[1:]] == ["张家港援巩留工作组"]


def test_filters_and_autocomplete_offer_only_visible_records(world):
    c = client_for(world.staff_gongliu)
    page = c.get(url(CommandMember, "changelist")).content.decode()
    assert "吉林市援阿勒泰工作队" not in page
    response = c.get(reverse("admin:autocomplete"), {
        "app_label": "core", "model_name": "commandmember", "field_name": "command", "term": "",
    })
    names = [r["text"] for r in response.json()["results"]]
    assert names == ["张家港援巩留工作组"]


def test_change_log_of_other_commands_is_hidden(world):
    c = client_for(world.staff_gongliu)
    page = c.get(reverse("admin:core_objectchange_changelist")).content.decode()
    assert "张家港援巩留工作组" in page
    assert "吉林市援阿勒泰工作队" not in page
    other = ObjectChange.objects.filter(scope_command=world.altay).first()
    assert c.get(url(ObjectChange, "change", other.pk)).status_code == 404


def test_leader_reads_but_cannot_write(world):
    c = client_for(world.leader_gongliu)
    page = c.get(url(Command, "change", world.gongliu.pk))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    data = {"name": "领导改名", "kind": "work_group", "batch": world.js10.pk,
            "pairing_set": [pairing("320582", "654024").pk], **members_management()}
    assert c.post(url(Command, "change", world.gongliu.pk), data).status_code == 403
    assert c.get(url(Command, "add")).status_code == 403


# --- writes through the admin --------------------------------------------------------------


def test_admin_create_goes_through_the_service_and_is_logged(world):
    c = client_for(world.staff_gongliu)
    response = c.post(url(Organisation, "add"), {
        "name": "巩留县第三小学", "kind": "school", "region": "654024", "uscc": "", "note": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    org = Organisation.objects.get(name="巩留县第三小学")
    log = ObjectChange.objects.get(content_type__model="organisation", object_id=str(org.pk))
    assert (log.action, log.source, log.user) == ("create", ChangeSource.ADMIN, world.staff_gongliu)


def test_admin_shows_service_errors_on_the_form_and_writes_nothing(world):
    c = client_for(world.staff_gongliu)
    before = (Command.objects.count(), ObjectChange.objects.count())
    response = c.post(url(Command, "add"), {
        "name": "越权工作组", "kind": "work_group", "batch": world.js10.pk,
        "parent": world.gongliu.pk, "pairing_set": [pairing("220200", "654301").pk],
        **members_management(),
    })
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode() or "不在您的数据范围内" in (
        response.content.decode())
    assert (Command.objects.count(), ObjectChange.objects.count()) == before


def test_admin_batch_end_before_start(world):
    c = client_for(world.js_office)
    response = c.post(url(Batch, "add"), {
        "supporting_region": "320000", "number": "12", "name": "",
        "start_date": "2026-03-01", "end_date": "2025-03-01", "note": "", "source": "",
    })
    assert response.status_code == 200
    assert "结束日期必须晚于开始日期。" in response.content.decode()
    assert not Batch.objects.filter(supporting_region="320000", number=12).exists()


def test_admin_unknown_region_code(world):
    c = client_for(world.admin)
    response = c.post(url(Organisation, "add"), {"name": "某单位", "kind": "other",
                                                 "region": "999999"})
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert not Organisation.objects.filter(name="某单位").exists()


def test_admin_service_rule_errors_appear_on_the_form(world):
    c = client_for(world.admin)
    response = c.post(url(Command, "add"), {
        "name": "重复工作组", "kind": "work_group", "batch": world.js10.pk,
        "pairing_set": [pairing("320582", "654024").pk], **members_management(),
    })
    assert "在江苏省第十批已由“张家港援巩留工作组”负责" in response.content.decode()


def test_admin_inline_members_are_saved_through_the_service(world):
    c = client_for(world.staff_gongliu)
    data = {"name": world.gongliu.name, "kind": "work_group", "batch": world.js10.pk,
            "parent": world.yili.pk, "pairing_set": [pairing("320582", "654024").pk],
            "address": "巩留县", "phone": "", "note": "",
            "members-TOTAL_FORMS": "1", "members-INITIAL_FORMS": "0",
            "members-MIN_NUM_FORMS": "0", "members-MAX_NUM_FORMS": "1000",
            "members-0-sort_order": "1", "members-0-name": "孙副组长", "members-0-role": "deputy",
            "members-0-title": "副组长", "members-0-phone": ""}
    response = c.post(url(Command, "change", world.gongliu.pk), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    member = CommandMember.objects.get(name="孙副组长")
    log = ObjectChange.objects.get(content_type__model="commandmember", object_id=str(member.pk))
    assert log.source == ChangeSource.ADMIN and log.scope_command_id == world.gongliu.pk


def test_change_log_is_read_only_in_the_admin(world):
    c = client_for(world.admin)
    change = ObjectChange.objects.first()
    assert c.get(url(ObjectChange, "add")).status_code == 403
    page = c.get(url(ObjectChange, "change", change.pk)).content.decode()
    assert 'name="_save"' not in page
    assert c.post(url(ObjectChange, "delete", change.pk), {"post": "yes"}).status_code == 403
    assert ObjectChange.objects.filter(pk=change.pk).exists()


def test_history_of_an_object_is_its_change_log(world):
    c = client_for(world.staff_gongliu)
    response = c.get(url(Command, "history", world.gongliu.pk))
    assert response.status_code == 302
    page = c.get(response["Location"]).content.decode()
    assert "张家港援巩留工作组" in page
    assert "钱组长" not in page  # only the command's own changes


def test_user_admin_creates_users_with_role_and_scope(world):
    c = client_for(world.admin)
    response = c.post(url(User, "add"), {
        "username": "new_recipient", "password1": "Xj-2026-strong!", "password2": "Xj-2026-strong!",
        "role": "recipient", "scope_region": "654024",
    })
    assert response.status_code == 302, response.content.decode()[-2000:]
    user = User.objects.get(username="new_recipient")
    assert user.is_staff and user.check_password("Xj-2026-strong!")
    response = c.post(url(User, "add"), {
        "username": "bad_staff", "password1": "Xj-2026-strong!", "password2": "Xj-2026-strong!",
        "role": "command_staff",
    })
    assert "前方指挥部人员必须选择所属指挥部。" in response.content.decode()


def test_browser_language_does_not_override_chinese(world):
    c = client_for(world.staff_gongliu)
    page = c.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="zh-hans"' in page


def test_command_staff_see_their_commands_structure_read_only(world):
    c = client_for(world.staff_gongliu)
    page = c.get(url(Command, "change", world.gongliu.pk)).content.decode()
    assert 'name="pairing_set"' not in page and 'name="batch"' not in page
    assert "张家港市→巩留县" in page
    data = {"name": world.gongliu.name, "kind": "work_group", "address": "巩留县东城区",
            "phone": "", "note": "", **members_management()}
    response = c.post(url(Command, "change", world.gongliu.pk), data)
    assert response.status_code == 302
    world.gongliu.refresh_from_db()
    assert world.gongliu.address == "巩留县东城区"
    assert world.gongliu.parent == world.yili
    assert list(world.gongliu.pairings.all()) == [pairing("320582", "654024")]

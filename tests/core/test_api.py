"""The REST API: token and session auth, scoped lists and details, writes through services,
Chinese errors, an OpenAPI schema and a docs page served without a CDN."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, pairing
from yuanjiang.core.choices import ChangeSource
from yuanjiang.core.models import Batch, Command, CommandMember, ObjectChange, Organisation

pytestmark = pytest.mark.django_db

RESOURCES = ["regions", "organisations", "pairings", "batches", "commands", "command-members",
             "users", "changes"]


def ids(response):
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("resource", RESOURCES)
def test_every_list_answers_the_administrator(world, api, resource):
    response = api.as_user(world.admin).get(f"/api/core/{resource}/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] >= 1 and body["results"]


def test_anonymous_requests_are_refused(api):
    response = api.get("/api/core/commands/")
    assert response.status_code == 401
    assert response.json()["detail"] == "身份认证信息未提供。"


def test_token_is_issued_for_username_and_password(world, api):
    response = api.post("/api/auth/token/", {"username": "t_gongliu", "password": PASSWORD})
    assert response.status_code == 200
    token = response.json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/core/users/me/").json()["username"] == "t_gongliu"


def test_session_auth_works_for_signed_in_users(world, client):
    client.force_login(world.staff_gongliu)
    assert client.get("/api/core/commands/").status_code == 200


# --- the scope matrix -------------------------------------------------------------------


def test_list_shows_only_the_users_commands(world, api):
    api.as_user(world.staff_gongliu)
    assert ids(api.get("/api/core/commands/")) == {world.gongliu.pk}
    assert ids(api.get("/api/core/command-members/")) == {world.gongliu_member.pk}
    assert ids(api.get("/api/core/commands/", {"search": "阿勒泰"})) == set()
    assert ids(api.get("/api/core/commands/", {"batch": world.jl8.pk})) == set()


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_other_commands_detail_answers_404(world, api, method):
    api.as_user(world.staff_gongliu)
    for path in (f"/api/core/commands/{world.altay.pk}/",
                 f"/api/core/command-members/{world.altay_member.pk}/"):
        response = getattr(api, method)(path, {"name": "被改"}, format="json")
        # 403 where the role may not do this at all, 404 where the record is out of scope.
        assert response.status_code in (403, 404)
        assert "吉林" not in response.content.decode()
    world.altay.refresh_from_db()
    assert world.altay.name == "吉林市援阿勒泰工作队"


def test_change_log_is_scoped_in_the_api(world, api):
    api.as_user(world.staff_gongliu)
    rows = api.get("/api/core/changes/", {"object_type": "core.command", "page_size": 500})
    object_ids = {row["object_id"] for row in rows.json()["results"]}
    assert str(world.gongliu.pk) in object_ids and str(world.altay.pk) not in object_ids
    other = ObjectChange.objects.filter(scope_command=world.altay).first()
    assert api.get(f"/api/core/changes/{other.pk}/").status_code == 404


def test_change_log_cannot_be_written_through_the_api(world, api):
    api.as_user(world.admin)
    change = ObjectChange.objects.first()
    assert api.post("/api/core/changes/", {}).status_code == 405
    assert api.put(f"/api/core/changes/{change.pk}/", {}).status_code == 405
    assert api.delete(f"/api/core/changes/{change.pk}/").status_code == 405


def test_leader_reads_but_cannot_write(world, api):
    api.as_user(world.leader_gongliu)
    assert api.get(f"/api/core/commands/{world.gongliu.pk}/").status_code == 200
    response = api.patch(f"/api/core/commands/{world.gongliu.pk}/", {"phone": "1"}, format="json")
    assert response.status_code == 403


def test_users_endpoint_is_for_administrators(world, api):
    assert api.as_user(world.js_office).get("/api/core/users/").status_code == 403
    me = api.get("/api/core/users/me/").json()
    assert me["role"] == "home_office" and "password" not in me


# --- writes -----------------------------------------------------------------------------


def test_create_through_the_api_is_logged(world, api):
    api.as_user(world.staff_gongliu)
    response = api.post("/api/core/organisations/", {
        "name": "巩留县职业技术学校", "kind": "school", "region": "654024",
    }, format="json")
    assert response.status_code == 201, response.json()
    org = Organisation.objects.get(pk=response.json()["id"])
    log = ObjectChange.objects.get(content_type__model="organisation", object_id=str(org.pk))
    assert (log.source, log.user, log.action) == (ChangeSource.API, world.staff_gongliu, "create")


def test_unknown_region_code_is_refused_in_chinese(world, api):
    before = Organisation.objects.count()
    response = api.as_user(world.admin).post("/api/core/organisations/", {
        "name": "某单位", "kind": "other", "region": "999999",
    }, format="json")
    assert response.status_code == 400
    assert response.json() == {"region": ["行政区划“999999”不存在或不在您的数据范围内。"]}
    assert Organisation.objects.count() == before


def test_text_in_a_numeric_field(world, api):
    response = api.as_user(world.js_office).post("/api/core/batches/", {
        "supporting_region": "320000", "number": "十一", "start_date": "2026-03-01",
    }, format="json")
    assert response.status_code == 400
    assert response.json()["number"] == ["请填写合法的整数值。"]


def test_batch_ending_before_start_is_refused(world, api):
    before = Batch.objects.count()
    response = api.as_user(world.js_office).post("/api/core/batches/", {
        "supporting_region": "320000", "number": 11, "start_date": "2026-03-01",
        "end_date": "2025-03-01",
    }, format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["结束日期必须晚于开始日期。"]}
    assert Batch.objects.count() == before


def test_command_for_a_pairing_outside_scope_is_refused(world, api):
    api.as_user(world.staff_gongliu)
    before = (Command.objects.count(), ObjectChange.objects.count())
    altay_pairing = pairing("220200", "654301")
    response = api.post("/api/core/commands/", {
        "name": "越权工作组", "kind": "work_group", "batch": world.js10.pk,
        "parent": world.gongliu.pk, "pairings": [altay_pairing.pk],
    }, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "pairings": [f"对口支援关系“{altay_pairing.pk}”不存在或不在您的数据范围内。"]
    }
    assert (Command.objects.count(), ObjectChange.objects.count()) == before


def test_service_rule_errors_come_back_by_field(world, api):
    response = api.as_user(world.js_office).post("/api/core/commands/", {
        "name": "重复", "kind": "work_group", "batch": world.js10.pk,
        "pairings": [pairing("320582", "654024").pk],
    }, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "pairings": ["对口支援关系“张家港市→巩留县”在江苏省第十批已由“张家港援巩留工作组”负责。"]
    }


def test_update_and_partial_update(world, api):
    api.as_user(world.staff_gongliu)
    response = api.patch(f"/api/core/commands/{world.gongliu.pk}/",
                         {"address": "巩留县阿尼家路"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["address"] == "巩留县阿尼家路"
    response = api.patch(f"/api/core/commands/{world.gongliu.pk}/", {"parent": None}, format="json")
    assert response.status_code == 400
    assert response.json()["parent"] == ["本指挥部的上级、批次和对口支援关系由后方管理维护。"]


def test_delete_of_referenced_record_is_a_conflict(world, api):
    response = api.as_user(world.js_office).delete(f"/api/core/commands/{world.yili.pk}/")
    assert response.status_code == 409
    assert "仍被其他记录引用" in response.json()["detail"]


def test_delete_through_the_api(world, api):
    response = api.as_user(world.staff_gongliu).delete(
        f"/api/core/command-members/{world.gongliu_member.pk}/"
    )
    assert response.status_code == 204
    assert not CommandMember.objects.filter(pk=world.gongliu_member.pk).exists()


def test_user_created_by_administrator_with_password(world, api):
    api.as_user(world.admin)
    response = api.post("/api/core/users/", {
        "username": "api_user", "password": "Xj-2026-strong!", "role": "recipient",
        "scope_region": "654301",
    }, format="json")
    assert response.status_code == 201, response.json()
    response = api.post("/api/core/users/", {
        "username": "api_user2", "password": "123", "role": "recipient", "scope_region": "654301",
    }, format="json")
    assert response.status_code == 400
    assert any("密码" in m for m in response.json()["password"])


# --- filters, pagination, queries --------------------------------------------------------


def test_filters(world, api):
    api.as_user(world.admin)
    assert {r["code"] for r in api.get("/api/core/regions/", {"within": "659000",
                                                              "page_size": 50}).json()["results"]} >= {
        "659008", "659012"}
    rows = api.get("/api/core/pairings/", {"recipient_within": "654000", "page_size": 100}).json()
    assert {r["recipient_region"] for r in rows["results"]} == {"654000", "654024"}
    rows = api.get("/api/core/batches/", {"active_on": "2021-06-01"}).json()["results"]
    assert {(r["supporting_region"], r["number"]) for r in rows} == {("320000", 10)}
    rows = api.get("/api/core/commands/", {"recipient_within": "654024"}).json()["results"]
    assert {r["id"] for r in rows} == {world.gongliu.pk}


def test_pagination(world, api):
    body = api.as_user(world.admin).get("/api/core/regions/", {"page_size": 10}).json()
    assert len(body["results"]) == 10 and body["next"]


def test_command_list_queries_do_not_grow_with_rows(world, api, django_assert_max_num_queries):
    api.as_user(world.admin)
    api.get("/api/core/commands/")
    with django_assert_max_num_queries(8):
        api.get("/api/core/commands/")


# --- schema and docs ------------------------------------------------------------------------


def test_openapi_schema_describes_every_endpoint(world, api):
    response = api.as_user(world.admin).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for resource in RESOURCES:
        assert f"/api/core/{resource}/" in paths
    assert "post" in paths["/api/core/commands/"]
    assert "post" not in paths["/api/core/changes/"]


def test_schema_generation_has_no_warnings():
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def test_docs_page_served_locally(world, client):
    client.force_login(world.admin)
    html = client.get(reverse("api-docs")).content.decode()
    assert "swagger-ui" in html and "cdn" not in html.lower()

"""Projects endpoints: scoped lists and details, writes through the services with their
Chinese messages, the stage and closing actions, the funds figures and the warnings."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import AllocationFactory, ProjectFactory, advance, disburse
from yuanjiang.core.models import ObjectChange
from yuanjiang.projects.models import Disbursement, Output, Project, SupervisionOrder
from yuanjiang.projects.services import (
    ArrivalService,
    OutputService,
    SupervisionOrderService,
    progress_report,
)

pytestmark = pytest.mark.django_db
D = dt.date
M = Decimal


@pytest.fixture
def data(world, settings, tmp_path):
    """张家港→巩留, plan year 2021: one new in-plan livelihood project in 巩留县 with a
    1,000,000.00 allocation, approved on 2021-03-01 and paid 250,000.00 on 2021-05-01; one
    arrival of 800,000.00 (省级财政). Disbursement rate 250,000 ÷ 1,000,000 = 25.00%, arrival
    rate 800,000 ÷ 1,000,000 = 80.00%, not started (start rate 0.00%)."""
    settings.MEDIA_ROOT = tmp_path
    g = world.gongliu
    project = ProjectFactory(command=g, code="GL-2021-001", name="巩留县幼儿园")
    allocation = AllocationFactory(command=g, project=project, amount=M("1000000.00"))
    arrival = ArrivalService.create(acting_user=None, data={
        "command": g, "year": 2021, "source": "provincial", "account": "command",
        "date": D(2021, 3, 20), "amount": M("800000.00")})
    advance(project, "approved", D(2021, 3, 1))
    disbursement = disburse(project, "250000.00", D(2021, 5, 1))
    update = progress_report(project, acting_user=None, date=D(2021, 3, 2), percent=0,
                             files=[SimpleUploadedFile("验收报告.pdf", b"%PDF-1.7\n...")])
    output = OutputService.create(acting_user=None, data={
        "project": project, "name": "建筑面积", "quantity": M("3200.00"), "unit": "平方米"})
    order = SupervisionOrderService.create(acting_user=None, data={
        "project": project, "reason": "not_started", "issued_by": "伊犁州援疆办",
        "issued_on": D(2021, 4, 10), "assignee": "巩留县教育局", "requirement": "尽快开工",
        "due_date": D(2021, 5, 10)})
    return {"project": project, "allocation": allocation, "arrival": arrival,
            "disbursement": disbursement, "update": update, "output": output, "order": order,
            "stage_event": project.stage_events.get(), "attachment": update.attachments.get()}


RESOURCES = {
    "projects": "project", "stage-events": "stage_event", "progress-updates": "update",
    "attachments": "attachment", "outputs": "output", "supervision-orders": "order",
    "allocations": "allocation", "arrivals": "arrival", "disbursements": "disbursement",
}
READ_ONLY = {"stage-events", "attachments"}


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("resource", RESOURCES)
def test_lists_answer(world, data, api, resource):
    api.as_user(world.staff_gongliu)
    assert ids(api.get(f"/api/projects/{resource}/")) == {data[RESOURCES[resource]].pk}
    detail = api.get(f"/api/projects/{resource}/{data[RESOURCES[resource]].pk}/")
    assert detail.status_code == 200


def test_money_comes_out_as_strings_and_flags_are_derived(world, data, api):
    api.as_user(world.staff_gongliu)
    body = api.get(f"/api/projects/projects/{data['project'].pk}/").json()
    assert body["budget"] == "1000000.00"
    assert (body["stage"], body["approved_on"]) == ("approved", "2021-03-01")
    assert (body["is_livelihood"], body["is_grassroots"]) == (True, True)
    allocation = api.get(f"/api/projects/allocations/{data['allocation'].pk}/").json()
    assert allocation["amount"] == "1000000.00" and allocation["source"] == "provincial"


@pytest.mark.parametrize("resource", RESOURCES)
def test_another_command_neither_sees_nor_changes(world, data, api, resource):
    api.as_user(world.staff_altay)
    assert ids(api.get(f"/api/projects/{resource}/")) == set()
    path = f"/api/projects/{resource}/{data[RESOURCES[resource]].pk}/"
    assert api.get(path).status_code == 404
    response = api.patch(path, {"note": "被改"}, format="json")
    # Read-only resources refuse a change (403 without the permission, else 405); the
    # others answer as if the record did not exist.
    assert response.status_code in ((403, 405) if resource in READ_ONLY else (404,))
    assert "巩留" not in response.content.decode()


def test_another_command_cannot_step_or_close(world, data, api):
    api.as_user(world.staff_altay)
    project = data["project"]
    response = api.post(f"/api/projects/projects/{project.pk}/advance/",
                        {"stage": "started", "on": "2021-05-01"}, format="json")
    assert response.status_code == 404
    response = api.post(f"/api/projects/supervision-orders/{data['order'].pk}/close/",
                        {"on": "2021-05-01", "resolution": "已开工"}, format="json")
    assert response.status_code == 404
    project.refresh_from_db()
    assert project.stage == "approved"


def test_the_recipient_side_reads_but_does_not_write(world, data, api):
    api.as_user(world.recipient_gongliu)
    assert ids(api.get("/api/projects/projects/")) == {data["project"].pk}
    assert ids(api.get("/api/projects/disbursements/")) == {data["disbursement"].pk}
    response = api.post("/api/projects/projects/", {"code": "X"}, format="json")
    assert response.status_code == 403
    response = api.post(f"/api/projects/projects/{data['project'].pk}/advance/",
                        {"stage": "started", "on": "2021-05-01"}, format="json")
    assert response.status_code == 403
    response = api.patch(f"/api/projects/projects/{data['project'].pk}/", {"name": "改"},
                         format="json")
    assert response.status_code == 403


def test_create_a_project_writes_the_change_log(world, api):
    api.as_user(world.staff_gongliu)
    response = api.post("/api/projects/projects/", {
        "code": "GL-2021-009", "name": "巩留县养老院", "command": world.gongliu.pk,
        "region": "654024", "category": "livelihood", "livelihood_kind": "social_security",
        "plan_year": 2021, "budget": "2500000.5", "planned_start": "2021-05-01",
        "planned_end": "2021-12-31", "stage": "completed"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["budget"] == "2500000.50" and body["stage"] == "pipeline"  # stage is read-only
    assert body["is_livelihood"] is True
    change = ObjectChange.objects.get(content_type__model="project", object_id=str(body["id"]))
    assert (change.action, change.source, change.user) == ("create", "api", world.staff_gongliu)


def test_project_rules_come_back_in_chinese(world, api):
    api.as_user(world.staff_gongliu)
    response = api.post("/api/projects/projects/", {
        "code": "GL-X", "name": "阿勒泰的项目", "command": world.gongliu.pk,
        "region": "654301", "category": "industry", "plan_year": 2021,
        "budget": "100.00"}, format="json")
    assert response.status_code == 400
    assert "受援地范围" in response.json()["region"][0]
    assert not Project.objects.filter(code="GL-X").exists()


def test_a_disbursement_beyond_the_allocation_is_refused(world, data, api):
    api.as_user(world.staff_gongliu)
    before = Disbursement.objects.count()
    response = api.post("/api/projects/disbursements/", {
        "project": data["project"].pk, "date": "2021-06-01", "amount": "750000.01",
        "voucher_number": "记-0601"}, format="json")
    assert response.status_code == 400
    assert "超过已安排资金" in response.json()["amount"][0]
    assert "1,000,000.01" in response.json()["amount"][0]
    assert Disbursement.objects.count() == before
    response = api.post("/api/projects/disbursements/", {
        "project": data["project"].pk, "date": "2021-06-01", "amount": "750000.00",
        "voucher_number": "记-0601"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["amount"] == "750000.00"


def test_text_in_an_amount_field(world, data, api):
    api.as_user(world.staff_gongliu)
    before = Disbursement.objects.count()
    response = api.post("/api/projects/disbursements/", {
        "project": data["project"].pk, "date": "2021-06-01", "amount": "十万元",
        "voucher_number": "记-0602"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"amount"}
    assert Disbursement.objects.count() == before


def test_allocation_takes_the_command_of_its_project(world, data, api):
    api.as_user(world.staff_gongliu)
    response = api.post("/api/projects/allocations/", {
        "project": data["project"].pk, "year": 2021, "source": "municipal",
        "amount": "10000.00"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["command"] == world.gongliu.pk
    response = api.post("/api/projects/allocations/", {
        "year": 2021, "source": "municipal", "amount": "10000.00"}, format="json")
    assert response.status_code == 400 and "command" in response.json()


def test_advance_forward_and_not_backwards(world, data, api):
    api.as_user(world.staff_gongliu)
    path = f"/api/projects/projects/{data['project'].pk}/advance/"
    response = api.post(path, {"stage": "started", "on": "2021-05-01", "note": "开工仪式"},
                        format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["stage"], response.json()["actual_start"]) == ("started", "2021-05-01")
    rows = api.get("/api/projects/stage-events/", {"project": data["project"].pk}).json()["results"]
    assert [(r["stage"], r["date"]) for r in rows] == [
        ("approved", "2021-03-01"), ("tendering", "2021-05-01"), ("started", "2021-05-01")]
    response = api.post(path, {"stage": "approved", "on": "2021-06-01"}, format="json")
    assert response.status_code == 400
    assert "只能向前推进" in response.json()["stage"][0]
    response = api.post(path, {"stage": "finished", "on": "2021-06-01"}, format="json")
    assert response.status_code == 400 and "stage" in response.json()
    change = ObjectChange.objects.filter(content_type__model="project",
                                         object_id=str(data["project"].pk)).latest("id")
    assert (change.source, change.user) == ("api", world.staff_gongliu)


def test_stage_and_flags_are_read_only_in_updates(world, data, api):
    api.as_user(world.staff_gongliu)
    path = f"/api/projects/projects/{data['project'].pk}/"
    response = api.patch(path, {"stage": "handed_over", "is_livelihood": False,
                                "progress_percent": 100, "name": "巩留县第一幼儿园"},
                         format="json")
    assert response.status_code == 200, response.json()
    data["project"].refresh_from_db()
    assert (data["project"].stage, data["project"].is_livelihood,
            data["project"].progress_percent) == ("approved", True, 0)
    assert data["project"].name == "巩留县第一幼儿园"


def test_close_a_supervision_order(world, data, api):
    api.as_user(world.staff_gongliu)
    path = f"/api/projects/supervision-orders/{data['order'].pk}/"
    assert ids(api.get("/api/projects/supervision-orders/", {"open": "true"})) == {data["order"].pk}
    response = api.post(path + "close/", {"on": "2021-04-01", "resolution": "已开工"},
                        format="json")
    assert response.status_code == 400 and "不能早于督办日期" in response.json()["closed_on"][0]
    response = api.post(path + "close/", {"on": "2021-05-08", "resolution": " 已于5月1日开工 "},
                        format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["closed_on"], body["is_open"], body["resolution"]) == (
        "2021-05-08", False, "已于5月1日开工")
    assert ids(api.get("/api/projects/supervision-orders/", {"open": "true"})) == set()
    assert ids(api.get("/api/projects/supervision-orders/", {"open": "false"})) == {data["order"].pk}
    response = api.patch(path, {"assignee": "别人"}, format="json")
    assert response.status_code == 400
    assert SupervisionOrder.objects.get().assignee == "巩留县教育局"


def test_filters(world, data, api):
    api.as_user(world.staff_gongliu)
    pk = data["project"].pk
    assert ids(api.get("/api/projects/projects/", {"stage": "approved"})) == {pk}
    assert ids(api.get("/api/projects/projects/", {"stage": "started"})) == set()
    assert ids(api.get("/api/projects/projects/", {"code": "gl-2021-001"})) == {pk}
    assert ids(api.get("/api/projects/projects/", {"is_livelihood": "true",
                                                   "command": world.gongliu.pk})) == {pk}
    assert ids(api.get("/api/projects/projects/", {"plan_year": 2022})) == set()
    disbursement = data["disbursement"].pk
    assert ids(api.get("/api/projects/disbursements/", {"date_after": "2021-05-01",
                                                        "date_before": "2021-05-31"})) == {disbursement}
    assert ids(api.get("/api/projects/disbursements/", {"date_after": "2021-05-02"})) == set()
    assert ids(api.get("/api/projects/disbursements/", {"command": world.altay.pk})) == set()
    assert ids(api.get("/api/projects/allocations/", {"source": "provincial", "year": 2021})) == {
        data["allocation"].pk}
    assert ids(api.get("/api/projects/arrivals/", {"source": "donation"})) == set()
    assert ids(api.get("/api/projects/progress-updates/", {"project": pk})) == {data["update"].pk}


def test_output_create_and_duplicate(world, data, api):
    api.as_user(world.staff_gongliu)
    payload = {"project": data["project"].pk, "name": "床位", "quantity": "200", "unit": "张"}
    response = api.post("/api/projects/outputs/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["quantity"] == "200.00"
    response = api.post("/api/projects/outputs/", payload, format="json")
    assert response.status_code == 400
    assert Output.objects.filter(name="床位").count() == 1


# --- figures and warnings -----------------------------------------------------------------


def test_summary_matches_the_hand_computed_example(world, data, api):
    api.as_user(world.staff_gongliu)
    response = api.get("/api/projects/summary/", {"command": world.gongliu.pk, "year": 2021})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert {k: body[k] for k in ("planned", "planned_in_plan", "planned_extra_plan",
                                 "to_projects", "livelihood", "grassroots", "arrived",
                                 "arrived_in_plan", "disbursed")} == {
        "planned": "1000000.00", "planned_in_plan": "1000000.00", "planned_extra_plan": "0.00",
        "to_projects": "1000000.00", "livelihood": "1000000.00", "grassroots": "1000000.00",
        "arrived": "800000.00", "arrived_in_plan": "800000.00", "disbursed": "250000.00"}
    assert {k: body[k] for k in ("arrival_rate", "disbursement_rate", "start_rate",
                                 "completion_rate", "livelihood_share", "grassroots_share",
                                 "livelihood_rule_holds", "grassroots_rule_holds")} == {
        "arrival_rate": "80.00", "disbursement_rate": "25.00", "start_rate": "0.00",
        "completion_rate": "0.00", "livelihood_share": "100.00", "grassroots_share": "100.00",
        "livelihood_rule_holds": True, "grassroots_rule_holds": True}
    assert (body["projects"], body["items"], body["new_planned"], body["new_started"],
            body["continuing"], body["completed"]) == (1, 0, 1, 0, 0, 0)
    assert body["by_stage"]["approved"] == 1 and body["by_stage"]["started"] == 0
    assert body["by_category"] == {"livelihood": {"label": "民生", "projects": 1,
                                                  "allocated": "1000000.00"}}


def test_summary_of_nothing_has_null_rates(world, data, api):
    api.as_user(world.staff_gongliu)
    body = api.get("/api/projects/summary/", {"year": 2022}).json()
    assert body["planned"] == "0.00"
    assert body["arrival_rate"] is None and body["livelihood_share"] is None
    assert body["livelihood_rule_holds"] is None
    body = api.get("/api/projects/summary/").json()  # the whole batch
    assert body["disbursement_rate"] == "25.00"


def test_summary_of_the_province_and_out_of_scope(world, data, api):
    api.as_user(world.js_office)
    body = api.get("/api/projects/summary/", {"supporting": "320000", "batch": world.js10.pk,
                                              "year": 2021}).json()
    assert body["disbursed"] == "250000.00"
    api.as_user(world.staff_gongliu)
    assert api.get("/api/projects/summary/", {"command": world.altay.pk}).status_code == 404
    response = api.get("/api/projects/summary/", {"year": "二〇二一"})
    assert response.status_code == 400 and "年度" in response.json()["year"][0]
    assert api.get("/api/projects/summary/", {"command": "abc"}).status_code == 400
    api.as_user(world.staff_altay)
    body = api.get("/api/projects/summary/", {"year": 2021}).json()
    assert body["planned"] == "0.00" and body["projects"] == 0


def test_warnings(world, data, api):
    """Planned to start on 2021-04-01 and still only approved: 未按期开工."""
    api.as_user(world.staff_gongliu)
    response = api.get("/api/projects/warnings/")
    assert response.status_code == 200, response.json()
    assert response.json()["results"] == [{
        "id": data["project"].pk, "code": "GL-2021-001", "name": "巩留县幼儿园",
        "command": world.gongliu.pk, "warning": "not_started", "expected_percent": None,
        "progress_percent": 0, "planned_start": "2021-04-01", "planned_end": "2021-10-31"}]
    assert api.get("/api/projects/warnings/", {"command": world.altay.pk}).status_code == 404
    assert api.as_user(world.staff_altay).get("/api/projects/warnings/").json()["results"] == []


def test_schema_describes_the_projects_endpoints(world, api):
    response = api.as_user(world.admin).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    for resource in RESOURCES:
        assert f"/api/projects/{resource}/" in schema["paths"]
    for path in ("/api/projects/summary/", "/api/projects/warnings/",
                 "/api/projects/projects/{id}/advance/",
                 "/api/projects/supervision-orders/{id}/close/"):
        assert path in schema["paths"]
    assert "post" not in schema["paths"]["/api/projects/stage-events/"]
    assert schema["components"]["schemas"]["FundSourceEnum"]["enum"] == [
        "provincial", "municipal", "extra_plan", "donation"]


def test_attachments_upload_and_download_through_the_scoped_api(world, data, api):
    api.as_user(world.staff_gongliu)
    attachment = data["attachment"]
    body = api.get(f"/api/projects/attachments/{attachment.pk}/").json()
    assert "file" not in body and "/media/" not in str(body)
    assert body["download"].endswith(f"/api/projects/attachments/{attachment.pk}/download/")
    response = api.get(f"/api/projects/attachments/{attachment.pk}/download/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    # Upload: checked by content like in the pages, logged, and readable back.
    fake = SimpleUploadedFile("照片.png", b"MZ\x90\x00 not a picture")
    response = api.post("/api/projects/attachments/",
                        {"update": data["update"].pk, "file": fake}, format="multipart")
    assert response.status_code == 400 and "不是 PNG 文件" in str(response.json()["file"])
    png = SimpleUploadedFile("现场照片.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    response = api.post("/api/projects/attachments/",
                        {"update": data["update"].pk, "file": png}, format="multipart")
    assert response.status_code == 201, response.json()
    new = response.json()
    assert new["name"] == "现场照片.png"
    assert ObjectChange.objects.filter(content_type__model="attachment", object_id=str(new["id"]),
                                       user=world.staff_gongliu).exists()
    # Another command neither downloads nor uploads to this report.
    api.as_user(world.staff_altay)
    assert api.get(f"/api/projects/attachments/{attachment.pk}/download/").status_code == 404
    response = api.post("/api/projects/attachments/", {
        "update": data["update"].pk, "file": SimpleUploadedFile("a.pdf", b"%PDF-1.7\n")},
        format="multipart")
    assert response.status_code == 400 and "不在您的数据范围内" in str(response.json()["update"])
    api.as_user(world.staff_gongliu)
    assert api.delete(f"/api/projects/attachments/{new['id']}/").status_code == 204
    assert data["update"].attachments.count() == 1


def test_a_closed_supervision_order_is_kept(world, data, api):
    api.as_user(world.staff_gongliu)
    path = f"/api/projects/supervision-orders/{data['order'].pk}/"
    assert api.post(path + "close/", {"on": "2021-05-08", "resolution": "已开工"},
                    format="json").status_code == 200
    response = api.delete(path)
    assert response.status_code == 409 and "不能删除" in response.json()["detail"]
    assert SupervisionOrder.objects.filter(pk=data["order"].pk).exists()

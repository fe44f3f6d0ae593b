"""People pages: the person page, ID numbers masked unless permitted, search by ID number,
status steps, roster import with progress, the on-post overview; all within scope."""

import datetime as dt
import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tests.core.test_admin import client_for, url
from tests.people.test_roster import SUN, row, workbook
from yuanjiang.core.models import ImportJob
from yuanjiang.people.models import Assessment, Assignment, Award, Leave, Person
from yuanjiang.people.services import LeaveService

pytestmark = pytest.mark.django_db
MODELS = [Person, Assignment, Leave, Assessment, Award]


def grant_ids(user):
    user.user_permissions.add(Permission.objects.get(codename="view_id_number"))
    return type(user).objects.get(pk=user.pk)  # a fresh object: permissions are cached


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
def test_lists_and_add_forms_render(world, people, model):
    c = client_for(world.staff_gongliu)
    assert c.get(url(model, "changelist")).status_code == 200
    assert c.get(url(model, "add")).status_code == 200


def test_person_page_shows_postings_leave_assessments_awards(world, people):
    LeaveService.create(acting_user=None, data={
        "assignment": people.cadre, "kind": "home_visit", "start_date": dt.date(2021, 7, 1),
        "end_date": dt.date(2021, 7, 15), "approved_by": "指挥长"})
    page = client_for(world.staff_gongliu).get(url(Person, "change", people.cadre.person.pk))
    html = page.content.decode()
    for text in ("选派经历", "张家港援巩留工作组", "副县长", "请假", "探亲", "年度考核", "表彰"):
        assert text in html


def full_ids_in(html, *people_):
    return [p.id_number for p in people_ if p.id_number in html]


def test_id_numbers_are_masked_everywhere_without_the_permission(world, people):
    person = people.cadre.person
    c = client_for(world.staff_gongliu)
    pages = [url(Person, "changelist"), url(Person, "change", person.pk),
             url(Assignment, "changelist"), url(Assignment, "change", people.cadre.pk),
             reverse("admin:core_objectchange_changelist")]
    for page in pages:
        html = c.get(page).content.decode()
        assert full_ids_in(html, person) == [], page
    assert person.id_number_masked in c.get(url(Person, "changelist")).content.decode()
    for action in ("export_xlsx",):
        response = c.post(url(Person, "changelist"), {"action": action,
                                                      "_selected_action": [person.pk]})
        cells = [c.value for r in load_workbook(io.BytesIO(response.content)).active for c in r]
        assert person.id_number not in cells and person.id_number_masked in cells
    response = c.post(url(Assignment, "changelist"), {"action": "export_roster",
                                                      "_selected_action": [people.cadre.pk]})
    cells = [c.value for r in load_workbook(io.BytesIO(response.content)).active for c in r]
    assert person.id_number not in cells and person.id_number_masked in cells


def test_id_numbers_in_full_with_the_permission(world, people):
    person = people.cadre.person
    c = client_for(grant_ids(world.staff_gongliu))
    assert person.id_number in c.get(url(Person, "changelist")).content.decode()
    assert person.id_number in c.get(url(Person, "change", person.pk)).content.decode()
    response = c.post(url(Assignment, "changelist"), {"action": "export_roster",
                                                      "_selected_action": [people.cadre.pk]})
    assert load_workbook(io.BytesIO(response.content)).active["B2"].value == person.id_number


def test_search_by_full_id_number(world, people):
    person = people.cadre.person
    c = client_for(world.staff_gongliu)
    html = c.get(url(Person, "changelist"), {"q": person.id_number.lower()}).content.decode()
    assert "王建国" in html and "李秀英" not in html
    html = c.get(url(Assignment, "changelist"), {"q": person.id_number}).content.decode()
    assert "王建国" in html and "李秀英" not in html
    # Another command's person is not found by their number either.
    other = people.altay_cadre.person
    html = c.get(url(Person, "changelist"), {"q": other.id_number}).content.decode()
    assert "赵志刚" not in html


def test_person_form_registers_with_the_id_number(world, people):
    c = client_for(world.staff_gongliu)
    number = "320582198001011234"
    from yuanjiang.people import ids

    number = ids.make("320582", dt.date(1980, 1, 1), 123)
    response = c.post(url(Person, "add"), {
        "name": "吴新来", "id_number": number, "ethnicity": "01", "gender": "", "birth_date": "",
        "home_organisation": people.cadre.person.home_organisation.pk, "note": "",
        "assignments-TOTAL_FORMS": "0", "assignments-INITIAL_FORMS": "0",
        "leaves-TOTAL_FORMS": "0", "leaves-INITIAL_FORMS": "0",
        "assessments-TOTAL_FORMS": "0", "assessments-INITIAL_FORMS": "0",
        "awards-TOTAL_FORMS": "0", "awards-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302, re.findall(r"errorlist.{0,200}", response.content.decode())
    person = Person.objects.get(name="吴新来")
    assert (person.id_number, person.gender, person.birth_date, person.registered_by) == (
        number, "male", dt.date(1980, 1, 1), world.gongliu)
    bad = c.post(url(Person, "add"), {"name": "错号", "id_number": number[:-1] + "0",
                                      "ethnicity": "01",
                                      "home_organisation": person.home_organisation.pk})
    assert "校验位不正确" in bad.content.decode()


def test_other_commands_people_are_out_of_reach(world, people):
    c = client_for(world.staff_gongliu)
    assert c.get(url(Person, "change", people.altay_cadre.person.pk)).status_code == 404
    assert c.get(url(Assignment, "change", people.altay_cadre.pk)).status_code == 404
    assert c.get(reverse("admin:people_assignment_step_finish",
                         args=[people.altay_cadre.pk])).status_code == 404


def test_status_steps_from_the_posting_page(world, people):
    c = client_for(world.staff_gongliu)
    page = c.get(url(Assignment, "change", people.cadre.pk)).content.decode()
    assert "期满返回" in page and "中期轮换" in page
    step = reverse("admin:people_assignment_step_early", args=[people.cadre.pk])
    response = c.post(step, {"on": "2022-06-30", "reason": ""})
    assert "提前返回须说明原因。" in response.content.decode()
    response = c.post(step, {"on": "2022-06-30", "reason": "工作需要"})
    assert response.status_code == 302
    people.cadre.refresh_from_db()
    assert (people.cadre.status, people.cadre.actual_end_date) == ("early_return", dt.date(2022, 6, 30))


def test_leave_return_from_the_leave_page(world, people):
    leave = LeaveService.create(acting_user=None, data={
        "assignment": people.cadre, "kind": "sick", "start_date": dt.date(2021, 3, 1),
        "end_date": dt.date(2021, 3, 20), "approved_by": "指挥长"})
    c = client_for(world.staff_gongliu)
    response = c.post(reverse("admin:people_leave_step_return", args=[leave.pk]), {"on": "2021-03-10"})
    assert response.status_code == 302
    leave.refresh_from_db()
    assert leave.returned_on == dt.date(2021, 3, 10)


def test_assessment_warning_is_shown(world, people):
    from tests.factories import AssignmentFactory

    for _ in range(3):
        AssignmentFactory(command=world.gongliu, organisation=people.government)
    c = client_for(world.staff_gongliu)
    c.post(url(Assessment, "add"), {"assignment": people.cadre.pk, "year": "2021", "grade": "excellent"})
    response = c.post(url(Assessment, "add"), {"assignment": people.teacher.pk, "year": "2021",
                                               "grade": "excellent"}, follow=True)
    assert "优秀比例将达 40.0%，超过 20% 的上限" in response.content.decode()


def test_roster_import_through_the_pages(world, people, settings, tmp_path):
    from tests.factories import PersonFactory

    PersonFactory()  # the home unit of the rows
    settings.MEDIA_ROOT = tmp_path
    c = client_for(world.staff_gongliu)
    page = reverse("admin:people_assignment_roster_import")
    assert "花名册文件" in c.get(page).content.decode()
    response = c.post(page, {"command": world.gongliu.pk,
                             "file": SimpleUploadedFile("花名册.xlsx", workbook([row()]))})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    html = c.get(response["Location"]).content.decode()
    assert "检查通过，待确认" in html and "新登记人员 1 人" in html and "确认导入" in html
    partial = c.get(reverse("admin:core_importjob_progress", args=[job.pk])).content.decode()
    assert "检查通过" in partial
    response = c.post(reverse("admin:core_importjob_change", args=[job.pk]), {"confirm": "1"})
    html = c.get(response["Location"]).content.decode()
    assert "已导入 1 行" in html
    assert Person.objects.filter(id_number_hash__isnull=False, name="孙立平").exists()
    assert SUN not in html


def test_roster_upload_refuses_other_files_and_other_commands(world, people):
    c = client_for(world.staff_gongliu)
    page = reverse("admin:people_assignment_roster_import")
    html = c.post(page, {"command": world.gongliu.pk,
                         "file": SimpleUploadedFile("名单.csv", b"a,b")}).content.decode()
    assert "请上传 .xlsx 格式的 Excel 文件" in html
    html = c.post(page, {"command": world.altay.pk,
                         "file": SimpleUploadedFile("r.xlsx", workbook([row()]))}).content.decode()
    assert "选择一个有效的选项" in html
    assert not ImportJob.objects.exists()


def test_other_users_job_pages_are_out_of_reach(world, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.base import ContentFile

    job = ImportJob.objects.create(kind="roster", command=world.altay, created_by=world.staff_altay,
                                   original_name="x.xlsx", file=ContentFile(b"x", "x.xlsx"))
    c = client_for(world.staff_gongliu)
    assert c.get(reverse("admin:core_importjob_change", args=[job.pk])).status_code == 404
    assert c.get(reverse("admin:core_importjob_progress", args=[job.pk])).status_code == 404


def test_on_post_overview(world, people):
    c = client_for(world.js_office)
    html = c.get(reverse("admin:people_assignment_on_post_overview"), {"month": "2021-01"}).content.decode()
    assert "在岗情况" in html and "张家港援巩留工作组" in html
    assert "100.00%" in html  # nobody on leave in January 2021
    html = client_for(world.staff_altay).get(
        reverse("admin:people_assignment_on_post_overview"), {"month": "2021-01"}).content.decode()
    assert "张家港援巩留工作组" not in html
    html = c.get(reverse("admin:people_assignment_on_post_overview"), {"month": "2021年1月"}).content.decode()
    assert "月份格式应为 YYYY-MM。" in html

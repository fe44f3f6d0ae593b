"""Talent pages by role, the trainee inline, an import through the job pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.core.test_admin import client_for, url
from tests.factories import TraineeFactory, TrainingProgrammeFactory, workbook
from yuanjiang.core.models import ImportJob
from yuanjiang.talent import sheets
from yuanjiang.talent.models import GroupAid, Mentorship, Secondment, Trainee, TrainingProgramme

pytestmark = pytest.mark.django_db
MODELS = [TrainingProgramme, Trainee, Secondment, Mentorship, GroupAid]


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize(("who", "add"), [("staff_gongliu", 200), ("js_office", 200),
                                          ("recipient_gongliu", 403), ("leader_js", 403)])
def test_lists_open_for_every_reader_and_forms_for_who_enters(world, model, who, add):
    c = client_for(getattr(world, who))
    assert c.get(url(model, "changelist")).status_code == 200
    assert c.get(url(model, "add")).status_code == add


def test_the_programme_page_lists_its_trainees(world):
    programme = TrainingProgrammeFactory(command=world.gongliu, name="骨干教师培训班")
    TraineeFactory(programme=programme, name="王芳")
    c = client_for(world.staff_gongliu)
    assert "王芳" in c.get(url(TrainingProgramme, "change", programme.pk)).content.decode()
    listing = c.get(url(TrainingProgramme, "changelist")).content.decode()
    assert "骨干教师培训班" in listing
    assert "骨干教师培训班" not in client_for(world.staff_altay).get(
        url(TrainingProgramme, "changelist")).content.decode()


def test_a_secondment_import_with_an_error_writes_nothing(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    c = client_for(world.staff_gongliu)
    rows = [{"姓名": "努尔兰", "派出单位": "巩留县农业农村局", "接收单位": "张家港市农业农村局",
             "开始日期": "2021-04-01", "结束日期": "2021-03-30"}]
    response = c.post(reverse("admin:talent_secondment_sheet_import"), {
        "command": world.gongliu.pk, "file": SimpleUploadedFile("挂职.xlsx", workbook(sheets.SECONDMENTS, rows))})
    html = c.get(response["Location"]).content.decode()
    assert "结束日期不能早于开始日期" in html
    assert ImportJob.objects.get().status == "invalid"
    assert not Secondment.objects.exists()

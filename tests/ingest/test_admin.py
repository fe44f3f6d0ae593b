"""The pages: upload a text and see its figures; review them (take, correct, drop) and load
the accepted ones; fact-check a draft; all within the data scope."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.core.test_admin import client_for
from tests.factories import funds_plan
from yuanjiang.indicators.models import Value
from yuanjiang.ingest.models import Decision, ExtractedFigure

pytestmark = pytest.mark.django_db
UPLOAD = reverse("admin:ingest_extractedfigure_upload_page")
FACTCHECK = reverse("admin:ingest_extractedfigure_factcheck_page")
TEXT = "三年来，共计安排援疆资金2.5亿元，实施对口支援项目60个，共计300人参加会议。"


def upload(c, world, **extra):
    data = {"title": "总结", "pasted": TEXT, "scope": f"command:{world.gongliu.pk}", **extra}
    return c.post(UPLOAD, data)


def test_upload_then_review_in_the_pages(world):
    c = client_for(world.staff_gongliu)
    assert c.get(UPLOAD).status_code == 200
    response = upload(c, world)
    assert response.status_code == 302
    page = c.get(response["Location"]).content.decode()
    assert '<mark id="f' in page and "2.5亿元</mark>" in page and "援疆资金总额" in page
    figures = {f.text: f for f in ExtractedFigure.objects.all()}
    data = {"scope": f"command:{world.gongliu.pk}", "period": "2021",
            f"act-{figures['2.5亿元'].pk}": "take", f"value-{figures['2.5亿元'].pk}": "250000000",
            f"qualifier-{figures['2.5亿元'].pk}": "exact",
            f"indicator-{figures['2.5亿元'].pk}": str(figures["2.5亿元"].indicator_id),
            f"act-{figures['300人'].pk}": "drop", f"act-{figures['60个'].pk}": "later"}
    response = c.post(response["Location"], data, follow=True)
    assert "已采用 1 个、舍弃 1 个数字" in response.content.decode()
    assert Value.objects.get().document_id == figures["2.5亿元"].document_id
    assert ExtractedFigure.objects.get(text="60个").decision == Decision.PENDING


def test_a_bad_value_is_named_and_nothing_is_written(world):
    c = client_for(world.staff_gongliu)
    review_url = upload(c, world)["Location"]
    f = ExtractedFigure.objects.get(text="2.5亿元")
    page = c.post(review_url, {"scope": f"command:{world.gongliu.pk}", "period": "2021",
                               f"act-{f.pk}": "take", f"value-{f.pk}": "两亿"}).content.decode()
    assert "第 1 个数字“2.5亿元”：数值“两亿”不是数字。" in page
    assert not Value.objects.exists()
    page = c.post(review_url, {"scope": f"command:{world.gongliu.pk}", "period": "2021Q7",
                               f"act-{f.pk}": "take"}).content.decode()
    assert "无法识别的时期" in page and not Value.objects.exists()


def test_files_are_read_and_bad_ones_refused(world):
    c = client_for(world.staff_gongliu)
    good = SimpleUploadedFile("稿.txt", TEXT.encode("utf-8"))
    assert upload(c, world, pasted="", file=good).status_code == 302
    bad = SimpleUploadedFile("稿.docx", b"not a word file")
    page = upload(c, world, pasted="", file=bad).content.decode()
    assert "不是 Word 文件" in page
    page = c.post(UPLOAD, {"title": "空", "scope": f"command:{world.gongliu.pk}"}).content.decode()
    assert "请上传文件或粘贴正文" in page


def test_others_neither_see_nor_review(world):
    review_url = upload(client_for(world.staff_gongliu), world)["Location"]
    assert client_for(world.staff_altay).get(review_url).status_code == 404
    other = client_for(world.staff_altay)
    page = upload(other, world).content.decode()  # another command's scope is not offered
    assert "选择一个有效的选项" in page
    recipient = client_for(world.recipient_gongliu)
    assert recipient.get(UPLOAD).status_code == 403  # reads, does not upload
    f = ExtractedFigure.objects.get(text="2.5亿元")
    response = recipient.post(review_url, {"scope": f"command:{world.gongliu.pk}", "period": "2021",
                                           f"act-{f.pk}": "take"})
    assert response.status_code in (403, 404) and not Value.objects.exists()


def test_the_fact_check_page(world):
    funds_plan(world)
    c = client_for(world.staff_gongliu)
    assert c.get(FACTCHECK).status_code == 200
    page = c.post(FACTCHECK, {"pasted": "共计安排援疆资金1200万元，共计300人参加会议。",
                              "scope": f"command:{world.gongliu.pk}", "period": "2021"}).content.decode()
    assert "不一致" in page and "1200万元" in page and re.search(r"11,000,000", page)
    assert "300人" in page  # listed apart: no indicator to check against

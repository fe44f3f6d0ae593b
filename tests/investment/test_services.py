"""Rules of investment attraction, each with the message a user sees and nothing written."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import (
    ActivityFactory,
    EnterpriseFactory,
    InvestmentProjectFactory,
    region,
    valid_uscc,
)
from yuanjiang.core.models import ObjectChange
from yuanjiang.investment import selectors
from yuanjiang.investment.models import (
    Activity,
    Enterprise,
    FundsInPlace,
    InvestmentProject,
    PipelineEvent,
)
from yuanjiang.investment.services import (
    ActivityService,
    EnterpriseService,
    FundsInPlaceService,
    InvestmentProjectService,
    investment_advance,
)

pytestmark = pytest.mark.django_db
D, M = dt.date, Decimal


def messages(exc: ValidationError) -> str:
    return " ".join(m for ms in exc.message_dict.values() for m in ms)


# --- enterprises: the USCC ---------------------------------------------------------------------


def test_a_uscc_with_a_wrong_check_digit_is_refused(world):
    good = valid_uscc(7)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(ValidationError) as exc:
        EnterpriseService.create(acting_user=world.staff_gongliu, data={
            "command": world.gongliu, "name": "张家港某公司", "industry": "food", "uscc": bad})
    assert "uscc" in exc.value.message_dict
    assert "校验位" in messages(exc.value)
    assert not Enterprise.objects.filter(name="张家港某公司").exists()


def test_a_uscc_is_stored_in_capitals_and_once(world):
    code = valid_uscc(8)
    EnterpriseFactory(command=world.gongliu, name="甲公司", uscc=code.lower())
    assert Enterprise.objects.get(name="甲公司").uscc == code
    with pytest.raises(ValidationError) as exc:
        EnterpriseFactory(command=world.gongliu, name="乙公司", uscc=code)
    assert "统一社会信用代码" in messages(exc.value)


def test_enterprises_without_a_uscc_may_be_several(world):
    EnterpriseFactory(command=world.gongliu, name="某大学", kind="institution", uscc="")
    EnterpriseFactory(command=world.gongliu, name="某研究院", kind="institution", uscc="")
    assert Enterprise.objects.filter(uscc="").count() == 2


def test_the_directory_is_read_by_all_and_changed_by_its_command(world):
    firm = EnterpriseFactory(command=world.gongliu, name="丙公司")
    assert Enterprise.objects.restrict(world.staff_altay).filter(pk=firm.pk).exists()
    with pytest.raises(PermissionDenied):
        EnterpriseService.update(firm, acting_user=world.staff_altay, data={"name": "改名"})
    EnterpriseService.update(firm, acting_user=world.staff_gongliu, data={"contact": "王经理"})
    assert ObjectChange.objects.filter(content_type__model="enterprise", object_id=str(firm.pk),
                                       action="update").exists()


# --- activities ------------------------------------------------------------------------------


def test_a_visit_names_the_enterprises_visited(world):
    with pytest.raises(ValidationError) as exc:
        ActivityService.create(acting_user=world.staff_gongliu, data={
            "command": world.gongliu, "kind": "visit", "date": D(2021, 5, 1), "title": "走访",
            "place": "苏州"}, m2m={"enterprises": []})
    assert "enterprises" in exc.value.message_dict
    firm = EnterpriseFactory(command=world.gongliu)
    visit = ActivityService.create(acting_user=world.staff_gongliu, data={
        "command": world.gongliu, "kind": "visit", "date": D(2021, 5, 1), "title": "走访",
        "place": "苏州"}, m2m={"enterprises": [firm]})
    assert list(visit.enterprises.all()) == [firm]


@pytest.mark.parametrize(("day", "words"), [(D(2019, 12, 31), "不在"), (D(2099, 1, 1), "不能晚于今天")])
def test_an_activity_lies_in_its_batch_and_not_in_the_future(world, day, words):
    with pytest.raises(ValidationError) as exc:
        ActivityFactory(command=world.gongliu, date=day)
    assert words in " ".join(exc.value.message_dict["date"])
    assert not Activity.objects.exists()


def test_recipient_officers_read_activities_but_do_not_enter_them(world):
    fair = ActivityFactory(command=world.gongliu)
    assert Activity.objects.restrict(world.recipient_gongliu).filter(pk=fair.pk).exists()
    assert not Activity.objects.restrict(world.recipient_altay).filter(pk=fair.pk).exists()
    with pytest.raises(PermissionDenied):
        ActivityService.create(acting_user=world.recipient_gongliu, data={
            "command": world.gongliu, "kind": "fair", "date": D(2021, 5, 1), "title": "推介会",
            "place": "巩留县"})


# --- investment projects and their pipeline ----------------------------------------------------


@pytest.fixture
def project(world):
    return InvestmentProjectFactory(command=world.gongliu, enterprise=EnterpriseFactory(command=world.gongliu),
                                    name="乳制品加工项目", planned_investment=M("50000000.00"))


def test_a_project_settles_in_a_county_of_the_command(world):
    with pytest.raises(ValidationError) as exc:
        InvestmentProjectFactory(command=world.gongliu, enterprise=EnterpriseFactory(command=world.gongliu),
                                 region=region("654301"))
    assert "不在" in " ".join(exc.value.message_dict["region"])
    with pytest.raises(ValidationError) as exc:
        InvestmentProjectFactory(command=world.gongliu, enterprise=EnterpriseFactory(command=world.gongliu),
                                 region=region("320582"))
    assert "受援地的县" in " ".join(exc.value.message_dict["region"])


def test_the_pipeline_moves_forward_with_every_stage_dated(world, project):
    investment_advance(project, acting_user=world.staff_gongliu, to="landed", on=D(2021, 8, 1),
                       agreement_amount=M("60000000.00"))
    project.refresh_from_db()
    assert project.stage == "landed"
    assert project.signed_on == project.landed_on == D(2021, 8, 1)
    assert project.agreement_amount == M("60000000.00")
    assert list(PipelineEvent.objects.filter(project=project).values_list("stage", flat=True)) == [
        "talks", "signed", "landed"]
    with pytest.raises(ValidationError) as exc:
        investment_advance(project, acting_user=world.staff_gongliu, to="signed", on=D(2021, 9, 1))
    assert "只能向前推进" in messages(exc.value)
    with pytest.raises(ValidationError) as exc:
        investment_advance(project, acting_user=world.staff_gongliu, to="producing", on=D(2021, 7, 1))
    assert "不能早于上一阶段" in messages(exc.value)
    project.refresh_from_db()
    assert project.stage == "landed" and project.producing_on is None


def test_signing_needs_the_agreement_amount(world, project):
    with pytest.raises(ValidationError) as exc:
        investment_advance(project, acting_user=world.staff_gongliu, to="signed", on=D(2021, 8, 1))
    assert "签约协议金额" in messages(exc.value)
    project.refresh_from_db()
    assert project.stage == "lead" and not PipelineEvent.objects.filter(project=project).exists()


def test_the_pipeline_step_is_for_who_may_change_the_project(world, project):
    with pytest.raises(PermissionDenied):
        investment_advance(project, acting_user=world.staff_altay, to="talks", on=D(2021, 8, 1))
    with pytest.raises(PermissionDenied):
        investment_advance(project, acting_user=world.leader_gongliu, to="talks", on=D(2021, 8, 1))
    assert not PipelineEvent.objects.exists()


def test_funds_in_place_come_after_signing(world, project):
    with pytest.raises(ValidationError) as exc:
        FundsInPlaceService.create(acting_user=world.staff_gongliu, data={
            "project": project, "date": D(2021, 9, 1), "amount": M("1000000.00")})
    assert "尚未签约" in messages(exc.value)
    investment_advance(project, acting_user=None, to="signed", on=D(2021, 8, 1),
                       agreement_amount=M("1.00"))
    with pytest.raises(ValidationError) as exc:
        FundsInPlaceService.create(acting_user=world.staff_gongliu, data={
            "project": project, "date": D(2021, 7, 1), "amount": M("1000000.00")})
    assert "不能早于签约日期" in messages(exc.value)
    for amount in ("0", "-5"):
        with pytest.raises(ValidationError):
            FundsInPlaceService.create(acting_user=world.staff_gongliu, data={
                "project": project, "date": D(2021, 9, 1), "amount": M(amount)})
    assert not FundsInPlace.objects.exists()


def test_funds_in_place_beyond_the_planned_investment_are_kept_and_flagged(world, project):
    investment_advance(project, acting_user=None, to="landed", on=D(2021, 8, 1),
                       agreement_amount=M("50000000.00"))
    FundsInPlaceService.create(acting_user=world.staff_gongliu, data={
        "project": project, "date": D(2021, 9, 1), "amount": M("30000000.00")})
    assert not selectors.over_planned(InvestmentProject.objects.all()).exists()
    FundsInPlaceService.create(acting_user=world.staff_gongliu, data={
        "project": project, "date": D(2022, 3, 1), "amount": M("20000000.01")})
    flagged = selectors.over_planned(InvestmentProject.objects.all())
    assert list(flagged) == [project]
    assert flagged.get().funds_total == M("50000000.01")


def test_a_project_with_pipeline_records_is_not_deleted(world, project):
    investment_advance(project, acting_user=None, to="talks", on=D(2021, 8, 1))
    with pytest.raises(ValidationError) as exc:
        InvestmentProjectService.delete(project, acting_user=world.staff_gongliu)
    assert "推进记录" in exc.value.messages[0]
    assert InvestmentProject.objects.filter(pk=project.pk).exists()


def test_the_agreement_amount_stays_once_signed(world, project):
    investment_advance(project, acting_user=None, to="signed", on=D(2021, 8, 1),
                       agreement_amount=M("5.00"))
    with pytest.raises(ValidationError) as exc:
        InvestmentProjectService.update(project, acting_user=world.staff_gongliu,
                                        data={"agreement_amount": None})
    assert "agreement_amount" in exc.value.message_dict


def test_an_enterprise_named_by_visits_or_projects_is_not_deleted(world, project):
    visited = EnterpriseFactory(command=world.gongliu, name="被拜访公司")
    ActivityFactory(command=world.gongliu, kind="visit", enterprises=[visited])
    for firm in (visited, project.enterprise):
        with pytest.raises(ValidationError) as exc:
            EnterpriseService.delete(firm, acting_user=world.staff_gongliu)
        assert "不能删除" in exc.value.messages[0]
    idle = EnterpriseFactory(command=world.gongliu, name="未涉及公司")
    EnterpriseService.delete(idle, acting_user=world.staff_gongliu)
    assert Enterprise.objects.filter(name="被拜访公司").exists()


def test_pipeline_steps_and_funds_lie_in_the_batch(world, project):
    with pytest.raises(ValidationError) as exc:
        investment_advance(project, acting_user=world.staff_gongliu, to="talks", on=D(2005, 5, 1))
    assert "不在" in messages(exc.value)
    investment_advance(project, acting_user=None, to="signed", on=D(2023, 3, 1), agreement_amount=M("1.00"))
    with pytest.raises(ValidationError) as exc:
        FundsInPlaceService.create(acting_user=world.staff_gongliu, data={
            "project": project, "date": D(2023, 6, 1), "amount": M("1.00")})
    assert "不在" in messages(exc.value)


def test_a_project_with_pipeline_steps_stays_with_its_command(world, project):
    investment_advance(project, acting_user=None, to="talks", on=D(2021, 5, 1))
    with pytest.raises(ValidationError) as exc:
        InvestmentProjectService.update(project, acting_user=world.js_office, data={"command": world.yili})
    assert "不能改到其他指挥部" in messages(exc.value)

"""Rules of projects and money, each with the message a user sees and nothing written."""

import datetime as dt
import io
import threading
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction

from tests.factories import AllocationFactory, ProjectFactory, advance, disburse, region
from yuanjiang.core.models import ObjectChange
from yuanjiang.projects.models import Allocation, Disbursement, Project, StageEvent
from yuanjiang.projects.services import (
    AllocationService,
    ArrivalService,
    DisbursementService,
    ProgressUpdateService,
    ProjectService,
    SupervisionOrderService,
    funds_of,
    progress_report,
    project_advance,
    supervision_close,
)

pytestmark = pytest.mark.django_db
D = dt.date
M = Decimal


def messages(exc: ValidationError) -> str:
    return " ".join(m for ms in exc.message_dict.values() for m in ms)


@pytest.fixture
def project(world):
    p = ProjectFactory(command=world.gongliu, name="巩留县幼儿园", budget=Decimal("2000000.00"))
    AllocationFactory(command=world.gongliu, project=p, amount=Decimal("1500000.00"))
    advance(p, "approved", D(2021, 3, 1))
    return p


# --- flags derived from category and region ----------------------------------------------


@pytest.mark.parametrize(("category", "kind", "livelihood"), [
    ("livelihood", "housing", True), ("group_education", "", True), ("group_medical", "", True),
    ("industry", "", False), ("culture", "", False), ("infrastructure", "", False),
])
def test_livelihood_follows_category(world, category, kind, livelihood):
    p = ProjectFactory(command=world.gongliu, category=category, livelihood_kind=kind)
    assert p.is_livelihood is livelihood


def test_grassroots_follows_region_level(world):
    county = ProjectFactory(command=world.yili, region=region("654024"))
    prefecture = ProjectFactory(command=world.yili, region=region("654000"))
    bingtuan_city = ProjectFactory(command=world.yili, region=region("659008"))
    assert (county.is_grassroots, prefecture.is_grassroots, bingtuan_city.is_grassroots) == (
        True, False, True)


def test_override_needs_a_reason_and_then_wins(world):
    with pytest.raises(ValidationError) as exc:
        ProjectFactory(command=world.gongliu, category="industry", livelihood_override="yes")
    assert "须说明理由" in messages(exc.value)
    p = ProjectFactory(command=world.gongliu, category="industry", livelihood_override="yes",
                       override_reason="扶贫车间，吸纳建档立卡户就业")
    assert p.is_livelihood is True


def test_region_outside_the_command_area_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        ProjectFactory(command=world.gongliu, region=region("654301"))
    assert "不在" in messages(exc.value) and "受援地范围" in messages(exc.value)
    with pytest.raises(ValidationError) as exc:
        ProjectFactory(command=world.gongliu, region=region("320582"))
    assert "县（市）或地区（州）" in messages(exc.value)
    assert not Project.objects.exists()


def test_livelihood_needs_its_sub_kind_and_others_none(world):
    with pytest.raises(ValidationError, match="民生子类"):
        ProjectFactory(command=world.gongliu, category="livelihood", livelihood_kind="")
    with pytest.raises(ValidationError, match="只有民生项目"):
        ProjectFactory(command=world.gongliu, category="industry", livelihood_kind="health")


def test_budget_must_be_positive_and_exact(world):
    with pytest.raises(ValidationError, match="大于零|0.01"):
        ProjectFactory(command=world.gongliu, budget=Decimal("-5.00"))
    with pytest.raises(ValidationError):
        ProjectFactory(command=world.gongliu, budget=Decimal("1.005"))


def test_code_is_unique(world):
    ProjectFactory(command=world.gongliu, code="GL-2021-001")
    with pytest.raises(ValidationError, match="项目编号"):
        ProjectFactory(command=world.gongliu, code="GL-2021-001")


# --- items (大项 → 小项) -----------------------------------------------------------------------


def test_items_budgets_stay_within_their_project(world):
    big = ProjectFactory(command=world.gongliu, budget=Decimal("1000000.00"))
    ProjectFactory(command=world.gongliu, parent=big, budget=Decimal("600000.00"))
    with pytest.raises(ValidationError) as exc:
        ProjectFactory(command=world.gongliu, parent=big, budget=Decimal("400000.01"))
    assert "1,000,000.00" in messages(exc.value) and "1,000,000.01" in messages(exc.value)
    ProjectFactory(command=world.gongliu, parent=big, budget=Decimal("400000.00"))
    with pytest.raises(ValidationError, match="不能少于"):
        ProjectService.update(big, acting_user=None, data={"budget": Decimal("999999.99")})
    big.refresh_from_db()
    assert big.budget == Decimal("1000000.00")


def test_items_have_two_levels_and_one_command(world):
    big = ProjectFactory(command=world.gongliu, budget=Decimal("1000000.00"))
    item = ProjectFactory(command=world.gongliu, parent=big, budget=Decimal("1000.00"))
    with pytest.raises(ValidationError, match="小项下不能再分"):
        ProjectFactory(command=world.gongliu, parent=item, budget=Decimal("10.00"))
    with pytest.raises(ValidationError, match="同一指挥部"):
        ProjectFactory(command=world.yili, parent=big, budget=Decimal("10.00"))
    # An item's command follows its project when it is not given.
    child = ProjectFactory(command=None, parent=big, budget=Decimal("10.00"))
    assert child.command == world.gongliu


# --- stages ------------------------------------------------------------------------------------


def test_stages_move_forward_each_dated(world):
    p = ProjectFactory(command=world.gongliu)
    advance(p, "approved", D(2021, 2, 1))
    advance(p, "started", D(2021, 4, 6))  # a cheque project: no tendering of its own
    events = list(p.stage_events.values_list("stage", "date"))
    assert events == [("approved", D(2021, 2, 1)), ("tendering", D(2021, 4, 6)),
                      ("started", D(2021, 4, 6))]
    p.refresh_from_db()
    assert (p.stage, p.approved_on, p.actual_start) == ("started", D(2021, 2, 1), D(2021, 4, 6))


def test_a_stage_jumping_backwards_is_refused_and_nothing_written(world, project):
    advance(project, "started", D(2021, 5, 1))
    before = StageEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        project_advance(project, acting_user=None, to="approved", on=D(2021, 6, 1))
    assert "只能向前推进" in messages(exc.value) and "当前为“开工”" in messages(exc.value)
    with pytest.raises(ValidationError, match="只能向前推进"):
        project_advance(project, acting_user=None, to="started", on=D(2021, 6, 1))
    assert StageEvent.objects.count() == before
    project.refresh_from_db()
    assert project.stage == "started"


def test_stage_dates_neither_go_back_nor_lie_ahead(world, project):
    with pytest.raises(ValidationError, match="不能早于上一阶段"):
        project_advance(project, acting_user=None, to="started", on=D(2021, 2, 1))
    with pytest.raises(ValidationError, match="不能晚于今天"):
        project_advance(project, acting_user=None, to="started", on=D(2999, 1, 1))


def test_stage_cannot_be_set_through_a_plain_update(world, project):
    """`stage` is not editable: the service keeps what the steps wrote."""
    field = Project._meta.get_field("stage")
    assert field.editable is False


def test_stage_step_is_logged(world, project):
    changes = ObjectChange.objects.filter(object_repr__contains=project.code)
    assert changes.filter(action="update").exists()
    assert ObjectChange.objects.filter(content_type__model="stageevent").count() == 1


def test_other_commands_staff_cannot_move_a_project(world, project):
    with pytest.raises(PermissionDenied):
        project_advance(project, acting_user=world.staff_altay, to="started", on=D(2021, 5, 1))
    project_advance(project, acting_user=world.staff_gongliu, to="started", on=D(2021, 5, 1))


# --- progress -------------------------------------------------------------------------------------


def test_progress_only_after_start_and_the_latest_counts(world, project):
    with pytest.raises(ValidationError, match="尚未开工"):
        ProgressUpdateService.create(acting_user=None, data={
            "project": project, "date": D(2021, 4, 1), "percent": 10})
    advance(project, "started", D(2021, 5, 1))
    progress_report(project, acting_user=None, date=D(2021, 6, 30), percent=40, note="主体施工")
    late = progress_report(project, acting_user=None, date=D(2021, 8, 31), percent=70)
    progress_report(project, acting_user=None, date=D(2021, 7, 31), percent=55)  # entered late
    project.refresh_from_db()
    assert (project.progress_percent, project.progress_on) == (70, D(2021, 8, 31))
    ProgressUpdateService.delete(late, acting_user=None)
    project.refresh_from_db()
    assert (project.progress_percent, project.progress_on) == (55, D(2021, 7, 31))
    with pytest.raises(ValidationError, match="100"):
        ProgressUpdateService.create(acting_user=None, data={
            "project": project, "date": D(2021, 9, 1), "percent": 101})


def _docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def test_attachments_are_what_they_claim(world, project):
    advance(project, "started", D(2021, 5, 1))
    good = [SimpleUploadedFile("现场照片.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20),
            SimpleUploadedFile("会议纪要.docx", _docx_bytes()),
            SimpleUploadedFile("验收报告.pdf", b"%PDF-1.7\n...")]
    update = progress_report(project, acting_user=None, date=D(2021, 6, 1), percent=20, files=good)
    assert sorted(a.name for a in update.attachments.all()) == ["会议纪要.docx", "现场照片.png",
                                                                "验收报告.pdf"]
    for name, data, expected in [
        ("报告.pdf", _docx_bytes(), "不是 PDF 文件"),
        ("照片.jpg", b"MZ\x90\x00 an executable", "不是 JPEG 文件"),
        ("工具.exe", b"MZ", "不支持的文件类型"),
        ("表格.xlsx", _docx_bytes(), "不是 Excel 文件"),
    ]:
        before = project.progress_updates.count()
        with pytest.raises(ValidationError) as exc:
            progress_report(project, acting_user=None, date=D(2021, 6, 2), percent=21,
                            files=[SimpleUploadedFile(name, data)])
        assert expected in messages(exc.value)
        assert project.progress_updates.count() == before  # the report went too: all or nothing


# --- supervision -------------------------------------------------------------------------------


def test_supervision_closes_once_with_a_resolution(world, project):
    order = SupervisionOrderService.create(acting_user=None, data={
        "project": project, "reason": "not_started", "issued_by": "张家港援巩留工作组",
        "issued_on": D(2021, 5, 10), "assignee": "巩留县教育局", "requirement": "十日内开工",
        "due_date": D(2021, 5, 20)})
    with pytest.raises(ValidationError, match="办理结果"):
        supervision_close(order, acting_user=None, on=D(2021, 5, 18), resolution=" ")
    with pytest.raises(ValidationError, match="不能早于督办日期"):
        supervision_close(order, acting_user=None, on=D(2021, 5, 1), resolution="已开工")
    supervision_close(order, acting_user=None, on=D(2021, 5, 18), resolution="5月18日已开工")
    order.refresh_from_db()
    assert order.closed_on == D(2021, 5, 18) and not order.is_open
    with pytest.raises(ValidationError, match="已于 2021-05-18 办结"):
        SupervisionOrderService.update(order, acting_user=None, data={"assignee": "别人"})
    with pytest.raises(ValidationError, match="已于"):
        supervision_close(order, acting_user=None, on=D(2021, 5, 19), resolution="again")


# --- money ----------------------------------------------------------------------------------------


def test_a_disbursement_beyond_the_allocations_is_refused(world, project):
    disburse(project, "1000000.00", D(2021, 4, 1))
    with pytest.raises(ValidationError) as exc:
        disburse(project, "500000.01", D(2021, 5, 1))
    text = messages(exc.value)
    assert "1,500,000.01" in text and "1,500,000.00" in text and "超过已安排资金" in text
    assert Disbursement.objects.count() == 1
    disburse(project, "500000.00", D(2021, 5, 1))  # exactly the allocation: allowed


def test_disbursement_amounts_are_positive_and_exact(world, project):
    for amount in ("-100.00", "0.00"):
        with pytest.raises(ValidationError, match="大于零|0.01"):
            disburse(project, amount, D(2021, 4, 1))
    with pytest.raises(ValidationError):
        disburse(project, "10.001", D(2021, 4, 1))
    # Decimal all the way: ten payments of 0.10 make exactly 1.00.
    for _ in range(10):
        disburse(project, "0.10", D(2021, 4, 1))
    total = sum(Disbursement.objects.values_list("amount", flat=True))
    assert total == Decimal("1.00") and isinstance(total, Decimal)


def test_no_disbursement_before_approval(world):
    p = ProjectFactory(command=world.gongliu)
    AllocationFactory(command=world.gongliu, project=p)
    with pytest.raises(ValidationError, match="尚未立项"):
        disburse(p, "10.00", D(2021, 4, 1))
    advance(p, "approved", D(2021, 3, 1))
    with pytest.raises(ValidationError, match="不能早于项目立项日期（2021-03-01）"):
        disburse(p, "10.00", D(2021, 2, 28))
    with pytest.raises(ValidationError, match="不能晚于今天"):
        disburse(p, "10.00", D(2999, 1, 1))


def test_changing_a_disbursement_counts_it_once(world, project):
    d = disburse(project, "1500000.00", D(2021, 4, 1))
    DisbursementService.update(d, acting_user=None, data={"amount": Decimal("1400000.00")})
    with pytest.raises(ValidationError, match="超过已安排资金"):
        DisbursementService.update(d, acting_user=None, data={"amount": Decimal("1500000.01")})
    d.refresh_from_db()
    assert d.amount == Decimal("1400000.00")


def test_items_draw_on_their_own_funds_or_on_their_projects(world):
    big = ProjectFactory(command=world.gongliu, budget=Decimal("3000000.00"))
    own = ProjectFactory(command=world.gongliu, parent=big, budget=Decimal("1000000.00"))
    pooled = ProjectFactory(command=world.gongliu, parent=big, budget=Decimal("1000000.00"))
    for p in (big, own, pooled):
        advance(p, "approved", D(2021, 3, 1))
    AllocationFactory(command=world.gongliu, project=big, amount=Decimal("500000.00"))
    AllocationFactory(command=world.gongliu, project=own, amount=Decimal("300000.00"))
    # `own` has funds of its own: at most 300,000 to it.
    with pytest.raises(ValidationError, match="300,000.00"):
        disburse(own, "300000.01", D(2021, 4, 1))
    disburse(own, "300000.00", D(2021, 4, 1))
    # `pooled` draws on the project's pool: 800,000 in all, 300,000 used.
    disburse(pooled, "500000.00", D(2021, 4, 1))
    with pytest.raises(ValidationError, match="800,000.00"):
        disburse(pooled, "0.01", D(2021, 4, 2))


def test_allocations_cannot_be_cut_below_what_was_paid(world, project):
    allocation = Allocation.objects.get(project=project)
    disburse(project, "1200000.00", D(2021, 4, 1))
    with pytest.raises(ValidationError, match="超过已安排资金"):
        AllocationService.update(allocation, acting_user=None, data={"amount": Decimal("1000000.00")})
    other = ProjectFactory(command=world.gongliu)
    with pytest.raises(ValidationError, match="超过已安排资金"):
        AllocationService.update(allocation, acting_user=None, data={"project": other})
    with pytest.raises(ValidationError, match="不能删除这笔资金安排"):
        AllocationService.delete(allocation, acting_user=None)
    AllocationService.update(allocation, acting_user=None, data={"amount": Decimal("1200000.00")})


def test_allocations_belong_to_the_projects_command_and_batch_years(world, project):
    with pytest.raises(ValidationError, match="不属于"):
        AllocationFactory(command=world.yili, project=project)
    with pytest.raises(ValidationError, match="年度 2019 不在"):
        AllocationFactory(command=world.gongliu, project=project, year=2019)
    pool = AllocationFactory(command=world.gongliu, project=None, year=2022)
    assert pool.project is None
    # The command of a project allocation follows its project.
    assert AllocationFactory(command=None, project=project).command == world.gongliu


def test_arrivals_take_their_year_from_the_date(world):
    a = ArrivalService.create(acting_user=None, data={
        "command": world.gongliu, "source": "provincial", "account": "command",
        "date": D(2021, 3, 15), "amount": Decimal("5000000.00")})
    assert a.year == 2021
    with pytest.raises(ValidationError, match="不在"):
        ArrivalService.create(acting_user=None, data={
            "command": world.gongliu, "source": "provincial", "account": "command",
            "date": D(2024, 3, 15), "amount": Decimal("5.00")})


def test_money_writes_respect_scope(world, project):
    with pytest.raises(ValidationError, match="不在您的数据范围内"):
        DisbursementService.create(acting_user=world.staff_altay, data={
            "project": project, "date": D(2021, 4, 1), "amount": Decimal("1.00"),
            "voucher_number": "X1"})
    with pytest.raises(PermissionDenied):
        AllocationService.create(acting_user=world.recipient_gongliu, data={
            "command": world.gongliu, "project": project, "year": 2021, "source": "provincial",
            "amount": Decimal("1.00")})
    d = DisbursementService.create(acting_user=world.staff_gongliu, data={
        "project": project, "date": D(2021, 4, 1), "amount": Decimal("1.00"),
        "voucher_number": "X1"})
    log = ObjectChange.objects.get(content_type__model="disbursement", object_id=str(d.pk))
    assert log.user == world.staff_gongliu and log.postchange_data["amount"] == "1.00"


def test_voucher_numbers_are_unique_per_project(world, project):
    disburse(project, "1.00", D(2021, 4, 1), voucher="记-001")
    with pytest.raises(ValidationError, match="凭证号"):
        disburse(project, "2.00", D(2021, 4, 2), voucher="记-001")


def test_an_attachment_file_goes_with_its_report(world, project, settings, tmp_path,
                                                 django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    advance(project, "started", D(2021, 5, 1))
    update = progress_report(project, acting_user=None, date=D(2021, 6, 1), percent=20,
                             files=[SimpleUploadedFile("验收报告.pdf", b"%PDF-1.7\n...")])
    path = tmp_path / update.attachments.get().file.name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        ProgressUpdateService.delete(update, acting_user=None)
    assert not path.exists()


def test_an_item_paid_from_its_projects_pool_cannot_leave_it(world):
    big = ProjectFactory(command=world.gongliu, budget=M("2000000.00"))
    item = ProjectFactory(command=world.gongliu, parent=big, budget=M("500000.00"))
    for p in (big, item):
        advance(p, "approved", D(2021, 3, 1))
    AllocationFactory(command=world.gongliu, project=big, amount=M("1000000.00"))
    disburse(item, "400000.00", D(2021, 4, 1))
    with pytest.raises(ValidationError, match="调整后“.*”累计拨付 400,000.00 元，将超过其已安排资金 0.00 元"):
        ProjectService.update(item, acting_user=None, data={"parent": None})
    item.refresh_from_db()
    assert item.parent == big
    # With funds of its own it may go.
    AllocationFactory(command=world.gongliu, project=item, amount=M("400000.00"))
    ProjectService.update(item, acting_user=None, data={"parent": None})


def test_a_funded_item_cannot_leave_its_project_paid_beyond_its_funds(world):
    big = ProjectFactory(command=world.gongliu, budget=M("2000000.00"))
    funded = ProjectFactory(command=world.gongliu, parent=big, budget=M("500000.00"))
    pooled = ProjectFactory(command=world.gongliu, parent=big, budget=M("500000.00"))
    advance(pooled, "approved", D(2021, 3, 1))
    AllocationFactory(command=world.gongliu, project=funded, amount=M("100000.00"))
    disburse(pooled, "100000.00", D(2021, 4, 1))
    with pytest.raises(ValidationError, match="将超过其已安排资金 0.00 元"):
        ProjectService.update(funded, acting_user=None, data={"parent": None})
    funded.refresh_from_db()
    assert funded.parent == big


def test_a_project_with_items_does_not_change_command_alone(world):
    big = ProjectFactory(command=world.gongliu, budget=M("2000000.00"))
    ProjectFactory(command=world.gongliu, parent=big, budget=M("500000.00"))
    with pytest.raises(ValidationError, match="已有小项"):
        ProjectService.update(big, acting_user=None, data={"command": world.yili})
    big.refresh_from_db()
    assert big.command == world.gongliu


def test_a_progress_report_stays_with_its_project(world, project):
    advance(project, "started", D(2021, 5, 1))
    report = progress_report(project, acting_user=None, date=D(2021, 6, 1), percent=60)
    other = ProjectFactory(command=world.gongliu)
    with pytest.raises(ValidationError, match="不能改到其他项目"):
        ProgressUpdateService.update(report, acting_user=None, data={"project": other})
    project.refresh_from_db()
    assert project.progress_percent == 60


def test_funds_of_its_own_must_cover_what_an_item_was_already_paid(world):
    big = ProjectFactory(command=world.gongliu, budget=M("2000000.00"))
    item = ProjectFactory(command=world.gongliu, parent=big, budget=M("500000.00"))
    advance(item, "approved", D(2021, 3, 1))
    AllocationFactory(command=world.gongliu, project=big, amount=M("100000.00"))
    disburse(item, "80000.00", D(2021, 4, 1))
    with pytest.raises(ValidationError, match="80,000.00 元，超过已安排资金 10.00 元"):
        AllocationFactory(command=world.gongliu, project=item, amount=M("10.00"))
    AllocationFactory(command=world.gongliu, project=item, amount=M("80000.00"))


def test_an_allocation_moves_between_an_item_and_its_project_freely(world):
    big = ProjectFactory(command=world.gongliu, budget=M("2000000.00"))
    item = ProjectFactory(command=world.gongliu, parent=big, budget=M("500000.00"))
    for p in (big, item):
        advance(p, "approved", D(2021, 3, 1))
    allocation = AllocationFactory(command=world.gongliu, project=big, amount=M("300000.00"))
    disburse(big, "300000.00", D(2021, 4, 1))
    # The family keeps its 300,000 whichever of the two holds it: the move is neutral.
    AllocationService.update(allocation, acting_user=None, data={"project": item})
    AllocationService.update(allocation, acting_user=None, data={"project": big})
    # Paid to the item itself, the allocation cannot leave the item below its payments…
    AllocationService.update(allocation, acting_user=None, data={"project": item})
    DisbursementService.update(Disbursement.objects.get(), acting_user=None, data={"project": item})
    with pytest.raises(ValidationError, match="超过已安排资金 299,999.00 元"):
        AllocationService.update(allocation, acting_user=None, data={"amount": M("299999.00")})
    # … but may go back to the project, whose pool the item then draws on.
    AllocationService.update(allocation, acting_user=None, data={"project": big})
    allocation.refresh_from_db()
    assert allocation.project == big and funds_of(big) == (M("300000.00"), M("300000.00"))
    # Money that leaves the family is still checked.
    other = ProjectFactory(command=world.gongliu)
    with pytest.raises(ValidationError, match="超过已安排资金 0.00 元"):
        AllocationService.update(allocation, acting_user=None, data={"project": other})


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="the row lock is PostgreSQL's; SQLite lets one writer in at a time anyway")
@pytest.mark.django_db(transaction=True)
def test_two_payments_at_once_cannot_both_pass_on_the_old_totals(world):
    """The family's row lock: while one payment's transaction is open, a second payment to
    the same project waits for it, then sees it and is refused (100 allocated, 60 + 60)."""
    p = ProjectFactory(command=world.gongliu, budget=M("100.00"))
    AllocationFactory(command=world.gongliu, project=p, amount=M("100.00"))
    advance(p, "approved", D(2021, 3, 1))
    first_written, finish_first = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def pay(name: str, hold: bool) -> None:
        try:
            with transaction.atomic():
                disburse(Project.objects.get(pk=p.pk), "60.00", D(2021, 4, 1), voucher=name)
                if hold:
                    first_written.set()
                    finish_first.wait(10)
            outcome[name] = "paid"
        except ValidationError as exc:
            outcome[name] = messages(exc)
        finally:
            connection.close()

    first = threading.Thread(target=pay, args=("A", True))
    first.start()
    assert first_written.wait(10)
    second = threading.Thread(target=pay, args=("B", False))
    second.start()
    second.join(1.0)
    assert second.is_alive(), "the second payment should wait for the first one's lock"
    finish_first.set()
    first.join(10)
    second.join(10)
    assert outcome["A"] == "paid"
    assert "累计拨付将达 120.00 元，超过已安排资金 100.00 元" in outcome["B"]
    assert list(Disbursement.objects.values_list("voucher_number", flat=True)) == ["A"]

"""Writes of the indicators app: the catalog of the contract, the rules of a reported value,
freezing by submission and approval, and the approval steps with their change log."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import AllocationFactory, ProjectFactory, region
from yuanjiang.core.choices import ChangeAction
from yuanjiang.core.models import ObjectChange
from yuanjiang.indicators.choices import ApprovalStatus, ScopeKind
from yuanjiang.indicators.models import Approval, Indicator, Value
from yuanjiang.indicators.scopes import Period, Scope, parse_period
from yuanjiang.indicators.services import (
    CONTRACT,
    PLATFORM_CATALOG,
    ApprovalService,
    IndicatorService,
    SourceDocumentService,
    ValueService,
    approval_approve,
    approval_for,
    approval_return,
    approval_submit,
    load_catalog,
    report_value,
)

pytestmark = pytest.mark.django_db
D = dt.date
M = Decimal
# tests/indicators/test_services.py → parents: [0] tests/indicators, [1] tests, [2] the
# project, [3] the directory that holds it and, beside it, the shared contracts.
SHARED_CONTRACT = Path(__file__).resolve().parents[3] / "shared" / "contracts" / "indicators.csv"


def ind(code: str) -> Indicator:
    return Indicator.objects.get(code=code)


def messages_of(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def refused(fn, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        fn(*args, **kwargs)
    return messages_of(caught.value)


def denied(fn, *args, **kwargs) -> str:
    with pytest.raises(PermissionDenied) as caught:
        fn(*args, **kwargs)
    return str(caught.value)


def csv_codes(path: Path) -> list[str]:
    import csv

    with path.open(encoding="utf-8", newline="") as fh:
        return [row["code"] for row in csv.DictReader(fh)]


def changes_of(obj) -> list[ObjectChange]:
    ct = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return list(ObjectChange.objects.filter(content_type=ct, object_id=str(obj.pk)).order_by("id"))


# --- the catalog ---------------------------------------------------------------------------------


def test_the_catalog_is_loaded_after_migrate(db):
    """41 codes of the contract and 2 of the platform (people_on_post, on_post_rate), in the
    order of the files."""
    codes = csv_codes(CONTRACT) + csv_codes(PLATFORM_CATALOG)
    assert len(codes) == 43
    assert list(Indicator.objects.values_list("code", flat=True)) == codes
    assert not Indicator.objects.filter(builtin=False).exists()
    total = ind("aid_funds_total")
    assert (total.name, total.unit, total.kind, total.aggregation, total.order) == (
        "援疆资金总额", "元", "money", "sum", 1)


def test_load_catalog_is_idempotent_and_keeps_names_in_step(db):
    before = list(Indicator.objects.values_list("pk", "code", "name", "order"))
    assert load_catalog() == {"added": 0, "updated": 0}
    assert list(Indicator.objects.values_list("pk", "code", "name", "order")) == before
    Indicator.objects.filter(code="investment_fairs").update(name="旧名称", meaning="")
    Indicator.objects.filter(code="jobs_created").delete()
    assert load_catalog() == {"added": 1, "updated": 1}
    assert ind("investment_fairs").name == "招商洽谈推介会场次"
    assert ind("jobs_created").builtin
    assert load_catalog() == {"added": 0, "updated": 0}


@pytest.mark.skipif(not SHARED_CONTRACT.exists(), reason=f"the shared contracts are not checked out "
                    f"beside the project ({SHARED_CONTRACT} is absent)")
def test_every_code_of_the_shared_contract_is_loaded(db):
    assert CONTRACT.read_bytes() == SHARED_CONTRACT.read_bytes(), (
        "src/yuanjiang/indicators/data/indicators.csv must be a byte-identical copy of the contract")
    codes = csv_codes(SHARED_CONTRACT)
    assert codes and set(codes) <= set(Indicator.objects.filter(builtin=True).values_list("code", flat=True))


@pytest.mark.parametrize(("field", "value"), [
    ("code", "funds_total"), ("unit", "万元"), ("kind", "count"), ("aggregation", "last")])
def test_builtin_indicators_keep_code_unit_kind_and_aggregation(world, field, value):
    total = ind("aid_funds_total")
    message = refused(IndicatorService.update, total, acting_user=world.admin, data={field: value})
    assert "平台内置指标的代码、单位、类型和汇总方式按约定固定，不能修改" in message
    total.refresh_from_db()
    assert (total.code, total.unit, total.kind, total.aggregation) == ("aid_funds_total", "元", "money", "sum")


def test_builtin_indicators_may_be_renamed_but_not_deleted(world):
    total = ind("aid_funds_total")
    IndicatorService.update(total, acting_user=world.admin, data={"name": "援疆资金安排总额"})
    assert ind("aid_funds_total").name == "援疆资金安排总额"
    assert "平台内置指标“援疆资金安排总额”不能删除" in refused(IndicatorService.delete, total,
                                                         acting_user=world.admin)
    assert Indicator.objects.filter(code="aid_funds_total").exists()


def test_an_administrator_adds_an_indicator(world):
    added = IndicatorService.create(acting_user=world.admin, data={
        "code": "tourists_received", "name": "接待游客人次", "unit": "人次", "kind": "count",
        "aggregation": "sum"})
    assert not added.builtin
    IndicatorService.update(added, acting_user=world.admin, data={"unit": "万人次"})
    assert ind("tourists_received").unit == "万人次"
    assert "指标代码只能含小写字母、数字和下划线" in refused(IndicatorService.create, acting_user=world.admin, data={
        "code": "Tourists", "name": "游客", "unit": "人", "kind": "count", "aggregation": "sum"})
    assert "您没有新增统计指标的权限" in denied(IndicatorService.create, acting_user=world.js_office, data={
        "code": "visitors", "name": "访客", "unit": "人", "kind": "count", "aggregation": "sum"})
    IndicatorService.delete(added, acting_user=world.admin)
    assert not Indicator.objects.filter(code="tourists_received").exists()


def test_a_percent_is_never_summed(world):
    data = {"code": "tourist_growth", "name": "游客增长率", "unit": "%", "kind": "percent"}
    message = refused(IndicatorService.create, acting_user=world.admin, data={**data, "aggregation": "sum"})
    assert "比率类指标不能求和，汇总方式应为“比值”或“取最新值”" in message
    assert not Indicator.objects.filter(code="tourist_growth").exists()
    assert IndicatorService.create(acting_user=world.admin, data={**data, "aggregation": "last"}).pk


# --- values --------------------------------------------------------------------------------------


@pytest.fixture
def gongliu(world) -> Scope:
    return Scope(ScopeKind.COMMAND, command=world.gongliu)


@pytest.fixture
def document(world):
    return SourceDocumentService.create(acting_user=None, data={
        "title": "巩留县召开第十批援疆干部人才总结表彰大会", "text": "举办招商洽谈推介会9场。",
        "command": world.gongliu})


def value_data(scope, period, code="investment_fairs", value="9", **fields):
    return {"indicator": ind(code), **scope.fields(), **period.fields(), "value": M(value), **fields}


RULES = [
    ({"value": "-1"}, "value", "数值不能为负数"),
    ({"value": "1.5"}, "value", "“招商洽谈推介会场次”是数量，应为整数（收到 1.5）"),
    ({"code": "aid_funds_arrival_rate", "value": "50", "numerator": M(1)}, "denominator",
     "分子和分母须同时填写"),
    ({"code": "aid_funds_arrival_rate", "value": "50", "numerator": M(1), "denominator": M(3)}, "value",
     "数值应等于分子 ÷ 分母（33.33%）"),
    ({"numerator": M(9), "denominator": M(1)}, "numerator", "只有比率类指标填写分子和分母"),
    ({"code": "aid_funds_arrival_rate", "value": "50", "numerator": M(1), "denominator": M(0)},
     None, "分母应大于零"),
    ({"code": "livelihood_funds_share", "value": "120"}, "value", "占比不能超过 100%"),
    ({"span_start": 0, "span_end": 3}, "document", "填写原文位置时须选择来源文稿"),
    ({"quote": "举办招商洽谈推介会9场"}, "document", "填写原文位置时须选择来源文稿"),
    ({"source": "computed"}, "source", "计算值由业务记录生成，不能填报"),
    ({"period_end": D(2021, 6, 30)}, "period_start", "时期起止与“年度”不符"),
]


@pytest.mark.parametrize(("fields", "field", "message"), RULES, ids=[r[2][:12] for r in RULES])
def test_value_rules_write_nothing(world, gongliu, fields, field, message):
    fields = dict(fields)
    data = value_data(gongliu, Period.of_year(2021), code=fields.pop("code", "investment_fairs"),
                      value=fields.pop("value", "9"), **fields)
    with pytest.raises(ValidationError) as caught:
        ValueService.create(acting_user=world.staff_gongliu, data=data)
    errors = caught.value.message_dict
    assert message in " ".join(errors[field] if field else caught.value.messages), errors
    assert not Value.objects.exists()


def test_a_value_checks_its_document_and_period(world, gongliu, document):
    """The text has 12 characters: a span may end at 12, not at 20."""
    year = Period.of_year(2021)
    message = refused(ValueService.create, acting_user=world.staff_gongliu,
                      data=value_data(gongliu, year, document=document, span_start=2, span_end=20))
    assert "原文位置超出文稿长度（12 字）" in message
    assert "原文结束位置应大于起始位置" in refused(
        ValueService.create, acting_user=world.staff_gongliu,
        data=value_data(gongliu, year, document=document, span_start=5, span_end=2))
    quarter = {"period_kind": "quarter", "period_start": D(2021, 1, 1), "period_end": D(2021, 6, 30),
               "period_key": "", "batch": None}
    assert "时期起止与“季度”不符" in refused(ValueService.create, acting_user=world.staff_gongliu,
                                             data={**value_data(gongliu, year), **quarter})
    assert not Value.objects.exists()
    v = ValueService.create(acting_user=world.staff_gongliu, data=value_data(
        gongliu, year, document=document, span_start=2, span_end=12, quote="举办招商洽谈推介会9场"))
    assert (v.source, v.scope_key, v.period_key) == ("extracted", f"command:{world.gongliu.pk}", "2021")


def test_one_accepted_value_per_indicator_scope_and_period(world, gongliu):
    year = Period.of_year(2021)
    first = ValueService.create(acting_user=world.staff_gongliu, data=value_data(gongliu, year))
    message = refused(ValueService.create, acting_user=world.staff_gongliu,
                      data=value_data(gongliu, year, value="10"))
    assert "该范围和时期已有此指标的数值，请修改已有数值" in message
    assert list(Value.objects.values_list("pk", "value")) == [(first.pk, M("9.00"))]
    # A proposal for the same figure may wait beside it; accepting it is refused the same way.
    proposal = ValueService.create(acting_user=world.staff_gongliu,
                                   data=value_data(gongliu, year, value="10", status="proposed"))
    assert "该范围和时期已有此指标的数值" in refused(ValueService.update, proposal,
                                                     acting_user=world.staff_gongliu,
                                                     data={"status": "accepted"})
    # Another period, another indicator or another scope is another value.
    ValueService.create(acting_user=world.staff_gongliu, data=value_data(gongliu, Period.of_year(2022)))
    ValueService.create(acting_user=world.staff_gongliu,
                        data=value_data(gongliu, year, code="investment_projects_landed"))
    assert Value.objects.filter(status="accepted").count() == 3


def test_a_value_outside_the_users_scope_is_refused(world):
    altay = Scope(ScopeKind.COMMAND, command=world.altay)
    message = refused(ValueService.create, acting_user=world.staff_gongliu,
                      data=value_data(altay, Period.of_year(2015)))
    assert "所选指挥部不在您的数据范围内" in message
    assert "您没有新增指标数值的权限" in denied(ValueService.create, acting_user=world.recipient_gongliu,
                                               data=value_data(altay, Period.of_year(2015)))
    assert not Value.objects.exists()


def test_the_scope_of_a_row_is_checked(world):
    province = {"scope_kind": "province", "command": None, "pairing": None,
                "supporting_region": region("654024"), "recipient_region": None}
    data = {**value_data(Scope(ScopeKind.PROVINCE, region=region("320000")), Period.of_year(2021)),
            **province}
    assert "支援方应为新疆以外的省市" in refused(ValueService.create, acting_user=None, data=data)
    data = {**data, "supporting_region": None}
    assert "请选择支援方" in refused(ValueService.create, acting_user=None, data=data)


def test_report_value_replaces_the_accepted_value(world, gongliu):
    year = Period.of_year(2021)
    first = report_value(acting_user=world.staff_gongliu, indicator=ind("investment_fairs"),
                         scope=gongliu, period=year, value=M(3))
    again = report_value(acting_user=world.staff_gongliu, indicator=ind("investment_fairs"),
                         scope=gongliu, period=year, value=M(4), qualifier="more_than", note="据总结")
    assert again.pk == first.pk
    assert list(Value.objects.values_list("value", "qualifier", "note")) == [
        (M("4.00"), "more_than", "据总结")]
    log = changes_of(again)
    assert [(c.action, c.user) for c in log] == [(ChangeAction.CREATE, world.staff_gongliu),
                                                 (ChangeAction.UPDATE, world.staff_gongliu)]


# --- freezing ------------------------------------------------------------------------------------


@pytest.fixture
def reported(world, gongliu):
    return report_value(acting_user=world.staff_gongliu, indicator=ind("investment_fairs"),
                        scope=gongliu, period=Period.of_year(2021), value=M(9))


def test_a_submitted_or_approved_period_is_frozen_until_returned(world, gongliu, reported):
    approval = approval_for(gongliu, Period.of_year(2021), acting_user=world.staff_gongliu)
    approval_submit(approval, acting_user=world.staff_gongliu)
    frozen = "张家港援巩留工作组2021年已报送，其数值已冻结；如需修改，请先由后方退回"
    assert frozen in refused(ValueService.update, reported, acting_user=world.staff_gongliu,
                             data={"value": M(10)})
    assert "张家港援巩留工作组2021年已报送，其数值已冻结，不能删除" in refused(
        ValueService.delete, reported, acting_user=world.staff_gongliu)
    assert frozen in refused(report_value, acting_user=world.staff_gongliu,
                             indicator=ind("investment_projects_landed"), scope=gongliu,
                             period=Period.of_year(2021), value=M(1))
    # Nor can a value leave the frozen period for another.
    assert frozen in refused(ValueService.update, reported, acting_user=world.staff_gongliu,
                             data=Period.of_year(2022).fields())
    approval_approve(approval, acting_user=world.js_office)
    assert "张家港援巩留工作组2021年已审核，其数值已冻结" in refused(
        ValueService.update, reported, acting_user=world.js_office, data={"value": M(10)})
    assert "已审核，其数值已冻结，不能删除" in refused(ValueService.delete, reported,
                                                  acting_user=world.admin)
    reported.refresh_from_db()
    assert reported.value == M(9) and Value.objects.count() == 1
    approval_return(approval, acting_user=world.js_office, reason="招商数据请核对")
    ValueService.update(reported, acting_user=world.staff_gongliu, data={"value": M(10)})
    assert Value.objects.get().value == M(10)
    ValueService.delete(reported, acting_user=world.staff_gongliu)
    assert not Value.objects.exists()
    # Other periods were never frozen.
    report_value(acting_user=world.staff_gongliu, indicator=ind("investment_fairs"), scope=gongliu,
                 period=Period.of_year(2022), value=M(2))


# --- approvals -----------------------------------------------------------------------------------


@pytest.fixture
def funds(world):
    """1,000,000.00 arranged for a 2021 project of 张家港→巩留."""
    project = ProjectFactory(command=world.gongliu, code="GL-1")
    AllocationFactory(command=world.gongliu, project=project, amount=M("1000000.00"))
    return project


def test_the_approval_steps(world, gongliu, reported, funds):
    approval = approval_for(gongliu, Period.of_year(2021), acting_user=world.staff_gongliu)
    assert (approval.status, approval.scope_key, approval.period_key) == (
        ApprovalStatus.DRAFT, f"command:{world.gongliu.pk}", "2021")
    assert approval_for(gongliu, Period.of_year(2021), acting_user=None) == approval  # one only

    approval_submit(approval, acting_user=world.staff_gongliu)
    assert (approval.status, approval.submitted_by) == (ApprovalStatus.SUBMITTED, world.staff_gongliu)
    assert approval.submitted_at is not None

    assert denied(approval_approve, approval, acting_user=world.staff_gongliu) == "报送人不能审核自己报送的数据。"
    assert "只有支援方的后方管理或系统管理员可以审核" in denied(approval_approve, approval,
                                                             acting_user=world.staff_yili)
    assert "不在您可以修改的数据范围内" in denied(approval_approve, approval, acting_user=world.jl_office)
    assert "您没有修改数据报送与审核的权限" in denied(approval_approve, approval,
                                                  acting_user=world.recipient_gongliu)
    assert "只有支援方的后方管理或系统管理员可以退回" in denied(approval_return, approval,
                                                             acting_user=world.staff_yili, reason="x")
    assert Approval.objects.get().status == ApprovalStatus.SUBMITTED

    approval_approve(approval, acting_user=world.js_office)
    saved = Approval.objects.get()
    assert (saved.status, saved.decided_by) == (ApprovalStatus.APPROVED, world.js_office)
    total = saved.snapshot["aid_funds_total"]
    assert (total["value"], total["source"], total["basis"]) == ("1000000.00", "computed", 1)
    assert saved.snapshot["investment_fairs"]["value"] == "9.00"
    assert saved.snapshot["investment_fairs"]["value_ids"] == [reported.pk]

    for reason in ("", "   "):
        assert "退回须说明理由" in refused(approval_return, approval, acting_user=world.js_office,
                                        reason=reason)
    approval_return(approval, acting_user=world.js_office, reason="  资金到位数请核对  ")
    saved = Approval.objects.get()
    assert (saved.status, saved.return_reason) == (ApprovalStatus.RETURNED, "资金到位数请核对")
    ValueService.update(reported, acting_user=world.staff_gongliu, data={"value": M(8)})  # unfrozen

    approval_submit(approval, acting_user=world.staff_gongliu)
    saved = Approval.objects.get()
    assert (saved.status, saved.return_reason) == (ApprovalStatus.SUBMITTED, "")
    approval_approve(approval, acting_user=world.admin)
    assert Approval.objects.get().snapshot["investment_fairs"]["value"] == "8.00"


def test_every_step_is_logged_with_who_took_it(world, gongliu):
    approval = approval_for(gongliu, Period.of_year(2021), acting_user=world.staff_gongliu)
    approval_submit(approval, acting_user=world.staff_gongliu)
    approval_return(approval, acting_user=world.js_office, reason="请补充")
    approval_submit(approval, acting_user=world.staff_gongliu)
    approval_approve(approval, acting_user=world.js_office)
    log = [(c.action, c.user, (c.postchange_data or {}).get("status")) for c in changes_of(approval)]
    assert log == [
        (ChangeAction.CREATE, world.staff_gongliu, "draft"),
        (ChangeAction.UPDATE, world.staff_gongliu, "submitted"),
        (ChangeAction.UPDATE, world.js_office, "returned"),
        (ChangeAction.UPDATE, world.staff_gongliu, "submitted"),
        (ChangeAction.UPDATE, world.js_office, "approved"),
    ]
    assert changes_of(approval)[2].postchange_data["return_reason"] == "请补充"


@pytest.mark.parametrize(("steps", "step", "message"), [
    ([], "approve", "当前状态为“草稿”，不能审核通过"),
    ([], "return", "当前状态为“草稿”，不能退回"),
    (["submit"], "submit", "当前状态为“已报送”，不能报送"),
    (["submit", "approve"], "approve", "当前状态为“已审核”，不能审核通过"),
    (["submit", "approve"], "submit", "当前状态为“已审核”，不能报送"),
    (["submit", "return"], "return", "当前状态为“已退回”，不能退回"),
    (["submit", "return"], "approve", "当前状态为“已退回”，不能审核通过"),
])
def test_steps_from_the_wrong_state_are_refused(world, gongliu, steps, step, message):
    approval = approval_for(gongliu, Period.of_year(2021), acting_user=None)
    do = {
        "submit": lambda: approval_submit(approval, acting_user=world.staff_gongliu),
        "approve": lambda: approval_approve(approval, acting_user=world.js_office),
        "return": lambda: approval_return(approval, acting_user=world.js_office, reason="请核对"),
    }
    for name in steps:
        do[name]()
    before = Approval.objects.get().status
    assert message in refused(do[step])
    assert Approval.objects.get().status == before


def test_the_home_office_submits_for_its_side_and_the_administrator_decides(world):
    """A province's figures are submitted by its home office; it cannot approve what it
    submitted itself, an administrator can. A command's staff cannot open another scope."""
    province = Scope(ScopeKind.PROVINCE, region=region("320000"))
    approval = approval_for(province, Period.of_year(2021), acting_user=world.js_office)
    approval_submit(approval, acting_user=world.js_office)
    assert denied(approval_approve, approval, acting_user=world.js_office) == "报送人不能审核自己报送的数据。"
    approval_approve(approval, acting_user=world.admin)
    assert Approval.objects.get(pk=approval.pk).status == ApprovalStatus.APPROVED
    other = Scope(ScopeKind.PROVINCE, region=region("220000"))
    with pytest.raises(PermissionDenied):
        approval_for(other, Period.of_year(2021), acting_user=world.staff_gongliu)
    assert not Approval.objects.filter(scope_key="province:220000").exists()


def test_one_approval_per_scope_and_period_and_no_deleting_a_submitted_one(world, gongliu):
    batch = parse_period("batch", gongliu)
    approval = approval_for(gongliu, batch, acting_user=None)
    assert approval.period_key == f"batch#{world.js10.pk}"
    message = refused(ApprovalService.create, acting_user=None, data={**gongliu.fields(), **batch.fields()})
    assert "该范围和时期已有报送记录" in message
    approval_submit(approval, acting_user=world.staff_gongliu)
    assert "报送记录是审核的凭据，不能删除" in refused(ApprovalService.delete, approval, acting_user=None)
    draft = approval_for(gongliu, Period.of_year(2022), acting_user=None)
    ApprovalService.delete(draft, acting_user=None)
    assert Approval.objects.count() == 1

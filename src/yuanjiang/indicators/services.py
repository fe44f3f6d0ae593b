"""Writes of the indicators app: the catalog, reported values, source documents, and the
approval steps (报送 → 审核通过 / 退回). Every write is a service call in one transaction
that writes the change log (see yuanjiang.core.services).

Rules:
- the contract's indicators keep their code, unit, kind and aggregation; a percent is never
  summed;
- a value fits its indicator: money ≥ 0 to the fen, counts whole and ≥ 0, percents with
  numerator and denominator agreeing with the value when both are given;
- one accepted value per indicator, scope and period; a value whose scope and period have
  been submitted or approved is frozen until the home office returns them;
- submit: by the command (or, for other scopes, the home office), from draft or returned;
  approve or return: by the home office of the supporting side or an administrator, never by
  the person who submitted; approval stores a snapshot of every figure of the scope and
  period, a return needs a reason.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yuanjiang.core.changelog import change_context
from yuanjiang.core.choices import ChangeSource, Role
from yuanjiang.core.scope import PLATFORM, user_scope
from yuanjiang.core.scope import ScopeKind as UserScopeKind
from yuanjiang.core.services import ModelService, _add_error

from .aggregation import ratio
from .choices import (
    Aggregation,
    ApprovalStatus,
    IndicatorKind,
    PeriodKind,
    ScopeKind,
    ValueSource,
    ValueStatus,
)
from .models import Approval, Indicator, SourceDocument, Value
from .scopes import Period, Scope

Errors = dict[str, list[str]]
CONTRACT = Path(__file__).parent / "data" / "indicators.csv"
PLATFORM_CATALOG = Path(__file__).parent / "data" / "platform_indicators.csv"
FIXED = ("code", "unit", "kind", "aggregation")


# --- the catalog --------------------------------------------------------------------------


class IndicatorService(ModelService):
    model = Indicator

    @classmethod
    def check_rules(cls, instance: Indicator, m2m: dict) -> Errors:
        errors: Errors = {}
        if not instance._state.adding and instance.builtin:
            saved = Indicator.objects.get(pk=instance.pk)
            for name in FIXED:
                if getattr(saved, name) != getattr(instance, name):
                    _add_error(errors, name,
                               _("平台内置指标的代码、单位、类型和汇总方式按约定固定，不能修改。"))
        return errors

    @classmethod
    def check_delete(cls, instance: Indicator) -> None:
        if instance.builtin:
            raise ValidationError(_("平台内置指标“%(i)s”不能删除。") % {"i": instance.name},
                                  code="protected")


def load_catalog() -> dict[str, int]:
    """Load the contract's indicators (and the platform's own) into the catalog: new codes
    are added, names and meanings kept up to date; nothing else is touched. Safe to repeat."""
    added = updated = 0
    rows = []
    for path in (CONTRACT, PLATFORM_CATALOG):
        with path.open(encoding="utf-8", newline="") as fh:
            rows.extend(csv.DictReader(fh))
    with transaction.atomic(), change_context(user=None, default_source=ChangeSource.SERVICE):
        existing = {i.code: i for i in Indicator.objects.all()}
        for order, row in enumerate(rows, start=1):
            wanted = {"name": row["name_zh"], "unit": row["unit"], "kind": row["kind"],
                      "aggregation": row["aggregation"], "meaning": row["meaning"], "order": order}
            indicator = existing.get(row["code"])
            if indicator is None:
                indicator = Indicator(code=row["code"], builtin=True, **wanted)
                IndicatorService.save(indicator, acting_user=None)
                added += 1
            elif any(getattr(indicator, k) != v for k, v in wanted.items()) or not indicator.builtin:
                for k, v in wanted.items():
                    setattr(indicator, k, v)
                indicator.builtin = True
                Indicator.objects.filter(pk=indicator.pk).update(builtin=True)
                IndicatorService.save(indicator, acting_user=None)
                updated += 1
    return {"added": added, "updated": updated}


# --- scope and period of a row -------------------------------------------------------------


def _scope_errors(instance: Any, errors: Errors) -> None:
    kind = instance.scope_kind
    needed = {ScopeKind.COMMAND: "command", ScopeKind.PAIRING: "pairing",
              ScopeKind.PROVINCE: "supporting_region", ScopeKind.REGION: "recipient_region"}[kind]
    if getattr(instance, f"{needed}_id") is None:
        _add_error(errors, needed, _("请选择%(what)s。") % {
            "what": instance._meta.get_field(needed).verbose_name})
    side, place = instance.supporting_region, instance.recipient_region
    if kind == ScopeKind.PROVINCE and side is not None and side.is_xinjiang:
        _add_error(errors, "supporting_region", _("支援方应为新疆以外的省市。"))
    if kind == ScopeKind.REGION and place is not None and not place.is_xinjiang:
        _add_error(errors, "recipient_region", _("受援地应为新疆的区划。"))


def _period_errors(instance: Any, errors: Errors) -> None:
    kind, start, end = instance.period_kind, instance.period_start, instance.period_end
    if start and end and end < start:
        _add_error(errors, "period_end", _("时期止不能早于时期起。"))
        return
    if kind == PeriodKind.BATCH:
        if instance.batch_id is None:
            _add_error(errors, "batch", _("批次数值须选择批次。"))
        return
    if not start or not end:
        return
    try:
        expected = Period(kind, start, end)
        from .scopes import parse_period

        parsed = parse_period(expected.key)
    except Exception:  # a start and end that make no period of that kind
        parsed = None
    if parsed is None or (parsed.start, parsed.end) != (start, end):
        _add_error(errors, "period_start", _(
            "时期起止与“%(kind)s”不符（年度为全年，季度、月度为整季、整月）。") % {
            "kind": PeriodKind(kind).label})


def _fill_scope_and_period(instance: Any) -> None:
    """Keys and the regions a row is scoped by, from its scope and period fields."""
    try:
        scope = Scope.of_row(instance)
        fields = scope.fields()
    except Exception:  # incomplete: the validation names what is missing
        return
    instance.supporting_region = fields["supporting_region"]
    instance.recipient_region = fields["recipient_region"]
    instance.scope_key = fields["scope_key"]
    if instance.period_kind == PeriodKind.BATCH and instance.batch_id:
        period = Period.of_batch(instance.batch)
        instance.period_start = instance.period_start or period.start
        instance.period_end = instance.period_end or period.end
        instance.period_key = period.ident
    elif instance.period_start and instance.period_end:
        instance.period_key = Period(instance.period_kind, instance.period_start,
                                     instance.period_end).ident


def _unique_errors(instance: Any, constraint_name: str, errors: Errors, **condition: Any) -> None:
    """A unique constraint on the keys, with its own message: full_clean cannot check it (the
    keys are set by the services, so it leaves them out) and the database would only raise
    an IntegrityError."""
    if not instance.scope_key or not instance.period_key:
        return
    clash = type(instance).objects.filter(scope_key=instance.scope_key, period_key=instance.period_key,
                                          **condition).exclude(pk=instance.pk)
    if clash.exists():
        constraint = next(c for c in instance._meta.constraints if c.name == constraint_name)
        _add_error(errors, None, constraint.violation_error_message)


def frozen_by(scope_key: str, period_key: str) -> Approval | None:
    return Approval.objects.filter(scope_key=scope_key, period_key=period_key, status__in=(
        ApprovalStatus.SUBMITTED, ApprovalStatus.APPROVED)).first()


# --- values ----------------------------------------------------------------------------------


class SourceDocumentService(ModelService):
    model = SourceDocument

    @classmethod
    def defaults_for(cls, instance: SourceDocument, acting_user: Any) -> None:
        if acting_user is not None and getattr(acting_user, "pk", None):
            instance.uploaded_by = acting_user

    @classmethod
    def check_delete(cls, instance: SourceDocument) -> None:
        if instance.values.filter(status=ValueStatus.ACCEPTED).exists():
            raise ValidationError(_("文稿“%(d)s”的数字已被采用为指标数值，不能删除。") % {"d": instance},
                                  code="protected")


class ValueService(ModelService):
    model = Value

    @classmethod
    def prepare(cls, instance: Value, m2m: dict) -> None:
        _fill_scope_and_period(instance)
        if instance.document_id and instance.source == ValueSource.REPORTED:
            instance.source = ValueSource.EXTRACTED

    @classmethod
    def clean_exclude(cls, instance: Value) -> list[str]:
        return ["scope_key", "period_key"]

    @classmethod
    def check_rules(cls, instance: Value, m2m: dict) -> Errors:
        errors: Errors = {}
        _scope_errors(instance, errors)
        _period_errors(instance, errors)
        indicator = instance.indicator
        value = instance.value
        if value is not None:
            if value < 0:
                _add_error(errors, "value", _("数值不能为负数。"))
            elif indicator.kind == IndicatorKind.COUNT and value != value.to_integral_value():
                _add_error(errors, "value", _("“%(i)s”是数量，应为整数（收到 %(v)s）。") % {
                    "i": indicator.name, "v": value})
            elif indicator.kind == IndicatorKind.PERCENT and value > 100 and indicator.unit == "%" \
                    and indicator.code.endswith("share"):
                _add_error(errors, "value", _("占比不能超过 100%。"))
        if (instance.numerator is None) != (instance.denominator is None):
            _add_error(errors, "denominator", _("分子和分母须同时填写。"))
        elif instance.numerator is not None:
            if indicator.aggregation != Aggregation.RATIO:
                _add_error(errors, "numerator", _("只有比率类指标填写分子和分母。"))
            elif value is not None and ratio(instance.numerator, instance.denominator) != value.quantize(
                    Decimal("0.01")):
                _add_error(errors, "value", _("数值应等于分子 ÷ 分母（%(r)s%%）。") % {
                    "r": ratio(instance.numerator, instance.denominator)})
        if instance.document_id is None and (instance.span_start is not None or instance.quote):
            _add_error(errors, "document", _("填写原文位置时须选择来源文稿。"))
        if instance.document_id and instance.span_end is not None:
            text = instance.document.text
            if instance.span_end > len(text):
                _add_error(errors, "span_end", _("原文位置超出文稿长度（%(n)s 字）。") % {"n": len(text)})
        if instance.source == ValueSource.COMPUTED:
            _add_error(errors, "source", _("计算值由业务记录生成，不能填报。"))
        if instance.status == ValueStatus.ACCEPTED:
            _unique_errors(instance, "value_one_accepted_per_scope_period", errors,
                           indicator=instance.indicator_id, status=ValueStatus.ACCEPTED)
        cls._check_frozen(instance, errors)
        return errors

    @classmethod
    def _check_frozen(cls, instance: Value, errors: Errors) -> None:
        keys = {(instance.scope_key, instance.period_key)}
        if not instance._state.adding:
            saved = Value.objects.filter(pk=instance.pk).values_list("scope_key", "period_key").first()
            if saved:
                keys.add(saved)
        for scope_key, period_key in keys:
            approval = frozen_by(scope_key, period_key)
            if approval is not None:
                _add_error(errors, None, _(
                    "%(what)s已%(status)s，其数值已冻结；如需修改，请先由后方退回。") % {
                    "what": f"{approval.scope.label}{approval.period.label}",
                    "status": approval.get_status_display().removeprefix("已")})
                return

    @classmethod
    def check_delete(cls, instance: Value) -> None:
        approval = frozen_by(instance.scope_key, instance.period_key)
        if approval is not None:
            raise ValidationError(_("%(what)s已%(status)s，其数值已冻结，不能删除。") % {
                "what": f"{approval.scope.label}{approval.period.label}",
                "status": approval.get_status_display().removeprefix("已")}, code="protected")


def report_value(*, acting_user: Any, indicator: Indicator, scope: Scope, period: Period,
                 value: Decimal, **fields: Any) -> Value:
    """Create or replace the accepted value of an indicator for a scope and period."""
    with transaction.atomic():
        existing = (Value.objects.filter(indicator=indicator, status=ValueStatus.ACCEPTED)
                    .filter(scope.lookup(), period.lookup()).first())
        data = {"value": value, **fields}
        if existing is not None:
            if all(getattr(existing, k) == v for k, v in data.items()):
                return existing  # the same again: nothing to write (nor to refuse when frozen)
            return ValueService.update(existing, acting_user=acting_user, data=data)
        return ValueService.create(acting_user=acting_user, data={
            "indicator": indicator, **scope.fields(), **period.fields(), **data})


# --- approvals ---------------------------------------------------------------------------------


class ApprovalService(ModelService):
    """Approval rows are written by the steps below only."""

    model = Approval

    @classmethod
    def prepare(cls, instance: Approval, m2m: dict) -> None:
        _fill_scope_and_period(instance)

    @classmethod
    def clean_exclude(cls, instance: Approval) -> list[str]:
        return ["scope_key", "period_key"]

    @classmethod
    def check_rules(cls, instance: Approval, m2m: dict) -> Errors:
        errors: Errors = {}
        _scope_errors(instance, errors)
        _period_errors(instance, errors)
        _unique_errors(instance, "approval_one_per_scope_period", errors)
        return errors

    @classmethod
    def check_delete(cls, instance: Approval) -> None:
        if instance.status != ApprovalStatus.DRAFT:
            raise ValidationError(_("报送记录是审核的凭据，不能删除。"), code="protected")


def approval_for(scope: Scope, period: Period, *, acting_user: Any) -> Approval:
    found = Approval.objects.filter(scope.lookup(), period.lookup()).first()
    if found is not None:
        return found
    return ApprovalService.create(acting_user=acting_user, data={**scope.fields(), **period.fields()})


def _may_decide(user: Any, approval: Approval) -> bool:
    if user is None:
        return True
    if user.is_superuser or user.role == Role.ADMIN:
        return True
    scope = user_scope(user)
    if user.role != Role.HOME_OFFICE or scope.kind is not UserScopeKind.SUPPORTING:
        return False
    side = approval.supporting_region
    return side is not None and side.path.startswith(scope.region.path)


def _may_submit(user: Any, approval: Approval) -> bool:
    if user is None:
        return True
    if approval.scope_kind == ScopeKind.COMMAND:
        return user.role in (Role.COMMAND_STAFF, Role.HOME_OFFICE, Role.ADMIN) or user.is_superuser
    return _may_decide(user, approval)


def _step(approval: Approval, *, acting_user: Any, allowed_from: tuple[str, ...], to: str,
          may: bool, refused: str, **fields: Any) -> Approval:
    with transaction.atomic(), change_context(user=acting_user, default_source=ChangeSource.SERVICE):
        locked = Approval.objects.select_for_update().get(pk=approval.pk)
        ApprovalService.check_permission(acting_user, "change", locked)
        if not may:
            raise PermissionDenied(refused)
        if locked.status not in allowed_from:
            raise ValidationError({"status": _("当前状态为“%(s)s”，不能%(step)s。") % {
                "s": locked.get_status_display(), "step": refused_step(to)}})
        locked.status = to
        for name, value in fields.items():
            setattr(locked, name, value)
        saved = ApprovalService.save(locked, acting_user=acting_user)
        approval.__dict__.update(saved.__dict__)
        return saved


def refused_step(to: str) -> str:
    return {ApprovalStatus.SUBMITTED: _("报送"), ApprovalStatus.APPROVED: _("审核通过"),
            ApprovalStatus.RETURNED: _("退回")}[to]


def approval_submit(approval: Approval, *, acting_user: Any) -> Approval:
    """报送: the scope's figures for the period go to the home office for review."""
    return _step(approval, acting_user=acting_user,
                 allowed_from=(ApprovalStatus.DRAFT, ApprovalStatus.RETURNED),
                 to=ApprovalStatus.SUBMITTED, may=_may_submit(acting_user, approval),
                 refused=_("您不能报送这一范围的数据。"),
                 submitted_by=acting_user if getattr(acting_user, "pk", None) else None,
                 submitted_at=timezone.now(), return_reason="")


def approval_approve(approval: Approval, *, acting_user: Any) -> Approval:
    """审核通过: freeze a snapshot of every figure of the scope and period."""
    from .selectors import figures

    if acting_user is not None and approval.submitted_by_id == getattr(acting_user, "pk", None):
        raise PermissionDenied(_("报送人不能审核自己报送的数据。"))
    current = figures(PLATFORM, approval.scope, approval.period)
    snapshot = {code: f.as_json() for code, f in current.items()}
    return _step(approval, acting_user=acting_user, allowed_from=(ApprovalStatus.SUBMITTED,),
                 to=ApprovalStatus.APPROVED, may=_may_decide(acting_user, approval),
                 refused=_("只有支援方的后方管理或系统管理员可以审核。"),
                 decided_by=acting_user if getattr(acting_user, "pk", None) else None,
                 decided_at=timezone.now(), snapshot=snapshot)


def approval_return(approval: Approval, *, acting_user: Any, reason: str) -> Approval:
    """退回: back to the command with a reason (also after approval, to correct it)."""
    if not (reason or "").strip():
        raise ValidationError({"return_reason": _("退回须说明理由。")})
    return _step(approval, acting_user=acting_user,
                 allowed_from=(ApprovalStatus.SUBMITTED, ApprovalStatus.APPROVED),
                 to=ApprovalStatus.RETURNED, may=_may_decide(acting_user, approval),
                 refused=_("只有支援方的后方管理或系统管理员可以退回。"),
                 decided_by=acting_user if getattr(acting_user, "pk", None) else None,
                 decided_at=timezone.now(), return_reason=reason.strip())

"""Writes of the investment app. Every write is a service call in one transaction that
writes the change log (see yuanjiang.core.services).

Rules, in one place:
- a USCC is 18 characters with a correct check digit (python-stdnum `cn.uscc`), once in
  the platform;
- an activity's day, a pipeline step's and a tranche's of funds in place lie in the
  command's batch and not in the future; a visit names the enterprises and institutions
  visited; an enterprise that visits or projects name is not deleted;
- an investment project settles in a county of its command's recipient area; its pipeline
  (线索 → 洽谈 → 签约 → 落地 → 投产) only moves forward, each step dated no earlier than the
  one before; signing needs the agreement amount;
- funds in place come after signing; more funds in place than the
  planned investment is allowed (the investor may enlarge the project) but flagged in the
  lists and on the project page (`selectors.over_planned`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yuanjiang.core.changelog import change_context
from yuanjiang.core.choices import ChangeSource, RegionLevel
from yuanjiang.core.services import ModelService, _add_error, check_batch_date, in_command_area

from .choices import PIPELINE_ORDER, STAGE_DATE_FIELD, ActivityKind, PipelineStage
from .models import Activity, Enterprise, FundsInPlace, InvestmentProject, PipelineEvent

Errors = dict[str, list[str]]


class EnterpriseService(ModelService):
    model = Enterprise

    @classmethod
    def prepare(cls, instance: Enterprise, m2m: dict) -> None:
        instance.name = (instance.name or "").strip()
        instance.uscc = (instance.uscc or "").strip().upper()

    @classmethod
    def check_delete(cls, instance: Enterprise) -> None:
        # Visits and projects name it: deleting it would change figures already reported.
        if instance.activities.exists() or instance.investment_projects.exists():
            raise ValidationError(_("“%(e)s”已有招商活动或招商项目记录，不能删除。") % {"e": instance},
                                  code="protected")


class ActivityService(ModelService):
    model = Activity
    m2m_fields = ("enterprises",)

    @classmethod
    def check_rules(cls, instance: Activity, m2m: dict) -> Errors:
        errors: Errors = {}
        check_batch_date(errors, "date", instance.command, instance.date, _("活动日期"))
        if instance.kind == ActivityKind.VISIT:
            if "enterprises" in m2m:
                visited = len(m2m["enterprises"] or [])
            else:
                visited = instance.enterprises.count() if instance.pk else 0
            if not visited:
                _add_error(errors, "enterprises", _("拜访活动请选择拜访的企业和机构。"))
        return errors


class InvestmentProjectService(ModelService):
    model = InvestmentProject

    @classmethod
    def check_rules(cls, instance: InvestmentProject, m2m: dict) -> Errors:
        errors: Errors = {}
        region, command = instance.region, instance.command
        if not region.is_xinjiang or region.level != RegionLevel.COUNTY:
            _add_error(errors, "region", _("落地地区应为受援地的县（市）。"))
        elif not in_command_area(command, region):
            _add_error(errors, "region", _("“%(region)s”不在%(cmd)s的受援地范围内。") % {
                "region": region.full_name or region.name, "cmd": command})
        if instance.signed_on and instance.agreement_amount is None:
            _add_error(errors, "agreement_amount", _("项目已签约，须填写签约协议金额。"))
        if not instance._state.adding:
            saved = InvestmentProject.objects.get(pk=instance.pk)
            if saved.command_id != instance.command_id and (saved.funds.exists()
                                                            or saved.events.exists()):
                _add_error(errors, "command", _("项目已有推进或到位资金记录，不能改到其他指挥部。"))
        return errors

    @classmethod
    def check_delete(cls, instance: InvestmentProject) -> None:
        if instance.events.exists():
            raise ValidationError(_("招商项目“%(p)s”已有推进记录，不能删除。") % {"p": instance},
                                  code="protected")


class PipelineEventService(ModelService):
    """Pipeline events are written by `investment_advance` only."""

    model = PipelineEvent
    scope_check_action = "view"

    @classmethod
    def check_permission(cls, user: Any, action: str, instance) -> None:
        InvestmentProjectService.check_permission(user, "change", instance.project)


def investment_advance(project: InvestmentProject, *, acting_user: Any, to: str, on: dt.date,
                       note: str = "", agreement_amount=None) -> InvestmentProject:
    """Move an investment project forward to `to` on day `on`; stages passed over are
    recorded on the same day. Signing needs the agreement amount (given here or already
    on the project)."""
    to = PipelineStage(to)
    current = PipelineStage(project.stage)
    if PIPELINE_ORDER.index(to) <= PIPELINE_ORDER.index(current):
        raise ValidationError({"stage": _(
            "招商项目只能向前推进：“%(p)s”当前为“%(now)s”，不能改为“%(to)s”。"
        ) % {"p": project.name, "now": current.label, "to": to.label}})
    errors: Errors = {}
    check_batch_date(errors, "date", project.command, on, _("日期"))
    last = project.events.order_by("-date").values_list("date", flat=True).first()
    if last and on < last:
        _add_error(errors, "date", _("日期不能早于上一阶段的日期（%(day)s）。") % {"day": last})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), change_context(user=acting_user, default_source=ChangeSource.SERVICE):
        InvestmentProjectService.check_permission(acting_user, "change", project)
        if agreement_amount is not None:
            project.agreement_amount = agreement_amount
        passed = PIPELINE_ORDER[PIPELINE_ORDER.index(current) + 1:PIPELINE_ORDER.index(to) + 1]
        for stage in passed:
            text = note if stage == to else _("随“%(to)s”同日登记") % {"to": to.label}
            PipelineEventService.save(PipelineEvent(project=project, stage=stage, date=on, note=text),
                                      acting_user=acting_user)
            if stage in STAGE_DATE_FIELD:
                setattr(project, STAGE_DATE_FIELD[stage], on)
        project.stage = to
        return InvestmentProjectService.save(project, acting_user=acting_user)


class FundsInPlaceService(ModelService):
    model = FundsInPlace

    @classmethod
    def check_rules(cls, instance: FundsInPlace, m2m: dict) -> Errors:
        errors: Errors = {}
        project = instance.project
        check_batch_date(errors, "date", project.command, instance.date, _("到位日期"))
        if project.signed_on is None:
            _add_error(errors, "project", _("“%(p)s”尚未签约，不能登记到位资金。") % {"p": project})
        elif instance.date < project.signed_on:
            _add_error(errors, "date", _("到位日期不能早于签约日期（%(day)s）。")
                       % {"day": project.signed_on})
        return errors

"""Writes of the projects app: projects and items, stage steps, progress, supervision orders,
and the money (allocations, arrivals, disbursements) with its rules. Every write is a service
call in one transaction that writes the change log (see yuanjiang.core.services).

Money rules, in one place:
- amounts are positive, in yuan with at most two decimals;
- a project's funds are its own allocations and those of its items; the disbursements of a
  project and its items never exceed them (checked for the whole project, and for an item
  that has allocations of its own);
- no disbursement before the project's approval (立项) or in the future;
- allocations and arrivals belong to a year of the command's batch;
- the budgets of a project's items add up to no more than the project's budget.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from yuanjiang.core.changelog import change_context
from yuanjiang.core.choices import ChangeSource, RegionLevel
from yuanjiang.core.services import ModelService, _add_error, check_batch_year, in_command_area

from .choices import (
    LIVELIHOOD_CATEGORIES,
    STAGE_ORDER,
    STARTED_STAGES,
    Category,
    FlagOverride,
    Stage,
)
from .models import (
    Allocation,
    Arrival,
    Attachment,
    Disbursement,
    Output,
    ProgressUpdate,
    Project,
    StageEvent,
    SupervisionOrder,
)

Errors = dict[str, list[str]]
ZERO = Decimal("0.00")


def yuan(amount: Decimal | None) -> str:
    return f"{amount or ZERO:,.2f}"


def _not_future(errors: Errors, field: str, day: dt.date | None, what: str) -> None:
    if day and day > timezone.localdate():
        _add_error(errors, field, _("%(what)s不能晚于今天。") % {"what": what})


# --- projects ------------------------------------------------------------------------------


def derived_livelihood(category: str) -> bool:
    return category in LIVELIHOOD_CATEGORIES


def derived_grassroots(region) -> bool:
    """County level and below (县及县以下); a prefecture-wide project is not."""
    return region is not None and region.level == RegionLevel.COUNTY


def _flag(override: str, derived: bool) -> bool:
    return {FlagOverride.YES: True, FlagOverride.NO: False}.get(override, derived)


class ProjectService(ModelService):
    model = Project

    @classmethod
    def prepare(cls, instance: Project, m2m: dict) -> None:
        if instance.parent_id and not instance.command_id:
            instance.command_id = instance.parent.command_id
        if instance.category:
            instance.is_livelihood = _flag(instance.livelihood_override,
                                           derived_livelihood(instance.category))
        if instance.region_id:
            instance.is_grassroots = _flag(instance.grassroots_override,
                                           derived_grassroots(instance.region))
        instance.code = (instance.code or "").strip()

    @classmethod
    def check_rules(cls, instance: Project, m2m: dict) -> Errors:
        errors: Errors = {}
        region, command = instance.region, instance.command
        if not region.is_xinjiang or region.level == RegionLevel.PROVINCE:
            _add_error(errors, "region", _("项目所在地应为受援地的县（市）或地区（州）。"))
        elif not in_command_area(command, region):
            _add_error(errors, "region", _("“%(region)s”不在%(cmd)s的受援地范围内。") % {
                "region": region.full_name or region.name, "cmd": command})
        if instance.category == Category.LIVELIHOOD and not instance.livelihood_kind:
            _add_error(errors, "livelihood_kind",
                       _("民生项目请选择民生子类（安居富民、教育、卫生、就业或社会保障）。"))
        if instance.category != Category.LIVELIHOOD and instance.livelihood_kind:
            _add_error(errors, "livelihood_kind", _("只有民生项目填写民生子类。"))
        if (instance.livelihood_override or instance.grassroots_override) and not (
                instance.override_reason or "").strip():
            _add_error(errors, "override_reason", _("人工认定民生或县及县以下属性时，须说明理由。"))
        _check_year(errors, "plan_year", command, instance.plan_year)
        saved = None if instance._state.adding else Project.objects.get(pk=instance.pk)
        if saved and saved.command_id != instance.command_id:
            if any(funds_of(saved)):
                _add_error(errors, "command", _("项目已有资金记录，不能改到其他指挥部。"))
            elif saved.items.exists():
                _add_error(errors, "command", _("项目已有小项，不能单独改到其他指挥部。"))
        cls._check_family(instance, errors)
        if saved and saved.parent_id != instance.parent_id and not errors:
            cls._check_pools_after_move(instance, saved, errors)
        return errors

    @classmethod
    def _check_pools_after_move(cls, instance: Project, saved: Project, errors: Errors) -> None:
        """An item that changes project takes its allocations and disbursements along: no
        family may be left paid beyond its funds (an item paid from its project's pool
        cannot simply leave it)."""
        own_in, own_out = funds_of(saved)
        if not own_in and not own_out:
            return
        families = []
        if instance.parent_id:
            p_in, p_out = funds_of(instance.parent)
            families.append((instance.parent, p_in + own_in, p_out + own_out))
        else:
            families.append((instance, own_in, own_out))
        if saved.parent_id:
            o_in, o_out = funds_of(saved.parent)
            families.append((saved.parent, o_in - own_in, o_out - own_out))
        for project, allocated, disbursed in families:
            if disbursed > allocated:
                _add_error(errors, "parent", _(
                    "调整后“%(p)s”累计拨付 %(out)s 元，将超过其已安排资金 %(in)s 元。"
                ) % {"p": project.name, "out": yuan(disbursed), "in": yuan(allocated)})

    @classmethod
    def _check_family(cls, instance: Project, errors: Errors) -> None:
        """大项 → 小项: two levels; items in their project's command; budgets within."""
        parent = instance.parent
        if parent is not None:
            if parent.pk == instance.pk:
                _add_error(errors, "parent", _("项目不能是自己的大项。"))
                return
            if parent.parent_id:
                _add_error(errors, "parent", _("“%(p)s”本身是小项，小项下不能再分项目。") % {"p": parent})
                return
            if instance.pk and instance.items.exists():
                _add_error(errors, "parent", _("本项目已有小项，不能再归入其他大项。"))
                return
            if parent.command_id != instance.command_id:
                _add_error(errors, "parent", _("小项须与大项属于同一指挥部。"))
                return
            siblings = parent.items.exclude(pk=instance.pk).aggregate(s=Sum("budget"))["s"] or ZERO
            if siblings + instance.budget > parent.budget:
                _add_error(errors, "budget", _(
                    "大项“%(p)s”的总投资为 %(budget)s 元，其各小项合计将达 %(sum)s 元，超出大项。"
                ) % {"p": parent, "budget": yuan(parent.budget), "sum": yuan(siblings + instance.budget)})
        if instance.pk:
            items = instance.items.aggregate(s=Sum("budget"))["s"]
            if items is not None and items > instance.budget:
                _add_error(errors, "budget", _(
                    "本项目各小项的总投资合计 %(sum)s 元，大项的总投资不能少于此数。"
                ) % {"sum": yuan(items)})

    @classmethod
    def check_delete(cls, instance: Project) -> None:
        if instance.stage_events.exists() or instance.progress_updates.exists():
            raise ValidationError(_("项目“%(p)s”已有阶段或进度记录，不能删除。") % {"p": instance},
                                  code="protected")


def project_advance(project: Project, *, acting_user: Any, to: str, on: dt.date,
                    note: str = "") -> Project:
    """Move a project forward to stage `to` on day `on`.

    Stages only move forward. Stages passed over on the way (a cheque project needs no
    tendering of its own, say) are recorded on the same day, so every stage reached is
    dated. Reaching 立项, 开工 and 完工 sets the approval, start and end dates.
    """
    to = Stage(to)
    current = Stage(project.stage)
    if STAGE_ORDER[to] <= STAGE_ORDER[current]:
        raise ValidationError({"stage": _(
            "项目阶段只能向前推进：“%(p)s”当前为“%(now)s”，不能改为“%(to)s”。"
        ) % {"p": project.name, "now": current.label, "to": to.label}})
    errors: Errors = {}
    _not_future(errors, "date", on, _("日期"))
    last = project.stage_events.order_by("-date").values_list("date", flat=True).first()
    if last and on < last:
        _add_error(errors, "date", _("日期不能早于上一阶段的日期（%(day)s）。") % {"day": last})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), change_context(user=acting_user, default_source=ChangeSource.SERVICE):
        ProjectService.check_permission(acting_user, "change", project)
        passed = Stage.values[STAGE_ORDER[current] + 1:STAGE_ORDER[to] + 1]
        for stage in passed:
            text = note if stage == to else _("随“%(to)s”同日登记") % {"to": to.label}
            StageEventService.save(StageEvent(project=project, stage=stage, date=on, note=text),
                                   acting_user=acting_user)
            if stage == Stage.APPROVED:
                project.approved_on = on
            elif stage == Stage.STARTED:
                project.actual_start = on
            elif stage == Stage.COMPLETED:
                project.actual_end = on
        project.stage = to
        return ProjectService.save(project, acting_user=acting_user)


class StageEventService(ModelService):
    """Stage events are written by `project_advance` only."""

    model = StageEvent
    scope_check_action = "view"

    @classmethod
    def check_permission(cls, user: Any, action: str, instance) -> None:
        # A stage event is part of the project: who may change the project may record it.
        ProjectService.check_permission(user, "change", instance.project)


# --- progress -----------------------------------------------------------------------------


def _refresh_progress(project: Project) -> None:
    latest = project.progress_updates.order_by("-date", "-id").first()
    project.progress_percent = latest.percent if latest else 0
    project.progress_on = latest.date if latest else None
    project.save(update_fields=["progress_percent", "progress_on", "last_updated"])


class ProgressUpdateService(ModelService):
    model = ProgressUpdate

    @classmethod
    def check_rules(cls, instance: ProgressUpdate, m2m: dict) -> Errors:
        errors: Errors = {}
        project = instance.project
        _not_future(errors, "date", instance.date, _("进度日期"))
        if not instance._state.adding and ProgressUpdate.objects.filter(
                pk=instance.pk).exclude(project=instance.project_id).exists():
            _add_error(errors, "project", _("进度报告不能改到其他项目；请在该项目下另行报告。"))
        if instance.percent and project.stage not in STARTED_STAGES:
            _add_error(errors, "percent", _("项目尚未开工，形象进度只能填 0。"))
        elif instance.percent and project.actual_start and instance.date < project.actual_start:
            _add_error(errors, "date", _("进度日期不能早于开工日期（%(day)s）。") % {
                "day": project.actual_start})
        return errors

    @classmethod
    def after_save(cls, instance: ProgressUpdate, m2m: dict, before: Any) -> None:
        _refresh_progress(instance.project)

    @classmethod
    def delete(cls, instance, *, acting_user: Any) -> None:
        project = instance.project
        with transaction.atomic(), change_context(user=acting_user, default_source=ChangeSource.SERVICE):
            super().delete(instance, acting_user=acting_user)
            _refresh_progress(project)


class AttachmentService(ModelService):
    model = Attachment

    @classmethod
    def prepare(cls, instance: Attachment, m2m: dict) -> None:
        if instance.file and not instance.name:
            instance.name = instance.file.name.rsplit("/", 1)[-1][:200]


def progress_report(project: Project, *, acting_user: Any, date: dt.date, percent: int,
                    note: str = "", files: list | None = None) -> ProgressUpdate:
    """A progress report with its attachments, all or nothing."""
    with transaction.atomic():
        update = ProgressUpdateService.create(
            acting_user=acting_user,
            data={"project": project, "date": date, "percent": percent, "note": note})
        for f in files or []:
            AttachmentService.create(acting_user=acting_user,
                                     data={"update": update, "file": f, "name": f.name[:200]})
    return update


class OutputService(ModelService):
    model = Output


# --- supervision ----------------------------------------------------------------------------


class SupervisionOrderService(ModelService):
    model = SupervisionOrder

    @classmethod
    def check_rules(cls, instance: SupervisionOrder, m2m: dict) -> Errors:
        errors: Errors = {}
        _not_future(errors, "issued_on", instance.issued_on, _("督办日期"))
        if not instance._state.adding and not getattr(instance, "_closing", False):
            saved = SupervisionOrder.objects.get(pk=instance.pk)
            if saved.closed_on:
                _add_error(errors, None, _("该督办已于 %(day)s 办结，不能再修改。") % {
                    "day": saved.closed_on})
        return errors

    @classmethod
    def check_delete(cls, instance: SupervisionOrder) -> None:
        # A closed order is the record that a warning was followed up: it stays.
        if instance.closed_on:
            raise ValidationError(_("该督办已于 %(day)s 办结，是督办的记录，不能删除。") % {
                "day": instance.closed_on}, code="protected")


def supervision_close(order: SupervisionOrder, *, acting_user: Any, on: dt.date,
                      resolution: str) -> SupervisionOrder:
    """办结: the order is closed on `on` with what was done."""
    if order.closed_on:
        raise ValidationError({"closed_on": _("该督办已于 %(day)s 办结。") % {"day": order.closed_on}})
    errors: Errors = {}
    if not resolution.strip():
        _add_error(errors, "resolution", _("办结须填写办理结果。"))
    _not_future(errors, "closed_on", on, _("办结日期"))
    if on < order.issued_on:
        _add_error(errors, "closed_on", _("办结日期不能早于督办日期（%(day)s）。") % {"day": order.issued_on})
    if errors:
        raise ValidationError(errors)
    order._closing = True
    try:
        return SupervisionOrderService.update(
            order, acting_user=acting_user, data={"closed_on": on, "resolution": resolution.strip()})
    finally:
        del order._closing


# --- money ---------------------------------------------------------------------------------


def _family(project: Project) -> Project:
    """The project whose whole family (itself and its items) shares one pool of funds."""
    return project.parent if project.parent_id else project


def funds_of(project: Project, *, whole_family: bool = True) -> tuple[Decimal, Decimal]:
    """(allocated, disbursed) of a project (with its items when `whole_family`)."""
    # The family's projects first (the primary key and parent indexes), then their money
    # through the project index: "project = X OR project.parent = X" over a join would make
    # PostgreSQL scan every allocation and disbursement.
    family = Project.objects.filter(Q(pk=project.pk) | Q(parent=project.pk)).values("pk")
    target = Q(project__in=family) if whole_family else Q(project=project)
    allocated = Allocation.objects.filter(target)
    disbursed = Disbursement.objects.filter(target)
    return (allocated.aggregate(s=Sum("amount"))["s"] or ZERO,
            disbursed.aggregate(s=Sum("amount"))["s"] or ZERO)


def _check_pools(errors: Errors, field: str, changes: list[tuple[Project, Decimal, Decimal]]) -> None:
    """Disbursed never beyond allocated, once `changes` are written.

    Each change is (project, allocated delta, disbursed delta) for a record about to be
    added (+), removed (-) or moved (- on the old project, + on the new). A change counts
    for the whole family of its project, and for the project itself when it is an item with
    funds of its own. A family whose funds do not fall and whose payments do not rise is not
    checked (a move between an item and its own project leaves its family as it was); an
    item is checked whenever it is touched, since an item given funds of its own is held to
    them from then on and they must cover what it was already paid from its project's pool.
    """
    # Concurrent writes to one family wait for each other here (PostgreSQL row lock; SQLite
    # already writes one at a time), so two payments cannot both pass on the old totals.
    tops = sorted({_family(p).pk for p, _a, _d in changes})
    list(Project.objects.select_for_update().filter(pk__in=tops).order_by("pk").values_list("pk"))
    targets: dict[tuple[int, bool], list] = {}
    for project, d_in, d_out in changes:
        touched = [(_family(project), True)] + ([(project, False)] if project.parent_id else [])
        for target, family in touched:
            entry = targets.setdefault((target.pk, family), [target, ZERO, ZERO])
            entry[1] += d_in
            entry[2] += d_out
    for (_pk, family), (target, d_in, d_out) in targets.items():
        if family and d_in >= 0 and d_out <= 0:
            continue
        if not family and not d_in and not d_out:
            continue
        allocated, disbursed = funds_of(target, whole_family=family)
        allocated += d_in
        disbursed += d_out
        if not family and not allocated:
            continue  # an item paid from its project's funds
        if disbursed > allocated:
            _add_error(errors, field, _(
                "“%(p)s”累计拨付将达 %(out)s 元，超过已安排资金 %(in)s 元。"
            ) % {"p": target.name, "out": yuan(disbursed), "in": yuan(allocated)})
            return


_check_year = check_batch_year


class AllocationService(ModelService):
    model = Allocation

    @classmethod
    def prepare(cls, instance: Allocation, m2m: dict) -> None:
        if instance.project_id and not instance.command_id:
            instance.command_id = instance.project.command_id

    @classmethod
    def check_rules(cls, instance: Allocation, m2m: dict) -> Errors:
        errors: Errors = {}
        if instance.project_id and instance.project.command_id != instance.command_id:
            _add_error(errors, "project", _("项目“%(p)s”不属于%(cmd)s。") % {
                "p": instance.project, "cmd": instance.command})
            return errors
        _check_year(errors, "year", instance.command, instance.year)
        saved = None if instance._state.adding else Allocation.objects.select_related(
            "project").get(pk=instance.pk)
        changes = []
        if saved is not None and saved.project_id:
            changes.append((saved.project, -saved.amount, ZERO))
        if instance.project_id:
            changes.append((instance.project, instance.amount, ZERO))
        field = "project" if saved is None or saved.project_id != instance.project_id else "amount"
        _check_pools(errors, field, changes)
        return errors

    @classmethod
    def check_delete(cls, instance: Allocation) -> None:
        if instance.project_id:
            errors: Errors = {}
            _check_pools(errors, "amount", [(instance.project, -instance.amount, ZERO)])
            if errors:
                raise ValidationError(_("不能删除这笔资金安排：") + errors["amount"][0])


class ArrivalService(ModelService):
    model = Arrival

    @classmethod
    def prepare(cls, instance: Arrival, m2m: dict) -> None:
        if instance.date and not instance.year:
            instance.year = instance.date.year

    @classmethod
    def clean_exclude(cls, instance: Arrival) -> list[str]:
        return [] if instance.year else ["year"]

    @classmethod
    def check_rules(cls, instance: Arrival, m2m: dict) -> Errors:
        errors: Errors = {}
        _check_year(errors, "year", instance.command, instance.year)
        _not_future(errors, "date", instance.date, _("到位日期"))
        return errors


class DisbursementService(ModelService):
    model = Disbursement

    @classmethod
    def check_rules(cls, instance: Disbursement, m2m: dict) -> Errors:
        errors: Errors = {}
        project = instance.project
        _not_future(errors, "date", instance.date, _("拨付日期"))
        if project.approved_on is None:
            _add_error(errors, "project", _("项目“%(p)s”尚未立项，不能拨付资金。") % {"p": project.name})
        elif instance.date < project.approved_on:
            _add_error(errors, "date", _("拨付日期不能早于项目立项日期（%(day)s）。") % {
                "day": project.approved_on})
        if errors:
            return errors
        changes = [(project, ZERO, instance.amount)]
        if not instance._state.adding:
            saved = Disbursement.objects.select_related("project").get(pk=instance.pk)
            changes.insert(0, (saved.project, ZERO, -saved.amount))
        _check_pools(errors, "amount", changes)
        return errors

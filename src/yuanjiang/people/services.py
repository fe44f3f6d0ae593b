"""Writes of the people app: registration, postings and their status steps, leave,
assessments with the share of 优秀, awards. Every step is a service call in one transaction
that writes the change log (see yuanjiang.core.services for the pattern)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yuanjiang.core.changelog import change_context
from yuanjiang.core.choices import ChangeSource, Role
from yuanjiang.core.services import ModelService, _add_error, in_command_area

from .choices import (
    EXCELLENT_LIMIT_SHARE,
    EXCELLENT_WARNING_SHARE,
    GRADE_SCALES,
    TRANSITIONS,
    AssignmentStatus,
    Category,
    Grade,
    TermType,
)
from .models import Assessment, Assignment, Award, Leave, Person, add_months, term_end

Errors = dict[str, list[str]]


# --- persons --------------------------------------------------------------------------


class PersonService(ModelService):
    model = Person

    @classmethod
    def clean_exclude(cls, instance: Person) -> list[str]:
        # Uniqueness of the ID number is checked below, with a message a user understands.
        return ["id_number_hash", "id_number_encrypted", "id_number_masked"]

    @classmethod
    def defaults_for(cls, instance: Person, acting_user: Any) -> None:
        if (acting_user is not None and instance.registered_by_id is None
                and acting_user.role == Role.COMMAND_STAFF):
            instance.registered_by = acting_user.scope_command

    @classmethod
    def prepare(cls, instance: Person, m2m: dict) -> None:
        from . import ids

        plain = getattr(instance, "_plain_id", None)
        if plain:
            try:
                number = ids.validate(plain)
            except ValueError:
                return  # clean() reports it
            instance.birth_date = instance.birth_date or ids.birth_date(number)
            instance.gender = instance.gender or ids.gender(number)

    @classmethod
    def check_rules(cls, instance: Person, m2m: dict) -> Errors:
        errors: Errors = {}
        if Person.objects.filter(id_number_hash=instance.id_number_hash).exclude(
            pk=instance.pk
        ).exists():
            _add_error(errors, "id_number", _("该身份证号已登记，请勿重复登记；如需调整请修改已有人员。"))
        return errors


def find_person_by_id_number(value: str) -> Person | None:
    """The person holding this ID number (any scope: callers restrict what they show)."""
    from yuanjiang.core import crypto

    from . import ids

    return Person.objects.filter(id_number_hash=crypto.blind_index(ids.normalise(value))).first()


# --- postings ---------------------------------------------------------------------------


class AssignmentService(ModelService):
    model = Assignment

    @classmethod
    def prepare(cls, instance: Assignment, m2m: dict) -> None:
        if instance.start_date and instance.term_type and not instance.planned_end_date:
            instance.planned_end_date = term_end(instance.start_date, instance.term_type)

    @classmethod
    def clean_exclude(cls, instance: Assignment) -> list[str]:
        return [] if instance.planned_end_date else ["planned_end_date"]

    @classmethod
    def check_rules(cls, instance: Assignment, m2m: dict) -> Errors:
        errors: Errors = {}
        if not instance.planned_end_date:
            _add_error(errors, "planned_end_date", _("短期选派须填写计划结束日期。"))
            return errors
        saved = None if instance._state.adding else Assignment.objects.get(pk=instance.pk)
        if saved and saved.status != instance.status and not getattr(instance, "_transition", False):
            _add_error(errors, "status", _("状态须通过“到岗”“期满返回”“提前返回”“中期轮换”等操作变更。"))
        # No two postings of one person at once.
        others = Assignment.objects.filter(person=instance.person_id).exclude(pk=instance.pk)
        for other in others.select_related("command"):
            if instance.start_date <= other.end_date and other.start_date <= instance.end_date:
                _add_error(errors, "start_date", _(
                    "与此人的另一项选派（%(cmd)s，%(start)s 至 %(end)s）时间重叠。"
                ) % {"cmd": other.command, "start": other.start_date, "end": other.end_date})
        batch = instance.command.batch
        outside = instance.start_date < batch.start_date or bool(
            batch.end_date and instance.end_date > batch.end_date)
        if outside and not instance.crosses_batch:
            end = batch.end_date.isoformat() if batch.end_date else _("未定")
            _add_error(errors, "start_date", _(
                "选派日期须在%(batch)s（%(start)s 至 %(end)s）之内；跨批次任职请勾选“跨批次”。"
            ) % {"batch": batch, "start": batch.start_date, "end": end})
        if instance.organisation_id and not in_command_area(instance.command,
                                                         instance.organisation.region):
            _add_error(errors, "organisation", _("受援单位“%(org)s”不在%(cmd)s的受援地范围内。") % {
                "org": instance.organisation, "cmd": instance.command})
        if instance.predecessor_id and instance.predecessor.person_id == instance.person_id:
            _add_error(errors, "predecessor", _("轮换前任不能是本人。"))
        return errors


def _step(assignment: Assignment, to: str) -> None:
    if to not in TRANSITIONS[AssignmentStatus(assignment.status)]:
        raise ValidationError({"status": _("“%(from)s”的选派不能改为“%(to)s”。") % {
            "from": assignment.get_status_display(), "to": AssignmentStatus(to).label}})
    assignment.status = to
    assignment._transition = True


def assignment_arrive(assignment: Assignment, *, acting_user: Any, on: dt.date) -> Assignment:
    """拟选派 → 在岗: the person arrived on `on` (the start date moves to it)."""
    with transaction.atomic():
        derived = assignment.planned_end_date == term_end(assignment.start_date,
                                                          assignment.term_type)
        _step(assignment, AssignmentStatus.ON_POST)
        assignment.start_date = on
        if derived:
            assignment.planned_end_date = term_end(on, assignment.term_type)
        return AssignmentService.save(assignment, acting_user=acting_user)


def assignment_finish(assignment: Assignment, *, acting_user: Any, on: dt.date,
                      early: bool = False, reason: str = "") -> Assignment:
    """在岗 → 期满返回 or 提前返回 on `on` (the last day on post)."""
    if early and not reason.strip():
        raise ValidationError({"end_reason": _("提前返回须说明原因。")})
    with transaction.atomic():
        _step(assignment, AssignmentStatus.EARLY_RETURN if early else AssignmentStatus.COMPLETED)
        assignment.actual_end_date = on
        assignment.end_reason = reason
        return AssignmentService.save(assignment, acting_user=acting_user)


def assignment_rotate(assignment: Assignment, *, acting_user: Any, successor: Person,
                      on: dt.date, post: str = "") -> Assignment:
    """中期轮换: a professional hands the post to `successor`, who starts on `on`.

    Allowed once the professional has served a year and a half. The successor's posting
    keeps the organisation and post and runs to the end of the original term.
    """
    if assignment.category != Category.PROFESSIONAL:
        raise ValidationError({"category": _("中期轮换只适用于专业技术人才。")})
    earliest = add_months(assignment.start_date, 18)
    if on < earliest:
        raise ValidationError({"start_date": _("中期轮换须在任职满一年半后进行（最早 %(day)s）。") % {
            "day": earliest.isoformat()}})
    with transaction.atomic(), change_context(user=acting_user, default_source=ChangeSource.SERVICE):
        planned_end = assignment.planned_end_date
        _step(assignment, AssignmentStatus.ROTATED)
        assignment.actual_end_date = on - dt.timedelta(days=1)
        AssignmentService.save(assignment, acting_user=acting_user)
        end = planned_end if planned_end > on else term_end(on, TermType.EIGHTEEN_MONTHS)
        successor_posting = Assignment(
            person=successor, command=assignment.command, category=assignment.category,
            professional_kind=assignment.professional_kind,
            organisation=assignment.organisation, post=post or assignment.post,
            term_type=TermType.EIGHTEEN_MONTHS, start_date=on, planned_end_date=end,
            status=AssignmentStatus.ON_POST, crosses_batch=assignment.crosses_batch,
            predecessor=assignment,
        )
        return AssignmentService.save(successor_posting, acting_user=acting_user)


# --- leave ------------------------------------------------------------------------------------


class LeaveService(ModelService):
    model = Leave

    @classmethod
    def prepare(cls, instance: Leave, m2m: dict) -> None:
        if instance.assignment_id:
            instance.person_id = instance.assignment.person_id

    @classmethod
    def check_rules(cls, instance: Leave, m2m: dict) -> Errors:
        errors: Errors = {}
        posting = instance.assignment
        if posting.status == AssignmentStatus.PROPOSED:
            _add_error(errors, "assignment", _("尚未到岗的选派不能请假。"))
            return errors
        if instance.start_date < posting.start_date or instance.end_date > posting.end_date:
            _add_error(errors, "start_date", _("请假日期须在选派期间（%(start)s 至 %(end)s）之内。") % {
                "start": posting.start_date, "end": posting.end_date})
        others = Leave.objects.filter(person=instance.person_id).exclude(pk=instance.pk)
        for other in others:
            if instance.start_date <= other.last_day_away and other.start_date <= instance.last_day_away:
                _add_error(errors, "start_date", _(
                    "与此人的另一次请假（%(kind)s，%(start)s 至 %(end)s）时间重叠。"
                ) % {"kind": other.get_kind_display(), "start": other.start_date,
                     "end": other.last_day_away})
        return errors


def leave_return(leave: Leave, *, acting_user: Any, on: dt.date) -> Leave:
    """销假: back on post on `on`."""
    if leave.returned_on:
        raise ValidationError({"returned_on": _("该请假已于 %(day)s 销假。") % {"day": leave.returned_on}})
    return LeaveService.update(leave, acting_user=acting_user, data={"returned_on": on})


# --- assessments and awards --------------------------------------------------------------------


def excellent_share(command, year: int) -> tuple[int, int]:
    """(number graded 优秀, number of people to assess) in a command's year.

    The people to assess are those posted (not merely proposed) in the command at some time
    of the year, flexible talent excepted.
    """
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    postings = Assignment.objects.filter(command=command, start_date__lte=last).exclude(
        status=AssignmentStatus.PROPOSED).exclude(category=Category.FLEXIBLE)
    postings = postings.exclude(actual_end_date__lt=first).exclude(
        actual_end_date__isnull=True, planned_end_date__lt=first)
    people = postings.values("person").distinct().count()
    excellent = Assessment.objects.filter(assignment__command=command, year=year,
                                          grade=Grade.EXCELLENT).count()
    return excellent, people


class AssessmentService(ModelService):
    model = Assessment

    @classmethod
    def prepare(cls, instance: Assessment, m2m: dict) -> None:
        if instance.assignment_id:
            instance.person_id = instance.assignment.person_id
            if not instance.assessed_by_id:
                instance.assessed_by_id = instance.assignment.organisation_id

    @classmethod
    def check_rules(cls, instance: Assessment, m2m: dict) -> Errors:
        errors: Errors = {}
        posting = instance.assignment
        scale = GRADE_SCALES[Category(posting.category)]
        if instance.grade not in scale:
            _add_error(errors, "grade", _("%(category)s的考核等次为%(grades)s。") % {
                "category": posting.get_category_display(),
                "grades": "、".join(str(Grade(g).label) for g in scale)})
        if not posting.start_date.year <= instance.year <= posting.end_date.year:
            _add_error(errors, "year", _("考核年度须在选派期间（%(a)s—%(b)s 年）内。") % {
                "a": posting.start_date.year, "b": posting.end_date.year})
        if not errors:
            errors.update(cls.check_share(instance))
        return errors

    @classmethod
    def check_share(cls, instance: Assessment) -> Errors:
        """优秀 for at most 20 per cent of a command's people in a year (warning above 15)."""
        errors: Errors = {}
        instance._warnings = []
        if instance.grade != Grade.EXCELLENT or not instance.assignment_id:
            return errors
        command = instance.assignment.command
        excellent, people = excellent_share(command, instance.year)
        already = Assessment.objects.filter(pk=instance.pk, grade=Grade.EXCELLENT).exists()
        excellent += 0 if already else 1
        share = 100 * excellent / people if people else 100
        if share > EXCELLENT_LIMIT_SHARE:
            _add_error(errors, "grade", _(
                "%(cmd)s %(year)s 年度优秀比例将达 %(share).1f%%，超过 %(limit)s%% 的上限"
                "（本年度应考核 %(people)s 人，优秀至多 %(max)s 人）。"
            ) % {"cmd": command, "year": instance.year, "share": share,
                 "limit": EXCELLENT_LIMIT_SHARE, "people": people,
                 "max": people * EXCELLENT_LIMIT_SHARE // 100})
        elif share > EXCELLENT_WARNING_SHARE:
            instance._warnings.append(_(
                "%(cmd)s %(year)s 年度优秀比例为 %(share).1f%%，已超过一般不超过 %(warn)s%% 的要求。"
            ) % {"cmd": command, "year": instance.year, "share": share,
                 "warn": EXCELLENT_WARNING_SHARE})
        return errors


class AwardService(ModelService):
    model = Award

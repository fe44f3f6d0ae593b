"""Writes of the talent app. Every write is a service call in one transaction that writes
the change log (see yuanjiang.core.services).

Rules, in one place:
- a programme opens inside its command's batch and not in the future;
- a secondment starts inside the batch; the same cadre (name and home organisation) is
  not seconded twice at once;
- a mentor is a posting that has begun, and the pairing starts while the mentor is on post;
  a local mentee (name and organisation) has one mentor at a time, across all commands;
- group-style aid goes to a school or a hospital (by its kind) in the command's recipient
  area, served by postings of the same command.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _

from yuanjiang.core.choices import OrganisationKind
from yuanjiang.core.services import ModelService, _add_error, check_batch_date, in_command_area
from yuanjiang.people.selectors import BEGUN

from .choices import GroupAidKind
from .models import GroupAid, Mentorship, Secondment, Trainee, TrainingProgramme

Errors = dict[str, list[str]]
FAR = dt.date.max


def _overlapping(queryset, start: dt.date, end: dt.date | None, end_field: str):
    """Rows of `queryset` whose span [start_date, end] meets [start, end]; open ends run on."""
    q = Q(start_date__lte=end or FAR) & (Q(**{f"{end_field}__isnull": True})
                                         | Q(**{f"{end_field}__gte": start}))
    return queryset.filter(q)


class TrainingProgrammeService(ModelService):
    model = TrainingProgramme

    @classmethod
    def check_rules(cls, instance: TrainingProgramme, m2m: dict) -> Errors:
        errors: Errors = {}
        check_batch_date(errors, "start_date", instance.command, instance.start_date, _("开班日期"))
        return errors


class TraineeService(ModelService):
    model = Trainee

    @classmethod
    def prepare(cls, instance: Trainee, m2m: dict) -> None:
        instance.name = (instance.name or "").strip()
        instance.organisation = (instance.organisation or "").strip()


class SecondmentService(ModelService):
    model = Secondment

    @classmethod
    def prepare(cls, instance: Secondment, m2m: dict) -> None:
        instance.name = (instance.name or "").strip()
        instance.home_organisation = (instance.home_organisation or "").strip()
        instance.host_organisation = (instance.host_organisation or "").strip()

    @classmethod
    def check_rules(cls, instance: Secondment, m2m: dict) -> Errors:
        errors: Errors = {}
        check_batch_date(errors, "start_date", instance.command, instance.start_date, _("开始日期"))
        clash = _overlapping(Secondment._base_manager.filter(
            name=instance.name, home_organisation=instance.home_organisation
        ).exclude(pk=instance.pk), instance.start_date, instance.end_date, "end_date").first()
        if clash:
            _add_error(errors, "start_date", _(
                "%(name)s（%(org)s）在 %(a)s 至 %(b)s 已有挂职交流记录，时间不能重叠。") % {
                "name": clash.name, "org": clash.home_organisation, "a": clash.start_date,
                "b": clash.end_date})
        return errors


class MentorshipService(ModelService):
    model = Mentorship

    @classmethod
    def prepare(cls, instance: Mentorship, m2m: dict) -> None:
        if instance.mentor_id:
            instance.command_id = instance.mentor.command_id
        instance.mentee_name = (instance.mentee_name or "").strip()
        instance.mentee_organisation = (instance.mentee_organisation or "").strip()

    @classmethod
    def clean_exclude(cls, instance) -> list[str]:
        return ["command"] if not instance.command_id else []

    @classmethod
    def check_rules(cls, instance: Mentorship, m2m: dict) -> Errors:
        errors: Errors = {}
        posting = instance.mentor
        if posting.status not in BEGUN:
            _add_error(errors, "mentor", _("导师须是已到岗的援疆人员（“%(p)s”状态为%(s)s）。") % {
                "p": posting.person.name, "s": posting.get_status_display()})
        else:
            until = posting.actual_end_date or posting.planned_end_date
            if instance.start_date < posting.start_date or (until and instance.start_date > until):
                _add_error(errors, "start_date", _(
                    "结对日期应在导师的援疆期内（%(a)s 至 %(b)s）。") % {
                    "a": posting.start_date, "b": until or _("今")})
        clash = _overlapping(Mentorship._base_manager.filter(
            mentee_name=instance.mentee_name, mentee_organisation=instance.mentee_organisation
        ).exclude(pk=instance.pk).select_related("mentor__person"), instance.start_date,
            instance.end_date, "end_date").first()
        if clash:
            _add_error(errors, "mentee_name", _(
                "%(name)s（%(org)s）自 %(a)s 起已与%(mentor)s结对，同一时间只能有一位导师。") % {
                "name": clash.mentee_name, "org": clash.mentee_organisation,
                "a": clash.start_date, "mentor": clash.mentor.person.name})
        return errors


INSTITUTION_KIND = {GroupAidKind.SCHOOL: OrganisationKind.SCHOOL,
                    GroupAidKind.HOSPITAL: OrganisationKind.HOSPITAL}


class GroupAidService(ModelService):
    model = GroupAid
    m2m_fields = ("postings",)

    @classmethod
    def check_rules(cls, instance: GroupAid, m2m: dict) -> Errors:
        errors: Errors = {}
        institution, command = instance.institution, instance.command
        wanted = INSTITUTION_KIND[GroupAidKind(instance.kind)]
        if institution.kind != wanted:
            _add_error(errors, "institution", _("“%(org)s”不是%(kind)s，不能作为%(aid)s的受援单位。") % {
                "org": institution, "kind": OrganisationKind(wanted).label,
                "aid": GroupAidKind(instance.kind).label})
        elif not in_command_area(command, institution.region):
            _add_error(errors, "institution", _("“%(org)s”不在%(cmd)s的受援地范围内。") % {
                "org": institution, "cmd": command})
        postings = (m2m.get("postings") or [] if "postings" in m2m
                    else list(instance.postings.select_related("person")) if instance.pk else [])
        others = [p for p in postings if p.command_id != command.pk]
        if others:
            _add_error(errors, "postings", _("%(names)s不是本指挥部选派的人员。") % {
                "names": "、".join(p.person.name for p in others)})
        return errors

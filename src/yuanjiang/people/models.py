"""Cadres and professionals: persons, postings, leave, yearly assessments and awards."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yuanjiang.core import crypto
from yuanjiang.core.models import PlatformModel
from yuanjiang.core.scope import DataScope

from . import ids
from .choices import (
    ENDED,
    AssignmentStatus,
    AwardLevel,
    Category,
    Education,
    Ethnicity,
    Gender,
    Grade,
    LeaveKind,
    PoliticalStatus,
    ProfessionalKind,
    TermType,
)


class Person(PlatformModel):
    """A cadre or professional, registered once whatever the number of postings."""

    name = models.CharField(_("姓名"), max_length=50)
    gender = models.CharField(_("性别"), max_length=8, choices=Gender.choices)
    ethnicity = models.CharField(_("民族"), max_length=2, choices=Ethnicity.choices)
    birth_date = models.DateField(_("出生日期"))
    # The ID number is kept encrypted; the hash finds and deduplicates it, the masked form
    # is what lists, exports and the API show to users without the permission to see it.
    id_number_encrypted = models.TextField(_("身份证号（密文）"), editable=False)
    id_number_hash = models.CharField(_("身份证号索引"), max_length=64, unique=True,
                                      editable=False)
    id_number_masked = models.CharField(_("身份证号"), max_length=18, editable=False)
    political_status = models.CharField(_("政治面貌"), max_length=20,
                                        choices=PoliticalStatus.choices, blank=True)
    education = models.CharField(_("学历"), max_length=24, choices=Education.choices,
                                 blank=True)
    professional_title = models.CharField(_("专业技术职称"), max_length=60, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    home_organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("派出单位"), on_delete=models.PROTECT,
        related_name="sent_people",
    )
    home_post = models.CharField(_("派出单位职务"), max_length=80, blank=True)
    registered_by = models.ForeignKey(
        "core.Command", verbose_name=_("登记指挥部"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="registered_people",
        help_text=_("登记此人的指挥部；选派前即可在该指挥部的范围内查看。"),
    )
    note = models.TextField(_("备注"), blank=True)

    changelog_masked = ("id_number_encrypted", "id_number_hash")
    data_scope = DataScope(
        command=("assignments__command", "registered_by"),
        supporting="home_organisation__region",
        region="assignments__organisation__region",
    )

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        ordering = ["name", "id"]
        permissions = [("view_id_number", _("可查看完整身份证号"))]

    def __str__(self) -> str:
        return self.name

    # --- the ID number ----------------------------------------------------------------
    @property
    def id_number(self) -> str:
        plain = getattr(self, "_plain_id", None)
        if plain:
            return plain
        return crypto.decrypt(self.id_number_encrypted) if self.id_number_encrypted else ""

    def set_id_number(self, value: str) -> None:
        """Keep `value` (checked in clean()) encrypted, indexed and masked."""
        number = ids.normalise(value)
        self._plain_id = number
        digest = crypto.blind_index(number)
        if digest != self.id_number_hash:
            self.id_number_hash = digest
            self.id_number_encrypted = crypto.encrypt(number)
            self.id_number_masked = ids.mask(number)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        plain = getattr(self, "_plain_id", None)
        if not self.id_number_hash:
            errors["id_number"] = _("请填写身份证号。")
        elif plain is not None:
            try:
                number = ids.validate(plain)
            except ValueError as exc:
                errors["id_number"] = str(exc)
            else:
                born, sex = ids.birth_date(number), ids.gender(number)
                if self.birth_date and self.birth_date != born:
                    errors["birth_date"] = _("出生日期与身份证号不一致（身份证号所载为 %(date)s）。") % {
                        "date": born.isoformat()}
                if self.gender and self.gender != sex:
                    errors["gender"] = _("性别与身份证号不一致（身份证号所载为%(sex)s）。") % {
                        "sex": Gender(sex).label}
        if errors:
            raise ValidationError(errors)


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months, clamped to the month's last day."""
    import calendar

    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_end(start: dt.date, term: str) -> dt.date | None:
    """The planned last day of a term that starts on `start` (None for short terms)."""
    months = TermType(term).months
    return None if months is None else add_months(start, months) - dt.timedelta(days=1)


class Assignment(PlatformModel):
    """A posting (选派): a person serving in a command's recipient organisation for a term."""

    person = models.ForeignKey(Person, verbose_name=_("人员"), on_delete=models.PROTECT,
                               related_name="assignments")
    command = models.ForeignKey("core.Command", verbose_name=_("指挥部"),
                                on_delete=models.PROTECT, related_name="assignments")
    category = models.CharField(_("人员类别"), max_length=16, choices=Category.choices)
    professional_kind = models.CharField(_("专业类别"), max_length=16,
                                         choices=ProfessionalKind.choices, blank=True,
                                         help_text=_("专业技术人才填写：教师、医生或其他。"))
    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("受援单位"), on_delete=models.PROTECT,
        related_name="assignments",
    )
    post = models.CharField(_("挂职职务"), max_length=80)
    term_type = models.CharField(_("任期"), max_length=8, choices=TermType.choices)
    start_date = models.DateField(_("开始日期"))
    planned_end_date = models.DateField(_("计划结束日期"), blank=True,
                                        help_text=_("留空时按任期推算。"))
    actual_end_date = models.DateField(_("实际结束日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=AssignmentStatus.choices,
                              default=AssignmentStatus.PROPOSED)
    crosses_batch = models.BooleanField(
        _("跨批次"), default=False, help_text=_("任期超出本批次起止日期时勾选。"))
    predecessor = models.ForeignKey(
        "self", verbose_name=_("轮换前任"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="successors",
    )
    end_reason = models.CharField(_("返回原因"), max_length=200, blank=True)
    note = models.TextField(_("备注"), blank=True)

    data_scope = DataScope(command="command", region="organisation__region")

    class Meta:
        verbose_name = _("选派")
        verbose_name_plural = _("选派")
        ordering = ["command_id", "-start_date", "id"]
        indexes = [
            models.Index(fields=["command", "status"], name="assignment_command_status"),
            models.Index(fields=["person", "start_date"], name="assignment_person_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end_date__gt=models.F("start_date")),
                name="assignment_planned_end_after_start",
                violation_error_message=_("计划结束日期必须晚于开始日期。"),
            ),
            models.CheckConstraint(
                condition=Q(actual_end_date__isnull=True)
                | Q(actual_end_date__gte=models.F("start_date")),
                name="assignment_actual_end_not_before_start",
                violation_error_message=_("实际结束日期不能早于开始日期。"),
            ),
            models.CheckConstraint(
                condition=(Q(category=Category.PROFESSIONAL) & ~Q(professional_kind=""))
                | (~Q(category=Category.PROFESSIONAL) & Q(professional_kind="")),
                name="assignment_professional_kind",
                violation_error_message=_("专业技术人才须填写专业类别，其他类别不填。"),
            ),
            models.CheckConstraint(
                condition=(Q(status__in=list(ENDED)) & Q(actual_end_date__isnull=False))
                | (~Q(status__in=list(ENDED)) & Q(actual_end_date__isnull=True)),
                name="assignment_end_date_matches_status",
                violation_error_message=_("已返回的选派须有实际结束日期，未返回的不填。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}·{self.post}"

    @property
    def end_date(self) -> dt.date:
        """The last day of the posting: actual if it ended, planned otherwise."""
        return self.actual_end_date or self.planned_end_date


class Leave(PlatformModel):
    """请假: a person away from post for a time; 销假 records the return."""

    assignment = models.ForeignKey(Assignment, verbose_name=_("选派"), on_delete=models.PROTECT,
                                   related_name="leaves")
    person = models.ForeignKey(Person, verbose_name=_("人员"), on_delete=models.PROTECT,
                               related_name="leaves", editable=False)
    kind = models.CharField(_("类型"), max_length=16, choices=LeaveKind.choices)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    approved_by = models.CharField(_("审批人"), max_length=50)
    returned_on = models.DateField(_("销假日期"), null=True, blank=True,
                                   help_text=_("回到岗位的日期；当天计为在岗。"))
    reason = models.CharField(_("事由"), max_length=200, blank=True)

    data_scope = DataScope(command="assignment__command", region="assignment__organisation__region")

    class Meta:
        verbose_name = _("请假")
        verbose_name_plural = _("请假")
        ordering = ["-start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="leave_end_not_before_start",
                violation_error_message=_("结束日期不能早于开始日期。"),
            ),
            models.CheckConstraint(
                condition=Q(returned_on__isnull=True) | Q(returned_on__gt=models.F("start_date")),
                name="leave_return_after_start",
                violation_error_message=_("销假日期必须晚于开始日期。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.get_kind_display()} {self.start_date}"

    @property
    def last_day_away(self) -> dt.date:
        """The last day off post: the day before the return, or the planned end."""
        if self.returned_on:
            return self.returned_on - dt.timedelta(days=1)
        return self.end_date


class Assessment(PlatformModel):
    """年度考核: given by the recipient side and copied to the home organisation."""

    assignment = models.ForeignKey(Assignment, verbose_name=_("选派"), on_delete=models.PROTECT,
                                   related_name="assessments")
    person = models.ForeignKey(Person, verbose_name=_("人员"), on_delete=models.PROTECT,
                               related_name="assessments", editable=False)
    year = models.PositiveSmallIntegerField(
        _("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    grade = models.CharField(_("考核等次"), max_length=24, choices=Grade.choices)
    assessed_by = models.ForeignKey(
        "core.Organisation", verbose_name=_("考核单位"), on_delete=models.PROTECT,
        related_name="assessments_given", blank=True,
        help_text=_("受援方考核单位；留空时为受援单位。"),
    )
    copied_to_home_on = models.DateField(_("抄送派出单位日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    data_scope = DataScope(command="assignment__command",
                           region="assignment__organisation__region")

    class Meta:
        verbose_name = _("年度考核")
        verbose_name_plural = _("年度考核")
        ordering = ["-year", "person_id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="one_assessment_per_year",
                                    violation_error_message=_("此人该年度已有考核结果。")),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.year}年 {self.get_grade_display()}"


class Award(PlatformModel):
    """表彰: a commendation of a person or of a command, with its decision document."""

    title = models.CharField(_("荣誉称号"), max_length=120)
    level = models.CharField(_("级别"), max_length=24, choices=AwardLevel.choices)
    conferred_by = models.CharField(_("授予机关"), max_length=120)
    conferred_on = models.DateField(_("授予日期"))
    decision_number = models.CharField(_("文号"), max_length=80, blank=True)
    person = models.ForeignKey(Person, verbose_name=_("人员"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="awards")
    command = models.ForeignKey("core.Command", verbose_name=_("指挥部"),
                                on_delete=models.PROTECT, null=True, blank=True,
                                related_name="awards")
    note = models.CharField(_("备注"), max_length=200, blank=True)

    data_scope = DataScope(command=("command", "person__assignments__command"))

    class Meta:
        verbose_name = _("表彰")
        verbose_name_plural = _("表彰")
        ordering = ["-conferred_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(command__isnull=True))
                | (Q(person__isnull=True) & Q(command__isnull=False)),
                name="award_person_or_command",
                violation_error_message=_("表彰对象须为一名人员或一个指挥部（二者选一）。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.person or self.command}）"

"""Talent development (智力援疆): training programmes and their trainees, secondments of
recipient-side cadres to the supporting side (挂职交流), mentoring pairs (师徒结对) between a
posted professional and a local mentee, and group-style aid (组团式帮扶) to a school or a
hospital. Flexible talent lives in the postings of the people app.

Every record belongs to a command (`data_scope`).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yuanjiang.core.models import PlatformModel
from yuanjiang.core.models.base import MONEY
from yuanjiang.core.scope import DataScope

from .choices import Audience, GroupAidKind, SecondmentKind, Venue

YEAR = [MinValueValidator(1997), MaxValueValidator(2100)]


class TrainingProgramme(PlatformModel):
    """干部人才培训项目: a course run for recipient-side cadres and professionals, or for
    farmers and workers, with its funds and trainees."""

    command = models.ForeignKey("core.Command", verbose_name=_("指挥部"), on_delete=models.PROTECT,
                                related_name="training_programmes")
    name = models.CharField(_("培训项目名称"), max_length=200)
    audience = models.CharField(_("培训对象"), max_length=12, choices=Audience.choices,
                                default=Audience.CADRES)
    venue = models.CharField(_("培训地点类型"), max_length=16, choices=Venue.choices)
    place = models.CharField(_("培训地点"), max_length=120, blank=True)
    organiser = models.CharField(_("承办单位"), max_length=120, blank=True)
    start_date = models.DateField(_("开班日期"))
    end_date = models.DateField(_("结业日期"))
    funds = models.DecimalField(_("培训资金（元）"), **MONEY, default=0,
                                validators=[MinValueValidator(0, message=_("金额不能为负数。"))])
    note = models.TextField(_("备注"), blank=True)

    data_scope = DataScope(command="command")

    class Meta:
        verbose_name = _("培训项目")
        verbose_name_plural = _("培训项目")
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["command", "start_date"], name="training_command_start")]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")),
                                   name="training_end_after_start",
                                   violation_error_message=_("结业日期不能早于开班日期。")),
            models.CheckConstraint(condition=Q(funds__gte=0), name="training_funds_not_negative",
                                   violation_error_message=_("培训资金不能为负数。")),
        ]

    def __str__(self) -> str:
        return self.name


class Trainee(PlatformModel):
    """A person trained in a programme, with the organisation they come from."""

    programme = models.ForeignKey(TrainingProgramme, verbose_name=_("培训项目"),
                                  on_delete=models.CASCADE, related_name="trainees")
    name = models.CharField(_("姓名"), max_length=50)
    organisation = models.CharField(_("工作单位"), max_length=120)
    post = models.CharField(_("职务（岗位）"), max_length=80, blank=True)

    data_scope = DataScope(command="programme__command")

    class Meta:
        verbose_name = _("参训人员")
        verbose_name_plural = _("参训人员")
        ordering = ["programme_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name", "organisation"],
                                    name="trainee_once",
                                    violation_error_message=_("该培训项目已有同一单位的同名学员。")),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.organisation}）"


class Secondment(PlatformModel):
    """挂职交流: a recipient-side cadre seconded to, or studying in, the supporting side."""

    command = models.ForeignKey("core.Command", verbose_name=_("指挥部"), on_delete=models.PROTECT,
                                related_name="secondments")
    name = models.CharField(_("姓名"), max_length=50)
    home_organisation = models.CharField(_("派出单位"), max_length=120)
    home_post = models.CharField(_("原职务"), max_length=80, blank=True)
    kind = models.CharField(_("方式"), max_length=8, choices=SecondmentKind.choices,
                            default=SecondmentKind.POST)
    host_organisation = models.CharField(_("接收单位"), max_length=120)
    host_post = models.CharField(_("挂职岗位"), max_length=80, blank=True)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    note = models.TextField(_("备注"), blank=True)

    data_scope = DataScope(command="command")

    class Meta:
        verbose_name = _("挂职交流")
        verbose_name_plural = _("挂职交流")
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["command", "start_date"], name="secondment_command_start")]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")),
                                   name="secondment_end_after_start",
                                   violation_error_message=_("结束日期不能早于开始日期。")),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.home_organisation}→{self.host_organisation}）"


class Mentorship(PlatformModel):
    """师徒结对: a posted professional (the posting) mentors a local professional."""

    command = models.ForeignKey("core.Command", verbose_name=_("指挥部"), on_delete=models.PROTECT,
                                related_name="mentorships", editable=False)
    mentor = models.ForeignKey("people.Assignment", verbose_name=_("援疆导师（选派）"),
                               on_delete=models.PROTECT, related_name="mentorships")
    mentee_name = models.CharField(_("本土人才姓名"), max_length=50)
    mentee_organisation = models.CharField(_("本土人才单位"), max_length=120)
    field = models.CharField(_("专业领域"), max_length=60, blank=True)
    start_date = models.DateField(_("结对日期"))
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    outcome = models.TextField(_("帮带成效"), blank=True)

    data_scope = DataScope(command="command")

    class Meta:
        verbose_name = _("师徒结对")
        verbose_name_plural = _("师徒结对")
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["command", "start_date"], name="mentorship_command_start"),
                   models.Index(fields=["mentee_name", "mentee_organisation"],
                                name="mentorship_mentee")]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__isnull=True)
                                   | Q(end_date__gte=models.F("start_date")),
                                   name="mentorship_end_after_start",
                                   violation_error_message=_("结束日期不能早于结对日期。")),
        ]

    def __str__(self) -> str:
        return f"{self.mentor.person.name} — {self.mentee_name}（{self.mentee_organisation}）"


class GroupAid(PlatformModel):
    """组团式帮扶: supporting-side institutions together lift one school or hospital."""

    command = models.ForeignKey("core.Command", verbose_name=_("指挥部"), on_delete=models.PROTECT,
                                related_name="group_aids")
    kind = models.CharField(_("类型"), max_length=10, choices=GroupAidKind.choices)
    institution = models.ForeignKey("core.Organisation", verbose_name=_("受援学校（医院）"),
                                    on_delete=models.PROTECT, related_name="group_aids")
    supporting_institutions = models.TextField(
        _("支援单位"), help_text=_("组团支援的学校、医院，一行一个，可注明对口科室（学科）。"))
    departments = models.CharField(_("重点帮扶科室（学科）"), max_length=300, blank=True)
    start_year = models.PositiveSmallIntegerField(_("开始年度"), validators=YEAR)
    end_year = models.PositiveSmallIntegerField(_("结束年度"), validators=YEAR, null=True,
                                                blank=True, help_text=_("仍在帮扶的留空。"))
    postings = models.ManyToManyField("people.Assignment", verbose_name=_("在此服务的援疆人员"),
                                      blank=True, related_name="group_aids")
    outcome = models.TextField(_("帮扶成效"), blank=True)

    data_scope = DataScope(command="command")

    class Meta:
        verbose_name = _("组团式帮扶")
        verbose_name_plural = _("组团式帮扶")
        ordering = ["-start_year", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end_year__isnull=True)
                                   | Q(end_year__gte=models.F("start_year")),
                                   name="group_aid_end_after_start",
                                   violation_error_message=_("结束年度不能早于开始年度。")),
            models.UniqueConstraint(fields=["command", "institution"], name="group_aid_once",
                                    violation_error_message=_("本指挥部已登记对该单位的组团式帮扶。")),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.institution}"

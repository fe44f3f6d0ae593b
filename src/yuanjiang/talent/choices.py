"""Value sets of the talent app (智力援疆), with the official wording."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    CADRES = "cadres", _("干部人才")
    FARMERS = "farmers", _("农民和务工人员")


class Venue(models.TextChoices):
    SUPPORTING = "supporting", _("支援方")
    CADRE_COLLEGE = "cadre_college", _("干部学院")
    LOCAL = "local", _("受援地")
    ONLINE = "online", _("线上")


class SecondmentKind(models.TextChoices):
    POST = "post", _("挂职锻炼")
    STUDY = "study", _("跟班学习")


class GroupAidKind(models.TextChoices):
    SCHOOL = "school", _("组团式教育（学校）")
    HOSPITAL = "hospital", _("组团式医疗（医院）")

"""Value sets of the projects app, with the official wording."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """项目类别."""

    LIVELIHOOD = "livelihood", _("民生")
    INDUSTRY = "industry", _("产业")
    TALENT = "talent", _("智力")
    CULTURE = "culture", _("文化润疆")
    INFRASTRUCTURE = "infrastructure", _("基础设施")
    PLANNING = "planning", _("规划")
    GROUP_EDUCATION = "group_education", _("组团式教育")
    GROUP_MEDICAL = "group_medical", _("组团式医疗")
    OTHER = "other", _("其他")


#: Categories whose funds count as livelihood (民生) by default: housing, education, health,
#: employment and social security, and the group-style aid to schools and hospitals.
LIVELIHOOD_CATEGORIES = frozenset({Category.LIVELIHOOD, Category.GROUP_EDUCATION,
                                   Category.GROUP_MEDICAL})


class LivelihoodKind(models.TextChoices):
    """Sub-kinds of 民生 projects."""

    HOUSING = "housing", _("安居富民")
    EDUCATION = "education", _("教育")
    HEALTH = "health", _("卫生")
    EMPLOYMENT = "employment", _("就业")
    SOCIAL_SECURITY = "social_security", _("社会保障")


class Stage(models.TextChoices):
    """项目阶段, in the order a project passes through them."""

    PIPELINE = "pipeline", _("储备")
    APPROVED = "approved", _("立项")
    TENDERING = "tendering", _("招投标")
    STARTED = "started", _("开工")
    COMPLETED = "completed", _("完工")
    ACCEPTED = "accepted", _("竣工验收")
    HANDED_OVER = "handed_over", _("移交")


STAGE_ORDER = {stage: i for i, stage in enumerate(Stage.values)}
#: Stages at or after 开工 (the project has started) and at or after 完工.
STARTED_STAGES = Stage.values[STAGE_ORDER[Stage.STARTED]:]
COMPLETED_STAGES = Stage.values[STAGE_ORDER[Stage.COMPLETED]:]
APPROVED_STAGES = Stage.values[STAGE_ORDER[Stage.APPROVED]:]
NOT_STARTED_STAGES = Stage.values[:STAGE_ORDER[Stage.STARTED]]


class DeliveryMode(models.TextChoices):
    TURNKEY = "turnkey", _("交钥匙")
    CHEQUE = "cheque", _("交支票")


class BuildKind(models.TextChoices):
    NEW = "new", _("新建")
    CONTINUING = "continuing", _("续建")


class FlagOverride(models.TextChoices):
    """A livelihood or grassroots flag as derived, or set by hand (with a reason)."""

    DERIVED = "", _("按规则认定")
    YES = "yes", _("认定为是")
    NO = "no", _("认定为否")


class FundSource(models.TextChoices):
    PROVINCIAL = "provincial", _("省级财政")
    MUNICIPAL = "municipal", _("市级财政")
    EXTRA_PLAN = "extra_plan", _("计划外")
    DONATION = "donation", _("社会捐赠")


#: Sources outside the year's plan (计划外 and donations).
EXTRA_PLAN_SOURCES = frozenset({FundSource.EXTRA_PLAN, FundSource.DONATION})


class ArrivalAccount(models.TextChoices):
    """Where arriving funds land (到位/到疆)."""

    PREFECTURE_TREASURY = "treasury", _("地区（州、市）财政")
    COMMAND_ACCOUNT = "command", _("指挥部专户")


class WarningKind(models.TextChoices):
    """监测预警."""

    NOT_STARTED = "not_started", _("未按期开工")
    BEHIND = "behind", _("进度滞后")
    OTHER = "other", _("其他")

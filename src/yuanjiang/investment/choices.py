"""Value sets of the investment app (招商引资), with the official wording."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EnterpriseKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业")
    ASSOCIATION = "association", _("商（协）会")
    INSTITUTION = "institution", _("高校院所")
    FUND = "fund", _("投资机构")


class Industry(models.TextChoices):
    AGRICULTURE = "agriculture", _("农林牧渔")
    FOOD = "food", _("农副产品加工")
    TEXTILE = "textile", _("纺织服装")
    ENERGY = "energy", _("能源")
    MATERIALS = "materials", _("化工新材料")
    MANUFACTURING = "manufacturing", _("装备制造")
    MEDICINE = "medicine", _("生物医药")
    TOURISM = "tourism", _("文化旅游")
    TRADE = "trade", _("商贸物流")
    DIGITAL = "digital", _("数字经济")
    OTHER = "other", _("其他")


class ActivityKind(models.TextChoices):
    VISIT = "visit", _("拜访企业和机构")
    FAIR = "fair", _("招商洽谈推介会")
    RECEPTION = "reception", _("接待客商")


class PipelineStage(models.TextChoices):
    """The pipeline of an investment project; it only moves forward, each step dated."""

    LEAD = "lead", _("线索")
    TALKS = "talks", _("洽谈")
    SIGNED = "signed", _("签约")
    LANDED = "landed", _("落地")
    PRODUCING = "producing", _("投产")


PIPELINE_ORDER = [s.value for s in PipelineStage]
#: The day kept on the project for each stage from 签约 on (the figures count by these).
STAGE_DATE_FIELD = {PipelineStage.SIGNED: "signed_on", PipelineStage.LANDED: "landed_on",
                    PipelineStage.PRODUCING: "producing_on"}

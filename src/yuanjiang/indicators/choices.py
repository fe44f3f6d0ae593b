"""Value sets of the indicators app, with the official wording."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorKind(models.TextChoices):
    MONEY = "money", _("金额")
    COUNT = "count", _("数量")
    PERCENT = "percent", _("比率")


class Aggregation(models.TextChoices):
    """How values of smaller scopes or periods make the value of a larger one."""

    SUM = "sum", _("求和")
    RATIO = "ratio", _("比值（分子之和 ÷ 分母之和）")
    LAST = "last", _("取最新值")


class Qualifier(models.TextChoices):
    """How a figure is stated: the words of the extraction contract."""

    EXACT = "exact", _("准确值")
    MORE_THAN = "more_than", _("余/多/超（多于）")
    AT_LEAST = "at_least", _("以上（不少于）")
    ABOUT = "about", _("约/近/左右（约数）")
    LESS_THAN = "less_than", _("不足/不到（少于）")


class ValueSource(models.TextChoices):
    COMPUTED = "computed", _("由业务记录计算")
    REPORTED = "reported", _("人工填报")
    EXTRACTED = "extracted", _("从文稿提取")


class ValueStatus(models.TextChoices):
    PROPOSED = "proposed", _("待审核")
    ACCEPTED = "accepted", _("已采用")


class ScopeKind(models.TextChoices):
    COMMAND = "command", _("指挥部")
    PAIRING = "pairing", _("结对关系")
    PROVINCE = "province", _("支援方")
    REGION = "region", _("受援地")


class PeriodKind(models.TextChoices):
    MONTH = "month", _("月度")
    QUARTER = "quarter", _("季度")
    YEAR = "year", _("年度")
    BATCH = "batch", _("批次")


class ApprovalStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已报送")
    APPROVED = "approved", _("已审核")
    RETURNED = "returned", _("已退回")

"""Fixed value sets of the core app. Labels are the words of ../design/domain.md."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("省级")
    PREFECTURE = "prefecture", _("地级")
    COUNTY = "county", _("县级")


class OrganisationKind(models.TextChoices):
    PARTY_GOVERNMENT = "party_government", _("党政机关")
    AID_OFFICE = "aid_office", _("援疆工作机构")
    SCHOOL = "school", _("学校")
    HOSPITAL = "hospital", _("医院")
    PUBLIC_INSTITUTION = "public_institution", _("其他事业单位")
    ENTERPRISE = "enterprise", _("企业")
    SOCIAL_ORGANISATION = "social_organisation", _("社会组织")
    OTHER = "other", _("其他")


class PairingLevel(models.TextChoices):
    PROVINCE = "province", _("省级结对")
    CITY = "city", _("市级结对")
    COUNTY = "county", _("县级结对")


class CommandKind(models.TextChoices):
    FRONT_COMMAND = "front_command", _("前方指挥部")
    SUB_COMMAND = "sub_command", _("分指挥部")
    WORK_GROUP = "work_group", _("工作组")


class MemberRole(models.TextChoices):
    LEADER = "leader", _("主要负责人")
    DEPUTY = "deputy", _("副职")
    MEMBER = "member", _("成员")


class Role(models.TextChoices):
    ADMIN = "admin", _("系统管理员")
    HOME_OFFICE = "home_office", _("后方管理")
    COMMAND_STAFF = "command_staff", _("前方指挥部")
    RECIPIENT = "recipient", _("受援地")
    LEADER = "leader", _("领导")


class ChangeAction(models.TextChoices):
    CREATE = "create", _("新增")
    UPDATE = "update", _("修改")
    DELETE = "delete", _("删除")


class ChangeSource(models.TextChoices):
    ADMIN = "admin", _("管理后台")
    API = "api", _("API")
    WEB = "web", _("网页")
    CLI = "cli", _("命令行")
    IMPORT = "import", _("导入")
    SERVICE = "service", _("业务服务")
    SYSTEM = "system", _("系统")

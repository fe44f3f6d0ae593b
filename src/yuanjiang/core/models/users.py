from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import Role
from ..scope import DataScope, RestrictedQuerySet


class PlatformUserManager(UserManager.from_queryset(RestrictedQuerySet)):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in. The role says what they may do, the scope where."""

    role = models.CharField(_("角色"), max_length=16, choices=Role.choices)
    scope_command = models.ForeignKey(
        "core.Command",
        verbose_name=_("所属指挥部"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text=_("前方指挥部人员（或指挥部领导）的数据范围。"),
    )
    scope_region = models.ForeignKey(
        "core.Region",
        verbose_name=_("所辖区划"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("后方管理：支援方省市；受援地：受援地区划；领导：二者之一。"),
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("工作单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)

    objects = PlatformUserManager()

    # Users are managed by administrators only.
    data_scope = DataScope()

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                name="user_role_scope_consistent",
                condition=(
                    Q(role=Role.ADMIN, scope_command__isnull=True, scope_region__isnull=True)
                    | Q(role=Role.HOME_OFFICE, scope_region__isnull=False,
                        scope_command__isnull=True)
                    | Q(role=Role.COMMAND_STAFF, scope_command__isnull=False,
                        scope_region__isnull=True)
                    | Q(role=Role.RECIPIENT, scope_region__isnull=False,
                        scope_command__isnull=True)
                    | Q(role=Role.LEADER, scope_command__isnull=False,
                        scope_region__isnull=True)
                    | Q(role=Role.LEADER, scope_command__isnull=True,
                        scope_region__isnull=False)
                ),
                violation_error_message=_("角色与数据范围不匹配。"),
            ),
            models.CheckConstraint(
                name="user_superuser_is_admin",
                condition=Q(is_superuser=False) | Q(role=Role.ADMIN),
                violation_error_message=_("只有系统管理员可以是超级用户。"),
            ),
        ]

    def __str__(self) -> str:
        full = self.get_full_name()
        return f"{full}（{self.username}）" if full else self.username

    def get_full_name(self) -> str:
        # Chinese names: family name first, no space.
        return f"{self.last_name}{self.first_name}".strip()

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        role = self.role
        needs_region = role in (Role.HOME_OFFICE, Role.RECIPIENT)
        if role == Role.COMMAND_STAFF and not self.scope_command_id:
            errors["scope_command"] = _("前方指挥部人员必须选择所属指挥部。")
        if needs_region and not self.scope_region_id:
            errors["scope_region"] = _("该角色必须选择所辖区划。")
        if role in (Role.ADMIN, Role.HOME_OFFICE, Role.RECIPIENT) and self.scope_command_id:
            errors["scope_command"] = _("该角色不应选择指挥部。")
        if role in (Role.ADMIN, Role.COMMAND_STAFF) and self.scope_region_id:
            errors["scope_region"] = _("该角色不应选择区划。")
        if role == Role.LEADER and bool(self.scope_command_id) == bool(self.scope_region_id):
            errors["scope_region"] = _("领导须且只能选择一个数据范围：指挥部或区划。")
        if role == Role.HOME_OFFICE and self.scope_region_id and self.scope_region.is_xinjiang:
            errors["scope_region"] = _("后方管理的区划应为新疆以外的支援方省市。")
        if role == Role.RECIPIENT and self.scope_region_id and not self.scope_region.is_xinjiang:
            errors["scope_region"] = _("受援地用户的区划应在新疆（含兵团）。")
        if self.is_superuser and role != Role.ADMIN:
            errors["is_superuser"] = _("只有系统管理员可以是超级用户。")
        if errors:
            raise ValidationError(errors)

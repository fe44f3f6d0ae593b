"""Data scope: which records a user may see or change, applied in the queryset layer.

Every model that holds business data declares a `DataScope`: how its rows belong to a
command, to a supporting side and to a recipient region. A user's role and scope field say
which commands and regions are theirs. `restrict(queryset, user, action)` combines the two
with the user's model permissions; `Model.objects.restrict(user, action)` calls it, and
every admin page, API endpoint, export and service goes through it.

| scope kind  | who                                        | sees                                   |
| ----------- | ------------------------------------------ | -------------------------------------- |
| all         | 系统管理员                                  | everything                             |
| supporting  | 后方管理 (and 领导 of a supporting region)   | records of its side's commands         |
| command     | 前方指挥部 staff (and 领导 of a command)     | its command and the commands under it  |
| recipient   | 受援地 (and 领导 of a Xinjiang region)        | records located in its region          |
"""

from __future__ import annotations

import contextlib
import enum
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.db.models.expressions import RawSQL

if TYPE_CHECKING:
    from .models import Command, Region

ACTIONS = ("view", "add", "change", "delete")


@dataclass(frozen=True)
class DataScope:
    """Lookup paths from a model to what scopes it.

    command:    path to a Command ("" when the model is Command itself), or several paths
                (a person belongs to every command that posted them)
    supporting: path to the supporting-side Region the record belongs to
    region:     path to the recipient-side Region the record is located in
    command_area: path to a Region; command staff also reach rows whose region lies in the
                recipient area of their commands (pairings a command may take on)
    public:     every signed-in user may view it (reference data, directories)
    """

    command: str | tuple[str, ...] | None = None
    supporting: str | None = None
    region: str | None = None
    command_area: str | None = None
    public: bool = False


class ScopeKind(enum.Enum):
    NONE = "none"
    ALL = "all"
    SUPPORTING = "supporting"
    COMMAND = "command"
    RECIPIENT = "recipient"


class UserScope:
    """The scope of one user: its kind and the region or command it is anchored at."""

    def __init__(self, user: Any) -> None:
        from .choices import Role

        self.kind = ScopeKind.NONE
        self.region: Region | None = None
        self.command: Command | None = None
        if not user or not getattr(user, "is_authenticated", False) or not user.is_active:
            return
        if user.is_superuser or user.role == Role.ADMIN:
            self.kind = ScopeKind.ALL
        elif user.scope_command_id and user.role in (Role.COMMAND_STAFF, Role.LEADER):
            self.kind, self.command = ScopeKind.COMMAND, user.scope_command
        elif user.scope_region_id and user.role == Role.HOME_OFFICE:
            self.kind, self.region = ScopeKind.SUPPORTING, user.scope_region
        elif user.scope_region_id and user.role == Role.RECIPIENT:
            self.kind, self.region = ScopeKind.RECIPIENT, user.scope_region
        elif user.scope_region_id and user.role == Role.LEADER:
            self.region = user.scope_region
            self.kind = ScopeKind.RECIPIENT if self.region.is_xinjiang else ScopeKind.SUPPORTING

    # --- the commands of the scope, as a subquery of primary keys -------------------------
    def command_pks(self) -> Any:
        from .models import Command

        if self.kind is ScopeKind.COMMAND:
            return command_subtree_sql(self.command.pk)
        if self.kind is ScopeKind.SUPPORTING:
            return (
                Command.objects.filter(
                    Q(batch__supporting_region__path__startswith=self.region.path)
                    | Q(pairings__supporting_region__path__startswith=self.region.path)
                )
                .values("pk")
                .distinct()
            )
        if self.kind is ScopeKind.RECIPIENT:
            return (
                Command.objects.filter(pairings__recipient_region__path__startswith=self.region.path)
                .values("pk")
                .distinct()
            )
        return Command.objects.none().values("pk")

    def command_area_paths(self) -> list[str]:
        """Recipient regions of the pairings of the user's commands."""
        from .models import Pairing

        if self.kind is not ScopeKind.COMMAND:
            return []
        rows = Pairing.objects.filter(commands__in=self.command_pks()).values_list(
            "recipient_region__path", flat=True
        )
        return sorted(set(rows))

    def region_paths(self) -> list[str]:
        """Region paths the scope covers, for records scoped by region only."""
        from .models import Pairing

        if self.kind is ScopeKind.RECIPIENT:
            return [self.region.path]
        if self.kind is ScopeKind.SUPPORTING:
            recipients = Pairing.objects.filter(
                supporting_region__path__startswith=self.region.path
            ).values_list("recipient_region__path", flat=True)
            return sorted({self.region.path, *recipients})
        if self.kind is ScopeKind.COMMAND:
            rows = Pairing.objects.filter(commands__in=self.command_pks()).values_list(
                "supporting_region__path", "recipient_region__path"
            )
            return sorted({path for row in rows for path in row})
        return []


def command_subtree_sql(command_pk: int) -> RawSQL:
    """Primary keys of a command and every command under it (one recursive query)."""
    from .models import Command

    table = Command._meta.db_table
    return RawSQL(
        f"WITH RECURSIVE subtree(id) AS ("  # noqa: S608 - table name from model meta
        f" SELECT id FROM {table} WHERE id = %s"
        f" UNION SELECT c.id FROM {table} c JOIN subtree s ON c.parent_id = s.id"
        f") SELECT id FROM subtree",
        (command_pk,),
    )


def user_scope(user: Any) -> UserScope:
    """The user's scope, cached on the user object for as long as role and anchors agree."""
    key = (
        getattr(user, "pk", None),
        getattr(user, "role", None),
        getattr(user, "is_superuser", None),
        getattr(user, "scope_command_id", None),
        getattr(user, "scope_region_id", None),
    )
    cached = getattr(user, "_yj_scope", None)
    if cached is None or cached[0] != key:
        cached = (key, UserScope(user))
        if user is not None:
            with contextlib.suppress(AttributeError):  # AnonymousUser and the like
                user._yj_scope = cached
    return cached[1]


def _lookup(path: str, lookup: str) -> str:
    return f"{path}__{lookup}" if path else f"pk__{lookup}"


def command_paths(spec: DataScope) -> tuple[str, ...]:
    if spec.command is None:
        return ()
    return (spec.command,) if isinstance(spec.command, str) else tuple(spec.command)


def _command_q(spec: DataScope, scope: UserScope) -> Q:
    pks = scope.command_pks()
    return reduce(or_, (Q(**{_lookup(p, "in"): pks}) for p in command_paths(spec)))


def _region_q(path: str, region_paths: list[str]) -> Q:
    if not region_paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{path}__path__startswith": p}) for p in region_paths))


def scope_q(scope: UserScope, spec: DataScope) -> Q | None:
    """The condition a record must meet to lie in the scope; None when nothing can."""
    parts: list[Q] = []
    if scope.kind is ScopeKind.SUPPORTING:
        if spec.supporting is not None:
            key = f"{spec.supporting}__path__startswith" if spec.supporting else "path__startswith"
            parts.append(Q(**{key: scope.region.path}))
        if spec.command is not None:
            parts.append(_command_q(spec, scope))
        if not parts and spec.region is not None:
            parts.append(_region_q(spec.region, scope.region_paths()))
    elif scope.kind is ScopeKind.COMMAND:
        if spec.command is not None:
            parts.append(_command_q(spec, scope))
        elif spec.region is not None:
            parts.append(_region_q(spec.region, scope.region_paths()))
        if spec.command_area is not None:
            parts.append(_region_q(spec.command_area, scope.command_area_paths()))
    elif scope.kind is ScopeKind.RECIPIENT:
        if spec.region is not None:
            parts.append(_region_q(spec.region, [scope.region.path]))
        elif spec.command is not None:
            parts.append(_command_q(spec, scope))
    return reduce(or_, parts) if parts else None


def _is_multivalued(model: type[models.Model], path: str | None) -> bool:
    if not path:
        return False
    for name in path.split("__"):
        try:
            field = model._meta.get_field(name)
        except Exception:  # a lookup such as "path" at the end
            return False
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation:
            return False
        model = field.related_model
    return False


def permission_codename(model: type[models.Model], action: str) -> str:
    opts = model._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def restrict(queryset: models.QuerySet, user: Any, action: str = "view") -> models.QuerySet:
    """The rows of `queryset` that `user` may perform `action` on."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    model = queryset.model
    if not user.has_perm(permission_codename(model, action)):
        return queryset.none()
    scope = user_scope(user)
    if scope.kind is ScopeKind.ALL:
        return queryset
    spec: DataScope = getattr(model, "data_scope", DataScope())
    if action == "view" and spec.public:
        return queryset
    q = scope_q(scope, spec)
    if q is None:
        return queryset.none()
    paths = (*command_paths(spec), spec.supporting, spec.region, spec.command_area)
    if any(_is_multivalued(model, p) for p in paths):
        return queryset.filter(pk__in=model._base_manager.filter(q).values("pk"))
    return queryset.filter(q)


def can(user: Any, obj: models.Model, action: str) -> bool:
    """Whether `user` may perform `action` on the saved object `obj`."""
    manager = type(obj)._default_manager
    return restrict(manager.all(), user, action).filter(pk=obj.pk).exists()


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user: Any, action: str = "view") -> RestrictedQuerySet:
        return restrict(self, user, action)


RestrictedManager = models.Manager.from_queryset(RestrictedQuerySet)


class _Platform:
    """The platform itself as a reader (the command line, snapshots taken on approval):
    sees everything. Never a writer: services take `acting_user=None` for the platform."""

    pk = None
    id = None
    is_authenticated = True
    is_active = True
    is_superuser = True
    is_anonymous = False
    role = "admin"
    scope_command_id = None
    scope_region_id = None
    username = "platform"

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return True

    def __str__(self) -> str:
        return "援疆通"


PLATFORM = _Platform()

"""The change log: every create, update and delete of a logged model becomes an ObjectChange.

Writes are caught by model signals, so the admin, the API, services, imports and the CLI are
all recorded the same way. Who and where from come from the current *change context*: the
middleware opens one per request, `PlatformCommand` one per CLI run, services one per call.
Bulk writes (which send no signals) must call `record_bulk`.
"""

from __future__ import annotations

import getpass
import hashlib
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from .choices import ChangeAction, ChangeSource
from .scope import command_paths

# Models outside PlatformModel that are logged too ("app_label.model_name").
EXTRA_LOGGED = {"core.user", "auth.group", "authtoken.token"}
# Fields never copied into the log in clear; a fingerprint shows that they changed. A model
# may name more in `changelog_masked`.
MASKED_FIELDS = {"password", "key"}
# Bookkeeping fields left out of before/after.
SKIPPED_FIELDS = {"created", "last_updated", "last_login"}


@dataclass
class ChangeContext:
    source: str
    request_id: uuid.UUID = field(default_factory=uuid.uuid4)
    user: Any = None
    request: Any = None
    actor_name: str = ""

    def resolve_user(self) -> Any:
        if self.user is not None:
            return self.user
        user = getattr(self.request, "user", None) if self.request is not None else None
        if user is not None and getattr(user, "is_authenticated", False):
            return user
        return None


_current: ContextVar[ChangeContext | None] = ContextVar("yuanjiang_change_context", default=None)


@contextmanager
def change_context(
    *, source: str | None = None, user: Any = None, request: Any = None, actor_name: str = "",
    default_source: str = ChangeSource.SYSTEM,
) -> Iterator[ChangeContext]:
    """Open a change context; nested ones keep the outer request id and (unless `source` is
    given) the outer source; `default_source` applies where there is no outer context."""
    outer = _current.get()
    ctx = ChangeContext(
        source=source or (outer.source if outer else default_source),
        request_id=outer.request_id if outer else uuid.uuid4(),
        user=user if user is not None else (outer.resolve_user() if outer else None),
        request=request if request is not None else (outer.request if outer else None),
        actor_name=actor_name or (outer.actor_name if outer else ""),
    )
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)


def current_context() -> ChangeContext:
    return _current.get() or ChangeContext(source=ChangeSource.SYSTEM)


def cli_actor_name() -> str:
    try:
        return f"命令行:{getpass.getuser()}"
    except Exception:  # no login name in some containers
        return "命令行"


# --- what is logged and how it is written down --------------------------------------------


def is_logged(model: type[models.Model]) -> bool:
    from .models import PlatformModel

    if issubclass(model, PlatformModel):
        return True
    return model._meta.label_lower in EXTRA_LOGGED


def _fingerprint(value: Any) -> str | None:
    if not value:
        return None
    return f"已设置（指纹 {hashlib.sha256(str(value).encode()).hexdigest()[:8]}）"


def serialize(instance: models.Model) -> dict[str, Any]:
    """Concrete field values by field name (foreign keys by primary key)."""
    data: dict[str, Any] = {}
    masked = MASKED_FIELDS | set(getattr(type(instance), "changelog_masked", ()))
    for f in instance._meta.concrete_fields:
        if f.name in SKIPPED_FIELDS:
            continue
        value = f.value_from_object(instance)
        if f.name in masked:
            value = _fingerprint(value)
        elif isinstance(f, models.FileField):
            value = value.name if value else None
        data[f.name] = value
    return data


def _follow(instance: models.Model, path: str | None) -> Any:
    """Primary key at the end of a single-valued lookup path, or None."""
    if path is None:
        return None
    if path == "":
        return instance.pk
    obj: Any = instance
    parts = path.split("__")
    for name in parts[:-1]:
        try:
            f = obj._meta.get_field(name)
        except Exception:
            return None
        if f.many_to_many or f.one_to_many:
            return None
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    try:
        f = obj._meta.get_field(parts[-1])
    except Exception:
        return None
    if f.many_to_many or f.one_to_many:
        return None
    return getattr(obj, f.attname, None)


def scope_keys(instance: models.Model) -> dict[str, Any]:
    spec = getattr(type(instance), "data_scope", None)
    if spec is None:
        return {}
    return {
        "scope_command_id": next(
            (pk for pk in (_follow(instance, p) for p in command_paths(spec)) if pk is not None), None
        ),
        "scope_supporting_id": _follow(instance, spec.supporting),
        "scope_region_id": _follow(instance, spec.region),
    }


def _build(instance, action, before, after, keys=None):
    from .models import ObjectChange

    ctx = current_context()
    user = ctx.resolve_user()
    if user is not None and getattr(user, "pk", None) is None:
        user = None
    name = user.get_username() if user is not None else (ctx.actor_name or "系统")
    return ObjectChange(
        user=user,
        user_name=name,
        request_id=ctx.request_id,
        source=ctx.source,
        action=action,
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        prechange_data=before,
        postchange_data=after,
        **(keys if keys is not None else scope_keys(instance)),
    )


def record(instance, action, before, after, keys=None):
    change = _build(instance, action, before, after, keys)
    change.save()
    return change


def record_bulk(
    changes: Iterable[tuple[models.Model, str, dict | None, dict | None]],
) -> int:
    """Log writes done with bulk_create/bulk_update: (instance, action, before, after)."""
    from .models import ObjectChange

    rows = [_build(obj, action, before, after) for obj, action, before, after in changes]
    ObjectChange.objects.bulk_create(rows, batch_size=500)
    return len(rows)


# --- signal handlers ------------------------------------------------------------------------


@receiver(pre_save, dispatch_uid="yuanjiang_changelog_pre_save")
def _before_save(sender, instance, raw=False, **kwargs):
    if raw or not is_logged(sender):
        return
    before = None
    if not instance._state.adding and instance.pk is not None:
        old = sender._base_manager.filter(pk=instance.pk).first()
        before = serialize(old) if old is not None else None
    instance._yj_before = before


@receiver(post_save, dispatch_uid="yuanjiang_changelog_post_save")
def _after_save(sender, instance, created, raw=False, **kwargs):
    if raw or not is_logged(sender):
        return
    before = None if created else getattr(instance, "_yj_before", None)
    after = serialize(instance)
    if before is not None and before == after:
        return  # saved without a change
    action = ChangeAction.CREATE if before is None else ChangeAction.UPDATE
    record(instance, action, before, after)


@receiver(pre_delete, dispatch_uid="yuanjiang_changelog_pre_delete")
def _before_delete(sender, instance, **kwargs):
    if not is_logged(sender):
        return
    instance._yj_before = serialize(instance)
    instance._yj_keys = scope_keys(instance)
    instance._yj_repr = str(instance)


@receiver(post_delete, dispatch_uid="yuanjiang_changelog_post_delete")
def _after_delete(sender, instance, **kwargs):
    if not is_logged(sender):
        return
    before = getattr(instance, "_yj_before", None)
    change = _build(instance, ChangeAction.DELETE, before, None, getattr(instance, "_yj_keys", None))
    change.object_repr = getattr(instance, "_yj_repr", change.object_repr)[:200]
    change.save()


def _m2m_name(instance: models.Model, through: type[models.Model], reverse: bool) -> str | None:
    opts = instance._meta
    if not reverse:
        for f in opts.many_to_many:
            if f.remote_field.through is through:
                return f.name
    else:
        for rel in opts.related_objects:
            if rel.many_to_many and rel.through is through:
                return rel.get_accessor_name()
    return None


@receiver(m2m_changed, dispatch_uid="yuanjiang_changelog_m2m")
def _m2m(sender, instance, action, reverse, **kwargs):
    if not is_logged(type(instance)):
        return
    name = _m2m_name(instance, sender, reverse)
    if name is None:
        return
    current = sorted(getattr(instance, name).values_list("pk", flat=True))
    if action.startswith("pre_"):
        instance.__dict__.setdefault("_yj_m2m", {})[name] = current
    elif action.startswith("post_"):
        before = instance.__dict__.get("_yj_m2m", {}).pop(name, None)
        if before is not None and before != current:
            record(instance, ChangeAction.UPDATE, {name: before}, {name: current})

"""Writes. Every create, update and delete of a core record goes through a service here.

A service (one class per model, found with `service_for(Model)`) does, in one transaction:
the role permission check, derivation of computed fields, validation (one-row rules of the
model and its constraints, the data scope of every linked record, the cross-row rules of
the model), the save, the many-to-many links, and a final check that the saved record lies
in the acting user's scope. Any failure rolls everything back. The change log is written
by signals inside the same transaction.

`acting_user=None` means the platform itself (reference loaders, the demo, the CLI): no
permission or scope check, and the change log names the command-line user instead.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .changelog import change_context
from .choices import ChangeSource, RegionLevel, Role
from .constraints import validate_constraints
from .models import (
    Batch,
    Command,
    CommandMember,
    CommandPairing,
    Organisation,
    Pairing,
    Region,
    User,
)
from .numerals import batch_name
from .scope import can, permission_codename, restrict

ACTION_WORDS = {"add": gettext_lazy("新增"), "change": gettext_lazy("修改"),
                "delete": gettext_lazy("删除"), "view": gettext_lazy("查看")}

_REGISTRY: dict[type[models.Model], type[ModelService]] = {}


def service_for(model: type[models.Model]) -> type[ModelService]:
    try:
        return _REGISTRY[model]
    except KeyError:
        raise LookupError(f"no service for {model._meta.label}") from None


def _add_error(errors: dict[str, list[str]], field: str | None, message: str) -> None:
    errors.setdefault(field or NON_FIELD_ERRORS, []).append(str(message))


def _merge(errors: dict[str, list[str]], exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            for msg in errs:
                _add_error(errors, field, msg)
    else:
        for msg in exc.messages:
            _add_error(errors, None, msg)


def _visible(user: Any, model: type[models.Model], pk: Any) -> bool:
    """Whether `user` may see the record `pk` of `model`, remembered on the user object for
    the rest of the request or job (an import links thousands of rows to the same few)."""
    spec = getattr(model, "data_scope", None)
    if spec is not None and spec.public and user.has_perm(permission_codename(model, "view")):
        return True
    memo = user.__dict__.setdefault("_yj_visible", {})
    key = (model._meta.label_lower, pk)
    if key not in memo:
        memo[key] = restrict(model._default_manager.all(), user, "view").filter(pk=pk).exists()
    return memo[key]


class ModelService:
    """Create, update and delete of one model, with permission, scope and rules."""

    model: ClassVar[type[models.Model]]
    m2m_fields: ClassVar[tuple[str, ...]] = ()
    #: The action the saved record must still allow the user ("add"/"change" as saved when
    #: None); records written only as part of another (stage events) ask for "view".
    scope_check_action: ClassVar[str | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "model" in cls.__dict__:
            _REGISTRY[cls.model] = cls

    # --- public entry points -------------------------------------------------------------
    @classmethod
    def create(cls, *, acting_user: Any, data: dict[str, Any], m2m: dict | None = None):
        instance = cls.model(**data)
        return cls.save(instance, acting_user=acting_user, m2m=m2m)

    @classmethod
    def update(cls, instance, *, acting_user: Any, data: dict[str, Any], m2m: dict | None = None):
        old = {name: getattr(instance, name) for name in data}
        for name, value in data.items():
            setattr(instance, name, value)
        try:
            return cls.save(instance, acting_user=acting_user, m2m=m2m)
        except Exception:
            # Leave the caller's object as it was: nothing was saved.
            for name, value in old.items():
                setattr(instance, name, value)
            raise

    @classmethod
    def save(cls, instance, *, acting_user: Any, m2m: dict | None = None):
        """Create or update `instance` (already carrying its new values)."""
        action = "add" if instance._state.adding else "change"
        m2m = dict(m2m or {})
        with transaction.atomic(), change_context(user=acting_user, default_source=ChangeSource.SERVICE):
            cls.check_permission(acting_user, action, instance)
            if action == "add":
                cls.defaults_for(instance, acting_user)
            cls.prepare(instance, m2m)
            cls.validate(instance, acting_user=acting_user, m2m=m2m)
            before_path = cls._before_save(instance)
            instance.save()
            cls.save_m2m(instance, m2m)
            cls.after_save(instance, m2m, before_path)
            if acting_user is not None and not can(acting_user, instance,
                                                   cls.scope_check_action or action):
                raise PermissionDenied(
                    _("保存后这条%(model)s将不在您的数据范围内，已取消保存。")
                    % {"model": cls.model._meta.verbose_name}
                )
        return instance

    @classmethod
    def delete(cls, instance, *, acting_user: Any) -> None:
        with transaction.atomic(), change_context(user=acting_user, default_source=ChangeSource.SERVICE):
            cls.check_permission(acting_user, "delete", instance)
            cls.check_delete(instance)
            try:
                instance.delete()
            except (ProtectedError, RestrictedError) as exc:
                blockers = sorted({str(o._meta.verbose_name) for o in exc.protected_objects}
                                  if isinstance(exc, ProtectedError)
                                  else {str(o._meta.verbose_name) for o in exc.restricted_objects})
                raise ValidationError(
                    _("“%(obj)s”仍被其他记录引用（%(what)s），不能删除。")
                    % {"obj": instance, "what": "、".join(blockers)},
                    code="protected",
                ) from exc

    @classmethod
    def validate(cls, instance, *, acting_user: Any, m2m: dict | None = None,
                 full_clean: bool = True) -> None:
        """Raise ValidationError with every problem, field by field, in Chinese."""
        m2m = m2m or {}
        errors: dict[str, list[str]] = {}
        if full_clean:
            exclude = cls.clean_exclude(instance)
            try:
                instance.full_clean(exclude=exclude, validate_constraints=False)
            except ValidationError as exc:
                _merge(errors, exc)
            try:
                validate_constraints(instance, exclude={*exclude, *errors})
            except ValidationError as exc:
                _merge(errors, exc)
        if acting_user is not None:
            cls._check_links_in_scope(instance, acting_user, m2m, errors)
            for field, messages in cls.check_actor(instance, acting_user, m2m).items():
                for msg in messages:
                    _add_error(errors, field, msg)
        if not errors:
            for field, messages in cls.check_rules(instance, m2m).items():
                for msg in messages:
                    _add_error(errors, field, msg)
        if errors:
            raise ValidationError(errors)

    # --- hooks ---------------------------------------------------------------------------
    @classmethod
    def clean_exclude(cls, instance) -> list[str]:
        """Fields that `full_clean` leaves alone (set later in the flow)."""
        return []

    @classmethod
    def defaults_for(cls, instance, acting_user: Any) -> None:
        """Fill in, on a new record, what follows from who creates it."""

    @classmethod
    def prepare(cls, instance, m2m: dict) -> None:
        """Derive computed fields before validation."""

    @classmethod
    def check_rules(cls, instance, m2m: dict) -> dict[str, list[str]]:
        """Rules that span rows; {field: [messages]}."""
        return {}

    @classmethod
    def check_actor(cls, instance, acting_user: Any, m2m: dict) -> dict[str, list[str]]:
        """Rules on what this particular user may change; {field: [messages]}."""
        return {}

    @classmethod
    def save_m2m(cls, instance, m2m: dict) -> None:
        for name, values in m2m.items():
            getattr(instance, name).set(values)

    @classmethod
    def after_save(cls, instance, m2m: dict, before: Any) -> None:
        """Work that follows a save (derived rows elsewhere)."""

    @classmethod
    def check_delete(cls, instance) -> None:
        """Refuse a delete by raising ValidationError."""

    @classmethod
    def _before_save(cls, instance) -> Any:
        return None

    # --- permission and scope ------------------------------------------------------------
    @classmethod
    def check_permission(cls, user: Any, action: str, instance) -> None:
        if user is None:
            return
        opts = cls.model._meta
        if not user.has_perm(permission_codename(cls.model, action)):
            raise PermissionDenied(
                _("您没有%(action)s%(model)s的权限。")
                % {"action": ACTION_WORDS[action], "model": opts.verbose_name}
            )
        if action in ("change", "delete") and not can(user, instance, action):
            raise PermissionDenied(
                _("这条%(model)s不在您可以%(action)s的数据范围内。")
                % {"action": ACTION_WORDS[action], "model": opts.verbose_name}
            )

    @classmethod
    def _check_links_in_scope(cls, instance, user, m2m: dict, errors: dict) -> None:
        """Every record newly linked from this one must be one the user can see.

        Links the user leaves as they are (a command's parent above the user's own command,
        say) are not checked again, nor links the platform sets itself (fields that are not
        editable: who asked for a report, who submitted a period)."""
        fks = [f for f in instance._meta.concrete_fields
               if f.is_relation and f.many_to_one and f.editable]
        saved = {}
        if not instance._state.adding:
            saved = type(instance)._base_manager.filter(pk=instance.pk).values(
                *[f.attname for f in fks]
            ).first() or {}
        for f in fks:
            value = getattr(instance, f.attname)
            if value is None or f.name in errors or saved.get(f.attname) == value:
                continue
            related = f.related_model
            if not hasattr(related._default_manager, "restrict"):
                continue
            if not _visible(user, related, value):
                _add_error(errors, f.name, _("所选%(what)s不在您的数据范围内。")
                           % {"what": f.verbose_name})
        for name, values in m2m.items():
            f = instance._meta.get_field(name)
            related = f.related_model
            kept = set() if instance._state.adding else set(
                getattr(instance, name).values_list("pk", flat=True)
            )
            values = [v for v in values if v.pk not in kept]
            wanted = {v.pk for v in values}
            visible = set(
                restrict(related._default_manager.all(), user, "view")
                .filter(pk__in=wanted).values_list("pk", flat=True)
            )
            for v in values:
                if v.pk not in visible:
                    _add_error(errors, name, _("所选%(what)s“%(obj)s”不在您的数据范围内。")
                               % {"what": f.verbose_name, "obj": v})


# --- regions ------------------------------------------------------------------------------


class RegionService(ModelService):
    model = Region

    @classmethod
    def prepare(cls, instance: Region, m2m: dict) -> None:
        instance.path = instance.compute_path()
        if not instance.full_name:
            parent_full = instance.parent.full_name if instance.parent_id else ""
            instance.full_name = f"{parent_full}{instance.name}"

    @classmethod
    def check_rules(cls, instance: Region, m2m: dict) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        if instance.parent_id and not instance._state.adding:
            old_path = cls._before_save(instance)
            if old_path and instance.parent.path.startswith(old_path):
                _add_error(errors, "parent", _("上级区划不能是本区划或其下级。"))
        order = [RegionLevel.PROVINCE, RegionLevel.PREFECTURE, RegionLevel.COUNTY]
        if (
            instance.parent_id
            and instance.level in order
            and instance.parent.level in order
            and order.index(instance.parent.level) >= order.index(instance.level)
        ):
            _add_error(errors, "parent", _("上级区划的级别应高于本区划。"))
        return errors

    @classmethod
    def _before_save(cls, instance: Region) -> str | None:
        return Region.objects.filter(pk=instance.pk).values_list("path", flat=True).first()

    @classmethod
    def after_save(cls, instance: Region, m2m: dict, before: Any) -> None:
        old_path = before
        if old_path and old_path != instance.path:
            for child in Region.objects.filter(parent=instance):
                RegionService.save(child, acting_user=None)


# --- organisations --------------------------------------------------------------------------


class OrganisationService(ModelService):
    model = Organisation

    @classmethod
    def check_rules(cls, instance: Organisation, m2m: dict) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        parent = instance.parent
        seen = set()
        while parent is not None and instance.pk is not None:
            if parent.pk == instance.pk or parent.pk in seen:
                _add_error(errors, "parent", _("上级单位不能是本单位或其下级单位。"))
                break
            seen.add(parent.pk)
            parent = parent.parent
        return errors


# --- pairings ---------------------------------------------------------------------------------


class PairingService(ModelService):
    model = Pairing

    @classmethod
    def prepare(cls, instance: Pairing, m2m: dict) -> None:
        if instance.supporting_region_id:
            province = Region.objects.filter(pk=instance.supporting_region.province_code).first()
            instance.supporting_province = province
            if not instance.level:
                instance.level = {
                    RegionLevel.PROVINCE: "province",
                    RegionLevel.PREFECTURE: "city",
                }.get(instance.supporting_region.level, "county")

    @classmethod
    def check_rules(cls, instance: Pairing, m2m: dict) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        others = Pairing.objects.filter(
            supporting_region=instance.supporting_region,
            recipient_region=instance.recipient_region,
        ).exclude(pk=instance.pk)
        for other in others:
            end = instance.to_year or 9999
            other_end = other.to_year or 9999
            if instance.from_year <= other_end and other.from_year <= end:
                _add_error(errors, "from_year", _("与已有的结对关系（%(from)s–%(to)s）年份重叠。")
                           % {"from": other.from_year, "to": other.to_year or "今"})
        return errors


# --- batches ----------------------------------------------------------------------------------


class BatchService(ModelService):
    model = Batch

    @classmethod
    def prepare(cls, instance: Batch, m2m: dict) -> None:
        if not instance.name and instance.number:
            instance.name = batch_name(instance.number)

    @classmethod
    def check_rules(cls, instance: Batch, m2m: dict) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        if instance.pk is None:
            return errors
        side = instance.supporting_region
        for link in CommandPairing.objects.filter(batch=instance).select_related(
            "pairing__supporting_region", "command"
        ):
            if not link.pairing.supporting_region.path.startswith(side.path):
                _add_error(errors, "supporting_region",
                           _("指挥部“%(cmd)s”的对口支援关系不属于选派方“%(side)s”。")
                           % {"cmd": link.command, "side": side})
                break
        return errors


# --- commands ---------------------------------------------------------------------------------


class CommandService(ModelService):
    model = Command
    m2m_fields = ("pairings",)

    @classmethod
    def check_rules(cls, instance: Command, m2m: dict) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        batch = instance.batch
        if "pairings" in m2m:
            pairings = list(m2m["pairings"])
        elif instance.pk:
            pairings = list(instance.pairings.all())
        else:
            pairings = []
        if not pairings:
            _add_error(errors, "pairings", _("请至少选择一个对口支援关系。"))
        end_year = batch.end_date.year if batch.end_date else None
        for p in pairings:
            if not p.supporting_region.path.startswith(batch.supporting_region.path):
                _add_error(errors, "pairings",
                           _("对口支援关系“%(p)s”的支援方不属于本批次的选派方“%(side)s”。")
                           % {"p": p, "side": batch.supporting_region})
            elif (end_year is not None and p.from_year > end_year) or (
                p.to_year is not None and p.to_year < batch.start_date.year
            ):
                _add_error(errors, "pairings",
                           _("对口支援关系“%(p)s”在%(batch)s期间不在执行期。")
                           % {"p": p, "batch": batch})
        taken = (
            CommandPairing.objects.filter(pairing__in=pairings, batch=batch)
            .exclude(command_id=instance.pk)
            .select_related("command", "pairing__supporting_region", "pairing__recipient_region")
        )
        for link in taken:
            _add_error(errors, "pairings",
                       _("对口支援关系“%(p)s”在%(batch)s已由“%(cmd)s”负责。")
                       % {"p": link.pairing, "batch": batch, "cmd": link.command})
        if instance.parent_id:
            parent = instance.parent
            if parent.batch_id != instance.batch_id:
                _add_error(errors, "parent", _("上级指挥部应属于同一批次。"))
            area = list(parent.pairings.values_list("recipient_region__path", flat=True))
            for p in pairings:
                if not any(p.recipient_region.path.startswith(a) for a in area):
                    _add_error(errors, "pairings",
                               _("对口支援关系“%(p)s”的受援地不在上级指挥部“%(parent)s”的范围内。")
                               % {"p": p, "parent": parent})
            if instance.pk:
                node, seen = parent, set()
                while node is not None:
                    if node.pk == instance.pk or node.pk in seen:
                        _add_error(errors, "parent", _("上级指挥部不能是本指挥部或其下级。"))
                        break
                    seen.add(node.pk)
                    node = node.parent
        if instance.pk and instance.children.exclude(batch_id=instance.batch_id).exists():
            _add_error(errors, "batch", _("下级指挥部与本指挥部的批次必须一致，请先调整下级指挥部。"))
        return errors

    STRUCTURE = ("parent", "batch")

    @classmethod
    def check_actor(cls, instance: Command, acting_user: Any, m2m: dict) -> dict[str, list[str]]:
        """Command staff keep their own command's details; its place in the structure (parent,
        batch, pairings) belongs to the home office."""
        errors: dict[str, list[str]] = {}
        if acting_user.role != Role.COMMAND_STAFF or instance.pk != acting_user.scope_command_id:
            return errors
        saved = Command.objects.get(pk=instance.pk)
        message = _("本指挥部的上级、批次和对口支援关系由后方管理维护。")
        for name in cls.STRUCTURE:
            if getattr(saved, f"{name}_id") != getattr(instance, f"{name}_id"):
                _add_error(errors, name, message)
        if "pairings" in m2m and {p.pk for p in m2m["pairings"]} != set(
            saved.pairings.values_list("pk", flat=True)
        ):
            _add_error(errors, "pairings", message)
        return errors

    @classmethod
    def save_m2m(cls, instance: Command, m2m: dict) -> None:
        if "pairings" in m2m:
            instance.pairings.set(m2m["pairings"], through_defaults={"batch": instance.batch})
        # The link rows copy the command's batch, which may just have changed.
        CommandPairing.objects.filter(command=instance).exclude(batch=instance.batch).update(
            batch=instance.batch
        )


class CommandMemberService(ModelService):
    model = CommandMember


# --- users --------------------------------------------------------------------------------


class UserService(ModelService):
    model = User

    @classmethod
    def clean_exclude(cls, instance: User) -> list[str]:
        # The admin's creation form sets the password hash after validation.
        return [] if instance.password else ["password"]

    @classmethod
    def prepare(cls, instance: User, m2m: dict) -> None:
        # Every role works in the back office; only administrators are superusers.
        instance.is_staff = True
        instance.is_superuser = instance.role == Role.ADMIN

    @classmethod
    def set_password(cls, user: User, raw_password: str, *, acting_user: Any) -> User:
        user.set_password(raw_password)
        return cls.save(user, acting_user=acting_user)


def check_batch_year(errors: dict[str, list[str]], field: str, command: Command,
                     year: int | None) -> None:
    """A record's year must be a year of its command's batch."""
    batch = command.batch
    if year and not batch.covers_year(year):
        end = batch.end_date.year if batch.end_date else _("今")
        _add_error(errors, field, _("年度 %(year)s 不在%(batch)s（%(a)s—%(b)s 年）之内。") % {
            "year": year, "batch": batch, "a": batch.start_date.year, "b": end})


def check_batch_date(errors: dict[str, list[str]], field: str, command: Command, day,
                     what: str) -> None:
    """A day of a command's work: inside its batch, and not in the future."""
    from django.utils import timezone

    if day is None:
        return
    batch = command.batch
    if day > timezone.localdate():
        _add_error(errors, field, _("%(what)s不能晚于今天。") % {"what": what})
    elif day < batch.start_date or (batch.end_date and day > batch.end_date):
        end = batch.end_date or _("今")
        _add_error(errors, field, _("%(what)s %(day)s 不在%(batch)s（%(a)s 至 %(b)s）之内。") % {
            "what": what, "day": day, "batch": batch, "a": batch.start_date, "b": end})


def in_command_area(command: Command, region: Region) -> bool:
    """Whether `region` lies in a command's area: under a recipient of its pairings, or in
    the prefecture that holds one (a prefecture hospital serving the paired counties, a
    region-wide project, say)."""
    areas = command.__dict__.get("_yj_area")
    if areas is None:  # remembered on the command object: an import asks for every row
        areas = list(command.pairings.values_list("recipient_region__path", flat=True))
        command.__dict__["_yj_area"] = areas
    if any(region.path.startswith(a) for a in areas):
        return True
    return region.level == RegionLevel.PREFECTURE and any(a.startswith(region.path) for a in areas)


def create_command(*, acting_user: Any, pairings: list[Pairing], **fields: Any) -> Command:
    """A command (前方指挥部/分指挥部/工作组) of a batch serving the given pairings."""
    return CommandService.create(acting_user=acting_user, data=fields, m2m={"pairings": pairings})

"""The model constraints checked before a save, as Django's `Model.validate_constraints`
does — but a check constraint over the record's own fields is evaluated in Python rather
than by a query to the database for each one (Django's way), which made every save of a
record with four check constraints cost four extra queries. The database still enforces
every constraint; this gives the same verdict, with the constraint's Chinese message,
earlier and cheaply.

The evaluation follows SQL: a comparison with NULL is unknown, and a check passes unless its
condition is false. A condition the evaluator does not know (a lookup across a relation, a
function) is checked by Django as before.
"""

from __future__ import annotations

import operator
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import router
from django.db.models import CheckConstraint, F, Q

UNKNOWN = None
_COMPARE = {"exact": operator.eq, "gt": operator.gt, "gte": operator.ge, "lt": operator.lt,
            "lte": operator.le}


class _Unsupported(Exception):
    pass


def _field_value(instance, name: str, exclude: set[str]) -> Any:
    opts = instance._meta
    if name in ("pk", "id") and opts.pk.name in ("id", name):
        return instance.pk
    try:
        field = opts.get_field(name)
    except FieldDoesNotExist:
        raise _Unsupported from None
    if not field.concrete or field.many_to_many or "__" in name:
        raise _Unsupported
    if field.name in exclude or field.attname in exclude:
        raise _Excluded
    return getattr(instance, field.attname)


class _Excluded(Exception):
    """A field left out of the check (not validated in this save): the constraint passes."""


def _leaf(instance, key: str, value: Any, exclude: set[str]) -> bool | None:
    name, _sep, lookup = key.partition("__")
    lookup = lookup or "exact"
    if "__" in lookup:
        raise _Unsupported
    if lookup == "exact" and value is None:
        lookup, value = "isnull", True  # Django reads field=None as IS NULL (not an F's NULL)
    left = _field_value(instance, name, exclude)
    if isinstance(value, F):
        value = _field_value(instance, value.name, exclude)
    elif hasattr(value, "resolve_expression"):
        raise _Unsupported
    if lookup == "isnull":
        return (left is None) == bool(value)
    if lookup == "in":
        if left is None:
            return UNKNOWN
        return left in value
    compare = _COMPARE.get(lookup)
    if compare is None:
        raise _Unsupported
    if left is None or value is None:
        return UNKNOWN
    try:
        return compare(left, value)
    except TypeError:
        raise _Unsupported from None


def _evaluate(q: Q, instance, exclude: set[str]) -> bool | None:
    results = []
    for child in q.children:
        if isinstance(child, Q):
            results.append(_evaluate(child, instance, exclude))
        elif isinstance(child, tuple) and len(child) == 2:
            results.append(_leaf(instance, child[0], child[1], exclude))
        else:
            raise _Unsupported
    if q.connector == Q.AND:
        verdict = False if False in results else (UNKNOWN if UNKNOWN in results else True)
    else:
        verdict = True if True in results else (UNKNOWN if UNKNOWN in results else False)
    if q.negated and verdict is not UNKNOWN:
        verdict = not verdict
    return verdict


def check_passes(constraint: CheckConstraint, instance, exclude: set[str]) -> bool | None:
    """True or False as the database would decide; None when the evaluator cannot say."""
    condition = constraint.condition
    if not isinstance(condition, Q):
        return None
    try:
        return _evaluate(condition, instance, exclude) is not False
    except _Excluded:
        return True
    except _Unsupported:
        return None


def validate_constraints(instance, exclude: set[str] | None = None) -> None:
    """Model.validate_constraints, with check constraints evaluated in Python."""
    exclude = set(exclude or ())
    using = router.db_for_write(type(instance), instance=instance)
    errors: dict = {}
    for model_class, constraints in instance.get_constraints():
        for constraint in constraints:
            try:
                verdict = (check_passes(constraint, instance, exclude)
                           if isinstance(constraint, CheckConstraint) else None)
                if verdict is None:
                    constraint.validate(model_class, instance, exclude=exclude, using=using)
                elif not verdict:
                    raise ValidationError(constraint.get_violation_error_message(),
                                          code=constraint.violation_error_code)
            except ValidationError as e:
                if getattr(e, "code", None) == "unique" and len(getattr(constraint, "fields", ())) == 1:
                    errors.setdefault(constraint.fields[0], []).append(e)
                else:
                    errors = e.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)

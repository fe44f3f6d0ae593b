"""Reads shared by every app: which commands a figure is about.

A figure is asked for a command (with the commands under it), a supporting side (a
province or city: every command its batches sent or whose pairings it supports), a
recipient region (every command with a pairing into it), a pairing (every command that has
served it, in any batch), and optionally one batch. `commands_of` gives their primary keys
as a subquery, so a selector filters on it inside its own query instead of loading
commands first.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from .models import Batch, Command, Pairing, Region
from .scope import command_subtree_sql

ZERO = Decimal("0.00")
#: Sums of money: room above the 15 digits of one amount.
MONEY_SUM = DecimalField(max_digits=17, decimal_places=2)


def money_sum(field: str = "amount", condition: Q | None = None) -> Coalesce:
    """The sum of a money field (0.00 when there are no rows), optionally of some rows."""
    return Coalesce(Sum(field, filter=condition), Value(ZERO), output_field=MONEY_SUM)


def of_commands(queryset, commands: Any, path: str = "command"):
    """The rows of `commands` (a subquery from `commands_of`; None: no narrowing)."""
    return queryset if commands is None else queryset.filter(**{f"{path}__in": commands})


def commands_of(*, command: Command | None = None, supporting: Region | None = None,
                batch: Batch | None = None, recipient: Region | None = None,
                pairing: Pairing | None = None) -> Any:
    """Primary keys of the commands a figure covers (a subquery); None: no narrowing."""
    qs = None

    def narrowed(condition: Q) -> Any:
        return (qs if qs is not None else Command.objects.all()).filter(condition)

    if command is not None:
        qs = Command.objects.filter(pk__in=command_subtree_sql(command.pk))
    if supporting is not None:
        qs = narrowed(Q(batch__supporting_region__path__startswith=supporting.path)
                      | Q(pairings__supporting_region__path__startswith=supporting.path))
    if recipient is not None:
        qs = narrowed(Q(pairings__recipient_region__path__startswith=recipient.path))
    if pairing is not None:
        qs = narrowed(Q(pairings=pairing))
    if batch is not None:
        qs = narrowed(Q(batch=batch))
    return None if qs is None else qs.values("pk").distinct()

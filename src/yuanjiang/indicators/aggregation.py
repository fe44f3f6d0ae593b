"""A figure (one indicator's value for a scope and period, with where it came from) and how
figures of smaller scopes or periods combine into a larger one, by the indicator's rule:

- sum:   the values add up; the qualifiers say what the total is (an "at least" part makes
         the total "at least", an "about" part makes it "about");
- ratio: a ratio of sums — Σ numerators ÷ Σ denominators, never a sum or mean of ratios; a
         part without its numerator and denominator cannot be combined;
- last:  the value of the latest period (for scopes: none, a "last" figure is not combined).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .choices import Aggregation, Qualifier, ValueSource

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Figure:
    code: str
    value: Decimal | None
    qualifier: str = Qualifier.EXACT
    source: str = ValueSource.COMPUTED
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    #: How many records it was computed from (0: nothing recorded for it).
    basis: int = 0
    #: The reported values it stands on (their ids), for tracing.
    value_ids: tuple[int, ...] = ()
    #: Where to see the records behind it (a back-office list), when computed.
    records: str = ""
    note: str = ""
    #: The value split along dimensions: ((dimension, ((key, label, value), …)), …), e.g.
    #: funds by "category", by "source", by "source×category".
    breakdowns: tuple[tuple[str, tuple[tuple[str, str, Decimal], ...]], ...] = field(
        default=(), compare=False)

    def by(self, dimension: str) -> tuple[tuple[str, str, Decimal], ...]:
        return next((rows for name, rows in self.breakdowns if name == dimension), ())

    def as_json(self) -> dict[str, Any]:
        def num(d: Decimal | None) -> str | None:
            return None if d is None else str(d)

        return {"value": num(self.value), "qualifier": self.qualifier, "source": self.source,
                "numerator": num(self.numerator), "denominator": num(self.denominator),
                "basis": self.basis, "value_ids": list(self.value_ids), "note": self.note,
                "breakdowns": {name: [[k, label, str(v)] for k, label, v in rows]
                               for name, rows in self.breakdowns}}

    @classmethod
    def from_json(cls, code: str, data: dict[str, Any]) -> Figure:
        def dec(v: Any) -> Decimal | None:
            return None if v is None else Decimal(v)

        return cls(code=code, value=dec(data.get("value")),
                   qualifier=data.get("qualifier", Qualifier.EXACT),
                   source=data.get("source", ValueSource.COMPUTED),
                   numerator=dec(data.get("numerator")), denominator=dec(data.get("denominator")),
                   basis=data.get("basis", 0), value_ids=tuple(data.get("value_ids", ())),
                   note=data.get("note", ""),
                   breakdowns=tuple((name, tuple((k, label, Decimal(v)) for k, label, v in rows))
                                    for name, rows in data.get("breakdowns", {}).items()))


def ratio(numerator: Decimal | int | None, denominator: Decimal | int | None) -> Decimal | None:
    """numerator ÷ denominator in per cent with two decimals; None without a denominator."""
    if not denominator:
        return None
    value = Decimal(numerator or 0) * 100 / Decimal(denominator)
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def combined_qualifier(qualifiers: Sequence[str]) -> str:
    """What a sum of stated figures is, given how each was stated."""
    kinds = set(qualifiers)
    if kinds <= {Qualifier.EXACT}:
        return Qualifier.EXACT
    if kinds <= {Qualifier.EXACT, Qualifier.MORE_THAN, Qualifier.AT_LEAST}:
        return Qualifier.MORE_THAN if Qualifier.MORE_THAN in kinds else Qualifier.AT_LEAST
    if kinds <= {Qualifier.EXACT, Qualifier.LESS_THAN}:
        return Qualifier.LESS_THAN
    return Qualifier.ABOUT


def combine(code: str, rule: str, parts: Sequence[Figure], *, note: str = "") -> Figure | None:
    """The figure of a whole from the figures of its parts (in time order for `last`);
    None when the rule cannot combine them."""
    parts = [p for p in parts if p is not None and p.value is not None]
    if not parts:
        return None
    ids = tuple(i for p in parts for i in p.value_ids)
    source = parts[0].source if len({p.source for p in parts}) == 1 else ValueSource.REPORTED
    base = {"code": code, "source": source, "value_ids": ids, "basis": sum(p.basis for p in parts),
            "note": note}
    if rule == Aggregation.SUM:
        total = sum((p.value for p in parts), Decimal(0))
        return Figure(value=total, qualifier=combined_qualifier([p.qualifier for p in parts]), **base)
    if rule == Aggregation.RATIO:
        if any(p.numerator is None or p.denominator is None for p in parts):
            return None
        num = sum((p.numerator for p in parts), Decimal(0))
        den = sum((p.denominator for p in parts), Decimal(0))
        return Figure(value=ratio(num, den), numerator=num, denominator=den,
                      qualifier=combined_qualifier([p.qualifier for p in parts]), **base)
    if rule == Aggregation.LAST:
        return replace(parts[-1], note=note or parts[-1].note)
    raise ValueError(f"unknown aggregation {rule!r}")

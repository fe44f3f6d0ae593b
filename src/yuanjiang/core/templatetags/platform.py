"""Template filters for figures as offices write them."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def yuan(value) -> str:
    """An amount in yuan with thousands separators and two decimals: 1,234,567.80."""
    if value in (None, ""):
        return "—"
    return f"{Decimal(value):,.2f}"


@register.filter
def pct(value) -> str:
    """A per cent figure (already ×100) as 85.00%, or — when there is none."""
    if value in (None, ""):
        return "—"
    return f"{Decimal(value):.2f}%"

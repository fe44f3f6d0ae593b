"""A figure on a page: its number with unit and qualifier (250,000,000.00 元, 86.94%, 100余家)."""

from decimal import Decimal

from django import template
from django.utils.html import format_html

from yuanjiang.indicators.choices import Qualifier

register = template.Library()

BEFORE = {Qualifier.ABOUT: "约", Qualifier.LESS_THAN: "不足"}
AFTER = {Qualifier.MORE_THAN: "余", Qualifier.AT_LEAST: "以上"}


@register.simple_tag
def figure(card_or_figure, kind: str = "", unit: str = "") -> str:
    """`{% figure card %}` for a dashboard card, or `{% figure f "money" "元" %}`."""
    if isinstance(card_or_figure, dict):
        f, kind, unit = card_or_figure.get("figure"), card_or_figure["kind"], card_or_figure["unit"]
    else:
        f = card_or_figure
    if f is None or f.value is None:
        return "—"
    value = Decimal(f.value)
    if kind == "money":
        number, unit = f"{value:,.2f}", "元"
    elif kind == "percent":
        number, unit = f"{value:.2f}", "%"
    else:
        number = f"{value:,.0f}"
    before, after = BEFORE.get(f.qualifier, ""), AFTER.get(f.qualifier, "")
    if unit == "%":
        return format_html("{}{}%{}", before, number, after)
    return format_html("{}{}{} {}", before, number, after, unit)

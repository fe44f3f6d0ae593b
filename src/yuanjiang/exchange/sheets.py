"""Consumption aid and cultural exchange in Excel: monthly sales by channel and the
events, each with a template and an atomic import (see yuanjiang.core.record_import)."""

from __future__ import annotations

from typing import Any

from yuanjiang.core import sheets
from yuanjiang.core.record_import import RecordImport

from .choices import EventKind, SalesChannel
from .services import CulturalEventService, SaleService

Column = sheets.Column

SALES = sheets.Sheet(
    name="消费援疆销售",
    guide="每行一个月份、一个渠道、一个门店（平台）和一类产品的销售额，已有的更新。",
    columns=[
        Column("销售渠道", "channel", sheets.choice(SalesChannel), required=True, choices=SalesChannel),
        Column("年度", "year", sheets.parse_int, required=True, width=8),
        Column("月份", "month", sheets.parse_int, required=True, width=8, help="1 至 12。"),
        Column("产品", "products", required=True, width=28),
        Column("门店、展会或平台", "outlet", width=24),
        Column("销售额（元）", "amount", sheets.parse_money, required=True, width=18,
               number_format=sheets.MONEY_FORMAT),
        Column("备注", "note", width=24),
    ], unique=(("channel", "year", "month", "outlet", "products"), "产品", "同一月份、渠道、门店和产品"))


def _fill_sale(obj, v: dict[str, Any], command, lookups) -> dict:
    obj.command = command
    obj.channel, obj.year, obj.month = v["channel"], v["year"], v["month"]
    obj.products, obj.outlet = v["products"], v.get("outlet", "")
    obj.amount, obj.note = v["amount"], v.get("note", "")
    return {}


SALE_IMPORT = RecordImport(
    kind="sales", sheet=SALES, service=SaleService, fill=_fill_sale, noun="销售记录", measure="条",
    key=lambda v, c: {"command": c, "channel": v["channel"], "year": v["year"], "month": v["month"],
                      "outlet": v.get("outlet", ""), "products": v["products"]},
).register(result="admin:exchange_sale_changelist", upload="admin:exchange_sale_sheet_import")


EVENTS = sheets.Sheet(
    name="文化交流活动",
    guide="每行一项活动或一个交流考察团组，按日期和活动名称识别，已有的更新。",
    columns=[
        Column("活动类型", "kind", sheets.choice(EventKind), required=True, choices=EventKind),
        Column("活动名称", "title", required=True, width=32),
        Column("日期", "date", sheets.parse_date, required=True, number_format=sheets.DATE_FORMAT),
        Column("地点", "place", required=True, width=16),
        Column("参与人数", "participants", sheets.parse_int, width=10),
        Column("合作单位（结对县市）", "partner", width=24),
        Column("内容和成效", "note", width=30),
    ], unique=(("date", "title"), "活动名称", "同一日期、同一名称的活动"))


def _fill_event(obj, v: dict[str, Any], command, lookups) -> dict:
    obj.command = command
    obj.kind, obj.title, obj.date, obj.place = v["kind"], v["title"], v["date"], v["place"]
    obj.participants = v.get("participants") or 0
    obj.partner, obj.note = v.get("partner", ""), v.get("note", "")
    return {}


EVENT_IMPORT = RecordImport(
    kind="cultural_events", sheet=EVENTS, service=CulturalEventService, fill=_fill_event,
    noun="文化交流活动", measure="项",
    key=lambda v, c: {"command": c, "date": v["date"], "title": v["title"]},
).register(result="admin:exchange_culturalevent_changelist",
           upload="admin:exchange_culturalevent_sheet_import")

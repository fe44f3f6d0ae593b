"""Sales and events in Excel: bad rows named, atomic imports, updates."""

from decimal import Decimal

import pytest

from tests.factories import import_sheet
from yuanjiang.core.imports import ImportFailed
from yuanjiang.exchange import sheets
from yuanjiang.exchange.models import CulturalEvent, Sale

pytestmark = pytest.mark.django_db


def errors(exc) -> list[tuple]:
    return [(e.row, e.column) for e in exc.value.errors]


def test_sales_import_update_and_bad_rows(world):
    rows = [{"销售渠道": "网络销售", "年度": 2021, "月份": 5, "产品": "巩留蜂蜜", "门店、展会或平台": "网店",
             "销售额（元）": "12,000.50"}]
    assert import_sheet(sheets.SALE_IMPORT, rows, world.gongliu, world.staff_gongliu)["created"] == 1
    rows[0]["销售额（元）"] = 13000
    assert import_sheet(sheets.SALE_IMPORT, rows, world.gongliu, world.staff_gongliu)["updated"] == 1
    assert Sale.objects.get().amount == Decimal("13000")
    bad = [{"销售渠道": "网络销售", "年度": 2021, "月份": 13, "产品": "野核桃", "销售额（元）": 100},
           {"销售渠道": "网络销售", "年度": 2021, "月份": 6, "产品": "野核桃", "销售额（元）": "一百元"},
           {"销售渠道": "电视购物", "年度": 2021, "月份": 6, "产品": "冷水鱼", "销售额（元）": 100}]
    with pytest.raises(ImportFailed) as exc:
        import_sheet(sheets.SALE_IMPORT, bad, world.gongliu, world.staff_gongliu)
    assert errors(exc) == [(3, "销售额（元）"), (4, "销售渠道")]
    bad = bad[:1] + [{"销售渠道": "网络销售", "年度": 2019, "月份": 6, "产品": "冷水鱼", "销售额（元）": 100}]
    with pytest.raises(ImportFailed) as exc:
        import_sheet(sheets.SALE_IMPORT, bad, world.gongliu, world.staff_gongliu)
    assert errors(exc) == [(2, "月份"), (3, "年度")]
    assert Sale.objects.count() == 1


def test_events_import(world):
    rows = [{"活动类型": "文艺演出", "活动名称": "文艺汇演", "日期": "2021-07-01", "地点": "巩留县", "参与人数": 800},
            {"活动类型": "交流考察团组", "活动名称": "考察团", "日期": "2021-08-01", "地点": "张家港市"}]
    assert import_sheet(sheets.EVENT_IMPORT, rows, world.gongliu, world.staff_gongliu)["created"] == 2
    rows[1]["参与人数"] = -3
    with pytest.raises(ImportFailed) as exc:
        import_sheet(sheets.EVENT_IMPORT, rows, world.gongliu, world.staff_gongliu)
    assert errors(exc) == [(3, "参与人数")]
    assert CulturalEvent.objects.get(kind="delegation").participants == 0

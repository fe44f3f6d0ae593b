"""Demo records of consumption aid and cultural exchange: 张家港→巩留 第十批 sold 超3000万元
of the county's farm products online (with exhibition sales beside), and held
performances, youth camps and exchange visits; the current 吉林 第五批 command a few months
of sales and two events.

Deterministic (seeded) and idempotent: a command that already has its records is left."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from .choices import EventKind, SalesChannel
from .models import CulturalEvent, Sale
from .services import CulturalEventService, SaleService

GONGLIU_PRODUCTS = ["巩留蜂蜜", "野核桃", "冷水鱼", "巩留黑蜂蜂蜜", "林果干果礼盒", "牛羊肉"]


def _months(start: dt.date, end: dt.date):
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _sales(command, rng: random.Random, channel, outlet, products, total: Decimal, start, end) -> None:
    months = list(_months(start, end))
    weights = [rng.uniform(0.6, 1.4) * (1.6 if m in (1, 9, 10, 11, 12) else 1) for _y, m in months]
    scale = total / Decimal(str(sum(weights)))
    amounts = [(Decimal(str(w)) * scale).quantize(Decimal("0.01")) for w in weights]
    amounts[-1] += total - sum(amounts)
    for (year, month), amount in zip(months, amounts, strict=True):
        SaleService.create(acting_user=None, data={
            "command": command, "channel": channel, "year": year, "month": month,
            "products": products, "outlet": outlet, "amount": amount})


GONGLIU_EVENTS = [
    (EventKind.PERFORMANCE, "“张巩情深”文艺汇演", "巩留县", 800),
    (EventKind.PERFORMANCE, "巩留县文艺小分队赴张家港交流演出", "张家港市", 1200),
    (EventKind.PERFORMANCE, "“石榴花开”民族团结文艺晚会", "巩留县", 1500),
    (EventKind.PERFORMANCE, "锡剧与阿肯弹唱交流展演", "巩留县", 600),
    (EventKind.YOUTH_CAMP, "巩留县青少年“江南行”夏令营", "张家港市", 60),
    (EventKind.YOUTH_CAMP, "张家港—巩留青少年手拉手研学营", "张家港市", 45),
    (EventKind.YOUTH_CAMP, "“石榴籽”青少年交流营", "巩留县", 80),
    (EventKind.FRIENDSHIP, "张家港市塘桥镇与巩留县阿克吐别克镇结为友好乡镇", "巩留县", 40),
    (EventKind.EXHIBITION, "巩留—张家港两地书画摄影联展", "张家港市", 3000),
    (EventKind.EXHIBITION, "巩留非遗文化展示周", "张家港市", 5000),
]


def _gongliu(command) -> None:
    rng = random.Random("exchange-gongliu10")
    batch = command.batch
    start, end = batch.start_date + dt.timedelta(days=60), batch.end_date - dt.timedelta(days=30)
    _sales(command, rng, SalesChannel.ONLINE, "巩留县特色农产品网店", "、".join(GONGLIU_PRODUCTS[:4]),
           Decimal("30127458.36"), start, end)
    _sales(command, rng, SalesChannel.EXHIBITION, "张家港市新疆特色农产品展销会", "、".join(GONGLIU_PRODUCTS),
           Decimal("358600.00"), dt.date(2021, 9, 1), dt.date(2021, 10, 31))
    span = (end - start).days
    for i, (kind, title, place, people) in enumerate(GONGLIU_EVENTS):
        CulturalEventService.create(acting_user=None, data={
            "command": command, "kind": kind, "title": title, "place": place, "participants": people,
            "date": start + dt.timedelta(days=span * i // len(GONGLIU_EVENTS) + rng.randint(0, 20)),
            "partner": "张家港市文化广电和旅游局" if kind != EventKind.FRIENDSHIP else "张家港市塘桥镇"})
    for i in range(14):
        CulturalEventService.create(acting_user=None, data={
            "command": command, "kind": EventKind.DELEGATION, "participants": rng.randint(8, 30),
            "title": (f"巩留县{rng.choice(['党政', '教育', '卫生', '农业', '文旅'])}"
                      f"考察团赴张家港学习交流（第{i + 1}批）"),
            "place": "张家港市", "date": start + dt.timedelta(days=span * i // 14 + rng.randint(0, 20))})


def _altay5(command, today: dt.date) -> None:
    rng = random.Random("exchange-altay5")
    start = command.batch.start_date + dt.timedelta(days=90)
    last = (today.replace(day=1) - dt.timedelta(days=1))
    if last <= start:
        return
    _sales(command, rng, SalesChannel.SHOP, "长春市阿勒泰特色农产品展销中心", "阿勒泰羊肉、蜂蜜、冷水鱼",
           Decimal("4860000.00"), start, last)
    CulturalEventService.create(acting_user=None, data={
        "command": command, "kind": EventKind.YOUTH_CAMP, "title": "阿勒泰青少年“吉林行”研学营",
        "place": "长春市", "participants": 50, "date": start + dt.timedelta(days=120)})
    CulturalEventService.create(acting_user=None, data={
        "command": command, "kind": EventKind.DELEGATION, "title": "阿勒泰地区教育考察团赴吉林学习交流",
        "place": "长春市", "participants": 18, "date": start + dt.timedelta(days=200)})


def load(ctx) -> None:
    gongliu = ctx.commands["gongliu10"]
    if not Sale.objects.filter(command=gongliu).exists():
        _gongliu(gongliu)
    altay5 = ctx.commands["altay5"]
    if not CulturalEvent.objects.filter(command=altay5).exists():
        _altay5(altay5, ctx.today)

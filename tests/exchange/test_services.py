"""Rules of consumption aid and cultural exchange, each with its message, nothing written."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import CulturalEventFactory, SaleFactory
from yuanjiang.core.models import ObjectChange
from yuanjiang.exchange.models import CulturalEvent, Sale
from yuanjiang.exchange.services import SaleService

pytestmark = pytest.mark.django_db
D, M = dt.date, Decimal


def messages(exc: ValidationError) -> str:
    return " ".join(m for ms in exc.message_dict.values() for m in ms)


@pytest.mark.parametrize(("year", "month", "words"), [(2019, 5, "不在"), (2021, 13, "月份"),
                                                       (2021, 0, "月份")])
def test_a_sales_month_lies_in_the_batch(world, year, month, words):
    with pytest.raises(ValidationError) as exc:
        SaleFactory(command=world.gongliu, year=year, month=month)
    assert words in messages(exc.value)
    assert not Sale.objects.exists()


def test_a_month_to_come_has_no_sales_yet(world):
    from tests.factories import CommandFactory, batch, pairing

    # A command of the batch running today (吉林 第五批, from 2023).
    current = CommandFactory(name="当前工作组", batch=batch("220000", 5),
                             pairings=[pairing("220000", "654301")])
    today = timezone.localdate()
    later = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    with pytest.raises(ValidationError) as exc:
        SaleFactory(command=current, year=later[0], month=later[1])
    assert "尚未到来" in messages(exc.value)
    assert SaleFactory(command=current, year=today.year, month=today.month).pk


@pytest.mark.parametrize("amount", ["0", "-100"])
def test_a_sale_is_a_positive_amount(world, amount):
    with pytest.raises(ValidationError) as exc:
        SaleFactory(command=world.gongliu, amount=M(amount))
    assert "金额须大于零" in messages(exc.value)


def test_the_same_month_channel_outlet_and_products_are_recorded_once(world):
    SaleFactory(command=world.gongliu, products="巩留蜂蜜", outlet="网店")
    with pytest.raises(ValidationError) as exc:
        SaleFactory(command=world.gongliu, products="巩留蜂蜜", outlet="网店")
    assert "已有同一渠道" in messages(exc.value)


def test_events_lie_in_the_batch_and_are_entered_by_their_command(world):
    with pytest.raises(ValidationError) as exc:
        CulturalEventFactory(command=world.gongliu, date=D(2024, 1, 1))
    assert "不在" in messages(exc.value)
    with pytest.raises(PermissionDenied):
        SaleService.create(acting_user=world.leader_gongliu, data={
            "command": world.gongliu, "channel": "online", "year": 2021, "month": 5,
            "products": "蜂蜜", "amount": M("1.00")})
    sale = SaleService.create(acting_user=world.staff_gongliu, data={
        "command": world.gongliu, "channel": "online", "year": 2021, "month": 5,
        "products": "蜂蜜", "amount": M("1.00")})
    assert ObjectChange.objects.filter(content_type__model="sale", object_id=str(sale.pk),
                                       action="create").exists()
    assert not CulturalEvent.objects.exists()


@pytest.mark.parametrize(("year", "month", "ok"), [(2023, 4, True), (2023, 5, False), (2020, 1, True)])
def test_a_sales_month_is_a_month_of_the_batch(world, year, month, ok):
    """江苏省第十批 runs 2020-01-01 to 2023-04-30: May 2023 belongs to the next batch."""
    if ok:
        assert SaleFactory(command=world.gongliu, year=year, month=month).pk
    else:
        with pytest.raises(ValidationError) as exc:
            SaleFactory(command=world.gongliu, year=year, month=month)
        assert "不在" in " ".join(exc.value.message_dict["month"])

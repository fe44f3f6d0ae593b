"""Exchange endpoints: scoped lists, writes through the services with their messages."""

import pytest

from tests.factories import CulturalEventFactory, SaleFactory

pytestmark = pytest.mark.django_db


def test_sales_and_events_are_scoped_and_checked(world, api):
    SaleFactory(command=world.gongliu)
    CulturalEventFactory(command=world.gongliu)
    for path in ("/api/exchange/sales/", "/api/exchange/cultural-events/"):
        assert api.as_user(world.staff_gongliu).get(path).json()["count"] == 1
        assert api.as_user(world.staff_altay).get(path).json()["count"] == 0
        assert api.as_user(world.recipient_gongliu).get(path).json()["count"] == 1
    api.as_user(world.staff_gongliu)
    bad = api.post("/api/exchange/sales/", {"command": world.gongliu.pk, "channel": "online", "year": 2021,
                                            "month": 5, "products": "蜂蜜", "amount": "abc"}, format="json")
    assert bad.status_code == 400 and "amount" in bad.json()
    out = api.post("/api/exchange/sales/", {"command": world.gongliu.pk, "channel": "online", "year": 2019,
                                            "month": 5, "products": "蜂蜜", "amount": "10.00"}, format="json")
    assert out.status_code == 400 and "不在" in str(out.json()["year"])
    ok = api.post("/api/exchange/sales/", {"command": world.gongliu.pk, "channel": "online", "year": 2021,
                                           "month": 6, "products": "蜂蜜", "amount": "10.00"}, format="json")
    assert ok.status_code == 201 and ok.json()["amount"] == "10.00"

"""Exchange pages by role."""

import pytest

from tests.core.test_admin import client_for, url
from tests.factories import SaleFactory
from yuanjiang.exchange.models import CulturalEvent, Sale

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Sale, CulturalEvent])
@pytest.mark.parametrize(("who", "add"), [("staff_gongliu", 200), ("js_office", 200),
                                          ("recipient_gongliu", 403), ("leader_gongliu", 403)])
def test_lists_open_for_every_reader_and_forms_for_who_enters(world, model, who, add):
    SaleFactory(command=world.gongliu, products="巩留蜂蜜")
    c = client_for(getattr(world, who))
    assert c.get(url(model, "changelist")).status_code == 200
    assert c.get(url(model, "add")).status_code == add


def test_the_sales_list_is_scoped(world):
    SaleFactory(command=world.gongliu, products="巩留蜂蜜")
    assert "巩留蜂蜜" in client_for(world.staff_gongliu).get(url(Sale, "changelist")).content.decode()
    assert "巩留蜂蜜" not in client_for(world.staff_altay).get(url(Sale, "changelist")).content.decode()

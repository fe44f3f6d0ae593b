"""The generic import of plain records: an export in the import's columns imports back as
updates that change nothing; a row that names what is not there is named; nothing written
unless every row is good."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import (
    ActivityFactory,
    AssignmentFactory,
    CulturalEventFactory,
    EnterpriseFactory,
    InvestmentProjectFactory,
    MentorshipFactory,
    OrganisationFactory,
    PersonFactory,
    SaleFactory,
    SecondmentFactory,
    TraineeFactory,
    TrainingProgrammeFactory,
    region,
)
from yuanjiang.core.models import ObjectChange
from yuanjiang.core.sheets import read_rows
from yuanjiang.exchange import sheets as exchange_sheets
from yuanjiang.investment import sheets as investment_sheets
from yuanjiang.investment.services import FundsInPlaceService, investment_advance
from yuanjiang.talent import sheets as talent_sheets

pytestmark = pytest.mark.django_db
D, M = dt.date, Decimal

IMPORTS = [investment_sheets.ENTERPRISE_IMPORT, investment_sheets.ACTIVITY_IMPORT,
           investment_sheets.PROJECT_IMPORT, investment_sheets.FUNDS_IMPORT,
           talent_sheets.PROGRAMME_IMPORT, talent_sheets.TRAINEE_IMPORT,
           talent_sheets.SECONDMENT_IMPORT, talent_sheets.MENTORSHIP_IMPORT,
           exchange_sheets.SALE_IMPORT, exchange_sheets.EVENT_IMPORT]


@pytest.fixture
def records(world):
    g = world.gongliu
    a = EnterpriseFactory(command=g, name="甲公司", home_region=region("320582"))
    b = EnterpriseFactory(command=g, name="某研究院", kind="institution", uscc="", industry="other")
    ActivityFactory(command=g, kind="visit", enterprises=[a, b], led_by="组长")
    p = InvestmentProjectFactory(command=g, enterprise=a, park="工业园", jobs_created=12)
    investment_advance(p, acting_user=None, to="signed", on=D(2021, 3, 1), agreement_amount=M("5.00"))
    FundsInPlaceService.create(acting_user=None, data={"project": p, "date": D(2021, 4, 1),
                                                       "amount": M("1234.56")})
    programme = TrainingProgrammeFactory(command=g, audience="farmers", venue="local")
    TraineeFactory(programme=programme, name="王芳", post="技术员")
    SecondmentFactory(command=g, kind="study")
    school = OrganisationFactory(name="巩留县高级中学", kind="school", region=region("654024"))
    teacher = AssignmentFactory(person=PersonFactory(name="李秀英"), command=g, organisation=school,
                                category="professional", professional_kind="teacher",
                                start_date=D(2020, 3, 1))
    MentorshipFactory(mentor=teacher, end_date=D(2021, 6, 30), outcome="通过中级职称评审")
    SaleFactory(command=g, channel="exhibition", outlet="展销会", amount=M("99.99"))
    CulturalEventFactory(command=g, kind="friendship", participants=40, partner="塘桥镇")


def _state(model):
    return sorted(tuple(sorted((k, str(v)) for k, v in row.items() if k not in ("created", "last_updated")))
                  for row in model._default_manager.values())


@pytest.mark.parametrize("spec", IMPORTS, ids=[s.kind for s in IMPORTS])
def test_an_export_imports_back_unchanged(world, records, spec):
    queryset = spec.model._default_manager.all()
    assert queryset.exists()
    before = _state(spec.model)
    changes = ObjectChange.objects.count()
    rows = read_rows(spec.export(queryset), spec.sheet)
    result = spec.run(rows, world.gongliu, acting_user=world.staff_gongliu)
    assert (result["created"], result["updated"]) == (0, queryset.count())
    assert _state(spec.model) == before
    assert ObjectChange.objects.count() == changes  # an update that changes nothing logs nothing

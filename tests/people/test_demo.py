"""The demo rosters: sizes of the public figures, valid ID numbers, names that agree with
them, people on leave today and terms ending soon, 优秀 within bounds; deterministic."""


import pytest
from django.db import connection, transaction
from django.utils import timezone

from yuanjiang.core.models import Command, User
from yuanjiang.people import ids
from yuanjiang.people.demo import FEMALE_NAMES, MALE_NAMES
from yuanjiang.people.models import Assessment, Assignment, Award, Person
from yuanjiang.people.selectors import away_on, ending_within
from yuanjiang.people.services import excellent_share

pytestmark = pytest.mark.django_db


def test_demo_rosters(demo):
    counts = {c.name: Assignment.objects.filter(command=c).count() for c in Command.objects.all()}
    assert counts["吉林市对口支援阿勒泰市工作队"] == 24  # 24 cadres and professionals, 2014–2016
    kokdala = Assignment.objects.filter(command__name="镇江市对口支援可克达拉市工作组")
    assert kokdala.filter(professional_kind="teacher").count() == 30
    gongliu = Assignment.objects.filter(command__name="张家港市对口支援巩留县工作组")
    assert gongliu.filter(category="flexible").count() == 109
    assert {"cadre", "professional", "flexible"} <= set(gongliu.values_list("category", flat=True))

    for person in Person.objects.all():
        number = ids.validate(person.id_number)
        assert (person.birth_date, person.gender) == (ids.birth_date(number), ids.gender(number))
        given = person.name[1:] if person.name[1:] in MALE_NAMES + FEMALE_NAMES else person.name[2:]
        assert given in (MALE_NAMES if person.gender == "male" else FEMALE_NAMES), person.name

    today = timezone.localdate()
    current = Command.objects.get(name="吉林省对口支援新疆阿勒泰地区前方指挥部")
    admin = User.objects.get(username="admin")
    assert away_on(admin, today, command=current).count() == 3
    assert ending_within(admin, 90, command=current).exists()
    assert Assignment.objects.filter(command=current, status="proposed").count() == 1

    for command in Command.objects.all():
        for year in set(Assessment.objects.filter(assignment__command=command)
                        .values_list("year", flat=True)):
            excellent, people = excellent_share(command, year)
            assert excellent * 100 <= 15 * people, (command, year)
    assert Award.objects.filter(command__isnull=False).count() >= 5


@pytest.mark.skipif(connection.vendor == "postgresql",
                    reason="the rosters come from a seeded generator, the same on any database: "
                    "the SQLite pass checks it")
def test_demo_rosters_are_deterministic():
    from yuanjiang.core.demo import DemoContext
    from yuanjiang.core.demo import load as core_load
    from yuanjiang.people.demo import load as people_load

    def names():
        with transaction.atomic():
            ctx = DemoContext(password="pw-demo-123")
            core_load(ctx)
            people_load(ctx)
            result = list(Person.objects.order_by("pk").values_list("name", "id_number_masked"))
            transaction.set_rollback(True)
        return result

    first = names()
    assert first and first == names()

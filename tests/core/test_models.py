"""Database constraints hold even when the services are bypassed."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from tests.factories import BatchFactory, CommandFactory, batch, pairing, region
from yuanjiang.core.choices import MemberRole, Role
from yuanjiang.core.models import (
    Batch,
    CommandMember,
    CommandPairing,
    Organisation,
    Pairing,
    Region,
    User,
)

pytestmark = pytest.mark.django_db


def refuses(fn):
    with pytest.raises(IntegrityError), transaction.atomic():
        fn()


def test_batch_must_end_after_it_starts():
    refuses(lambda: Batch.objects.create(
        supporting_region=region("320000"), number=40, name="第四十批",
        start_date=dt.date(2030, 1, 1), end_date=dt.date(2029, 12, 31),
    ))
    refuses(lambda: Batch.objects.create(
        supporting_region=region("320000"), number=41, name="第四十一批",
        start_date=dt.date(2030, 1, 1), end_date=dt.date(2030, 1, 1),
    ))


def test_batch_number_unique_per_supporting_side():
    refuses(lambda: Batch.objects.create(
        supporting_region=region("320000"), number=10, name="第十批", start_date=dt.date(2020, 1, 1)
    ))
    # Numbers are not national: 吉林省 may have its own 第十批.
    Batch.objects.create(
        supporting_region=region("220000"), number=10, name="第十批", start_date=dt.date(2040, 1, 1)
    )


def test_no_duplicate_pairing():
    existing = pairing("320582", "654024")
    refuses(lambda: Pairing.objects.create(
        supporting_region=existing.supporting_region, recipient_region=existing.recipient_region,
        supporting_province=existing.supporting_province, level="city", from_year=existing.from_year,
    ))


def test_pairing_years_in_order_and_regions_distinct():
    refuses(lambda: Pairing.objects.create(
        supporting_region=region("320582"), recipient_region=region("654025"),
        supporting_province=region("320000"), level="city", from_year=2020, to_year=2019,
    ))
    refuses(lambda: Pairing.objects.create(
        supporting_region=region("654025"), recipient_region=region("654025"),
        supporting_province=region("650000"), level="city", from_year=2020,
    ))


def test_one_command_per_pairing_and_batch():
    cmd = CommandFactory(batch=batch("320000", 10))
    other = CommandFactory(batch=batch("320000", 10), pairings=[pairing("320000", "653001")])
    refuses(lambda: CommandPairing.objects.create(
        command=other, pairing=pairing("320582", "654024"), batch=cmd.batch
    ))


def test_command_name_unique_in_batch_and_not_its_own_parent():
    cmd = CommandFactory(name="同名工作组", batch=batch("320000", 10))
    refuses(lambda: CommandFactory._meta.model.objects.create(
        name="同名工作组", kind="work_group", batch=cmd.batch
    ))
    cmd.parent_id = cmd.pk
    refuses(lambda: cmd.save())


def test_one_leader_per_command():
    cmd = CommandFactory()
    CommandMember.objects.create(command=cmd, name="甲", role=MemberRole.LEADER, title="组长")
    refuses(lambda: CommandMember.objects.create(
        command=cmd, name="乙", role=MemberRole.LEADER, title="组长"
    ))


def test_region_code_has_six_characters():
    refuses(lambda: Region.objects.create(code="12345", name="错", level="county", path="/x/"))


def test_organisation_name_unique_in_region():
    Organisation.objects.create(name="某单位", kind="other", region=region("654024"))
    refuses(lambda: Organisation.objects.create(name="某单位", kind="other", region=region("654024")))


def test_user_role_and_scope_must_agree():
    refuses(lambda: User.objects.create(username="x1", role=Role.COMMAND_STAFF))
    refuses(lambda: User.objects.create(username="x2", role=Role.HOME_OFFICE))
    refuses(lambda: User.objects.create(username="x3", role=Role.RECIPIENT, is_superuser=True,
                                        scope_region=region("654024")))
    refuses(lambda: User.objects.create(
        username="x4", role=Role.LEADER, scope_region=region("654024"),
        scope_command=CommandFactory(),
    ))


def test_str_forms():
    assert str(region("659008")) == "可克达拉市（第四师）"
    assert str(batch("320000", 10)) == "江苏省第十批"
    assert str(pairing("320582", "654024")) == "张家港市→巩留县"
    b = BatchFactory(number=99)
    assert b.name == "第九十九批"

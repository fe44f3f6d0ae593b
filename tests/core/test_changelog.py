"""The change log: every write path is recorded with user, time, object, action, values;
nobody can change or delete a record of it."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from tests.factories import CommandFactory, OrganisationFactory, pairing, region
from yuanjiang.core.changelog import change_context, serialize
from yuanjiang.core.choices import ChangeAction, ChangeSource
from yuanjiang.core.models import ObjectChange, Organisation, Pairing, User
from yuanjiang.core.services import CommandService, OrganisationService, UserService

pytestmark = pytest.mark.django_db


def changes_of(obj):
    ct = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return list(ObjectChange.objects.filter(content_type=ct, object_id=str(obj.pk)).order_by("id"))


def test_service_create_update_delete_are_logged_with_values(world):
    org = OrganisationService.create(acting_user=world.staff_gongliu, data={
        "name": "巩留县第二中学", "kind": "school", "region": region("654024"),
    })
    OrganisationService.update(org, acting_user=world.staff_gongliu, data={"note": "新建"})
    pk = org.pk
    OrganisationService.delete(org, acting_user=world.admin)
    ct = ContentType.objects.get_for_model(Organisation)
    log = list(ObjectChange.objects.filter(content_type=ct, object_id=str(pk)).order_by("id"))
    assert [c.action for c in log] == [ChangeAction.CREATE, ChangeAction.UPDATE, ChangeAction.DELETE]
    created, updated, deleted = log
    assert created.user == world.staff_gongliu and created.user_name == "t_gongliu"
    assert created.source == ChangeSource.SERVICE
    assert created.prechange_data is None
    assert created.postchange_data["name"] == "巩留县第二中学"
    assert created.postchange_data["region"] == "654024"
    assert updated.diff() == [("note", "", "新建")]
    assert deleted.user == world.admin and deleted.postchange_data is None
    assert deleted.prechange_data["note"] == "新建"
    assert deleted.object_repr == "巩留县第二中学"
    assert created.time <= updated.time <= deleted.time


def test_a_save_without_change_writes_nothing(world):
    before = ObjectChange.objects.count()
    CommandService.update(world.gongliu, acting_user=world.admin, data={})
    assert ObjectChange.objects.count() == before


def test_many_to_many_changes_are_logged_on_the_owner(world):
    cmd = CommandFactory(batch=world.js10, pairings=[pairing("320000", "653001")])
    CommandService.update(cmd, acting_user=world.js_office, data={},
                          m2m={"pairings": [pairing("320000", "653001"),
                                            pairing("320000", "653024")]})
    last = changes_of(cmd)[-1]
    assert last.action == ChangeAction.UPDATE
    assert last.prechange_data == {"pairings": [pairing("320000", "653001").pk]}
    assert sorted(last.postchange_data["pairings"]) == sorted(
        [pairing("320000", "653001").pk, pairing("320000", "653024").pk]
    )


def test_log_carries_the_scope_of_the_object(world):
    first = changes_of(world.gongliu_member)[0]
    assert first.scope_command_id == world.gongliu.pk
    cmd_log = changes_of(world.gongliu)[0]
    assert cmd_log.scope_command_id == world.gongliu.pk
    assert cmd_log.scope_supporting_id == "320000"


def test_log_is_restricted_like_the_objects(world):
    visible = ObjectChange.objects.restrict(world.staff_gongliu)
    commands = set(visible.filter(content_type__model="command").values_list("object_id", flat=True))
    assert str(world.gongliu.pk) in commands
    assert str(world.altay.pk) not in commands
    assert not visible.filter(scope_command=world.altay).exists()
    # A deleted record's history stays visible to the scope it belonged to.
    pk = world.altay_member.pk
    from yuanjiang.core.services import CommandMemberService

    CommandMemberService.delete(world.altay_member, acting_user=world.staff_altay)
    deleted = ObjectChange.objects.restrict(world.staff_altay).filter(
        content_type__model="commandmember", object_id=str(pk), action="delete"
    )
    assert deleted.exists()
    assert not ObjectChange.objects.restrict(world.staff_gongliu).filter(
        content_type__model="commandmember", object_id=str(pk)
    ).exists()


def test_passwords_and_tokens_are_never_logged_in_clear(world):
    UserService.set_password(world.staff_gongliu, "a-new-secret-pw", acting_user=world.admin)
    last = changes_of(world.staff_gongliu)[-1]
    assert "a-new-secret-pw" not in str(last.postchange_data)
    assert last.postchange_data["password"].startswith("已设置（指纹 ")
    assert last.prechange_data["password"] != last.postchange_data["password"]
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=world.staff_gongliu)
    logged = changes_of(token)[0]
    assert token.key not in str(logged.postchange_data)


def test_command_line_imports_are_logged_with_the_login_name(db, tmp_path):
    f = tmp_path / "b.csv"
    f.write_text("supporting_code,number,start_date\n320000,11,2023-05-01\n", encoding="utf-8")
    call_command("load_reference", batches=str(f), stdout=open("/dev/null", "w"))  # noqa: SIM115
    from yuanjiang.core.models import Batch

    created = changes_of(Batch.objects.get(supporting_region="320000", number=11))[0]
    # The loader marks its writes as an import made from the command line.
    assert created.source == ChangeSource.IMPORT
    assert created.user is None
    assert created.user_name.startswith("命令行")


def test_imports_are_logged_as_imports(world, tmp_path):
    from yuanjiang.core.reference import load_pairings

    f = tmp_path / "p.csv"
    f.write_text("supporting_code,recipient_code,from_year\n320500,654023,2012\n", encoding="utf-8")
    with change_context(user=world.admin):
        load_pairings(f)
    p = Pairing.objects.get(supporting_region="320500", recipient_region="654023")
    created = changes_of(p)[0]
    assert created.source == ChangeSource.IMPORT
    assert created.user == world.admin


def test_one_request_id_per_operation(world):
    with change_context(user=world.admin, source=ChangeSource.SERVICE) as ctx:
        a = OrganisationFactory()
        b = OrganisationFactory()
    assert changes_of(a)[0].request_id == changes_of(b)[0].request_id == ctx.request_id


def test_nobody_can_change_or_delete_the_log(world):
    change = ObjectChange.objects.first()
    change.object_repr = "篡改"
    with pytest.raises(ValidationError, match="变更记录不可修改"):
        change.save()
    with pytest.raises(ValidationError, match="变更记录不可删除"):
        change.delete()
    with pytest.raises(ValidationError):
        ObjectChange.objects.filter(pk=change.pk).update(object_repr="篡改")
    with pytest.raises(ValidationError):
        ObjectChange.objects.filter(pk=change.pk).delete()


@pytest.mark.parametrize("sql", [
    "UPDATE core_objectchange SET object_repr = 'x' WHERE id = %s",
    "DELETE FROM core_objectchange WHERE id = %s",
])
def test_the_database_refuses_to_change_the_log(world, sql):
    change = ObjectChange.objects.first()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql, [change.pk])
    assert ObjectChange.objects.filter(pk=change.pk, object_repr=change.object_repr).exists()


def test_serialize_masks_and_skips(world):
    data = serialize(world.admin)
    assert "last_login" not in data
    assert data["password"].startswith("已设置")
    assert "created" not in serialize(world.gongliu)


def test_a_failed_write_leaves_no_log(world):
    before = ObjectChange.objects.count()
    with pytest.raises(ValidationError):
        CommandService.create(acting_user=world.js_office, data={
            "name": "坏", "kind": "work_group", "batch": world.js10,
        }, m2m={"pairings": []})
    assert ObjectChange.objects.count() == before


def test_user_deletion_is_refused_once_they_have_changed_anything(world):
    from django.db.models import ProtectedError

    OrganisationService.create(acting_user=world.staff_gongliu, data={
        "name": "有记录的单位", "kind": "other", "region": region("654024"),
    })
    with pytest.raises(ProtectedError):
        User.objects.filter(pk=world.staff_gongliu.pk).delete()


def test_log_time_is_aware(world):
    change = ObjectChange.objects.first()
    assert change.time.tzinfo is not None
    assert change.time.date() <= dt.date.today() + dt.timedelta(days=1)

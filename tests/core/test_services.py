"""Rules that span rows, bad input, and all-or-nothing writes, through the services."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import CommandFactory, OrganisationFactory, pairing, region
from yuanjiang.core.choices import CommandKind, Role
from yuanjiang.core.models import Batch, Command, ObjectChange, Organisation, Pairing, User
from yuanjiang.core.services import (
    BatchService,
    CommandService,
    OrganisationService,
    PairingService,
    RegionService,
    UserService,
    create_command,
)

pytestmark = pytest.mark.django_db


def messages(exc_info) -> dict:
    return exc_info.value.message_dict


class Nothing:
    """Asserts that a block writes no rows (and no change-log rows) at all."""

    def __init__(self, *models):
        self.models = (*models, ObjectChange)

    def __enter__(self):
        self.before = [m.objects.count() for m in self.models]

    def __exit__(self, *exc):
        assert [m.objects.count() for m in self.models] == self.before
        return False


# --- batches ----------------------------------------------------------------------------


def test_batch_ending_before_it_starts_is_refused_in_chinese(world):
    with Nothing(Batch), pytest.raises(ValidationError) as exc:
        BatchService.create(acting_user=world.js_office, data={
            "supporting_region": region("320000"), "number": 12,
            "start_date": dt.date(2026, 3, 1), "end_date": dt.date(2025, 3, 1),
        })
    assert "结束日期必须晚于开始日期。" in str(exc.value)


def test_batch_name_follows_its_number(world):
    b = BatchService.create(acting_user=world.js_office, data={
        "supporting_region": region("320000"), "number": 11, "start_date": dt.date(2023, 5, 1),
    })
    assert b.name == "第十一批"


def test_batch_side_may_not_be_in_xinjiang(world):
    with pytest.raises(ValidationError) as exc:
        BatchService.create(acting_user=None, data={
            "supporting_region": region("654024"), "number": 1, "start_date": dt.date(2026, 1, 1),
        })
    assert messages(exc)["supporting_region"] == ["选派方应为新疆以外的省市。"]


def test_home_office_cannot_create_batches_of_another_province(world):
    with Nothing(Batch), pytest.raises(PermissionDenied):
        BatchService.create(acting_user=world.js_office, data={
            "supporting_region": region("220000"), "number": 6, "start_date": dt.date(2026, 3, 1),
        })


# --- pairings -------------------------------------------------------------------------------


def test_pairing_derives_its_province_and_level(world):
    p = PairingService.create(acting_user=world.js_office, data={
        "supporting_region": region("320582"), "recipient_region": region("654025"),
        "from_year": 2024,
    })
    assert p.supporting_province_id == "320000"
    assert p.level == "county"  # 张家港 is a county-level city


def test_pairing_overlapping_years_refused(world):
    with Nothing(Pairing), pytest.raises(ValidationError) as exc:
        PairingService.create(acting_user=None, data={
            "supporting_region": region("320582"), "recipient_region": region("654024"),
            "from_year": 2015,
        })
    assert "年份重叠" in messages(exc)["from_year"][0]


def test_pairing_sides_must_be_right(world):
    with pytest.raises(ValidationError) as exc:
        PairingService.create(acting_user=None, data={
            "supporting_region": region("654024"), "recipient_region": region("320582"),
            "from_year": 2024,
        })
    errors = messages(exc)
    assert errors["supporting_region"] == ["支援方应为新疆以外的省市。"]
    assert errors["recipient_region"] == ["受援地应为新疆（含兵团）的行政区划。"]


# --- commands -----------------------------------------------------------------------------


def test_command_for_pairing_outside_users_scope_is_refused(world):
    with Nothing(Command), pytest.raises(ValidationError) as exc:
        create_command(
            acting_user=world.staff_gongliu, name="越权工作组", kind=CommandKind.WORK_GROUP,
            batch=world.js10, parent=world.gongliu, pairings=[pairing("220200", "654301")],
        )
    assert "所选对口支援关系“吉林市→阿勒泰市”不在您的数据范围内。" in messages(exc)["pairings"]


def test_home_office_cannot_open_a_command_on_another_provinces_pairing(world):
    with Nothing(Command), pytest.raises(ValidationError) as exc:
        create_command(
            acting_user=world.js_office, name="越权指挥部", kind=CommandKind.FRONT_COMMAND,
            batch=world.js10, pairings=[pairing("220000", "654321")],
        )
    assert "不在您的数据范围内" in messages(exc)["pairings"][0]


def test_command_staff_cannot_restructure_their_own_command(world):
    with pytest.raises(ValidationError) as exc:
        CommandService.update(world.gongliu, acting_user=world.staff_gongliu, data={"parent": None})
    assert messages(exc)["parent"] == ["本指挥部的上级、批次和对口支援关系由后方管理维护。"]
    with pytest.raises(ValidationError) as exc:
        CommandService.update(world.yili, acting_user=world.staff_yili, data={},
                              m2m={"pairings": [pairing("320000", "654000")]})
    assert "由后方管理维护" in messages(exc)["pairings"][0]
    # Everyday details stay theirs to keep.
    CommandService.update(world.gongliu, acting_user=world.staff_gongliu,
                          data={"phone": "0999-5621234", "address": "巩留县城"})
    # Their sub-commands they may restructure.
    child = create_command(acting_user=world.staff_yili, name="霍城工作组",
                           kind=CommandKind.WORK_GROUP, batch=world.js10, parent=world.yili,
                           pairings=[suzhou_huocheng()])
    with pytest.raises(ValidationError) as exc:
        CommandService.update(child, acting_user=world.staff_yili, data={"parent": world.gongliu})
    assert "不在上级指挥部“张家港援巩留工作组”的范围内" in messages(exc)["pairings"][0]
    CommandService.update(child, acting_user=world.staff_yili, data={"name": "苏州援霍城工作组"})


def test_command_needs_a_pairing_of_its_batch_side_active_in_the_batch(world):
    with pytest.raises(ValidationError) as exc:
        create_command(acting_user=None, name="无结对", kind=CommandKind.WORK_GROUP,
                       batch=world.js10, pairings=[])
    assert messages(exc)["pairings"] == ["请至少选择一个对口支援关系。"]
    with pytest.raises(ValidationError) as exc:
        create_command(acting_user=None, name="错批次", kind=CommandKind.WORK_GROUP,
                       batch=world.js10, pairings=[pairing("220000", "654321")])
    assert "不属于本批次的选派方“江苏省”" in messages(exc)["pairings"][0]
    late = PairingService.create(acting_user=None, data={
        "supporting_region": region("320000"), "recipient_region": region("654025"),
        "from_year": 2030,
    })
    with pytest.raises(ValidationError) as exc:
        create_command(acting_user=None, name="未到期", kind=CommandKind.WORK_GROUP,
                       batch=world.js10, pairings=[late])
    assert "在江苏省第十批期间不在执行期" in messages(exc)["pairings"][0]


def test_one_command_per_pairing_and_batch_with_a_clear_message(world):
    with Nothing(Command), pytest.raises(ValidationError) as exc:
        create_command(acting_user=None, name="重复", kind=CommandKind.WORK_GROUP,
                       batch=world.js10, pairings=[pairing("320582", "654024")])
    assert messages(exc)["pairings"] == [
        "对口支援关系“张家港市→巩留县”在江苏省第十批已由“张家港援巩留工作组”负责。"
    ]
    # Another batch may serve the same pairing.
    create_command(acting_user=None, name="第九批工作组", kind=CommandKind.WORK_GROUP,
                   batch=world.js9, pairings=[pairing("320582", "654024")])


def test_parent_command_same_batch_and_no_cycles(world):
    with pytest.raises(ValidationError) as exc:
        CommandService.update(world.yili, acting_user=None, data={"parent": world.gongliu})
    assert messages(exc)["parent"] == ["上级指挥部不能是本指挥部或其下级。"]
    with pytest.raises(ValidationError) as exc:
        create_command(acting_user=None, name="跨批次", kind=CommandKind.WORK_GROUP,
                       batch=world.js9, parent=world.yili,
                       pairings=[pairing("320582", "654024")])
    assert messages(exc)["parent"] == ["上级指挥部应属于同一批次。"]
    with pytest.raises(ValidationError) as exc:
        CommandService.update(world.yili, acting_user=None, data={"batch": world.js9})
    assert "下级指挥部与本指挥部的批次必须一致" in messages(exc)["batch"][0]


def suzhou_huocheng() -> Pairing:
    """A city-level pairing in the area of the 伊犁 front command (苏州市→霍城县)."""
    return PairingService.create(acting_user=None, data={
        "supporting_region": region("320500"), "recipient_region": region("654023"),
        "from_year": 2010,
    })


def test_command_staff_can_set_up_a_work_group_under_their_command(world):
    p = suzhou_huocheng()
    child = create_command(
        acting_user=world.staff_yili, name="苏州援霍城工作组", kind=CommandKind.WORK_GROUP,
        batch=world.js10, parent=world.yili, pairings=[p],
    )
    assert child.parent == world.yili
    assert list(child.pairings.all()) == [p]


def test_sub_command_serves_inside_its_parents_area(world):
    with pytest.raises(ValidationError) as exc:
        create_command(acting_user=None, name="胡杨河工作组", kind=CommandKind.WORK_GROUP,
                       batch=world.js10, parent=world.yili, pairings=[pairing("320000", "659010")])
    assert messages(exc)["pairings"] == [
        "对口支援关系“江苏省→胡杨河市（第七师）”的受援地不在上级指挥部“江苏伊犁前方指挥部”的范围内。"
    ]


def test_command_staff_cannot_change_another_command(world):
    with pytest.raises(PermissionDenied):
        CommandService.update(world.altay, acting_user=world.staff_gongliu, data={"phone": "1"})
    world.altay.refresh_from_db()
    assert world.altay.phone == ""


def test_command_staff_cannot_move_their_command_out_of_scope(world):
    with pytest.raises(ValidationError) as exc:
        CommandService.update(world.gongliu, acting_user=world.staff_gongliu,
                              data={"parent": world.altay})
    assert "不在您的数据范围内" in messages(exc)["parent"][0]


def test_changing_a_commands_batch_moves_its_pairing_rows(world):
    cmd = CommandFactory(batch=world.js10, pairings=[pairing("320000", "653001")])
    CommandService.update(cmd, acting_user=None, data={"batch": world.js9})
    from yuanjiang.core.models import CommandPairing

    assert set(CommandPairing.objects.filter(command=cmd).values_list("batch", flat=True)) == {
        world.js9.pk
    }


def test_leader_cannot_write(world):
    with pytest.raises(PermissionDenied, match="您没有修改指挥部的权限"):
        CommandService.update(world.gongliu, acting_user=world.leader_gongliu,
                              data={"phone": "1"})


# --- deletes --------------------------------------------------------------------------------


def test_delete_of_a_referenced_record_is_refused_in_chinese(world):
    with Nothing(Command), pytest.raises(ValidationError) as exc:
        CommandService.delete(world.yili, acting_user=world.js_office)
    assert "仍被其他记录引用" in str(exc.value)
    assert exc.value.code == "protected"


def test_delete_writes_the_log_and_cascades(world):
    cmd = CommandFactory(batch=world.js10, pairings=[pairing("320000", "653001")])
    from tests.factories import CommandMemberFactory

    CommandMemberFactory(command=cmd)
    before = ObjectChange.objects.count()
    CommandService.delete(cmd, acting_user=world.js_office)
    assert not Command.objects.filter(pk=cmd.pk).exists()
    changes = list(ObjectChange.objects.order_by("id")[before:])
    assert [c.action for c in changes] == ["delete", "delete"]  # the member, then the command
    assert changes[-1].object_repr == cmd.name
    assert changes[-1].prechange_data["name"] == cmd.name
    assert changes[-1].user == world.js_office


# --- organisations and regions ----------------------------------------------------------


def test_organisation_parent_cycle_refused(world):
    a = OrganisationFactory(name="上级")
    b = OrganisationFactory(name="下级", parent=a)
    with pytest.raises(ValidationError) as exc:
        OrganisationService.update(a, acting_user=None, data={"parent": b})
    assert messages(exc)["parent"] == ["上级单位不能是本单位或其下级单位。"]


def test_organisation_bad_uscc(world):
    with Nothing(Organisation), pytest.raises(ValidationError) as exc:
        OrganisationFactory(uscc="91320582MA1XXXXXX1")
    assert "统一社会信用代码" in messages(exc)["uscc"][0]


def test_recipient_officer_cannot_create_organisations_elsewhere(world):
    with Nothing(Organisation), pytest.raises(PermissionDenied):
        OrganisationService.create(acting_user=world.recipient_altay, data={
            "name": "别处单位", "kind": "other", "region": region("654024"),
        })
    org = OrganisationService.create(acting_user=world.recipient_altay, data={
        "name": "阿勒泰市某单位", "kind": "other", "region": region("654301"),
    })
    assert org.pk


def test_region_reparenting_updates_paths(world):
    new = RegionService.create(acting_user=world.admin, data={
        "code": "659999", "name": "测试市", "level": "county", "parent": region("659000"),
    })
    assert new.path == "/650000/659000/659999/"
    assert new.full_name == "新疆维吾尔自治区测试市"
    with pytest.raises(ValidationError) as exc:
        RegionService.update(region("659000"), acting_user=None, data={"parent": new})
    assert "上级区划" in messages(exc)["parent"][0]


# --- users --------------------------------------------------------------------------------


def test_user_role_and_scope_validated_in_chinese(world):
    user = User(username="bad1", role=Role.HOME_OFFICE, scope_region=region("654024"))
    user.set_password("x-pw-12345")
    with pytest.raises(ValidationError) as exc:
        UserService.save(user, acting_user=world.admin)
    assert messages(exc)["scope_region"] == ["后方管理的区划应为新疆以外的支援方省市。"]
    user = User(username="bad2", role=Role.COMMAND_STAFF)
    user.set_password("x-pw-12345")
    with pytest.raises(ValidationError) as exc:
        UserService.save(user, acting_user=world.admin)
    assert messages(exc)["scope_command"] == ["前方指挥部人员必须选择所属指挥部。"]


def test_only_admin_manages_users(world):
    user = User(username="newbie", role=Role.RECIPIENT, scope_region=region("654024"))
    user.set_password("x-pw-12345")
    with pytest.raises(PermissionDenied):
        UserService.save(user, acting_user=world.js_office)
    UserService.save(user, acting_user=world.admin)
    assert user.is_staff and not user.is_superuser

"""restrict(user, action): what each role sees and may change, model by model."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import OrganisationFactory, region
from yuanjiang.core.choices import Role
from yuanjiang.core.models import Batch, Command, CommandMember, Organisation, Pairing, Region
from yuanjiang.core.scope import ScopeKind, can, user_scope

pytestmark = pytest.mark.django_db


def names(qs):
    return set(qs.values_list("name", flat=True))


COMMANDS = {
    "admin": {"江苏伊犁前方指挥部", "张家港援巩留工作组", "吉林市援阿勒泰工作队"},
    "js_office": {"江苏伊犁前方指挥部", "张家港援巩留工作组"},
    "jl_office": {"吉林市援阿勒泰工作队"},
    "staff_yili": {"江苏伊犁前方指挥部", "张家港援巩留工作组"},
    "staff_gongliu": {"张家港援巩留工作组"},
    "staff_altay": {"吉林市援阿勒泰工作队"},
    "recipient_gongliu": {"张家港援巩留工作组"},
    "recipient_yili": {"江苏伊犁前方指挥部", "张家港援巩留工作组"},
    "recipient_altay": {"吉林市援阿勒泰工作队"},
    "leader_js": {"江苏伊犁前方指挥部", "张家港援巩留工作组"},
    "leader_gongliu": {"张家港援巩留工作组"},
}


@pytest.mark.parametrize(("who", "expected"), COMMANDS.items())
def test_commands_visible_by_role_and_scope(world, who, expected):
    user = getattr(world, who)
    assert names(Command.objects.restrict(user, "view")) == expected


@pytest.mark.parametrize(("who", "expected"), COMMANDS.items())
def test_command_members_follow_their_command(world, who, expected):
    user = getattr(world, who)
    visible = {m.command.name for m in CommandMember.objects.restrict(user, "view")}
    assert visible == expected & {"张家港援巩留工作组", "吉林市援阿勒泰工作队"}


@pytest.mark.parametrize(
    ("who", "changeable"),
    [
        ("admin", {"江苏伊犁前方指挥部", "张家港援巩留工作组", "吉林市援阿勒泰工作队"}),
        ("js_office", {"江苏伊犁前方指挥部", "张家港援巩留工作组"}),
        ("staff_yili", {"江苏伊犁前方指挥部", "张家港援巩留工作组"}),
        ("staff_gongliu", {"张家港援巩留工作组"}),
        ("recipient_gongliu", set()),
        ("leader_js", set()),
        ("leader_gongliu", set()),
    ],
)
def test_who_may_change_commands(world, who, changeable):
    user = getattr(world, who)
    assert names(Command.objects.restrict(user, "change")) == changeable


def test_command_staff_may_not_delete_commands(world):
    assert not Command.objects.restrict(world.staff_yili, "delete").exists()
    assert names(Command.objects.restrict(world.js_office, "delete")) == COMMANDS["js_office"]


def test_batches_by_supporting_side_and_by_command(world):
    js = set(Batch.objects.restrict(world.js_office).values_list("supporting_region", "number"))
    assert ("320000", 9) in js and ("320000", 10) in js
    assert all(code.startswith("32") for code, _ in js)
    jl = set(Batch.objects.restrict(world.jl_office).values_list("supporting_region", "number"))
    # 吉林省 office sees the batches numbered by 吉林省 and by its city 吉林市.
    assert ("220200", 8) in jl and ("220000", 5) in jl
    assert set(Batch.objects.restrict(world.staff_gongliu)) == {world.js10}
    assert set(Batch.objects.restrict(world.recipient_altay)) == {world.jl8}


def test_pairings_by_scope(world):
    js = Pairing.objects.restrict(world.js_office)
    assert js.count() == Pairing.objects.filter(supporting_region__code__startswith="32").count()
    gl = Pairing.objects.restrict(world.staff_gongliu)
    assert [(p.supporting_region_id, p.recipient_region_id) for p in gl] == [("320582", "654024")]
    recipient = Pairing.objects.restrict(world.recipient_gongliu)
    assert {p.recipient_region_id for p in recipient} == {"654024"}
    assert not Pairing.objects.restrict(world.staff_gongliu, "change").exists()


def test_regions_are_reference_data_readable_by_all_changeable_by_admin(world):
    total = Region.objects.count()
    for who in ("staff_gongliu", "recipient_altay", "leader_js", "js_office"):
        user = getattr(world, who)
        assert Region.objects.restrict(user).count() == total
        assert not Region.objects.restrict(user, "change").exists()
    assert Region.objects.restrict(world.admin, "change").count() == total


def test_organisations_are_a_directory_but_changes_follow_the_region(world):
    in_gongliu = OrganisationFactory(name="巩留县测试中学", region=region("654024"))
    in_altay = OrganisationFactory(name="阿勒泰市测试医院", region=region("654301"))
    in_zjg = OrganisationFactory(name="张家港市测试单位", region=region("320582"))
    everyone = Organisation.objects.restrict(world.staff_altay)
    assert {in_gongliu, in_altay, in_zjg} <= set(everyone)
    assert set(Organisation.objects.restrict(world.staff_gongliu, "change")) >= {in_gongliu, in_zjg}
    assert in_altay not in Organisation.objects.restrict(world.staff_gongliu, "change")
    assert in_altay in Organisation.objects.restrict(world.recipient_altay, "change")
    assert in_gongliu not in Organisation.objects.restrict(world.recipient_altay, "change")
    # 江苏 office: its own province and the recipients of its pairings.
    js_change = Organisation.objects.restrict(world.js_office, "change")
    assert in_zjg in js_change and in_gongliu in js_change and in_altay not in js_change


def test_anonymous_inactive_and_missing_users_see_nothing(world):
    assert not Command.objects.restrict(AnonymousUser()).exists()
    assert not Command.objects.restrict(None).exists()
    world.staff_gongliu.is_active = False
    assert not Command.objects.restrict(world.staff_gongliu).exists()


def test_scope_kinds(world):
    assert user_scope(world.admin).kind is ScopeKind.ALL
    assert user_scope(world.js_office).kind is ScopeKind.SUPPORTING
    assert user_scope(world.staff_gongliu).kind is ScopeKind.COMMAND
    assert user_scope(world.recipient_yili).kind is ScopeKind.RECIPIENT
    # A leader anchored at a Xinjiang region reads like the recipient side.
    world.leader_js.scope_region = region("654024")
    assert user_scope(world.leader_js).kind is ScopeKind.RECIPIENT


def test_scope_cache_follows_changes_of_the_user(world):
    user = world.staff_gongliu
    assert names(Command.objects.restrict(user)) == {"张家港援巩留工作组"}
    user.scope_command = world.altay
    assert names(Command.objects.restrict(user)) == {"吉林市援阿勒泰工作队"}


def test_new_sub_command_is_in_scope_at_once(world):
    from tests.factories import CommandFactory
    from yuanjiang.core.services import PairingService

    p = PairingService.create(acting_user=None, data={
        "supporting_region": region("320500"), "recipient_region": region("654024"),
        "from_year": 2010,
    })
    child = CommandFactory(batch=world.js10, parent=world.gongliu, pairings=[p])
    assert can(world.staff_gongliu, child, "change")
    assert can(world.staff_yili, child, "change")
    assert not can(world.staff_altay, child, "view")


def test_restrict_rejects_unknown_actions(world):
    with pytest.raises(ValueError, match="unknown action"):
        Command.objects.restrict(world.admin, "approve")


def test_restrict_costs_one_query(world, django_assert_num_queries):
    user = world.staff_yili
    # Once per user object (that is, per request): permissions and the anchor command.
    user.get_all_permissions()
    world.js_office.get_all_permissions()
    user_scope(user)
    with django_assert_num_queries(1):
        list(Command.objects.restrict(user))
    with django_assert_num_queries(1):
        list(CommandMember.objects.restrict(world.js_office))


def test_roles_other_than_admin_hold_no_user_permissions(world):
    for who in ("js_office", "staff_yili", "recipient_gongliu", "leader_js"):
        user = getattr(world, who)
        assert not user.has_perm("core.view_user")
        assert user.role != Role.ADMIN
    assert world.admin.has_perm("core.change_user")

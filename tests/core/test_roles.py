import pytest

from yuanjiang.core.choices import Role
from yuanjiang.core.roles import GRANTS, role_permissions


def test_leader_reads_everything_in_core_but_users_and_writes_nothing(db):
    perms = role_permissions(Role.LEADER)
    assert "core.view_command" in perms and "core.view_objectchange" in perms
    assert "core.view_user" not in perms
    assert not [p for p in perms if not p.split(".")[1].startswith("view_")]


def test_change_log_is_never_writable_by_a_role(db):
    for role in Role.values:
        perms = role_permissions(role)
        assert not {"core.add_objectchange", "core.change_objectchange",
                    "core.delete_objectchange"} & perms


@pytest.mark.parametrize("role", [Role.HOME_OFFICE, Role.COMMAND_STAFF, Role.RECIPIENT])
def test_working_roles_can_read_every_core_model_but_users(db, role):
    perms = role_permissions(role)
    for model in ("region", "organisation", "pairing", "batch", "command", "commandmember"):
        assert f"core.view_{model}" in perms


def test_grants_name_real_models_and_actions(db):
    from django.apps import apps

    for grants in GRANTS.values():
        for label, actions in grants.items():
            app_label, _, model = label.partition(".")
            if model != "*":
                apps.get_model(app_label, model)
            assert set(actions) <= {"view", "add", "change", "delete"}


def test_inactive_users_hold_no_permission(world):
    world.js_office.is_active = False
    assert not world.js_office.has_perm("core.view_command")

"""Demo data of the core app: the commands behind ../shared/reference/reported_figures.csv,
their organisations, and one account per role and scope.

Idempotent: records are found by their natural keys and updated, never duplicated. Every
write goes through the services, so the demo fills the change log like any other user.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from .choices import CommandKind, MemberRole, OrganisationKind, Role
from .models import Batch, Command, Organisation, Pairing, Region, User
from .services import (
    CommandMemberService,
    CommandService,
    OrganisationService,
    UserService,
)


@dataclass
class DemoAccount:
    username: str
    display_name: str
    role: str
    scope: str


@dataclass
class DemoContext:
    password: str
    accounts: list[DemoAccount] = field(default_factory=list)
    users: dict[str, User] = field(default_factory=dict)
    commands: dict[str, Command] = field(default_factory=dict)
    today: dt.date = field(default_factory=timezone.localdate)


ORGANISATIONS = [
    # (name, kind, region code)
    ("江苏省对口支援新疆工作领导小组办公室", OrganisationKind.AID_OFFICE, "320000"),
    ("张家港市对口支援新疆工作领导小组办公室", OrganisationKind.AID_OFFICE, "320582"),
    ("镇江市对口支援新疆工作领导小组办公室", OrganisationKind.AID_OFFICE, "321100"),
    ("吉林省对口支援新疆工作领导小组办公室", OrganisationKind.AID_OFFICE, "220000"),
    ("吉林市对口支援新疆工作领导小组办公室", OrganisationKind.AID_OFFICE, "220200"),
    ("张家港市第一人民医院", OrganisationKind.HOSPITAL, "320582"),
    ("江苏省人民医院", OrganisationKind.HOSPITAL, "320100"),
    ("巩留县人民政府", OrganisationKind.PARTY_GOVERNMENT, "654024"),
    ("巩留县人民医院", OrganisationKind.HOSPITAL, "654024"),
    ("巩留县高级中学", OrganisationKind.SCHOOL, "654024"),
    ("阿勒泰市人民政府", OrganisationKind.PARTY_GOVERNMENT, "654301"),
    ("阿勒泰市人民医院", OrganisationKind.HOSPITAL, "654301"),
    ("阿勒泰中学", OrganisationKind.SCHOOL, "654301"),
    ("可克达拉市镇江高级中学", OrganisationKind.SCHOOL, "659008"),
    ("克孜勒苏柯尔克孜自治州人民医院", OrganisationKind.HOSPITAL, "653000"),
]

# (key, name, kind, batch (side, number), pairings [(supporting, recipient)], parent key,
#  leader (name, title, home organisation))
COMMANDS = [
    ("yili10", "江苏省对口支援新疆伊犁哈萨克自治州前方指挥部", CommandKind.FRONT_COMMAND,
     ("320000", 10), [("320000", "654000"), ("320000", "659008")], None,
     ("周志强", "总指挥", "江苏省对口支援新疆工作领导小组办公室")),
    ("gongliu10", "张家港市对口支援巩留县工作组", CommandKind.WORK_GROUP,
     ("320000", 10), [("320582", "654024")], "yili10",
     ("钱建明", "组长", "张家港市对口支援新疆工作领导小组办公室")),
    ("yili9", "江苏省对口支援新疆伊犁哈萨克自治州前方指挥部", CommandKind.FRONT_COMMAND,
     ("320000", 9), [("320000", "654000"), ("320000", "659008")], None,
     ("陈立新", "总指挥", "江苏省对口支援新疆工作领导小组办公室")),
    ("kokdala9", "镇江市对口支援可克达拉市工作组", CommandKind.WORK_GROUP,
     ("320000", 9), [("321100", "659008")], "yili9",
     ("孙海涛", "组长", "镇江市对口支援新疆工作领导小组办公室")),
    ("kizilsu9", "江苏省对口支援新疆克孜勒苏柯尔克孜自治州前方指挥部", CommandKind.FRONT_COMMAND,
     ("320000", 9), [("320000", "653001"), ("320000", "653024"), ("320000", "653023")], None,
     ("刘卫东", "总指挥", "江苏省对口支援新疆工作领导小组办公室")),
    ("altay8", "吉林市对口支援阿勒泰市工作队", CommandKind.WORK_GROUP,
     ("220200", 8), [("220200", "654301")], None,
     ("赵永刚", "队长", "吉林市对口支援新疆工作领导小组办公室")),
    # The batch running today (吉林 第五批, from March 2023): its roster is current.
    ("altay5", "吉林省对口支援新疆阿勒泰地区前方指挥部", CommandKind.FRONT_COMMAND,
     ("220000", 5), [("220000", "654301"), ("220000", "654321"), ("220000", "654324"),
                     ("220000", "654326")], None,
     ("孟宪东", "总指挥", "吉林省对口支援新疆工作领导小组办公室")),
]

# (username, display name, role, command key or region code)
ACCOUNTS = [
    ("admin", "系统管理员", Role.ADMIN, None),
    ("js_office", "江苏省援疆办", Role.HOME_OFFICE, "320000"),
    ("jl_office", "吉林省援疆办", Role.HOME_OFFICE, "220000"),
    ("yili10", "江苏伊犁前指（第十批）", Role.COMMAND_STAFF, "yili10"),
    ("gongliu10", "张家港援巩留工作组（第十批）", Role.COMMAND_STAFF, "gongliu10"),
    ("yili9", "江苏伊犁前指（第九批）", Role.COMMAND_STAFF, "yili9"),
    ("kokdala9", "镇江援可克达拉工作组（第九批）", Role.COMMAND_STAFF, "kokdala9"),
    ("kizilsu9", "江苏克州前指（第九批）", Role.COMMAND_STAFF, "kizilsu9"),
    ("altay8", "吉林市援阿勒泰工作队（第八批）", Role.COMMAND_STAFF, "altay8"),
    ("altay5", "吉林援阿勒泰前指（第五批）", Role.COMMAND_STAFF, "altay5"),
    ("gongliu", "巩留县受援办", Role.RECIPIENT, "654024"),
    ("altay", "阿勒泰市受援办", Role.RECIPIENT, "654301"),
    ("kokdala", "可克达拉市受援办", Role.RECIPIENT, "659008"),
    ("kizilsu", "克州受援办", Role.RECIPIENT, "653000"),
    ("js_leader", "江苏省领导（只读）", Role.LEADER, "320000"),
    ("gongliu10_leader", "巩留工作组领导（只读）", Role.LEADER, "gongliu10"),
]


def _organisations() -> dict[str, Organisation]:
    out = {}
    for name, kind, code in ORGANISATIONS:
        region = Region.objects.get(pk=code)
        org = Organisation.objects.filter(region=region, name=name).first()
        if org is None:
            org = OrganisationService.create(
                acting_user=None, data={"name": name, "kind": kind, "region": region}
            )
        out[name] = org
    return out


def _commands(orgs: dict[str, Organisation]) -> dict[str, Command]:
    out: dict[str, Command] = {}
    for key, name, kind, (side, number), pairs, parent_key, leader in COMMANDS:
        batch = Batch.objects.get(supporting_region_id=side, number=number)
        pairings = [
            Pairing.objects.get(supporting_region_id=s, recipient_region_id=r) for s, r in pairs
        ]
        command = Command.objects.filter(batch=batch, name=name).first() or Command(
            batch=batch, name=name
        )
        command.kind = kind
        command.parent = out.get(parent_key) if parent_key else None
        CommandService.save(command, acting_user=None, m2m={"pairings": pairings})
        out[key] = command
        leader_name, title, org_name = leader
        if not command.members.filter(role=MemberRole.LEADER).exists():
            CommandMemberService.create(
                acting_user=None,
                data={"command": command, "name": leader_name, "role": MemberRole.LEADER,
                      "title": title, "organisation": orgs[org_name]},
            )
    return out


def _accounts(ctx: DemoContext, commands: dict[str, Command]) -> None:
    for username, display, role, anchor in ACCOUNTS:
        user = User.objects.filter(username=username).first() or User(username=username)
        user.last_name, user.first_name = display, ""
        user.role = role
        user.scope_command = commands.get(anchor) if anchor in commands else None
        user.scope_region = (
            Region.objects.get(pk=anchor) if anchor and anchor not in commands else None
        )
        user.is_active = True
        user.set_password(ctx.password)
        UserService.save(user, acting_user=None)
        ctx.users[username] = user
        if user.scope_command:
            scope = f"{user.scope_command}（{user.scope_command.batch}）"
        elif user.scope_region:
            scope = user.scope_region.full_name
        else:
            scope = "全部"
        ctx.accounts.append(DemoAccount(username, display, user.get_role_display(), scope))


def load(ctx: DemoContext) -> None:
    orgs = _organisations()
    commands = _commands(orgs)
    ctx.commands.update(commands)
    _accounts(ctx, commands)

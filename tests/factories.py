"""Factories for tests. They create records through the services (acting_user=None), so
test data obeys the same rules and fills the change log as real data would."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import factory

from yuanjiang.core.choices import CommandKind, MemberRole, OrganisationKind, Role
from yuanjiang.core.models import (
    Batch,
    Command,
    CommandMember,
    Organisation,
    Pairing,
    Region,
    User,
)
from yuanjiang.core.services import service_for

PASSWORD = "correct-horse-battery"


def region(code: str) -> Region:
    return Region.objects.get(pk=code)


def pairing(supporting: str, recipient: str) -> Pairing:
    return Pairing.objects.get(supporting_region_id=supporting, recipient_region_id=recipient)


def batch(supporting: str, number: int) -> Batch:
    return Batch.objects.get(supporting_region_id=supporting, number=number)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        service = service_for(model_class)
        m2m = {name: kwargs.pop(name) for name in service.m2m_fields if name in kwargs}
        return service.create(acting_user=None, data=kwargs, m2m=m2m)


class OrganisationFactory(ServiceFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"测试单位{n}")
    kind = OrganisationKind.OTHER
    region = factory.LazyFunction(lambda: region("654024"))


class BatchFactory(ServiceFactory):
    class Meta:
        model = Batch

    supporting_region = factory.LazyFunction(lambda: region("320000"))
    number = factory.Sequence(lambda n: 30 + n)
    start_date = dt.date(2030, 1, 1)
    end_date = dt.date(2032, 12, 31)


class CommandFactory(ServiceFactory):
    class Meta:
        model = Command

    name = factory.Sequence(lambda n: f"测试工作组{n}")
    kind = CommandKind.WORK_GROUP
    batch = factory.SubFactory(BatchFactory)
    pairings = factory.LazyFunction(lambda: [pairing("320582", "654024")])


class CommandMemberFactory(ServiceFactory):
    class Meta:
        model = CommandMember

    command = factory.SubFactory(CommandFactory)
    name = factory.Sequence(lambda n: f"成员{n}")
    role = MemberRole.MEMBER
    title = "组员"


class UserFactory(ServiceFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.ADMIN

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        user = model_class(**kwargs)
        user.set_password(PASSWORD)
        return service_for(model_class).save(user, acting_user=None)


@dataclass
class World:
    js9: Batch
    js10: Batch
    jl8: Batch
    yili: Command  # 江苏 front command in 伊犁, 第十批
    gongliu: Command  # 张家港→巩留 work group under it
    altay: Command  # 吉林市→阿勒泰 work team, 吉林市第八批
    hospital: Organisation
    gongliu_member: CommandMember
    altay_member: CommandMember
    admin: User
    js_office: User
    jl_office: User
    staff_yili: User
    staff_gongliu: User
    staff_altay: User
    recipient_gongliu: User
    recipient_yili: User
    recipient_altay: User
    leader_js: User
    leader_gongliu: User


def build_world() -> World:
    js9, js10, jl8 = batch("320000", 9), batch("320000", 10), batch("220200", 8)
    yili = CommandFactory(
        name="江苏伊犁前方指挥部", kind=CommandKind.FRONT_COMMAND, batch=js10,
        pairings=[pairing("320000", "654000"), pairing("320000", "659008")],
    )
    gongliu = CommandFactory(
        name="张家港援巩留工作组", batch=js10, parent=yili, pairings=[pairing("320582", "654024")]
    )
    altay = CommandFactory(name="吉林市援阿勒泰工作队", batch=jl8,
                           pairings=[pairing("220200", "654301")])
    return World(
        js9=js9, js10=js10, jl8=jl8, yili=yili, gongliu=gongliu, altay=altay,
        hospital=OrganisationFactory(name="巩留县人民医院", kind=OrganisationKind.HOSPITAL),
        gongliu_member=CommandMemberFactory(command=gongliu, name="钱组长", role=MemberRole.LEADER,
                                            title="组长"),
        altay_member=CommandMemberFactory(command=altay, name="赵队长", role=MemberRole.LEADER,
                                          title="队长"),
        admin=UserFactory(username="t_admin", role=Role.ADMIN),
        js_office=UserFactory(username="t_js", role=Role.HOME_OFFICE, scope_region=region("320000")),
        jl_office=UserFactory(username="t_jl", role=Role.HOME_OFFICE, scope_region=region("220000")),
        staff_yili=UserFactory(username="t_yili", role=Role.COMMAND_STAFF, scope_command=yili),
        staff_gongliu=UserFactory(username="t_gongliu", role=Role.COMMAND_STAFF,
                                  scope_command=gongliu),
        staff_altay=UserFactory(username="t_altay", role=Role.COMMAND_STAFF, scope_command=altay),
        recipient_gongliu=UserFactory(username="t_r_gongliu", role=Role.RECIPIENT,
                                      scope_region=region("654024")),
        recipient_yili=UserFactory(username="t_r_yili", role=Role.RECIPIENT,
                                   scope_region=region("654000")),
        recipient_altay=UserFactory(username="t_r_altay", role=Role.RECIPIENT,
                                    scope_region=region("654301")),
        leader_js=UserFactory(username="t_lead_js", role=Role.LEADER, scope_region=region("320000")),
        leader_gongliu=UserFactory(username="t_lead_gl", role=Role.LEADER, scope_command=gongliu),
    )

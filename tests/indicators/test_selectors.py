"""The figures of a scope and period: computed first, then the reported value, then combined
from reported values (years → batch, December → year, commands → command or province);
restricted to the user; a bounded number of queries; the scopes and periods a user may pick;
what changed since approval, and the approved figures."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import AllocationFactory, CommandFactory, ProjectFactory, advance, disburse, pairing
from yuanjiang.core.scope import PLATFORM
from yuanjiang.indicators.choices import ScopeKind
from yuanjiang.indicators.models import Indicator, Value
from yuanjiang.indicators.scopes import Period, Scope, ScopeError, parse_period, parse_scope
from yuanjiang.indicators.selectors import (
    drift,
    figures,
    official_figures,
    period_choices,
    scope_choices,
    scope_for,
)
from yuanjiang.indicators.services import (
    approval_approve,
    approval_for,
    approval_return,
    approval_submit,
    report_value,
)
from yuanjiang.projects.services import ArrivalService

pytestmark = pytest.mark.django_db
D = dt.date
M = Decimal
GONGLIU = "command:320582-654024:10"


def report(scope, period, code, value, **fields) -> Value:
    return report_value(acting_user=None, indicator=Indicator.objects.get(code=code), scope=scope,
                        period=period, value=M(value), **fields)


def year(y: int) -> Period:
    return Period.of_year(y)


@pytest.fixture
def gongliu(world) -> Scope:
    return Scope(ScopeKind.COMMAND, command=world.gongliu)


@pytest.fixture
def funds(world):
    """张家港→巩留, plan year 2021: one livelihood project in 巩留县 with 1,000,000.00 allocated
    (省级财政), approved 2021-03-01, paid 250,000.00 on 2021-05-01; 800,000.00 arrived on
    2021-03-20. Arrival rate 800,000 ÷ 1,000,000 = 80.00%, disbursement 25.00%."""
    project = ProjectFactory(command=world.gongliu, code="GL-1", budget=M("1000000.00"))
    AllocationFactory(command=world.gongliu, project=project, amount=M("1000000.00"))
    ArrivalService.create(acting_user=None, data={
        "command": world.gongliu, "year": 2021, "source": "provincial", "account": "command",
        "date": D(2021, 3, 20), "amount": M("800000.00")})
    advance(project, "approved", D(2021, 3, 1))
    disburse(project, "250000.00", D(2021, 5, 1))
    return project


# --- precedence ---------------------------------------------------------------------------------


def test_computed_then_reported_then_combined(world, funds, gongliu):
    """2021: the records give 1,000,000 for aid_funds_total, whatever was reported; 2022 has
    no records, so its reported 5,000,000 stands. The batch of investment_fairs has its own
    value (9): it beats the sum of its years (1 + 2 + 3 + 4 = 10); without it, the years add up."""
    report(gongliu, year(2021), "aid_funds_total", "5000000")
    reported_2022 = report(gongliu, year(2022), "aid_funds_total", "5000000")
    f = figures(world.staff_gongliu, gongliu, year(2021))
    total = f["aid_funds_total"]
    assert (total.value, total.source, total.value_ids) == (M("1000000.00"), "computed", ())
    assert (f.value("aid_funds_arrival_rate"), f["aid_funds_arrival_rate"].numerator,
            f["aid_funds_arrival_rate"].denominator) == (M("80.00"), M("800000.00"), M("1000000.00"))
    f = figures(world.staff_gongliu, gongliu, year(2022))
    total = f["aid_funds_total"]
    assert (total.value, total.source, total.value_ids) == (M("5000000.00"), "reported",
                                                            (reported_2022.pk,))
    assert total.records == f"/admin/indicators/value/?id__in={reported_2022.pk}"
    assert "aid_funds_arrived" not in f  # neither computed nor reported: no figure at all

    batch = parse_period("batch", gongliu)
    for y, n in zip(range(2020, 2024), (1, 2, 3, 4), strict=True):
        report(gongliu, year(y), "investment_fairs", n)
        report(gongliu, year(y), "investment_projects_landed", n)
    whole = report(gongliu, batch, "investment_fairs", 9)
    f = figures(world.staff_gongliu, gongliu, batch)
    assert (f.value("investment_fairs"), f["investment_fairs"].value_ids) == (M(9), (whole.pk,))
    landed = f["investment_projects_landed"]
    assert (landed.value, landed.note, len(landed.value_ids)) == (M(10), "由2020—2023年各年数值汇总", 4)


def test_a_batch_from_every_year(world, gongliu):
    """Sum: 1 + 2余 + 3 + 4 = 10余. Ratio: (1 + 99 + 30 + 20) ÷ (2 + 100 + 40 + 58) = 150 ÷ 200
    = 75.00%, not the mean of 50, 99, 75 and 34.48. A year missing, or a year's rate without
    its numerator and denominator: no batch figure. Last: the value of 2023."""
    batch = parse_period("batch", gongliu)
    for y, n, q in ((2020, 1, "exact"), (2021, 2, "more_than"), (2022, 3, "exact"), (2023, 4, "exact")):
        report(gongliu, year(y), "enterprises_visited", n, qualifier=q)
        report(gongliu, year(y), "recipient_gdp", n * 1000)
    for y, num, den in ((2020, 1, 2), (2021, 99, 100), (2022, 30, 40), (2023, 20, 58)):
        rate = M(num * 100) / M(den)
        report(gongliu, year(y), "aid_funds_arrival_rate", rate.quantize(M("0.01")), numerator=M(num),
               denominator=M(den))
        report(gongliu, year(y), "on_post_rate", rate.quantize(M("0.01")),
               **({} if y == 2022 else {"numerator": M(num), "denominator": M(den)}))
    for y in (2020, 2021, 2022):  # 2023 missing
        report(gongliu, year(y), "training_projects", 5)
    f = figures(world.staff_gongliu, gongliu, batch)
    assert (f.value("enterprises_visited"), f["enterprises_visited"].qualifier) == (M(10), "more_than")
    rate = f["aid_funds_arrival_rate"]
    assert (rate.numerator, rate.denominator, rate.value, rate.source) == (M(150), M(200), M("75.00"),
                                                                           "reported")
    assert "on_post_rate" not in f
    assert "training_projects" not in f
    assert f.value("recipient_gdp") == M(4000)


def test_a_year_from_its_december_figure(world, gongliu):
    """Months and quarters are year to date: 2021 is its December month (7, not 3 + 7); 2022
    its fourth quarter; 2023 has only November: no 2023 figure, and months never make a batch."""
    report(gongliu, parse_period("2021-06"), "investment_fairs", 3)
    december = report(gongliu, parse_period("2021-12"), "investment_fairs", 7)
    report(gongliu, parse_period("2022Q4"), "investment_fairs", 5)
    report(gongliu, parse_period("2023-11"), "investment_fairs", 6)
    f = figures(world.staff_gongliu, gongliu, year(2021))
    assert (f.value("investment_fairs"), f["investment_fairs"].value_ids) == (M(7), (december.pk,))
    assert f["investment_fairs"].note == "取2021年全年累计数"
    assert figures(world.staff_gongliu, gongliu, year(2022)).value("investment_fairs") == M(5)
    assert "investment_fairs" not in figures(world.staff_gongliu, gongliu, year(2023))
    assert figures(world.staff_gongliu, gongliu, parse_period("2021-06")).value("investment_fairs") == 3
    assert "investment_fairs" not in figures(world.staff_gongliu, gongliu, parse_period("batch", gongliu))


def test_a_command_from_the_commands_under_it(world, gongliu):
    """江苏伊犁前方指挥部 has one command under it, 张家港→巩留: its 4 is the front command's."""
    yili = Scope(ScopeKind.COMMAND, command=world.yili)
    report(gongliu, year(2021), "investment_fairs", 4)
    f = figures(world.staff_yili, yili, year(2021))
    assert (f.value("investment_fairs"), f["investment_fairs"].note) == (M(4), "由下属1个指挥部的数值汇总")
    report(yili, year(2021), "investment_fairs", 11)  # its own value comes first
    assert figures(world.staff_yili, yili, year(2021)).value("investment_fairs") == M(11)


@pytest.fixture
def another_top(world):
    """A second top command of 江苏省第十批 (阿图什市), and a command of 第九批 (2017–2019),
    which has no part in 2021 or in 第十批."""
    CommandFactory(name="江苏省第九批乌恰工作组", batch=world.js9, pairings=[pairing("320000", "653024")])
    return CommandFactory(name="江苏援阿图什工作组", batch=world.js10,
                          pairings=[pairing("320000", "653001")])


def test_a_province_from_its_commands(world, another_top):
    """江苏省 2021 = 伊犁前指 + 阿图什: 1 + 2 = 3; rates 1 of 2 and 99 of 100 → 100 ÷ 102 =
    98.04%. A code one of them lacks: none. A `last` indicator is never added across scopes."""
    province = parse_scope("province:320000")
    yili = Scope(ScopeKind.COMMAND, command=world.yili)
    atush = Scope(ScopeKind.COMMAND, command=another_top)
    for scope, n, num, den in ((yili, 1, 1, 2), (atush, 2, 99, 100)):
        report(scope, year(2021), "investment_fairs", n)
        report(scope, year(2021), "aid_funds_arrival_rate", M(num * 100 / den).quantize(M("0.01")),
               numerator=M(num), denominator=M(den))
        report(scope, year(2021), "recipient_gdp", n)
    report(yili, year(2021), "training_projects", 5)
    f = figures(world.js_office, province, year(2021))
    assert (f.value("investment_fairs"), f["investment_fairs"].note) == (M(3), "由下属2个指挥部的数值汇总")
    rate = f["aid_funds_arrival_rate"]
    assert (rate.numerator, rate.denominator, rate.value) == (M(100), M(102), M("98.04"))
    assert "training_projects" not in f
    assert "recipient_gdp" not in f
    # The whole batch from the batch values of the same two commands.
    for scope in (yili, atush):
        report(scope, parse_period("batch", scope), "cadres_trained", 10)
    assert figures(world.js_office, province, parse_period("batch:10", province)).value(
        "cadres_trained") == M(20)


def test_figures_are_restricted_to_the_user(world, funds, gongliu):
    report(gongliu, year(2021), "investment_fairs", 4)
    for user in (world.jl_office, world.staff_altay, world.recipient_altay):
        assert dict(figures(user, gongliu, year(2021)).items()) == {}, user
    seen = figures(world.recipient_gongliu, gongliu, year(2021))
    assert (seen.value("aid_funds_total"), seen.value("investment_fairs")) == (M("1000000.00"), M(4))


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_queries_are_bounded_whatever_the_number_of_projects(world, funds, gongliu):
    province = parse_scope("province:320000")
    report(Scope(ScopeKind.COMMAND, command=world.yili), year(2021), "investment_fairs", 4)

    def run():
        figures(world.js_office, province, year(2021))
        figures(world.staff_gongliu, gongliu, parse_period("batch", gongliu))

    run()  # permissions and scopes are loaded once per user
    few = _count(run)
    for i in range(30):
        p = ProjectFactory(command=world.gongliu, code=f"X{i}", category="industry")
        AllocationFactory(command=world.gongliu, project=p, amount=M("1000.00"))
        advance(p, "approved", D(2021, 3, 1))
        disburse(p, "10.00", D(2021, 4, 1))
    assert _count(run) == few
    assert few < 60
    f = figures(world.js_office, province, year(2021))
    assert (f.value("aid_projects_total"), f.value("aid_funds_total")) == (31, M("1030000.00"))


# --- the scopes and periods a user may pick --------------------------------------------------------


def idents(user) -> set[str]:
    return {ident for ident, _label in scope_choices(user)}


def test_scope_choices_per_role(world):
    gl = pairing("320582", "654024")
    assert scope_choices(world.staff_gongliu) == [
        (f"command:{world.gongliu.pk}", "张家港援巩留工作组（江苏省第十批）"),
        (f"pairing:{gl.pk}", "张家港市→巩留县（各批次）")]
    assert idents(world.leader_gongliu) == idents(world.staff_gongliu)
    jiangsu = {f"command:{world.yili.pk}", f"command:{world.gongliu.pk}",
               f"pairing:{pairing('320000', '654000').pk}", f"pairing:{pairing('320000', '659008').pk}",
               f"pairing:{gl.pk}"}
    assert idents(world.staff_yili) == jiangsu
    assert idents(world.js_office) == idents(world.leader_js) == jiangsu | {"province:320000"}
    assert ("province:320000", "江苏省（全部指挥部）") in scope_choices(world.js_office)
    assert idents(world.jl_office) == {f"command:{world.altay.pk}",
                                       f"pairing:{pairing('220200', '654301').pk}", "province:220000"}
    assert idents(world.recipient_gongliu) == {f"command:{world.gongliu.pk}", f"pairing:{gl.pk}",
                                               "region:654024"}
    assert ("region:654024", "新疆维吾尔自治区伊犁哈萨克自治州巩留县（受援地）") in scope_choices(
        world.recipient_gongliu)
    everything = idents(world.admin)
    assert jiangsu | {f"command:{world.altay.pk}", "province:320000", "province:220200"} <= everything


def test_scope_for_refuses_what_is_out_of_reach(world):
    message = "范围不存在或不在您的数据范围内"
    for ident in (f"command:{world.altay.pk}", "province:320000", "command:999999", "region:654024"):
        with pytest.raises(ScopeError, match=message):
            scope_for(world.staff_gongliu, ident)
    assert scope_for(world.staff_gongliu, f"command:{world.gongliu.pk}").command == world.gongliu
    assert scope_for(world.js_office, "province:320000").kind == ScopeKind.PROVINCE


def _expected_years(first: int, last: int) -> list[str]:
    today = timezone.localdate()
    out = []
    for y in range(last, first - 1, -1):
        out.append(str(y))
        out += [f"{y}Q{q}" for q in (4, 3, 2, 1) if (y, 3 * q - 2) <= (today.year, today.month)]
    return out


def test_period_choices_of_a_command_and_of_a_province(world, another_top, gongliu):
    choices = period_choices(gongliu)
    assert choices[0] == ("batch", "整个批次：第十批（2020—2023年）")
    assert [k for k, _l in choices[1:]] == _expected_years(2020, 2023)
    assert dict(choices)["2022Q3"] == "2022年第三季度（1—9月累计）"
    province = period_choices(parse_scope("province:320000"))
    assert province[:2] == [("batch:10", "整个批次：第十批（2020—2023年）"),
                            ("batch:9", "整个批次：第九批（2017—2019年）")]
    assert [k for k, _l in province[2:]] == _expected_years(2017, 2023)
    # The period being shown is offered too, first; an unreadable one is not.
    assert period_choices(gongliu, "2019-05")[0] == ("2019-05", "2019年5月")
    assert period_choices(gongliu, "2021") == choices
    assert period_choices(gongliu, "二〇二一") == choices


# --- approvals -------------------------------------------------------------------------------------


@pytest.fixture
def approved(world, funds, gongliu):
    approval = approval_for(gongliu, year(2021), acting_user=world.staff_gongliu)
    approval_submit(approval, acting_user=world.staff_gongliu)
    approval_approve(approval, acting_user=world.js_office)
    return approval


def test_drift_lists_what_changed_after_approval(world, funds, gongliu, approved):
    """Approved with 1,000,000 arranged; 100,000 more is allocated to the project afterwards:
    aid_funds_total 1,100,000 (+100,000), arrival rate 800,000 ÷ 1,100,000 = 72.73% (was
    80.00), disbursement 250,000 ÷ 1,100,000 = 22.73% (was 25.00); the rest is unchanged."""
    assert drift(approved, figures(PLATFORM, gongliu, year(2021))) == []
    AllocationFactory(command=world.gongliu, project=funds, amount=M("100000.00"))
    changed = drift(approved, figures(PLATFORM, gongliu, year(2021)))
    by_code = {d.code: d for d in changed}
    assert set(by_code) == {"aid_funds_total", "aid_funds_arrival_rate", "aid_funds_disbursement_rate"}
    total = by_code["aid_funds_total"]
    assert (total.name, total.approved.value, total.current.value, total.difference) == (
        "援疆资金总额", M("1000000.00"), M("1100000.00"), M("100000.00"))
    assert (by_code["aid_funds_arrival_rate"].approved.value,
            by_code["aid_funds_arrival_rate"].current.value) == (M("80.00"), M("72.73"))
    assert [d.code for d in changed][0] == "aid_funds_total"  # in catalog order


def test_official_figures_are_the_approved_ones(world, funds, gongliu, approved):
    AllocationFactory(command=world.gongliu, project=funds, amount=M("100000.00"))
    official, approval = official_figures(world.staff_gongliu, gongliu, year(2021))
    assert approval == approved
    total = official["aid_funds_total"]
    assert total.value == M("1000000.00")  # as approved, not today's 1,100,000
    assert total.records == figures(world.staff_gongliu, gongliu, year(2021))["aid_funds_total"].records
    assert total.records.startswith("/admin/projects/allocation/?figure_scope=")
    # Returned: no longer approved, today's figures again.
    approval_return(approved, acting_user=world.js_office, reason="请核对")
    official, approval = official_figures(world.staff_gongliu, gongliu, year(2021))
    assert (official.value("aid_funds_total"), approval.status) == (M("1100000.00"), "returned")
    # A period never submitted: today's figures, no approval.
    official, approval = official_figures(world.staff_gongliu, gongliu, year(2022))
    assert approval is None and dict(official.items()) == {}

"""Benchmarks of 援疆通. Run with `./dev bench` (add `--help` for options).

Five benchmarks (all by default; name one or more to run them alone):

roster: a 5,000-row roster (花名册) checked and imported as the background job does it:
parse, a full dry run rolled back, then the import in one transaction; rows per second.

scope: the data-scope mechanism on a large generated dataset. It builds, in a throwaway
database, N front commands with sub-commands and members spread over the pairings, then
times for each kind of user the restricted count and the first page of the command and
member lists, and prints the figures with the number of queries. Uses PostgreSQL when
DATABASE_URL names it (a test database is created and dropped), SQLite otherwise.

funds: the projects' figures on national-scale data. It generates --projects projects over
200 work groups of all supporting provinces, with two allocations, an arrival and three
disbursements each, then times the funds summary (funds, the four rates, the two 80%
shares, counts by stage and category), the projects that pull the shares down, the early
warnings and the monthly table, for a province's home office and for one work group.

figures: the dashboard and the reports on the same national-scale data, with postings of
20 people per work group: every figure of a scope and period (the indicators layer: the
computed providers, the reported values, the approval), the dashboard's yearly series,
the work summary (text with its trace, then Word with charts) and the statistical tables,
for a province's home office (a year, and the whole batch) and for one work group.

extraction: figures of narrative texts (yuanjiang extract) on the texts of shared/corpus
(when it is beside the repository) and on the project's own test texts, against their
answers: precision, recall and F1 per text and over all, indicator-label accuracy, and
throughput; side by side, on money (the only figures it reads), jionlp's money extraction
run in the same process over the same texts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yuanjiang.settings.test")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--commands", type=int, default=2000, help="work groups to generate")
    parser.add_argument("--members", type=int, default=50, help="members per work group")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rows", type=int, default=5000, help="rows of the roster benchmark")
    parser.add_argument("--projects", type=int, default=50000, help="projects of the funds benchmark")
    parser.add_argument("which", nargs="*", choices=["roster", "scope", "funds", "figures", "extraction", []],
                        default=[])
    args = parser.parse_args()
    which = args.which or ["roster", "scope", "funds", "figures", "extraction"]

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, get_runner

    if "extraction" in which:
        extraction_bench(args)  # reads texts only: no database
        which = [w for w in which if w != "extraction"]
        if not which:
            return
    runner = get_runner(settings)(verbosity=0)
    old = runner.setup_databases()
    try:
        if "roster" in which:
            roster_bench(args)
        if "scope" in which:
            run(args, connection, CaptureQueriesContext)
        data = None
        if "funds" in which:
            data = funds_bench(args, connection, CaptureQueriesContext)
        if "figures" in which:
            figures_bench(args, connection, CaptureQueriesContext, data)
    finally:
        runner.teardown_databases(old)


def roster_bench(args) -> None:
    import io
    import random

    from django.db import transaction
    from openpyxl import Workbook

    from yuanjiang.core.changelog import change_context
    from yuanjiang.core.demo import DemoContext
    from yuanjiang.core.demo import load as core_demo
    from yuanjiang.core.models import Command, Organisation, Region, User
    from yuanjiang.core.reference import load_all
    from yuanjiang.core.services import OrganisationService
    from yuanjiang.people import ids, roster

    with change_context(source="system"):
        load_all()
        core_demo(DemoContext(password="bench-only"))
        OrganisationService.create(acting_user=None, data={
            "name": "布尔津县人民政府", "kind": "party_government",
            "region": Region.objects.get(pk="654321")})
    if not Organisation.objects.filter(name="吉林省对口支援新疆工作领导小组办公室").exists():
        raise SystemExit("demo organisations missing")
    command = Command.objects.get(name="吉林省对口支援新疆阿勒泰地区前方指挥部")
    user = User.objects.get(username="altay5")
    rng = random.Random(7)
    wb = Workbook()
    ws = wb.active
    ws.title = roster.SHEET
    ws.append(roster.HEADERS)
    seen = set()
    for i in range(args.rows):
        while True:
            born = dt.date(rng.randint(1965, 1995), rng.randint(1, 12), rng.randint(1, 28))
            number = ids.make("220102", born, rng.randint(0, 999))
            if number not in seen:
                seen.add(number)
                break
        values = {"姓名": f"测试{i}", "身份证号": number, "民族": "汉族",
                  "派出单位": "吉林省对口支援新疆工作领导小组办公室", "人员类别": "党政干部",
                  "受援单位": "布尔津县人民政府", "挂职职务": "副县长", "任期": "三年",
                  "开始日期": "2024-03-01"}
        ws.append([values.get(h) for h in roster.HEADERS])
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()

    class Rollback(Exception):
        pass

    t0 = time.perf_counter()
    rows = roster.read_rows(data)
    t1 = time.perf_counter()
    with change_context(user=user, source="import"):
        try:
            with transaction.atomic():
                roster.import_rows(rows, command, acting_user=user)
                raise Rollback
        except Rollback:
            pass
        t2 = time.perf_counter()
        with transaction.atomic():
            counts = roster.import_rows(rows, command, acting_user=user)
        t3 = time.perf_counter()
    n = len(rows)
    print(f"花名册导入 {n:,} 行（{connection_vendor()}）：读取 {t1 - t0:.1f} 秒；"
          f"检查（整批试导入后回滚）{t2 - t1:.1f} 秒，{n / (t2 - t1):,.0f} 行/秒；"
          f"导入 {t3 - t2:.1f} 秒，{n / (t3 - t2):,.0f} 行/秒；新登记 {counts['people_new']:,} 人")
    print()


def connection_vendor() -> str:
    from django.db import connection

    return connection.vendor


def run(args, connection, CaptureQueriesContext) -> None:
    from django.db import transaction

    from yuanjiang.core.changelog import change_context
    from yuanjiang.core.choices import CommandKind, MemberRole, Role
    from yuanjiang.core.models import (
        Batch,
        Command,
        CommandMember,
        CommandPairing,
        Pairing,
        Region,
        User,
    )
    from yuanjiang.core.reference import load_all

    t0 = time.perf_counter()
    with change_context(source="system"):
        load_all()
    # Generated data: one batch per supporting side, a front command per province-level
    # pairing, work groups on generated city-level pairings under it, members in bulk.
    counties = list(Region.objects.filter(path__startswith="/650000/", level="county"))
    sides = list(Region.objects.filter(level="prefecture").exclude(code__startswith="65")[:300])
    with transaction.atomic():
        batches = {}
        fronts = []
        for p in Pairing.objects.filter(level="province").select_related("supporting_region"):
            side = p.supporting_province_id
            if side not in batches:
                batches[side] = Batch.objects.create(
                    supporting_region_id=side, number=90, name="第九十批",
                    start_date=dt.date(2030, 1, 1), end_date=dt.date(2032, 12, 31))
            cmd = Command.objects.create(name=f"前指{p.pk}", kind=CommandKind.FRONT_COMMAND,
                                         batch=batches[side])
            CommandPairing.objects.create(command=cmd, pairing=p, batch=batches[side])
            fronts.append((cmd, p))
        groups, links, members = [], [], []
        for i in range(args.commands):
            front, _ = fronts[i % len(fronts)]
            groups.append(Command(name=f"工作组{i}", kind=CommandKind.WORK_GROUP,
                                  batch=front.batch, parent=front))
        Command.objects.bulk_create(groups, batch_size=1000)
        pairings = []
        for i in range(len(groups)):
            side = sides[i % len(sides)]  # distinct (side, county) pairs for every group
            county = counties[(i // len(sides)) % len(counties)]
            pairings.append(Pairing(supporting_region=side, recipient_region=county,
                                    supporting_province_id=side.code[:2] + "0000", level="city",
                                    from_year=2010))
        Pairing.objects.bulk_create(pairings, batch_size=1000)
        for g, p in zip(groups, pairings, strict=True):
            links.append(CommandPairing(command=g, pairing=p, batch=g.batch))
            for j in range(args.members):
                members.append(CommandMember(command=g, name=f"成员{j}",
                                             role=MemberRole.LEADER if j == 0 else MemberRole.MEMBER,
                                             title="组员"))
        CommandPairing.objects.bulk_create(links, batch_size=2000)
        CommandMember.objects.bulk_create(members, batch_size=5000)
        front0 = fronts[0][0]
        users = {
            "系统管理员": User(username="b_admin", role=Role.ADMIN, is_superuser=True, is_staff=True),
            "后方管理（江苏）": User(username="b_js", role=Role.HOME_OFFICE, scope_region_id="320000"),
            "前方指挥部（省级前指）": User(username="b_front", role=Role.COMMAND_STAFF,
                                       scope_command=front0),
            "前方指挥部（工作组）": User(username="b_group", role=Role.COMMAND_STAFF,
                                      scope_command=groups[0]),
            "受援地（伊犁州）": User(username="b_yili", role=Role.RECIPIENT, scope_region_id="654000"),
        }
        for u in users.values():
            u.set_unusable_password()
            u.save()
    built = time.perf_counter() - t0
    print(f"数据：指挥部 {Command.objects.count():,} 个，成员 {CommandMember.objects.count():,} 人，"
          f"对口支援关系 {Pairing.objects.count():,} 个（{connection.vendor}，生成用时 {built:.1f} 秒）")
    print()
    print(f"{'用户':<16}{'列表':<8}{'可见行数':>10}{'计数 ms':>10}{'首页 ms':>10}{'查询数':>8}")
    for label, user in users.items():
        user = User.objects.get(pk=user.pk)
        user.get_all_permissions()
        for model, name in ((Command, "指挥部"), (CommandMember, "成员")):
            counts, pages = [], []
            for _ in range(args.repeat):
                start = time.perf_counter()
                n = model.objects.restrict(user).count()
                counts.append(time.perf_counter() - start)
                with CaptureQueriesContext(connection) as ctx:
                    start = time.perf_counter()
                    list(model.objects.restrict(user).order_by("pk")[:50])
                    pages.append(time.perf_counter() - start)
            print(f"{label:<16}{name:<8}{n:>10,}{statistics.median(counts) * 1000:>10.1f}"
                  f"{statistics.median(pages) * 1000:>10.1f}{len(ctx.captured_queries):>8}")


def build_funds_data(args, connection):
    """Projects, allocations, arrivals and disbursements of national scale (see funds)."""
    import random
    from decimal import Decimal

    from django.db import transaction

    from yuanjiang.core.changelog import change_context
    from yuanjiang.core.choices import CommandKind, Role
    from yuanjiang.core.models import Batch, Command, CommandPairing, Pairing, Region, User
    from yuanjiang.core.reference import load_all
    from yuanjiang.projects.choices import Category, Stage
    from yuanjiang.projects.models import Allocation, Arrival, Disbursement, Project

    rng = random.Random(11)
    t0 = time.perf_counter()
    with change_context(source="system"):
        load_all()
    stages = list(Stage)
    with transaction.atomic():
        groups = []
        for i, p in enumerate(Pairing.objects.filter(level="province")):
            batch, _ = Batch.objects.get_or_create(
                supporting_region_id=p.supporting_province_id, number=91,
                defaults={"name": "第九十一批", "start_date": dt.date(2030, 1, 1),
                          "end_date": dt.date(2032, 12, 31)})
            for j in range(200 // 19 + 1):
                cmd = Command.objects.create(name=f"工作组{i}-{j}", kind=CommandKind.WORK_GROUP,
                                             batch=batch)
                if j == 0:  # one command per pairing and batch; the others are work groups
                    CommandPairing.objects.create(command=cmd, pairing=p, batch=batch)
                groups.append((cmd, p.recipient_region_id, p.supporting_province_id))
        counties = {r.code: r for r in Region.objects.filter(code__startswith="65")}
        projects = []
        for k in range(args.projects):
            cmd, recipient, _side = groups[k % len(groups)]
            stage = stages[rng.randrange(len(stages))]
            start = dt.date(2030 + rng.randrange(3), rng.randint(1, 12), rng.randint(1, 28))
            category = rng.choice(list(Category))
            projects.append(Project(
                code=f"B{k:07d}", name=f"项目{k}", command=cmd, region=counties[recipient],
                category=category, livelihood_kind="education" if category == Category.LIVELIHOOD else "",
                is_livelihood=category in ("livelihood", "group_education", "group_medical"),
                is_grassroots=counties[recipient].level == "county", plan_year=start.year,
                budget=Decimal(rng.randint(10_000, 50_000_000)), planned_start=start,
                planned_end=start + dt.timedelta(days=rng.randint(90, 600)), stage=stage,
                approved_on=start - dt.timedelta(days=30), progress_percent=rng.randint(0, 100)))
        Project.objects.bulk_create(projects, batch_size=5000)
        allocations, arrivals, payments = [], [], []
        for p in projects:
            for source in ("provincial", "municipal"):
                allocations.append(Allocation(command=p.command, project=p, year=p.plan_year,
                                              source=source, amount=p.budget / 2))
            arrivals.append(Arrival(command=p.command, year=p.plan_year, source="provincial",
                                    account="command", date=p.planned_start, amount=p.budget * 9 / 10))
            for n in range(3):
                payments.append(Disbursement(project=p, date=p.planned_start + dt.timedelta(days=30 * n),
                                             amount=(p.budget / 4).quantize(Decimal("0.01")),
                                             voucher_number=f"V{n}"))
        Allocation.objects.bulk_create(allocations, batch_size=5000)
        Arrival.objects.bulk_create(arrivals, batch_size=5000)
        Disbursement.objects.bulk_create(payments, batch_size=5000)
        office = User(username="f_js", role=Role.HOME_OFFICE, scope_region_id="320000")
        staff = User(username="f_group", role=Role.COMMAND_STAFF, scope_command=groups[0][0])
        for u in (office, staff):
            u.set_unusable_password()
            u.save()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # what autovacuum does after a bulk load
            cursor.execute("ANALYZE")
    built = time.perf_counter() - t0
    print(f"数据：项目 {Project.objects.count():,} 个，资金安排 {Allocation.objects.count():,} 笔，"
          f"到位 {Arrival.objects.count():,} 笔，拨付 {Disbursement.objects.count():,} 笔"
          f"（{connection.vendor}，生成用时 {built:.1f} 秒）")
    return groups, office, staff


def _timed(args, connection, CaptureQueriesContext, fn) -> tuple[float, int]:
    times = []
    for _ in range(args.repeat):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, len(ctx.captured_queries)


def funds_bench(args, connection, CaptureQueriesContext):
    from yuanjiang.core.models import Region, User
    from yuanjiang.projects import selectors

    data = build_funds_data(args, connection)
    groups, office, staff = data
    print()
    print(f"{'用户':<14}{'读取':<22}{'毫秒':>10}{'查询数':>8}")
    js = Region.objects.get(pk="320000")
    for label, user, narrow in (
        ("后方管理（江苏）", office, selectors.Narrow(supporting=js, year=2031)),
        ("前方（工作组）", staff, selectors.Narrow(command=groups[0][0])),
    ):
        user = User.objects.get(pk=user.pk)
        user.get_all_permissions()
        for name, fn in (
            ("资金与比率", lambda u=user, n=narrow: selectors.funds_summary(u, n)),
            ("拉低民生占比的项目", lambda u=user, n=narrow: list(selectors.share_breakers(u, n)[:10])),
            ("监测预警（前 50）", lambda u=user, n=narrow: list(
                selectors.warnings(u, n, today=dt.date(2031, 6, 30))[:50])),
            ("月报行", lambda u=user, n=narrow: sum(1 for _ in selectors.disbursed_by_project(
                u, n, as_of=dt.date(2031, 6, 30)).iterator())),
        ):
            ms, queries = _timed(args, connection, CaptureQueriesContext, fn)
            print(f"{label:<14}{name:<22}{ms:>10.1f}{queries:>8}")
    summary = selectors.funds_summary(office, selectors.Narrow(supporting=js, year=2031))
    print()
    print(f"江苏 2031 年：安排 {summary.planned:,.2f} 元，项目 {summary.projects:,} 个，"
          f"拨付率 {summary.disbursement_rate}%，民生占比 {summary.livelihood_share}%")
    return data


def figures_bench(args, connection, CaptureQueriesContext, data) -> None:
    import datetime as dt

    from django.db import transaction

    from yuanjiang.core.models import Organisation, Region, User
    from yuanjiang.indicators.scopes import Period, Scope
    from yuanjiang.indicators.selectors import figures
    from yuanjiang.people.models import Assignment, Person
    from yuanjiang.reports.document import to_markdown
    from yuanjiang.reports.docx import write_docx
    from yuanjiang.reports.summary import write_summary
    from yuanjiang.reports.tables import statistical_tables

    if data is None:
        data = build_funds_data(args, connection)
    groups, office, staff = data
    t0 = time.perf_counter()
    with transaction.atomic():
        org = Organisation.objects.create(name="基准测试单位", kind="party_government", region_id="320000")
        people, postings = [], []
        kinds = [("cadre", ""), ("professional", "teacher"), ("professional", "doctor"),
                 ("professional", "other"), ("flexible", "")]
        for g in range(len(groups)):
            for n in range(20):
                k = g * 20 + n
                people.append(Person(name=f"人员{k}", gender="male", ethnicity="01",
                                     birth_date=dt.date(1980, 1, 1), id_number_encrypted="-",
                                     id_number_hash=f"bench-{k:08d}", id_number_masked="-",
                                     political_status="cpc_member", education="bachelor",
                                     home_organisation=org))
        Person.objects.bulk_create(people, batch_size=5000)
        for i, person in enumerate(people):
            cmd = groups[i // 20][0]
            category, kind = kinds[i % len(kinds)]
            postings.append(Assignment(person=person, command=cmd, category=category,
                                       professional_kind=kind, post="岗位", term_type="3y", organisation=org,
                                       start_date=dt.date(2030, 3, 1),
                                       planned_end_date=dt.date(2032, 12, 31), status="on_post"))
        Assignment.objects.bulk_create(postings, batch_size=5000)
        build_activity_data(groups, postings)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print()
    from yuanjiang.exchange.models import Sale
    from yuanjiang.investment.models import Activity
    from yuanjiang.talent.models import Mentorship, Trainee

    print(f"数据：另有人员 {Person.objects.count():,} 名、选派 {Assignment.objects.count():,} 条，"
          f"招商活动 {Activity.objects.count():,} 次、参训人员 {Trainee.objects.count():,} 名、"
          f"师徒结对 {Mentorship.objects.count():,} 对、销售 {Sale.objects.count():,} 条"
          f"（生成用时 {time.perf_counter() - t0:.1f} 秒）")
    print()
    print(f"{'范围与时期':<26}{'读取':<20}{'毫秒':>10}{'查询数':>8}")
    js = Region.objects.get(pk="320000")
    batch = next(cmd.batch for cmd, _recipient, side in groups if side == "320000")
    cases = (
        ("江苏（后方管理）2031 年", office, Scope("province", region=js), Period.of_year(2031)),
        ("江苏（后方管理）整个批次", office, Scope("province", region=js), Period.of_batch(batch)),
        ("工作组 整个批次", staff, Scope("command", command=groups[0][0]),
         Period.of_batch(groups[0][0].batch)),
    )
    for label, user, scope, period in cases:
        user = User.objects.get(pk=user.pk)
        user.get_all_permissions()
        steps = [
            ("全部指标", lambda u=user, s=scope, p=period: figures(u, s, p)),
            ("驾驶舱（含分年度）", lambda u=user, s=scope, p=period: [figures(u, s, p)] + [
                figures(u, s, Period.of_year(y)) for y in (p.years if p.kind == "batch" else [])]),
            ("工作总结（文字）", lambda u=user, s=scope, p=period: to_markdown(
                write_summary(u, s, p).document)),
            ("工作总结（Word）", lambda u=user, s=scope, p=period: write_docx(
                write_summary(u, s, p).document)),
            ("统计报表（Excel）", lambda u=user, s=scope, p=period: statistical_tables(u, s, p)),
        ]
        for name, fn in steps:
            ms, queries = _timed(args, connection, CaptureQueriesContext, fn)
            print(f"{label:<26}{name:<20}{ms:>10.1f}{queries:>8}")
    f = figures(office, cases[0][2], cases[0][3])
    print()
    print(f"江苏 2031 年：援疆资金 {f.value('aid_funds_total'):,.2f} 元，"
          f"项目 {f.value('aid_projects_total')} 个，"
          f"在岗 {f.value('people_on_post')} 人，在岗率 {f.value('on_post_rate')}%；"
          f"拜访企业 {f.value('enterprises_visited')} 家，"
          f"落地项目 {f.value('investment_projects_landed')} 个，"
          f"培训 {f.value('cadres_trained')} 人，结对 {f.value('local_talent_mentored')} 人，"
          f"销售 {f.value('consumption_aid_sales'):,.2f} 元")


def build_activity_data(groups, postings) -> None:
    """Investment, training, mentoring, sales and events for every command of the bench."""
    import datetime as dt
    from decimal import Decimal

    from yuanjiang.exchange.models import CulturalEvent, Sale
    from yuanjiang.investment.models import Activity, Enterprise, FundsInPlace, InvestmentProject
    from yuanjiang.talent.models import Mentorship, Trainee, TrainingProgramme

    firms, activities, projects, programmes = [], [], [], []
    for g, (cmd, _recipient, _side) in enumerate(groups):
        firms += [Enterprise(command=cmd, name=f"企业{g}-{n}", industry="food") for n in range(5)]
    Enterprise.objects.bulk_create(firms, batch_size=5000)
    for g, (cmd, recipient, _side) in enumerate(groups):
        for n in range(12):
            kind = ("visit", "fair", "reception")[n % 3]
            activities.append(Activity(command=cmd, kind=kind, date=dt.date(2030 + n % 3, 3 + n % 9, 10),
                                       title=f"活动{g}-{n}", place="某地"))
        for n in range(2):
            day = dt.date(2030 + n, 6, 1)
            projects.append(InvestmentProject(
                command=cmd, name=f"招商项目{g}-{n}", enterprise=firms[g * 5 + n], industry="food",
                region_id=recipient, agreement_amount=Decimal(50_000_000),
                planned_investment=Decimal(40_000_000),
                jobs_created=50, stage="landed", signed_on=day, landed_on=day + dt.timedelta(days=60)))
        for n in range(5):
            day = dt.date(2030 + n % 3, 4 + n, 1)
            programmes.append(TrainingProgramme(command=cmd, name=f"培训班{g}-{n}", venue="local",
                                                start_date=day, end_date=day + dt.timedelta(days=5),
                                                funds=Decimal(100_000)))
    Activity.objects.bulk_create(activities, batch_size=5000)
    links = Activity.enterprises.through
    links.objects.bulk_create([links(activity_id=a.pk, enterprise_id=firms[(i // 12) * 5 + i % 5].pk)
                               for i, a in enumerate(activities) if a.kind == "visit"], batch_size=5000)
    InvestmentProject.objects.bulk_create(projects, batch_size=5000)
    FundsInPlace.objects.bulk_create([FundsInPlace(project=p, date=p.landed_on, amount=Decimal(10_000_000))
                                      for p in projects], batch_size=5000)
    TrainingProgramme.objects.bulk_create(programmes, batch_size=5000)
    Trainee.objects.bulk_create([Trainee(programme=p, name=f"学员{i}-{n}", organisation="某单位")
                                 for i, p in enumerate(programmes) for n in range(10)], batch_size=5000)
    Mentorship.objects.bulk_create([
        Mentorship(command=a.command, mentor=a, mentee_name=f"徒弟{i}-{n}", mentee_organisation="某单位",
                   start_date=dt.date(2030, 6, 1))
        for i, a in enumerate(postings) if a.category == "professional" for n in range(2)], batch_size=5000)
    Sale.objects.bulk_create([Sale(command=cmd, channel="online", year=2030 + n // 12, month=n % 12 + 1,
                                   products="特色农产品", amount=Decimal(250_000))
                              for cmd, _r, _s in groups for n in range(36)], batch_size=5000)
    CulturalEvent.objects.bulk_create([
        CulturalEvent(command=cmd, kind=("performance", "delegation")[n % 2], title=f"活动{n}",
                      date=dt.date(2031, 1 + n, 1), place="某地")
        for cmd, _r, _s in groups for n in range(6)], batch_size=5000)


def extraction_bench(args) -> None:
    import json
    from collections import Counter
    from pathlib import Path

    from yuanjiang.ingest.extract import extract
    from yuanjiang.ingest.text import read_source

    root = Path(__file__).resolve().parents[1]
    texts = sorted((root.parent / "shared" / "corpus").glob("*.txt"))
    if not texts:
        print("（未找到 ../shared/corpus，只用项目自带的测试文稿）")
    texts += sorted(p for p in (root / "tests" / "ingest" / "texts").glob("*.txt")
                    if p.with_suffix(".gold.json").exists())
    try:
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
            import jionlp
    except ImportError:
        jionlp = None
        print("（jionlp 未安装：pip install jionlp 后可对照）")

    def key(f):
        return (f["kind"], f["value"], f["qualifier"])

    def prf(gold, found):
        g, s = Counter(map(key, gold)), Counter(map(key, found))
        tp, fp, fn = sum((g & s).values()), sum((s - g).values()), sum((g - s).values())
        return tp, fp, fn

    def score(tp, fp, fn):
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def jio_facts(text):
        out = []
        for m in jionlp.ner.extract_money(text, with_parsing=True):
            d = m["detail"]
            num = d["num"]
            low = num[0] if isinstance(num, list) else num
            definition = d.get("definition", "accurate")
            if definition == "accurate":
                q = "exact"
            elif definition == "blur+" or isinstance(num, list):
                q = "more_than"
            elif definition == "blur-":
                q = "less_than"
            else:
                q = "about"
            value = float(low)
            out.append({"kind": "money", "value": int(value) if value.is_integer() else value,
                        "qualifier": q})
        return out

    print(f"{'文稿':<44}{'数字':>5}{'精确率':>8}{'召回率':>8}{'F1':>7}{'指标':>9}"
          f"{'金额F1':>8}{'jionlp金额F1':>14}")
    totals, money_totals, jio_totals = [0, 0, 0], [0, 0, 0], [0, 0, 0]
    right = labelled = 0
    sources = []
    for path in texts:
        gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
        source = read_source(str(path))
        sources.append(source)
        found = [f.as_json() for f in extract(source)]
        tp, fp, fn = prf(gold, found)
        totals = [a + b for a, b in zip(totals, (tp, fp, fn), strict=True)]
        gm = [f for f in gold if f["kind"] == "money"]
        mt = prf(gm, [f for f in found if f["kind"] == "money"])
        money_totals = [a + b for a, b in zip(money_totals, mt, strict=True)]
        jio = "—"
        if jionlp is not None:
            jt = prf(gm, jio_facts(source.text))
            jio_totals = [a + b for a, b in zip(jio_totals, jt, strict=True)]
            jio = f"{score(*jt)[2]:.3f}"
        r = n = 0
        for g in gold:
            if not g["indicator"]:
                continue
            n += 1
            same = [x for x in found if key(x) == key(g)]
            best = min(same, key=lambda x: abs(x["start"] - g["start"]), default=None)
            r += bool(best and best["indicator"] == g["indicator"])
        right, labelled = right + r, labelled + n
        p, rc, f1 = score(tp, fp, fn)
        label = f"{r}/{n}" if n else "—"
        print(f"{path.name[:42]:<44}{len(gold):>5}{p:>8.3f}{rc:>8.3f}{f1:>7.3f}{label:>9}"
              f"{score(*mt)[2]:>8.3f}{jio:>14}")
    p, rc, f1 = score(*totals)
    jio = f"{score(*jio_totals)[2]:.3f}" if jionlp is not None else "—"
    print(f"{'合计':<44}{totals[0] + totals[2]:>5}{p:>8.3f}{rc:>8.3f}{f1:>7.3f}"
          f"{f'{right}/{labelled}':>9}{score(*money_totals)[2]:>8.3f}{jio:>14}")
    print(f"指标标注准确率：{right / labelled:.3f}" if labelled else "")
    chars = sum(len(s.text) for s in sources)
    rounds = max(args.repeat, 1) * 5
    start = time.perf_counter()
    for _ in range(rounds):
        for s in sources:
            extract(s)
    ours = rounds * chars / (time.perf_counter() - start)
    line = f"吞吐量：援疆通 {ours:,.0f} 字/秒"
    if jionlp is not None:
        start = time.perf_counter()
        for _ in range(rounds):
            for s in sources:
                jionlp.ner.extract_money(s.text, with_parsing=True)
        line += f"；jionlp（只取金额）{rounds * chars / (time.perf_counter() - start):,.0f} 字/秒"
    print(line + f"（{len(sources)} 篇，{chars:,} 字，各 {rounds} 遍）")


if __name__ == "__main__":
    sys.exit(main())

"""Demo figures: the values the public texts report for the demo commands that the records
do not hold (earlier batches' secondments and delegations, the recipient's GDP…), each with
the text it comes from — a figure the records compute for its scope and period is left to
them; and approvals at each step — 张家港→巩留 2020 and
2021 approved, 2022 submitted; the 吉林 第五批 command's last year returned with a reason.

Idempotent: a value is replaced by the same value, an approval that has moved on is left."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from yuanjiang.core.models import Batch, CommandPairing, Pairing
from yuanjiang.core.scope import PLATFORM

from .choices import ApprovalStatus, PeriodKind
from .computed import compute
from .models import Indicator
from .scopes import Period, Scope
from .services import approval_approve, approval_for, approval_return, approval_submit, report_value

FIGURES = Path(__file__).parent / "data" / "reported_figures.csv"
WORDS = {"exact": "exact", "more_than": "more_than", "at_least": "at_least", "about": "about"}


def _scope_and_period(row: dict) -> tuple[Scope, Period] | None:
    pairing = Pairing.objects.filter(supporting_region=row["supporting_code"],
                                     recipient_region=row["recipient_code"]).first()
    if pairing is None:
        return None
    link = (CommandPairing.objects.filter(pairing=pairing, batch__number=int(row["batch"]))
            .select_related("command__batch").first())
    start, end = int(row["period_start"]), int(row["period_end"])
    if link is not None:
        command, batch = link.command, link.command.batch
        whole = Period.of_batch(batch)
        if (start, end) == (whole.start.year, whole.end.year):
            return Scope("command", command=command), whole
        if start == end and batch.covers_year(start):
            return Scope("command", command=command), Period.of_year(start)
    if start == end:
        # A year outside the batch the text speaks of: the pairing's own figure for that year.
        return Scope("pairing", pairing=pairing), Period.of_year(start)
    batch = Batch.objects.filter(commands__pairings=pairing, number=int(row["batch"])).first()
    if batch is not None:
        return Scope("pairing", pairing=pairing), Period.of_batch(batch)
    return None


def load_reported(ctx) -> int:
    indicators = {i.code: i for i in Indicator.objects.all()}
    computed: dict[tuple[str, str], set[str]] = {}
    count = 0
    with FIGURES.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["indicator"]
            if code not in indicators:
                continue
            found = _scope_and_period(row)
            if found is None:
                continue
            scope, period = found
            key = (scope.ident, period.ident)
            if key not in computed:
                computed[key] = set(compute(PLATFORM, scope, period))
            if code in computed[key]:
                continue  # the records hold it: the platform computes it
            note = f"据《{row['source_title']}》（{row['source_date']}）"
            if row.get("note") and period.kind != PeriodKind.BATCH:
                note += f"；{row['note']}"
            report_value(acting_user=None, indicator=indicators[code], scope=scope, period=period,
                         value=Decimal(row["value"]), qualifier=WORDS.get(row["qualifier"], "exact"),
                         note=note[:300])
            count += 1
    return count


def _walk(approval, steps, ctx) -> None:
    """Take an approval through `steps` (by name), skipping those already taken."""
    for step, user in steps:
        if step == "submit" and approval.status in (ApprovalStatus.DRAFT, ApprovalStatus.RETURNED):
            approval_submit(approval, acting_user=ctx.users[user])
        elif step == "approve" and approval.status == ApprovalStatus.SUBMITTED:
            approval_approve(approval, acting_user=ctx.users[user])
        elif step == "return" and approval.status == ApprovalStatus.SUBMITTED:
            approval_return(approval, acting_user=ctx.users[user],
                            reason="资金到位数与财政拨款凭证不一致，请核对后重新报送。")


def load(ctx) -> None:
    load_reported(ctx)
    gongliu = Scope("command", command=ctx.commands["gongliu10"])
    for year, steps in ((2020, [("submit", "gongliu10"), ("approve", "js_office")]),
                        (2021, [("submit", "gongliu10"), ("approve", "js_office")]),
                        (2022, [("submit", "gongliu10")])):
        _walk(approval_for(gongliu, Period.of_year(year), acting_user=None), steps, ctx)
    altay5 = Scope("command", command=ctx.commands["altay5"])
    last_year = ctx.today.year - 1
    if altay5.command.batch.covers_year(last_year):
        _walk(approval_for(altay5, Period.of_year(last_year), acting_user=None),
              [("submit", "altay5"), ("return", "jl_office")], ctx)

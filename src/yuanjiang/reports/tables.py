"""The statistical tables (统计报表) of a scope and period as one .xlsx: the main figures,
funds by source and category, project progress, people on post by category. Chinese
headers, a frozen header row, number formats, and totals that are the dashboard's figures
(the funds table adds up to aid_funds_total, the people table to people_on_post)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from yuanjiang.core.sheets import MONEY_FORMAT, PERCENT_FORMAT
from yuanjiang.indicators.choices import Qualifier, ValueSource
from yuanjiang.indicators.computed import project_narrow
from yuanjiang.indicators.scopes import Period, Scope
from yuanjiang.indicators.selectors import official_figures
from yuanjiang.projects.choices import Category, FundSource, Stage
from yuanjiang.projects.selectors import POOL_LABEL, disbursed_by_project, percent

HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
TOTAL_FONT = Font(bold=True)
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
COUNT_FORMAT = "#,##0"


def _sheet(wb: Workbook, title: str, heading: str, columns: list[tuple[str, int]], rows: list[list],
           formats: dict[int, str], *, total_rows: int = 0, note: str = "") -> None:
    ws = wb.create_sheet(title)
    ws.cell(1, 1, heading).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    if note:
        ws.cell(2, 1, note).font = Font(size=9, color="555555")
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(columns))
    header = 3
    for col, (name, width) in enumerate(columns, start=1):
        cell = ws.cell(header, col, name)
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    for r, row in enumerate(rows, start=header + 1):
        for col, value in enumerate(row, start=1):
            cell = ws.cell(r, col, value)
            cell.border = BOX
            if col in formats and value is not None and not isinstance(value, str):
                cell.number_format = formats[col]
        if total_rows and r > header + len(rows) - total_rows:
            for col in range(1, len(columns) + 1):
                ws.cell(r, col).font = TOTAL_FONT
    ws.freeze_panes = ws.cell(header + 1, 1)


def _num(value: Decimal | None) -> Any:
    return None if value is None else value


QUALIFIER_WORDS = {Qualifier.EXACT: "", Qualifier.MORE_THAN: "余（多于）", Qualifier.AT_LEAST: "以上",
                   Qualifier.ABOUT: "约", Qualifier.LESS_THAN: "不足"}


def statistical_tables(user: Any, scope: Scope, period: Period) -> bytes:
    figures, approval = official_figures(user, scope, period)
    wb = Workbook()
    wb.remove(wb.active)
    title = f"{scope.label}　{period.cumulative_label}"
    status = "（已审核）" if approval is not None and approval.status == "approved" else ""

    # 1. The main figures.
    rows = []
    for code, indicator in figures.indicators.items():
        f = figures.get(code)
        if f is None:
            continue
        value = f.value
        if indicator.kind == "percent":
            value = value / 100
        rows.append([indicator.name, code, value, indicator.unit if indicator.kind != "percent" else "",
                     QUALIFIER_WORDS.get(f.qualifier, ""), str(ValueSource(f.source).label), f.note])
    formats = {3: MONEY_FORMAT}
    _sheet(wb, "主要指标", f"主要指标{status}　{title}",
           [("指标", 24), ("代码", 28), ("数值", 18), ("单位", 8), ("限定", 10), ("来源", 14), ("说明", 30)],
           rows, formats, note="比率以百分数显示；月度、季度数为本年累计数。")
    ws = wb["主要指标"]
    for r, row in enumerate(rows, start=4):
        indicator = figures.indicators[row[1]]
        fmt = PERCENT_FORMAT if indicator.kind == "percent" else (
            MONEY_FORMAT if indicator.kind == "money" else COUNT_FORMAT)
        ws.cell(r, 3).number_format = fmt

    # 2. Funds by source and category.
    total = figures.get("aid_funds_total")
    cells = {}
    for key, _label, value in (total.by("source_category") if total else ()):
        source, category = key.split("|")
        cells[(source, category)] = value
    sources = [s for s in FundSource.values if any(k[0] == s for k in cells)]
    categories = [c for c in [*Category.values, "pool"] if any(k[1] == c for k in cells)]
    rows = []
    for category in categories:
        label = str(Category(category).label) if category != "pool" else str(POOL_LABEL)
        values = [cells.get((s, category), Decimal("0.00")) for s in sources]
        rows.append([label, *values, sum(values, Decimal("0.00"))])
    if rows:
        column_totals = [sum((cells.get((s, c), Decimal(0)) for c in categories), Decimal("0.00"))
                         for s in sources]
        rows.append(["合计", *column_totals, sum(column_totals, Decimal("0.00"))])
    columns = [("项目类别", 16), *[(str(FundSource(s).label) + "（元）", 18) for s in sources],
               ("合计（元）", 18)]
    _sheet(wb, "资金来源与类别", f"援疆资金安排情况（按来源和类别）　{title}", columns, rows,
           dict.fromkeys(range(2, len(columns) + 1), MONEY_FORMAT), total_rows=1 if rows else 0,
           note="合计即援疆资金总额（aid_funds_total）。")

    # 3. Project progress.
    rows = []
    sums = {"budget": Decimal("0.00"), "allocated": Decimal("0.00"), "disbursed": Decimal("0.00")}
    projects = disbursed_by_project(user, project_narrow(scope, period), as_of=period.end)
    for n, p in enumerate(projects, start=1):
        if not p.parent_id:
            for key in sums:
                sums[key] += getattr(p, key)
        rate = percent(p.disbursed, p.allocated)
        rows.append([n, p.code, p.name if not p.parent_id else f"　└ {p.name}", p.region.name,
                     str(Category(p.category).label), p.budget, p.allocated, p.disbursed,
                     None if rate is None else rate / 100, str(Stage(p.stage).label),
                     p.progress_percent / 100])
    if rows:
        rate = percent(sums["disbursed"], sums["allocated"])
        rows.append(["", "", "合计（不含小项重复）", "", "", sums["budget"], sums["allocated"],
                     sums["disbursed"], None if rate is None else rate / 100, "", None])
    _sheet(wb, "项目进度", f"援疆项目进度表　{title}",
           [("序号", 6), ("项目编号", 16), ("项目名称", 36), ("所在地", 12), ("类别", 10),
            ("总投资（元）", 16), ("已安排资金（元）", 16), ("已拨付（元）", 16), ("拨付率", 10),
            ("阶段", 10), ("形象进度", 10)],
           rows, {6: MONEY_FORMAT, 7: MONEY_FORMAT, 8: MONEY_FORMAT, 9: PERCENT_FORMAT, 11: "0%"},
           total_rows=1 if rows else 0, note=f"资金截至 {period.end:%Y-%m-%d}。")

    # 4. People on post by category.
    on_post = figures.get("people_on_post")
    rate = figures.get("on_post_rate")
    posted = {k: (label, v) for k, label, v in (on_post.by("posted") if on_post else ())}
    present = {k: v for k, _l, v in (on_post.by("on_post") if on_post else ())}
    rates = {k: v for k, _l, v in (rate.by("category") if rate else ())}
    rows = [[label, int(n), int(present.get(k, 0)), None if k not in rates else rates[k] / 100]
            for k, (label, n) in posted.items()]
    if rows:
        rows.append(["合计", sum(r[1] for r in rows), sum(r[2] for r in rows),
                     None if rate is None or rate.value is None else rate.value / 100])
    _sheet(wb, "干部人才", f"援疆干部人才在岗情况　{title}",
           [("人员类别", 16), ("选派人数", 12), ("在岗人数", 12), ("在岗率", 12)], rows,
           {2: COUNT_FORMAT, 3: COUNT_FORMAT, 4: PERCENT_FORMAT}, total_rows=1 if rows else 0,
           note=f"在岗人数为 {min(period.end, _today()):%Y-%m-%d} 在岗者；在岗率 = 在岗人日 ÷ 选派人日。")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _today():
    from django.utils import timezone

    return timezone.localdate()

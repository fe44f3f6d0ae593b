"""Excel sheets that go out as templates and exports and come back as imports.

A `Sheet` names its columns once (header, parser, required, help, dropdown values); from it
come the template (header row frozen, required headers shaded, dropdowns, an instructions
sheet), the export in the same columns, and the reading of an upload: every cell parsed,
every problem collected as a `RowError` naming the row and the column, nothing returned
unless the whole file is sound.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .imports import ImportFailed, RowError

MONEY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.00%"
DATE_FORMAT = "yyyy-mm-dd"


# --- cell parsers: each takes what openpyxl read and returns a value or raises ValueError ---


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_date(value: Any) -> dt.date | None:
    """Dates as Excel stores them, or written 2020-03-01, 2020/3/1, 2020.3.1, 2020年3月1日."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = text(value)
    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", raw)
    if m:
        try:
            return dt.date(*map(int, m.groups()))
        except ValueError:
            pass
    raise ValueError(f"“{raw}”不是有效日期，请写作 2020-03-01。")


def parse_int(value: Any) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise ValueError(f"“{value}”不是整数。")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raw = text(value)
    if re.fullmatch(r"[+-]?\d+", raw):
        return int(raw)
    raise ValueError(f"“{raw}”不是整数。")


def parse_money(value: Any) -> Decimal | None:
    """Yuan with at most two decimals: 1234567.8, 1,234,567.80 (a number cell or text)."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise ValueError(f"“{value}”不是金额。")
    if isinstance(value, int | float | Decimal):
        # A float cell holds the shortest decimal that reads back the same: use that text.
        amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        raw = text(value)
    else:
        raw = text(value)
        cleaned = raw.replace(",", "").replace("，", "").replace(" ", "")
        cleaned = cleaned.removesuffix("元")
        try:
            amount = Decimal(cleaned)
        except InvalidOperation:
            raise ValueError(f"“{raw}”不是金额，请填写以元为单位的数字，如 1234567.89。") from None
    if not amount.is_finite():
        raise ValueError(f"“{raw}”不是金额。")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError(f"“{raw}”最多保留两位小数（到分）。")
    return amount.quantize(Decimal("0.01"))


def choice(choices) -> Callable[[Any], str]:
    """The stored value of a choice written by its Chinese label."""
    by_label = {str(label): value for value, label in choices.choices if value != ""}

    def parse(value: Any) -> str:
        raw = text(value)
        if not raw:
            return ""
        if raw in by_label:
            return by_label[raw]
        raise ValueError(f"“{raw}”不是可选值（可选：{'、'.join(by_label)}）。")

    parse.labels = list(by_label)  # type: ignore[attr-defined]
    return parse


def yes_no(value: Any) -> bool | None:
    raw = text(value)
    if raw == "":
        return None
    if raw in ("否", "0", "FALSE", "False", "false"):
        return False
    if raw in ("是", "1", "TRUE", "True", "true"):
        return True
    raise ValueError(f"“{raw}”应填“是”或“否”。")


yes_no.labels = ["是", "否"]  # type: ignore[attr-defined]


def yes_no_default(default: bool) -> Callable[[Any], bool]:
    """是/否, with a blank cell meaning `default`."""

    def parse(value: Any) -> bool:
        answer = yes_no(value)
        return default if answer is None else answer

    parse.labels = ["是", "否"]  # type: ignore[attr-defined]
    return parse


# --- sheets -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    parse: Callable[[Any], Any] = text
    required: bool = False
    help: str = ""
    choices: Any = None
    width: int = 14
    number_format: str | None = None

    def dropdown(self) -> list[str] | None:
        if self.choices is not None:
            return [str(label) for value, label in self.choices.choices if value != ""]
        return getattr(self.parse, "labels", None)


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: list[Column]
    guide: str
    max_rows: int = 20000
    #: Columns whose values together may appear once in a file, the column to name when
    #: they repeat, and what the repetition means.
    unique: tuple[tuple[str, ...], str, str] | None = None
    text_columns: tuple[str, ...] = ()

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def labels(self) -> dict[str, str]:
        return {c.key: c.header for c in self.columns}


@dataclass
class SheetRow:
    number: int
    values: dict[str, Any] = field(default_factory=dict)


def _header_row(ws, sheet: Sheet) -> None:
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="FDECEC")
    for i, col in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=1, column=i, value=col.header)
        cell.font = bold
        if col.required:
            cell.fill = fill
        ws.column_dimensions[get_column_letter(i)].width = col.width
    ws.freeze_panes = "A2"


def template_bytes(sheet: Sheet) -> bytes:
    """An empty sheet with dropdowns for every coded column and a sheet of instructions."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet.name
    _header_row(ws, sheet)
    for i, col in enumerate(sheet.columns, start=1):
        letter = get_column_letter(i)
        if col.key in sheet.text_columns:
            for row in range(2, 2001):
                ws[f"{letter}{row}"].number_format = "@"
        values = col.dropdown()
        if values and len(",".join(values)) < 250:
            dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle="无效的值",
                                error=f"请从下拉列表中选择{col.header}。")
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}{sheet.max_rows + 1}")
    guide = wb.create_sheet("填写说明")
    guide.append(["列", "必填", "说明", "可选值"])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for col in sheet.columns:
        values = "、".join(col.dropdown() or [])
        guide.append([col.header, "是" if col.required else "", col.help, values])
    guide.append([])
    guide.append(["说明", "", sheet.guide])
    for letter, width in zip("ABCD", (14, 6, 60, 60), strict=True):
        guide.column_dimensions[letter].width = width
    for row in guide.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def export_bytes(sheet: Sheet, rows: Iterable[list[Any]]) -> bytes:
    """Rows in the sheet's columns: frozen header, money, dates and per cents formatted."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet.name)
    ws.freeze_panes = "A2"
    for i, col in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
    bold = Font(bold=True)
    header = []
    for h in sheet.headers:
        cell = WriteOnlyCell(ws, value=h)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    formats = [c.number_format for c in sheet.columns]
    for values in rows:
        out = []
        for value, fmt in zip(values, formats, strict=False):
            cell = WriteOnlyCell(ws, value=value)
            if fmt:
                cell.number_format = fmt
            elif isinstance(value, Decimal):
                cell.number_format = MONEY_FORMAT
            elif isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            out.append(cell)
        ws.append(out)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def read_rows(data: bytes, sheet: Sheet) -> list[SheetRow]:
    """Parse every cell of an upload; raise ImportFailed with every problem found."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportFailed([RowError(None, "", "文件不是 Excel 工作簿（.xlsx）。请用模板填写后上传。")])
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise ImportFailed([RowError(None, "", "文件无法作为 Excel 工作簿（.xlsx）打开。")]) from None
    ws = wb[sheet.name] if sheet.name in wb.sheetnames else wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = [text(h) for h in next(rows, ())]
    missing = [c.header for c in sheet.columns if c.required and c.header not in header]
    if missing:
        wb.close()
        raise ImportFailed([RowError(1, h, "缺少这一列。") for h in missing])
    positions = {c.key: header.index(c.header) for c in sheet.columns if c.header in header}
    out: list[SheetRow] = []
    errors: list[RowError] = []
    seen: dict[tuple, int] = {}
    for number, raw in enumerate(rows, start=2):
        if raw is None or all(v in (None, "") for v in raw):
            continue
        if len(out) >= sheet.max_rows:
            wb.close()
            raise ImportFailed([RowError(None, "", f"一次最多导入 {sheet.max_rows} 行。")])
        row = SheetRow(number)
        for col in sheet.columns:
            pos = positions.get(col.key)
            cell = raw[pos] if pos is not None and pos < len(raw) else None
            if col.required and text(cell) == "":
                errors.append(RowError(number, col.header, "不能为空。"))
                continue
            try:
                row.values[col.key] = col.parse(cell)
            except ValueError as exc:
                errors.append(RowError(number, col.header, str(exc)))
        if sheet.unique:
            keys, column, meaning = sheet.unique
            key = tuple(row.values.get(k) for k in keys)
            if all(v not in (None, "") for v in key):
                if key in seen:
                    errors.append(RowError(number, column, f"与第 {seen[key]} 行重复（{meaning}）。"))
                else:
                    seen[key] = number
        out.append(row)
    wb.close()
    if errors:
        raise ImportFailed(errors)
    return out

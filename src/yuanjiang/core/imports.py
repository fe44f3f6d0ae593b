"""Shared pieces of every import: row errors in Chinese, reading tables, all-or-nothing runs.

An import reads every row, collects every problem as a `RowError` naming the row and the
column as the user sees them, and writes nothing unless no row has a problem.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction


@dataclass(frozen=True)
class RowError:
    row: int | None  # row number as the user sees it (the header is row 1); None: the file
    column: str  # column header as the user sees it; "" for the whole row
    message: str

    def __str__(self) -> str:
        where = f"第 {self.row} 行" if self.row else "文件"
        return f"{where}“{self.column}”列：{self.message}" if self.column else f"{where}：{self.message}"


class ImportFailed(Exception):
    """Nothing was written; `errors` says why, row by row."""

    def __init__(self, errors: list[RowError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors

    def __str__(self) -> str:
        lines = [f"导入失败，共 {len(self.errors)} 处错误，未写入任何数据："]
        lines += [f"  {e}" for e in self.errors]
        return "\n".join(lines)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    def __str__(self) -> str:
        return f"新增 {self.created} 条，更新 {self.updated} 条，未变 {self.unchanged} 条"


@dataclass
class Table:
    """Rows of a table file with the header row's names; row numbers start at 2."""

    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]


def read_csv(source: str | Path | bytes, required: dict[str, str]) -> Table:
    """Read a UTF-8 CSV; `required` maps column names to the labels used in messages."""
    try:
        raw = source if isinstance(source, bytes) else Path(source).read_bytes()
    except OSError as exc:
        raise ImportFailed([RowError(None, "", f"无法读取文件：{exc.strerror or exc}")]) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed([RowError(None, "", "文件不是 UTF-8 编码的 CSV 文本。")]) from exc
    if "\x00" in text:
        raise ImportFailed([RowError(None, "", "文件不是 CSV 文本（含二进制内容）。")])
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip() for c in (reader.fieldnames or [])]
    missing = [label for name, label in required.items() if name not in columns]
    if not columns:
        raise ImportFailed([RowError(None, "", "文件是空的，没有表头。")])
    if missing:
        raise ImportFailed(
            [RowError(1, label, "缺少这一列。") for label in missing]
        )
    rows = []
    for number, row in enumerate(reader, start=2):
        clean = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
        if any(clean.values()):
            rows.append((number, clean))
    return Table(columns=columns, rows=rows)


# --- cell parsers: each returns the value or raises ValueError with a Chinese message -----


def parse_int(text: str, *, required: bool = True) -> int | None:
    if not text:
        if required:
            raise ValueError("不能为空。")
        return None
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"“{text}”不是整数。") from None


def parse_date(text: str, *, required: bool = True) -> dt.date | None:
    if not text:
        if required:
            raise ValueError("不能为空。")
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"“{text}”不是有效日期，格式应为 YYYY-MM-DD。") from None


def parse_decimal(text: str, *, required: bool = True, places: int = 2) -> Decimal | None:
    if not text:
        if required:
            raise ValueError("不能为空。")
        return None
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"“{text}”不是数字。") from None
    if not value.is_finite():
        raise ValueError(f"“{text}”不是数字。")
    if value != value.quantize(Decimal(1).scaleb(-places)):
        raise ValueError(f"“{text}”最多保留 {places} 位小数。")
    return value


def parse_cells(
    row: dict[str, str], number: int, specs, labels: dict[str, str], errors: list[RowError]
) -> dict[str, Any]:
    """Parse the cells named in `specs` ((column, parser, required) triples); problems are
    appended to `errors` as row errors, the values parsed are returned."""
    values: dict[str, Any] = {}
    for name, parse, required in specs:
        try:
            values[name] = parse(row.get(name, ""), required=required)
        except ValueError as exc:
            errors.append(RowError(number, labels[name], str(exc)))
    return values


def errors_from_validation(
    row: int, exc: ValidationError, labels: dict[str, str]
) -> list[RowError]:
    """Turn a model ValidationError into row errors, naming columns by their labels."""
    out = []
    if hasattr(exc, "error_dict"):
        for name, messages in exc.message_dict.items():
            column = "" if name == NON_FIELD_ERRORS else labels.get(name, name)
            out += [RowError(row, column, m) for m in messages]
    else:
        out += [RowError(row, "", m) for m in exc.messages]
    return out


def save_row(service, instance, number: int, labels: dict[str, str], *, acting_user,
             m2m: dict | None = None) -> None:
    """Save one imported row's record through its service; its errors become row errors."""
    from django.core.exceptions import PermissionDenied

    try:
        service.save(instance, acting_user=acting_user, m2m=m2m)
    except ValidationError as exc:
        raise ImportFailed(errors_from_validation(number, exc, labels)) from exc
    except PermissionDenied as exc:
        raise ImportFailed([RowError(number, "", str(exc))]) from exc


def run_atomic(rows: Iterator[Any], handle: Callable[[Any], None]) -> None:
    """Call `handle` on every row inside one transaction; each row in its own savepoint.

    `handle` raises `ImportFailed` (its errors are collected) or returns. If any row failed,
    everything is rolled back and one ImportFailed with all the errors is raised.
    """
    errors: list[RowError] = []
    with transaction.atomic():
        for row in rows:
            try:
                with transaction.atomic():
                    handle(row)
            except ImportFailed as exc:
                errors.extend(exc.errors)
            except IntegrityError as exc:
                number = row[0] if isinstance(row, tuple) else None
                errors.append(RowError(number, "", f"与已有数据冲突：{exc}"))
        if errors:
            raise ImportFailed(errors)

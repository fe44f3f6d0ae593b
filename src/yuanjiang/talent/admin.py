"""Pages of talent development: training programmes with their trainees, secondments,
mentoring pairs and group-style aid; filterable, exportable, importable from Excel."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from yuanjiang.core.admin_base import (
    FigureRecordsFilter,
    PlatformModelAdmin,
    PlatformTabularInline,
    RecordImportAdmin,
    ScopedRelatedFilter,
)

from . import sheets
from .models import GroupAid, Mentorship, Secondment, Trainee, TrainingProgramme


class TraineeInline(PlatformTabularInline):
    model = Trainee
    fields = ("name", "organisation", "post")


@admin.register(TrainingProgramme)
class TrainingProgrammeAdmin(RecordImportAdmin):
    record_import = sheets.PROGRAMME_IMPORT
    list_display = ("name", "audience", "venue", "start_date", "end_date", "funds", "trainee_count",
                    "command")
    list_filter = ("audience", "venue", ("command", ScopedRelatedFilter), "start_date",
                   FigureRecordsFilter)
    search_fields = ("name", "organiser", "place")
    autocomplete_fields = ("command",)
    list_select_related = ("command",)
    date_hierarchy = "start_date"
    inlines = [TraineeInline]
    export_fields = ("name", "audience", "venue", "place", "organiser", "start_date", "end_date",
                     "funds", "command")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_trainees=Count("trainees"))

    @admin.display(description=_("学员人数"), ordering="n_trainees")
    def trainee_count(self, obj):
        return obj.n_trainees


@admin.register(Trainee)
class TraineeAdmin(RecordImportAdmin):
    record_import = sheets.TRAINEE_IMPORT
    list_display = ("name", "organisation", "post", "programme")
    list_filter = (("programme__command", ScopedRelatedFilter), "programme__audience",
                   FigureRecordsFilter)
    search_fields = ("name", "organisation", "programme__name")
    autocomplete_fields = ("programme",)
    list_select_related = ("programme",)


@admin.register(Secondment)
class SecondmentAdmin(RecordImportAdmin):
    record_import = sheets.SECONDMENT_IMPORT
    list_display = ("name", "home_organisation", "kind", "host_organisation", "host_post",
                    "start_date", "end_date", "command")
    list_filter = ("kind", ("command", ScopedRelatedFilter), "start_date", FigureRecordsFilter)
    search_fields = ("name", "home_organisation", "host_organisation")
    autocomplete_fields = ("command",)
    list_select_related = ("command",)
    date_hierarchy = "start_date"


@admin.register(Mentorship)
class MentorshipAdmin(RecordImportAdmin):
    record_import = sheets.MENTORSHIP_IMPORT
    list_display = ("mentor_name", "mentee_name", "mentee_organisation", "field", "start_date",
                    "end_date", "command")
    list_filter = (("command", ScopedRelatedFilter), "start_date", FigureRecordsFilter)
    search_fields = ("mentor__person__name", "mentee_name", "mentee_organisation", "field")
    autocomplete_fields = ("mentor",)
    list_select_related = ("command", "mentor__person")
    readonly_fields = ("command",)
    export_fields = ("mentor__person__name", "mentee_name", "mentee_organisation", "field",
                     "start_date", "end_date", "outcome", "command")

    @admin.display(description=_("援疆导师"), ordering="mentor__person__name")
    def mentor_name(self, obj):
        return obj.mentor.person.name


@admin.register(GroupAid)
class GroupAidAdmin(PlatformModelAdmin):
    list_display = ("institution", "kind", "departments", "start_year", "end_year", "posted",
                    "command")
    list_filter = ("kind", ("command", ScopedRelatedFilter), FigureRecordsFilter)
    search_fields = ("institution__name", "supporting_institutions", "departments")
    autocomplete_fields = ("command", "institution", "postings")
    list_select_related = ("command", "institution")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_postings=Count("postings"))

    @admin.display(description=_("服务人员数"), ordering="n_postings")
    def posted(self, obj):
        return obj.n_postings

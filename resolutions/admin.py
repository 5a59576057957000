"""The registry's admin: sessions and closure days to correct, and the rest to read.

Resolutions, their paragraphs, texts in other languages, mandates, votes and
vote positions come from the importer, and States from a data migration:
here they are read-only (no add, change or delete). A resolution's text is
corrected by importing it again with "Replace", which the import page does
through ``resolutions.services`` (every change in the history, follow-ups
kept). The tracker re-registers the session, closure-day and resolution
admins (``tracker.admin``) so that their writes go through services.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from resolutions.models import (
    ClosureDay,
    Mandate,
    Paragraph,
    ParagraphText,
    Resolution,
    ResolutionText,
    Session,
    State,
    Vote,
    VotePosition,
)


class ReadOnlyAdminMixin:
    """Nothing to add, change or delete: the page shows the record, to read.

    For a ModelAdmin or an inline whose model only services write (the
    importer, a data migration), so that no admin form saves it directly,
    past the services' validation, version checks and history.
    """

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Session)
class SessionAdmin(SimpleHistoryAdmin):
    """The session calendar. ``tracker.admin`` re-registers it so that adding a
    session goes through ``services.add_session`` and a change of dates through
    ``tracker.services.move_session`` (version check, due dates moved)."""

    list_display = ["__str__", "body", "number", "start_date", "end_date", "dates_confirmed"]
    list_filter = ["body", "dates_confirmed"]
    search_fields = ["number", "notes"]
    ordering = ["-number"]
    date_hierarchy = "start_date"


@admin.register(ClosureDay)
class ClosureDayAdmin(SimpleHistoryAdmin):
    """Days the UN Office at Geneva is closed beyond Geneva's public holidays.

    The tracker re-registers it so that a change moves the derived due dates
    it affects (``tracker.admin``).
    """

    list_display = ["date", "weekday", "description"]
    search_fields = ["description", "date"]
    date_hierarchy = "date"
    ordering = ["-date"]

    @admin.display(description=_("weekday"), ordering="date")
    def weekday(self, obj: ClosureDay) -> str:
        return date_format(obj.date, "l")


@admin.register(State)
class StateAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """The table of States, to read: a data migration loads it, and the
    importer matches the names printed in recorded votes against it. A State
    added or renamed is a new migration, reviewed like code."""

    list_display = ["name_en", "name_fr", "code"]
    search_fields = ["name_en", "name_fr", "code"]


class ParagraphInline(ReadOnlyAdminMixin, admin.StackedInline[Paragraph, Resolution]):
    """The resolution's paragraphs, to read: corrected by importing it again."""

    model = Paragraph
    extra = 0
    fields = ["kind", "number", "numbered", "text", "subparagraphs"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Paragraph]:
        # Each paragraph names its resolution when shown: one join, not a query each.
        return super().get_queryset(request).select_related("resolution")


class MandateInline(ReadOnlyAdminMixin, admin.TabularInline[Mandate, Resolution]):
    """The mandates found in the resolution, to read: corrected by importing it again."""

    model = Mandate
    extra = 0
    fields = [
        "paragraph",
        "kind",
        "actor",
        "session_number",
        "series",
        "occurrence",
        "needs_review",
        "text",
    ]
    raw_id_fields = ["paragraph"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Mandate]:
        return super().get_queryset(request).select_related("paragraph__resolution")


class ResolutionTextInline(ReadOnlyAdminMixin, admin.StackedInline[ResolutionText, Resolution]):
    """The resolution in other languages, to read: each is imported."""

    model = ResolutionText
    extra = 0
    fields = ["language", "title", "source_text", "imported_at"]
    readonly_fields = ["imported_at"]


@admin.register(ResolutionText)
class ResolutionTextAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Resolutions in further languages, to read and search: each is stored by
    importing the text in that language (``services.save_parsed_resolution``)."""

    list_display = ["resolution", "language", "title", "imported_at"]
    list_filter = ["language"]
    search_fields = ["resolution__symbol", "title"]
    list_select_related = ["resolution"]
    raw_id_fields = ["resolution"]


@admin.register(ParagraphText)
class ParagraphTextAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Paragraphs in further languages, to read and search: imported with their
    resolution's text in that language, corrected by importing it again."""

    list_display = ["paragraph", "language", "short_text"]
    list_filter = ["language", "paragraph__kind"]
    search_fields = ["text", "paragraph__resolution__symbol"]
    list_select_related = ["paragraph__resolution"]
    raw_id_fields = ["paragraph"]

    @admin.display(description=_("text"))
    def short_text(self, obj: ParagraphText) -> str:
        return Truncator(obj.text).chars(120)


@admin.register(Resolution)
class ResolutionAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Adopted resolutions, to read and search, with their paragraphs, mandates and texts.

    Read-only: a resolution has no version to check a save against, and its
    paragraphs, mandates and votes are derived from its text. It is corrected
    by importing the text again with "Replace" (the import page, through
    ``services.save_parsed_resolution``: all or nothing, every change in the
    history, follow-ups kept).
    """

    list_display = ["symbol", "kind", "title", "session", "agenda_item", "adopted_on", "language"]
    list_filter = ["kind", "body", "language", "session", "agenda_item"]
    search_fields = ["symbol", "title"]
    date_hierarchy = "adopted_on"
    list_select_related = ["session"]
    readonly_fields = ["imported_at"]
    inlines: ClassVar[list[type[InlineModelAdmin[Any, Any]]]] = [
        ParagraphInline,
        MandateInline,
        ResolutionTextInline,
    ]


@admin.register(Paragraph)
class ParagraphAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Paragraphs, to read and search: imported with their resolution and
    corrected by importing it again with "Replace"."""

    list_display = ["__str__", "resolution", "kind", "number", "short_text"]
    list_filter = ["kind", "resolution__session"]
    search_fields = ["text", "resolution__symbol"]
    list_select_related = ["resolution"]
    raw_id_fields = ["resolution"]

    @admin.display(description=_("text"))
    def short_text(self, obj: Paragraph) -> str:
        return Truncator(obj.text).chars(120)


class VotePositionInline(ReadOnlyAdminMixin, admin.TabularInline[VotePosition, Vote]):
    """How each State voted, to read: imported from the recorded vote."""

    model = VotePosition
    extra = 0
    fields = ["order", "printed_name", "state", "position"]
    raw_id_fields = ["state"]


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Votes, to read: imported with their resolution, corrected by importing it again."""

    list_display = ["resolution", "method", "yes", "no", "abstentions", "listed"]
    list_filter = ["method"]
    search_fields = ["resolution__symbol"]
    list_select_related = ["resolution"]
    raw_id_fields = ["resolution"]
    inlines = [VotePositionInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Vote]:
        queryset: QuerySet[Vote] = super().get_queryset(request)
        return queryset.annotate(listed_count=Count("positions"))

    @admin.display(description=_("States listed"), ordering="listed_count")
    def listed(self, obj: Vote) -> int:
        count: int = obj.listed_count  # type: ignore[attr-defined]
        return count


@admin.register(VotePosition)
class VotePositionAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Vote positions, to read and search: imported from the recorded vote."""

    list_display = ["printed_name", "state", "position", "vote"]
    list_filter = ["position"]
    search_fields = ["printed_name", "state__name_en", "state__name_fr", "vote__resolution__symbol"]
    list_select_related = ["state", "vote__resolution"]
    raw_id_fields = ["vote", "state"]


@admin.register(Mandate)
class MandateAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Mandates, to read and search: found by the importer in operative paragraphs,
    accepted as follow-ups on the import page; corrected by importing again."""

    list_display = ["__str__", "resolution", "kind", "actor", "session_number", "needs_review"]
    list_filter = ["kind", "actor", "needs_review"]
    search_fields = ["text", "resolution__symbol"]
    list_select_related = ["resolution", "paragraph__resolution"]
    raw_id_fields = ["resolution", "paragraph"]

from __future__ import annotations

from django.contrib import admin
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


@admin.register(Session)
class SessionAdmin(SimpleHistoryAdmin):
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
class StateAdmin(SimpleHistoryAdmin):
    list_display = ["name_en", "name_fr", "code"]
    search_fields = ["name_en", "name_fr", "code"]


class ParagraphInline(admin.StackedInline[Paragraph, Resolution]):
    model = Paragraph
    extra = 0
    fields = ["kind", "number", "text", "subparagraphs"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Paragraph]:
        # Each paragraph names its resolution when shown: one join, not a query each.
        return super().get_queryset(request).select_related("resolution")


class MandateInline(admin.TabularInline[Mandate, Resolution]):
    model = Mandate
    extra = 0
    fields = ["paragraph", "kind", "actor", "session_number", "needs_review", "text"]
    raw_id_fields = ["paragraph"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Mandate]:
        return super().get_queryset(request).select_related("paragraph__resolution")


class ResolutionTextInline(admin.StackedInline[ResolutionText, Resolution]):
    model = ResolutionText
    extra = 0
    fields = ["language", "title", "source_text", "imported_at"]
    readonly_fields = ["imported_at"]


@admin.register(ResolutionText)
class ResolutionTextAdmin(SimpleHistoryAdmin):
    list_display = ["resolution", "language", "title", "imported_at"]
    list_filter = ["language"]
    search_fields = ["resolution__symbol", "title"]
    list_select_related = ["resolution"]
    raw_id_fields = ["resolution"]


@admin.register(ParagraphText)
class ParagraphTextAdmin(SimpleHistoryAdmin):
    list_display = ["paragraph", "language", "short_text"]
    list_filter = ["language", "paragraph__kind"]
    search_fields = ["text", "paragraph__resolution__symbol"]
    list_select_related = ["paragraph__resolution"]
    raw_id_fields = ["paragraph"]

    @admin.display(description=_("text"))
    def short_text(self, obj: ParagraphText) -> str:
        return Truncator(obj.text).chars(120)


@admin.register(Resolution)
class ResolutionAdmin(SimpleHistoryAdmin):
    list_display = ["symbol", "title", "session", "agenda_item", "adopted_on", "language"]
    list_filter = ["body", "language", "session", "agenda_item"]
    search_fields = ["symbol", "title"]
    date_hierarchy = "adopted_on"
    list_select_related = ["session"]
    readonly_fields = ["imported_at"]
    inlines = [ParagraphInline, MandateInline, ResolutionTextInline]


@admin.register(Paragraph)
class ParagraphAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "resolution", "kind", "number", "short_text"]
    list_filter = ["kind", "resolution__session"]
    search_fields = ["text", "resolution__symbol"]
    list_select_related = ["resolution"]
    raw_id_fields = ["resolution"]

    @admin.display(description=_("text"))
    def short_text(self, obj: Paragraph) -> str:
        return Truncator(obj.text).chars(120)


class VotePositionInline(admin.TabularInline[VotePosition, Vote]):
    model = VotePosition
    extra = 0
    fields = ["order", "printed_name", "state", "position"]
    raw_id_fields = ["state"]


@admin.register(Vote)
class VoteAdmin(SimpleHistoryAdmin):
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
class VotePositionAdmin(SimpleHistoryAdmin):
    list_display = ["printed_name", "state", "position", "vote"]
    list_filter = ["position"]
    search_fields = ["printed_name", "state__name_en", "state__name_fr", "vote__resolution__symbol"]
    list_select_related = ["state", "vote__resolution"]
    raw_id_fields = ["vote", "state"]


@admin.register(Mandate)
class MandateAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "resolution", "kind", "actor", "session_number", "needs_review"]
    list_filter = ["kind", "actor", "needs_review"]
    search_fields = ["text", "resolution__symbol"]
    list_select_related = ["resolution", "paragraph__resolution"]
    raw_id_fields = ["resolution", "paragraph"]

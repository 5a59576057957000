"""The registry's admin: sessions, closure days and the facts of a resolution's
adoption to correct, and the rest to read.

Resolutions, their paragraphs, texts in other languages, mandates, votes and
vote positions come from the importer, and States from a data migration:
here they are read-only (no add, change or delete), except a resolution's
title, agenda item, adoption date and meeting, which the text may print
badly or not at all (``services.correct_resolution``). A resolution's text
is corrected by importing it again with "Replace", which the import page does
through ``resolutions.services`` (every change in the history, follow-ups
kept). The tracker re-registers the session, closure-day and resolution
admins (``tracker.admin``) so that their writes go through services.

Every admin here has safe history pages and plausible dates, and the
resolution's (a model with a version) refuses to save over a change made
meanwhile and reverts through its service: ``resolutions.versioned_admin``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.db.models import Count, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

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
from resolutions.services import (
    RESOLUTION_CORRECTABLE_FIELDS,
    correct_resolution,
    revert_resolution,
)
from resolutions.versioned_admin import HistoryAdmin, VersionedAdmin, VersionedForm, user_of


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
class SessionAdmin(HistoryAdmin):
    """The session calendar. ``tracker.admin`` re-registers it so that adding a
    session goes through ``services.add_session`` and a change of dates through
    ``tracker.services.move_session`` (version check, due dates moved)."""

    list_display = ["__str__", "body", "number", "start_date", "end_date", "dates_confirmed"]
    list_filter = ["body", "dates_confirmed"]
    search_fields = ["number", "notes"]
    ordering = ["-number"]
    date_hierarchy = "start_date"


@admin.register(ClosureDay)
class ClosureDayAdmin(HistoryAdmin):
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
class StateAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    """The table of States, to read: a data migration loads it, and the
    importer matches the names printed in recorded votes against it. A State
    added or renamed is a new migration, reviewed like code."""

    list_display = ["name_en", "name_fr", "code"]
    search_fields = ["name_en", "name_fr", "code"]


class RowsKnowTheirParent(BaseInlineFormSet[Any, Any, Any]):
    """An inline's rows, each given the record the page is about as its parent.

    Django's inline formset reads the rows filtered by their parent but does
    not keep the parent on them, so a row's label (its ``__str__``, which the
    admin prints above each row: a progress entry names its follow-up) or a
    column naming the parent would read it again, one query per row. Here
    the rows are read once (the queryset's cache, which the forms are built
    from) and each is handed the parent already loaded: the page costs the
    same number of queries for 2 rows as for 200.
    """

    _parent_given = False

    def get_queryset(self) -> QuerySet[Any]:
        rows: QuerySet[Any] = super().get_queryset()
        if not self._parent_given and self.instance.pk is not None:
            for row in rows:  # fills the cache that every later call returns
                setattr(row, self.fk.name, self.instance)
            self._parent_given = True
        return rows


class ParagraphInline(ReadOnlyAdminMixin, admin.StackedInline[Paragraph, Resolution]):
    """The resolution's paragraphs, to read: corrected by importing it again."""

    model = Paragraph
    formset = RowsKnowTheirParent
    extra = 0
    fields = ["kind", "number", "numbered", "text", "subparagraphs"]


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
    formset = RowsKnowTheirParent

    def get_queryset(self, request: HttpRequest) -> QuerySet[Mandate]:
        # Each row names its paragraph, and the paragraph its resolution: joined.
        return super().get_queryset(request).select_related("paragraph__resolution")


class ResolutionTextInline(ReadOnlyAdminMixin, admin.StackedInline[ResolutionText, Resolution]):
    """The resolution in other languages, to read: each is imported."""

    model = ResolutionText
    formset = RowsKnowTheirParent
    extra = 0
    fields = ["language", "title", "source_text", "imported_at"]
    readonly_fields = ["imported_at"]


@admin.register(ResolutionText)
class ResolutionTextAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    """Resolutions in further languages, to read and search: each is stored by
    importing the text in that language (``services.save_parsed_resolution``)."""

    list_display = ["resolution", "language", "title", "imported_at"]
    list_filter = ["language"]
    search_fields = ["resolution__symbol", "title"]
    list_select_related = ["resolution"]
    raw_id_fields = ["resolution"]


@admin.register(ParagraphText)
class ParagraphTextAdmin(ReadOnlyAdminMixin, HistoryAdmin):
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


class ResolutionAdminForm(VersionedForm):
    class Meta:
        model = Resolution
        fields = list(RESOLUTION_CORRECTABLE_FIELDS)


@admin.register(Resolution)
class ResolutionAdmin(VersionedAdmin):
    """Adopted resolutions, to read and search, with their paragraphs, mandates and texts.

    The facts of the adoption (title, agenda item, date, meeting) are
    corrected here through ``services.correct_resolution``, compared with the
    version the form was shown at, and a past version of them can be
    reverted to (``services.revert_resolution``). The rest is read-only: the
    paragraphs, mandates and votes are derived from the text, which is
    corrected by importing it again with "Replace" (the import page, through
    ``services.save_parsed_resolution``: all or nothing, every change in the
    history, follow-ups kept). Nothing is added or deleted here.
    """

    form = ResolutionAdminForm
    list_display = ["symbol", "kind", "title", "session", "agenda_item", "adopted_on", "language"]
    list_filter = ["kind", "body", "language", "session", "agenda_item"]
    search_fields = ["symbol", "title"]
    date_hierarchy = "adopted_on"
    list_select_related = ["session"]
    fields = [
        "symbol",
        "kind",
        "body",
        "session",
        "number",
        *RESOLUTION_CORRECTABLE_FIELDS,
        "language",
        "imported_at",
        "version",
        "source_text",
        "expected_version",
    ]
    readonly_fields = [
        "symbol",
        "kind",
        "body",
        "session",
        "number",
        "language",
        "imported_at",
        "version",
        "source_text",
    ]
    revert_fields = RESOLUTION_CORRECTABLE_FIELDS
    revert_note = _(
        "The text, its paragraphs, vote and mandates stay as they are: "
        "they change by importing the text again."
    )
    inlines: ClassVar[list[type[InlineModelAdmin[Any, Any]]]] = [
        ParagraphInline,
        MandateInline,
        ResolutionTextInline,
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Resolution, form: Any, change: bool) -> None:
        correct_resolution(
            resolution=obj,
            expected_version=form.cleaned_data["expected_version"],
            values={
                name: form.cleaned_data[name]
                for name in RESOLUTION_CORRECTABLE_FIELDS
                if name in form.changed_data
            },
            user=user_of(request),
        )

    def revert(
        self, request: HttpRequest, obj: Resolution, record: Any, expected_version: int
    ) -> None:
        revert_resolution(
            resolution=obj,
            history_id=record.history_id,
            expected_version=expected_version,
            user=user_of(request),
        )


@admin.register(Paragraph)
class ParagraphAdmin(ReadOnlyAdminMixin, HistoryAdmin):
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
    formset = RowsKnowTheirParent
    extra = 0
    fields = ["order", "printed_name", "state", "position"]
    raw_id_fields = ["state"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[VotePosition]:
        # Each row names its State: one join, not a query per row (47 and more).
        return super().get_queryset(request).select_related("state")


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdminMixin, HistoryAdmin):
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
class VotePositionAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    """Vote positions, to read and search: imported from the recorded vote."""

    list_display = ["printed_name", "state", "position", "vote"]
    list_filter = ["position"]
    search_fields = ["printed_name", "state__name_en", "state__name_fr", "vote__resolution__symbol"]
    list_select_related = ["state", "vote__resolution"]
    raw_id_fields = ["vote", "state"]


@admin.register(Mandate)
class MandateAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    """Mandates, to read and search: found by the importer in operative paragraphs,
    accepted as follow-ups on the import page; corrected by importing again."""

    list_display = ["__str__", "resolution", "kind", "actor", "session_number", "needs_review"]
    list_filter = ["kind", "actor", "needs_review"]
    search_fields = ["text", "resolution__symbol"]
    list_select_related = ["resolution", "paragraph__resolution"]
    raw_id_fields = ["resolution", "paragraph"]

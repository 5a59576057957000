"""The admin for follow-ups, units, the progress log, and the tracker's additions to
the resolutions' admin (follow-ups under a resolution, due dates that move with
a session). Every save goes through ``tracker.services``.

Follow-ups and sessions have a version: their forms, reverts and deletions
compare it with the one they were shown at, in the service's ``UPDATE``, so
that nothing saved meanwhile is lost (``resolutions.versioned_admin``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import ManyToManyRawIdWidget
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db.models import (
    Count,
    F,
    Field,
    ForeignKey,
    ManyToManyField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from resolutions import services as resolution_services
from resolutions.admin import ClosureDayAdmin as BaseClosureDayAdmin
from resolutions.admin import ResolutionAdmin as BaseResolutionAdmin
from resolutions.admin import RowsKnowTheirParent
from resolutions.admin import SessionAdmin as BaseSessionAdmin
from resolutions.models import ClosureDay, Paragraph, ParagraphKind, Resolution, Session
from resolutions.versioned_admin import Conflict, VersionedAdmin, VersionedForm, user_of
from tracker import permissions, services
from tracker.models import (
    FeedToken,
    FollowUp,
    ProgressEntry,
    ReminderSent,
    ReminderSettings,
    SavedView,
    State,
    Unit,
    state_q,
)
from tracker.roles import ADMIN_SITE_ROLES


class DueStateFilter(admin.SimpleListFilter):
    title = _("due state")
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return list(State.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet[FollowUp]) -> QuerySet[FollowUp]:
        if self.value() in State.values:
            return queryset.filter(state_q(self.value() or "", timezone.localdate()))
        return queryset


# The progress entries a follow-up's admin page shows: the latest, so that the
# page stays quick however long the log grows (each row costs some
# milliseconds to draw); the rest are in the progress log's own list.
PROGRESS_SHOWN = 50


class ProgressEntryInline(admin.TabularInline[ProgressEntry, FollowUp]):
    """The progress log, to read: it is append-only, a correction is a new entry.
    The latest ``PROGRESS_SHOWN`` entries only (``FollowUpAdmin.progress_log``
    says how many there are and links to them all)."""

    model = ProgressEntry
    # Each row's label names its follow-up: the page's own, not a query per row.
    formset = RowsKnowTheirParent
    extra = 0
    fields = readonly_fields = ("created_at", "author", "status_from", "status_to", "text")
    can_delete = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[ProgressEntry]:
        # Each row names its author: one join, not a query per row. The latest
        # of each follow-up's entries, in the log's order (a window, so that the
        # formset can still filter them by follow-up).
        latest = Window(
            RowNumber(),
            partition_by=[F("followup")],
            order_by=[F("created_at").desc(), F("id").desc()],
        )
        return (
            super()
            .get_queryset(request)
            .select_related("author")
            .annotate(latest=latest)
            .filter(latest__lte=PROGRESS_SHOWN)
        )

    def has_add_permission(self, request: HttpRequest, obj: FollowUp | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: FollowUp | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: FollowUp | None = None) -> bool:
        return False


class FollowUpAdminForm(VersionedForm):
    class Meta:
        model = FollowUp
        fields = ["paragraphs", *services.CORRECTABLE_FIELDS]

    def changed_since(self, conflict: Conflict) -> set[str]:
        # The history keeps no list of paragraphs; a change of them is in a
        # record's change reason ("paragraphs:OP2,OP5", services.correct_followup).
        fields = super().changed_since(conflict)
        if any(reason.startswith("paragraphs:") for reason in conflict.reasons):
            fields.add("paragraphs")
        return fields


@admin.register(FollowUp)
class FollowUpAdmin(VersionedAdmin):
    """Corrections by administrators, saved through ``services.correct_followup``.

    Due dates are derived here as on the pages (set one by hand on the
    follow-up's page, with a reason); a status set here skips the workflow on
    purpose, and the progress log and the history both keep the change. The
    operative paragraphs are saved by the same service call, which records
    their change in the history (``save_related`` leaves them alone); the
    select offers the follow-up's resolution's operative paragraphs only,
    and the add page, with no resolution yet, asks for their ids (the
    posted resolution's, checked). The progress log below shows the latest
    ``PROGRESS_SHOWN`` entries and links to the rest. A past version is
    reverted to through ``services.revert_followup``, and a follow-up
    deleted through ``services.delete_followup`` (only without a progress
    log).
    """

    form = FollowUpAdminForm
    list_display = [
        "title",
        "resolution",
        "kind",
        "actor",
        "target_session",
        "status",
        "due_date",
        "due_state",
        "lead_unit",
    ]
    list_filter = [
        DueStateFilter,
        "status",
        "kind",
        "actor",
        "due_date_source",
        "lead_unit",
        "target_session",
    ]
    search_fields = ["title", "resolution__symbol", "output_document"]
    list_select_related = ["resolution", "target_session", "lead_unit"]
    date_hierarchy = "due_date"
    raw_id_fields = ["resolution", "mandate", "serves"]
    # A plain multiple select: the two-list widget's icons carry aria-labels axe-core
    # rejects (serious), and the autocomplete's search box has no label (critical).
    readonly_fields = [
        "due_date",
        "due_date_source",
        "due_date_reason",
        "version",
        "created_at",
        "updated_at",
        "progress_log",
    ]
    inlines = [ProgressEntryInline]
    revert_fields = (*services.CORRECTABLE_FIELDS, "due_date", "due_date_source", "due_date_reason")
    revert_note = _(
        "The operative paragraphs and the progress log stay as they are; "
        "a derived due date is derived again from the calendar."
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[FollowUp]:
        followups = FollowUp.objects.with_state()
        if _is_change_page(request):
            # The page says how long the log is (``progress_log``): read with the row.
            entries = (
                ProgressEntry.objects.filter(followup=OuterRef("pk"))
                .order_by()
                .values("followup")
                .annotate(count=Count("pk"))
                .values("count")
            )
            followups = followups.annotate(progress_count=Coalesce(Subquery(entries), 0))
        return followups

    def formfield_for_dbfield(
        self, db_field: Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if (
            isinstance(db_field, ManyToManyField)
            and db_field.name == "paragraphs"
            and not _is_change_page(request)
        ):
            # A new follow-up has no resolution yet to take its paragraphs from,
            # and a select of every operative paragraph stored (tens of thousands)
            # would take seconds to send: their ids instead, typed or picked from
            # the paragraphs' list (as ``raw_id_fields`` gives, without the
            # links Django adds to a select). Posted, they must still be the
            # posted resolution's (``formfield_for_manytomany``).
            widget = ManyToManyRawIdWidget(
                db_field.remote_field, self.admin_site, using=kwargs.get("using")
            )
            kwargs["help_text"] = _(
                "The ids of the resolution's operative paragraphs this follow-up answers, "
                "separated by commas (the magnifying glass lists paragraphs)."
            )
            return self.formfield_for_manytomany(db_field, request, widget=widget, **kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_manytomany(
        self, db_field: ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.ModelMultipleChoiceField[Any] | None:
        if db_field.name == "paragraphs":
            # Each option is labelled with its resolution's symbol: joined, not a
            # query per option; and only the resolution's own, not every one stored.
            paragraphs = Paragraph.objects.filter(kind=ParagraphKind.OPERATIVE)
            resolution = _resolution_of_form(request)
            if resolution is not None:
                paragraphs = paragraphs.filter(resolution=resolution)
            kwargs["queryset"] = paragraphs.select_related("resolution")
            kwargs["error_messages"] = {
                "invalid_choice": _(
                    "Paragraph %(value)s is not an operative paragraph of the chosen resolution."
                ),
                "invalid_pk_value": _("“%(pk)s” is not a paragraph id: type numbers."),
            }
        field: forms.ModelMultipleChoiceField[Any] | None = super().formfield_for_manytomany(
            db_field, request, **kwargs
        )
        return field

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField[Any] | None:
        if db_field.name == "focal_point":
            # Only people who could open the follow-up (the services refuse others).
            kwargs["queryset"] = permissions.readers()
        field: forms.ModelChoiceField[Any] | None = super().formfield_for_foreignkey(
            db_field, request, **kwargs
        )
        return field

    def save_model(self, request: HttpRequest, obj: FollowUp, form: Any, change: bool) -> None:
        user = request.user
        assert isinstance(user, User)
        if change:
            services.correct_followup(
                followup=obj,
                changed=[name for name in form.changed_data if name != "expected_version"],
                expected_version=form.cleaned_data["expected_version"],
                user=user,
                paragraphs=(
                    form.cleaned_data["paragraphs"] if "paragraphs" in form.changed_data else None
                ),
            )
        else:
            services.add_followup(followup=obj, user=user)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        if not change:  # a new follow-up's paragraphs, once it has a key
            super().save_related(request, form, formsets, change)
            return
        # The paragraphs were saved (and recorded) by ``correct_followup``.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def revert(
        self, request: HttpRequest, obj: FollowUp, record: Any, expected_version: int
    ) -> None:
        user = request.user
        assert isinstance(user, User)
        services.revert_followup(
            followup=obj, history_id=record.history_id, expected_version=expected_version, user=user
        )

    def delete(self, request: HttpRequest, obj: FollowUp, expected_version: int) -> None:
        user = request.user
        assert isinstance(user, User)
        services.delete_followup(followup=obj, expected_version=expected_version, user=user)

    @admin.display(description=_("due state"))
    def due_state(self, obj: FollowUp) -> str:
        return str(obj.state().label)

    @admin.display(description=_("progress entries"))
    def progress_log(self, obj: FollowUp) -> str:
        """How many entries the log holds, and where to read those
        the page leaves out (the progress log's list, filtered to this one)."""
        if obj._state.adding:  # the add page: no log yet
            return "—"
        count = getattr(obj, "progress_count", None)
        if count is None:  # a row read without the count (``get_queryset``)
            count = obj.progress.count()
        if count == 0:
            return str(_("No entries yet."))
        if count <= PROGRESS_SHOWN:
            return ngettext("%(count)d entry, below.", "%(count)d entries, below.", count) % {
                "count": count
            }
        return format_html(
            '{} <a href="{}?followup={}">{}</a>',
            _("%(count)d entries: the latest %(shown)d below.")
            % {"count": count, "shown": PROGRESS_SHOWN},
            reverse("admin:tracker_progressentry_changelist"),
            obj.pk,
            _("Read them all in the progress log"),
        )


def _is_change_page(request: HttpRequest) -> bool:
    """Whether ``request`` is for a stored follow-up's page (not the add page)."""
    match = request.resolver_match
    return match is not None and match.kwargs.get("object_id") is not None


def _resolution_of_form(request: HttpRequest) -> int | None:
    """The resolution whose paragraphs the follow-up form offers: the one posted
    (an administrator moving a follow-up to another resolution), else the
    follow-up's own when it is being changed; None on the add page."""
    posted = request.POST.get("resolution", "")
    if posted.isdigit():
        return int(posted)
    match = request.resolver_match
    object_id = match.kwargs.get("object_id") if match is not None else None
    if object_id is None:
        return None
    resolution_id: int | None = (
        FollowUp.objects.filter(pk=object_id).values_list("resolution_id", flat=True).first()
    )
    return resolution_id


class FollowUpInline(admin.TabularInline[FollowUp, Resolution]):
    """The resolution's follow-ups, to read; each is changed on its own page."""

    model = FollowUp
    formset = RowsKnowTheirParent
    extra = 0
    fields = readonly_fields = ("title", "kind", "actor", "target_session", "status", "due_date")
    show_change_link = True
    can_delete = False
    fk_name = "resolution"

    def get_queryset(self, request: HttpRequest) -> QuerySet[FollowUp]:
        # Each row names its target session: one join, not a query per row.
        return super().get_queryset(request).select_related("target_session")

    def has_add_permission(self, request: HttpRequest, obj: Resolution | None = None) -> bool:
        return False


@admin.register(ProgressEntry)
class ProgressEntryAdmin(admin.ModelAdmin[ProgressEntry]):
    """The progress log, to read and search: append-only, here as everywhere.

    Entries are written by ``services.log_progress`` from the follow-up's page;
    a mistake is corrected by a new entry, so nothing here adds, changes or
    deletes one.
    """

    list_display = ["followup", "author", "created_at", "status_from", "status_to"]
    list_filter = ["status_to", "created_at"]
    search_fields = ["text", "followup__title", "author__username"]
    list_select_related = ["followup", "author"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ProgressEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ProgressEntry | None = None) -> bool:
        return False


class UnitAdminForm(forms.ModelForm[Unit]):
    """A unit's form, carrying the members it was shown with (``members_shown``,
    their ids): saving changes only the members this form added or took away,
    so a change made meanwhile by someone else (on /units/) is not undone."""

    members_shown = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Unit
        fields = ["name", "abbreviation", "members"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            shown = sorted(self.instance.members.values_list("pk", flat=True))
            self.fields["members_shown"].initial = ",".join(map(str, shown))

    def clean_members_shown(self) -> set[int] | None:
        raw = (self.cleaned_data.get("members_shown") or "").strip()
        if not raw:
            return None
        pieces = raw.split(",")
        if not all(piece.isdigit() for piece in pieces):
            raise forms.ValidationError(_("The form was changed; open the unit again."))
        return {int(piece) for piece in pieces}


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin[Unit]):
    """Units and who belongs to them, for administrators: membership decides which
    follow-ups editors update (``tracker.permissions``). Members are saved through
    ``services.set_unit_members``, each change recorded in the unit's history as
    on the website's units page (/units/); the choice offers active accounts and
    the unit's current members."""

    form = UnitAdminForm
    list_display = ["name", "abbreviation", "member_count"]
    search_fields = ["name", "abbreviation"]
    fields = ["name", "abbreviation", "members", "members_shown"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Unit]:
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, obj: Unit) -> int:
        return int(getattr(obj, "member_count", 0))

    def formfield_for_manytomany(
        self, db_field: ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.ModelMultipleChoiceField[Any] | None:
        if db_field.name == "members":
            match = request.resolver_match
            object_id = match.kwargs.get("object_id") if match is not None else None
            current = Q(units__pk=object_id) if str(object_id or "").isdigit() else Q(pk__in=[])
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(Q(is_active=True) | current)
                .distinct()
                .order_by("last_name", "first_name", "username")
            )
        field: forms.ModelMultipleChoiceField[Any] | None = super().formfield_for_manytomany(
            db_field, request, **kwargs
        )
        return field

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The members go through the service (recorded), not the form's save_m2m.
        members = form.cleaned_data.pop("members", None)
        super().save_related(request, form, formsets, change)
        if members is not None:
            user = request.user
            services.set_unit_members(
                unit=form.instance,
                members=members,
                shown=form.cleaned_data.get("members_shown"),
                by=user if isinstance(user, User) else None,
            )


# The resolutions app knows nothing of follow-ups; the tracker extends its
# admin pages with what it adds: follow-ups under a resolution, and due dates
# that move with a session's dates.
admin.site.unregister(Resolution)
admin.site.unregister(Session)
admin.site.unregister(ClosureDay)


@admin.register(Resolution)
class ResolutionAdmin(BaseResolutionAdmin):
    """The registry's resolution page, read-only (see its docstring), with the
    resolution's follow-ups beneath, each a link to its own page."""

    inlines = [*BaseResolutionAdmin.inlines, FollowUpInline]


class SessionAdminForm(VersionedForm):
    class Meta:
        model = Session
        fields = ["body", "number", "special", "start_date", "end_date", "dates_confirmed", "notes"]


@admin.register(Session)
class SessionAdmin(VersionedAdmin, BaseSessionAdmin):
    """The session calendar: a new session is stored by ``resolutions.services.add_session``
    (a number already stored is refused on the form), and a change of dates goes
    through ``services.move_session``, which checks the version and moves every
    derived due date tied to it in the same transaction; a revert goes through
    ``services.revert_session`` (the same, to a past version's dates), and a
    deletion through ``resolutions.services.delete_session``."""

    form = SessionAdminForm
    revert_fields = resolution_services.SESSION_EDITABLE_FIELDS
    revert_note = _("The derived due dates tied to the session move with its dates.")

    def get_readonly_fields(self, request: HttpRequest, obj: Session | None = None) -> Any:
        # Which session it is stays fixed; its dates and notes are what staff correct.
        if obj is not None:
            return ["body", "number", "special"]
        return []

    def save_model(self, request: HttpRequest, obj: Session, form: Any, change: bool) -> None:
        if not change:
            resolution_services.add_session(session=obj, user=user_of(request))
            return
        moved = services.move_session(
            session=obj,
            expected_version=form.cleaned_data["expected_version"],
            start_date=obj.start_date,
            end_date=obj.end_date,
            dates_confirmed=obj.dates_confirmed,
            notes=obj.notes,
            user=user_of(request),
        )
        self._say_moved(request, moved)

    def revert(
        self, request: HttpRequest, obj: Session, record: Any, expected_version: int
    ) -> None:
        moved = services.revert_session(
            session=obj,
            history_id=record.history_id,
            expected_version=expected_version,
            user=user_of(request),
        )
        self._say_moved(request, moved)

    def delete(self, request: HttpRequest, obj: Session, expected_version: int) -> None:
        resolution_services.delete_session(
            session=obj, expected_version=expected_version, user=user_of(request)
        )

    def _say_moved(self, request: HttpRequest, moved: int) -> None:
        if moved:
            self.message_user(
                request,
                ngettext(
                    "%(count)d derived due date moved with the session.",
                    "%(count)d derived due dates moved with the session.",
                    moved,
                )
                % {"count": moved},
                messages.INFO,
            )


def _moved_message(moved: int) -> str:
    return ngettext(
        "%(count)d derived due date moved with the closure days.",
        "%(count)d derived due dates moved with the closure days.",
        moved,
    ) % {"count": moved}


@admin.register(ClosureDay)
class ClosureDayAdmin(BaseClosureDayAdmin):
    """Closure days: adding, correcting or deleting one goes through
    ``services.save_closure_day`` / ``services.delete_closure_day``, which move
    the derived due dates it affects in the same transaction."""

    def save_model(self, request: HttpRequest, obj: ClosureDay, form: Any, change: bool) -> None:
        user = request.user
        moved = services.save_closure_day(
            closure_day=obj, user=user if isinstance(user, User) else None
        )
        if moved:
            self.message_user(request, _moved_message(moved), messages.INFO)

    def delete_model(self, request: HttpRequest, obj: ClosureDay) -> None:
        user = request.user
        moved = services.delete_closure_day(
            closure_day=obj, user=user if isinstance(user, User) else None
        )
        if moved:
            self.message_user(request, _moved_message(moved), messages.INFO)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[ClosureDay]) -> None:
        # The bulk "delete selected" action: one at a time, so each moves its due dates.
        for closure_day in queryset:
            self.delete_model(request, closure_day)


@admin.register(FeedToken)
class FeedTokenAdmin(admin.ModelAdmin[FeedToken]):
    """Who has a calendar-feed key, and since when; the key itself is not shown.
    Deleting one revokes that person's feed addresses."""

    list_display = ["user", "created_at"]
    search_fields = ["user__username"]
    list_select_related = ["user"]
    fields = readonly_fields = ("user", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: FeedToken | None = None) -> bool:
        return False


@admin.register(ReminderSettings)
class ReminderSettingsAdmin(admin.ModelAdmin[ReminderSettings]):
    """Each person's reminder choices, to read; people change them on their own page."""

    list_display = ["user", "enabled", "thresholds", "language"]
    list_filter = ["enabled", "language"]
    search_fields = ["user__username"]
    list_select_related = ["user"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: ReminderSettings | None = None
    ) -> bool:
        return False


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin[ReminderSent]):
    """The record of reminders sent, to read: it is what keeps a reminder from going twice."""

    list_display = ["user", "followup", "due_date", "threshold", "sent_at"]
    list_filter = ["threshold", "sent_at"]
    search_fields = ["user__username", "followup__title"]
    list_select_related = ["user", "followup"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ReminderSent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ReminderSent | None = None) -> bool:
        return False


@admin.register(SavedView)
class SavedViewAdmin(admin.ModelAdmin[SavedView]):
    """People's saved filters, to read; each person manages theirs on their own page."""

    list_display = ["name", "owner", "query", "created_at"]
    search_fields = ["name", "owner__username"]
    list_select_related = ["owner"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: SavedView | None = None) -> bool:
        return False


admin.site.unregister(User)


@admin.register(User)
class SuiviUserAdmin(UserAdmin[User]):
    """Django's user admin; a person given a role that works in the admin
    (``roles.ADMIN_SITE_ROLES``: managers, administrators) gets staff status
    with it, as ``manage.py ensure_roles`` gives it, so that the admin opens
    for them without a second step. Staff status is never taken away here."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        user = form.instance
        if not user.is_staff and user.groups.filter(name__in=ADMIN_SITE_ROLES).exists():
            user.is_staff = True
            user.save(update_fields=["is_staff"])

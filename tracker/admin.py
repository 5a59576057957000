from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from resolutions.admin import ResolutionAdmin as BaseResolutionAdmin
from resolutions.admin import SessionAdmin as BaseSessionAdmin
from resolutions.models import Resolution, Session
from tracker import deadlines, services
from tracker.models import FollowUp, ProgressEntry, State, Unit, state_q


class DueStateFilter(admin.SimpleListFilter):
    title = _("due state")
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return list(State.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet[FollowUp]) -> QuerySet[FollowUp]:
        if self.value() in State.values:
            return queryset.filter(state_q(self.value() or "", timezone.localdate()))
        return queryset


class ProgressEntryInline(admin.TabularInline[ProgressEntry, FollowUp]):
    model = ProgressEntry
    extra = 0
    fields = ["created_at", "author", "status_from", "status_to", "text"]
    raw_id_fields = ["author"]


class FollowUpAdminForm(forms.ModelForm[FollowUp]):
    """The admin's follow-up form, refusing to overwrite a change made meanwhile."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = FollowUp
        fields = [
            "resolution",
            "paragraphs",
            "mandate",
            "kind",
            "title",
            "actor",
            "lead_unit",
            "focal_point",
            "target_session",
            "serves",
            "status",
            "completed_on",
            "output_document",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expected_version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instance.pk:
            stored = FollowUp.objects.filter(pk=self.instance.pk).values_list("version", flat=True)
            if stored.first() != data.get("expected_version"):
                raise forms.ValidationError(
                    _("This follow-up was changed by someone else while you were editing it.")
                )
        return data


@admin.register(FollowUp)
class FollowUpAdmin(SimpleHistoryAdmin):
    """Corrections by administrators.

    Due dates are derived here as on the pages (set one by hand on the
    follow-up's page, with a reason); status changes made here skip the
    workflow on purpose, and the history keeps them.
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
    filter_horizontal = ["paragraphs"]
    readonly_fields = [
        "due_date",
        "due_date_source",
        "due_date_reason",
        "version",
        "created_at",
        "updated_at",
    ]
    inlines = [ProgressEntryInline]

    def save_model(self, request: HttpRequest, obj: FollowUp, form: Any, change: bool) -> None:
        deadlines.rederive(obj)
        obj.version += 1
        super().save_model(request, obj, form, change)

    @admin.display(description=_("due state"))
    def due_state(self, obj: FollowUp) -> str:
        return str(obj.state().label)


class FollowUpInline(admin.TabularInline[FollowUp, Resolution]):
    """The resolution's follow-ups, to read; each is changed on its own page."""

    model = FollowUp
    extra = 0
    fields = readonly_fields = ("title", "kind", "actor", "target_session", "status", "due_date")
    show_change_link = True
    can_delete = False
    fk_name = "resolution"

    def has_add_permission(self, request: HttpRequest, obj: Resolution | None = None) -> bool:
        return False


@admin.register(ProgressEntry)
class ProgressEntryAdmin(admin.ModelAdmin[ProgressEntry]):
    list_display = ["followup", "author", "created_at", "status_from", "status_to"]
    list_filter = ["status_to", "created_at"]
    search_fields = ["text", "followup__title", "author__username"]
    list_select_related = ["followup", "author"]
    raw_id_fields = ["followup", "author"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin[Unit]):
    list_display = ["name", "abbreviation"]
    search_fields = ["name", "abbreviation"]


# The resolutions app knows nothing of follow-ups; the tracker extends its
# admin pages with what it adds: follow-ups under a resolution, and due dates
# that move with a session's dates.
admin.site.unregister(Resolution)
admin.site.unregister(Session)


@admin.register(Resolution)
class ResolutionAdmin(BaseResolutionAdmin):
    inlines = [*BaseResolutionAdmin.inlines, FollowUpInline]


@admin.register(Session)
class SessionAdmin(BaseSessionAdmin):
    def save_model(self, request: HttpRequest, obj: Session, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # The admin's change view runs in one transaction: dates and deadlines move together.
        if not change or not {"start_date", "end_date"} & set(form.changed_data):
            return
        moved = services.recompute_due_dates(sessions=[obj])
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

"""Follow-up work on what resolutions mandate.

A follow-up's state (overdue, due soon…) is derived from its stored status
and due date, never stored: ``state_conditions`` is its one definition, read
by the database (``FollowUpQuerySet.with_state``, ``state_q``) and by
``FollowUp.state()`` alike. Writes go through ``tracker.services``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection
from typing import Any, Self, cast

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from resolutions.models import Actor, Mandate, MandateKind, Paragraph, Resolution, Session
from tracker.titles import TitleParts, shown_title


class Status(models.TextChoices):
    """What staff set. Overdue and due soon are derived, see ``FollowUp.state``."""

    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


OPEN_STATUSES = (Status.NOT_STARTED, Status.IN_PROGRESS)


class State(models.TextChoices):
    """What a follow-up looks like today, derived from status and due date."""

    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")
    OVERDUE = "overdue", _("overdue")
    DUE_SOON = "due_soon", _("due soon")
    ON_TRACK = "on_track", _("on track")
    NO_DUE_DATE = "no_due_date", _("no due date")


def state_conditions(today: datetime.date) -> tuple[tuple[State, Q | None], ...]:
    """The one definition of a follow-up's state on ``today``.

    An ordered table: the first condition that holds gives the state; None
    means "otherwise". Due soon is ``SUIVI_DUE_SOON_DAYS`` days ahead or fewer.
    """
    soon = today + datetime.timedelta(days=settings.SUIVI_DUE_SOON_DAYS)
    return (
        (State.DONE, Q(status=Status.DONE)),
        (State.CANCELLED, Q(status=Status.CANCELLED)),
        (State.NO_DUE_DATE, Q(due_date__isnull=True)),
        (State.OVERDUE, Q(due_date__lt=today)),
        (State.DUE_SOON, Q(due_date__lte=soon)),
        (State.ON_TRACK, None),
    )


def state_q(state: str, today: datetime.date) -> Q:
    """Follow-ups in ``state`` on ``today``, as a filter the indexes can serve.

    Built from ``state_conditions``: the state's condition, and none of those
    before it.
    """
    result = Q()
    for candidate, condition in state_conditions(today):
        if candidate == state:
            return result & condition if condition is not None else result
        assert condition is not None  # only the last state has no condition
        result &= ~condition
    raise ValueError(f"unknown state {state!r}")


def state_expression(today: datetime.date) -> Case:
    """``state_conditions`` as a SQL ``CASE`` giving the state's value."""
    *conditions, (otherwise, _none) = state_conditions(today)
    return Case(
        *(When(condition, then=Value(state.value)) for state, condition in conditions),
        default=Value(otherwise.value),
        output_field=models.CharField(),
    )


_LOOKUPS: dict[str, Callable[[Any, Any], bool]] = {
    "exact": lambda value, operand: bool(value == operand),
    "lt": lambda value, operand: value is not None and bool(value < operand),
    "lte": lambda value, operand: value is not None and bool(value <= operand),
    "isnull": lambda value, operand: (value is None) == operand,
}


def _holds(condition: Q, obj: models.Model) -> bool:
    """Whether ``obj``'s own field values meet ``condition``, without a query.

    Understands the lookups ``state_conditions`` uses (``_LOOKUPS``), joined by
    AND; anything else is a programming error and raises ``ValueError``.
    """
    if condition.connector != Q.AND or condition.negated:
        raise ValueError(f"unsupported condition {condition!r}")
    for child in condition.children:
        if isinstance(child, Q):
            if not _holds(child, obj):
                return False
            continue
        if not isinstance(child, tuple):
            raise ValueError(f"unsupported condition {child!r}")
        name, operand = child
        field, _sep, lookup = str(name).partition("__")
        if lookup not in _LOOKUPS and lookup != "":
            raise ValueError(f"unsupported lookup {name!r}")
        if not _LOOKUPS[lookup or "exact"](getattr(obj, field), operand):
            return False
    return True


# A field the query did not load (``only``/``defer``): its annotation cannot be checked.
_UNLOADED = object()


class FollowUpQuerySet(models.QuerySet["FollowUp"]):
    def with_state(self, today: datetime.date | None = None) -> FollowUpQuerySet:
        """Each row annotated with ``due_state``, its state on ``today`` (default: today)."""
        return self.annotate(due_state=state_expression(today or timezone.localdate()))

    def in_state(self, state: str, today: datetime.date | None = None) -> FollowUpQuerySet:
        """The rows in ``state`` on ``today`` (default: today)."""
        return self.filter(state_q(state, today or timezone.localdate()))


class DueDateSource(models.TextChoices):
    DERIVED = "derived", _("derived from the session calendar")
    MANUAL = "manual", _("set by hand")


class Unit(models.Model):
    """An organisational unit that can lead follow-ups."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="units",
        verbose_name=_("members"),
        help_text=_(
            "Staff of the unit: editors among them update what it leads, and every "
            "member sees it under “mine”."
        ),
    )

    # Membership changes are recorded as change reasons ("+member:<user pk>",
    # "-member:<user pk>"), by ``tracker.services.add_unit_member`` and its kin.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.abbreviation or self.name


_STATUS_LABELS = dict(Status.choices)
_KIND_LABELS = dict(MandateKind.choices)
_ACTOR_LABELS = dict(Actor.choices)


class FollowUp(models.Model):
    resolution = models.ForeignKey(
        Resolution, on_delete=models.PROTECT, related_name="followups", verbose_name=_("resolution")
    )
    paragraphs = models.ManyToManyField(
        Paragraph,
        related_name="followups",
        verbose_name=_("operative paragraphs"),
        limit_choices_to={"kind": "operative"},
    )
    mandate = models.ForeignKey(
        Mandate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followups",
        verbose_name=_("mandate"),
        help_text=_("The clause of the resolution this follow-up was proposed from."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=MandateKind.choices)
    title = models.CharField(_("title"), max_length=255)
    # What a generated title was made from (tracker.titles.TitleParts), so that
    # pages say it in the reader's language until staff rename it.
    title_parts = models.JSONField(_("title generated from"), null=True, blank=True, editable=False)
    actor = models.CharField(
        _("actor"), max_length=24, choices=Actor.choices, help_text=_("Who must deliver.")
    )
    lead_unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followups",
        verbose_name=_("lead unit"),
    )
    focal_point = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followups",
        verbose_name=_("focal point"),
    )
    target_session = models.ForeignKey(
        Session,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followups",
        verbose_name=_("target session"),
    )
    serves = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="served_by",
        verbose_name=_("serves"),
        help_text=_("For resources: the meeting they are for."),
    )
    waits_on = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="awaited_by",
        verbose_name=_("waits on"),
        help_text=_(
            "Follow-ups to be done before this one can be: a report on a meeting "
            "waits on the meeting."
        ),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    due_date_source = models.CharField(
        _("due date source"),
        max_length=8,
        choices=DueDateSource.choices,
        default=DueDateSource.DERIVED,
    )
    due_date_reason = models.CharField(
        _("reason for the due date"),
        max_length=255,
        blank=True,
        help_text=_("Required when the due date is set by hand."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    output_document = models.CharField(
        _("output document"), max_length=60, blank=True, help_text=_("Symbol, e.g. A/HRC/52/21.")
    )
    # Bumped on every write so that concurrent edits are detected, not lost.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = [models.F("due_date").asc(nulls_last=True), "id"]
        # The list's search reads ``title`` and ``output_document`` through
        # trigram indexes that a migration makes on PostgreSQL only
        # (resolutions.search_indexes), outside this list.
        indexes = [models.Index(fields=["status", "due_date"], name="followup_status_due")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(due_date_source="manual") | ~models.Q(due_date_reason=""),
                name="followup_manual_due_date_has_reason",
            ),
            # One follow-up per mandate, however often mandates are accepted.
            models.UniqueConstraint(
                fields=["mandate"],
                condition=models.Q(mandate__isnull=False),
                name="followup_one_per_mandate",
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse("web:followup_detail", kwargs={"pk": self.pk})

    # The choices' labels by value, read by the list's fifty rows: Django's own
    # ``get_<field>_display`` builds a table of every choice on each call.
    def get_status_display(self) -> str:  # type: ignore[no-redef]
        """The status's label in the active language."""
        return str(_STATUS_LABELS.get(self.status, self.status))

    def get_kind_display(self) -> str:  # type: ignore[no-redef]
        """The kind's label in the active language."""
        return str(_KIND_LABELS.get(self.kind, self.kind))

    def get_actor_display(self) -> str:  # type: ignore[no-redef]
        """The actor's label in the active language."""
        return str(_ACTOR_LABELS.get(self.actor, self.actor))

    @property
    def display_title(self) -> str:
        """The title in the active language: a generated title that no one renamed
        is made again in that language ("Rapport pour la session 52 (46/13, OP8)");
        a title typed by staff is shown as typed. No query."""
        return shown_title(self.title, cast("TitleParts | None", self.title_parts))

    @classmethod
    def from_db(
        cls, db: str | None, field_names: Collection[str], values: Collection[Any], **kwargs: Any
    ) -> Self:
        """The row as loaded, remembering the status and due date a ``due_state``
        annotated by the same query was computed from (see ``state``)."""
        instance = super().from_db(db, field_names, values, **kwargs)
        loaded = instance.__dict__
        instance._state_basis = (  # type: ignore[attr-defined]
            loaded.get("status", _UNLOADED),
            loaded.get("due_date", _UNLOADED),
        )
        return instance

    def state(self, today: datetime.date | None = None) -> State:
        """Overdue, due soon, on track…: the ``due_state`` the query annotated
        (``with_state``) while the row's status and due date are still those it
        was loaded with, else ``state_conditions`` read against this row (a
        service that changed either in memory gets the new state). No query for
        a row loaded with its status and due date."""
        annotated = getattr(self, "due_state", None)
        basis = getattr(self, "_state_basis", None)
        if (
            annotated is not None
            and today is None
            and basis is not None
            and _UNLOADED not in basis
            and basis == (self.status, self.due_date)
        ):
            return State(annotated)
        for state, condition in state_conditions(today or timezone.localdate()):
            if condition is None or _holds(condition, self):
                return state
        raise AssertionError("state_conditions ends with an unconditional state")

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ProgressEntry(models.Model):
    """One line of a follow-up's progress log: append-only.

    Entries are never changed or deleted (a correction is a new entry), and a
    follow-up with a log cannot be deleted: cancel it instead.
    """

    followup = models.ForeignKey(
        FollowUp, on_delete=models.PROTECT, related_name="progress", verbose_name=_("follow-up")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="progress_entries",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    text = models.TextField(_("text"), blank=True)
    status_from = models.CharField(
        _("status before"), max_length=12, choices=Status.choices, blank=True
    )
    status_to = models.CharField(
        _("status after"), max_length=12, choices=Status.choices, blank=True
    )

    class Meta:
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        ordering = ["-created_at", "-id"]
        # A follow-up's entries newest first, as its page, its activity and the
        # downloads' latest note read them: no sort of its entries per follow-up.
        # (The list's search reads ``text`` through a trigram index that a
        # migration makes on PostgreSQL only: resolutions.search_indexes.)
        indexes = [
            models.Index(fields=["followup", "-created_at", "-id"], name="progress_newest_first")
        ]

    def __str__(self) -> str:
        return f"{self.followup} — {self.created_at:%Y-%m-%d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Store a new entry; raises ``ValueError`` for an entry already stored."""
        if not self._state.adding:
            raise ValueError("A progress entry cannot be changed: add a new entry instead.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        """Always raises ``ValueError``: the progress log is append-only."""
        raise ValueError("A progress entry cannot be deleted: add a new entry instead.")

    @property
    def changes_status(self) -> bool:
        return bool(self.status_to) and self.status_to != self.status_from


class FeedToken(models.Model):
    """The secret in a person's calendar-feed addresses.

    Calendar clients cannot sign in, so a feed URL carries this key instead; it
    gives read access to the feeds only, and regenerating it (a new key)
    revokes every address copied before.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="feed_token",
        verbose_name=_("user"),
    )
    key = models.CharField(_("key"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed key")
        verbose_name_plural = _("calendar feed keys")

    def __str__(self) -> str:
        return str(self.user)


class ReminderSettings(models.Model):
    """How a person wants to be reminded of deadlines by e-mail.

    ``thresholds`` are days before a due date (e.g. [30, 7, 0]); empty means
    the site's default (``SUIVI_REMINDER_THRESHOLDS``). ``language`` is the
    language of the digest.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminder_settings",
        verbose_name=_("user"),
    )
    enabled = models.BooleanField(_("send me reminders"), default=True)
    thresholds = models.JSONField(_("days before the due date"), default=list, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        verbose_name = _("reminder settings")
        verbose_name_plural = _("reminder settings")

    def __str__(self) -> str:
        return str(self.user)


class ReminderSent(models.Model):
    """One reminder sent to one person about one follow-up's due date and threshold.

    Unique per (user, follow-up, due date, threshold): the same threshold is
    never sent twice, and a changed due date starts its thresholds anew.
    ``threshold`` is in days before the due date (0: due today; negative
    values are reserved for overdue reminders).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminders_sent",
        verbose_name=_("user"),
    )
    followup = models.ForeignKey(
        FollowUp,
        on_delete=models.CASCADE,
        related_name="reminders_sent",
        verbose_name=_("follow-up"),
    )
    due_date = models.DateField(_("due date"))
    threshold = models.SmallIntegerField(_("days before the due date"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "followup", "due_date", "threshold"],
                name="reminder_sent_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.followup} ({self.threshold})"


class SavedView(models.Model):
    """A filter of the follow-up list that a person saved under a name.

    ``query`` is the list's query string (the filter parameters, URL-encoded),
    so a saved view opens, downloads and subscribes exactly as its URL does.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_views",
        verbose_name=_("owner"),
    )
    name = models.CharField(_("name"), max_length=80)
    query = models.CharField(_("filters"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="saved_view_name_per_owner")
        ]

    def __str__(self) -> str:
        return self.name

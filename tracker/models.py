"""Follow-up work on what resolutions mandate.

A follow-up's state (overdue, due soon…) is derived in ``FollowUp.state()``
from its stored status and due date, never stored. Writes go through
``tracker.services``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from resolutions.models import Actor, Mandate, MandateKind, Paragraph, Resolution, Session


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


class DueDateSource(models.TextChoices):
    DERIVED = "derived", _("derived from the session calendar")
    MANUAL = "manual", _("set by hand")


class Unit(models.Model):
    """An organisational unit that can lead follow-ups."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.abbreviation or self.name


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

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = [models.F("due_date").asc(nulls_last=True), "id"]
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
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("web:followup_detail", kwargs={"pk": self.pk})

    def state(self, today: datetime.date | None = None) -> State:
        """The one place where overdue / due soon / on track is decided."""
        if self.status == Status.DONE:
            return State.DONE
        if self.status == Status.CANCELLED:
            return State.CANCELLED
        if self.due_date is None:
            return State.NO_DUE_DATE
        today = today or timezone.localdate()
        if self.due_date < today:
            return State.OVERDUE
        if (self.due_date - today).days <= settings.SUIVI_DUE_SOON_DAYS:
            return State.DUE_SOON
        return State.ON_TRACK

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ProgressEntry(models.Model):
    followup = models.ForeignKey(
        FollowUp, on_delete=models.CASCADE, related_name="progress", verbose_name=_("follow-up")
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

    def __str__(self) -> str:
        return f"{self.followup} — {self.created_at:%Y-%m-%d}"

    @property
    def changes_status(self) -> bool:
        return bool(self.status_to) and self.status_to != self.status_from

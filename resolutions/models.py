"""Resolutions as adopted: the session calendar, the text, its paragraphs and vote.

This app knows nothing of follow-up work (``tracker`` points here, never the
reverse). Rows are written through ``resolutions.services``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

# Sessions, meetings and paragraphs are numbered in the tens or hundreds; a
# bound well inside every database's small integer keeps a misread number a
# validation error rather than a database error.
MAX_NUMBER = 9999

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.http import HttpRequest

_acting_user: ContextVar[User | None] = ContextVar("resolutions_acting_user", default=None)


@contextmanager
def acting_as(user: User | None) -> Iterator[None]:
    """Name ``user`` as the author of every history record written inside the block.

    A service that deletes rows by queryset or by cascade never holds the
    instances the deletion records, so it cannot set ``_history_user`` on them;
    this reaches them. ``None`` leaves the author to the web request, if any.
    """
    token = _acting_user.set(user)
    try:
        yield
    finally:
        _acting_user.reset(token)


def history_user(request: HttpRequest | None = None, **kwargs: Any) -> User | None:
    """The author of a history record: the user of ``acting_as``, else the request's user."""
    user = _acting_user.get()
    if user is not None:
        return user
    return getattr(request, "user", None)


class Body(models.TextChoices):
    HRC = "HRC", _("Human Rights Council")
    GA = "GA", _("General Assembly")


class Language(models.TextChoices):
    EN = "en", _("English")
    FR = "fr", _("French")


class Session(models.Model):
    """A numbered session of a body, with its (scheduled or estimated) dates."""

    body = models.CharField(_("body"), max_length=8, choices=Body.choices, default=Body.HRC)
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MaxValueValidator(MAX_NUMBER)]
    )
    special = models.BooleanField(
        _("special session"),
        default=False,
        help_text=_("Special sessions are numbered apart (S-30)."),
    )
    start_date = models.DateField(_("opens on"))
    end_date = models.DateField(_("closes on"))
    dates_confirmed = models.BooleanField(
        _("dates confirmed"),
        default=True,
        help_text=_("Unticked when the dates are an estimate from the usual pattern."),
    )
    notes = models.TextField(_("notes"), blank=True)
    # Bumped by every edit from a form (services.update_session): an edit made
    # from a page shown before someone else saved is refused, not lost.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["body", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "special", "number"], name="session_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="session_closes_after_it_opens",
            ),
        ]

    def __str__(self) -> str:
        if self.special:
            if self.body == Body.HRC:
                return str(_("HRC special session S-%(number)s") % {"number": self.number})
            return str(_("GA special session S-%(number)s") % {"number": self.number})
        if self.body == Body.HRC:
            return str(_("HRC session %(number)s") % {"number": self.number})
        return str(_("GA session %(number)s") % {"number": self.number})


class State(models.Model):
    """A UN Member or observer State, known by its English and French names."""

    code = models.CharField(_("code"), max_length=3, unique=True, help_text=_("ISO 3166-1 alpha-3"))
    name_en = models.CharField(_("name in English"), max_length=120)
    name_fr = models.CharField(_("name in French"), max_length=120)

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("State")
        verbose_name_plural = _("States")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name_en


class DocumentKind(models.TextChoices):
    """What the Council adopted: the importer's ``types.DocumentKind`` values."""

    RESOLUTION = "resolution", _("Resolution")
    DECISION = "decision", _("Decision")
    STATEMENT = "statement", _("President's statement")


class Resolution(models.Model):
    """An adopted text: a resolution, a decision or a President's statement (``kind``).

    The model keeps its first name, and the pages their addresses
    (/resolutions/<symbol>/): decisions and statements are read, stored and
    followed up as resolutions are, and their symbols (A/HRC/DEC/…,
    A/HRC/PRST/…) keep them apart.
    """

    symbol = models.CharField(_("symbol"), max_length=40, unique=True)
    kind = models.CharField(
        _("kind of document"),
        max_length=12,
        choices=DocumentKind.choices,
        default=DocumentKind.RESOLUTION,
    )
    body = models.CharField(_("body"), max_length=8, choices=Body.choices, default=Body.HRC)
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="resolutions", verbose_name=_("session")
    )
    number = models.CharField(_("number"), max_length=20, help_text=_("As printed, e.g. 46/13."))
    # Blank only where the text prints none: older President's statements
    # ("PRST 15/2") have a number and no title (the importer warns).
    title = models.TextField(_("title"), blank=True)
    agenda_item = models.CharField(_("agenda item"), max_length=20, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    # The numbered sitting at which it was adopted ("49th meeting" / "49e séance").
    meeting = models.PositiveSmallIntegerField(
        pgettext_lazy("sitting of the Council", "meeting"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_NUMBER)],
    )
    language = models.CharField(_("language of the text"), max_length=2, choices=Language.choices)
    source_text = models.TextField(_("source text"), help_text=_("As pasted, kept verbatim."))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    # The change reason of an import's record says what it changed (services).
    history = HistoricalRecords(
        excluded_fields=["source_text"],
        get_user=history_user,
        history_change_reason_field=models.TextField(null=True),
    )

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["-session__number", "symbol"]

    def __str__(self) -> str:
        return self.symbol


class ResolutionText(models.Model):
    """The resolution's text in a further language, imported after the first one."""

    resolution = models.ForeignKey(
        Resolution,
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("resolution"),
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    title = models.TextField(_("title"), blank=True)
    source_text = models.TextField(_("source text"), help_text=_("As pasted, kept verbatim."))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["source_text"], get_user=history_user)

    class Meta:
        verbose_name = _("resolution text in another language")
        verbose_name_plural = _("resolution texts in other languages")
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "language"], name="resolution_text_unique_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.resolution.symbol} ({self.language})"


class ParagraphKind(models.TextChoices):
    PREAMBULAR = "preambular", _("preambular")
    OPERATIVE = "operative", _("operative")


class Paragraph(models.Model):
    resolution = models.ForeignKey(
        Resolution,
        on_delete=models.CASCADE,
        related_name="paragraphs",
        verbose_name=_("resolution"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ParagraphKind.choices)
    number = models.PositiveSmallIntegerField(
        _("number"),
        help_text=_("Operative: as printed. Preambular: position in the text."),
        validators=[MaxValueValidator(MAX_NUMBER)],
    )
    text = models.TextField(_("text"))
    # [{"label": "a", "text": "…", "subparagraphs": [...]}]: read together with
    # their paragraph, never queried on their own.
    subparagraphs = models.JSONField(_("sub-paragraphs"), default=list, blank=True)
    # A resolution whose whole operative part is one paragraph prints it
    # without a number; it is stored as number 1 (its anchor "op1", so that
    # links and follow-ups work as for any other) and shown as unnumbered.
    numbered = models.BooleanField(
        _("numbered"),
        default=True,
        help_text=_("Unticked for an operative paragraph printed without a number."),
    )

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["resolution", "-kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "kind", "number"], name="paragraph_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.resolution.symbol} {self.label}"

    @property
    def anchor(self) -> str:
        """The page anchor: "op3", "pp2"; "op1" for an unnumbered operative paragraph."""
        return f"{'op' if self.kind == ParagraphKind.OPERATIVE else 'pp'}{self.number}"

    @property
    def label(self) -> str:
        """How pages and downloads name it, in the active language (``paragraph_label``)."""
        return paragraph_label(self.kind, self.number, numbered=self.numbered)


def paragraph_label(kind: str, number: int, *, numbered: bool = True) -> str:
    """A paragraph's short name: "OP3", "PP2"; "OP (unnumbered)" for one printed without a number.

    In the active language ("OP (non numéroté)"); "OP" and "PP" are the
    abbreviations UN staff use in both languages.
    """
    if kind != ParagraphKind.OPERATIVE:
        return f"PP{number}"
    return f"OP{number}" if numbered else str(_("OP (unnumbered)"))


class ParagraphText(models.Model):
    """A paragraph in a further language, aligned on the paragraph's kind and number."""

    paragraph = models.ForeignKey(
        Paragraph,
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("paragraph"),
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    text = models.TextField(_("text"))
    subparagraphs = models.JSONField(_("sub-paragraphs"), default=list, blank=True)

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("paragraph in another language")
        verbose_name_plural = _("paragraphs in other languages")
        constraints = [
            models.UniqueConstraint(
                fields=["paragraph", "language"], name="paragraph_text_unique_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.paragraph} ({self.language})"


class VoteMethod(models.TextChoices):
    RECORDED = "recorded", _("recorded vote")
    WITHOUT_VOTE = "without_vote", _("without a vote")


class Vote(models.Model):
    resolution = models.OneToOneField(
        Resolution, on_delete=models.CASCADE, related_name="vote", verbose_name=_("resolution")
    )
    method = models.CharField(_("method"), max_length=16, choices=VoteMethod.choices)
    yes = models.PositiveSmallIntegerField(_("in favour"), null=True, blank=True)
    no = models.PositiveSmallIntegerField(_("against"), null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self) -> str:
        if self.method == VoteMethod.WITHOUT_VOTE:
            return str(_("Adopted without a vote"))
        return f"{self.yes}–{self.no}–{self.abstentions}"

    def positions_by(self) -> dict[str, list[VotePosition]]:
        """The States' positions grouped by position, in printed order."""
        grouped: dict[str, list[VotePosition]] = {p.value: [] for p in Position}
        for position in self.positions.all():
            grouped[position.position].append(position)
        return grouped


class Position(models.TextChoices):
    YES = "yes", _("in favour")
    NO = "no", _("against")
    ABSTAIN = "abstain", _("abstaining")


class VotePosition(models.Model):
    vote = models.ForeignKey(
        Vote, on_delete=models.CASCADE, related_name="positions", verbose_name=_("vote")
    )
    state = models.ForeignKey(
        State,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("State"),
        help_text=_("Empty when the printed name is not in the table of States."),
    )
    printed_name = models.CharField(_("name as printed"), max_length=160)
    position = models.CharField(_("position"), max_length=8, choices=Position.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("vote position")
        verbose_name_plural = _("vote positions")
        ordering = ["vote", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "printed_name"], name="vote_position_unique_name"
            ),
            models.UniqueConstraint(fields=["vote", "state"], name="vote_position_unique_state"),
        ]

    def __str__(self) -> str:
        return f"{self.printed_name}: {self.get_position_display()}"


class MandateKind(models.TextChoices):
    MEETING = "meeting", _("meeting")
    REPORT = "report", _("report")
    ORAL_UPDATE = "oral_update", _("oral update")
    RESOURCES = "resources", _("resources")
    OTHER = "other", _("other")


class Actor(models.TextChoices):
    """Who must deliver a mandate: the kinds of body the Council asks for deliverables.

    The values and what each covers are those of the importer
    (``resolutions.importer.types.Actor``), in the same order, which is also the
    order of the dashboard's breakdown by actor.
    """

    COUNCIL = "council", _("the Council")
    PRESIDENT = "president", _("President of the Council")
    HIGH_COMMISSIONER = "high_commissioner", _("High Commissioner")
    OHCHR = "ohchr", _("Office of the High Commissioner")
    SECRETARY_GENERAL = "secretary_general", _("Secretary-General")
    SPECIAL_PROCEDURES = "special_procedures", _("special procedures")
    INVESTIGATIVE_BODY = "investigative_body", _("commission of inquiry or fact-finding mission")
    EXPERT_MECHANISM = "expert_mechanism", _("Expert Mechanism")
    ADVISORY_COMMITTEE = "advisory_committee", _("Advisory Committee")
    WORKING_GROUP = "working_group", _("intergovernmental working group")
    FORUM = "forum", _("forum of the Council")
    TREATY_BODIES = "treaty_bodies", _("treaty bodies")
    STATES = "states", _("States")
    OTHER = "other", _("other")


class Mandate(models.Model):
    """A deliverable an operative paragraph asks for, as read from the text."""

    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, related_name="mandates", verbose_name=_("resolution")
    )
    paragraph = models.ForeignKey(
        Paragraph, on_delete=models.CASCADE, related_name="mandates", verbose_name=_("paragraph")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=MandateKind.choices)
    actor = models.CharField(_("actor"), max_length=24, choices=Actor.choices)
    session_body = models.CharField(
        _("body of the target session"),
        max_length=8,
        choices=Body.choices,
        default=Body.HRC,
        help_text=_("A Council resolution may ask for a report to the General Assembly."),
    )
    session_number = models.PositiveSmallIntegerField(
        _("target session"), null=True, blank=True, validators=[MaxValueValidator(MAX_NUMBER)]
    )
    text = models.TextField(_("clause"))
    needs_review = models.BooleanField(_("needs review"), default=False)
    periodicity = models.CharField(_("periodicity"), max_length=20, blank=True)
    # A recurring mandate is stored once per occurrence, each with its session
    # (resolutions.importer.recurrence): the occurrences share ``series``.
    series = models.PositiveSmallIntegerField(
        _("series"),
        null=True,
        blank=True,
        help_text=_(
            "The occurrences of one recurring request share a number within the resolution."
        ),
    )
    occurrence = models.PositiveSmallIntegerField(
        _("occurrence"), default=1, validators=[MinValueValidator(1)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Unticked at an import's review: staff chose not to follow it up. Kept on
    # the row, which a replace updates in place, so that importing the text
    # again proposes it unticked rather than bringing it back.
    dropped = models.BooleanField(
        _("dropped at the review"),
        default=False,
        help_text=_("Not followed up: an import of the text again proposes it unticked."),
    )

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["resolution", "order"]

    def __str__(self) -> str:
        return f"{self.paragraph} {self.get_kind_display()}"


class ClosureDay(models.Model):
    """A day the UN Office at Geneva is closed, beyond Geneva's public holidays.

    Geneva's public holidays come from the ``holidays`` library (Switzerland,
    subdivision GE); administrators add here what it does not know: the UN's
    own holidays (Eid al-Fitr and Eid al-Adha are official UN holidays, on dates
    announced each year), and exceptional closures. A derived due date that
    falls on one moves to the previous working day (``tracker.deadlines``).
    """

    date = models.DateField(_("date"), unique=True)
    description = models.CharField(_("description"), max_length=200)

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("closure day")
        verbose_name_plural = _("closure days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.description}"

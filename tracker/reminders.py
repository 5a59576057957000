"""The deadline-reminder rule: who is told what, on a given day.

Each focal point, and each member of a follow-up's lead unit, gets at most one
digest per run. A digest lists that person's open follow-ups that

- cross a threshold: ``days_until_due <= T`` for one of the person's
  thresholds ``T`` (days before the due date: their own
  ``ReminderSettings.thresholds``, else ``SUIVI_REMINDER_THRESHOLDS``,
  by default 30, 7 and 0) for which no ``ReminderSent`` exists for
  (person, follow-up, current due date, ``T``); or
- are overdue (``days_until_due < 0``) and were never reminded as overdue for
  their current due date: the threshold recorded is ``OVERDUE`` (-1), so an
  overdue follow-up is reminded once per due date, not every day.

So the same follow-up and threshold never reach the same person twice, and a
changed due date starts its thresholds anew (the records name the due date
they were sent for). When a run finds several thresholds crossed at once (a
first run 5 days before the due date crosses 30 and 7), the follow-up is
listed once and every crossed threshold is recorded, so the 30-day reminder
does not follow the 7-day one. Thresholds not crossed while the follow-up was
open (thresholds added later, a run missed) are not sent after the due date:
an overdue follow-up gets only its overdue reminder.

A person is reminded only if they can open follow-ups (``focal_point_choices``:
a role, or a superuser), are active, have an e-mail address, and have not
opted out (``ReminderSettings.enabled``). Follow-ups are read through the
state definition (``tracker.models.state_q``): open with a due date, i.e.
overdue, due soon or on track.

``due_digests`` reads all this in five queries, however many follow-ups and
people there are; ``tracker.services.send_deadline_reminders`` claims and
sends each digest.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from tracker.filters import focal_point_choices
from tracker.models import FollowUp, ReminderSent, ReminderSettings, State, state_q

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The threshold recorded for an overdue reminder (once per due date).
OVERDUE = -1
# The largest threshold a person may choose (days before a due date).
MAX_THRESHOLD = 365

_OPEN_WITH_DUE_DATE = (State.OVERDUE, State.DUE_SOON, State.ON_TRACK)


def default_thresholds() -> tuple[int, ...]:
    """The site's thresholds (``SUIVI_REMINDER_THRESHOLDS``), largest first."""
    return tuple(sorted(settings.SUIVI_REMINDER_THRESHOLDS, reverse=True))


def thresholds_for(reminder_settings: ReminderSettings | None) -> tuple[int, ...]:
    """A person's thresholds in days, largest first: their own, else the site's."""
    if reminder_settings is not None and reminder_settings.thresholds:
        return tuple(sorted({int(day) for day in reminder_settings.thresholds}, reverse=True))
    return default_thresholds()


@dataclass(frozen=True)
class Item:
    """One follow-up in a digest.

    ``claims`` are the thresholds this reminder records (``OVERDUE`` or days
    before the due date) for ``due_date``, the follow-up's due date when it was
    read; ``days_until_due`` is negative when overdue.
    """

    followup: FollowUp
    due_date: datetime.date
    days_until_due: int
    claims: tuple[int, ...]

    @property
    def is_overdue(self) -> bool:
        return self.days_until_due < 0

    @property
    def days_overdue(self) -> int:
        return -self.days_until_due


@dataclass
class Digest:
    """What one person is to be told on one run, overdue first, then by due date."""

    user: User
    reminder_settings: ReminderSettings | None
    items: list[Item] = field(default_factory=list)

    @property
    def language(self) -> str:
        if self.reminder_settings is not None:
            return self.reminder_settings.language
        return str(settings.LANGUAGE_CODE)


def item_for(
    followup: FollowUp,
    *,
    today: datetime.date,
    thresholds: tuple[int, ...],
    already_sent: set[int],
) -> Item | None:
    """The reminder ``followup`` (open, with a due date) calls for today, if any.

    ``already_sent`` holds the thresholds recorded for this person, this
    follow-up and its current due date. Pure: no query.
    """
    assert followup.due_date is not None
    days = (followup.due_date - today).days
    if days < 0:
        claims: tuple[int, ...] = () if OVERDUE in already_sent else (OVERDUE,)
    else:
        claims = tuple(t for t in thresholds if days <= t and t not in already_sent)
    if not claims:
        return None
    return Item(followup=followup, due_date=followup.due_date, days_until_due=days, claims=claims)


def candidate_followups(*, today: datetime.date, horizon: int) -> list[FollowUp]:
    """Open follow-ups with a due date no later than ``horizon`` days after ``today``,
    with their resolution and lead unit's members (two queries)."""
    open_with_due_date = Q()
    for state in _OPEN_WITH_DUE_DATE:
        open_with_due_date |= state_q(state, today)
    return list(
        FollowUp.objects.with_state(today)
        .filter(open_with_due_date, due_date__lte=today + datetime.timedelta(days=horizon))
        .select_related("resolution", "lead_unit")
        .prefetch_related("lead_unit__members")
        .order_by("due_date", "id")
    )


def due_digests(*, today: datetime.date) -> list[Digest]:
    """Every digest due on ``today``, one per person with something to be told.

    Five queries: the thresholds people chose, the candidate follow-ups, their
    units' members, the people who may be reminded (with their settings), and
    the reminders already recorded for these follow-ups' current due dates.
    """
    chosen = ReminderSettings.objects.filter(enabled=True).values_list("thresholds", flat=True)
    horizon = max(
        [*default_thresholds(), *(int(day) for days in chosen for day in (days or []))],
        default=0,
    )
    followups = candidate_followups(today=today, horizon=horizon)
    if not followups:
        return []

    recipients: dict[int, set[int]] = defaultdict(set)  # person → follow-up ids
    for followup in followups:
        if followup.focal_point_id is not None:
            recipients[followup.focal_point_id].add(followup.pk)
        if followup.lead_unit is not None:
            for member in followup.lead_unit.members.all():
                recipients[member.pk].add(followup.pk)
    people = (
        focal_point_choices()
        .filter(pk__in=list(recipients))
        .exclude(email="")
        .exclude(reminder_settings__enabled=False)
        .select_related("reminder_settings")
        .order_by("pk")
    )

    sent: dict[tuple[int, int], set[int]] = defaultdict(set)
    for user_id, followup_id, threshold in ReminderSent.objects.filter(
        followup__in=[f.pk for f in followups], due_date=F("followup__due_date")
    ).values_list("user_id", "followup_id", "threshold"):
        sent[user_id, followup_id].add(threshold)

    digests = []
    for person in people:
        own = getattr(person, "reminder_settings", None)
        thresholds = thresholds_for(own)
        digest = Digest(user=person, reminder_settings=own)
        for followup in followups:  # in due-date order
            if followup.pk not in recipients[person.pk]:
                continue
            item = item_for(
                followup,
                today=today,
                thresholds=thresholds,
                already_sent=sent[person.pk, followup.pk],
            )
            if item is not None:
                digest.items.append(item)
        if digest.items:
            digest.items.sort(key=lambda item: not item.is_overdue)  # stable: overdue first
            digests.append(digest)
    return digests


def absolute_url(path: str) -> str:
    """``path`` on this site, for a link in an e-mail (``SUIVI_BASE_URL``)."""
    return f"{str(settings.SUIVI_BASE_URL).rstrip('/')}{path}"


@dataclass(frozen=True)
class Line:
    """An item as an e-mail shows it: with its follow-up's absolute address."""

    item: Item
    url: str

    @property
    def followup(self) -> FollowUp:
        return self.item.followup


def digest_message(digest: Digest) -> EmailMultiAlternatives:
    """The digest as an e-mail to its person, in their language: a subject, a
    plain-text body and an HTML part (``templates/web/emails/reminder_digest.*``),
    each follow-up linked to its page. No query (the rows are loaded)."""
    with translation.override(digest.language):
        rows = [Line(item, absolute_url(item.followup.get_absolute_url())) for item in digest.items]
        context = {
            "person": digest.user,
            "overdue": [row for row in rows if row.item.is_overdue],
            "upcoming": [row for row in rows if not row.item.is_overdue],
            "count": len(rows),
            "account_url": absolute_url(reverse("web:account")) + "#reminders",
            "site_url": absolute_url("/"),
            "language": digest.language,
        }
        subject = " ".join(render_to_string("web/emails/subject.txt", context).split())
        text = render_to_string("web/emails/reminder_digest.txt", context)
        html = render_to_string("web/emails/reminder_digest.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[digest.user.email],
        headers={"Content-Language": digest.language, "Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    return message


def settings_of(user: User) -> ReminderSettings | None:
    """``user``'s reminder choices, or None while they kept the defaults (one query)."""
    return ReminderSettings.objects.filter(user=user).first()

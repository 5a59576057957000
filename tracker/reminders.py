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
people there are, through the same state definition as the selectors
(the list's state filter, ``FollowUpQuerySet.in_state``, is ``state_q`` too) but not through
``selectors.followup_list``: a digest is per person, not per list filter.
``tracker.services.send_deadline_reminders`` claims and sends each digest.
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
from tracker.models import FollowUp, ReminderSent, ReminderSettings, State, Unit, state_q

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from tracker.models import FollowUpQuerySet

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


# Candidate follow-ups read per round trip (a server-side cursor on PostgreSQL).
CHUNK_SIZE = 2000


def candidate_followups(*, today: datetime.date, horizon: int) -> FollowUpQuerySet:
    """Open follow-ups with a due date no later than ``horizon`` days after
    ``today``, in due-date order, with their resolution and lead unit joined.

    A queryset, not yet read: ``due_digests`` streams it and uses it as a
    subquery for the people and the reminders already recorded.
    """
    open_with_due_date = Q()
    for state in _OPEN_WITH_DUE_DATE:
        open_with_due_date |= state_q(state, today)
    return (
        FollowUp.objects.with_state(today)
        .filter(open_with_due_date, due_date__lte=today + datetime.timedelta(days=horizon))
        .select_related("resolution", "lead_unit")
        .order_by("due_date", "id")
    )


def due_digests(*, today: datetime.date) -> list[Digest]:
    """Every digest due on ``today``, one per person with something to be told.

    Five queries, however many follow-ups and people there are: the thresholds
    people chose; the members of the units that lead a candidate follow-up;
    the people who may be reminded (with their settings); the reminders
    already recorded for the candidates' current due dates; and the
    candidates themselves, streamed in chunks of ``CHUNK_SIZE`` (no prefetch,
    so the count stays fixed). The work is proportional to the candidates
    times their recipients (focal point and lead-unit members), and only the
    follow-ups that make an item stay in memory.
    """
    chosen = ReminderSettings.objects.filter(enabled=True).values_list("thresholds", flat=True)
    horizon = max(
        [*default_thresholds(), *(int(day) for days in chosen for day in (days or []))],
        default=0,
    )
    candidates = candidate_followups(today=today, horizon=horizon)

    unit_members = Unit.members.through.objects.filter(
        unit_id__in=candidates.values("lead_unit_id")
    )
    members: dict[int, list[int]] = defaultdict(list)  # unit → people
    for unit_id, user_id in unit_members.values_list("unit_id", "user_id"):
        members[unit_id].append(user_id)

    people = {
        person.pk: person
        for person in focal_point_choices()
        .filter(
            Q(pk__in=candidates.values("focal_point_id")) | Q(pk__in=unit_members.values("user_id"))
        )
        .exclude(email="")
        .exclude(reminder_settings__enabled=False)
        .select_related("reminder_settings")
        .order_by("pk")
    }
    if not people:
        return []

    sent: dict[tuple[int, int], set[int]] = defaultdict(set)  # (person, follow-up) → thresholds
    for user_id, followup_id, threshold in ReminderSent.objects.filter(
        followup__in=candidates.values("pk"),
        due_date=F("followup__due_date"),
    ).values_list("user_id", "followup_id", "threshold"):
        sent[user_id, followup_id].add(threshold)

    digests: dict[int, Digest] = {}
    thresholds: dict[int, tuple[int, ...]] = {}
    for person in people.values():
        own = getattr(person, "reminder_settings", None)
        digests[person.pk] = Digest(user=person, reminder_settings=own)
        thresholds[person.pk] = thresholds_for(own)

    for followup in candidates.iterator(chunk_size=CHUNK_SIZE):  # in due-date order
        recipients = set(members.get(followup.lead_unit_id, ())) if followup.lead_unit_id else set()
        if followup.focal_point_id is not None:
            recipients.add(followup.focal_point_id)
        for person_id in recipients:
            if person_id not in people:
                continue
            item = item_for(
                followup,
                today=today,
                thresholds=thresholds[person_id],
                already_sent=sent.get((person_id, followup.pk), set()),
            )
            if item is not None:
                digests[person_id].items.append(item)

    result = []
    for digest in digests.values():  # by person
        if digest.items:
            digest.items.sort(key=lambda item: not item.is_overdue)  # stable: overdue first
            result.append(digest)
    return result


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

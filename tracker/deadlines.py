"""Due dates derived from the session calendar: every derivation goes through here.

The rules, one per kind of deliverable:

- A meeting is due by the last day of the session that holds it.
- A report (and any pre-session document) is due a number of weeks before the
  target session opens: ``SUIVI_REPORT_WEEKS_BEFORE_SESSION``, default 6. Source:
  the UN's six-week rule, set by the General Assembly's resolutions on the
  pattern of conferences: pre-session documents are distributed in all official
  languages six weeks before the session opens.
- An oral update is due when the session opens, where it is delivered.
- Resources are due the day before the session of the meeting they serve opens.
- Anything else asked "at" a session is due when that session opens.

A date a rule gives that falls on a Saturday, a Sunday or a day the UN Office
at Geneva is closed moves to the previous working day (``DueDate.moved_from``
keeps the day the rule gave). Closed days are Geneva's public holidays (the
``holidays`` library: Switzerland, subdivision GE) and the closure days
administrators add (``resolutions.models.ClosureDay``: the UN's own holidays
such as Eid al-Fitr and Eid al-Adha, exceptional closures). They are read by a
``WorkingCalendar``: one query, made once per derivation batch. Each entry
point takes an optional ``calendar``; a caller that derives many dates
(``recompute_due_dates``, creating an import's follow-ups, the import review)
loads one with ``WorkingCalendar.load()`` and passes it to every call, and a
call without one loads its own (one query), which suits a single follow-up.

Which session counts: a follow-up's own target session, except resources tied
to a meeting (``FollowUp.serves``), which follow that meeting's session.

The entry points:

- ``WorkingCalendar.load()``: the closed days, read once for a batch.
- ``derive(followup)``: the derived due date of a stored (or about to be
  stored) follow-up, with its provenance (rule and session).
- ``rederive(followup)``: puts that date on the follow-up unless it was set by
  hand; the services call it on creation, on reverting to the derived date,
  from the admin, and when a session's dates move.
- ``preview(kind=…, body=…, session_number=…)``: the same derivation for a
  proposal under review, on a stored or estimated session, writing nothing.
- ``link_resources(followups)``: ties resources to the meeting they serve.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import holidays
from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from resolutions.dates import is_plausible
from resolutions.models import ClosureDay, MandateKind, Session
from resolutions.services import session_or_estimate
from tracker.models import DueDateSource, FollowUp


class Rule(models.TextChoices):
    """How a due date follows from its session, one per kind of deliverable."""

    SESSION_CLOSES = "session_closes", _("the last day of the session")
    WEEKS_BEFORE_OPENING = "weeks_before_opening", _("weeks before the session opens")
    DAY_BEFORE_OPENING = "day_before_opening", _("the day before the session opens")
    SESSION_OPENS = "session_opens", _("the day the session opens")


RULES: dict[str, Rule] = {
    MandateKind.MEETING: Rule.SESSION_CLOSES,
    MandateKind.REPORT: Rule.WEEKS_BEFORE_OPENING,
    MandateKind.RESOURCES: Rule.DAY_BEFORE_OPENING,
    MandateKind.ORAL_UPDATE: Rule.SESSION_OPENS,
    MandateKind.OTHER: Rule.SESSION_OPENS,
}


# A run of closed days is never longer than this; a closure day added or removed
# can move only the derived due dates that fall this close before it.
LONGEST_CLOSURE = datetime.timedelta(days=31)


def _geneva_holidays() -> holidays.HolidayBase:
    # Computed year by year as they are asked for; French names, Geneva's language.
    return holidays.country_holidays("CH", subdiv="GE", language="fr")


@dataclass(frozen=True)
class WorkingCalendar:
    """The days the UN Office at Geneva works: not weekends, holidays or closure days.

    ``closures`` are the administrators' closure days (``ClosureDay``), read by
    ``load()`` in one query; Geneva's public holidays come from the
    ``holidays`` library and need no query. Build one per batch of
    derivations and pass it to each (see the module's docstring).
    """

    closures: frozenset[datetime.date] = frozenset()
    public_holidays: holidays.HolidayBase = field(
        default_factory=_geneva_holidays, compare=False, repr=False
    )
    # What each closure day is (its description in the admin), to say why a date moved.
    closure_names: Mapping[datetime.date, str] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def load(cls) -> WorkingCalendar:
        """The calendar as stored now: one query for the closure days."""
        names = dict(ClosureDay.objects.values_list("date", "description"))
        return cls(frozenset(names), closure_names=names)

    def why_closed(self, day: datetime.date) -> str | None:
        """Why the office is closed on ``day`` when it is a weekday (a public
        holiday's or closure day's name), or None on a working day or a weekend."""
        if day.weekday() >= 5:
            return None
        if day in self.closures:
            return self.closure_names.get(day) or str(_("closure day"))
        name: str | None = self.public_holidays.get(day)
        return name

    def is_working_day(self, day: datetime.date) -> bool:
        """False on Saturdays, Sundays, Geneva's public holidays and closure days."""
        return day.weekday() < 5 and day not in self.public_holidays and day not in self.closures

    def working_day_on_or_before(self, day: datetime.date) -> datetime.date:
        """``day`` if the office works that day, else the last working day before it."""
        while not self.is_working_day(day):
            day -= datetime.timedelta(days=1)
        return day


@dataclass(frozen=True)
class DueDate:
    """A derived due date and why: the ``rule`` applied to ``session``'s dates.

    ``session`` may be an unsaved estimate (``pk`` None) during an import review.
    ``moved_from`` is the day the rule gave when the office is closed then
    (a weekend, a holiday, a closure day), ``date`` being the working day
    before it; None when the rule's day is a working day.
    """

    date: datetime.date
    rule: Rule
    session: Session
    weeks: int = 0  # for WEEKS_BEFORE_OPENING: how many
    moved_from: datetime.date | None = None
    # The weekdays skipped because the office was closed, with why (a holiday's
    # or closure day's name), latest first; weekends need no reason.
    closed: tuple[tuple[datetime.date, str], ...] = ()

    @property
    def estimated(self) -> bool:
        """True when the session's dates are an estimate, not announced dates."""
        return not self.session.dates_confirmed

    def explanation(self) -> str:
        """Why this date, in the active language, e.g.
        "6 weeks before HRC session 52 opens (27 Feb 2023)", or
        "day before HRC session 49 opens (28 Feb 2022); moved from Sunday 27 Feb 2022"."""
        values = {
            "session": str(self.session),
            "opens": _date(self.session.start_date),
            "closes": _date(self.session.end_date),
        }
        if self.rule == Rule.SESSION_CLOSES:
            text = _("last day of %(session)s (%(closes)s)") % values
        elif self.rule == Rule.WEEKS_BEFORE_OPENING:
            text = ngettext(
                "%(weeks)d week before %(session)s opens (%(opens)s)",
                "%(weeks)d weeks before %(session)s opens (%(opens)s)",
                self.weeks,
            ) % {**values, "weeks": self.weeks}
        elif self.rule == Rule.DAY_BEFORE_OPENING:
            text = _("day before %(session)s opens (%(opens)s)") % values
        else:
            text = _("opening day of %(session)s (%(opens)s)") % values
        if self.moved_from is not None:
            text = _("%(reason)s; moved from %(day)s") % {
                "reason": text,
                "day": f"{date_format(self.moved_from, 'l')} {_date(self.moved_from)}",
            }
            if self.closed:
                text = _("%(reason)s (office closed: %(days)s)") % {
                    "reason": text,
                    "days": ", ".join(f"{_date(day)}, {why}" for day, why in self.closed),
                }
        if self.estimated:
            text = _("%(reason)s; the session's dates are estimated") % {"reason": text}
        return str(text)


def _date(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def due_date_for(
    *, kind: str, session: Session | None, calendar: WorkingCalendar | None = None
) -> DueDate | None:
    """The rule for ``kind`` applied to ``session``, on a working day; None without a session.

    ``calendar`` says which days are working days (loaded here if not given).
    Also None, rather than a date that cannot be, when the session's dates
    fall outside ``FIRST_YEAR``–``LAST_YEAR`` (``resolutions.dates``: a
    session stored before its dates were checked, such as one on 0001-01-01,
    whose report would be due six weeks before the first day there is): the
    follow-up then has no derived due date, as without a session, until the
    session's dates are corrected, which derives it again.
    """
    if session is None or not _plausible(session):
        return None
    rule = RULES.get(kind, Rule.SESSION_OPENS)
    weeks = 0
    try:
        if rule == Rule.SESSION_CLOSES:
            day = session.end_date
        elif rule == Rule.WEEKS_BEFORE_OPENING:
            weeks = settings.SUIVI_REPORT_WEEKS_BEFORE_SESSION
            day = session.start_date - datetime.timedelta(weeks=weeks)
        elif rule == Rule.DAY_BEFORE_OPENING:
            day = session.start_date - datetime.timedelta(days=1)
        else:
            day = session.start_date
        calendar = calendar or WorkingCalendar.load()
        working = calendar.working_day_on_or_before(day)
    except OverflowError:  # so many weeks before the opening that no such day exists
        return None
    closed = tuple(
        (skipped, reason)
        for offset in range((day - working).days)
        if (reason := calendar.why_closed(skipped := day - datetime.timedelta(days=offset)))
    )
    return DueDate(
        working, rule, session, weeks, moved_from=day if working != day else None, closed=closed
    )


def _plausible(session: Session) -> bool:
    """Whether both of ``session``'s dates are plausible (``resolutions.dates``)."""
    return is_plausible(session.start_date) and is_plausible(session.end_date)


def counted_session(followup: FollowUp) -> Session | None:
    """The session whose dates a follow-up's due date follows.

    Resources follow the meeting they serve; everything else its own target
    session.
    """
    if followup.kind == MandateKind.RESOURCES and followup.serves_id:
        assert followup.serves is not None
        return followup.serves.target_session
    return followup.target_session


def counted_session_key() -> models.Case:
    """The key of ``counted_session`` as a query expression, for reads that take
    columns rather than follow-ups (``values()``): the served meeting's target
    session for resources that serve one, else the follow-up's own."""
    return models.Case(
        models.When(
            kind=MandateKind.RESOURCES,
            serves__isnull=False,
            then=models.F("serves__target_session_id"),
        ),
        default=models.F("target_session_id"),
    )


def derive(followup: FollowUp, *, calendar: WorkingCalendar | None = None) -> DueDate | None:
    """The due date the calendar gives ``followup``, whoever set the stored one."""
    return due_date_for(kind=followup.kind, session=counted_session(followup), calendar=calendar)


def rederive(followup: FollowUp, *, calendar: WorkingCalendar | None = None) -> bool:
    """Put the derived due date on ``followup`` unless it was set by hand.

    Returns True when ``followup.due_date`` changed. Saves nothing: the
    calling service saves, with a new version and a history record. A
    follow-up without a session gets no derived date and needs no calendar:
    none is loaded for it.
    """
    if followup.due_date_source != DueDateSource.DERIVED:
        return False
    session = counted_session(followup)
    derived = (
        due_date_for(kind=followup.kind, session=session, calendar=calendar) if session else None
    )
    due = derived.date if derived else None
    changed = due != followup.due_date
    followup.due_date = due
    return changed


def preview(
    *,
    kind: str,
    body: str,
    session_number: int | None,
    calendar: WorkingCalendar | None = None,
) -> DueDate | None:
    """The due date a proposed follow-up would get, writing nothing.

    A session not yet in the calendar is estimated exactly as it will be when
    the follow-up is stored (``resolutions.services.session_or_estimate``).
    A review of several proposals passes one ``calendar`` to every call.
    """
    if session_number is None:
        return None
    return due_date_for(
        kind=kind,
        session=session_or_estimate(body=body, number=session_number),
        calendar=calendar,
    )


def link_resources(followups: Iterable[FollowUp], *, meetings: Iterable[FollowUp]) -> None:
    """Tie each resources follow-up to the meeting it serves.

    A resolution that asks for resources for a meeting convened at the same
    session (46/13: OP8 resources the OP7 meeting at the 49th session) ties them,
    so that the resources follow the meeting if it moves. Saves nothing.
    """
    by_session = {m.target_session_id: m for m in meetings if m.target_session_id}
    for followup in followups:
        if followup.kind == MandateKind.RESOURCES and followup.target_session_id:
            followup.serves = by_session.get(followup.target_session_id)

"""Reads of the session calendar: the next session, the sessions of a period,
and a pasted text read against the calendar (``read_resolution_text``).

Both answer from the stored calendar, and past its end from the usual pattern
(``resolutions.services.estimated_session``: unsaved, ``pk`` None,
``dates_confirmed`` False), so that a page always has a next session to show
even before ``manage.py extend_calendar`` has run. The stored calendar is
read in one query (``SessionCalendar.load``), however many sessions are
estimated or asked about.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from resolutions.importer import parse
from resolutions.importer.types import Language, ParsedResolution
from resolutions.models import MAX_NUMBER, Mandate, Session
from resolutions.services import estimated_session, match_mandates, session_number_on


@dataclass(frozen=True)
class SessionCalendar:
    """Every stored session, read in one query, and what a page asks of them:
    the next session of a body, the sessions of a period.

    A page that asks several questions (the dashboard: each body's next
    session and two years of timeline) loads the calendar once and asks it;
    ``next_session`` and ``sessions_between`` below load it for one answer.
    ``sessions`` are ordered by opening day.
    """

    sessions: tuple[Session, ...]

    @classmethod
    def load(cls) -> SessionCalendar:
        """The stored calendar: one query (a few hundred rows for twenty years)."""
        return cls(tuple(Session.objects.order_by("start_date", "number")))

    def _regular(self, body: str) -> list[Session]:
        return [s for s in self.sessions if s.body == body and not s.special]

    def _first_estimate(self, body: str, day: datetime.date) -> tuple[int, list[Session]]:
        """The first number past the stored calendar on ``day``, and the confirmed sessions."""
        regular = self._regular(body)
        known = [s for s in regular if s.dates_confirmed]
        number = session_number_on(body=body, day=day, known=known)
        if regular:
            number = max(number, max(s.number for s in regular) + 1)
        return number, known

    def next_session(self, *, body: str, today: datetime.date) -> Session:
        """The first regular session of ``body`` that opens after ``today``.

        The stored one if the calendar reaches that far, else an unsaved
        estimate: never None. A session that opens on ``today`` is under way,
        not next. No query.
        """
        stored = [s for s in self._regular(body) if s.start_date > today]
        if stored:
            return min(stored, key=lambda s: (s.start_date, s.number))
        number, known = self._first_estimate(body, today)
        while True:
            session = estimated_session(body=body, number=number, known=known)
            if session.start_date > today or number >= MAX_NUMBER:
                return session
            number += 1

    def sessions_between(
        self, *, body: str, start: datetime.date, end: datetime.date
    ) -> list[Session]:
        """Every session of ``body`` that sits between ``start`` and ``end`` (both included).

        A session counts when any of its days falls in the period. Stored
        sessions (regular and special) first; past the last stored regular
        session, regular sessions are estimated (unsaved) up to the last one
        that opens by ``end``. Ordered by opening day, for a timeline. No query.
        """
        stored = [
            s
            for s in self.sessions
            if s.body == body and s.start_date <= end and s.end_date >= start
        ]
        number, known = self._first_estimate(body, start)
        estimates = []
        while number <= MAX_NUMBER:
            session = estimated_session(body=body, number=number, known=known)
            if session.start_date > end:
                break
            if session.end_date >= start:
                estimates.append(session)
            number += 1
        return sorted([*stored, *estimates], key=lambda s: (s.start_date, s.special, s.number))


def next_session(*, body: str, today: datetime.date) -> Session:
    """``SessionCalendar.next_session`` on the stored calendar: one query."""
    return SessionCalendar.load().next_session(body=body, today=today)


def sessions_between(*, body: str, start: datetime.date, end: datetime.date) -> list[Session]:
    """``SessionCalendar.sessions_between`` on the stored calendar: one query."""
    return SessionCalendar.load().sessions_between(body=body, start=start, end=end)


def session_under_way_or_next(*, body: str, day: datetime.date) -> int:
    """The number of the regular session of ``body`` sitting on ``day``, or the next one.

    From the stored calendar where it reaches ``day``, else from the usual
    pattern (``resolutions.services.session_number_on``). One or two queries.
    """
    stored = (
        Session.objects.filter(body=body, special=False, end_date__gte=day)
        .order_by("start_date", "number")
        .values_list("number", flat=True)
        .first()
    )
    if stored is not None:
        return stored
    known = list(Session.objects.filter(body=body, special=False, dates_confirmed=True))
    return session_number_on(body=body, day=day, known=known)


def read_resolution_text(*, text: str, language: Language | None = None) -> ParsedResolution:
    """``resolutions.importer.parse(text, language)``, with the sessions only the calendar knows.

    A special-session resolution's "at its next session" counts from the
    regular session under way or next after the special session's date: a
    special session sits between regular sessions (S-30, 27 May 2021, came
    before the 47th regular session, 21 June to 14 July 2021), and its number
    counts special sessions only. The importer marks such a mandate
    with ``after_adoption`` and no session; here it gets its number, still
    flagged for review. Without an adoption date it keeps no session.
    Writes nothing; raises ``ImporterError`` as ``parse`` does.
    """
    parsed = parse(text, language=language)
    day = parsed.adopted_on
    if day is None or not any(m.after_adoption and m.session is None for m in parsed.mandates):
        return parsed
    first: dict[str, int] = {}
    mandates = []
    for mandate in parsed.mandates:
        if mandate.after_adoption and mandate.session is None:
            if mandate.body not in first:
                first[mandate.body] = session_under_way_or_next(body=mandate.body, day=day)
            number = first[mandate.body] + mandate.after_adoption - 1
            mandate = replace(mandate, session=min(number, MAX_NUMBER), needs_review=True)
        mandates.append(mandate)
    parsed.mandates = mandates
    return parsed


def dropped_mandate_orders(*, parsed: ParsedResolution) -> set[int]:
    """The positions in ``parsed.mandates`` of the mandates staff dropped at an earlier
    review of the same resolution (``Mandate.dropped``), matched as a replace matches
    them (``services.match_mandates``). Empty for a resolution not stored. One query.
    """
    stored = list(
        Mandate.objects.filter(resolution__symbol=parsed.symbol)
        .select_related("paragraph")
        .order_by("order", "pk")
    )
    matched = match_mandates(stored, parsed.mandates)
    return {order for order, mandate in matched.items() if mandate.dropped}

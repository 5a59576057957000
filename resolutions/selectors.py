"""Reads of the session calendar: the next session, and the sessions of a period.

Both answer from the stored calendar, and past its end from the usual pattern
(``resolutions.services.estimated_session``: unsaved, ``pk`` None,
``dates_confirmed`` False), so that a page always has a next session to show
even before ``manage.py extend_calendar`` has run. Each reads the stored
sessions once and the confirmed ones once, however many it estimates.
"""

from __future__ import annotations

import datetime

from resolutions.models import MAX_NUMBER, Session
from resolutions.services import estimated_session, session_number_on


def next_session(*, body: str, today: datetime.date) -> Session:
    """The first regular session of ``body`` that opens after ``today``.

    The stored one if the calendar reaches that far, else an unsaved estimate:
    never None. A session that opens on ``today`` is under way, not next.
    At most two queries.
    """
    regular = Session.objects.filter(body=body, special=False)
    stored = regular.filter(start_date__gt=today).order_by("start_date", "number").first()
    if stored is not None:
        return stored
    everything = list(regular)
    known = [s for s in everything if s.dates_confirmed]
    last = max((s.number for s in everything), default=None)
    number = session_number_on(body=body, day=today, known=known)
    if last is not None:
        number = max(number, last + 1)
    while True:
        session = estimated_session(body=body, number=number, known=known)
        if session.start_date > today or number >= MAX_NUMBER:
            return session
        number += 1


def sessions_between(*, body: str, start: datetime.date, end: datetime.date) -> list[Session]:
    """Every session of ``body`` that sits between ``start`` and ``end`` (both included).

    A session counts when any of its days falls in the period. Stored sessions
    (regular and special) come first from the database; past the last stored
    regular session, regular sessions are estimated (unsaved) up to the last
    one that opens by ``end``. Ordered by opening day, for a timeline. Two
    queries, whatever the period.
    """
    regular = Session.objects.filter(body=body)
    stored = list(
        regular.filter(start_date__lte=end, end_date__gte=start).order_by("start_date", "number")
    )
    everything = list(regular.filter(special=False))
    known = [s for s in everything if s.dates_confirmed]
    last = max((s.number for s in everything), default=None)
    number = session_number_on(body=body, day=start, known=known)
    if last is not None:
        number = max(number, last + 1)
    estimates = []
    while number <= MAX_NUMBER:
        session = estimated_session(body=body, number=number, known=known)
        if session.start_date > end:
            break
        if session.end_date >= start:
            estimates.append(session)
        number += 1
    return sorted([*stored, *estimates], key=lambda s: (s.start_date, s.special, s.number))

"""Reads of the session calendar: the next session, the sessions of a period,
and a pasted text read against the calendar (``read_resolution_text``).

Both answer from the stored calendar, and past its end from the usual pattern
(``resolutions.services.estimated_session``: unsaved, ``pk`` None,
``dates_confirmed`` False), so that a page always has a next session to show
even before ``manage.py extend_calendar`` has run. Each reads the stored
sessions once and the confirmed ones once, however many it estimates.
"""

from __future__ import annotations

import datetime
from dataclasses import replace

from resolutions.importer import parse
from resolutions.importer.types import Language, ParsedResolution
from resolutions.models import MAX_NUMBER, Mandate, Session
from resolutions.services import estimated_session, match_mandates, session_number_on


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

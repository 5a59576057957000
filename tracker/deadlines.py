"""Due dates derived from the session calendar: the rules in one place.

- A meeting is due by the last day of the session that holds it.
- A report (and any pre-session document) is due a number of weeks before the
  target session opens: ``SUIVI_REPORT_WEEKS_BEFORE_SESSION``, default 6 (the
  UN's six-week rule for pre-session documents).
- An oral update is due when the session opens, where it is delivered.
- Resources are due the day before the session of the meeting they serve opens.
- Anything else asked "at" a session is due when that session opens.
"""

from __future__ import annotations

import datetime

from django.conf import settings

from resolutions.models import MandateKind, Session
from resolutions.services import estimate_session_dates


def derived_due_date(*, kind: str, session: Session | None) -> datetime.date | None:
    """The due date of a deliverable of ``kind`` for ``session``, or None without one."""
    if session is None:
        return None
    if kind == MandateKind.MEETING:
        return session.end_date
    if kind == MandateKind.REPORT:
        weeks = settings.SUIVI_REPORT_WEEKS_BEFORE_SESSION
        return session.start_date - datetime.timedelta(weeks=weeks)
    if kind == MandateKind.RESOURCES:
        return session.start_date - datetime.timedelta(days=1)
    return session.start_date


def preview_due_date(*, kind: str, body: str, session_number: int | None) -> datetime.date | None:
    """The due date a proposed follow-up would get, without storing anything.

    A session not yet in the calendar is estimated the way it will be when the
    follow-up is created.
    """
    if session_number is None:
        return None
    session = Session.objects.filter(body=body, special=False, number=session_number).first()
    if session is None:
        start, end = estimate_session_dates(body=body, number=session_number)
        session = Session(body=body, number=session_number, start_date=start, end_date=end)
    return derived_due_date(kind=kind, session=session)

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

"""manage.py recompute_due_dates: derived due dates follow today's rules; hand-set ones stay."""

import datetime
from io import StringIO

from django.core.management import call_command

from tests.factories import FollowUpFactory, SessionFactory
from tracker.models import DueDateSource

D = datetime.date


def test_it_moves_stale_derived_due_dates_and_leaves_hand_set_ones(db):
    session = SessionFactory(number=152, start_date=D(2023, 2, 27), end_date=D(2023, 4, 4))
    stale = FollowUpFactory(kind="meeting", target_session=session, due_date=D(2023, 1, 1))
    by_hand = FollowUpFactory(
        kind="meeting",
        target_session=session,
        due_date=D(2023, 1, 1),
        due_date_source=DueDateSource.MANUAL,
        due_date_reason="Agreed with the secretariat.",
    )
    out = StringIO()

    call_command("recompute_due_dates", stdout=out)
    call_command("recompute_due_dates", stdout=out)

    stale.refresh_from_db()
    by_hand.refresh_from_db()
    assert stale.due_date == D(2023, 4, 4)
    assert by_hand.due_date == D(2023, 1, 1)
    assert out.getvalue().splitlines() == [
        "1 derived due date(s) moved.",
        "0 derived due date(s) moved.",
    ]

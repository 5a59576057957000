import datetime

import pytest
import time_machine

from resolutions.models import MandateKind
from tests.factories import FollowUpFactory, SessionFactory
from tracker import services
from tracker.deadlines import Rule, due_date_for
from tracker.models import DueDateSource, State, Status

D = datetime.date


def move(session, start_date, end_date):
    """What the calendar's admin does: save the new dates, then move the due dates."""
    session.start_date, session.end_date = start_date, end_date
    session.save()
    return services.recompute_due_dates(sessions=[session])


@pytest.fixture
def session_52(db):
    return SessionFactory(number=152, start_date=D(2023, 2, 27), end_date=D(2023, 4, 4))


def test_a_meeting_is_due_by_the_last_day_of_its_session(session_52):
    assert due_date_for(kind=MandateKind.MEETING, session=session_52).date == D(2023, 4, 4)


def test_a_report_is_due_six_weeks_before_the_session_opens(session_52):
    assert due_date_for(kind=MandateKind.REPORT, session=session_52).date == D(2023, 1, 16)


def test_the_report_lead_time_is_configurable(session_52, settings):
    settings.SUIVI_REPORT_WEEKS_BEFORE_SESSION = 10
    assert due_date_for(kind=MandateKind.REPORT, session=session_52).date == D(2022, 12, 19)


def test_resources_are_due_before_the_session_opens(session_52):
    assert due_date_for(kind=MandateKind.RESOURCES, session=session_52).date == D(2023, 2, 26)


def test_an_oral_update_is_due_when_the_session_opens(session_52):
    assert due_date_for(kind=MandateKind.ORAL_UPDATE, session=session_52).date == D(2023, 2, 27)


def test_without_a_session_there_is_no_derived_due_date():
    assert due_date_for(kind=MandateKind.REPORT, session=None) is None


@time_machine.travel(D(2023, 1, 20), tick=False)
def test_an_open_follow_up_past_its_due_date_is_overdue(session_52):
    followup = FollowUpFactory(target_session=session_52, due_date=D(2023, 1, 16))
    assert followup.state() == State.OVERDUE


@time_machine.travel(D(2023, 1, 1), tick=False)
def test_an_open_follow_up_due_within_thirty_days_is_due_soon(session_52):
    followup = FollowUpFactory(target_session=session_52, due_date=D(2023, 1, 16))
    assert followup.state() == State.DUE_SOON


@time_machine.travel(D(2022, 10, 1), tick=False)
def test_an_open_follow_up_due_later_is_on_track(session_52):
    followup = FollowUpFactory(target_session=session_52, due_date=D(2023, 1, 16))
    assert followup.state() == State.ON_TRACK


@time_machine.travel(D(2024, 1, 1), tick=False)
def test_a_done_follow_up_is_never_overdue(session_52):
    followup = FollowUpFactory(
        target_session=session_52, due_date=D(2023, 1, 16), status=Status.DONE
    )
    assert followup.state() == State.DONE


@time_machine.travel(D(2022, 6, 1), tick=False)
def test_moving_a_session_moves_the_derived_due_dates_tied_to_it(session_52):
    report = FollowUpFactory(target_session=session_52, kind=MandateKind.REPORT)
    meeting = FollowUpFactory(
        target_session=session_52, kind=MandateKind.MEETING, due_date=session_52.end_date
    )

    moved = move(session_52, D(2023, 3, 6), D(2023, 4, 11))

    report.refresh_from_db()
    meeting.refresh_from_db()
    assert moved == 2
    assert report.due_date == D(2023, 1, 23)
    assert meeting.due_date == D(2023, 4, 11)


@time_machine.travel(D(2022, 6, 1), tick=False)
def test_moving_a_session_leaves_a_due_date_set_by_hand(session_52):
    followup = FollowUpFactory(
        target_session=session_52,
        due_date=D(2022, 12, 1),
        due_date_source=DueDateSource.MANUAL,
        due_date_reason="Needed early for the consultations",
    )

    move(session_52, D(2023, 3, 6), D(2023, 4, 11))

    followup.refresh_from_db()
    assert followup.due_date == D(2022, 12, 1)


@time_machine.travel(D(2022, 6, 1), tick=False)
def test_resources_move_with_the_session_of_the_meeting_they_serve(db):
    meeting_session = SessionFactory(number=149, start_date=D(2022, 2, 28), end_date=D(2022, 4, 1))
    meeting = FollowUpFactory(target_session=meeting_session, kind=MandateKind.MEETING)
    resources = FollowUpFactory(
        target_session=None, kind=MandateKind.RESOURCES, serves=meeting, due_date=None
    )

    move(meeting_session, D(2022, 3, 7), D(2022, 4, 8))

    resources.refresh_from_db()
    assert resources.due_date == D(2022, 3, 6)


def test_a_derived_due_date_says_which_rule_and_session_gave_it(session_52):
    due = due_date_for(kind=MandateKind.REPORT, session=session_52)

    assert (due.rule, due.session, due.weeks) == (Rule.WEEKS_BEFORE_OPENING, session_52, 6)
    assert due.explanation() == "6 weeks before HRC session 152 opens (27 Feb 2023)"


def test_an_estimated_session_is_named_in_the_explanation(session_52):
    session_52.dates_confirmed = False

    explanation = due_date_for(kind=MandateKind.MEETING, session=session_52).explanation()

    assert explanation == (
        "last day of HRC session 152 (4 Apr 2023); the session's dates are estimated"
    )


def test_the_preview_estimates_a_session_not_yet_in_the_calendar_without_storing_it(db):
    from resolutions.models import Session
    from tracker.deadlines import preview

    SessionFactory(number=149, start_date=D(2022, 2, 28), end_date=D(2022, 4, 1))

    due = preview(kind=MandateKind.MEETING, body="HRC", session_number=152)

    assert due.session.pk is None
    assert not Session.objects.filter(number=152).exists()
    assert due.date == D(2023, 3, 31)

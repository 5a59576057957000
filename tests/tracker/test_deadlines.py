import datetime

import pytest
import time_machine
from django.utils import translation

from resolutions.models import ClosureDay, MandateKind
from tests.factories import FollowUpFactory, SessionFactory
from tracker import deadlines, services
from tracker.deadlines import Rule, WorkingCalendar, due_date_for
from tracker.models import DueDateSource, FollowUp, State, Status

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


def test_resources_are_due_the_working_day_before_the_session_opens(session_52):
    due = due_date_for(kind=MandateKind.RESOURCES, session=session_52)

    # The day before Monday 27 Feb 2023 is a Sunday: the Friday before.
    assert (due.date, due.moved_from) == (D(2023, 2, 24), D(2023, 2, 26))


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
    assert resources.due_date == D(2022, 3, 4)  # Sunday 6 March: the Friday before


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


# ------------------------------------------------------------ working days


def session_on(number, start, end):
    return SessionFactory(number=number, start_date=start, end_date=end)


def test_a_due_date_on_a_working_day_does_not_move(session_52):
    due = due_date_for(kind=MandateKind.MEETING, session=session_52)

    assert (due.date, due.moved_from) == (D(2023, 4, 4), None)
    assert "moved" not in due.explanation()


def test_a_due_date_on_a_sunday_moves_to_the_friday_before_and_says_so(db):
    session_49 = session_on(149, D(2022, 2, 28), D(2022, 4, 1))

    due = due_date_for(kind=MandateKind.RESOURCES, session=session_49)

    assert due.date == D(2022, 2, 25)
    assert due.explanation() == (
        "day before HRC session 149 opens (28 Feb 2022); moved from Sunday 27 Feb 2022"
    )


def test_a_due_date_on_a_saturday_moves_to_the_friday_before(db):
    session = session_on(150, D(2024, 2, 12), D(2024, 3, 9))  # closes on a Saturday

    due = due_date_for(kind=MandateKind.MEETING, session=session)

    assert (due.date, due.moved_from) == (D(2024, 3, 8), D(2024, 3, 9))


def test_a_due_date_on_a_geneva_public_holiday_moves_to_the_working_day_before(db):
    # Closes on Ascension Day (Thursday 26 May 2022), a public holiday in Geneva.
    session = session_on(150, D(2022, 5, 2), D(2022, 5, 26))

    due = due_date_for(kind=MandateKind.MEETING, session=session)

    assert (due.date, due.moved_from) == (D(2022, 5, 25), D(2022, 5, 26))


def test_a_due_date_skips_a_holiday_and_the_weekend_before_it(db):
    # Opens on Tuesday after Easter Monday (18 Apr 2022): the day before is a
    # holiday, then a weekend, then Good Friday.
    session = session_on(150, D(2022, 4, 19), D(2022, 5, 13))

    due = due_date_for(kind=MandateKind.RESOURCES, session=session)

    assert (due.date, due.moved_from) == (D(2022, 4, 14), D(2022, 4, 18))
    assert [day for day, _name in due.closed] == [D(2022, 4, 18), D(2022, 4, 15)]


def test_a_due_date_on_a_closure_day_moves_to_the_working_day_before(db):
    ClosureDay.objects.create(date=D(2023, 6, 28), description="Eid al-Adha")
    session = session_on(150, D(2023, 6, 5), D(2023, 6, 28))

    due = due_date_for(kind=MandateKind.MEETING, session=session)

    assert (due.date, due.moved_from) == (D(2023, 6, 27), D(2023, 6, 28))
    assert due.explanation().endswith(
        "; moved from Wednesday 28 Jun 2023 (office closed: 28 Jun 2023, Eid al-Adha)"
    )


def test_the_explanation_names_the_weekday_in_the_active_language(db):
    session_49 = session_on(149, D(2022, 2, 28), D(2022, 4, 1))
    due = due_date_for(kind=MandateKind.RESOURCES, session=session_49)

    with translation.override("fr"):
        explanation = due.explanation()

    assert "dimanche 27" in explanation


def test_an_estimated_session_and_a_moved_date_are_both_explained(db):
    session = session_on(149, D(2022, 2, 28), D(2022, 4, 1))
    session.dates_confirmed = False

    explanation = due_date_for(kind=MandateKind.RESOURCES, session=session).explanation()

    assert explanation == (
        "day before HRC session 149 opens (28 Feb 2022); moved from Sunday 27 Feb 2022; "
        "the session's dates are estimated"
    )


def test_a_working_calendar_is_read_in_one_query_and_then_derives_without_any(
    db, django_assert_num_queries
):
    ClosureDay.objects.create(date=D(2023, 6, 28), description="Eid al-Adha")
    sessions = [session_on(150 + n, D(2023, 6, 5), D(2023, 6, 28)) for n in range(5)]

    with django_assert_num_queries(1):
        calendar = WorkingCalendar.load()
    with django_assert_num_queries(0):
        dates = {
            due_date_for(kind=MandateKind.MEETING, session=s, calendar=calendar).date
            for s in sessions
        }

    assert dates == {D(2023, 6, 27)}


def test_the_preview_moves_an_estimated_date_to_a_working_day(db):
    from tracker.deadlines import preview

    SessionFactory(number=149, start_date=D(2022, 2, 28), end_date=D(2022, 4, 1))

    due = preview(kind=MandateKind.RESOURCES, body="HRC", session_number=152)

    # Estimated to open on Monday 27 Feb 2023: the day before is a Sunday.
    assert (due.date, due.moved_from) == (D(2023, 2, 24), D(2023, 2, 26))


@time_machine.travel(D(2022, 6, 1), tick=False)
def test_a_due_date_set_by_hand_on_a_sunday_stays_there(session_52):
    followup = FollowUpFactory(
        target_session=session_52,
        kind=MandateKind.RESOURCES,
        due_date=D(2023, 2, 26),
        due_date_source=DueDateSource.MANUAL,
        due_date_reason="Agreed with the secretariat",
    )

    move(session_52, D(2023, 3, 6), D(2023, 4, 11))

    followup.refresh_from_db()
    assert followup.due_date == D(2023, 2, 26)


@pytest.mark.parametrize("rows", [5, 200])
@time_machine.travel(D(2022, 6, 1), tick=False)
def test_recomputing_due_dates_takes_the_same_queries_whatever_the_number_of_rows(
    db, django_assert_num_queries, rows
):
    ClosureDay.objects.create(date=D(2023, 1, 23), description="Closure")
    session = session_on(152, D(2023, 2, 27), D(2023, 4, 4))
    meeting = FollowUpFactory(target_session=session, kind=MandateKind.MEETING)
    for _ in range(rows - 2):
        FollowUpFactory(target_session=session, kind=MandateKind.REPORT)
    FollowUpFactory(target_session=None, kind=MandateKind.RESOURCES, serves=meeting)
    session.start_date, session.end_date = D(2023, 3, 6), D(2023, 4, 11)
    session.save()

    # A savepoint; the closure days, the rows, one update, their history; its release.
    with django_assert_num_queries(6):
        moved = services.recompute_due_dates(sessions=[session])

    assert moved == rows
    # Six weeks before 6 March is 23 January, a closure day: the Friday before.
    assert set(
        FollowUp.objects.filter(kind=MandateKind.REPORT).values_list("due_date", flat=True)
    ) == {D(2023, 1, 20)}


@pytest.mark.parametrize("kind", list(MandateKind))
def test_a_session_stored_in_year_one_gives_no_due_date_rather_than_an_overflow(db, kind):
    session = SessionFactory()
    # Stored before dates were bounded: no service stores it any more.
    type(session).objects.filter(pk=session.pk).update(start_date=D(1, 1, 1), end_date=D(1, 1, 3))
    session.refresh_from_db()

    assert due_date_for(kind=kind, session=session, calendar=WorkingCalendar()) is None


def test_a_follow_up_on_a_session_stored_in_year_one_is_left_without_a_derived_date(db):
    followup = FollowUpFactory()
    session = followup.target_session
    type(session).objects.filter(pk=session.pk).update(start_date=D(1, 1, 1), end_date=D(1, 1, 3))

    assert services.recompute_due_dates(sessions=[session]) == 1
    assert FollowUp.objects.get(pk=followup.pk).due_date is None


def test_a_lead_time_longer_than_the_calendar_gives_no_due_date(session_52, settings):
    settings.SUIVI_REPORT_WEEKS_BEFORE_SESSION = 200_000

    assert due_date_for(kind=MandateKind.REPORT, session=session_52) is None


def test_the_counted_sessions_key_in_a_query_is_the_session_counted(session_52):
    meeting = FollowUpFactory(kind=MandateKind.MEETING, target_session=session_52)
    followups = [
        meeting,
        FollowUpFactory(kind=MandateKind.REPORT),
        FollowUpFactory(kind=MandateKind.REPORT, target_session=None),
        FollowUpFactory(kind=MandateKind.RESOURCES, serves=meeting),
        FollowUpFactory(kind=MandateKind.RESOURCES, serves=None),
        # A report serves no meeting: its own session counts, whatever it serves.
        FollowUpFactory(kind=MandateKind.REPORT, serves=meeting),
        FollowUpFactory(
            kind=MandateKind.RESOURCES,
            serves=FollowUpFactory(kind=MandateKind.MEETING, target_session=None),
        ),
    ]

    keys = dict(
        FollowUp.objects.filter(pk__in=[f.pk for f in followups]).values_list(
            "pk", deadlines.counted_session_key()
        )
    )

    assert keys == {
        f.pk: (counted.pk if (counted := deadlines.counted_session(f)) else None) for f in followups
    }
    assert keys[followups[3].pk] == session_52.pk != followups[3].target_session_id

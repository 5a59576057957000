"""The next session is never missing; a period's sessions, stored and estimated."""

import datetime

import pytest

from resolutions import services
from resolutions.models import Body, Session
from resolutions.selectors import SessionCalendar, next_session, sessions_between

D = datetime.date
TODAY = D(2026, 11, 29)

pytestmark = pytest.mark.django_db


def test_the_next_session_is_the_stored_one_that_opens_after_today(council_calendar):
    services.extend_calendar(until=D(2028, 11, 29))

    session = next_session(body=Body.HRC, today=TODAY)

    assert (session.number, session.start_date, session.pk is not None) == (
        64,
        D(2027, 2, 22),
        True,
    )


def test_a_session_opening_today_is_under_way_not_next(council_calendar):
    assert next_session(body=Body.HRC, today=D(2026, 2, 23)).number == 62


def test_when_the_calendar_ends_in_the_past_the_next_session_is_estimated(council_calendar):
    session = next_session(body=Body.HRC, today=TODAY)

    assert (session.number, session.start_date) == (64, D(2027, 2, 22))
    assert session.pk is None
    assert not session.dates_confirmed
    assert not Session.objects.filter(number=64).exists()


def test_with_an_empty_calendar_there_is_still_a_next_session(db):
    Session.objects.all().delete()

    council = next_session(body=Body.HRC, today=TODAY)
    assembly = next_session(body=Body.GA, today=TODAY)

    assert council.start_date > TODAY
    assert council.start_date < D(2027, 6, 1)
    assert (assembly.number, assembly.start_date) == (82, D(2027, 9, 9))


def test_the_estimated_next_session_matches_what_extending_will_store(council_calendar):
    estimate = next_session(body=Body.HRC, today=TODAY)

    services.extend_calendar(until=D(2027, 12, 31))

    stored = Session.objects.get(body=Body.HRC, special=False, number=estimate.number)
    assert (stored.start_date, stored.end_date) == (estimate.start_date, estimate.end_date)


def test_the_next_session_reads_the_calendar_in_one_query(
    council_calendar, django_assert_num_queries
):
    with django_assert_num_queries(1):
        next_session(body=Body.HRC, today=D(2030, 1, 1))


def test_a_calendar_loaded_once_answers_every_question_without_a_query(
    council_calendar, django_assert_num_queries
):
    with django_assert_num_queries(1):
        calendar = SessionCalendar.load()
        calendar.next_session(body=Body.HRC, today=D(2030, 1, 1))
        calendar.next_session(body=Body.GA, today=D(2030, 1, 1))
        calendar.sessions_between(body=Body.HRC, start=D(2017, 1, 1), end=D(2036, 1, 1))

    once, alone = (
        calendar.next_session(body=Body.HRC, today=D(2026, 2, 23)),
        next_session(body=Body.HRC, today=D(2026, 2, 23)),
    )
    assert (once.number, once.start_date) == (alone.number, alone.start_date)


def test_the_sessions_of_a_period_are_stored_then_estimated_in_order(council_calendar):
    sessions = sessions_between(body=Body.HRC, start=D(2025, 11, 29), end=D(2027, 11, 29))

    assert [s.number for s in sessions] == [61, 62, 63, 64, 65, 66]
    assert [s.pk is None for s in sessions] == [False, True, True, True, True, True]
    assert sessions == sorted(sessions, key=lambda s: s.start_date)


def test_a_session_under_way_at_the_start_of_the_period_is_in_it(council_calendar):
    sessions = sessions_between(body=Body.HRC, start=D(2026, 3, 15), end=D(2026, 7, 1))

    assert [s.number for s in sessions] == [61, 62]


def test_special_sessions_stored_in_the_period_are_in_it(council_calendar):
    Session.objects.create(
        body=Body.HRC, number=40, special=True, start_date=D(2026, 5, 5), end_date=D(2026, 5, 5)
    )

    sessions = sessions_between(body=Body.HRC, start=D(2026, 3, 15), end=D(2026, 7, 1))

    assert [(s.special, s.number) for s in sessions] == [(False, 61), (True, 40), (False, 62)]


def test_the_sessions_of_a_period_read_in_one_query_however_long_it_is(
    council_calendar, django_assert_num_queries
):
    with django_assert_num_queries(1):
        sessions = sessions_between(body=Body.HRC, start=D(2017, 1, 1), end=D(2036, 1, 1))

    assert len(sessions) == 3 * 19


def test_a_period_of_the_general_assembly_is_estimated_from_its_september_openings(db):
    sessions = sessions_between(body=Body.GA, start=D(2026, 11, 29), end=D(2028, 11, 29))

    assert [(s.number, s.start_date) for s in sessions] == [
        (81, D(2026, 9, 9)),
        (82, D(2027, 9, 9)),
        (83, D(2028, 9, 9)),
    ]

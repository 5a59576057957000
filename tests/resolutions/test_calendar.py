"""The calendar reaches two years ahead: extend_calendar and its command."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from resolutions import services
from resolutions.models import Body, Session
from tests.factories import UserFactory

D = datetime.date
TODAY = D(2026, 11, 29)
TWO_YEARS = D(2028, 11, 29)

pytestmark = pytest.mark.django_db


def regular(body):
    return Session.objects.filter(body=body, special=False).order_by("number")


@time_machine.travel(TODAY, tick=False)
def test_the_calendar_is_extended_with_estimated_council_sessions_up_to_two_years_ahead(
    council_calendar,
):
    stored = services.extend_calendar(until=TWO_YEARS)

    council = [s for s in stored if s.body == Body.HRC]
    assert [s.number for s in council] == list(range(62, 70))
    assert all(not s.dates_confirmed and s.pk for s in council)
    # The last one opens by the day asked for, the next would open after it.
    assert council[-1].start_date <= TWO_YEARS
    after = services.estimated_session(body=Body.HRC, number=70)
    assert after.start_date > TWO_YEARS


@time_machine.travel(TODAY, tick=False)
def test_estimated_sessions_follow_the_usual_pattern(council_calendar):
    services.extend_calendar(until=TWO_YEARS)

    session_62 = regular(Body.HRC).get(number=62)
    session_64 = regular(Body.HRC).get(number=64)
    # 62 falls in June like 59 (16 Jun 2025), 64 in February like 61 (23 Feb 2026).
    assert (session_62.start_date, session_62.end_date) == (D(2026, 6, 15), D(2026, 7, 8))
    assert (session_64.start_date, session_64.end_date) == (D(2027, 2, 22), D(2027, 3, 30))
    assert "Estimated" in session_62.notes


@time_machine.travel(TODAY, tick=False)
def test_the_general_assembly_sessions_are_extended_too(council_calendar):
    services.extend_calendar(until=TWO_YEARS)

    assert [(s.number, s.start_date) for s in regular(Body.GA)] == [
        (81, D(2026, 9, 9)),
        (82, D(2027, 9, 9)),
        (83, D(2028, 9, 9)),
    ]


@time_machine.travel(TODAY, tick=False)
def test_extending_twice_stores_nothing_the_second_time(council_calendar):
    services.extend_calendar(until=TWO_YEARS)
    before = list(Session.objects.values_list("body", "number", "start_date", "version"))

    assert services.extend_calendar(until=TWO_YEARS) == []
    assert list(Session.objects.values_list("body", "number", "start_date", "version")) == before


@time_machine.travel(TODAY, tick=False)
def test_a_session_staff_corrected_is_left_as_it_is(council_calendar):
    services.extend_calendar(until=D(2027, 12, 31))
    corrected = regular(Body.HRC).get(number=64)
    Session.objects.filter(pk=corrected.pk).update(
        start_date=D(2027, 3, 1), end_date=D(2027, 4, 2), dates_confirmed=True
    )

    stored = services.extend_calendar(until=TWO_YEARS)

    corrected.refresh_from_db()
    assert (corrected.start_date, corrected.dates_confirmed) == (D(2027, 3, 1), True)
    assert [s.number for s in stored if s.body == Body.HRC] == [67, 68, 69]


@time_machine.travel(TODAY, tick=False)
def test_an_empty_calendar_is_extended_from_the_session_under_way(db):
    Session.objects.all().delete()

    stored = services.extend_calendar(until=TWO_YEARS)

    council = [s for s in stored if s.body == Body.HRC]
    # Nothing stored: from the 2021 sessions, the first one not yet closed is 64.
    assert council[0].number == 64
    assert council[0].start_date > TODAY
    assert council[-1].number == 69


@time_machine.travel(TODAY, tick=False)
def test_the_history_names_who_extended_the_calendar(council_calendar):
    user = UserFactory(username="root")

    services.extend_calendar(until=D(2027, 1, 31), user=user)

    session = regular(Body.HRC).get(number=62)
    assert session.history.get().history_user == user


@time_machine.travel(TODAY, tick=False)
def test_the_command_reaches_two_years_ahead_by_default_and_is_safe_to_run_twice(
    council_calendar,
):
    first, second = StringIO(), StringIO()

    call_command("extend_calendar", stdout=first)
    call_command("extend_calendar", stdout=second)

    assert "HRC session 69 (2028-09-04 – 2028-10-04): estimated" in first.getvalue()
    assert "11 session(s) estimated; the calendar reaches 2028-11-29." in first.getvalue()
    assert second.getvalue().strip() == ("0 session(s) estimated; the calendar reaches 2028-11-29.")
    assert regular(Body.HRC).last().number == 69


@time_machine.travel(TODAY, tick=False)
def test_the_command_takes_the_number_of_years(council_calendar):
    call_command("extend_calendar", "--years", "1", stdout=StringIO())

    assert regular(Body.HRC).last().number == 66


def test_the_session_under_way_is_found_from_the_pattern(council_calendar):
    assert services.session_number_on(body=Body.HRC, day=D(2026, 3, 1)) == 61
    assert services.session_number_on(body=Body.HRC, day=D(2026, 4, 1)) == 62
    assert services.session_number_on(body=Body.GA, day=D(2026, 9, 8)) == 80
    assert services.session_number_on(body=Body.GA, day=D(2026, 9, 9)) == 81

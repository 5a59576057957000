"""A closure day added, corrected or removed moves the derived due dates it affects."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from resolutions.models import ClosureDay, MandateKind
from tests.factories import FollowUpFactory, SessionFactory, UserFactory
from tracker import services
from tracker.models import DueDateSource

D = datetime.date

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    """A meeting at a session that closes on Wednesday 28 June 2023."""
    session = SessionFactory(number=150, start_date=D(2023, 6, 5), end_date=D(2023, 6, 28))
    return FollowUpFactory(target_session=session, kind=MandateKind.MEETING, due_date=None)


def derived(followup):
    services.recompute_due_dates(sessions=[followup.target_session])
    followup.refresh_from_db()
    return followup


def test_adding_a_closure_day_moves_a_derived_due_date_to_the_day_before(meeting):
    meeting = derived(meeting)
    version = meeting.version

    moved = services.save_closure_day(
        closure_day=ClosureDay(date=D(2023, 6, 28), description="Eid al-Adha")
    )

    meeting.refresh_from_db()
    assert moved == 1
    assert meeting.due_date == D(2023, 6, 27)
    assert meeting.version == version + 1


def test_removing_the_closure_day_moves_it_back(meeting):
    closure = ClosureDay(date=D(2023, 6, 28), description="Eid al-Adha")
    services.save_closure_day(closure_day=closure)
    meeting = derived(meeting)
    assert meeting.due_date == D(2023, 6, 27)

    moved = services.delete_closure_day(closure_day=closure)

    meeting.refresh_from_db()
    assert (moved, meeting.due_date) == (1, D(2023, 6, 28))
    assert not ClosureDay.objects.exists()


def test_a_closure_day_the_day_before_a_weekend_moves_a_sunday_due_date_further(db):
    session = SessionFactory(number=151, start_date=D(2022, 2, 28), end_date=D(2022, 4, 1))
    resources = FollowUpFactory(target_session=session, kind=MandateKind.RESOURCES)
    resources = derived(resources)
    assert resources.due_date == D(2022, 2, 25)  # Sunday 27 Feb: Friday

    services.save_closure_day(closure_day=ClosureDay(date=D(2022, 2, 25), description="Closed"))

    resources.refresh_from_db()
    assert resources.due_date == D(2022, 2, 24)


def test_correcting_the_date_of_a_closure_day_moves_the_due_dates_of_both_days(meeting):
    other = FollowUpFactory(
        target_session=SessionFactory(
            number=151, start_date=D(2023, 6, 5), end_date=D(2023, 6, 21)
        ),
        kind=MandateKind.MEETING,
    )
    closure = ClosureDay(date=D(2023, 6, 28), description="Eid al-Adha")
    services.save_closure_day(closure_day=closure)
    meeting, other = derived(meeting), derived(other)

    closure.date = D(2023, 6, 21)
    moved = services.save_closure_day(closure_day=closure)

    meeting.refresh_from_db()
    other.refresh_from_db()
    assert moved == 2
    assert (meeting.due_date, other.due_date) == (D(2023, 6, 28), D(2023, 6, 20))


def test_correcting_only_the_description_moves_nothing(meeting):
    closure = ClosureDay(date=D(2023, 6, 28), description="Eid")
    services.save_closure_day(closure_day=closure)
    meeting = derived(meeting)

    closure.description = "Eid al-Adha"
    assert services.save_closure_day(closure_day=closure) == 0


def test_a_due_date_set_by_hand_never_moves(meeting):
    meeting.due_date = D(2023, 6, 28)
    meeting.due_date_source = DueDateSource.MANUAL
    meeting.due_date_reason = "The secretariat needs it that day"
    meeting.save()

    moved = services.save_closure_day(
        closure_day=ClosureDay(date=D(2023, 6, 28), description="Eid al-Adha")
    )

    meeting.refresh_from_db()
    assert (moved, meeting.due_date) == (0, D(2023, 6, 28))


def test_a_second_closure_on_the_same_day_is_refused(db):
    services.save_closure_day(closure_day=ClosureDay(date=D(2023, 6, 28), description="Eid"))

    with pytest.raises(ValidationError):
        services.save_closure_day(closure_day=ClosureDay(date=D(2023, 6, 28), description="Again"))

    assert ClosureDay.objects.count() == 1


def test_the_history_names_who_added_and_removed_a_closure_day(db):
    user = UserFactory(username="root")
    closure = ClosureDay(date=D(2023, 6, 28), description="Eid al-Adha")

    services.save_closure_day(closure_day=closure, user=user)
    services.delete_closure_day(closure_day=closure, user=user)

    records = ClosureDay.history.order_by("history_date")
    assert [(r.history_type, r.history_user) for r in records] == [("+", user), ("-", user)]


@pytest.mark.parametrize("rows", [5, 200])
def test_a_closure_day_moves_due_dates_in_the_same_queries_whatever_the_number_of_rows(
    db, django_assert_num_queries, rows
):
    session = SessionFactory(number=150, start_date=D(2023, 6, 5), end_date=D(2023, 6, 28))
    for _ in range(rows):
        FollowUpFactory(target_session=session, kind=MandateKind.MEETING, due_date=D(2023, 6, 28))

    # Two savepoints around it all and the save; the unique check, the insert
    # and its history; then a savepoint around the recompute: the closure days,
    # the rows, one update, their history; and three releases.
    with django_assert_num_queries(13):
        moved = services.save_closure_day(
            closure_day=ClosureDay(date=D(2023, 6, 28), description="Eid al-Adha")
        )

    assert moved == rows

"""A follow-up's state: one definition, the same in the database and on the row."""

import datetime

import pytest

from tests.factories import FollowUpFactory
from tracker import services
from tracker.models import FollowUp, State, Status

D = datetime.date
TODAY = D(2026, 11, 29)

CASES = [
    (Status.DONE, D(2020, 1, 1), State.DONE),
    (Status.CANCELLED, None, State.CANCELLED),
    (Status.NOT_STARTED, None, State.NO_DUE_DATE),
    (Status.IN_PROGRESS, D(2026, 11, 28), State.OVERDUE),
    (Status.NOT_STARTED, TODAY, State.DUE_SOON),
    (Status.IN_PROGRESS, D(2026, 12, 29), State.DUE_SOON),
    (Status.NOT_STARTED, D(2026, 12, 30), State.ON_TRACK),
]


@pytest.mark.parametrize(("status", "due_date", "state"), CASES)
def test_the_row_and_the_database_give_the_same_state(db, status, due_date, state):
    followup = FollowUpFactory(status=status, due_date=due_date)

    annotated = FollowUp.objects.with_state(TODAY).get(pk=followup.pk)

    assert followup.state(TODAY) == state
    assert annotated.due_state == state
    assert list(FollowUp.objects.in_state(state, TODAY)) == [followup]


def test_a_listed_follow_up_reads_its_state_from_the_query(db, django_assert_num_queries):
    FollowUpFactory(status=Status.NOT_STARTED, due_date=D(2000, 1, 1))
    followups = list(FollowUp.objects.with_state())

    with django_assert_num_queries(0):
        assert followups[0].state() == State.OVERDUE


def test_each_state_filter_picks_exactly_the_rows_in_that_state(db):
    for status, due_date, _state in CASES:
        FollowUpFactory(status=status, due_date=due_date)

    counts = {state: FollowUp.objects.in_state(state, TODAY).count() for state in State}

    assert counts == {
        State.DONE: 1,
        State.CANCELLED: 1,
        State.NO_DUE_DATE: 1,
        State.OVERDUE: 1,
        State.DUE_SOON: 2,
        State.ON_TRACK: 1,
    }


def test_a_listed_follow_up_changed_in_memory_reads_its_new_state(db, django_assert_num_queries):
    FollowUpFactory(status=Status.NOT_STARTED, due_date=D(2000, 1, 1))
    followup = FollowUp.objects.with_state().get()

    followup.status = Status.DONE
    with django_assert_num_queries(0):
        assert followup.state() == State.DONE
    followup.status = Status.NOT_STARTED
    followup.due_date = None
    with django_assert_num_queries(0):
        assert followup.state() == State.NO_DUE_DATE
    followup.due_date = D(2000, 1, 1)
    with django_assert_num_queries(0):
        assert followup.state() == State.OVERDUE


def test_a_listed_follow_up_a_service_marked_done_is_done(db, staff_member):
    FollowUpFactory(status=Status.IN_PROGRESS, due_date=D(2000, 1, 1), focal_point=staff_member)
    followup = FollowUp.objects.with_state().get()

    services.log_progress(followup=followup, author=staff_member, text="Sent", status="done")

    assert followup.due_state == State.OVERDUE  # what the query said
    assert followup.state() == State.DONE


def test_a_listed_follow_up_whose_due_date_a_service_set_reads_the_new_date(db):
    FollowUpFactory(status=Status.NOT_STARTED, due_date=D(2000, 1, 1))
    followup = FollowUp.objects.with_state().get()

    services.set_due_date(followup=followup, due_date=D(2099, 1, 1), reason="Postponed")

    assert followup.state() == State.ON_TRACK


def test_a_follow_up_loaded_without_its_status_still_gets_its_state_right(db):
    FollowUpFactory(status=Status.DONE, due_date=D(2000, 1, 1))
    followup = FollowUp.objects.with_state().only("id").get()

    assert followup.state() == State.DONE

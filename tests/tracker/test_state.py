"""A follow-up's state: one definition, the same in the database and on the row."""

import datetime

import pytest

from tests.factories import FollowUpFactory
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

"""selectors.followup_activity: one stream, newest first, of progress and recorded changes."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from tests.factories import FollowUpFactory, UnitFactory, UserFactory
from tracker import selectors, services
from tracker.models import DueDateSource, FollowUp

D = datetime.date


def at(day, hour=9):
    return datetime.datetime(2026, 11, day, hour, tzinfo=datetime.UTC)


@pytest.fixture
def story(db, manager, staff_member):
    """A follow-up's life over a week: created, assigned, progress, due date, a link."""
    with time_machine.travel(at(2), tick=False):
        followup = FollowUpFactory(title="Summary report")
    unit = UnitFactory(name="Rule of Law section", abbreviation="RoL")
    meeting = FollowUpFactory(title="Meeting")
    with time_machine.travel(at(3), tick=False):
        followup._history_user = manager
        services.assign(followup=followup, lead_unit=unit, focal_point=staff_member)
    with time_machine.travel(at(4), tick=False):
        services.log_progress(
            followup=followup, author=staff_member, text="Draft sent", status="in_progress"
        )
    with time_machine.travel(at(5), tick=False):
        followup._history_user = manager
        services.set_due_date(followup=followup, due_date=D(2030, 1, 15), reason="Bureau")
    with time_machine.travel(at(6), tick=False):
        services.add_dependency(followup=followup, waits_on=meeting, user=manager)
    with time_machine.travel(at(7), tick=False):
        services.log_progress(followup=followup, author=staff_member, output_document="A/HRC/52/21")
    return FollowUp.objects.get(pk=followup.pk), meeting


def test_the_stream_is_newest_first_and_says_who_did_what(story, manager, staff_member):
    followup, meeting = story

    activity = selectors.followup_activity(followup)

    assert [(item.kind, item.when.day) for item in activity] == [
        ("progress", 7),
        ("change", 6),
        ("change", 5),
        ("progress", 4),
        ("change", 3),
        ("created", 2),
    ]
    document, link, due, progress, assignment, _created = activity
    assert [(c.field, c.before, c.after) for c in document.changes] == [
        ("output_document", None, "A/HRC/52/21")
    ]
    assert link.who == manager
    assert [(c.field, c.after) for c in link.changes] == [("waits_on", f"#{meeting.pk} Meeting")]
    assert (progress.who, progress.text, progress.status_from, progress.status_to) == (
        staff_member,
        "Draft sent",
        "not started",
        "in progress",
    )
    assert not progress.changes  # the status change shows once, on the entry
    assert [(c.field, c.after) for c in due.changes] == [
        ("due_date", D(2030, 1, 15)),
        ("due_date_source", str(DueDateSource.MANUAL.label)),
        ("due_date_reason", "Bureau"),
    ]
    assert due.changes[0].is_date
    assert assignment.who == manager
    assert [(c.field, c.before, c.after) for c in assignment.changes] == [
        ("lead_unit", None, "RoL"),
        ("focal_point", None, staff_member.get_full_name()),
    ]


def test_who_set_the_due_date_by_hand_and_when_comes_from_the_history(
    story, manager, django_assert_num_queries
):
    followup, _meeting = story

    with django_assert_num_queries(1):
        hand_set = selectors.hand_set_due_date(followup)

    assert (hand_set.who, hand_set.when, hand_set.reason) == (manager, at(5), "Bureau")


def test_a_derived_due_date_was_set_by_nobody(db):
    assert selectors.hand_set_due_date(FollowUpFactory()) is None


@pytest.mark.parametrize("rows", [5, 200])
def test_the_stream_takes_the_same_queries_whatever_its_length(
    db, manager, staff_member, django_assert_num_queries, rows
):
    followup = FollowUpFactory()
    units = [UnitFactory(), UnitFactory()]
    other = FollowUpFactory()
    people = [UserFactory(), staff_member]
    for number in range(rows):
        services.assign(
            followup=followup, lead_unit=units[number % 2], focal_point=people[number % 2]
        )
        services.log_progress(followup=followup, author=staff_member, text=f"Step {number}")
    services.add_dependency(followup=followup, waits_on=other)
    services.set_due_date(followup=followup, due_date=timezone.localdate(), reason="Asked")
    services.set_due_date(followup=followup, due_date=None)

    # progress, history, and the units, people and follow-ups the changes name
    with django_assert_num_queries(5):
        activity = selectors.followup_activity(followup)

    assert len(activity) == 2 * rows + 4

"""selectors.followup_activity: one stream, newest first, of progress and recorded changes."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from tests.factories import FollowUpFactory, UnitFactory
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
    db, manager, staff_member, viewer, django_assert_num_queries, rows
):
    followup = FollowUpFactory()
    units = [UnitFactory(), UnitFactory()]
    staff_member.units.add(*units)  # so they may log progress whoever the focal point is
    other = FollowUpFactory()
    people = [viewer, staff_member]
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


def test_two_entries_by_one_person_in_the_same_second_each_show_once_with_their_own_change(
    db, staff_member
):
    with time_machine.travel(at(2), tick=False):
        followup = FollowUpFactory(focal_point=staff_member)
    with time_machine.travel(at(4), tick=False):
        services.log_progress(
            followup=followup, author=staff_member, text="Started", status="in_progress"
        )
        services.log_progress(
            followup=followup, author=staff_member, text="First draft", output_document="A/1"
        )
        services.log_progress(
            followup=followup, author=staff_member, text="Second draft", output_document="A/2"
        )
        services.log_progress(followup=followup, author=staff_member, text="Sent", status="done")

    activity = selectors.followup_activity(FollowUp.objects.get(pk=followup.pk))

    progress = [
        (item.text, item.status_to, [(c.before, c.after) for c in item.changes])
        for item in activity
        if item.kind == "progress"
    ]
    assert progress == [
        ("Sent", "done", [(None, D(2026, 11, 4))]),
        ("Second draft", "", [("A/1", "A/2")]),
        ("First draft", "", [(None, "A/1")]),
        ("Started", "in progress", []),
    ]
    assert [item.kind for item in activity] == ["progress"] * 4 + ["created"]


def test_each_progress_save_names_its_entry_in_the_history(db, staff_member):
    followup = FollowUpFactory(focal_point=staff_member)

    entry = services.log_progress(followup=followup, author=staff_member, text="Done")

    assert followup.history.latest("history_date", "pk").history_change_reason == (
        f"progress:{entry.pk}"
    )


@pytest.mark.parametrize("reason", ["x:123", "waits_on:123", "+waits_on:12x", "progress: 1"])
def test_a_change_reason_typed_by_hand_is_neither_a_link_nor_a_progress_entry(
    db, staff_member, reason
):
    followup = FollowUpFactory(title="Report", focal_point=staff_member)
    other = FollowUpFactory(pk=123, title="Meeting")
    entry = services.log_progress(followup=followup, author=staff_member, text="Draft")
    followup.title = "Renamed report"
    followup._change_reason = reason
    followup.save()

    activity = selectors.followup_activity(followup)

    renamed = activity[0]
    assert renamed.kind == "change"
    assert [(c.field, c.after) for c in renamed.changes] == [("title", "Renamed report")]
    assert other.display_title not in str(activity)
    assert [item.text for item in activity if item.kind == "progress"] == [entry.text]

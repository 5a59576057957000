"""services.log_progress: progress entries, the status workflow and stale edits."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import FollowUpFactory
from tracker import services
from tracker.models import FollowUp, Status

D = datetime.date


def test_logging_progress_records_the_status_change(staff_member):
    followup = FollowUpFactory(focal_point=staff_member)

    entry = services.log_progress(
        followup=followup, author=staff_member, text="Drafting started", status=Status.IN_PROGRESS
    )

    followup.refresh_from_db()
    assert followup.status == Status.IN_PROGRESS
    assert (entry.status_from, entry.status_to) == (Status.NOT_STARTED, Status.IN_PROGRESS)
    assert followup.history.count() == 2


@time_machine.travel(D(2023, 1, 10), tick=False)
def test_marking_done_records_today_as_the_completion_date(staff_member):
    followup = FollowUpFactory(status=Status.IN_PROGRESS, focal_point=staff_member)

    services.log_progress(
        followup=followup, author=staff_member, status=Status.DONE, output_document="A/HRC/52/21"
    )

    followup.refresh_from_db()
    assert followup.completed_on == D(2023, 1, 10)
    assert followup.output_document == "A/HRC/52/21"


def test_an_empty_progress_entry_is_refused(staff_member):
    with pytest.raises(ValidationError):
        services.log_progress(followup=FollowUpFactory(), author=staff_member, text="   ")


def test_staff_cannot_cancel_a_follow_up(staff_member):
    with pytest.raises(PermissionDenied):
        services.log_progress(
            followup=FollowUpFactory(), author=staff_member, status=Status.CANCELLED
        )


def test_a_manager_can_cancel_a_follow_up(manager):
    followup = FollowUpFactory()
    services.log_progress(followup=followup, author=manager, text="Dropped", status="cancelled")
    followup.refresh_from_db()
    assert followup.status == Status.CANCELLED


def test_someone_without_a_role_cannot_log_progress(outsider):
    with pytest.raises(PermissionDenied):
        services.log_progress(followup=FollowUpFactory(), author=outsider, text="Hello")


def test_an_impossible_change_of_status_is_refused(manager):
    followup = FollowUpFactory(status=Status.CANCELLED)
    with pytest.raises(ValidationError):
        services.log_progress(followup=followup, author=manager, status=Status.DONE)


def test_a_stale_edit_is_refused_and_loses_nothing(staff_member):
    followup = FollowUpFactory(focal_point=staff_member)
    stale_version = followup.version
    services.log_progress(followup=followup, author=staff_member, text="First")

    with pytest.raises(services.ConcurrentEdit):
        services.log_progress(
            followup=FollowUp.objects.get(pk=followup.pk),
            author=staff_member,
            text="Second, from an old form",
            status=Status.DONE,
            expected_version=stale_version,
        )

    followup.refresh_from_db()
    assert followup.status == Status.NOT_STARTED
    assert [e.text for e in followup.progress.all()] == ["First"]


def test_sending_the_form_back_unchanged_records_nothing(staff_member):
    followup = FollowUpFactory(status=Status.IN_PROGRESS, output_document="A/HRC/52/21")

    with pytest.raises(ValidationError):
        services.log_progress(
            followup=followup, author=staff_member, text="", output_document="A/HRC/52/21"
        )

    assert not followup.progress.exists()


def test_reopening_a_done_follow_up_clears_its_completion_date(manager):
    followup = FollowUpFactory(status=Status.DONE, completed_on=D(2023, 1, 10))

    services.log_progress(
        followup=followup,
        author=manager,
        text="The report must be revised",
        status=Status.IN_PROGRESS,
        completed_on=D(2023, 1, 10),  # the form sends the old value back
    )

    followup.refresh_from_db()
    assert followup.completed_on is None

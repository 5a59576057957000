"""services.revert_followup and delete_followup: a past version back as a new
version, from the version shown only; a deletion from the version shown only."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.factories import FollowUpFactory, ProgressEntryFactory, UnitFactory, UserFactory
from tracker import services
from tracker.models import DueDateSource, FollowUp, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def root():
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def record(followup, version):
    return followup.history.filter(version=version).order_by("history_id").last()


def test_a_revert_is_a_new_version_with_the_old_values_and_says_so(root):
    followup = FollowUpFactory()
    unit = UnitFactory()
    services.assign(followup=followup, lead_unit=unit, focal_point=root)
    services.log_progress(followup=followup, author=root, text="Dropped", status=Status.CANCELLED)

    reverted = services.revert_followup(
        followup=FollowUp.objects.get(pk=followup.pk),
        history_id=record(followup, 2).history_id,
        expected_version=3,
        user=root,
    )

    assert (reverted.version, reverted.status, reverted.lead_unit, reverted.focal_point) == (
        4,
        Status.NOT_STARTED,
        unit,
        root,
    )
    latest = followup.history.first()
    assert (latest.version, latest.history_change_reason) == (4, "Reverted to version 2")


def test_a_revert_from_an_older_version_saves_nothing(root):
    followup = FollowUpFactory()
    services.assign(followup=followup, lead_unit=UnitFactory(), focal_point=None)

    with pytest.raises(services.ConcurrentEdit):
        services.revert_followup(
            followup=FollowUp.objects.get(pk=followup.pk),
            history_id=record(followup, 1).history_id,
            expected_version=1,
            user=root,
        )

    assert FollowUp.objects.get(pk=followup.pk).version == 2


def test_a_hand_set_due_date_comes_back_with_its_reason(root):
    followup = FollowUpFactory()
    services.set_due_date(followup=followup, due_date=datetime.date(2041, 1, 15), reason="Bureau")
    services.set_due_date(followup=followup, due_date=None)

    reverted = services.revert_followup(
        followup=FollowUp.objects.get(pk=followup.pk),
        history_id=record(followup, 2).history_id,
        expected_version=3,
        user=root,
    )

    assert (reverted.due_date, reverted.due_date_source, reverted.due_date_reason) == (
        datetime.date(2041, 1, 15),
        DueDateSource.MANUAL,
        "Bureau",
    )


def test_a_record_of_another_follow_up_is_refused(root):
    followup, other = FollowUpFactory(), FollowUpFactory()

    with pytest.raises(ValidationError):
        services.revert_followup(
            followup=followup,
            history_id=other.history.first().history_id,
            expected_version=1,
            user=root,
        )

    assert FollowUp.objects.get(pk=followup.pk).version == 1


def test_a_follow_up_changed_since_the_delete_page_was_shown_is_not_deleted(root):
    followup = FollowUpFactory()
    services.assign(followup=followup, lead_unit=UnitFactory(), focal_point=None)

    with pytest.raises(services.ConcurrentEdit):
        services.delete_followup(followup=followup, expected_version=1, user=root)

    assert FollowUp.objects.filter(pk=followup.pk).exists()


def test_a_follow_up_with_a_progress_log_is_not_deleted(root):
    followup = ProgressEntryFactory().followup

    with pytest.raises(ValidationError, match="progress log"):
        services.delete_followup(followup=followup, expected_version=1, user=root)

    assert FollowUp.objects.filter(pk=followup.pk).exists()


def test_a_revert_does_not_give_back_a_focal_point_who_lost_their_role(root, staff_member):
    followup = FollowUpFactory()
    services.assign(followup=followup, lead_unit=None, focal_point=staff_member)
    services.assign(followup=followup, lead_unit=None, focal_point=None)
    staff_member.groups.clear()

    with pytest.raises(ValidationError, match="cannot be a focal point"):
        services.revert_followup(
            followup=FollowUp.objects.get(pk=followup.pk),
            history_id=record(followup, 2).history_id,
            expected_version=3,
            user=root,
        )

    followup.refresh_from_db()
    assert (followup.version, followup.focal_point) == (3, None)

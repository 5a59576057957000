"""services.set_due_date: a due date by hand, with a reason, or back to the derived one."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.factories import FollowUpFactory
from tracker import services
from tracker.models import DueDateSource

D = datetime.date


def test_a_due_date_set_by_hand_needs_a_reason(db):
    with pytest.raises(ValidationError):
        services.set_due_date(followup=FollowUpFactory(), due_date=D(2030, 1, 1), reason="")


def test_clearing_a_hand_set_due_date_goes_back_to_the_derived_one(db):
    followup = FollowUpFactory()
    derived = followup.due_date
    services.set_due_date(followup=followup, due_date=D(2030, 1, 1), reason="Asked by the Bureau")
    assert followup.due_date_source == DueDateSource.MANUAL

    services.set_due_date(followup=followup, due_date=None)

    followup.refresh_from_db()
    assert (followup.due_date, followup.due_date_source) == (derived, DueDateSource.DERIVED)


def test_a_due_date_before_the_adoption_without_a_reason_is_refused_on_the_date(db):
    followup = FollowUpFactory()
    adopted = followup.resolution.adopted_on

    with pytest.raises(ValidationError) as error:
        services.set_due_date(followup=followup, due_date=adopted - datetime.timedelta(days=1))

    assert "before the resolution was adopted" in error.value.message_dict["due_date"][0]


def test_a_due_date_before_the_adoption_with_a_reason_is_kept(db):
    followup = FollowUpFactory()
    early = followup.resolution.adopted_on - datetime.timedelta(days=1)

    services.set_due_date(followup=followup, due_date=early, reason="Agreed before adoption")

    followup.refresh_from_db()
    assert followup.due_date == early

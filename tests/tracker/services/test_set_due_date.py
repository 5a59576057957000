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

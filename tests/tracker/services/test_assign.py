"""services.assign: a lead unit and a focal point who can open the follow-up."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import FollowUpFactory, UnitFactory, UserFactory
from tracker import services


def test_a_viewer_can_be_focal_point(viewer):
    followup = FollowUpFactory()
    unit = UnitFactory()

    services.assign(followup=followup, lead_unit=unit, focal_point=viewer)

    followup.refresh_from_db()
    assert (followup.lead_unit, followup.focal_point) == (unit, viewer)


def test_someone_who_cannot_open_the_follow_up_is_refused_and_nothing_is_saved(outsider):
    followup = FollowUpFactory()
    version = followup.version

    with pytest.raises(ValidationError) as refused:
        services.assign(followup=followup, lead_unit=UnitFactory(), focal_point=outsider)

    assert "focal_point" in refused.value.message_dict
    followup.refresh_from_db()
    assert (followup.lead_unit, followup.focal_point, followup.version) == (None, None, version)


def test_an_inactive_account_cannot_be_focal_point(staff_member):
    staff_member.is_active = False
    staff_member.save()

    with pytest.raises(ValidationError):
        services.assign(followup=FollowUpFactory(), lead_unit=None, focal_point=staff_member)


def test_no_focal_point_is_always_allowed(db):
    followup = FollowUpFactory(focal_point=UserFactory())

    services.assign(followup=followup, lead_unit=None, focal_point=None)

    followup.refresh_from_db()
    assert followup.focal_point is None

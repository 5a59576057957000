"""tracker.permissions: who may do what to which follow-up."""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import PermissionDenied
from django.utils import translation

from tests.factories import FollowUpFactory, UnitFactory, UserFactory
from tracker import permissions
from tracker.models import FollowUp


@pytest.fixture
def unit(staff_member):
    unit = UnitFactory(name="Rule of Law section")
    unit.members.add(staff_member)
    return unit


@pytest.fixture
def followups(unit, staff_member):
    """One led by the editor's unit, one they are focal point of, one of another
    unit, one with no one."""
    return {
        "their unit's": FollowUpFactory(lead_unit=unit),
        "theirs": FollowUpFactory(focal_point=staff_member),
        "another unit's": FollowUpFactory(lead_unit=UnitFactory(name="Treaties")),
        "no one's": FollowUpFactory(),
    }


def test_an_editor_updates_what_their_unit_leads_or_they_are_focal_point_of(
    staff_member, followups
):
    allowed = {
        name for name, f in followups.items() if permissions.can_log_progress(staff_member, f)
    }

    assert allowed == {"their unit's", "theirs"}


def test_an_editor_changes_nothing_but_reads_everything(staff_member, followups):
    assert all(permissions.can_read(staff_member, f) for f in followups.values())
    assert not any(permissions.can_change(staff_member, f) for f in followups.values())


def test_a_viewer_reads_everything_and_updates_nothing(viewer, followups):
    for followup in followups.values():
        assert permissions.can_read(viewer, followup)
        assert not permissions.can_log_progress(viewer, followup)
        assert not permissions.can_change(viewer, followup)


@pytest.mark.parametrize("role", ["manager", "administrator"])
def test_managers_and_administrators_update_and_change_every_follow_up(request, role, followups):
    user = request.getfixturevalue(role)
    for followup in followups.values():
        assert permissions.can_log_progress(user, followup)
        assert permissions.can_change(user, followup)


def test_an_inactive_editor_may_do_nothing_even_on_their_own(staff_member, followups):
    staff_member.is_active = False

    assert not permissions.can_read(staff_member, followups["theirs"])
    assert not permissions.can_log_progress(staff_member, followups["theirs"])


def test_an_anonymous_visitor_may_do_nothing(followups):
    anonymous = AnonymousUser()

    assert not permissions.can_read(anonymous, followups["no one's"])
    assert not permissions.can_log_progress(anonymous, followups["no one's"])
    assert not permissions.updatable(anonymous, FollowUp.objects.all()).exists()


def test_the_filter_lists_exactly_what_each_person_may_update(
    staff_member, viewer, manager, outsider, followups
):
    for user in (staff_member, viewer, manager, outsider):
        listed = set(permissions.updatable(user, FollowUp.objects.all()))
        expected = {f for f in FollowUp.objects.all() if permissions.can_log_progress(user, f)}
        assert listed == expected, user.username


def test_the_refusal_says_why_in_the_language_of_the_page(staff_member, followups):
    with translation.override("en"), pytest.raises(PermissionDenied) as refused:
        permissions.require_log_progress(staff_member, followups["another unit's"])

    assert "focal point" in str(refused.value)


def test_readers_are_the_active_people_who_may_open_follow_ups(viewer, staff_member, outsider):
    UserFactory(username="root", is_superuser=True)
    own = UserFactory(username="own")
    own.user_permissions.add(Permission.objects.get(codename="view_followup"))
    UserFactory(username="gone", is_active=False, is_superuser=True)

    assert {u.username for u in permissions.readers()} == {"vera", "amina", "root", "own"}

"""services.add_unit_member, remove_unit_member, set_unit_members: idempotent and recorded."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import UnitFactory, UserFactory
from tracker import selectors, services


@pytest.fixture
def unit(db):
    return UnitFactory(name="Rule of Law section", abbreviation="RoL")


def test_adding_a_member_records_who_added_whom(unit, administrator, staff_member):
    assert services.add_unit_member(unit=unit, person=staff_member, by=administrator)

    assert list(unit.members.all()) == [staff_member]
    record = unit.history.latest()
    assert (record.history_change_reason, record.history_user) == (
        f"+member:{staff_member.pk}",
        administrator,
    )


def test_adding_a_member_twice_changes_and_records_nothing_the_second_time(
    unit, administrator, staff_member
):
    services.add_unit_member(unit=unit, person=staff_member, by=administrator)
    records = unit.history.count()

    assert not services.add_unit_member(unit=unit, person=staff_member, by=administrator)

    assert unit.members.count() == 1
    assert unit.history.count() == records


def test_removing_a_member_twice_removes_and_records_once(unit, administrator, staff_member):
    services.add_unit_member(unit=unit, person=staff_member, by=administrator)

    assert services.remove_unit_member(unit=unit, person=staff_member, by=administrator)
    records = unit.history.count()
    assert not services.remove_unit_member(unit=unit, person=staff_member, by=administrator)

    assert not unit.members.exists()
    assert unit.history.count() == records
    assert unit.history.latest().history_change_reason == f"-member:{staff_member.pk}"


def test_an_inactive_account_cannot_join_a_unit(unit):
    with pytest.raises(ValidationError):
        services.add_unit_member(unit=unit, person=UserFactory(is_active=False))

    assert not unit.members.exists()


def test_setting_the_members_records_each_change(unit, administrator, staff_member, viewer):
    services.add_unit_member(unit=unit, person=viewer)

    changed = services.set_unit_members(unit=unit, members=[staff_member], by=administrator)

    assert changed == 2
    assert list(unit.members.all()) == [staff_member]
    assert [(c.person, c.added, c.by) for c in selectors.membership_changes()] == [
        (selectors.person_label(staff_member), True, selectors.person_label(administrator)),
        (selectors.person_label(viewer), False, selectors.person_label(administrator)),
        (selectors.person_label(viewer), True, ""),
    ]

"""Saving, renaming and deleting a person's views of the follow-up list."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import UnitFactory
from tracker import services
from tracker.models import SavedView


def test_saving_keeps_only_the_lists_filters_in_a_stable_order(staff_member):
    view = services.save_view(
        owner=staff_member,
        name="  Late reports  ",
        query="page=3&status=not_started&utm=x&q=&state=overdue&status=in_progress"
        "&status=not_started&o=-due_date",
    )

    assert view.name == "Late reports"
    assert view.query == "status=in_progress&status=not_started&state=overdue&o=-due_date"


def test_the_same_filters_in_another_order_are_saved_alike():
    first = services.saved_view_query("state=overdue&status=done&status=in_progress&q=report")
    second = services.saved_view_query("q=report&status=in_progress&state=overdue&status=done")

    assert first == second == "q=report&status=done&status=in_progress&state=overdue"


def test_a_single_valued_filter_keeps_the_value_the_list_reads():
    assert services.saved_view_query("state=overdue&state=due_soon") == "state=due_soon"


def test_saving_under_a_name_in_use_replaces_that_views_filters(staff_member):
    first = services.save_view(owner=staff_member, name="Mine", query="state=overdue")

    second = services.save_view(owner=staff_member, name="Mine", query="state=due_soon")

    assert second.pk == first.pk
    assert SavedView.objects.get(pk=first.pk).query == "state=due_soon"
    assert SavedView.objects.filter(owner=staff_member).count() == 1


def test_two_people_may_use_the_same_name(staff_member, manager):
    services.save_view(owner=staff_member, name="Mine", query="state=overdue")
    services.save_view(owner=manager, name="Mine", query="state=due_soon")

    assert SavedView.objects.filter(name="Mine").count() == 2


@pytest.mark.parametrize(
    "query",
    [
        "status=finished",
        "state=whenever",
        "lead_unit=999999",
        "due_after=2027-01-01&due_before=2026-01-01",
        "o=colour",
    ],
)
def test_filters_the_list_cannot_read_are_refused(staff_member, query):
    with pytest.raises(ValidationError) as caught:
        services.save_view(owner=staff_member, name="Broken", query=query)

    assert "query" in caught.value.message_dict
    assert not SavedView.objects.exists()


def test_a_filter_naming_a_row_that_exists_is_accepted(staff_member):
    unit = UnitFactory()

    view = services.save_view(owner=staff_member, name="Unit", query=f"lead_unit={unit.pk}")

    assert view.query == f"lead_unit={unit.pk}"


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_an_empty_or_too_long_name_is_refused(staff_member, name):
    with pytest.raises(ValidationError) as caught:
        services.save_view(owner=staff_member, name=name, query="state=overdue")

    assert "name" in caught.value.message_dict
    assert not SavedView.objects.exists()


def test_a_name_of_80_characters_is_accepted(staff_member):
    view = services.save_view(owner=staff_member, name="x" * 80, query="state=overdue")

    assert len(view.name) == 80


def test_renaming_strips_the_new_name(staff_member):
    view = services.save_view(owner=staff_member, name="Old", query="state=overdue")

    services.rename_view(view=view, owner=staff_member, name="  New  ")

    assert SavedView.objects.get(pk=view.pk).name == "New"


def test_renaming_to_a_name_the_person_already_uses_is_refused(staff_member):
    services.save_view(owner=staff_member, name="Taken", query="state=overdue")
    view = services.save_view(owner=staff_member, name="Other", query="state=due_soon")

    with pytest.raises(ValidationError):
        services.rename_view(view=view, owner=staff_member, name="Taken")

    assert SavedView.objects.get(pk=view.pk).name == "Other"


def test_only_the_owner_renames_or_deletes_a_view(staff_member, manager):
    view = services.save_view(owner=staff_member, name="Mine", query="state=overdue")

    with pytest.raises(PermissionDenied):
        services.rename_view(view=view, owner=manager, name="Theirs")
    with pytest.raises(PermissionDenied):
        services.delete_view(view=view, owner=manager)

    assert SavedView.objects.get(pk=view.pk).name == "Mine"


def test_the_owner_deletes_a_view(staff_member):
    view = services.save_view(owner=staff_member, name="Mine", query="state=overdue")

    services.delete_view(view=view, owner=staff_member)

    assert not SavedView.objects.exists()

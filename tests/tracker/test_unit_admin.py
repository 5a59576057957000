"""The unit admin: administrators change members, each change recorded through the service."""

from django.urls import reverse

from tests.factories import UnitFactory, UserFactory
from tracker import selectors, services


def change_url(unit):
    return reverse("admin:tracker_unit_change", args=[unit.pk])


def test_an_administrator_changes_the_members_and_each_change_is_recorded(
    client, administrator, staff_member, viewer
):
    unit = UnitFactory(name="Rule of Law section", abbreviation="RoL")
    unit.members.add(viewer)
    client.force_login(administrator)

    response = client.post(
        change_url(unit),
        {"name": unit.name, "abbreviation": unit.abbreviation, "members": [staff_member.pk]},
    )

    assert response.status_code == 302
    assert list(unit.members.all()) == [staff_member]
    changes = [(c.person, c.added, c.by) for c in selectors.membership_changes()]
    by = selectors.person_label(administrator)
    assert changes == [
        (selectors.person_label(staff_member), True, by),
        (selectors.person_label(viewer), False, by),
    ]


def test_the_members_offered_are_active_accounts_and_the_units_own(client, administrator):
    unit = UnitFactory()
    gone_member = UserFactory(username="gone_member", is_active=False)
    UserFactory(username="gone", is_active=False)
    unit.members.add(gone_member)
    client.force_login(administrator)

    form = client.get(change_url(unit)).context["adminform"].form

    offered = {person.username for person in form.fields["members"].queryset}
    assert "gone_member" in offered
    assert "gone" not in offered
    assert "ada" in offered


def test_a_manager_reads_units_in_the_admin_but_cannot_change_them(client, manager):
    unit = UnitFactory()
    client.force_login(manager)

    assert client.get(change_url(unit)).status_code == 200  # read-only view
    response = client.post(change_url(unit), {"name": "Renamed", "members": []})

    assert response.status_code == 403
    unit.refresh_from_db()
    assert unit.name != "Renamed"


def test_a_member_added_elsewhere_while_the_form_was_open_stays(
    client, administrator, staff_member, viewer
):
    unit = UnitFactory()
    unit.members.add(viewer)
    client.force_login(administrator)
    shown = client.get(change_url(unit)).context["adminform"].form["members_shown"].value()
    services.add_unit_member(unit=unit, person=staff_member, by=administrator)  # on /units/

    response = client.post(
        change_url(unit),
        {
            "name": "Renamed",
            "abbreviation": unit.abbreviation,
            "members": [viewer.pk],
            "members_shown": shown,
        },
    )

    assert response.status_code == 302
    assert set(unit.members.all()) == {viewer, staff_member}
    unit.refresh_from_db()
    assert unit.name == "Renamed"

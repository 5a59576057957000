"""The units page (/units/): administrators say who belongs to which unit."""

import pytest
from django.urls import reverse

from tests.factories import UnitFactory, UserFactory
from tracker import services

LIST = reverse("web:unit_list")


@pytest.fixture
def unit(db):
    return UnitFactory(name="Rule of Law section", abbreviation="RoL")


def add_url(unit):
    return reverse("web:unit_add_member", args=[unit.pk])


def remove_url(unit, person):
    return reverse("web:unit_remove_member", args=[unit.pk, person.pk])


def test_administrators_see_each_unit_with_its_members_and_their_roles(
    client, administrator, unit, staff_member, outsider
):
    unit.members.add(staff_member, outsider)
    client.force_login(administrator)

    page = client.get(LIST).content.decode()

    assert "Rule of Law section (RoL)" in page
    assert f"{staff_member.get_full_name()} (amina) — editor" in page
    assert "(olga) — no role: cannot open Suivi" in page
    assert f'action="{remove_url(unit, staff_member)}"' in page


@pytest.mark.parametrize("role", ["viewer", "staff_member", "manager", "outsider"])
def test_no_one_else_opens_it_or_changes_a_unit(request, client, role, unit, staff_member):
    client.force_login(request.getfixturevalue(role))

    responses = [
        client.get(LIST),
        client.post(add_url(unit), {f"unit{unit.pk}-person": staff_member.pk}),
        client.post(remove_url(unit, staff_member)),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403]
    assert not unit.members.exists()


def test_adding_a_member_says_so_and_lists_the_change(client, administrator, unit, staff_member):
    client.force_login(administrator)

    response = client.post(add_url(unit), {f"unit{unit.pk}-person": staff_member.pk}, follow=True)

    assert response.redirect_chain == [(f"{LIST}#unit-{unit.pk}", 302)]
    page = response.content.decode()
    assert f"{staff_member.get_full_name()} (amina) is now a member of RoL." in page
    assert f"{staff_member.get_full_name()} (amina) added" in page
    assert list(unit.members.all()) == [staff_member]


def test_the_same_form_sent_twice_adds_once(client, administrator, unit, staff_member):
    client.force_login(administrator)
    data = {f"unit{unit.pk}-person": staff_member.pk}
    client.post(add_url(unit), data)
    records = unit.history.count()

    response = client.post(add_url(unit), data)

    # The person is no longer offered: a second send is a stale form.
    assert response.status_code == 400
    assert unit.members.count() == 1
    assert unit.history.count() == records


@pytest.mark.parametrize("forged", ["999999", "abc", ""])
def test_a_forged_or_missing_person_is_refused_beside_the_field(
    client, administrator, unit, forged
):
    client.force_login(administrator)

    response = client.post(add_url(unit), {f"unit{unit.pk}-person": forged})

    assert response.status_code == 400
    assert f'id="id_unit{unit.pk}-person"' in response.content.decode()
    assert not unit.members.exists()


def test_an_inactive_account_is_not_offered(client, administrator, unit):
    gone = UserFactory(username="gone", is_active=False)
    client.force_login(administrator)

    response = client.post(add_url(unit), {f"unit{unit.pk}-person": gone.pk})

    assert response.status_code == 400
    assert "(gone)" not in client.get(LIST).content.decode()


def test_removing_a_member_twice_removes_once_and_says_so(
    client, administrator, unit, staff_member
):
    services.add_unit_member(unit=unit, person=staff_member)
    client.force_login(administrator)

    client.post(remove_url(unit, staff_member))
    records = unit.history.count()
    again = client.post(remove_url(unit, staff_member), follow=True)

    assert "was not a member of RoL" in again.content.decode()
    assert not unit.members.exists()
    assert unit.history.count() == records


def test_opening_a_forms_address_goes_back_to_the_page(client, administrator, unit):
    client.force_login(administrator)

    response = client.get(add_url(unit))

    assert (response.status_code, response["Location"]) == (302, LIST)


@pytest.mark.parametrize("units", [2, 6])
def test_the_page_takes_the_same_queries_however_many_units_and_people(
    client, administrator, django_assert_num_queries, units
):
    for number in range(units):
        unit = UnitFactory()
        for _ in range(number):
            services.add_unit_member(unit=unit, person=UserFactory(), by=administrator)
    client.force_login(administrator)

    # session, user, the administrator's permissions (2), units, members,
    # their roles, the people who could join, the latest changes and their people
    with django_assert_num_queries(10):
        client.get(LIST)


def test_the_page_is_in_french_for_a_french_reader(client, administrator, unit):
    client.force_login(administrator)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})

    page = client.get(LIST).content.decode()

    assert '<html lang="fr">' in page

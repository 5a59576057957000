"""A person's own page."""

from django.urls import reverse

from tests.factories import UnitFactory

URL = reverse("web:account")


def test_a_signed_in_person_opens_their_own_page_with_their_units(client, staff_member):
    UnitFactory(name="Human Rights Council Branch", abbreviation="HRCB").members.add(staff_member)
    client.force_login(staff_member)

    page = client.get(URL).content.decode()

    assert "<h1>My page</h1>" in page
    assert "HRCB" in page


def test_the_page_is_reached_from_the_name_in_the_header(client, staff_member):
    client.force_login(staff_member)

    page = client.get(reverse("web:dashboard")).content.decode()

    assert f'href="{URL}"' in page


def test_signing_in_is_required(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))

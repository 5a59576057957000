"""A person's own page."""

from django.urls import reverse

from tests.factories import UnitFactory
from tracker import services
from tracker.models import FeedToken, SavedView

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


def test_a_person_with_a_role_sees_their_saved_views_and_calendar_feeds(client, staff_member):
    services.save_view(owner=staff_member, name="Late", query="state=overdue")
    client.force_login(staff_member)

    response = client.get(URL)

    assert [row.view.name for row in response.context["saved_views"]] == ["Late"]
    assert response.context["feeds"] is not None
    assert "Create my calendar address" in response.content.decode()


def test_a_person_without_a_role_gets_neither_saved_views_nor_feeds_and_no_key(client, outsider):
    # A view kept from a role since removed: its count would tell what the list holds.
    SavedView.objects.create(owner=outsider, name="From a former role", query="state=overdue")
    client.force_login(outsider)

    response = client.get(URL)

    assert response.status_code == 200
    assert response.context["saved_views"] is None
    assert response.context["feeds"] is None
    page = response.content.decode()
    assert "From a former role" not in page
    assert "follow-ups</span>" not in page  # no count
    assert "webcal://" not in page
    assert "/feeds/" not in page
    assert "Create my calendar address" not in page
    assert "Saved views of the follow-up list come with a role" in page
    assert "Calendar feeds of due dates come with a role" in page
    assert not FeedToken.objects.exists()

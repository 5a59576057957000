"""The error pages: in Suivi's own look, with a way back, with DEBUG off as in production."""

import pytest
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.test import Client
from django.urls import include, path, reverse
from django.utils import translation

from tests.factories import FollowUpFactory, UnitFactory


def _broken_view(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


# This module is also the URLconf of the tests marked with it: the site plus a broken page.
urlpatterns = [
    path("broken/", _broken_view),
    path("", include("tracker.project.urls")),
]


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


def test_an_unknown_address_shows_the_404_page_with_the_menu_and_a_way_back(client, staff_member):
    client.force_login(staff_member)

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>Page not found</h1>" in page
    assert 'class="site-header"' in page
    assert f'href="{reverse("web:resolution_list")}"' in page
    assert "Back to the home page" in page


def test_the_404_page_speaks_french(client, staff_member):
    client.force_login(staff_member)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})

    page = client.get("/no-such-page/").content.decode()

    assert '<html lang="fr">' in page
    assert "Résolutions" in page


def test_a_signed_in_user_without_a_role_sees_the_403_page_saying_what_to_ask_for(client, outsider):
    client.force_login(outsider)

    response = client.get(reverse("web:resolution_list"))

    assert response.status_code == 403
    page = response.content.decode()
    assert "<h1>Access refused</h1>" in page
    assert "You are signed in as olga" in page
    assert "viewer, editor, manager or administrator" in page
    assert "Back to the home page" in page
    assert "Sign out" in page


@pytest.mark.urls(__name__)
def test_a_crash_shows_the_500_page_without_the_error(db):
    client = Client(raise_request_exception=False)

    response = client.get("/broken/")

    assert response.status_code == 500
    page = response.content.decode()
    assert "<h1>Something went wrong</h1>" in page
    assert "a bug" not in page
    assert 'href="/"' in page
    assert "/static/css/suivi.css" in page


def test_the_500_page_renders_without_a_request_or_the_database():
    # No db fixture: a query would fail the test.
    with translation.override("fr"):
        page = loader.get_template("500.html").render()

    assert '<html lang="fr">' in page
    assert "Aller au contenu" in page


def test_a_form_sent_without_its_csrf_token_shows_the_expired_form_page(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("login"), {"username": "x", "password": "y"})

    assert response.status_code == 403
    page = response.content.decode()
    assert "<h1>Your form has expired</h1>" in page
    assert "Back to the home page" in page


def test_someone_without_a_role_is_offered_no_page_they_cannot_open(client, outsider):
    client.force_login(outsider)

    page = client.get(reverse("web:dashboard")).content.decode()

    assert 'href="/followups/"' not in page
    assert 'href="/resolutions/"' not in page


def test_staff_are_offered_the_dashboard_the_list_and_the_resolutions(client, staff_member):
    client.force_login(staff_member)

    page = client.get(reverse("web:dashboard")).content.decode()

    assert 'href="/followups/"' in page
    assert 'href="/resolutions/"' in page


@pytest.mark.parametrize(
    "address",
    [
        "/resolutions/A/HRC/RES/46%0013/",
        "/resolutions/A/HRC/RES/46/13%01/",
        "/feeds/abc%00def/followups.ics",
        "/resolutions/" + "A" * 41 + "/",
    ],
)
def test_a_nul_byte_or_an_impossible_symbol_in_an_address_is_a_404_not_a_500(
    client, staff_member, address
):
    client.force_login(staff_member)

    assert client.get(address).status_code == 404


def test_a_refused_update_is_the_403_page_in_the_readers_language(client, staff_member):
    followup = FollowUpFactory(lead_unit=UnitFactory(name="Treaties section"))
    client.force_login(staff_member)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})

    response = client.post(
        reverse("web:followup_status", args=[followup.pk]),
        {"status-status": "done", "status-version": followup.version},
    )

    assert response.status_code == 403
    page = response.content.decode()
    assert '<html lang="fr">' in page
    assert "<h1>Accès refusé</h1>" in page

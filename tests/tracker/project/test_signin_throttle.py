"""The sign-in throttle (django-axes): five wrong passwords for a username from an
address pause its sign-in for fifteen minutes, on the site and in the admin."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tracker.project.signin import client_ip

PASSWORD = "a long test password"
SIGN_IN = reverse("login")
ADMIN_SIGN_IN = reverse("admin:login")


@pytest.fixture
def person(db):
    return UserFactory(username="irene")


@pytest.fixture
def administrator(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def sign_in(client, username, password, url=SIGN_IN, **extra):
    return client.post(url, {"username": username, "password": password}, **extra)


def signed_in(client):
    return "_auth_user_id" in client.session


def fail(client, username, times, url=SIGN_IN, **extra):
    for _ in range(times):
        sign_in(client, username, "not the password", url, **extra)


def test_four_wrong_passwords_then_the_right_one_signs_in(client, person):
    fail(client, "irene", 4)

    response = sign_in(client, "irene", PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


def test_the_right_password_after_five_wrong_ones_is_refused_with_a_page_that_says_why(
    client, person
):
    fail(client, "irene", 5)

    response = sign_in(client, "irene", PASSWORD)

    assert response.status_code == 429
    assert not signed_in(client)
    page = response.content.decode()
    assert "<h1>Sign-in paused</h1>" in page
    assert "wrong 5 times in a row" in page
    assert "paused for 15 minutes" in page


def test_the_page_of_a_paused_sign_in_is_in_the_readers_language(client, person):
    fail(client, "irene", 5)

    response = sign_in(client, "irene", PASSWORD, HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 429
    assert '<html lang="fr"' in response.content.decode()


def test_after_the_cool_off_the_right_password_signs_in(client, person):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail(client, "irene", 5)
        assert sign_in(client, "irene", PASSWORD).status_code == 429
    with time_machine.travel(start + datetime.timedelta(minutes=14), tick=False):
        assert sign_in(client, "irene", PASSWORD).status_code == 429
    # A try during the pause starts it again: fifteen minutes after the last one.
    with time_machine.travel(start + datetime.timedelta(minutes=30), tick=False):
        response = sign_in(client, "irene", PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


def test_the_admins_sign_in_is_throttled_too(client, administrator):
    fail(client, "root", 5, url=ADMIN_SIGN_IN)

    response = sign_in(client, "root", PASSWORD, url=ADMIN_SIGN_IN)

    assert response.status_code == 429
    assert not signed_in(client)
    assert "Sign-in paused" in response.content.decode()


def test_wrong_passwords_on_the_site_and_in_the_admin_add_up(client, administrator):
    fail(client, "root", 3)
    fail(client, "root", 2, url=ADMIN_SIGN_IN)

    assert sign_in(client, "root", PASSWORD).status_code == 429


def test_a_successful_sign_in_clears_the_count(client, person):
    fail(client, "irene", 4)
    assert sign_in(client, "irene", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    fail(client, "irene", 4)

    response = sign_in(client, "irene", PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


def test_a_paused_username_still_signs_in_from_another_address(client, person):
    fail(client, "irene", 5)

    response = sign_in(client, "irene", PASSWORD, REMOTE_ADDR="192.0.2.7")

    assert response.status_code == 302


def test_another_person_from_the_same_address_is_not_paused(client, person):
    UserFactory(username="jonas")
    fail(client, "irene", 5)

    assert sign_in(client, "jonas", PASSWORD).status_code == 302


def test_behind_a_proxy_the_address_is_the_last_one_it_added(settings):
    settings.SUIVI_CLIENT_IP_META = "HTTP_X_FORWARDED_FOR"
    request = RequestFactory().post(
        SIGN_IN, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.4"
    )

    assert client_ip(request) == "198.51.100.4"


@pytest.mark.parametrize("forwarded", ["", "not an address", "\x00", "1.2.3.4, "])
def test_an_unreadable_forwarded_address_falls_back_to_the_connections(settings, forwarded):
    settings.SUIVI_CLIENT_IP_META = "HTTP_X_FORWARDED_FOR"
    request = RequestFactory().post(
        SIGN_IN, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded
    )

    assert client_ip(request) == "127.0.0.1"


def test_without_a_proxy_header_the_connections_address_counts(settings):
    settings.SUIVI_CLIENT_IP_META = ""
    request = RequestFactory().post(
        SIGN_IN, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="1.2.3.4"
    )

    assert client_ip(request) == "192.0.2.1"


def test_forwarded_addresses_from_the_proxy_keep_people_apart(client, person, settings):
    settings.SUIVI_CLIENT_IP_META = "HTTP_X_FORWARDED_FOR"
    fail(client, "irene", 5, HTTP_X_FORWARDED_FOR="203.0.113.9")

    assert sign_in(client, "irene", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    assert (
        sign_in(client, "irene", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.10").status_code == 302
    )

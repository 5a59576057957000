"""Production settings, the health check, and forms behind an HTTPS proxy.

Settings are read once per process, so the production settings are loaded in
a child process of their own, as ``make serve`` would load them.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.corpus import REPO


def _run(tmp_path: Path, args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SUIVI_"))
    }
    environment |= {
        "DJANGO_SETTINGS_MODULE": "tracker.project.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **env,
    }
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env=environment, capture_output=True, text=True
    )


PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "suivi.example.org",
    "SUIVI_BASE_URL": "https://suivi.example.org",
    "EMAIL_URL": "smtp://mail.example.org:25",
}


def test_the_production_settings_pass_djangos_deployment_checklist_without_a_warning(tmp_path):
    checked = _run(
        tmp_path, ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION
    )

    assert checked.returncode == 0, checked.stderr
    assert "no issues" in checked.stdout


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"DEBUG": "1"}, "DEBUG must be off when DJANGO_ENV=production."),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS is required when DJANGO_ENV=production."),
        ({"SECRET_KEY": ""}, "SECRET_KEY is required when DEBUG is off."),
        ({"DJANGO_ENV": "prod"}, "DJANGO_ENV='prod': use development or production."),
    ],
)
def test_production_refuses_to_start_with_a_setting_that_would_be_unsafe(tmp_path, change, message):
    checked = _run(tmp_path, ["manage.py", "check"], **(PRODUCTION | change))

    assert checked.returncode != 0
    assert message in checked.stderr


def test_the_health_check_answers_without_a_sign_in_or_a_session(client, db):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "sessionid" not in response.cookies
    assert "no-cache" in response["Cache-Control"]


def test_the_health_check_says_503_when_the_database_cannot_be_reached(tmp_path):
    probe = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz', secure=True, headers={'host': 'suivi.example.org'});"
        "print(r.status_code, r.json())"
    )

    # Nothing listens on port 9 of the loopback: the connection is refused.
    checked = _run(
        tmp_path,
        ["-c", probe],
        **PRODUCTION,
        DATABASE_URL="postgres://suivi@127.0.0.1:9/suivi?connect_timeout=2",
    )

    assert checked.stdout.strip() == "503 {'status': 'unavailable', 'database': 'unreachable'}"


@pytest.fixture
def behind_a_proxy(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.CSRF_TRUSTED_ORIGINS = ["https://suivi.example.org"]
    settings.ALLOWED_HOSTS = ["suivi.example.org"]


def _sign_in_through_the_proxy(staff_member, client):
    staff_member.set_password("a long enough password")
    staff_member.save()
    headers = {"host": "suivi.example.org", "x-forwarded-proto": "https"}
    client.get(reverse("login"), headers=headers)
    return client.post(
        reverse("login"),
        {
            "username": staff_member.username,
            "password": "a long enough password",
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        },
        headers=headers | {"origin": "https://suivi.example.org"},
    )


def test_signing_in_through_an_https_proxy_passes_the_csrf_check(behind_a_proxy, staff_member):
    response = _sign_in_through_the_proxy(staff_member, Client(enforce_csrf_checks=True))

    assert response.status_code == 302
    assert response["Location"] == reverse("web:dashboard")


def test_without_the_proxy_header_setting_the_same_sign_in_is_refused(settings, staff_member):
    settings.ALLOWED_HOSTS = ["suivi.example.org"]

    response = _sign_in_through_the_proxy(staff_member, Client(enforce_csrf_checks=True))

    assert response.status_code == 403


def test_in_production_every_cookie_suivi_sets_is_secure(tmp_path):
    probe = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE)"
    )

    checked = _run(tmp_path, ["-c", probe], **PRODUCTION)

    assert checked.stdout.strip() == "True True True", checked.stderr

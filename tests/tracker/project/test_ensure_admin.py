from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command


def test_it_creates_an_administrator_with_a_generated_password_shown_once(db, monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    out = StringIO()

    call_command("ensure_admin", stdout=out)

    admin = get_user_model().objects.get(is_superuser=True)
    password = out.getvalue().split("password ")[1].split()[0]
    assert admin.check_password(password)

    again = StringIO()
    call_command("ensure_admin", stdout=again)
    assert password not in again.getvalue()
    assert get_user_model().objects.count() == 1


def test_it_takes_the_administrator_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "chief")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a chosen long password")

    call_command("ensure_admin", stdout=StringIO())

    assert get_user_model().objects.get(username="chief").check_password("a chosen long password")

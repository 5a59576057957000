"""Make sure someone can sign in to a new Suivi, without a password in the code.

1. If an administrator (superuser) exists, say so and stop.
2. If ``DJANGO_SUPERUSER_USERNAME`` and ``DJANGO_SUPERUSER_PASSWORD`` are set,
   create that administrator (``DJANGO_SUPERUSER_EMAIL`` optional).
3. Otherwise create ``admin`` with a generated password, printed this once.
"""

from __future__ import annotations

import os
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the first administrator if there is none, and say how to sign in."

    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()
        existing = User.objects.filter(is_superuser=True).order_by("pk").first()
        if existing is not None:
            self.stdout.write(
                f"Sign in as the administrator “{existing.get_username()}” "
                f"(forgotten password: python manage.py changepassword {existing.get_username()})."
            )
            return
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "").strip()
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")
        generated = not (username and password)
        if generated:
            username, password = "admin", secrets.token_urlsafe(12)
        User.objects.create_superuser(
            username=username,
            email=os.environ.get("DJANGO_SUPERUSER_EMAIL", ""),
            password=password,
        )
        if generated:
            self.stdout.write(
                self.style.WARNING(
                    f"Created the administrator “{username}” with the password {password}\n"
                    "It is shown only this once: note it, or change it with "
                    f"python manage.py changepassword {username}."
                )
            )
        else:
            self.stdout.write(f"Created the administrator “{username}” from DJANGO_SUPERUSER_*.")

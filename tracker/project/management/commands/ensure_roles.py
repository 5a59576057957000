"""Bring Suivi's roles (groups of permissions) in line with ``tracker/roles.py``.

Migrations create the roles on a new database; run this after a release that
changes what a role may do. Running it again changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tracker.roles import ensure_roles


class Command(BaseCommand):
    help = "Create or update the roles (viewer, editor, manager, administrator)."

    def handle(self, *args: Any, **options: Any) -> None:
        for name, group in ensure_roles().items():
            self.stdout.write(f"{name}: {group.permissions.count()} permissions")

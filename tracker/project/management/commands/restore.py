"""Restore a backup into an empty database: ``python manage.py restore FILE``.

1. Check that FILE is a backup of this kind of database (``manage.py backup``).
2. Refuse a database that already holds tables: create a new one
   (``createdb suivi_restored``) and point ``DATABASE_URL`` at it.
3. On PostgreSQL, run ``pg_restore`` in one transaction (nothing is kept if
   it fails); on SQLite, copy the backup into the database file.

Then ``python manage.py migrate`` brings a backup made by an older Suivi up
to date, as after any upgrade.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS

from tracker.project.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by manage.py backup into an empty database."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, metavar="FILE")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            restore(alias=options["database"], path=path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored {path}.")

"""Write the whole database to a file: ``python manage.py backup FILE``.

1. On PostgreSQL, run ``pg_dump --format=custom`` (every table, history
   included; restore with ``manage.py restore``). On SQLite, copy the database
   file with SQLite's online backup.
2. Say where the backup is and how large.

See ``tracker/project/backup.py`` for why not ``dumpdata``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS

from tracker.project.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write the whole database to FILE (pg_dump on PostgreSQL, a copy on SQLite)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, metavar="FILE")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            backup(alias=options["database"], path=path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backed up to {path} ({path.stat().st_size:,} bytes).")

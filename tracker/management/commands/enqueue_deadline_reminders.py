"""``manage.py enqueue_deadline_reminders``: queue the day's reminders for the worker.

For a daily cron line when ``manage.py db_worker`` runs as a service: the task
(``tracker.tasks.send_deadline_reminders``) is stored in the database and the
worker sends the digests. django-tasks-db has no scheduler of its own.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tracker.tasks import send_deadline_reminders


class Command(BaseCommand):
    help = "Queue the deadline-reminders task for the database worker (db_worker)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            default=None,
            help="Act as if today were this ISO date (default: the day the worker runs it).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        date = options["date"]
        result = send_deadline_reminders.enqueue(today=date.isoformat() if date else None)
        self.stdout.write(f"Queued the deadline reminders as task {result.id}.")

"""``manage.py send_deadline_reminders``: e-mail each person their deadline digest.

Run it once a day from cron, or queue it for ``manage.py db_worker`` with
``manage.py enqueue_deadline_reminders`` (the ``tracker.tasks.send_deadline_reminders``
task); running it twice at once, or on several servers sharing one database,
still sends each person one digest (see ``tracker.services.send_deadline_reminders``).

Steps:

1. Read, in a fixed number of queries, each focal point's and each lead-unit
   member's open follow-ups that are overdue or cross one of their thresholds
   and were not yet reminded for their current due date (``tracker.reminders``).
2. For each person: lock their reminder settings (waiting for another run
   that holds them), record the reminders not yet recorded and commit; then
   send one e-mail with exactly those items, with no lock held; a failed
   send deletes the records it made, so the next run tries again.
3. Print how many digests and items were sent, and how many were skipped or failed.
   The exit status is 1 when any digest failed, so cron reports it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tracker.services import send_deadline_reminders


class Command(BaseCommand):
    help = "E-mail each focal point and lead-unit member their digest of deadlines."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            default=None,
            help="Act as if today were this ISO date (default: today).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        run = send_deadline_reminders(today=options["date"])
        self.stdout.write(
            f"Sent {run.digests} digest(s) listing {run.items} follow-up(s); "
            f"{run.skipped} skipped (claimed by another run, or opted out), {run.failed} failed."
        )
        if run.failed:
            raise CommandError(f"{run.failed} digest(s) could not be sent; see the log.")

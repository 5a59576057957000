"""Keep the session calendar reaching ahead: estimate the sessions not yet announced.

    python manage.py extend_calendar [--years 2]

Steps:

1. Take today (the server's local date, ``TIME_ZONE``) plus ``--years``
   (default 2) as the day the calendar must reach.
2. For the Human Rights Council and the General Assembly, estimate from the
   usual pattern every regular session not yet stored that opens by then
   (``resolutions.services.extend_calendar``), and store it marked as
   estimated, in one transaction.
3. Print one line per session stored, then how many.

Stored sessions are never changed: managers confirm or correct them in the
admin, which moves the due dates tied to them. Running it twice stores
nothing the second time, so it is safe to run from cron (daily or weekly)
and on every start (``make run``). A data migration would not do: what
"two years ahead" means depends on the day it runs.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from resolutions import services


class Command(BaseCommand):
    help = "Store estimated sessions so that the calendar reaches --years (default 2) ahead."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--years",
            type=int,
            default=2,
            help="How many years past today the calendar must reach (default 2).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        years: int = options["years"]
        if not 0 <= years <= 50:
            raise CommandError("--years must be between 0 and 50.")
        until = services.shift_years(timezone.localdate(), years)
        stored = services.extend_calendar(until=until)
        for session in stored:
            self.stdout.write(
                f"{session} ({session.start_date.isoformat()} – "
                f"{session.end_date.isoformat()}): estimated"
            )
        self.stdout.write(
            f"{len(stored)} session(s) estimated; the calendar reaches {until.isoformat()}."
        )

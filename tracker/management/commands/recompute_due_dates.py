"""Bring every derived due date in line with today's rules and calendar.

1. Read the session calendar and the closure days once.
2. Derive again every due date that is not set by hand (locked, in one
   transaction); each one that moves gets a new version and a history record.
3. Print how many moved.

Run after a change of the rules (``SUIVI_REPORT_WEEKS_BEFORE_SESSION``, the
working days) or of Geneva's public holidays; ``make run`` runs it, and
running it again moves nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from resolutions.models import Session
from tracker.services import recompute_due_dates


class Command(BaseCommand):
    help = "Derive again every due date not set by hand."

    def handle(self, *args: Any, **options: Any) -> None:
        moved = recompute_due_dates(sessions=Session.objects.all())
        self.stdout.write(f"{moved} derived due date(s) moved.")

"""Turn the proposed follow-ups (mandates) of stored resolutions into follow-ups.

    python manage.py accept_followups SYMBOL [SYMBOL …]

Mandates already accepted are skipped, so running it again is safe.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from resolutions.models import Resolution
from tracker.services import accept_mandates


class Command(BaseCommand):
    help = "Turn the proposed follow-ups of stored resolutions into follow-ups."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("symbols", nargs="+", metavar="SYMBOL")

    def handle(self, *args: Any, **options: Any) -> None:
        for symbol in options["symbols"]:
            resolution = Resolution.objects.filter(symbol=symbol).first()
            if resolution is None:
                raise CommandError(f"{symbol} is not stored; import it first.")
            created = accept_mandates(resolution=resolution)
            self.stdout.write(f"{symbol}: {len(created)} follow-ups accepted")

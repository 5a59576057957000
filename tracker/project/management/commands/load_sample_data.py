"""Load Suivi's sample data: resolution 46/13 in French, with its follow-ups.

1. Read each text in ``resolutions/sample_data/`` through the real importer.
2. Save the resolutions not yet stored (a stored one is left as it is, so
   running this again is safe).
3. Accept their proposed follow-ups (already accepted ones are skipped).
4. Create the sample units that can lead follow-ups (OHCHR's divisions that
   serve the Council), unless they exist.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from resolutions import services as resolution_services
from resolutions.importer import ImporterError
from resolutions.importer.source import decode
from resolutions.models import Resolution
from resolutions.selectors import read_resolution_text
from tracker.services import accept_mandates, ensure_unit

# Units of the Office of the High Commissioner that lead Council follow-up work.
SAMPLE_UNITS = (
    ("Human Rights Council Branch", "HRCB"),
    ("Field Operations and Technical Cooperation Division", "FOTCD"),
    ("Thematic Engagement, Special Procedures and Right to Development Division", "TESPRDD"),
)

SAMPLE_DIR = Path(__file__).resolve().parents[4] / "resolutions" / "sample_data"


class Command(BaseCommand):
    help = "Load the sample resolutions and accept their follow-ups."

    def handle(self, *args: Any, **options: Any) -> None:
        for path in sorted(SAMPLE_DIR.glob("*.txt")):
            try:
                text = decode(path.read_bytes())
                parsed = read_resolution_text(text=text)
            except ImporterError as error:
                raise CommandError(f"{path.name}: {error}") from None
            with transaction.atomic():
                resolution = Resolution.objects.filter(symbol=parsed.symbol).first()
                if resolution is None:
                    outcome = resolution_services.save_parsed_resolution(
                        parsed=parsed, source_text=text
                    )
                    resolution = outcome.resolution
                    self.stdout.write(f"Imported {resolution.symbol} from {path.name}.")
                accepted = accept_mandates(resolution=resolution)
            if accepted:
                self.stdout.write(f"Accepted {len(accepted)} follow-ups for {resolution.symbol}.")
        for name, abbreviation in SAMPLE_UNITS:
            ensure_unit(name=name, abbreviation=abbreviation)

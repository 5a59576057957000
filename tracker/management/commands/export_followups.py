"""Export follow-ups as JSON (for scripts), CSV or XLSX (for people).

    python manage.py export_followups --format json|csv [--FILTER VALUE …]
    python manage.py export_followups --format xlsx --output suivi.xlsx [--FILTER VALUE …]

Filters are those of the follow-up list (``--status in_progress``,
``--state overdue``, ``--target-session 52``…), read through the same selector.
JSON keeps the machine codes; CSV and XLSX have the spreadsheet columns of
``tracker.exports`` with labels in ``--language`` (default: the site's) and
links under ``--base-url`` (default: the ``SUIVI_BASE_URL`` setting). JSON and
CSV go to standard output unless ``--output`` names a file; XLSX needs a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tracker import exports, selectors
from tracker.filters import FollowUpFilter


class Command(BaseCommand):
    help = "Export follow-ups as JSON, CSV or XLSX, with the follow-up list's filters."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
        parser.add_argument(
            "--output", type=Path, help="File to write (required for xlsx; default: stdout)."
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="Language of the CSV and XLSX labels.",
        )
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "SUIVI_BASE_URL", "http://127.0.0.1:8000"),
            help="The site's address, before each follow-up's link.",
        )
        for name in FollowUpFilter.base_filters.keys() - FollowUpFilter.PERSONAL:
            parser.add_argument(f"--{name.replace('_', '-')}", dest=f"filter_{name}")

    def handle(self, *args: Any, **options: Any) -> None:
        filters = {
            name: options[f"filter_{name}"]
            for name in FollowUpFilter.base_filters.keys() - FollowUpFilter.PERSONAL
            if options.get(f"filter_{name}") is not None
        }
        filterset = selectors.followup_list(filters=filters)
        if filters and not filterset.is_valid():
            raise CommandError(filterset.errors.as_text())
        followups = filterset.qs
        fmt, output = options["format"], options["output"]
        language, base_url = options["language"], options["base_url"].rstrip("/")
        if fmt == "xlsx":
            if output is None:
                raise CommandError("--format xlsx writes a file: give it with --output PATH.")
            with output.open("wb") as target:
                count = exports.write_xlsx(followups, target, language=language, base_url=base_url)
            self.stdout.write(f"{count} follow-ups written to {output}")
            return
        if fmt == "json":
            pieces = exports.json_pieces(followups)
        else:
            pieces = exports.csv_text(followups, language=language, base_url=base_url)
        if output is None:
            for piece in pieces:
                self.stdout.write(piece, ending="")
        else:
            # newline="" keeps the CSV's own line endings (\r\n).
            with output.open("w", encoding="utf-8", newline="") as target:
                target.writelines(pieces)

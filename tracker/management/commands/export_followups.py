"""Print every follow-up as JSON or CSV.

    python manage.py export_followups --format json|csv [--FILTER VALUE …]

Filters are those of the follow-up list (``--status in_progress``,
``--state overdue``, ``--session 52``…), read through the same selector.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tracker import exports, selectors
from tracker.filters import FollowUpFilter


class Command(BaseCommand):
    help = "Print follow-ups as JSON or CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        for name in FollowUpFilter.base_filters:
            parser.add_argument(f"--{name.replace('_', '-')}", dest=f"filter_{name}")

    def handle(self, *args: Any, **options: Any) -> None:
        filters = {
            name: options[f"filter_{name}"]
            for name in FollowUpFilter.base_filters
            if options.get(f"filter_{name}") is not None
        }
        filterset = selectors.followup_list(filters=filters)
        if filters and not filterset.is_valid():
            raise CommandError(filterset.errors.as_text())
        followups = filterset.qs
        if options["format"] == "json":
            self.stdout.write(exports.as_json(followups))
        else:
            for line in exports.csv_lines(followups):
                self.stdout.write(line, ending="")

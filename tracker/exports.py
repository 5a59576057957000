"""Follow-ups as rows for people (CSV) and scripts (JSON): one shape for both."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from tracker.models import FollowUp

FIELDS = [
    "id",
    "resolution",
    "paragraphs",
    "kind",
    "status",
    "title",
    "actor",
    "session",
    "due_date",
    "due_date_source",
    "completed_on",
    "output_document",
]


def followup_row(followup: FollowUp) -> dict[str, Any]:
    return {
        "id": followup.pk,
        "resolution": followup.resolution.symbol,
        "paragraphs": sorted(p.number for p in followup.paragraphs.all()),
        "kind": followup.kind,
        "status": followup.status,
        "title": followup.title,
        "actor": followup.actor,
        "session": followup.target_session.number if followup.target_session else None,
        "due_date": followup.due_date.isoformat() if followup.due_date else None,
        "due_date_source": followup.due_date_source,
        "completed_on": followup.completed_on.isoformat() if followup.completed_on else None,
        "output_document": followup.output_document,
    }


def as_json(followups: Iterable[FollowUp]) -> str:
    return json.dumps([followup_row(f) for f in followups], ensure_ascii=False, indent=2)


# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(value: Any) -> Any:
    """Typed text that a spreadsheet would run as a formula, quoted to be shown as text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_lines(followups: Iterable[FollowUp]) -> Iterator[str]:
    """CSV text, a line at a time (paragraph numbers joined with spaces)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS)
    writer.writeheader()
    for followup in followups:
        row = followup_row(followup)
        row["paragraphs"] = " ".join(str(n) for n in row["paragraphs"])
        writer.writerow({k: "" if v is None else _safe_cell(v) for k, v in row.items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue()

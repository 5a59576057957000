"""Follow-ups as rows for people (CSV and XLSX spreadsheets) and for scripts (JSON).

- **JSON** (``json_pieces``, streamed) keeps the machine codes (``not_started``,
  ``high_commissioner``): it is read by scripts, and its keys keep their
  meaning (new ones are only added: ``resolution_kind``, the kind of document).
- **CSV** (``csv_text``) and **XLSX** (``write_xlsx``) are for people: the same
  columns (``COLUMNS``) with labels in the reader's language (status, kind,
  actor, due-date source as the model choices say them under
  ``translation.override``), the lead unit, the focal point, the latest
  progress note and a link to each follow-up's page. The CSV starts with a
  UTF-8 byte-order mark so that Excel reads accents ("Réunion", not
  "RÃ©union"); the XLSX has real dates, a bold header, frozen panes, column
  widths and an autofilter.

Both read the rows ``CHUNK_SIZE`` at a time (``QuerySet.iterator`` with the
paragraphs prefetched per chunk, the latest note as a subquery of the same
query): 20,000 follow-ups never sit in memory at once, and the number of
queries is the same for 5 rows as for 200 (``bench/exports.py`` measures it).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from operator import attrgetter
from typing import IO, Any

from django.db.models import ForeignObjectRel, OuterRef, QuerySet, Subquery
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from resolutions.models import DocumentKind
from tracker.models import FollowUp, ProgressEntry

# ---------------------------------------------------------------------------
# JSON, for scripts: machine codes, one shape since the first release.

FIELDS = [
    "id",
    "resolution",
    "resolution_kind",
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
    """One follow-up for scripts: codes, ISO dates, paragraph numbers as a list."""
    return {
        "id": followup.pk,
        "resolution": followup.resolution.symbol,
        "resolution_kind": followup.resolution.kind,
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


def json_pieces(followups: QuerySet[FollowUp]) -> Iterator[str]:
    """A JSON array of ``followup_row`` objects, as pieces of UTF-8 text.

    Read ``CHUNK_SIZE`` rows at a time (two queries a chunk: the rows, their
    paragraphs), so a 20,000-row download never holds every row at once; the
    pieces joined are one valid, indented JSON document.
    """
    yield "["
    rows = followups.defer(*UNPRINTED).iterator(chunk_size=CHUNK_SIZE)
    for index, followup in enumerate(rows):
        row = json.dumps(followup_row(followup), ensure_ascii=False, indent=2)
        yield ("," if index else "") + "\n" + textwrap.indent(row, "  ")
    yield "\n]\n"


# ---------------------------------------------------------------------------
# Spreadsheets, for people.

# Rows read per query (and per prefetch of their paragraphs).
CHUNK_SIZE = 2000

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# What a spreadsheet cell may hold: text, a date, or nothing.
Cell = str | datetime.date | None


@dataclass(frozen=True)
class Column:
    """A column of the spreadsheets: its header (translated when shown) and its
    width in the XLSX, in characters."""

    label: Any  # a lazy translation
    width: int


def _field_label(name: str) -> Any:
    """A model field's verbose name, capitalised (lazily), as a header: one
    translation for the field's name everywhere."""
    field = FollowUp._meta.get_field(name)
    assert not isinstance(field, ForeignObjectRel)
    return capfirst(field.verbose_name)


COLUMNS = (
    Column(_("Follow-up"), 50),
    Column(_field_label("resolution"), 20),
    # A decision or a President's statement is followed up as a resolution is.
    Column(_("Kind of document"), 20),
    Column(_("Operative paragraphs"), 14),
    Column(_field_label("kind"), 14),
    Column(_field_label("actor"), 26),
    Column(_field_label("target_session"), 18),
    Column(_field_label("due_date"), 12),
    Column(_field_label("due_date_source"), 28),
    Column(_field_label("status"), 14),
    Column(_field_label("lead_unit"), 16),
    Column(_field_label("focal_point"), 22),
    Column(_("Latest progress note"), 50),
    Column(_field_label("output_document"), 18),
    Column(_field_label("completed_on"), 14),
    Column(pgettext_lazy("spreadsheet column: the follow-up's web address", "Link"), 40),
)


def header() -> list[str]:
    """The header row in the active language."""
    return [str(column.label) for column in COLUMNS]


def _latest_note() -> Subquery:
    """The text of a follow-up's latest progress entry that has one (an entry
    that only changed the status has none)."""
    return Subquery(
        ProgressEntry.objects.filter(followup=OuterRef("pk"))
        .exclude(text="")
        .order_by("-created_at", "-id")
        .values("text")[:1]
    )


# Columns of the list's rows that no download prints: a resolution's texts are
# tens of kilobytes each, read again for every one of its follow-ups.
UNPRINTED = ("resolution__source_text", "resolution__title", "focal_point__password")


def stream(followups: QuerySet[FollowUp]) -> Iterator[FollowUp]:
    """The follow-ups ``CHUNK_SIZE`` at a time, each annotated with
    ``latest_note`` (text or ``None``): two queries a chunk (the rows with their
    resolution, session, unit and focal point, without the columns no download
    prints; their paragraphs)."""
    return (
        followups.defer(*UNPRINTED)
        .annotate(latest_note=_latest_note())
        .iterator(chunk_size=CHUNK_SIZE)
    )


def sheet_row(followup: FollowUp, *, base_url: str) -> list[Cell]:
    """One follow-up as the cells of ``COLUMNS``, labels in the active language.

    ``base_url`` is the site's scheme and host ("https://suivi.example.org"),
    put before the follow-up page's path for the link. Dates stay dates: the
    CSV writes them in ISO form, the XLSX as dates. No query for a row from
    ``stream``.
    """
    focal = followup.focal_point
    paragraphs = sorted(followup.paragraphs.all(), key=attrgetter("number"))
    return [
        followup.display_title,
        followup.resolution.symbol,
        str(_DOCUMENT_KINDS.get(followup.resolution.kind, followup.resolution.kind)),
        ", ".join(paragraph.label for paragraph in paragraphs),
        capfirst(followup.get_kind_display()),
        capfirst(followup.get_actor_display()),
        str(followup.target_session) if followup.target_session else None,
        followup.due_date,
        capfirst(followup.get_due_date_source_display()),
        capfirst(followup.get_status_display()),
        str(followup.lead_unit) if followup.lead_unit else None,
        (focal.get_full_name() or focal.get_username()) if focal else None,
        getattr(followup, "latest_note", None) or None,
        followup.output_document or None,
        followup.completed_on,
        base_url + followup.get_absolute_url(),
    ]


# Labels by value: Django's get_<field>_display builds a table of every choice each call.
_DOCUMENT_KINDS = dict(DocumentKind.choices)

# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(value: Any) -> Any:
    """Typed text that a spreadsheet would run as a formula, quoted to be shown as text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(_safe_cell(value))


# A CSV is sent in pieces of about this many characters.
_CSV_PIECE = 64 * 1024


def csv_text(followups: QuerySet[FollowUp], *, language: str, base_url: str) -> Iterator[str]:
    """The CSV for people, in pieces of text: a byte-order mark, the header, a
    line per follow-up (``sheet_row``, dates in ISO form, formulas neutralised
    with a leading apostrophe), labels in ``language``.

    The language is switched on for each row only, not between pieces, so that
    a streamed response leaves the server thread's language alone.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    with translation.override(language):
        writer.writerow(header())
    for followup in stream(followups):
        with translation.override(language):
            writer.writerow([_csv_cell(v) for v in sheet_row(followup, base_url=base_url)])
        if buffer.tell() >= _CSV_PIECE:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def _xlsx_cell(sheet: Any, value: Cell) -> Any:
    """A value as the write-only sheet takes it: text that starts with "=" kept
    as text (openpyxl would store it as a formula), characters XML cannot hold
    dropped."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith("="):
            cell = WriteOnlyCell(sheet, value)
            cell.data_type = "s"
            return cell
    return value


def write_xlsx(
    followups: QuerySet[FollowUp],
    target: IO[bytes],
    *,
    language: str,
    base_url: str,
) -> int:
    """Write the XLSX for people to ``target`` (a binary file open for writing,
    seekable) and return the number of follow-up rows.

    One sheet: a bold header (``COLUMNS``), frozen below it, columns sized, an
    autofilter over every row; dates as dates shown yyyy-mm-dd; labels in
    ``language``. The workbook is openpyxl's write-only kind: each row goes to
    a temporary file as it is appended, so memory stays flat whatever the
    number of rows; saving zips those files into ``target``.
    """
    with translation.override(language):
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=str(_("Follow-ups"))[:31])
        for index, column in enumerate(COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        sheet.freeze_panes = "A2"
        bold = Font(bold=True)
        cells = []
        for label in header():
            cell = WriteOnlyCell(sheet, label)
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)
    count = 0
    for followup in stream(followups):
        with translation.override(language):
            row = sheet_row(followup, base_url=base_url)
        sheet.append([_xlsx_cell(sheet, value) for value in row])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{count + 1}"
    workbook.save(target)
    return count

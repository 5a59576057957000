"""Follow-ups as rows for people (CSV and XLSX spreadsheets) and for scripts (JSON).

- **JSON** (``json_pieces``, streamed) keeps the machine codes (``not_started``,
  ``high_commissioner``): it is read by scripts, and its keys keep their
  meaning (new ones are only added: ``resolution_kind``, the kind of
  document; ``unnumbered_paragraphs``, those of ``paragraphs`` printed
  without a number).
- **CSV** (``csv_text``) and **XLSX** (``write_xlsx``) are for people: the same
  columns (``COLUMNS``) with labels in the reader's language (status, kind,
  actor, due-date source as the model choices say them under
  ``translation.override``), the lead unit, the focal point, the latest
  progress note and a link to each follow-up's page. The CSV starts with a
  UTF-8 byte-order mark so that Excel reads accents ("Réunion", not
  "RÃ©union"); the XLSX has real dates, a bold header, frozen panes, column
  widths and an autofilter.

All three read the rows through ``chunks``: only the columns they print
(``values()``, so no row carries its resolution's source text, tens of
kilobytes each), from a server-side cursor on PostgreSQL, ``CHUNK_SIZE`` at a
time with their paragraphs read once a chunk and the latest note a subquery
of the same query. 20,000 follow-ups never sit in memory at once, and the
number of queries is the same for 5 rows as for 2,000 (``bench/exports.py``
measures time and memory).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import textwrap
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import IO, Any, NamedTuple

import xlsxwriter
from django.contrib.auth import get_user_model
from django.db.models import F, ForeignObjectRel, Lookup, OuterRef, QuerySet, Subquery
from django.db.models.lookups import In
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from resolutions.models import DocumentKind, Paragraph, ParagraphKind, Session, paragraph_label
from tracker.models import FollowUp, ProgressEntry, Unit
from tracker.titles import TitleParts, shown_title

# Rows read per fetch from the cursor, and per query of their paragraphs.
CHUNK_SIZE = 2000

# ---------------------------------------------------------------------------
# Reading: the columns a download prints, a chunk at a time.


class ListedParagraph(NamedTuple):
    """A paragraph of a listed follow-up: what naming it takes."""

    kind: str
    number: int
    numbered: bool

    @property
    def label(self) -> str:
        """How pages name it ("OP3", "OP (unnumbered)"), in the active language."""
        return paragraph_label(self.kind, self.number, numbered=self.numbered)


def chunks(
    followups: QuerySet[FollowUp], *fields: str, chunk_size: int | None = None, **columns: Any
) -> Iterator[list[dict[str, Any]]]:
    """``followups`` in their order as lists of at most ``chunk_size`` (default
    ``CHUNK_SIZE``) dicts: ``id``,
    the follow-up's own ``fields`` ("title"), ``columns`` (names → expressions,
    such as ``symbol=F("resolution__symbol")``) and ``paragraphs``, the
    follow-up's ``ListedParagraph`` list sorted by number.

    One query for the rows whatever their number (read a chunk at a time: a
    server-side cursor on PostgreSQL), and two a chunk for their paragraphs:
    the links, then the paragraphs by key (``AnyOf``, in no order: a
    follow-up's few are sorted here; no second query when none is linked).
    The select_related and prefetches of ``followups`` are dropped: nothing
    but ``fields`` and ``columns`` is read.
    """
    size = chunk_size or CHUNK_SIZE
    rows = followups.prefetch_related(None).values("id", *fields, **columns).iterator(size)
    link = FollowUp.paragraphs.through
    while chunk := list(islice(rows, size)):
        # The links, then their paragraphs by key: joined in one query, the
        # planner hashes the whole paragraph table, texts and all.
        pairs = list(
            link.objects.filter(AnyOf(F("followup_id"), [row["id"] for row in chunk]))
            .order_by()
            .values_list("followup_id", "paragraph_id")
        )
        named: dict[int, ListedParagraph] = {}
        if pairs:
            keys = list({paragraph for _followup, paragraph in pairs})
            for key, kind, number, numbered in (
                Paragraph.objects.filter(AnyOf(F("id"), keys))
                .order_by()
                .values_list("id", "kind", "number", "numbered")
            ):
                named[key] = ListedParagraph(kind, number, numbered)
        paragraphs: defaultdict[int, list[ListedParagraph]] = defaultdict(list)
        for followup, paragraph in pairs:
            paragraphs[followup].append(named[paragraph])
        for row in chunk:
            row["paragraphs"] = sorted(paragraphs.get(row["id"], ()), key=_paragraph_order)
        yield chunk


class AnyOf(Lookup[Any]):
    """``AnyOf(F("followup_id"), keys)``: the column holds one of ``keys`` (a list).

    The ``in`` lookup, but on PostgreSQL with the keys as one array parameter
    (``= ANY(%s)``): for a chunk of 2,000 keys, binding 2,000 parameters one
    by one cost three times the query itself.
    """

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, Any]:
        return compiler.compile(In(self.lhs, self.rhs))  # type: ignore[no-any-return]

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, Any]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        # Typed as the column is: left to itself, the driver types a list of
        # small numbers as smallint[].
        db_type = self.lhs.output_field.db_type(connection)
        return f"{lhs} = ANY(%s::{db_type}[])", (*lhs_params, list(self.rhs))


def _paragraph_order(paragraph: ListedParagraph) -> tuple[int, bool]:
    # By number, a preambular paragraph before the operative one of the same
    # number (there is none among the paragraphs a follow-up names: it follows up
    # operative ones).
    return (paragraph.number, paragraph.kind != ParagraphKind.PREAMBULAR)


def latest_note() -> Subquery:
    """The text of a follow-up's latest progress entry that has one (an entry
    that only changed the status has none), for ``chunks``: the index
    ``progress_newest_first`` reads it without a sort."""
    return Subquery(
        ProgressEntry.objects.filter(followup=OuterRef("pk"))
        .exclude(text="")
        .order_by("-created_at", "-id")
        .values("text")[:1]
    )


# ---------------------------------------------------------------------------
# JSON, for scripts: machine codes, one shape since the first release.

FIELDS = [
    "id",
    "resolution",
    "resolution_kind",
    "paragraphs",
    "unnumbered_paragraphs",
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

_JSON_FIELDS = (
    "kind",
    "status",
    "title",
    "actor",
    "due_date",
    "due_date_source",
    "completed_on",
    "output_document",
)
_JSON_COLUMNS: dict[str, Any] = {
    "symbol": F("resolution__symbol"),
    "resolution_kind": F("resolution__kind"),
    "session": F("target_session__number"),
}


def followup_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """One follow-up for scripts (the keys of ``FIELDS``) from a row of ``chunks``
    read with the JSON's columns: codes, ISO dates, paragraph numbers as a list
    (an operative paragraph printed without a number is stored, and listed, as
    1; ``unnumbered_paragraphs`` lists it again)."""
    due, completed = row["due_date"], row["completed_on"]
    return {
        "id": row["id"],
        "resolution": row["symbol"],
        "resolution_kind": row["resolution_kind"],
        "paragraphs": sorted(p.number for p in row["paragraphs"]),
        "unnumbered_paragraphs": sorted(p.number for p in row["paragraphs"] if not p.numbered),
        "kind": row["kind"],
        "status": row["status"],
        "title": row["title"],
        "actor": row["actor"],
        "session": row["session"],
        "due_date": due.isoformat() if due else None,
        "due_date_source": row["due_date_source"],
        "completed_on": completed.isoformat() if completed else None,
        "output_document": row["output_document"],
    }


def json_pieces(followups: QuerySet[FollowUp]) -> Iterator[str]:
    """A JSON array of ``followup_row`` objects, as pieces of UTF-8 text: a piece
    a chunk of ``CHUNK_SIZE`` rows (one query, and two a chunk: see
    ``chunks``), so a 20,000-row download never holds every row at once; the
    pieces joined are one valid, indented JSON document.
    """
    yield "["
    separator = "\n"
    for chunk in chunks(followups, *_JSON_FIELDS, **_JSON_COLUMNS):
        piece = []
        for row in chunk:
            text = json.dumps(followup_row(row), ensure_ascii=False, indent=2)
            piece.append(separator + textwrap.indent(text, "  "))
            separator = ",\n"
        yield "".join(piece)
    yield "\n]\n"


# ---------------------------------------------------------------------------
# Spreadsheets, for people.

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
    model_field = FollowUp._meta.get_field(name)
    assert not isinstance(model_field, ForeignObjectRel)
    return capfirst(model_field.verbose_name)


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

# What ``sheet_row`` reads of a follow-up, for ``chunks``: its own fields, and
# the columns of its resolution, session, unit and focal point.
SHEET_FIELDS = (
    "title",
    "title_parts",
    "kind",
    "actor",
    "due_date",
    "due_date_source",
    "status",
    "output_document",
    "completed_on",
)
SHEET_COLUMNS: dict[str, Any] = {
    "symbol": F("resolution__symbol"),
    "resolution_kind": F("resolution__kind"),
    "session_id": F("target_session_id"),
    "session_body": F("target_session__body"),
    "session_special": F("target_session__special"),
    "session_number": F("target_session__number"),
    "unit_id": F("lead_unit_id"),
    "unit_name": F("lead_unit__name"),
    "unit_abbreviation": F("lead_unit__abbreviation"),
    "person_id": F("focal_point_id"),
    "person_username": F("focal_point__username"),
    "person_first_name": F("focal_point__first_name"),
    "person_last_name": F("focal_point__last_name"),
    "latest_note": latest_note(),
}


def header() -> list[str]:
    """The header row in the active language."""
    return [str(column.label) for column in COLUMNS]


def _choice_labels(name: str) -> dict[str, str]:
    """The labels of a follow-up field's choices in the active language, capitalised."""
    model_field = FollowUp._meta.get_field(name)
    assert not isinstance(model_field, ForeignObjectRel)
    return {value: capfirst(str(label)) for value, label in model_field.flatchoices}


# A number unlike any primary key, where the follow-up's goes in its path.
_PK_MARK = 918273645546372819


def link_maker(base_url: str) -> Callable[[int], str]:
    """A function giving the address of the follow-up page of a primary key, after
    ``base_url``: ``link_maker("https://suivi.example.org")(12)`` is
    "https://suivi.example.org/followups/12/". ``reverse()`` costs as much as
    the rest of a download's row, so the path is reversed once."""
    before, after = reverse("web:followup_detail", kwargs={"pk": _PK_MARK}).split(str(_PK_MARK))
    prefix = base_url + before

    def link(pk: int) -> str:
        return f"{prefix}{pk}{after}"

    return link


@dataclass
class SheetLabels:
    """What the spreadsheets call things, in the language active when it is made:
    the choices' labels (read once, not for every row as ``get_FOO_display``
    does) and, worked out once each, the name of every session, unit and person
    met. ``link(pk)`` is a follow-up's address after ``base_url``.

    Sessions, units and people are named by their models' own methods, on an
    unsaved instance made from the columns read (``SHEET_COLUMNS``).
    """

    base_url: str
    document_kinds: dict[str, str] = field(init=False)
    kinds: dict[str, str] = field(init=False)
    actors: dict[str, str] = field(init=False)
    sources: dict[str, str] = field(init=False)
    statuses: dict[str, str] = field(init=False)
    _sessions: dict[int, str] = field(init=False, default_factory=dict)
    _units: dict[int, str] = field(init=False, default_factory=dict)
    _people: dict[int, str] = field(init=False, default_factory=dict)
    link: Callable[[int], str] = field(init=False)

    def __post_init__(self) -> None:
        # The resolution kind's labels are capitalised already ("President's statement").
        self.document_kinds = {value: str(label) for value, label in DocumentKind.choices}
        self.kinds = _choice_labels("kind")
        self.actors = _choice_labels("actor")
        self.sources = _choice_labels("due_date_source")
        self.statuses = _choice_labels("status")
        self.link = link_maker(self.base_url)

    def session(self, row: Mapping[str, Any]) -> str | None:
        key = row["session_id"]
        if key is None:
            return None
        if key not in self._sessions:
            session = Session(
                body=row["session_body"],
                special=row["session_special"],
                number=row["session_number"],
            )
            self._sessions[key] = str(session)
        return self._sessions[key]

    def unit(self, row: Mapping[str, Any]) -> str | None:
        key = row["unit_id"]
        if key is None:
            return None
        if key not in self._units:
            unit = Unit(name=row["unit_name"], abbreviation=row["unit_abbreviation"])
            self._units[key] = str(unit)
        return self._units[key]

    def person(self, row: Mapping[str, Any]) -> str | None:
        key = row["person_id"]
        if key is None:
            return None
        if key not in self._people:
            person = get_user_model()(
                username=row["person_username"],
                first_name=row["person_first_name"],
                last_name=row["person_last_name"],
            )
            self._people[key] = person.get_full_name() or person.get_username()
        return self._people[key]


def sheet_row(row: Mapping[str, Any], *, labels: SheetLabels) -> list[Cell]:
    """One follow-up as the cells of ``COLUMNS``, labels in the active language
    (which must be the one ``labels`` was made in), from a row of ``chunks``
    read with ``SHEET_FIELDS`` and ``SHEET_COLUMNS``.

    The link is the follow-up page's path after ``labels.base_url`` (the site's
    scheme and host, "https://suivi.example.org"). Dates stay dates: the CSV
    writes them in ISO form, the XLSX as dates. No query.
    """
    parts: TitleParts | None = row["title_parts"]
    return [
        shown_title(row["title"], parts),
        row["symbol"],
        labels.document_kinds.get(row["resolution_kind"], row["resolution_kind"]),
        ", ".join(paragraph.label for paragraph in row["paragraphs"]),
        labels.kinds.get(row["kind"], row["kind"]),
        labels.actors.get(row["actor"], row["actor"]),
        labels.session(row),
        row["due_date"],
        labels.sources.get(row["due_date_source"], row["due_date_source"]),
        labels.statuses.get(row["status"], row["status"]),
        labels.unit(row),
        labels.person(row),
        row["latest_note"] or None,
        row["output_document"] or None,
        row["completed_on"],
        labels.link(row["id"]),
    ]


def sheet_rows(
    followups: QuerySet[FollowUp], *, language: str, base_url: str
) -> Iterator[list[list[Cell]]]:
    """The ``sheet_row`` of every follow-up, a chunk (a list of rows) at a time.

    ``language`` is switched on while a chunk is made only, not between chunks,
    so that a streamed response leaves the server thread's language alone.
    """
    with translation.override(language):
        labels = SheetLabels(base_url=base_url)
    read = chunks(followups, *SHEET_FIELDS, **SHEET_COLUMNS)
    while True:
        with translation.override(language):
            chunk = next(read, None)
            if chunk is None:
                return
            rows = [sheet_row(row, labels=labels) for row in chunk]
        yield rows


# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Cell) -> str:
    """A cell as CSV text: a date in ISO form, typed text that a spreadsheet would
    run as a formula quoted to be shown as text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_START) else value
    return value.isoformat()


def csv_text(followups: QuerySet[FollowUp], *, language: str, base_url: str) -> Iterator[str]:
    """The CSV for people, in pieces of text (a piece a chunk of rows): a
    byte-order mark, the header, a line per follow-up (``sheet_row``, dates in
    ISO form, formulas neutralised with a leading apostrophe), labels in
    ``language``, which is switched on while a piece is written only.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    with translation.override(language):
        writer.writerow(header())
    yield buffer.getvalue()
    for rows in sheet_rows(followups, language=language, base_url=base_url):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows([_csv_cell(value) for value in row] for row in rows)
        yield buffer.getvalue()


# -- The XLSX: XlsxWriter's workbook in constant-memory mode, a row at a time.

# Characters XML 1.0 cannot hold: control characters other than tab, line feed
# and carriage return. XlsxWriter would keep them as "_x000B_" escapes, which
# spreadsheet programs show as such or as boxes; they are dropped.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# Options of XlsxWriter's workbook: each row goes to a temporary file once the
# next one starts, so memory stays flat whatever the number of rows.
XLSX_OPTIONS = {"constant_memory": True}


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
    autofilter over every row; dates as dates ("yyyy-mm-dd"), text as text
    (never run as a formula, whatever it starts with); labels in ``language``.
    Written with XlsxWriter in constant-memory mode: a row at a time to a
    temporary file, a chunk of rows read at a time (``sheet_rows``); closing
    the workbook zips it into ``target``.
    """
    with translation.override(language):
        title = str(_("Follow-ups"))[:31]
        labels = header()
    count = 0
    with xlsxwriter.Workbook(target, XLSX_OPTIONS) as workbook:
        bold = workbook.add_format({"bold": True})
        date = workbook.add_format({"num_format": "yyyy-mm-dd"})
        plain = workbook.add_format()
        sheet = workbook.add_worksheet(title)
        for index, column in enumerate(COLUMNS):
            sheet.set_column(index, index, column.width)
        sheet.freeze_panes(1, 0)
        for index, label in enumerate(labels):
            sheet.write_string(0, index, label, bold)
        write_text, write_date = sheet.write_string, sheet.write_datetime
        for rows in sheet_rows(followups, language=language, base_url=base_url):
            for row in rows:
                count += 1
                for index, value in enumerate(row):
                    if value is None:
                        continue
                    if not isinstance(value, str):  # a date: ``Cell`` holds nothing else
                        write_date(count, index, value, date)
                        continue
                    value = _XML_ILLEGAL.sub("", value)
                    if value.startswith("<r>") and value.endswith("</r>"):
                        # XlsxWriter would copy such text into the sheet as the
                        # XML of a formatted string: as two runs it stays text.
                        sheet.write_rich_string(count, index, value[0], plain, value[1:])
                    else:
                        write_text(count, index, value)
        sheet.autofilter(0, 0, count, len(COLUMNS) - 1)
    return count

"""The spreadsheets for people (CSV, XLSX) and the export_followups command."""

import csv
import datetime
import io
import json
from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.factories import (
    FollowUpFactory,
    ParagraphFactory,
    ProgressEntryFactory,
    ResolutionFactory,
    SessionFactory,
    UnitFactory,
    UserFactory,
)
from tracker import exports
from tracker.models import DueDateSource, FollowUp, Status

BASE = "https://suivi.example.org"
D = datetime.date


def csv_rows(language="en", queryset=None):
    text = "".join(
        exports.csv_text(
            queryset if queryset is not None else FollowUp.objects.all(),
            language=language,
            base_url=BASE,
        )
    )
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def xlsx_sheet(language="en"):
    target = io.BytesIO()
    exports.write_xlsx(FollowUp.objects.all(), target, language=language, base_url=BASE)
    target.seek(0)
    return openpyxl.load_workbook(target).active


@pytest.fixture
def followup(db):
    resolution = ResolutionFactory(symbol="A/HRC/RES/46/13")
    followup = FollowUpFactory(
        resolution=resolution,
        paragraphs=[
            ParagraphFactory(resolution=resolution, number=8),
            ParagraphFactory(resolution=resolution, number=7),
        ],
        title="Réunion de coopération",
        target_session=SessionFactory(number=52),
        due_date=D(2023, 1, 16),
        due_date_source=DueDateSource.DERIVED,
        status=Status.DONE,
        completed_on=D(2023, 1, 10),
        output_document="A/HRC/52/21",
        lead_unit=UnitFactory(name="Rule of Law Section", abbreviation="RLS"),
        focal_point=UserFactory(first_name="Amina", last_name="Diallo"),
    )
    ProgressEntryFactory(followup=followup, text="Drafted", created_at=_at(1))
    ProgressEntryFactory(followup=followup, text="Sent to editing", created_at=_at(2))
    # A status change with no words is not the latest note.
    ProgressEntryFactory(followup=followup, text="", status_to=Status.DONE, created_at=_at(3))
    return followup


def _at(day):
    return datetime.datetime(2023, 1, day, 9, tzinfo=datetime.UTC)


def test_the_csv_reads_back_with_a_header_and_human_labels_in_english(followup):
    header, row = csv_rows()

    assert header == [
        "Follow-up",
        "Resolution",
        "Kind of document",
        "Operative paragraphs",
        "Kind",
        "Actor",
        "Target session",
        "Due date",
        "Due date source",
        "Status",
        "Lead unit",
        "Focal point",
        "Latest progress note",
        "Output document",
        "Completed on",
        "Link",
    ]
    assert row == [
        "Réunion de coopération",
        "A/HRC/RES/46/13",
        "Resolution",
        "OP7, OP8",
        "Report",
        "High Commissioner",
        "HRC session 52",
        "2023-01-16",
        "Derived from the session calendar",
        "Done",
        "RLS",
        "Amina Diallo",
        "Sent to editing",
        "A/HRC/52/21",
        "2023-01-10",
        f"{BASE}/followups/{followup.pk}/",
    ]


def test_the_csv_speaks_french_when_asked(followup):
    header, row = csv_rows("fr")

    assert header[7:10] == ["Échéance", "Origine de l’échéance", "Statut"]
    assert row[2] == "Résolution"
    assert row[4:10] == [
        "Rapport",
        "Haut-Commissaire",
        "52e session du CDH",
        "2023-01-16",
        "Calculée d’après le calendrier des sessions",
        "Terminé",
    ]


def test_the_csv_leaves_the_language_it_found(followup):
    with translation.override("en"):
        pieces = exports.csv_text(FollowUp.objects.all(), language="fr", base_url=BASE)
        next(pieces)
        assert translation.get_language() == "en"


def test_empty_cells_stay_empty_and_a_focal_point_without_a_name_is_its_username(db):
    FollowUpFactory(
        target_session=None,
        due_date=None,
        lead_unit=None,
        focal_point=UserFactory(username="adiallo", first_name="", last_name=""),
    )

    _header, row = csv_rows()

    assert row[6] == row[7] == row[10] == row[12] == row[13] == row[14] == ""
    assert row[11] == "adiallo"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_quoted(db, start):
    FollowUpFactory(title=f'{start}HYPERLINK("http://example.org","Report")')

    _header, row = csv_rows()

    assert row[0] == f'\'{start}HYPERLINK("http://example.org","Report")'


def test_the_xlsx_has_dates_as_dates_a_bold_frozen_header_and_an_autofilter(followup):
    FollowUpFactory(due_date=None)

    sheet = xlsx_sheet()
    rows = list(sheet.iter_rows(values_only=True))

    assert list(rows[0]) == csv_rows()[0]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:P3"
    # 50 characters wide: the file holds the width with the cell's margins, as
    # Excel writes it (50.71).
    assert int(sheet.column_dimensions["A"].width) == 50
    assert int(sheet.column_dimensions["P"].width) == 40
    due = sheet["H2"]
    assert due.is_date
    assert due.value.date() == D(2023, 1, 16)
    assert due.number_format == "yyyy-mm-dd"
    assert sheet["O2"].value.date() == D(2023, 1, 10)
    assert rows[1][0] == "Réunion de coopération"
    assert rows[1][9] == "Done"
    assert rows[2][7] is None


def test_the_xlsx_speaks_french_when_asked(followup):
    sheet = xlsx_sheet("fr")
    assert sheet.title == "Suivis"
    assert sheet["H1"].value == "Échéance"
    assert sheet["E2"].value == "Rapport"


def test_the_xlsx_keeps_a_formula_as_text(db):
    FollowUpFactory(title='=HYPERLINK("http://example.org","Report")')

    cell = xlsx_sheet()["A2"]

    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://example.org","Report")'


def test_the_xlsx_drops_characters_a_spreadsheet_cannot_hold(db):
    followup = FollowUpFactory()
    ProgressEntryFactory(followup=followup, text="Sent\x0b to editing")

    assert xlsx_sheet()["M2"].value == "Sent to editing"


def test_the_xlsx_keeps_text_as_typed_markup_and_spaces_at_its_ends_included(db):
    FollowUpFactory(title="  <b>Rapport</b> & annexes ")

    cell = xlsx_sheet()["A2"]

    assert (cell.data_type, cell.value) == ("s", "  <b>Rapport</b> & annexes ")


@pytest.mark.parametrize("title", ["<r>Rapport</r>", "<r><t>Rapport</t></r>", "<r></r>"])
def test_the_xlsx_keeps_text_shaped_like_the_files_own_markup_as_typed(db, title):
    FollowUpFactory(title=title)

    cell = xlsx_sheet()["A2"]

    assert (cell.data_type, cell.value) == ("s", title)


def test_the_xlsx_has_as_many_rows_as_the_csv(db):
    FollowUpFactory.create_batch(7)

    assert xlsx_sheet().max_row == len(csv_rows()) == 8


def test_the_command_writes_a_readable_xlsx(followup, tmp_path):
    target = tmp_path / "followups.xlsx"
    out = StringIO()

    call_command("export_followups", "--format", "xlsx", "--output", str(target), stdout=out)

    sheet = openpyxl.load_workbook(target).active
    assert sheet["A2"].value == "Réunion de coopération"
    assert sheet.max_row == 2
    assert "1 follow-ups written" in out.getvalue()


def test_the_command_writes_the_xlsx_in_french_with_the_list_filters(followup, tmp_path):
    FollowUpFactory(status=Status.NOT_STARTED)
    target = tmp_path / "followups.xlsx"

    call_command(
        "export_followups",
        "--format=xlsx",
        f"--output={target}",
        "--language=fr",
        "--status=done",
        "--base-url=https://example.org/",
        stdout=StringIO(),
    )

    sheet = openpyxl.load_workbook(target).active
    assert sheet.max_row == 2
    assert sheet["H1"].value == "Échéance"
    assert sheet["P2"].value == f"https://example.org/followups/{followup.pk}/"


def test_the_command_needs_a_file_for_an_xlsx(db):
    with pytest.raises(CommandError, match="--output"):
        call_command("export_followups", "--format", "xlsx", stdout=StringIO())


def test_the_command_writes_the_csv_with_its_byte_order_mark_to_a_file(followup, tmp_path):
    target = tmp_path / "followups.csv"

    call_command("export_followups", "--format", "csv", "--output", str(target), stdout=StringIO())

    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1][0] == "Réunion de coopération"


def test_the_json_keeps_its_machine_codes(followup):
    out = StringIO()

    call_command("export_followups", "--format", "json", stdout=out)

    (row,) = json.loads(out.getvalue())
    assert (row["status"], row["actor"], row["due_date_source"]) == (
        "done",
        "high_commissioner",
        "derived",
    )
    assert row["paragraphs"] == [7, 8]
    assert row["unnumbered_paragraphs"] == []
    assert row["resolution_kind"] == "resolution"


def test_a_paragraph_printed_without_a_number_is_named_as_such(db):
    resolution = ResolutionFactory(symbol="A/HRC/RES/58/41")
    FollowUpFactory(
        resolution=resolution,
        paragraphs=[ParagraphFactory(resolution=resolution, number=1, numbered=False)],
    )

    _header, row = csv_rows()
    (listed,) = json.loads("".join(exports.json_pieces(FollowUp.objects.all())))

    assert row[3] == "OP (unnumbered)"
    # Scripts read numbers: stored as 1, and said to be printed without one.
    assert (listed["paragraphs"], listed["unnumbered_paragraphs"]) == ([1], [1])


def test_on_postgresql_the_rows_are_read_through_a_server_side_cursor(db):
    if connection.vendor != "postgresql":
        pytest.skip("server-side cursors are PostgreSQL's")
    FollowUpFactory.create_batch(3)

    with CaptureQueriesContext(connection) as queries:
        csv_rows()

    # Fetched a chunk at a time, never the whole list at once.
    assert queries.captured_queries[0]["sql"].startswith("DECLARE ")

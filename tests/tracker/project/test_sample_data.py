"""The sample data: 46/13 in French, imported and its follow-ups accepted."""

import csv
import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command

from resolutions.models import Resolution
from tracker.models import FollowUp, Unit

D = datetime.date


@pytest.fixture
def sample(db):
    call_command("load_sample_data", stdout=StringIO())
    return Resolution.objects.get(symbol="A/HRC/RES/46/13")


def test_the_sample_has_the_three_follow_ups_of_46_13_with_their_due_dates(sample):
    followups = {(f.kind, f.target_session.number): f for f in FollowUp.objects.all()}

    assert set(followups) == {("meeting", 49), ("resources", 49), ("report", 52)}
    assert followups["meeting", 49].due_date == D(2022, 4, 1)
    assert followups["report", 52].due_date == D(2023, 2, 27) - datetime.timedelta(weeks=6)
    # The day before the 49th session opens is Sunday 27 Feb 2022: the Friday before.
    assert followups["resources", 49].due_date == D(2022, 2, 25)
    assert followups["resources", 49].serves == followups["meeting", 49]
    assert [p.number for p in followups["meeting", 49].paragraphs.all()] == [7]


def test_the_summary_report_waits_on_the_meeting_it_reports_on(sample):
    """46/13 OP8: "un rapport de synthèse sur cette réunion" waits on OP7's meeting."""
    report = FollowUp.objects.get(kind="report")
    meeting = FollowUp.objects.get(kind="meeting")

    assert list(report.waits_on.all()) == [meeting]
    assert not meeting.waits_on.exists()
    assert not FollowUp.objects.get(kind="resources").waits_on.exists()


def test_loading_the_sample_again_changes_nothing(sample):
    before = list(FollowUp.objects.values_list("pk", "due_date"))

    call_command("load_sample_data", stdout=StringIO())

    assert list(FollowUp.objects.values_list("pk", "due_date")) == before
    assert Resolution.objects.count() == 1


def test_the_export_prints_every_follow_up_as_json(sample):
    out = StringIO()
    call_command("export_followups", "--format", "json", stdout=out)

    rows = json.loads(out.getvalue())
    report = next(r for r in rows if r["kind"] == "report")
    assert report == {
        "id": FollowUp.objects.get(kind="report").pk,
        "resolution": "A/HRC/RES/46/13",
        "resolution_kind": "resolution",
        "paragraphs": [8],
        "unnumbered_paragraphs": [],
        "kind": "report",
        "status": "not_started",
        "title": "Report for session 52 (46/13, OP8)",
        "actor": "high_commissioner",
        "session": 52,
        "due_date": "2023-01-16",
        "due_date_source": "derived",
        "completed_on": None,
        "output_document": "",
    }


def test_the_export_prints_csv_with_a_header_and_a_row_per_follow_up(sample):
    out = StringIO()
    call_command("export_followups", "--format", "csv", stdout=out)

    text = out.getvalue()
    assert text.startswith("\ufeff")  # so that Excel reads the French as UTF-8
    rows = list(csv.reader(StringIO(text[1:])))
    assert rows[0][:4] == ["Follow-up", "Resolution", "Kind of document", "Operative paragraphs"]
    assert len(rows) == 4
    report = next(row for row in rows if row[0].startswith("Report"))
    assert report[:11] == [
        "Report for session 52 (46/13, OP8)",
        "A/HRC/RES/46/13",
        "Resolution",
        "OP8",
        "Report",
        "High Commissioner",
        "HRC session 52",
        "2023-01-16",
        "Derived from the session calendar",
        "Not started",
        "",  # the sample leads nothing: units exist, staff assign them
    ]


def test_the_export_takes_the_list_filters(sample):
    out = StringIO()
    call_command("export_followups", "--format", "json", "--kind", "meeting", stdout=out)
    assert [r["session"] for r in json.loads(out.getvalue())] == [49]


def test_the_sample_has_units_to_lead_follow_ups_once(sample):
    call_command("load_sample_data", stdout=StringIO())

    assert sorted(Unit.objects.values_list("abbreviation", flat=True)) == [
        "FOTCD",
        "HRCB",
        "TESPRDD",
    ]

"""The follow-up list's downloads: /followups.csv, /followups.xlsx (and .json)."""

import csv
import io
import json

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from tests.factories import FollowUpFactory, ProgressEntryFactory, UnitFactory, UserFactory
from tracker import exports
from tracker.exports import XLSX_CONTENT_TYPE
from tracker.models import Status

CSV = reverse("web:followup_export", args=["csv"])
XLSX = reverse("web:followup_export", args=["xlsx"])
JSON = reverse("web:followup_export", args=["json"])
LIST = reverse("web:followup_list")


def read_csv(response):
    data = b"".join(response.streaming_content)
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def read_csv_bytes(data):
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def read_xlsx(response):
    data = b"".join(response.streaming_content)
    return openpyxl.load_workbook(io.BytesIO(data)).active


@time_machine.travel("2026-03-02 10:00 +0100", tick=False)
def test_the_csv_is_utf8_with_a_byte_order_mark_and_named_with_the_date(client, staff_member):
    FollowUpFactory(title="Réunion de coopération")
    client.force_login(staff_member)

    response = client.get(CSV)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="suivi-followups-2026-03-02.csv"'
    )
    rows = read_csv(response)
    assert rows[0][0] == "Follow-up"
    assert rows[1][0] == "Réunion de coopération"


def test_the_csv_links_each_row_to_its_page(client, staff_member):
    followup = FollowUpFactory()
    client.force_login(staff_member)

    rows = read_csv(client.get(CSV))

    assert rows[1][-1] == f"http://testserver/followups/{followup.pk}/"


def test_the_csv_speaks_the_readers_language(client, staff_member):
    FollowUpFactory(status=Status.NOT_STARTED)
    client.force_login(staff_member)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})

    header, row = read_csv(client.get(CSV))

    assert header[7] == "Échéance"
    assert row[9] == "Non commencé"


@time_machine.travel("2026-03-02 10:00 +0100", tick=False)
def test_the_xlsx_downloads_with_its_type_and_a_dated_name(client, staff_member):
    FollowUpFactory.create_batch(3)
    client.force_login(staff_member)

    response = client.get(XLSX)

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == (
        'attachment; filename="suivi-followups-2026-03-02.xlsx"'
    )
    sheet = read_xlsx(response)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:P4"
    assert sheet["H2"].is_date


def test_the_xlsx_has_the_csv_s_header_and_as_many_rows(client, staff_member):
    FollowUpFactory.create_batch(6)
    client.force_login(staff_member)

    rows = read_csv(client.get(CSV))
    sheet = read_xlsx(client.get(XLSX))

    assert sheet.max_row == len(rows) == 7
    assert [cell.value for cell in sheet[1]] == rows[0]


def test_the_xlsx_speaks_the_readers_language(client, staff_member):
    FollowUpFactory(status=Status.NOT_STARTED)
    client.force_login(staff_member)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})

    sheet = read_xlsx(client.get(XLSX))

    assert sheet["J1"].value == "Statut"
    assert sheet["J2"].value == "Non commencé"


@pytest.mark.parametrize("url", [CSV, XLSX])
def test_a_download_has_the_rows_of_the_list_in_its_order(client, staff_member, url):
    unit = UnitFactory()
    FollowUpFactory(title="Bravo", status=Status.IN_PROGRESS, lead_unit=unit)
    FollowUpFactory(title="Alpha", status=Status.NOT_STARTED, lead_unit=unit)
    FollowUpFactory(title="Other unit", status=Status.NOT_STARTED)
    FollowUpFactory(title="Finished", status=Status.DONE, lead_unit=unit)
    client.force_login(staff_member)
    query = {"status": ["not_started", "in_progress"], "lead_unit": unit.pk, "o": "-title"}

    listed = [f.display_title for f in client.get(LIST, query).context["page"].object_list]
    response = client.get(url, query)
    if url == CSV:
        downloaded = [row[0] for row in read_csv(response)[1:]]
    else:
        downloaded = [row[0] for row in read_xlsx(response).iter_rows(min_row=2, values_only=True)]

    assert downloaded == listed == ["Bravo", "Alpha"]


@pytest.mark.parametrize("url", [CSV, XLSX])
@pytest.mark.parametrize("query", ["status=forged", "due_after=2026-13-45", "lead_unit=abc"])
def test_a_download_with_a_bad_filter_is_refused_with_the_errors(client, staff_member, url, query):
    FollowUpFactory()
    client.force_login(staff_member)

    response = client.get(f"{url}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert query.split("=")[0] in response.content.decode()


@pytest.mark.parametrize("url", [CSV, XLSX])
def test_someone_without_a_role_cannot_download(client, outsider, url):
    FollowUpFactory()
    client.force_login(outsider)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("count", [5, 200])
@pytest.mark.parametrize("url", [CSV, XLSX, JSON])
def test_a_download_takes_the_same_queries_for_5_and_200_rows(
    client, staff_member, django_assert_num_queries, count, url
):
    unit = UnitFactory()
    followups = FollowUpFactory.create_batch(count, lead_unit=unit, focal_point=UserFactory())
    ProgressEntryFactory(followup=followups[0])
    client.force_login(staff_member)

    # Session, user, permissions (2), the lead unit filtered on; the rows with
    # their latest note; their links to paragraphs, and the paragraphs.
    with django_assert_num_queries(8):
        response = client.get(url, {"lead_unit": unit.pk})
        body = b"".join(response.streaming_content)

    assert body


@pytest.mark.parametrize("url", [CSV, XLSX, JSON])
def test_a_download_reads_the_paragraphs_once_a_chunk(
    client, staff_member, django_assert_num_queries, monkeypatch, url
):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    unit = UnitFactory()
    followups = FollowUpFactory.create_batch(5, lead_unit=unit, focal_point=UserFactory())
    ProgressEntryFactory(followup=followups[0])
    client.force_login(staff_member)

    # As with one chunk (session, user, permissions (2), the lead unit, the
    # rows), and the links and paragraphs once a chunk: 5 rows in chunks of 2
    # are 3.
    with django_assert_num_queries(6 + 2 * 3):
        response = client.get(url, {"lead_unit": unit.pk})
        body = b"".join(response.streaming_content)

    if url == CSV:
        assert len(read_csv_bytes(body)) == 1 + 5
    elif url == XLSX:
        assert openpyxl.load_workbook(io.BytesIO(body)).active.max_row == 1 + 5
    else:
        assert len(json.loads(body)) == 5


def test_the_list_offers_the_xlsx_with_its_filters(client, staff_member):
    FollowUpFactory()
    client.force_login(staff_member)

    page = client.get(LIST, {"status": "not_started"}).content.decode()

    assert f'href="{XLSX}?status=not_started" download>XLSX</a>' in page

import datetime

import pytest
import time_machine
from django.urls import reverse

from tests.factories import FollowUpFactory, ParagraphFactory, ResolutionFactory
from tracker.models import Status

D = datetime.date
URL = reverse("web:followup_list")


def test_it_asks_anonymous_visitors_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_rejects_post(client, staff_member):
    client.force_login(staff_member)
    assert client.post(URL).status_code == 405


@time_machine.travel(D(2023, 2, 1), tick=False)
def test_it_lists_follow_ups_with_their_resolution_paragraphs_and_due_date(client, staff_member):
    resolution = ResolutionFactory(number="46/13", symbol="A/HRC/RES/46/13")
    followup = FollowUpFactory(
        resolution=resolution,
        title="Summary report for session 52",
        due_date=D(2023, 1, 16),
        paragraphs=[ParagraphFactory(resolution=resolution, number=8)],
    )
    client.force_login(staff_member)

    response = client.get(URL)

    page = response.content.decode()
    assert followup.title in page
    assert "A/HRC/RES/46/13" in page
    assert "OP8" in page
    assert 'datetime="2023-01-16"' in page
    assert 'class="row-overdue"' in page


def test_it_reads_in_a_fixed_number_of_queries(client, staff_member, django_assert_max_num_queries):
    FollowUpFactory.create_batch(30)
    client.force_login(staff_member)

    with django_assert_max_num_queries(10):
        response = client.get(URL)

    assert response.status_code == 200
    assert response.context["page"].paginator.count == 30


@time_machine.travel(D(2023, 2, 1), tick=False)
def test_it_filters_by_derived_due_state(client, staff_member):
    FollowUpFactory(title="Late one", due_date=D(2023, 1, 16))
    FollowUpFactory(title="Soon one", due_date=D(2023, 2, 10))
    FollowUpFactory(title="Done one", due_date=D(2023, 1, 16), status=Status.DONE)
    client.force_login(staff_member)

    overdue = client.get(URL, {"state": "overdue"}).context["page"].object_list
    soon = client.get(URL, {"state": "due_soon"}).context["page"].object_list

    assert [f.title for f in overdue] == ["Late one"]
    assert [f.title for f in soon] == ["Soon one"]


def test_it_searches_titles_and_symbols(client, staff_member):
    FollowUpFactory(title="Panel on water")
    FollowUpFactory(title="Report on food")
    client.force_login(staff_member)

    found = client.get(URL, {"q": "water"}).context["page"].object_list

    assert [f.title for f in found] == ["Panel on water"]


@pytest.mark.parametrize("query", [{"status": "forged"}, {"due_after": "31/31/2023"}])
def test_a_bad_filter_value_shows_an_error_not_a_crash(client, staff_member, query):
    FollowUpFactory()
    client.force_login(staff_member)

    response = client.get(URL, query)

    assert response.status_code == 200
    assert response.context["filter"].errors


def test_the_list_downloads_as_csv_with_its_filters(client, staff_member):
    FollowUpFactory(title="Panel on water")
    FollowUpFactory(title="Report on food")
    client.force_login(staff_member)

    response = client.get(reverse("web:followup_export", args=["csv"]), {"q": "water"})

    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert "Panel on water" in body
    assert "Report on food" not in body


def test_the_list_downloads_as_json(client, staff_member, django_assert_max_num_queries):
    FollowUpFactory.create_batch(10)
    client.force_login(staff_member)

    with django_assert_max_num_queries(6):
        response = client.get(reverse("web:followup_export", args=["json"]))

    assert len(response.json()) == 10


def test_a_download_with_a_bad_filter_says_what_is_wrong(client, staff_member):
    FollowUpFactory()
    client.force_login(staff_member)

    response = client.get(reverse("web:followup_export", args=["json"]), {"status": "forged"})

    assert response.status_code == 400
    assert "status" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        reverse("web:followup_list"),
        reverse("web:followup_export", args=["csv"]),
        reverse("web:resolution_list"),
    ],
)
def test_someone_signed_in_without_a_role_sees_nothing(client, outsider, url):
    FollowUpFactory()
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_a_title_that_looks_like_a_formula_is_exported_as_text(client, staff_member):
    FollowUpFactory(title='=HYPERLINK("http://example.org","Report")')
    client.force_login(staff_member)

    response = client.get(reverse("web:followup_export", args=["csv"]))

    body = b"".join(response.streaming_content).decode()
    assert ",\"'=HYPERLINK(" in body

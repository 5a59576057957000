import datetime
import json
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resolutions.models import ResolutionText
from tests.factories import (
    FollowUpFactory,
    ParagraphFactory,
    ProgressEntryFactory,
    ResolutionFactory,
    UnitFactory,
    UserFactory,
)
from tracker import services
from tracker.models import Status

D = datetime.date
URL = reverse("web:followup_list")
HTMX = {"HX-Request": "true"}


def rows(response):
    return [f.title for f in response.context["page"].object_list]


def test_the_list_lives_at_followups(db):
    assert URL == "/followups/"


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
        lead_unit=UnitFactory(name="Council Branch", abbreviation="CB"),
        focal_point=UserFactory(first_name="Nadia", last_name="Kone"),
    )
    client.force_login(staff_member)

    response = client.get(URL)

    page = response.content.decode()
    assert followup.title in page
    assert "A/HRC/RES/46/13" in page
    assert "OP8" in page
    assert '<abbr title="Council Branch">CB</abbr>' in page
    assert "Nadia Kone" in page
    assert 'datetime="2023-01-16"' in page
    assert 'class="row-overdue"' in page


def test_a_focal_point_without_a_name_is_shown_by_username(client, staff_member):
    FollowUpFactory(focal_point=UserFactory(username="pm", first_name="", last_name=""))
    client.force_login(staff_member)

    page = client.get(URL).content.decode()

    assert "<td>pm</td>" in page


@time_machine.travel(D(2023, 2, 1), tick=False)
def test_the_status_is_shown_once(client, staff_member):
    FollowUpFactory(title="Finished", status=Status.DONE, due_date=D(2023, 1, 16))
    client.force_login(staff_member)

    page = client.get(URL).content.decode()

    row = page[page.index("Finished") : page.index("</tr>", page.index("Finished"))]
    assert row.count("Done") == 1
    assert "state-done" not in row


@time_machine.travel(D(2023, 2, 1), tick=False)
def test_the_state_badge_shows_when_it_adds_something(client, staff_member):
    FollowUpFactory(title="Late", due_date=D(2023, 1, 16))
    FollowUpFactory(title="Undated", target_session=None, due_date=None)
    client.force_login(staff_member)

    page = client.get(URL).content.decode()

    assert 'class="state state-overdue"' in page
    assert 'class="state state-no_due_date"' in page


def test_a_follow_up_waiting_on_an_open_one_is_marked_blocked(client, staff_member):
    meeting = FollowUpFactory(title="Meeting")
    report = FollowUpFactory(title="Report")
    report.waits_on.add(meeting)
    client.force_login(staff_member)

    response = client.get(URL, {"blocked": "true"})

    assert rows(response) == ["Report"]
    assert '<span class="blocked">blocked</span>' in response.content.decode()


def test_it_reads_several_statuses_from_checkboxes(client, staff_member):
    FollowUpFactory(title="Fresh", status=Status.NOT_STARTED)
    FollowUpFactory(title="Going", status=Status.IN_PROGRESS)
    FollowUpFactory(title="Finished", status=Status.DONE)
    client.force_login(staff_member)

    response = client.get(URL + "?status=not_started&status=in_progress")

    assert sorted(rows(response)) == ["Fresh", "Going"]
    page = response.content.decode()
    assert 'type="checkbox" name="status" value="not_started"' in page
    assert re.search(r'value="in_progress"[^>]*checked', page)


@pytest.mark.parametrize("name", ["target_session", "lead_unit", "focal_point"])
def test_none_is_a_choice_of_its_own(client, staff_member, name):
    FollowUpFactory(title="Unset", **{name: None})
    FollowUpFactory(title="Set", lead_unit=UnitFactory(), focal_point=UserFactory())
    client.force_login(staff_member)

    response = client.get(URL, {name: "null"})

    assert rows(response) == ["Unset"]
    label = {"target_session": "target session", "lead_unit": "lead unit"}.get(name, "focal point")
    assert f'<option value="null" selected>no {label}</option>' in response.content.decode()


@time_machine.travel(D(2023, 2, 1), tick=False)
def test_it_filters_by_derived_due_state(client, staff_member):
    FollowUpFactory(title="Late one", due_date=D(2023, 1, 16))
    FollowUpFactory(title="Soon one", due_date=D(2023, 2, 10))
    FollowUpFactory(title="Done one", due_date=D(2023, 1, 16), status=Status.DONE)
    client.force_login(staff_member)

    assert rows(client.get(URL, {"state": "overdue"})) == ["Late one"]
    assert rows(client.get(URL, {"state": "due_soon"})) == ["Soon one"]


def test_it_searches_titles_and_symbols(client, staff_member):
    FollowUpFactory(title="Panel on water")
    FollowUpFactory(title="Report on food")
    client.force_login(staff_member)

    assert rows(client.get(URL, {"q": "water"})) == ["Panel on water"]


def test_it_searches_the_french_title_of_the_resolution(client, staff_member):
    resolution = ResolutionFactory(title="Promoting cooperation")
    ResolutionText.objects.create(
        resolution=resolution, language="fr", title="Coopération avantageuse", source_text="…"
    )
    FollowUpFactory(title="Meeting", resolution=resolution)
    FollowUpFactory(title="Other")
    client.force_login(staff_member)

    assert rows(client.get(URL, {"q": "avantageuse"})) == ["Meeting"]


def test_a_search_matching_several_notes_lists_the_follow_up_once(client, staff_member):
    followup = FollowUpFactory(title="Report")
    ProgressEntryFactory.create_batch(3, followup=followup, text="Sent to editing")
    client.force_login(staff_member)

    response = client.get(URL, {"q": "editing"})

    assert rows(response) == ["Report"]
    assert response.context["page"].paginator.count == 1


def test_column_headers_sort_both_ways(client, staff_member):
    FollowUpFactory(title="Beta")
    FollowUpFactory(title="Alpha")
    client.force_login(staff_member)

    ascending = client.get(URL, {"o": "title", "q": "a"})
    descending = client.get(URL, {"o": "-title", "q": "a"})

    assert rows(ascending) == ["Alpha", "Beta"]
    assert rows(descending) == ["Beta", "Alpha"]
    page = ascending.content.decode()
    header = re.search(
        r'<th scope="col" aria-sort="ascending"><a id="sort-title" href="([^"]*)"', page
    )
    assert header
    assert header.group(1) == "/followups/?o=-title&amp;q=a"
    assert 'aria-sort="descending"><a id="sort-title" href="/followups/?o=title&amp;q=a"' in (
        descending.content.decode()
    )


def test_the_list_is_sorted_by_due_date_unless_asked(client, staff_member):
    client.force_login(staff_member)
    FollowUpFactory()

    page = client.get(URL).content.decode()

    assert '<th scope="col" aria-sort="ascending"><a id="sort-due_date"' in page
    assert page.count("aria-sort=") == 1


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=bogus", "status"),
        ("due_after=2026-13-45", "due_after"),
        ("target_session=abc", "target_session"),
    ],
)
def test_an_invalid_value_shows_an_error_and_no_rows(client, staff_member, query, field):
    FollowUpFactory()
    client.force_login(staff_member)

    response = client.get(f"{URL}?{query}")

    assert response.status_code == 200
    assert field in response.context["filter"].errors
    assert rows(response) == []
    page = response.content.decode()
    assert '<div class="error-summary" role="alert">' in page
    assert f'<a href="#id_{field}">' in page
    assert '<div class="field has-error">' in page
    assert "No follow-up is listed until the filters in error are corrected." in page
    assert "<table" not in page


def test_every_filter_is_offered_with_any_as_the_empty_choice(client, staff_member):
    client.force_login(staff_member)

    page = client.get(URL).content.decode()

    assert "---------" not in page
    for name in (
        "q",
        "status",
        "state",
        "target_session",
        "lead_unit",
        "focal_point",
        "actor",
        "resolution",
        "kind",
        "due_after",
        "due_before",
        "blocked",
    ):
        assert f'name="{name}"' in page
    assert '<input type="date" name="due_after"' in page


def test_pages_have_fifty_rows_and_their_links_keep_every_filter(client, staff_member):
    FollowUpFactory.create_batch(55, kind="meeting", status=Status.IN_PROGRESS)
    FollowUpFactory(kind="report")
    client.force_login(staff_member)

    first = client.get(URL + "?kind=meeting&status=in_progress&status=not_started&o=-title")
    second = client.get(URL + "?kind=meeting&status=in_progress&status=not_started&o=-title&page=2")

    assert len(rows(first)) == 50
    assert len(rows(second)) == 5
    next_link = (
        'href="/followups/?kind=meeting&amp;status=in_progress&amp;status=not_started'
        '&amp;o=-title&amp;page=2" rel="next"'
    )
    assert next_link in first.content.decode()
    assert 'rel="prev"' in second.content.decode()


def test_an_htmx_request_gets_only_the_results(client, staff_member):
    FollowUpFactory(title="Panel", status=Status.DONE)
    client.force_login(staff_member)

    response = client.get(URL, {"status": "done"}, headers=HTMX)

    page = response.content.decode()
    assert "<html" not in page
    assert 'id="followup-filters"' not in page  # the filter form stays; "Save this view" follows
    assert "<table" in page
    assert '<p id="result-count" data-hx-swap-oob="innerHTML">1 follow-up found</p>' in page
    assert "HX-Request" in response["Vary"]


def test_after_an_htmx_filter_a_change_of_language_comes_back_to_the_filtered_list(
    client, staff_member
):
    client.force_login(staff_member)
    whole = client.get(URL).content.decode()

    results = client.get(URL, {"status": "done", "q": "panel"}, headers=HTMX).content.decode()

    assert '<input name="next" id="language-next" type="hidden" value="/followups/">' in whole
    assert (
        '<input name="next" id="language-next" type="hidden"'
        ' value="/followups/?status=done&amp;q=panel" data-hx-swap-oob="true">'
    ) in results


def test_htmx_restoring_history_gets_the_whole_page(client, staff_member):
    client.force_login(staff_member)

    response = client.get(
        URL, {"status": "done"}, headers={**HTMX, "HX-History-Restore-Request": "true"}
    )

    assert "<html" in response.content.decode()
    assert "HX-Retarget" not in response


def test_an_htmx_request_with_an_invalid_filter_gets_the_page_with_its_errors(client, staff_member):
    client.force_login(staff_member)

    response = client.get(URL, {"status": "bogus"}, headers=HTMX)

    assert "error-summary" in response.content.decode()
    assert response["HX-Retarget"] == "#content"
    assert response["HX-Reswap"] == "outerHTML"


def test_once_the_filters_read_again_the_errors_shown_go_with_the_page_content(
    client, staff_member
):
    FollowUpFactory(title="Panel on water")
    client.force_login(staff_member)

    with_errors = client.get(URL, {"resolution": "A/HRC/RES/99/999"}).content.decode()
    # The form of a page showing errors asks htmx to replace the whole content...
    assert 'data-hx-target="#content"' in with_errors
    response = client.get(URL, {"q": "water"}, headers={**HTMX, "HX-Target": "content"})

    # ...and gets the whole page, without the errors, swapped into #content.
    page = response.content.decode()
    assert "error-summary" not in page and "Panel on water" in page
    assert response["HX-Retarget"] == "#content"
    assert response["HX-Reselect"] == "#content"


def test_the_page_loads_htmx_from_the_site_itself_as_its_policy_allows(client, staff_member):
    client.force_login(staff_member)

    response = client.get(URL)
    page = response.content.decode()

    script = re.search(r'<script src="([^"]+)" defer></script>', page)
    assert script
    assert "script-src 'self';" in response["Content-Security-Policy"]
    assert "nonce" not in response["Content-Security-Policy"]
    assert script.group(1).startswith("/static/django_htmx/htmx-2")
    assert 'data-hx-get="/followups/" data-hx-target="#results" data-hx-push-url="true"' in page
    assert '<p id="result-count" class="result-count" role="status">' in page


@pytest.mark.parametrize("count", [5, 200])
def test_it_reads_in_a_fixed_number_of_queries(
    client, staff_member, django_assert_num_queries, count
):
    FollowUpFactory.create_batch(count, lead_unit=UnitFactory(), focal_point=UserFactory())
    client.force_login(staff_member)
    client.get(URL)  # the first visit makes the person's calendar-feed key

    # Session, user, permissions (2), the fingerprints the page is kept under (one
    # query: tracker/web/kept.py), the fingerprint the menus are kept under (the first
    # visit read their choices: sessions, units, focal points; a resolution is
    # typed, not chosen), the search's matches (their count), the page's rows,
    # their paragraphs, the feed key.
    with django_assert_num_queries(10):
        response = client.get(URL, {"q": "report", "status": ["not_started", "done"]})
    # The same page again, kept for its reader: session, user, permissions, fingerprints.
    with django_assert_num_queries(5):
        again = client.get(URL, {"q": "report", "status": ["not_started", "done"]})

    assert response.status_code == again.status_code == 200
    assert response.context["page"].paginator.count == count
    assert again.content == response.content


def test_a_unit_added_shows_in_the_lead_unit_menu_of_the_next_list(client, staff_member):
    FollowUpFactory()
    client.force_login(staff_member)
    assert "Drafting Unit" not in client.get(URL).content.decode()

    services.ensure_unit(name="Drafting Unit")

    menu = client.get(URL).content.decode().split('name="lead_unit"')[1].split("</select>")[0]
    assert "Drafting Unit" in menu


def test_a_search_reads_its_matches_once_for_the_count_and_the_page(client, staff_member):
    FollowUpFactory.create_batch(3, title="Water report")
    client.force_login(staff_member)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, {"q": "water report"})

    searches = [
        q["sql"]
        for q in captured.captured_queries
        if "UNION ALL" in q["sql"] and "LIKE" in q["sql"]
    ]
    assert len(searches) == 1
    assert response.context["page"].paginator.count == 3


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


def test_the_download_reads_the_new_filters(client, staff_member):
    FollowUpFactory(title="Fresh", status=Status.NOT_STARTED, lead_unit=None)
    FollowUpFactory(title="Going", status=Status.IN_PROGRESS, lead_unit=UnitFactory())
    FollowUpFactory(title="Finished", status=Status.DONE, lead_unit=None)
    client.force_login(staff_member)

    response = client.get(
        reverse("web:followup_export", args=["json"])
        + "?status=not_started&status=in_progress&lead_unit=null&o=-title"
    )

    assert [row["title"] for row in streamed_json(response)] == ["Fresh"]


def streamed_json(response):
    """The JSON document a streamed download sends, read whole."""
    assert response.streaming
    return json.loads(b"".join(response.streaming_content))


@pytest.mark.parametrize("rows", [5, 200])
def test_the_list_downloads_as_json_streamed_in_fixed_queries(
    client, staff_member, django_assert_num_queries, rows
):
    FollowUpFactory.create_batch(rows)
    client.force_login(staff_member)

    # Session, user, permissions (2), the rows, their links to paragraphs and the
    # paragraphs (once a chunk).
    with django_assert_num_queries(7):
        response = client.get(reverse("web:followup_export", args=["json"]))
        document = streamed_json(response)

    assert len(document) == rows


@pytest.mark.parametrize("query", ["status=forged", "due_after=2026-13-45", "lead_unit=abc"])
def test_a_download_with_a_bad_filter_says_what_is_wrong(client, staff_member, query):
    FollowUpFactory()
    client.force_login(staff_member)

    response = client.get(reverse("web:followup_export", args=["json"]) + "?" + query)

    assert response.status_code == 400
    assert query.split("=")[0] in response.content.decode()


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
    assert "\n\"'=HYPERLINK(" in body

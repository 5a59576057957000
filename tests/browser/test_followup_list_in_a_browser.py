"""The follow-up list in Chromium: with JavaScript htmx swaps only the results and keeps
the URL shareable; without it the same form and links work as plain GETs."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import FollowUpFactory
from tracker.models import Status


@pytest.fixture
def followups(db):
    FollowUpFactory(title="Fresh report", status=Status.NOT_STARTED)
    FollowUpFactory(title="Going meeting", status=Status.IN_PROGRESS)
    FollowUpFactory(title="Finished update", status=Status.DONE)
    FollowUpFactory(title="Cancelled panel", status=Status.CANCELLED)


def filter_by_two_statuses(page):
    form = page.get_by_role("form", name="Filter follow-ups")
    form.get_by_role("checkbox", name="Not started").check()
    form.get_by_role("checkbox", name="In progress").check()
    form.get_by_role("button", name="Filter").click()


def test_with_javascript_htmx_swaps_the_table_and_the_url_follows(
    followups, page, live_server, staff_member
):
    problems = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    sign_in(page, live_server, staff_member)
    page.goto(f"{live_server.url}/followups/")
    expect(page.locator("#results tbody tr")).to_have_count(4)
    # A full page load would forget this; an htmx swap keeps it.
    page.evaluate("window.stillTheSamePage = true")

    filter_by_two_statuses(page)

    expect(page).to_have_url(re.compile(r"status=not_started&status=in_progress"))
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator("#results tbody")).to_contain_text("Fresh report")
    expect(page.locator("#results tbody")).to_contain_text("Going meeting")
    expect(page.get_by_role("status")).to_have_text("2 follow-ups found")
    assert page.evaluate("window.stillTheSamePage") is True

    # A column header sorts in place, and again the other way.
    title_header = page.get_by_role("link", name="Follow-up", exact=True)
    title_header.click()
    expect(page).to_have_url(re.compile(r"[?&]o=title$"))
    expect(page.locator("th[aria-sort='ascending']")).to_have_text(re.compile("Follow-up"))
    expect(rows.first).to_contain_text("Fresh report")
    title_header.click()
    expect(page).to_have_url(re.compile(r"[?&]o=-title$"))
    expect(page.locator("th[aria-sort='descending']")).to_have_text(re.compile("Follow-up"))
    expect(rows.first).to_contain_text("Going meeting")

    assert page.evaluate("window.stillTheSamePage") is True

    # Back loads the previous state of the list, its form included.
    page.go_back()
    expect(page).to_have_url(re.compile(r"[?&]o=title$"))
    expect(rows.first).to_contain_text("Fresh report")
    expect(page.get_by_role("checkbox", name="In progress")).to_be_checked()
    page.evaluate("window.stillTheSamePage = true")

    # Filtering again keeps the order (a hidden field of the results, tied to the form).
    title_header.click()
    expect(page).to_have_url(re.compile(r"[?&]o=-title$"))
    with page.expect_response(re.compile(r"/followups/\?q=")) as answer:
        page.get_by_role("form", name="Filter follow-ups").get_by_role(
            "button", name="Filter"
        ).click()
    assert answer.value.url.endswith("&o=-title")
    expect(rows.first).to_contain_text("Going meeting")
    assert page.evaluate("window.stillTheSamePage") is True

    # The URL is the page: loading it shows the same rows.
    page.reload()
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Going meeting")
    assert not [p for p in problems if "Content Security Policy" in p], problems


def test_without_javascript_the_form_is_a_plain_get(followups, browser, live_server, staff_member):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, live_server, staff_member)
        page.goto(f"{live_server.url}/followups/")

        filter_by_two_statuses(page)

        expect(page).to_have_url(re.compile(r"status=not_started&status=in_progress"))
        expect(page.locator("#results tbody tr")).to_have_count(2)
        expect(page.get_by_role("checkbox", name="In progress")).to_be_checked()

        page.get_by_role("link", name="Due date", exact=True).click()
        expect(page).to_have_url(re.compile(r"status=not_started&status=in_progress.*o=-due_date"))
        expect(page.locator("#results tbody tr")).to_have_count(2)
    finally:
        context.close()


def test_a_change_of_language_after_an_htmx_filter_keeps_the_filters(
    followups, page, live_server, staff_member
):
    sign_in(page, live_server, staff_member)
    page.goto(f"{live_server.url}/followups/")
    filter_by_two_statuses(page)
    expect(page.locator("#results tbody tr")).to_have_count(2)

    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change").click()

    expect(page).to_have_url(re.compile(r"status=not_started&status=in_progress"))
    expect(page.locator("#results tbody tr")).to_have_count(2)
    expect(page.get_by_role("status")).to_have_text("2 suivis trouvés")

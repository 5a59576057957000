"""Staff use Suivi in a real Chromium: sign in, find a follow-up, record progress."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tracker.models import FollowUp


@pytest.fixture
def sample(council_calendar):
    call_command("load_sample_data", stdout=StringIO())


def test_staff_sign_in_and_see_the_follow_ups(sample, signed_in_page):
    page = signed_in_page

    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Follow-ups").click()
    expect(page.get_by_role("heading", name="Follow-ups", level=1)).to_be_visible()
    table = page.get_by_role("table")
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(table).to_contain_text("A/HRC/RES/46/13")
    expect(table.locator("tr", has_text="Report for session 52")).to_contain_text("16 Jan 2023")
    # 2022 and 2023 deadlines are long past: every open follow-up stands out as overdue.
    expect(table.locator("tr.row-overdue")).to_have_count(3)


def test_staff_record_progress_on_the_summary_report(sample, signed_in_page, staff_member):
    page = signed_in_page
    # An editor updates what they answer for: here, every follow-up of the sample.
    FollowUp.objects.update(focal_point=staff_member)

    # From the dashboard's list of overdue follow-ups.
    overdue = page.get_by_role("region", name="Overdue")
    overdue.get_by_role("link", name="Report for session 52").click()
    page.get_by_label("What was done").fill("First draft sent to editing.")
    page.get_by_label("Status").select_option("in_progress")
    page.get_by_role("button", name="Record progress").click()

    expect(page.get_by_role("status")).to_contain_text("Progress recorded.")
    expect(page.locator(".progress-log")).to_contain_text("First draft sent to editing.")
    expect(page.locator(".facts")).to_contain_text("In progress")


def test_the_resolution_page_links_each_operative_paragraph(sample, signed_in_page, live_server):
    page = signed_in_page

    page.goto(f"{live_server.url}/resolutions/A/HRC/RES/46/13/#op8")

    expect(page.locator("#op8")).to_contain_text("rapport de synthèse")
    expect(page.locator("#op8 .tracked li")).to_have_count(2)
    expect(page.locator("#op8 .tracked")).to_contain_text("due 16 Jan 2023")
    expect(page.get_by_role("heading", name="In favour (26)")).to_be_visible()


def test_a_due_date_without_a_reason_is_refused_next_to_the_reason(sample, manager_page):
    page = manager_page

    # From the dashboard's list of overdue follow-ups.
    overdue = page.get_by_role("region", name="Overdue")
    overdue.get_by_role("link", name="Report for session 52").click()
    page.get_by_text("Set the due date by hand").click()  # the form's disclosure
    due_date = page.get_by_role("textbox", name="Due date")
    due_date.fill("2030-01-15")
    page.get_by_role("button", name="Save due date").click()

    reason = page.get_by_label("Reason")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(reason).to_have_accessible_description(
        re.compile(r"Say why the due date is set by hand\.$")
    )
    expect(page.locator(".error-summary a[href='#id_due-reason']")).to_be_visible()
    expect(due_date).to_have_value("2030-01-15")

"""The follow-up page in French, in Chromium: dates stay ISO, so nothing typed is lost."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import FollowUpFactory, UnitFactory
from tracker.models import DueDateSource, FollowUp, Status


def in_french(page):
    """Switch the site to French with its own language switcher."""
    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")


@pytest.fixture
def followup(db):
    return FollowUpFactory(title="Rapport de synthèse")


def test_a_hand_set_due_date_survives_a_save_of_the_assignment_form(
    followup, manager_page, live_server, tmp_path
):
    page = manager_page
    unit = UnitFactory(name="Section de l’état de droit", abbreviation="SED")
    in_french(page)
    page.goto(f"{live_server.url}{followup.get_absolute_url()}")

    page.locator("#due-date > summary").click()
    page.locator("#id_due-due_date").fill("2041-12-15")
    page.locator("#id_due-reason").fill("Demandé par le Bureau")
    page.locator("#due-date button[type=submit]").click()
    expect(page.get_by_role("status")).to_be_visible()

    # The French page fills the date field with an ISO value the date input accepts.
    page.locator("#due-date > summary").click()
    expect(page.locator("#id_due-due_date")).to_have_value("2041-12-15")

    page.locator("#assign > summary").click()
    page.locator("#id_assign-lead_unit").select_option(str(unit.pk))
    page.locator("#assign button[type=submit]").click()
    expect(page.get_by_role("status")).to_be_visible()
    page.screenshot(path=str(tmp_path / "followup-fr.png"), full_page=True)

    followup.refresh_from_db()
    assert (followup.due_date, followup.due_date_source, followup.lead_unit) == (
        datetime.date(2041, 12, 15),
        DueDateSource.MANUAL,
        unit,
    )
    page.locator("#due-date > summary").click()
    expect(page.locator("#id_due-due_date")).to_have_value("2041-12-15")
    expect(page.locator(".activity")).to_contain_text("SED")


def test_the_status_buttons_move_the_follow_up(followup, page, live_server, staff_member):
    FollowUp.objects.filter(pk=followup.pk).update(focal_point=staff_member)  # theirs to update
    sign_in(page, live_server, staff_member)
    in_french(page)
    page.goto(f"{live_server.url}{followup.get_absolute_url()}")

    buttons = page.locator(".status-actions button")
    expect(buttons).to_have_count(2)
    buttons.first.click()

    expect(page.get_by_role("status")).to_be_visible()
    assert FollowUp.objects.get(pk=followup.pk).status == Status.IN_PROGRESS
    expect(page.locator(".activity > li").first).to_contain_text("→")
    # From "in progress", the next steps are "done" and "not started".
    expect(page.locator(".status-actions button")).to_have_count(2)
    expect(page.locator('.status-actions input[value="done"]')).to_have_count(1)

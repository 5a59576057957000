"""The dashboard and the session report in a real Chromium: follow an overdue
follow-up from the home page, record progress, come back; print a session
report to PDF; read the dashboard on a 360 px wide phone."""

import re
import shutil
import subprocess
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from resolutions.models import Body, Session
from tests.browser.conftest import sign_in
from tests.factories import FollowUpFactory, ParagraphFactory, ResolutionFactory


@pytest.fixture
def sample(council_calendar):
    """Resolution 46/13 and its follow-ups: their 2022 and 2023 due dates are long past."""
    call_command("load_sample_data", stdout=StringIO())


def status_counts(page):
    """The dashboard's count of follow-ups by status, as shown."""
    table = page.get_by_role("table", name="Follow-ups by status")
    counts = {}
    for row in table.locator("tbody tr").all():
        counts[row.locator("th").inner_text().strip()] = int(row.locator("td").inner_text())
    return counts


def test_staff_follow_an_overdue_follow_up_from_the_dashboard_and_see_it_change(
    sample, signed_in_page, live_server
):
    page = signed_in_page

    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    before = status_counts(page)
    overdue = page.locator("section", has=page.locator("#overdue-heading"))
    first = overdue.locator("tbody tr").first.get_by_role("link")
    title = first.inner_text()
    first.click()

    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    page.get_by_label("What was done").fill("Draft sent to editing.")
    page.get_by_label("Status").select_option("in_progress")
    page.get_by_role("button", name="Record progress").click()
    expect(page.get_by_role("status")).to_contain_text("Progress recorded.")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    after = status_counts(page)
    assert after["Not started"] == before["Not started"] - 1
    assert after["In progress"] == before["In progress"] + 1
    mine_or_overdue = page.locator("section", has=page.locator("#overdue-heading"))
    row = mine_or_overdue.locator("tbody tr", has_text=title)
    expect(row).to_have_count(1)  # still overdue: in progress is not done


def test_a_manager_prints_a_session_report_to_pdf(sample, manager, page, live_server, tmp_path):
    hrc52 = Session.objects.get(body=Body.HRC, number=52, special=False)
    other = ResolutionFactory(session=hrc52, number="49/7", symbol="A/HRC/RES/49/7")
    FollowUpFactory(
        resolution=other,
        title="Report on the right to development",
        target_session=hrc52,
        due_date=hrc52.start_date,
        paragraphs=[ParagraphFactory(resolution=other)],
    )
    sign_in(page, live_server, manager)

    page.goto(f"{live_server.url}/sessions/{hrc52.pk}/report/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Follow-ups for HRC session 52")
    expect(page.get_by_role("link", name="Print")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("link", name="Print")).to_be_hidden()
    pdf = page.pdf(format="A4")

    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= 2  # a page break between the two resolutions
    if shutil.which("pdftotext"):
        path = tmp_path / "report.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "A/HRC/RES/46/13" in text
        assert "A/HRC/RES/49/7" in text
        assert "Sign out" not in text  # no menu
        assert "Language" not in text  # no forms


def test_the_print_link_opens_the_print_view_without_javascript(
    sample, manager, browser, live_server
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server, manager)
    hrc52 = Session.objects.get(body=Body.HRC, number=52, special=False)

    page.goto(f"{live_server.url}/sessions/{hrc52.pk}/report/")
    page.get_by_role("link", name="Print").click()

    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_text("Use your browser's Print command")).to_be_visible()
    context.close()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_dashboard_fits_a_360_px_screen(
    language, sample, staff_member, browser, live_server, tmp_path
):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale=language)
    page = context.new_page()
    if language == "en":
        sign_in(page, live_server, staff_member)
    else:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Nom d’utilisateur").fill(staff_member.username)
        page.get_by_label("Mot de passe").fill("a long test password")
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_url(f"{live_server.url}/")

    expect(page.locator("svg.timeline")).to_be_visible()
    page.screenshot(path=str(tmp_path / f"dashboard-360-{language}.png"), full_page=True)

    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    box = page.locator("svg.timeline").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
    context.close()

"""The dashboard and the session report in a real Chromium: follow an overdue
follow-up from the home page, record progress, come back; print a session
report to PDF; read the dashboard on a 360 px wide phone."""

import datetime
import re
import shutil
import subprocess
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from resolutions.models import Body, Session
from resolutions.services import extend_calendar
from tests.browser.conftest import sign_in
from tests.factories import FollowUpFactory, ParagraphFactory, ResolutionFactory, UnitFactory
from tracker.models import FollowUp, Status


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
    sample, signed_in_page, live_server, staff_member
):
    page = signed_in_page
    # An editor updates what they answer for: here, every follow-up of the sample.
    FollowUp.objects.update(focal_point=staff_member)

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


@pytest.fixture
def busy(sample, staff_member):
    """The sample, the calendar two years ahead, and enough of everything for every
    table to fill: the user's units and follow-ups, overdue, due soon and later,
    in every status, with long titles and unit names."""
    today = timezone.localdate()
    extend_calendar(until=today + datetime.timedelta(days=2 * 365 + 1))
    unit = UnitFactory(
        name="Thematic Engagement, Special Procedures and Right to Development Division",
        abbreviation="TESPRDD",
    )
    unit.members.add(staff_member)
    resolution = ResolutionFactory(
        session=Session.objects.get(body=Body.HRC, number=52, special=False),
        number="52/21",
        symbol="A/HRC/RES/52/21",
    )
    statuses = [Status.NOT_STARTED, Status.IN_PROGRESS, Status.DONE, Status.NOT_STARTED]
    for index in range(24):
        FollowUpFactory(
            resolution=resolution,
            title=(
                f"Comprehensive report on the implementation of the recommendations "
                f"of the independent international commission of inquiry, part {index}"
            ),
            target_session=None,
            due_date=today + datetime.timedelta(days=11 * index - 90),
            status=statuses[index % 4],
            focal_point=staff_member if index % 2 else None,
            lead_unit=unit if index % 3 else None,
        )


def sign_in_as(page, live_server, user, language):
    if language == "en":
        sign_in(page, live_server, user)
    else:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Nom d’utilisateur").fill(user.username)
        page.get_by_label("Mot de passe").fill("a long test password")
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_url(f"{live_server.url}/")


# The elements whose right edge passes the viewport's and that no scrolling box
# holds in: what makes the page itself scroll sideways.
OVERFLOWING = """
width => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > width + 0.5)
  .filter(e => {
    // A box clips an absolutely positioned element only if it is, or holds,
    // the element's containing block (its offsetParent).
    const absolute = ['absolute', 'fixed'].includes(getComputedStyle(e).position);
    let clips = !absolute;
    for (let box = e.parentElement; box && box !== document.body; box = box.parentElement) {
      if (box === e.offsetParent) clips = true;
      if (clips && getComputedStyle(box).overflowX !== 'visible'
          && box.getBoundingClientRect().right <= width + 0.5) return false;
    }
    return true;
  })
  .map(e => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className
       ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
       + ' ' + Math.round(e.getBoundingClientRect().right) + ' ' + e.textContent.slice(0, 30))
"""


@pytest.fixture
def new_page(browser, live_server, staff_member):
    """A signed-in page in a new browser context (closed after the test, even a
    failed one): ``new_page(width, language)``."""
    contexts = []

    def open_page(width, language, height=740):
        context = browser.new_context(viewport={"width": width, "height": height}, locale=language)
        contexts.append(context)
        page = context.new_page()
        sign_in_as(page, live_server, staff_member, language)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_dashboard_fits_a_360_px_screen(language, busy, new_page, tmp_path):
    page = new_page(360, language)

    expect(page.locator("svg.timeline")).to_be_visible()
    page.screenshot(path=str(tmp_path / f"dashboard-360-{language}.png"), full_page=True)

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, page.evaluate(OVERFLOWING, 360)
    box = page.locator("svg.timeline").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_timeline_label_stays_inside_the_drawing(language, width, busy, new_page, tmp_path):
    page = new_page(width, language, height=900)

    svg = page.locator("svg.timeline")
    expect(svg).to_be_visible()
    svg.screenshot(path=str(tmp_path / f"timeline-{width}-{language}.png"))

    outside = svg.evaluate(
        """svg => {
          const box = svg.getBoundingClientRect();
          return [...svg.querySelectorAll('text')]
            .filter(t => { const r = t.getBoundingClientRect();
                           return r.left < box.left - 0.5 || r.right > box.right + 0.5; })
            .map(t => t.textContent);
        }"""
    )
    assert outside == []

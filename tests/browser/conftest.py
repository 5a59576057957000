"""Browser tests drive Debian's Chromium through Playwright against the live server."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _chromium_writes_nothing_home(tmp_path_factory):
    base = tmp_path_factory.mktemp("chromium")
    mp = pytest.MonkeyPatch()
    mp.setenv("XDG_CONFIG_HOME", str(base / "config"))
    mp.setenv("XDG_CACHE_HOME", str(base / "cache"))
    yield
    mp.undo()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


def sign_in(page, live_server, user):
    """Sign ``user`` in through the sign-in page, as a person would."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("a long test password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


@pytest.fixture
def signed_in_page(page, live_server, staff_member):
    """A Chromium page signed in as a member of staff."""
    return sign_in(page, live_server, staff_member)


@pytest.fixture
def manager_page(page, live_server, manager, council_calendar):
    """A Chromium page signed in as a manager."""
    return sign_in(page, live_server, manager)

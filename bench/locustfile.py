"""The clients of ``bench/load.py``: signed-in editors reading the dashboard and the list.

Run by ``bench/load.py`` (``make load``), which starts the server and passes,
in the environment:

- ``SUIVI_LOAD_USERNAMES``: the editors' usernames, comma-separated, one per
  client (their number is the number of clients locust is told to start);
- ``SUIVI_LOAD_PASSWORD``: their password, generated for the run;
- ``SUIVI_LOAD_SECONDS``: how long the measured window lasts, in seconds;
- ``SUIVI_LOAD_WINDOW``: a JSON file this writes: the window's start and end
  (Unix seconds) and how many clients signed in, with the failed sign-ins.

Each client signs in once through the real sign-in form (GET the page, POST
the username, the password and the form's CSRF token), then waits until every
client has signed in: the window opens only then, so the page figures are
those of 20 signed-in clients, not of the sign-in's password hashing. In the
window each client asks for the next page as soon as it has the last one
(no think time), the dashboard three times as often as the follow-up list.
The window closes after ``SUIVI_LOAD_SECONDS``; requests still in flight then
are not counted.

The server runs with ``DJANGO_ENV=production`` as behind the reverse proxy of
``docs/deploy.md``: every request says ``X-Forwarded-Proto: https``, as the
proxy does, and a form is posted with the ``Origin`` a browser sends. The
clients' cookie jar counts plain HTTP as secure (``LOOPBACK_IS_HTTPS``), so
the session's and the CSRF token's secure cookies go back over the loopback
connection, as a browser sends them over HTTPS to the proxy.

Pages are asked for without following redirects: a client whose session was
lost gets a redirect to the sign-in page, counted as an error, not the sign-in
page counted as a dashboard. Static files are not asked for: their names are
hashed and served with a far-future expiry (WhiteNoise), so a signed-in
browser has them in its cache.
"""

from __future__ import annotations

import json
import os
import re
import time
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import gevent  # type: ignore[import-untyped]
from gevent.event import Event  # type: ignore[import-untyped]
from locust import constant, events, task
from locust.contrib.fasthttp import FastHttpUser
from locust.env import Environment
from locust.exception import StopUser

DASHBOARD = "/"
FOLLOWUP_LIST = "/followups/"
SIGN_IN = "/accounts/login/"
# The dashboard : the follow-up list, in requests.
DASHBOARD_WEIGHT = 3
FOLLOWUP_LIST_WEIGHT = 1

# The server's secure cookies are sent back over the loopback's plain HTTP.
LOOPBACK_IS_HTTPS = DefaultCookiePolicy(secure_protocols=("https", "wss", "http"))
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

USERNAMES = [name for name in os.environ.get("SUIVI_LOAD_USERNAMES", "").split(",") if name]
PASSWORD = os.environ.get("SUIVI_LOAD_PASSWORD", "")
SECONDS = float(os.environ.get("SUIVI_LOAD_SECONDS", "60"))
WINDOW_FILE = Path(os.environ.get("SUIVI_LOAD_WINDOW", "var/load/window.json"))


class Run:
    """What the clients share: who is next to sign in, who has, and the window."""

    next_username = 0
    finished_sign_ins = 0
    failed_sign_ins: list[str] = []
    all_signed_in = Event()
    window: dict[str, Any] = {}


def write_window() -> None:
    WINDOW_FILE.parent.mkdir(parents=True, exist_ok=True)
    WINDOW_FILE.write_text(json.dumps(Run.window, indent=2))


def close_window(environment: Environment) -> None:
    Run.window["end"] = time.time()
    write_window()
    if environment.runner is not None:
        environment.runner.quit()


def open_window(environment: Environment) -> None:
    Run.window = {
        "start": time.time(),
        "clients": len(USERNAMES),
        "signed_in": len(USERNAMES) - len(Run.failed_sign_ins),
        "failed_sign_ins": Run.failed_sign_ins,
    }
    write_window()
    Run.all_signed_in.set()
    # Nobody signed in: nothing to measure.
    gevent.spawn_later(SECONDS if Run.window["signed_in"] else 0, close_window, environment)


@events.test_start.add_listener
def check_setup(environment: Environment, **kwargs: Any) -> None:
    if not USERNAMES or not PASSWORD:
        raise SystemExit("Run bench/load.py: it passes the clients' usernames and password.")


class Editor(FastHttpUser):
    """One signed-in editor: the dashboard and the follow-up list, 3 : 1."""

    wait_time = constant(0)
    default_headers = {"X-Forwarded-Proto": "https"}

    def on_start(self) -> None:
        self.client.cookiejar.set_policy(LOOPBACK_IS_HTTPS)
        username = USERNAMES[Run.next_username % len(USERNAMES)]
        Run.next_username += 1
        error = self.sign_in(username)
        if error:
            Run.failed_sign_ins.append(f"{username}: {error}")
        Run.finished_sign_ins += 1
        if Run.finished_sign_ins == len(USERNAMES):
            open_window(self.environment)
        Run.all_signed_in.wait()
        if error:
            raise StopUser()

    def sign_in(self, username: str) -> str:
        """Sign in through the form; an empty string, or what went wrong."""
        origin = "https://" + urlsplit(str(self.host)).netloc
        with self.client.get(SIGN_IN, name="sign-in form", catch_response=True) as page:
            match = CSRF_INPUT.search(page.text or "")
            if page.status_code != 200 or match is None:
                page.failure(f"sign-in form: {page.status_code}, no CSRF token")
                return f"sign-in form answered {page.status_code}"
        with self.client.post(
            SIGN_IN,
            name="sign-in",
            data={
                "username": username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": match.group(1),
                "next": "",
            },
            headers={"Origin": origin, "Referer": origin + SIGN_IN},
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"sign-in refused: {answer.status_code}")
                return f"sign-in answered {answer.status_code}"
        return ""

    def page(self, path: str) -> None:
        with self.client.get(path, allow_redirects=False, catch_response=True) as answer:
            if answer.status_code != 200:
                location = answer.headers.get("Location", "") if answer.headers else ""
                answer.failure(f"{answer.status_code} {location}".strip())

    @task(DASHBOARD_WEIGHT)
    def dashboard(self) -> None:
        self.page(DASHBOARD)

    @task(FOLLOWUP_LIST_WEIGHT)
    def followup_list(self) -> None:
        self.page(FOLLOWUP_LIST)

"""Load the dashboard and the follow-up list with signed-in editors, and report.

    python bench/load.py [--clients 20] [--seconds 60] [--generate N]     (make load)

Against the database of ``DATABASE_URL`` (default
``postgres://postgres@127.0.0.1:5432/suivi_bench``), which must be migrated
and hold follow-ups: with none, it says to run ``python manage.py
generate_load --resolutions 2000`` first, or runs that itself with
``--generate 2000``. Then:

1. makes sure the roles exist (``ensure_roles``) and the static files are
   collected (``collectstatic``), as ``make serve`` does, and on PostgreSQL
   gathers the planner's statistics (``ANALYZE``, as autovacuum would);
2. creates or updates ``--clients`` editors, ``load-editor-01``…, with a
   password generated for the run, each in exactly one unit: the units that
   lead the most open follow-ups first, one editor after another, so that
   the dashboard's "my work" has rows (a benchmark fixture: written with the
   ORM and ``tracker.services``' unit membership);
3. starts gunicorn (``--workers``, sync workers as ``make serve``) on
   127.0.0.1, on port 8765 or a free one, and waits for ``/healthz``;
4. runs locust headless with ``bench/locustfile.py``: ``--clients`` clients
   sign in through the sign-in form at once, then, once all have, ask for the
   dashboard and the follow-up list (3 : 1) without pause for ``--seconds``;
5. prints, for each page, requests per second, median and 95th percentile
   response times and errors, and writes them to ``bench/load.json``
   (ignored by git: figures depend on the machine).

Gunicorn is stopped at the end, whatever happens (a failure, Ctrl-C, a
SIGTERM), and locust is killed if it outlives ``--seconds`` plus two minutes
for the sign-ins. Everything listens and connects on the loopback only.
Gunicorn's and locust's output go to ``var/load/``. Exits 1 if any request
failed, 2 if the database is not ready.

The server's settings: ``DJANGO_ENV=production``, as deployed
(``docs/deploy.md``): DEBUG off, a ``SECRET_KEY`` generated for the run,
``ALLOWED_HOSTS=127.0.0.1``, WhiteNoise serving the collected static files,
database connections kept for 60 s (``CONN_MAX_AGE``, the settings'), and
every HTTPS rule on: HSTS, secure cookies, the SSL redirect, CSRF's check of
the origin. In production gunicorn sits behind a reverse proxy that ends
HTTPS and says so with ``X-Forwarded-Proto: https``
(``SUIVI_PROXY_SSL_HEADER``); the clients send that header themselves, so
the server runs the code it runs in production, the redirect does not fire,
and only the proxy's TLS work is left out. Turning production off instead
(``DJANGO_ENV=development`` with DEBUG off) would change nothing else but
measure a site without those HTTPS rules; turning only the redirect off is
not a setting Suivi has.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from types import FrameType
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
LOCUSTFILE = REPO_ROOT / "bench" / "locustfile.py"
OUTPUT = REPO_ROOT / "bench" / "load.json"
LOG_DIR = REPO_ROOT / "var" / "load"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/suivi_bench"
HOST = "127.0.0.1"
PREFERRED_PORT = 8765
USERNAME = "load-editor-{:02d}"
# The pages measured, as locust names them, with the names the table gives them.
PAGES = {"/": "dashboard /", "/followups/": "follow-ups /followups/"}
SIGN_IN_NAMES = ("sign-in form", "sign-in")
WEIGHTS = {"/": 3, "/followups/": 1}  # as in bench/locustfile.py
SIGN_IN_ALLOWANCE = 120  # seconds for every client to sign in, before the window opens
STARTUP_TIMEOUT = 60  # seconds for gunicorn to answer /healthz


class NotReady(Exception):
    """The database cannot be loaded yet; the message says what to run."""


@dataclass(frozen=True)
class PageFigures:
    """One page's figures over the window: ``requests`` completed, ``per_second``
    (requests / window seconds), ``median_ms`` and ``p95_ms`` response times in
    milliseconds (locust's, rounded as it buckets them; None without requests),
    ``errors`` (failed requests: a status other than 200, a refused connection)."""

    requests: int
    per_second: float
    median_ms: float | None
    p95_ms: float | None
    errors: int


# --- Pure helpers ------------------------------------------------------------


def free_port(preferred: int = PREFERRED_PORT, host: str = HOST) -> int:
    """``preferred`` if nothing listens on it on ``host``, else a port the system picks."""
    for port in (preferred, 0):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            # As gunicorn binds: the last run's closed connections do not hold the port.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return int(probe.getsockname()[1])
    raise OSError(f"no free port on {host}")


def _number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:  # locust writes "N/A" for an entry without requests
        return None


def read_stats(rows: Sequence[Mapping[str, str]]) -> dict[str, dict[str, float | None]]:
    """Locust's ``*_stats.csv`` rows by name: ``requests``, ``failures`` (counts),
    ``median_ms`` and ``p95_ms`` (None when locust has none)."""
    return {
        row["Name"]: {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "median_ms": _number(row["50%"]),
            "p95_ms": _number(row["95%"]),
        }
        for row in rows
    }


def page_figures(
    stats: Mapping[str, Mapping[str, float | None]], pages: Sequence[str], seconds: float
) -> dict[str, PageFigures]:
    """Each of ``pages``' figures over a window of ``seconds`` (a page locust never
    reported on has zero requests). Raises ``ValueError`` for a window of no time."""
    if seconds <= 0:
        raise ValueError(f"a window of {seconds} s")
    figures = {}
    for page in pages:
        row = stats.get(page, {})
        requests = int(row.get("requests") or 0)
        figures[page] = PageFigures(
            requests=requests,
            per_second=requests / seconds,
            median_ms=row.get("median_ms"),
            p95_ms=row.get("p95_ms"),
            errors=int(row.get("failures") or 0),
        )
    return figures


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def table(figures: Mapping[str, PageFigures], labels: Mapping[str, str]) -> str:
    """The figures as a plain-text table, one line per page, named by ``labels``."""
    lines = [
        f"{'page':<24} {'requests':>8} {'req/s':>7} {'median ms':>9} {'p95 ms':>7} {'errors':>6}"
    ]
    for page, f in figures.items():
        lines.append(
            f"{labels.get(page, page):<24} {f.requests:>8} {f.per_second:>7.1f}"
            f" {_ms(f.median_ms):>9} {_ms(f.p95_ms):>7} {f.errors:>6}"
        )
    return "\n".join(lines)


def redacted(url: str) -> str:
    """``url`` without its password, for printing."""
    scheme, sep, rest = url.partition("://")
    credentials, at, location = rest.rpartition("@")
    if not at or ":" not in credentials:
        return url
    return f"{scheme}{sep}{credentials.split(':', 1)[0]}:***@{location}"


# --- The database --------------------------------------------------------------


def prepare_database(generate: int | None) -> dict[str, Any]:
    """Check that the database is migrated and holds follow-ups (generating them
    with ``generate_load --resolutions N`` when ``generate`` is N), then run the
    bootstrap ``make serve`` runs. Returns what it holds: ``vendor``, ``name``,
    ``followups``, ``resolutions``. Raises ``NotReady``."""
    from django.core.management import CommandError, call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from resolutions.models import Resolution
    from tracker.models import FollowUp
    from tracker.roles import ensure_roles

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise NotReady("The database is not migrated: run python manage.py migrate first.")
    ensure_roles()
    if not FollowUp.objects.exists():
        if generate is None:
            raise NotReady(
                "The database has no follow-ups: run python manage.py generate_load "
                "--resolutions 2000 first (or bench/load.py --generate 2000)."
            )
        try:
            call_command("generate_load", "--resolutions", str(generate))
        except CommandError as error:
            raise NotReady(f"generate_load: {error}") from None
    if connection.vendor == "postgresql":
        # Statistics, as autovacuum keeps them on a live database: rows just
        # generated have none, and the planner would guess a few hundred rows.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    call_command("collectstatic", interactive=False, verbosity=0)
    return {
        "vendor": connection.vendor,
        "name": str(connection.settings_dict["NAME"]),
        "followups": FollowUp.objects.count(),
        "resolutions": Resolution.objects.count(),
    }


def prepare_editors(count: int, password: str) -> list[str]:
    """``count`` active editors (``USERNAME``) with ``password``, each in the
    Editor role only and in exactly one unit: the units leading the most open
    follow-ups first, round robin (any unit when none leads one; a unit of its
    own when there is none). Returns their usernames."""
    from axes.utils import reset as reset_sign_in_failures
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.db.models import Count, Q

    from tracker import roles, services
    from tracker.models import OPEN_STATUSES, Unit

    user_model = get_user_model()
    editor = Group.objects.get(name=roles.EDITOR)
    ranked = list(
        Unit.objects.annotate(
            led=Count("followups", filter=Q(followups__status__in=OPEN_STATUSES))
        ).order_by("-led", "name")
    )
    units: list[Unit] = list(ranked)
    if not ranked:
        units = [services.ensure_unit(name="Load test unit", abbreviation="LTU")]
    elif ranked[0].led == 0:
        print("No unit leads an open follow-up: the dashboard's 'my work' will be empty.")
    hashed = make_password(password)  # one hash for all: the same password
    usernames = []
    with transaction.atomic():
        for n in range(1, count + 1):
            username = USERNAME.format(n)
            user, _created = user_model.objects.update_or_create(
                username=username,
                defaults={
                    "first_name": "Load",
                    "last_name": f"Editor {n}",
                    "is_active": True,
                    "is_staff": False,
                    "is_superuser": False,
                    "password": hashed,
                },
            )
            user.groups.set([editor])
            unit = units[(n - 1) % len(units)]
            for other in Unit.objects.filter(members=user).exclude(pk=unit.pk):
                services.remove_unit_member(unit=other, person=user)
            services.add_unit_member(unit=unit, person=user)
            usernames.append(username)
    for username in usernames:
        reset_sign_in_failures(username=username)
    return usernames


# --- The server and the clients -----------------------------------------------


def server_environment(base: Mapping[str, str], *, port: int) -> dict[str, str]:
    """The environment gunicorn (and this script's Django) runs in: ``base`` with
    production settings for a site at https://127.0.0.1:``port`` behind a proxy."""
    environment = dict(base)
    for name in ("DEBUG", "CSRF_TRUSTED_ORIGINS", "SUIVI_CLIENT_IP_HEADER", "GUNICORN_CMD_ARGS"):
        environment.pop(name, None)
    environment.update(
        DJANGO_SETTINGS_MODULE="tracker.project.settings",
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS=HOST,
        SUIVI_PROXY_SSL_HEADER="X-Forwarded-Proto",
        SUIVI_BASE_URL=f"https://{HOST}:{port}",
        DATABASE_URL=base.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
    )
    return environment


@contextlib.contextmanager
def gunicorn(environment: Mapping[str, str], *, port: int, workers: int) -> Iterator[None]:
    """Gunicorn serving Suivi on 127.0.0.1:``port`` while the block runs, as
    ``make serve`` starts it; stopped (its whole process group) when the block
    ends, however it ends. Raises ``RuntimeError`` if it never answers."""
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log_path = LOG_DIR / "gunicorn.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "tracker.project.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--no-control-socket",
        "--forwarded-allow-ips",
        HOST,
    ]
    with log_path.open("w") as log:
        server = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=dict(environment),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: the workers are stopped with it
        )
        try:
            wait_until_up(server, port, log_path)
            yield
        finally:
            stop(server)


def wait_until_up(server: subprocess.Popen[bytes], port: int, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start: see {log_path}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=5) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise RuntimeError(f"gunicorn did not answer /healthz in {STARTUP_TIMEOUT} s: see {log_path}")


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stop gunicorn's process group: TERM (a graceful stop), then KILL after 10 s."""
    if server.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def run_locust(
    environment: Mapping[str, str],
    *,
    port: int,
    usernames: Sequence[str],
    password: str,
    seconds: int,
) -> Path:
    """Run locust headless with ``bench/locustfile.py``; returns the CSV prefix of
    its figures. Killed if it runs ``SIGN_IN_ALLOWANCE`` + 60 s past ``seconds``."""
    prefix = LOG_DIR / "locust"
    for stale in LOG_DIR.glob("locust_*.csv"):
        stale.unlink()
    (LOG_DIR / "window.json").unlink(missing_ok=True)
    run_time = seconds + SIGN_IN_ALLOWANCE
    command = [
        sys.executable,
        "-m",
        "locust",
        "--locustfile",
        str(LOCUSTFILE),
        "--headless",
        "--users",
        str(len(usernames)),
        "--spawn-rate",
        str(len(usernames)),
        "--run-time",
        f"{run_time}s",
        "--host",
        f"http://{HOST}:{port}",
        "--csv",
        str(prefix),
        "--only-summary",
        "--exit-code-on-error",
        "0",
    ]
    client_environment = {
        key: value
        for key, value in environment.items()
        if key not in ("SECRET_KEY", "DATABASE_URL")
    }
    client_environment.update(
        SUIVI_LOAD_USERNAMES=",".join(usernames),
        SUIVI_LOAD_PASSWORD=password,
        SUIVI_LOAD_SECONDS=str(seconds),
        SUIVI_LOAD_WINDOW=str(LOG_DIR / "window.json"),
    )
    with (LOG_DIR / "locust.log").open("w") as log:
        subprocess.run(
            command,
            cwd=REPO_ROOT,
            env=client_environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            timeout=run_time + 60,
            check=True,
        )
    return prefix


def report(
    prefix: Path, database: Mapping[str, Any], options: argparse.Namespace
) -> tuple[dict[str, Any], str]:
    """What locust measured, as ``bench/load.json``'s content and a table."""
    window = json.loads((LOG_DIR / "window.json").read_text())
    if "end" not in window:
        raise RuntimeError(
            f"the clients did not all sign in within {SIGN_IN_ALLOWANCE} s: see {LOG_DIR}"
        )
    seconds = window["end"] - window["start"]
    with Path(f"{prefix}_stats.csv").open(newline="") as read:
        stats = read_stats(list(csv.DictReader(read)))
    figures = page_figures(stats, list(PAGES), seconds)
    sign_in_errors = sum(int(stats.get(name, {}).get("failures") or 0) for name in SIGN_IN_NAMES)
    failures = []
    failures_csv = Path(f"{prefix}_failures.csv")
    if failures_csv.exists():
        with failures_csv.open(newline="") as read:
            failures = [
                f"{row['Occurrences']} × {row['Method']} {row['Name']}: {row['Error']}"
                for row in csv.DictReader(read)
            ]
    content = {
        "measured_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": dict(database),
        "server": {
            "workers": options.workers,
            "settings": "DJANGO_ENV=production behind a TLS proxy (X-Forwarded-Proto: https)",
        },
        "clients": int(window["clients"]),
        "signed_in": int(window["signed_in"]),
        "seconds": round(seconds, 2),
        "weights": WEIGHTS,
        "pages": {page: asdict(f) for page, f in figures.items()},
        "sign_in_errors": sign_in_errors,
        "failures": failures,
    }
    total = sum(f.per_second for f in figures.values())
    text = "\n".join(
        [
            f"{content['signed_in']} signed-in clients for {seconds:.1f} s, "
            f"dashboard : list = {WEIGHTS['/']} : {WEIGHTS['/followups/']}, "
            f"{options.workers} gunicorn workers, "
            f"{database['followups']} follow-ups ({database['vendor']} {database['name']})",
            "",
            table(figures, PAGES),
            f"{'both pages':<24} {'':>8} {total:>7.1f}",
            f"sign-in errors: {sign_in_errors}",
            *failures[:10],
        ]
    )
    return content, text


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds through the finally that stops gunicorn


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--clients", type=int, default=20, help="signed-in clients (20)")
    parser.add_argument("--seconds", type=int, default=60, help="the measured window (60)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (4)")
    parser.add_argument(
        "--generate",
        type=int,
        metavar="N",
        help="with no follow-ups: run generate_load --resolutions N first",
    )
    parser.add_argument("--output", type=Path, default=OUTPUT, help="bench/load.json")
    parser.add_argument(
        "--any-database",
        action="store_true",
        help="run against a database whose name says neither bench nor load",
    )
    options = parser.parse_args(argv)
    if options.clients < 1 or options.seconds < 1 or options.workers < 1:
        parser.error("--clients, --seconds and --workers must be at least 1")
    url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if not options.any_database and not re.search(r"bench|load", url.rsplit("/", 1)[-1]):
        parser.error(f"{redacted(url)} is not a scratch database: --any-database to use it")
    signal.signal(signal.SIGTERM, _stop_on_sigterm)

    port = free_port()
    environment = server_environment(os.environ, port=port)
    os.environ.update(environment)
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    import django
    from django.db import connections

    django.setup()
    print(f"database: {redacted(environment['DATABASE_URL'])}")
    try:
        database = prepare_database(options.generate)
    except NotReady as error:
        print(error, file=sys.stderr)
        return 2
    password = secrets.token_urlsafe(24)
    usernames = prepare_editors(options.clients, password)
    connections.close_all()  # nothing of this process's stays open during the run

    busy = os.getloadavg()[0]
    if busy >= 1:
        print(f"The machine is busy (load average {busy:.1f}): the figures will be low.")
    print(
        f"serving on http://{HOST}:{port}/ with {options.workers} workers; "
        f"{options.clients} clients for {options.seconds} s after signing in…"
    )
    with gunicorn(environment, port=port, workers=options.workers):
        prefix = run_locust(
            environment, port=port, usernames=usernames, password=password, seconds=options.seconds
        )
    content, text = report(prefix, database, options)
    content["machine"] = {"cpus": os.cpu_count(), "load_average_before": round(busy, 2)}
    options.output.write_text(json.dumps(content, indent=2) + "\n")
    print()
    print(text)
    print(f"\nwritten to {options.output}; logs in {LOG_DIR}")
    errors = content["sign_in_errors"] + sum(p["errors"] for p in content["pages"].values())
    return 1 if errors else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # gunicorn was stopped on the way out
        print("\nInterrupted: no figures.", file=sys.stderr)
        sys.exit(130)

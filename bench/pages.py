"""Measure Suivi's pages on a large database, beside the Django admin and bare queries.

    make bench                       (python bench/pages.py)
    python bench/pages.py [--resolutions 2000] [--runs 15] [--export-runs 5]

Against the database in ``DATABASE_URL`` (``make bench`` defaults it to the
PostgreSQL database ``suivi_bench`` on 127.0.0.1) and a second one beside it
named ``<name>_tenth``: each is created if missing, migrated, and filled by
``manage.py generate_load`` up to ``--resolutions`` texts (a tenth of them in
the second). Then, for each database, a separate process signs in a
benchmark editor (the role ``editor``, a member of the unit that leads most
follow-ups: permission checks count, as for any editor) and a benchmark
administrator (the role ``administrator``, for the admin's pages, not a
superuser), and measures each target ``--runs`` times, interleaved round by
round with its comparisons:

- the page, through Django's full request handling (middleware, sessions,
  templates) with ``django.test.Client``, the response read to the end;
- the admin's follow-up changelist showing the same rows, 50 a page as the list;
- a bare call of the page's own selector, its rows read (``bare``), no template.

For each it records the median and 95th percentile time (ms), the SQL
queries of one request, the response size and, for the downloads and the
feed, the peak growth of Python allocations while the response is read
(``tracemalloc``, one more request). It prints a table per database and
writes ``bench/results.json`` with every figure, the ratios page / admin
and page / bare, and the targets each figure is held to.

Timings depend on the machine and what else runs on it: compare the figures
of one run with each other, not with another day's.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
RESULTS = REPO_ROOT / "bench" / "results.json"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/suivi_bench"
PAGE_SIZE = 50

# What each kind of figure is held to (the full data set; ratios from one run).
TARGETS = {
    "queries per page": 12,
    "queries per admin change page": 30,
    "list median / admin changelist median": 1.0,
    "list median / bare median": 2.0,
    "admin follow-up change page median, ms": 1000,
    "download of 20,000 rows, ms": 2000,
    "download peak memory growth, MB": 50,
}


@dataclass
class Figures:
    """One target's measurements: times in ms, size in bytes, memory in MB."""

    times: list[float] = field(default_factory=list)
    queries: int = 0
    size: int = 0
    status: int = 0
    peak_mb: float | None = None

    def summary(self) -> dict[str, Any]:
        ordered = sorted(self.times)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] if ordered else 0.0
        return {
            "median_ms": round(statistics.median(ordered), 1) if ordered else None,
            "p95_ms": round(p95, 1),
            "runs": len(ordered),
            "queries": self.queries,
            "bytes": self.size,
            "status": self.status,
            "peak_memory_growth_mb": self.peak_mb,
        }


# ---------------------------------------------------------------------------
# The parent: prepare each database, measure it in a process of its own, report.


def database_url(base: str, suffix: str) -> str:
    """``base`` with ``suffix`` added to its database name."""
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=parts.path + suffix))


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database of ``url`` if it does not exist (SQLite: nothing)."""
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        return
    import psycopg

    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def manage(url: str, *arguments: str) -> str:
    """Run ``manage.py`` against ``url``; its output."""
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "manage.py"), *arguments],
        env=environment(url),
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def environment(url: str) -> dict[str, str]:
    """The settings the measured process runs with: DEBUG off (templates cached,
    as in production), a throwaway key, the test client's host allowed."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DJANGO_ENV", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DATABASE_URL=url,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        SUIVI_BASE_URL="http://testserver",
    )
    return env


def prepare(url: str, resolutions: int) -> None:
    """Create, migrate and fill ``url`` up to ``resolutions`` texts."""
    ensure_database(url)
    manage(url, "migrate", "--noinput", "--verbosity", "0")
    manage(url, "ensure_roles")
    manage(url, "collectstatic", "--noinput", "--verbosity", "0")  # DEBUG off: the manifest
    stored = int(
        manage(
            url,
            "shell",
            "--no-imports",
            "-c",
            "from resolutions.models import Resolution; print(Resolution.objects.count())",
        ).strip()
    )
    if stored < resolutions:
        print(f"  generating {resolutions - stored:,} texts…", flush=True)
        print("  " + manage(url, "generate_load", "--resolutions", str(resolutions - stored)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--resolutions", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=15, help="Requests per page (default 15).")
    parser.add_argument(
        "--export-runs", type=int, default=5, help="Requests per download and feed (default 5)."
    )
    parser.add_argument("--no-tenth", action="store_true", help="Measure the full size only.")
    parser.add_argument(
        "--only", default="", help="Measure only the targets whose name contains this text."
    )
    parser.add_argument(
        "--any-database",
        action="store_true",
        help="measure a database whose name does not say bench",
    )
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # the child: its label
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    if args.measure:
        measure(label=args.measure, runs=args.runs, export_runs=args.export_runs, only=args.only)
        return
    base = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE
    # It adds thousands of documents and people with roles: never to a real register.
    if not args.any_database and "bench" not in urlsplit(base).path:
        parser.error(f"{urlsplit(base).path} is not a bench database: --any-database to use it")
    sizes = [("full", base, args.resolutions)]
    if not args.no_tenth:
        sizes.append(("tenth", database_url(base, "_tenth"), max(1, args.resolutions // 10)))
    results: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "database": urlsplit(base).scheme,
        "runs": args.runs,
        "export_runs": args.export_runs,
        "targets": TARGETS,
        "sizes": {},
    }
    for label, url, count in sizes:
        print(f"== {label}: {count:,} texts in {urlsplit(url).path.lstrip('/')}", flush=True)
        prepare(url, count)
        child = subprocess.run(
            [
                sys.executable,
                __file__,
                "--measure",
                label,
                "--runs",
                str(args.runs),
                "--export-runs",
                str(args.export_runs),
                "--only",
                args.only,
            ],
            env=environment(url),
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        )
        size = json.loads(child.stdout.splitlines()[-1])
        results["sizes"][label] = size
        print_table(label, size)
    if "tenth" in results["sizes"]:
        print_growth(results["sizes"])
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"Written: {args.output}")


def _cell(value: Any, unit: str = "") -> str:
    return "—" if value is None else f"{value}{unit}"


def print_table(label: str, size: dict[str, Any]) -> None:
    counts = size["counts"]
    print(
        f"\n{label}: {counts['resolutions']:,} texts, {counts['paragraphs']:,} paragraphs, "
        f"{counts['followups']:,} follow-ups, {counts['progress']:,} progress entries"
    )
    header = (
        f"{'page':34} {'median':>8} {'p95':>8} {'SQL':>4} {'KB':>7} {'peak MB':>8}"
        f" {'admin':>8} {'SQL':>4} {'bare':>8} {'SQL':>4} {'/admin':>7} {'/bare':>6}"
    )
    print(header)
    print("-" * len(header))
    for name, row in size["targets"].items():
        page, admin, bare = row["page"], row.get("admin"), row.get("bare")
        print(
            f"{name:34} {_cell(page['median_ms']):>8} {_cell(page['p95_ms']):>8}"
            f" {page['queries']:>4} {page['bytes'] / 1024:>7.0f}"
            f" {_cell(page['peak_memory_growth_mb']):>8}"
            f" {_cell(admin and admin['median_ms']):>8} {_cell(admin and admin['queries']):>4}"
            f" {_cell(bare and bare['median_ms']):>8} {_cell(bare and bare['queries']):>4}"
            f" {_cell(row.get('page_over_admin')):>7} {_cell(row.get('page_over_bare')):>6}"
        )


def print_growth(sizes: dict[str, Any]) -> None:
    print("\nfull / tenth (median time; SQL queries full vs tenth)")
    for name, row in sizes["full"]["targets"].items():
        tenth = sizes["tenth"]["targets"].get(name)
        if not tenth:
            continue
        full_ms, tenth_ms = row["page"]["median_ms"], tenth["page"]["median_ms"]
        ratio = round(full_ms / tenth_ms, 2) if tenth_ms else None
        print(
            f"{name:34} ×{_cell(ratio):<6} SQL {row['page']['queries']} vs "
            f"{tenth['page']['queries']}"
        )


# ---------------------------------------------------------------------------
# The child: measure one database.


@dataclass
class Target:
    """A page to measure, with what it is compared with."""

    name: str
    url: str
    admin: bool = False  # requested by the administrator (the admin's own pages)
    download: bool = False  # a download or feed: fewer runs, memory measured
    compare_url: str | None = None  # the admin changelist showing the same rows
    bare: Callable[[], object] | None = None
    detail: str = ""  # which row was picked, and why
    before: Callable[[], None] | None = None  # run before each request, not timed
    results: dict[str, Figures] = field(default_factory=dict)


def measure(*, label: str, runs: int, export_runs: int, only: str = "") -> None:
    """Measure every target in this process's database; print one JSON line."""
    sys.path.insert(0, str(REPO_ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.project.settings")
    import django

    django.setup()

    from django.contrib import admin
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.cache import caches
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from resolutions.models import Paragraph, Resolution, Session
    from tracker import dashboards, exports, selectors, services
    from tracker.models import FollowUp, ProgressEntry, Unit
    from tracker.roles import ADMINISTRATOR, EDITOR, ensure_roles
    from tracker.web.kept import PAGES

    ensure_roles()
    admin.site._registry[FollowUp].list_per_page = PAGE_SIZE  # type: ignore[misc]
    user_model = get_user_model()
    unit = Unit.objects.annotate(led=Count("followups")).order_by(
        "-led", "pk"
    ).first() or Unit.objects.create(name="Benchmark unit")
    editor, _ = user_model.objects.get_or_create(
        username="bench-editor", defaults={"first_name": "Bench", "last_name": "Editor"}
    )
    editor.groups.set([Group.objects.get(name=EDITOR)])
    unit.members.add(editor)
    administrator, _ = user_model.objects.get_or_create(
        username="bench-administrator", defaults={"is_staff": True}
    )
    administrator.groups.set([Group.objects.get(name=ADMINISTRATOR)])
    feed_key = services.feed_key_for(user=editor).key

    followup = FollowUp.objects.annotate(entries=Count("progress")).order_by("-entries", "pk")[0]
    resolution = Resolution.objects.annotate(n=Count("followups")).order_by("-n", "pk")[0]
    session = Session.objects.annotate(n=Count("followups")).order_by("-n", "pk")[0]
    today = timezone.localdate()
    filters = {"status": "in_progress", "lead_unit": str(unit.pk), "kind": "report"}
    admin_filters = f"status__exact=in_progress&lead_unit__id__exact={unit.pk}&kind__exact=report"

    def bare_list(params: dict[str, str]) -> Callable[[], object]:
        # The list's first page as the view reads it: counted, then read (a
        # search: its matches' ids, then the page's rows).
        def run() -> object:
            filterset = selectors.followup_list(filters=params, user=editor)
            page = selectors.followup_page(filterset, 1, per_page=PAGE_SIZE)
            return page.paginator.count, list(page)

        return run

    def bare_followup() -> object:
        item = selectors.followup_detail(pk=followup.pk)
        records = selectors.followup_history(item)
        return (
            selectors.followup_activity(item, records),
            selectors.followup_series(item),
            selectors.hand_set_due_date(item, records),
        )

    def bare_download() -> object:
        rows = 0
        followups = selectors.followup_list(filters={}, user=editor).qs
        for chunk in exports.chunks(followups, *exports.SHEET_FIELDS, **exports.SHEET_COLUMNS):
            rows += len(chunk)
        return rows

    def bare_feed() -> object:
        return sum(
            1
            for _row in selectors.followup_list(filters={}, user=editor).qs.iterator(
                chunk_size=2000
            )
        )

    list_url = "/followups/"

    def forget_shared() -> None:
        dashboards.recent_shared.clear()
        for kept in caches.all():
            kept.clear()

    editor_client, admin_client = Client(), Client()
    editor_client.force_login(editor)
    admin_client.force_login(administrator)

    # The rounds interleave every page, and a "nothing cached" one empties the
    # caches: a page measured with its shared parts or itself kept is first
    # asked for once, untimed, so that it is.
    def kept(url: str) -> Callable[[], None]:
        def warm() -> None:
            editor_client.get(url)

        return warm

    def written(url: str) -> Callable[[], None]:
        # The parts every reader shares kept (shared parts, menus, the list's
        # table), the page itself written for its reader, as for someone who
        # has not opened it since the last write.
        def warm_then_forget() -> None:
            editor_client.get(url)
            caches[PAGES].clear()

        return warm_then_forget

    def cold_dashboard() -> object:
        # The shared parts read again; their HTML stays cached for the next page.
        dashboards.recent_shared.clear()
        return dashboards.dashboard(user=editor, today=today)

    targets = [
        Target(
            "dashboard",
            "/",
            bare=lambda: dashboards.dashboard(user=editor, today=today),
            detail="opened again by its reader: the page kept for them (tracker/web/kept.py)",
            before=kept("/"),
        ),
        Target(
            "dashboard, new to its reader",
            "/",
            bare=lambda: dashboards.dashboard(user=editor, today=today),
            before=written("/"),
            detail="its shared parts kept, the page written for the reader",
        ),
        Target(
            "dashboard, nothing cached",
            "/",
            bare=cold_dashboard,
            before=forget_shared,
            detail="its shared parts read again, as after any write",
        ),
        Target(
            "follow-up list",
            list_url,
            compare_url="/admin/tracker/followup/",
            bare=bare_list({}),
            before=written(list_url),
            detail="written for the reader from the menus and rows kept since the last write",
        ),
        Target(
            "follow-up list, nothing cached",
            list_url,
            compare_url="/admin/tracker/followup/",
            bare=bare_list({}),
            before=forget_shared,
            detail="its menus and rows read again, as after any write",
        ),
        Target(
            "follow-up list, kept",
            list_url,
            compare_url="/admin/tracker/followup/",
            bare=bare_list({}),
            detail="opened again by its reader: the page kept for them",
            before=kept(list_url),
        ),
        Target(
            "list, 3 filters",
            f"{list_url}?status=in_progress&lead_unit={unit.pk}&kind=report",
            compare_url=f"/admin/tracker/followup/?{admin_filters}",
            bare=bare_list(filters),
            before=written(f"{list_url}?status=in_progress&lead_unit={unit.pk}&kind=report"),
        ),
        Target(
            "list, search “climate”",
            f"{list_url}?q=climate",
            compare_url="/admin/tracker/followup/?q=climate",
            bare=bare_list({"q": "climate"}),
            before=written(f"{list_url}?q=climate"),
        ),
        Target(
            "follow-up page",
            f"/followups/{followup.pk}/",
            bare=bare_followup,
            detail=f"the one with the most progress entries ({getattr(followup, 'entries', 0)})",
        ),
        Target(
            "resolution page",
            f"/resolutions/{resolution.symbol}/",
            bare=lambda: selectors.resolution_page(symbol=resolution.symbol, language=None),
            detail=f"{resolution.symbol}, the most follow-ups ({resolution.n})",
        ),
        Target(
            "session report",
            f"/sessions/{session.pk}/report/",
            bare=lambda: dashboards.session_report(pk=session.pk),
            detail=f"{session}, the most follow-ups ({session.n})",
        ),
        Target(
            "calendar feed, all rows",
            f"/feeds/{feed_key}/followups.ics",
            download=True,
            bare=bare_feed,
        ),
        Target("CSV, all rows", "/followups.csv", download=True, bare=bare_download),
        Target("XLSX, all rows", "/followups.xlsx", download=True, bare=bare_download),
        Target(
            "admin: follow-up change page",
            f"/admin/tracker/followup/{followup.pk}/change/",
            admin=True,
        ),
        Target(
            "admin: resolution change page",
            f"/admin/resolutions/resolution/{resolution.pk}/change/",
            admin=True,
        ),
    ]
    targets = [target for target in targets if only in target.name]

    def request(
        client: Client, url: str, figures: Figures, before: Callable[[], None] | None = None
    ) -> None:
        if before:
            before()
        started = time.perf_counter()
        response = client.get(url)
        if response.streaming:
            size = sum(len(bytes(chunk)) for chunk in getattr(response, "streaming_content", []))
        else:
            size = len(response.content)
        figures.times.append((time.perf_counter() - started) * 1000)
        figures.size, figures.status = size, response.status_code

    def call(function: Callable[[], object], figures: Figures) -> None:
        started = time.perf_counter()
        function()
        figures.times.append((time.perf_counter() - started) * 1000)

    def count_queries(action: Callable[[], None]) -> int:
        with CaptureQueriesContext(connection) as captured:
            action()
        return len(captured.captured_queries)

    for target in targets:
        client = admin_client if target.admin else editor_client
        page = target.results["page"] = Figures()
        request(client, target.url, Figures())  # warm: caches, first connection
        if target.before:  # untimed, and its queries not counted
            target.before()
        page.queries = count_queries(partial(request, client, target.url, Figures()))
        if target.compare_url:
            compared = target.results["admin"] = Figures()
            compared.queries = count_queries(
                partial(request, admin_client, target.compare_url, Figures())
            )
        if target.bare:
            bare = target.results["bare"] = Figures()
            bare.queries = count_queries(partial(call, target.bare, Figures()))
        if target.download:
            tracemalloc.start()
            start = tracemalloc.get_traced_memory()[0]
            request(client, target.url, Figures())
            page.peak_mb = round((tracemalloc.get_traced_memory()[1] - start) / 2**20, 1)
            tracemalloc.stop()

    for round_number in range(max(runs, export_runs)):
        for target in targets:
            if target.download and round_number >= export_runs:
                continue
            client = admin_client if target.admin else editor_client
            request(client, target.url, target.results["page"], target.before)
            if target.compare_url:
                request(admin_client, target.compare_url, target.results["admin"])
            if target.bare:
                call(target.bare, target.results["bare"])

    report: dict[str, Any] = {
        "counts": {
            "resolutions": Resolution.objects.count(),
            "paragraphs": Paragraph.objects.count(),
            "followups": FollowUp.objects.count(),
            "progress": ProgressEntry.objects.count(),
        },
        "targets": {},
    }
    for target in targets:
        row: dict[str, Any] = {kind: f.summary() for kind, f in target.results.items()}
        page_ms = row["page"]["median_ms"]
        for kind in ("admin", "bare"):
            if kind in row and row[kind]["median_ms"]:
                row[f"page_over_{kind}"] = round(page_ms / row[kind]["median_ms"], 2)
        row["url"] = target.url
        row["detail"] = target.detail
        report["targets"][target.name] = row
    print(json.dumps(report, default=asdict))


if __name__ == "__main__":
    main()

"""Measure the spreadsheet downloads on a long list: time and peak memory growth.

    python bench/exports.py [--rows 20000]        (make bench-exports)

Creates ``--rows`` follow-ups (with paragraphs, a lead unit, a focal point and a
progress note each) in a throwaway test database — in-memory SQLite, or
``test_<name>`` beside the ``DATABASE_URL`` database, dropped afterwards — and
exports them through the list's selector as CSV (``tracker.exports.csv_text``,
as the streamed response sends it) and as XLSX (``write_xlsx`` into a spooled
temporary file, as the view does). For each, at a tenth of the rows and at all
of them, it prints:

- the time taken (best of one run without tracing);
- the peak of Python allocations above the start (``tracemalloc``, a second
  run): flat when rows are streamed, not growing with the number of rows;
- the growth of the process's peak resident size (``ru_maxrss``, Linux KiB),
  which also counts openpyxl's and the database driver's C memory;
- the number of queries (one for the rows, one per 500 rows for their paragraphs).

A last line loads every row at once (``list(queryset)``) for comparison.

If ``libreoffice`` is on PATH, the XLSX is converted back to CSV with
``libreoffice --headless --convert-to csv`` and its row count checked.
Prints figures only: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.project.settings_test")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import QuerySet  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from resolutions.models import Body, Language, Paragraph, ParagraphKind, Resolution, Session  # noqa: E402
from tracker import exports, selectors  # noqa: E402
from tracker.models import FollowUp, ProgressEntry, Status, Unit  # noqa: E402

BASE_URL = "https://suivi.example.org"
STATUSES = [Status.NOT_STARTED, Status.IN_PROGRESS, Status.DONE, Status.CANCELLED]


def create_rows(count: int) -> None:
    """``count`` follow-ups over 100 resolutions (bulk inserts, no history)."""
    user_model = get_user_model()
    people = user_model.objects.bulk_create(
        user_model(username=f"bench{n}", first_name="Amina", last_name=f"Diallo {n}")
        for n in range(20)
    )
    units = Unit.objects.bulk_create(
        Unit(name=f"Bench section {n}", abbreviation=f"BS{n}") for n in range(10)
    )
    sessions = Session.objects.bulk_create(
        Session(
            body=Body.HRC,
            number=900 + n,
            start_date=datetime.date(2030, 1, 1) + datetime.timedelta(weeks=17 * n),
            end_date=datetime.date(2030, 2, 5) + datetime.timedelta(weeks=17 * n),
        )
        for n in range(6)
    )
    resolutions = Resolution.objects.bulk_create(
        Resolution(
            session=sessions[0],
            body=Body.HRC,
            number=f"99/{n}",
            symbol=f"A/HRC/RES/99/{n}",
            title="Coopération technique et renforcement des capacités",
            agenda_item="3",
            adopted_on=sessions[0].end_date,
            meeting=40,
            language=Language.EN,
            source_text="Bench.",
        )
        for n in range(100)
    )
    paragraphs = Paragraph.objects.bulk_create(
        Paragraph(
            resolution=resolution,
            kind=ParagraphKind.OPERATIVE,
            number=number,
            text="Requests the High Commissioner to present a report.",
            subparagraphs=[],
        )
        for resolution in resolutions
        for number in (1, 2)
    )
    followups = FollowUp.objects.bulk_create(
        (
            FollowUp(
                resolution=resolutions[n % 100],
                kind="report",
                title=f"Rapport sur la réunion n° {n}",
                actor="high_commissioner",
                target_session=sessions[n % 6],
                due_date=sessions[n % 6].start_date - datetime.timedelta(weeks=6),
                status=STATUSES[n % 4],
                lead_unit=units[n % 10],
                focal_point=people[n % 20],
                output_document=f"A/HRC/99/{n}",
            )
            for n in range(count)
        ),
        batch_size=2000,
    )
    through = FollowUp.paragraphs.through
    through.objects.bulk_create(
        (
            through(followup_id=f.pk, paragraph_id=paragraphs[2 * (n % 100) + k].pk)
            for n, f in enumerate(followups)
            for k in (0, 1)
        ),
        batch_size=5000,
    )
    ProgressEntry.objects.bulk_create(
        (
            ProgressEntry(followup=f, author=people[0], text=f"Projet envoyé à l’édition ({n})")
            for n, f in enumerate(followups)
        ),
        batch_size=5000,
    )


def export_csv(followups: QuerySet[FollowUp]) -> int:
    """Bytes of the CSV, encoded piece by piece as the streamed response does."""
    size = 0
    for piece in exports.csv_text(followups, language="fr", base_url=BASE_URL):
        size += len(piece.encode())
    return size


def export_xlsx(followups: QuerySet[FollowUp]) -> int:
    """Bytes of the XLSX, written into a spooled temporary file as the view does."""
    with tempfile.SpooledTemporaryFile(max_size=1024 * 1024) as spool:
        exports.write_xlsx(followups, spool, language="fr", base_url=BASE_URL)
        return spool.tell()


def load_all(followups: QuerySet[FollowUp]) -> int:
    """For comparison: every row loaded at once, as a list."""
    return len(list(followups))


def measure(export: Callable[[QuerySet[FollowUp]], int], rows: int) -> dict[str, Any]:
    total = FollowUp.objects.count()

    def followups() -> QuerySet[FollowUp]:
        # A fresh queryset per run: a list() must not find the previous run's rows cached.
        queryset: QuerySet[FollowUp] = selectors.followup_list().qs
        if rows < total:
            queryset = queryset.filter(pk__in=FollowUp.objects.order_by("pk")[:rows].values("pk"))
        return queryset

    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        size = export(followups())
    seconds = time.perf_counter() - start

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    base, _ = tracemalloc.get_traced_memory()
    export(followups())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    return {
        "rows": rows,
        "seconds": seconds,
        "peak_mib": (peak - base) / 2**20,
        "rss_kib": rss_growth,
        "queries": len(queries),
        "size_kib": size / 1024,
    }


def libreoffice_round_trip(rows: int) -> str:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        return "skipped: libreoffice not installed"
    with tempfile.TemporaryDirectory() as folder:
        xlsx = Path(folder) / "followups.xlsx"
        with xlsx.open("wb") as target:
            exports.write_xlsx(
                selectors.followup_list().qs, target, language="fr", base_url=BASE_URL
            )
        subprocess.run(
            [
                office,
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76",
                "--outdir",
                folder,
                str(xlsx),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
        with (Path(folder) / "followups.csv").open(encoding="utf-8", newline="") as read:
            found = sum(1 for _ in csv.reader(read))
    verdict = "matches" if found == rows + 1 else "DOES NOT MATCH"
    return f"libreoffice read {found} lines (header + {found - 1} rows): {verdict}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=20000)
    options = parser.parse_args()
    test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor} ({test_name}), creating {options.rows} rows…")
        started = time.perf_counter()
        create_rows(options.rows)
        if connection.vendor == "postgresql":
            # Statistics, as autovacuum would gather them on a live database: without
            # them the planner guesses a few hundred rows and picks slow plans.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"created in {time.perf_counter() - started:.1f} s\n")
        print(
            f"{'export':<6} {'rows':>7} {'time s':>7} {'peak MiB':>9} {'RSS +KiB':>9}"
            f" {'queries':>8} {'size KiB':>9}"
        )
        for name, export in (("CSV", export_csv), ("XLSX", export_xlsx)):
            for rows in (max(options.rows // 10, 1), options.rows):
                m = measure(export, rows)
                print(
                    f"{name:<6} {m['rows']:>7} {m['seconds']:>7.2f} {m['peak_mib']:>9.2f}"
                    f" {m['rss_kib']:>9} {m['queries']:>8} {m['size_kib']:>9.0f}"
                )
        m = measure(load_all, options.rows)
        print(
            f"{'list()':<6} {m['rows']:>7} {m['seconds']:>7.2f} {m['peak_mib']:>9.2f}"
            f" {m['rss_kib']:>9} {m['queries']:>8}          (all rows at once, for comparison)"
        )
        print("\npeak MiB: Python allocations above the start (tracemalloc);")
        print("RSS +KiB: growth of the process's peak resident size (getrusage).")
        print(libreoffice_round_trip(options.rows))
    finally:
        connection.creation.destroy_test_db(test_name, verbosity=0)


if __name__ == "__main__":
    main()

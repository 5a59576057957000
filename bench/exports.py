"""Measure the downloads and the calendar feed on a long list: time, memory, queries.

    python bench/exports.py [--rows 20000]        (make bench-exports)
    python bench/exports.py --existing [--rows N]  (the DATABASE_URL database as it is)

Without ``--existing``, creates data shaped like a few years of the Council's
work in a throwaway test database (in-memory SQLite, or ``test_<name>``
beside the ``DATABASE_URL`` database, dropped afterwards): a resolution for
every ten of the ``--rows`` open follow-ups, each resolution with its full
source text (about 20 KB, as pasted), twenty paragraphs and a mandate per
follow-up; a further tenth as many follow-ups done or cancelled; ten progress
entries a follow-up (two of them status changes without a note). With
``--existing``, it creates nothing and writes nothing: it reads the
follow-ups already there (``manage.py generate_load`` makes such a database),
``--rows`` defaulting to all of them.

Each of the CSV (``tracker.exports.csv_text``, encoded piece by piece as the
streamed response sends it), the XLSX (``write_xlsx`` into a spooled
temporary file, as the view does), the JSON (``json_pieces``) and the
calendar feed (``tracker.feeds.feed_chunks``, which keeps the open
follow-ups with a due date) is read through the list's selector, at a tenth
of the rows and at all of them (the first rows by primary key: for the feed,
the first open ones with a due date), and it prints:

- the time taken (the best of ``--repeat`` runs without tracing, default 3:
  other work on the machine only ever slows a run down);
- the peak of Python allocations above the start (``tracemalloc``, a second
  run): flat when rows are streamed, not growing with the number of rows;
- the growth of the process's peak resident size (``ru_maxrss``, Linux KiB),
  which also counts the database driver's C memory (a peak: it shows only
  what goes beyond every earlier measurement);
- the number of queries (a fixed few, and one or two per chunk of rows).

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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.project.settings_test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import QuerySet  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from resolutions.models import (  # noqa: E402
    Actor,
    Body,
    Language,
    Mandate,
    MandateKind,
    Paragraph,
    ParagraphKind,
    Resolution,
    Session,
)
from tracker import exports, feeds, selectors  # noqa: E402
from tracker.models import OPEN_STATUSES, FollowUp, ProgressEntry, Status, Unit  # noqa: E402
from tracker.titles import TitleParts, generated_title  # noqa: E402

BASE_URL = "https://suivi.example.org"
KINDS = [MandateKind.REPORT, MandateKind.ORAL_UPDATE, MandateKind.MEETING, MandateKind.OTHER]
ACTORS = [Actor.HIGH_COMMISSIONER, Actor.SECRETARY_GENERAL, Actor.OHCHR, Actor.SPECIAL_PROCEDURES]

PREAMBLE = (
    "Recalling all relevant resolutions and decisions of the Human Rights Council "
    "and of the Commission on Human Rights on the subject, and reaffirming the "
    "commitment of all States to fulfil their obligations to promote universal "
    "respect for, and the observance and protection of, all human rights and "
    "fundamental freedoms for all, in accordance with the Charter of the United "
    "Nations, the Universal Declaration of Human Rights and other instruments,"
)
OPERATIVE = (
    "Requests the Office of the High Commissioner to prepare a report on the "
    "implementation of the present resolution, in consultation with States, "
    "United Nations agencies, funds and programmes, regional organizations, "
    "national human rights institutions and civil society, and to present it to "
    "the Human Rights Council at its session, followed by an interactive dialogue;"
)


def source_text(symbol: str, title: str) -> str:
    """A resolution as pasted: about 20 KB, its own symbol and numbers in it."""
    lines = [
        "United Nations",
        symbol,
        "General Assembly",
        f"Human Rights Council Resolution adopted by the Human Rights Council {symbol}",
        title,
        "",
    ]
    for n in range(1, 26):
        lines.append(f"{PREAMBLE} ({n})")
    for n in range(1, 26):
        lines.append(f"{n}. {OPERATIVE} (paragraph {n} of {symbol})")
    lines.append("40th meeting. Adopted without a vote.")
    return "\n\n".join(lines)


def create_rows(count: int) -> None:
    """``count`` open follow-ups and a tenth as many closed ones (bulk inserts, no
    history), over ``count // 10`` resolutions with their full source text."""
    user_model = get_user_model()
    people = user_model.objects.bulk_create(
        user_model(username=f"bench{n}", first_name="Amina", last_name=f"Diallo {n}")
        for n in range(200)
    )
    units = Unit.objects.bulk_create(
        Unit(name=f"Bench section {n}", abbreviation=f"BS{n}") for n in range(30)
    )
    # The Council's sessions the migrations load, else a few of the bench's own.
    sessions = list(Session.objects.filter(body=Body.HRC, special=False).order_by("number"))
    if not sessions:
        sessions = Session.objects.bulk_create(
            Session(
                body=Body.HRC,
                number=40 + n,
                start_date=datetime.date(2019, 2, 25) + datetime.timedelta(weeks=17 * n),
                end_date=datetime.date(2019, 3, 22) + datetime.timedelta(weeks=17 * n),
            )
            for n in range(30)
        )
    adopted_in = sessions[-30:-6] or sessions
    resolution_count = max(count // 10, 1)
    resolutions: list[Resolution] = []
    for start in range(0, resolution_count, 200):
        batch = []
        for n in range(start, min(start + 200, resolution_count)):
            session = adopted_in[n % len(adopted_in)]
            symbol = f"A/HRC/RES/{session.number}/{n + 1}"
            title = "Coopération technique et renforcement des capacités dans le domaine"
            batch.append(
                Resolution(
                    session=session,
                    body=Body.HRC,
                    number=f"{session.number}/{n + 1}",
                    symbol=symbol,
                    title=title,
                    agenda_item="10",
                    adopted_on=session.end_date,
                    meeting=40,
                    language=Language.EN,
                    source_text=source_text(symbol, title),
                )
            )
        resolutions.extend(Resolution.objects.bulk_create(batch))
    paragraphs = Paragraph.objects.bulk_create(
        (
            Paragraph(
                resolution=resolution,
                kind=kind,
                number=number,
                text=PREAMBLE if kind == ParagraphKind.PREAMBULAR else OPERATIVE,
                subparagraphs=[],
            )
            for resolution in resolutions
            for kind, numbers in ((ParagraphKind.PREAMBULAR, 8), (ParagraphKind.OPERATIVE, 12))
            for number in range(1, numbers + 1)
        ),
        batch_size=5000,
    )
    # The operative paragraphs of resolution r: paragraphs[20 * r + 8 : 20 * r + 20].
    total = count + count // 10
    # Every eleventh follow-up is done or cancelled: ``count`` stay open.
    shape = [
        (
            min(n // 11, resolution_count - 1),
            (Status.DONE if n % 2 else Status.CANCELLED)
            if n % 11 == 10
            else (Status.NOT_STARTED if n % 3 == 0 else Status.IN_PROGRESS),
        )
        for n in range(total)
    ]
    mandates = Mandate.objects.bulk_create(
        (
            Mandate(
                resolution=resolutions[r],
                paragraph=paragraphs[20 * r + 8 + n % 12],
                kind=KINDS[n % 4],
                actor=ACTORS[n % 4],
                session_number=resolutions[r].session.number + 3,
                text=OPERATIVE,
                order=n,
            )
            for n, (r, _status) in enumerate(shape)
        ),
        batch_size=5000,
    )
    by_number = {session.number: session for session in sessions}
    followups: list[FollowUp] = []
    for start in range(0, total, 5000):
        made = []
        for n in range(start, min(start + 5000, total)):
            r, status = shape[n]
            mandate = mandates[n]
            target = by_number.get(mandate.session_number or 0, sessions[-1])
            parts: TitleParts = {
                "kind": mandate.kind,
                "session": target.number,
                "body": Body.HRC,
                "paragraph": n % 12 + 1,
                "symbol": resolutions[r].number,
            }
            made.append(
                FollowUp(
                    resolution=resolutions[r],
                    mandate=mandate,
                    kind=mandate.kind,
                    # As imported: generated in the site's language, shown in the reader's.
                    title=generated_title(parts, language=settings.LANGUAGE_CODE),
                    title_parts=parts,
                    actor=mandate.actor,
                    target_session=target,
                    due_date=target.start_date
                    - datetime.timedelta(weeks=6)
                    + datetime.timedelta(days=n % 5),
                    status=status,
                    completed_on=target.start_date if status == Status.DONE else None,
                    lead_unit=units[n % 30],
                    focal_point=people[n % 200],
                    output_document=f"A/HRC/{target.number}/{n}" if status == Status.DONE else "",
                )
            )
        followups.extend(FollowUp.objects.bulk_create(made))
    through = FollowUp.paragraphs.through
    through.objects.bulk_create(
        (
            through(followup_id=f.pk, paragraph_id=paragraphs[20 * shape[n][0] + 8 + k].pk)
            for n, f in enumerate(followups)
            for k in sorted({n % 12, (n + 5) % 12})[: 1 + n % 2]
        ),
        batch_size=5000,
    )
    start_at = timezone.now() - datetime.timedelta(days=900)

    def entries() -> Iterator[ProgressEntry]:
        for n, followup in enumerate(followups):
            for k in range(10):
                yield ProgressEntry(
                    followup=followup,
                    author=people[(n + k) % 200],
                    created_at=start_at + datetime.timedelta(days=k * 60, minutes=n),
                    text="" if k in (3, 9) else f"Projet envoyé à l’édition ({n}, étape {k})",
                    status_to=Status.IN_PROGRESS if k in (3, 9) else "",
                )

    ProgressEntry.objects.bulk_create(entries(), batch_size=5000)


@contextmanager
def first_rows(rows: int | None, *, feed: bool) -> Iterator[None]:
    """The list's selector limited to its first ``rows`` follow-ups by primary key
    (the first open ones with a due date, for the feed); all of them for None."""
    if rows is None:
        yield
        return
    candidates = FollowUp.objects.order_by("pk")
    if feed:
        candidates = candidates.filter(status__in=OPEN_STATUSES, due_date__isnull=False)
    limit = list(candidates.values_list("pk", flat=True)[rows - 1 : rows])
    original = selectors.followup_queryset

    def limited() -> QuerySet[FollowUp]:
        return original().filter(pk__lte=limit[0]) if limit else original()

    selectors.followup_queryset = limited
    try:
        yield
    finally:
        selectors.followup_queryset = original


def export_csv() -> int:
    """Bytes of the CSV, encoded piece by piece as the streamed response does."""
    followups = selectors.followup_list().qs
    return sum(
        len(piece.encode())
        for piece in exports.csv_text(followups, language="fr", base_url=BASE_URL)
    )


def export_xlsx() -> int:
    """Bytes of the XLSX, written into a spooled temporary file as the view does."""
    with tempfile.SpooledTemporaryFile(max_size=1024 * 1024) as spool:
        exports.write_xlsx(selectors.followup_list().qs, spool, language="fr", base_url=BASE_URL)
        return spool.tell()


def export_json() -> int:
    """Bytes of the JSON, encoded piece by piece as the streamed response does."""
    return sum(len(piece.encode()) for piece in exports.json_pieces(selectors.followup_list().qs))


def export_feed() -> int:
    """Bytes of the calendar feed of every open follow-up with a due date."""
    chunks = feeds.feed_chunks(filters=None, user=AnonymousUser(), base_url=BASE_URL, language="fr")
    return sum(len(chunk) for chunk in chunks)


def load_all() -> int:
    """For comparison: every row loaded at once, as a list."""
    return len(list(selectors.followup_list().qs))


def measure(
    export: Callable[[], int], rows: int | None, *, feed: bool, repeat: int = 1
) -> dict[str, Any]:
    with first_rows(rows, feed=feed):
        if feed:
            counted = selectors.followup_list().qs.filter(
                status__in=OPEN_STATUSES, due_date__isnull=False
            )
        else:
            counted = selectors.followup_list().qs
        count = counted.count()
        seconds = float("inf")
        for _run in range(repeat):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                size = export()
            seconds = min(seconds, time.perf_counter() - start)

        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        base, _ = tracemalloc.get_traced_memory()
        export()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    return {
        "rows": count,
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


def report(options: argparse.Namespace) -> None:
    rows = options.rows or FollowUp.objects.count()
    print(
        f"{'export':<6} {'rows':>7} {'time s':>7} {'peak MiB':>9} {'RSS +KiB':>9}"
        f" {'queries':>8} {'size KiB':>9}"
    )
    for name, export, feed in (
        ("CSV", export_csv, False),
        ("XLSX", export_xlsx, False),
        ("JSON", export_json, False),
        ("feed", export_feed, True),
    ):
        for size in (max(rows // 10, 1), rows):
            m = measure(export, size, feed=feed, repeat=options.repeat)
            print(
                f"{name:<6} {m['rows']:>7} {m['seconds']:>7.2f} {m['peak_mib']:>9.2f}"
                f" {m['rss_kib']:>9} {m['queries']:>8} {m['size_kib']:>9.0f}"
            )
    m = measure(load_all, rows, feed=False)
    print(
        f"{'list()':<6} {m['rows']:>7} {m['seconds']:>7.2f} {m['peak_mib']:>9.2f}"
        f" {m['rss_kib']:>9} {m['queries']:>8}          (all rows at once, for comparison)"
    )
    print("\npeak MiB: Python allocations above the start (tracemalloc);")
    print("RSS +KiB: growth of the process's peak resident size (getrusage).")
    if not options.existing:
        print(libreoffice_round_trip(FollowUp.objects.count()))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--rows", type=int, default=None, help="default: 20000, or all")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs timed, the best kept (default: 3)"
    )
    parser.add_argument(
        "--existing",
        action="store_true",
        help="read the DATABASE_URL database as it is: create nothing",
    )
    options = parser.parse_args()
    if options.existing:
        print(f"database: {connection.vendor} ({connection.settings_dict['NAME']}), as it is\n")
        report(options)
        return
    options.rows = options.rows or 20000
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
        report(options)
    finally:
        connection.creation.destroy_test_db(test_name, verbosity=0)


if __name__ == "__main__":
    main()

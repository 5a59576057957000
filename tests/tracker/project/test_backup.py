"""``manage.py backup`` and ``manage.py restore``: the whole database, row for row.

The round trips run the commands as an operator would, in a process of their
own pointed at a database by ``DATABASE_URL``: the data is committed first
(``transactional_db``), since pg_dump reads through a connection of its own.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from resolutions.selectors import read_resolution_text
from tests.corpus import REPO
from tests.factories import FollowUpFactory, ProgressEntryFactory, UnitFactory, UserFactory
from tracker import services
from tracker.models import FollowUp

SAMPLE = REPO / "resolutions" / "sample_data" / "A_HRC_RES_46_13.fr.txt"
POSTGRESQL = connection.vendor == "postgresql"


def manage(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO", "DATABASE_URL"))
    }
    environment |= {
        "DJANGO_SETTINGS_MODULE": "tracker.project.settings_test",
        "DATABASE_URL": database_url,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
    )


def fill(client) -> None:
    """A database as an office leaves it: an import with its history, follow-ups with
    progress, units, users, a signed-in session and a failed sign-in."""
    text = SAMPLE.read_text()
    parsed = read_resolution_text(text=text)
    proposals = services.proposals_for(parsed)
    services.import_resolution(
        parsed=parsed, source_text=text, proposals=proposals[:2], dropped=[2]
    )
    unit = UnitFactory(name="Rule of Law section")
    person = UserFactory(username="nadia")
    for followup in FollowUp.objects.all():
        ProgressEntryFactory(followup=followup, author=person, text="Drafting « première » étape")
    FollowUpFactory(lead_unit=unit, focal_point=person, title="Ünïcode title ✓")
    client.force_login(person)
    client.post(reverse("login"), {"username": "nadia", "password": "wrong"})


def postgres_url(name: str) -> str:
    settings = connection.settings_dict
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{name}"


def postgres_rows(url: str) -> dict[str, Any]:
    """Every row of every table (sorted), and every sequence's position."""
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://")) as database:
        tables = [
            row[0]
            for row in database.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
        ]
        content: dict[str, Any] = {
            table: sorted(map(repr, database.execute(f'SELECT * FROM "{table}"').fetchall()))
            for table in tables
        }
        content["sequences"] = sorted(
            database.execute("SELECT sequencename, last_value FROM pg_sequences").fetchall()
        )
    return content


@pytest.fixture
def empty_postgres_database(transactional_db):
    """A new, empty database beside the test database, dropped afterwards."""
    import psycopg

    name = f"{connection.settings_dict['NAME']}_restored"
    admin_url = postgres_url("postgres").replace("postgres://", "postgresql://")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.skipif(not POSTGRESQL, reason="pg_dump and pg_restore need PostgreSQL")
def test_a_backup_restored_into_an_empty_database_has_every_row_of_every_table(
    client, empty_postgres_database, council_calendar, tmp_path
):
    fill(client)
    original = postgres_url(connection.settings_dict["NAME"])
    restored = postgres_url(empty_postgres_database)
    backup = tmp_path / "suivi.dump"

    made = manage("backup", str(backup), database_url=original)
    assert made.returncode == 0, made.stderr
    done = manage("restore", str(backup), database_url=restored)
    assert done.returncode == 0, done.stderr

    before, after = postgres_rows(original), postgres_rows(restored)
    assert before == after
    # The round trip carried what matters, history and all.
    assert "resolutions_historicalresolution" in after
    assert len(after["resolutions_historicalmandate"]) >= 3
    assert len(after["axes_accessattempt"]) == 1
    assert len(after["django_session"]) == 1


@pytest.mark.skipif(not POSTGRESQL, reason="pg_restore needs PostgreSQL")
def test_restoring_into_a_database_in_use_is_refused_and_changes_nothing(
    empty_postgres_database, tmp_path
):
    # The test database itself: migrated, so not empty.
    backup = tmp_path / "suivi.dump"
    original = postgres_url(connection.settings_dict["NAME"])
    assert manage("backup", str(backup), database_url=original).returncode == 0

    refused = manage("restore", str(backup), database_url=original)

    assert refused.returncode != 0
    assert "is not empty" in refused.stderr


def sqlite_rows(path: Path) -> dict[str, list[str]]:
    database = sqlite3.connect(path)
    try:
        tables = [
            row[0] for row in database.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {
            table: sorted(map(repr, database.execute(f'SELECT * FROM "{table}"').fetchall()))
            for table in tables
        }
    finally:
        database.close()


def test_on_sqlite_the_backup_is_a_copy_that_restores_into_an_empty_file(tmp_path):
    original = tmp_path / "suivi.sqlite3"
    url = f"sqlite:///{original}"
    assert manage("migrate", "--verbosity", "0", database_url=url).returncode == 0
    assert manage("load_sample_data", database_url=url).returncode == 0
    backup = tmp_path / "backup.sqlite3"

    assert manage("backup", str(backup), database_url=url).returncode == 0
    restored = tmp_path / "restored.sqlite3"
    done = manage("restore", str(backup), database_url=f"sqlite:///{restored}")

    assert done.returncode == 0, done.stderr
    assert sqlite_rows(restored) == sqlite_rows(original)
    assert sqlite_rows(restored)["resolutions_historicalparagraph"]
    refused = manage("restore", str(backup), database_url=url)
    assert refused.returncode != 0
    assert "is not empty" in refused.stderr
    nowhere = manage("restore", str(backup), database_url=f"sqlite:///{tmp_path}/no/such.sqlite3")
    assert nowhere.returncode != 0
    assert "does not exist: create it, then restore" in nowhere.stderr
    assert "Traceback" not in nowhere.stderr


def test_a_file_that_is_not_a_backup_is_refused(db, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("not a backup")

    with pytest.raises(CommandError, match="is not a backup of a"):
        call_command("restore", str(other))


def test_a_missing_file_is_refused_with_its_name(db, tmp_path):
    with pytest.raises(CommandError, match=r"missing\.dump"):
        call_command("restore", str(tmp_path / "missing.dump"))

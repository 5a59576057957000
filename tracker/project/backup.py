"""Backing up the whole database to a file and restoring it into an empty one.

``python manage.py backup FILE`` and ``python manage.py restore FILE`` call
these. On PostgreSQL they run ``pg_dump --format=custom`` and ``pg_restore``:
every table (the history tables, sessions, the sign-in throttle's records and
Django's own bookkeeping included), every row as stored, the sequences, the
constraints and indexes, restored in one transaction. Django's
``dumpdata``/``loaddata`` were not chosen: ``loaddata`` needs a migrated
database whose content types and permissions ``migrate`` has already filled
(a restore would then merge rows rather than copy them), and row ids and
sequences are only approximately kept. On SQLite (``make run``), the backup is
a copy of the database file made with SQLite's online backup, consistent
while the site runs; restoring copies it into an empty file.

A backup of one kind restores into a database of the same kind only.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import connections

POSTGRESQL = "django.db.backends.postgresql"
SQLITE = "django.db.backends.sqlite3"
# The first bytes of each kind of backup file.
_PG_DUMP_MAGIC = b"PGDMP"
_SQLITE_MAGIC = b"SQLite format 3\x00"


class BackupError(Exception):
    """A backup or restore that could not be made; the message says why, for people."""


def _engine(settings: dict[str, Any]) -> str:
    engine = str(settings["ENGINE"])
    if engine not in (POSTGRESQL, SQLITE):
        raise BackupError(f"Backups are made of PostgreSQL or SQLite databases, not {engine}.")
    return engine


def _pg_environment(settings: dict[str, Any]) -> dict[str, str]:
    """The libpq variables that name the database of ``settings``: no password on a
    command line, where other users of the machine could read it."""
    environment = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if settings.get(key):
            environment[variable] = str(settings[key])
    return environment


def _run(command: list[str], settings: dict[str, Any]) -> None:
    try:
        completed = subprocess.run(
            command, env=_pg_environment(settings), capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} is not installed: install PostgreSQL's client programs "
            "(Debian: postgresql-client), at the server's version or later."
        ) from None
    if completed.returncode != 0:
        raise BackupError(f"{command[0]} failed: {completed.stderr.strip()}")


def backup(*, alias: str, path: Path) -> None:
    """Write the whole database ``alias`` to ``path`` (overwritten). Raises ``BackupError``."""
    settings = connections[alias].settings_dict
    if _engine(settings) == POSTGRESQL:
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={path}"],
            settings,
        )
        return
    _sqlite_copy(Path(settings["NAME"]), path)


def restore(*, alias: str, path: Path) -> None:
    """Restore the backup at ``path`` into the database ``alias``, which must be empty.

    Raises ``BackupError`` for a file that is not a backup of this kind of
    database, or a database that already holds tables: a restore never mixes
    two databases. On PostgreSQL nothing is kept of a restore that fails.
    """
    settings = connections[alias].settings_dict
    engine = _engine(settings)
    try:
        with path.open("rb") as backup_file:
            magic = backup_file.read(len(_SQLITE_MAGIC))
    except OSError as error:
        raise BackupError(f"{path}: {error.strerror}.") from None
    expected = _PG_DUMP_MAGIC if engine == POSTGRESQL else _SQLITE_MAGIC
    if not magic.startswith(expected):
        kind = "PostgreSQL" if engine == POSTGRESQL else "SQLite"
        raise BackupError(f"{path} is not a backup of a {kind} database made by manage.py backup.")
    if engine != POSTGRESQL and not Path(settings["NAME"]).parent.is_dir():
        raise BackupError(
            f"The folder of {settings['NAME']} does not exist: create it, then restore."
        )
    connection = connections[alias]
    tables = connection.introspection.table_names()
    connection.close()  # pg_restore works through a connection of its own
    if tables:
        how = "createdb" if engine == POSTGRESQL else "a new file name in DATABASE_URL"
        raise BackupError(
            f"The database {settings['NAME']} is not empty ({len(tables)} tables): restore "
            f"into a new, empty database ({how}), never over one in use."
        )
    if engine == POSTGRESQL:
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={settings['NAME']}",
                str(path),
            ],
            settings,
        )
        return
    _sqlite_copy(path, Path(settings["NAME"]))


def _sqlite_copy(source_path: Path, target_path: Path) -> None:
    """Copy the SQLite database at ``source_path`` into ``target_path`` with
    SQLite's online backup (consistent while the site writes to the source)."""
    source = sqlite3.connect(str(source_path))
    target = sqlite3.connect(str(target_path))
    try:
        with target:
            source.backup(target)
    finally:
        target.close()
        source.close()

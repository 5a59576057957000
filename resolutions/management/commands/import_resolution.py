"""Import Council or General Assembly resolutions from text files.

    python manage.py import_resolution PATH [PATH …] [--dry-run] [--json]
                                           [--replace] [--language en|fr]

PATH is a file or a folder (its ``*.txt`` files). Steps, per file:

1. Read the bytes and decode them (UTF-8); a binary file is refused, naming the line.
2. Parse the text through the importer's pipeline (``resolutions.importer.parse``).
3. With ``--dry-run``, write nothing; with ``--json``, print the parsed result as
   one JSON object per line on standard output (anything else goes to standard
   error, so the output stays JSON) (with ``source`` naming the file when several are
   read; a file that fails prints ``{"source", "error"}``, with the importer's
   ``code`` and ``line`` when the text could not be read, and the run goes on).
   Warnings and errors name their line and are written in the active language.
4. Otherwise save it in one transaction (refused if the symbol is stored,
   unless ``--replace``, which keeps what points at its paragraphs and lists
   what changed). Its mandates are then proposed follow-ups; ``manage.py
   accept_followups SYMBOL`` turns them into follow-ups.

Exits non-zero if any file failed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from resolutions import services
from resolutions.importer import ImporterError
from resolutions.importer.source import decode
from resolutions.problems import describe_with_line
from resolutions.selectors import read_resolution_text


def _files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"{raw}: no such file or folder")
    return files


class Command(BaseCommand):
    help = "Import resolutions from text files (see the module docstring)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--dry-run", action="store_true", help="Parse only; write nothing.")
        parser.add_argument("--json", action="store_true", help="Print the parsed result as JSON.")
        parser.add_argument(
            "--replace", action="store_true", help="Replace a resolution already stored."
        )
        parser.add_argument("--language", choices=["en", "fr"], help="Override detection.")

    def handle(self, *args: Any, **options: Any) -> None:
        files = _files(options["paths"])
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            # Even a dry run reads the session calendar (a special session's
            # "next session" is numbered from it).
            raise CommandError(
                "The database is not set up: run `make run` once, or `python manage.py migrate`."
            )
        several = len(options["paths"]) > 1 or Path(options["paths"][0]).is_dir()
        failures = 0
        for path in files:
            try:
                self._import(path, several=several, **options)
            except (ImporterError, services.ResolutionExists, ValidationError) as error:
                failures += 1
                details: dict[str, Any] = {}
                if isinstance(error, ValidationError):
                    reason = "; ".join(error.messages)
                elif isinstance(error, ImporterError):
                    reason = describe_with_line(error)
                    details = {"code": error.code, "line": error.line}
                else:
                    reason = str(error)
                message = f"{path}: {reason}"
                if options["json"]:
                    self.stdout.write(
                        json.dumps(
                            {"source": str(path), "error": reason, **details}, ensure_ascii=False
                        )
                    )
                else:
                    self.stderr.write(message)
                if not several:
                    raise CommandError(message) from None
        if failures:
            raise CommandError(f"{failures} of {len(files)} files could not be imported.")

    def _import(self, path: Path, *, several: bool, **options: Any) -> None:
        text = decode(path.read_bytes())
        parsed = read_resolution_text(text=text, language=options["language"])
        if options["json"]:
            data = parsed.to_json()
            if several:
                data = {"source": str(path), **data}
            self.stdout.write(json.dumps(data, ensure_ascii=False))
        elif options["dry_run"]:
            self.stdout.write(
                f"{path}: {parsed.symbol} read, {len(parsed.preambular_paragraphs)} preambular "
                f"and {len(parsed.operative_paragraphs)} operative paragraphs, "
                f"{len(parsed.mandates)} proposed follow-ups (nothing written)."
            )
        for warning in parsed.warnings:
            self.stderr.write(f"{path}: warning: {describe_with_line(warning)}")
        if options["dry_run"]:
            return
        outcome = services.save_parsed_resolution(
            parsed=parsed, source_text=text, replace=options["replace"]
        )
        if outcome.translation is not None:
            summary = f"{parsed.language} text added to {outcome.resolution.symbol}"
        else:
            verb = "imported" if outcome.created else "replaced"
            summary = (
                f"{outcome.resolution.symbol} {verb}, {len(parsed.mandates)} proposed follow-ups"
            )
        # With --json, stdout carries only JSON lines; the account of the save goes aside.
        out = self.stderr if options["json"] else self.stdout
        out.write(self.style.SUCCESS(f"{path}: {summary}"))
        for change in outcome.changes:
            out.write(f"  {change}")

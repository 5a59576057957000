"""Background tasks (``django.tasks``), queued in the database and run by
``manage.py db_worker`` (django-tasks-db)."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from django.tasks import task

from tracker import services


@task()
def send_deadline_reminders(today: str | None = None) -> dict[str, Any]:
    """``manage.py send_deadline_reminders`` as a task: send the day's digests.

    ``today`` is an ISO date (task arguments are JSON), default today. Returns
    the run's counts (``ReminderRun`` as a dict: digests, items, skipped, failed).
    """
    run = services.send_deadline_reminders(
        today=datetime.date.fromisoformat(today) if today else None
    )
    return dataclasses.asdict(run)

"""Background tasks (``django.tasks``), queued in the database and run by
``manage.py db_worker`` (django-tasks-db). Nothing schedules them: queue the
reminders daily from cron with ``manage.py enqueue_deadline_reminders``."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from django.tasks import task

from tracker import services


class RemindersFailed(Exception):
    """Some digests of a reminders run could not be sent (they are retried next run)."""


@task()
def send_deadline_reminders(today: str | None = None) -> dict[str, Any]:
    """``manage.py send_deadline_reminders`` as a task: send the day's digests.

    ``today`` is an ISO date (task arguments are JSON), default today. Returns
    the run's counts (``ReminderRun`` as a dict: digests, items, skipped,
    failed). Raises ``RemindersFailed`` when any digest failed, so the task
    is recorded as failed (the digests that were sent stay sent).
    """
    run = services.send_deadline_reminders(
        today=datetime.date.fromisoformat(today) if today else None
    )
    if run.failed:
        raise RemindersFailed(
            f"{run.failed} digest(s) could not be sent; {run.digests} sent: "
            f"{dataclasses.asdict(run)}"
        )
    return dataclasses.asdict(run)

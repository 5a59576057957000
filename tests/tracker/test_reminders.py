"""The deadline-reminder rule and its sending, with a frozen clock."""

from __future__ import annotations

import datetime
import threading
import time

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.db import DatabaseError, connection, connections, transaction

from tests.factories import FollowUpFactory, UnitFactory, UserFactory
from tracker.models import ReminderSent, ReminderSettings, Status
from tracker.reminders import OVERDUE, due_digests
from tracker.roles import EDITOR, ensure_roles
from tracker.services import (
    ReminderRun,
    _claim_reminders,
    send_deadline_reminders,
    set_reminder_settings,
)

DUE = datetime.date(2027, 3, 1)


def day(offset: int) -> datetime.date:
    """``offset`` days before (negative: after) the due date."""
    return DUE - datetime.timedelta(days=offset)


@pytest.fixture
def focal(staff_member):
    return staff_member


@pytest.fixture
def followup(focal):
    return FollowUpFactory(focal_point=focal, due_date=DUE, title="Report on the right to food")


def run_on(date: datetime.date):
    with time_machine.travel(datetime.datetime.combine(date, datetime.time(6)), tick=False):
        return send_deadline_reminders()


def test_each_threshold_is_sent_once(followup):
    sent_on = {}
    for offset in range(40, -3, -1):
        mail.outbox.clear()
        run = run_on(day(offset))
        if run.digests:
            sent_on[offset] = mail.outbox[0].subject

    assert list(sent_on) == [30, 7, 0, -1]
    assert set(ReminderSent.objects.values_list("threshold", flat=True)) == {30, 7, 0, OVERDUE}


def test_running_twice_the_same_day_sends_nothing_more(followup):
    assert run_on(day(7)).digests == 1
    assert run_on(day(7)).digests == 0
    assert len(mail.outbox) == 1


def test_a_first_run_close_to_the_due_date_lists_the_follow_up_once_and_records_each_threshold(
    followup,
):
    run = run_on(day(5))

    assert (run.digests, run.items) == (1, 1)
    assert set(ReminderSent.objects.values_list("threshold", flat=True)) == {30, 7}
    assert run_on(day(4)).digests == 0


def test_a_changed_due_date_starts_its_thresholds_anew(followup):
    run_on(day(7))
    followup.due_date = DUE + datetime.timedelta(days=60)
    followup.save(update_fields=["due_date"])

    # 67 days before the new date: nothing yet; 30 days before it: again.
    assert run_on(day(7)).digests == 0
    assert run_on(DUE + datetime.timedelta(days=30)).digests == 1


def test_an_overdue_follow_up_is_reminded_once_per_due_date(followup):
    assert run_on(day(-1)).items == 1
    assert run_on(day(-2)).items == 0
    assert run_on(day(-40)).items == 0
    assert ReminderSent.objects.get().threshold == OVERDUE


def test_a_person_who_opted_out_gets_nothing(followup, focal):
    set_reminder_settings(user=focal, enabled=False, thresholds=[], language="en")

    assert run_on(day(0)).digests == 0
    assert mail.outbox == []


def test_a_persons_own_thresholds_replace_the_sites(followup, focal):
    set_reminder_settings(user=focal, enabled=True, thresholds=[14], language="en")

    assert run_on(day(30)).digests == 0
    assert run_on(day(14)).digests == 1
    assert run_on(day(7)).digests == 0


def test_done_and_cancelled_follow_ups_are_not_reminded(focal):
    FollowUpFactory(focal_point=focal, due_date=DUE, status=Status.DONE)
    FollowUpFactory(focal_point=focal, due_date=DUE, status=Status.CANCELLED)

    assert run_on(day(0)).digests == 0


def test_unit_members_get_the_items_of_their_unit(focal):
    member = UserFactory(username="ines")
    member.groups.add(ensure_roles()[EDITOR])
    unit = UnitFactory(name="Special Procedures Branch")
    unit.members.add(member, focal)
    FollowUpFactory(lead_unit=unit, due_date=DUE)
    FollowUpFactory(focal_point=focal, due_date=DUE)

    with time_machine.travel(datetime.datetime.combine(day(7), datetime.time(6)), tick=False):
        digests = {d.user.username: len(d.items) for d in due_digests(today=day(7))}

    assert digests == {"ines": 1, "amina": 2}


def test_each_person_gets_one_digest_per_run(focal):
    FollowUpFactory.create_batch(3, focal_point=focal, due_date=DUE)
    FollowUpFactory(focal_point=focal, due_date=day(-10))

    run = run_on(day(7))

    assert (run.digests, run.items) == (1, 4)
    assert len(mail.outbox) == 1


def test_people_without_a_role_or_an_address_are_not_reminded(db):
    no_role = UserFactory(username="olga")
    no_address = UserFactory(username="noel", email="")
    no_address.groups.add(ensure_roles()[EDITOR])
    FollowUpFactory(focal_point=no_role, due_date=DUE)
    FollowUpFactory(focal_point=no_address, due_date=DUE)

    assert run_on(day(0)).digests == 0


REFUSING = {"default": {"BACKEND": "tests.mail_backends.RefusingBackend"}}
LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


def test_a_failed_send_releases_its_claim_so_the_next_run_sends_it(focal, settings):
    FollowUpFactory.create_batch(2, focal_point=focal, due_date=DUE)
    settings.MAILERS = REFUSING

    run = run_on(day(7))

    assert (run.digests, run.items, run.failed) == (0, 0, 1)
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()

    settings.MAILERS = LOCMEM
    run = run_on(day(7))

    assert (run.digests, run.items, run.failed) == (1, 2, 0)
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.count() == 2 * 2  # thresholds 30 and 7 for each


def test_a_failed_send_releases_only_its_own_claim(focal, followup, settings):
    run_on(day(30))  # the 30-day reminder went out
    settings.MAILERS = REFUSING

    assert run_on(day(7)).failed == 1

    assert list(ReminderSent.objects.values_list("threshold", flat=True)) == [30]


def test_reminders_recorded_after_the_digest_was_read_are_not_sent_again(focal, followup):
    """Another run claimed this person's items between our read and our claim."""
    FollowUpFactory(focal_point=focal, due_date=day(-3))
    with time_machine.travel(datetime.datetime.combine(day(7), datetime.time(6)), tick=False):
        (digest,) = due_digests(today=day(7))
        digest.reminder_settings = ReminderSettings.objects.create(user=focal)
        # Recorded at this very instant, as a run with the same clock would.
        ReminderSent.objects.bulk_create(
            ReminderSent(user=focal, followup=item.followup, due_date=item.due_date, threshold=t)
            for item in digest.items
            for t in item.claims
        )

        claimed = _claim_reminders(digest)

    assert claimed is not None
    claimed_digest, rows = claimed
    assert (claimed_digest.items, rows) == ([], [])
    assert ReminderSent.objects.count() == 3  # 30 and 7, and overdue


def test_a_run_that_finds_its_items_claimed_meanwhile_sends_nothing(focal, followup, monkeypatch):
    digests = due_digests(today=day(7))
    ReminderSettings.objects.create(user=focal)
    for item in digests[0].items:
        for t in item.claims:
            ReminderSent.objects.create(
                user=focal, followup=item.followup, due_date=item.due_date, threshold=t
            )
    monkeypatch.setattr("tracker.reminders.due_digests", lambda today: digests)

    run = run_on(day(7))

    assert (run.digests, run.items, run.skipped, run.failed) == (0, 0, 1, 0)
    assert mail.outbox == []


@pytest.mark.parametrize("rows", [5, 200])
def test_the_digests_are_read_in_a_fixed_number_of_queries(rows, focal, django_assert_num_queries):
    unit = UnitFactory(name="Treaty Body Branch")
    for index in range(10):
        member = UserFactory(username=f"member{index}")
        member.groups.add(ensure_roles()[EDITOR])
        unit.members.add(member)
    FollowUpFactory.create_batch(rows, focal_point=focal, lead_unit=unit, due_date=DUE)

    with django_assert_num_queries(5):
        digests = due_digests(today=day(7))

    assert len(digests) == 11
    assert all(len(d.items) == rows for d in digests)


def test_the_command_prints_what_it_sent(followup):
    from io import StringIO

    out = StringIO()
    with time_machine.travel(datetime.datetime.combine(day(7), datetime.time(6)), tick=False):
        call_command("send_deadline_reminders", stdout=out)

    assert "1 digest" in out.getvalue()
    assert "1 follow-up" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_one_digest(staff_member):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are a PostgreSQL matter; SQLite serialises writers")
    FollowUpFactory.create_batch(3, focal_point=staff_member, due_date=DUE)
    ReminderSettings.objects.create(user=staff_member)
    barrier = threading.Barrier(2)
    results = []

    def run():
        try:
            barrier.wait()
            results.append(send_deadline_reminders(today=day(7)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(result.digests for result in results) == 1
    assert sum(result.items for result in results) == 3
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.count() == 3 * 2  # thresholds 30 and 7 for each


def _waits_for_a_lock() -> bool:
    """Whether some session of this database waits for a lock (PostgreSQL)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return bool(cursor.fetchone()[0])


@pytest.mark.django_db(transaction=True)
def test_a_run_waits_for_a_person_saving_their_settings_then_sends_their_digest(staff_member):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are a PostgreSQL matter; SQLite serialises writers")
    FollowUpFactory(focal_point=staff_member, due_date=DUE)
    ReminderSettings.objects.create(user=staff_member)
    saving, saved = threading.Event(), threading.Event()
    results = []

    def save_slowly():
        try:
            with transaction.atomic():
                set_reminder_settings(user=staff_member, enabled=True, thresholds=[], language="fr")
                saving.set()
                saved.wait(timeout=60)
        finally:
            connections.close_all()

    def run():
        try:
            results.append(send_deadline_reminders(today=day(7)))
        finally:
            connections.close_all()

    person = threading.Thread(target=save_slowly)
    person.start()
    assert saving.wait(timeout=60)
    runner = threading.Thread(target=run)
    runner.start()
    # Commit the settings once the run waits for them (or has finished without waiting).
    while runner.is_alive() and not _waits_for_a_lock():
        time.sleep(0.01)
    saved.set()
    person.join()
    runner.join()

    assert results == [ReminderRun(digests=1, items=1)]
    assert mail.outbox[0].extra_headers["Content-Language"] == "fr"  # the choices just saved


@pytest.mark.django_db(transaction=True)
def test_no_lock_is_held_while_the_mail_server_answers(staff_member, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are a PostgreSQL matter; SQLite serialises writers")
    FollowUpFactory(focal_point=staff_member, due_date=DUE)
    own = ReminderSettings.objects.create(user=staff_member)
    could_lock = []
    send_messages = locmem.EmailBackend.send_messages

    def try_to_lock():
        try:
            with transaction.atomic():
                ReminderSettings.objects.select_for_update(nowait=True).get(pk=own.pk)
            could_lock.append(True)
        except DatabaseError:
            could_lock.append(False)
        finally:
            connections.close_all()

    def slow_server(self, messages):
        probe = threading.Thread(target=try_to_lock)
        probe.start()
        probe.join()
        return send_messages(self, messages)

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", slow_server)

    assert send_deadline_reminders(today=day(7)).digests == 1
    assert could_lock == [True]


@pytest.mark.django_db(transaction=True)
def test_the_task_fails_when_a_digest_could_not_be_sent(staff_member, settings):
    from tracker.tasks import send_deadline_reminders as reminders_task

    FollowUpFactory(focal_point=staff_member, due_date=DUE)
    settings.MAILERS = REFUSING
    result = reminders_task.enqueue(today=day(7).isoformat())

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    result.refresh()
    assert result.status == "FAILED"
    assert not ReminderSent.objects.exists()


def test_the_enqueue_command_queues_the_task_for_the_worker(staff_member):
    from io import StringIO

    from django_tasks_db.models import DBTaskResult

    call_command("enqueue_deadline_reminders", "--date", day(7).isoformat(), stdout=StringIO())

    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "tracker.tasks.send_deadline_reminders"
    assert queued.args_kwargs["kwargs"] == {"today": day(7).isoformat()}


@pytest.mark.django_db(transaction=True)
def test_the_task_queued_in_the_database_sends_the_digests_when_the_worker_runs(staff_member):
    from tracker.tasks import send_deadline_reminders as reminders_task

    FollowUpFactory(focal_point=staff_member, due_date=DUE)
    result = reminders_task.enqueue(today=day(7).isoformat())
    assert mail.outbox == []

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == {"digests": 1, "items": 1, "skipped": 0, "failed": 0}
    assert len(mail.outbox) == 1

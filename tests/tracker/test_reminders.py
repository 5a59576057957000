"""The deadline-reminder rule and its sending, with a frozen clock."""

from __future__ import annotations

import datetime
import threading

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections

from tests.factories import FollowUpFactory, UnitFactory, UserFactory
from tracker.models import ReminderSent, ReminderSettings, Status
from tracker.reminders import OVERDUE, due_digests
from tracker.roles import STAFF, ensure_roles
from tracker.services import send_deadline_reminders, set_reminder_settings

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
    member.groups.add(ensure_roles()[STAFF])
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
    no_address.groups.add(ensure_roles()[STAFF])
    FollowUpFactory(focal_point=no_role, due_date=DUE)
    FollowUpFactory(focal_point=no_address, due_date=DUE)

    assert run_on(day(0)).digests == 0


def test_a_failed_send_leaves_the_items_to_the_next_run(followup, settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.tracker.test_reminders.BrokenBackend"}}
    run = run_on(day(7))
    assert (run.digests, run.failed) == (0, 1)
    assert not ReminderSent.objects.exists()

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert run_on(day(7)).digests == 1


class BrokenBackend:
    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


@pytest.mark.parametrize("rows", [5, 200])
def test_the_digests_are_read_in_a_fixed_number_of_queries(rows, focal, django_assert_num_queries):
    unit = UnitFactory(name="Treaty Body Branch")
    for index in range(10):
        member = UserFactory(username=f"member{index}")
        member.groups.add(ensure_roles()[STAFF])
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

"""Two saves from one version, at the same moment, on PostgreSQL: exactly one wins,
and nothing is lost (the loser is told, with what they typed kept).

Each thread signs in its own client and so uses its own database connection;
a barrier releases both posts together. Each race runs a few rounds, each
from a fresh version, so that both orders of arrival are tried.
"""

from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
from django.db import connection
from django.db import connections as db_connections
from django.test import Client

from resolutions import services as resolution_services
from resolutions.models import Resolution, Session
from tests.admin_pages import change_url, form_data, revert_url
from tests.factories import FollowUpFactory, ResolutionFactory, SessionFactory, UserFactory
from tracker.models import FollowUp, Status

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks between threads need PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True),
]

ROUNDS = 3
CONFLICT = "changed by someone else"


def race(*posts: tuple[Any, str, dict[str, Any]]) -> list[Any]:
    """Post each (user, url, data) from its own thread and connection, all at once;
    the responses in the same order."""
    barrier = threading.Barrier(len(posts))
    responses: list[Any] = [None] * len(posts)
    failures: list[BaseException] = []

    def post(index: int, user: Any, url: str, data: dict[str, Any]) -> None:
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=30)
            responses[index] = client.post(url, data)
        except BaseException as error:  # reported in the test's thread
            failures.append(error)
        finally:
            db_connections.close_all()

    threads = [
        threading.Thread(target=post, args=(index, *item)) for index, item in enumerate(posts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    return responses


def admins(*names: str) -> list[Any]:
    return [UserFactory(username=name, is_staff=True, is_superuser=True) for name in names]


def opened(user: Any, url: str) -> dict[str, Any]:
    """The form at ``url`` as ``user``'s browser shows it."""
    client = Client()
    client.force_login(user)
    return form_data(client.get(url))


def winner_and_loser(responses: list[Any], won: int = 302, lost: int = 200) -> tuple[int, int]:
    """The indexes of the one save that won and the one told of the conflict."""
    codes = [response.status_code for response in responses]
    assert sorted(codes) == sorted([won, lost]), codes
    return codes.index(won), codes.index(lost)


def test_two_admins_saving_one_follow_up_one_wins_and_the_other_keeps_both_changes():
    ana, ben = admins("ana", "ben")
    for _round in range(ROUNDS):
        followup = FollowUpFactory(title="Report on water")
        url = change_url(followup)
        form = opened(ana, url)
        edits = [{**form, "title": "Report on clean water"}, {**form, "status": "in_progress"}]

        responses = race((ana, url, edits[0]), (ben, url, edits[1]))

        win, lose = winner_and_loser(responses)
        assert CONFLICT in responses[lose].context["adminform"].form.errors.as_text()
        followup.refresh_from_db()
        assert followup.version == 2
        won_title = followup.title == "Report on clean water"
        assert won_title == (win == 0)
        assert (followup.status == Status.IN_PROGRESS) == (win == 1)
        # The loser's form now holds both changes, bound to version 2: saved again, nothing lost.
        again = Client()
        again.force_login([ana, ben][lose])
        assert again.post(url, form_data(responses[lose])).status_code == 302
        followup.refresh_from_db()
        assert (followup.title, followup.status, followup.version) == (
            "Report on clean water",
            Status.IN_PROGRESS,
            3,
        )


def test_two_admins_saving_one_session_one_wins_and_no_stale_dates_come_back():
    ana, ben = admins("ana", "ben")
    for _round in range(ROUNDS):
        session = SessionFactory()
        report = FollowUpFactory(target_session=session)
        url = change_url(session)
        form = opened(ana, url)
        later = session.start_date + datetime.timedelta(weeks=1)
        edits = [
            {
                **form,
                "start_date": later.isoformat(),
                "end_date": (session.end_date + datetime.timedelta(weeks=1)).isoformat(),
            },
            {**form, "notes": "Room XX"},
        ]

        responses = race((ana, url, edits[0]), (ben, url, edits[1]))

        win, lose = winner_and_loser(responses)
        assert CONFLICT in responses[lose].context["adminform"].form.errors.as_text()
        stored = Session.objects.get(pk=session.pk)
        report.refresh_from_db()
        assert stored.version == 2
        assert (stored.start_date == later) == (win == 0)
        assert (stored.notes == "Room XX") == (win == 1)
        expected_due = FollowUpFactory.build(target_session=stored).due_date
        assert report.due_date == expected_due


def test_two_admins_correcting_one_resolution_one_wins():
    ana, ben = admins("ana", "ben")
    for _round in range(ROUNDS):
        resolution = ResolutionFactory(title="Frist title", agenda_item="3")
        url = change_url(resolution)
        form = opened(ana, url)
        edits = [{**form, "title": "First title"}, {**form, "agenda_item": "4"}]

        responses = race((ana, url, edits[0]), (ben, url, edits[1]))

        win, lose = winner_and_loser(responses)
        assert CONFLICT in responses[lose].context["adminform"].form.errors.as_text()
        stored = Resolution.objects.get(pk=resolution.pk)
        assert stored.version == 2
        assert (stored.title == "First title") == (win == 0)
        assert (stored.agenda_item == "4") == (win == 1)


def test_an_admin_save_and_a_progress_entry_on_the_page_one_wins():
    ana, ben = admins("ana", "ben")
    for _round in range(ROUNDS):
        followup = FollowUpFactory(title="Report on water")
        admin_url = change_url(followup)
        admin_form = {**opened(ana, admin_url), "title": "Report on clean water"}
        progress = {
            "progress-text": "Draft sent to editing",
            "progress-status": "in_progress",
            "progress-completed_on": "",
            "progress-output_document": "",
            "progress-version": "1",
        }
        web_url = f"/followups/{followup.pk}/progress/"

        responses = race((ana, admin_url, admin_form), (ben, web_url, progress))

        admin_won = responses[0].status_code == 302
        web_won = responses[1].status_code == 302
        assert admin_won != web_won, [r.status_code for r in responses]
        followup.refresh_from_db()
        assert followup.version == 2
        if admin_won:
            assert responses[1].status_code == 400
            assert CONFLICT in responses[1].content.decode()
            assert followup.title == "Report on clean water"
            assert not followup.progress.exists()
        else:
            assert CONFLICT in responses[0].context["adminform"].form.errors.as_text()
            assert followup.title == "Report on water"
            assert followup.progress.get().text == "Draft sent to editing"
            assert followup.status == Status.IN_PROGRESS


def test_an_admin_revert_and_a_status_change_on_the_page_one_wins():
    ana, ben = admins("ana", "ben")
    for _round in range(ROUNDS):
        followup = FollowUpFactory(title="Report on water")
        client = Client()
        client.force_login(ana)
        renamed = {**form_data(client.get(change_url(followup))), "title": "Renamed"}
        assert client.post(change_url(followup), renamed).status_code == 302
        first = followup.history.order_by("history_id").first()
        url = revert_url(followup, first)
        revert = opened(ana, url)
        status = {"status-status": "in_progress", "status-version": "2"}
        web_url = f"/followups/{followup.pk}/status/"

        responses = race((ana, url, revert), (ben, web_url, status))

        revert_won = responses[0].status_code == 302
        web_won = responses[1].status_code == 302
        assert revert_won != web_won, [r.status_code for r in responses]
        followup.refresh_from_db()
        assert followup.version == 3
        if revert_won:
            assert (followup.title, followup.status) == ("Report on water", Status.NOT_STARTED)
        else:
            assert CONFLICT in responses[0].context["adminform"].form.errors.as_text()
            assert (followup.title, followup.status) == ("Renamed", Status.IN_PROGRESS)


def test_two_admins_reverting_one_session_one_wins():
    ana, ben = admins("ana", "ben")
    for _round in range(ROUNDS):
        session = SessionFactory()
        resolution_services.update_session(
            session=session,
            expected_version=1,
            start_date=session.start_date,
            end_date=session.end_date,
            dates_confirmed=True,
            notes="Moved once",
        )
        first = session.history.order_by("history_id").first()
        url = revert_url(session, first)
        form = opened(ana, url)

        responses = race((ana, url, form), (ben, url, form))

        _win, lose = winner_and_loser(responses)
        assert CONFLICT in responses[lose].context["adminform"].form.errors.as_text()
        stored = Session.objects.get(pk=session.pk)
        assert (stored.version, stored.notes) == (3, "")
        assert FollowUp.objects.count() == 0

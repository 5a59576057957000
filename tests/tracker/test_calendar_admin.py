"""The calendar in the admin: closure days move due dates; a session is confirmed by a tick."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from resolutions.models import ClosureDay, Session
from tests.factories import UserFactory
from tracker.models import FollowUp

D = datetime.date


@pytest.fixture
def admin_client_with_sample(client, db):
    call_command("load_sample_data", stdout=StringIO())
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_adding_a_closure_day_in_the_admin_moves_a_derived_due_date(admin_client_with_sample):
    resources = FollowUp.objects.get(kind="resources")
    assert resources.due_date == D(2022, 2, 25)

    response = admin_client_with_sample.post(
        reverse("admin:resolutions_closureday_add"),
        {"date": "2022-02-25", "description": "Exceptional closure"},
        follow=True,
    )

    assert response.status_code == 200
    assert "1 derived due date moved with the closure days." in response.content.decode()
    resources.refresh_from_db()
    assert resources.due_date == D(2022, 2, 24)
    assert resources.history.first().history_user.username == "root"


def test_deleting_a_closure_day_in_the_admin_moves_the_due_date_back(admin_client_with_sample):
    admin_client_with_sample.post(
        reverse("admin:resolutions_closureday_add"),
        {"date": "2022-02-25", "description": "Exceptional closure"},
    )
    closure = ClosureDay.objects.get()

    response = admin_client_with_sample.post(
        reverse("admin:resolutions_closureday_delete", args=[closure.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert FollowUp.objects.get(kind="resources").due_date == D(2022, 2, 25)


def test_the_delete_action_moves_the_due_dates_of_each_closure_day(admin_client_with_sample):
    for day in ("2022-02-25", "2022-02-24"):
        admin_client_with_sample.post(
            reverse("admin:resolutions_closureday_add"), {"date": day, "description": "Closed"}
        )
    assert FollowUp.objects.get(kind="resources").due_date == D(2022, 2, 23)

    admin_client_with_sample.post(
        reverse("admin:resolutions_closureday_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": list(ClosureDay.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )

    assert not ClosureDay.objects.exists()
    assert FollowUp.objects.get(kind="resources").due_date == D(2022, 2, 25)


def test_a_closure_day_on_a_date_already_closed_is_refused_in_the_admin(
    admin_client_with_sample,
):
    url = reverse("admin:resolutions_closureday_add")
    admin_client_with_sample.post(url, {"date": "2022-02-25", "description": "Closed"})

    response = admin_client_with_sample.post(url, {"date": "2022-02-25", "description": "Again"})

    assert response.status_code == 200
    assert ClosureDay.objects.count() == 1


def test_the_closure_days_list_searches_and_shows_the_weekday(admin_client_with_sample):
    ClosureDay.objects.create(date=D(2026, 5, 27), description="Eid al-Adha")
    url = reverse("admin:resolutions_closureday_changelist")

    response = admin_client_with_sample.get(url, {"q": "Eid"})

    assert "Eid al-Adha" in response.content.decode()
    assert "Wednesday" in response.content.decode()


@time_machine.travel(D(2026, 11, 29), tick=False)
def test_a_manager_confirms_an_estimated_session_by_ticking_its_dates(admin_client_with_sample):
    call_command("extend_calendar", stdout=StringIO())
    session = Session.objects.get(body="HRC", number=64)
    assert not session.dates_confirmed

    response = admin_client_with_sample.post(
        reverse("admin:resolutions_session_change", args=[session.pk]),
        {
            "start_date": "2027-02-22",
            "end_date": "2027-04-02",
            "dates_confirmed": "on",
            "notes": "Dates as announced.",
            "expected_version": session.version,
        },
    )

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.dates_confirmed
    assert (session.end_date, session.notes) == (D(2027, 4, 2), "Dates as announced.")
    assert session.history.first().history_user.username == "root"


@time_machine.travel(D(2026, 11, 29), tick=False)
def test_the_session_list_filters_the_estimated_sessions(admin_client_with_sample):
    call_command("extend_calendar", stdout=StringIO())

    response = admin_client_with_sample.get(
        reverse("admin:resolutions_session_changelist"), {"dates_confirmed__exact": "0"}
    )

    assert response.status_code == 200
    assert response.context["cl"].result_count == 11

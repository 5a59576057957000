"""The dashboard and the follow-up list kept for their reader (tracker/web/kept.py):
served again while nothing they show has changed, never to anyone else, never stale
after a write."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from tests.factories import FollowUpFactory, UnitFactory, UserFactory
from tracker import services
from tracker.models import FollowUp, Status

DASHBOARD = reverse("web:dashboard")
LIST = reverse("web:followup_list")


@pytest.fixture
def followup(db):
    return FollowUpFactory(title="Report on water", status=Status.NOT_STARTED)


def test_a_status_changed_by_someone_else_shows_on_the_readers_next_list(
    client, staff_member, manager, followup
):
    client.force_login(staff_member)
    assert "Not started" in client.get(LIST).content.decode()

    services.log_progress(followup=followup, author=manager, text="Sent.", status=Status.DONE)

    page = client.get(LIST).content.decode()
    assert "Report on water" in page
    assert "Not started" not in page


def test_a_view_the_reader_saves_shows_on_their_next_dashboard(client, staff_member, followup):
    client.force_login(staff_member)
    assert "Water reports" not in client.get(DASHBOARD).content.decode()

    services.save_view(owner=staff_member, name="Water reports", query="q=water")

    assert "Water reports" in client.get(DASHBOARD).content.decode()


def test_two_readers_never_get_each_others_page(client, staff_member, followup):
    other = UserFactory(first_name="Zoé", last_name="Autre")
    other.groups.set(staff_member.groups.all())
    client.force_login(staff_member)
    mine = client.get(DASHBOARD).content.decode()

    client.force_login(other)
    theirs = client.get(DASHBOARD).content.decode()

    assert "Zoé Autre" in theirs
    assert "Zoé Autre" not in mine


def test_a_message_shows_once_and_is_never_kept_with_the_page(client, staff_member, followup):
    client.force_login(staff_member)
    client.get(LIST, {"q": "water"})

    saved = client.post(
        reverse("web:save_view"), {"view-name": "Water", "view-query": "q=water"}, follow=True
    )
    again = client.get(LIST, {"q": "water"})

    assert "Saved as “Water”" in saved.content.decode()
    assert "Saved as “Water”" not in again.content.decode()


def test_the_htmx_results_and_the_whole_list_are_kept_apart(client, staff_member, followup):
    client.force_login(staff_member)

    partial = client.get(LIST, headers={"hx-request": "true", "hx-target": "results"})
    whole = client.get(LIST)

    assert "<html" not in partial.content.decode()
    assert "<html" in whole.content.decode()
    assert "Report on water" in partial.content.decode()


def test_the_list_kept_in_english_is_not_served_in_french(client, staff_member, followup):
    client.force_login(staff_member)

    english = client.get(LIST, headers={"accept-language": "en"}).content.decode()
    french = client.get(LIST, headers={"accept-language": "fr"}).content.decode()

    assert "Not started" in english
    assert "Non commencé" in french


def test_a_change_no_fingerprint_sees_shows_once_what_was_kept_expires(
    client, staff_member, followup
):
    client.force_login(staff_member)
    with time_machine.travel(datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)) as clock:
        assert "Not started" in client.get(LIST).content.decode()
        # Written behind the services' back: no version, no history record.
        FollowUp.objects.filter(pk=followup.pk).update(status=Status.IN_PROGRESS)
        assert "Not started" in client.get(LIST).content.decode()

        clock.shift(datetime.timedelta(seconds=61))

        assert "Not started" not in client.get(LIST).content.decode()


def test_another_reader_of_the_same_list_gets_its_rows_without_reading_them(
    client, staff_member, manager, followup, django_assert_num_queries
):
    client.force_login(staff_member)
    first = client.get(LIST).content.decode()
    client.force_login(manager)

    # Session, user, permissions (2), the fingerprints (the data's and the reader's
    # for the page in one query, the data's for the menus), the count, the feed
    # key: neither the rows nor their paragraphs.
    with django_assert_num_queries(8):
        second = client.get(LIST).content.decode()

    table = re.compile(r'<table class="followups">.*</table>', re.S)
    assert table.search(second).group() == table.search(first).group()
    assert "Report on water" in second


def test_rows_that_depend_on_the_reader_are_never_shared(client, staff_member, manager):
    unit = UnitFactory()
    unit.members.add(staff_member)
    FollowUpFactory(title="Led by Amina's unit", lead_unit=unit)
    FollowUpFactory(title="Led by nobody")
    other = UserFactory()
    other.groups.set(staff_member.groups.all())
    client.force_login(staff_member)
    mine = client.get(LIST, {"updatable": "yes"}).content.decode()
    client.force_login(other)

    theirs = client.get(LIST, {"updatable": "yes"}).content.decode()

    assert "Led by Amina" in mine
    assert "Led by Amina" not in theirs


def test_a_refused_view_name_shows_once_each_time_and_never_on_another_list(
    client, staff_member, followup
):
    client.force_login(staff_member)
    too_long = "W" * 81
    refused = []
    for _attempt in range(2):  # the same refused name twice: the same session both times
        client.post(reverse("web:save_view"), {"view-name": too_long, "view-query": "q=water"})
        refused.append(client.get(LIST, {"q": "water"}).content.decode())

    other_list = client.get(LIST, {"status": "done"}).content.decode()

    assert all(too_long in page for page in refused)
    assert too_long not in other_list


def test_a_person_whose_role_may_now_read_shows_in_the_focal_point_menu_at_once(
    client, staff_member, followup
):
    observers = Group.objects.create(name="Observers")
    UserFactory(first_name="Olga", last_name="Observer").groups.add(observers)
    client.force_login(staff_member)

    def focal_point_menu():
        page = client.get(LIST).content.decode()
        return page.split('name="focal_point"')[1].split("</select>")[0]

    assert "Olga Observer" not in focal_point_menu()

    observers.permissions.add(
        Permission.objects.get(content_type__app_label="tracker", codename="view_followup")
    )

    assert "Olga Observer" in focal_point_menu()

"""The dashboard, Suivi's home page, on a frozen clock (Sunday 29 November 2026)."""

import dataclasses
import datetime
import re
from html import unescape

import pytest
import time_machine
from django.urls import reverse

from resolutions.models import Actor, Body, Session
from resolutions.services import extend_calendar
from tests.factories import FollowUpFactory, ResolutionFactory, UnitFactory
from tracker.dashboards import Link
from tracker.models import Status

D = datetime.date
TODAY = D(2026, 11, 29)
URL = reverse("web:dashboard")
LIST = reverse("web:followup_list")


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def calendar(council_calendar, _frozen_clock):
    """The published calendar, extended with estimates two years ahead."""
    extend_calendar(until=TODAY + datetime.timedelta(days=2 * 365 + 1))


def hrc(number):
    return Session.objects.get(body=Body.HRC, number=number, special=False)


def varied_followups(count, *, user):
    """``count`` follow-ups spread over statuses, units, actors, sessions and resolutions."""
    units = [UnitFactory(name="Council Branch", abbreviation="CB"), UnitFactory()]
    units[0].members.add(user)
    sessions = [hrc(63), hrc(64), hrc(65), None]
    resolutions = [
        ResolutionFactory(session=hrc(61), number=f"61/{n}", symbol=f"A/HRC/RES/61/{n}")
        for n in (1, 2, 3)
    ]
    actors = [Actor.HIGH_COMMISSIONER, Actor.SECRETARY_GENERAL, Actor.COUNCIL]
    statuses = [Status.NOT_STARTED, Status.IN_PROGRESS, Status.DONE, Status.CANCELLED]
    for index in range(count):
        FollowUpFactory(
            title=f"Follow-up {index}",
            due_date=D(2026, 6, 1) + datetime.timedelta(days=7 * index % 900),
            status=statuses[index % 4 if index % 3 else 0],
            lead_unit=units[index % 2] if index % 5 else None,
            focal_point=user if index % 4 == 1 else None,
            target_session=sessions[index % 4],
            resolution=resolutions[index % 3],
            actor=actors[index % 3],
        )


def links(value):
    """Every ``Link`` in the dashboard, however deep."""
    if isinstance(value, Link):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from links(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from links(item)


def listed(client, query):
    """The number of follow-ups the list shows for ``query``, read from its caption."""
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    caption = re.search(r"<caption[^>]*>\s*(\d+) follow-ups?", response.content.decode())
    return int(caption.group(1)) if caption else 0


def test_it_asks_anonymous_visitors_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_is_closed_to_people_without_a_role(client, outsider):
    client.force_login(outsider)
    assert client.get(URL).status_code == 403


def test_it_rejects_post(client, staff_member):
    client.force_login(staff_member)
    assert client.post(URL).status_code == 405


def test_signing_in_leads_to_the_dashboard(client, staff_member):
    response = client.post(
        reverse("login"), {"username": "amina", "password": "a long test password"}
    )
    assert response.status_code == 302
    assert response.url == URL


def test_the_menu_opens_with_the_dashboard(client, staff_member, calendar):
    client.force_login(staff_member)

    page = client.get(URL).content.decode()

    menu = re.search(r'<nav aria-label="Main">(.*?)</nav>', page, re.S).group(1)
    first = re.search(r'<li><a href="([^"]+)"([^>]*)>([^<]+)</a>', menu)
    assert first.groups() == (URL, ' aria-current="page"', "Dashboard")


def test_it_shows_what_is_overdue_due_soon_and_due_before_the_next_sessions(
    client, staff_member, calendar
):
    FollowUpFactory(title="Late report", due_date=D(2026, 10, 1), target_session=hrc(63))
    FollowUpFactory(title="Soon report", due_date=D(2026, 12, 10), target_session=hrc(64))
    FollowUpFactory(title="Before the session", due_date=D(2027, 2, 1), target_session=hrc(64))
    client.force_login(staff_member)

    response = client.get(URL)

    page = unescape(response.content.decode())
    overdue = page[page.index('id="overdue-heading"') : page.index('id="soon-heading"')]
    soon = page[page.index('id="soon-heading"') : page.index('id="before-hrc-heading"')]
    before = page[page.index('id="before-hrc-heading"') : page.index('id="before-ga-heading"')]
    assert "Late report" in overdue and "Soon report" not in overdue
    assert "Soon report" in soon and "Before the session" not in soon
    assert "Before HRC session 64" in before
    assert "Soon report" in before and "Before the session" in before
    assert f'href="{LIST}?state=overdue"' in overdue
    assert f'href="{LIST}?state=due_soon"' in soon
    assert (
        f'href="{LIST}?due_after=2026-11-29&due_before=2027-02-21'
        '&status=not_started&status=in_progress"' in before
    )
    report = reverse("web:session_report", args=[hrc(64).pk])
    assert f'href="{report}"' in before


def test_it_shows_what_is_mine(client, staff_member, manager, calendar):
    unit = UnitFactory(name="Council Branch", abbreviation="CB")
    unit.members.add(staff_member)
    FollowUpFactory(title="My own", due_date=D(2027, 1, 1), focal_point=staff_member)
    FollowUpFactory(title="My unit's", due_date=D(2027, 1, 2), lead_unit=unit)
    FollowUpFactory(title="Not mine", due_date=D(2027, 1, 3), focal_point=manager)
    client.force_login(staff_member)

    page = unescape(client.get(URL).content.decode())

    mine = page[page.index('id="mine-heading"') : page.index('id="counts-heading"')]
    assert "My own" in mine and "My unit's" in mine and "Not mine" not in mine
    assert f'href="{LIST}?focal_point={staff_member.pk}&status=not_started' in mine
    assert f'href="{LIST}?lead_unit={unit.pk}&status=not_started' in mine


def test_every_count_links_to_a_list_of_exactly_that_many_follow_ups(
    client, staff_member, calendar
):
    varied_followups(40, user=staff_member)
    client.force_login(staff_member)

    response = client.get(URL)

    page = response.content.decode()
    board = response.context["board"]
    followed = 0
    for link in links(board):
        href = f'href="{LIST}?{link.query}"'.replace("&", "&amp;")
        if link.count == 0:
            continue
        assert href in page, link
        assert listed(client, link.query) == link.count, link
        followed += 1
    assert followed > 30
    # "none" buckets link with the list's "null".
    assert f"{LIST}?target_session=null&amp;status=not_started" in page
    assert f"{LIST}?lead_unit=null&amp;status=not_started" in page


def test_the_timeline_is_an_accessible_drawing_followed_by_a_table(client, staff_member, calendar):
    FollowUpFactory(title="Report", due_date=D(2027, 1, 11), target_session=hrc(64))
    client.force_login(staff_member)

    page = unescape(client.get(URL).content.decode())

    svg = re.search(r"<svg[^>]*>.*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="timeline-title timeline-desc"' in svg
    assert 'viewBox="0 0 360 ' in svg and 'width="100%"' in svg
    assert '<title id="timeline-title">Timeline of sessions</title>' in svg
    assert '<desc id="timeline-desc">' in svg
    assert "HRC session 63" in svg and "HRC session 69" in svg
    assert "1 due before it opens" in svg
    table = page[page.index("</svg>") :]
    table = table[: table.index("</table>")]
    assert "<caption>Sessions and the open follow-ups due before and during each" in table
    assert "HRC session 64" in table and "GA session 82" in table
    report = reverse("web:session_report", args=[hrc(64).pk])
    assert f'href="{report}"' in table


@pytest.mark.parametrize("rows", [5, 200])
def test_it_reads_in_a_fixed_number_of_queries(
    rows, client, staff_member, calendar, django_assert_num_queries
):
    varied_followups(rows, user=staff_member)
    client.force_login(staff_member)

    # The dashboard's 20 (tests/tracker/test_dashboard_selector.py); the
    # request's session and user; the user's permissions (own and groups').
    with django_assert_num_queries(24):
        response = client.get(URL)

    assert response.status_code == 200
    assert sum(item.link.count for item in response.context["board"].statuses) == rows


def test_it_reads_in_french(client, staff_member, calendar):
    FollowUpFactory(title="Rapport", due_date=D(2026, 10, 1), target_session=hrc(63))
    client.force_login(staff_member)

    response = client.get(URL, headers={"accept-language": "fr"})

    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()

"""The dashboard, Suivi's home page, on a frozen clock (Sunday 29 November 2026)."""

import dataclasses
import datetime
import re
from html import unescape
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from resolutions.models import Actor, Body, Session
from resolutions.services import extend_calendar
from tests.factories import FollowUpFactory, ResolutionFactory, UnitFactory
from tracker.dashboards import Link
from tracker.models import OPEN_STATUSES, Status

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
    assert "Late report" in before  # still open: outstanding when HRC64 opens
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
    rows, client, staff_member, manager, calendar, django_assert_num_queries
):
    varied_followups(rows, user=staff_member)
    client.force_login(staff_member)

    # The dashboard's 14, or 4 once its shared parts are cached
    # (tests/tracker/test_dashboard_selector.py); the request's session and
    # user; the user's permissions (own and groups'); their saved views (none
    # here: tests/tracker/web/test_saved_views.py); the fingerprints the page
    # is kept under, in one query (tracker/web/kept.py).
    with django_assert_num_queries(14 + 5 + 1):
        first = client.get(URL)
    # The same page again, kept for its reader: session, user, permissions, fingerprints.
    with django_assert_num_queries(5):
        again = client.get(URL)
    # Another reader: the shared parts are cached, the page is theirs.
    client.force_login(manager)
    with django_assert_num_queries(4 + 5 + 1):
        other = client.get(URL)

    assert first.status_code == again.status_code == other.status_code == 200
    assert again.content == first.content
    assert sum(item.link.count for item in other.context["board"].statuses) == rows


def test_it_reads_in_french(client, staff_member, calendar):
    FollowUpFactory(title="Rapport", due_date=D(2026, 10, 1), target_session=hrc(63))
    client.force_login(staff_member)

    response = client.get(URL, headers={"accept-language": "fr"})

    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()


def sample_like(user):
    """Resolution 46/13's follow-ups (due in 2022 and 2023, open), plus Council and
    Assembly follow-ups open and done, old and new, with and without a target."""
    call_command("load_sample_data", stdout=StringIO())
    council = ResolutionFactory(session=hrc(61), number="61/4", symbol="A/HRC/RES/61/4")
    assembly = ResolutionFactory(
        body=Body.GA, session=hrc(61), number="80/200", symbol="A/RES/80/200"
    )
    ga = {n: Session.objects.get(body=Body.GA, number=n, special=False) for n in (81, 82)}
    rows = [
        (council, hrc(63), D(2026, 7, 27), Status.DONE),
        (council, hrc(63), D(2026, 10, 7), Status.IN_PROGRESS),
        (council, hrc(64), D(2027, 1, 11), Status.NOT_STARTED),
        (council, hrc(64), D(2027, 3, 1), Status.DONE),
        (council, hrc(65), D(2027, 6, 14), Status.NOT_STARTED),
        (council, None, D(2026, 12, 15), Status.NOT_STARTED),
        (council, None, D(2023, 5, 1), Status.DONE),
        (council, ga[81], D(2026, 8, 1), Status.DONE),
        (council, ga[82], D(2027, 8, 1), Status.NOT_STARTED),
        (council, ga[81], D(2026, 12, 1), Status.CANCELLED),
        (assembly, None, D(2027, 2, 1), Status.IN_PROGRESS),
        (assembly, None, D(2026, 5, 1), Status.DONE),
    ]
    for index, (resolution, target, day, status) in enumerate(rows):
        FollowUpFactory(
            title=f"Sample-like {index}",
            resolution=resolution,
            target_session=target,
            due_date=day,
            status=status,
            focal_point=user if index % 2 else None,
        )


def report_of(client, href):
    """The report at ``href``: its context and its page."""
    response = client.get(href)
    assert response.status_code == 200
    return response.context["report"], unescape(response.content.decode())


def rows_of(report):
    return [row for group in report.groups for status in group.statuses for row in status.rows]


def test_no_number_next_to_a_report_link_is_larger_than_what_the_report_lists(
    client, staff_member, calendar
):
    sample_like(staff_member)
    client.force_login(staff_member)

    page = unescape(client.get(URL).content.decode())

    table = page[page.index('class="compact timeline-table"') :]
    table = table[: table.index("</table>")]
    shown = re.findall(
        r'<th scope="row">([^<]+)</th>.*?<td class="number">(\d+)</td>\s*'
        r'<td class="number">(\d+)</td>\s*<td><a href="([^"]+)"',
        table,
        re.S,
    )
    assert len(shown) == 10  # HRC63 to HRC69, GA81 to GA83
    boxes = re.findall(
        r'<h2 id="before-\w+-heading">Before ([^<]+) <span class="tally">(\d+)</span>'
        r'.*?<a href="([^"]+)">Session report',
        page,
        re.S,
    )
    assert len(boxes) == 2
    checked = [(name, int(before), int(during), href) for name, before, during, href in shown]
    checked += [(name, int(before), 0, href) for name, before, href in boxes]
    for name, before, during, href in checked:
        report, report_page = report_of(client, href)
        rows = rows_of(report)
        # "Due before it opens" is exactly the report's open rows due before it opens.
        open_before = [
            row
            for row in rows
            if row.followup.status in OPEN_STATUSES
            and row.followup.due_date < report.session.start_date
        ]
        assert before == len(open_before) == report.open_before, name
        assert f"{before} open follow-up" in report_page, name
        assert before + during <= len(rows) == report.count, name
        if report.session.body == Body.GA:
            for row in rows:
                followup = row.followup
                target = followup.target_session
                assert (target.body if target else followup.resolution.body) == Body.GA, name
    hrc64 = next(item for item in checked if item[0] == "HRC session 64")
    assert hrc64[1] >= 4  # 46/13's three from 2022 and 2023, still open, and more


def test_the_timeline_dates_read_in_french(client, staff_member, calendar):
    client.force_login(staff_member)

    page = unescape(client.get(URL, headers={"accept-language": "fr"}).content.decode())

    svg = re.search(r"<svg[^>]*>.*?</svg>", page, re.S).group(0)
    assert "7 sept. – 7 oct. 2026 *" in svg
    assert "22 févr. – 30 mars 2027" in svg or "22 fév. – 30 mars 2027" in svg
    assert "Sep" not in svg and "Fév" not in svg and "Jui" not in svg


def test_the_timeline_dates_read_in_english(client, staff_member, calendar):
    client.force_login(staff_member)

    page = unescape(client.get(URL).content.decode())

    svg = re.search(r"<svg[^>]*>.*?</svg>", page, re.S).group(0)
    assert "7 Sep – 7 Oct 2026 *" in svg
    assert "9 Sep 2026 – 8 Sep 2027 *" in svg

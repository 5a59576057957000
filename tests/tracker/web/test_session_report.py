"""The printable session report, on a frozen clock (Sunday 29 November 2026).

The calendar is extended two years ahead: HRC63 7 Sep – 7 Oct 2026, HRC64
22 Feb – 30 Mar 2027 (both estimated).
"""

import datetime
import re
from html import unescape

import pytest
import time_machine
from django.urls import reverse

from resolutions.models import Body, MandateKind, Session
from resolutions.services import extend_calendar
from tests.factories import (
    FollowUpFactory,
    ProgressEntryFactory,
    ResolutionFactory,
    UserFactory,
)
from tracker.models import DueDateSource, Status

D = datetime.date
TODAY = D(2026, 11, 29)


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def hrc64(council_calendar, _frozen_clock):
    extend_calendar(until=D(2028, 1, 1))
    return Session.objects.get(body=Body.HRC, number=64, special=False)


def at(*day):
    return datetime.datetime(*day, 9, tzinfo=datetime.UTC)


def report_url(session):
    return reverse("web:session_report", args=[session.pk])


def test_it_is_closed_to_people_without_a_role(client, outsider, hrc64):
    client.force_login(outsider)
    assert client.get(report_url(hrc64)).status_code == 403


def test_it_is_not_found_for_a_session_not_stored(client, staff_member, db):
    client.force_login(staff_member)
    assert client.get(reverse("web:session_report", args=[99999])).status_code == 404


def test_it_lists_what_is_due_for_the_session_and_before_it_by_resolution_and_status(
    client, staff_member, hrc64
):
    hrc61 = Session.objects.get(body=Body.HRC, number=61, special=False)
    first = ResolutionFactory(session=hrc61, number="61/2", symbol="A/HRC/RES/61/2")
    second = ResolutionFactory(session=hrc61, number="61/9", symbol="A/HRC/RES/61/9")
    FollowUpFactory(
        resolution=second,
        title="Report to HRC64",
        kind=MandateKind.REPORT,
        target_session=hrc64,
        due_date=D(2027, 1, 11),
    )
    FollowUpFactory(
        resolution=first,
        title="Panel at HRC64",
        kind=MandateKind.MEETING,
        target_session=hrc64,
        due_date=D(2027, 3, 30),
        status=Status.IN_PROGRESS,
    )
    FollowUpFactory(
        resolution=first,
        title="Oral update, set by hand",
        target_session=None,
        due_date=D(2026, 12, 15),
        due_date_source=DueDateSource.MANUAL,
        due_date_reason="Asked by the Bureau",
    )
    FollowUpFactory(resolution=first, title="Done before", target_session=None,
                    due_date=D(2026, 11, 2), status=Status.DONE)  # fmt: skip
    FollowUpFactory(resolution=first, title="Cancelled", target_session=hrc64,
                    due_date=D(2027, 1, 11), status=Status.CANCELLED)  # fmt: skip
    FollowUpFactory(resolution=first, title="Open since HRC63", target_session=None,
                    due_date=D(2026, 10, 7))  # fmt: skip
    FollowUpFactory(resolution=first, title="Done before HRC63 opened", target_session=None,
                    due_date=D(2026, 9, 4), status=Status.DONE)  # fmt: skip
    FollowUpFactory(resolution=first, title="After HRC64 closes", target_session=None,
                    due_date=D(2027, 3, 31))  # fmt: skip
    FollowUpFactory(resolution=first, title="Report to GA82",
                    target_session=Session.objects.get(body=Body.GA, number=82),
                    due_date=D(2027, 1, 11))  # fmt: skip
    client.force_login(staff_member)

    response = client.get(report_url(hrc64))

    page = unescape(response.content.decode())
    assert response.status_code == 200
    assert "<h1>Follow-ups for HRC session 64</h1>" in page
    assert "or was done since HRC session 63 opened on 7 September 2026" in page
    assert "belongs to its body, the Human Rights Council" in page
    assert "3 open follow-ups due before it opens · 1 due during it" in page
    headings = re.findall(r"<h[23] id=\"resolution-[^\"]+\">(.*?)</h[23]>", page, re.S)
    headings = [re.sub(r"<[^>]+>", "", h).strip() for h in headings]
    assert [" ".join(h.split()[:1]) for h in headings] == [
        "A/HRC/RES/61/2",
        "Not",
        "In",
        "Done",
        "A/HRC/RES/61/9",
        "Not",
    ]
    assert headings[1] == "Not started (2)"
    assert "Oral update, set by hand" in page
    assert "set by hand: Asked by the Bureau" in page
    assert "6 weeks before HRC session 64 opens (22 Feb 2027)" in page
    assert "last day of HRC session 64 (30 Mar 2027)" in page
    assert "Open since HRC63" in page  # still open: outstanding, however old
    for absent in ("Cancelled", "Done before HRC63 opened", "After HRC64 closes", "GA82"):
        assert absent not in page
    assert "5 follow-ups" in page


def test_an_assembly_report_lists_the_assembly_s_follow_ups_not_the_council_s(
    client, staff_member, hrc64
):
    ga82 = Session.objects.get(body=Body.GA, number=82, special=False)
    council = ResolutionFactory(session=hrc64, number="64/1", symbol="A/HRC/RES/64/1")
    assembly = ResolutionFactory(body=Body.GA, session=hrc64, symbol="A/RES/81/10")
    FollowUpFactory(resolution=council, title="Report to GA82", target_session=ga82,
                    due_date=D(2027, 6, 1))  # fmt: skip
    FollowUpFactory(resolution=assembly, title="Assembly, by a date", target_session=None,
                    due_date=D(2027, 2, 1))  # fmt: skip
    FollowUpFactory(resolution=council, title="Report to HRC64", target_session=hrc64,
                    due_date=D(2027, 1, 11))  # fmt: skip
    FollowUpFactory(resolution=council, title="Council, by a date", target_session=None,
                    due_date=D(2022, 3, 1))  # fmt: skip
    client.force_login(staff_member)

    page = unescape(client.get(report_url(ga82)).content.decode())

    assert "Report to GA82" in page and "Assembly, by a date" in page
    assert "Report to HRC64" not in page and "Council, by a date" not in page
    assert "belongs to its body, the General Assembly" in page


def test_it_shows_the_latest_progress_note(client, staff_member, hrc64):
    followup = FollowUpFactory(target_session=hrc64, due_date=D(2027, 1, 11))
    author = UserFactory()
    log = {"followup": followup, "author": author}
    ProgressEntryFactory(**log, text="First draft", created_at=at(2026, 11, 1))
    ProgressEntryFactory(**log, text="Sent to editing", created_at=at(2026, 11, 20))
    ProgressEntryFactory(
        **log,
        text="",
        status_from="not_started",
        status_to="in_progress",
        created_at=at(2026, 11, 21),
    )
    client.force_login(staff_member)

    page = client.get(report_url(hrc64)).content.decode()

    assert "Sent to editing" in page
    assert "First draft" not in page
    assert 'datetime="2026-11-20T' in page


@pytest.mark.parametrize("rows", [5, 200])
def test_it_reads_in_a_fixed_number_of_queries(
    rows, client, staff_member, hrc64, django_assert_num_queries
):
    resolutions = ResolutionFactory.create_batch(4, session=hrc64)
    author = UserFactory()
    for index in range(rows):
        followup = FollowUpFactory(
            resolution=resolutions[index % 4],
            target_session=hrc64,
            due_date=D(2027, 1, 11),
            status=[Status.NOT_STARTED, Status.IN_PROGRESS, Status.DONE][index % 3],
        )
        if index % 2:
            ProgressEntryFactory(followup=followup, author=author)
    client.force_login(staff_member)

    # The request's session and user, the user's permissions (own and groups');
    # the session, the previous one, the follow-ups with their latest note, and
    # the closure days (the due dates' explanations).
    with django_assert_num_queries(8):
        response = client.get(report_url(hrc64))

    assert response.context["report"].count == rows


def test_it_prints_without_menu_or_forms(client, staff_member, hrc64):
    client.force_login(staff_member)

    page = client.get(report_url(hrc64)).content.decode()
    printable = client.get(report_url(hrc64), {"print": "1"}).content.decode()

    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in page
    assert '<a class="button" href="?print=1" data-print>Print</a>' in page
    assert '<script src="/static/js/print.js" defer></script>' in page
    # The print view: the print stylesheet for every medium, and how to print it.
    assert '<link rel="stylesheet" href="/static/css/print.css">' in printable
    assert "Use your browser" in printable

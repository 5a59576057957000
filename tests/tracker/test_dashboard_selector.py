"""The dashboard's reads (tracker.dashboards.dashboard), on a frozen clock.

Today is Sunday 29 November 2026: the published calendar ends with HRC61
(23 Feb – 31 Mar 2026); ``extend_calendar`` stores estimates two years ahead
(HRC63 7 Sep – 7 Oct 2026, HRC64 22 Feb – 30 Mar 2027), as the nightly job does.
"""

import datetime

import pytest
import time_machine
from django.db.models import F
from django.utils import translation

from resolutions.models import Actor, Body, Session
from resolutions.services import extend_calendar
from tests.factories import FollowUpFactory, ResolutionFactory, UnitFactory
from tracker import services
from tracker.dashboards import (
    BREAKDOWN_ROWS,
    NULL,
    OPEN_FILTERS,
    ROWS_SHOWN,
    ReportLink,
    dashboard,
    for_session,
    session_report,
)
from tracker.models import FollowUp, Status

D = datetime.date
TODAY = D(2026, 11, 29)


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def calendar(council_calendar, _frozen_clock):
    extend_calendar(until=TODAY + datetime.timedelta(days=2 * 365 + 1))


def hrc(number):
    return Session.objects.get(body=Body.HRC, number=number, special=False)


def ga(number):
    return Session.objects.get(body=Body.GA, number=number, special=False)


@pytest.fixture
def hrc63(calendar):
    """The last session before today (estimated: 7 Sep – 7 Oct 2026)."""
    return hrc(63)


@pytest.fixture
def hrc64(calendar):
    """The next session (estimated: 22 Feb – 30 Mar 2027)."""
    return hrc(64)


def due(day, **kwargs):
    """A follow-up due on ``day`` with no target session (unless given)."""
    kwargs.setdefault("target_session", None)
    return FollowUpFactory(due_date=day, **kwargs)


def titles(rows):
    return [followup.title for followup in rows]


def test_overdue_lists_open_follow_ups_past_their_due_date_oldest_first(staff_member, calendar):
    due(D(2026, 11, 1), title="Late")
    due(D(2026, 3, 1), title="Later still")
    due(D(2026, 11, 28), title="Yesterday")
    due(D(2026, 11, 29), title="Today")
    due(D(2026, 3, 1), title="Done", status=Status.DONE)
    due(D(2026, 3, 1), title="Cancelled", status=Status.CANCELLED)

    board = dashboard(user=staff_member, today=TODAY)

    assert titles(board.overdue.rows) == ["Later still", "Late", "Yesterday"]
    assert board.overdue.total.count == 3
    assert board.overdue.total.filters == (("state", "overdue"),)


def test_due_soon_is_today_and_the_next_30_days(staff_member, calendar):
    due(D(2026, 11, 29), title="Today")
    due(D(2026, 12, 29), title="In 30 days")
    due(D(2026, 12, 30), title="In 31 days")
    due(D(2026, 12, 1), title="Done", status=Status.DONE)

    board = dashboard(user=staff_member, today=TODAY)

    assert titles(board.due_soon.rows) == ["Today", "In 30 days"]
    assert board.due_soon.total.filters == (("state", "due_soon"),)
    assert board.due_soon_days == 30


def test_short_tables_show_the_first_rows_and_count_them_all(staff_member, calendar):
    for day in range(1, ROWS_SHOWN + 4):
        due(D(2026, 10, day))

    board = dashboard(user=staff_member, today=TODAY)

    assert len(board.overdue.rows) == ROWS_SHOWN
    assert board.overdue.total.count == ROWS_SHOWN + 3
    assert board.overdue.more


def test_before_the_next_session_of_each_body_lists_its_open_follow_ups_due_until_it_opens(
    staff_member, hrc64
):
    due(D(2026, 3, 1), title="Overdue since March")
    due(D(2026, 11, 29), title="Due today")
    due(D(2027, 2, 21), title="Day before HRC64")
    due(D(2027, 2, 22), title="Opening day of HRC64")
    due(D(2027, 1, 10), title="In progress", status=Status.IN_PROGRESS)
    due(D(2027, 1, 10), title="Done", status=Status.DONE)
    due(D(2027, 8, 1), title="Report to GA82", target_session=ga(82))

    board = dashboard(user=staff_member, today=TODAY)

    hrc_next, ga_next = board.before_next
    assert hrc_next.session == hrc64
    assert hrc_next.last_day == D(2027, 2, 21)
    assert titles(hrc_next.section.rows) == [
        "Overdue since March",
        "Due today",
        "In progress",
        "Day before HRC64",
    ]
    assert hrc_next.section.total == ReportLink(4, hrc64)
    assert ga_next.session == ga(82)
    # The Assembly's box: what targets its sessions, not the Council's work.
    assert titles(ga_next.section.rows) == ["Report to GA82"]


def test_the_next_session_is_estimated_when_the_calendar_has_not_reached_it(
    staff_member, council_calendar
):
    board = dashboard(user=staff_member, today=TODAY)

    for before in board.before_next:
        assert before.session.pk is None
        assert not before.session.dates_confirmed
        assert before.session.start_date > TODAY


def test_statuses_count_every_follow_up(staff_member, calendar):
    due(D(2026, 1, 1))
    due(D(2026, 1, 1), status=Status.DONE)
    due(D(2026, 1, 1), status=Status.DONE)

    board = dashboard(user=staff_member, today=TODAY)

    counts = {item.status.value: item.link.count for item in board.statuses}
    assert counts == {"not_started": 1, "in_progress": 0, "done": 2, "cancelled": 0}
    assert board.statuses[2].link.filters == (("status", "done"),)


def test_breakdowns_count_open_and_overdue_follow_ups_with_a_none_bucket(staff_member, hrc64):
    unit = UnitFactory(name="Council Branch", abbreviation="CB")
    resolution = ResolutionFactory(number="61/5", symbol="A/HRC/RES/61/5", session=hrc(61))
    due(D(2026, 10, 1), lead_unit=unit, resolution=resolution, target_session=hrc64)
    due(D(2027, 1, 1), lead_unit=unit, resolution=resolution, actor=Actor.SECRETARY_GENERAL)
    due(D(2026, 10, 1), resolution=resolution, status=Status.DONE, target_session=hrc64)

    board = dashboard(user=staff_member, today=TODAY)
    by = {breakdown.name: breakdown for breakdown in board.breakdowns}

    sessions = {b.label: (b.open.count, b.overdue.count) for b in by["target_session"].buckets}
    assert sessions == {"HRC session 64": (1, 1), "none": (1, 0)}
    none = by["target_session"].buckets[-1]
    assert none.open.filters == (("target_session", NULL), *OPEN_FILTERS)
    assert none.overdue.filters == (("target_session", NULL), ("state", "overdue"))
    units = [(b.label, b.open.count, b.overdue.count) for b in by["lead_unit"].buckets]
    assert units == [("CB", 2, 1)]
    assert by["lead_unit"].buckets[0].open.filters[0] == ("lead_unit", str(unit.pk))
    actors = [(b.label, b.open.count) for b in by["actor"].buckets]
    assert actors == [("High Commissioner", 1), ("Secretary-General", 1)]
    assert [(b.label, b.open.count) for b in by["resolution"].buckets] == [("A/HRC/RES/61/5", 2)]
    assert by["resolution"].open_total == 2


def test_mine_is_what_i_am_focal_point_for_and_what_my_units_lead(staff_member, manager, calendar):
    mine = UnitFactory(name="Council Branch", abbreviation="CB")
    mine.members.add(staff_member)
    other = UnitFactory(name="Special Procedures Branch", abbreviation="SPB")
    other.members.add(manager)
    due(D(2026, 12, 1), title="My own", focal_point=staff_member, lead_unit=other)
    due(D(2026, 12, 2), title="My unit's", lead_unit=mine, focal_point=manager)
    due(D(2026, 12, 3), title="My unit's, done", lead_unit=mine, status=Status.DONE)
    due(D(2026, 12, 4), title="Someone else's", lead_unit=other, focal_point=manager)

    board = dashboard(user=staff_member, today=TODAY)

    assert titles(board.mine.focal_point.rows) == ["My own"]
    assert board.mine.focal_point.total.filters == (
        ("focal_point", str(staff_member.pk)),
        *OPEN_FILTERS,
    )
    assert [(u.label, u.open.count, u.overdue.count) for u in board.mine.units] == [("CB", 1, 0)]
    assert titles(board.mine.unit_rows) == ["My unit's"]


def test_the_timeline_runs_from_the_last_session_to_two_years_ahead(staff_member, hrc63, hrc64):
    due(D(2026, 9, 20), title="During HRC63, overdue")
    due(D(2026, 11, 1), title="After HRC63, overdue")
    due(D(2027, 1, 11), title="Report before HRC64")
    due(D(2027, 3, 1), title="Meeting at HRC64")
    due(D(2027, 3, 1), title="Done", status=Status.DONE)
    due(D(2027, 1, 11), title="Report to GA82", target_session=ga(82))

    board = dashboard(user=staff_member, today=TODAY)
    council = [item for item in board.timeline if item.session.body == Body.HRC]
    assembly = [item for item in board.timeline if item.session.body == Body.GA]

    assert council[0].session == hrc63
    assert council[0].past
    assert council[0].during == ReportLink(1, hrc63)
    assert council[1].session == hrc64
    assert not council[1].past
    assert council[-1].session.start_date <= TODAY + datetime.timedelta(days=2 * 365 + 1)
    assert [s.session.number for s in council] == list(range(63, 63 + len(council)))
    assert len(council) == 7  # three sessions a year: 63 to 69
    assert council[1].previous == hrc63
    # Every open Council follow-up due before HRC64 opens, however old.
    assert council[1].before == ReportLink(3, hrc64)
    assert council[1].during == ReportLink(1, hrc64)
    # The Assembly's sessions last a year (GA81 9 Sep 2026 – 8 Sep 2027).
    assert [item.session.number for item in assembly] == [81, 82, 83]
    counts = [(item.before.count, item.during.count) for item in assembly]
    assert counts == [(0, 1), (1, 0), (1, 0)]
    opening = [item.session.start_date for item in board.timeline]
    assert opening == sorted(opening)


def listed(session):
    return set(FollowUp.objects.filter(for_session(session, None)).values_list("title", flat=True))


def test_a_session_lists_what_targets_it_and_what_of_its_body_is_open_or_done_since_the_last_one(
    hrc63, hrc64
):
    assembly = ResolutionFactory(body=Body.GA, session=hrc(61), symbol="A/RES/81/1")
    due(D(2022, 2, 25), title="Open since 2022")
    due(D(2026, 9, 1), title="Done before HRC63 opened", status=Status.DONE)
    due(D(2026, 9, 7), title="Done as HRC63 opened", status=Status.DONE)
    due(D(2027, 3, 30), title="Open, due on HRC64's last day")
    due(D(2027, 3, 31), title="Open, due after HRC64 closed")
    due(D(2027, 5, 1), title="Targets HRC64, due after", target_session=hrc64)
    due(D(2027, 1, 1), title="Cancelled", status=Status.CANCELLED, target_session=hrc64)
    due(D(2027, 1, 1), title="Targets GA82", target_session=ga(82))
    due(D(2027, 1, 1), title="Assembly's, no target", resolution=assembly)

    report = session_report(pk=hrc64.pk)
    rows = {row.followup.title for group in report.groups for s in group.statuses for row in s.rows}

    assert report.previous == hrc63
    assert rows == {
        "Open since 2022",
        "Done as HRC63 opened",
        "Open, due on HRC64's last day",
        "Targets HRC64, due after",
    }
    assert (report.open_before, report.open_during) == (1, 1)
    assert listed(ga(82)) == {"Targets GA82", "Assembly's, no target"}


@pytest.mark.parametrize("rows", [5, 200])
def test_it_reads_in_a_fixed_number_of_queries(
    rows, staff_member, hrc64, django_assert_num_queries
):
    unit = UnitFactory()
    unit.members.add(staff_member)
    resolutions = ResolutionFactory.create_batch(3, session=hrc64)
    for index in range(rows):
        due(
            D(2026, 6, 1) + datetime.timedelta(days=3 * index),
            resolution=resolutions[index % 3],
            lead_unit=unit if index % 2 else None,
            focal_point=staff_member if index % 3 else None,
            target_session=hrc64 if index % 4 else None,
            status=Status.DONE if index % 5 == 0 else Status.NOT_STARTED,
        )

    with django_assert_num_queries(QUERIES):
        board = dashboard(user=staff_member, today=TODAY)
    with django_assert_num_queries(CACHED_QUERIES):
        again = dashboard(user=staff_member, today=TODAY)

    assert sum(item.link.count for item in board.statuses) == rows
    assert again.statuses == board.statuses


# The parts every reader sees: the fingerprint of what they show, the calendar,
# 1 aggregate for every count (sections, statuses, timeline), 4 short tables
# (overdue, due soon, before HRC, before GA) and 4 breakdowns. The reader's own:
# what they are focal point for (rows and count), their units, their units' rows.
QUERIES = 1 + 1 + 1 + 4 + 4 + 3
# Once the shared parts are cached: the fingerprint, then the reader's own.
CACHED_QUERIES = 1 + 3


def test_a_change_shows_at_once_although_the_shared_parts_are_cached(staff_member, hrc64):
    followup = due(D(2026, 6, 1), status=Status.NOT_STARTED, focal_point=staff_member)
    before = dashboard(user=staff_member, today=TODAY)

    services.log_progress(
        followup=followup,
        author=staff_member,
        text="Done.",
        status=Status.DONE,
        completed_on=D(2026, 5, 30),
        expected_version=followup.version,
    )
    after = dashboard(user=staff_member, today=TODAY)

    counts = {item.status: item.link.count for item in after.statuses}
    assert before.overdue.total.count == 1
    assert after.overdue.total.count == 0
    assert counts[Status.DONE] == 1


def test_a_unit_renamed_shows_at_once_in_the_breakdown(staff_member, hrc64):
    unit = UnitFactory(name="Rule of Law Section", abbreviation="RoL")
    due(D(2027, 1, 11), lead_unit=unit)
    dashboard(user=staff_member, today=TODAY)

    unit.abbreviation = "RLDS"
    unit.save()  # recorded in the unit's history, as the admin and the services do
    board = dashboard(user=staff_member, today=TODAY)

    labels = [b.label for b in {b.name: b for b in board.breakdowns}["lead_unit"].buckets]
    assert labels == ["RLDS"]


def test_a_session_moved_shows_at_once_even_with_no_follow_up(staff_member, hrc64):
    before = dashboard(user=staff_member, today=TODAY)

    Session.objects.filter(pk=hrc64.pk).update(
        start_date=D(2027, 3, 1), end_date=D(2027, 3, 31), version=F("version") + 1
    )
    after = dashboard(user=staff_member, today=TODAY)

    def council(board):
        return next(b for b in board.before_next if b.session.body == Body.HRC).session

    assert council(before).start_date != D(2027, 3, 1)
    assert council(after).start_date == D(2027, 3, 1)


def test_the_shared_parts_are_cached_per_language(staff_member, hrc64):
    due(D(2026, 6, 1), status=Status.NOT_STARTED)

    with translation.override("fr"):
        french = dashboard(user=staff_member, today=TODAY)
    english = dashboard(user=staff_member, today=TODAY)

    actors = {b.name: b for b in french.breakdowns}["actor"].buckets
    assert actors[0].label != {b.name: b for b in english.breakdowns}["actor"].buckets[0].label


def test_the_breakdown_by_resolution_shows_those_with_the_most_open_follow_ups(staff_member, hrc64):
    resolutions = ResolutionFactory.create_batch(BREAKDOWN_ROWS + 2, session=hrc64)
    for index, resolution in enumerate(resolutions):
        for _ in range(index + 1):
            due(D(2027, 1, 11), resolution=resolution)

    board = dashboard(user=staff_member, today=TODAY)
    by_resolution = {b.name: b for b in board.breakdowns}["resolution"]

    assert by_resolution.more
    assert [b.open.count for b in by_resolution.buckets] == list(range(BREAKDOWN_ROWS + 2, 2, -1))

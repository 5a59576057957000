"""The calendar feed (tracker.feeds), read back with a second, independent parser."""

from __future__ import annotations

import datetime

import pytest
import time_machine
import vobject  # type: ignore[import-untyped]
from django.http import QueryDict

from resolutions.models import MandateKind, Session
from tests.factories import (
    FollowUpFactory,
    MandateFactory,
    ParagraphFactory,
    ResolutionFactory,
    UnitFactory,
    UserFactory,
)
from tracker import feeds, selectors, services
from tracker.models import FeedToken, FollowUp, ReminderSettings, Status

TODAY = datetime.date(2026, 1, 15)
BASE_URL = "https://suivi.example.org/"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("council_calendar")]


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(datetime.datetime(2026, 1, 15, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def read_feed(filters=None, *, user=None, language="en"):
    """The feed as text and as vobject's calendar."""
    user = user or UserFactory()
    text = b"".join(
        feeds.feed_chunks(filters=filters, user=user, base_url=BASE_URL, language=language)
    ).decode()
    return text, vobject.readOne(text)


def events(calendar, prefix="followup-"):
    return {e.uid.value: e for e in calendar.vevent_list if e.uid.value.startswith(prefix)}


def uid(followup: FollowUp) -> str:
    return f"followup-{followup.pk}@{feeds.uid_domain()}"


def session(number: int) -> Session:
    return Session.objects.get(body="HRC", number=number, special=False)


def test_the_feed_is_a_valid_calendar_with_one_event_per_open_followup_with_a_due_date():
    not_started = FollowUpFactory(target_session=session(61))
    in_progress = FollowUpFactory(target_session=session(61), status=Status.IN_PROGRESS)
    FollowUpFactory(target_session=None)  # no due date
    FollowUpFactory(target_session=session(61), status=Status.DONE)
    FollowUpFactory(target_session=session(61), status=Status.CANCELLED)

    text, calendar = read_feed()

    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert calendar.version.value == "2.0"
    assert calendar.x_wr_calname.value == "Suivi: follow-up due dates"
    assert set(events(calendar)) == {uid(not_started), uid(in_progress)}


def test_an_event_says_what_is_due_from_which_clause_and_why_that_day():
    resolution = ResolutionFactory(symbol="A/HRC/RES/52/14", number="52/14")
    paragraph = ParagraphFactory(resolution=resolution, number=8)
    mandate = MandateFactory(
        paragraph=paragraph, text="to present a report at its sixty-first session"
    )
    followup = FollowUpFactory(
        resolution=resolution,
        paragraphs=[paragraph],
        mandate=mandate,
        title="Report on water",
        target_session=session(61),
        status=Status.IN_PROGRESS,
    )

    _text, calendar = read_feed()
    event = events(calendar)[uid(followup)]

    assert event.summary.value == "A/HRC/RES/52/14 · OP8 · Report on water"
    # Six weeks before 23 February 2026: Monday 12 January, an all-day event.
    assert event.dtstart.value == datetime.date(2026, 1, 12)
    assert event.dtend.value == datetime.date(2026, 1, 13)
    description = event.description.value
    assert "to present a report at its sixty-first session" in description
    assert "Status: in progress" in description
    assert "6 weeks before HRC session 61 opens" in description
    assert f"https://suivi.example.org/followups/{followup.pk}/" in description
    assert event.url.value == f"https://suivi.example.org/followups/{followup.pk}/"
    assert event.sequence.value == str(followup.version)
    # DTSTAMP and LAST-MODIFIED are UTC date-times, not dates.
    assert event.dtstamp.value == datetime.datetime(2026, 1, 15, 9, 0, tzinfo=datetime.UTC)
    assert event.last_modified.value == event.dtstamp.value


def test_followups_due_for_one_session_each_say_their_own_kinds_rule():
    report = FollowUpFactory(target_session=session(61))
    another_report = FollowUpFactory(target_session=session(61))
    meeting = FollowUpFactory(target_session=session(61), kind=MandateKind.MEETING)
    # Resources follow the meeting they serve, whatever their own target session.
    resources = FollowUpFactory(
        target_session=session(60), kind=MandateKind.RESOURCES, serves=meeting
    )

    _text, calendar = read_feed()
    described = {
        followup: events(calendar)[uid(followup)].description.value
        for followup in (report, another_report, meeting, resources)
    }

    assert "6 weeks before HRC session 61 opens (23 Feb 2026)" in described[report]
    assert "6 weeks before HRC session 61 opens (23 Feb 2026)" in described[another_report]
    assert "last day of HRC session 61 (31 Mar 2026)" in described[meeting]
    assert "day before HRC session 61 opens (23 Feb 2026)" in described[resources]


def test_a_due_date_set_by_hand_gives_its_reason():
    followup = FollowUpFactory(target_session=session(61))
    services.set_due_date(
        followup=followup, due_date=datetime.date(2026, 2, 2), reason="Bureau asked for it early"
    )

    _text, calendar = read_feed()

    assert (
        "set by hand: Bureau asked for it early"
        in events(calendar)[uid(followup)].description.value
    )


def test_a_moved_due_date_keeps_its_uid_and_raises_sequence_and_last_modified():
    followup = FollowUpFactory(target_session=session(61))
    _text, before = read_feed()
    old = events(before)[uid(followup)]

    with time_machine.travel(
        datetime.datetime(2026, 1, 16, 10, 30, tzinfo=datetime.UTC), tick=False
    ):
        services.set_due_date(
            followup=followup, due_date=datetime.date(2026, 2, 6), reason="Moved with the Bureau"
        )
        _text, after = read_feed()
    new = events(after)[uid(followup)]

    assert len(events(after)) == 1
    assert new.dtstart.value == datetime.date(2026, 2, 6)
    assert int(new.sequence.value) > int(old.sequence.value)
    assert new.last_modified.value > old.last_modified.value
    assert new.last_modified.value == datetime.datetime(2026, 1, 16, 10, 30, tzinfo=datetime.UTC)


@pytest.mark.parametrize("status", [Status.DONE, Status.CANCELLED])
def test_a_followup_done_or_cancelled_leaves_the_feed(manager, status):
    followup = FollowUpFactory(target_session=session(61))
    assert uid(followup) in events(read_feed()[1])

    services.log_progress(followup=followup, author=manager, text="Closed", status=status)

    assert uid(followup) not in events(read_feed()[1])


def test_sessions_span_their_dates_and_estimated_ones_are_tentative():
    # A resolution of a stored session: no factory session far ahead to estimate from.
    FollowUpFactory(resolution=ResolutionFactory(session=session(58)), target_session=session(60))

    _text, calendar = read_feed()
    sessions = {e.uid.value.split("@")[0]: e for e in events(calendar, prefix="session-").values()}

    # 60: what a listed follow-up is due for; 61 to 63: the coming year (62, 63 estimated).
    assert list(sessions) == [
        "session-HRC-60",
        "session-HRC-61",
        "session-HRC-62",
        "session-HRC-63",
    ]
    announced = sessions["session-HRC-61"]
    assert announced.summary.value == "HRC session 61"
    assert announced.dtstart.value == datetime.date(2026, 2, 23)
    # DTEND is exclusive: the day after the session closes on 31 March.
    assert announced.dtend.value == datetime.date(2026, 4, 1)
    assert announced.status.value == "CONFIRMED"
    estimated = sessions["session-HRC-62"]
    assert estimated.summary.value == "HRC session 62 (estimated)"
    assert estimated.status.value == "TENTATIVE"
    assert estimated.dtstart.value < estimated.dtend.value


def test_the_filters_of_the_list_apply(staff_member):
    me = staff_member
    mine = FollowUpFactory(target_session=session(61), focal_point=me)
    FollowUpFactory(target_session=session(61), focal_point=me, kind=MandateKind.MEETING)
    FollowUpFactory(target_session=session(61), lead_unit=UnitFactory())
    filters = QueryDict(mutable=True)
    filters.setlist("focal_point", [str(me.pk)])
    filters.setlist("kind", [MandateKind.REPORT])

    _text, calendar = read_feed(filters, user=me)

    listed = selectors.followup_list(filters=filters).qs
    assert [f.pk for f in listed] == [mine.pk]
    assert set(events(calendar)) == {uid(mine)}
    assert calendar.x_wr_calname.value == "Suivi: follow-up due dates (filtered)"


def test_the_feed_of_what_i_am_focal_point_for_is_named_so(staff_member):
    me = staff_member

    _text, calendar = read_feed({"focal_point": str(me.pk)}, user=me)

    assert calendar.x_wr_calname.value == "Suivi: due dates I am focal point for"


def test_invalid_filters_are_refused_before_anything_is_written():
    with pytest.raises(feeds.InvalidFilters) as refused:
        feeds.feed_chunks(
            filters={"status": "forged"}, user=UserFactory(), base_url=BASE_URL, language="en"
        )

    assert "forged" in refused.value.errors


def test_the_feed_speaks_its_owners_language():
    resolution = ResolutionFactory(symbol="A/HRC/RES/52/14", number="52/14")
    paragraph = ParagraphFactory(resolution=resolution, number=8)
    parts = {"kind": "report", "session": 61, "body": "HRC", "paragraph": 8, "symbol": "52/14"}
    followup = FollowUpFactory(
        resolution=resolution,
        paragraphs=[paragraph],
        title="Report for session 61 (52/14, OP8)",
        title_parts=parts,
        target_session=session(61),
    )
    owner = UserFactory()
    ReminderSettings.objects.create(user=owner, language="fr")
    token = feeds.feed_token(key=services.feed_key_for(user=owner).key)
    assert token is not None

    _text, calendar = read_feed(user=token.user, language=feeds.feed_language(token.user))
    event = events(calendar)[uid(followup)]

    assert event.summary.value == "A/HRC/RES/52/14 · OP8 · Rapport pour la 61e session (52/14, OP8)"
    assert "6 semaines avant" in event.description.value


def test_without_chosen_language_the_feed_speaks_the_requests():
    assert feeds.feed_language(UserFactory(), default="fr") == "fr"
    assert feeds.feed_language(UserFactory()) == "en"


def test_reading_a_persons_key_creates_none():
    me = UserFactory()

    assert feeds.feed_key_of(user=me) is None
    assert not FeedToken.objects.filter(user=me).exists()
    made = services.feed_key_for(user=me)
    assert feeds.feed_key_of(user=me) == made.key


@pytest.mark.parametrize(("chunk_size", "chunks"), [(2000, 1), (2, 3)])
def test_the_feed_reads_its_paragraphs_once_a_chunk(
    monkeypatch, django_assert_num_queries, chunk_size, chunks
):
    monkeypatch.setattr(feeds, "CHUNK_SIZE", chunk_size)
    resolution = ResolutionFactory(session=session(58))
    made = FollowUpFactory.create_batch(5, resolution=resolution, target_session=session(61))
    for followup in made:
        followup.paragraphs.add(ParagraphFactory(resolution=resolution))
    user = UserFactory()

    # Closure days, the follow-ups (one query, read in chunks), their paragraphs
    # (the links and the paragraphs, two a chunk: 5 rows in chunks of 2 are 3
    # chunks), the session they are due for (once: the first chunk names it),
    # the session calendar (1).
    with django_assert_num_queries(4 + 2 * chunks):
        text = b"".join(
            feeds.feed_chunks(filters=None, user=user, base_url=BASE_URL, language="en")
        ).decode()

    calendar = vobject.readOne(text)
    assert set(events(calendar)) == {uid(f) for f in made}
    summaries = {e.summary.value for e in events(calendar).values()}
    assert all(" · OP" in summary for summary in summaries)


def test_a_key_is_made_once_and_regenerating_replaces_it():
    me = UserFactory()

    first = services.feed_key_for(user=me)
    again = services.feed_key_for(user=me)
    regenerated = services.regenerate_feed_key(user=me)

    assert first.key == again.key
    assert len(first.key) >= 40
    assert regenerated.pk == first.pk
    assert regenerated.key != first.key
    assert FeedToken.objects.get(user=me).key == regenerated.key
    assert feeds.feed_token(key=first.key) is None


def test_uids_name_the_sites_public_host_whatever_host_the_feed_is_read_through(settings):
    settings.SUIVI_BASE_URL = "https://suivi.ohchr.org"
    followup = FollowUpFactory(target_session=session(61))

    _text, calendar = read_feed()

    assert set(events(calendar)) == {f"followup-{followup.pk}@suivi.ohchr.org"}
    assert "session-HRC-61@suivi.ohchr.org" in events(calendar, prefix="session-")

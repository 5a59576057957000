"""services.accept_mandates: one follow-up per mandate, once, with derived due dates."""

import datetime

import pytest

from resolutions.models import Actor, MandateKind, Session
from tests.factories import MandateFactory, ParagraphFactory, ResolutionFactory
from tracker import services
from tracker.models import FollowUp

D = datetime.date


@pytest.fixture
def resolution(db):
    return ResolutionFactory(session=Session.objects.get(number=46), number="46/99")


def test_accepting_mandates_makes_one_follow_up_each_with_derived_due_dates(resolution):
    op7 = ParagraphFactory(resolution=resolution, number=7)
    op8 = ParagraphFactory(resolution=resolution, number=8)
    MandateFactory(paragraph=op7, kind=MandateKind.MEETING, actor=Actor.COUNCIL, session_number=49)
    MandateFactory(paragraph=op8, kind=MandateKind.RESOURCES, session_number=49)
    MandateFactory(paragraph=op8, kind=MandateKind.REPORT, session_number=52)

    created = services.accept_mandates(resolution=resolution)

    by_kind = {f.kind: f for f in created}
    assert len(created) == 3
    assert by_kind["meeting"].due_date == D(2022, 4, 1)
    assert by_kind["report"].due_date == D(2023, 2, 27) - datetime.timedelta(weeks=6)
    assert by_kind["resources"].serves == by_kind["meeting"]
    assert by_kind["resources"].due_date == D(2022, 2, 25)  # Sunday 27th: the Friday before
    assert [p.number for p in by_kind["report"].paragraphs.all()] == [8]


def test_accepting_mandates_twice_creates_nothing_more(resolution):
    MandateFactory(paragraph=ParagraphFactory(resolution=resolution), session_number=52)
    services.accept_mandates(resolution=resolution)

    assert services.accept_mandates(resolution=resolution) == []
    assert FollowUp.objects.count() == 1


def test_a_mandate_for_an_unannounced_session_gets_an_estimated_session(resolution):
    MandateFactory(paragraph=ParagraphFactory(resolution=resolution), session_number=64)

    (followup,) = services.accept_mandates(resolution=resolution)

    session = followup.target_session
    assert session.number == 64 and not session.dates_confirmed
    # Session 64 is the February session a year after session 61 (23 Feb 2026), on a Monday.
    assert session.start_date == D(2027, 2, 22)
    assert session.end_date - session.start_date == D(2026, 3, 31) - D(2026, 2, 23)


def test_a_report_to_the_general_assembly_targets_its_session_not_the_councils(resolution):
    MandateFactory(
        paragraph=ParagraphFactory(resolution=resolution), session_body="GA", session_number=79
    )

    (followup,) = services.accept_mandates(resolution=resolution)

    assert followup.target_session.body == "GA"
    assert followup.target_session.start_date == D(2024, 9, 9)
    assert "General Assembly" in followup.title


def test_resources_without_a_session_serve_no_meeting(resolution):
    paragraph = ParagraphFactory(resolution=resolution)
    MandateFactory(paragraph=paragraph, kind=MandateKind.MEETING, session_number=None)
    MandateFactory(paragraph=paragraph, kind=MandateKind.RESOURCES, session_number=None)

    created = services.accept_mandates(resolution=resolution)

    resources = next(f for f in created if f.kind == MandateKind.RESOURCES)
    assert resources.serves is None

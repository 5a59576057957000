"""services.add_dependency / remove_dependency, and the links an import makes."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import (
    FollowUpFactory,
    MandateFactory,
    ParagraphFactory,
    ResolutionFactory,
    SessionFactory,
)
from tracker import services
from tracker.models import FollowUp
from tracker.services import LinkSpec, awaited_meetings


def test_a_follow_up_waits_on_another_with_a_new_version_and_a_history_record(db, manager):
    report, meeting = FollowUpFactory(), FollowUpFactory()
    version = report.version

    services.add_dependency(
        followup=report, waits_on=meeting, user=manager, expected_version=version
    )

    report.refresh_from_db()
    assert list(report.waits_on.all()) == [meeting]
    assert list(meeting.awaited_by.all()) == [report]
    assert report.version == version + 1
    record = report.history.latest()
    assert (record.history_change_reason, record.history_user) == (
        f"+waits_on:{meeting.pk}",
        manager,
    )


def test_a_link_is_removed_with_a_new_version_and_a_history_record(db, manager):
    report, meeting = FollowUpFactory(), FollowUpFactory()
    services.add_dependency(followup=report, waits_on=meeting)

    services.remove_dependency(followup=report, waits_on=meeting, user=manager)

    assert not report.waits_on.exists()
    assert report.history.latest().history_change_reason == f"-waits_on:{meeting.pk}"


def test_a_follow_up_cannot_wait_on_itself(db):
    followup = FollowUpFactory()
    with pytest.raises(ValidationError) as error:
        services.add_dependency(followup=followup, waits_on=followup)
    assert "waits_on" in error.value.error_dict


def test_a_cycle_is_refused_however_long_and_nothing_changes(db):
    a, b, c = FollowUpFactory(), FollowUpFactory(), FollowUpFactory()
    services.add_dependency(followup=a, waits_on=b)
    services.add_dependency(followup=b, waits_on=c)
    version = c.version

    with pytest.raises(ValidationError, match="cannot wait on each other"):
        services.add_dependency(followup=c, waits_on=a)

    c.refresh_from_db()
    assert (c.version, c.waits_on.count()) == (version, 0)


def test_the_same_link_twice_is_refused(db):
    a, b = FollowUpFactory(), FollowUpFactory()
    services.add_dependency(followup=a, waits_on=b)
    with pytest.raises(ValidationError, match="already waits"):
        services.add_dependency(followup=a, waits_on=b)


def test_a_link_from_a_stale_version_is_refused(db):
    a, b = FollowUpFactory(), FollowUpFactory()
    stale = a.version
    services.assign(followup=a, lead_unit=None, focal_point=None)

    with pytest.raises(services.ConcurrentEdit):
        services.add_dependency(followup=a, waits_on=b, expected_version=stale)
    assert not a.waits_on.exists()


def test_removing_a_link_that_is_not_there_is_refused(db):
    a, b = FollowUpFactory(), FollowUpFactory()
    with pytest.raises(ValidationError):
        services.remove_dependency(followup=a, waits_on=b)


@pytest.mark.parametrize(
    ("report_text", "meeting_session", "expected"),
    [
        ("to prepare a summary report on the meeting", 49, 0),
        ("d’établir un rapport de synthèse sur cette réunion", 49, 0),
        ("a report on the panel discussion", 52, 0),  # the same session
        ("to prepare a summary report on the meeting", 53, None),  # a later meeting
        ("to report on the implementation of the present resolution", 49, None),
    ],
)
def test_a_report_waits_on_the_meeting_it_reports_on(report_text, meeting_session, expected):
    specs = [
        LinkSpec(kind="meeting", session_number=meeting_session, session_body="HRC"),
        LinkSpec(kind="report", session_number=52, session_body="HRC", text=report_text),
    ]
    assert awaited_meetings(specs) == [None, expected]


def test_of_several_meetings_the_report_waits_on_the_latest_before_it():
    specs = [
        LinkSpec(kind="meeting", session_number=47, session_body="HRC"),
        LinkSpec(kind="meeting", session_number=49, session_body="HRC"),
        LinkSpec(kind="report", session_number=52, session_body="HRC", text="on the meeting"),
    ]
    assert awaited_meetings(specs) == [None, None, 1]


def test_a_report_to_the_general_assembly_waits_on_no_council_meeting():
    specs = [
        LinkSpec(kind="meeting", session_number=49, session_body="HRC"),
        LinkSpec(kind="report", session_number=79, session_body="GA", text="on the meeting"),
    ]
    assert awaited_meetings(specs) == [None, None]


def test_accepting_mandates_links_a_report_to_its_meeting(db):
    resolution = ResolutionFactory(session=SessionFactory(number=140))
    SessionFactory(number=141)
    SessionFactory(number=143)
    MandateFactory(
        paragraph=ParagraphFactory(resolution=resolution, number=7),
        kind="meeting",
        actor="council",
        session_number=141,
        text="Decides to convene a panel discussion",
        order=0,
    )
    MandateFactory(
        paragraph=ParagraphFactory(resolution=resolution, number=8),
        kind="report",
        session_number=143,
        text="to prepare a summary report on the panel discussion",
        order=1,
    )

    services.accept_mandates(resolution=resolution)

    report = FollowUp.objects.get(kind="report")
    assert [f.kind for f in report.waits_on.all()] == ["meeting"]

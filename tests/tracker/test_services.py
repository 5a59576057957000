import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from resolutions.models import Actor, MandateKind, Session
from tests.factories import FollowUpFactory, MandateFactory, ParagraphFactory, ResolutionFactory
from tracker import services
from tracker.models import DueDateSource, FollowUp, Status

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
    assert by_kind["resources"].due_date < D(2022, 2, 28)
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


def test_logging_progress_records_the_status_change(staff_member):
    followup = FollowUpFactory()

    entry = services.log_progress(
        followup=followup, author=staff_member, text="Drafting started", status=Status.IN_PROGRESS
    )

    followup.refresh_from_db()
    assert followup.status == Status.IN_PROGRESS
    assert (entry.status_from, entry.status_to) == (Status.NOT_STARTED, Status.IN_PROGRESS)
    assert followup.history.count() == 2


@time_machine.travel(D(2023, 1, 10), tick=False)
def test_marking_done_records_today_as_the_completion_date(staff_member):
    followup = FollowUpFactory(status=Status.IN_PROGRESS)

    services.log_progress(
        followup=followup, author=staff_member, status=Status.DONE, output_document="A/HRC/52/21"
    )

    followup.refresh_from_db()
    assert followup.completed_on == D(2023, 1, 10)
    assert followup.output_document == "A/HRC/52/21"


def test_an_empty_progress_entry_is_refused(staff_member):
    with pytest.raises(ValidationError):
        services.log_progress(followup=FollowUpFactory(), author=staff_member, text="   ")


def test_staff_cannot_cancel_a_follow_up(staff_member):
    with pytest.raises(PermissionDenied):
        services.log_progress(
            followup=FollowUpFactory(), author=staff_member, status=Status.CANCELLED
        )


def test_a_manager_can_cancel_a_follow_up(manager):
    followup = FollowUpFactory()
    services.log_progress(followup=followup, author=manager, text="Dropped", status="cancelled")
    followup.refresh_from_db()
    assert followup.status == Status.CANCELLED


def test_someone_without_a_role_cannot_log_progress(outsider):
    with pytest.raises(PermissionDenied):
        services.log_progress(followup=FollowUpFactory(), author=outsider, text="Hello")


def test_an_impossible_change_of_status_is_refused(manager):
    followup = FollowUpFactory(status=Status.CANCELLED)
    with pytest.raises(ValidationError):
        services.log_progress(followup=followup, author=manager, status=Status.DONE)


def test_a_stale_edit_is_refused_and_loses_nothing(staff_member):
    followup = FollowUpFactory()
    stale_version = followup.version
    services.log_progress(followup=followup, author=staff_member, text="First")

    with pytest.raises(services.ConcurrentEdit):
        services.log_progress(
            followup=FollowUp.objects.get(pk=followup.pk),
            author=staff_member,
            text="Second, from an old form",
            status=Status.DONE,
            expected_version=stale_version,
        )

    followup.refresh_from_db()
    assert followup.status == Status.NOT_STARTED
    assert [e.text for e in followup.progress.all()] == ["First"]


def test_a_due_date_set_by_hand_needs_a_reason(db):
    with pytest.raises(ValidationError):
        services.set_due_date(followup=FollowUpFactory(), due_date=D(2030, 1, 1), reason="")


def test_clearing_a_hand_set_due_date_goes_back_to_the_derived_one(db):
    followup = FollowUpFactory()
    derived = followup.due_date
    services.set_due_date(followup=followup, due_date=D(2030, 1, 1), reason="Asked by the Bureau")
    assert followup.due_date_source == DueDateSource.MANUAL

    services.set_due_date(followup=followup, due_date=None)

    followup.refresh_from_db()
    assert (followup.due_date, followup.due_date_source) == (derived, DueDateSource.DERIVED)


def test_sending_the_form_back_unchanged_records_nothing(staff_member):
    followup = FollowUpFactory(status=Status.IN_PROGRESS, output_document="A/HRC/52/21")

    with pytest.raises(ValidationError):
        services.log_progress(
            followup=followup, author=staff_member, text="", output_document="A/HRC/52/21"
        )

    assert not followup.progress.exists()


def test_reopening_a_done_follow_up_clears_its_completion_date(manager):
    followup = FollowUpFactory(status=Status.DONE, completed_on=D(2023, 1, 10))

    services.log_progress(
        followup=followup,
        author=manager,
        text="The report must be revised",
        status=Status.IN_PROGRESS,
        completed_on=D(2023, 1, 10),  # the form sends the old value back
    )

    followup.refresh_from_db()
    assert followup.completed_on is None


def test_resources_without_a_session_serve_no_meeting(resolution):
    paragraph = ParagraphFactory(resolution=resolution)
    MandateFactory(paragraph=paragraph, kind=MandateKind.MEETING, session_number=None)
    MandateFactory(paragraph=paragraph, kind=MandateKind.RESOURCES, session_number=None)

    created = services.accept_mandates(resolution=resolution)

    resources = next(f for f in created if f.kind == MandateKind.RESOURCES)
    assert resources.serves is None

"""services.import_resolution with recurring mandates: one follow-up per occurrence, kept
linked to its occurrence when the resolution is imported again."""

from pathlib import Path

import pytest

from resolutions.importer import parse
from resolutions.models import Mandate
from tracker import deadlines, services
from tracker.models import FollowUp

FIXTURES = Path(__file__).resolve().parents[2] / "resolutions" / "importer" / "fixtures"
TEXT = (FIXTURES / "en_recurring_mandates.txt").read_text()


def import_text(text: str, *, replace: bool = False, keep=None):
    """Import *text* keeping the proposals whose position *keep* accepts (all by default)."""
    parsed = parse(text)
    proposals = [
        proposal
        for order, proposal in enumerate(services.proposals_for(parsed))
        if keep is None or keep(order)
    ]
    return services.import_resolution(
        parsed=parsed, source_text=text, proposals=proposals, replace=replace
    )


def occurrences(series: int) -> list[tuple[str, int | None, int]]:
    return list(
        Mandate.objects.filter(series=series)
        .order_by("occurrence")
        .values_list("session_body", "session_number", "occurrence")
    )


@pytest.fixture
def imported(council_calendar):
    return import_text(TEXT).resolution


def test_each_occurrence_is_stored_as_a_mandate_of_its_series(imported):
    assert occurrences(1) == [("HRC", 54, 1), ("HRC", 57, 2), ("HRC", 60, 3)]
    assert occurrences(2) == [("GA", 78, 1), ("GA", 79, 2), ("GA", 80, 3)]
    assert occurrences(3) == [("HRC", 55, 1), ("HRC", 58, 2)]
    assert Mandate.objects.get(paragraph__number=5).series is None


def test_each_occurrence_gets_its_own_follow_up_due_for_its_session(imported):
    followups = FollowUp.objects.filter(mandate__series=1).order_by("mandate__occurrence")

    assert [f.target_session.number for f in followups] == [54, 57, 60]
    calendar = deadlines.WorkingCalendar.load()
    for followup in followups:
        derived = deadlines.derive(followup, calendar=calendar)
        assert derived is not None and followup.due_date == derived.date
    assert len({f.due_date for f in followups}) == 3


def test_importing_again_keeps_each_follow_up_on_its_occurrence(imported):
    before = dict(FollowUp.objects.values_list("mandate_id", "pk"))

    outcome = import_text(TEXT, replace=True)

    assert dict(FollowUp.objects.values_list("mandate_id", "pk")) == before
    assert outcome.changes == []
    assert occurrences(1) == [("HRC", 54, 1), ("HRC", 57, 2), ("HRC", 60, 3)]


def test_an_occurrence_dropped_at_import_is_proposed_again_and_the_others_stay(council_calendar):
    # Drop the second occurrence of the first series (proposal 2).
    import_text(TEXT, keep=lambda order: order != 1)
    kept = dict(FollowUp.objects.values_list("mandate_id", "pk"))

    import_text(TEXT, replace=True)

    assert dict(FollowUp.objects.filter(mandate_id__in=kept).values_list("mandate_id", "pk")) == (
        kept
    )
    assert FollowUp.objects.filter(mandate__series=1, mandate__occurrence=2).count() == 1


def test_a_resolution_stored_as_one_mandate_gains_its_other_occurrences(council_calendar):
    # As stored before recurring mandates were expanded: the named session only.
    import_text(TEXT)
    FollowUp.objects.filter(mandate__occurrence__gt=1).delete()
    Mandate.objects.filter(occurrence__gt=1).delete()
    Mandate.objects.update(series=None, occurrence=1)
    first = FollowUp.objects.get(mandate__paragraph__number=2, mandate__session_number=54)

    outcome = import_text(TEXT, replace=True)

    first.refresh_from_db()
    assert (first.mandate.series, first.mandate.occurrence) == (1, 1)
    assert occurrences(1) == [("HRC", 54, 1), ("HRC", 57, 2), ("HRC", 60, 3)]
    assert "new mandate in OP2: report" in outcome.changes
    assert FollowUp.objects.filter(mandate__series=1).count() == 3

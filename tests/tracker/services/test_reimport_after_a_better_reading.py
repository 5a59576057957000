"""Importing a stored resolution again after the importer reads it better: the
follow-ups stay linked to their deliverables, and none is created twice."""

from pathlib import Path

import pytest

from resolutions.importer import parse
from resolutions.models import Mandate
from tracker import services
from tracker.models import FollowUp

FIXTURES = Path(__file__).resolve().parents[2] / "resolutions" / "importer" / "fixtures"
TEXT = (FIXTURES / "en_actors_established_bodies.txt").read_text()


def import_text(*, replace: bool = False):
    parsed = parse(TEXT)
    return services.import_resolution(
        parsed=parsed,
        source_text=TEXT,
        proposals=services.proposals_for(parsed),
        replace=replace,
    )


@pytest.fixture
def read_as_an_older_release_did(council_calendar):
    """The resolution as stored by a release that read every actor as the Council
    and every deliverable as a report (what 2026's first importer did)."""
    import_text()
    Mandate.objects.update(actor="council", kind="report")
    return {f.pk: f.mandate_id for f in FollowUp.objects.all()}


def test_replacing_keeps_each_follow_up_on_its_deliverable_and_adds_none(
    read_as_an_older_release_did,
):
    outcome = import_text(replace=True)

    linked = {f.pk: f.mandate_id for f in FollowUp.objects.all()}
    assert linked == read_as_an_older_release_did
    assert FollowUp.objects.count() == len(read_as_an_older_release_did)
    assert not any("no longer read" in change for change in outcome.changes)
    assert any("now read as" in change for change in outcome.changes)
    assert Mandate.objects.exclude(actor="council").exists()

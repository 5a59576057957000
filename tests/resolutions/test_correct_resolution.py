"""Correcting and reverting the facts of a resolution's adoption: from the version
shown only, each write a new version, and an import's replace one too."""

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from resolutions.importer import parse
from resolutions.models import Resolution
from resolutions.services import (
    ConcurrentEdit,
    correct_resolution,
    revert_resolution,
    save_parsed_resolution,
)
from tests.factories import ResolutionFactory, UserFactory

pytestmark = pytest.mark.django_db

SAMPLE = (
    Path(__file__).resolve().parents[2] / "resolutions" / "sample_data" / "A_HRC_RES_46_13.fr.txt"
)


def stored(resolution):
    return Resolution.objects.values("title", "agenda_item", "adopted_on", "version").get(
        pk=resolution.pk
    )


def test_a_correction_from_the_version_shown_is_saved_as_a_new_version_by_its_author():
    resolution = ResolutionFactory(title="Frist title", agenda_item="3")
    editor = UserFactory(username="rafael")

    changed = correct_resolution(
        resolution=resolution,
        expected_version=1,
        values={"title": "First title", "agenda_item": "3"},
        user=editor,
    )

    assert changed == ["title"]
    assert stored(resolution)["title"] == "First title"
    assert stored(resolution)["version"] == 2
    assert resolution.history.first().history_user == editor


def test_a_correction_from_an_older_version_saves_nothing():
    resolution = ResolutionFactory(title="Frist title")
    correct_resolution(resolution=resolution, expected_version=1, values={"agenda_item": "4"})
    before = stored(resolution)

    with pytest.raises(ConcurrentEdit):
        correct_resolution(
            resolution=Resolution.objects.get(pk=resolution.pk),
            expected_version=1,
            values={"title": "First title"},
        )

    assert stored(resolution) == before


def test_an_adoption_date_outside_the_plausible_years_is_refused_and_nothing_saved():
    resolution = ResolutionFactory()
    before = stored(resolution)

    with pytest.raises(ValidationError, match="between 1946 and 2100"):
        correct_resolution(
            resolution=resolution,
            expected_version=1,
            values={"adopted_on": datetime.date(1, 1, 1)},
        )

    assert stored(resolution) == before
    assert resolution.adopted_on == before["adopted_on"]  # the instance is left as it was


def test_what_the_text_says_is_not_corrected_here():
    with pytest.raises(ValueError, match="symbol"):
        correct_resolution(
            resolution=ResolutionFactory(), expected_version=1, values={"symbol": "A/HRC/RES/1/1"}
        )


def test_a_revert_gives_back_the_old_values_as_a_new_version_with_its_reason():
    resolution = ResolutionFactory(title="First title")
    correct_resolution(resolution=resolution, expected_version=1, values={"title": "Second"})
    first = resolution.history.order_by("history_id").first()

    changed = revert_resolution(
        resolution=resolution, history_id=first.history_id, expected_version=2
    )

    assert changed == ["title"]
    assert (stored(resolution)["title"], stored(resolution)["version"]) == ("First title", 3)
    assert resolution.history.first().history_change_reason == "Reverted to version 1"


def test_a_revert_to_another_resolutions_record_is_refused():
    resolution, other = ResolutionFactory(), ResolutionFactory()

    with pytest.raises(ValidationError):
        revert_resolution(
            resolution=resolution,
            history_id=other.history.first().history_id,
            expected_version=1,
        )

    assert stored(resolution)["version"] == 1


def test_an_import_replacing_the_text_is_a_new_version_so_an_older_form_is_refused():
    text = SAMPLE.read_text()
    resolution = save_parsed_resolution(parsed=parse(text), source_text=text).resolution
    assert resolution.version == 1

    save_parsed_resolution(parsed=parse(text), source_text=text, replace=True)

    assert stored(resolution)["version"] == 2
    with pytest.raises(ConcurrentEdit):
        correct_resolution(resolution=resolution, expected_version=1, values={"agenda_item": "9"})

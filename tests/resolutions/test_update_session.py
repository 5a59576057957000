"""Correcting a session from a form: only from the version shown, and recorded."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from resolutions.models import Session
from resolutions.services import ConcurrentEdit, update_session
from tests.factories import SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

OPENS = datetime.date(2041, 2, 25)
CLOSES = datetime.date(2041, 4, 4)


def stored(session):
    return Session.objects.values("start_date", "end_date", "notes", "version").get(pk=session.pk)


def correct(session, **changes):
    values = {
        "session": session,
        "expected_version": session.version,
        "start_date": session.start_date,
        "end_date": session.end_date,
        "dates_confirmed": session.dates_confirmed,
        "notes": session.notes,
        **changes,
    }
    return update_session(**values)


def test_a_correction_from_the_current_version_is_saved_and_bumps_the_version():
    session = SessionFactory()

    changed = correct(session, start_date=OPENS, end_date=CLOSES, notes="Announced.")

    assert changed == ["start_date", "end_date", "notes"]
    assert stored(session) == {
        "start_date": OPENS,
        "end_date": CLOSES,
        "notes": "Announced.",
        "version": 2,
    }
    assert session.version == 2


def test_the_correction_is_recorded_in_the_history_with_its_author():
    session = SessionFactory()
    editor = UserFactory(username="lena")

    correct(session, start_date=OPENS, end_date=CLOSES, user=editor)

    record = session.history.first()
    assert (record.history_type, record.start_date, record.version) == ("~", OPENS, 2)
    assert record.history_user == editor


def test_a_correction_from_a_stale_version_is_refused_and_leaves_the_row_as_it_was():
    session = SessionFactory()
    correct(session, notes="Saved first by someone else.")
    before = stored(session)
    records = session.history.count()

    with pytest.raises(ConcurrentEdit, match="changed by someone else"):
        correct(session, expected_version=1, start_date=OPENS, end_date=CLOSES)

    assert stored(session) == before
    assert session.history.count() == records


def test_a_session_closing_before_it_opens_is_refused_and_nothing_is_saved():
    session = SessionFactory()
    before = stored(session)
    shown = (session.start_date, session.end_date, session.version)

    with pytest.raises(ValidationError):
        correct(session, start_date=CLOSES, end_date=OPENS)

    assert stored(session) == before
    assert (session.start_date, session.end_date, session.version) == shown


def test_saving_the_values_already_stored_changes_nothing_but_the_version():
    session = SessionFactory()

    assert correct(session) == []
    assert stored(session)["version"] == 2


def test_the_changes_are_read_against_the_stored_row_not_the_instance_a_form_filled():
    session = SessionFactory()
    session.start_date, session.end_date = OPENS, CLOSES  # as the admin's form leaves it

    changed = correct(session)

    assert changed == ["start_date", "end_date"]


def test_the_version_is_not_offered_on_forms():
    assert not Session._meta.get_field("version").editable


def test_confirming_an_estimated_session_drops_the_estimate_note(db):
    from resolutions.services import ESTIMATE_NOTE, estimated_session

    session = estimated_session(body="HRC", number=170)
    session.save()

    update_session(
        session=session,
        expected_version=session.version,
        start_date=session.start_date,
        end_date=session.end_date,
        dates_confirmed=True,
        notes=str(ESTIMATE_NOTE),
    )

    session.refresh_from_db()
    assert (session.dates_confirmed, session.notes) == (True, "")


@pytest.mark.parametrize("day", [datetime.date(1, 1, 1), datetime.date(2101, 1, 1)])
def test_a_session_date_outside_the_plausible_years_cannot_be_stored(day):
    session = SessionFactory()
    before = stored(session)

    with pytest.raises(ValidationError, match="between 1946 and 2100"):
        correct(session, start_date=day, end_date=max(day, CLOSES))

    assert stored(session) == before

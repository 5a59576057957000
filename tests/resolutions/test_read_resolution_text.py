"""A pasted text read against the session calendar: what only the calendar can number."""

import datetime
from pathlib import Path

import pytest

from resolutions.models import Body, Session
from resolutions.selectors import read_resolution_text, session_under_way_or_next

FIXTURES = Path(__file__).parent / "importer" / "fixtures"

pytestmark = pytest.mark.django_db


def _special_session_text(language: str) -> str:
    path = FIXTURES / f"{language}_special_session_relative_session.txt"
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_special_sessions_next_session_is_the_regular_session_after_its_date(language):
    # S-30 sat on 27 May 2021; the 47th regular session opened on 21 June 2021.
    parsed = read_resolution_text(text=_special_session_text(language))

    first = parsed.mandates[0]
    assert (first.paragraph, first.session, first.body, first.needs_review) == (1, 47, "HRC", True)
    assert parsed.mandates[1].session == 49  # named in the text: left as it is
    assert [w.code for w in parsed.warnings] == ["mandates.relative_session_in_special_session"]


def test_a_regular_session_under_way_on_the_special_sessions_date_is_the_next_one():
    Session.objects.filter(body=Body.HRC, number=47).update(start_date=datetime.date(2021, 5, 20))

    assert session_under_way_or_next(body=Body.HRC, day=datetime.date(2021, 5, 27)) == 47


def test_past_the_stored_calendar_the_session_is_counted_from_the_usual_pattern():
    Session.objects.filter(body=Body.HRC, number__gte=47).delete()

    number = session_under_way_or_next(body=Body.HRC, day=datetime.date(2021, 5, 27))

    assert number == 47


def test_without_an_adoption_date_the_follow_up_keeps_no_session():
    text = _special_session_text("en").replace("on 27 May 2021", "on")

    parsed = read_resolution_text(text=text)

    assert parsed.adopted_on is None
    assert parsed.mandates[0].session is None
    assert parsed.mandates[0].after_adoption == 1

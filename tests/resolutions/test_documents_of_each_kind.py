"""Decisions and President's statements are stored as resolutions are, with their kind."""

from pathlib import Path

import pytest

from resolutions.importer import parse
from resolutions.models import DocumentKind, Resolution
from resolutions.services import save_parsed_resolution

FIXTURES = Path(__file__).resolve().parent / "importer" / "fixtures"


def fixture(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


@pytest.mark.django_db
def test_a_decision_is_stored_with_its_kind_paragraphs_vote_and_mandates():
    text = fixture("en_decision_recorded_vote")

    outcome = save_parsed_resolution(parsed=parse(text), source_text=text)

    decision = Resolution.objects.get()
    assert outcome.created
    assert (decision.symbol, decision.kind, decision.number) == (
        "A/HRC/DEC/57/118",
        DocumentKind.DECISION,
        "57/118",
    )
    assert decision.get_kind_display() == "Decision"
    assert decision.session.number == 57
    assert decision.paragraphs.filter(kind="operative").count() == 3
    assert (decision.vote.yes, decision.vote.no, decision.vote.abstentions) == (23, 9, 15)
    assert decision.mandates.count() == 3


@pytest.mark.django_db
def test_a_statement_of_an_organizational_session_is_filed_under_the_cycle_s_last_session():
    text = fixture("en_presidents_statement_organizational_session")

    save_parsed_resolution(parsed=parse(text), source_text=text)

    statement = Resolution.objects.get()
    assert (statement.symbol, statement.kind) == ("A/HRC/PRST/OS/19/1", DocumentKind.STATEMENT)
    assert (statement.session.number, statement.session.special) == (60, False)
    assert statement.meeting is None
    assert not hasattr(statement, "vote")


@pytest.mark.django_db
def test_the_french_text_of_a_statement_is_added_to_the_english_one():
    english = fixture("en_presidents_statement")
    french = fixture("fr_presidents_statement")
    save_parsed_resolution(parsed=parse(english), source_text=english)

    outcome = save_parsed_resolution(parsed=parse(french), source_text=french)

    assert outcome.translation is not None
    assert outcome.changes == []
    assert Resolution.objects.get().kind == DocumentKind.STATEMENT


@pytest.mark.django_db
def test_replacing_a_text_read_as_another_kind_says_the_kind_changed():
    text = fixture("en_decision_without_vote")
    parsed = parse(text)
    parsed.kind = "resolution"  # as a text without its heading would be read
    save_parsed_resolution(parsed=parsed, source_text=text)

    outcome = save_parsed_resolution(parsed=parse(text), source_text=text, replace=True)

    assert outcome.changes == ["kind of document changed"]
    assert Resolution.objects.get().kind == DocumentKind.DECISION


UNTITLED_STATEMENT = """Human Rights Council
Fifteenth session
Agenda item 1
President’s statement
PRST 15/2
At the 34th meeting, held on 1 October 2010, the President of the Council read out the
following statement:
“The Human Rights Council
1. Requests the High Commissioner to present an oral update to the Council at its
sixteenth session.”
"""


@pytest.mark.django_db
def test_a_statement_printed_without_a_title_is_stored_without_one():
    parsed = parse(UNTITLED_STATEMENT)

    save_parsed_resolution(parsed=parsed, source_text=UNTITLED_STATEMENT)

    assert [w.code for w in parsed.warnings] == ["header.missing_title"]
    statement = Resolution.objects.get()
    assert (statement.symbol, statement.title, statement.meeting) == ("A/HRC/PRST/15/2", "", 34)

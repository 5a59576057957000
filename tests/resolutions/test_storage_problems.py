"""storage_problems: what saving a parsed text would refuse, found before saving."""

from __future__ import annotations

import datetime
from dataclasses import replace
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from resolutions.importer import parse
from resolutions.importer.types import Mandate, Paragraph, Vote
from resolutions.models import Resolution
from resolutions.services import save_parsed_resolution, storage_problems

FIXTURES = Path(__file__).resolve().parent / "importer" / "fixtures"


@pytest.fixture
def text():
    return (FIXTURES / "en_clean_without_vote.txt").read_text()


def problems(parsed, text, translation=False):
    return storage_problems(parsed=parsed, source_text=text, translation=translation)


def test_a_text_the_importer_reads_cleanly_has_no_problem(text):
    assert problems(parse(text), text) == []


def test_an_agenda_item_longer_than_its_field_is_named_with_its_line(text):
    parsed = replace(parse(text), agenda_item="3" * 25)
    source = text.replace("Agenda item 3", "Agenda item " + "3" * 25)

    (problem,) = problems(parsed, source)

    assert (problem.model, problem.field, problem.line) == ("resolution", "agenda item", 7)
    assert str(problem) == (
        "line 7: resolution, agenda item: Ensure this value has at most 20 characters (it has 25)."
    )


@pytest.mark.parametrize(
    ("change", "model", "field"),
    [
        ({"meeting": 10_000}, "resolution", "meeting"),
        ({"session": 10_000}, "session", "number"),
        ({"language": "de"}, "resolution", "language of the text"),
        ({"vote": Vote(method="secret")}, "vote", "method"),  # type: ignore[arg-type]
    ],
)
def test_each_value_the_database_would_refuse_is_named(text, change, model, field):
    parsed = replace(parse(text), **change)

    found = [(problem.model, problem.field) for problem in problems(parsed, text)]

    assert (model, field) in found


def test_a_paragraph_or_mandate_problem_is_placed_on_its_paragraphs_line(text):
    parsed = parse(text)
    first = parsed.operative_paragraphs[0]
    parsed.operative_paragraphs[0] = replace(first, number=10_000)
    mandate = replace(parsed.mandates[0], session=10_000)
    parsed.mandates = [mandate]

    found = {(p.model, p.field): p.line for p in problems(parsed, text)}

    assert found[("paragraph", "number")] == first.line
    paragraph = next(p for p in parsed.operative_paragraphs if p.number == mandate.paragraph)
    assert found[("mandate", "target session")] == paragraph.line


def test_what_it_names_is_what_saving_refuses(db, text):
    parsed = replace(parse(text), agenda_item="3" * 25)

    assert problems(parsed, text)
    with pytest.raises(ValidationError):
        save_parsed_resolution(parsed=parsed, source_text=text)
    assert not Resolution.objects.exists()


def test_a_text_in_a_further_language_is_checked_as_a_translation(text):
    parsed = replace(parse(text), agenda_item="3" * 25)  # not stored with a translation

    assert problems(parsed, text, translation=True) == []


def test_at_most_ten_problems_are_named(text):
    parsed = parse(text)
    parsed.operative_paragraphs = [
        Paragraph(number=10_000 + n, text="x", line=20) for n in range(50)
    ]

    assert len(problems(parsed, text)) == 10


def test_it_needs_no_database(text):
    # No db fixture: a query would fail the test.
    parsed = replace(parse(text), adopted_on=datetime.date(2025, 4, 3))
    parsed.mandates.append(
        Mandate(paragraph=3, kind="report", session=61, actor="high_commissioner", text="x")
    )

    assert problems(parsed, text) == []

"""The agenda item is its number(s) only, whatever follows them on the heading line."""

from __future__ import annotations

import pytest

from resolutions.importer import parse
from resolutions.importer.header import MAX_AGENDA_ITEM_CHARS

from .test_stages import HEADING, resolution

OPERATIVE = "1. Decides to remain seized of the matter.\n"

FRENCH = """Conseil des droits de l’homme
Cinquante-huitième session
Point 3 de l’ordre du jour
Résolution adoptée par le Conseil des droits de l’homme le 1er avril 2025
58/5. Une résolution inventée
Le Conseil des droits de l’homme,
Rappelant ses résolutions antérieures,
1. Décide de rester saisi de la question.
40e séance
1er avril 2025
[Adoptée sans vote.]
"""


def with_agenda_line(line: str) -> str:
    return resolution(OPERATIVE, heading=HEADING.replace("Agenda item 3", line))


def french_with_agenda_line(line: str) -> str:
    return FRENCH.replace("Point 3 de l’ordre du jour", line)


@pytest.mark.parametrize(
    ("line", "item"),
    [
        ("Agenda item 3", "3"),
        ("Agenda item 10", "10"),
        ("Agenda item 71 (b)", "71 (b)"),
        ("Agenda items 2 and 3", "2 and 3"),
        ("Agenda items 2, 3 and 4", "2, 3 and 4"),
        ("Agenda item 68 (a) and (b)", "68 (a) and (b)"),
        ("Agenda item 3: Promotion and protection of all human rights", "3"),
        ("Agenda item 3 — Promotion and protection of all human rights", "3"),
        ("Agenda item 3 Promotion and protection of all human rights", "3"),
        ("Agenda item 4. Human rights situations that require the Council’s attention", "4"),
    ],
)
def test_it_keeps_the_english_item_numbers_without_the_title(line: str, item: str) -> None:
    parsed = parse(with_agenda_line(line))
    assert parsed.agenda_item == item
    assert parsed.warnings == []


@pytest.mark.parametrize(
    ("line", "item"),
    [
        ("Point 3 de l’ordre du jour", "3"),
        ("Points 2 et 3 de l'ordre du jour", "2 et 3"),
        ("Point 71 b) de l’ordre du jour", "71 b)"),
        ("Points 2, 3 et 4 de l’ordre du jour", "2, 3 et 4"),
        ("Point 3 de l’ordre du jour : Promotion et protection de tous les droits", "3"),
        ("Point 3 de l’ordre du jour — Promotion et protection de tous les droits", "3"),
    ],
)
def test_it_keeps_the_french_item_numbers_without_the_title(line: str, item: str) -> None:
    parsed = parse(french_with_agenda_line(line))
    assert parsed.agenda_item == item
    assert parsed.warnings == []


def test_a_heading_glued_after_the_agenda_item_is_still_read() -> None:
    heading = HEADING.replace(
        "Agenda item 3\nResolution adopted by the Human Rights Council on 3 April 2025\n",
        "Agenda item 3 Resolution adopted by the Human Rights Council on 3 April 2025\n",
    )
    parsed = parse(resolution(OPERATIVE, heading=heading))
    assert parsed.agenda_item == "3"
    assert parsed.adopted_on is not None and parsed.adopted_on.isoformat() == "2025-04-03"


def test_a_number_line_glued_after_the_agenda_item_is_still_read() -> None:
    heading = (
        "Human Rights Council\nFifty-eighth session\n"
        "Agenda item 3 58/40. An invented resolution\nThe Human Rights Council,\n"
        "Recalling its earlier resolutions,\n"
    )
    parsed = parse(resolution(OPERATIVE, heading=heading))
    assert (parsed.agenda_item, parsed.number, parsed.title) == (
        "3",
        "58/40",
        "An invented resolution",
    )


def test_an_agenda_line_without_a_number_leaves_the_item_empty_with_a_warning() -> None:
    parsed = parse(with_agenda_line("Agenda item IV"))
    assert parsed.agenda_item is None
    assert [str(warning) for warning in parsed.warnings] == [
        "line 3: no agenda item number was found in “Agenda item IV”; the agenda item was "
        "left empty"
    ]


def test_items_longer_than_the_stored_field_keep_the_leading_numbers_with_a_warning() -> None:
    parsed = parse(with_agenda_line("Agenda items 2, 3, 4, 5, 6, 7, 8 and 9"))
    assert parsed.agenda_item == "2, 3, 4, 5, 6, 7, 8"
    assert len(parsed.agenda_item) <= MAX_AGENDA_ITEM_CHARS
    assert [str(warning) for warning in parsed.warnings] == [
        "line 3: the agenda items “2, 3, 4, 5, 6, 7, 8 and 9” do not fit in 20 characters; "
        "only “2, 3, 4, 5, 6, 7, 8” was kept"
    ]

"""A resolution whose whole operative part is one paragraph printed without a number."""

from __future__ import annotations

import pytest

from resolutions.importer import parse
from resolutions.importer.lexicon import LEXICONS, Lexicon
from resolutions.importer.paragraphs import opens_operative

from .test_stages import FOOTER, HEADING, error_of, resolution

EN = LEXICONS["en"]
FR = LEXICONS["fr"]


@pytest.mark.parametrize(
    ("text", "lex"),
    [
        ("Adopts the Political Declaration annexed to the present resolution.", EN),
        ("Requests the High Commissioner to prepare a report", EN),
        ("Also decides to remain seized of the matter;", EN),
        ("Strongly condemns all attacks", EN),
        ("Takes note with appreciation of the report", EN),
        ("Adopte la Déclaration politique", FR),
        ("Prie le Haut-Commissaire", FR),
        ("Se félicite de l’action menée", FR),
        ("S’inquiète vivement de la situation", FR),
    ],
)
def test_an_operative_verb_in_the_present_tense_opens_an_operative_paragraph(
    text: str, lex: Lexicon
) -> None:
    assert opens_operative(text, lex)


@pytest.mark.parametrize(
    ("text", "lex"),
    [
        ("Recalling its resolution 46/13,", EN),
        ("Deeply concerned by the situation,", EN),
        ("Further recalling the report,", EN),
        ("Taking note of the report,", EN),
        ("Rappelant sa résolution 46/13,", FR),
        ("Profondément préoccupé par la situation,", FR),
        ("Se félicitant de l’action menée,", FR),
        ("Inquiète de la situation,", FR),
        ("adopts in lower case", EN),
    ],
)
def test_a_participle_or_adjective_opens_no_operative_paragraph(text: str, lex: Lexicon) -> None:
    assert not opens_operative(text, lex)


def test_a_single_unnumbered_paragraph_is_the_operative_part_with_its_mandates() -> None:
    parsed = parse(
        resolution(
            "Requests the High Commissioner to prepare a report on the subject and to present\n"
            "it to the Human Rights Council at its sixtieth session.\n"
        )
    )
    assert [p.text for p in parsed.preambular_paragraphs] == ["Recalling its earlier resolutions,"]
    [paragraph] = parsed.operative_paragraphs
    assert (paragraph.number, paragraph.numbered) == (1, False)
    assert paragraph.text.startswith("Requests the High Commissioner")
    [mandate] = parsed.mandates
    assert (mandate.paragraph, mandate.kind, mandate.session, mandate.actor) == (
        1,
        "report",
        60,
        "high_commissioner",
    )


def test_its_json_says_it_is_unnumbered_and_numbered_paragraphs_say_nothing() -> None:
    unnumbered = parse(resolution("Decides to remain seized of the matter.\n")).to_json()
    numbered = parse(resolution("1. Decides to remain seized of the matter.\n")).to_json()
    assert unnumbered["operative_paragraphs"][0]["numbered"] is False
    assert "numbered" not in numbered["operative_paragraphs"][0]


def test_in_a_pdf_copy_the_unnumbered_paragraph_is_cut_from_the_last_preambular_one() -> None:
    # A blank line after every line: blank lines do not end paragraphs here.
    text = "\n\n".join(
        resolution(
            "Noting the report of the Secretary-General on the\nsubject,\n"
            "Decides to consider the question at its sixty-first session.\n"
        ).splitlines()
    )
    parsed = parse(text)
    assert [p.text for p in parsed.preambular_paragraphs] == [
        "Recalling its earlier resolutions,",
        "Noting the report of the Secretary-General on the subject,",
    ]
    assert [(p.numbered, p.text) for p in parsed.operative_paragraphs] == [
        (False, "Decides to consider the question at its sixty-first session.")
    ]


def test_a_general_assembly_text_without_preamble_adopting_a_declaration_is_read() -> None:
    heading = HEADING.replace("The Human Rights Council,\nRecalling its earlier resolutions,\n", "")
    heading = heading.replace("Human Rights Council", "General Assembly") + "The General Assembly\n"
    parsed = parse(
        heading + "Adopts the Political Declaration annexed to the present resolution.\n"
        "52nd plenary meeting\n1 December 2025\nAnnex\nPolitical Declaration\n"
        "1.\nWe, the States Members of the United Nations, commit ourselves;\n"
        "2.\nWe request the Secretary-General to report at the eighty-third session.\n"
    )
    assert parsed.preambular_paragraphs == []
    assert [(p.number, p.numbered) for p in parsed.operative_paragraphs] == [(1, False)]
    assert parsed.mandates == []
    assert len(parsed.annexes) == 1


def test_several_paragraphs_without_numbers_lost_them_and_are_numbered_in_order() -> None:
    # Pasted from a web page whose list numbers were not copied: the UN
    # numbers operative paragraphs as soon as there are two.
    parsed = parse(
        resolution(
            "Decides to hold a panel discussion at its sixtieth session;\n"
            "Requests the Office to provide the resources for it.\n"
        )
    )
    assert [(p.number, p.numbered) for p in parsed.operative_paragraphs] == [
        (1, True),
        (2, True),
    ]
    [warning] = parsed.warnings
    assert (warning.code, warning.line, warning.params["count"]) == (
        "paragraphs.numbers_inferred",
        8,
        2,
    )
    assert warning.message.startswith("the 2 operative paragraphs are printed without numbers")


def test_a_french_single_paragraph_is_read() -> None:
    text = (
        "Conseil des droits de l’homme\nCinquante-huitième session\nPoint 3 de l’ordre du jour\n"
        "Résolution adoptée par le Conseil des droits de l’homme le 3 avril 2025\n"
        "58/40. Une résolution inventée\nLe Conseil des droits de l’homme,\n"
        "Rappelant ses résolutions antérieures,\n"
        "Prie la Haute-Commissaire de lui présenter un rapport à sa soixantième session.\n"
        "40e séance\n3 avril 2025\n[Adoptée sans vote.]\n"
    )
    parsed = parse(text)
    assert [(p.number, p.numbered) for p in parsed.operative_paragraphs] == [(1, False)]
    assert [m.session for m in parsed.mandates] == [60]


def test_a_preamble_with_no_operative_verb_after_it_is_still_refused() -> None:
    error = error_of(HEADING + "Noting the report,\n" + FOOTER)
    assert error.code == "paragraphs.missing_operative"
    assert "“Decides”" in error.message


def test_numbered_paragraphs_leave_no_room_for_an_unnumbered_one() -> None:
    parsed = parse(resolution("1. Decides to act;\n2. Requests a report.\n"))
    assert all(p.numbered for p in parsed.operative_paragraphs)

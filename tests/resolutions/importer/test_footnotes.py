"""Footnotes wherever a paste puts them, kept out of the paragraphs.

The fixtures hold one text of each kind in each language (marks glued to a
year or a quote, a block in the middle of a paragraph in both layouts,
Markdown footnotes); these tests pin the rules one at a time.
"""

from __future__ import annotations

from resolutions.importer import parse
from resolutions.importer.paragraphs import without_trailing_mark

from .test_stages import FOOTER, HEADING, resolution

BLOCK = (
    "Bearing in mind the Convention of 19721 and the Protocol of 19932, and determined\n"
    "to achieve a convention on the prohibition of the\n"
    "{rule}"
    "1 United Nations, Treaty Series, vol. 1015, No. 14860.\n"
    "2 Ibid., vol. 1974, No. 33757.\n"
    "development of such weapons,\n"
)


def _with_preamble(preamble: str, operative: str = "1. Decides.\n") -> str:
    return resolution(operative, heading=HEADING + preamble)


def test_a_mark_glued_to_a_year_is_taken_out_of_it() -> None:
    parsed = parse(_with_preamble(BLOCK.format(rule="")))
    assert parsed.preambular_paragraphs[1].text == (
        "Bearing in mind the Convention of 1972 and the Protocol of 1993, and determined to "
        "achieve a convention on the prohibition of the development of such weapons,"
    )
    assert parsed.footnotes == [
        "United Nations, Treaty Series, vol. 1015, No. 14860.",
        "Ibid., vol. 1974, No. 33757.",
    ]


def test_a_footnote_block_cutting_a_paragraph_is_lifted_out_under_its_rule() -> None:
    parsed = parse(_with_preamble(BLOCK.format(rule="_______________\n")))
    assert len(parsed.preambular_paragraphs) == 2
    assert "____" not in parsed.preambular_paragraphs[1].text
    assert parsed.preambular_paragraphs[1].text.endswith(
        "prohibition of the development of such weapons,"
    )


def test_a_footnote_block_between_two_halves_of_a_line_rejoins_them_without_blank_lines() -> None:
    # One paragraph a line, no blank line anywhere, no rule: the block is
    # known by its numbers, its marks and its citations.
    parsed = parse(
        _with_preamble(
            "Noting the report of the Secretary-General,1 and resolution 78/190,2 and the "
            "report of the\n"
            "1 A/HRC/58/21.\n"
            "2 See General Assembly resolution 78/190.\n"
            "Special Rapporteur on the subject,\n"
            "Welcoming the work of the Working Group,\n"
        )
    )
    assert [p.text for p in parsed.preambular_paragraphs][1:] == [
        "Noting the report of the Secretary-General, and resolution 78/190, and the report of "
        "the Special Rapporteur on the subject,",
        "Welcoming the work of the Working Group,",
    ]
    assert parsed.footnotes == ["A/HRC/58/21.", "See General Assembly resolution 78/190."]


def test_the_line_after_a_block_goes_on_with_the_paragraph_though_it_opens_with_a_capital() -> None:
    text = _with_preamble(
        "\nNoting the report,1 and the report of the\n\n1 A/HRC/58/21.\n\n"
        "Special Rapporteur on the subject,\n\n"
    )
    parsed = parse(text)
    assert [p.text for p in parsed.preambular_paragraphs] == [
        "Recalling its earlier resolutions,",
        "Noting the report, and the report of the Special Rapporteur on the subject,",
    ]


def test_a_mark_set_apart_by_the_extraction_is_taken_when_its_footnote_confirms_it() -> None:
    parsed = parse(
        _with_preamble(
            "Noting the report of the Secretary-General, 1and of the Advisory Committee,\n"
            "Taking note of the Programme of Action in All Its Aspects, 2\n"
            "_______________\n1 A/HRC/58/21.\n2 See A/CONF.192/15.\n"
        )
    )
    assert [p.text for p in parsed.preambular_paragraphs][1:] == [
        "Noting the report of the Secretary-General, and of the Advisory Committee,",
        "Taking note of the Programme of Action in All Its Aspects,",
    ]


def test_numbers_in_a_list_are_not_marks() -> None:
    parsed = parse(
        _with_preamble(
            "Recalling paragraphs 2, 3 and 4 of its resolution 46/13, and articles 1, 2 of the\n"
            "Covenant,1\n_______________\n1 General Assembly resolution 2200 A (XXI).\n"
        )
    )
    assert parsed.preambular_paragraphs[1].text == (
        "Recalling paragraphs 2, 3 and 4 of its resolution 46/13, and articles 1, 2 of the "
        "Covenant,"
    )


def test_a_lettered_part_of_a_document_is_not_a_mark() -> None:
    parsed = parse(
        _with_preamble(
            "Taking note of resolutions GC(69)/RES/9 A.1, entitled “Support”, and of its report,1\n"
            "1 See A/80/348.\n"
        )
    )
    assert parsed.preambular_paragraphs[1].text == (
        "Taking note of resolutions GC(69)/RES/9 A.1, entitled “Support”, and of its report,"
    )


def test_one_lost_mark_does_not_leave_the_rest_of_its_block_in_the_text() -> None:
    parsed = parse(
        _with_preamble(
            "Recalling the report of the special coordinator and the Final Document,2\n"
            "_______________\n1 CD/1299.\n2 A/S-10/4.\n"
        )
    )
    assert parsed.footnotes == ["CD/1299.", "A/S-10/4."]
    assert parsed.preambular_paragraphs[1].text == (
        "Recalling the report of the special coordinator and the Final Document,"
    )


def test_a_mark_after_a_title_without_punctuation_is_taken_when_its_footnote_confirms_it() -> None:
    parsed = parse(
        _with_preamble(
            "Reaffirming the 2030 Agenda for Sustainable Development 1 and Goal 4 and\n"
            "article 2 of the Convention,\n"
            "_______________\n1 Resolution 70/1.\n"
        )
    )
    assert parsed.preambular_paragraphs[1].text == (
        "Reaffirming the 2030 Agenda for Sustainable Development and Goal 4 and article 2 of "
        "the Convention,"
    )


def test_a_footnote_cut_in_mid_sentence_goes_on_over_its_next_line() -> None:
    # A PDF copy without page furniture: a blank line after every line.
    text = "\n\n".join(
        _with_preamble(
            "Recalling the Convention on the Law of the Sea,1 and determined to\n"
            "1 Ibid., vol. 1833, No. 31363; see also A/CONF.62/122 and\n"
            "Corr.1 to 11.\n"
            "conclude such a convention,\n"
            "Noting the report,\n",
            operative="".join(
                f"{n}. Decides, for the {n}th time, to remain seized;\n" for n in range(1, 9)
            ),
        ).splitlines()
    )
    parsed = parse(text)
    assert parsed.footnotes == [
        "Ibid., vol. 1833, No. 31363; see also A/CONF.62/122 and Corr.1 to 11."
    ]
    assert [p.text for p in parsed.preambular_paragraphs][1:] == [
        "Recalling the Convention on the Law of the Sea, and determined to conclude such a "
        "convention,",
        "Noting the report,",
    ]


def test_markdown_footnotes_are_footnotes_and_their_marks_leave_the_text() -> None:
    text = resolution(
        "1. Decides.\n",
        heading=HEADING.replace(
            "Recalling its earlier resolutions,\n",
            "Recalling the 2030 Agenda,[^1] and the Pathway,2 and its resolution 54/3,\n",
        ),
    ) + (
        "\n---\n\n[^1]: General Assembly resolution 70/1.\n\n"
        "[^2]: General Assembly resolution 69/15,\n    annex.\n"
    )
    parsed = parse(text)
    assert parsed.preambular_paragraphs[0].text == (
        "Recalling the 2030 Agenda, and the Pathway, and its resolution 54/3,"
    )
    assert parsed.footnotes == [
        "General Assembly resolution 70/1.",
        "General Assembly resolution 69/15, annex.",
    ]
    assert parsed.warnings == []


def test_a_markdown_definition_is_a_footnote_even_where_its_mark_is_not_found() -> None:
    text = _with_preamble("Noting the report,\n") + "---\n[^1]: A/HRC/58/21.\n"
    parsed = parse(text)
    assert parsed.footnotes == ["A/HRC/58/21."]
    assert parsed.preambular_paragraphs[1].text == "Noting the report,"


def test_a_mark_left_without_its_footnote_does_not_hide_the_end_of_a_paragraph() -> None:
    # A PDF copy (a blank line after every line): paragraphs end at a comma
    # followed by a preambular opening, which "2016,11" hid.
    text = "\n\n".join(
        (
            HEADING
            + "Welcoming the Day of Education, proclaimed in 2016,11\nNoting the report,\n"
            + "1. Decides.\n"
            + FOOTER
        ).splitlines()
    )
    parsed = parse(text)
    assert [p.text for p in parsed.preambular_paragraphs] == [
        "Recalling its earlier resolutions,",
        "Welcoming the Day of Education, proclaimed in 2016,",
        "Noting the report,",
    ]


def test_a_thousands_group_at_the_end_of_a_line_is_no_mark() -> None:
    assert without_trailing_mark("some 2,000") == "some 2,000"
    assert without_trailing_mark("in 2016,11") == "in 2016,"
    assert without_trailing_mark("entitled “Education”,7") == "entitled “Education”,"
    assert without_trailing_mark("resolution 46/13,") == "resolution 46/13,"


def test_a_mark_set_apart_after_the_closing_comma_is_taken_out() -> None:
    assert without_trailing_mark("submitted in 2014, 3") == "submitted in 2014,"
    assert without_trailing_mark("entitled “Education”, 7") == "entitled “Education”,"
    assert without_trailing_mark("resolution 46/13, 12") == "resolution 46/13,"


def test_a_list_of_numbers_at_the_end_of_a_line_is_no_mark() -> None:
    assert without_trailing_mark("paragraphs 2, 3") == "paragraphs 2, 3"
    assert without_trailing_mark("subparagraphs (2), 4") == "subparagraphs (2), 4"
    assert without_trailing_mark(", 3") == ", 3"


def test_a_paragraph_ending_with_a_mark_set_apart_ends_there() -> None:
    text = (
        "Human Rights Council\nFifty-eighth session\nAgenda item 3\n"
        "Resolution adopted by the Human Rights Council on 3 April 2025\n"
        "58/30. Invented resolution\n\nThe Human Rights Council,\n\n"
        "Recalling the treaty submitted in 2014, 3\n\n"
        "Stressing the statements made by States,\n\n"
        "1. Decides to remain seized of the matter.\n\n"
        "40th meeting\n3 April 2025\n\n[Adopted without a vote.]\n"
    )
    parsed = parse(text)
    assert [p.text for p in parsed.preambular_paragraphs] == [
        "Recalling the treaty submitted in 2014,",
        "Stressing the statements made by States,",
    ]


def test_french_marks_glued_before_the_comma_are_taken_out() -> None:
    text = (
        "Conseil des droits de l’homme\nCinquante-huitième session\nPoint 3 de l’ordre du jour\n"
        "Résolution adoptée par le Conseil des droits de l’homme le 3 avril 2025\n"
        "58/40. Une résolution inventée\nLe Conseil des droits de l’homme,\n"
        "Rappelant la Convention de 19891 et le rapport du Secrétaire général2,\n"
        "_______________\n1 Nations Unies, Recueil des Traités, vol. 1577, no 27531.\n"
        "2 A/HRC/58/21.\n"
        "1. Décide de rester saisi de la question.\n"
        "40e séance\n3 avril 2025\n[Adoptée sans vote.]\n"
    )
    parsed = parse(text)
    assert parsed.preambular_paragraphs[0].text == (
        "Rappelant la Convention de 1989 et le rapport du Secrétaire général,"
    )
    assert len(parsed.footnotes) == 2

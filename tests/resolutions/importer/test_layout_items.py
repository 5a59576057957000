"""Heading and footer items are read by what they say, not by the line they sit on.

A paste that flattens line breaks puts several items on one line; a narrow
column wraps an item at any word; a PDF repeats the title as a page header
inside a paragraph.  Decisions and President's statements are named by
such items too, and a statement's introduction ends its heading wherever it
starts.  Each rule is checked in English and French.
"""

from __future__ import annotations

import datetime

import pytest

from resolutions.importer import parse
from resolutions.importer.normalize import normalize

EN_HEADING = (
    "Human Rights Council\nFifty-eighth session\nAgenda item 3\n"
    "Resolution adopted by the Human Rights Council on 3 April 2025\n"
    "58/40. An invented resolution\nThe Human Rights Council,\n"
    "Recalling its earlier resolutions,\n"
    "1. Calls upon States to protect lighthouse keepers;\n"
)
FR_HEADING = (
    "Conseil des droits de l’homme\nCinquante-huitième session\nPoint 3 de l’ordre du jour\n"
    "Résolution adoptée par le Conseil des droits de l’homme le 3 avril 2025\n"
    "58/40. Une résolution inventée\nLe Conseil des droits de l’homme,\n"
    "Rappelant ses résolutions antérieures,\n"
    "1. Demande aux États de protéger les gardiens de phare ;\n"
)
EN_LAST = "2. Decides to remain seized of the matter."
FR_LAST = "2. Décide de rester saisi de la question."
EN_FOOTER = "\n40th meeting\n3 April 2025\n[Adopted without a vote.]\n"
FR_FOOTER = "\n40e séance\n3 avril 2025\n[Adoptée sans vote.]\n"

APRIL_3 = datetime.date(2025, 4, 3)


def english(heading: str = EN_HEADING, last: str = EN_LAST, footer: str = EN_FOOTER) -> str:
    return heading + last + footer


def french(heading: str = FR_HEADING, last: str = FR_LAST, footer: str = FR_FOOTER) -> str:
    return heading + last + footer


def codes(text: str) -> list[str]:
    return [warning.code for warning in parse(text).warnings]


# --- Heading ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        english(
            "Human Rights Council Fifty-eighth session 24 February–4 April 2025 Agenda item 3 "
            "Promotion and protection of all human rights Resolution adopted by the Human "
            "Rights Council on 3 April 2025 58/40. An invented resolution\n"
            + EN_HEADING.split("\n", 5)[5]
        ),
        french(
            "Conseil des droits de l’homme Cinquante-huitième session 24 février-4 avril 2025 "
            "Point 3 de l’ordre du jour Promotion et protection de tous les droits de l’homme "
            "Résolution adoptée par le Conseil des droits de l’homme le 3 avril 2025 "
            "58/40. Une résolution inventée\n" + FR_HEADING.split("\n", 5)[5]
        ),
    ],
    ids=["en", "fr"],
)
def test_heading_items_on_one_line_are_each_read(text: str) -> None:
    parsed = parse(text)
    assert (parsed.session, parsed.agenda_item, parsed.adopted_on, parsed.number) == (
        58,
        "3",
        APRIL_3,
        "58/40",
    )
    assert parsed.title in ("An invented resolution", "Une résolution inventée")
    assert parsed.warnings == []


@pytest.mark.parametrize(
    ("text", "old", "new"),
    [
        (
            EN_HEADING,
            "Human Rights Council on 3 April 2025",
            "Human Rights Council on\n3 April 2025",
        ),
        (
            EN_HEADING,
            "Human Rights Council on 3 April 2025",
            "Human\nRights Council on 3\nApril 2025",
        ),
        (
            FR_HEADING,
            "droits de l’homme le 3 avril 2025",
            "droits de l’homme le\n3 avril 2025",
        ),
    ],
    ids=["en date on the next line", "en wrapped at other words", "fr date on the next line"],
)
def test_an_adoption_record_wrapped_at_any_word_keeps_its_date(
    text: str, old: str, new: str
) -> None:
    heading = text.replace(old, new)
    parsed = parse(english(heading) if heading.startswith("Human") else french(heading))
    assert parsed.adopted_on == APRIL_3
    assert parsed.warnings == []


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        (
            english(EN_HEADING.replace(" on 3 April 2025", " on")),
            "Resolution adopted by the Human Rights Council on",
        ),
        (
            french(FR_HEADING.replace(" le 3 avril 2025", " le")),
            "Résolution adoptée par le Conseil des droits de l’homme le",
        ),
    ],
    ids=["en", "fr"],
)
def test_an_adoption_record_without_its_date_is_a_warning_naming_the_line(
    text: str, heading: str
) -> None:
    parsed = parse(text)
    assert parsed.adopted_on is None
    [warning] = parsed.warnings
    assert (warning.code, warning.line, dict(warning.params)) == (
        "header.adoption_date_missing",
        4,
        {"heading": heading},
    )


def test_an_unreadable_adoption_date_is_quoted_in_its_warning() -> None:
    parsed = parse(english(EN_HEADING.replace("on 3 April 2025", "on 3 Apirl 2025")))
    assert parsed.adopted_on is None
    assert [str(warning) for warning in parsed.warnings] == [
        "line 4: the adoption date “3 Apirl 2025” could not be read"
    ]


def test_an_assembly_heading_flattened_by_blocks_is_read() -> None:
    heading = (
        "United Nations\n\nGeneral Assembly Distr.: General 5 December 2025\n\n"
        "Eightieth session Agenda item 99 (ii) General and complete disarmament: lighthouses\n\n"
        "Resolution adopted by the General Assembly on 1 December 2025 "
        "[on the report of the First Committee (A/80/534, para. 7)] 80/61. Lighthouses\n\n"
        "The General Assembly,\n\nRecalling its resolution 78/31,\n\n"
        "1. Encourages Member States to keep lighthouses free of weapons.\n\n"
        "52nd plenary meeting 1 December 2025\n"
    )
    parsed = parse(heading)
    assert (parsed.symbol, parsed.session, parsed.agenda_item, parsed.title) == (
        "A/RES/80/61",
        80,
        "99 (ii)",
        "Lighthouses",
    )
    assert (parsed.adopted_on, parsed.meeting) == (datetime.date(2025, 12, 1), 52)
    assert parsed.warnings == []


def test_the_authorial_line_after_the_title_on_its_line_ends_the_heading() -> None:
    heading = EN_HEADING.replace(
        "58/40. An invented resolution\nThe Human Rights Council,\n",
        "58/40. An invented resolution The Human Rights Council,\n",
    )
    parsed = parse(english(heading))
    assert parsed.title == "An invented resolution"
    assert parsed.preambular_paragraphs[0].text == "Recalling its earlier resolutions,"


def test_a_lone_authorial_line_without_its_comma_ends_the_title() -> None:
    heading = EN_HEADING.replace(
        "58/40. An invented resolution\nThe Human Rights Council,\n",
        "58/40. An invented resolution\non two lines\nThe Human Rights Council\n",
    )
    parsed = parse(english(heading))
    assert parsed.title == "An invented resolution on two lines"
    assert parsed.warnings == []


# --- Kinds of document, read from heading items -------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Human Rights Council Fifty-eighth session Agenda item 1 Organizational and "
            "procedural matters President’s statement PRST 58/1. An invented statement At the "
            "41st meeting, held on 4 April 2025, the President of the Human Rights Council made "
            "the following statement: “The Human Rights Council, Recalling its resolution 5/1,\n"
            "1. Requests the Office of the High Commissioner to present an oral update to the "
            "Council at its fifty-ninth session;\n2. Decides to remain seized of the matter.”\n",
            "An invented statement",
        ),
        (
            "Conseil des droits de l’homme Cinquante-huitième session Point 1 de l’ordre du jour "
            "Déclaration du Président PRST 58/1. Une déclaration inventée À sa 41e séance, le "
            "4 avril 2025, le Président a fait la déclaration suivante : « Le Conseil des droits "
            "de l’homme, Rappelant sa résolution 5/1,\n1. Prie le Haut-Commissariat de lui "
            "présenter une mise à jour orale à sa cinquante-neuvième session ;\n"
            "2. Décide de rester saisi de la question. »\n",
            "Une déclaration inventée",
        ),
    ],
    ids=["en", "fr"],
)
def test_a_statement_s_heading_on_one_line_ends_its_title_at_the_introduction(
    text: str, title: str
) -> None:
    parsed = parse(text)
    assert (parsed.kind, parsed.symbol, parsed.title) == ("statement", "A/HRC/PRST/58/1", title)
    assert (parsed.agenda_item, parsed.meeting, parsed.adopted_on) == (
        "1",
        41,
        datetime.date(2025, 4, 4),
    )
    assert len(parsed.preambular_paragraphs) == 1
    assert [(m.kind, m.session) for m in parsed.mandates] == [("oral_update", 59)]
    assert parsed.warnings == []


def test_a_statement_is_named_by_its_heading_item_followed_by_a_footnote_mark() -> None:
    text = (
        "Human Rights Council Fifty-eighth session Agenda item 1 Statement by the President** "
        "58/1. An invented statement\n“The Human Rights Council,\n"
        "1. Decides to remain seized of the matter.”\n"
    )
    parsed = parse(text)
    assert (parsed.kind, parsed.symbol, parsed.title) == (
        "statement",
        "A/HRC/PRST/58/1",
        "An invented statement",
    )
    assert parsed.warnings == []


def test_a_statement_number_without_a_full_stop_is_read_after_other_items_on_its_line() -> None:
    text = (
        "Human Rights Council\nFifteenth session Agenda item 1 President’s statement* PRST 15/2\n"
        "At the 34th meeting, held on 1 October 2010, the President of the Council, recalling "
        "General Assembly resolution 48/141 of 20 December 1993, issued a statement reading as "
        "follows:\n“The Human Rights Council\n"
        "1. Invites the High Commissioner to present an oral update at its sixteenth session;\n"
        "2. Decides to remain seized of the matter.”\n"
    )
    parsed = parse(text)
    assert (parsed.kind, parsed.number, parsed.meeting) == ("statement", "15/2", 34)
    assert parsed.adopted_on == datetime.date(2010, 10, 1)
    assert [warning.code for warning in parsed.warnings] == ["header.missing_title"]


@pytest.mark.parametrize(
    "text",
    [
        english(
            "Human Rights Council Fifty-eighth session Agenda item 3 Decision adopted by the "
            "Human Rights Council on 3 April 2025 58/40. An invented resolution\n"
            + EN_HEADING.split("\n", 5)[5]
        ),
        french(
            "Conseil des droits de l’homme Cinquante-huitième session Point 3 de l’ordre du jour "
            "Décision adoptée par le Conseil des droits de l’homme le 3 avril 2025 "
            "58/40. Une résolution inventée\n" + FR_HEADING.split("\n", 5)[5]
        ),
        english(
            EN_HEADING.replace(
                "Resolution adopted by the Human Rights Council on 3 April 2025", "Decision"
            )
        ),
    ],
    ids=["en adoption record", "fr adoption record", "en kind alone on its line"],
)
def test_a_decision_is_named_by_a_heading_item_wherever_it_sits(text: str) -> None:
    parsed = parse(text)
    assert (parsed.kind, parsed.symbol, parsed.agenda_item) == ("decision", "A/HRC/DEC/58/40", "3")


# --- Footer ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "last"),
    [
        (english(footer="\n40th meeting 3 April 2025 [Adopted without a vote.]\n"), EN_LAST),
        (english(footer="\n40th meeting\n3 April 2025 [Adopted without a vote.]\n"), EN_LAST),
        (english(footer="\n40th meeting [Adopted without a vote.]\n"), EN_LAST),
        (english(footer=" 40th meeting 3 April 2025 [Adopted without a vote.]\n"), EN_LAST),
        (english(footer=" 40th meeting\n3 April 2025\n[Adopted without a vote.]\n"), EN_LAST),
        (french(footer="\n40e séance 3 avril 2025 [Adoptée sans vote.]\n"), FR_LAST),
        (french(footer=" 40e séance 3 avril 2025 [Adoptée sans vote.]\n"), FR_LAST),
    ],
    ids=[
        "en one line",
        "en date and record",
        "en meeting and record",
        "en after the last sentence",
        "en meeting after the last sentence",
        "fr one line",
        "fr after the last sentence",
    ],
)
def test_footer_items_sharing_a_line_are_read_and_kept_out_of_the_paragraph(
    text: str, last: str
) -> None:
    parsed = parse(text)
    assert parsed.meeting == 40
    assert parsed.vote is not None and parsed.vote.method == "without_vote"
    assert parsed.operative_paragraphs[-1].text == last.removeprefix("2. ")
    assert parsed.warnings == []


@pytest.mark.parametrize(
    "text",
    [
        english(footer="\n52nd plenary meeting 1 December 2025\n"),
        french(footer="\n52e séance plénière 1er décembre 2025\n"),
    ],
    ids=["en", "fr"],
)
def test_an_assembly_meeting_and_its_date_on_one_line_end_the_text(text: str) -> None:
    parsed = parse(text)
    assert (parsed.meeting, parsed.vote) == (52, None)
    assert len(parsed.operative_paragraphs) == 2
    assert parsed.warnings == []


@pytest.mark.parametrize(
    "text",
    [
        english(footer="\n52nd plenary\nmeeting 1 December\n2025\n"),
        english(footer=" 52nd\nplenary meeting 1\nDecember 2025\n"),
        french(footer="\n52e séance\nplénière 1er\ndécembre 2025\n"),
    ],
    ids=["en", "en after the last sentence", "fr"],
)
def test_a_meeting_wrapped_at_any_word_ends_the_text(text: str) -> None:
    parsed = parse(text)
    assert parsed.meeting == 52
    assert parsed.operative_paragraphs[-1].text.endswith(("matter.", "question."))
    assert parsed.warnings == []


def test_a_recorded_vote_starting_on_the_meeting_line_is_read() -> None:
    parsed = parse(
        english(
            footer=(
                "\n40th meeting 3 April 2025 [Adopted by a recorded vote of 2 to 1, with 0 "
                "abstentions. The voting was as follows:\nIn favour:\nChile, France\n"
                "Against:\nChina\nAbstaining:\n]\n"
            )
        )
    )
    assert parsed.vote is not None
    assert (parsed.vote.yes, parsed.vote.no, parsed.vote.in_favour) == (2, 1, ("Chile", "France"))


def test_an_unreadable_meeting_date_is_a_warning_naming_its_line() -> None:
    parsed = parse(english(footer="\n40th meeting 3 Apirl 2025\n[Adopted without a vote.]\n"))
    assert parsed.meeting == 40
    assert [str(warning) for warning in parsed.warnings] == [
        "line 10: the date of the meeting “3 Apirl 2025” could not be read"
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (english(footer="\n40th meeting 3 April 2025 (see the annexed statement)\n"), 10),
        (french(footer="\n40e séance 3 avril 2025 (voir la déclaration annexée)\n"), 10),
    ],
    ids=["en", "fr"],
)
def test_text_after_the_meeting_is_a_warning_never_paragraph_text(text: str, line: int) -> None:
    parsed = parse(text)
    assert parsed.operative_paragraphs[-1].text.endswith(("matter.", "question."))
    [warning] = parsed.warnings
    assert (warning.code, warning.line) == ("footer.text_ignored", line)


def test_a_meeting_named_inside_a_sentence_does_not_end_the_text() -> None:
    last = "2. Recalls the decision taken at its\n40th meeting on 3 April 2024;\n3. Decides."
    parsed = parse(english(last=last))
    assert [paragraph.number for paragraph in parsed.operative_paragraphs] == [1, 2, 3]


def test_a_wrapped_line_reading_annex_does_not_end_the_text() -> None:
    last = "2. Takes note of the guidelines contained in the\nannex.\n3. Decides."
    parsed = parse(english(last=last))
    assert [paragraph.number for paragraph in parsed.operative_paragraphs] == [1, 2, 3]
    assert parsed.annexes == []


# --- Running headers ---------------------------------------------------------------

GA = (
    "General Assembly\nEightieth session\nAgenda item 94\n"
    "Resolution adopted by the General Assembly on 1 December 2025\n\n"
    "80/61. Lighthouses and safe navigation\n\nThe General Assembly,\n\n"
    "Recalling its resolution 78/31,\n\n"
    "1. Requests the Secretary-General to report to the General Assembly at its\n\n"
    "{furniture}\n\n"
    "eighty-second session;\n\n"
    "2. Decides to include in its agenda the item entitled “Lighthouses and safe navigation”.\n\n"
    "52nd plenary meeting\n1 December 2025\n"
)


@pytest.mark.parametrize(
    "furniture",
    [
        "Lighthouses and safe navigation",
        "A/RES/80/61\nLighthouses and safe navigation\n\n25-20001\n2/3",
        "Lighthouses and safe navigation\nA/RES/80/61\n\n3/3\n25-20001",
        "A/RES/80/61 Lighthouses and\nsafe navigation",
        "25-20001 2/3",
    ],
    ids=["title", "symbol title job page", "title symbol page job", "wrapped", "job and page"],
)
def test_a_page_header_inside_a_paragraph_is_not_text(furniture: str) -> None:
    parsed = parse(GA.format(furniture=furniture))
    assert parsed.operative_paragraphs[0].text == (
        "Requests the Secretary-General to report to the General Assembly at its "
        "eighty-second session;"
    )
    assert parsed.operative_paragraphs[1].text.endswith("“Lighthouses and safe navigation”.")


def test_an_annex_opening_with_the_title_keeps_it() -> None:
    text = GA.format(furniture="Lighthouses").replace(
        "52nd plenary meeting\n1 December 2025\n",
        "52nd plenary meeting\n1 December 2025\n\nAnnex\n\nLighthouses and safe navigation\n\n"
        "1. Lighthouses shall be kept lit.\n",
    )
    parsed = parse(text)
    assert parsed.annexes == [
        "Annex\nLighthouses and safe navigation\n1. Lighthouses shall be kept lit."
    ]


def test_an_older_number_alone_on_its_line_is_not_a_page_number() -> None:
    normalized = normalize("Resolution adopted by the Human Rights Council\n\n16/21\n\nA title\n")
    assert [line.text for line in normalized.lines] == [
        "Resolution adopted by the Human Rights Council",
        "16/21",
        "A title",
    ]


def test_a_page_header_with_the_symbol_is_a_symbol_hint() -> None:
    normalized = normalize(GA.format(furniture="A/RES/80/61 Lighthouses and safe navigation"))
    assert normalized.symbol_hints == (("A/RES/80/61", 14),)


@pytest.mark.parametrize(
    ("text", "annex"),
    [
        (
            english(footer="\n40th meeting 3 April 2025 [Adopted without a vote.]\n")
            + "Annex Guidelines on lighthouses 1. Lighthouses shall be kept lit.\n",
            "Annex Guidelines on lighthouses 1. Lighthouses shall be kept lit.",
        ),
        (
            french(footer="\n40e séance 3 avril 2025 [Adoptée sans vote.]\n")
            + "Annexe Principes directeurs sur les phares\n1. Les phares restent allumés.\n",
            "Annexe Principes directeurs sur les phares\n1. Les phares restent allumés.",
        ),
    ],
    ids=["en", "fr"],
)
def test_an_annex_heading_sharing_its_line_with_its_title_opens_the_annex(
    text: str, annex: str
) -> None:
    parsed = parse(text)
    assert parsed.annexes == [annex]
    assert parsed.warnings == []

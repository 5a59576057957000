"""Behaviour of the importer's stages on small texts written for each rule.

The first tests call each stage on its own, with the typed inputs the
earlier stages would give it; the rest go through ``parse``.
"""

from __future__ import annotations

import datetime

import pytest

from resolutions.importer import ImporterError, Problem, parse
from resolutions.importer.footer import Footer, read_footer
from resolutions.importer.header import read_header
from resolutions.importer.language import detect_language
from resolutions.importer.lexicon import LEXICONS
from resolutions.importer.mandates import read_mandates
from resolutions.importer.normalize import Line, normalize
from resolutions.importer.paragraphs import body_lines, read_paragraphs
from resolutions.importer.types import Mandate, Paragraph, Vote
from resolutions.importer.vote import VoteReading, read_vote

EN = LEXICONS["en"]
FR = LEXICONS["fr"]

HEADING = """Human Rights Council
Fifty-eighth session
Agenda item 3
Resolution adopted by the Human Rights Council on 3 April 2025
58/40. An invented resolution
The Human Rights Council,
Recalling its earlier resolutions,
"""
FOOTER = """40th meeting
3 April 2025
[Adopted without a vote.]
"""


def resolution(operative: str, heading: str = HEADING, footer: str = FOOTER) -> str:
    return heading + operative + footer


def error_of(text: str) -> ImporterError:
    with pytest.raises(ImporterError) as caught:
        parse(text)
    return caught.value


def lines_of(text: str) -> tuple[Line, ...]:
    return normalize(text).lines


# --- Each stage on its own -------------------------------------------------------


def test_normalize_removes_odd_spaces_and_page_furniture() -> None:
    normalized = normalize(
        "Human\u00a0Rights\u202fCouncil\n\f2\nA/HRC/RES/58/40\nGE.25-01234(E)\n*2501234*\n"
        "  Recalling\u200b its resolutions,\n"
    )
    assert normalized.lines == (
        Line(1, "Human Rights Council"),
        Line(6, "Recalling its resolutions,", after_page_break=True),
    )
    assert normalized.symbol_hints == (("A/HRC/RES/58/40", 3),)
    assert normalized.footnotes == ()


def test_normalize_refuses_a_text_of_page_numbers_only() -> None:
    with pytest.raises(ImporterError) as caught:
        normalize("2\n\nA/HRC/RES/58/40\n")
    assert (caught.value.code, caught.value.line) == ("text.only_page_furniture", None)


def test_detect_language_reads_french_and_warns_of_nothing() -> None:
    detected = detect_language(lines_of("Le Conseil des droits de l’homme,\nRappelant que la"))
    assert (detected.language, detected.lexicon, detected.warnings) == ("fr", FR, ())


def test_detect_language_warns_when_a_text_mixes_languages() -> None:
    detected = detect_language(lines_of("Recalling that the Council\nRappelant que le Conseil"))
    assert [warning.code for warning in detected.warnings] == ["language.mixed"]
    assert detected.warnings[0].line is None


def test_detect_language_refuses_an_unknown_override() -> None:
    with pytest.raises(ImporterError) as caught:
        detect_language(lines_of("The Human Rights Council,"), "de")  # type: ignore[arg-type]
    assert caught.value.code == "language.unknown"
    assert dict(caught.value.params) == {"language": "de", "expected": "en, fr"}


def test_read_header_gives_the_heading_and_where_the_text_starts() -> None:
    normalized = normalize(HEADING)
    header = read_header(normalized.lines, normalized.symbol_hints, EN)
    assert (header.body, header.session, header.number, header.number_line) == (
        "HRC",
        58,
        "58/40",
        5,
    )
    assert (header.title, header.agenda_item, header.adopted_on) == (
        "An invented resolution",
        "3",
        datetime.date(2025, 4, 3),
    )
    assert (header.body_start, header.first_body_text, header.warnings) == (6, None, ())
    assert header.symbol == "A/HRC/RES/58/40"


def test_read_header_takes_the_number_from_a_running_header_with_a_warning() -> None:
    normalized = normalize("A/HRC/RES/58/40\n" + HEADING.replace("58/40. ", ""))
    header = read_header(normalized.lines, normalized.symbol_hints, EN)
    assert header.number == "58/40"
    assert header.warnings[0] == Problem(
        "header.number_from_running_header", 1, {"number": "58/40", "symbol": "A/HRC/RES/58/40"}
    )


def test_read_footer_finds_the_meeting_and_the_record_of_adoption() -> None:
    lines = lines_of("The Human Rights Council,\n1. Decides.\n" + FOOTER + "Annex\nText")
    assert read_footer(lines, 1, EN) == Footer(
        body_end=2,
        meeting=40,
        vote_text="[Adopted without a vote.]",
        vote_line=5,
        vote_lines=((0, 5),),
        annexes=("Annex\nText",),
    )


def test_read_footer_refuses_a_text_cut_short_naming_its_last_line() -> None:
    with pytest.raises(ImporterError) as caught:
        read_footer(lines_of("The Human Rights Council,\n1. Decides to\n"), 1, EN)
    assert caught.value.problem == Problem("footer.missing", 2, {"excerpt": "1. Decides to"})


def test_read_paragraphs_cuts_the_body_into_paragraphs() -> None:
    lines = lines_of(
        "The Human Rights Council, Recalling its resolutions,\n"
        "1. Urges States:\n(a) To act;\n(b) To report;\n2. Decides to remain seized.\n"
    )
    paragraphs = read_paragraphs(
        body_lines(lines, 1, len(lines), "Recalling its resolutions,"), "no-blank", EN
    )
    assert paragraphs.preambular == (Paragraph(1, "Recalling its resolutions,", line=1),)
    assert [(p.number, p.line) for p in paragraphs.operative] == [(1, 2), (2, 5)]
    assert [s.label for s in paragraphs.operative[0].subparagraphs] == ["a", "b"]


def test_read_paragraphs_refuses_a_gap_in_the_numbering() -> None:
    lines = lines_of("1. Decides one;\n2. Decides two;\n5. Ends.\n")
    with pytest.raises(ImporterError) as caught:
        read_paragraphs(lines, "no-blank", EN)
    assert caught.value.problem == Problem(
        "paragraphs.two_missing", 3, {"number": 5, "previous": 2, "first": 3, "last": 4}
    )
    assert caught.value.message == (
        "operative paragraph 5 follows paragraph 2; paragraphs 3 and 4 are missing"
    )


def test_read_vote_reads_a_recorded_vote_and_warns_of_what_disagrees() -> None:
    reading = read_vote(
        "[Adopted by a recorded vote of 3 to 1, with 0 abstentions. In favour: Chile, "
        "Narnia and Japan Against: Cuba Abstaining: Peru]",
        23,
        EN,
    )
    assert reading.vote == Vote(
        "recorded", 3, 1, 0, ("Chile", "Narnia", "Japan"), ("Cuba",), ("Peru",)
    )
    assert reading.warnings == (
        Problem("vote.unknown_state", 23, {"name": "Narnia"}),
        Problem("vote.abstaining_disagrees", 23, {"total": 0, "listed": 1}),
    )


def test_read_vote_without_a_record_is_no_vote() -> None:
    assert read_vote(None, None, EN) == VoteReading(None)
    assert read_vote("[Adoptée sans vote.]", 9, FR) == VoteReading(Vote("without_vote"))


def test_read_mandates_proposes_one_mandate_per_session_named() -> None:
    text = "Requests the High Commissioner to report at its sixtieth and sixty-first sessions;"
    mandates = read_mandates((Paragraph(4, text),), 58, "HRC", EN)
    assert mandates == (
        Mandate(4, "report", 60, "high_commissioner", text.rstrip(";")),
        Mandate(4, "report", 61, "high_commissioner", text.rstrip(";")),
    )


def test_read_mandates_does_not_target_the_adoption_session_or_earlier() -> None:
    text = "Decides to convene a panel at its fifty-eighth session"
    (mandate,) = read_mandates((Paragraph(1, text),), 58, "HRC", EN)
    assert (mandate.kind, mandate.session) == ("meeting", None)


# --- Through parse ---------------------------------------------------------------


def test_a_missing_operative_paragraph_is_named_with_its_line() -> None:
    error = error_of(resolution("1. Decides one;\n2. Decides two;\n3. Decides three;\n5. Ends.\n"))
    assert (error.code, error.line) == ("paragraphs.one_missing", 11)
    assert str(error) == (
        "line 11: operative paragraph 5 follows paragraph 3; paragraph 4 is missing"
    )


def test_two_missing_paragraphs_are_named_together() -> None:
    error = error_of(resolution("1. Decides one;\n4. Ends.\n"))
    assert (
        error.message == "operative paragraph 4 follows paragraph 1; paragraphs 2 and 3 are missing"
    )


def test_numbering_that_does_not_start_at_one_is_refused() -> None:
    error = error_of(resolution("3. Decides one;\n"))
    assert (error.code, dict(error.params)) == ("paragraphs.not_from_one", {"number": 3})


def test_a_repeated_operative_paragraph_names_where_it_first_appeared() -> None:
    error = error_of(resolution("1. Decides one;\n2. Decides two;\n2. Decides two;\n"))
    assert "operative paragraph 2 appears a second time (first at line 9)" in error.message
    assert (error.code, error.line, error.params["first_line"]) == ("paragraphs.repeated", 10, 9)


def test_a_text_without_operative_paragraphs_is_refused() -> None:
    error = error_of(HEADING + FOOTER)
    assert error.code == "paragraphs.missing_operative"
    assert "no operative paragraph" in error.message


def test_a_text_without_a_number_line_is_refused() -> None:
    text = resolution("1. Decides.\n", heading=HEADING.replace("58/40. ", ""))
    assert error_of(text).code == "header.missing_number"


def test_a_nul_byte_is_refused_naming_its_line() -> None:
    error = error_of("Human Rights Council\nFifty-eighth\x00 session\n")
    assert (error.code, error.line) == ("text.binary", 2)
    assert "binary" in error.message


def test_bytes_are_decoded_and_undecodable_bytes_refused() -> None:
    text = resolution("1. Decides.\n")
    assert parse(text.encode("utf-8")).number == "58/40"  # type: ignore[arg-type]
    refused = error_of(b"Human Rights Council\n\xff\xfe\n")  # type: ignore[arg-type]
    assert "UTF-8" in refused.message
    assert refused.line == 2


def test_a_text_cut_before_the_footer_is_refused_naming_its_last_line() -> None:
    error = error_of(resolution("1. Decides one;\n2. Decides two;\n3. Requests the", footer=""))
    assert error.line == 10
    assert "cut short" in error.message and "“3. Requests the”" in error.message


def test_the_language_can_be_forced() -> None:
    assert parse(resolution("1. Decides.\n"), language="en").language == "en"
    with pytest.raises(ImporterError):
        parse(resolution("1. Decides.\n"), language="de")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("pasted", "layout"),
    [
        (
            "Recalling its resolutions on\n\nthe subject,\n\nNoting the report\n\nof the Council,",
            "pdf-blank",
        ),
        (
            "Recalling its resolutions on\nthe subject,\n\nNoting the report\nof the Council,",
            "blank-separated",
        ),
        (
            "Recalling its resolutions on the subject,\n\nNoting the report of the Council,",
            "blank-separated",
        ),
        (
            "Recalling its resolutions on\nthe subject,\nNoting the report\nof the Council,",
            "no-blank",
        ),
    ],
)
def test_it_tells_the_pasted_layouts_apart(pasted: str, layout: str) -> None:
    assert normalize(pasted).layout == layout


def test_footnote_markers_and_texts_are_taken_out() -> None:
    parsed = parse(
        resolution(
            "1. Decides.\n",
            heading=HEADING.replace(
                "Recalling its earlier resolutions,\n",
                "Recalling the Declaration,1 and the Covenant2 adopted in 1966,\n"
                "1 General Assembly resolution 217 A (III).\n2 A/RES/2200 (XXI).\n"
                "2\nA/HRC/RES/58/40\n",
            ),
        )
    )
    assert parsed.preambular_paragraphs[0].text == (
        "Recalling the Declaration, and the Covenant adopted in 1966,"
    )
    assert parsed.footnotes == ["General Assembly resolution 217 A (III).", "A/RES/2200 (XXI)."]


def test_a_wrapped_line_starting_with_a_date_is_not_a_footnote() -> None:
    heading = HEADING.replace(
        "Recalling its earlier resolutions,\n",
        "Recalling resolution 1 of\n1 March 1980 and the report,\n",
    )
    parsed = parse(resolution("1. Decides.\n", heading=heading))
    assert parsed.preambular_paragraphs[0].text == (
        "Recalling resolution 1 of 1 March 1980 and the report,"
    )
    assert parsed.footnotes == []


def test_the_authorial_line_may_share_its_line_with_the_first_paragraph() -> None:
    heading = HEADING.replace(
        "The Human Rights Council,\nRecalling", "The Human Rights Council, Recalling"
    )
    parsed = parse(resolution("1. Decides.\n", heading=heading))
    assert [p.text for p in parsed.preambular_paragraphs] == ["Recalling its earlier resolutions,"]


def test_a_preambular_paragraph_opening_with_an_unlisted_participle_is_found() -> None:
    heading = HEADING.replace(
        "Recalling its earlier resolutions,\n",
        "Recalling its earlier resolutions and the\nreports of the Council,\n"
        "Foreseeing that the situation will\nworsen without action,\n",
    )
    parsed = parse(resolution("1. Decides.\n", heading=heading))
    assert len(parsed.preambular_paragraphs) == 2


def test_an_adoption_date_on_its_own_line_is_read() -> None:
    heading = HEADING.replace(" on 3 April 2025", "\non 3 April 2025")
    assert parse(resolution("1. Decides.\n", heading=heading)).adopted_on == datetime.date(
        2025, 4, 3
    )


def test_a_heading_session_that_disagrees_with_the_number_is_a_warning() -> None:
    heading = HEADING.replace("Fifty-eighth session", "Fifty-ninth session")
    parsed = parse(resolution("1. Decides.\n", heading=heading))
    assert parsed.session == 58
    assert parsed.warnings == [
        Problem("header.session_differs", 5, {"session": 59, "number": "58/40"})
    ]
    assert str(parsed.warnings[0]) == (
        "line 5: the heading names session 59 but the resolution number is 58/40"
    )


def test_a_letter_i_after_h_is_a_letter_unless_a_colon_opens_a_nested_list() -> None:
    letters = "".join(f"({c}) To act {c};\n" for c in "abcdefgh")
    parsed = parse(resolution("1. Urges States:\n" + letters + "(i) To act i.\n"))
    assert [s.label for s in parsed.operative_paragraphs[0].subparagraphs][-1] == "i"
    nested = (
        letters.replace("(h) To act h;", "(h) To act, in particular:")
        + "(i) On one;\n(ii) On two.\n"
    )
    parsed = parse(resolution("1. Urges States:\n" + nested))
    last = parsed.operative_paragraphs[0].subparagraphs[-1]
    assert last.label == "h" and [c.label for c in last.children] == ["i", "ii"]


def test_an_unexpected_label_inside_a_sentence_is_text() -> None:
    parsed = parse(resolution("1. Recalls article 5, paragraph\n(d) (iii), of the Convention.\n"))
    assert parsed.operative_paragraphs[0].subparagraphs == ()


def test_next_session_is_the_adoption_session_plus_one_and_needs_review() -> None:
    parsed = parse(resolution("1. Decides to consider the question at its next session.\n"))
    (mandate,) = parsed.mandates
    assert (mandate.session, mandate.needs_review) == (59, True)


def test_each_session_named_gives_its_own_mandate() -> None:
    parsed = parse(
        resolution(
            "1. Requests the Secretary-General to present an oral update at its sixtieth session "
            "and a report at its sixty-first and sixty-third sessions.\n"
        )
    )
    assert [(m.kind, m.session) for m in parsed.mandates] == [
        ("oral_update", 60),
        ("report", 61),
        ("report", 63),
    ]


def test_an_annual_report_has_its_periodicity() -> None:
    parsed = parse(
        resolution("1. Requests the Special Rapporteur to report annually to the Council.\n")
    )
    (mandate,) = parsed.mandates
    assert (mandate.kind, mandate.actor, mandate.periodicity) == (
        "report",
        "special_procedures",
        "annual",
    )


def test_a_past_session_is_not_a_target() -> None:
    parsed = parse(
        resolution("1. Decides, as at its fiftieth session, to convene a panel discussion.\n")
    )
    assert [m.session for m in parsed.mandates] == [None]


def test_calls_upon_states_is_no_mandate() -> None:
    parsed = parse(resolution("1. Calls upon States to take measures.\n"))
    assert parsed.mandates == []


def test_a_footnote_mark_left_on_the_title_or_adoption_line_is_dropped() -> None:
    heading = HEADING.replace("on 3 April 2025", "on 3 April 2025*").replace(
        "invented resolution", "invented resolution*"
    )
    parsed = parse(resolution("1. Decides.\n", heading=heading))
    assert parsed.title == "An invented resolution"
    assert parsed.adopted_on == datetime.date(2025, 4, 3)


def test_a_text_pasted_from_its_number_line_on_is_read() -> None:
    text = resolution("1. Decides.\n", heading=HEADING[HEADING.index("58/40.") :])
    parsed = parse(text)
    assert (parsed.symbol, parsed.body, parsed.adopted_on) == ("A/HRC/RES/58/40", "HRC", None)

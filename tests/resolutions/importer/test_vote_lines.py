"""A warning about a recorded vote names the line where what it is about is printed.

A State name the table does not know, or printed twice, is named at the
line where that name starts (not where the record of adoption starts),
so that staff who follow the warning on the review page land on the
name; a total that disagrees with its list is named at the list's label.
Lines are those of ``source.lines(text)``, which the review page shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from resolutions.importer import Problem, parse
from resolutions.importer.footer import read_footer
from resolutions.importer.lexicon import LEXICONS
from resolutions.importer.normalize import normalize
from resolutions.importer.source import lines
from resolutions.importer.states import PrintedName, find_state_names
from resolutions.importer.textutil import join_lines, join_lines_with_starts, line_at
from resolutions.importer.vote import read_vote

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE_DATA = Path(__file__).resolve().parents[3] / "resolutions" / "sample_data"
EN = LEXICONS["en"]


def fixture(case: str) -> str:
    return (FIXTURES / f"{case}.txt").read_text(encoding="utf-8")


def replaced(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def warnings_of(text: str, code: str) -> list[Problem]:
    return [warning for warning in parse(text).warnings if warning.code == code]


def line_holding(text: str, fragment: str) -> int:
    """The number of the one line of *text* (``source.lines``) holding *fragment*."""
    found = [number for number, line in enumerate(lines(text), start=1) if fragment in line]
    assert len(found) == 1, (fragment, found)
    return found[0]


# --- Through parse -----------------------------------------------------------------


def test_an_unknown_state_in_the_french_sample_is_named_at_its_own_line() -> None:
    sample = (SAMPLE_DATA / "A_HRC_RES_46_13.fr.txt").read_text(encoding="utf-8")
    text = replaced(sample, "Gabon", "Atlantis")
    assert warnings_of(text, "vote.unknown_state") == [
        Problem("vote.unknown_state", 266, {"name": "Atlantis"})
    ]
    assert "Atlantis" in lines(text)[265]
    # The record of adoption starts ten lines earlier.
    assert lines(text)[255].startswith("[Adoptée par 26 voix")


def test_a_misspelt_name_in_the_against_list_is_named_at_its_line() -> None:
    text = replaced(fixture("en_pdf_blank_recorded_vote"), "Ethiopia", "Ethiopa")
    assert warnings_of(text, "vote.unknown_state") == [
        Problem("vote.unknown_state", 72, {"name": "Ethiopa"})
    ]
    assert lines(text)[71].startswith("Algeria, Burundi, China, Cuba, Ethiopa,")


def test_totals_that_disagree_are_named_at_the_label_of_their_list() -> None:
    text = fixture("en_recorded_vote_totals_disagree")
    assert [(w.code, w.line) for w in parse(text).warnings] == [
        ("vote.unknown_state", line_holding(text, "Narnia")),
        ("vote.in_favour_disagrees", line_holding(text, "In favour:")),
        ("vote.abstaining_disagrees", line_holding(text, "Abstaining:")),
    ]


def test_a_state_printed_twice_is_named_where_it_is_printed_the_second_time() -> None:
    text = replaced(fixture("en_pdf_blank_recorded_vote"), "Kuwait", "Japan")
    assert warnings_of(text, "vote.state_repeated") == [
        Problem("vote.state_repeated", 76, {"state": "Japan", "times": 2})
    ]
    assert lines(text)[75].startswith("Bangladesh, Benin, Brazil")


def test_a_state_printed_under_another_name_is_named_where_that_name_is() -> None:
    text = replaced(fixture("fr_pdftotext_headers_recorded_vote"), "Chine", "Japon")
    text = replaced(text, "Japon, Kenya", "Kenya")
    text = replaced(text, "Albanie, Allemagne", "Albanie, Japan, Allemagne")
    assert warnings_of(text, "vote.state_repeated_as") == [
        Problem(
            "vote.state_repeated_as",
            line_holding(text, "Cuba et"),
            {"state": "Japan", "times": 2, "names": "“Japon”"},
        )
    ]


# A name wrapped over two lines, in each of the three layouts staff paste,
# is named at the line where it starts.


def test_a_wrapped_name_is_named_where_it_starts_in_a_pdf_copy_with_blank_lines() -> None:
    text = replaced(
        fixture("en_pdf_blank_recorded_vote"),
        "Sudan and Viet Nam \n",
        "Sudan and Democratic Republic of \n\nAtlantis \n",
    )
    assert normalize(text).layout == "pdf-blank"
    assert warnings_of(text, "vote.unknown_state") == [
        Problem("vote.unknown_state", 72, {"name": "Democratic Republic of Atlantis"})
    ]
    assert lines(text)[71].endswith("Democratic Republic of ")
    assert lines(text)[73] == "Atlantis "


def test_a_wrapped_name_is_named_where_it_starts_in_pdftotext_output() -> None:
    text = replaced(
        fixture("fr_pdftotext_headers_recorded_vote"),
        "Tchéquie et\nThaïlande\n",
        "Tchéquie et République\nd’Atlantide\n",
    )
    assert normalize(text).layout == "blank-separated"
    assert warnings_of(text, "vote.unknown_state") == [
        Problem("vote.unknown_state", 60, {"name": "République d’Atlantide"})
    ]
    assert lines(text)[59].endswith("Tchéquie et République")


def test_a_name_wrapped_across_a_page_break_is_named_where_it_starts() -> None:
    text = replaced(
        fixture("fr_pdftotext_headers_recorded_vote"),
        "Tchéquie et\nThaïlande\n",
        "Tchéquie et République\n\nA/HRC/RES/59/20\n4\n\nd’Atlantide\n",
    )
    assert warnings_of(text, "vote.unknown_state") == [
        Problem("vote.unknown_state", 60, {"name": "République d’Atlantide"})
    ]


def test_a_name_wrapped_at_its_hyphen_is_named_where_it_starts() -> None:
    text = replaced(
        fixture("fr_pdftotext_headers_recorded_vote"),
        "Soudan et Trinité-et-Tobago.]",
        "Soudan et Trinité-et-\nAtlantide.]",
    )
    assert warnings_of(text, "vote.unknown_state") == [
        Problem(
            "vote.unknown_state",
            line_holding(text, "Trinité-et-"),
            {"name": "Trinité-et-Atlantide"},
        )
    ]


NO_BLANK_VOTE = """[Adopted by a recorded vote of 3 to 1, with 1 abstention.
The voting was as follows: In favour:
Chile, Japan and Republic of
Atlantis
Against:
Cuba
Abstaining:
Peru]
"""


def test_a_wrapped_name_is_named_where_it_starts_in_one_paragraph_a_line() -> None:
    text = replaced(
        fixture("en_nested_subparagraphs_annex"), "[Adopted without a vote.]\n", NO_BLANK_VOTE
    )
    assert normalize(text).layout == "no-blank"
    parsed = parse(text)
    assert parsed.vote is not None
    assert parsed.vote.in_favour == ("Chile", "Japan", "Republic of Atlantis")
    assert parsed.warnings == [Problem("vote.unknown_state", 35, {"name": "Republic of Atlantis"})]
    assert lines(text)[34] == "Chile, Japan and Republic of"


# --- Each piece on its own -------------------------------------------------------


def test_the_footer_keeps_where_each_line_of_the_record_starts() -> None:
    text = (
        "The Human Rights Council,\n1. Decides.\n40th meeting\n\n"
        "[Adopted by a recorded vote of 2 to 0.\n\nIn favour: Chile and\n\nJapan]\n"
    )
    footer = read_footer(normalize(text).lines, 1, EN)
    assert footer.vote_text == "[Adopted by a recorded vote of 2 to 0. In favour: Chile and Japan]"
    assert footer.vote_lines == ((0, 5), (39, 7), (60, 9))
    assert footer.vote_line == 5
    assert footer.vote_text is not None
    assert footer.vote_text[60:] == "Japan]"


def test_read_vote_names_each_warning_at_its_line() -> None:
    text = (
        "[Adopted by a recorded vote of two to one."
        " In favour: Chile, Narnia Against: Cuba and Cuba]"
    )
    starts = (
        (0, 20),
        (text.index("In favour"), 21),
        (text.index("Narnia"), 22),
        (text.index("Against"), 23),
    )
    reading = read_vote(text, 20, EN, starts)
    assert reading.warnings == (
        Problem("vote.unknown_state", 22, {"name": "Narnia"}),
        Problem("vote.state_repeated", 23, {"state": "Cuba", "times": 2}),
        Problem("vote.against_disagrees", 23, {"total": 1, "listed": 2}),
    )
    # Without the lines' starts, everything is named at the record's first line.
    assert {warning.line for warning in read_vote(text, 20, EN).warnings} == {20}


def test_a_record_not_understood_is_named_at_its_first_line() -> None:
    reading = read_vote("[Adopted by acclamation]", 20, EN, ((0, 20), (12, 22)))
    assert [(w.code, w.line) for w in reading.warnings] == [("vote.not_understood", 20)]


def test_a_total_that_is_no_number_is_named_at_its_line() -> None:
    text = "[Adopted by a recorded vote of 2 to zillion. In favour: Chile and Japan]"
    reading = read_vote(text, 20, EN, ((0, 20), (text.index("zillion"), 21)))
    assert reading.warnings[0] == Problem("vote.total_not_a_number", 21, {"value": "zillion"})


@pytest.mark.parametrize(
    "pieces",
    [
        ["one", "two", "three"],
        ["capacity-", "building", "and", "more"],
        ["", "after an empty piece", "", "x-", "1"],
        [],
    ],
)
def test_joined_lines_know_where_each_piece_starts(pieces: list[str]) -> None:
    joined, starts = join_lines_with_starts(pieces)
    assert joined == join_lines(pieces)
    assert len(starts) == len(pieces)
    for piece, start in zip(pieces, starts, strict=True):
        assert joined[start : start + len(piece)] == piece


def test_line_at_finds_the_line_holding_an_offset() -> None:
    starts = ((0, 5), (10, 7), (20, 8))
    assert [line_at(starts, offset) for offset in (0, 9, 10, 19, 20, 500)] == [5, 5, 7, 7, 8, 8]
    assert line_at((), 3) is None


def test_find_state_names_gives_where_each_name_starts_in_the_text_as_given() -> None:
    text = "  [Chile,\u00a0\u00a0Tur\u200bkey and\n  Trinidad and Tobago ,  Narnia.]"
    assert find_state_names(text, "en") == (
        PrintedName("Chile", text.index("Chile"), True),
        PrintedName("Turkey", text.index("Tur"), True),
        PrintedName("Trinidad and Tobago", text.index("Trinidad"), True),
        PrintedName("Narnia", text.index("Narnia"), False),
    )

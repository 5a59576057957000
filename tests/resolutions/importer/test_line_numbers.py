"""Line N of an error is line N of ``source.lines(text)``, the lines the review page shows."""

from __future__ import annotations

import pytest

from resolutions.importer import ImporterError, parse
from resolutions.importer.source import decode, lines

# Laid out as pdftotext prints it: a form feed opens each new page, whose
# first line is the running symbol.
PAGED = (
    "Human Rights Council\n"
    "Fifty-eighth session\n"
    "Agenda item 3\n"
    "Resolution adopted by the Human Rights Council on 3 April 2025\n"
    "58/40. An invented resolution\n"
    "The Human Rights Council,\n"
    "Recalling its earlier resolutions,\n"
    "1. Decides one;\n"
    "\fA/HRC/RES/58/40\n"
    "2. Decides two;\n"
    "3. Decides three;\n"
    "\fA/HRC/RES/58/40\n"
    "3\n"
    "5. Decides five;\u2028with a line separator inside;\n"
    "40th meeting\n"
    "3 April 2025\n"
    "[Adopted without a vote.]\n"
)


def error_of(text: str) -> ImporterError:
    with pytest.raises(ImporterError) as caught:
        parse(text)
    return caught.value


def test_a_missing_paragraph_is_named_at_its_line_in_a_text_with_page_breaks() -> None:
    error = error_of(PAGED)
    assert error.message.startswith("operative paragraph 5 follows paragraph 3")
    assert error.line is not None
    assert lines(PAGED)[error.line - 1].startswith("5. Decides five;")
    # str.splitlines also breaks at the form feeds: its line N is elsewhere.
    assert not PAGED.splitlines()[error.line - 1].startswith("5.")


def test_an_uploaded_file_with_windows_line_ends_numbers_its_lines_the_same_way() -> None:
    text = decode(PAGED.replace("\n", "\r\n").encode("utf-8"))
    error = error_of(text)
    assert error.line is not None
    assert lines(text)[error.line - 1].startswith("5. Decides five;")


def test_lines_end_at_newlines_only() -> None:
    assert lines("one\r\ntwo\fthree\u2028four\x85five\x0bsix\nseven") == [
        "one",
        "two\fthree\u2028four\x85five\x0bsix",
        "seven",
    ]
    assert lines("") == [""]
    assert lines("last line ends\n") == ["last line ends", ""]


def test_decode_names_the_line_of_a_control_character_as_lines_numbers_it() -> None:
    with pytest.raises(ImporterError) as caught:
        decode(b"page one\fpage two\nbinary \x01 here\n")
    assert caught.value.line == 2


def test_decode_turns_every_kind_of_line_end_into_a_newline() -> None:
    assert decode(b"old mac\rwindows\r\nunix\n") == "old mac\nwindows\nunix\n"


def test_decode_names_the_line_of_a_bad_byte_counting_old_mac_line_ends() -> None:
    with pytest.raises(ImporterError) as caught:
        decode(b"one\rtwo\r\nthree \xff\n")
    assert caught.value.line == 3


def test_a_line_separator_inside_a_line_reads_as_a_space() -> None:
    text = PAGED.replace("3\n5. Decides five;", "3\n4. Decides four;")
    paragraph = parse(text).operative_paragraphs[3]
    assert paragraph.text == "Decides four; with a line separator inside;"

"""Stage 4: find where the resolution ends and read its footer.

``read_footer(lines, body_start, lex) -> Footer``: where the resolution's
text ends, the meeting, the record of adoption as printed, and the
annexes.  The footer is the meeting ("49th meeting" / "49e séance"), its
date, and the bracketed record of adoption; annexes follow it.  Like the
heading, it is read by what each item says, not by the line it sits on: a
paste that flattens line breaks prints "52nd plenary meeting 1 December
2025", "49th meeting 4 April 2022 [Adopted without a vote.]", or even the
last paragraph's end and the meeting on one line ("… of the matter. 49th
meeting"); the text before the footer then stays the paragraph's
(``Footer.body_tail``).  What follows the meeting on its line and is
neither its date nor the record is a warning, never a paragraph's text.
A second number line or authorial line after the footer means two
resolutions were pasted, which the importer refuses rather than guessing
which one was meant; so is a text with no footer at all, which was cut
short.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import Lexicon
from .normalize import Line
from .problems import Problem, refuse
from .textutil import LineStarts, join_lines_with_starts, parse_date

_NUMBER_LINE = re.compile(r"^(?:S-)?\d{1,3}/\d{1,4}\.\s+\S")
# Where a sentence ends, so that a footer item may start after it on the line.
_SENTENCE_END = re.compile(r"[.;:!?][’”\"»)\]]*$")
# What a printed date looks like, read or not: "4 April 2022", "1er avril 2022", "4 Apirl 2022".
_DATE_LIKE = re.compile(r"\d{1,2}(?:er)?\s+[^\W\d_]+\.?\s+\d{4}\b")
_DATE_AT_END = re.compile(r"(?<!\S)\d{1,2}(?:er)?\s+[^\W\d_]+\.?\s+\d{4}\s*$")
# A meeting alone on what is left of its line: "49th meeting", "49th meeting."
_MEETING_ENDS_LINE = re.compile(r"\.?\s*$")
# How much of a line tells a record of adoption from another bracket: its
# opening words ("[Adopted by a recorded vote of 28 to 0, with 19 abstentions").
_RECORD_REACH = 120
# How far before the record its date is looked for ("30 septembre 2025 ").
_DATE_REACH = 30
# What separates the footer's items when they share a line.
_SEPARATORS = re.compile(r"[\s.,;:]+")
_EXCERPT_CHARS = 40


@dataclass(frozen=True)
class Footer:
    """Where the resolution's text ends, and what follows it."""

    body_end: int  # index into the lines where the footer (or an annex) begins
    meeting: int | None  # 49 for "49th meeting"
    vote_text: str | None  # the record of adoption, its lines joined; None when not printed
    vote_line: int | None  # the line where the record of adoption starts
    # Where each line of the record starts in vote_text, with its line number:
    # ((0, vote_line), …), empty when no record is printed.
    vote_lines: LineStarts
    annexes: tuple[str, ...]  # each annex's lines, joined with "\n"
    warnings: tuple[Problem, ...] = ()
    # What line body_end holds before the footer starts on it ("… of the
    # matter." before "49th meeting"): the end of the text; None when the
    # footer starts its line.
    body_tail: str | None = None


@dataclass(frozen=True)
class _Start:
    """Where the footer starts: a line and a column."""

    index: int
    column: int


def read_footer(lines: Sequence[Line], body_start: int, lex: Lexicon) -> Footer:
    """Read the footer of *lines*, looking from index *body_start* on.

    Raises ``ImporterError`` when the text has no end (``footer.missing``:
    cut short, naming its last line) and when a second resolution follows
    the first (``footer.second_resolution``).
    """
    warnings: list[Problem] = []
    start = _find_start(lines, body_start, lex)
    if start is None:
        # Importing what is there would store a resolution without its last
        # paragraphs and its vote: staff should paste the whole text again.
        last = lines[-1]
        raise refuse("footer.missing", last.number, excerpt=_excerpt(last.text))
    body_end = start.index
    body_tail = lines[body_end].text[: start.column].rstrip() or None
    reading = _Reading(lines, start.index, lines[start.index].text[start.column :], warnings)

    meeting: int | None = None
    found = lex.meeting.match(reading.rest)
    if found:
        meeting = int(found.group("number"))
        reading.consume(found.end())
        if not reading.rest:
            reading.next_line()
    # The meeting's date belongs to the footer (the resolution's date is
    # read from its heading); on a line of its own, only the record may
    # follow it there.
    date = _DATE_LIKE.match(reading.rest) if reading.rest[:1].isdigit() else None
    if date and (found or not reading.whole or _ends_date_line(reading.rest, date, lex)):
        if parse_date(date.group(0), lex) is None:
            warnings.append(
                Problem(
                    "footer.unreadable_meeting_date",
                    reading.line_number,
                    {"date": date.group(0)},
                )
            )
        reading.consume(date.end())
        if not reading.rest:
            reading.next_line()

    vote_text: str | None = None
    vote_line: int | None = None
    vote_lines: LineStarts = ()
    if reading.rest and lex.vote_start.match(reading.rest):
        vote_line = reading.line_number
        vote_text, vote_lines, after = _read_vote_block(
            lines, reading.index, warnings, first=reading.rest
        )
        reading.index, reading.rest, reading.whole = after, "", True
    elif reading.rest and not reading.whole:
        warnings.append(
            Problem(
                "footer.text_ignored",
                reading.line_number,
                {"text": _excerpt(reading.rest)},
            )
        )
        reading.next_line()
    annexes = _read_annexes(lines, reading.index, lex, warnings)
    return Footer(
        body_end,
        meeting,
        vote_text,
        vote_line,
        vote_lines,
        annexes,
        tuple(warnings),
        body_tail,
    )


class _Reading:
    """Where the footer is read: a line, and what is left unread of it."""

    def __init__(self, lines: Sequence[Line], index: int, rest: str, warnings: list[Problem]):
        self.lines = lines
        self.index = index
        self.rest = rest
        self.whole = rest == lines[index].text  # nothing of the line was read yet
        self.warnings = warnings

    @property
    def line_number(self) -> int | None:
        return self.lines[self.index].number if self.index < len(self.lines) else None

    def consume(self, length: int) -> None:
        """Mark *length* characters read, and the separators after them."""
        separators = _SEPARATORS.match(self.rest, length)
        self.rest = self.rest[separators.end() if separators else length :]
        self.whole = False

    def next_line(self) -> None:
        self.index += 1
        self.rest = self.lines[self.index].text if self.index < len(self.lines) else ""
        self.whole = True


def _ends_date_line(text: str, date: re.Match[str], lex: Lexicon) -> bool:
    """Whether a line opening with *date* holds only it, or it and the record of adoption."""
    separators = _SEPARATORS.match(text, date.end())
    rest = text[separators.end() if separators else date.end() :]
    return not rest or lex.vote_start.match(rest) is not None


def _find_start(lines: Sequence[Line], body_start: int, lex: Lexicon) -> _Start | None:
    """The first meeting, record of adoption or annex from index *body_start* on.

    A meeting or a record may start a line or follow the end of a
    sentence on it; an annex heading stands on its own line.
    """
    for i in range(body_start, len(lines)):
        text = lines[i].text
        columns = [
            column
            for column in (_meeting_at(text, lex), _record_at(text, lex))
            if column is not None
        ]
        if columns:
            return _Start(i, min(columns))
        # An annex heading follows the end of a paragraph; after a line
        # ending mid-sentence it is a wrapped line ("… contained in the" /
        # "Annex I").
        if is_annex_heading(text, lex) and (
            i == body_start or _SENTENCE_END.search(lines[i - 1].text) is not None
        ):
            return _Start(i, 0)
    return None


def _after_sentence(text: str, column: int) -> bool:
    """Whether *column* starts its line or follows the end of a sentence."""
    if column == 0:
        return True
    end = column
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end < column and _SENTENCE_END.search(text, max(0, end - 8), end) is not None


def _meeting_at(text: str, lex: Lexicon) -> int | None:
    """Where "49th meeting" starts in *text*, followed by nothing, a date or a record.

    "49th meeting," or "49th meeting on 4 April" is a meeting named in a
    sentence, not the footer.
    """
    for found in lex.meeting.finditer(text):
        column = found.start()
        if not _after_sentence(text, column):
            continue
        if _MEETING_ENDS_LINE.match(text, found.end()):
            return column
        separators = _SEPARATORS.match(text, found.end())
        after = separators.end() if separators else found.end()
        if _DATE_LIKE.match(text, after) or _is_record(text, after, lex):
            return column
    return None


def _record_at(text: str, lex: Lexicon) -> int | None:
    """Where a record of adoption ("[Adopted without a vote.]") starts in *text*.

    Its date may come before it on the line when no meeting is printed.
    """
    if lex.vote_start.match(text):
        return 0 if _is_record(text, 0, lex, len(text)) else None
    column = text.find("[", 1)
    while column > 0:
        if _is_record(text, column, lex):
            date = _DATE_AT_END.search(text, max(0, column - _DATE_REACH), column)
            if date and _after_sentence(text, date.start()):
                return date.start()
            if _after_sentence(text, column):
                return column
        column = text.find("[", column + 1)
    return None


def _is_record(text: str, column: int, lex: Lexicon, reach: int = _RECORD_REACH) -> bool:
    """Whether a record of adoption starts at *column*, judged on its first *reach* characters."""
    window = text[column : column + reach]
    return bool(
        lex.vote_start.match(window)
        and (lex.without_vote.search(window) or lex.recorded_vote.search(window))
    )


def is_annex_heading(text: str, lex: Lexicon, *, titled: bool = False) -> bool:
    """Whether *text* is an annex heading: "Annex", "Annex II".

    With *titled*, the annex's title may follow on the line ("Annex
    Political Declaration", as a paste that joins lines prints it after the
    footer), not a lower-case word ("Annex to the report").
    """
    heading = lex.annex.match(text)
    if heading is None:
        return False
    rest = text[heading.end() :].lstrip()
    return not rest or (titled and (rest[0].isupper() or rest[0] in '“"«'))


def _excerpt(text: str, length: int = _EXCERPT_CHARS) -> str:
    return text if len(text) <= length else text[:length].rstrip() + "…"


def _read_vote_block(
    lines: Sequence[Line], start: int, warnings: list[Problem], first: str | None = None
) -> tuple[str, LineStarts, int]:
    """The bracketed adoption record, joined; where each of its lines starts; the index after it.

    *first* is what is left of line *start* when the record starts inside it.
    """
    parts: list[str] = []
    i = start
    while i < len(lines):
        parts.append(first if i == start and first is not None else lines[i].text)
        i += 1
        if "]" in parts[-1]:
            break
    else:
        warnings.append(Problem("footer.vote_not_closed", lines[start].number))
    text, starts = join_lines_with_starts(parts)
    numbers = (line.number for line in lines[start:i])
    return text, tuple(zip(starts, numbers, strict=True)), i


def _read_annexes(
    lines: Sequence[Line], start: int, lex: Lexicon, warnings: list[Problem]
) -> tuple[str, ...]:
    """The annexes from index *start* on; a second resolution there is refused."""
    annexes: list[str] = []
    current: list[str] | None = None
    stray: list[int] = []
    for i in range(start, len(lines)):
        text = lines[i].text
        if lex.authorial.match(text) or _NUMBER_LINE.match(text):
            raise refuse("footer.second_resolution", lines[i].number)
        if is_annex_heading(text, lex, titled=True):
            if current is not None:
                annexes.append("\n".join(current))
            current = [text]
        elif current is not None:
            current.append(text)
        else:
            stray.append(lines[i].number)
    if current is not None:
        annexes.append("\n".join(current))
    if stray:
        warnings.append(Problem("footer.lines_ignored", stray[0], {"count": len(stray)}))
    return tuple(annexes)

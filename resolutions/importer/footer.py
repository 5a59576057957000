"""Stage 4: find where the resolution ends and read its footer.

``read_footer(lines, body_start, lex, kind) -> Footer``: where the resolution's
text ends, the meeting, the record of adoption as printed, and the
annexes.  The footer is the meeting ("49th meeting" / "49e séance"), its
date, and the bracketed record of adoption; annexes follow it.  Like the
heading, it is read by what each item says, not by the line it sits on: a
paste that flattens line breaks prints "52nd plenary meeting 1 December
2025", "49th meeting 4 April 2022 [Adopted without a vote.]", or even the
last paragraph's end and the meeting on one line ("… of the matter. 49th
meeting"); the text before the footer then stays the paragraph's
(``Footer.body_tail``).  A narrow column wraps the items at any word, so
they are looked for in a window of a few lines.  What follows the meeting on its line and is
neither its date nor the record is a warning, never a paragraph's text.
A second number line or authorial line after the footer means two
resolutions were pasted, which the importer refuses rather than guessing
which one was meant; so is a text with no footer at all, which was cut
short.  A President's statement prints no footer: its text runs to its
annexes or to the end.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import Lexicon
from .normalize import Line
from .problems import Problem, refuse
from .textutil import LineStarts, join_lines_with_starts, parse_date
from .types import DocumentKind

# "46/13. Title", "PRST 29/1. Title", "PRST OS/12/1. Title": a second document.
_NUMBER_LINE = re.compile(r"^(?:(?:PRST|DEC)\s+)?(?:S-|OS/)?\d{1,3}/\d{1,4}\.\s+\S")
# Where a sentence ends, so that a footer item may start after it on the line;
# French sets a space before its closing guillemet ("question. »").
_SENTENCE_END = re.compile(r"[.;:!?](?:\s?[’”\"»)\]])*$")
# What a printed date looks like, read or not: "4 April 2022", "1er avril 2022", "4 Apirl 2022".
_DATE_LIKE = re.compile(r"\d{1,2}(?:er)?\s+[^\W\d_]+\.?\s+\d{4}\b")
_DATE_AT_END = re.compile(r"(?<!\S)\d{1,2}(?:er)?\s+[^\W\d_]+\.?\s+\d{4}\s*$")
# How many lines a footer item may be wrapped over ("52nd plenary" /
# "meeting 1" / "December 2025").
_WRAP_LINES = 4
_DIGIT = re.compile(r"\d")
# How much of a line tells a record of adoption from another bracket: its
# opening words ("[Adopted by a recorded vote of 28 to 0, with 19 abstentions").
_RECORD_REACH = 120
# How far before the record its date is looked for ("30 septembre 2025 ").
_DATE_REACH = 30
# What separates the footer's items when they share a line.
_SEPARATORS = re.compile(r"[\s.,;:–—]+")
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


@dataclass(frozen=True)
class _Window:
    """A few lines joined with single spaces, the first from a column; offsets name their line.

    A footer item may be wrapped at any word ("52nd plenary" / "meeting 1
    December 2025"), so items are looked for in a window of lines, not in one.
    """

    text: str
    first: int  # the index of its first line
    column: int  # where the window starts in its first line
    starts: tuple[int, ...]  # where each line starts in text

    def locate(self, offset: int) -> tuple[int, int]:
        """The index of the line holding *offset*, and the column in that line."""
        k = bisect.bisect_right(self.starts, offset) - 1
        return self.first + k, offset - self.starts[k] + (self.column if k == 0 else 0)

    def ends_line(self, offset: int) -> bool:
        """Whether a line of the window ends at *offset*."""
        if offset >= len(self.text):
            return True
        following = bisect.bisect_left(self.starts, offset + 1)
        return following < len(self.starts) and self.starts[following] == offset + 1

    def after(self) -> int:
        """The index of the first line after the window."""
        return self.first + len(self.starts)


def _window(lines: Sequence[Line], index: int, column: int = 0) -> _Window:
    texts = [lines[index].text[column:]]
    texts += [line.text for line in lines[index + 1 : index + _WRAP_LINES]]
    starts = [0]
    for text in texts[:-1]:
        starts.append(starts[-1] + len(text) + 1)
    return _Window(" ".join(texts), index, column, tuple(starts))


def read_footer(
    lines: Sequence[Line], body_start: int, lex: Lexicon, kind: DocumentKind = "resolution"
) -> Footer:
    """Read the footer of *lines*, looking from index *body_start* on.

    Raises ``ImporterError`` when the text has no end (``footer.missing``:
    cut short, naming its last line) and when a second resolution follows
    the first (``footer.second_resolution``).  A President's statement
    (*kind* "statement") has no meeting nor record of adoption: without
    them or an annex its text runs to the end.
    """
    warnings: list[Problem] = []
    start = _find_start(lines, body_start, lex)
    if start is None and kind == "statement":
        return Footer(len(lines), None, None, None, (), ())
    if start is None:
        # Importing what is there would store a resolution without its last
        # paragraphs and its vote: staff should paste the whole text again.
        last = lines[-1]
        raise refuse("footer.missing", last.number, excerpt=_excerpt(last.text))
    body_tail = lines[start.index].text[: start.column].rstrip() or None
    window = _window(lines, start.index, start.column)
    text = window.text

    meeting: int | None = None
    pos = 0
    found = lex.meeting.match(text)
    if found:
        meeting = int(found.group("number"))
        pos = _after_separators(text, found.end())
    # The meeting's date belongs to the footer (the resolution's date is
    # read from its heading).
    date = _DATE_LIKE.match(text, pos)
    if date:
        if parse_date(date.group(0), lex) is None:
            line = lines[window.locate(date.start())[0]].number
            warnings.append(
                Problem("footer.unreadable_meeting_date", line, {"date": date.group(0)})
            )
        pos = _after_separators(text, date.end())

    vote_text: str | None = None
    vote_line: int | None = None
    vote_lines: LineStarts = ()
    index, column = window.locate(pos) if pos < len(text) else (window.after(), 0)
    rest = lines[index].text[column:] if index < len(lines) else ""
    if rest and lex.vote_start.match(rest):
        vote_line = lines[index].number
        vote_text, vote_lines, index = _read_vote_block(
            lines, index, warnings, first=rest if column else None
        )
    elif rest and column:
        warnings.append(
            Problem("footer.text_ignored", lines[index].number, {"text": _excerpt(rest)})
        )
        index += 1
    annexes = _read_annexes(lines, index, lex, warnings)
    return Footer(
        start.index,
        meeting,
        vote_text,
        vote_line,
        vote_lines,
        annexes,
        tuple(warnings),
        body_tail,
    )


def _after_separators(text: str, pos: int) -> int:
    separators = _SEPARATORS.match(text, pos)
    return separators.end() if separators else pos


def _find_start(lines: Sequence[Line], body_start: int, lex: Lexicon) -> _Start | None:
    """The first meeting, record of adoption or annex from index *body_start* on.

    A meeting or a record may start a line or follow the end of a sentence
    on it, and run on to the next lines; an annex heading stands on its own
    line.
    """
    for i in range(body_start, len(lines)):
        text = lines[i].text
        columns: list[int | None] = []
        # Every meeting is numbered; every record opens with "[" or "Adopted".
        if _DIGIT.search(text):
            columns.append(_meeting_at(_window(lines, i), lex, len(text)))
        if "[" in text or lex.vote_start.match(text):
            columns.append(_record_at(_window(lines, i), lex, len(text)))
        found = [column for column in columns if column is not None]
        if found:
            return _Start(i, min(found))
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


def _meeting_at(window: _Window, lex: Lexicon, limit: int) -> int | None:
    """Where "49th meeting" starts in the first *limit* characters of *window*.

    It follows the end of a sentence, and the end of a line, a date or a
    record follows it: "49th meeting," or "49th meeting on 4 April" is a
    meeting named in a sentence, not the footer.
    """
    text = window.text
    for found in lex.meeting.finditer(text):
        column = found.start()
        if column >= limit:
            break
        if not _after_sentence(text, column):
            continue
        end = found.end() + 1 if text.startswith(".", found.end()) else found.end()
        if window.ends_line(end):
            return column
        after = _after_separators(text, found.end())
        if _DATE_LIKE.match(text, after) or _is_record(text, after, lex):
            return column
    return None


def _record_at(window: _Window, lex: Lexicon, limit: int) -> int | None:
    """Where a record of adoption ("[Adopted without a vote.]") starts in *window*'s first line.

    Its date may come before it on the line when no meeting is printed.
    """
    text = window.text
    if lex.vote_start.match(text):
        return 0 if _is_record(text, 0, lex, max(limit, _RECORD_REACH)) else None
    column = text.find("[", 1, limit)
    while column > 0:
        if _is_record(text, column, lex):
            date = _DATE_AT_END.search(text, max(0, column - _DATE_REACH), column)
            if date and _after_sentence(text, date.start()):
                return date.start()
            if _after_sentence(text, column):
                return column
        column = text.find("[", column + 1, limit)
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

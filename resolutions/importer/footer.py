"""Stage 4: find where the resolution ends and read its footer.

``read_footer(lines, body_start, lex) -> Footer``: where the resolution's
text ends, the meeting, the record of adoption as printed, and the
annexes.  The footer
is the meeting line ("49th meeting" / "49e séance"), its date, and the
bracketed record of adoption; annexes follow it.  A second number line or
authorial line after the footer means two resolutions were pasted, which
the importer refuses rather than guessing which one was meant; so is a
text with no footer at all, which was cut short.  A President's statement
prints no footer: its text runs to its annexes or to the end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import Lexicon
from .normalize import Line
from .problems import Problem, refuse
from .textutil import LineStarts, join_lines_with_starts, parse_date
from .types import DocumentKind

_NUMBER_LINE = re.compile(r"^(?:(?:PRST|DEC)\s+)?(?:S-|OS/)?\d{1,3}/\d{1,4}\.\s+\S")


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


def read_footer(
    lines: Sequence[Line], body_start: int, lex: Lexicon, kind: DocumentKind = "resolution"
) -> Footer:
    """Read the footer of *lines*, looking from index *body_start* on.

    Raises ``ImporterError`` when the text has no end (``footer.missing``:
    cut short, naming its last line) and when a second resolution follows
    the first (``footer.second_resolution``).  A President's statement
    (*kind* "statement") has no meeting line nor record of adoption: without
    them or an annex its text runs to the end.
    """
    warnings: list[Problem] = []
    end = len(lines)
    meeting_at: int | None = None
    vote_at: int | None = None
    annex_at: int | None = None
    for i in range(body_start, len(lines)):
        text = lines[i].text
        if meeting_at is None and lex.meeting.match(text):
            meeting_at = i
            break
        if lex.vote_start.match(text) and (
            lex.without_vote.search(text) or lex.recorded_vote.search(text)
        ):
            vote_at = i
            break
        if lex.annex.match(text):
            annex_at = i
            break
    stops = [at for at in (meeting_at, vote_at, annex_at) if at is not None]
    if not stops and kind == "statement":
        return Footer(len(lines), None, None, None, (), ())
    if not stops:
        # Importing what is there would store a resolution without its last
        # paragraphs and its vote: staff should paste the whole text again.
        last = lines[-1]
        raise refuse("footer.missing", last.number, excerpt=_excerpt(last.text))
    body_end = min(stops)
    i = body_end
    meeting: int | None = None
    if meeting_at is not None:
        match = lex.meeting.match(lines[i].text)
        assert match is not None
        meeting = int(match.group("number"))
        i += 1
        # The meeting's date belongs to the footer (the resolution's date
        # is read from its heading).
        if i < end and len(lines[i].text) < 40 and parse_date(lines[i].text, lex) is not None:
            i += 1
    vote_text: str | None = None
    vote_line: int | None = None
    vote_lines: LineStarts = ()
    if i < end and lex.vote_start.match(lines[i].text):
        vote_line = lines[i].number
        vote_text, vote_lines, i = _read_vote_block(lines, i, warnings)
    annexes = _read_annexes(lines, i, lex, warnings)
    return Footer(body_end, meeting, vote_text, vote_line, vote_lines, annexes, tuple(warnings))


def _excerpt(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[:length].rstrip() + "…"


def _read_vote_block(
    lines: Sequence[Line], start: int, warnings: list[Problem]
) -> tuple[str, LineStarts, int]:
    """The bracketed adoption record, joined; where each of its lines starts; the index after it."""
    parts: list[str] = []
    i = start
    while i < len(lines):
        parts.append(lines[i].text)
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
        if lex.annex.match(text):
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

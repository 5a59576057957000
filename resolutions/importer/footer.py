"""Stage 4: find where the resolution ends and read its footer.

Reads ``lines`` from ``body_start``; writes ``body_end``, ``meeting``,
``meeting_date``, ``vote_text``, ``vote_line`` and ``annexes``.  The footer
is the meeting line ("49th meeting" / "49e séance"), its date, and the
bracketed record of adoption; annexes follow it.  A second number line or
authorial line after the footer means two resolutions were pasted, which
the importer refuses rather than guessing which one was meant; so is a
text with no footer at all, which was cut short.
"""

from __future__ import annotations

import re

from .context import Context
from .textutil import join_lines, parse_date
from .types import ImporterError

_NUMBER_LINE = re.compile(r"^(?:S-)?\d{1,3}/\d{1,4}\.\s+\S")


def read_footer(ctx: Context) -> None:
    """Reads ``lines`` after ``body_start``; writes ``body_end`` and the footer fields."""
    lex = ctx.lex
    lines = ctx.lines
    end = len(lines)
    meeting_at: int | None = None
    vote_at: int | None = None
    annex_at: int | None = None
    for i in range(ctx.body_start, len(lines)):
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
    if not stops:
        # Importing what is there would store a resolution without its last
        # paragraphs and its vote: staff should paste the whole text again.
        last = lines[-1]
        raise ImporterError(
            f"the text stops at “{_excerpt(last.text)}” without the meeting line (such as "
            "“49th meeting”) and the record of adoption: it seems cut short; paste the whole "
            "resolution",
            line=last.number,
        )
    ctx.body_end = min(stops)
    i = ctx.body_end
    if meeting_at is not None:
        match = lex.meeting.match(lines[i].text)
        assert match is not None
        ctx.meeting = int(match.group("number"))
        i += 1
        if i < end:
            date = parse_date(lines[i].text, lex)
            if date is not None and len(lines[i].text) < 40:
                ctx.meeting_date = date
                i += 1
    if i < end and lex.vote_start.match(lines[i].text):
        i = _read_vote_block(ctx, i)
    _read_annexes(ctx, i)


def _excerpt(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[:length].rstrip() + "…"


def _read_vote_block(ctx: Context, start: int) -> int:
    """Collect the bracketed adoption record; return the index after it."""
    lines = ctx.lines
    parts: list[str] = []
    i = start
    while i < len(lines):
        parts.append(lines[i].text)
        i += 1
        if "]" in parts[-1]:
            break
    else:
        ctx.warn(
            "the record of the vote has no closing “]”: the text may be cut short",
            lines[start].number,
        )
    ctx.vote_text = join_lines(parts)
    ctx.vote_line = lines[start].number
    return i


def _read_annexes(ctx: Context, start: int) -> None:
    lex = ctx.lex
    lines = ctx.lines
    current: list[str] | None = None
    stray: list[int] = []
    for i in range(start, len(lines)):
        text = lines[i].text
        if lex.authorial.match(text) or _NUMBER_LINE.match(text):
            raise ImporterError(
                "a second resolution starts here: paste one resolution at a time",
                line=lines[i].number,
            )
        if lex.annex.match(text):
            if current is not None:
                ctx.annexes.append("\n".join(current))
            current = [text]
        elif current is not None:
            current.append(text)
        else:
            stray.append(lines[i].number)
    if current is not None:
        ctx.annexes.append("\n".join(current))
    if stray:
        ctx.warn(f"{len(stray)} line(s) after the record of adoption were ignored", stray[0])

"""Stage 3: read the heading above the authorial line.

``read_header(lines, symbol_hints, lex) -> Header``: body, session, number,
title, agenda item, adoption date, and where the resolution's text starts.

The heading is read by what each item says, not by the line it sits on.  A
PDF copy prints one item a line; a cleaned export or a web copy joins the
items of a block ("Eightieth session Agenda item 94 Developments in …",
"Resolution adopted by the General Assembly on 1 December 2025 [on the
report of the First Committee (A/80/534)]"); a narrow column wraps an item
at any word ("Resolution adopted by the Human Rights Council on" / "23 March
2021").  So the lines above the authorial line are joined into one text,
each position still naming its line, and read item after item: the body's
name, the session, the agenda item, the adoption record and its date, the
bracketed committee reference, then the number and the title, which runs to
the authorial line.  Text that is no item (the agenda item's title, the
session's dates, "Distr.: General", a job number) names no fact and is
skipped up to the next item or the next line.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .lexicon import Body, Lexicon
from .normalize import Line
from .problems import Problem, refuse
from .textutil import join_lines_with_starts, ordinal_value, parse_date

# "46/13. Title" where a line starts; "46/13" alone, or "46/13 Title", too.
_NUMBER_LINE = re.compile(r"(?P<number>(?:S-)?\d{1,3}/\d{1,4})(?:\s*\.)?(?=\s|$)")
# Inside a line, after other items, only "46/13." with its full stop is a number.
_NUMBER_WITHIN = re.compile(r"(?P<number>(?:S-)?\d{1,3}/\d{1,4})\.(?=\s|$)")
# "[on the report of the Third Committee (A/80/xxx)]", "[without reference to a
# Main Committee (A/80/L.9)]": how the Assembly's resolution came before it.
_BRACKETED = re.compile(r"\[[^\]\[]{0,400}\]")
# The heading is short; a text whose authorial line is further down than
# this is not laid out as a resolution.
_MAX_HEADER_LINES = 80
# A title wrapped in a narrow column runs over many lines (some 300 characters
# at 40 a line).
_MAX_TITLE_LINES = 12
# The agenda item is stored in a field of this many characters.
MAX_AGENDA_ITEM_CHARS = 20
# One agenda item number, or a sub-item letter, in either language's form:
# "71 (b)", "71 b)", "(c)", "99 (ii)".
_AGENDA_ITEM_PART = re.compile(r"\d{1,3}(?:\s*\(?[a-z]{1,2}\))?|\(?[a-z]{1,2}\)", re.IGNORECASE)
# A footnote mark left on a heading line whose footnote was not pasted.
_TRAILING_MARKS = re.compile(r"\s*[*†‡]+$")
_SPACES = re.compile(r"\s+")
# How far past a line's end an item starting on it is looked for: the
# longest opening ("Résolution adoptée par le Conseil des droits de l'homme
# le") is shorter.
_ITEM_REACH = 100
# What a heading item quoted in a warning is cut to.
_EXCERPT_CHARS = 60


@dataclass(frozen=True)
class Header:
    """What the heading says, and where the resolution's text starts."""

    body: Body
    session: int  # the session of the number: 46 for "46/13", 30 for "S-30/1"
    number: str  # "46/13", "S-30/1"
    number_line: int | None  # the line of "46/13. Title" (None: read from a running header)
    title: str
    agenda_item: str | None
    adopted_on: datetime.date | None
    body_start: int  # index into the lines of the first line after the authorial line
    first_body_text: str | None  # what followed the authorial line on its own line
    warnings: tuple[Problem, ...] = ()

    @property
    def symbol(self) -> str:
        """The document symbol: A/HRC/RES/46/13 for the Council, A/RES/80/6 for the Assembly."""
        return symbol_of(self.body, self.number)


@dataclass(frozen=True)
class _Heading:
    """The heading's lines joined into one text, each offset still naming its line."""

    text: str
    starts: tuple[int, ...]  # where each line starts in text
    numbers: tuple[int, ...]  # the number of each line

    def index(self, offset: int) -> int:
        """The index of the line holding *offset*."""
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def line(self, offset: int) -> int:
        """The number of the line holding *offset*."""
        return self.numbers[self.index(offset)]

    def line_end(self, offset: int) -> int:
        """Where the line holding *offset* ends in text."""
        following = self.index(offset) + 1
        return self.starts[following] if following < len(self.starts) else len(self.text)

    def starts_line(self, offset: int) -> bool:
        index = bisect.bisect_left(self.starts, offset)
        return index < len(self.starts) and self.starts[index] == offset


@dataclass
class _Found:
    """What the heading has told so far, while it is read item by item."""

    lex: Lexicon
    lines: Sequence[Line]
    body: Body | None = None
    header_session: int | None = None
    number: str | None = None
    number_line: int | None = None
    agenda_item: str | None = None
    adopted_on: datetime.date | None = None
    header_bodies: list[Body] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def warn(self, code: str, line: int | None = None, **params: str | int) -> None:
        self.warnings.append(Problem(code, line, params))


@dataclass(frozen=True)
class _Authorial:
    """Where the authorial line ("The Human Rights Council,") is."""

    index: int  # of its line
    before: str  # what precedes it on its line (the end of the title), "" when nothing
    body: Body | None
    rest: str | None  # what follows it on its line: the text's first words


def _without_marks(text: str) -> str:
    return _TRAILING_MARKS.sub("", text)


def _skip_spaces(text: str, pos: int) -> int:
    spaces = _SPACES.match(text, pos)
    return spaces.end() if spaces else pos


def _excerpt(text: str) -> str:
    text = text.strip()
    return text if len(text) <= _EXCERPT_CHARS else text[:_EXCERPT_CHARS].rstrip() + "…"


def read_header(
    lines: Sequence[Line], symbol_hints: Sequence[tuple[str, int]], lex: Lexicon
) -> Header:
    """Read the heading of *lines* up to the authorial line ("The Human Rights Council,").

    *symbol_hints* are the running headers ``normalize`` found: the number
    comes from the first one when no "46/13. Title" line is printed.
    Raises ``ImporterError`` (``header.missing_number``) when neither gives
    the resolution's number; whatever else is missing, unreadable or
    disagrees is a warning naming its line.
    """
    ctx = _Found(lex, lines)
    limit = min(len(lines), _MAX_HEADER_LINES)
    authorial = _find_authorial(lines, limit, lex)
    end = authorial.index if authorial else limit
    pieces = [_without_marks(line.text) for line in lines[:end]]
    numbers = [line.number for line in lines[:end]]
    if authorial and authorial.before:
        pieces.append(_without_marks(authorial.before))
        numbers.append(lines[authorial.index].number)
    text, starts = join_lines_with_starts(pieces)
    heading = _Heading(text, starts, tuple(numbers))

    title = ""
    title_at = _read_items(ctx, heading)
    if title_at is not None:
        # The title runs to the authorial line; without one, it is the rest
        # of the number's line (what follows may well be the text itself).
        title_index = heading.index(title_at)
        last = title_index + (_MAX_TITLE_LINES if authorial else 1)
        title_end = heading.starts[last] if last < len(heading.starts) else len(text)
        title = " ".join(text[title_at:title_end].split())

    if authorial is None:
        body_start = _guess_body_start(ctx)
        ctx.warn(
            "header.missing_authorial_line",
            lines[body_start].number if body_start < len(lines) else None,
        )
        first_body_text = None
    else:
        body_start = authorial.index + 1
        first_body_text = authorial.rest
        ctx.body = authorial.body or ctx.body

    if ctx.body is None and ctx.header_bodies:
        # "General Assembly" also heads the masthead of Council documents,
        # so the Council wins when both are printed.
        ctx.body = "HRC" if "HRC" in ctx.header_bodies else "GA"
    body, number = _settle_number(ctx, symbol_hints, body_start)
    session_part = number.split("/")[0]
    session = int(session_part.removeprefix("S-"))
    if (
        ctx.header_session is not None
        and ctx.header_session != session
        and not session_part.startswith("S-")
    ):
        ctx.warn(
            "header.session_differs", ctx.number_line, session=ctx.header_session, number=number
        )
    if not title:
        ctx.warn("header.missing_title", ctx.number_line)
    return Header(
        body=body,
        session=session,
        number=number,
        number_line=ctx.number_line,
        title=title,
        agenda_item=ctx.agenda_item,
        adopted_on=ctx.adopted_on,
        body_start=body_start,
        first_body_text=first_body_text,
        warnings=tuple(ctx.warnings),
    )


def _find_authorial(lines: Sequence[Line], limit: int, lex: Lexicon) -> _Authorial | None:
    """The authorial line among the first *limit* lines, where a line starts or after the title.

    A paste that joins the title's block with the next one prints "80/16.
    Title The General Assembly, Recalling …" on one line; the authorial line
    is then found after the title (not right after the number: a title may
    open with "The General Assembly, …").
    """
    inline = _authorial_within(lex)
    for i in range(limit):
        text = lines[i].text
        match = lex.authorial.match(text)
        before = ""
        if match is None:
            found = inline.search(text)
            if found is None:
                continue
            before = text[: found.start()].rstrip()
            if _NUMBER_LINE.fullmatch(before) or found.group("rest") is None:
                continue  # inside a line, only "The General Assembly," with its comma
            match = found
        rest = (match.group("rest") or "").strip()
        return _Authorial(i, before, _body_of(match.group("body"), lex), rest or None)
    return None


def _authorial_within(lex: Lexicon) -> re.Pattern[str]:
    """The authorial line where it does not start its line."""
    found = _AUTHORIAL_WITHIN.get(lex.language)
    if found is None:
        found = re.compile(rf"(?<=\s)(?:{lex.authorial.pattern})", lex.authorial.flags)
        _AUTHORIAL_WITHIN[lex.language] = found
    return found


def _item_start(lex: Lexicon) -> re.Pattern[str]:
    """Where a heading item may start inside a line of other text."""
    found = _ITEM_START.get(lex.language)
    if found is None:
        items = (lex.agenda_item, lex.adoption, lex.session_heading)
        alternatives = [
            f"(?i:{item.pattern})" if item.flags & re.IGNORECASE else item.pattern for item in items
        ]
        alternatives += [_NUMBER_WITHIN.pattern, r"\["]
        found = re.compile(r"(?<!\S)(?=" + "|".join(alternatives) + ")")
        _ITEM_START[lex.language] = found
    return found


# Built from each language's patterns the first time it is read.
_AUTHORIAL_WITHIN: dict[str, re.Pattern[str]] = {}
_ITEM_START: dict[str, re.Pattern[str]] = {}


def _read_items(ctx: _Found, heading: _Heading) -> int | None:
    """Read the heading items up to the number; return where the title starts (None: none)."""
    text = heading.text
    pos = 0
    while True:
        pos = _skip_spaces(text, pos)
        if pos >= len(text):
            return None
        number_at = _NUMBER_LINE if heading.starts_line(pos) else _NUMBER_WITHIN
        number = number_at.match(text, pos)
        if number is not None:
            ctx.number = number.group("number")
            ctx.number_line = heading.line(pos)
            return number.end()
        after = _read_item(ctx, heading, pos)
        if after is None:
            after = _next_item(ctx.lex, heading, pos + 1)
        pos = after


def _next_item(lex: Lexicon, heading: _Heading, pos: int) -> int:
    """Where the next item starts on the line of *pos*, or else where the next line starts.

    An item starting on this line may run on to the next one ("… Resolution"
    / "adopted by the Human Rights Council"): the search looks a little past
    the line's end, never further.
    """
    line_end = heading.line_end(pos)
    found = _item_start(lex).search(heading.text, pos, line_end + _ITEM_REACH)
    return found.start() if found and found.start() < line_end else line_end


def _read_item(ctx: _Found, heading: _Heading, pos: int) -> int | None:
    """Read the item starting at *pos*; return where it ends (None: no item starts there)."""
    lex, text = ctx.lex, heading.text
    agenda = lex.agenda_item.match(text, pos)
    if agenda:
        if ctx.agenda_item is None:
            printed = text[pos : heading.line_end(pos)]
            _read_agenda_item(ctx, agenda, heading.line(pos), _excerpt(printed))
        return agenda.end()
    adoption = lex.adoption.match(text, pos)
    if adoption:
        return _read_adoption(ctx, heading, adoption)
    session = lex.session_heading.match(text, pos)
    if session:
        value = ordinal_value(session.group("ordinal"), lex)
        if value is not None:
            if ctx.header_session is None:
                ctx.header_session = value
            return session.end()
    bracketed = _BRACKETED.match(text, pos)
    if bracketed:
        return bracketed.end()
    for pattern, body in lex.bodies:
        name = pattern.match(text, pos)
        if name and _ends_item(ctx.lex, heading, name.end()):
            ctx.header_bodies.append(body)
            return name.end()
    return None


def _ends_item(lex: Lexicon, heading: _Heading, end: int) -> bool:
    """Whether a name ending at *end* stands alone: at the end of its line, or before an item.

    "General Assembly Distr.: General" heads a page; "Report of the" /
    "Human Rights Council" is an agenda item's title wrapped.
    """
    after = _skip_spaces(heading.text, end)
    return (
        after >= len(heading.text)
        or heading.starts_line(after)
        or heading.text.startswith("Distr", after)
        or _item_start(lex).match(heading.text, after) is not None
    )


def _read_adoption(ctx: _Found, heading: _Heading, adoption: re.Match[str]) -> int:
    """Read "Resolution adopted by the Human Rights Council on 23 March 2021"; return its end.

    The date may follow on the next line; "on" with no date after it, or a
    date that cannot be read, is a warning naming the line.
    """
    lex, text = ctx.lex, heading.text
    body = _body_of(adoption.group("body"), lex)
    if body:
        ctx.body = body
    line = heading.line(adoption.start())
    pos = _skip_spaces(text, adoption.end())
    date = lex.date.match(text, pos)
    if date:
        ctx.adopted_on = parse_date(date.group(0), lex)
        if ctx.adopted_on is None:
            ctx.warn("header.unreadable_adoption_date", line, date=date.group(0))
        return date.end()
    if adoption.group("on") is None:
        return adoption.end()  # no date printed, as in older Council texts
    printed = text[pos : _next_item(lex, heading, pos) if pos < len(text) else pos].strip()
    if printed:
        ctx.warn("header.unreadable_adoption_date", heading.line(pos), date=_excerpt(printed))
        return pos + len(printed)
    ctx.warn("header.adoption_date_missing", line, heading=_excerpt(adoption.group(0)))
    return pos


def _read_agenda_item(ctx: _Found, agenda: re.Match[str], line: int, printed: str) -> None:
    """Keep the agenda item number(s) of a heading such as "Agenda item 3: Promotion…"."""
    item = agenda.group("item")
    if item is None:
        ctx.warn("header.agenda_item_without_number", line, heading=printed)
        return
    item = " ".join(item.split())
    if len(item) > MAX_AGENDA_ITEM_CHARS:
        ends = [
            m.end() for m in _AGENDA_ITEM_PART.finditer(item) if m.end() <= MAX_AGENDA_ITEM_CHARS
        ]
        kept = item[: ends[-1]] if ends else item[:MAX_AGENDA_ITEM_CHARS]
        ctx.warn(
            "header.agenda_item_too_long", line, items=item, limit=MAX_AGENDA_ITEM_CHARS, kept=kept
        )
        item = kept
    ctx.agenda_item = item


def _body_of(name: str, lex: Lexicon) -> Body | None:
    for pattern, body in lex.bodies:
        if pattern.search(name):
            return body
    return None


def _guess_body_start(ctx: _Found) -> int:
    """Where the text starts when the authorial line is missing."""
    if ctx.number_line is not None:
        for i, line in enumerate(ctx.lines):
            if line.number == ctx.number_line:
                return i + 1
    return 0


_SYMBOL_NUMBER = re.compile(r"((?:S-)?\d{1,3}/\d{1,4})$")


def _settle_number(
    ctx: _Found, symbol_hints: Sequence[tuple[str, int]], body_start: int
) -> tuple[Body, str]:
    """The body and number, from the number line or else a running header."""
    hinted = symbol_hints[0] if symbol_hints else None
    body = ctx.body
    number = ctx.number
    if number is None:
        if hinted is None:
            first = ctx.lines[body_start - 1].number if body_start else None
            raise refuse("header.missing_number", first)
        symbol, line = hinted
        match = _SYMBOL_NUMBER.search(symbol)
        # normalize's pattern for running symbols ends with the number.
        assert match is not None, symbol
        number = match.group(1)
        ctx.warn("header.number_from_running_header", line, number=number, symbol=symbol)
    if body is None:
        if hinted is not None:
            body = "HRC" if "/HRC/" in hinted[0] else "GA"
        else:
            body = "HRC"
            ctx.warn("header.body_assumed")
    if hinted is not None and hinted[0] != symbol_of(body, number):
        ctx.warn(
            "header.running_header_differs",
            hinted[1],
            printed=hinted[0],
            symbol=symbol_of(body, number),
        )
    return body, number


def symbol_of(body: Body, number: str) -> str:
    """The document symbol: A/HRC/RES/46/13 for the Council, A/RES/80/6 for the Assembly."""
    prefix = "A/HRC/RES/" if body == "HRC" else "A/RES/"
    return f"{prefix}{number}"

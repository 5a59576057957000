"""Stage 3: read the heading above the authorial line.

``read_header(lines, symbol_hints, lex) -> Header``: kind of document, body,
session, number, title, agenda item, adoption date, and where the text
starts.  Lines it does not recognise (the agenda item's title, the session
dates, "Distr.: General") are skipped: only the markers below carry facts.

The Council adopts three kinds of document, read alike: resolutions
("Resolution adopted by …", "46/13. Title"), decisions ("Decision adopted
by …", "46/115. Title" or "Decision 46/115. Title") and President's
statements ("President’s statement" / "Statement by the President", then
"PRST 29/1. Title" or "PRST OS/12/1. Title", then "At the 45th meeting,
held on 3 July 2015, the President … made the following statement:", which
gives the meeting and the date, and the Council's words in quotation
marks).  The kind is read from these headings, else from the running
symbol ("A/HRC/DEC/46/115"); a text naming none is a resolution.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .lexicon import Body, Lexicon
from .normalize import Line
from .problems import Problem, refuse
from .textutil import join_lines, ordinal_value, parse_date
from .types import DocumentKind

# "46/13", "S-30/1" (a special session), "OS/12/1" (a statement of the
# organizational session of the twelfth cycle).
NUMBER = r"(?:S-|OS/)?\d{1,3}/\d{1,4}"
# The symbols' words for decisions and statements, in every language.
_SYMBOL_KINDS: dict[str, DocumentKind] = {"DEC": "decision", "PRST": "statement"}
# The heading is short; a text whose authorial line is further down than
# this is not laid out as a resolution.
_MAX_HEADER_LINES = 80
_MAX_TITLE_LINES = 6
# The agenda item is stored in a field of this many characters.
MAX_AGENDA_ITEM_CHARS = 20
# One agenda item number, or a sub-item letter, in either language's form:
# "71 (b)", "71 b)", "(c)".
_AGENDA_ITEM_PART = re.compile(r"\d{1,3}(?:\s*\(?[a-z]\))?|\(?[a-z]\)", re.IGNORECASE)
# A footnote mark left on a heading line whose footnote was not pasted.
_TRAILING_MARKS = re.compile(r"\s*[*†‡]+$")


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
    kind: DocumentKind = "resolution"
    meeting: int | None = None  # a statement's, from its introduction ("At the 45th meeting")
    quoted: bool = False  # the text opens with a quotation mark (a statement's)

    @property
    def symbol(self) -> str:
        """The document symbol: A/HRC/RES/46/13, A/HRC/DEC/46/115, A/HRC/PRST/29/1, A/RES/80/6."""
        return symbol_of(self.body, self.number, self.kind)


@dataclass
class _Found:
    """What the heading has told so far, while it is read line by line."""

    lex: Lexicon
    lines: Sequence[Line]
    body: Body | None = None
    header_session: int | None = None
    number: str | None = None
    number_line: int | None = None
    agenda_item: str | None = None
    adopted_on: datetime.date | None = None
    kind: DocumentKind | None = None  # as the heading names it
    meeting: int | None = None
    warnings: list[Problem] = field(default_factory=list)

    def warn(self, code: str, line: int | None = None, **params: str | int) -> None:
        self.warnings.append(Problem(code, line, params))


def _without_marks(text: str) -> str:
    return _TRAILING_MARKS.sub("", text)


def read_header(
    lines: Sequence[Line], symbol_hints: Sequence[tuple[str, int]], lex: Lexicon
) -> Header:
    """Read the heading of *lines* up to the authorial line ("The Human Rights Council,").

    *symbol_hints* are the running headers ``normalize`` found: the number
    comes from the first one when no "46/13. Title" line is printed.
    Raises ``ImporterError`` (``header.missing_number``) when neither gives
    the resolution's number; whatever else is missing or disagrees is a
    warning.
    """
    ctx = _Found(lex, lines)
    first_body_text: str | None = None
    title_parts: list[str] = []
    in_title = False
    authorial_at: int | None = None
    header_bodies: list[Body] = []
    quoted = False
    number_pattern = _number_line(lex)

    limit = min(len(lines), _MAX_HEADER_LINES)
    i = 0
    while i < limit:
        text = lines[i].text
        agenda = lex.agenda_item.match(text) if not in_title else None
        if agenda and ctx.agenda_item is None:
            _read_agenda_item(ctx, agenda, lines[i].number)
            # What follows the number on the line is read as a heading line of
            # its own: the item's title is skipped like any line naming no
            # fact, and a fact glued onto the line ("… 58/40. Title") is kept.
            text = agenda.group("rest")
            if not text:
                i += 1
                continue
        authorial = lex.authorial.match(text)
        if authorial:
            authorial_at = i
            body = _body_of(authorial.group("body"), lex)
            if body:
                ctx.body = ctx.body or body
            quoted = authorial.group("quote") is not None
            rest = authorial.group("rest").strip()
            first_body_text = rest or None
            break
        intro = lex.statement_intro.match(text)
        if intro:
            # "At the 45th meeting, … made the following statement:" ends the
            # heading (and the title); the statement's text follows.
            end, rest = _read_statement_intro(ctx, i, intro)
            if end + 1 < len(lines) and lex.authorial.match(lines[end + 1].text) and not rest:
                in_title = False
                i = end + 1
                continue
            authorial_at = end
            # "… statement: “The Human Rights Council, Recalling …" on one line.
            joined = lex.authorial.match(rest)
            if joined:
                quoted = joined.group("quote") is not None
                rest = joined.group("rest").strip()
            else:
                quoted = bool(rest) and rest[0] in _OPENING_QUOTES
            first_body_text = rest or None
            break
        number_line = number_pattern.match(text)
        if number_line and ctx.number is None:
            ctx.number = number_line.group("number")
            ctx.number_line = lines[i].number
            prefix = number_line.group("prefix")
            if prefix:
                ctx.kind = ctx.kind or _kind_named(prefix, lex)
            title_parts = [_without_marks(number_line.group("title") or "")]
            in_title = True
            i += 1
            continue
        if in_title:
            if len(title_parts) < _MAX_TITLE_LINES:
                title_parts.append(_without_marks(text))
            i += 1
            continue
        i += _read_header_line(ctx, i, text, header_bodies)

    if authorial_at is None:
        body_start = _guess_body_start(ctx)
        if ctx.number is not None and len(title_parts) > 1:
            title_parts = title_parts[:1]
        ctx.warn(
            "header.missing_authorial_line",
            lines[body_start].number if body_start < len(lines) else None,
        )
    else:
        body_start = authorial_at + 1

    title = join_lines(part for part in title_parts if part)
    if ctx.body is None and header_bodies:
        # "General Assembly" also heads the masthead of Council documents,
        # so the Council wins when both are printed.
        ctx.body = "HRC" if "HRC" in header_bodies else "GA"
    body, number = _settle_number(ctx, symbol_hints, body_start)
    session = session_of(number)
    if ctx.header_session is not None and ctx.header_session != session and number[0].isdigit():
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
        kind=ctx.kind or "resolution",
        meeting=ctx.meeting,
        quoted=quoted,
    )


_OPENING_QUOTES = '“"«'


def _number_line(lex: Lexicon) -> re.Pattern[str]:
    """The line "46/13. Title", with the word of a kind before the number or not.

    "Decision 46/115. Title", "PRST 29/1. Title", "PRST OS/12/1": group
    "prefix" the word, "number" and "title".  Compiled once per lexicon.
    """
    cached = _NUMBER_LINES.get(lex.language)
    if cached is None or cached[0] is not lex.document_kinds:
        words = "|".join(
            [*_SYMBOL_KINDS, *(f"(?:{pattern.pattern})" for pattern, _ in lex.document_kinds)]
        )
        pattern = re.compile(
            rf"^(?:(?P<prefix>{words})\s*/?\s*)?(?P<number>{NUMBER})\s*\.?"
            r"(?:\s+(?P<title>\S.*))?$",
            re.IGNORECASE,
        )
        cached = (lex.document_kinds, pattern)
        _NUMBER_LINES[lex.language] = cached
    return cached[1]


_NUMBER_LINES: dict[str, tuple[object, re.Pattern[str]]] = {}
# A statement's introduction is a sentence; wrapped, it spans a few lines.
_MAX_INTRO_LINES = 8


def _kind_named(words: str, lex: Lexicon) -> DocumentKind | None:
    """The kind *words* name: "PRST", "DEC", or a lexicon's word ("Decision")."""
    symbol_kind = _SYMBOL_KINDS.get(words.upper())
    if symbol_kind:
        return symbol_kind
    for pattern, kind in lex.document_kinds:
        if pattern.fullmatch(words):
            return kind
    return None


def _read_statement_intro(ctx: _Found, start: int, intro: re.Match[str]) -> tuple[int, str]:
    """Read a statement's introduction from line *start*: its meeting and date.

    Returns the index of its last line and what follows "the following
    statement:" on that line (the statement's first words, in a paste that
    joined them).  The introduction ends at that phrase, or after a few
    lines when it is not printed.
    """
    lines = ctx.lines
    parts: list[str] = []
    joined = ""
    rest = ""
    last = min(len(lines), start + _MAX_INTRO_LINES) - 1
    for end in range(start, last + 1):
        parts.append(lines[end].text)
        joined = join_lines(parts)
        # Looked for in the lines joined so far: "reading as" / "follows:".
        closing = ctx.lex.statement_intro_end.search(joined)
        if closing:
            rest = joined[closing.end() :].strip()
            joined = joined[: closing.start()]
            break
    else:
        end = start
        joined = lines[start].text
    ctx.kind = ctx.kind or "statement"
    meeting = intro.group("meeting")
    if meeting:
        ctx.meeting = ordinal_value(meeting, ctx.lex)
    if ctx.adopted_on is None:
        ctx.adopted_on = parse_date(joined, ctx.lex)
    return end, rest


def _read_agenda_item(ctx: _Found, agenda: re.Match[str], line: int) -> None:
    """Keep the agenda item number(s) of a heading such as "Agenda item 3: Promotion…"."""
    item = agenda.group("item")
    if item is None:
        ctx.warn("header.agenda_item_without_number", line, heading=agenda.group(0))
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


def _read_header_line(ctx: _Found, i: int, text: str, header_bodies: list[Body]) -> int:
    """Read one heading line; return how many lines it used.

    *text* is line *i*, or what follows the agenda item printed on it.
    """
    lex = ctx.lex
    adoption = lex.adoption.match(_without_marks(text))
    if adoption:
        body = _body_of(adoption.group("body"), lex)
        if body:
            ctx.body = body
        ctx.kind = _kind_named(adoption.group("kind"), lex) or ctx.kind
        date_text = adoption.group("date")
        used = 1
        if not date_text and i + 1 < len(ctx.lines):
            continuation = lex.adoption_date_line.match(ctx.lines[i + 1].text)
            if continuation:
                date_text = continuation.group("date")
                used = 2
        if date_text:
            ctx.adopted_on = parse_date(date_text, lex)
            if ctx.adopted_on is None:
                ctx.warn("header.unreadable_adoption_date", ctx.lines[i].number, date=date_text)
        return used
    session = lex.session_line.match(text)
    if session and ctx.header_session is None:
        value = ordinal_value(session.group("ordinal"), lex)
        if value is not None:
            ctx.header_session = value
            return 1
    for pattern, body in lex.bodies:
        if pattern.fullmatch(text):
            header_bodies.append(body)
    # "President’s statement*" on a line of its own.
    kind = _kind_named(_without_marks(text), lex) if len(text) < 60 else None
    if kind and ctx.kind is None:
        ctx.kind = kind
    return 1


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


_SYMBOL_NUMBER = re.compile(rf"(?:/(?P<kind>DEC|PRST))?/(?P<number>{NUMBER})$")


def _settle_number(
    ctx: _Found, symbol_hints: Sequence[tuple[str, int]], body_start: int
) -> tuple[Body, str]:
    """The body and number, from the number line or else a running header."""
    hinted = symbol_hints[0] if symbol_hints else None
    body = ctx.body
    number = ctx.number
    hinted_match = _SYMBOL_NUMBER.search(hinted[0]) if hinted else None
    if hinted is not None:
        # normalize's pattern for running symbols ends with the number.
        assert hinted_match is not None, hinted
        if ctx.kind is None and hinted_match.group("kind"):
            ctx.kind = _SYMBOL_KINDS[hinted_match.group("kind")]
    if number is None:
        if hinted is None or hinted_match is None:
            first = ctx.lines[body_start - 1].number if body_start else None
            raise refuse("header.missing_number", first)
        symbol, line = hinted
        number = hinted_match.group("number")
        ctx.warn("header.number_from_running_header", line, number=number, symbol=symbol)
    if body is None:
        if hinted is not None:
            body = "HRC" if "/HRC/" in hinted[0] else "GA"
        else:
            body = "HRC"
            ctx.warn("header.body_assumed")
    symbol = symbol_of(body, number, ctx.kind or "resolution")
    if hinted is not None and hinted[0] != symbol:
        ctx.warn("header.running_header_differs", hinted[1], printed=hinted[0], symbol=symbol)
    return body, number


def session_of(number: str) -> int:
    """The session a document's *number* was adopted at, as the importer counts it.

    "46/13" and "46/115": 46.  "S-30/1": 30, special session 30 (special
    sessions are numbered apart).  "OS/12/1": a statement made at the
    organizational session that closes the Council's twelfth cycle, held in
    December after the cycle's last regular session.  Since 2014 a cycle is
    a calendar year of three regular sessions (cycle 12, 2018: sessions
    37–39; cycle 18, 2024: 55–57, the headings "Twelfth cycle" /
    "Eighteenth cycle" of PRST OS/12/1 and OS/18/1), so the session counted
    is 3 × cycle + 3: what the text asks for "at its next session" is the
    first session of the following year.
    """
    if number.startswith("OS/"):
        return 3 * int(number.split("/")[1]) + 3
    return int(number.split("/")[0].removeprefix("S-"))


_SYMBOL_PREFIXES: dict[tuple[Body, DocumentKind], str] = {
    ("HRC", "resolution"): "A/HRC/RES/",
    ("HRC", "decision"): "A/HRC/DEC/",
    ("HRC", "statement"): "A/HRC/PRST/",
    ("GA", "resolution"): "A/RES/",
    ("GA", "decision"): "A/DEC/",
    ("GA", "statement"): "A/PRST/",
}


def symbol_of(body: Body, number: str, kind: DocumentKind = "resolution") -> str:
    """The document symbol: A/HRC/RES/46/13, A/HRC/DEC/46/115, A/HRC/PRST/OS/12/1, A/RES/80/6.

    The Council prints its decisions and President's statements under symbols
    of their own (A/HRC/DEC/…, A/HRC/PRST/…).  The Assembly's decisions and
    statements have none (they are printed in its records); A/DEC/… and
    A/PRST/… keep them apart in Suivi.
    """
    return f"{_SYMBOL_PREFIXES[body, kind]}{number}"

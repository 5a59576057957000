"""Stage 3: read the heading above the authorial line.

``read_header(lines, symbol_hints, lex) -> Header``: kind of document, body,
session, number, title, agenda item, adoption date, and where the text
starts.

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

The Council adopts three kinds of document, read alike: resolutions
("Resolution adopted by …", "46/13. Title"), decisions ("Decision adopted
by …", "46/115. Title" or "Decision 46/115. Title") and President's
statements ("President’s statement" / "Statement by the President", then
"PRST 29/1. Title" or "PRST OS/12/1. Title", then "At the 45th meeting,
held on 3 July 2015, the President … made the following statement:", which
gives the meeting and the date and ends the heading, and the Council's
words in quotation marks).  The kind is read from the adoption record's
first word, a heading item of its own, the word before the number, the
statement's introduction, else the running symbol ("A/HRC/DEC/46/115"); a
text naming none is a resolution.
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
from .textutil import join_lines, join_lines_with_starts, ordinal_value, parse_date
from .types import DocumentKind

# "46/13", "S-30/1" (a special session), "OS/12/1" (a statement of the
# organizational session of the twelfth cycle).
NUMBER = r"(?:S-|OS/)?\d{1,3}/\d{1,4}"
# The symbols' words for decisions and statements, in every language.
_SYMBOL_KINDS: dict[str, DocumentKind] = {"DEC": "decision", "PRST": "statement"}
_OPENING_QUOTES = '“"«'
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
_MARKS = re.compile(r"[*†‡]+")
# How far past a line's end an item starting on it is looked for: the
# longest opening ("Résolution adoptée par le Conseil des droits de l'homme
# le") is shorter.
_ITEM_REACH = 100
# What a heading item quoted in a warning is cut to.
_EXCERPT_CHARS = 60
# A statement's introduction is a sentence; wrapped, it spans a few lines.
_MAX_INTRO_LINES = 8


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
    kind: DocumentKind | None = None  # as the heading names it
    meeting: int | None = None
    header_bodies: list[Body] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def warn(self, code: str, line: int | None = None, **params: str | int) -> None:
        self.warnings.append(Problem(code, line, params))


@dataclass(frozen=True)
class _TextStart:
    """Where the text starts: the authorial line ("The Human Rights Council,"), or
    the end of a statement's introduction when no authorial line follows it."""

    index: int  # of its line
    before: str  # what precedes the text on its line (the end of the title), "" when nothing
    body: Body | None
    rest: str | None  # what follows the authorial line on its line: the text's first words
    quoted: bool = False  # the text opens with a quotation mark ("“The Human Rights Council,")
    intro: tuple[int, int] | None = None  # a statement's introduction: (line index, column)


@dataclass(frozen=True)
class _Patterns:
    """A lexicon's heading patterns that join several of its words, built once."""

    number_line: re.Pattern[str]  # the number where a line starts
    number_within: re.Pattern[str]  # the number after other items on a line
    authorial_within: re.Pattern[str]  # the authorial line where it does not start its line
    intro_within: re.Pattern[str]  # a statement's introduction after other text on its line
    item_start: re.Pattern[str]  # where a heading item may start inside a line of other text


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

    A President's statement's heading ends with its introduction ("At the
    45th meeting, … made the following statement:"), which gives the
    statement's meeting and date; its authorial line may open with a
    quotation mark (``Header.quoted``) or be left out.  *symbol_hints* are
    the running headers ``normalize`` found: the number comes from the
    first one when no "46/13. Title" line is printed, and the kind from it
    when the heading names none.  Raises ``ImporterError``
    (``header.missing_number``) when neither gives the document's number;
    whatever else is missing, unreadable or disagrees is a warning naming
    its line.
    """
    ctx = _Found(lex, lines)
    patterns = _patterns(lex)
    limit = min(len(lines), _MAX_HEADER_LINES)
    start = _find_text_start(lines, limit, lex, patterns)
    end = start.index if start else limit
    cut = start.intro if start and start.intro else None
    heading_end = cut[0] if cut else end
    pieces = [_without_marks(line.text) for line in lines[:heading_end]]
    numbers = [line.number for line in lines[:heading_end]]
    if cut:
        # The title ends where the introduction starts, on its line or above it.
        before_intro = lines[cut[0]].text[: cut[1]].strip()
        if before_intro:
            pieces.append(_without_marks(before_intro))
            numbers.append(lines[cut[0]].number)
    elif start and start.before:
        pieces.append(_without_marks(start.before))
        numbers.append(lines[start.index].number)
    text, starts = join_lines_with_starts(pieces)
    heading = _Heading(text, starts, tuple(numbers))

    title = ""
    title_at = _read_items(ctx, heading, patterns)
    if title_at is not None:
        # The title runs to the authorial line (or the introduction); without
        # one, it is the rest of the number's line (what follows may well be
        # the text itself).
        title_index = heading.index(title_at)
        last = title_index + (_MAX_TITLE_LINES if start else 1)
        title_end = heading.starts[last] if last < len(heading.starts) else len(text)
        title = " ".join(text[title_at:title_end].split())
    if start and cut:
        _read_statement_intro(ctx, lines, start, cut)

    if start is None:
        body_start = _guess_body_start(ctx)
        ctx.warn(
            "header.missing_authorial_line",
            lines[body_start].number if body_start < len(lines) else None,
        )
        first_body_text = None
    else:
        body_start = start.index + 1
        first_body_text = start.rest
        ctx.body = start.body or ctx.body

    if ctx.body is None and ctx.header_bodies:
        # "General Assembly" also heads the masthead of Council documents,
        # so the Council wins when both are printed.
        ctx.body = "HRC" if "HRC" in ctx.header_bodies else "GA"
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
        quoted=start.quoted if start else False,
    )


def _find_text_start(
    lines: Sequence[Line], limit: int, lex: Lexicon, patterns: _Patterns
) -> _TextStart | None:
    """Where the text starts among the first *limit* lines: the authorial line, or a statement's.

    The authorial line starts its line or follows the title on it: a paste
    that joins the title's block with the next one prints "80/16. Title The
    General Assembly, Recalling …" on one line (not right after the number:
    a title may open with "The General Assembly, …").  A statement's
    introduction ("At the 45th meeting, …") comes first where both are
    printed (see ``_after_intro``).
    """
    for i in range(limit):
        text = lines[i].text
        intro = _intro_at(lines, i, lex, patterns)
        found = _authorial_at(text, lex, patterns)
        if intro is not None and (found is None or intro < found[0]):
            return _after_intro(lines, i, intro, lex)
        if found is not None:
            column, match = found
            rest = (match.group("rest") or "").strip()
            return _TextStart(
                i,
                text[:column].rstrip(),
                _body_of(match.group("body"), lex),
                rest or None,
                quoted=match.group("quote") is not None,
            )
    return None


def _authorial_at(text: str, lex: Lexicon, patterns: _Patterns) -> tuple[int, re.Match[str]] | None:
    """Where the authorial line starts in *text*, and its match; None where it is not there."""
    match = lex.authorial.match(text)
    if match is not None:
        return 0, match
    found = patterns.authorial_within.search(text)
    if found is None:
        return None
    before = text[: found.start()].rstrip()
    if patterns.number_line.fullmatch(before) or found.group("rest") is None:
        return None  # inside a line, only "The General Assembly," with its comma
    return found.start(), found


def _intro_at(lines: Sequence[Line], i: int, lex: Lexicon, patterns: _Patterns) -> int | None:
    """The column where a statement's introduction starts on line *i*, or None.

    It opens a sentence ("At the 45th meeting", "À sa 41e séance"); after
    other text on its line, only where it ends as an introduction does
    ("… made the following statement:"), within a few lines.
    """
    text = lines[i].text
    found = lex.statement_intro.match(text) or patterns.intro_within.search(text)
    if found is None or not text[found.start()].isupper():
        return None
    if found.start() and _intro_end(lines, i, found.start(), lex) is None:
        return None
    return found.start()


def _intro_end(
    lines: Sequence[Line], start: int, column: int, lex: Lexicon
) -> tuple[int, str] | None:
    """The index of the last line of the introduction at (*start*, *column*), and what follows it.

    The introduction ends at "the following statement:" / "reading as
    follows:", looked for in the lines joined so far; None when it is not
    printed within a few lines.  What follows it on its line is the
    statement's first words, in a paste that joined them.
    """
    parts = [lines[start].text[column:]]
    last = min(len(lines), start + _MAX_INTRO_LINES) - 1
    for end in range(start, last + 1):
        if end > start:
            parts.append(lines[end].text)
        closing = lex.statement_intro_end.search(join_lines(parts))
        if closing:
            return end, join_lines(parts)[closing.end() :]
    return None


def _after_intro(lines: Sequence[Line], i: int, column: int, lex: Lexicon) -> _TextStart:
    """Where the text starts after the statement's introduction found at (*i*, *column*).

    The introduction ends the heading: the authorial line follows it on the
    next line or on its own last line ("… statement: “The Human Rights
    Council, Recalling …"), or the statement's words follow directly
    ("1. The Human Rights Council welcomes …").  Without its closing words
    it is one line.
    """
    closing = _intro_end(lines, i, column, lex)
    end, rest = closing if closing else (i, "")
    last = lines[end].text
    before = last[: len(last) - len(rest)].rstrip()
    rest = rest.strip()
    if not rest and end + 1 < len(lines):
        following = lex.authorial.match(lines[end + 1].text)
        if following:
            return _TextStart(
                end + 1,
                "",
                _body_of(following.group("body"), lex),
                (following.group("rest") or "").strip() or None,
                quoted=following.group("quote") is not None,
                intro=(i, column),
            )
    joined = lex.authorial.match(rest)
    if joined:
        return _TextStart(
            end,
            before,
            _body_of(joined.group("body"), lex),
            (joined.group("rest") or "").strip() or None,
            quoted=joined.group("quote") is not None,
            intro=(i, column),
        )
    return _TextStart(
        end,
        before,
        None,
        rest or None,
        quoted=bool(rest) and rest[0] in _OPENING_QUOTES,
        intro=(i, column),
    )


def _read_statement_intro(
    ctx: _Found, lines: Sequence[Line], start: _TextStart, cut: tuple[int, int]
) -> None:
    """Read a statement's introduction, from *cut* to where its text starts: meeting and date.

    "At the 45th meeting, held on 3 July 2015, the President … made the
    following statement:" makes the document a statement, names its meeting
    and, where the heading printed no adoption date, gives it.
    """
    first, column = cut
    # The introduction ends on the text's first line where something of it
    # is printed before the text, else on the line above.
    last = start.index if start.before else start.index - 1
    parts = [start.before if k == start.index else lines[k].text for k in range(first, last + 1)]
    parts[0] = parts[0][column:]
    text = join_lines(parts)
    closing = ctx.lex.statement_intro_end.search(text)
    if closing:
        text = text[: closing.start()]
    ctx.kind = ctx.kind or "statement"
    intro = ctx.lex.statement_intro.match(text)
    meeting = intro.group("meeting") if intro else None
    if meeting:
        ctx.meeting = ordinal_value(meeting, ctx.lex)
    if ctx.adopted_on is None:
        ctx.adopted_on = parse_date(text, ctx.lex)


def _patterns(lex: Lexicon) -> _Patterns:
    """The heading patterns of *lex*, built the first time its language is read."""
    cached = _PATTERNS.get(lex.language)
    if cached is not None and cached[0] is lex:
        return cached[1]
    words = "|".join(
        [*_SYMBOL_KINDS, *(f"(?:{pattern.pattern})" for pattern, _ in lex.document_kinds)]
    )
    # "46/13. Title", "Decision 46/115. Title", "PRST 29/1. Title", "PRST
    # OS/12/1"; where a line starts, "46/13" alone or "46/13 Title" too.
    number = rf"(?:(?P<prefix>{words})\s*/?\s*)?(?P<number>{NUMBER})(?P<stop>\s*\.)?(?=\s|$)"
    items = (lex.agenda_item, lex.adoption, lex.session_heading)
    alternatives = [
        f"(?i:{item.pattern})" if item.flags & re.IGNORECASE else item.pattern for item in items
    ]
    alternatives += [
        # Inside a line, after other items, a number with its full stop, or
        # after a symbol's word ("PRST 15/2").
        rf"(?:(?i:{words})\s*/?\s*)?{NUMBER}\.(?=\s|$)",
        rf"(?:{'|'.join(_SYMBOL_KINDS)})\s*/?\s*{NUMBER}(?=\s|$)",
        *(f"(?i:{pattern.pattern})" for pattern, _ in lex.document_kinds),
        r"\[",
    ]
    built = _Patterns(
        number_line=re.compile(number, re.IGNORECASE),
        number_within=re.compile(number, re.IGNORECASE),
        authorial_within=re.compile(rf"(?<=\s)(?:{lex.authorial.pattern})", lex.authorial.flags),
        intro_within=re.compile(
            rf"(?<=\s)(?:{lex.statement_intro.pattern})", lex.statement_intro.flags
        ),
        item_start=re.compile(r"(?<!\S)(?=" + "|".join(alternatives) + ")"),
    )
    _PATTERNS[lex.language] = (lex, built)
    return built


# Built from each language's patterns the first time it is read.
_PATTERNS: dict[str, tuple[Lexicon, _Patterns]] = {}


def _read_items(ctx: _Found, heading: _Heading, patterns: _Patterns) -> int | None:
    """Read the heading items up to the number; return where the title starts (None: none)."""
    text = heading.text
    pos = 0
    while True:
        pos = _skip_spaces(text, pos)
        if pos >= len(text):
            return None
        number = _number_at(heading, pos, patterns)
        if number is not None:
            ctx.number = number.group("number").upper()
            ctx.number_line = heading.line(pos)
            prefix = number.group("prefix")
            if prefix:
                ctx.kind = ctx.kind or _kind_named(prefix, ctx.lex)
            return number.end()
        after = _read_item(ctx, heading, pos, patterns)
        if after is None:
            after = _next_item(heading, pos + 1, patterns)
        pos = after


def _number_at(heading: _Heading, pos: int, patterns: _Patterns) -> re.Match[str] | None:
    """The number starting at *pos*: "46/13. Title" where a line starts; inside a line,
    only with its full stop ("58/40. Title") or after a symbol's word ("PRST 15/2")."""
    if heading.starts_line(pos):
        return patterns.number_line.match(heading.text, pos)
    number = patterns.number_within.match(heading.text, pos)
    if number is None or number.group("stop") or number.group("prefix") in _SYMBOL_KINDS:
        return number
    return None


def _next_item(heading: _Heading, pos: int, patterns: _Patterns) -> int:
    """Where the next item starts on the line of *pos*, or else where the next line starts.

    An item starting on this line may run on to the next one ("… Resolution"
    / "adopted by the Human Rights Council"): the search looks a little past
    the line's end, never further.
    """
    line_end = heading.line_end(pos)
    found = patterns.item_start.search(heading.text, pos, line_end + _ITEM_REACH)
    return found.start() if found and found.start() < line_end else line_end


def _read_item(ctx: _Found, heading: _Heading, pos: int, patterns: _Patterns) -> int | None:
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
        return _read_adoption(ctx, heading, adoption, patterns)
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
        if name and _ends_item(heading, name.end(), patterns):
            ctx.header_bodies.append(body)
            return name.end()
    # "President’s statement*" as an item of its own.
    for pattern, kind in lex.document_kinds:
        named = pattern.match(text, pos)
        if named and _ends_item(heading, named.end(), patterns):
            ctx.kind = ctx.kind or kind
            return named.end()
    return None


def _ends_item(heading: _Heading, end: int, patterns: _Patterns) -> bool:
    """Whether a name ending at *end* stands alone: at the end of its line, or before an item.

    "General Assembly Distr.: General" heads a page; "Report of the" /
    "Human Rights Council" is an agenda item's title wrapped.  A footnote
    mark may follow the name ("Statement by the President* PRST 15/2").
    """
    marks = _MARKS.match(heading.text, end)
    after = _skip_spaces(heading.text, marks.end() if marks else end)
    return (
        after >= len(heading.text)
        or heading.starts_line(after)
        or heading.text.startswith("Distr", after)
        or patterns.item_start.match(heading.text, after) is not None
    )


def _read_adoption(
    ctx: _Found, heading: _Heading, adoption: re.Match[str], patterns: _Patterns
) -> int:
    """Read "Resolution adopted by the Human Rights Council on 23 March 2021"; return its end.

    Its first word names the kind ("Decision adopted by …").  The date may
    follow on the next line; "on" with no date after it, or a date that
    cannot be read, is a warning naming the line.
    """
    lex, text = ctx.lex, heading.text
    body = _body_of(adoption.group("body"), lex)
    if body:
        ctx.body = body
    ctx.kind = _kind_named(adoption.group("kind"), lex) or ctx.kind
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
    printed = text[pos : _next_item(heading, pos, patterns) if pos < len(text) else pos].strip()
    if printed:
        ctx.warn("header.unreadable_adoption_date", heading.line(pos), date=_excerpt(printed))
        return pos + len(printed)
    ctx.warn("header.adoption_date_missing", line, heading=_excerpt(adoption.group(0)))
    return pos


def _kind_named(words: str, lex: Lexicon) -> DocumentKind | None:
    """The kind *words* name: "PRST", "DEC", or a lexicon's word ("Decision")."""
    symbol_kind = _SYMBOL_KINDS.get(words.upper())
    if symbol_kind:
        return symbol_kind
    for pattern, kind in lex.document_kinds:
        if pattern.fullmatch(words):
            return kind
    return None


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


_SYMBOL_NUMBER = re.compile(rf"(?:/(?P<kind>DEC|PRST))?/(?P<number>{NUMBER})$")


def _settle_number(
    ctx: _Found, symbol_hints: Sequence[tuple[str, int]], body_start: int
) -> tuple[Body, str]:
    """The body and number, from the number line or else a running header.

    The running header also gives the kind where the heading names none
    ("A/HRC/DEC/46/115").
    """
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

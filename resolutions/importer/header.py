"""Stage 3: read the heading above the authorial line.

Reads ``lines`` and the lexicon; writes ``body``, ``header_session``,
``number``, ``number_line``, ``title``, ``agenda_item``, ``adopted_on``,
``body_start`` and ``first_body_text``.  Lines it does not recognise
(the agenda item's title, the session dates, "Distr.: General") are
skipped: only the markers below carry facts.
"""

from __future__ import annotations

import re

from .context import Context
from .lexicon import Body
from .textutil import join_lines, ordinal_value, parse_date
from .types import ImporterError

_NUMBER_LINE = re.compile(r"^(?P<number>(?:S-)?\d{1,3}/\d{1,4})\s*\.?(?:\s+(?P<title>\S.*))?$")
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


def _without_marks(text: str) -> str:
    return _TRAILING_MARKS.sub("", text)


def read_header(ctx: Context) -> None:
    """Reads ``lines``; writes the heading fields and ``body_start``."""
    lex = ctx.lex
    lines = ctx.lines
    title_parts: list[str] = []
    in_title = False
    authorial_at: int | None = None
    header_bodies: list[Body] = []

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
            body = _body_of(authorial.group("body"), ctx)
            if body:
                ctx.body = ctx.body or body
            rest = authorial.group("rest").strip()
            ctx.first_body_text = rest or None
            break
        number = _NUMBER_LINE.match(text)
        if number and ctx.number is None:
            ctx.number = number.group("number")
            ctx.number_line = lines[i].number
            title_parts = [_without_marks(number.group("title") or "")]
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
        authorial_at = _guess_body_start(ctx)
        if ctx.number is not None and len(title_parts) > 1:
            title_parts = title_parts[:1]
        ctx.warn(
            "no authorial line such as “The Human Rights Council,” was found; the "
            "resolution text was taken to start after the title",
            lines[authorial_at].number if authorial_at < len(lines) else None,
        )
        ctx.body_start = authorial_at
    else:
        ctx.body_start = authorial_at + 1

    ctx.title = join_lines(part for part in title_parts if part)
    if ctx.body is None and header_bodies:
        # "General Assembly" also heads the masthead of Council documents,
        # so the Council wins when both are printed.
        ctx.body = "HRC" if "HRC" in header_bodies else "GA"
    _settle_number(ctx)


def _read_agenda_item(ctx: Context, agenda: re.Match[str], line: int) -> None:
    """Keep the agenda item number(s) of a heading such as "Agenda item 3: Promotion…"."""
    item = agenda.group("item")
    if item is None:
        ctx.warn(
            f"no agenda item number was found in “{agenda.group(0)}”; the agenda item was "
            "left empty",
            line,
        )
        return
    item = " ".join(item.split())
    if len(item) > MAX_AGENDA_ITEM_CHARS:
        ends = [
            m.end() for m in _AGENDA_ITEM_PART.finditer(item) if m.end() <= MAX_AGENDA_ITEM_CHARS
        ]
        kept = item[: ends[-1]] if ends else item[:MAX_AGENDA_ITEM_CHARS]
        ctx.warn(
            f"the agenda items “{item}” do not fit in {MAX_AGENDA_ITEM_CHARS} characters; "
            f"only “{kept}” was kept",
            line,
        )
        item = kept
    ctx.agenda_item = item


def _read_header_line(ctx: Context, i: int, text: str, header_bodies: list[Body]) -> int:
    """Read one heading line; return how many lines it used.

    *text* is line *i*, or what follows the agenda item printed on it.
    """
    lex = ctx.lex
    adoption = lex.adoption.match(_without_marks(text))
    if adoption:
        body = _body_of(adoption.group("body"), ctx)
        if body:
            ctx.body = body
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
                ctx.warn(f"the adoption date “{date_text}” could not be read", ctx.lines[i].number)
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
    return 1


def _body_of(name: str, ctx: Context) -> Body | None:
    for pattern, body in ctx.lex.bodies:
        if pattern.search(name):
            return body
    return None


def _guess_body_start(ctx: Context) -> int:
    """Where the text starts when the authorial line is missing."""
    if ctx.number_line is not None:
        for i, line in enumerate(ctx.lines):
            if line.number == ctx.number_line:
                return i + 1
    return 0


def _settle_number(ctx: Context) -> None:
    """Fix number, session and symbol from the number line or a running header."""
    hinted = ctx.symbol_hints[0] if ctx.symbol_hints else None
    if ctx.number is None:
        if hinted is None:
            first = ctx.lines[ctx.body_start - 1].number if ctx.body_start else None
            raise ImporterError(
                "no resolution number was found: expected a line such as “46/13. Title” "
                "above the authorial line",
                line=first,
            )
        symbol, line = hinted
        match = re.search(r"((?:S-)?\d{1,3}/\d{1,4})$", symbol)
        if match is None:  # pragma: no cover - the hint pattern guarantees a number
            raise ImporterError(f"the symbol {symbol} has no resolution number", line=line)
        ctx.number = match.group(1)
        ctx.warn(f"no “{ctx.number}. Title” line was found; the number comes from {symbol}", line)
        if ctx.body is None:
            ctx.body = "HRC" if "/HRC/" in symbol else "GA"
    if ctx.body is None:
        if hinted is not None:
            ctx.body = "HRC" if "/HRC/" in hinted[0] else "GA"
        else:
            ctx.body = "HRC"
            ctx.warn("the adopting body was not named; Human Rights Council assumed")
    if hinted is not None and hinted[0] != symbol_of(ctx):
        ctx.warn(
            f"the running header says {hinted[0]} but the text is resolution {symbol_of(ctx)}",
            hinted[1],
        )
    session_part = ctx.number.split("/")[0]
    session = int(session_part.removeprefix("S-"))
    if (
        ctx.header_session is not None
        and ctx.header_session != session
        and not (session_part.startswith("S-"))
    ):
        ctx.warn(
            f"the heading names session {ctx.header_session} but the resolution number is "
            f"{ctx.number}",
            ctx.number_line,
        )
    if not ctx.title:
        ctx.warn("the resolution has no title after its number", ctx.number_line)


def symbol_of(ctx: Context) -> str:
    """The document symbol: A/HRC/RES/46/13 for the Council, A/RES/80/6 for the Assembly."""
    prefix = "A/HRC/RES/" if ctx.body == "HRC" else "A/RES/"
    return f"{prefix}{ctx.number}"

"""The importer's stages, called in order by ``run``.

Each stage is a function of what the earlier stages found, returning a
frozen result (see each module); those that may warn carry their warnings
in the result, and ``run`` gathers them in stage order.  A stage raises
``ImporterError`` only for a text that cannot be read: any other exception
is a bug in the importer and propagates as it is.
"""

from __future__ import annotations

from .footer import read_footer
from .header import read_header
from .language import detect_language
from .mandates import read_mandate_reading
from .normalize import normalize
from .paragraphs import body_lines, read_paragraphs
from .problems import refuse
from .recurrence import expand_recurrences
from .statement import unquote
from .types import Language, ParsedResolution
from .vote import read_vote

# A resolution runs to some 10,000–100,000 characters; a paste of more than
# a million is not one resolution, and is refused before any work is done.
MAX_TEXT_CHARS = 1_000_000


def run(text: object, language: Language | None = None) -> ParsedResolution:
    """Run every stage over *text* and assemble the result.

    *text* is typed ``object`` because callers outside the type checker
    (forms, scripts) may hand over bytes or ``None``: bytes are decoded as
    UTF-8, and anything else but a string is refused (``text.not_text``).
    Raises ``ImporterError`` for a text that cannot be read.
    """
    if isinstance(text, bytes | bytearray):
        data = bytes(text)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise refuse("text.not_utf8", data[: error.start].count(b"\n") + 1) from None
    if not isinstance(text, str):
        raise refuse("text.not_text", type=type(text).__name__)
    if len(text) > MAX_TEXT_CHARS:
        raise refuse("text.too_long", length=len(text), limit=MAX_TEXT_CHARS)

    normalized = normalize(text)
    detected = detect_language(normalized.lines, language)
    lex = detected.lexicon
    header = read_header(normalized.lines, normalized.symbol_hints, lex)
    footer = read_footer(normalized.lines, header.body_start, lex, header.kind)
    body = body_lines(
        normalized.lines,
        header.body_start,
        footer.body_end,
        header.first_body_text,
        footer.body_tail,
    )
    unquoted = unquote(body, header.kind, header.quoted)
    paragraphs = read_paragraphs(unquoted.body, normalized.layout, lex)
    vote = read_vote(footer.vote_text, footer.vote_line, lex, footer.vote_lines)
    mandates = read_mandate_reading(
        paragraphs.operative,
        header.session,
        header.body,
        lex,
        special=header.number.startswith("S-"),
    )
    recurrences = expand_recurrences(
        mandates.mandates,
        paragraphs.operative,
        header.session,
        header.body,
        lex,
        special=header.number.startswith("S-"),
    )

    return ParsedResolution(
        symbol=header.symbol,
        kind=header.kind,
        body=header.body,
        session=header.session,
        number=header.number,
        title=header.title,
        language=detected.language,
        adopted_on=header.adopted_on,
        agenda_item=header.agenda_item,
        # A statement names its meeting in its introduction, not in a footer.
        meeting=footer.meeting if footer.meeting is not None else header.meeting,
        preambular_paragraphs=list(paragraphs.preambular),
        operative_paragraphs=list(paragraphs.operative),
        vote=vote.vote,
        mandates=list(recurrences.mandates),
        warnings=[
            *detected.warnings,
            *header.warnings,
            *footer.warnings,
            *unquoted.warnings,
            *paragraphs.warnings,
            *vote.warnings,
            *mandates.warnings,
        ],
        footnotes=list(normalized.footnotes),
        annexes=list(footer.annexes),
    )

"""The importer as a list of small stages sharing one ``Context``.

Each stage is a function ``stage(ctx) -> None`` whose docstring says what
it reads and writes.  A stage reports unreadable input by raising
``ImporterError`` with the line; anything else escaping a stage is a bug,
turned into an ``ImporterError`` naming the stage so that callers only
ever have one exception to handle.
"""

from __future__ import annotations

from collections.abc import Callable

from .context import Context
from .footer import read_footer
from .header import read_header, symbol_of
from .language import detect_language
from .mandates import read_mandates
from .normalize import normalize
from .paragraphs import read_paragraphs
from .types import ImporterError, Language, ParsedResolution
from .vote import read_vote

Stage = Callable[[Context], None]

# A resolution runs to some 10,000–100,000 characters; a paste of more than
# a million is not one resolution, and is refused before any work is done.
MAX_TEXT_CHARS = 1_000_000

STAGES: tuple[Stage, ...] = (
    normalize,
    detect_language,
    read_header,
    read_footer,
    read_paragraphs,
    read_vote,
    read_mandates,
)


def run(text: object, language: Language | None = None) -> ParsedResolution:
    """Run every stage over *text* and assemble the result.

    *text* is typed ``object`` because callers outside the type checker
    (forms, scripts) may hand over bytes or ``None``: those get an
    ``ImporterError`` too.
    """
    if isinstance(text, bytes | bytearray):
        data = bytes(text)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise ImporterError("this is not UTF-8 text", line=line) from None
    if not isinstance(text, str):
        raise ImporterError(f"expected the text of a resolution, got {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise ImporterError(
            f"the text is too long for one resolution ({len(text):,} characters; "
            f"at most {MAX_TEXT_CHARS:,})"
        )
    ctx = Context(raw=text, language_override=language)
    for stage in STAGES:
        try:
            stage(ctx)
        except ImporterError:
            raise
        except Exception as error:
            raise ImporterError(
                f"the importer failed in its “{stage.__name__}” stage ({error!r}); "
                "please report this text to the developers"
            ) from error
    return assemble(ctx)


def assemble(ctx: Context) -> ParsedResolution:
    """Build the ``ParsedResolution`` from what the stages found."""
    assert ctx.number is not None and ctx.body is not None
    session = int(ctx.number.split("/")[0].removeprefix("S-"))
    return ParsedResolution(
        symbol=symbol_of(ctx),
        body=ctx.body,
        session=session,
        number=ctx.number,
        title=ctx.title,
        language=ctx.language,
        adopted_on=ctx.adopted_on,
        agenda_item=ctx.agenda_item,
        meeting=ctx.meeting,
        preambular_paragraphs=ctx.preambular,
        operative_paragraphs=ctx.operative,
        vote=ctx.vote,
        mandates=ctx.mandates,
        warnings=ctx.warnings,
        footnotes=ctx.footnotes,
        annexes=ctx.annexes,
    )

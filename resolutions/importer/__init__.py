"""Read a pasted resolution, decision or President's statement (English or French) into plain data.

    parse(text, language=None) -> ParsedResolution

raises only ``ImporterError``, for a text that cannot be read (its
``problem`` says why and names the line); any other exception is a bug.
What staff should check is in ``ParsedResolution.warnings``, as
``Problem`` values (``problems.py``: a code, a line and params; English
messages in ``problems.MESSAGES``).  ``pipeline.run`` calls the stages in
order, each a function of what the earlier ones returned:

1. ``normalize(raw) -> Normalized``                 lines, layout, running symbols, footnotes
2. ``detect_language(lines, override) -> Detected`` English or French (or ``language``)
3. ``read_header(lines, symbol_hints, lex) -> Header``  body, session, number, title, …
4. ``read_footer(lines, body_start, lex, kind) -> Footer``  meeting, record of adoption, annexes
   ``unquote(body, kind, quoted) -> Unquoted``          a statement's quotation marks taken off
5. ``read_paragraphs(body, layout, lex) -> Paragraphs`` preambular and operative paragraphs
6. ``read_vote(vote_text, vote_line, lex, vote_lines) -> VoteReading``  no vote, or totals and lists
7. ``read_mandate_reading(operative, session, body, lex, special) -> MandateReading``  follow-ups

Language words live in ``lexicon/en.py`` and ``lexicon/fr.py``; the result
types are in ``types``.  Nothing here touches Django or the database.
"""

from __future__ import annotations

from .pipeline import run
from .problems import ImporterError, Problem
from .types import Language, ParsedResolution

__all__ = ["ImporterError", "ParsedResolution", "Problem", "parse"]


def parse(text: str, *, language: Language | None = None) -> ParsedResolution:
    """Parse one resolution; *language* ("en"/"fr") overrides detection.

    Raises ``ImporterError`` when the text cannot be read as a resolution.
    """
    return run(text, language)

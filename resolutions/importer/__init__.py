"""Read a pasted resolution text (English or French) into plain data.

    parse(text, language=None) -> ParsedResolution

raises only ``ImporterError`` (with the line where the problem was found).
The work is done by the stages listed in ``pipeline.STAGES``, in order:

1. ``normalize``       odd spaces, page furniture, footnotes; the pasted layout
2. ``detect_language`` English or French (or the ``language`` given)
3. ``read_header``     body, session, agenda item, adoption date, number, title
4. ``read_footer``     meeting, the record of adoption, annexes; where the text ends
5. ``read_paragraphs`` preambular and operative paragraphs, lettered sub-paragraphs
6. ``read_vote``       without a vote, or the totals and the three State lists
7. ``read_mandates``   one proposed mandate per deliverable, with its target session

Language words live in ``lexicon/en.py`` and ``lexicon/fr.py``; the result
types are in ``types``.  Nothing here touches Django or the database.
"""

from __future__ import annotations

from .pipeline import run
from .types import ImporterError, Language, ParsedResolution

__all__ = ["ImporterError", "ParsedResolution", "parse"]


def parse(text: str, *, language: Language | None = None) -> ParsedResolution:
    """Parse one resolution; *language* ("en"/"fr") overrides detection."""
    return run(text, language)

"""Read a pasted resolution text (English or French) into plain data.

    parse(text, language=None) -> ParsedResolution

raises only ``ImporterError`` (with the line where the problem was found).
The work is done by the stages listed in ``pipeline.STAGES``; the result
types are in ``types``.  Nothing here touches Django or the database.
"""

from __future__ import annotations

from .pipeline import run
from .types import ImporterError, Language, ParsedResolution

__all__ = ["ImporterError", "ParsedResolution", "parse"]


def parse(text: str, *, language: Language | None = None) -> ParsedResolution:
    """Parse one resolution; *language* ("en"/"fr") overrides detection."""
    return run(text, language)

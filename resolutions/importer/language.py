"""Stage 2: decide whether the text is English or French.

Reads ``lines`` and ``language_override``; writes ``language`` and
``lexicon``.  Counts each lexicon's frequent words: resolutions are long
enough that the majority is never close unless two languages were mixed,
which earns a warning.
"""

from __future__ import annotations

import re

from .context import Context
from .lexicon import LEXICONS
from .types import ImporterError, Language

_WORD = re.compile(r"[a-zà-ÿ]+")
_SAMPLE_CHARS = 20_000  # plenty to decide, and keeps huge pastes fast


def detect_language(ctx: Context) -> None:
    """Reads ``lines``, ``language_override``; writes ``language``, ``lexicon``."""
    if ctx.language_override is not None:
        if ctx.language_override not in LEXICONS:
            raise ImporterError(
                f"unknown language {ctx.language_override!r}; expected one of "
                + ", ".join(sorted(LEXICONS))
            )
        ctx.language = ctx.language_override
        ctx.lexicon = LEXICONS[ctx.language]
        return
    sample = " ".join(line.text for line in ctx.lines)[:_SAMPLE_CHARS].lower()
    words = _WORD.findall(sample)
    scores: dict[Language, int] = {
        language: sum(1 for word in words if word in lexicon.stopwords)
        for language, lexicon in LEXICONS.items()
    }
    ranked = sorted(scores, key=lambda language: scores[language], reverse=True)
    best, runner_up = ranked[0], ranked[1]
    if scores[best] == 0:
        raise ImporterError(
            "the text is neither English nor French: none of the usual words of a "
            "resolution were found",
            line=ctx.lines[0].number if ctx.lines else None,
        )
    if scores[runner_up] > scores[best] * 0.5:
        ctx.warn(
            f"the text mixes languages ({scores[best]} {best} and {scores[runner_up]} "
            f"{runner_up} common words); it was read as {best}"
        )
    ctx.language = best
    ctx.lexicon = LEXICONS[best]

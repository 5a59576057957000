"""Stage 2: decide whether the text is English or French.

``detect_language(lines, override) -> Detected``: the lexicon to read the
text with, and a warning when the text mixes languages.  Counts each
lexicon's frequent words: resolutions are long enough that the majority
is never close unless two languages were mixed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import LEXICONS, Lexicon
from .normalize import Line
from .problems import Problem, refuse
from .types import Language

_WORD = re.compile(r"[a-zà-ÿ]+")
_SAMPLE_CHARS = 20_000  # plenty to decide, and keeps huge pastes fast


@dataclass(frozen=True)
class Detected:
    """The language a text is read in, its lexicon, and what staff should check."""

    lexicon: Lexicon
    warnings: tuple[Problem, ...] = ()

    @property
    def language(self) -> Language:
        return self.lexicon.language


def detect_language(lines: Sequence[Line], override: Language | None = None) -> Detected:
    """The language of *lines*, or *override* ("en"/"fr") when given.

    Raises ``ImporterError`` for an override no lexicon has
    (``language.unknown``) and for a text with none of either language's
    frequent words (``language.not_recognised``); a text mixing the two is
    read in the majority's language with the warning ``language.mixed``.
    """
    if override is not None:
        if override not in LEXICONS:
            raise refuse(
                "language.unknown", language=str(override), expected=", ".join(sorted(LEXICONS))
            )
        return Detected(LEXICONS[override])
    sample = " ".join(line.text for line in lines)[:_SAMPLE_CHARS].lower()
    words = _WORD.findall(sample)
    scores: dict[Language, int] = {
        language: sum(1 for word in words if word in lexicon.stopwords)
        for language, lexicon in LEXICONS.items()
    }
    ranked = sorted(scores, key=lambda language: scores[language], reverse=True)
    best, runner_up = ranked[0], ranked[1]
    if scores[best] == 0:
        raise refuse("language.not_recognised", lines[0].number if lines else None)
    warnings: tuple[Problem, ...] = ()
    if scores[runner_up] > scores[best] * 0.5:
        warnings = (
            Problem(
                "language.mixed",
                params={
                    "count": scores[best],
                    "language": best,
                    "other_count": scores[runner_up],
                    "other": runner_up,
                },
            ),
        )
    return Detected(LEXICONS[best], warnings)

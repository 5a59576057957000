"""Small text helpers shared by the stages."""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Iterable, Iterator

from .lexicon import Lexicon
from .lexicon.ordinals import normalize_ordinal

_WORD_SPLIT = re.compile(r"[\s\-‐‑–]+")
_LETTER_HYPHEN_END = re.compile(r"[A-Za-zÀ-ÿ]-$")
_WORDS = re.compile(r"[^\W\d_]+")


# Where each joined line starts: (offset in the joined text, its line number)
# pairs, in order, so that a position in the joined text can name its line.
LineStarts = tuple[tuple[int, int], ...]


def join_lines(pieces: Iterable[str]) -> str:
    """Join wrapped lines into one.

    A line that ends with a hyphen after a letter was cut at a compound
    word's hyphen ("capacity-" / "building"), so it is joined without a
    space and the hyphen kept.  Only the end of what is joined so far is
    looked at, so a paragraph of thousands of lines joins in linear time.
    """
    return join_lines_with_starts(pieces)[0]


def join_lines_with_starts(pieces: Iterable[str]) -> tuple[str, tuple[int, ...]]:
    """``join_lines`` of *pieces*, and the offset where each piece starts in it.

    An empty piece adds nothing; its offset is the end of what was joined before it.
    """
    parts: list[str] = []
    starts: list[int] = []
    length = 0  # of what is joined so far
    tail = ""  # the last two characters joined so far
    for piece in pieces:
        if not piece:
            starts.append(length)
            continue
        if parts and not (_LETTER_HYPHEN_END.search(tail) and piece[:1].isalpha()):
            parts.append(" ")
            tail += " "
            length += 1
        starts.append(length)
        parts.append(piece)
        length += len(piece)
        tail = (tail + piece)[-2:]
    return "".join(parts), tuple(starts)


def line_at(starts: LineStarts, offset: int) -> int | None:
    """The number of the line holding *offset* of a joined text (``None`` without *starts*)."""
    index = bisect.bisect_right(starts, offset, key=_offset) - 1
    return starts[max(index, 0)][1] if starts else None


def _offset(start: tuple[int, int]) -> int:
    return start[0]


def parse_date(text: str, lex: Lexicon) -> datetime.date | None:
    """The first date written out in *text* ("23 March 2021", "1er avril 2022")."""
    match = lex.date.search(text)
    if not match:
        return None
    # The day may carry an ordinal suffix ("1er avril"): keep its digits.
    day = int("".join(char for char in match.group("day") if char.isdigit()))
    month = lex.months[match.group("month").lower()]
    try:
        return datetime.date(int(match.group("year")), month, day)
    except ValueError:
        return None


def ordinal_value(phrase: str, lex: Lexicon) -> int | None:
    """The number of an ordinal phrase ("forty-ninth", "49th", "soixante et unième")."""
    numeric = lex.numeric_ordinal.fullmatch(phrase.strip())
    if numeric:
        return int(numeric.group(1))
    return lex.ordinals.get(normalize_ordinal(phrase))


def ordinals_in(phrase: str, lex: Lexicon) -> list[int]:
    """Every ordinal in a phrase such as "fifty-fourth and fifty-seventh".

    Reads left to right, always taking the longest run of words that is a
    known ordinal, so "one hundred and first" stays one number while
    "forty-ninth and fiftieth" gives two, and "soixante et unième" one.
    """
    words = [w for w in _WORD_SPLIT.split(phrase.replace(",", " ")) if w]
    values: list[int] = []
    i = 0
    while i < len(words):
        numeric = lex.numeric_ordinal.fullmatch(words[i])
        if numeric:
            values.append(int(numeric.group(1)))
            i += 1
            continue
        for j in range(min(len(words), i + 6), i, -1):
            value = lex.ordinals.get(" ".join(words[i:j]).lower())
            if value is not None:
                values.append(value)
                i = j
                break
        else:
            i += 1
    return values


_ROMAN = (
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def to_roman(n: int) -> str:
    """Lower-case Roman numeral for 1–39, as used for nested sub-paragraphs."""
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


ROMAN_VALUES = {to_roman(n): n for n in range(1, 40)}


def first_words(text: str, count: int) -> Iterator[str]:
    """The first *count* words of *text*, apostrophes splitting ("S’inquiétant" -> "S")."""
    for i, match in enumerate(_WORDS.finditer(text)):
        if i >= count:
            return
        yield match.group(0)

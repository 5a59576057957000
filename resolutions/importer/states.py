"""The table of States and the splitter of printed vote lists.

A recorded vote prints its States as one comma-separated list with "and" / "et"
before the last name, and several State names themselves contain "and" / "et"
("Trinidad and Tobago", "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord").
Splitting on the conjunction alone would cut those names in two, so the splitter
reads the list against the table of known names: at each position it takes the
longest known name that ends where a separator (or the text) begins, and only
for a name the table does not know does it fall back to the text up to the
next separator.

The table (``data/states.json``) holds the 193 Member States and the two
observer States, with their ISO 3166-1 alpha-3 code, the short names the UN
prints in English and French, and former names and misprints met in real
resolutions. It is read once, at import.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "PrintedName",
    "StateRecord",
    "all_states",
    "find_state_names",
    "resolve_state",
    "split_state_list",
]

_DATA_FILE = Path(__file__).parent / "data" / "states.json"


@dataclass(frozen=True)
class StateRecord:
    code: str  # ISO 3166-1 alpha-3: stable across renamings ("MKD", "TUR", "CZE")
    name_en: str  # UN short name as printed in English documents
    name_fr: str  # UN short name as printed in French documents


# --- Normalization -------------------------------------------------------------
#
# Printed names and table names are compared through a "key": lower case,
# accents removed, typographic apostrophes and hyphens made plain. The key has
# exactly one character per character of the (whitespace-normalized) text, so a
# match found in the key is also the slice of the printed text: the splitter can
# return names as printed without keeping a position map.

_APOSTROPHES = "\u2019\u2018\u02bc\u02bb\u0060\u00b4\u2032"
_HYPHENS = "\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d"
# Invisible characters a PDF copy leaves inside words (soft hyphens, zero-width
# spaces and joiners, direction marks, byte order marks); they are not "printed".
_INVISIBLE_CHARS = "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_SPACES = re.compile(r"\s+")  # str patterns: NBSP, narrow NBSP, tabs, newlines…
# What _clean makes one space (a run holding whitespace) or removes (only invisibles).
_GAP = re.compile(f"[\\s{_INVISIBLE_CHARS}]+")


def _fold_char(char: str) -> str:
    if char in _APOSTROPHES:
        return "'"
    if char in _HYPHENS:
        return "-"
    if char.isspace():
        return " "
    base = "".join(
        c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
    ).lower()
    if len(base) == 1:
        return base
    # Keep the key aligned with the text when folding would change the length
    # (ligatures, "İ"): such characters never occur in State names anyway.
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table filled lazily, so each character is folded once."""

    def __missing__(self, codepoint: int) -> str:
        folded = _fold_char(chr(codepoint))
        self[codepoint] = folded
        return folded


_FOLD = _FoldTable()


def _clean(text: str) -> str:
    """The text as printed, with invisible characters gone and whitespace normalized."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def _cleaned_with_origins(text: str) -> tuple[str, list[int], list[int]]:
    """``_clean(text)`` before its final strip, and where its characters come from.

    Returns the cleaned text and two lists of anchors: the character at
    ``cleaned[c]`` other than a space put for whitespace is ``text[o + c - cs]``
    for the last anchor ``(cs, o)`` with ``cs <= c``.
    """
    parts: list[str] = []
    cleaned_at = [0]
    origin_at = [0]
    length = 0
    copied = 0  # where in *text* copying resumes
    for gap in _GAP.finditer(text):
        start, end = gap.span()
        parts.append(text[copied:start])
        length += start - copied
        if _SPACES.search(gap.group()):
            parts.append(" ")
            length += 1
        cleaned_at.append(length)
        origin_at.append(end)
        copied = end
    parts.append(text[copied:])
    return "".join(parts), cleaned_at, origin_at


def _key(name: str) -> str:
    key = _clean(name).rstrip(" .]").translate(_FOLD)
    # Older resolutions print "the former Yugoslav Republic of Macedonia" and
    # some texts "the Gambia": the article is not part of the name.
    return key.removeprefix("the ")


# --- The table -----------------------------------------------------------------


def _load(path: Path) -> tuple[tuple[StateRecord, ...], dict[str, StateRecord]]:
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    records: list[StateRecord] = []
    index: dict[str, StateRecord] = {}
    for row in document["states"]:
        record = StateRecord(code=row["code"], name_en=row["name_en"], name_fr=row["name_fr"])
        records.append(record)
        names: list[str] = [record.name_en, record.name_fr]
        for field in ("aliases_en", "aliases_fr", "misprints"):
            names.extend(row.get(field, ()))
        for name in names:
            # First come wins; the tests check that no two States share a key.
            index.setdefault(_key(name), record)
    return tuple(records), index


_RECORDS, _INDEX = _load(_DATA_FILE)
# A candidate name longer than the longest known one cannot match: bounds the
# search at each position ("the " is extra).
_MAX_KEY_LENGTH = max(map(len, _INDEX)) + len("the ")


# --- Splitting -------------------------------------------------------------------

_CONJUNCTIONS = {"en": ("and",), "fr": ("et",)}


def _separator_pattern(conjunctions: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(conjunctions)
    # "," or ";" with an optional conjunction after it (the Oxford comma,
    # ", and Ukraine"), or the conjunction alone between spaces. A space before
    # the comma is taken in by the caller: a pattern opening with an optional
    # character would be tried at every position of the text.
    return re.compile(rf"[,;] ?(?:(?:{words}) )?| (?:{words}) ")


_SEPARATORS = {language: _separator_pattern(words) for language, words in _CONJUNCTIONS.items()}
# For a language the caller did not foresee, either conjunction is accepted.
_ANY_SEPARATOR = _separator_pattern(("and", "et"))
_PARENTHESES = re.compile(r"\([^()]*\)")


def _separators(key: str, language: str) -> dict[int, int]:
    """Start → end of every separator in the key, except those inside parentheses."""
    pattern = _SEPARATORS.get(language[:2].lower(), _ANY_SEPARATOR)
    found: dict[int, int] = {}
    for match in pattern.finditer(key):
        start = match.start()
        found[start - 1 if start and key[start - 1] == " " else start] = match.end()
    if found and "(" in key:
        # A comma or "and" inside "(…)" belongs to the name: "Foo (Bar, Baz)".
        # Only the separators inside each group are visited, so that a long
        # list with many parentheses is split in time linear in its length.
        starts = sorted(found)
        for group in _PARENTHESES.finditer(key):
            first = bisect.bisect_right(starts, group.start())
            last = bisect.bisect_left(starts, group.end(), lo=first)
            for start in starts[first:last]:
                found.pop(start, None)
    return found


@dataclass(frozen=True)
class PrintedName:
    """One name of a printed list of States, as ``find_state_names`` reads it."""

    name: str  # as printed, whitespace normalized, a trailing "." or "]" removed
    start: int  # where it starts in the text that was split
    known: bool  # the table knows it (``resolve_state`` finds it)


def split_state_list(text: str, language: str) -> tuple[list[str], list[str]]:
    """Split a printed list of States into names.

    ``text`` is the whole list on one line (the caller joins wrapped lines with a
    space); ``language`` is "en" or "fr" and chooses the conjunction ("and" /
    "et"). Returns the names as printed, in order, whitespace normalized and a
    trailing "." or "]" removed, and the subset of them the table does not know.
    Never raises: whatever the input, the worst outcome is names reported unknown.
    """
    found = find_state_names(text, language)
    return [name.name for name in found], [name.name for name in found if not name.known]


def find_state_names(text: str, language: str) -> tuple[PrintedName, ...]:
    """The names of a printed list of States, each with where it starts in *text*.

    Splits as ``split_state_list`` does; ``start`` is the index in *text*
    itself (before whitespace is normalized), so that a caller can tell the
    line a name is printed on.
    """
    cleaned, cleaned_at, origin_at = _cleaned_with_origins(text)
    left = cleaned.lstrip().lstrip(" .];").lstrip("[ ")
    offset = len(cleaned) - len(left)  # where *printed* starts in *cleaned*
    printed = cleaned.strip().strip(" .];").lstrip("[ ")
    key = printed.translate(_FOLD)
    separators = _separators(key, language)
    starts = sorted(separators)
    names: list[PrintedName] = []
    position = 0
    while position < len(key):
        if position in separators:  # an empty item: ", ," or a leading ", and"
            position = separators[position]
            continue
        if key[position] in " ,;":  # what is left of overlapping separators
            position += 1
            continue
        first = bisect.bisect_right(starts, position)
        limit = bisect.bisect_right(starts, position + _MAX_KEY_LENGTH, lo=first)
        # Where a known name can end: each later separator within reach, then
        # the end of the text.
        ends = starts[first:limit]
        if len(key) <= position + _MAX_KEY_LENGTH:
            ends.append(len(key))
        # An unknown name runs to the next separator.
        chosen = starts[first] if first < len(starts) else len(key)
        known = False
        name_start = position + 4 if key.startswith("the ", position) else position
        for end in reversed(ends):  # longest first
            if key[name_start:end] in _INDEX:
                chosen, known = end, True
                break
        name = printed[position:chosen].strip().rstrip(" .]")
        if name:
            # A second look for what the fast path cannot see ("Ukraine." in
            # the middle of a list): only unknown names pay for it.
            known = known or _key(name) in _INDEX
            # *position* is never a space, so the name starts there.
            at = offset + position
            anchor = bisect.bisect_right(cleaned_at, at) - 1
            origin = origin_at[anchor] + at - cleaned_at[anchor]
            names.append(PrintedName(name, origin, known))
        position = separators.get(chosen, len(key))
    return tuple(names)


# --- Look-ups --------------------------------------------------------------------


def resolve_state(name: str) -> StateRecord | None:
    """The State a printed name stands for, or None.

    Accepts the English or French short name, a former name or a known misprint;
    ignores case, accents, typographic vs straight apostrophes, surrounding
    whitespace and a leading "the".
    """
    return _INDEX.get(_key(name))


def all_states() -> tuple[StateRecord, ...]:
    """Every State of the table (Member States, then observer States)."""
    return _RECORDS

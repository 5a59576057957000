"""Ordinal number words, generated rather than listed.

Session numbers are printed as words ("forty-ninth session", "soixante et
unième session"); generating every form from the cardinal rules of each
language keeps the table complete for 1–199 without a hand-typed list that
could hold a typo.  Keys are normalised with :func:`normalize_ordinal`, so
hyphenation variants ("soixante-et-unième", "forty ninth") all match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_SEPARATORS = re.compile(r"[\s\-‐‑–]+")


def normalize_ordinal(words: str) -> str:
    """Lower-case and turn hyphens and runs of spaces into one space."""
    return _SEPARATORS.sub(" ", words.strip().lower())


# --- English -----------------------------------------------------------------

_EN_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_UNIT_ORDINALS = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_EN_TENS = {
    20: ("twenty", "twentieth"),
    30: ("thirty", "thirtieth"),
    40: ("forty", "fortieth"),
    50: ("fifty", "fiftieth"),
    60: ("sixty", "sixtieth"),
    70: ("seventy", "seventieth"),
    80: ("eighty", "eightieth"),
    90: ("ninety", "ninetieth"),
}


def _en_below_100(n: int) -> str:
    if n < 20:
        return _EN_UNIT_ORDINALS[n]
    tens, unit = divmod(n, 10)
    name, ordinal = _EN_TENS[tens * 10]
    return ordinal if unit == 0 else f"{name}-{_EN_UNIT_ORDINALS[unit]}"


def english_ordinals(n: int) -> list[str]:
    """Every accepted English spelling of the ordinal *n* (1–199)."""
    if not 1 <= n <= 199:
        raise ValueError(n)
    if n < 100:
        return [_en_below_100(n)]
    if n == 100:
        return ["one hundredth", "hundredth"]
    rest = _en_below_100(n - 100)
    return [f"one hundred and {rest}", f"one hundred {rest}", f"hundred and {rest}"]


# --- French ------------------------------------------------------------------

_FR_UNITS = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "dix-neuf",
]
_FR_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def french_cardinal(n: int) -> str:
    """French cardinal for 1–199 in traditional spelling ("soixante et onze")."""
    if n < 20:
        return _FR_UNITS[n]
    if n < 70:
        tens, unit = divmod(n, 10)
        word = _FR_TENS[tens]
        if unit == 0:
            return word
        return f"{word} et un" if unit == 1 else f"{word}-{_FR_UNITS[unit]}"
    if n < 80:
        unit = n - 60
        return "soixante et onze" if unit == 11 else f"soixante-{_FR_UNITS[unit]}"
    if n < 100:
        unit = n - 80
        # "quatre-vingts" takes its s only when nothing follows it.
        return "quatre-vingts" if unit == 0 else f"quatre-vingt-{_FR_UNITS[unit]}"
    if n == 100:
        return "cent"
    return f"cent {french_cardinal(n - 100)}"


def _fr_ordinal_from_cardinal(cardinal: str) -> str:
    if cardinal.endswith("quatre-vingts"):
        return cardinal[:-1] + "ième"
    if cardinal.endswith("cinq"):
        return cardinal + "uième"
    if cardinal.endswith("neuf"):
        return cardinal[:-1] + "vième"
    if cardinal.endswith("e"):
        return cardinal[:-1] + "ième"
    return cardinal + "ième"


def french_ordinals(n: int) -> list[str]:
    """Every accepted French spelling of the ordinal *n* (1–199)."""
    if not 1 <= n <= 199:
        raise ValueError(n)
    if n == 1:
        return ["premier", "première", "unième"]
    forms = [_fr_ordinal_from_cardinal(french_cardinal(n))]
    if n == 2:
        forms += ["second", "seconde"]
    # The 1990 spelling reform hyphenates everything ("soixante-et-unième");
    # normalisation makes that form equal to the traditional one, and a
    # missing "et" ("soixante-unième") is a common slip worth accepting.
    if " et un" in french_cardinal(n) or "et onze" in french_cardinal(n):
        forms.append(forms[0].replace(" et ", " "))
    return forms


def build_table(generator: Callable[[int], list[str]]) -> dict[str, int]:
    """Map each normalised spelling produced by *generator* to its number."""
    table: dict[str, int] = {}
    for n in range(1, 200):
        for form in generator(n):
            table.setdefault(normalize_ordinal(form), n)
    return table


_Tree = dict[str, "_Tree"]  # next letter -> the words going on with it; "" ends a word


def word_alternation(words: Iterable[str]) -> str:
    """A regex matching any of *words*, written as a tree of shared prefixes.

    ``fi(?:ft(?:eenth|h|ieth|y)|rst)`` rather than ``fifteenth|fifth|…``: the
    regex engine then tries a few letters at each place in the text instead
    of every word, which makes the session pattern run several times faster.
    Where one word is the start of another ("hundred", "hundredth") the
    longer is tried first, as an alternation sorted longest first would.
    """
    tree: _Tree = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _alternation_of(tree)


def _alternation_of(node: _Tree) -> str:
    branches = [re.escape(char) + _alternation_of(node[char]) for char in sorted(node) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body

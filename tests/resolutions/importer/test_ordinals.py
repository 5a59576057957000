"""Session ordinals 1–199 in English and French, against a generator written here.

The test builds its ordinals a different way from the importer (English
from cardinal words with suffix rules, French from the cardinal with the
"-ième" rule), so a slip in either shows up as a disagreement.
"""

from __future__ import annotations

import pytest

from resolutions.importer.lexicon import LEXICONS
from resolutions.importer.textutil import ordinal_value, ordinals_in

EN_SMALL = [
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
EN_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
EN_IRREGULAR = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def en_cardinal(n: int) -> str:
    if n >= 100:
        return "one hundred" + (f" and {en_cardinal(n - 100)}" if n > 100 else "")
    if n < 20:
        return EN_SMALL[n]
    tens, unit = divmod(n, 10)
    return EN_TENS[tens] + (f"-{EN_SMALL[unit]}" if unit else "")


def en_ordinal(n: int) -> str:
    cardinal = en_cardinal(n)
    head, sep, last = (
        cardinal.rpartition("-") if "-" in cardinal.split()[-1] else (cardinal.rpartition(" "))
    )
    if last in EN_IRREGULAR:
        last = EN_IRREGULAR[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head}{sep}{last}"


FR_SMALL = [
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
]


def fr_cardinal(n: int) -> str:
    if n >= 100:
        return "cent" + (f" {fr_cardinal(n - 100)}" if n > 100 else "")
    if n <= 16:
        return FR_SMALL[n]
    if n < 20:
        return f"dix-{FR_SMALL[n - 10]}"
    if n >= 80:
        rest = n - 80
        return "quatre-vingts" if rest == 0 else f"quatre-vingt-{fr_cardinal(rest)}"
    if n >= 60:
        rest = n - 60
        if rest == 0:
            return "soixante"
        if rest in (1, 11):
            return f"soixante et {fr_cardinal(rest)}"
        return f"soixante-{fr_cardinal(rest)}"
    tens = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante"}[n // 10]
    unit = n % 10
    if unit == 0:
        return tens
    return f"{tens} et un" if unit == 1 else f"{tens}-{FR_SMALL[unit]}"


def fr_ordinal(n: int) -> str:
    if n == 1:
        return "premier"
    word = fr_cardinal(n)
    if word.endswith("quatre-vingts"):
        word = word[:-1]
    if word.endswith("cinq"):
        return word + "uième"
    if word.endswith("neuf"):
        return word[:-1] + "vième"
    if word.endswith("e"):
        word = word[:-1]
    return word + "ième"


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("forty-ninth", 49),
        ("fifty-second", 52),
        ("sixtieth", 60),
        ("sixty-first", 61),
        ("seventy-ninth", 79),
        ("one hundredth", 100),
        ("one hundred and first", 101),
        ("one hundred and ninety-ninth", 199),
        ("Forty-Sixth", 46),
    ],
)
def test_it_reads_english_session_ordinals(words: str, number: int) -> None:
    assert ordinal_value(words, LEXICONS["en"]) == number


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("quarante-neuvième", 49),
        ("cinquante-deuxième", 52),
        ("soixantième", 60),
        ("soixante et unième", 61),
        ("soixante-et-unième", 61),
        ("soixante et onzième", 71),
        ("soixante-dix-huitième", 78),
        ("quatre-vingtième", 80),
        ("quatre-vingt-unième", 81),
        ("quatre-vingt-onzième", 91),
        ("centième", 100),
        ("cent unième", 101),
        ("Quarante-sixième", 46),
        ("premier", 1),
        ("première", 1),
        ("deuxième", 2),
        ("vingt et unième", 21),
    ],
)
def test_it_reads_french_session_ordinals(words: str, number: int) -> None:
    assert ordinal_value(words, LEXICONS["fr"]) == number


def test_every_english_ordinal_from_1_to_199_round_trips() -> None:
    lex = LEXICONS["en"]
    wrong = {n: en_ordinal(n) for n in range(1, 200) if ordinal_value(en_ordinal(n), lex) != n}
    assert wrong == {}


def test_every_french_ordinal_from_1_to_199_round_trips_with_or_without_hyphens() -> None:
    lex = LEXICONS["fr"]
    wrong = {}
    for n in range(1, 200):
        traditional = fr_ordinal(n)
        reformed = traditional.replace(" ", "-")  # 1990 spelling: hyphens everywhere
        spaced = traditional.replace("-", " ")
        for form in (traditional, reformed, spaced):
            if ordinal_value(form, lex) != n:
                wrong[form] = ordinal_value(form, lex)
    assert wrong == {}


@pytest.mark.parametrize("n", range(1, 200))
def test_every_session_number_is_found_in_a_sentence_in_both_languages(n: int) -> None:
    en, fr = LEXICONS["en"], LEXICONS["fr"]
    english = en.session_ref.search(f"to the Council at its {en_ordinal(n)} session;")
    french = fr.session_ref.search(f"de le lui présenter à sa {fr_ordinal(n)} session ;")
    assert english is not None and ordinals_in(english.group("ordinals"), en) == [n]
    assert french is not None and ordinals_in(french.group("ordinals"), fr) == [n]


def test_a_list_of_sessions_gives_each_number() -> None:
    en, fr = LEXICONS["en"], LEXICONS["fr"]
    english = en.session_ref.search("at its fifty-fourth and fifty-seventh sessions")
    french = fr.session_ref.search("à sa soixante et unième et à sa soixante-troisième sessions")
    assert english is not None and ordinals_in(english.group("ordinals"), en) == [54, 57]
    assert french is not None and ordinals_in(french.group("ordinals"), fr) == [61, 63]


def test_an_ordinal_that_is_not_a_session_is_left_alone() -> None:
    en = LEXICONS["en"]
    match = en.session_ref.search("the seventy-fifth anniversary, at its fifty-second session")
    assert match is not None and ordinals_in(match.group("ordinals"), en) == [52]

"""The table of States and the splitting of printed vote lists into State names."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resolutions.importer.states import (
    StateRecord,
    all_states,
    resolve_state,
    split_state_list,
)
from tests.corpus import CORPUS, require_corpus

REPO_ROOT = Path(__file__).resolve().parents[3]
STATES_FILE = REPO_ROOT / "resolutions" / "importer" / "data" / "states.json"

# Resolution 46/13 in French, each list as the caller hands it over: the printed
# lines joined with a space (see resolutions/sample_data/A_HRC_RES_46_13.fr.txt).
FR_46_13_IN_FAVOUR = (
    "Argentine, Bahreïn, Bangladesh, Bolivie (État plurinational de), Brésil, "
    "Burkina Faso, Cameroun, Chine, Côte d’Ivoire, Cuba, Érythrée, Fédération de "
    "Russie, Gabon, Indonésie, Mauritanie, Mexique, Namibie, Népal, Pakistan, "
    "Philippines, Sénégal, Somalie, Soudan, Togo, Uruguay et Venezuela "
    "(République bolivarienne du) "
)
FR_46_13_AGAINST = (
    "Allemagne, Autriche, Bulgarie, Danemark, France, Îles Marshall, Inde, Italie, "
    "Japon, Pays-Bas, Pologne, République de Corée, Royaume-Uni de "
    "Grande-Bretagne et d’Irlande du Nord, Tchéquie et Ukraine "
)
FR_46_13_ABSTAINING = "Arménie, Bahamas, Fidji, Libye, Malawi et Ouzbékistan.] "


def codes(names: list[str]) -> list[str]:
    records = [resolve_state(name) for name in names]
    return [record.code if record else "?" for record in records]


# --- French lists of resolution 46/13 ----------------------------------------------


def test_it_reads_the_26_states_in_favour_of_46_13_in_french() -> None:
    names, unknown = split_state_list(FR_46_13_IN_FAVOUR, "fr")

    assert len(names) == 26
    assert unknown == []
    assert names[3] == "Bolivie (État plurinational de)"
    assert names[8] == "Côte d’Ivoire"
    assert names[11] == "Fédération de Russie"
    assert names[-2:] == ["Uruguay", "Venezuela (République bolivarienne du)"]


def test_it_reads_the_united_kingdom_as_one_state_in_french() -> None:
    names, unknown = split_state_list(FR_46_13_AGAINST, "fr")

    assert len(names) == 15
    assert unknown == []
    assert names[-3:] == [
        "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord",
        "Tchéquie",
        "Ukraine",
    ]
    assert names[5] == "Îles Marshall"


def test_it_strips_the_closing_bracket_and_full_stop_from_the_last_name() -> None:
    names, unknown = split_state_list(FR_46_13_ABSTAINING, "fr")

    assert names == ["Arménie", "Bahamas", "Fidji", "Libye", "Malawi", "Ouzbékistan"]
    assert unknown == []


def test_the_47_french_names_of_46_13_are_47_different_states() -> None:
    lists = (FR_46_13_IN_FAVOUR, FR_46_13_AGAINST, FR_46_13_ABSTAINING)
    all_codes = [code for text in lists for code in codes(split_state_list(text, "fr")[0])]

    assert len(all_codes) == 47
    assert "?" not in all_codes
    assert len(set(all_codes)) == 47


# --- English lists -------------------------------------------------------------------


def test_it_reads_names_with_parentheses_and_and_whole_in_english() -> None:
    text = (
        "Argentina, Bolivia (Plurinational State of), Brazil, Ukraine, United Kingdom of "
        "Great Britain and Northern Ireland and Venezuela (Bolivarian Republic of)"
    )

    names, unknown = split_state_list(text, "en")

    assert names == [
        "Argentina",
        "Bolivia (Plurinational State of)",
        "Brazil",
        "Ukraine",
        "United Kingdom of Great Britain and Northern Ireland",
        "Venezuela (Bolivarian Republic of)",
    ]
    assert unknown == []


def test_it_reads_two_states_joined_by_and_when_both_contain_and() -> None:
    text = "United Kingdom of Great Britain and Northern Ireland and United States of America"

    names, _ = split_state_list(text, "en")

    assert names == [
        "United Kingdom of Great Britain and Northern Ireland",
        "United States of America",
    ]


def test_it_reads_trinidad_and_tobago_last_in_a_list() -> None:
    names, unknown = split_state_list("Sudan, Togo and Trinidad and Tobago", "en")

    assert names == ["Sudan", "Togo", "Trinidad and Tobago"]
    assert unknown == []


def test_it_reads_states_whose_english_names_contain_and() -> None:
    text = (
        "Antigua and Barbuda, Bosnia and Herzegovina, Saint Kitts and Nevis, "
        "Saint Vincent and the Grenadines and Sao Tome and Principe"
    )

    names, unknown = split_state_list(text, "en")

    assert codes(names) == ["ATG", "BIH", "KNA", "VCT", "STP"]
    assert unknown == []


def test_it_reads_states_whose_french_names_contain_et() -> None:
    text = "Antigua-et-Barbuda, Saint-Kitts-et-Nevis, Trinité-et-Tobago et Bosnie-Herzégovine"

    names, unknown = split_state_list(text, "fr")

    assert codes(names) == ["ATG", "KNA", "TTO", "BIH"]
    assert unknown == []


def test_it_takes_the_oxford_comma_as_one_separator() -> None:
    names, _ = split_state_list("Slovakia, Spain, and Ukraine", "en")

    assert names == ["Slovakia", "Spain", "Ukraine"]


def test_it_does_not_take_a_shorter_name_for_the_start_of_a_longer_one() -> None:
    text = (
        "Niger, Nigeria, Guinea, Guinea-Bissau, Sudan, South Sudan, Dominica and Dominican Republic"
    )

    names, unknown = split_state_list(text, "en")

    assert codes(names) == ["NER", "NGA", "GIN", "GNB", "SDN", "SSD", "DMA", "DOM"]
    assert unknown == []


def test_it_keeps_the_former_name_of_north_macedonia_as_printed() -> None:
    text = "Slovenia, the former Yugoslav Republic of Macedonia, Togo"

    names, unknown = split_state_list(text, "en")

    assert names == ["Slovenia", "the former Yugoslav Republic of Macedonia", "Togo"]
    assert unknown == []
    assert codes(names) == ["SVN", "MKD", "TGO"]


def test_it_normalizes_whitespace_and_no_break_spaces() -> None:
    text = "  Côte\u00a0d’Ivoire ,\n Russian   Federation\tand\u00a0Viet Nam  "

    names, unknown = split_state_list(text, "en")

    assert names == ["Côte d’Ivoire", "Russian Federation", "Viet Nam"]
    assert unknown == []


# --- Names the table does not know -----------------------------------------------------


def test_it_keeps_and_reports_a_name_the_table_does_not_know() -> None:
    names, unknown = split_state_list("Brazil, Atlantis, Chile and Narnia", "en")

    assert names == ["Brazil", "Atlantis", "Chile", "Narnia"]
    assert unknown == ["Atlantis", "Narnia"]


def test_an_unknown_name_keeps_a_comma_inside_its_parentheses() -> None:
    names, unknown = split_state_list("Brazil, Atlantis (Kingdom of, the) and Chile", "en")

    assert names == ["Brazil", "Atlantis (Kingdom of, the)", "Chile"]
    assert unknown == ["Atlantis (Kingdom of, the)"]


def test_the_english_conjunction_does_not_split_a_french_list() -> None:
    # In French only "et" separates: "and" is then part of an unknown name.
    names, unknown = split_state_list("Togo et Heard and McDonald", "fr")

    assert names == ["Togo", "Heard and McDonald"]
    assert unknown == ["Heard and McDonald"]


@pytest.mark.parametrize(
    "text",
    ["", " ", ".]", ",", ", and", ",,,", "(((", ")", "and", "et", "the", "[", "\u200b", "\x00"],
)
def test_it_never_fails_on_odd_input(text: str) -> None:
    names, unknown = split_state_list(text, "en")

    assert all(name.strip() for name in names)
    assert set(unknown) <= set(names)


# Text made of State names, separators and stray characters finds the corners
# (separators back to back, parentheses left open) sooner than any text at all.
list_like_text = st.lists(
    st.sampled_from(
        [
            "Togo",
            "Trinidad and Tobago",
            "Trinité-et-Tobago",
            "the",
            ", ",
            " and ",
            " et ",
            ",",
            "(",
            ")",
            ".",
            "]",
            " ",
            "\u00a0",
            "\u2019",
            "Atlantis",
            "Venezuela (",
            "İ",
            "ﬁ",
        ]
    )
).map("".join)


@given(st.one_of(st.text(), list_like_text), st.sampled_from(["en", "fr", "", "xx"]))
def test_it_never_fails_on_any_text(text: str, language: str) -> None:
    names, unknown = split_state_list(text, language)

    assert all(name == name.strip() != "" for name in names)
    assert set(unknown) <= set(names)


visible_text = st.text(st.characters(exclude_categories=("Cf", "Cs")))


@given(st.one_of(visible_text, list_like_text), st.sampled_from(["en", "fr"]))
def test_each_name_is_a_piece_of_the_text_as_printed(text: str, language: str) -> None:
    names, _ = split_state_list(text, language)

    assert all(name in " ".join(text.split()) for name in names)


def test_it_drops_the_invisible_characters_a_pdf_copy_leaves_in_names() -> None:
    names, unknown = split_state_list("Ca\u00admeroon, \u200eChile and Tur\u200bkey\ufeff", "en")

    assert names == ["Cameroon", "Chile", "Turkey"]
    assert unknown == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("EN", "Togo, Chile and Peru"),
        ("fr-CH", "Togo, Chili et Pérou"),
        # A language it was not told about: either conjunction separates.
        ("", "Togo, Chile et Peru and Fiji"),
        ("de", "Togo, Chile et Peru and Fiji"),
    ],
)
def test_it_reads_the_language_loosely(language: str, text: str) -> None:
    names, unknown = split_state_list(text, language)

    assert unknown == []
    assert len(names) == len(re.split(r", | et | and ", text))


def test_it_splits_the_47_names_of_a_whole_recorded_vote() -> None:
    text = f"{FR_46_13_IN_FAVOUR}, {FR_46_13_AGAINST}, {FR_46_13_ABSTAINING}"
    assert len(split_state_list(text, "fr")[0]) == 47


# --- Looking names up ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("english", "french", "code"),
    [
        ("Bolivia (Plurinational State of)", "Bolivie (État plurinational de)", "BOL"),
        ("Côte d’Ivoire", "Côte d’Ivoire", "CIV"),
        ("Czechia", "Tchéquie", "CZE"),
        ("Germany", "Allemagne", "DEU"),
        ("Iran (Islamic Republic of)", "Iran (République islamique d’)", "IRN"),
        ("Marshall Islands", "Îles Marshall", "MHL"),
        ("Republic of Korea", "République de Corée", "KOR"),
        (
            "Democratic People’s Republic of Korea",
            "République populaire démocratique de Corée",
            "PRK",
        ),
        ("Russian Federation", "Fédération de Russie", "RUS"),
        ("Türkiye", "Türkiye", "TUR"),
        ("United Arab Emirates", "Émirats arabes unis", "ARE"),
        (
            "United Kingdom of Great Britain and Northern Ireland",
            "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord",
            "GBR",
        ),
        ("Venezuela (Bolivarian Republic of)", "Venezuela (République bolivarienne du)", "VEN"),
        ("Holy See", "Saint-Siège", "VAT"),
        ("State of Palestine", "État de Palestine", "PSE"),
    ],
)
def test_an_english_and_a_french_name_give_the_same_state(
    english: str, french: str, code: str
) -> None:
    in_english = resolve_state(english)
    in_french = resolve_state(french)

    assert in_english is not None
    assert in_french is not None
    assert in_english.code == in_french.code == code
    assert in_english.name_en == english
    assert in_french.name_fr == french


@pytest.mark.parametrize(
    ("printed", "code"),
    [
        ("the former Yugoslav Republic of Macedonia", "MKD"),
        ("North Macedonia", "MKD"),
        ("l’ex-République yougoslave de Macédoine", "MKD"),
        ("Czech Republic", "CZE"),
        ("République tchèque", "CZE"),
        ("Swaziland", "SWZ"),
        ("Turkey", "TUR"),
        ("Turquie", "TUR"),
        ("Cape Verde", "CPV"),
        ("Cap-Vert", "CPV"),
        ("Netherlands", "NLD"),
        ("Palestine", "PSE"),
        ("Libyan Arab Jamahiriya", "LBY"),
    ],
)
def test_it_resolves_former_and_alternate_names(printed: str, code: str) -> None:
    record = resolve_state(printed)

    assert record is not None
    assert record.code == code


@pytest.mark.parametrize(
    "printed",
    ["Cote d'Ivoire", "  côte d’ivoire ", "THE GAMBIA", "the Netherlands", "Bahrein", "Ukraine."],
)
def test_it_resolves_names_whatever_the_apostrophe_case_accents_or_article(printed: str) -> None:
    assert resolve_state(printed) is not None


def test_it_returns_none_for_a_name_it_does_not_know() -> None:
    assert resolve_state("Atlantis") is None
    assert resolve_state("") is None
    assert resolve_state("the") is None


def test_a_state_record_cannot_be_changed() -> None:
    record = resolve_state("Togo")
    assert record == StateRecord(code="TGO", name_en="Togo", name_fr="Togo")

    with pytest.raises(AttributeError):
        record.code = "ZZZ"  # type: ignore[misc]


# --- The table itself ----------------------------------------------------------------


def test_the_table_holds_the_193_member_states_and_the_2_observer_states() -> None:
    rows = _table_rows()

    assert len(all_states()) == 195
    assert sum(row["status"] == "member" for row in rows) == 193
    assert {row["code"] for row in rows if row["status"] == "observer"} == {"VAT", "PSE"}


def test_every_state_has_a_code_an_english_name_and_a_french_name() -> None:
    for state in all_states():
        assert re.fullmatch(r"[A-Z]{3}", state.code), state
        assert state.name_en.strip() == state.name_en != "", state
        assert state.name_fr.strip() == state.name_fr != "", state


def test_no_two_states_share_a_code() -> None:
    all_codes = [state.code for state in all_states()]

    assert len(set(all_codes)) == len(all_codes)


def test_no_two_states_share_a_normalized_name() -> None:
    # Each name, alias or misprint must lead back to its own State: a name shared
    # (after folding case, accents and apostrophes) would lead one of them astray.
    for row in _table_rows():
        names = [row["name_en"], row["name_fr"], *row["aliases_en"], *row["aliases_fr"]]
        for name in [*names, *row["misprints"]]:
            record = resolve_state(name)
            assert record is not None, name
            assert record.code == row["code"], name


def test_the_un_prints_names_with_a_typographic_apostrophe_and_no_french_article() -> None:
    for state in all_states():
        assert "'" not in state.name_en + state.name_fr, state
        assert not re.match(r"(?:Le|La|Les|L’) ", state.name_fr), state


def _table_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(STATES_FILE.read_text(encoding="utf-8"))["states"]
    return rows


# --- The corpus of real resolutions --------------------------------------------------

LABELS = {
    "en": {"in favour:": "in_favour", "against:": "against", "abstaining:": "abstaining"},
    "fr": {
        "ont voté pour :": "in_favour",
        "ont voté contre :": "against",
        "se sont abstenus :": "abstaining",
    },
}
CONJUNCTION = {"en": " and ", "fr": " et "}
PAGE_FURNITURE = re.compile(r"\d+|A/HRC/\S+")  # page numbers and running headers


def recorded_votes() -> list[dict[str, Any]]:
    expected_file = require_corpus()
    entries: list[dict[str, Any]] = json.loads(expected_file.read_text(encoding="utf-8"))
    return [entry for entry in entries if entry["vote"]["method"] == "recorded"]


def expected_names(entry: dict[str, Any], part: str) -> list[str]:
    # expected.json keeps the conjunction of an Oxford comma with the name that
    # follows it (44/11: "Spain, and Ukraine" gives "and Ukraine"); the splitter
    # reads ", and" as one separator, so the name is "Ukraine".
    conjunction = CONJUNCTION[entry["language"]].lstrip()
    names: list[str] = entry["vote"][part]
    return [name.removeprefix(conjunction) for name in names]


def vote_blocks(text: str, language: str) -> dict[str, str]:
    """Each list of a recorded vote, its lines joined with a space, as the vote stage does."""
    labels = LABELS[language]
    blocks: dict[str, list[str]] = {}
    current: str | None = None
    for raw in text.splitlines():
        line = " ".join(raw.split())
        lowered = line.lower()
        label = next((label for label in labels if lowered.startswith(label)), None)
        if label is not None:
            current = labels[label]
            line = line[len(label) :].strip()
        if current is None or not line or PAGE_FURNITURE.fullmatch(line):
            continue
        blocks.setdefault(current, []).append(line)
        if "]" in line:
            break
    return {part: " ".join(lines) for part, lines in blocks.items()}


def test_every_name_printed_in_the_corpus_votes_is_a_known_state() -> None:
    unresolved = [
        (entry["file"], name)
        for entry in recorded_votes()
        for part in ("in_favour", "against", "abstaining")
        for name in expected_names(entry, part)
        if resolve_state(name) is None
    ]

    assert unresolved == []


def test_each_corpus_vote_list_splits_into_the_expected_names() -> None:
    mismatches = []
    for entry in recorded_votes():
        text = (CORPUS / entry["file"]).read_text(encoding="utf-8")
        blocks = vote_blocks(text, entry["language"])
        for part in ("in_favour", "against", "abstaining"):
            names, unknown = split_state_list(blocks.get(part, ""), entry["language"])
            if names != expected_names(entry, part) or unknown:
                mismatches.append((entry["file"], part, names, unknown))

    assert mismatches == []


def test_each_corpus_vote_list_rebuilt_from_its_names_splits_back_into_them() -> None:
    mismatches = []
    for entry in recorded_votes():
        for part in ("in_favour", "against", "abstaining"):
            expected = expected_names(entry, part)
            if not expected:  # "Against:" is not printed when no State voted against
                continue
            text = ", ".join(expected[:-1]) + CONJUNCTION[entry["language"]] + expected[-1]
            if len(expected) < 2:
                text = "".join(expected)
            names, unknown = split_state_list(text, entry["language"])
            if names != expected or unknown:
                mismatches.append((entry["file"], part, names, unknown))

    assert mismatches == []

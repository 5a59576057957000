"""Recurring mandates: one mandate per occurrence, linked as a series.

Each operative paragraph is read by ``read_mandates`` and then by the stage
under test, ``expand_recurrences``, as ``pipeline.run`` does.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from resolutions.importer import parse
from resolutions.importer.lexicon import LEXICONS, Body
from resolutions.importer.mandates import read_mandates
from resolutions.importer.recurrence import expand_recurrences
from resolutions.importer.types import Language, Mandate, Paragraph


def read(
    texts: Sequence[str],
    *,
    session: int = 52,
    body: Body = "HRC",
    language: Language = "en",
    special: bool = False,
) -> tuple[Mandate, ...]:
    """The mandates of operative paragraphs *texts* (numbered from 1), series expanded."""
    lex = LEXICONS[language]
    operative = tuple(Paragraph(number, text) for number, text in enumerate(texts, start=1))
    mandates = read_mandates(operative, session, body, lex, special=special)
    return expand_recurrences(mandates, operative, session, body, lex, special=special).mandates


def occurrences(mandates: Sequence[Mandate]) -> list[tuple[str, int | None, int | None, int, bool]]:
    return [(m.body, m.session, m.series, m.occurrence, m.needs_review) for m in mandates]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Requests the Special Rapporteur to report annually to the Human Rights Council "
            "as of its fifty-fourth session;",
        ),
        (
            "en",
            "Requests the Special Rapporteur to report to the Council on an annual basis, "
            "starting at its fifty-fourth session;",
        ),
        (
            "fr",
            "Prie le Rapporteur spécial de rendre compte au Conseil des droits de l’homme chaque "
            "année à partir de sa cinquante-quatrième session ;",
        ),
        (
            "fr",
            "Prie le Rapporteur spécial de faire rapport au Conseil sur une base annuelle à "
            "compter de sa cinquante-quatrième session ;",
        ),
    ],
)
def test_an_annual_council_mandate_recurs_at_the_same_session_each_year_for_three_years(
    language: Language, text: str
) -> None:
    mandates = read([text], language=language)

    # Adopted at the 52nd session: the three years ahead are sessions 53 to 61.
    assert occurrences(mandates) == [
        ("HRC", 54, 1, 1, False),  # named by the text
        ("HRC", 57, 1, 2, True),  # implied: staff check them
        ("HRC", 60, 1, 3, True),
    ]
    assert {m.periodicity for m in mandates} == {"annual"}
    assert len({m.text for m in mandates}) == 1


def test_a_special_session_counts_three_years_from_the_first_session_it_names() -> None:
    mandates = read(
        [
            "Decides that the commission of inquiry shall report on its main activities on an "
            "annual basis to the Human Rights Council as of its fiftieth session, and to the "
            "General Assembly as of its seventy-seventh session;"
        ],
        session=30,
        special=True,
    )

    assert occurrences(mandates) == [
        ("HRC", 50, 1, 1, False),
        ("HRC", 53, 1, 2, True),
        ("HRC", 56, 1, 3, True),
        # The Assembly meets once a year: its series follows its own sessions.
        ("GA", 77, 2, 1, True),
        ("GA", 78, 2, 2, True),
        ("GA", 79, 2, 3, True),
    ]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Requests the Secretary-General to submit to the General Assembly annually, as of "
            "its eighty-first session, a report on the implementation of the present resolution;",
        ),
        (
            "fr",
            "Prie le Secrétaire général de lui présenter chaque année, à partir de sa "
            "quatre-vingt-unième session, un rapport sur l’application de la présente résolution ;",
        ),
    ],
)
def test_an_annual_assembly_mandate_recurs_every_session_of_the_assembly(
    language: Language, text: str
) -> None:
    mandates = read([text], session=80, body="GA", language=language)

    assert [(m.session, m.occurrence) for m in mandates] == [(81, 1), (82, 2), (83, 3)]
    assert {m.series for m in mandates} == {1}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Decides to hold a biennial high-level panel discussion during the September "
            "session of the Council as of its fifty-fourth session;",
        ),
        (
            "en",
            "Decides to convene a high-level panel discussion every two years, beginning at its "
            "fifty-fourth session;",
        ),
        (
            "fr",
            "Décide de tenir une réunion-débat biennale de haut niveau pendant la session de "
            "septembre du Conseil, à partir de sa cinquante-quatrième session ;",
        ),
        (
            "fr",
            "Décide de tenir une réunion-débat de haut niveau tous les deux ans, à partir de sa "
            "cinquante-quatrième session ;",
        ),
    ],
)
def test_a_biennial_council_meeting_recurs_six_sessions_apart(
    language: Language, text: str
) -> None:
    mandates = read([text], language=language)

    assert [(m.kind, m.session, m.occurrence, m.needs_review) for m in mandates] == [
        ("meeting", 54, 1, False),
        ("meeting", 60, 2, True),
    ]
    assert {m.periodicity for m in mandates} == {"biennial"}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Requests the High Commissioner to present a report to the Human Rights Council "
            "at its fifty-fifth and fifty-eighth sessions;",
        ),
        (
            "fr",
            "Prie le Haut-Commissaire de présenter au Conseil des droits de l’homme, à ses "
            "cinquante-cinquième et cinquante-huitième sessions, un rapport ;",
        ),
    ],
)
def test_two_sessions_named_in_one_clause_are_one_series_of_two(
    language: Language, text: str
) -> None:
    mandates = read([text], language=language)

    assert occurrences(mandates) == [("HRC", 55, 1, 1, False), ("HRC", 58, 1, 2, False)]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Also decides that its next annual interactive debate will be held at its "
            "fifty-fifth session;",
        ),
        (
            "en",
            "Requests the Office of the High Commissioner to prepare its annual study and to "
            "present it to the Council at its fifty-fifth session;",
        ),
        (
            "fr",
            "Décide également que son prochain débat interactif annuel se tiendra à sa "
            "cinquante-cinquième session ;",
        ),
    ],
)
def test_one_instance_of_a_recurring_event_is_not_a_series(language: Language, text: str) -> None:
    (mandate,) = read([text], language=language)

    assert (mandate.session, mandate.series, mandate.occurrence) == (55, None, 1)
    assert mandate.periodicity == "annual"


def test_a_recurring_mandate_naming_no_session_stays_one_mandate() -> None:
    (mandate,) = read(["Requests the Special Rapporteur to report annually to the Council;"])

    assert (mandate.session, mandate.series, mandate.periodicity) == (None, None, "annual")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Decides to extend the mandate of the fact-finding mission for a further period of "
            "one year, and requests the mission to present an oral update annually as of its "
            "fifty-third session;",
        ),
        (
            "fr",
            "Décide de proroger le mandat de la mission d’établissement des faits pour une "
            "nouvelle période d’un an, et prie la mission de présenter oralement une mise à jour "
            "chaque année à partir de sa cinquante-troisième session ;",
        ),
    ],
)
def test_the_period_of_the_mandate_ends_the_series(language: Language, text: str) -> None:
    (mandate,) = read([text], language=language)

    # One year from the 52nd session: sessions 53 to 55, one annual occurrence.
    assert (mandate.session, mandate.series) == (53, None)


@pytest.mark.parametrize(
    ("language", "period", "asking"),
    [
        (
            "en",
            "Decides to extend the mandate of the Special Rapporteur for a period of two years;",
            "Requests the Special Rapporteur to report annually to the Council as of its "
            "fifty-third session;",
        ),
        (
            "fr",
            "Décide de proroger le mandat du Rapporteur spécial pour une période de deux ans ;",
            "Prie le Rapporteur spécial de faire rapport au Conseil chaque année à partir de sa "
            "cinquante-troisième session ;",
        ),
    ],
)
def test_the_one_period_the_resolution_states_applies_to_its_other_paragraphs(
    language: Language, period: str, asking: str
) -> None:
    mandates = read([period, asking], language=language)

    # Two years from the 52nd session: sessions 53 to 58.
    assert [m.session for m in mandates if m.paragraph == 2] == [53, 56]


def test_two_different_periods_leave_other_paragraphs_three_years_ahead() -> None:
    mandates = read(
        [
            "Decides to extend the mandate of the Special Rapporteur for a period of one year;",
            "Decides to extend the mandate of the Working Group for a period of two years;",
            "Requests the High Commissioner to report annually to the Council as of its "
            "fifty-third session;",
        ]
    )

    assert [m.session for m in mandates if m.paragraph == 3] == [53, 56, 59]


def test_a_named_session_beyond_the_window_is_kept_alone() -> None:
    (mandate,) = read(
        [
            "Requests the High Commissioner to report annually to the Council as of its "
            "sixty-fifth session;"
        ]
    )

    assert (mandate.session, mandate.series, mandate.needs_review) == (65, None, False)


def test_an_annual_mandate_from_the_next_session_is_implied_throughout() -> None:
    mandates = read(
        [
            "Requests the High Commissioner to report to the Council annually, starting at its "
            "next session;"
        ]
    )

    assert [(m.session, m.needs_review) for m in mandates] == [(53, True), (56, True), (59, True)]


def test_occurrences_follow_their_first_and_series_are_numbered_in_reading_order() -> None:
    mandates = read(
        [
            "Requests the High Commissioner to present an oral update at its fifty-third session;",
            "Requests the Special Rapporteur to report annually to the Council as of its "
            "fifty-fourth session;",
            "Requests the High Commissioner to present a report at its fifty-fifth and "
            "fifty-eighth sessions;",
            "Requests the Secretary-General to provide the resources necessary;",
        ]
    )

    assert [(m.paragraph, m.session, m.series, m.occurrence) for m in mandates] == [
        (1, 53, None, 1),
        (2, 54, 1, 1),
        (2, 57, 1, 2),
        (2, 60, 1, 3),
        (3, 55, 2, 1),
        (3, 58, 2, 2),
        (4, None, None, 1),
    ]


def test_the_json_names_the_series_only_for_a_mandate_in_one() -> None:
    alone, first, *_ = read(
        [
            "Requests the High Commissioner to present an oral update at its fifty-third session;",
            "Requests the Special Rapporteur to report annually to the Council as of its "
            "fifty-fourth session;",
        ]
    )

    assert "series" not in alone.to_json()
    assert (first.to_json()["series"], first.to_json()["occurrence"]) == (1, 1)


def test_parse_runs_the_stage_after_the_mandates() -> None:
    text = "\n\n".join(
        [
            "Human Rights Council",
            "Fifty-second session",
            "Resolution adopted by the Human Rights Council on 4 April 2023",
            "52/41. Lighthouse keepers",
            "The Human Rights Council,",
            "Recalling its resolution 49/12,",
            "1. Requests the Special Rapporteur to report annually to the Council as of its "
            "fifty-fourth session;",
            "2. Decides to remain seized of the matter.",
            "60th meeting",
            "4 April 2023",
            "[Adopted without a vote.]",
        ]
    )

    assert [m.session for m in parse(text).mandates] == [54, 57, 60]


def test_a_session_onwards_starts_a_series_but_a_year_onwards_does_not() -> None:
    recurring, instance = (
        read([text])
        for text in (
            "Decides to hold an annual panel discussion from its fifty-fourth session onwards;",
            "Requests the Special Rapporteur to present an annual report at its fifty-fourth "
            "session, covering developments from 2020 onwards;",
        )
    )

    assert [m.session for m in recurring] == [54, 57, 60]
    assert [m.session for m in instance] == [54]


def test_a_report_drawn_from_documents_is_no_start_of_a_series_in_french() -> None:
    (mandate,) = read(
        [
            "Prie le Haut-Commissaire de lui présenter à sa cinquante-cinquième session un "
            "rapport annuel établi à partir de la documentation disponible ;"
        ],
        language="fr",
    )

    assert (mandate.session, mandate.series) == (55, None)

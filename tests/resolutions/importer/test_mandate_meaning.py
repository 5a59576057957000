"""Mandates that mean what the text says: special sessions, deliverables, bodies.

- In a special-session resolution ("S-30/1") a relative session ("at its next
  session") cannot be counted from the special session's number: the mandate
  has no session, needs review, and a warning names the paragraph's line.
- A clause that endorses, notes, welcomes or remains seized of a report, or
  submits a statement, asks for no report.
- A mandate's body is the adopting body unless its clause names another.
"""

from __future__ import annotations

import pytest

from resolutions.importer.lexicon import LEXICONS, Body, Lexicon
from resolutions.importer.mandates import read_mandate_reading, read_mandates
from resolutions.importer.types import Language, Paragraph

EN = LEXICONS["en"]
FR = LEXICONS["fr"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Requests the High Commissioner to present an oral update at its next session;"),
        ("en", "Requests the High Commissioner to present a report at its forthcoming session;"),
        ("en", "Requests the High Commissioner to present a report at the following session;"),
        ("fr", "Prie la Haute-Commissaire de lui présenter un rapport à sa prochaine session ;"),
        ("fr", "Prie la Haute-Commissaire de lui présenter un rapport à sa session suivante ;"),
    ],
)
def test_a_relative_session_of_a_special_session_is_left_for_staff(
    language: Language, text: str
) -> None:
    lex = LEXICONS[language]
    reading = read_mandate_reading((Paragraph(1, text, line=17),), 30, "HRC", lex, special=True)
    (mandate,) = reading.mandates
    assert (mandate.session, mandate.needs_review) == (None, True)
    (warning,) = reading.warnings
    assert warning.code == "mandates.relative_session_in_special_session"
    assert warning.line == 17
    assert warning.params["paragraph"] == 1


@pytest.mark.parametrize(
    ("lex", "text"),
    [
        (EN, "Requests the High Commissioner to present an oral update at its next session;"),
        (FR, "Prie la Haute-Commissaire de lui présenter un rapport à sa prochaine session ;"),
    ],
)
def test_a_relative_session_of_a_regular_session_still_counts_from_it(
    lex: Lexicon, text: str
) -> None:
    reading = read_mandate_reading((Paragraph(1, text, line=17),), 30, "HRC", lex)
    (mandate,) = reading.mandates
    assert (mandate.session, mandate.needs_review) == (31, True)
    assert reading.warnings == ()


def test_a_session_named_in_a_special_session_is_kept() -> None:
    text = "Requests the High Commissioner to present a report at its forty-ninth session;"
    reading = read_mandate_reading((Paragraph(1, text),), 30, "HRC", EN, special=True)
    assert [m.session for m in reading.mandates] == [49]
    assert reading.warnings == ()


@pytest.mark.parametrize(
    ("lex", "text"),
    [
        (EN, "Decides to endorse the final report of the working group;"),
        (EN, "Decides to remain seized of the matter of periodic reviews of the Report on X;"),
        (EN, "Decides that the State of Palestine may submit a pre-recorded statement;"),
        (EN, "Takes note of the report of the Secretary-General;"),
        (EN, "Welcomes the report of the Special Rapporteur;"),
        (FR, "Décide d’approuver le rapport final du groupe de travail ;"),
        (FR, "Décide de rester saisi de la question de l’examen du Rapport sur X ;"),
        (FR, "Décide que l’État de Palestine peut soumettre une déclaration préenregistrée ;"),
        (FR, "Prend note du rapport du Secrétaire général ;"),
        (FR, "Accueille avec satisfaction le rapport du Rapporteur spécial ;"),
    ],
)
def test_acknowledging_a_report_asks_for_none(lex: Lexicon, text: str) -> None:
    assert read_mandates((Paragraph(1, text),), 80, "GA", lex) == ()


@pytest.mark.parametrize(
    ("lex", "text"),
    [
        (
            EN,
            "Welcomes the report of the Special Rapporteur, and requests the Secretary-General "
            "to submit a report on its implementation;",
        ),
        (
            FR,
            "Accueille avec satisfaction le rapport du Rapporteur spécial, et prie le "
            "Secrétaire général de soumettre un rapport sur son application ;",
        ),
    ],
)
def test_a_request_after_an_acknowledgement_is_still_a_report(lex: Lexicon, text: str) -> None:
    (mandate,) = read_mandates((Paragraph(1, text),), 80, "GA", lex)
    assert (mandate.kind, mandate.actor, mandate.body) == ("report", "secretary_general", "GA")


@pytest.mark.parametrize(
    ("lex", "body", "text", "expected"),
    [
        (EN, "GA", "Requests the Secretary-General to provide the necessary support;", "GA"),
        (FR, "GA", "Prie le Secrétaire général de fournir l’appui nécessaire ;", "GA"),
        (
            EN,
            "HRC",
            "Requests the Secretary-General to submit a report to the General Assembly;",
            "GA",
        ),
        (
            FR,
            "HRC",
            "Prie le Secrétaire général de soumettre un rapport à l’Assemblée générale ;",
            "GA",
        ),
        (
            EN,
            "GA",
            "Requests the Secretary-General to submit a report to the Human Rights Council;",
            "HRC",
        ),
        (
            EN,
            "HRC",
            "Requests the High Commissioner to prepare a report on the resolution;",
            "HRC",
        ),
    ],
)
def test_the_body_of_a_mandate_without_session_is_the_adopting_one_unless_named(
    lex: Lexicon, body: Body, text: str, expected: Body
) -> None:
    (mandate,) = read_mandates((Paragraph(1, text),), 80, body, lex)
    assert (mandate.session, mandate.body) == (None, expected)

"""Who delivers, and what is a deliverable.

- The actor of a mandate is the body the clause makes responsible: a
  commission of inquiry reports, the Council receives.  "Decides that the
  commission shall …" addresses the commission wherever it sits in the
  paragraph; a body a clause establishes or renews takes over the clauses of
  its mandate; "the Commission", "the Mechanism", "the Working Group" stand
  for the body of that kind named last.
- A body's working mandate ("To conduct an investigation", "To make
  recommendations") is no deliverable; its reporting clauses are.
- "transmit" hands on a report someone else wrote; an agenda inclusion is a
  decision, never a meeting nor a report.
"""

from __future__ import annotations

from typing import get_args

import pytest

from resolutions import models
from resolutions.importer.lexicon import LEXICONS, Body, Lexicon
from resolutions.importer.mandates import read_mandates
from resolutions.importer.types import Actor, Mandate, Paragraph

EN = LEXICONS["en"]
FR = LEXICONS["fr"]


def _read(lex: Lexicon, *texts: str, body: Body = "HRC") -> tuple[Mandate, ...]:
    paragraphs = tuple(Paragraph(number, text) for number, text in enumerate(texts, start=1))
    return read_mandates(paragraphs, 47, body, lex)


def _summary(mandates: tuple[Mandate, ...]) -> list[tuple[int, str, int | None, str, str]]:
    return [(m.paragraph, m.kind, m.session, m.body, m.actor) for m in mandates]


def test_the_importer_and_the_models_know_the_same_actors_in_the_same_order() -> None:
    assert list(get_args(Actor)) == list(models.Actor.values)


@pytest.mark.parametrize(
    ("lex", "who", "actor"),
    [
        (EN, "the independent international commission of inquiry", "investigative_body"),
        (EN, "the Commission on Human Rights in South Sudan", "investigative_body"),
        (EN, "the international Commission of Human Rights Experts on X", "investigative_body"),
        (EN, "the independent international fact-finding mission", "investigative_body"),
        (EN, "the Group of Eminent International and Regional Experts", "investigative_body"),
        (EN, "the Expert Mechanism on the Rights of Indigenous Peoples", "expert_mechanism"),
        (EN, "the open-ended intergovernmental working group on X", "working_group"),
        (EN, "the Working Group on the Right to Development", "working_group"),
        (EN, "the Working Group on Arbitrary Detention", "special_procedures"),
        (EN, "the Social Forum", "forum"),
        (EN, "the Forum on Minority Issues", "forum"),
        (EN, "the Permanent Forum on Indigenous Issues", "other"),
        (EN, "the human rights treaty bodies", "treaty_bodies"),
        (EN, "the Committee on the Rights of the Child", "treaty_bodies"),
        (EN, "the Advisory Committee", "advisory_committee"),
        (FR, "la commission d’enquête internationale indépendante", "investigative_body"),
        (
            FR,
            "la mission internationale indépendante d’établissement des faits",
            "investigative_body",
        ),
        (FR, "le Groupe d’éminents experts internationaux et régionaux", "investigative_body"),
        (FR, "le Mécanisme d’experts sur le droit au développement", "expert_mechanism"),
        (FR, "le groupe de travail intergouvernemental à composition non limitée", "working_group"),
        (FR, "le Groupe de travail sur la détention arbitraire", "special_procedures"),
        (FR, "le Forum social", "forum"),
        (FR, "le Comité des droits de l’enfant", "treaty_bodies"),
        (FR, "les organes conventionnels", "treaty_bodies"),
    ],
)
def test_each_kind_of_body_the_council_asks_is_an_actor_of_its_own(
    lex: Lexicon, who: str, actor: Actor
) -> None:
    if lex is EN:
        text = f"Requests {who} to present a report to the Council at its fiftieth session;"
    else:
        text = f"Prie {who} de présenter un rapport au Conseil à sa cinquantième session ;"
    (mandate,) = _read(lex, text)
    assert (mandate.kind, mandate.session, mandate.actor) == ("report", 50, actor)


@pytest.mark.parametrize(
    ("lex", "text", "actor"),
    [
        (
            EN,
            "Decides to extend the mandate of the Special Rapporteur for one year, and decides "
            "also that the Special Rapporteur shall submit a report at its fiftieth session;",
            "special_procedures",
        ),
        (
            EN,
            "Also decides that, within its mandate, the Expert Mechanism shall present a study "
            "to the Council at its fiftieth session;",
            "expert_mechanism",
        ),
        (
            EN,
            "Decides that the panel discussion will be held at its fiftieth session;",
            "council",
        ),
        (
            EN,
            "Further decides that the Expert Mechanism may also hold an intersessional meeting "
            "before its fiftieth session;",
            "expert_mechanism",
        ),
        (
            EN,
            "Decides that the Human Rights Council shall hold a panel discussion at its fiftieth "
            "session;",
            "council",
        ),
        (
            EN,
            "Decides that the Government of X shall present a report at its fiftieth session;",
            "other",
        ),
        (
            FR,
            "Décide de proroger le mandat du Rapporteur spécial pour un an, et décide également "
            "que le Rapporteur spécial devra présenter un rapport à sa cinquantième session ;",
            "special_procedures",
        ),
        (
            FR,
            "Décide en outre que la commission d’enquête sera chargée de présenter un rapport "
            "au Conseil à sa cinquantième session ;",
            "investigative_body",
        ),
    ],
)
def test_decides_that_a_body_shall_addresses_that_body_wherever_it_sits(
    lex: Lexicon, text: str, actor: Actor
) -> None:
    (mandate,) = _read(lex, text)
    assert (mandate.session, mandate.actor) == (50, actor)


@pytest.mark.parametrize(
    ("lex", "texts"),
    [
        (
            EN,
            (
                "Decides to establish an independent international commission of inquiry, to be "
                "appointed by the President of the Human Rights Council;",
                "Also decides that the commission of inquiry shall: (a) Establish the facts and "
                "circumstances, building upon the report of the Office of the High Commissioner; "
                "(b) Collect, consolidate and analyse evidence; (c) Make recommendations; "
                "(d) Report on its main activities on an annual basis to the Human Rights Council "
                "as of its fiftieth session, and to the General Assembly as of its seventy-seventh "
                "session;",
            ),
        ),
        (
            FR,
            (
                "Décide de créer une commission internationale indépendante d’enquête, dont les "
                "membres seront nommés par le Président du Conseil des droits de l’homme ;",
                "Décide également que la commission d’enquête devra : a) Établir les faits et les "
                "circonstances, en s’appuyant sur le rapport du Haut-Commissariat ; b) Recueillir, "
                "regrouper et analyser les éléments de preuve ; c) Formuler des recommandations ; "
                "d) Rendre compte chaque année de ses principales activités au Conseil des droits "
                "de l’homme à partir de sa cinquantième session, et à l’Assemblée générale à "
                "partir de sa soixante-dix-septième session ;",
            ),
        ),
    ],
)
def test_a_commission_reports_what_the_council_receives_and_its_work_is_no_deliverable(
    lex: Lexicon, texts: tuple[str, ...]
) -> None:
    mandates = _read(lex, *texts)
    assert _summary(mandates) == [
        (2, "report", 50, "HRC", "investigative_body"),
        (2, "report", 77, "GA", "investigative_body"),
    ]


@pytest.mark.parametrize(
    ("lex", "text"),
    [
        (
            EN,
            "Decides to establish, for a period of one year, an international commission of "
            "human rights experts, to be appointed by the President of the Human Rights Council, "
            "with the following mandate: (a) To conduct a thorough and impartial investigation; "
            "(b) To make recommendations on technical assistance; (c) To present an oral update "
            "to the Council at its forty-ninth session and a written report at its fiftieth "
            "session;",
        ),
        (
            FR,
            "Décide de créer, pour une période d’un an, une commission internationale d’experts "
            "en droits de l’homme, dont les membres seront nommés par le Président du Conseil, "
            "investie du mandat suivant : a) De mener une enquête approfondie et impartiale ; "
            "b) De formuler des recommandations sur l’assistance technique ; c) De présenter au "
            "Conseil une mise à jour orale à sa quarante-neuvième session et un rapport écrit à "
            "sa cinquantième session ;",
        ),
    ],
)
def test_a_body_the_council_establishes_takes_over_the_clauses_of_its_mandate(
    lex: Lexicon, text: str
) -> None:
    assert _summary(_read(lex, text)) == [
        (1, "oral_update", 49, "HRC", "investigative_body"),
        (1, "report", 50, "HRC", "investigative_body"),
    ]


@pytest.mark.parametrize(
    ("lex", "text"),
    [
        (
            EN,
            "Decides to extend the mandate of the fact-finding mission for nine months, to present "
            "its final report to the Council at its fiftieth session;",
        ),
        (
            EN,
            "Requests the High Commissioner to urgently establish the fact-finding mission, with "
            "the following mandate: (a) To investigate all alleged violations; (b) To present a "
            "comprehensive report to the Council at its fiftieth session;",
        ),
        (
            FR,
            "Prie le Haut-Commissaire de créer d’urgence la mission d’établissement des faits, "
            "avec le mandat suivant : a) D’enquêter sur toutes les violations ; b) De présenter "
            "au Conseil un rapport complet à sa cinquantième session ;",
        ),
    ],
)
def test_a_mission_renewed_or_sent_reports_itself(lex: Lexicon, text: str) -> None:
    assert _summary(_read(lex, text)) == [(1, "report", 50, "HRC", "investigative_body")]


@pytest.mark.parametrize(
    ("lex", "texts"),
    [
        (
            EN,
            (
                "Decides to establish an ongoing independent mechanism to collect, consolidate, "
                "preserve and analyse evidence, and to prepare files in order to facilitate "
                "criminal proceedings, and to present an oral update to the Council at its "
                "forty-ninth session;",
                "Also decides that the mechanism shall: (a) Continue to collect evidence; "
                "(b) Report on its main activities on an annual basis to the Human Rights Council "
                "as of its fiftieth session;",
                "Requests the Secretary-General to appoint the staff of the mechanism, and to "
                "submit a report on its functioning at its fifty-first session;",
            ),
        ),
        (
            FR,
            (
                "Décide de créer un mécanisme indépendant permanent chargé de recueillir, de "
                "regrouper, de préserver et d’analyser les éléments de preuve, et d’établir des "
                "dossiers en vue de faciliter des procédures pénales, et de présenter une mise à "
                "jour orale au Conseil à sa quarante-neuvième session ;",
                "Décide également que le mécanisme devra : a) Continuer de recueillir des "
                "éléments de preuve ; b) Rendre compte chaque année de ses principales activités "
                "au Conseil des droits de l’homme à partir de sa cinquantième session ;",
                "Prie le Secrétaire général de nommer le personnel du mécanisme, et de présenter "
                "un rapport sur son fonctionnement à sa cinquante et unième session ;",
            ),
        ),
    ],
)
def test_a_mechanism_established_to_collect_evidence_reports_and_its_files_are_no_report(
    lex: Lexicon, texts: tuple[str, ...]
) -> None:
    assert _summary(_read(lex, *texts)) == [
        (1, "oral_update", 49, "HRC", "investigative_body"),
        (2, "report", 50, "HRC", "investigative_body"),
        (3, "report", 51, "HRC", "secretary_general"),
    ]


def test_a_clause_joined_by_and_right_after_establishing_stays_with_who_establishes() -> None:
    text = (
        "Requests the High Commissioner to establish a fact-finding mission, and to provide "
        "the necessary resources for the mission;"
    )
    (mandate,) = _read(EN, text)
    assert (mandate.kind, mandate.actor) == ("resources", "high_commissioner")


def test_a_focal_point_appointed_to_work_with_a_rapporteur_does_not_make_the_rapporteur_act() -> (
    None
):
    text = (
        "Requests the Secretary-General to appoint a focal point to liaise with the Special "
        "Rapporteur, and to submit a report at its fiftieth session;"
    )
    (mandate,) = _read(EN, text)
    assert (mandate.kind, mandate.actor) == ("report", "secretary_general")


@pytest.mark.parametrize(
    ("lex", "texts", "actor"),
    [
        (
            EN,
            (
                "Decides to establish an open-ended intergovernmental working group on X;",
                "Requests the Working Group to submit a report at its fiftieth session;",
            ),
            "working_group",
        ),
        (
            EN,
            ("Requests the Working Group to submit a report at its fiftieth session;",),
            "special_procedures",
        ),
        (
            EN,
            (
                "Welcomes the work of the Expert Mechanism on the Right to Development;",
                "Requests the Mechanism to submit a report at its fiftieth session;",
            ),
            "expert_mechanism",
        ),
        (
            EN,
            (
                "Decides to establish a commission of inquiry, and requests the Commission to "
                "submit a report at its fiftieth session;",
            ),
            "investigative_body",
        ),
        (
            EN,
            (
                "Decides to establish a commission of inquiry;",
                "Takes note of the report of the Office of the High Commissioner;",
                "Requests the commission to submit a report at its fiftieth session;",
            ),
            "investigative_body",
        ),
        (
            FR,
            (
                "Décide de créer un groupe de travail intergouvernemental à composition non "
                "limitée sur X ;",
                "Prie le Groupe de travail de présenter un rapport à sa cinquantième session ;",
            ),
            "working_group",
        ),
        (
            FR,
            ("Prie le Groupe de travail de présenter un rapport à sa cinquantième session ;",),
            "special_procedures",
        ),
        (
            FR,
            (
                "Salue les travaux du Comité consultatif ;",
                "Prie le Comité de présenter un rapport à sa cinquantième session ;",
            ),
            "advisory_committee",
        ),
    ],
)
def test_a_body_named_in_short_is_the_one_of_its_kind_named_last(
    lex: Lexicon, texts: tuple[str, ...], actor: Actor
) -> None:
    (mandate,) = _read(lex, *texts)
    assert (mandate.session, mandate.actor) == (50, actor)


@pytest.mark.parametrize(
    ("lex", "text", "kind"),
    [
        (
            EN,
            "Requests the Secretary-General to transmit the report of the commission of inquiry "
            "to the General Assembly at its eighty-first session;",
            "other",
        ),
        (
            FR,
            "Prie le Secrétaire général de transmettre le rapport de la commission d’enquête à "
            "l’Assemblée générale à sa quatre-vingt-unième session ;",
            "other",
        ),
        (
            EN,
            "Requests the High Commissioner to transmit the data therein in the form of a report "
            "to the General Assembly at its eighty-first session;",
            "report",
        ),
    ],
)
def test_transmitting_a_report_is_no_report_of_ones_own(lex: Lexicon, text: str, kind: str) -> None:
    (mandate,) = _read(lex, text)
    assert (mandate.kind, mandate.session, mandate.body) == (kind, 81, "GA")


@pytest.mark.parametrize(
    ("lex", "text"),
    [
        (
            EN,
            "Decides to include in the provisional agenda of its eighty-first session the item "
            "entitled “Report of the Human Rights Council: high-level dialogue”;",
        ),
        (
            FR,
            "Décide d’inscrire à l’ordre du jour provisoire de sa quatre-vingt-unième session la "
            "question intitulée « Rapport du Conseil des droits de l’homme : dialogue de haut "
            "niveau » ;",
        ),
    ],
)
def test_including_an_item_in_the_agenda_is_a_decision_not_a_meeting(
    lex: Lexicon, text: str
) -> None:
    (mandate,) = _read(lex, text, body="GA")
    assert (mandate.kind, mandate.session, mandate.body, mandate.actor) == (
        "other",
        81,
        "GA",
        "other",
    )


@pytest.mark.parametrize(
    ("lex", "text"),
    [
        (EN, "Decides to transmit the report of the Special Rapporteur to the General Assembly;"),
        (
            EN,
            "Decides to establish a commission of inquiry, to continue the work following the "
            "submission of its comprehensive report;",
        ),
        (
            EN,
            "Encourages the Special Rapporteur to respond to allegations referred to in his "
            "report;",
        ),
        (FR, "Décide de transmettre le rapport du Rapporteur spécial à l’Assemblée générale ;"),
        (FR, "Décide que la commission d’enquête devra établir les faits et les circonstances ;"),
    ],
)
def test_naming_a_report_asks_for_none(lex: Lexicon, text: str) -> None:
    assert _read(lex, text) == ()

"""Two deliverables asked for with one verb give two mandates, each with its session."""

from __future__ import annotations

from resolutions.importer import parse

ENGLISH = """Human Rights Council
Fifty-first session
Agenda item 4
Resolution adopted by the Human Rights Council on 7 October 2022
51/40. An invented resolution
The Human Rights Council,
Recalling its earlier resolutions,
1. {paragraph}
40th meeting
7 October 2022
[Adopted without a vote.]
"""

FRENCH = """Conseil des droits de l’homme
Cinquante et unième session
Point 4 de l’ordre du jour
Résolution adoptée par le Conseil des droits de l’homme le 7 octobre 2022
51/40. Une résolution inventée
Le Conseil des droits de l’homme,
Rappelant ses résolutions antérieures,
1. {paragraph}
40e séance
7 octobre 2022
[Adoptée sans vote.]
"""


def mandates(paragraph: str, template: str = ENGLISH) -> list[tuple[str, int | None]]:
    parsed = parse(template.format(paragraph=paragraph))
    return [(mandate.kind, mandate.session) for mandate in parsed.mandates]


def test_a_session_named_after_two_deliverables_is_the_session_of_both() -> None:
    assert mandates(
        "Requests the High Commissioner to present a report and an oral update to the Council "
        "at its fifty-second session;"
    ) == [("report", 52), ("oral_update", 52)]


def test_a_deliverable_after_as_well_as_is_a_mandate_of_its_own() -> None:
    assert mandates(
        "Requests the Commission to present an oral update to the Council at its fifty-second "
        "session, as well as a comprehensive report at its fifty-third session;"
    ) == [("oral_update", 52), ("report", 53)]


def test_a_deliverable_after_followed_by_is_a_mandate_of_its_own() -> None:
    assert mandates(
        "Requests the Commission to present an oral update at its fifty-second session, "
        "followed by a comprehensive written report at its fifty-third session;"
    ) == [("oral_update", 52), ("report", 53)]


def test_a_second_deliverable_may_name_its_session_before_it() -> None:
    assert mandates(
        "Requests the Commission to present, at its fifty-second session, an oral update and, "
        "at its fifty-third session, a comprehensive report;"
    ) == [("oral_update", 52), ("report", 53)]


def test_an_interactive_dialogue_following_a_report_is_no_second_deliverable() -> None:
    assert mandates(
        "Requests the Commission to present a comprehensive report at its fifty-second session, "
        "to be followed by an interactive dialogue;"
    ) == [("report", 52)]


def test_a_debate_on_the_report_is_no_second_report() -> None:
    assert mandates(
        "Requests the High Commissioner to present a report at its fifty-second session, "
        "followed by a debate on the report;"
    ) == [("report", 52)]


def test_a_lettered_sub_paragraph_does_not_take_the_session_of_the_next_one() -> None:
    found = mandates(
        "Requests the High Commissioner to present to the Council: (a) an oral update on the "
        "situation; (b) a report on the follow-up at its fifty-second session;"
    )
    assert ("oral_update", None) in found
    assert ("oral_update", 52) not in found
    assert ("report", 52) in found


def test_french_ainsi_qu_un_rapport_is_a_mandate_of_its_own() -> None:
    assert mandates(
        "Prie la Commission de présenter une mise à jour orale au Conseil à sa cinquante-deuxième "
        "session, ainsi qu’un rapport complet à sa cinquante-troisième session;",
        FRENCH,
    ) == [("oral_update", 52), ("report", 53)]


def test_french_deliverables_share_the_session_named_after_both() -> None:
    assert mandates(
        "Prie la Haute-Commissaire de présenter un rapport et une mise à jour orale au Conseil à "
        "sa cinquante-deuxième session;",
        FRENCH,
    ) == [("report", 52), ("oral_update", 52)]

"""Council decisions and President's statements, read by the resolutions' stages.

The paired fixtures (``en_decision_*``, ``fr_decision_*``,
``*_presidents_statement*``) hold whole texts; these tests pin each rule
on a small text: where the kind is read from, the statement's
introduction, its quotation marks and its missing footer, the session of
an organizational session, and requests made by "The Human Rights Council".
"""

from __future__ import annotations

import datetime

import pytest

from resolutions.importer import ImporterError, parse
from resolutions.importer.header import read_header, session_of, symbol_of
from resolutions.importer.lexicon import LEXICONS
from resolutions.importer.normalize import Line, normalize
from resolutions.importer.statement import unquote

EN = LEXICONS["en"]
FR = LEXICONS["fr"]

BODY = """The Human Rights Council,
Recalling its earlier decisions,
1. Requests the Office of the High Commissioner to present a report to the Council
at its sixtieth session;
2. Decides to remain seized of the matter.
40th meeting
3 April 2025
[Adopted without a vote.]
"""


def decision(heading: str) -> str:
    return "Human Rights Council\nFifty-eighth session\nAgenda item 1\n" + heading + BODY


STATEMENT = """Human Rights Council
Fifty-eighth session
Agenda item 1
President’s statement*
PRST 58/1. An invented statement
At the 41st meeting, held on 4 April 2025, the President of the Human Rights
Council made the following statement:
“The Human Rights Council,
Recalling its resolution 5/1,
1. Requests the Office of the High Commissioner to present an oral update to the
Council at its fifty-ninth session;
2. Decides to remain seized of the matter.”
"""


def lines_of(text: str) -> tuple[Line, ...]:
    return normalize(text).lines


# --- The kind and the symbol ---------------------------------------------------------


def test_a_decision_is_named_by_its_adoption_line() -> None:
    parsed = parse(
        decision(
            "Decision adopted by the Human Rights Council on 3 April 2025\n"
            "58/115. An invented decision\n"
        )
    )
    assert (parsed.kind, parsed.symbol, parsed.number) == (
        "decision",
        "A/HRC/DEC/58/115",
        "58/115",
    )
    assert parsed.adopted_on == datetime.date(2025, 4, 3)
    assert parsed.title == "An invented decision"


def test_a_decision_is_named_by_the_word_before_its_number() -> None:
    parsed = parse(decision("Decision 58/115. An invented decision\n"))
    assert (parsed.kind, parsed.symbol, parsed.title) == (
        "decision",
        "A/HRC/DEC/58/115",
        "An invented decision",
    )


def test_a_decision_is_named_by_its_running_symbol_when_the_heading_does_not_say() -> None:
    parsed = parse("United Nations A/HRC/DEC/58/115\n" + decision("58/115. An invented decision\n"))
    assert parsed.kind == "decision"
    assert parsed.warnings == []


def test_a_resolution_naming_no_kind_stays_a_resolution() -> None:
    parsed = parse(decision("58/15. An invented resolution\n"))
    assert (parsed.kind, parsed.symbol) == ("resolution", "A/HRC/RES/58/15")


def test_a_french_decision_is_named_by_its_adoption_line() -> None:
    text = """Conseil des droits de l’homme
Cinquante-huitième session
Décision adoptée par le Conseil des droits de l’homme le 3 avril 2025
58/115. Une décision inventée
Le Conseil des droits de l’homme,
Rappelant ses décisions antérieures,
1. Prie le Haut-Commissariat de lui présenter un rapport à sa soixantième session ;
2. Décide de rester saisi de la question.
40e séance
3 avril 2025
[Adoptée sans vote.]
"""
    parsed = parse(text)
    assert (parsed.kind, parsed.symbol, parsed.language) == ("decision", "A/HRC/DEC/58/115", "fr")
    assert parsed.adopted_on == datetime.date(2025, 4, 3)


def test_read_header_names_the_kind_of_a_statement_and_its_meeting() -> None:
    header = read_header(lines_of(STATEMENT), (), EN)
    assert (header.kind, header.number, header.symbol) == ("statement", "58/1", "A/HRC/PRST/58/1")
    assert header.title == "An invented statement"
    assert header.meeting == 41
    assert header.adopted_on == datetime.date(2025, 4, 4)
    assert header.quoted


def test_the_symbol_of_each_kind() -> None:
    assert symbol_of("HRC", "46/13") == "A/HRC/RES/46/13"
    assert symbol_of("HRC", "46/115", "decision") == "A/HRC/DEC/46/115"
    assert symbol_of("HRC", "OS/12/1", "statement") == "A/HRC/PRST/OS/12/1"
    assert symbol_of("GA", "80/6") == "A/RES/80/6"


# --- President's statements ----------------------------------------------------------


def test_a_statement_is_read_without_footer_and_without_its_quotation_marks() -> None:
    parsed = parse(STATEMENT)
    assert (parsed.kind, parsed.symbol, parsed.meeting, parsed.vote) == (
        "statement",
        "A/HRC/PRST/58/1",
        41,
        None,
    )
    assert [p.text for p in parsed.preambular_paragraphs] == ["Recalling its resolution 5/1,"]
    assert parsed.operative_paragraphs[-1].text == "Decides to remain seized of the matter."
    assert [(m.kind, m.session, m.actor) for m in parsed.mandates] == [("oral_update", 59, "ohchr")]
    assert parsed.warnings == []


def test_a_statement_cut_before_its_closing_quotation_mark_is_read_with_a_warning() -> None:
    cut = STATEMENT.rsplit("\n2.", 1)[0] + "\n"
    parsed = parse(cut)
    assert [p.number for p in parsed.operative_paragraphs] == [1]
    (warning,) = parsed.warnings
    assert warning.code == "footer.statement_not_closed"
    assert warning.line == len(cut.splitlines())


def test_a_resolution_cut_short_is_still_refused() -> None:
    text = decision("58/15. An invented resolution\n").split("40th meeting")[0]
    with pytest.raises(ImporterError) as caught:
        parse(text)
    assert caught.value.code == "footer.missing"


def test_a_statement_speaking_of_the_council_in_the_third_person_asks_what_it_requests() -> None:
    text = """Human Rights Council
Fifty-first session
Statement by the President
PRST 51/2. An invented statement
At its 41st meeting, on 7 October 2022, the Human Rights Council took note of the
consultations held, and the President made the following statement:
1. The Human Rights Council welcomes the consultations held, and requests the Office
of the High Commissioner to prepare a report and to present it to the Council at its
fifty-fourth session.
2. The Human Rights Council requests the Secretary-General to present an oral update
at its fifty-third session.
"""
    parsed = parse(text)
    assert (parsed.kind, parsed.meeting, parsed.adopted_on) == (
        "statement",
        41,
        datetime.date(2022, 10, 7),
    )
    assert parsed.preambular_paragraphs == []
    assert [(m.paragraph, m.kind, m.session, m.actor) for m in parsed.mandates] == [
        (1, "report", 54, "ohchr"),
        (2, "oral_update", 53, "secretary_general"),
    ]


def test_a_french_statement_speaking_of_the_council_asks_what_it_requests() -> None:
    text = """Conseil des droits de l’homme
Cinquante et unième session
Déclaration du Président
PRST 51/2. Une déclaration inventée
À sa 41e séance, le 7 octobre 2022, le Président a fait la déclaration suivante :
1. Le Conseil prie le Haut-Commissariat d’établir un rapport et de le lui présenter
à sa cinquante-quatrième session.
2. Le Conseil des droits de l’homme décide de rester saisi de la question.
"""
    parsed = parse(text)
    assert (parsed.kind, parsed.language, parsed.meeting) == ("statement", "fr", 41)
    assert [(m.kind, m.session, m.actor) for m in parsed.mandates] == [("report", 54, "ohchr")]


def test_a_citation_of_what_the_council_requested_elsewhere_asks_for_nothing() -> None:
    parsed = parse(
        decision("58/15. An invented resolution\n").replace(
            "2. Decides to remain",
            "2. Recalls resolution 5/1, in which the Council requests the Secretary-General to "
            "present a report at its sixty-first session;\n3. Decides to remain",
        )
    )
    assert [m.paragraph for m in parsed.mandates] == [1]


def test_a_statement_of_an_organizational_session_counts_from_the_cycle_s_last_session() -> None:
    assert session_of("OS/12/1") == 39  # December 2018, after sessions 37–39
    assert session_of("OS/18/1") == 57  # December 2024, after sessions 55–57
    assert session_of("S-30/1") == 30
    assert session_of("46/115") == 46


def test_unquote_leaves_resolutions_alone() -> None:
    body = (Line(1, "1. Decides to quote “the Charter”"),)
    assert unquote(body, "resolution", False).body == body


def test_unquote_takes_a_french_statement_s_guillemets_away() -> None:
    body = (Line(1, "1. Décide de rester saisi de la question. »"),)
    unquoted = unquote(body, "statement", True)
    assert unquoted.body[0].text == "1. Décide de rester saisi de la question."
    assert unquoted.warnings == ()


def test_a_statement_joined_to_its_introduction_on_one_line_is_read_whole() -> None:
    heading, rest = STATEMENT.split("At the 41st meeting", 1)
    introduction, text = rest.split("\n“", 1)
    joined = heading + "At the 41st meeting" + introduction.replace("\n", " ") + " “" + text
    parsed = parse(joined.replace("“The Human Rights Council,\n", "“The Human Rights Council, "))
    assert (parsed.meeting, parsed.adopted_on) == (41, datetime.date(2025, 4, 4))
    assert [p.text for p in parsed.preambular_paragraphs] == ["Recalling its resolution 5/1,"]
    assert [p.number for p in parsed.operative_paragraphs] == [1, 2]
    assert parsed.warnings == []

"""Resolution 46/13 in French, as staff pasted it from the PDF: every field."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from resolutions.importer import parse
from resolutions.importer.types import ParsedResolution

SAMPLE = (
    Path(__file__).resolve().parents[3] / "resolutions" / "sample_data" / "A_HRC_RES_46_13.fr.txt"
)


@pytest.fixture(scope="module")
def resolution() -> ParsedResolution:
    return parse(SAMPLE.read_text(encoding="utf-8"))


def test_it_reads_the_heading_of_the_french_sample(resolution: ParsedResolution) -> None:
    assert resolution.symbol == "A/HRC/RES/46/13"
    assert resolution.body == "HRC"
    assert resolution.session == 46
    assert resolution.number == "46/13"
    assert resolution.title == (
        "Promotion d’une coopération mutuellement avantageuse dans le domaine des droits de l’homme"
    )
    assert resolution.language == "fr"
    assert resolution.adopted_on == datetime.date(2021, 3, 23)
    assert resolution.agenda_item == "3"
    assert resolution.meeting == 49


def test_it_counts_17_preambular_and_8_operative_paragraphs(
    resolution: ParsedResolution,
) -> None:
    assert len(resolution.preambular_paragraphs) == 17
    assert [p.number for p in resolution.operative_paragraphs] == list(range(1, 9))
    assert resolution.preambular_paragraphs[0].text == (
        "Guidé par les buts et principes énoncés dans la Charte des Nations Unies,"
    )
    # A paragraph pasted after a page break keeps no stray leading space.
    assert resolution.preambular_paragraphs[8].text.startswith("Réaffirmant que ses travaux")
    assert resolution.preambular_paragraphs[16].text.startswith("Conscient également du fait")
    assert resolution.operative_paragraphs[7].text.endswith("à sa cinquante-deuxième session.")


def test_the_authorial_line_is_not_a_paragraph(resolution: ParsedResolution) -> None:
    texts = [p.text for p in resolution.preambular_paragraphs]
    assert not any(text.startswith("Le Conseil des droits de l’homme") for text in texts)


def test_it_reads_the_recorded_vote_of_the_french_sample(resolution: ParsedResolution) -> None:
    vote = resolution.vote
    assert vote is not None
    assert (vote.method, vote.yes, vote.no, vote.abstentions) == ("recorded", 26, 15, 6)
    assert vote.lists_consistent
    assert vote.in_favour[0] == "Argentine"
    assert "Bolivie (État plurinational de)" in vote.in_favour
    assert "Fédération de Russie" in vote.in_favour
    assert vote.in_favour[-1] == "Venezuela (République bolivarienne du)"
    # The United Kingdom is one State, though its name holds "et".
    assert "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord" in vote.against
    assert vote.against[-1] == "Ukraine"
    assert vote.abstaining == ("Arménie", "Bahamas", "Fidji", "Libye", "Malawi", "Ouzbékistan")
    assert resolution.warnings == []


def test_it_proposes_the_meeting_and_the_report_of_the_french_sample(
    resolution: ParsedResolution,
) -> None:
    found = [(m.paragraph, m.kind, m.session, m.actor) for m in resolution.mandates]
    assert found == [
        (7, "meeting", 49, "council"),
        (8, "resources", 49, "high_commissioner"),
        (8, "report", 52, "high_commissioner"),
    ]
    meeting, resources, report = resolution.mandates
    assert meeting.text.startswith("Décide de convoquer à sa quarante-neuvième session")
    assert not meeting.needs_review
    # The session of the resources is inferred from the OP7 meeting they serve.
    assert resources.needs_review
    assert "réunion susmentionnée" in resources.text
    assert report.text == (
        "d’établir un rapport de synthèse sur cette réunion et de le lui soumettre à sa "
        "cinquante-deuxième session"
    )
    for mandate in resolution.mandates:
        assert mandate.text in resolution.operative_paragraphs[mandate.paragraph - 1].text

import html
from io import StringIO
from itertools import groupby
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from resolutions.importer import parse
from resolutions.models import DocumentKind, Resolution, ResolutionText
from tests.factories import ResolutionFactory
from tracker import services
from tracker.models import FollowUp

URL = reverse("web:resolution_detail", kwargs={"symbol": "A/HRC/RES/46/13"})
RECURRING = (
    Path(__file__).resolve().parents[2]
    / "resolutions"
    / "importer"
    / "fixtures"
    / "en_recurring_mandates.txt"
)


@pytest.fixture
def sample(db):
    call_command("load_sample_data", stdout=StringIO())
    return Resolution.objects.get(symbol="A/HRC/RES/46/13")


def test_its_address_is_the_symbol(sample):
    assert sample.get_absolute_url() == "/resolutions/A/HRC/RES/46/13/"


def test_it_shows_the_resolution_its_paragraphs_vote_and_follow_ups(
    client, staff_member, sample, django_assert_max_num_queries
):
    client.force_login(staff_member)

    with django_assert_max_num_queries(12):
        response = client.get(URL)

    page = response.content.decode()
    assert "Promotion d’une coopération mutuellement avantageuse" in page
    assert page.count('<li id="pp') == 17
    assert page.count('<article class="operative" id="op') == 8
    assert 'id="op7"' in page
    assert "Adopted by a recorded vote of 26 to 15, with 6 abstentions." in page
    # The vote was printed in French; the English page names the States in English.
    assert '<li lang="en">United Kingdom of Great Britain and Northern Ireland</li>' in page
    assert "Venezuela (Bolivarian Republic of)" in page
    assert "Royaume-Uni" not in page
    assert "23 March 2021" in page
    op8 = page[page.index('id="op8"') :]
    assert "Report for session 52" in op8
    assert "Resources for session 49" in op8


def test_an_unknown_symbol_is_404(client, staff_member, db):
    client.force_login(staff_member)
    response = client.get(reverse("web:resolution_detail", kwargs={"symbol": "A/HRC/RES/1/1"}))
    assert response.status_code == 404


def test_the_resolution_list_reads_in_a_fixed_number_of_queries(
    client, staff_member, django_assert_max_num_queries
):
    ResolutionFactory.create_batch(20)
    client.force_login(staff_member)

    with django_assert_max_num_queries(6):
        response = client.get(reverse("web:resolution_list"))

    assert response.context["page"].paginator.count == 20


def test_the_french_page_names_the_states_in_french(client, staff_member, sample):
    client.force_login(staff_member)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})

    page = client.get(URL).content.decode()

    assert '<li lang="fr">Royaume-Uni de Grande-Bretagne et d’Irlande du Nord</li>' in page
    assert "Venezuela (République bolivarienne du)" in page
    assert "United Kingdom" not in page


def test_a_name_not_in_the_table_of_states_stays_as_printed_in_the_texts_language(
    client, staff_member, sample
):
    position = sample.vote.positions.get(state__code="VEN")
    position.state = None
    position.printed_name = "République bolivarienne du Venezuela"
    position.save()
    client.force_login(staff_member)

    page = client.get(URL).content.decode()

    assert '<li lang="fr">République bolivarienne du Venezuela</li>' in page


def test_the_two_titles_are_separated_by_a_visible_dash_each_in_its_language(
    client, staff_member, sample
):
    ResolutionText.objects.create(
        resolution=sample, language="en", title="Promoting mutually beneficial cooperation"
    )
    client.force_login(staff_member)

    page = client.get(URL).content.decode()

    h1 = page[page.index("<h1>") : page.index("</h1>")]
    assert '<span class="title-separator"> — </span>' in h1
    assert '<span lang="en" class="title">Promoting mutually beneficial cooperation</span>' in h1
    assert "visually-hidden" not in h1


def test_the_follow_ups_of_a_series_are_listed_together_each_labelled(
    client, staff_member, council_calendar
):
    text = RECURRING.read_text()
    parsed = parse(text)
    services.import_resolution(
        parsed=parsed, source_text=text, proposals=services.proposals_for(parsed)
    )
    client.force_login(staff_member)

    response = client.get(reverse("web:resolution_detail", kwargs={"symbol": parsed.symbol}))

    (op2,) = [p for p in response.context["page"].operative if p.paragraph.number == 2]
    shown = [(f.followup.mandate.series, f.series_label) for f in op2.followups]
    # Two series in one paragraph (to the Council, to the Assembly), each together.
    assert [series for series, _ in groupby(series for series, _ in shown)] in ([1, 2], [2, 1])
    assert [label for series, label in shown if series == 1] == [
        "annual series, 1 of 3",
        "annual series, 2 of 3",
        "annual series, 3 of 3",
    ]
    assert '<span class="series">(annual series, 2 of 3)</span>' in response.content.decode()


def test_the_page_of_a_decision_names_its_kind(client, staff_member, db):
    decision = ResolutionFactory(
        number="58/102", symbol="A/HRC/DEC/58/102", kind=DocumentKind.DECISION
    )
    client.force_login(staff_member)

    page = client.get(decision.get_absolute_url()).content.decode()

    assert decision.get_absolute_url() == "/resolutions/A/HRC/DEC/58/102/"
    assert "<dt>Kind of document</dt><dd>Decision</dd>" in page


def test_the_page_of_a_statement_says_it_was_not_voted_on(client, staff_member, db):
    statement = ResolutionFactory(
        number="OS/19/1", symbol="A/HRC/PRST/OS/19/1", kind=DocumentKind.STATEMENT
    )
    client.force_login(staff_member)

    page = client.get(statement.get_absolute_url()).content.decode()

    assert "<dd>President's statement</dd>" in html.unescape(page)
    assert "made on behalf of the Council, without a vote" in page
    assert "does not say how it was adopted" not in page


def test_the_list_shows_each_document_s_kind_and_filters_on_it(client, staff_member, db):
    ResolutionFactory(number="58/1", symbol="A/HRC/RES/58/1")
    ResolutionFactory(number="58/102", symbol="A/HRC/DEC/58/102", kind=DocumentKind.DECISION)
    client.force_login(staff_member)

    everything = client.get(reverse("web:resolution_list"))
    decisions = client.get(reverse("web:resolution_list"), {"kind": "decision"})
    unknown = client.get(reverse("web:resolution_list"), {"kind": "treaty"})

    assert everything.context["page"].paginator.count == 2
    assert "<td>Decision</td>" in everything.content.decode()
    assert [r.symbol for r in decisions.context["page"]] == ["A/HRC/DEC/58/102"]
    assert 'href="/resolutions/?kind=decision" aria-current="true"' in decisions.content.decode()
    assert unknown.context["page"].paginator.count == 2


def test_the_list_of_a_kind_nothing_was_imported_of_says_so(client, staff_member, db):
    ResolutionFactory()
    client.force_login(staff_member)

    response = client.get(reverse("web:resolution_list"), {"kind": "statement"})

    assert "No document of this kind has been imported yet." in response.content.decode()


UNNUMBERED = """Human Rights Council
Fifty-eighth session
Agenda item 2
Resolution adopted by the Human Rights Council on 3 April 2025
58/41. An invented resolution with one operative paragraph
The Human Rights Council,
Recalling its earlier resolutions,
Requests the High Commissioner to prepare a report on the subject and to present it to
the Human Rights Council at its sixtieth session.
40th meeting
3 April 2025
[Adopted without a vote.]
"""


@pytest.fixture
def unnumbered(db, council_calendar):
    parsed = parse(UNNUMBERED)
    services.import_resolution(
        parsed=parsed, source_text=UNNUMBERED, proposals=services.proposals_for(parsed)
    )
    return Resolution.objects.get(symbol="A/HRC/RES/58/41")


def test_a_paragraph_printed_without_a_number_is_shown_as_unnumbered_and_linkable(
    client, staff_member, unnumbered
):
    client.force_login(staff_member)

    page = client.get(unnumbered.get_absolute_url()).content.decode()

    assert '<article class="operative" id="op1"' in page
    assert '<a href="#op1">Operative paragraph (unnumbered)</a>' in page
    assert "Operative paragraph 1" not in page
    # Its follow-up is listed under it, titled without a paragraph number.
    op1 = page[page.index('id="op1"') :]
    assert "Report for session 60 (58/41)" in op1


def test_the_follow_up_of_an_unnumbered_paragraph_links_to_it_by_its_label(
    client, staff_member, unnumbered
):
    followup = FollowUp.objects.get(resolution=unnumbered)
    client.force_login(staff_member)

    page = client.get(followup.get_absolute_url()).content.decode()

    assert f'<a href="{unnumbered.get_absolute_url()}#op1">OP (unnumbered)</a>' in page
    assert followup.title_parts["numbered"] is False

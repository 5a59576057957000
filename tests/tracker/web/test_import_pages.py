"""The web import: paste, review side by side, edit proposals, confirm atomically."""

import html
import re
from pathlib import Path

import pytest
from django.urls import reverse

from resolutions.importer import parse
from resolutions.models import Paragraph, Resolution, ResolutionText
from tests.factories import UnitFactory
from tracker import deadlines, selectors
from tracker.models import FollowUp, ProgressEntry

SAMPLE = (
    Path(__file__).resolve().parents[3] / "resolutions" / "sample_data" / "A_HRC_RES_46_13.fr.txt"
)
START = reverse("web:import_start")
REVIEW = reverse("web:import_review")
CONFIRM = reverse("web:import_confirm")


@pytest.fixture
def text():
    return SAMPLE.read_text()


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def reviewed(text, **changes):
    """The POST data of the review page as Suivi proposes it, with ``changes`` applied."""
    data = {
        "text": text,
        "language": "",
        "form-TOTAL_FORMS": "3",
        "form-INITIAL_FORMS": "3",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "200",
    }
    proposals = [
        ("meeting", "council", 49, "Meeting for session 49 (46/13, OP7)"),
        ("resources", "high_commissioner", 49, "Resources for session 49 (46/13, OP8)"),
        ("report", "high_commissioner", 52, "Report for session 52 (46/13, OP8)"),
    ]
    for i, (kind, actor, session, title) in enumerate(proposals):
        data |= {
            f"form-{i}-keep": "on",
            f"form-{i}-mandate_order": str(i),
            f"form-{i}-title": title,
            f"form-{i}-kind": kind,
            f"form-{i}-actor": actor,
            f"form-{i}-session_body": "HRC",
            f"form-{i}-session_number": str(session),
            f"form-{i}-lead_unit": "",
        }
    return data | changes


def test_staff_without_the_import_right_are_turned_away(client, staff_member):
    client.force_login(staff_member)
    assert client.get(START).status_code == 403


def test_the_review_shows_the_source_and_what_was_read_and_stores_nothing(manager_client, text):
    response = manager_client.post(REVIEW, {"text": text, "language": ""})

    assert response.status_code == 200
    page = response.content.decode()
    assert "A/HRC/RES/46/13" in page
    assert page.count('<li id="L') == len(text.splitlines())
    assert "16 January 2023" in page  # the report's due date, six weeks before session 52
    assert response.context["formset"].total_form_count() == 3
    assert not Resolution.objects.exists()


def test_an_uploaded_file_is_read_like_a_pasted_text_and_can_be_confirmed(
    manager_client, text, tmp_path
):
    path = tmp_path / "46_13.txt"
    path.write_text(text)
    with path.open("rb") as upload:
        review = manager_client.post(REVIEW, {"file": upload, "language": ""})
    assert review.status_code == 200
    assert review.context["parsed"].symbol == "A/HRC/RES/46/13"
    page = review.content.decode()
    carried = re.search(r'<textarea name="text"[^>]*>\n(.*?)</textarea>', page, re.S)
    assert html.unescape(carried.group(1)) == text

    response = manager_client.post(CONFIRM, reviewed(html.unescape(carried.group(1))))

    assert response.status_code == 302
    assert Resolution.objects.get().source_text == text


def test_a_malformed_text_is_shown_with_the_line_that_is_wrong(manager_client, text):
    broken = text[: text.index("4. Souligne")]

    response = manager_client.post(REVIEW, {"text": broken, "language": ""})

    assert response.status_code == 400
    errors = response.context["form"].errors["text"][0]
    assert "line" in errors
    assert not Resolution.objects.exists()


def test_an_empty_text_is_refused_with_a_message(manager_client):
    response = manager_client.post(REVIEW, {"text": "   ", "language": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["text"] == [
        "Paste the text of a resolution, or choose a file."
    ]


def test_recalculating_keeps_the_edits_and_moves_the_due_date(manager_client, text):
    response = manager_client.post(REVIEW, reviewed(text, **{"form-2-session_number": "53"}))

    assert response.status_code == 200
    assert "8 May 2023" in response.content.decode()  # six weeks before 19 June 2023
    assert not Resolution.objects.exists()


def test_confirming_stores_the_resolution_and_the_follow_ups_kept(manager_client, text):
    unit = UnitFactory(name="Rule of Law section")
    data = reviewed(
        text,
        **{
            "form-1-keep": "",
            "form-2-title": "Summary report on the two-hour meeting",
            "form-2-lead_unit": str(unit.pk),
        },
    )
    del data["form-1-keep"]

    response = manager_client.post(CONFIRM, data)

    resolution = Resolution.objects.get()
    assert response.status_code == 302
    assert response.url == resolution.get_absolute_url()
    followups = {f.kind: f for f in FollowUp.objects.all()}
    assert set(followups) == {"meeting", "report"}
    assert followups["report"].title == "Summary report on the two-hour meeting"
    assert followups["report"].lead_unit == unit
    assert resolution.source_text == text


def test_a_forged_proposal_is_refused_and_nothing_is_stored(manager_client, text):
    response = manager_client.post(CONFIRM, reviewed(text, **{"form-2-mandate_order": "7"}))

    assert response.status_code == 400
    assert response.context["formset"].non_form_errors()
    assert not Resolution.objects.exists()


def test_a_forged_kind_is_shown_next_to_its_field(manager_client, text):
    response = manager_client.post(CONFIRM, reviewed(text, **{"form-0-kind": "party"}))

    assert response.status_code == 400
    assert "kind" in response.context["formset"].forms[0].errors
    assert not Resolution.objects.exists()


def test_importing_a_stored_resolution_again_needs_replace(manager_client, text):
    manager_client.post(CONFIRM, reviewed(text))

    response = manager_client.post(CONFIRM, reviewed(text))

    assert response.status_code == 400
    assert "already stored" in response.context["form"].errors["replace"][0]
    assert FollowUp.objects.count() == 3


def test_replacing_keeps_follow_ups_and_their_progress_linked_by_paragraph(
    manager_client, manager, text
):
    manager_client.post(CONFIRM, reviewed(text))
    report = FollowUp.objects.get(kind="report")
    ProgressEntry.objects.create(followup=report, author=manager, text="Drafting")
    changed = text.replace("rapport de synthèse", "rapport de synthèse détaillé")

    response = manager_client.post(CONFIRM, reviewed(changed, replace="on"))

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.progress.get().text == "Drafting"
    assert [p.number for p in report.paragraphs.all()] == [8]
    assert "détaillé" in Paragraph.objects.get(kind="operative", number=8).text
    assert FollowUp.objects.count() == 3
    shown = [str(m) for m in response.wsgi_request._messages]
    assert any("OP8" in m for m in shown)


@pytest.mark.usefixtures("corpus_dir")
def test_the_english_text_is_added_to_the_stored_french_one(manager_client, text, corpus_dir):
    manager_client.post(CONFIRM, reviewed(text))
    english = (corpus_dir / "dev" / "A_HRC_RES_46_13.en.txt").read_text()
    review = manager_client.post(REVIEW, {"text": english, "language": ""})
    assert review.context["adds_language"]
    assert review.context["formset"].total_form_count() == 0
    page = review.content.decode()
    assert "confirming adds this text (English) to it" in page
    assert "<dt>Language of the text</dt><dd>English</dd>" in page
    in_french = manager_client.post(
        REVIEW, {"text": english, "language": ""}, HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "ajoute ce texte (anglais)" in in_french
    assert "<dd>anglais</dd>" in in_french

    response = manager_client.post(
        CONFIRM,
        {"text": english, "language": "", "form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0"},
    )

    assert response.status_code == 302
    translation = ResolutionText.objects.get()
    assert translation.language == "en"
    op8 = Paragraph.objects.get(kind="operative", number=8)
    assert "summary report" in op8.translations.get(language="en").text
    assert FollowUp.objects.count() == 3
    languages = manager_client.get(
        reverse("web:resolution_detail", kwargs={"symbol": "A/HRC/RES/46/13"}),
        HTTP_ACCEPT_LANGUAGE="fr",
    ).content.decode()
    assert '<a href="?text=fr">français</a>' in languages
    assert '<a href="?text=en">anglais</a>' in languages


def test_adding_a_language_says_where_the_paragraphs_differ(manager_client, text):
    manager_client.post(CONFIRM, reviewed(text))
    fixture = Path(__file__).resolve().parents[2] / "resolutions" / "importer" / "fixtures"
    english = (fixture / "en_clean_without_vote.txt").read_text().replace("58/21.", "46/13.")
    english = english.replace("Fifty-eighth session", "Forty-sixth session")

    response = manager_client.post(
        CONFIRM,
        {"text": english, "language": "", "form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0"},
        follow=True,
    )

    shown = [str(m) for m in response.context["messages"]]
    assert any("The English text has" in m and "the stored text 17" in m for m in shown)
    assert ResolutionText.objects.get().language == "en"


def test_the_excerpt_of_an_error_shows_the_line_named_even_after_page_breaks(manager_client, text):
    # pdftotext separates pages with a form feed: it must not shift the numbering.
    broken = text.replace("4. Souligne", "\f5. Souligne")

    response = manager_client.post(REVIEW, {"text": broken, "language": ""})

    assert response.status_code == 400
    line = response.context["error_line"]
    shown = dict(response.context["excerpt"])[line]
    assert "Souligne" in shown


def test_the_review_proposes_that_the_summary_report_waits_on_the_meeting(manager_client, text):
    response = manager_client.post(REVIEW, {"text": text, "language": ""})

    assert [row["waits_on"] for row in response.context["rows"]] == [None, None, 1]
    assert response.content.decode().count("Waits on proposal 1.") == 1


def test_confirming_links_the_report_to_the_meeting(manager_client, text):
    manager_client.post(CONFIRM, reviewed(text))

    report = FollowUp.objects.get(kind="report")
    assert [f.kind for f in report.waits_on.all()] == ["meeting"]


INVENTED = """Human Rights Council
Fifty-first session
Agenda item 4
Resolution adopted by the Human Rights Council on 7 October 2022
51/40. An invented resolution
The Human Rights Council,
Recalling its earlier resolutions,
{paragraphs}
40th meeting
7 October 2022
[Adopted without a vote.]
"""
# Session 60 is stored, 70 is estimated; each report on "the panel" waits on the panel before it.
CLAUSES = [
    "Decides to hold a panel discussion at its sixtieth session;",
    "Requests the High Commissioner to submit a summary report on the panel discussion "
    "at its sixtieth session;",
    "Requests the High Commissioner to submit a report at its seventieth session;",
]


def invented(proposals):
    """An English resolution with ``proposals`` operative paragraphs, one mandate each."""
    paragraphs = "\n".join(
        f"{number}. {CLAUSES[(number - 1) % len(CLAUSES)]}" for number in range(1, proposals + 1)
    )
    return INVENTED.format(paragraphs=paragraphs)


def shown(due):
    """What the review shows of a due date (an estimated session is unsaved: no equality)."""
    session = due.session
    return (due.date, due.rule, due.weeks, due.moved_from, session.number, session.start_date)


def test_each_proposal_gets_the_due_date_a_preview_gives_and_the_meeting_it_waits_on(
    db, council_calendar
):
    parsed = parse(invented(3))
    proposals = [
        {
            "kind": mandate.kind,
            "session_body": "HRC",
            "session_number": mandate.session,
            "mandate_order": order,
        }
        for order, mandate in enumerate(parsed.mandates)
    ]

    rows = selectors.import_review_rows(parsed=parsed, proposals=proposals)

    assert [row.mandate for row in rows] == parsed.mandates
    previews = [
        deadlines.preview(kind=p["kind"], body="HRC", session_number=p["session_number"])
        for p in proposals
    ]
    assert [shown(row.due_date) for row in rows] == [shown(due) for due in previews]
    assert rows[0].due_date.session.pk is not None  # session 60 is stored
    assert rows[2].due_date.session.pk is None  # session 70 is estimated
    assert [row.waits_on for row in rows] == [None, 1, None]


def test_a_proposal_without_a_session_or_a_clause_has_no_due_date_and_no_mandate(db):
    parsed = parse(invented(1))

    (row,) = selectors.import_review_rows(
        parsed=parsed,
        proposals=[{"kind": "report", "session_number": None, "mandate_order": 5}],
    )

    assert (row.mandate, row.due_date, row.waits_on) == (None, None, None)


@pytest.mark.parametrize("proposals", [3, 30])
def test_the_review_takes_the_same_queries_whatever_the_number_of_proposals(
    manager_client, council_calendar, django_assert_num_queries, proposals
):
    UnitFactory()
    text = invented(proposals)

    # session, user, permissions (2), stored language, units, sessions, closure days
    with django_assert_num_queries(8):
        response = manager_client.post(REVIEW, {"text": text, "language": ""})

    assert response.status_code == 200
    assert response.context["formset"].total_form_count() == proposals
    page = response.content.decode()
    assert page.count("Waits on proposal") == proposals // 3


def test_a_recalculated_review_keeps_the_unit_each_proposal_was_given(manager_client, text):
    rule_of_law = UnitFactory(name="Rule of Law section")
    other = UnitFactory(name="Special Procedures Branch")

    response = manager_client.post(REVIEW, reviewed(text, **{"form-2-lead_unit": rule_of_law.pk}))

    page = response.content.decode()
    assert page.count(f'<option value="{rule_of_law.pk}" selected>') == 1
    assert page.count(f'<option value="{other.pk}">{other}</option>') == 3


def test_opening_the_reviews_address_directly_leads_back_to_the_import_page(manager_client):
    response = manager_client.get(REVIEW)

    assert response.status_code == 302
    assert response["Location"] == reverse("web:import_start")


def test_a_due_date_before_the_adoption_date_is_pointed_out_on_its_proposal(manager_client, text):
    # 46/13 was adopted on 23 March 2021; the 45th session sat in September 2020.
    response = manager_client.post(REVIEW, reviewed(text, **{"form-2-session_number": "45"}))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("falls before the text was adopted (23 March 2021)") == 1
    assert [row["before_adoption"] for row in response.context["rows"]] == [False, False, True]


def test_the_review_in_french_gives_the_importers_warnings_in_french_with_their_line(
    manager_client,
):
    fixtures = Path(__file__).resolve().parents[2] / "resolutions" / "importer" / "fixtures"
    special = (fixtures / "en_special_session_relative_session.txt").read_text(encoding="utf-8")
    manager_client.cookies["django_language"] = "fr"

    page = html.unescape(manager_client.post(REVIEW, {"text": special}).content.decode())

    assert '<a href="#L17">ligne 17 :</a>' in page.replace("\u00a0", " ")
    assert "adoptée à une session extraordinaire" in page
    assert "adopted at a special session" not in page


RECURRING = (
    Path(__file__).resolve().parents[2]
    / "resolutions"
    / "importer"
    / "fixtures"
    / "en_recurring_mandates.txt"
)


def as_proposed(text, review):
    """The POST data of *review* (a review page) with every proposal as Suivi proposes it."""
    forms = review.context["formset"].forms
    data = {
        "text": text,
        "language": "",
        "form-TOTAL_FORMS": str(len(forms)),
        "form-INITIAL_FORMS": str(len(forms)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "200",
    }
    for i, form in enumerate(forms):
        data |= {
            f"form-{i}-{name}": "" if form.initial.get(name) is None else str(form.initial[name])
            for name in form.fields
            if name not in ("keep", "lead_unit")
        }
        data[f"form-{i}-keep"] = "on"
    return data


def test_the_review_proposes_each_occurrence_of_a_recurring_mandate_with_its_series(
    manager_client, council_calendar
):
    text = RECURRING.read_text()

    response = manager_client.post(REVIEW, {"text": text, "language": ""})

    assert response.status_code == 200
    assert response.context["formset"].total_form_count() == len(parse(text).mandates) == 12
    series = [row["series"] for row in response.context["rows"]]
    assert series[:3] == ["annual series, 1 of 3", "annual series, 2 of 3", "annual series, 3 of 3"]
    assert series[6:10] == [
        "series, 1 of 2",  # two sessions named, no periodicity
        "series, 2 of 2",
        "biennial series, 1 of 2",
        "biennial series, 2 of 2",
    ]
    assert series[10:] == [None, None]
    page = response.content.decode()
    assert "Proposal 2, from operative paragraph 2 — " in page
    assert '<span class="series">annual series, 2 of 3</span>' in page
    # Each occurrence has its own due date, six weeks before its session.
    assert [row["due_date"].session.number for row in response.context["rows"][:3]] == [54, 57, 60]


def test_dropping_one_occurrence_keeps_the_others_of_its_series(manager_client, council_calendar):
    text = RECURRING.read_text()
    data = as_proposed(text, manager_client.post(REVIEW, {"text": text, "language": ""}))
    del data["form-1-keep"]  # the 57th session's report

    response = manager_client.post(CONFIRM, data)

    assert response.status_code == 302
    followed = FollowUp.objects.filter(mandate__series=1).order_by("mandate__occurrence")
    assert [(f.mandate.occurrence, f.target_session.number) for f in followed] == [(1, 54), (3, 60)]
    assert FollowUp.objects.count() == 11


def _proposed(text):
    """The POST data of the review page for ``text``, every proposal kept as Suivi makes it."""
    from tracker.services import proposals_for

    proposals = proposals_for(parse(text))
    data = {
        "text": text,
        "language": "",
        "form-TOTAL_FORMS": str(len(proposals)),
        "form-INITIAL_FORMS": str(len(proposals)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "200",
    }
    for i, proposal in enumerate(proposals):
        data |= {
            f"form-{i}-keep": "on",
            f"form-{i}-mandate_order": str(proposal.mandate_order),
            f"form-{i}-title": proposal.title,
            f"form-{i}-kind": proposal.kind,
            f"form-{i}-actor": proposal.actor,
            f"form-{i}-session_body": proposal.session_body,
            f"form-{i}-session_number": str(proposal.session_number or ""),
            f"form-{i}-lead_unit": "",
        }
    return data


def test_a_council_decision_is_reviewed_and_stored_as_a_decision_with_its_follow_ups(
    manager_client,
):
    fixtures = Path(__file__).resolve().parents[2] / "resolutions" / "importer" / "fixtures"
    text = (fixtures / "en_decision_without_vote.txt").read_text()

    review = manager_client.post(REVIEW, {"text": text, "language": ""})

    assert review.status_code == 200
    facts = review.content.decode()
    assert "<dt>Kind of document</dt><dd>Decision</dd>" in facts
    assert "A/HRC/DEC/58/102" in facts
    response = manager_client.post(CONFIRM, _proposed(text))
    assert response.status_code == 302
    decision = Resolution.objects.get()
    assert (decision.symbol, decision.kind) == ("A/HRC/DEC/58/102", "decision")
    assert FollowUp.objects.filter(resolution=decision).count() == 3


def test_a_presidents_statement_is_reviewed_as_a_statement_made_without_a_vote(manager_client):
    fixtures = Path(__file__).resolve().parents[2] / "resolutions" / "importer" / "fixtures"
    text = (fixtures / "fr_presidents_statement.txt").read_text()

    review = manager_client.post(REVIEW, {"text": text, "language": ""})

    page = html.unescape(review.content.decode())
    assert "<dd>President's statement</dd>" in page
    assert "made on behalf of the Council, without a vote" in page
    assert review.context["parsed"].meeting == 41
    assert review.context["formset"].total_form_count() == 2


def test_the_review_shows_a_paragraph_printed_without_a_number_as_unnumbered(
    manager_client, council_calendar
):
    text = (
        "Human Rights Council\nFifty-eighth session\nAgenda item 2\n"
        "Resolution adopted by the Human Rights Council on 3 April 2025\n"
        "58/41. An invented resolution\nThe Human Rights Council,\n"
        "Recalling its earlier resolutions,\n"
        "Requests the High Commissioner to present a report to the Human Rights Council at its\n"
        "sixtieth session.\n40th meeting\n3 April 2025\n[Adopted without a vote.]\n"
    )

    response = manager_client.post(REVIEW, {"text": text, "language": ""})

    page = response.content.decode()
    assert '<li class="unnumbered">' in page
    assert "Operative paragraph (unnumbered)" in page
    assert "Proposal 1, from the unnumbered operative paragraph" in page
    assert "Report for session 60 (58/41)" in page

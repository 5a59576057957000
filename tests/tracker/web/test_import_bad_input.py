"""The import page against bad input: blank lines, texts over the limit, values the
database would refuse, more proposals than a form carries, a proposal dropped before."""

import html
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from resolutions.importer import parse
from resolutions.importer.pipeline import MAX_TEXT_CHARS
from resolutions.models import Mandate, Resolution
from tests.tracker.web.test_import_pages import SAMPLE, invented, reviewed
from tracker.models import FollowUp
from tracker.web.import_forms import max_proposals
from tracker.web.imports import source_view

FIXTURES = Path(__file__).resolve().parents[2] / "resolutions" / "importer" / "fixtures"
REVIEW = reverse("web:import_review")
CONFIRM = reverse("web:import_confirm")
TOO_LONG = (
    "The text is too long for one resolution: Suivi reads at most 1,000,000 characters, "
    "or a file of at most 2 MB."
)


@pytest.fixture
def text():
    return SAMPLE.read_text()


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def with_blank_lines(text, count):
    """``text`` with ``count`` blank lines after its authorial line (line 16)."""
    lines = text.split("\n")
    return "\n".join([*lines[:16], *[""] * count, *lines[16:]])


def errors_of(response):
    return [str(error) for errors in response.context["form"].errors.values() for error in errors]


# ---------------------------------------------------------------- blank lines


def test_the_review_page_does_not_grow_with_blank_lines(manager_client, text):
    few = manager_client.post(REVIEW, {"text": with_blank_lines(text, 100_000), "language": ""})
    many = manager_client.post(REVIEW, {"text": with_blank_lines(text, 200_000), "language": ""})

    assert few.status_code == many.status_code == 200
    # The text travels once in the form (a newline per blank line), and that is all.
    assert len(many.content) - len(few.content) < 100_000 + 100


def test_a_run_of_blank_lines_is_one_line_of_the_source_and_the_numbers_stay_right(
    manager_client, text
):
    pasted = with_blank_lines(text, 5000)
    lines = pasted.split("\n")

    page = manager_client.post(REVIEW, {"text": pasted, "language": ""}).content.decode()

    first, last = 17, 17 + 5000  # with the blank line 17 that follows the authorial line
    run = f'<li class="blank-run" id="L{first}" value="{first}">'
    assert f"{run}lines {first} to {last} are blank</li>" in page
    following = lines[last]  # the line after the run: line last + 1
    assert f'<li id="L{last + 1}" value="{last + 1}">{html.escape(following)}</li>' in page
    assert page.count("<li") < len(text.split("\n")) + 100


def test_a_warnings_link_points_at_its_line_or_at_the_run_that_holds_it():
    view = source_view("a\n\n\n\n\nb\n\nc")  # line 2 to 5 are blank; 7 is a single blank line

    assert view.runs == ((2, 5),)
    assert [view.anchor(line) for line in range(1, 9)] == [1, 2, 2, 2, 2, 6, 7, 8]
    assert str(view.html).count("<li") == 5


def test_the_source_view_escapes_every_line():
    view = source_view('<script>alert("x")</script>\n&amp;')

    assert "<script>" not in str(view.html)
    assert "&lt;script&gt;" in str(view.html)
    assert "&amp;amp;" in str(view.html)


def test_the_review_form_sends_the_text_as_it_is_not_percent_encoded(manager_client, text):
    page = manager_client.post(REVIEW, {"text": text, "language": ""}).content.decode()

    assert re.search(r'<form method="post" action="[^"]+" enctype="multipart/form-data"', page)


# ---------------------------------------------------------------- over the limit


def test_a_paste_over_the_limit_gets_one_plain_message(manager_client, text):
    response = manager_client.post(
        REVIEW, {"text": text + "x" * (MAX_TEXT_CHARS - len(text) + 1), "language": ""}
    )

    assert response.status_code == 400
    assert errors_of(response) == [TOO_LONG]


def test_a_paste_over_what_django_reads_gets_the_same_message_in_a_413_page(
    manager_client, text, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = len(text.encode()) // 2

    response = manager_client.post(REVIEW, {"text": text, "language": ""})

    assert response.status_code == 413
    page = html.unescape(response.content.decode())
    assert TOO_LONG in page
    assert "<h1>Import a resolution, decision or statement</h1>" in page
    assert not Resolution.objects.exists()


@pytest.mark.parametrize("url", [REVIEW, CONFIRM])
def test_with_debug_on_it_is_still_the_413_page_not_djangos(manager_client, text, settings, url):
    settings.DEBUG = True
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = manager_client.post(url, reviewed(text))

    assert response.status_code == 413
    assert TOO_LONG in html.unescape(response.content.decode())
    assert "RequestDataTooBig" not in response.content.decode()


def test_the_413_page_is_in_the_readers_language(manager_client, text, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = manager_client.post(REVIEW, {"text": text}, HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 413
    assert '<html lang="fr"' in response.content.decode()


def test_someone_who_may_not_import_gets_the_plain_413_page(client, staff_member, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.force_login(staff_member)

    response = client.post(REVIEW, {"text": "x" * 5000})

    assert response.status_code == 413
    page = html.unescape(response.content.decode())
    assert "<h1>Too much to read</h1>" in page
    assert "Import a resolution" not in page


def test_an_oversized_form_elsewhere_gets_the_plain_413_page(manager_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = manager_client.post(reverse("web:save_view"), {"name": "x" * 5000})

    assert response.status_code == 413
    assert "larger than Suivi accepts" in response.content.decode()


def test_a_file_over_two_megabytes_gets_the_same_message(manager_client):
    upload = SimpleUploadedFile("big.txt", b"x" * (2 * 1024 * 1024 + 1))

    response = manager_client.post(REVIEW, {"file": upload, "language": ""})

    assert response.status_code == 400
    assert errors_of(response) == [TOO_LONG]


def test_a_file_whose_text_is_over_the_limit_gets_the_same_message(manager_client):
    upload = SimpleUploadedFile("long.txt", "é".encode() * (MAX_TEXT_CHARS + 1))

    response = manager_client.post(REVIEW, {"file": upload, "language": ""})

    assert response.status_code == 400
    assert errors_of(response) == [TOO_LONG]


def test_a_nul_byte_gets_one_message_not_also_the_empty_text_one(manager_client, text):
    response = manager_client.post(REVIEW, {"text": text + "\x00", "language": ""})

    assert response.status_code == 400
    assert len(errors_of(response)) == 1


# ---------------------------------------------------------------- what confirm would refuse


def long_state_name(text):
    """The recorded-vote fixture with a "State" of 187 characters in the list of those in favour."""
    return text.replace("Albania, Argentina", "Albania" + " Xyzzyland" * 18 + ", Argentina")


def test_the_review_refuses_what_confirm_would_refuse_naming_the_field_and_the_line(
    manager_client,
):
    pasted = long_state_name((FIXTURES / "en_decision_recorded_vote.txt").read_text())
    line = next(n for n, t in enumerate(pasted.split("\n"), start=1) if "Xyzzyland" in t)

    response = manager_client.post(REVIEW, {"text": pasted, "language": ""})

    assert response.status_code == 400
    (error,) = errors_of(response)
    assert error == (
        f"line {line}: vote position, name as printed: "
        "Ensure this value has at most 160 characters (it has 187)."
    )
    assert response.context["error_line"] == line
    assert not Resolution.objects.exists()


def test_confirming_such_a_text_is_refused_the_same_way_and_stores_nothing(manager_client):
    pasted = long_state_name((FIXTURES / "en_decision_recorded_vote.txt").read_text())

    response = manager_client.post(
        CONFIRM,
        {"text": pasted, "language": "", "form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0"},
    )

    assert response.status_code == 400
    assert "name as printed" in errors_of(response)[0]
    assert not Resolution.objects.exists()


def test_a_heading_cut_to_its_number_is_reviewed_and_confirmed_alike(manager_client):
    pasted = (FIXTURES / "en_clean_without_vote.txt").read_text()
    pasted = pasted.replace(
        "58/21. Human rights of persons living in mountain communities", "58/21."
    )

    review = manager_client.post(REVIEW, {"text": pasted, "language": ""})
    assert review.status_code == 200
    response = manager_client.post(CONFIRM, proposed(pasted, len(parse(pasted).mandates)))

    assert response.status_code == 302
    assert Resolution.objects.get().title == ""


# ---------------------------------------------------------------- many proposals


def proposed(text, count):
    """The review's POST data for ``text``, its first ``count`` proposals kept as proposed."""
    from tracker.services import proposals_for

    data = {
        "text": text,
        "language": "",
        "form-TOTAL_FORMS": str(count),
        "form-INITIAL_FORMS": str(count),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": str(count),
    }
    for i, proposal in enumerate(proposals_for(parse(text))[:count]):
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


def test_a_review_carries_as_many_proposals_as_django_accepts_fields(settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
    assert max_proposals() == 123  # 9 fields of the page, 8 per proposal
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 100
    assert max_proposals() == 11
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = None
    assert max_proposals() == 1000


def test_a_text_with_more_deliverables_than_a_review_carries_proposes_the_first_and_says_so(
    manager_client, council_calendar, settings
):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 100  # 11 proposals
    pasted = invented(14)

    review = manager_client.post(REVIEW, {"text": pasted, "language": ""})

    assert review.status_code == 200
    assert review.context["formset"].total_form_count() == 11
    page = html.unescape(review.content.decode())
    assert "A review carries at most 11 proposals: the text's last 3 deliverables" in page
    response = manager_client.post(CONFIRM, proposed(pasted, 11))
    assert response.status_code == 302
    assert FollowUp.objects.count() == 11
    assert Mandate.objects.count() == 14
    assert not Mandate.objects.filter(dropped=True).exists()


def test_the_most_proposals_a_review_carries_are_accepted_back(manager_client, council_calendar):
    pasted = invented(max_proposals())

    response = manager_client.post(CONFIRM, proposed(pasted, max_proposals()))

    assert response.status_code == 302
    assert FollowUp.objects.count() == max_proposals()


def test_a_forged_form_with_more_fields_than_django_reads_gets_a_page_that_says_so(
    manager_client, text
):
    data = reviewed(text) | {f"extra-{n}": "x" for n in range(1000)}

    response = manager_client.post(CONFIRM, data)

    assert response.status_code == 400
    assert "more fields than Suivi accepts (at most 1,000)" in response.content.decode()
    assert not Resolution.objects.exists()


def test_a_forged_count_of_proposals_beyond_the_limit_is_refused(manager_client, text):
    data = reviewed(text) | {"form-TOTAL_FORMS": str(max_proposals() + 1)}

    response = manager_client.post(CONFIRM, data)

    assert response.status_code == 400
    assert not Resolution.objects.exists()


# ---------------------------------------------------------------- dropped proposals


def test_a_dropped_proposal_is_recorded_on_its_mandate(manager_client, text):
    data = reviewed(text)
    del data["form-1-keep"]

    manager_client.post(CONFIRM, data)

    assert [m.dropped for m in Mandate.objects.order_by("order")] == [False, True, False]


def test_a_dropped_proposal_stays_unticked_when_the_text_is_imported_again(manager_client, text):
    data = reviewed(text)
    del data["form-1-keep"]
    manager_client.post(CONFIRM, data)

    review = manager_client.post(REVIEW, {"text": text, "language": "", "replace": "on"})

    keep = [form.initial["keep"] for form in review.context["formset"].forms]
    assert keep == [True, False, True]
    assert [row["dropped_before"] for row in review.context["rows"]] == [False, True, False]
    assert "Dropped when this text was imported before" in review.content.decode()


def test_a_replace_as_reviewed_keeps_the_dropped_proposal_dropped(manager_client, text):
    data = reviewed(text)
    del data["form-1-keep"]
    manager_client.post(CONFIRM, data)
    changed = text.replace("rapport de synthèse", "rapport de synthèse détaillé")

    response = manager_client.post(CONFIRM, {**data, "text": changed, "replace": "on"})

    assert response.status_code == 302
    assert sorted(FollowUp.objects.values_list("kind", flat=True)) == ["meeting", "report"]
    assert Mandate.objects.get(order=1).dropped


def test_ticking_a_dropped_proposal_at_a_replace_follows_it_up_after_all(manager_client, text):
    data = reviewed(text)
    del data["form-1-keep"]
    manager_client.post(CONFIRM, data)

    response = manager_client.post(CONFIRM, reviewed(text, replace="on"))

    assert response.status_code == 302
    assert FollowUp.objects.count() == 3
    assert not Mandate.objects.filter(dropped=True).exists()


def test_accepting_the_follow_ups_of_a_resolution_skips_the_dropped_ones(manager_client, text):
    data = reviewed(text)
    del data["form-1-keep"]
    del data["form-2-keep"]
    manager_client.post(CONFIRM, data)

    call_command("accept_followups", "A/HRC/RES/46/13", stdout=None)

    assert list(FollowUp.objects.values_list("kind", flat=True)) == ["meeting"]

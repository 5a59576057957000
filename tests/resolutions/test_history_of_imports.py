"""Every row an import writes keeps its history, with who imported and what changed."""

import dataclasses
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from simple_history.middleware import HistoryRequestMiddleware

from resolutions.importer import parse
from resolutions.models import (
    Language,
    Mandate,
    Paragraph,
    ParagraphKind,
    ParagraphText,
    Resolution,
    ResolutionText,
    State,
    Vote,
    VotePosition,
)
from resolutions.services import save_parsed_resolution
from tests.factories import UserFactory

SAMPLE = (
    Path(__file__).resolve().parents[2] / "resolutions" / "sample_data" / "A_HRC_RES_46_13.fr.txt"
)
TEXT = SAMPLE.read_text()

pytestmark = pytest.mark.django_db


def edited_text() -> str:
    """OP3 reworded and an OP9 added after OP8."""
    return TEXT.replace(
        "Réaffirme l’importance du rôle que jouent",
        "Réaffirme avec force l’importance du rôle que jouent",
    ).replace(
        "cinquante-deuxième session. \n",
        "cinquante-deuxième session ; \n\n9. Décide de poursuivre l’examen de la question. \n",
    )


def paragraph_history(kind: str, number: int):
    return Paragraph.history.filter(kind=kind, number=number).order_by("history_date", "history_id")


@pytest.fixture
def importer():
    return UserFactory(username="ines")


@pytest.fixture
def stored(importer):
    return save_parsed_resolution(parsed=parse(TEXT), source_text=TEXT, user=importer).resolution


def test_the_first_import_is_recorded_as_imported_by_whoever_imported_it(stored, importer):
    record = stored.history.get()

    assert record.history_type == "+"
    assert record.history_change_reason == "imported"
    assert record.history_user == importer


def test_every_row_of_a_first_import_has_a_creation_record_naming_the_importer(stored, importer):
    for model in (Paragraph, Vote, VotePosition, Mandate, State):
        rows = model.objects.count()
        records = model.history.filter(history_type="+")
        assert rows and records.count() == rows, model.__name__
        assert set(records.values_list("history_user", flat=True)) == {importer.pk}


def test_a_replace_records_what_it_changed_and_who_replaced_it(stored):
    editor = UserFactory(username="rafael")
    parsed = parse(edited_text())
    dropped = parsed.preambular_paragraphs.pop()  # the last preambular paragraph removed

    outcome = save_parsed_resolution(
        parsed=parsed, source_text=edited_text(), replace=True, user=editor
    )

    assert {"OP3 text changed", "OP9 added", f"PP{dropped.number} removed"} <= set(outcome.changes)
    record = stored.history.first()
    assert record.history_type == "~"
    assert record.history_change_reason == "\n".join(outcome.changes)
    assert record.history_user == editor


def test_a_replace_records_each_changed_added_and_removed_paragraph(stored):
    editor = UserFactory(username="rafael")
    parsed = parse(edited_text())
    dropped = parsed.preambular_paragraphs.pop()

    save_parsed_resolution(parsed=parsed, source_text=edited_text(), replace=True, user=editor)

    changed = paragraph_history(ParagraphKind.OPERATIVE, 3)
    assert [r.history_type for r in changed] == ["+", "~"]
    assert changed.last().text.startswith("Réaffirme avec force")
    assert changed.last().history_user == editor
    added = paragraph_history(ParagraphKind.OPERATIVE, 9)
    assert [(r.history_type, r.history_user) for r in added] == [("+", editor)]
    removed = paragraph_history(ParagraphKind.PREAMBULAR, dropped.number)
    assert [r.history_type for r in removed] == ["+", "-"]
    assert removed.last().history_user == editor
    unchanged = paragraph_history(ParagraphKind.OPERATIVE, 4)
    assert [r.history_type for r in unchanged] == ["+"]


def test_a_replace_records_the_vote_it_deletes_and_stores_again(stored):
    editor = UserFactory(username="rafael")
    positions = VotePosition.objects.count()

    save_parsed_resolution(parsed=parse(TEXT), source_text=TEXT, replace=True, user=editor)

    deleted = VotePosition.history.filter(history_type="-")
    assert deleted.count() == positions
    assert set(deleted.values_list("history_user", flat=True)) == {editor.pk}
    assert Vote.history.filter(history_type="-", history_user=editor).count() == 1


def test_a_replace_that_changes_nothing_says_so(stored):
    save_parsed_resolution(parsed=parse(TEXT), source_text=TEXT, replace=True)

    assert stored.history.first().history_change_reason == "imported again: nothing changed"


def test_a_further_language_is_recorded_on_the_resolution_as_that_language_added(stored, importer):
    # The same text presented as its English version: aligned paragraph by paragraph.
    parsed = dataclasses.replace(parse(TEXT), language=Language.EN)

    outcome = save_parsed_resolution(parsed=parsed, source_text=TEXT, user=importer)

    record = stored.history.first()
    assert record.history_change_reason == "English text added"
    assert record.history_user == importer
    assert Resolution.history.count() == 2
    assert ResolutionText.history.get().history_change_reason == "English text added"
    assert outcome.translation is not None
    texts = ParagraphText.objects.count()
    assert texts and ParagraphText.history.filter(history_type="+").count() == texts


def test_without_a_user_the_signed_in_user_of_the_web_request_is_recorded(db):
    # What HistoryRequestMiddleware provides to every view of the site.
    visitor = UserFactory(username="zoe")
    request = RequestFactory().post("/imports/")
    request.user = visitor

    def view(request):
        save_parsed_resolution(parsed=parse(TEXT), source_text=TEXT)
        return HttpResponse()

    HistoryRequestMiddleware(view)(request)

    assert Resolution.history.get().history_user == visitor
    assert set(Paragraph.history.values_list("history_user", flat=True)) == {visitor.pk}


def test_outside_a_request_and_without_a_user_no_one_is_recorded(db):
    save_parsed_resolution(parsed=parse(TEXT), source_text=TEXT)

    assert Resolution.history.get().history_user is None


def test_the_admin_history_page_of_a_resolution_shows_what_a_replace_changed(admin_client, stored):
    save_parsed_resolution(parsed=parse(edited_text()), source_text=edited_text(), replace=True)

    url = reverse("admin:resolutions_resolution_history", args=[stored.pk])
    page = admin_client.get(url).content.decode()

    assert "OP3 text changed" in page
    assert "OP9 added" in page
    assert "imported" in page


def test_a_paragraph_cannot_be_changed_in_the_admin_only_by_importing_again(admin_client, stored):
    paragraph = stored.paragraphs.get(kind=ParagraphKind.OPERATIVE, number=1)
    url = reverse("admin:resolutions_paragraph_change", args=[paragraph.pk])

    response = admin_client.post(
        url,
        {
            "resolution": stored.pk,
            "kind": paragraph.kind,
            "number": paragraph.number,
            "text": "Corrected by hand.",
            "subparagraphs": "[]",
        },
    )

    assert response.status_code == 403
    paragraph.refresh_from_db()
    assert paragraph.text != "Corrected by hand."
    assert paragraph.history.count() == 1


def test_rows_deleted_by_cascade_with_a_removed_paragraph_are_recorded_with_the_editor(stored):
    editor = UserFactory(username="rafael")
    mandates = set(stored.mandates.filter(paragraph__number=8).values_list("pk", flat=True))
    assert mandates
    parsed = parse(TEXT)
    parsed.operative_paragraphs.pop()  # OP8, with the report it asks for

    save_parsed_resolution(parsed=parsed, source_text=TEXT, replace=True, user=editor)

    deleted = Mandate.history.filter(history_type="-", id__in=mandates)
    assert set(deleted.values_list("id", "history_user")) == {(pk, editor.pk) for pk in mandates}

"""The follow-up list's search (``q``): every word somewhere in the follow-up's texts.

Run on SQLite and on PostgreSQL, where the search is served by trigram
indexes (``resolutions.search_indexes``): the results must be the same as
those of the plain per-follow-up conditions the search replaced, which
``reference_search`` keeps here.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet

from resolutions.models import Mandate, Paragraph, ParagraphText, Resolution, ResolutionText
from resolutions.search_indexes import pending_lists_during_bulk_load, trigram_indexes
from tests.factories import (
    FollowUpFactory,
    MandateFactory,
    ParagraphFactory,
    ProgressEntryFactory,
    ResolutionFactory,
    UnitFactory,
)
from tracker import selectors
from tracker.models import FollowUp, ProgressEntry

POSTGRESQL = connection.vendor == "postgresql"

# Every trigram index the search reads, by the text it serves.
TRIGRAM_INDEXES = {
    "followup_title_trgm",
    "followup_output_trgm",
    "progressentry_text_trgm",
    "mandate_text_trgm",
    "resolution_symbol_trgm",
    "resolution_title_trgm",
    "resolutiontext_title_trgm",
    "paragraph_text_trgm",
    "paragraphtext_text_trgm",
}


def titles(q: str) -> list[str]:
    return sorted(f.title for f in selectors.followup_list(filters={"q": q}).qs)


def reference_search(queryset: QuerySet[FollowUp], value: str) -> QuerySet[FollowUp]:
    """The search as it was written before it was served by indexes: one ``OR`` of
    conditions on the follow-up, its joins and correlated ``EXISTS``, per word."""
    for word in value.split():
        progress = ProgressEntry.objects.filter(followup=OuterRef("pk"), text__icontains=word)
        other_title = ResolutionText.objects.filter(
            resolution=OuterRef("resolution"), title__icontains=word
        )
        paragraph = Paragraph.objects.filter(followups=OuterRef("pk"), text__icontains=word)
        other_paragraph = ParagraphText.objects.filter(
            paragraph__followups=OuterRef("pk"), text__icontains=word
        )
        queryset = queryset.filter(
            Q(title__icontains=word)
            | Q(mandate__text__icontains=word)
            | Q(lead_unit__name__icontains=word)
            | Q(lead_unit__abbreviation__icontains=word)
            | Q(output_document__icontains=word)
            | Q(resolution__symbol__icontains=word)
            | Q(resolution__title__icontains=word)
            | Exists(progress)
            | Exists(other_title)
            | Exists(paragraph)
            | Exists(other_paragraph)
        )
    return queryset


def in_title():
    return FollowUpFactory(title="Found: glacier report")


def in_clause():
    return FollowUpFactory(title="Found", mandate=MandateFactory(text="to report on glacier loss"))


def in_unit_name():
    unit = UnitFactory(name="Glacier and Climate Section", abbreviation="GCS")
    return FollowUpFactory(title="Found", lead_unit=unit)


def in_unit_abbreviation():
    unit = UnitFactory(name="Section", abbreviation="GLACIER-U")
    return FollowUpFactory(title="Found", lead_unit=unit)


def in_output_document():
    return FollowUpFactory(title="Found", output_document="A/HRC/GLACIER/1")


def in_symbol():
    return FollowUpFactory(title="Found", resolution=ResolutionFactory(symbol="A/HRC/RES/GLACIER"))


def in_resolution_title():
    resolution = ResolutionFactory(title="Human rights and glacier retreat")
    return FollowUpFactory(title="Found", resolution=resolution)


def in_french_resolution_title():
    followup = FollowUpFactory(title="Found")
    ResolutionText.objects.create(
        resolution=followup.resolution,
        language="fr",
        title="Droits de l'homme et recul des glaciers",
        source_text="…",
    )
    return followup


def in_progress_note():
    followup = FollowUpFactory(title="Found")
    ProgressEntryFactory(followup=followup, text="Draft on glacier loss sent to editing")
    return followup


def in_paragraph():
    paragraph = ParagraphFactory(text="Decides to study the loss of glaciers")
    return FollowUpFactory(title="Found", resolution=paragraph.resolution, paragraphs=[paragraph])


def in_french_paragraph():
    paragraph = ParagraphFactory()
    ParagraphText.objects.create(
        paragraph=paragraph, language="fr", text="Décide d'étudier le recul des glaciers"
    )
    return FollowUpFactory(title="Found", resolution=paragraph.resolution, paragraphs=[paragraph])


@pytest.mark.parametrize(
    "place",
    [
        in_title,
        in_clause,
        in_unit_name,
        in_unit_abbreviation,
        in_output_document,
        in_symbol,
        in_resolution_title,
        in_french_resolution_title,
        in_progress_note,
        in_paragraph,
        in_french_paragraph,
    ],
)
def test_a_word_is_found_in_each_text_the_search_reads(db, place):
    followup = place()
    FollowUpFactory(title="Other")

    for q in ("GLA", "gLaCiEr"):
        found = selectors.followup_list(filters={"q": q}).qs
        assert [f.pk for f in found] == [followup.pk], q


def test_accented_words_are_found_as_typed_and_not_without_their_accents(db):
    FollowUpFactory(title="Réunion-débat sur la coopération")
    FollowUpFactory(title="Cooperation panel")
    paragraph = ParagraphFactory()
    ParagraphText.objects.create(
        paragraph=paragraph, language="fr", text="Décide de créer un mécanisme d’experts"
    )
    FollowUpFactory(title="Mechanism", resolution=paragraph.resolution, paragraphs=[paragraph])

    assert titles("coopération") == ["Réunion-débat sur la coopération"]
    assert titles("cOOPéRATION") == ["Réunion-débat sur la coopération"]
    assert titles("cooperation") == ["Cooperation panel"]
    assert titles("d’experts") == ["Mechanism"]
    assert titles("é") == ["Mechanism", "Réunion-débat sur la coopération"]


def test_a_follow_up_found_in_several_texts_is_listed_once(db):
    paragraph = ParagraphFactory(text="Decides to convene a panel on glaciers")
    followup = FollowUpFactory(
        title="Glacier panel", resolution=paragraph.resolution, paragraphs=[paragraph]
    )
    ProgressEntryFactory.create_batch(3, followup=followup, text="Glacier panel: speakers invited")
    FollowUpFactory(title="Other")

    found = selectors.followup_list(filters={"q": "glacier"}).qs

    assert [f.title for f in found] == ["Glacier panel"]
    assert found.count() == 1


def test_every_word_must_be_found_each_in_any_text(db):
    paragraph = ParagraphFactory()
    ParagraphText.objects.create(
        paragraph=paragraph, language="fr", text="Décide de tenir une réunion"
    )
    FollowUpFactory(title="Panel", resolution=paragraph.resolution, paragraphs=[paragraph])
    FollowUpFactory(title="Panel on food")
    FollowUpFactory(title="Réunion")

    assert titles("panel réunion") == ["Panel"]
    assert titles("réunion") == ["Panel", "Réunion"]
    assert titles("panel réunion water") == []


def test_words_of_one_or_two_characters_are_found_too(db):
    resolution = ResolutionFactory(symbol="A/HRC/RES/46/13", title="Water")
    FollowUpFactory(
        title="Meeting", resolution=resolution, output_document="A/HRC/52/7", paragraphs=[]
    )
    FollowUpFactory(title="Summary", resolution=resolution, paragraphs=[])
    unit = UnitFactory(name="Section", abbreviation="QZ")
    FollowUpFactory(title="Study", resolution=resolution, lead_unit=unit, paragraphs=[])

    assert titles("7") == ["Meeting"]
    assert titles("52") == ["Meeting"]
    assert titles("qz") == ["Study"]
    assert titles("13") == ["Meeting", "Study", "Summary"]
    assert titles("13 7") == ["Meeting"]


def test_the_search_finds_what_the_per_follow_up_conditions_found(db):
    unit = UnitFactory(name="Human Rights Council Branch", abbreviation="HRCB")
    resolution = ResolutionFactory(symbol="A/HRC/RES/46/13", title="Promoting cooperation")
    ResolutionText.objects.create(
        resolution=resolution,
        language="fr",
        title="Promotion d'une coopération mutuellement avantageuse",
        source_text="…",
    )
    paragraph = ParagraphFactory(resolution=resolution, text="Decides to convene a meeting")
    ParagraphText.objects.create(
        paragraph=paragraph, language="fr", text="Décide d'organiser une réunion"
    )
    mandate = MandateFactory(paragraph=paragraph, text="to convene a two-hour panel")
    meeting = FollowUpFactory(
        title="Meeting", resolution=resolution, mandate=mandate, paragraphs=[paragraph]
    )
    report = FollowUpFactory(
        title="Report on the meeting",
        resolution=resolution,
        lead_unit=unit,
        output_document="A/HRC/52/21",
        paragraphs=[paragraph],
    )
    ProgressEntryFactory(followup=report, text="Draft sent to editing; réunion tenue")
    ProgressEntryFactory(followup=meeting, text="Room booked")
    FollowUpFactory(title="Elsewhere", lead_unit=unit)
    FollowUpFactory(title="Nothing in common", paragraphs=[])

    everything = selectors.followup_queryset()
    for q in [
        "meeting",
        "MEETING report",
        "réunion",
        "Réunion",
        "reunion",
        "coopération mutuellement",
        "hrcb convene",
        "46/13",
        "52/21 editing",
        "two-hour",
        "room",
        "a",
        "ré",
        "OP",
        "%",
        "_",
        "\\",
        "panel nothing",
    ]:
        expected = set(reference_search(everything, q).values_list("pk", flat=True))
        found = selectors.followup_list(filters={"q": q}).qs
        assert sorted(f.pk for f in found) == sorted(expected), q


def test_a_search_of_several_words_is_one_query(db, django_assert_num_queries):
    paragraph = ParagraphFactory(text="Decides to convene a panel on glaciers")
    FollowUpFactory(title="Glacier panel", resolution=paragraph.resolution, paragraphs=[paragraph])

    with django_assert_num_queries(1):
        count = selectors.followup_list(filters={"q": "glacier panel convene"}).qs.count()

    assert count == 1


def test_a_page_of_a_search_holds_the_rows_of_the_list_in_its_order(db):
    found = [FollowUpFactory(title=f"Glacier report {n:02}") for n in range(7)]
    FollowUpFactory(title="Other")
    filterset = selectors.followup_list(filters={"q": "glacier", "o": "-title"})
    assert filterset.searches

    pages = [selectors.followup_page(filterset, number, per_page=3) for number in (1, 2, 3)]

    assert [[f.title for f in page] for page in pages] == [
        ["Glacier report 06", "Glacier report 05", "Glacier report 04"],
        ["Glacier report 03", "Glacier report 02", "Glacier report 01"],
        ["Glacier report 00"],
    ]
    assert {page.paginator.count for page in pages} == {7}
    assert [f.pk for page in pages for f in page] == [f.pk for f in filterset.qs]
    assert sorted(f.pk for page in pages for f in page) == sorted(f.pk for f in found)
    # The rows read by id carry what the list shows, as the list's own rows do.
    assert {f.due_state for f in pages[0]} and all(hasattr(f, "is_blocked") for f in pages[0])


@pytest.mark.parametrize(("number", "expected"), [("9", 3), ("0", 3), ("x", 1), (None, 1)])
def test_a_page_of_a_search_past_the_end_is_the_last_and_one_not_a_number_the_first(
    db, number, expected
):
    FollowUpFactory.create_batch(7, title="Glacier report")
    filterset = selectors.followup_list(filters={"q": "glacier"})

    assert selectors.followup_page(filterset, number, per_page=3).number == expected


def test_a_search_that_finds_nothing_has_one_empty_page(db, django_assert_num_queries):
    FollowUpFactory(title="Other")
    filterset = selectors.followup_list(filters={"q": "glacier"})

    with django_assert_num_queries(1):
        page = selectors.followup_page(filterset, "1", per_page=3)

    assert list(page) == [] and page.paginator.count == 0


def test_a_follow_up_deleted_after_the_search_found_it_is_left_out_of_the_page(db):
    kept, deleted, last = FollowUpFactory.create_batch(3, title="Glacier report")
    rows = selectors._FollowUpsById([kept.pk, deleted.pk, last.pk])
    deleted.delete()

    assert list(rows[0:3]) == [kept, last]
    assert rows[2] == last and len(rows) == 3


@pytest.mark.parametrize("count", [4, 40])
def test_a_page_of_a_search_is_read_in_three_queries_however_many_it_finds(
    db, django_assert_num_queries, count
):
    FollowUpFactory.create_batch(count, title="Glacier report")
    filterset = selectors.followup_list(filters={"q": "glacier report"})

    # The matches' ids (their count); the page's rows and their paragraphs once
    # they are first read (a page whose table is cached reads none).
    with django_assert_num_queries(1):
        page = selectors.followup_page(filterset, "1", per_page=10)
    with django_assert_num_queries(2):
        assert len(page) == min(count, 10) and page.paginator.count == count
        assert all(row.title == "Glacier report" for row in page)


def test_a_list_without_a_search_is_paged_from_its_count(db, django_assert_num_queries):
    FollowUpFactory.create_batch(4, title="Glacier report")
    for filters in ({}, {"q": "  "}, {"q": "glacier", "status": "bogus"}):
        filterset = selectors.followup_list(filters=filters)
        assert not filterset.searches

    filterset = selectors.followup_list(filters={"q": " "})
    # The count, the page's rows, their paragraphs.
    with django_assert_num_queries(3):
        page = selectors.followup_page(filterset, "1", per_page=3)
        rows = list(page)

    assert len(rows) == 3 and page.paginator.count == 4


# Each trigram index, the model and field whose ``icontains`` it serves.
SERVED = {
    "followup_title_trgm": (FollowUp, "title"),
    "followup_output_trgm": (FollowUp, "output_document"),
    "progressentry_text_trgm": (ProgressEntry, "text"),
    "mandate_text_trgm": (Mandate, "text"),
    "resolution_symbol_trgm": (Resolution, "symbol"),
    "resolution_title_trgm": (Resolution, "title"),
    "resolutiontext_title_trgm": (ResolutionText, "title"),
    "paragraph_text_trgm": (Paragraph, "text"),
    "paragraphtext_text_trgm": (ParagraphText, "text"),
}


@pytest.mark.skipif(not POSTGRESQL, reason="trigram indexes exist on PostgreSQL only")
@pytest.mark.parametrize("index", sorted(TRIGRAM_INDEXES))
def test_on_postgresql_each_searched_text_can_be_read_through_its_trigram_index(db, index):
    model, field = SERVED[index]
    query = model.objects.filter(**{f"{field}__icontains": "glacier"}).values("pk")
    with connection.cursor() as cursor:
        # The test tables hold a few rows, where reading them all costs less than
        # an index: forbid that, so that the plan shows whether the index serves
        # the very expression Django's icontains compares (one on another
        # expression could not).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = query.explain()

    assert f"Bitmap Index Scan on {index}" in plan


def fast_update_options() -> dict[str, list[str] | None]:
    """Each trigram index's storage options, by name."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname = ANY(%s)",
            [sorted(TRIGRAM_INDEXES)],
        )
        return dict(cursor.fetchall())


@pytest.mark.skipif(not POSTGRESQL, reason="trigram indexes exist on PostgreSQL only")
def test_on_postgresql_no_trigram_index_keeps_a_pending_list(db):
    # Rows waiting in a pending list are read by every search, and made
    # PostgreSQL prefer reading every row to the index (resolutions.search_indexes).
    assert trigram_indexes(connection) == sorted(TRIGRAM_INDEXES)
    assert fast_update_options() == {index: ["fastupdate=off"] for index in TRIGRAM_INDEXES}


@pytest.mark.skipif(not POSTGRESQL, reason="trigram indexes exist on PostgreSQL only")
def test_on_postgresql_a_failed_bulk_load_leaves_no_pending_list_either(db):
    during = {}

    def load_that_fails() -> None:
        with pending_lists_during_bulk_load(connection):
            during.update(fast_update_options())
            FollowUpFactory(title="Glacier report")
            raise RuntimeError("the load stops")

    with pytest.raises(RuntimeError):
        load_that_fails()

    assert during == {index: ["fastupdate=on"] for index in TRIGRAM_INDEXES}
    assert fast_update_options() == {index: ["fastupdate=off"] for index in TRIGRAM_INDEXES}
    assert titles("glacier") == ["Glacier report"]


def test_no_trigram_index_is_listed_on_sqlite(db):
    assert trigram_indexes(connection) == ([] if not POSTGRESQL else sorted(TRIGRAM_INDEXES))


def test_trigram_indexes_are_made_on_postgresql_and_nowhere_else(db):
    tables = ["tracker_followup", "tracker_progressentry", "resolutions_paragraph"]
    with connection.cursor() as cursor:
        names = {
            name
            for table in tables
            for name in connection.introspection.get_constraints(cursor, table)
        }

    trigram = {name for name in names if name.endswith("_trgm")}
    expected = {"followup_title_trgm", "followup_output_trgm", "progressentry_text_trgm"}
    assert trigram == (expected | {"paragraph_text_trgm"} if POSTGRESQL else set())


def test_the_models_need_no_migration_beyond_those_written(db):
    # The trigram indexes are made by migrations only, outside the model state:
    # ``makemigrations`` must not want to add or remove anything.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)

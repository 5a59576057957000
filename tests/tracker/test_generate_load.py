"""``manage.py generate_load``: realistic data in bulk, for benchmarks."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F

from resolutions.models import Paragraph, ParagraphKind, Resolution, Vote, VoteMethod
from resolutions.search_indexes import trigram_indexes
from tracker import selectors
from tracker.models import DueDateSource, FollowUp, ProgressEntry, Status, Unit
from tracker.roles import ensure_roles


@pytest.fixture
def roles(db):
    return ensure_roles()


def test_it_creates_texts_follow_ups_and_progress_in_the_proportions_of_an_office(roles):
    call_command("generate_load", resolutions=30, stdout=io.StringIO())

    resolutions = Resolution.objects.count()
    paragraphs = Paragraph.objects.count()
    followups = FollowUp.objects.count()
    assert resolutions == 30
    assert 10 * resolutions <= paragraphs <= 44 * resolutions
    assert 3 * resolutions <= followups <= 17 * resolutions
    assert ProgressEntry.objects.count() > 3 * followups
    assert Unit.objects.count() >= 5
    assert Vote.objects.filter(method=VoteMethod.RECORDED, positions__isnull=False).exists()
    # Every follow-up stands on an operative paragraph of its own resolution.
    assert not FollowUp.objects.exclude(paragraphs__kind=ParagraphKind.OPERATIVE).exists()
    assert not FollowUp.objects.exclude(paragraphs__resolution=F("resolution")).exists()


def test_due_dates_are_derived_from_the_session_calendar(roles):
    call_command("generate_load", resolutions=5, stdout=io.StringIO())

    followup = FollowUp.objects.exclude(due_date=None).select_related("target_session").first()

    assert followup is not None
    assert followup.due_date_source == DueDateSource.DERIVED
    assert followup.target_session is not None
    assert followup.due_date <= followup.target_session.end_date


def test_done_follow_ups_have_a_completion_date_and_others_none(roles):
    call_command("generate_load", resolutions=20, stdout=io.StringIO())

    assert not FollowUp.objects.filter(status=Status.DONE, completed_on=None).exists()
    assert not FollowUp.objects.exclude(status=Status.DONE).exclude(completed_on=None).exists()


def test_running_it_again_adds_more_without_a_symbol_or_a_unit_twice(roles):
    for _ in range(3):
        call_command("generate_load", resolutions=5, stdout=io.StringIO())

    assert Resolution.objects.count() == 15
    assert Unit.objects.count() == 15


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes: PostgreSQL only")
def test_on_postgresql_the_search_indexes_take_the_rows_and_keep_no_pending_list(roles):
    call_command("generate_load", resolutions=5, stdout=io.StringIO())

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reloptions FROM pg_class WHERE relname = ANY(%s)", [trigram_indexes(connection)]
        )
        options = [row[0] for row in cursor.fetchall()]
    assert len(options) == 9
    assert options == [["fastupdate=off"]] * 9
    followup = FollowUp.objects.order_by("pk").first()
    assert followup is not None
    found = selectors.followup_list(filters={"q": followup.title}).qs
    assert followup in found

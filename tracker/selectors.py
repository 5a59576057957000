"""Reads: every page, export and feed gets its follow-ups from here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from resolutions.models import Paragraph, ParagraphKind, Resolution, VotePosition
from tracker.filters import FollowUpFilter
from tracker.models import FollowUp, ProgressEntry


def followup_queryset() -> QuerySet[FollowUp]:
    """Follow-ups with what every list shows, in a fixed number of queries."""
    return FollowUp.objects.select_related(
        "resolution", "target_session", "lead_unit", "focal_point"
    ).prefetch_related(
        Prefetch("paragraphs", queryset=Paragraph.objects.only("id", "number", "kind"))
    )


def followup_list(*, filters: Mapping[str, Any] | None = None) -> FollowUpFilter:
    """The filtered follow-ups; ``.qs`` holds the rows, ``.form`` the filter form."""
    return FollowUpFilter(data=filters or None, queryset=followup_queryset())


def followup_detail(*, pk: int) -> FollowUp:
    return get_object_or_404(
        followup_queryset()
        .select_related("mandate", "serves", "serves__target_session")
        .prefetch_related(
            Prefetch("progress", queryset=ProgressEntry.objects.select_related("author"))
        ),
        pk=pk,
    )


def resolution_page(*, symbol: str) -> tuple[Resolution, dict[int, list[FollowUp]]]:
    """A resolution with its paragraphs and vote, and its follow-ups by operative paragraph."""
    resolution = get_object_or_404(
        Resolution.objects.select_related("session", "vote").prefetch_related(
            "paragraphs__translations",
            "translations",
            Prefetch(
                "vote__positions",
                queryset=VotePosition.objects.select_related("state").order_by("order"),
            ),
        ),
        symbol=symbol,
    )
    by_paragraph: dict[int, list[FollowUp]] = defaultdict(list)
    followups = followup_queryset().filter(resolution=resolution)
    for followup in followups:
        for paragraph in followup.paragraphs.all():
            if paragraph.kind == ParagraphKind.OPERATIVE:
                by_paragraph[paragraph.number].append(followup)
    return resolution, dict(by_paragraph)


def resolution_list() -> QuerySet[Resolution]:
    return Resolution.objects.select_related("session").order_by("-adopted_on", "symbol")

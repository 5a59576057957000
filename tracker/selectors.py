"""Reads: every page, export and feed gets its follow-ups from here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.utils import translation

from resolutions.models import Paragraph, ParagraphKind, Resolution, Vote, VotePosition
from tracker.filters import FollowUpFilter, blocking_exists
from tracker.models import FollowUp, ProgressEntry


def followup_queryset() -> QuerySet[FollowUp]:
    """Follow-ups with what every list shows, in a fixed number of queries.

    Each row is annotated with ``due_state`` (its state today) and
    ``is_blocked`` (it waits on a follow-up still open).
    """
    return (
        FollowUp.objects.with_state()
        .annotate(is_blocked=blocking_exists())
        .select_related("resolution", "target_session", "lead_unit", "focal_point")
        .prefetch_related(
            Prefetch("paragraphs", queryset=Paragraph.objects.only("id", "number", "kind"))
        )
    )


def followup_list(*, filters: Mapping[str, Any] | None = None) -> FollowUpFilter:
    """The filtered follow-ups; ``.qs`` holds the rows, ``.form`` the filter form.

    ``filters`` is a request's ``GET`` (a ``QueryDict``) or a plain mapping
    whose values are strings or lists of strings (``{"status": ["done"]}``;
    a lone string counts as one value). No filters: every follow-up. Any
    invalid value: no rows, and the errors in ``.errors``.
    """
    data: QueryDict | None = None
    if isinstance(filters, QueryDict):
        data = filters
    elif filters:
        data = QueryDict(mutable=True)
        for name, value in filters.items():
            data.setlist(
                name, [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
            )
    return FollowUpFilter(data=data or None, queryset=followup_queryset())


def followup_detail(*, pk: int) -> FollowUp:
    return get_object_or_404(
        followup_queryset()
        .select_related("mandate", "serves", "serves__target_session")
        .prefetch_related(
            Prefetch("progress", queryset=ProgressEntry.objects.select_related("author"))
        ),
        pk=pk,
    )


@dataclass
class ShownParagraph:
    paragraph: Paragraph
    texts: list[tuple[str, str]]  # (language, text) in the languages shown
    followups: list[FollowUp]


@dataclass(frozen=True)
class ShownPosition:
    """A State's name in a recorded vote, in the language it is shown in (``lang``)."""

    name: str
    language: str


def shown_positions(
    vote: Vote, *, language: str, printed_in: str
) -> dict[str, list[ShownPosition]]:
    """The vote's positions grouped by position, each State named in ``language``
    ("en" or "fr": ``State.name_en`` / ``name_fr``); a name that is not in the table
    of States stays as printed in the text, in ``printed_in``."""
    french = language.split("-")[0] == "fr"
    grouped: dict[str, list[ShownPosition]] = {}
    for position, entries in vote.positions_by().items():
        grouped[position] = [
            ShownPosition(
                name=entry.state.name_fr if french else entry.state.name_en,
                language="fr" if french else "en",
            )
            if entry.state
            else ShownPosition(name=entry.printed_name, language=printed_in)
            for entry in entries
        ]
    return grouped


@dataclass
class ResolutionPage:
    resolution: Resolution
    languages: list[str]  # every language the resolution is stored in, first one first
    shown: list[str]  # the ones shown, side by side
    titles: list[tuple[str, str]]
    preambular: list[ShownParagraph]
    operative: list[ShownParagraph]
    vote: Vote | None
    positions: dict[str, list[ShownPosition]]


def resolution_page(
    *, symbol: str, language: str | None = None, names_in: str | None = None
) -> ResolutionPage:
    """A resolution with its paragraphs (in ``language``, or every stored one side by
    side), its vote, and under each operative paragraph the follow-ups it mandates.

    The States of a recorded vote are named in ``names_in`` (default: the active
    language), whatever the language the vote was printed in."""
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
    for followup in followup_queryset().filter(resolution=resolution):
        for paragraph in followup.paragraphs.all():
            by_paragraph[paragraph.pk].append(followup)

    titles = {resolution.language: resolution.title} | {
        t.language: t.title for t in resolution.translations.all()
    }
    shown = [language] if language in titles else list(titles)
    paragraphs = []
    for paragraph in resolution.paragraphs.all():
        texts = dict.fromkeys(titles, "") | {resolution.language: paragraph.text}
        texts |= {t.language: t.text for t in paragraph.translations.all()}
        paragraphs.append(
            ShownParagraph(
                paragraph=paragraph,
                texts=[(shown_language, texts[shown_language]) for shown_language in shown],
                followups=by_paragraph.get(paragraph.pk, []),
            )
        )
    vote: Vote | None = getattr(resolution, "vote", None)
    return ResolutionPage(
        resolution=resolution,
        languages=list(titles),
        shown=shown,
        titles=[(shown_language, titles[shown_language]) for shown_language in shown],
        preambular=[p for p in paragraphs if p.paragraph.kind == ParagraphKind.PREAMBULAR],
        operative=[p for p in paragraphs if p.paragraph.kind == ParagraphKind.OPERATIVE],
        vote=vote,
        positions=shown_positions(
            vote,
            language=names_in or translation.get_language() or settings.LANGUAGE_CODE,
            printed_in=resolution.language,
        )
        if vote
        else {},
    )


def stored_language(*, symbol: str) -> str | None:
    """The language a resolution was first stored in, or None if it is not stored."""
    language: str | None = (
        Resolution.objects.filter(symbol=symbol).values_list("language", flat=True).first()
    )
    return language


def resolution_list() -> QuerySet[Resolution]:
    return Resolution.objects.select_related("session").order_by("-adopted_on", "symbol")

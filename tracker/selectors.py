"""Reads: every page, export and feed gets its follow-ups from here."""

from __future__ import annotations

import datetime
import functools
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from resolutions.importer import ParsedResolution
from resolutions.importer.types import Mandate as ParsedMandate
from resolutions.models import (
    DocumentKind,
    Mandate,
    Paragraph,
    ParagraphKind,
    Resolution,
    Session,
    Vote,
    VoteMethod,
    VotePosition,
)
from resolutions.services import estimated_session
from tracker import deadlines
from tracker.filters import (
    FollowUpFilter,
    ResolutionSymbolField,
    blocking_exists,
    is_key,
    resolutions_named,
)
from tracker.models import DueDateSource, FollowUp, ProgressEntry, SavedView, Status, Unit
from tracker.roles import role_labels
from tracker.services import LinkSpec, awaited_meetings
from tracker.titles import series_label


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
            Prefetch(
                "paragraphs",
                # In their order within the follow-up's one resolution: the model's
                # ordering would sort by resolution through a join.
                queryset=Paragraph.objects.only("id", "number", "kind", "numbered").order_by(
                    "-kind", "number"
                ),
            )
        )
    )


def followup_list(*, filters: Mapping[str, Any] | None = None, user: Any = None) -> FollowUpFilter:
    """The filtered follow-ups; ``.qs`` holds the rows, ``.form`` the filter form.

    ``filters`` is a request's ``GET`` (a ``QueryDict``) or a plain mapping
    whose values are strings or lists of strings (``{"status": ["done"]}``;
    a lone string counts as one value). No filters: every follow-up. Any
    invalid value: no rows, and the errors in ``.errors``. ``user`` is the
    person reading (``updatable=yes`` lists what they may update; no one's,
    nothing).
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
    return FollowUpFilter(data=data or None, queryset=followup_queryset(), user=user)


class _FollowUpsById(Sequence[FollowUp]):
    """The follow-ups of ``ids`` in that order, for a ``Paginator``: its length is
    theirs, and a slice reads only the rows it holds (``followup_queryset``), by
    id, in one query and their paragraphs in another; a follow-up deleted since
    its id was read is left out rather than failing the page. (An index reads
    its one row: the paginator asks for none.)"""

    def __init__(self, ids: list[int]) -> None:
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> FollowUp: ...

    @overload
    def __getitem__(self, index: slice) -> _RowsById: ...

    def __getitem__(self, index: int | slice) -> FollowUp | _RowsById:
        if not isinstance(index, slice):
            return followup_queryset().get(pk=self.ids[index])
        return _RowsById(self.ids[index])


class _RowsById(Sequence[FollowUp]):
    """The follow-ups of ``ids`` in that order, read when first used, not when the
    page is made: a page whose table is cached (the list's ``{% cache %}``)
    reads none."""

    def __init__(self, ids: list[int]) -> None:
        self.ids = ids

    @functools.cached_property
    def rows(self) -> list[FollowUp]:
        found = followup_queryset().in_bulk(self.ids)
        return [found[pk] for pk in self.ids if pk in found]

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> FollowUp: ...

    @overload
    def __getitem__(self, index: slice) -> list[FollowUp]: ...

    def __getitem__(self, index: int | slice) -> FollowUp | list[FollowUp]:
        return self.rows[index]

    def __iter__(self) -> Iterator[FollowUp]:
        return iter(self.rows)


def followup_page(filterset: FollowUpFilter, number: Any, *, per_page: int) -> Page[FollowUp]:
    """Page ``number`` of the filtered follow-ups, ``per_page`` rows from
    ``followup_queryset`` in the list's order: ``Paginator.get_page``'s page (a
    number past the end gives the last page, anything else not a number the
    first), its ``paginator.count`` every row the filters keep.

    Three queries either way (the rows' paragraphs are the third). A list
    is counted, then its page read, each from an index. A search's matches
    are found once, as the ids of them all in the list's order (their number
    is the count), and the page's rows read by id: counting and then reading
    would search every text twice, and that is what a search costs.
    """
    rows = filterset.qs
    if not filterset.searches:
        return Paginator(rows, per_page).get_page(number)
    ids = _FollowUpsById(list(rows.values_list("pk", flat=True)))
    return Paginator(ids, per_page).get_page(number)


def followup_series(followup: FollowUp) -> list[Mandate]:
    """The occurrences of the recurring mandate ``followup`` follows, in order, each
    with its follow-ups (``followups``: annotated with ``due_state``, their target
    session read). Empty when its mandate is in no series; two queries otherwise
    (``followup.mandate`` is read already by ``followup_detail``)."""
    mandate = followup.mandate
    if mandate is None or mandate.series is None:
        return []
    return list(
        Mandate.objects.filter(resolution_id=mandate.resolution_id, series=mandate.series)
        .order_by("occurrence", "order")
        .prefetch_related(
            Prefetch(
                "followups",
                queryset=FollowUp.objects.with_state()
                .select_related("target_session")
                .order_by("pk"),
            )
        )
    )


def followup_detail(*, pk: int) -> FollowUp:
    """One follow-up with what its page shows: the clause, what it serves, and what
    it waits on and what waits on it (each with ``due_state``), in a fixed number
    of queries. Raises ``Http404``."""
    linked = FollowUp.objects.with_state().select_related("resolution").order_by("due_date", "pk")
    return get_object_or_404(
        followup_queryset()
        .select_related("mandate", "serves", "serves__target_session")
        .prefetch_related(
            Prefetch("progress", queryset=ProgressEntry.objects.select_related("author")),
            Prefetch("waits_on", queryset=linked),
            Prefetch("awaited_by", queryset=linked),
        ),
        pk=pk,
    )


# The fields of a follow-up whose changes its activity stream shows, in this order.
ACTIVITY_FIELDS = (
    "status",
    "completed_on",
    "output_document",
    "lead_unit",
    "focal_point",
    "due_date",
    "due_date_source",
    "due_date_reason",
    "target_session",
    "title",
)
_DATE_FIELDS = {"completed_on", "due_date"}
# The history change reasons the services write, matched whole and nothing else:
# ``services.log_progress`` names the entry its save belongs to ("progress:12"),
# ``services.add_dependency`` / ``remove_dependency`` the follow-up linked or
# unlinked ("+waits_on:7" / "-waits_on:7").
PROGRESS_REASON = re.compile(r"progress:(?P<entry>[0-9]+)")
DEPENDENCY_REASON = re.compile(r"(?P<sign>[+-])waits_on:(?P<followup>[0-9]+)")


@dataclass(frozen=True)
class Change:
    """One field's change: ``before`` and ``after`` as shown (a date stays a date)."""

    field: str
    label: str
    before: str | datetime.date | None
    after: str | datetime.date | None

    @property
    def is_date(self) -> bool:
        return self.field in _DATE_FIELDS


@dataclass(frozen=True)
class ActivityItem:
    """One event of a follow-up's activity stream.

    ``kind`` is "progress" (an entry of the log: ``text``, and ``status_from``
    / ``status_to`` labels when it changed the status), "change" (a recorded
    change of fields: ``changes``) or "created". A progress entry carries the
    other changes its save made (an output document) in ``changes`` too.
    """

    kind: str
    when: datetime.datetime
    who: Any  # a User, or None when nobody signed in made it (a command, a migration)
    text: str = ""
    status_from: str = ""
    status_to: str = ""
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class HandSetDueDate:
    """When and by whom the current hand-set due date was set, and why."""

    date: datetime.date | None
    when: datetime.datetime
    who: Any
    reason: str


def followup_history(followup: FollowUp) -> list[Any]:
    """``followup``'s history records, oldest first, with their users: one query."""
    return list(followup.history.select_related("history_user").order_by("history_date", "pk"))


def hand_set_due_date(
    followup: FollowUp, records: list[Any] | None = None
) -> HandSetDueDate | None:
    """Who set ``followup``'s due date by hand and when: the latest history record
    where the date, its source or its reason became what they are now. None when
    the due date is derived. One query (none when ``records`` are given)."""
    if followup.due_date_source != DueDateSource.MANUAL:
        return None
    records = followup_history(followup) if records is None else records
    found = None
    previous = None
    for record in records:
        if record.due_date_source == DueDateSource.MANUAL and (
            previous is None
            or (previous.due_date_source, previous.due_date, previous.due_date_reason)
            != (record.due_date_source, record.due_date, record.due_date_reason)
        ):
            found = record
        previous = record
    if found is None:
        return None
    return HandSetDueDate(
        date=found.due_date,
        when=found.history_date,
        who=found.history_user,
        reason=found.due_date_reason,
    )


def followup_activity(followup: FollowUp, records: list[Any] | None = None) -> list[ActivityItem]:
    """Everything that happened to ``followup``, newest first: its progress entries
    and every recorded change of the ``ACTIVITY_FIELDS`` and of what it waits on.

    Changes come from django-simple-history (``diff_against`` between
    consecutive records); a status change logged with progress shows once, on
    the progress entry whose save wrote it (the record's change reason names the
    entry: ``PROGRESS_REASON``). Values are shown as people read them (a unit's
    abbreviation, a person's name, a session). At most six queries whatever the
    length: progress (none if ``followup_detail`` prefetched it), history (none
    when ``records`` are given), and one each for the units, people, sessions and
    follow-ups the changes name (none when they name none).
    """
    records = followup_history(followup) if records is None else records
    if "progress" in getattr(followup, "_prefetched_objects_cache", {}):
        entries = list(followup.progress.all())  # followup_detail's, authors included
    else:
        entries = list(followup.progress.select_related("author"))

    pairs: list[tuple[Any, list[Any]]] = []  # (record, its ModelChange list)
    ids: dict[str, set[int]] = defaultdict(set)
    linked: set[int] = set()
    for previous, record in zip([None, *records], records, strict=False):
        if previous is None:
            pairs.append((record, []))
            continue
        delta = record.diff_against(previous, included_fields=ACTIVITY_FIELDS)
        for change in delta.changes:
            if change.field in {"lead_unit", "focal_point", "target_session"}:
                ids[change.field].update(v for v in (change.old, change.new) if v is not None)
        link = DEPENDENCY_REASON.fullmatch(record.history_change_reason or "")
        if link:
            linked.add(int(link["followup"]))
        pairs.append((record, delta.changes))

    units = {u.pk: str(u) for u in Unit.objects.filter(pk__in=ids["lead_unit"])}
    people = {
        u.pk: u.get_full_name() or u.get_username()
        for u in get_user_model().objects.filter(pk__in=ids["focal_point"])
    }
    sessions = {s.pk: str(s) for s in Session.objects.filter(pk__in=ids["target_session"])}
    followups = {
        f.pk: f"#{f.pk} {f.display_title}"
        for f in FollowUp.objects.filter(pk__in=linked).only("title", "title_parts")
    }
    names: dict[str, dict[int, str]] = {
        "lead_unit": units,
        "focal_point": people,
        "target_session": sessions,
    }
    labels = {name: _field_label(name) for name in ACTIVITY_FIELDS}

    def shown(field: str, value: Any) -> str | datetime.date | None:
        if value in (None, ""):
            return None
        if field in names:
            return names[field].get(value, f"#{value}")
        if field == "status":
            return str(Status(value).label)
        if field == "due_date_source":
            return str(DueDateSource(value).label)
        return value if isinstance(value, datetime.date) else str(value)

    order = {name: index for index, name in enumerate(ACTIVITY_FIELDS)}
    items: list[ActivityItem] = []
    by_pk = {entry.pk: entry for entry in entries}
    unmatched = list(entries)
    for record, model_changes in pairs:
        if record.history_type == "+":
            items.append(ActivityItem("created", record.history_date, record.history_user))
            continue
        changes = [
            Change(c.field, str(labels[c.field]), shown(c.field, c.old), shown(c.field, c.new))
            for c in sorted(model_changes, key=lambda c: order[c.field])
        ]
        reason = record.history_change_reason or ""
        link = DEPENDENCY_REASON.fullmatch(reason)
        if link:
            other = followups.get(int(link["followup"]), f"#{link['followup']}")
            adding = link["sign"] == "+"
            changes.append(
                Change(
                    "waits_on",
                    _field_label("waits_on"),
                    None if adding else other,
                    other if adding else None,
                )
            )
        progress = PROGRESS_REASON.fullmatch(reason)
        entry = by_pk.get(int(progress["entry"])) if progress else None
        if entry is not None and entry in unmatched:
            unmatched.remove(entry)
            items.append(_progress_item(entry, tuple(c for c in changes if c.field != "status")))
        elif changes:
            items.append(
                ActivityItem(
                    "change", record.history_date, record.history_user, changes=tuple(changes)
                )
            )
    # Entries whose save left no record naming them (logged before records did).
    items.extend(_progress_item(entry, ()) for entry in reversed(unmatched))
    # Newest first; events of the same instant too, latest recorded first.
    items.reverse()
    items.sort(key=lambda item: item.when, reverse=True)
    return items


def _field_label(name: str) -> str:
    field = FollowUp._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


def _progress_item(entry: ProgressEntry, changes: tuple[Change, ...]) -> ActivityItem:
    return ActivityItem(
        "progress",
        entry.created_at,
        entry.author,
        text=entry.text,
        status_from=str(entry.get_status_from_display()) if entry.changes_status else "",
        status_to=str(entry.get_status_to_display()) if entry.changes_status else "",
        changes=changes,
    )


@dataclass(frozen=True)
class ShownFollowUp:
    """A follow-up under its paragraph, with where it stands in its series
    ("annual series, 2 of 3"; "" when its mandate is in no series)."""

    followup: FollowUp
    series_label: str = ""


@dataclass
class ShownParagraph:
    paragraph: Paragraph
    texts: list[tuple[str, str]]  # (language, text) in the languages shown
    followups: list[ShownFollowUp]


def _series_sizes(resolution: Resolution, followups: Sequence[FollowUp]) -> dict[int, int]:
    """How many occurrences each series of *resolution* has: one query, and none
    when no follow-up of *followups* follows a series."""
    if not any(f.mandate is not None and f.mandate.series is not None for f in followups):
        return {}
    rows = (
        resolution.mandates.filter(series__isnull=False)
        .values("series")
        .annotate(size=Count("pk"))
        .values_list("series", "size")
    )
    return {series: size for series, size in rows if series is not None}


def _by_series(followups: Sequence[FollowUp], sizes: Mapping[int, int]) -> list[ShownFollowUp]:
    """*followups* in their order, except that the occurrences of a series come
    together where the first of them is, in the order of the series, each labelled
    with where it stands in it (*sizes*: ``_series_sizes``)."""
    members: dict[int, list[tuple[int, FollowUp, str]]] = defaultdict(list)
    for followup in followups:
        mandate = followup.mandate
        if mandate is not None and mandate.series is not None:
            label = series_label(
                periodicity=mandate.periodicity,
                occurrence=mandate.occurrence,
                count=sizes.get(mandate.series, 0),
            )
            members[mandate.series].append((mandate.occurrence, followup, label))
    shown: list[ShownFollowUp] = []
    for followup in followups:
        series = followup.mandate.series if followup.mandate is not None else None
        if series is None:
            shown.append(ShownFollowUp(followup))
        elif series in members:
            occurrences = sorted(members.pop(series), key=lambda item: (item[0], item[1].pk))
            shown += [ShownFollowUp(member, label) for _, member, label in occurrences]
    return shown


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
    followups = list(followup_queryset().filter(resolution=resolution).select_related("mandate"))
    for followup in followups:
        for paragraph in followup.paragraphs.all():
            by_paragraph[paragraph.pk].append(followup)
    sizes = _series_sizes(resolution, followups)

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
                followups=_by_series(by_paragraph.get(paragraph.pk, []), sizes),
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


def differences_from_stored(*, parsed: ParsedResolution) -> list[str]:
    """How *parsed* differs from the stored document of its symbol, one readable line each.

    For a text that would be added as another language of a stored document:
    a translation of the same document has the same kind, adoption date,
    paragraphs and record of adoption, so any difference means the wrong text
    (or a misread one) and the review says so before anything is stored.
    Titles and wording are not compared (they are in another language).
    [] when nothing differs or nothing is stored. Two queries at most.
    """
    stored = (
        Resolution.objects.filter(symbol=parsed.symbol)
        .select_related("vote")
        .prefetch_related("paragraphs")
        .first()
    )
    if stored is None:
        return []
    found: list[str] = []
    if stored.kind != parsed.kind:
        found.append(
            _("it is a %(kind)s; the stored text is a %(stored)s")
            % {
                "kind": DocumentKind(parsed.kind).label.lower(),
                "stored": stored.get_kind_display().lower(),
            }
        )
    if stored.adopted_on and parsed.adopted_on and stored.adopted_on != parsed.adopted_on:
        found.append(
            _("it was adopted on %(date)s; the stored text on %(stored)s")
            % {
                "date": date_format(parsed.adopted_on, "j F Y"),
                "stored": date_format(stored.adopted_on, "j F Y"),
            }
        )
    paragraphs = list(stored.paragraphs.all())
    for kind, incoming in (
        (ParagraphKind.PREAMBULAR, parsed.preambular_paragraphs),
        (ParagraphKind.OPERATIVE, parsed.operative_paragraphs),
    ):
        here = sum(1 for p in paragraphs if p.kind == kind)
        if here != len(incoming):
            found.append(
                _("it has %(count)s %(kind)s paragraphs; the stored text %(stored)s")
                % {"count": len(incoming), "kind": ParagraphKind(kind).label, "stored": here}
            )
    stored_vote = getattr(stored, "vote", None)
    if stored_vote is not None and parsed.vote is not None:
        ours = (parsed.vote.method, parsed.vote.yes, parsed.vote.no, parsed.vote.abstentions)
        theirs = (stored_vote.method, stored_vote.yes, stored_vote.no, stored_vote.abstentions)
        if ours != theirs:
            found.append(
                _("its record of adoption (%(vote)s) differs from the stored one (%(stored)s)")
                % {"vote": _vote_summary(*ours), "stored": _vote_summary(*theirs)}
            )
    return found


def _vote_summary(method: str, yes: int | None, no: int | None, abstentions: int | None) -> str:
    if method == VoteMethod.WITHOUT_VOTE:
        return str(VoteMethod.WITHOUT_VOTE.label)
    return f"{yes}–{no}–{abstentions}"


def resolution_list(*, kind: str | None = None) -> QuerySet[Resolution]:
    """The stored documents, latest adopted first; only those of ``kind`` when it is a
    ``DocumentKind`` value ("resolution", "decision", "statement"), else all of them."""
    documents = Resolution.objects.select_related("session").order_by("-adopted_on", "symbol")
    if kind in DocumentKind.values:
        documents = documents.filter(kind=kind)
    return documents


@dataclass(frozen=True)
class ReviewRow:
    """What the import review shows beside one proposal's form.

    ``mandate``: the clause it was read from (None when its ``mandate_order``
    names none); ``due_date``: the due date it would get, as
    ``deadlines.preview`` gives it (None without a kind or a session);
    ``waits_on``: the number, from 1, of the proposal it would wait on
    (``services.awaited_meetings``), or None; ``before_adoption``: the due
    date falls before the resolution's adoption date (a session counted
    wrongly), which the page says.
    """

    mandate: ParsedMandate | None
    due_date: deadlines.DueDate | None
    waits_on: int | None
    before_adoption: bool = False


def import_review_rows(
    *, parsed: ParsedResolution, proposals: Sequence[Mapping[str, Any]]
) -> list[ReviewRow]:
    """One ``ReviewRow`` per proposal, in order, writing nothing.

    Each proposal is a mapping of a proposal form's values: ``kind``,
    ``session_body`` (default: the resolution's body), ``session_number`` (an
    int or None) and ``mandate_order`` (the index in ``parsed.mandates``).
    Two queries whatever the number of proposals: the closure days, and the
    regular sessions of the bodies named (the target sessions stored, and the
    confirmed ones an unstored session is estimated from, exactly as
    ``resolutions.services.session_or_estimate`` does one at a time).
    """
    bodies: set[str] = set()
    numbers: set[int] = set()
    for values in proposals:
        if values.get("kind") and isinstance(values.get("session_number"), int):
            bodies.add(values.get("session_body") or parsed.body)
            numbers.add(values["session_number"])
    stored: dict[tuple[str, int], Session] = {}
    confirmed: dict[str, list[Session]] = defaultdict(list)
    if bodies:
        for session in Session.objects.filter(
            Q(number__in=numbers) | Q(dates_confirmed=True), body__in=bodies, special=False
        ):
            stored[(session.body, session.number)] = session
            if session.dates_confirmed:
                confirmed[session.body].append(session)
    calendar = deadlines.WorkingCalendar.load()

    mandates: list[ParsedMandate | None] = []
    due_dates: list[deadlines.DueDate | None] = []
    specs: list[LinkSpec] = []
    for values in proposals:
        order = values.get("mandate_order")
        mandate = (
            parsed.mandates[order]
            if isinstance(order, int) and 0 <= order < len(parsed.mandates)
            else None
        )
        body = values.get("session_body") or parsed.body
        number = values.get("session_number")
        due = None
        if values.get("kind") and isinstance(number, int):
            session = stored.get((body, number)) or estimated_session(
                body=body, number=number, known=confirmed[body]
            )
            due = deadlines.due_date_for(kind=values["kind"], session=session, calendar=calendar)
        mandates.append(mandate)
        due_dates.append(due)
        specs.append(
            LinkSpec(
                kind=values.get("kind") or "",
                session_number=number,
                session_body=body,
                text=mandate.text if mandate else "",
            )
        )
    # The link the import will make: a report on a meeting waits on that meeting.
    adopted_on = parsed.adopted_on
    return [
        ReviewRow(
            mandate=mandate,
            due_date=due,
            waits_on=None if awaited is None else awaited + 1,
            before_adoption=bool(due and adopted_on and due.date < adopted_on),
        )
        for mandate, due, awaited in zip(mandates, due_dates, awaited_meetings(specs), strict=True)
    ]


# Saved views ----------------------------------------------------------------

# The list's filters whose values are primary keys: the filter form reads each
# value's row to check it exists. ``saved_views`` reads them all at once.
_ROW_FILTERS = ("target_session", "lead_unit", "focal_point")


class _KnownRow(forms.Field):
    """A primary-key filter's form field answering from rows read beforehand
    (``rows``: pk as text → row), as the filter's own field would from the
    database: empty → None, the filter's ``null_value`` ("null") as is, an
    unknown or vanished pk → "Select a valid choice"."""

    def __init__(self, *, rows: Mapping[str, Any], null_value: str | None) -> None:
        super().__init__(required=False)
        self.rows = rows
        self.null_value = null_value

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if self.null_value is not None and value == self.null_value:
            return value
        key = str(value).strip()
        row = self.rows.get(str(int(key))) if is_key(key) else None
        if row is None:
            raise ValidationError(
                forms.ModelChoiceField.default_error_messages["invalid_choice"],
                code="invalid_choice",
            )
        return row


class _KnownResolutions(ResolutionSymbolField):
    """The resolution filter's field answering from documents read beforehand
    (``named``: typed text, case-folded → primary keys; ``resolutions_named``)."""

    def __init__(self, *, named: Mapping[str, list[int]]) -> None:
        super().__init__(required=False)
        self.known = named

    def named(self, text: str) -> list[int]:
        return list(self.known.get(text.casefold(), []))


class _PrefetchedFollowUpFilter(FollowUpFilter):
    """``FollowUpFilter`` whose primary-key filters check their values against
    rows already read (``rows``: filter name → pk as text → row), so that
    building many filter sets costs no query each."""

    def __init__(
        self,
        *args: Any,
        rows: Mapping[str, Mapping[str, Any]],
        resolutions: Mapping[str, list[int]],
        **kwargs: Any,
    ) -> None:
        self._rows = rows
        self._resolutions = resolutions
        super().__init__(*args, **kwargs)

    def get_form_class(self) -> type[forms.Form]:
        base: type[forms.Form] = super().get_form_class()
        fields: dict[str, forms.Field] = {
            name: _KnownRow(rows=self._rows.get(name, {}), null_value=self.filters[name].null_value)
            for name in _ROW_FILTERS
        }
        fields["resolution"] = _KnownResolutions(named=self._resolutions)
        return type(base.__name__, (base,), fields)


def _referenced_rows(queries: Sequence[QueryDict]) -> dict[str, dict[str, Any]]:
    """For each primary-key filter used by ``queries``, the rows its values name
    that the filter accepts (its own queryset: a focal point must still hold a
    role), by pk as text. One query per filter used: at most three."""
    form = FollowUpFilter().form
    rows: dict[str, dict[str, Any]] = {}
    for name in _ROW_FILTERS:
        pks = {int(v) for q in queries for v in q.getlist(name) if is_key(v.strip())}
        if pks:
            queryset = form.fields[name].queryset
            rows[name] = {str(row.pk): row for row in queryset.filter(pk__in=pks)}
    return rows


@dataclass(frozen=True)
class SavedViewCount:
    """One of a person's saved views and how many follow-ups the list shows for
    its filters now (0 when they no longer read, e.g. a unit was deleted: the
    list then shows the error). Plain data: the website builds the addresses
    (``tracker.web.saved_views.saved_view_rows``)."""

    view: SavedView
    count: int


def saved_views(*, owner: Any) -> list[SavedViewCount]:
    """``owner``'s saved views by name, each with its current count. Reads only.

    A fixed number of queries however many views there are: the views (one),
    the rows their primary-key filters name (one per such filter in use, at
    most three, and one for the documents their resolution filters name; each
    filter set's form then checks its values against them, see
    ``_PrefetchedFollowUpFilter``) and every count in one ``SELECT`` of
    conditional ``COUNT(... FILTER (WHERE pk IN (<the view's list query>)))``
    (one per valid view, over the very queryset the list pages): at most six,
    one when there is no view. The counts run on the database with one
    subquery per view: fine for the tens of views a person keeps.
    """
    views = list(SavedView.objects.filter(owner=owner).order_by("name", "pk"))
    if not views:
        return []
    queries = [QueryDict(view.query) for view in views]
    rows = _referenced_rows(queries)
    resolutions = resolutions_named(v for q in queries for v in q.getlist("resolution"))
    counts: dict[str, Count] = {}
    for index, data in enumerate(queries):
        filterset = _PrefetchedFollowUpFilter(
            data=data or None,
            queryset=followup_queryset(),
            rows=rows,
            resolutions=resolutions,
            user=owner,
        )
        if filterset.is_bound and filterset.form.errors:
            continue  # the list shows the errors and no rows
        counts[f"view_{index}"] = Count("pk", filter=Q(pk__in=filterset.qs.values("pk")))
    totals = FollowUp.objects.aggregate(**counts) if counts else {}
    return [
        SavedViewCount(view=view, count=totals.get(f"view_{index}", 0))
        for index, view in enumerate(views)
    ]


# Units and their members (the administrators' page, tracker/web/units.py).


def person_label(person: Any) -> str:
    """A person as the units page names them: "Full Name (username)", or the
    username alone when no name is stored."""
    username: str = person.get_username()
    full_name: str = person.get_full_name()
    return f"{full_name} ({username})" if full_name else username


@dataclass(frozen=True)
class UnitMember:
    """One member of a unit: the person and the labels of their roles (empty:
    they hold none, so cannot open Suivi's pages)."""

    person: Any
    label: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class UnitRow:
    """A unit, its members by name, and the active people who could join it
    (``candidates``: ``(pk, label)``, by name)."""

    unit: Unit
    members: tuple[UnitMember, ...]
    candidates: tuple[tuple[int, str], ...]


def _roles_of(person: Any) -> tuple[str, ...]:
    roles = role_labels(group.name for group in person.groups.all())
    return tuple(roles)


def unit_rows() -> list[UnitRow]:
    """Every unit with its members and who could join it, in four queries
    however many units and people there are."""
    by_name = ("last_name", "first_name", "username")
    people = get_user_model().objects.order_by(*by_name)
    units = Unit.objects.prefetch_related(
        Prefetch("members", queryset=people.prefetch_related("groups"))
    ).order_by("name")
    active = [(person.pk, person_label(person)) for person in people.filter(is_active=True)]
    rows = []
    for unit in units:
        members = tuple(
            UnitMember(person=p, label=person_label(p), roles=_roles_of(p))
            for p in unit.members.all()
        )
        inside = {member.person.pk for member in members}
        rows.append(
            UnitRow(
                unit=unit,
                members=members,
                candidates=tuple(row for row in active if row[0] not in inside),
            )
        )
    return rows


def unit_candidates(unit: Unit) -> tuple[tuple[int, str], ...]:
    """The active people not in ``unit``, as ``(pk, label)`` by name: those the
    units page offers to add (one query)."""
    people = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(units=unit)
        .order_by("last_name", "first_name", "username")
    )
    return tuple((person.pk, person_label(person)) for person in people)


@dataclass(frozen=True)
class MembershipChange:
    """One change of a unit's members, read from its history."""

    when: datetime.datetime
    unit: str
    person: str
    added: bool
    by: str


_MEMBERSHIP_REASON = re.compile(r"^([+-])member:(\d+)$")


def membership_changes(*, limit: int = 20) -> list[MembershipChange]:
    """The ``limit`` latest changes of units' members, newest first (the
    history's change reasons "+member:<pk>" and "-member:<pk>" that
    ``services.add_unit_member`` / ``remove_unit_member`` write). Two queries."""
    records = list(
        Unit.history.filter(
            Q(history_change_reason__startswith="+member:")
            | Q(history_change_reason__startswith="-member:")
        )
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
    matches = [_MEMBERSHIP_REASON.match(record.history_change_reason) for record in records]
    ids = {int(match.group(2)) for match in matches if match}
    people = {p.pk: person_label(p) for p in get_user_model().objects.filter(pk__in=ids)}
    changes = []
    for record, match in zip(records, matches, strict=True):
        if match is None:
            continue
        person_id = int(match.group(2))
        changes.append(
            MembershipChange(
                when=record.history_date,
                unit=str(record.instance),
                person=people.get(person_id, f"#{person_id}"),
                added=match.group(1) == "+",
                by=person_label(record.history_user) if record.history_user else "",
            )
        )
    return changes

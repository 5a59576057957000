"""Reads for the dashboard and the printable session report.

Selectors like ``tracker.selectors``, in a module of their own because they
are the reads that walk the session calendar and aggregate over every
follow-up: kept apart, the list's selectors stay short, and this module's
query budget is easy to see and test on its own.

Every count comes either with the follow-up list's filters that give exactly
the same rows (``Link.filters``, the list's URL parameters): a count on the
dashboard and the list it links to cannot disagree, because both read
``tracker.models.state_q`` and the same fields; or, for the counts of one
session (the timeline's, the "before the next session" boxes'), with that
session's report (``ReportLink``), which lists every row counted: both read
``for_session``, the one rule of what a session's report lists. Every read
here runs a fixed number of queries, whatever the number of follow-ups.
"""

from __future__ import annotations

import datetime
import hashlib
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import (
    Count,
    F,
    OrderBy,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from resolutions.models import Actor, Body, Resolution, Session
from resolutions.selectors import SessionCalendar
from tracker import deadlines, freshness
from tracker.models import (
    OPEN_STATUSES,
    DueDateSource,
    FollowUp,
    ProgressEntry,
    State,
    Status,
    state_q,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

# Rows shown in each short table of the dashboard; "see all" links to the rest.
ROWS_SHOWN = 10
# Groups shown in a breakdown that grows with the years (by resolution): the
# ones with the most open follow-ups; the list sorted by resolution has them all.
BREAKDOWN_ROWS = 10
# How long the parts of the dashboard that are the same for every reader stay
# cached when nothing changes that the fingerprint sees (``tracker.freshness``),
# in seconds: what it does not see (a person renamed) shows after that.
SHARED_SECONDS = freshness.KEPT_SECONDS
# How far ahead the timeline reaches, in days (two years).
TIMELINE_DAYS = 2 * 365 + 1

Filters = tuple[tuple[str, str], ...]
# The follow-up list's parameters for "open": not started or in progress.
OPEN_FILTERS: Filters = tuple(("status", str(status)) for status in OPEN_STATUSES)
NULL = "null"  # the list's value for "none" (no lead unit, no target session)


def _open() -> Q:
    return Q(status__in=OPEN_STATUSES)


def of_body(body: str) -> Q:
    """Follow-ups that belong to ``body`` (a ``resolutions.models.Body`` value):
    those whose target session is one of its sessions, and those with no
    target session from a resolution it adopted. A Council resolution's
    request to report to the General Assembly is the Assembly's; a Council
    follow-up due by a date is the Council's."""
    return Q(target_session__body=body) | Q(target_session__isnull=True, resolution__body=body)


def for_session(session: Session, previous: Session | None) -> Q:
    """What the report of ``session`` lists: the one rule, read by the report, the
    timeline's counts and the "before the next session" boxes.

    Every follow-up that is not cancelled and

    - targets ``session``; or
    - belongs to its body (``of_body``), falls due before ``session`` closes
      (on its last day at the latest), and either is still open (not started
      or in progress: outstanding, however old) or is done and fell due since
      ``previous`` (the previous regular session of the same body) opened —
      every done one when there is no previous session.

    So a count of open follow-ups of the body due before ``session`` opens
    (``outstanding_before``) or while it sits (``outstanding_during``) is
    exactly the number of open rows the report lists due then; a report of
    the General Assembly never lists a Council follow-up, and what is still
    open is listed by every report until it is done.
    """
    done_since = Q(status=Status.DONE)
    if previous is not None:
        done_since &= Q(due_date__gte=previous.start_date)
    listed = of_body(session.body) & Q(due_date__lte=session.end_date) & (_open() | done_since)
    if session.pk is not None:  # an unsaved estimate is no one's target session
        listed |= Q(target_session=session.pk)
    return ~Q(status=Status.CANCELLED) & listed


def outstanding_before(session: Session) -> Q:
    """Open follow-ups ``for_session(session, ...)`` lists that fall due before it
    opens, however old (overdue ones included): of its body, not started or in
    progress, due before its opening day."""
    return _open() & of_body(session.body) & Q(due_date__lt=session.start_date)


def outstanding_during(session: Session) -> Q:
    """Open follow-ups ``for_session(session, ...)`` lists that fall due while it
    sits: of its body, not started or in progress, due from its opening day to
    its last day."""
    return (
        _open()
        & of_body(session.body)
        & Q(due_date__gte=session.start_date, due_date__lte=session.end_date)
    )


@dataclass(frozen=True)
class Link:
    """A number of follow-ups and the list filters that give exactly those rows.

    ``filters`` are the follow-up list's URL parameters as (name, value) pairs,
    repeated names allowed (``status``); ``query`` is their query string.
    """

    count: int
    filters: Filters

    @property
    def query(self) -> str:
        return urlencode(self.filters)


@dataclass(frozen=True)
class ReportLink:
    """A number of follow-ups that the report of ``session`` lists, among others.

    Counted with ``outstanding_before`` or ``outstanding_during``, which pick
    rows ``for_session`` lists, so the report never shows fewer. The follow-up
    list has no filter for "of this body", so these counts link to the report,
    not to the list. ``session.pk`` is None for an unsaved estimate, which has
    no report.
    """

    count: int
    session: Session


@dataclass(frozen=True)
class Section:
    """A short table of follow-ups: the first ``ROWS_SHOWN`` rows and the whole count
    (linked to the list, or, for a session's box, to its report)."""

    rows: tuple[FollowUp, ...]
    total: Link | ReportLink

    @property
    def more(self) -> bool:
        return self.total.count > len(self.rows)


@dataclass(frozen=True)
class BeforeSession:
    """Open follow-ups of ``session``'s body due before it opens (not on its opening
    day), however old: ``outstanding_before``, the open rows its report lists
    as due before it opens, and the timeline's count for it.

    ``session`` may be an unsaved estimate (``pk`` None): the calendar always
    has a next session, announced or not.
    """

    session: Session
    section: Section

    @property
    def last_day(self) -> datetime.date:
        return self.session.start_date - datetime.timedelta(days=1)


@dataclass(frozen=True)
class Bucket:
    """One line of a breakdown: its open follow-ups, and how many of them are overdue."""

    label: str
    open: Link
    overdue: Link


@dataclass(frozen=True)
class Breakdown:
    """Open follow-ups counted by one field (``name``: the list parameter).

    ``more`` is True when only the groups with the most open follow-ups are
    in ``buckets`` (``BREAKDOWN_ROWS`` of them: the breakdown by resolution,
    which grows with the years); the list, sorted by that field, has them all.
    """

    name: str
    buckets: tuple[Bucket, ...]
    more: bool = False

    @property
    def open_total(self) -> int:
        return sum(bucket.open.count for bucket in self.buckets)


@dataclass(frozen=True)
class StatusCount:
    status: Status
    link: Link


@dataclass(frozen=True)
class Mine:
    """What the user is focal point for, and what the units they belong to lead (open)."""

    focal_point: Section
    units: tuple[Bucket, ...]  # each of the user's units, with what it leads
    unit_rows: tuple[FollowUp, ...]


@dataclass(frozen=True)
class TimelineSession:
    """A session on the timeline, with the open follow-ups of its body due before
    and during it (``outstanding_before``, however old, and
    ``outstanding_during``): both are rows its report lists (``for_session``
    with ``previous``, the previous regular session of the same body)."""

    session: Session
    previous: Session | None
    before: ReportLink
    during: ReportLink
    past: bool  # opened before today

    @property
    def estimated(self) -> bool:
        return not self.session.dates_confirmed


@dataclass(frozen=True)
class Dashboard:
    """Everything the home page shows, read on ``today`` for ``user``."""

    today: datetime.date
    overdue: Section
    due_soon: Section
    due_soon_days: int
    before_next: tuple[BeforeSession, ...]  # one per body: HRC, then GA
    statuses: tuple[StatusCount, ...]
    breakdowns: tuple[Breakdown, ...]
    mine: Mine
    timeline: tuple[TimelineSession, ...] = field(default=())
    timeline_end: datetime.date | None = None
    # The cache key of the shared parts (``cached_shared_parts``): the page caches
    # their HTML under it, for ``shared_seconds``.
    shared_key: str = ""
    shared_seconds: int = 0


def _rows(queryset: QuerySet[FollowUp], today: datetime.date) -> tuple[FollowUp, ...]:
    """The first rows of ``queryset`` with what a short table shows, in one query."""
    return tuple(
        queryset.with_state(today)  # type: ignore[attr-defined]
        .select_related("resolution", "target_session", "lead_unit", "focal_point")
        .order_by(F("due_date").asc(nulls_last=True), "pk")[:ROWS_SHOWN]
    )


def _section(
    condition: Q, filters: Filters, totals: dict[str, int], key: str, today: datetime.date
) -> Section:
    return Section(
        rows=_rows(FollowUp.objects.filter(condition), today),
        total=Link(totals[key], filters),
    )


def _breakdown(
    name: str,
    values: Iterable[str],
    label: Callable[[Mapping[str, Any]], object],
    today: datetime.date,
    order: Iterable[str | OrderBy],
    limit: int | None = None,
) -> Breakdown:
    """Open and overdue follow-ups grouped by ``values`` (the first is the key), one query.

    ``label(row)`` names a group from its row of values; a key of None is the
    "none" bucket, linked with the list's ``null``. With ``limit``, only the
    first ``limit`` groups in ``order`` (and ``Breakdown.more`` if there are more).
    """
    fields = list(values)
    key = fields[0]
    rows = (
        FollowUp.objects.values(*fields)
        .annotate(
            open=Count("pk", filter=_open()),
            overdue=Count("pk", filter=state_q(State.OVERDUE, today)),
        )
        .filter(open__gt=0)
        .order_by(*order)
    )
    found = list(rows if limit is None else rows[: limit + 1])
    more = limit is not None and len(found) > limit
    buckets = []
    for row in found[:limit]:
        value = NULL if row[key] is None else str(row[key])
        buckets.append(
            Bucket(
                label=str(label(row)) if row[key] is not None else _("none"),
                open=Link(row["open"], ((name, value), *OPEN_FILTERS)),
                overdue=Link(row["overdue"], ((name, value), ("state", State.OVERDUE.value))),
            )
        )
    return Breakdown(name=name, buckets=tuple(buckets), more=more)


def _session_label(row: Mapping[str, Any], prefix: str = "target_session__") -> str:
    return str(
        Session(
            body=row[prefix + "body"],
            number=row[prefix + "number"],
            special=row[prefix + "special"],
        )
    )


def _unit_label(row: Mapping[str, Any]) -> str:
    return str(row["lead_unit__abbreviation"] or row["lead_unit__name"])


def _breakdowns(today: datetime.date) -> tuple[Breakdown, ...]:
    actor_order = {value: index for index, value in enumerate(Actor.values)}
    by_actor = _breakdown(
        "actor", ["actor"], lambda row: Actor(row["actor"]).label, today, ["actor"]
    )
    by_actor = Breakdown(
        name="actor",
        buckets=tuple(
            sorted(
                by_actor.buckets,
                key=lambda b: actor_order.get(dict(b.open.filters)["actor"], len(actor_order)),
            )
        ),
    )
    return (
        _breakdown(
            "target_session",
            [
                "target_session",
                "target_session__body",
                "target_session__number",
                "target_session__special",
            ],
            _session_label,
            today,
            [
                F("target_session__start_date").asc(nulls_last=True),
                "target_session",
            ],
        ),
        _breakdown(
            "lead_unit",
            ["lead_unit", "lead_unit__name", "lead_unit__abbreviation"],
            _unit_label,
            today,
            [F("lead_unit__name").asc(nulls_last=True)],
        ),
        by_actor,
        _breakdown(
            "resolution",
            ["resolution", "resolution__symbol"],
            lambda row: row["resolution__symbol"],
            today,
            ["-open", "resolution__symbol"],
            limit=BREAKDOWN_ROWS,
        ),
    )


def _statuses(counts: Mapping[str, int]) -> tuple[StatusCount, ...]:
    return tuple(
        StatusCount(
            status=status,
            link=Link(counts[f"status_{status.value}"], (("status", status.value),)),
        )
        for status in Status
    )


def _mine(user: AbstractBaseUser | AnonymousUser, today: datetime.date) -> Mine:
    """The reader's own part: two queries for what they are focal point for (its
    first rows, each carrying the whole count) and what their units lead, one
    for the next rows their units lead."""
    focal_rows = _rows(
        FollowUp.objects.filter(_open(), focal_point=user.pk).annotate(total=Window(Count("pk"))),
        today,
    )
    focal = Section(
        rows=focal_rows,
        total=Link(
            getattr(focal_rows[0], "total", 0) if focal_rows else 0,
            (("focal_point", str(user.pk)), *OPEN_FILTERS),
        ),
    )
    units = (
        FollowUp.objects.filter(lead_unit__members=user.pk)
        .values("lead_unit", "lead_unit__name", "lead_unit__abbreviation")
        .annotate(
            open=Count("pk", filter=_open()),
            overdue=Count("pk", filter=state_q(State.OVERDUE, today)),
        )
        .order_by("lead_unit__name")
    )
    return Mine(
        focal_point=focal,
        units=tuple(
            Bucket(
                label=_unit_label(row),
                open=Link(row["open"], (("lead_unit", str(row["lead_unit"])), *OPEN_FILTERS)),
                overdue=Link(
                    row["overdue"],
                    (("lead_unit", str(row["lead_unit"])), ("state", State.OVERDUE.value)),
                ),
            )
            for row in units
        ),
        unit_rows=_rows(FollowUp.objects.filter(_open(), lead_unit__members=user.pk), today),
    )


def _timeline_sessions(
    today: datetime.date, calendar: SessionCalendar
) -> list[tuple[Session, Session | None]]:
    """Each body's sessions from the last one that opened before today to two years
    ahead, each with the previous session of its body (or None), by opening date."""
    end = today + datetime.timedelta(days=TIMELINE_DAYS)
    # Two years back is enough to find, for each body, the last session that
    # opened before today and the one before it (the GA meets once a year).
    start = today - datetime.timedelta(days=TIMELINE_DAYS)
    found: list[tuple[Session, Session | None]] = []
    for body in Body.values:
        sessions = sorted(
            (
                s
                for s in calendar.sessions_between(body=body, start=start, end=end)
                if not s.special
            ),
            key=lambda s: s.start_date,
        )
        past = [index for index, s in enumerate(sessions) if s.start_date < today]
        first = past[-1] if past else 0
        for index in range(first, len(sessions)):
            found.append((sessions[index], sessions[index - 1] if index > 0 else None))
    return sorted(found, key=lambda pair: (pair[0].start_date, pair[0].body))


def _timeline_counts(sessions: list[tuple[Session, Session | None]]) -> dict[str, Count]:
    """The timeline's counts, as aggregates for the dashboard's one count query."""
    aggregates: dict[str, Count] = {}
    for index, (session, _previous) in enumerate(sessions):
        aggregates[f"before_{index}"] = Count("pk", filter=outstanding_before(session))
        aggregates[f"during_{index}"] = Count("pk", filter=outstanding_during(session))
    return aggregates


def _timeline(
    sessions: list[tuple[Session, Session | None]], counts: Mapping[str, int], today: datetime.date
) -> tuple[TimelineSession, ...]:
    return tuple(
        TimelineSession(
            session=session,
            previous=previous,
            before=ReportLink(counts[f"before_{index}"], session),
            during=ReportLink(counts[f"during_{index}"], session),
            past=session.start_date < today,
        )
        for index, (session, previous) in enumerate(sessions)
    )


@dataclass(frozen=True)
class Shared:
    """The parts of the dashboard that are the same for every reader on a day."""

    overdue: Section
    due_soon: Section
    before_next: tuple[BeforeSession, ...]
    statuses: tuple[StatusCount, ...]
    breakdowns: tuple[Breakdown, ...]
    timeline: tuple[TimelineSession, ...]


def shared_parts(*, today: datetime.date) -> Shared:
    """What every reader sees on ``today``: eleven queries, whatever the number of
    follow-ups: the calendar (``SessionCalendar``), one aggregate for every
    count (the sections' totals, the statuses, the timeline), one per short
    table (overdue, due soon, before each body's next session) and one per
    breakdown. Overdue and due soon are ``tracker.models.state_q``'s, due soon
    within ``SUIVI_DUE_SOON_DAYS`` days."""
    calendar = SessionCalendar.load()
    upcoming = [calendar.next_session(body=body, today=today) for body in Body.values]
    sessions = _timeline_sessions(today, calendar)
    counts: dict[str, int] = FollowUp.objects.aggregate(
        overdue=Count("pk", filter=state_q(State.OVERDUE, today)),
        due_soon=Count("pk", filter=state_q(State.DUE_SOON, today)),
        **{
            f"before_{session.body}": Count("pk", filter=outstanding_before(session))
            for session in upcoming
        },
        **{f"status_{status.value}": Count("pk", filter=Q(status=status)) for status in Status},
        **_timeline_counts(sessions),
    )
    return Shared(
        overdue=_section(
            state_q(State.OVERDUE, today),
            (("state", State.OVERDUE.value),),
            counts,
            "overdue",
            today,
        ),
        due_soon=_section(
            state_q(State.DUE_SOON, today),
            (("state", State.DUE_SOON.value),),
            counts,
            "due_soon",
            today,
        ),
        before_next=tuple(
            BeforeSession(
                session=session,
                section=Section(
                    rows=_rows(FollowUp.objects.filter(outstanding_before(session)), today),
                    total=ReportLink(counts[f"before_{session.body}"], session),
                ),
            )
            for session in upcoming
        ),
        statuses=_statuses(counts),
        breakdowns=_breakdowns(today),
        timeline=_timeline(sessions, counts, today),
    )


class _RecentShared:
    """The shared parts last read in this process, by cache key, kept as objects.

    Django's caches pickle what they keep, and unpickling the rows, sessions
    and links of the shared parts costs more than rendering the page they
    serve; their HTML goes to Django's cache (the page's ``{% cache %}``
    blocks), the objects stay here: the few latest keys, each for
    ``SHARED_SECONDS`` at most.
    """

    size = 8

    def __init__(self) -> None:
        self.entries: dict[str, tuple[float, Shared]] = {}
        self.lock = threading.Lock()  # a threaded server reads and writes it at once

    def get(self, key: str) -> Shared | None:
        with self.lock:
            entry = self.entries.get(key)
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1]

    def put(self, key: str, shared: Shared) -> None:
        now = time.monotonic()
        with self.lock:
            # The expired ones go, then the oldest while there are too many.
            kept = {k: v for k, v in self.entries.items() if v[0] >= now}
            while len(kept) >= self.size:
                kept.pop(next(iter(kept)))
            kept[key] = (now + SHARED_SECONDS, shared)
            self.entries = kept

    def clear(self) -> None:
        with self.lock:
            self.entries = {}


recent_shared = _RecentShared()


def cached_shared_parts(*, today: datetime.date) -> tuple[Shared, str]:
    """``shared_parts`` as last read in this process while nothing it shows has
    changed, and its key: one query (``freshness.fingerprint``) when it is kept,
    eleven when it is not. Kept per language (labels are translated when
    read) and per day, for ``SHARED_SECONDS`` at most (``_RecentShared``)."""
    key = (
        "suivi:dashboard:"
        + hashlib.sha256(
            repr((get_language(), today.isoformat(), freshness.fingerprint())).encode()
        ).hexdigest()
    )
    shared = recent_shared.get(key)
    if shared is None:
        shared = shared_parts(today=today)
        recent_shared.put(key, shared)
    return shared, key


def dashboard(*, user: AbstractBaseUser | AnonymousUser, today: datetime.date) -> Dashboard:
    """What is late, what is due soon and before each body's next session
    (``outstanding_before``), counts by status / session / unit / actor /
    resolution, what is ``user``'s, and the timeline of sessions, as of ``today``.

    A fixed number of queries whatever the number of follow-ups: the parts
    every reader sees (``cached_shared_parts``: one query while cached,
    eleven otherwise) and the reader's own (``_mine``: three).
    """
    shared, key = cached_shared_parts(today=today)
    return Dashboard(
        today=today,
        overdue=shared.overdue,
        due_soon=shared.due_soon,
        due_soon_days=settings.SUIVI_DUE_SOON_DAYS,
        before_next=shared.before_next,
        statuses=shared.statuses,
        breakdowns=shared.breakdowns,
        mine=_mine(user, today),
        timeline=shared.timeline,
        timeline_end=today + datetime.timedelta(days=TIMELINE_DAYS),
        shared_key=key,
        shared_seconds=SHARED_SECONDS,
    )


# --- The printable session report ------------------------------------------


@dataclass(frozen=True)
class ReportRow:
    """A follow-up in the report, with its latest progress note and why it is due then."""

    followup: FollowUp
    explanation: str
    latest_note: str
    latest_note_at: datetime.datetime | None


@dataclass(frozen=True)
class ReportStatus:
    status: Status
    rows: tuple[ReportRow, ...]


@dataclass(frozen=True)
class ReportGroup:
    resolution: Resolution
    statuses: tuple[ReportStatus, ...]

    @property
    def count(self) -> int:
        return sum(len(status.rows) for status in self.statuses)


@dataclass(frozen=True)
class SessionReport:
    """Follow-ups for one session, as ``for_session`` picks them: those it is the
    target session of, and those of its body due before it closes that are
    still open (however old) or were done since ``previous`` (the previous
    regular session of its body) opened; cancelled ones left out.

    ``open_before`` and ``open_during`` count the open rows due before it
    opens and while it sits: the numbers the dashboard shows for it.
    """

    session: Session
    previous: Session | None
    groups: tuple[ReportGroup, ...]

    def _rows(self) -> Iterable[ReportRow]:
        for group in self.groups:
            for status in group.statuses:
                yield from status.rows

    @property
    def count(self) -> int:
        return sum(group.count for group in self.groups)

    @property
    def open_before(self) -> int:
        start = self.session.start_date
        return sum(
            1
            for row in self._rows()
            if row.followup.status in OPEN_STATUSES
            and row.followup.due_date is not None
            and row.followup.due_date < start
        )

    @property
    def open_during(self) -> int:
        session = self.session
        return sum(
            1
            for row in self._rows()
            if row.followup.status in OPEN_STATUSES
            and row.followup.due_date is not None
            and session.start_date <= row.followup.due_date <= session.end_date
        )


def _explanation(followup: FollowUp, calendar: deadlines.WorkingCalendar) -> str:
    if followup.due_date is None:
        return _("no due date")
    if followup.due_date_source == DueDateSource.MANUAL:
        return _("set by hand: %(reason)s") % {"reason": followup.due_date_reason}
    derived = deadlines.derive(followup, calendar=calendar)
    return derived.explanation() if derived else ""


def session_report(*, pk: int) -> SessionReport:
    """The printable report of session ``pk`` (404 if there is none): what
    ``for_session`` picks, in four queries: the session, the previous session
    of its body, the follow-ups with their latest progress note (a subquery,
    not one query per row), and the closure days the due dates' explanations
    read.

    Grouped by resolution (by symbol), then by status in the order of
    ``Status``, each group by due date.
    """
    session = get_object_or_404(Session, pk=pk)
    previous = (
        Session.objects.filter(body=session.body, special=False, start_date__lt=session.start_date)
        .exclude(pk=session.pk)
        .order_by("-start_date")
        .first()
    )
    latest = (
        ProgressEntry.objects.filter(followup=OuterRef("pk"))
        .exclude(text="")
        .order_by("-created_at", "-id")
    )
    followups = (
        FollowUp.objects.filter(for_session(session, previous))
        .select_related(
            "resolution",
            "target_session",
            "lead_unit",
            "focal_point",
            "serves__target_session",
        )
        .annotate(
            latest_note=Subquery(latest.values("text")[:1]),
            latest_note_at=Subquery(latest.values("created_at")[:1]),
        )
        .order_by("resolution__symbol", "resolution", F("due_date").asc(nulls_last=True), "pk")
    )
    calendar = deadlines.WorkingCalendar.load()
    status_order = list(Status)
    grouped: dict[int, tuple[Resolution, dict[Status, list[ReportRow]]]] = {}
    for followup in followups:
        entry = grouped.setdefault(followup.resolution_id, (followup.resolution, {}))
        statuses = entry[1]
        statuses.setdefault(Status(followup.status), []).append(
            ReportRow(
                followup=followup,
                explanation=_explanation(followup, calendar),
                latest_note=getattr(followup, "latest_note", None) or "",
                latest_note_at=getattr(followup, "latest_note_at", None),
            )
        )
    return SessionReport(
        session=session,
        previous=previous,
        groups=tuple(
            ReportGroup(
                resolution=resolution,
                statuses=tuple(
                    ReportStatus(status=status, rows=tuple(statuses[status]))
                    for status in status_order
                    if status in statuses
                ),
            )
            for resolution, statuses in grouped.values()
        ),
    )

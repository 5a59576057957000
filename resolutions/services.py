"""Writes to the resolutions app: the session calendar and imported resolutions.

Every function is keyword-only, atomic and validates before it saves.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F, Model, ProtectedError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from resolutions.importer.source import lines as source_lines
from resolutions.importer.states import StateRecord, resolve_state
from resolutions.importer.types import Mandate as ParsedMandate
from resolutions.importer.types import Paragraph as ParsedParagraph
from resolutions.importer.types import ParsedResolution
from resolutions.importer.types import Vote as ParsedVote
from resolutions.models import (
    MAX_NUMBER,
    Actor,
    Body,
    ClosureDay,
    Language,
    Mandate,
    MandateKind,
    Paragraph,
    ParagraphKind,
    ParagraphText,
    Position,
    Resolution,
    ResolutionText,
    Session,
    State,
    Vote,
    VotePosition,
    acting_as,
    paragraph_label,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class ResolutionExists(Exception):
    """The symbol is already stored and replacing was not asked for."""

    def __init__(self, symbol: str) -> None:
        self.symbol = symbol
        super().__init__(
            _("%(symbol)s is already stored; import it again with replace to overwrite it.")
            % {"symbol": symbol}
        )


class ConcurrentEdit(Exception):
    """The row changed since the form was shown; nothing was saved."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or _("This was changed by someone else while you were editing it; nothing was saved.")
        )


@dataclass
class ImportOutcome:
    resolution: Resolution
    created: bool
    changes: list[str] = field(default_factory=list)
    # Set when the text was stored as a further language of a stored resolution.
    translation: ResolutionText | None = None


# ---------------------------------------------------------------- sessions


def shift_years(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` later (earlier if negative); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


_HRC_ANCHORS = (
    (46, datetime.date(2021, 2, 22), datetime.date(2021, 3, 24)),
    (47, datetime.date(2021, 6, 21), datetime.date(2021, 7, 14)),
    (48, datetime.date(2021, 9, 13), datetime.date(2021, 10, 11)),
)


def _monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _confirmed(body: str) -> list[Session]:
    """The confirmed regular sessions of ``body``: what estimates are made from."""
    return list(Session.objects.filter(body=body, special=False, dates_confirmed=True))


def estimate_session_dates(
    *, body: str, number: int, known: Sequence[Session] | None = None
) -> tuple[datetime.date, datetime.date]:
    """Dates for a session nobody has announced yet, from the usual pattern.

    The Council holds three sessions a year in the same seasons (February–April,
    June–July, September–October), so session ``n`` falls in the same season as
    ``n ± 3`` a year apart: the nearest known session of the same season is moved
    by whole years, to the Monday of the same week. The General Assembly opens
    each September (session 80 opened on 9 September 2025) and sits until the
    next one opens.

    ``known`` is the body's confirmed regular sessions, when the caller
    estimates several sessions and has read them once (one query, not one per
    estimate); without it they are read here.
    """
    if body == Body.GA:
        start = datetime.date(1945 + number, 9, 9)
        return start, datetime.date(1946 + number, 9, 8)
    if known is None:
        known = _confirmed(body)
    same_season = [
        session
        for session in known
        if session.body == body
        and not session.special
        and session.dates_confirmed
        and (session.number - number) % 3 == 0
    ]
    nearest = min(same_season, key=lambda s: abs(s.number - number), default=None)
    if nearest is None:  # an empty calendar: fall back on the 2021 sessions
        anchor_number, anchor_start, anchor_end = next(
            anchor for anchor in _HRC_ANCHORS if (anchor[0] - number) % 3 == 0
        )
    else:
        anchor_number, anchor_start, anchor_end = (
            nearest.number,
            nearest.start_date,
            nearest.end_date,
        )
    years = (number - anchor_number) // 3
    start = _monday_of(shift_years(anchor_start, years))
    return start, start + (anchor_end - anchor_start)


def estimated_session(*, body: str, number: int, known: Sequence[Session] | None = None) -> Session:
    """An unsaved estimate of the regular session ``number`` of ``body``.

    ``pk`` None and ``dates_confirmed`` False; ``known`` as for
    ``estimate_session_dates``.
    """
    start, end = estimate_session_dates(body=body, number=number, known=known)
    return Session(
        body=body,
        number=number,
        start_date=start,
        end_date=end,
        dates_confirmed=False,
        notes=str(ESTIMATE_NOTE),
    )


# The note an estimated session carries until its dates are confirmed.
ESTIMATE_NOTE = gettext_lazy(
    "Estimated from the usual pattern; correct it when the dates are announced."
)


def _is_estimate_note(notes: str) -> bool:
    """Whether ``notes`` is only the estimate's note, in any of the site's languages."""
    written = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            written.add(str(ESTIMATE_NOTE))
    return notes.strip() in written


def session_or_estimate(*, body: str, number: int) -> Session:
    """The regular session ``number`` of ``body``: the stored one, or an unsaved estimate.

    An estimate has ``pk`` None and ``dates_confirmed`` False; ``session_for``
    stores it. Reading a preview (the import review) uses this one, so that
    nothing is written before staff confirm.
    """
    session = Session.objects.filter(body=body, special=False, number=number).first()
    if session is not None:
        return session
    return estimated_session(body=body, number=number)


def session_number_on(
    *, body: str, day: datetime.date, known: Sequence[Session] | None = None
) -> int:
    """The number of the regular session of ``body`` under way on ``day``, or the next one.

    From the usual pattern (``estimate_session_dates``), for a calendar with
    nothing stored near ``day``: the first session whose estimated closing day
    is ``day`` or later.
    """
    if body == Body.GA:
        # Session n opens in September of 1945 + n and sits until the next opens.
        return day.year - 1945 if day >= datetime.date(day.year, 9, 9) else day.year - 1946
    if known is None:
        known = _confirmed(body)
    # Three sessions a year since 2007 (session 4); step from a guess by the year.
    number = max(1, 3 * (day.year - 2021) + 46 - 3)
    while estimate_session_dates(body=body, number=number, known=known)[1] >= day and number > 1:
        number -= 1
    while estimate_session_dates(body=body, number=number, known=known)[1] < day:
        number += 1
    return number


@transaction.atomic
def session_for(*, body: str, number: int) -> Session:
    """The regular session ``number`` of ``body``, estimated and stored if not yet known."""
    session = session_or_estimate(body=body, number=number)
    if session._state.adding:
        session.full_clean()
        session.save()
    return session


@transaction.atomic
def special_session_for(*, body: str, number: int, around: datetime.date | None) -> Session:
    """The special session S-``number``, stored if not yet known.

    Special sessions are called at short notice and last a day or two: until
    staff enter its dates, one is taken to sit on the day its resolution was
    adopted.
    """
    session = Session.objects.filter(body=body, special=True, number=number).first()
    if session is not None:
        return session
    day = around or timezone.localdate()
    session = Session(
        body=body,
        number=number,
        special=True,
        start_date=day,
        end_date=day,
        dates_confirmed=False,
        notes=_("Dates taken from the adoption date; correct them in the calendar."),
    )
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def add_session(*, session: Session, user: User | None = None) -> Session:
    """Store a session staff entered by hand (the session admin's "add"); returns it.

    ``session`` is unsaved. Validates first: a session closing before it
    opens, or a number its body already has (regular and special sessions
    are numbered apart), raises ``ValidationError`` and saves nothing — also
    when another request stored the same number in between (the database's
    constraint, reported as the same error). The history records ``user``
    as the author (else the web request's user).
    """
    session.full_clean()
    if user is not None:
        session._history_user = user  # type: ignore[attr-defined]
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction stays usable
            session.save()
    except IntegrityError as error:
        raise ValidationError(
            _("A session with this number is already stored."), code="unique"
        ) from error
    return session


# Fields of a session that staff correct from a form (update_session).
SESSION_EDITABLE_FIELDS = ("start_date", "end_date", "dates_confirmed", "notes")


def _save_versioned(
    row: Session | Resolution,
    *,
    expected_version: int,
    values: dict[str, Any],
    user: User | None,
    reason: str | None,
    changed_elsewhere: str,
) -> list[str]:
    """Write ``values`` (field name → value) on ``row`` as its next version.

    Compare-and-set: the version goes up in one ``UPDATE … WHERE version =
    expected_version``, else ``ConcurrentEdit(changed_elsewhere)``. The values
    are validated on ``row`` (``ValidationError``: ``row`` gets back the values
    it had, and the caller's transaction undoes the version). The history
    records ``user`` (else the web request's, ``HistoryRequestMiddleware``)
    and ``reason`` when given. Returns the names of the fields whose stored
    values changed, in the order of ``values``. The services of sessions and
    resolutions call it inside their transaction.
    """
    model = type(row)
    updated = model.objects.filter(pk=row.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not updated:
        raise ConcurrentEdit(changed_elsewhere)
    # Compared with the stored row, not with ``row``: a form may already have
    # set the new values on it.
    stored = model.objects.filter(pk=row.pk).values(*values).get()
    shown = {name: getattr(row, name) for name in (*values, "version")}
    try:
        for name, value in values.items():
            setattr(row, name, value)
        row.version = expected_version + 1
        row.full_clean()
    except ValidationError:
        for name, value in shown.items():
            setattr(row, name, value)
        raise
    if user is not None:
        row._history_user = user  # type: ignore[union-attr]
    if reason:
        row._change_reason = reason  # type: ignore[union-attr]
    row.save(update_fields=[*values, "version"])
    if reason:
        del row._change_reason  # type: ignore[union-attr]  # not for the next save
    return [name for name in values if stored[name] != values[name]]


@transaction.atomic
def update_session(
    *,
    session: Session,
    expected_version: int,
    start_date: datetime.date,
    end_date: datetime.date,
    dates_confirmed: bool,
    notes: str,
    user: User | None = None,
    reason: str | None = None,
) -> list[str]:
    """Correct a session's dates and notes, if nobody saved it since it was shown.

    Compare-and-set on ``expected_version`` (the ``version`` the form was
    built from): raises ``ConcurrentEdit`` when the stored version differs, and
    ``ValidationError`` for values the session cannot hold (closing before it
    opens, a year outside ``resolutions.dates``); in either case nothing is
    saved and ``session`` is left as it was. On success the version goes up
    by one, the history records ``user`` as the author and ``reason`` (if
    any) as the change reason, and the names of the fields whose values
    changed are returned, in the order of ``SESSION_EDITABLE_FIELDS`` (empty
    when nothing changed).
    """
    if dates_confirmed and _is_estimate_note(notes):
        notes = ""  # confirmed: "estimated from the usual pattern" is no longer true
    values: dict[str, object] = {
        "start_date": start_date,
        "end_date": end_date,
        "dates_confirmed": dates_confirmed,
        "notes": notes,
    }
    return _save_versioned(
        session,
        expected_version=expected_version,
        values=values,
        user=user,
        reason=reason,
        changed_elsewhere=_(
            "This session was changed by someone else while you were editing it; nothing was saved."
        ),
    )


def history_record(model: type[Model], *, pk: int, history_id: int) -> Any:
    """The history record ``history_id`` of ``model``'s row ``pk`` (django-simple-history).

    Raises ``ValidationError`` when there is none: an id from another row,
    or no record at all.
    """
    history = model.history  # type: ignore[attr-defined]  # django-simple-history's manager
    record = history.filter(history_id=history_id, **{model._meta.pk.attname: pk}).first()
    if record is None:
        raise ValidationError(_("There is no such version to go back to."), code="no_version")
    return record


def revert_reason(record: Any) -> str:
    """The history change reason of a revert to ``record``: "Reverted to version 3"."""
    return _("Reverted to version %(version)s") % {"version": record.version}


def revert_session_values(*, session: Session, history_id: int) -> dict[str, Any]:
    """What a revert of ``session`` to its history record ``history_id`` restores:
    the ``SESSION_EDITABLE_FIELDS`` as they were then, and the change ``reason``
    to record. Raises ``ValidationError`` for a record that is not ``session``'s.
    The caller saves them through ``update_session`` (``tracker.services.revert_session``
    also moves the due dates tied to the session)."""
    record = history_record(Session, pk=session.pk, history_id=history_id)
    return {
        **{name: getattr(record, name) for name in SESSION_EDITABLE_FIELDS},
        "reason": revert_reason(record),
    }


@transaction.atomic
def delete_session(*, session: Session, expected_version: int, user: User | None = None) -> None:
    """Delete a session nobody changed since ``expected_version`` was shown.

    Raises ``ConcurrentEdit`` when it was changed since (nothing deleted),
    and ``ValidationError`` when resolutions or follow-ups still name it
    (protected). The history keeps the deletion, with ``user`` as its author.
    """
    locked = (
        Session.objects.select_for_update().filter(pk=session.pk, version=expected_version).first()
    )
    if locked is None:
        raise ConcurrentEdit(
            _(
                "This session was changed by someone else while you were looking at it; "
                "nothing was deleted."
            )
        )
    if user is not None:
        locked._history_user = user  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            locked.delete()
    except ProtectedError as error:
        raise ValidationError(
            _("Resolutions or follow-ups name this session: it cannot be deleted."),
            code="protected",
        ) from error


# Bodies whose regular sessions the calendar keeps ahead (extend_calendar).
CALENDAR_BODIES = (Body.HRC, Body.GA)


@transaction.atomic
def extend_calendar(*, until: datetime.date, user: User | None = None) -> list[Session]:
    """Store an estimate of every regular session that opens by ``until``; returns those stored.

    For each body of ``CALENDAR_BODIES`` (the Council's three sessions a
    year, the General Assembly's one), from the session after the last one
    stored (or, in an empty calendar, the one under way today) up to the last
    one that opens on or before ``until``, every session not yet stored is
    stored as estimated (``dates_confirmed`` False, a note saying so), with
    ``user`` as the author of its history. Stored sessions, confirmed or not,
    are left as they are: staff correct and confirm them in the admin, which
    moves the due dates tied to them. Idempotent: a second call with the same
    ``until`` stores nothing. The estimates follow ``estimate_session_dates``
    and match what ``session_or_estimate`` shows for a session not stored.
    """
    stored: list[Session] = []
    for body in CALENDAR_BODIES:
        regular = Session.objects.filter(body=body, special=False)
        numbers = set(regular.values_list("number", flat=True))
        known = list(regular.filter(dates_confirmed=True))
        # From the one under way today, or from the last stored if it is earlier:
        # a calendar that stopped in the past is filled up to today too.
        number = session_number_on(body=body, day=timezone.localdate(), known=known)
        if numbers:
            number = min(number, max(numbers) + 1)
        while number <= MAX_NUMBER:
            if number in numbers:
                number += 1
                continue
            session = estimated_session(body=body, number=number, known=known)
            if session.start_date > until:
                break
            session.full_clean()
            if user is not None:
                session._history_user = user  # type: ignore[attr-defined]
            session.save()
            stored.append(session)
            number += 1
    return stored


# ------------------------------------------------------------ closure days


@transaction.atomic
def save_closure_day(*, closure_day: ClosureDay, user: User | None = None) -> list[datetime.date]:
    """Store a new or corrected day the UN Office at Geneva is closed.

    Validates first (one closure per date: ``ValidationError``), records
    ``user`` as the author in the history, and returns the days whose being
    open or closed changed: the new date for a new closure day, the old and
    the new one for a date corrected, none for a corrected description. The
    caller moves the due dates those days affect
    (``tracker.services.save_closure_day``).
    """
    before = (
        ClosureDay.objects.filter(pk=closure_day.pk).values_list("date", flat=True).first()
        if closure_day.pk
        else None
    )
    closure_day.full_clean()
    if user is not None:
        closure_day._history_user = user  # type: ignore[attr-defined]
    closure_day.save()
    if before is None:
        return [closure_day.date]
    return [] if before == closure_day.date else [before, closure_day.date]


@transaction.atomic
def delete_closure_day(*, closure_day: ClosureDay, user: User | None = None) -> datetime.date:
    """Remove a closure day (the office works that day after all); returns its date.

    The history keeps the deletion, with ``user`` as its author.
    """
    day = closure_day.date
    if user is not None:
        closure_day._history_user = user  # type: ignore[attr-defined]
    closure_day.delete()
    return day


# ------------------------------------------------------------- resolutions

# What staff may correct on a stored resolution (the admin): the facts of its
# adoption the text may print badly or not at all. The rest is what the text
# says and changes only by importing it again; an import with "Replace" takes
# these from the text too, and its history record says which changed.
RESOLUTION_CORRECTABLE_FIELDS = ("title", "agenda_item", "adopted_on", "meeting")


@transaction.atomic
def correct_resolution(
    *,
    resolution: Resolution,
    expected_version: int,
    values: dict[str, Any],
    user: User | None = None,
    reason: str | None = None,
) -> list[str]:
    """Correct some of ``RESOLUTION_CORRECTABLE_FIELDS`` of a stored resolution.

    ``values`` maps field names to new values (others are left as stored).
    Compare-and-set on ``expected_version``, the version the form was shown
    at (``UPDATE … WHERE version = expected``): raises ``ConcurrentEdit``
    when the resolution was saved since (a correction, a revert, an import
    replacing it), and ``ValidationError`` for values it cannot hold (an
    adoption date outside ``resolutions.dates``); then nothing is saved and
    ``resolution`` keeps the values it had. Raises ``ValueError`` for a field
    that is not correctable here. On success the version goes up by one, the
    history records ``user`` and ``reason`` (a revert's "Reverted to version
    N"), and the names of the fields whose stored values changed are
    returned, in the order of ``RESOLUTION_CORRECTABLE_FIELDS``.
    """
    unknown = set(values) - set(RESOLUTION_CORRECTABLE_FIELDS)
    if unknown:
        raise ValueError(f"not correctable here: {sorted(unknown)}")
    ordered = {name: values[name] for name in RESOLUTION_CORRECTABLE_FIELDS if name in values}
    return _save_versioned(
        resolution,
        expected_version=expected_version,
        values=ordered,
        user=user,
        reason=reason,
        changed_elsewhere=_(
            "This resolution was changed by someone else while you were editing it; "
            "nothing was saved."
        ),
    )


@transaction.atomic
def revert_resolution(
    *, resolution: Resolution, history_id: int, expected_version: int, user: User | None = None
) -> list[str]:
    """Give ``resolution`` back the ``RESOLUTION_CORRECTABLE_FIELDS`` of its history
    record ``history_id``, as a new version (the number only ever grows).

    Goes through ``correct_resolution`` (compare-and-set on
    ``expected_version``, the version the revert page was shown at: a revert
    of an unchanged resolution is never taken for a conflict), recorded with
    the reason "Reverted to version N". The text, paragraphs, vote and
    mandates stay as stored: they change by importing the text again.
    Raises ``ValidationError`` for a record that is not this resolution's;
    returns the names of the fields that changed.
    """
    record = history_record(Resolution, pk=resolution.pk, history_id=history_id)
    return correct_resolution(
        resolution=resolution,
        expected_version=expected_version,
        values={name: getattr(record, name) for name in RESOLUTION_CORRECTABLE_FIELDS},
        user=user,
        reason=revert_reason(record),
    )


def _printed_positions(
    vote: ParsedVote,
) -> list[tuple[str, Position, int, StateRecord | None]]:
    """The States' positions as stored: (printed name, position, order, the State read).

    A State printed twice (a faulty source, reported by the importer's
    warnings) is kept once, with its first position.
    """
    printed = [
        *((name, Position.YES) for name in vote.in_favour),
        *((name, Position.NO) for name in vote.against),
        *((name, Position.ABSTAIN) for name in vote.abstaining),
    ]
    seen_states: set[str] = set()
    seen_names: set[str] = set()
    kept = []
    for order, (name, position) in enumerate(printed):
        record = resolve_state(name)
        if name in seen_names or (record and record.code in seen_states):
            continue
        seen_names.add(name)
        if record:
            seen_states.add(record.code)
        kept.append((name, position, order, record))
    return kept


def _save_vote(resolution: Resolution, parsed: ParsedResolution, user: User | None) -> None:
    # Deleted row by row (history receivers are connected), each deletion recorded.
    Vote.objects.filter(resolution=resolution).delete()
    if parsed.vote is None:
        return
    vote = Vote(
        resolution=resolution,
        method=parsed.vote.method,
        yes=parsed.vote.yes,
        no=parsed.vote.no,
        abstentions=parsed.vote.abstentions,
    )
    vote.full_clean()
    vote.save()
    printed = _printed_positions(parsed.vote)
    records = [record for _name, _position, _order, record in printed if record]
    codes = {record.code for record in records}
    states = {state.code: state for state in State.objects.filter(code__in=codes)}
    missing = [
        State(code=record.code, name_en=record.name_en, name_fr=record.name_fr)
        for record in {r.code: r for r in records}.values()
        if record.code not in states
    ]
    for state in bulk_create_with_history(missing, State, default_user=user):
        states[state.code] = state
    positions = [
        VotePosition(
            vote=vote,
            state=states[record.code] if record else None,
            printed_name=name,
            position=position,
            order=order,
        )
        for name, position, order, record in printed
    ]
    # bulk_create validates nothing: a garbled list can hold a "name" no State has.
    for vote_position in positions:
        vote_position.full_clean(exclude=["vote", "state"], validate_unique=False)
    bulk_create_with_history(positions, VotePosition, default_user=user)


def _subparagraphs_json(paragraph: ParsedParagraph) -> list[dict[str, object]]:
    return [sub.to_json() for sub in paragraph.subparagraphs]


def _save_paragraphs(
    resolution: Resolution, parsed: ParsedResolution, changes: list[str], user: User | None
) -> dict[int, Paragraph]:
    """Create or update paragraphs in place, keyed on kind and number.

    Updating in place keeps whatever points at a paragraph (follow-ups) linked
    by its number when a resolution is imported again.
    """
    existing = {(p.kind, p.number): p for p in resolution.paragraphs.all()}
    wanted: dict[tuple[str, int], ParsedParagraph] = {
        **{(ParagraphKind.PREAMBULAR, p.number): p for p in parsed.preambular_paragraphs},
        **{(ParagraphKind.OPERATIVE, p.number): p for p in parsed.operative_paragraphs},
    }
    to_create, to_update = [], []
    for key, parsed_paragraph in wanted.items():
        kind, number = key
        subparagraphs = _subparagraphs_json(parsed_paragraph)
        paragraph = existing.get(key)
        numbered = parsed_paragraph.numbered
        label = paragraph_label(kind, number, numbered=numbered)
        if paragraph is None:
            to_create.append(
                Paragraph(
                    resolution=resolution,
                    kind=kind,
                    number=number,
                    text=parsed_paragraph.text,
                    subparagraphs=subparagraphs,
                    numbered=numbered,
                )
            )
            if existing:
                changes.append(_("%(label)s added") % {"label": label})
        elif (
            paragraph.text != parsed_paragraph.text
            or paragraph.subparagraphs != subparagraphs
            or paragraph.numbered != numbered
        ):
            paragraph.text = parsed_paragraph.text
            paragraph.subparagraphs = subparagraphs
            paragraph.numbered = numbered
            to_update.append(paragraph)
            changes.append(_("%(label)s text changed") % {"label": label})
    removed = [p for key, p in existing.items() if key not in wanted]
    for paragraph in removed:
        changes.append(_("%(label)s removed") % {"label": paragraph.label})
    # A queryset deletion sends post_delete per row (and per row it cascades to),
    # so each removed paragraph, its mandates and its other languages are recorded.
    Paragraph.objects.filter(pk__in=[p.pk for p in removed]).delete()
    bulk_update_with_history(
        to_update, Paragraph, ["text", "subparagraphs", "numbered"], default_user=user
    )
    bulk_create_with_history(to_create, Paragraph, default_user=user)
    return {p.number: p for p in resolution.paragraphs.filter(kind=ParagraphKind.OPERATIVE)}


def _mandate_key(
    paragraph_number: int, kind: str, body: str, session: int | None, actor: str
) -> tuple[int, str, str, int | None, str]:
    """What identifies a mandate across imports of the same resolution.

    The occurrences of a recurring mandate differ by their session, so each
    keeps its follow-up on re-import. The series number is left out: it is
    a position in the text, and a series added before it renumbers it.
    """
    return (paragraph_number, kind, body, session, actor)


def match_mandates(
    stored: Sequence[Mandate], parsed: Sequence[ParsedMandate]
) -> dict[int, Mandate]:
    """The stored mandate each parsed one is read again as, by its position in ``parsed``.

    Mandates match on ``_mandate_key`` (paragraph, kind, body, session,
    actor); of several with one key, in the order they were stored and read.
    Those left then match on the paragraph, kind, body and session alone,
    and then on the paragraph, body and session: a release of the importer
    that reads who delivers, or what, better (a commission rather than the
    Council, a transmittal rather than a report) reads the same deliverable
    again, and its follow-up must stay linked to it, not be orphaned beside
    a new one. ``stored`` must come with their paragraphs (``select_related``),
    ordered by ``order``. A parsed mandate without a stored match has no entry.
    """
    loosening: tuple[Callable[[int, str, str, int | None, str], tuple[object, ...]], ...] = (
        _mandate_key,
        lambda paragraph, kind, body, session, actor: (paragraph, kind, body, session),
        lambda paragraph, kind, body, session, actor: (paragraph, body, session),
    )
    matched: dict[int, Mandate] = {}
    left = list(stored)
    for key_of in loosening:
        existing: dict[tuple[object, ...], list[Mandate]] = defaultdict(list)
        for m in left:
            existing[
                key_of(m.paragraph.number, m.kind, m.session_body, m.session_number, m.actor)
            ].append(m)
        for order, mandate in enumerate(parsed):
            if order in matched:
                continue
            key = key_of(
                mandate.paragraph, mandate.kind, mandate.body, mandate.session, mandate.actor
            )
            if existing.get(key):
                matched[order] = existing[key].pop(0)
        taken = {m.pk for m in matched.values()}
        left = [m for m in left if m.pk not in taken]
    return matched


@transaction.atomic
def set_mandates_dropped(
    *, mandates: Sequence[Mandate], dropped: bool, user: User | None = None
) -> list[Mandate]:
    """Record that staff dropped (or took back) these mandates at an import's review.

    A dropped mandate stays dropped when its resolution is imported again
    (``save_parsed_resolution`` updates a mandate read again in place), and the
    review proposes it unticked. Only the rows whose flag changes are written,
    each with a history record naming ``user``; returns them.
    """
    changed = [mandate for mandate in mandates if mandate.dropped != dropped]
    for mandate in changed:
        mandate.dropped = dropped
    bulk_update_with_history(changed, Mandate, ["dropped"], default_user=user)
    return changed


def _set_mandate_fields(mandate: Mandate, parsed: ParsedMandate, order: int) -> None:
    mandate.kind = parsed.kind
    mandate.actor = parsed.actor
    mandate.session_body = parsed.body
    mandate.session_number = parsed.session
    mandate.text = parsed.text
    mandate.needs_review = parsed.needs_review
    mandate.periodicity = parsed.periodicity
    mandate.series = parsed.series
    mandate.occurrence = parsed.occurrence
    mandate.order = order


def _save_mandates(
    resolution: Resolution,
    mandates: list[ParsedMandate],
    operative: dict[int, Paragraph],
    changes: list[str],
) -> None:
    """Keep mandates that are read again unchanged (follow-ups stay linked), replace the rest.

    A paragraph may ask twice for the same kind of thing from the same actor for
    the same session: such mandates are matched in the order they are read.
    """
    stored = list(resolution.mandates.select_related("paragraph").order_by("order", "pk"))
    matched = match_mandates(stored, mandates)
    kept: set[int] = set()
    for order, parsed in enumerate(mandates):
        paragraph = operative.get(parsed.paragraph)
        if paragraph is None:
            continue
        # A matched mandate is updated in place: its follow-up stays linked, and
        # a proposal staff dropped stays dropped (``Mandate.dropped``).
        mandate = matched.get(order)
        if mandate is None:
            mandate = Mandate(resolution=resolution, paragraph=paragraph)
            if stored:
                changes.append(
                    _("new mandate in OP%(number)s: %(kind)s")
                    % {"number": parsed.paragraph, "kind": MandateKind(parsed.kind).label}
                )
        before = (mandate.kind, mandate.actor) if mandate.pk else None
        _set_mandate_fields(mandate, parsed, order)
        if before is not None and before != (mandate.kind, mandate.actor):
            changes.append(
                _("mandate in OP%(number)s now read as: %(kind)s, %(actor)s")
                % {
                    "number": parsed.paragraph,
                    "kind": MandateKind(mandate.kind).label,
                    "actor": Actor(mandate.actor).label,
                }
            )
        mandate.full_clean(exclude=["resolution", "paragraph"])
        mandate.save()
        kept.add(mandate.pk)
    for mandate in stored:
        if mandate.pk not in kept:
            changes.append(
                _("mandate in OP%(number)s no longer read: %(kind)s")
                % {"number": mandate.paragraph.number, "kind": MandateKind(mandate.kind).label}
            )
            mandate.delete()


def _save_translation(
    resolution: Resolution,
    parsed: ParsedResolution,
    source_text: str,
    *,
    replace: bool,
    user: User | None,
) -> ImportOutcome:
    """Store ``parsed`` as a further language of ``resolution``, paragraph by paragraph.

    Paragraphs are aligned on kind and number; where the two texts do not have
    the same paragraphs, the outcome says which are missing on either side.
    """
    translation = resolution.translations.filter(language=parsed.language).first()
    if translation is not None and not replace:
        raise ResolutionExists(f"{parsed.symbol} ({parsed.language})")
    language = Language(parsed.language).label
    if translation is None:
        translation = ResolutionText(resolution=resolution, language=parsed.language)
        headline = _("%(language)s text added") % {"language": language}
    else:
        headline = _("%(language)s text replaced") % {"language": language}
    translation._change_reason = headline  # type: ignore[attr-defined]
    translation.title = parsed.title
    translation.source_text = source_text
    translation.full_clean()
    translation.save()

    changes: list[str] = []
    stored = {(p.kind, p.number): p for p in resolution.paragraphs.all()}
    incoming: dict[tuple[str, int], ParsedParagraph] = {
        **{(ParagraphKind.PREAMBULAR, p.number): p for p in parsed.preambular_paragraphs},
        **{(ParagraphKind.OPERATIVE, p.number): p for p in parsed.operative_paragraphs},
    }
    ParagraphText.objects.filter(
        paragraph__resolution=resolution, language=parsed.language
    ).delete()
    bulk_create_with_history(
        [
            ParagraphText(
                paragraph=stored[key],
                language=parsed.language,
                text=paragraph.text,
                subparagraphs=_subparagraphs_json(paragraph),
            )
            for key, paragraph in incoming.items()
            if key in stored
        ],
        ParagraphText,
        default_user=user,
    )
    for kind, label in ((ParagraphKind.PREAMBULAR, "PP"), (ParagraphKind.OPERATIVE, "OP")):
        here = sum(1 for key in stored if key[0] == kind)
        there = sum(1 for key in incoming if key[0] == kind)
        if here != there:
            changes.append(
                _(
                    "The %(language)s text has %(there)s %(kind)s paragraphs, "
                    "the stored text %(here)s."
                )
                % {
                    "language": Language(parsed.language).label,
                    "there": there,
                    "here": here,
                    "kind": ParagraphKind(kind).label,
                }
            )
        for key in sorted(set(stored) - set(incoming)):
            if key[0] == kind:
                changes.append(
                    _("%(label)s%(number)s has no %(language)s text.")
                    % {
                        "label": label,
                        "number": key[1],
                        "language": Language(parsed.language).label,
                    }
                )
    # The resolution's own history says which language came in, though its row
    # is unchanged: a record is written without saving the row again.
    Resolution.history.bulk_history_create(
        [resolution],
        update=True,
        default_user=user,
        default_change_reason="\n".join([headline, *changes]),
    )
    return ImportOutcome(
        resolution=resolution, created=False, changes=changes, translation=translation
    )


@transaction.atomic
def save_parsed_resolution(
    *,
    parsed: ParsedResolution,
    source_text: str,
    replace: bool = False,
    user: User | None = None,
) -> ImportOutcome:
    """Store a parsed resolution, decision or statement with its paragraphs, vote and mandates.

    ``parsed.kind`` is stored as ``Resolution.kind``; a statement of an
    organizational session ("OS/12/1") is filed under the regular session
    the importer counts it from (``importer.header.session_of``).

    A symbol already stored is refused (``ResolutionExists``) unless
    ``replace``; replacing updates the stored rows in place, so follow-ups stay
    linked by paragraph number, and reports what changed in
    ``ImportOutcome.changes`` (one readable line each, e.g. "OP3 text changed").
    A text in another language than the stored one is kept as a further
    language (``ImportOutcome.translation``). Raises ``ValidationError`` for a
    value the database cannot hold; then nothing is saved.

    Every row created, changed or deleted gets a history record naming ``user``
    (``None``: the signed-in user of the web request, if any). The resolution's
    record of this import carries, as its change reason, "imported", the
    language added, or the lines of ``changes``.
    """
    with acting_as(user):
        return _save_parsed_resolution(
            parsed=parsed, source_text=source_text, replace=replace, user=user
        )


def _resolution_values(parsed: ParsedResolution) -> dict[str, object]:
    """The stored resolution's fields read from the text, its session apart."""
    return {
        "kind": parsed.kind,
        "body": parsed.body,
        "number": parsed.number,
        "title": parsed.title,
        "agenda_item": parsed.agenda_item or "",
        "adopted_on": parsed.adopted_on,
        "meeting": parsed.meeting,
        "language": parsed.language,
    }


def _save_parsed_resolution(
    *, parsed: ParsedResolution, source_text: str, replace: bool, user: User | None
) -> ImportOutcome:
    if parsed.number.startswith("S-"):
        session = special_session_for(
            body=parsed.body, number=parsed.session, around=parsed.adopted_on
        )
    else:
        session = session_for(body=parsed.body, number=parsed.session)
    resolution = Resolution.objects.select_for_update().filter(symbol=parsed.symbol).first()
    created = resolution is None
    if resolution is not None and parsed.language != resolution.language:
        return _save_translation(resolution, parsed, source_text, replace=replace, user=user)
    if resolution is not None and not replace:
        raise ResolutionExists(parsed.symbol)
    changes: list[str] = []
    if resolution is None:
        resolution = Resolution(symbol=parsed.symbol)
    for name, value in {"session": session, **_resolution_values(parsed)}.items():
        if not created and getattr(resolution, name) != value:
            label = getattr(Resolution._meta.get_field(name), "verbose_name", name)
            changes.append(_("%(field)s changed") % {"field": label})
        setattr(resolution, name, value)
    resolution.source_text = source_text
    resolution.full_clean()
    if created:
        resolution._change_reason = _("imported")  # type: ignore[attr-defined]
        resolution.save()
    operative = _save_paragraphs(resolution, parsed, changes, user)
    _save_vote(resolution, parsed, user)
    _save_mandates(resolution, parsed.mandates, operative, changes)
    if not created:
        # Saved once the changes are all known, so that its record lists them;
        # a new version (the row is locked), so that a correction shown before
        # is refused rather than put back over what the text now says.
        resolution.version += 1
        resolution._change_reason = "\n".join(changes) or _(  # type: ignore[attr-defined]
            "imported again: nothing changed"
        )
        resolution.save()
    return ImportOutcome(resolution=resolution, created=created, changes=changes)


# ------------------------------------------------- checking before saving

# A review names the first few values the database would refuse, not thousands.
_MAX_STORAGE_PROBLEMS = 10


@dataclass(frozen=True)
class StorageProblem:
    """A value read from a text that ``save_parsed_resolution`` would refuse.

    ``model`` and ``field`` are the verbose names of where it would be stored
    ("vote position", "name as printed"), ``message`` Django's validation
    message ("Ensure this value has at most 160 characters (it has 179)."),
    ``line`` the line of the pasted text it was read from (1-based, as
    ``importer.source.lines`` numbers them), None where it cannot be told.
    """

    model: str
    field: str
    message: str
    line: int | None

    def __str__(self) -> str:
        text = _("%(model)s, %(field)s: %(message)s") % {
            "model": self.model,
            "field": self.field,
            "message": self.message,
        }
        if self.line is None:
            return text
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": text}


def storage_problems(
    *, parsed: ParsedResolution, source_text: str, translation: bool
) -> list[StorageProblem]:
    """What ``save_parsed_resolution`` would refuse in ``parsed``, without a query.

    Runs the same model validation (``full_clean``: lengths, bounds, required
    fields, choices) on the rows that saving builds from ``parsed``: the
    session's number, the resolution, its paragraphs, vote and vote positions
    and mandates; or, when ``translation`` (the text adds a language to a
    stored resolution), the further language's text and paragraphs. Links to
    other rows and uniqueness are not checked: saving sets the first and the
    import's own rules keep the second. An empty list: the text can be saved.
    At most ten problems, in the order of the text.
    """
    lines = source_lines(source_text)
    checker = _StorageChecker(lines)
    paragraphs = [
        *((ParagraphKind.PREAMBULAR, p) for p in parsed.preambular_paragraphs),
        *((ParagraphKind.OPERATIVE, p) for p in parsed.operative_paragraphs),
    ]
    if translation:
        checker.check(
            ResolutionText(language=parsed.language, title=parsed.title, source_text=source_text),
            exclude=["resolution"],
            find=parsed.title,
        )
        for _kind, paragraph in paragraphs:
            checker.check(
                ParagraphText(
                    language=parsed.language,
                    text=paragraph.text,
                    subparagraphs=_subparagraphs_json(paragraph),
                ),
                exclude=["paragraph"],
                line=paragraph.line,
            )
        return checker.problems
    checker.check(
        Session(body=parsed.body, number=parsed.session, special=parsed.number.startswith("S-")),
        exclude=["start_date", "end_date"],
        find=parsed.number,
    )
    values = _resolution_values(parsed)
    checker.check(
        Resolution(symbol=parsed.symbol, source_text=source_text, **values),
        exclude=["session"],
        find={
            "symbol": parsed.number,
            "number": parsed.number,
            "title": parsed.title,
            "agenda_item": parsed.agenda_item or "",
            "meeting": str(parsed.meeting or ""),
        },
    )
    for kind, paragraph in paragraphs:
        checker.check(
            Paragraph(
                kind=kind,
                number=paragraph.number,
                text=paragraph.text,
                subparagraphs=_subparagraphs_json(paragraph),
            ),
            exclude=["resolution"],
            line=paragraph.line,
        )
    if parsed.vote is not None:
        vote = parsed.vote
        checker.check(
            Vote(method=vote.method, yes=vote.yes, no=vote.no, abstentions=vote.abstentions),
            exclude=["resolution"],
        )
        for name, position, order, _record in _printed_positions(vote):
            checker.check(
                VotePosition(printed_name=name, position=position, order=order),
                exclude=["vote", "state"],
                find=name,
            )
    operative_lines = {p.number: p.line for p in parsed.operative_paragraphs}
    for order, parsed_mandate in enumerate(parsed.mandates):
        mandate = Mandate()
        _set_mandate_fields(mandate, parsed_mandate, order)
        checker.check(
            mandate,
            exclude=["resolution", "paragraph"],
            line=operative_lines.get(parsed_mandate.paragraph),
        )
    return checker.problems


class _StorageChecker:
    """Validates unsaved rows one by one and keeps the first problems, with their lines."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.problems: list[StorageProblem] = []

    def check(
        self,
        row: models.Model,
        *,
        exclude: list[str],
        line: int | None = None,
        find: str | dict[str, str] = "",
    ) -> None:
        """``row.full_clean(exclude=…)``; each field in error becomes a problem at
        ``line``, or at the first line holding ``find`` (per field, for a dict)."""
        if len(self.problems) >= _MAX_STORAGE_PROBLEMS:
            return
        try:
            row.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            meta = row._meta
            for name, messages in error.message_dict.items():
                field = meta.get_field(name) if name != NON_FIELD_ERRORS else None
                needle = find.get(name, "") if isinstance(find, dict) else find
                where = line if line is not None else self._line_of(needle)
                for message in messages:
                    self.problems.append(
                        StorageProblem(
                            model=str(meta.verbose_name),
                            field=str(getattr(field, "verbose_name", name)),
                            message=message,
                            line=where,
                        )
                    )
            del self.problems[_MAX_STORAGE_PROBLEMS:]

    def _line_of(self, needle: str) -> int | None:
        """The first line holding the start of ``needle`` (the importer joins a value
        broken over lines, so only its first words are looked for)."""
        words = " ".join(needle.split()[:4])
        if not words:
            return None
        for number, text in enumerate(self.lines, start=1):
            if words in " ".join(text.split()):
                return number
        return None

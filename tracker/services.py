"""Writes to follow-ups: accepting mandates, logging progress, due dates.

Every function is keyword-only, atomic, validates before it saves and records
what it changed (progress entries for people, django-simple-history for every
field).
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_filters import MultipleChoiceFilter
from simple_history.utils import bulk_update_with_history

from resolutions import services as resolution_services
from resolutions.importer.types import ParsedResolution
from resolutions.models import (
    Body,
    ClosureDay,
    Mandate,
    MandateKind,
    Paragraph,
    Resolution,
    Session,
)
from resolutions.services import ConcurrentEdit as ConcurrentEdit  # raised by the services here
from tracker import deadlines, permissions, reminders
from tracker.filters import FollowUpFilter
from tracker.models import (
    DueDateSource,
    FeedToken,
    FollowUp,
    ProgressEntry,
    ReminderSent,
    ReminderSettings,
    SavedView,
    Status,
    Unit,
)
from tracker.titles import TitleParts, generated_title
from tracker.workflow import check_transition


def default_title(
    *,
    kind: str,
    session_number: int | None,
    paragraph_number: int,
    symbol_number: str,
    session_body: str = Body.HRC,
    paragraph_numbered: bool = True,
    language: str | None = None,
) -> str:
    """What a proposed follow-up is called until staff rename it.

    Titles are stored data: they are written in the site's language
    (``LANGUAGE_CODE``), whatever the language of the person importing. Pages
    show them in the reader's language (``FollowUp.display_title``, from the
    ``title_parts`` stored beside them; see ``tracker.titles``). ``language``
    gives the title in another language, for the import review's form; a
    follow-up is stored with the site's (``_stored_title``).
    """
    return generated_title(
        _title_parts(
            kind=kind,
            session=session_number,
            body=session_body,
            paragraph=paragraph_number,
            symbol=symbol_number,
            numbered=paragraph_numbered,
        ),
        language=language or settings.LANGUAGE_CODE,
    )


def _stored_title(title: str, parts: TitleParts) -> str:
    """*title* as stored: the site's language when it is the title generated from
    *parts* in any language of the site (kept as the reviewer saw it in French,
    it is shown to each reader in theirs); else as staff typed it."""
    for code, _name in settings.LANGUAGES:
        if title == generated_title(parts, language=code):
            return generated_title(parts, language=settings.LANGUAGE_CODE)
    return title


def _title_parts(
    *, kind: str, session: int | None, body: str, paragraph: int, symbol: str, numbered: bool
) -> TitleParts:
    parts = TitleParts(kind=kind, session=session, body=body, paragraph=paragraph, symbol=symbol)
    if not numbered:
        parts["numbered"] = False
    return parts


def title_parts_for(mandate: Mandate, *, symbol_number: str) -> TitleParts:
    """What the title Suivi proposes for ``mandate`` is made from."""
    return _title_parts(
        kind=mandate.kind,
        session=mandate.session_number,
        body=mandate.session_body,
        paragraph=mandate.paragraph.number,
        symbol=symbol_number,
        numbered=mandate.paragraph.numbered,
    )


@dataclass(frozen=True)
class Proposal:
    """A proposed follow-up as staff reviewed it: from the mandate at ``mandate_order``."""

    mandate_order: int
    title: str
    kind: str
    actor: str
    session_number: int | None
    lead_unit: Unit | None = None
    session_body: str = Body.HRC


def proposal_for(mandate: Mandate, *, symbol_number: str) -> Proposal:
    """The follow-up Suivi proposes for a stored mandate, before anyone edits it."""
    return Proposal(
        mandate_order=mandate.order,
        title=default_title(
            kind=mandate.kind,
            session_number=mandate.session_number,
            paragraph_number=mandate.paragraph.number,
            symbol_number=symbol_number,
            session_body=mandate.session_body,
            paragraph_numbered=mandate.paragraph.numbered,
        ),
        kind=mandate.kind,
        actor=mandate.actor,
        session_number=mandate.session_number,
        session_body=mandate.session_body,
    )


def proposals_for(parsed: ParsedResolution, *, language: str | None = None) -> list[Proposal]:
    """The follow-ups Suivi proposes for a parsed text, one per mandate, in order.

    Titles in ``language`` (the reviewer's), else the site's: see ``default_title``.
    """
    unnumbered = {p.number for p in parsed.operative_paragraphs if not p.numbered}
    return [
        Proposal(
            mandate_order=order,
            title=default_title(
                kind=mandate.kind,
                session_number=mandate.session,
                paragraph_number=mandate.paragraph,
                symbol_number=parsed.number,
                session_body=mandate.body,
                paragraph_numbered=mandate.paragraph not in unnumbered,
                language=language,
            ),
            kind=mandate.kind,
            actor=mandate.actor,
            session_number=mandate.session,
            session_body=mandate.body,
        )
        for order, mandate in enumerate(parsed.mandates)
    ]


def _create_followups(
    resolution: Resolution, accepted: Sequence[tuple[Mandate, Proposal]]
) -> list[FollowUp]:
    created: list[FollowUp] = []
    for mandate, proposal in accepted:
        parts = title_parts_for(mandate, symbol_number=resolution.number)
        session = (
            resolution_services.session_for(
                body=proposal.session_body, number=proposal.session_number
            )
            if proposal.session_number
            else None
        )
        followup = FollowUp(
            resolution=resolution,
            mandate=mandate,
            kind=proposal.kind,
            title=_stored_title(proposal.title, parts),
            # Kept whatever the title: a renamed one is shown as typed (tracker.titles).
            title_parts=parts,
            actor=proposal.actor,
            lead_unit=proposal.lead_unit,
            target_session=session,
        )
        followup.full_clean()
        followup.save()
        followup.paragraphs.add(mandate.paragraph)
        created.append(followup)
    meetings = list(
        FollowUp.objects.filter(
            resolution=resolution, kind=MandateKind.MEETING, target_session__isnull=False
        ).select_related("target_session")
    )
    deadlines.link_resources(created, meetings=meetings)
    calendar = deadlines.WorkingCalendar.load()  # once for the batch, not per follow-up
    for followup in created:
        deadlines.rederive(followup, calendar=calendar)
        followup.save(update_fields=["serves", "due_date"])
    _link_reports_to_meetings(created, meetings=meetings, texts=[m.text for m, _p in accepted])
    return created


# Words by which a clause refers to a meeting it reports on, in either language.
_MEETING_WORDS = re.compile(
    r"\b(meetings?|panel|discussions?|dialogues?|workshops?|seminars?|forums?|consultations?"
    r"|r[ée]unions?|d[ée]bats?|tables? rondes?|ateliers?|s[ée]minaires?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LinkSpec:
    """What ``awaited_meetings`` reads of a proposed or stored follow-up."""

    kind: str
    session_number: int | None
    session_body: str
    text: str = ""  # the clause it comes from


def awaited_meetings(specs: Sequence[LinkSpec]) -> list[int | None]:
    """For each item, the index of the meeting it waits on, or None.

    A report waits on a meeting of the same resolution when its clause
    refers to a meeting ("a summary report on the meeting", "un rapport de
    synthèse sur cette réunion", "the panel discussion") and the meeting is
    held at the same or an earlier session of the same body (46/13: OP8's
    report to the 52nd session waits on OP7's meeting at the 49th). Of
    several such meetings, the one at the latest session, then the last
    listed. Pure: used by the import review and by the import itself.
    """
    result: list[int | None] = []
    for spec in specs:
        awaited = None
        if (
            spec.kind == MandateKind.REPORT
            and spec.session_number is not None
            and _MEETING_WORDS.search(spec.text)
        ):
            candidates = [
                (other.session_number, index)
                for index, other in enumerate(specs)
                if other.kind == MandateKind.MEETING
                and other.session_body == spec.session_body
                and other.session_number is not None
                and other.session_number <= spec.session_number
            ]
            awaited = max(candidates)[1] if candidates else None
        result.append(awaited)
    return result


def _link_reports_to_meetings(
    created: Sequence[FollowUp], *, meetings: Sequence[FollowUp], texts: Sequence[str]
) -> None:
    """Make each report just created wait on the meeting it reports on (``awaited_meetings``)."""
    clauses = dict(zip((f.pk for f in created), texts, strict=True))
    reports = [f for f in created if f.kind == MandateKind.REPORT]
    items = [*meetings, *reports]
    specs = [
        LinkSpec(
            kind=f.kind,
            session_number=f.target_session.number if f.target_session else None,
            session_body=f.target_session.body if f.target_session else Body.HRC,
            text=clauses.get(f.pk, "") if f.kind == MandateKind.REPORT else "",
        )
        for f in items
    ]
    for followup, awaited in zip(items, awaited_meetings(specs), strict=True):
        if awaited is not None:
            followup.waits_on.add(items[awaited])


@transaction.atomic
def accept_mandates(
    *,
    resolution: Resolution,
    mandates: Iterable[Mandate] | None = None,
    lead_unit: Unit | None = None,
) -> list[FollowUp]:
    """Turn proposed mandates into follow-ups as proposed, one per mandate, once each.

    Mandates already accepted are skipped, so accepting again is safe, and so
    are, when ``mandates`` is not given, those staff dropped at the import's
    review (``Mandate.dropped``). Resources are linked to the meeting they
    serve (the same resolution's meeting at the same session), whose dates then
    drive their due date.
    """
    if mandates is None:
        mandates = resolution.mandates.filter(dropped=False).select_related("paragraph")
    # Lock the mandates so that two people accepting at once make one follow-up each.
    locked = Mandate.objects.select_for_update().filter(pk__in=[m.pk for m in mandates])
    pending = list(
        locked.filter(~Exists(FollowUp.objects.filter(mandate=OuterRef("pk"))))
        .select_related("paragraph")
        .order_by("order")
    )
    return _create_followups(
        resolution,
        [
            (
                m,
                dataclasses.replace(
                    proposal_for(m, symbol_number=resolution.number), lead_unit=lead_unit
                ),
            )
            for m in pending
        ],
    )


@transaction.atomic
def import_resolution(
    *,
    parsed: ParsedResolution,
    source_text: str,
    proposals: list[Proposal],
    dropped: Sequence[int] = (),
    replace: bool = False,
) -> resolution_services.ImportOutcome:
    """Store a reviewed import in one transaction: the resolution and the follow-ups kept.

    ``proposals`` are the proposed follow-ups staff kept, possibly edited; each
    names its mandate by position. ``dropped`` are the positions of the
    mandates staff unticked: recorded on the mandate (``Mandate.dropped``), so
    that importing the text again proposes them unticked; a kept proposal
    takes a dropped mandate back. A mandate that already has a follow-up (a
    resolution imported again) keeps it and is not proposed twice. A text in a
    further language of a stored resolution adds that language only.
    """
    outcome = resolution_services.save_parsed_resolution(
        parsed=parsed, source_text=source_text, replace=replace
    )
    if outcome.translation is not None:
        return outcome
    mandates = {
        m.order: m
        for m in outcome.resolution.mandates.select_related("paragraph").annotate(
            tracked=Exists(FollowUp.objects.filter(mandate=OuterRef("pk")))
        )
    }
    accepted = []
    for proposal in proposals:
        mandate = mandates.get(proposal.mandate_order)
        if mandate is None:
            raise ValidationError(
                _("Proposed follow-up %(number)s does not match the text.")
                % {"number": proposal.mandate_order + 1}
            )
        if not mandate.tracked:
            accepted.append((mandate, proposal))
    resolution_services.set_mandates_dropped(
        mandates=[mandate for mandate, _proposal in accepted], dropped=False
    )
    resolution_services.set_mandates_dropped(
        mandates=[
            mandates[order]
            for order in dropped
            if order in mandates and not mandates[order].tracked
        ],
        dropped=True,
    )
    created = _create_followups(outcome.resolution, accepted)
    if created:
        outcome.changes.append(
            ngettext("%(count)d follow-up created.", "%(count)d follow-ups created.", len(created))
            % {"count": len(created)}
        )
    return outcome


def _check_version(followup: FollowUp, expected_version: int | None) -> None:
    """Bump the version, or fail if someone else saved since ``expected_version``."""
    if expected_version is None:
        expected_version = followup.version
    updated = FollowUp.objects.filter(pk=followup.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not updated:
        raise ConcurrentEdit(
            _("This follow-up was changed by someone else while you were editing it.")
        )
    followup.version = expected_version + 1


@transaction.atomic
def log_progress(
    *,
    followup: FollowUp,
    author: User,
    text: str = "",
    status: str | None = None,
    completed_on: datetime.date | None = None,
    output_document: str | None = None,
    expected_version: int | None = None,
) -> ProgressEntry:
    """Record progress on a follow-up, optionally changing its status.

    Marking a follow-up done records when (today unless given; never a day
    after today: ``ValidationError`` on ``completed_on``); the entry keeps the
    status before and after, so the log reads as the follow-up's history.
    """
    new_status = status or followup.status
    new_document = followup.output_document if output_document is None else output_document.strip()
    if (
        not text.strip()
        and new_status == followup.status
        and new_document == followup.output_document
    ):
        raise ValidationError(_("Write what was done, or change the status."))
    check_transition(followup, new_status, user=author)
    if completed_on is not None and completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("A follow-up cannot be completed after today.")})
    _check_version(followup, expected_version)
    entry = ProgressEntry(
        followup=followup,
        author=author,
        text=text.strip(),
        status_from=followup.status,
        status_to=new_status if new_status != followup.status else "",
    )
    fields = ["status", "completed_on", "output_document", "updated_at"]
    followup.status = new_status
    # Only a finished follow-up has a completion date; reopening one clears it.
    if new_status == Status.DONE:
        followup.completed_on = completed_on or followup.completed_on or timezone.localdate()
    else:
        followup.completed_on = None
    followup.output_document = new_document
    followup.full_clean()
    entry.full_clean()
    entry.save()  # first: the follow-up's history record names it
    followup._history_user = author  # type: ignore[attr-defined]  # the history says who
    # The exact link read back by ``selectors.followup_activity``: this record is that entry's.
    followup._change_reason = progress_reason(entry)  # type: ignore[attr-defined]
    followup.save(update_fields=fields)
    del followup._history_user  # type: ignore[attr-defined]  # not for the next save
    del followup._change_reason  # type: ignore[attr-defined]
    return entry


def progress_reason(entry: ProgressEntry) -> str:
    """The history change reason of the follow-up save ``log_progress`` makes for
    ``entry``: "progress:<entry pk>" (``selectors.PROGRESS_REASON`` reads it back)."""
    return f"progress:{entry.pk}"


def before_adoption(
    *, due_date: datetime.date | None, adopted_on: datetime.date | None, reason: str
) -> str | None:
    """Why a hand-set ``due_date`` before the resolution's adoption, without a
    ``reason``, is refused (the message), or None when it is not."""
    if due_date is None or adopted_on is None or due_date >= adopted_on or reason.strip():
        return None
    return _(
        "This date is before the resolution was adopted (%(adopted)s): "
        "check it, or say why in the reason."
    ) % {"adopted": date_format(adopted_on, "j F Y")}


@transaction.atomic
def set_due_date(
    *,
    followup: FollowUp,
    due_date: datetime.date | None,
    reason: str = "",
    expected_version: int | None = None,
) -> FollowUp:
    """Set a due date by hand (with a reason), or, with None, go back to the derived one.

    Raises ``ValidationError`` without a reason (on ``due_date_reason``) and,
    more specifically, for a date before the resolution was adopted without
    one (on ``due_date``): a follow-up due before its mandate existed is
    almost always a typing mistake.
    """
    if due_date is not None and not reason.strip():
        errors = {"due_date_reason": [_("Say why the due date is set by hand.")]}
        too_early = before_adoption(
            due_date=due_date, adopted_on=followup.resolution.adopted_on, reason=reason
        )
        if too_early:
            errors["due_date"] = [too_early]
        raise ValidationError(errors)
    _check_version(followup, expected_version)
    if due_date is None:
        followup.due_date_source = DueDateSource.DERIVED
        followup.due_date_reason = ""
        deadlines.rederive(followup)
    else:
        followup.due_date_source = DueDateSource.MANUAL
        followup.due_date_reason = reason.strip()
        followup.due_date = due_date
    followup.full_clean()
    followup.save(update_fields=["due_date", "due_date_source", "due_date_reason", "updated_at"])
    return followup


@transaction.atomic
def assign(
    *,
    followup: FollowUp,
    lead_unit: Unit | None,
    focal_point: User | None,
    expected_version: int | None = None,
) -> FollowUp:
    """Say which unit leads a follow-up and who its focal point is.

    Raises ``ValidationError`` on ``focal_point`` for someone who cannot open
    the follow-up (``permissions.check_focal_point``), before anything is saved.
    """
    permissions.check_focal_point(focal_point, followup)
    _check_version(followup, expected_version)
    followup.lead_unit = lead_unit
    followup.focal_point = focal_point
    followup.full_clean()
    followup.save(update_fields=["lead_unit", "focal_point", "updated_at"])
    return followup


def _waits_on_transitively(start: FollowUp, target: FollowUp) -> bool:
    """Whether ``start`` already waits, directly or not, on ``target``: one query per level."""
    through = FollowUp.waits_on.through
    seen: set[int] = set()
    frontier = {start.pk}
    while frontier:
        if target.pk in frontier:
            return True
        seen |= frontier
        frontier = (
            set(
                through.objects.filter(from_followup_id__in=frontier).values_list(
                    "to_followup_id", flat=True
                )
            )
            - seen
        )
    return False


@transaction.atomic
def add_dependency(
    *,
    followup: FollowUp,
    waits_on: FollowUp,
    user: User | None = None,
    expected_version: int | None = None,
) -> FollowUp:
    """Record that ``followup`` cannot be done before ``waits_on`` is.

    Compare-and-set on ``followup``'s version (``ConcurrentEdit``); the
    history records the link as the change reason ("+waits_on:<pk>"), read
    back by ``tracker.selectors.followup_activity``. Raises
    ``ValidationError`` on ``waits_on`` for a follow-up waiting on itself,
    a link already there, or a link that would close a cycle (``waits_on``
    already waits, directly or not, on ``followup``).
    """
    if waits_on.pk == followup.pk:
        raise ValidationError({"waits_on": _("A follow-up cannot wait on itself.")})
    if followup.waits_on.filter(pk=waits_on.pk).exists():
        raise ValidationError({"waits_on": _("This follow-up already waits on that one.")})
    if _waits_on_transitively(waits_on, followup):
        raise ValidationError(
            {
                "waits_on": _(
                    "“%(other)s” already waits on this follow-up: they cannot wait on each other."
                )
                % {"other": waits_on.display_title}
            }
        )
    _check_version(followup, expected_version)
    followup.waits_on.add(waits_on)
    _save_with_reason(followup, f"+waits_on:{waits_on.pk}", user)
    return followup


@transaction.atomic
def remove_dependency(
    *,
    followup: FollowUp,
    waits_on: FollowUp,
    user: User | None = None,
    expected_version: int | None = None,
) -> FollowUp:
    """Undo ``add_dependency``: ``followup`` no longer waits on ``waits_on``.

    Compare-and-set on ``followup``'s version; the history records "-waits_on:<pk>".
    Raises ``ValidationError`` when there is no such link.
    """
    if not followup.waits_on.filter(pk=waits_on.pk).exists():
        raise ValidationError({"waits_on": _("This follow-up does not wait on that one.")})
    _check_version(followup, expected_version)
    followup.waits_on.remove(waits_on)
    _save_with_reason(followup, f"-waits_on:{waits_on.pk}", user)
    return followup


def _save_with_reason(followup: FollowUp, reason: str, user: User | None) -> None:
    """Save ``followup``'s new version with a history record that says why."""
    followup._change_reason = reason  # type: ignore[attr-defined]
    if user is not None:
        followup._history_user = user  # type: ignore[attr-defined]
    followup.save(update_fields=["version", "updated_at"])
    del followup._change_reason  # type: ignore[attr-defined]  # not for the next save


@transaction.atomic
def recompute_due_dates(
    *,
    sessions: Iterable[Session] = (),
    closure_days: Iterable[datetime.date] = (),
    user: User | None = None,
) -> int:
    """Move every derived due date tied to ``sessions`` or near ``closure_days``; hand-set
    ones stay. Returns how many moved.

    ``closure_days`` are days whose being open or closed just changed: a
    derived due date moves back over closed days only, so the ones it can
    affect fall at most ``deadlines.LONGEST_CLOSURE`` before such a day. The
    rows are locked while they are recomputed, and each one moved gets a new
    version, so a due date set by hand at the same moment is either seen here
    (and left alone) or told that the follow-up changed under it. A constant
    number of queries, whatever the number of rows: the rows with their
    sessions in one, the closed days in one (a ``WorkingCalendar`` for the
    batch), and the updates and their history in bulk.
    """
    session_ids = [s.pk for s in sessions]
    concerned = Q()
    if session_ids:
        concerned |= Q(target_session__in=session_ids) | Q(serves__target_session__in=session_ids)
    for day in closure_days:
        concerned |= Q(due_date__range=(day - deadlines.LONGEST_CLOSURE, day))
    if not concerned:
        return 0
    affected = (
        FollowUp.objects.select_for_update(of=("self",))
        .filter(due_date_source=DueDateSource.DERIVED)
        .filter(concerned)
        .select_related("target_session", "serves__target_session")
    )
    calendar = deadlines.WorkingCalendar.load()
    now = timezone.now()
    changed = []
    for followup in affected:
        if deadlines.rederive(followup, calendar=calendar):
            followup.version += 1
            followup.updated_at = now  # bulk updates skip auto_now
            changed.append(followup)
    bulk_update_with_history(
        changed,
        FollowUp,
        ["due_date", "version", "updated_at"],
        batch_size=500,
        default_user=user,
    )
    return len(changed)


# What an administrator may correct on a follow-up in the admin. The due date
# is not among them: it is derived, or set by hand with a reason (set_due_date).
CORRECTABLE_FIELDS = (
    "resolution",
    "mandate",
    "kind",
    "title",
    "actor",
    "lead_unit",
    "focal_point",
    "target_session",
    "serves",
    "status",
    "completed_on",
    "output_document",
)


@transaction.atomic
def add_followup(*, followup: FollowUp, user: User) -> FollowUp:
    """Store a follow-up an administrator added by hand, with its derived due date.
    Raises ``ValidationError`` for a focal point who could not open it."""
    permissions.check_focal_point(followup.focal_point, followup)
    deadlines.rederive(followup)
    followup._history_user = user  # type: ignore[attr-defined]
    followup.full_clean()
    followup.save()
    return followup


@transaction.atomic
def correct_followup(
    *,
    followup: FollowUp,
    changed: Sequence[str],
    expected_version: int,
    user: User,
    paragraphs: Iterable[Paragraph] | None = None,
) -> FollowUp:
    """Save an administrator's correction of ``followup``: the fields named in ``changed``.

    ``followup`` carries the new values (as the admin's form left them).
    Compare-and-set on ``expected_version``, the version the form was shown
    at (never the one ``followup`` carries, which a form may have set):
    raises ``ConcurrentEdit`` if the follow-up was saved since, and saves
    nothing. A correction may set any
    status, outside the workflow, so a change of status is written to the
    progress log by ``user`` as well as to the history. The due date is
    derived again (a change of session or kind moves it).

    A new focal point must be someone who can open the follow-up
    (``permissions.check_focal_point``: ``ValidationError`` on ``focal_point``).

    ``paragraphs``, when given, become the operative paragraphs the follow-up
    answers (None: unchanged). The history keeps no many-to-many values, so a
    change of them is written as the change reason of the correction's
    record, by ``user``: "paragraphs:" and the new paragraphs ("OP2,OP5",
    "none"), cut to the reason's 100 characters.
    """
    unknown = set(changed) - set(CORRECTABLE_FIELDS) - {"paragraphs"}
    if unknown:
        raise ValueError(f"not correctable here: {sorted(unknown)}")
    if "focal_point" in changed:
        permissions.check_focal_point(followup.focal_point, followup)
    stored_status = FollowUp.objects.filter(pk=followup.pk).values_list("status", flat=True).first()
    _check_version(followup, expected_version)
    if followup.status != Status.DONE:
        followup.completed_on = None
    elif followup.completed_on is None:
        followup.completed_on = timezone.localdate()
    deadlines.rederive(followup)
    followup._history_user = user  # type: ignore[attr-defined]
    followup.full_clean()
    reason = _set_paragraphs(followup, paragraphs) if paragraphs is not None else None
    if reason:
        followup._change_reason = reason  # type: ignore[attr-defined]
    followup.save(
        update_fields=[
            *(name for name in CORRECTABLE_FIELDS if name in changed),
            "completed_on",
            "due_date",
            "updated_at",
        ]
    )
    if reason:
        del followup._change_reason  # type: ignore[attr-defined]  # not for the next save
    if stored_status is not None and stored_status != followup.status:
        ProgressEntry.objects.create(
            followup=followup,
            author=user,
            text=_("Status corrected in the administration."),
            status_from=stored_status,
            status_to=followup.status,
        )
    return followup


# What a revert gives a follow-up back, beside the fields an administrator
# corrects: how its due date was set, and why (a date set by hand comes back
# as it was; a derived one is derived again from the calendar as it is now).
REVERTED_FIELDS = (*CORRECTABLE_FIELDS, "due_date_source", "due_date_reason")


@transaction.atomic
def revert_followup(
    *, followup: FollowUp, history_id: int, expected_version: int, user: User
) -> FollowUp:
    """Give ``followup`` back the ``REVERTED_FIELDS`` of its history record
    ``history_id``, as a new version: the number only ever grows, so a form
    shown before the revert is refused, never accepted again.

    Compare-and-set on ``expected_version``, the version the revert page was
    shown at (``ConcurrentEdit`` if the follow-up was saved since: nothing
    saved). Reverting an unchanged follow-up is never taken for a conflict.
    The history records ``user`` and the reason "Reverted to version N"; a
    status that comes back is written to the progress log by ``user``; the
    due date is derived again unless the record's was set by hand. The
    operative paragraphs stay as they are (the history keeps no list of
    them). Raises ``ValidationError`` when the record is not this
    follow-up's, or its values can no longer be stored (a unit deleted since,
    a mandate another follow-up now answers, a focal point who may no longer
    open follow-ups); then nothing is saved.
    """
    record = resolution_services.history_record(FollowUp, pk=followup.pk, history_id=history_id)
    _check_version(followup, expected_version)
    followup.refresh_from_db()  # the row as stored: the compare-and-set holds its lock
    stored_status = followup.status
    attnames = {field.name: field.attname for field in FollowUp._meta.concrete_fields}
    for name in REVERTED_FIELDS:
        setattr(followup, attnames[name], getattr(record, attnames[name]))
    if record.due_date_source == DueDateSource.MANUAL:
        followup.due_date = record.due_date
    if followup.status != Status.DONE:
        followup.completed_on = None
    elif followup.completed_on is None:
        followup.completed_on = timezone.localdate()
    deadlines.rederive(followup)
    # A focal point whose role was taken away since cannot be given back.
    permissions.check_focal_point(followup.focal_point, followup)
    followup.full_clean()
    followup._history_user = user  # type: ignore[attr-defined]
    followup._change_reason = resolution_services.revert_reason(record)  # type: ignore[attr-defined]
    followup.save()
    del followup._change_reason  # type: ignore[attr-defined]  # not for the next save
    if stored_status != followup.status:
        ProgressEntry.objects.create(
            followup=followup,
            author=user,
            text=_("Status restored in the administration by reverting to version %(version)s.")
            % {"version": record.version},
            status_from=stored_status,
            status_to=followup.status,
        )
    return followup


@transaction.atomic
def delete_followup(*, followup: FollowUp, expected_version: int, user: User) -> None:
    """Delete a follow-up nobody changed since ``expected_version`` was shown.

    Raises ``ConcurrentEdit`` when it was changed since, and
    ``ValidationError`` when it has a progress log (the log is kept: cancel
    the follow-up instead); then nothing is deleted. The history keeps the
    deletion, with ``user`` as its author.
    """
    locked = (
        FollowUp.objects.select_for_update()
        .filter(pk=followup.pk, version=expected_version)
        .first()
    )
    if locked is None:
        raise ConcurrentEdit(
            _(
                "This follow-up was changed by someone else while you were looking at it; "
                "nothing was deleted."
            )
        )
    if locked.progress.exists():
        raise ValidationError(
            _("This follow-up has a progress log, which is kept: cancel it instead."),
            code="protected",
        )
    locked._history_user = user  # type: ignore[attr-defined]
    locked.delete()


def _set_paragraphs(followup: FollowUp, paragraphs: Iterable[Paragraph]) -> str | None:
    """Make ``paragraphs`` the follow-up's; the history's change reason saying so,
    or None when they are the ones it already has."""
    new = sorted(paragraphs, key=lambda p: (p.resolution_id, p.kind, p.number))
    if {p.pk for p in new} == set(followup.paragraphs.values_list("pk", flat=True)):
        return None
    followup.paragraphs.set(new)
    listed = ",".join(f"{'OP' if p.kind == 'operative' else 'PP'}{p.number}" for p in new)
    reason = f"paragraphs:{listed or 'none'}"
    return reason if len(reason) <= 100 else reason[:99] + "…"


@transaction.atomic
def move_session(
    *,
    session: Session,
    expected_version: int,
    start_date: datetime.date,
    end_date: datetime.date,
    dates_confirmed: bool,
    notes: str,
    user: User | None = None,
    reason: str | None = None,
) -> int:
    """Correct a session's dates (compare-and-set on its version) and move every
    derived due date tied to it. Returns how many due dates moved.

    Raises ``ConcurrentEdit`` when the session was saved since
    ``expected_version``, and ``ValidationError`` for impossible dates; then
    nothing is saved. ``reason``: the session's history change reason.
    """
    changed = resolution_services.update_session(
        session=session,
        expected_version=expected_version,
        start_date=start_date,
        end_date=end_date,
        dates_confirmed=dates_confirmed,
        notes=notes,
        user=user,
        reason=reason,
    )
    if not {"start_date", "end_date"} & set(changed):
        return 0
    return recompute_due_dates(sessions=[session], user=user)


@transaction.atomic
def revert_session(
    *, session: Session, history_id: int, expected_version: int, user: User | None = None
) -> int:
    """Give ``session`` back the dates and notes of its history record ``history_id``,
    as a new version, and move the derived due dates tied to it; returns how many moved.

    Through ``move_session``: compare-and-set on ``expected_version``, the
    version the revert page was shown at (``ConcurrentEdit``; reverting an
    unchanged session is never taken for a conflict), the reason "Reverted
    to version N" in the history. Raises ``ValidationError`` for a record
    that is not this session's, or dates it can no longer hold.
    """
    values = resolution_services.revert_session_values(session=session, history_id=history_id)
    return move_session(session=session, expected_version=expected_version, user=user, **values)


@transaction.atomic
def save_closure_day(*, closure_day: ClosureDay, user: User | None = None) -> int:
    """Store a new or corrected day the UN Office at Geneva is closed, and move every
    derived due date it affects (to the working day before a closed day, or back
    to a day that is open again). Returns how many moved.

    Validation as ``resolutions.services.save_closure_day`` (``ValidationError``,
    nothing saved); a corrected date moves the due dates near the old day
    and near the new one; due dates set by hand stay.
    """
    days = resolution_services.save_closure_day(closure_day=closure_day, user=user)
    return recompute_due_dates(closure_days=days, user=user)


@transaction.atomic
def delete_closure_day(*, closure_day: ClosureDay, user: User | None = None) -> int:
    """Remove a closure day, and move back to it the derived due dates it had moved
    (those whose rule gives that day, or a closed day after it). Returns how many moved."""
    day = resolution_services.delete_closure_day(closure_day=closure_day, user=user)
    return recompute_due_dates(closure_days=[day], user=user)


@transaction.atomic
def ensure_unit(*, name: str, abbreviation: str = "") -> Unit:
    """The unit called ``name``, created with ``abbreviation`` if there is none yet.

    For bootstrap and sample data: an existing unit is returned unchanged.
    """
    unit = Unit.objects.filter(name=name).first()
    if unit is None:
        unit = Unit(name=name, abbreviation=abbreviation)
        unit.full_clean()
        unit.save()
    return unit


# Unit membership: who belongs to which unit (administrators; see tracker.permissions).

MEMBER_ADDED = "+member"
MEMBER_REMOVED = "-member"


def _record_unit_change(unit: Unit, reason: str, by: User | None) -> None:
    """A history record of ``unit`` saying what changed ("+member:12") and who did it."""
    unit._change_reason = reason  # type: ignore[attr-defined]
    if by is not None:
        unit._history_user = by  # type: ignore[attr-defined]
    unit.save()
    del unit._change_reason  # type: ignore[attr-defined]  # not for the next save
    if by is not None:
        del unit._history_user  # type: ignore[attr-defined]


@transaction.atomic
def add_unit_member(*, unit: Unit, person: User, by: User | None = None) -> bool:
    """Make ``person`` a member of ``unit``; True if they were not one already.

    Idempotent: adding a member again changes nothing and records nothing, so
    two administrators sending the same form both succeed with one change.
    The unit's row is locked while it is checked. The history records
    "+member:<pk>" by ``by`` (or the signed-in user of the request). Raises
    ``ValidationError`` on ``person`` for an inactive account.
    """
    locked = Unit.objects.select_for_update().get(pk=unit.pk)
    if locked.members.filter(pk=person.pk).exists():
        return False
    if not person.is_active:
        raise ValidationError({"person": _("This account is inactive: it cannot join a unit.")})
    locked.members.add(person)
    _record_unit_change(locked, f"{MEMBER_ADDED}:{person.pk}", by)
    return True


@transaction.atomic
def remove_unit_member(*, unit: Unit, person: User, by: User | None = None) -> bool:
    """Take ``person`` out of ``unit``; True if they were a member. Idempotent,
    like ``add_unit_member``; the history records "-member:<pk>"."""
    locked = Unit.objects.select_for_update().get(pk=unit.pk)
    if not locked.members.filter(pk=person.pk).exists():
        return False
    locked.members.remove(person)
    _record_unit_change(locked, f"{MEMBER_REMOVED}:{person.pk}", by)
    return True


@transaction.atomic
def set_unit_members(
    *,
    unit: Unit,
    members: Iterable[User],
    shown: set[int] | None = None,
    by: User | None = None,
) -> int:
    """Apply the admin's form of ``unit``: ``members`` as chosen, one
    ``add_unit_member`` or ``remove_unit_member`` per change, each recorded.

    ``shown``: the ids of the members the form was opened with. Only the
    people the form added or took away are then changed, so that someone
    added or removed meanwhile (on /units/) stays so; without it, ``members``
    becomes exactly the unit's members. Returns how many changed.
    """
    wanted = {person.pk: person for person in members}
    current = {person.pk: person for person in unit.members.all()}
    to_remove = current.keys() - wanted.keys()
    to_add = wanted.keys() - current.keys()
    if shown is not None:
        to_remove &= shown
        to_add -= shown
    changed = 0
    for pk in sorted(to_remove):
        changed += remove_unit_member(unit=unit, person=current[pk], by=by)
    for pk in sorted(to_add):
        changed += add_unit_member(unit=unit, person=wanted[pk], by=by)
    return changed


# Deadline reminders (the rule: tracker.reminders).

_reminder_log = logging.getLogger("tracker.reminders")


@dataclass(frozen=True)
class ReminderRun:
    """What one run of ``send_deadline_reminders`` did.

    ``digests``: e-mails sent (one per person at most); ``items``: follow-ups
    listed in them; ``skipped``: people found to have nothing left to send
    once their row was locked (another run claimed their items first, or they
    opted out meanwhile); ``failed``: digests that could not be claimed or
    sent, whose items stay unclaimed for the next run.
    """

    digests: int = 0
    items: int = 0
    skipped: int = 0
    failed: int = 0


def send_deadline_reminders(*, today: datetime.date | None = None) -> ReminderRun:
    """Send each person their digest of overdue follow-ups and crossed thresholds.

    ``today`` defaults to the local date. Safe to run twice at once, and on
    several servers sharing one database. For each person:

    1. Claim, in a short transaction (``_claim_reminders``): lock the person's
       ``ReminderSettings`` row (``select_for_update()``, waiting for a run or
       a settings change that holds it; the rows are created beforehand,
       outside any lock; SQLite has no row locks and serialises writers
       instead); read the ``ReminderSent`` keys (follow-up, due date,
       threshold) already recorded for the digest's follow-ups, in one query;
       insert only the missing ones (the unique constraint stays the last
       guard) and commit. The digest is cut down to the items with at least
       one key inserted here; a second run that waited finds every key taken
       and sends nothing.
    2. Send the e-mail with exactly those items, outside any transaction, so
       no lock is held while the mail server answers.
    3. If sending raises, delete exactly the rows claimed in step 1 in a new
       transaction (``_release_reminders``), so the next run claims and sends
       them again; the failure is logged and the others still get theirs.

    Delivery is at least once for every failure the mail backend reports:
    the claim is released and the next run sends again. It is never twice,
    except when the backend raises after the mail server accepted the
    message (the connection lost before the server's reply to the end of the
    data): the next run then sends it again. A reminder is lost (recorded,
    never sent) only if the process dies between committing its claim and
    the backend's answer, or if the release after a failed send cannot be
    committed (logged as such).

    Not atomic as a whole, on purpose: one person's failure must not undo
    what was sent to the others. Reads in a fixed number of queries
    (``tracker.reminders.due_digests``), then a few per person.
    """
    today = today or timezone.localdate()
    digests = reminders.due_digests(today=today)
    for digest in digests:
        if digest.reminder_settings is None:
            digest.reminder_settings, _created = ReminderSettings.objects.get_or_create(
                user=digest.user
            )
    run = ReminderRun()
    for digest in digests:
        try:
            claimed = _claim_reminders(digest)
        except Exception:
            _reminder_log.exception("The reminders to %s could not be claimed.", digest.user)
            run = dataclasses.replace(run, failed=run.failed + 1)
            continue
        if claimed is None or not claimed[0].items:
            run = dataclasses.replace(run, skipped=run.skipped + 1)
            continue
        claimed_digest, rows = claimed
        try:
            reminders.digest_message(claimed_digest).send()
        except Exception:
            _reminder_log.exception("The reminder digest to %s could not be sent.", digest.user)
            run = dataclasses.replace(run, failed=run.failed + 1)
            try:
                _release_reminders(rows)
            except Exception:
                _reminder_log.exception(
                    "The unsent reminders to %s could not be released; they will not be sent.",
                    digest.user,
                )
            continue
        run = dataclasses.replace(
            run, digests=run.digests + 1, items=run.items + len(claimed_digest.items)
        )
    return run


@transaction.atomic
def _claim_reminders(
    digest: reminders.Digest,
) -> tuple[reminders.Digest, list[ReminderSent]] | None:
    """Step 1 above: record, under the person's row lock, the reminders of
    ``digest`` not yet recorded. Returns the digest cut down to the items with
    a reminder recorded here and the inserted rows, or None when the person
    opted out meanwhile. Three queries (lock, read keys, insert)."""
    assert digest.reminder_settings is not None
    own = (
        ReminderSettings.objects.select_for_update()
        .filter(pk=digest.reminder_settings.pk, enabled=True)
        .first()
    )
    if own is None:
        return None
    taken = set(
        ReminderSent.objects.filter(
            user=digest.user, followup__in=[item.followup.pk for item in digest.items]
        ).values_list("followup_id", "due_date", "threshold")
    )
    rows: list[ReminderSent] = []
    items: list[reminders.Item] = []
    for item in digest.items:
        missing = [t for t in item.claims if (item.followup.pk, item.due_date, t) not in taken]
        if not missing:
            continue
        items.append(item)
        rows.extend(
            ReminderSent(
                user=digest.user, followup=item.followup, due_date=item.due_date, threshold=t
            )
            for t in missing
        )
    if rows:
        rows = ReminderSent.objects.bulk_create(rows)  # sets their pks (PostgreSQL, SQLite)
    return reminders.Digest(user=digest.user, reminder_settings=own, items=items), rows


@transaction.atomic
def _release_reminders(rows: Sequence[ReminderSent]) -> None:
    """Step 3 above: delete exactly the rows a failed send had claimed."""
    assert all(row.pk is not None for row in rows)
    ReminderSent.objects.filter(pk__in=[row.pk for row in rows]).delete()


def clean_thresholds(thresholds: Iterable[int]) -> list[int]:
    """Days before a due date, each 0 to ``reminders.MAX_THRESHOLD``, without
    repeats, largest first. Raises ``ValidationError`` on a day out of range."""
    days = sorted(set(thresholds), reverse=True)
    wrong = [day for day in days if not 0 <= day <= reminders.MAX_THRESHOLD]
    if wrong:
        raise ValidationError(
            {
                "thresholds": _("Each number of days must be between 0 and %(max)d.")
                % {"max": reminders.MAX_THRESHOLD}
            },
            code="threshold_range",
        )
    return days


@transaction.atomic
def set_reminder_settings(
    *, user: User, enabled: bool, thresholds: Sequence[int], language: str
) -> ReminderSettings:
    """Store how ``user`` wants to be reminded: ``enabled`` (False: no digest at
    all), ``thresholds`` in days before a due date (empty: the site's
    ``SUIVI_REMINDER_THRESHOLDS``), and the digest's ``language`` (a code of
    ``LANGUAGES``). Raises ``ValidationError`` (nothing saved) on a day out of
    0–365 or an unknown language. The row is locked while it is changed, so a
    run claiming this person's reminders finishes its claim first (it holds
    the lock for a few queries, never while mail is sent)."""
    days = clean_thresholds(thresholds)
    ReminderSettings.objects.get_or_create(user=user)
    own = ReminderSettings.objects.select_for_update().get(user=user)
    own.enabled = enabled
    own.thresholds = days
    own.language = language
    own.full_clean()
    own.save(update_fields=["enabled", "thresholds", "language"])
    return own


def _new_feed_key() -> str:
    # 32 random bytes, URL-safe: 43 characters, unguessable.
    return secrets.token_urlsafe(32)


def feed_key_for(*, user: AbstractBaseUser | AnonymousUser) -> FeedToken:
    """``user``'s calendar-feed key, created if they have none: for the person
    asking for their calendar addresses (a POST; pages only read the key, with
    ``tracker.feeds.feed_key_of``).

    One query when it exists. Two first uses at once create one key: the loser of the race reads the
    winner's (``get_or_create`` on the one-to-one ``user``). Raises
    ``ValueError`` for an anonymous user.
    """
    if not user.is_authenticated:
        raise ValueError("Only a signed-in person has a feed key.")
    token = FeedToken.objects.filter(user_id=user.pk).first()
    return token if token is not None else _create_feed_key(user_id=user.pk)


@transaction.atomic
def _create_feed_key(*, user_id: int) -> FeedToken:
    token, _created = FeedToken.objects.get_or_create(
        user_id=user_id, defaults={"key": _new_feed_key()}
    )
    return token


@transaction.atomic
def regenerate_feed_key(*, user: AbstractBaseUser | AnonymousUser) -> FeedToken:
    """Give ``user`` a new calendar-feed key: every address copied with the old one
    stops working at once (its feed answers 404). Creates the key if there was none.
    The row is locked, so two regenerations at once leave the last one's key."""
    if not user.is_authenticated:
        raise ValueError("Only a signed-in person has a feed key.")
    token = FeedToken.objects.select_for_update().filter(user_id=user.pk).first()
    if token is None:
        return _create_feed_key(user_id=user.pk)
    token.key = _new_feed_key()
    token.full_clean()
    token.save(update_fields=["key"])
    return token


# Saved views: the follow-up list's query string under a name of the person's
# choosing (``tracker.models.SavedView``).

SAVED_VIEW_NAME_LENGTH = 80


def saved_view_query(query: str) -> str:
    """The list's query string ``query`` reduced to its filters, in a stable form.

    Keeps only the parameters of ``tracker.filters.FollowUpFilter`` (its form's
    fields, ``o`` among them; ``page`` and anything else dropped), in the order
    the filter set declares them, without empty values. A repeatable parameter
    (``status``) keeps each value once, sorted; any other keeps the value the
    list reads (the last one). So two addresses of the same list give the same
    string: ``"page=3&state=overdue&status=not_started&status=in_progress&q="``
    → ``"status=in_progress&status=not_started&state=overdue"``.
    """
    data = QueryDict(query)
    pairs: list[tuple[str, str]] = []
    for name, filter_ in FollowUpFilter.base_filters.items():
        values = [value.strip() for value in data.getlist(name) if value.strip()]
        if not values:
            continue
        if isinstance(filter_, MultipleChoiceFilter):
            pairs.extend((name, value) for value in sorted(set(values)))
        else:
            pairs.append((name, values[-1]))
    return urlencode(pairs)


def _saved_view_name(name: str) -> str:
    """``name`` stripped; ``ValidationError`` on ``name`` when empty or too long."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the view a name.")}, code="required")
    if len(name) > SAVED_VIEW_NAME_LENGTH:
        message = _("A view's name has at most %(limit)d characters; this one has %(length)d.")
        raise ValidationError(
            {"name": message % {"limit": SAVED_VIEW_NAME_LENGTH, "length": len(name)}},
            code="max_length",
        )
    return name


@transaction.atomic
def save_view(*, owner: User, name: str, query: str) -> SavedView:
    """Save the follow-up list's filters ``query`` (a query string) as ``owner``'s
    view called ``name``; returns the view.

    ``name`` is stripped and must have 1 to 80 characters. ``query`` is
    normalised by ``saved_view_query`` (only the list's filters, stable order).
    Saving under a name the person already uses **replaces that view's
    filters** (one view per name and person). Raises ``ValidationError`` (on
    ``name`` or ``query``) for a bad name, or filters the list cannot read (an
    unknown status, a unit that no longer exists, a date range that ends
    before it starts…); then nothing is saved.
    """
    clean_name = _saved_view_name(name)
    clean_query = saved_view_query(query)
    if len(clean_query) > (SavedView._meta.get_field("query").max_length or 0):
        raise ValidationError({"query": _("These filters are too long to be saved.")})
    form = FollowUpFilter(data=QueryDict(clean_query), queryset=FollowUp.objects.none()).form
    if form.errors:
        problems = [
            f"{form.fields[field].label}: {error}" if field in form.fields else str(error)
            for field, errors in form.errors.items()
            for error in errors
        ]
        raise ValidationError(
            {
                "query": _("These filters cannot be saved (%(problems)s).")
                % {"problems": "; ".join(problems)}
            },
            code="invalid",
        )
    view, _created = SavedView.objects.update_or_create(
        owner=owner, name=clean_name, defaults={"query": clean_query}
    )
    return view


@transaction.atomic
def rename_view(*, view: SavedView, owner: User, name: str) -> SavedView:
    """Give ``owner``'s ``view`` a new ``name`` (stripped, 1 to 80 characters).

    Raises ``PermissionDenied`` when ``view`` is someone else's, and
    ``ValidationError`` on ``name`` for a bad name or one the person already
    gives another view; then nothing is saved.
    """
    if view.owner_id != owner.pk:
        raise PermissionDenied
    clean_name = _saved_view_name(name)
    if clean_name == view.name:
        return view
    if SavedView.objects.filter(owner=owner, name=clean_name).exclude(pk=view.pk).exists():
        raise ValidationError(
            {"name": _("You already have a view called “%(name)s”.") % {"name": clean_name}},
            code="unique",
        )
    view.name = clean_name
    view.save(update_fields=["name"])
    return view


@transaction.atomic
def delete_view(*, view: SavedView, owner: User) -> None:
    """Delete ``owner``'s ``view``. Raises ``PermissionDenied`` when it is someone else's."""
    if view.owner_id != owner.pk:
        raise PermissionDenied
    view.delete()

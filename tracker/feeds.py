"""Calendar feeds (RFC 5545): follow-up due dates and Council sessions.

Calendar clients (Outlook, Google Calendar, Apple Calendar) cannot sign in, so
a person's feed address carries their ``FeedToken`` key instead:
``webcal://<host>/feeds/<key>/followups.ics?<the follow-up list's filters>``
(the website builds it: ``tracker.web.feeds.feed_url``). The feed lists what
the list would list with those filters (``selectors.followup_list``), keeping
the open follow-ups with a due date:

- one all-day ``VEVENT`` per follow-up on its due date: SUMMARY "symbol · OPn ·
  what is due", DESCRIPTION with the clause, the status, why that due date
  (``deadlines.derive(...).explanation()``, or the reason given when it was set
  by hand) and the follow-up's address. Its UID never changes
  ("followup-<pk>@<the host of SUIVI_BASE_URL>"), and SEQUENCE (the follow-up's
  ``version``) and LAST-MODIFIED (``updated_at``) grow with every save, so a
  client replaces the event when a due date moves instead of adding one. A
  follow-up done or cancelled leaves the feed, and clients drop its event;
- one ``VEVENT`` per session spanning its dates (DTEND is exclusive: the day
  after it closes), for the sessions the listed follow-ups are due for and the
  Council's sessions of the coming year (``resolutions.selectors.sessions_between``,
  estimated past the stored calendar). An estimated session is TENTATIVE and
  says "(estimated)"; announced dates are CONFIRMED.

The text is in one language, the feed owner's (``feed_language``). The feed is
written a chunk of events at a time (``feed_chunks``), reading only the
columns an event prints as the downloads do (``tracker.exports.chunks``:
``CHUNK_SIZE`` follow-ups at a time from a server-side cursor, their
paragraphs read once a chunk) and each session their due dates follow once.
icalendar writes each event; what the events share (the UIDs' domain, the
pages' address, why a derived due date falls when it does) is worked out once
a feed (``FollowUpEvents``). Most of the time a feed takes is icalendar's own:
turning properties into content lines and folding them at 75 octets.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import F, QuerySet
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDDDTypes, vInt, vText, vUri

from resolutions.models import Body, Session
from resolutions.selectors import sessions_between
from tracker import deadlines, exports, selectors
from tracker.models import (
    OPEN_STATUSES,
    DueDateSource,
    FeedToken,
    FollowUp,
    ReminderSettings,
    Status,
)
from tracker.titles import shown_title

# The right-hand side of every UID when the site's address is not set: fixed, so
# that a feed read through another host name keeps its events' identities.
DEFAULT_UID_DOMAIN = "suivi.invalid"
PRODID = "-//OHCHR//Suivi//EN"
# Follow-ups read at a time; each chunk costs one query for its paragraphs.
CHUNK_SIZE = 2000
# The Council's sessions shown ahead of today, whatever the follow-ups.
SESSIONS_AHEAD = datetime.timedelta(days=366)
# How often clients should fetch the feed again (Outlook and Apple read these).
REFRESH = datetime.timedelta(hours=4)
REFRESH_TEXT = "PT4H"  # REFRESH as an RFC 5545 duration, for X-PUBLISHED-TTL (a text property)


class InvalidFilters(ValueError):
    """The feed's query string holds invalid filter values; ``errors`` says which, as text."""

    def __init__(self, errors: str) -> None:
        super().__init__(errors)
        self.errors = errors


def uid_domain() -> str:
    """The domain of the events' UIDs: the host of ``settings.SUIVI_BASE_URL`` (the
    site's public address), else ``DEFAULT_UID_DOMAIN``; never the host a request
    came through, which can differ from one reader to the next."""
    host = urlsplit(str(getattr(settings, "SUIVI_BASE_URL", ""))).hostname
    return host or DEFAULT_UID_DOMAIN


def feed_token(*, key: str) -> FeedToken | None:
    """The key's token with its user (and their reminder settings, for the language),
    or None for an unknown key. One query; the unique index compares the key."""
    return (
        FeedToken.objects.select_related("user", "user__reminder_settings").filter(key=key).first()
    )


def feed_key_of(*, user: AbstractBaseUser | AnonymousUser) -> str | None:
    """``user``'s feed key, or None when they have none yet (or are anonymous).
    Reads only (one query; none for an anonymous user): pages call this, and
    the key is created only when the person asks for it
    (``services.feed_key_for``)."""
    if not user.is_authenticated:
        return None
    key: str | None = (
        FeedToken.objects.filter(user_id=user.pk).values_list("key", flat=True).first()
    )
    return key


def feed_language(user: AbstractBaseUser | AnonymousUser, *, default: str | None = None) -> str:
    """The language the person's feed is written in: the one they chose for their
    reminders, else ``default`` (the request's), else the site's ``LANGUAGE_CODE``.
    No query when the reminder settings were loaded with the user (``feed_token``)."""
    try:
        chosen: ReminderSettings | None = user.reminder_settings  # type: ignore[union-attr]
    except (ReminderSettings.DoesNotExist, AttributeError):
        chosen = None
    if chosen is not None and chosen.language:
        return chosen.language
    return default or settings.LANGUAGE_CODE


def feed_name(*, filters: Mapping[str, Any], user: AbstractBaseUser | AnonymousUser) -> str:
    """X-WR-CALNAME, in the active language: what the feed lists, in a few words."""
    names = {name for name, value in filters.items() if value not in ("", None, [])} - {"o"}
    if not names:
        return _("Suivi: follow-up due dates")
    if names == {"focal_point"} and _values(filters, "focal_point") == [str(user.pk)]:
        return _("Suivi: due dates I am focal point for")
    return _("Suivi: follow-up due dates (filtered)")


def _values(filters: Mapping[str, Any], name: str) -> list[str]:
    if isinstance(filters, QueryDict):
        return filters.getlist(name)
    value = filters.get(name)
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


def feed_chunks(
    *,
    filters: Mapping[str, Any] | None,
    user: AbstractBaseUser | AnonymousUser,
    base_url: str,
    language: str,
    today: datetime.date | None = None,
) -> Iterator[bytes]:
    """The feed as iCalendar bytes, the calendar's opening lines, then the events of
    ``CHUNK_SIZE`` follow-ups at a time, then the sessions' events and the closing
    line: for a ``StreamingHttpResponse``.

    ``filters`` are the follow-up list's (a request's ``GET`` or a mapping, see
    ``selectors.followup_list``); ``base_url`` is the site's scheme and host
    ("https://suivi.example.org"), put before each follow-up's path; the text is
    in ``language``. Raises ``InvalidFilters`` at once, before anything is
    written, when a filter is invalid (the queries the filters' own values
    need, a session, unit, person or resolution named by its key, run then).
    Reads nothing else until the first chunk is asked for; then the closure
    days (one), the follow-ups (one, read ``CHUNK_SIZE`` at a time: only the
    columns an event prints, ``exports.chunks``), for each chunk their
    paragraphs (two: the links, then the paragraphs, when any is linked) and
    the sessions their due dates follow that no earlier chunk named (one, when
    there is any), then the coming sessions (``sessions_between``): six for up
    to 2000 follow-ups.
    """
    filterset = selectors.followup_list(filters=filters, user=user)
    if filterset.is_bound and not filterset.is_valid():
        raise InvalidFilters(filterset.errors.as_text())
    followups = filterset.qs.filter(status__in=OPEN_STATUSES, due_date__isnull=False)
    with translation.override(language):
        name = feed_name(filters=filters or {}, user=user)
    return _chunks(
        followups,
        name=name,
        base_url=base_url.rstrip("/"),
        language=language,
        today=today or timezone.localdate(),
    )


def _chunks(
    followups: QuerySet[FollowUp],
    *,
    name: str,
    base_url: str,
    language: str,
    today: datetime.date,
) -> Iterator[bytes]:
    head, tail = _calendar(name).to_ical().rsplit(b"END:VCALENDAR", 1)
    yield head
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    with translation.override(language):
        events = FollowUpEvents(calendar=deadlines.WorkingCalendar.load(), base_url=base_url)
    # The sessions the due dates follow, by key, read as chunks name them.
    counted: dict[int, Session] = {}
    rows = exports.chunks(followups, *EVENT_FIELDS, chunk_size=CHUNK_SIZE, **event_columns())
    for chunk in rows:
        unread = {row["counted_session_id"] for row in chunk} - counted.keys() - {None}
        if unread:
            counted.update(Session.objects.in_bulk(unread))
        # Around a chunk, not around the generator: other code runs in this
        # thread between the pieces of a streamed response.
        with translation.override(language):
            piece = b"".join(
                events.event(row, session=counted.get(row["counted_session_id"])).to_ical()
                for row in chunk
            )
        yield piece
    sessions = {_session_key(session): session for session in counted.values()}
    for session in sessions_between(body=Body.HRC, start=today, end=today + SESSIONS_AHEAD):
        sessions.setdefault(_session_key(session), session)
    with translation.override(language):
        piece = b"".join(
            session_event(session, stamp=stamp).to_ical()
            for session in sorted(sessions.values(), key=lambda s: (s.start_date, s.body, s.number))
        )
    yield piece + b"END:VCALENDAR" + tail


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-caldesc", _("Due dates of follow-ups to Human Rights Council resolutions"))
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", REFRESH_TEXT)
    return cal


def _session_key(session: Session) -> tuple[str, bool, int]:
    return (session.body, session.special, session.number)


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC).replace(microsecond=0)


# What an event prints of a follow-up, read by ``exports.chunks``: its own
# columns, and (``event_columns``) its resolution's symbol, its clause and the
# key of the session its due date follows.
EVENT_FIELDS = (
    "kind",
    "status",
    "title",
    "title_parts",
    "due_date",
    "due_date_source",
    "due_date_reason",
    "version",
    "updated_at",
)


def event_columns() -> dict[str, Any]:
    """The columns of ``FollowUpEvents.event``'s rows beside ``EVENT_FIELDS``."""
    return {
        "symbol": F("resolution__symbol"),
        "clause": F("mandate__text"),
        "counted_session_id": deadlines.counted_session_key(),
    }


class FollowUpEvents:
    """Makes the all-day event of each follow-up's due date, in the language active
    when it was made (which must stay active while it is used).

    What every event of a feed shares is worked out once: the UIDs' domain, the
    follow-up pages' address (``base_url`` before the path), the statuses'
    labels, and why a derived due date falls when it does, which depends only
    on the kind of deliverable and the session counted
    (``deadlines.due_date_for``): thousands of follow-ups are due for far fewer
    sessions.
    """

    def __init__(self, *, calendar: deadlines.WorkingCalendar, base_url: str) -> None:
        self.calendar = calendar
        self.domain = uid_domain()
        self.link = exports.link_maker(base_url)
        self.statuses = {value: str(label) for value, label in Status.choices}
        self._derived: dict[tuple[str, int | None], str] = {}

    def provenance(self, row: Mapping[str, Any], *, session: Session | None) -> str:
        """Why the follow-up is due when it is: the reason typed when it was set by
        hand, else the rule applied to the dates of ``session``, the one counted."""
        if row["due_date_source"] == DueDateSource.MANUAL:
            return _("set by hand: %(reason)s") % {"reason": row["due_date_reason"]}
        key = (row["kind"], session.pk if session is not None else None)
        if key not in self._derived:
            derived = deadlines.due_date_for(
                kind=row["kind"], session=session, calendar=self.calendar
            )
            self._derived[key] = derived.explanation() if derived is not None else ""
        return self._derived[key]

    def event(self, row: Mapping[str, Any], *, session: Session | None) -> Event:
        """The all-day event of a follow-up's due date (which it must have), from a
        row of ``exports.chunks`` read with ``EVENT_FIELDS`` and ``event_columns``;
        ``session`` is the one its due date follows (``counted_session_id``).

        SUMMARY: the symbol, the paragraphs and what is due (the title, as
        pages show it): "A/HRC/RES/46/13 · OP8 · Report for session 52 (46/13,
        OP8)". DESCRIPTION: the clause, the status, why that due date and the
        follow-up's address. No query.
        """
        due = row["due_date"]
        assert due is not None
        url = self.link(row["id"])
        lines = []
        if row["clause"] is not None:
            lines.append(row["clause"])
        status = self.statuses.get(row["status"], row["status"])
        lines.append(_("Status: %(status)s") % {"status": status})
        provenance = self.provenance(row, session=session)
        if provenance:
            lines.append(_("Due date: %(why)s") % {"why": provenance})
        lines.append(url)
        summary = [row["symbol"]]
        if row["paragraphs"]:
            summary.append(", ".join(paragraph.label for paragraph in row["paragraphs"]))
        summary.append(shown_title(row["title"], row["title_parts"]))
        modified = vDDDTypes(_utc(row["updated_at"]))

        # The property types ``Event.add`` would choose, given directly: the same
        # text, for less than half the cost of guessing them.
        event = Event()
        event["UID"] = vText(f"followup-{row['id']}@{self.domain}")
        event["DTSTAMP"] = modified
        event["LAST-MODIFIED"] = modified
        event["SEQUENCE"] = vInt(row["version"])
        event["DTSTART"] = vDDDTypes(due)
        event["DTEND"] = vDDDTypes(due + datetime.timedelta(days=1))
        event["SUMMARY"] = vText(" · ".join(summary))
        event["DESCRIPTION"] = vText("\n\n".join(lines))
        event["URL"] = vUri(url)
        # A deadline is not a meeting: it does not make anyone busy.
        event["TRANSP"] = vText("TRANSPARENT")
        return event


def session_event(session: Session, *, stamp: datetime.datetime) -> Event:
    """The event spanning ``session``'s days (stored, or an unsaved estimate), in the
    active language. Its UID names the body and number, not the row, so an estimate
    keeps its event once stored; ``stamp`` (UTC) is the DTSTAMP."""
    special = "S" if session.special else ""
    summary = str(session)
    if not session.dates_confirmed:
        summary = _("%(session)s (estimated)") % {"session": summary}
    event = Event()
    event.add("uid", f"session-{session.body}-{special}{session.number}@{uid_domain()}")
    event.add("dtstamp", stamp)
    event.add("sequence", session.version if session.pk else 0)
    event.add("dtstart", session.start_date)
    event.add("dtend", session.end_date + datetime.timedelta(days=1))
    event.add("summary", summary)
    if not session.dates_confirmed:
        event.add(
            "description",
            _("Dates estimated from the usual pattern of sessions, not yet announced."),
        )
    elif session.notes:
        event.add("description", session.notes)
    event.add("status", "CONFIRMED" if session.dates_confirmed else "TENTATIVE")
    event.add("transp", "TRANSPARENT")
    return event

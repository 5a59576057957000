"""The dashboard, Suivi's home page: what is late, what is due soon and before each
body's next session, counts that link to the list, the user's own work and a
timeline of sessions.

Thin: one selector (``tracker.dashboards.dashboard``) and the timeline's
drawing (``timeline_layout``: coordinates for the inline SVG, drawn on the
server so it reads without JavaScript).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import dateformat, formats, timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from resolutions.models import Session
from tracker import dashboards
from tracker.dashboards import TimelineSession
from tracker.web.access import VIEW_FOLLOWUPS
from tracker.web.kept import kept_for_reader
from tracker.web.saved_views import saved_view_rows

# The timeline's drawing, in SVG user units: as wide as the narrowest phone
# screen Suivi is read on (360 px), so that at 360 px it is drawn 1:1.
WIDTH = 360
# A row: the session's name, its dates on the line below (a French range with
# both years and the estimate's "*" is too long for one line at 360 px), then
# the two bars.
ROW_HEIGHT = 80
TOP = 8
BAR_X = 32
BAR_MAX = 110  # the longest bar, for the largest count


def named_format(name: str, default: str) -> str:
    """The active language's date format ``name`` from the project's format modules
    (``FORMAT_MODULE_PATH``), for names Django's ``date`` filter does not look up
    (``DAY_MONTH_FORMAT``: en "j M", fr "j N"); ``default`` when none defines it."""
    for module in formats.get_format_modules(get_language()):
        value = getattr(module, name, None)
        if isinstance(value, str):
            return value
    return default


def date_range(start: datetime.date, end: datetime.date) -> str:
    """ "7 Sep – 7 Oct 2026" ("7 sept. – 7 oct. 2026" in French): the year once
    when both days are in the same year, else both short dates."""
    short = str(formats.get_format("SHORT_DATE_FORMAT"))
    first = named_format("DAY_MONTH_FORMAT", "j M") if start.year == end.year else short
    return f"{dateformat.format(start, first)} – {dateformat.format(end, short)}"


@dataclass(frozen=True)
class TimelineRow:
    """One session drawn on the timeline: its row's top and its two bars' widths."""

    item: TimelineSession
    y: int
    before_width: int
    during_width: int

    @property
    def dot_y(self) -> int:
        return self.y + 14

    @property
    def label_y(self) -> int:
        return self.y + 18

    @property
    def dates_y(self) -> int:
        return self.y + 33

    @property
    def dates(self) -> str:
        session: Session = self.item.session
        return date_range(session.start_date, session.end_date)

    @property
    def before_y(self) -> int:
        return self.y + 42

    @property
    def during_y(self) -> int:
        return self.y + 60

    @property
    def before_text_x(self) -> int:
        return BAR_X + self.before_width + 6

    @property
    def during_text_x(self) -> int:
        return BAR_X + self.during_width + 6


@dataclass(frozen=True)
class TimelineLayout:
    rows: tuple[TimelineRow, ...]
    height: int
    width: int
    today_y: int | None  # where the "today" line is drawn, between past and coming sessions
    line_end: int


def _bar(count: int, largest: int) -> int:
    if count == 0 or largest == 0:
        return 0
    return max(4, round(BAR_MAX * count / largest))


def timeline_layout(items: tuple[TimelineSession, ...]) -> TimelineLayout:
    """Coordinates of the timeline: one row per session, top to bottom by opening
    day, bars as long as their counts (the largest count gets ``BAR_MAX``)."""
    largest = max((max(i.before.count, i.during.count) for i in items), default=0)
    rows: list[TimelineRow] = []
    today_y = None
    y = TOP
    for item in items:
        if not item.past and today_y is None and rows:
            today_y = y
            y += 16
        rows.append(
            TimelineRow(
                item=item,
                y=y,
                before_width=_bar(item.before.count, largest),
                during_width=_bar(item.during.count, largest),
            )
        )
        y += ROW_HEIGHT
    return TimelineLayout(
        rows=tuple(rows), height=y + TOP, width=WIDTH, today_y=today_y, line_end=y
    )


@require_GET
@login_required
@permission_required(VIEW_FOLLOWUPS, raise_exception=True)
@kept_for_reader
def dashboard(request: HttpRequest) -> HttpResponse:
    board = dashboards.dashboard(user=request.user, today=timezone.localdate())
    return render(
        request,
        "web/dashboard/dashboard.html",
        {
            "board": board,
            "timeline": timeline_layout(board.timeline),
            "saved_views": saved_view_rows(request),
        },
    )

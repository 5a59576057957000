"""The printable session report: for one session, every follow-up
``tracker.dashboards.for_session`` picks (not cancelled; targeting it, or of its
body, due before it closes and still open or done since the previous session
opened), grouped by resolution and status.

Printing needs no JavaScript: ``?print=1`` shows the page as it prints (the
print stylesheet for every medium) for the browser's own Print command, and
``static/js/print.js`` turns the Print link into ``window.print()`` where
scripts run.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tracker import dashboards
from tracker.web.access import VIEW_FOLLOWUPS


@require_GET
@login_required
@permission_required(VIEW_FOLLOWUPS, raise_exception=True)
def session_report(request: HttpRequest, pk: int) -> HttpResponse:
    report = dashboards.session_report(pk=pk)
    return render(
        request,
        "web/reports/session.html",
        {
            "report": report,
            "print_view": request.GET.get("print") == "1",
            "today": timezone.localdate(),
        },
    )

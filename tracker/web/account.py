"""A person's own page: their calendar-feed addresses, reminder choices and saved views.

Each section is its own partial in ``templates/web/account/``; the forms on
it post to the views of the area they belong to (feeds, reminders, saved
views), which write through the services.
"""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tracker.web import feeds as feed_views
from tracker.web import reminders as reminder_views
from tracker.web.access import VIEW_FOLLOWUPS
from tracker.web.saved_views import saved_view_rows


@require_GET
@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The signed-in person's page; anyone signed in may open their own. Only a
    role that lets them read follow-ups brings their calendar feeds and saved
    views (``feeds`` and ``saved_views`` are None without it). Reads only:
    opening the page creates nothing, not even a feed key."""
    context: dict[str, object] = {"person": request.user}
    context["reminder_form"] = reminder_views.reminder_form(cast(User, request.user))
    context["feeds"] = feed_views.account_feeds(request)
    context["saved_views"] = (
        saved_view_rows(request) if request.user.has_perm(VIEW_FOLLOWUPS) else None
    )
    return render(request, "web/account/page.html", context)

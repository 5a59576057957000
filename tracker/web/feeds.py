"""The calendar feed and the button that changes its key.

``/feeds/<key>/followups.ics`` is read by calendar programs, which cannot sign
in: the key in the address stands for its person, and gives read access to
that feed only. Whoever holds the address reads what its person may read, and
no more: the person must still be active and still have the role that lets
them see follow-ups. An unknown key, a key regenerated since, or a person
who lost their role all get the same bare 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from tracker import feeds, services
from tracker.web.access import VIEW_FOLLOWUPS


@dataclass(frozen=True)
class AccountFeeds:
    """The feed addresses a person's page offers: every follow-up's due dates
    (``everything``) and those they are focal point for (``focal_point``)."""

    everything: str
    focal_point: str


def account_feeds(request: HttpRequest) -> AccountFeeds | None:
    """The signed-in person's feed addresses (creating their key on first use), or
    None when their role does not let them read follow-ups (a feed would be a 404)."""
    user = request.user
    if not user.has_perm(VIEW_FOLLOWUPS):
        return None
    return AccountFeeds(
        everything=feeds.feed_url(request=request, user=user),
        focal_point=feeds.feed_url(
            request=request, user=user, query=urlencode({"focal_point": str(user.pk)})
        ),
    )


# HEAD too: some calendar programs check the address before subscribing.
@require_safe
def followup_feed(request: HttpRequest, key: str) -> HttpResponse | StreamingHttpResponse:
    """The follow-up list's due dates as an iCalendar feed (``text/calendar``),
    filtered by the query string exactly as the list is, written as it is read.

    No session sign-in: ``key`` names the person (``FeedToken``). 404 for an
    unknown key or a person inactive or without the follow-up view permission;
    400 with the errors as plain text for an invalid filter.
    """
    token = feeds.feed_token(key=key)
    if token is None or not token.user.is_active or not token.user.has_perm(VIEW_FOLLOWUPS):
        raise Http404
    try:
        chunks = feeds.feed_chunks(
            filters=request.GET,
            user=token.user,
            base_url=request.build_absolute_uri("/"),
            language=feeds.feed_language(token.user, default=get_language()),
        )
    except feeds.InvalidFilters as invalid:
        return HttpResponseBadRequest(invalid.errors, content_type="text/plain; charset=utf-8")
    response = StreamingHttpResponse(chunks, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="suivi-followups.ics"'
    # The address is a secret: shared caches must not keep the feed.
    response["Cache-Control"] = "private, max-age=0"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_POST
@login_required
def regenerate_feed_key(request: HttpRequest) -> HttpResponse:
    """Give the signed-in person a new feed key: every address copied before stops
    working. Back to their page, with a message saying so."""
    services.regenerate_feed_key(user=request.user)
    messages.success(
        request,
        _(
            "Your calendar addresses have changed. Subscribe again with the new "
            "addresses: the old ones no longer work."
        ),
    )
    return redirect(reverse("web:account") + "#feeds")

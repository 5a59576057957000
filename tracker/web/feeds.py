"""The calendar feed, the addresses pages show for it, and the button that makes
or changes its key.

``/feeds/<key>/followups.ics`` is read by calendar programs, which cannot sign
in: the key in the address stands for its person, and gives read access to
that feed only. Whoever holds the address reads what its person may read, and
no more: the person must still be active and still have the role that lets
them see follow-ups. An unknown key, a key regenerated since, or a person
who lost their role all get the same bare 404.

Pages only read the key (``tracker.feeds.feed_key_of``): a person who has none
yet is offered the button "Create my calendar address", a POST to
``regenerate_feed_key``, which makes it (``services.feed_key_for``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    QueryDict,
    StreamingHttpResponse,
)
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from tracker import feeds, services
from tracker.web.access import VIEW_FOLLOWUPS

# What the "Create my calendar address" forms post (with ``next``, the page to go back to).
CREATE = "create"


def feed_url(*, request: HttpRequest, key: str, query: str = "") -> str:
    """The absolute ``webcal://`` address of the feed of ``key`` for the follow-up
    list filtered by ``query`` (the list's query string, without "?"; ``page`` is
    dropped). ``webcal://`` makes a browser hand the address to the calendar
    program, which subscribes to it (and fetches it over HTTPS or HTTP). No query."""
    return "webcal://" + _address(request=request, key=key, query=query).split("://", 1)[1]


@dataclass(frozen=True)
class FeedAddress:
    """A feed's two forms: ``subscribe`` (``webcal://``, a link that opens the
    calendar program) and ``direct`` (the same address with the scheme the page
    was served with, ``https://`` on a secure site: to paste where a calendar
    asks for an address, e.g. Google Calendar's "From URL")."""

    subscribe: str
    direct: str


def feed_address(*, request: HttpRequest, key: str, query: str = "") -> FeedAddress:
    """Both forms of the feed of ``key`` filtered by ``query`` (see ``feed_url``)."""
    direct = _address(request=request, key=key, query=query)
    return FeedAddress(subscribe=feed_url(request=request, key=key, query=query), direct=direct)


def _address(*, request: HttpRequest, key: str, query: str) -> str:
    params = QueryDict(query, mutable=True)
    params.pop("page", None)
    encoded = params.urlencode()
    path = reverse("web:followup_feed", kwargs={"key": key})
    return request.build_absolute_uri(path + (f"?{encoded}" if encoded else ""))


@dataclass(frozen=True)
class AccountFeeds:
    """The feed addresses a person's page offers: every follow-up's due dates
    (``everything``) and those they are focal point for (``focal_point``); both
    None while the person has no key (the page offers to create it)."""

    everything: FeedAddress | None
    focal_point: FeedAddress | None


def account_feeds(request: HttpRequest) -> AccountFeeds | None:
    """The signed-in person's feed addresses, or None when their role does not let
    them read follow-ups (a feed would be a 404). Reads only: one query, the key."""
    user = request.user
    if not user.has_perm(VIEW_FOLLOWUPS):
        return None
    key = feeds.feed_key_of(user=user)
    if key is None:
        return AccountFeeds(everything=None, focal_point=None)
    return AccountFeeds(
        everything=feed_address(request=request, key=key),
        focal_point=feed_address(
            request=request, key=key, query=urlencode({"focal_point": str(user.pk)})
        ),
    )


# HEAD too: some calendar programs check the address before subscribing.
@require_safe
def followup_feed(request: HttpRequest, key: str) -> HttpResponse | StreamingHttpResponse:
    """The follow-up list's due dates as an iCalendar feed (``text/calendar``),
    filtered by the query string exactly as the list is, written as it is read,
    in its owner's language (``Content-Language``).

    No session sign-in: ``key`` names the person (``FeedToken``). 404 for an
    unknown key or a person inactive or without the follow-up view permission;
    400 with the errors as plain text for an invalid filter. The key never
    reaches the logs (``tracker.project.logging.HideFeedKeys``).
    """
    token = feeds.feed_token(key=key)
    if token is None or not token.user.is_active or not token.user.has_perm(VIEW_FOLLOWUPS):
        raise Http404
    language = feeds.feed_language(token.user, default=get_language())
    try:
        chunks = feeds.feed_chunks(
            filters=request.GET,
            user=token.user,
            base_url=request.build_absolute_uri("/"),
            language=language,
        )
    except feeds.InvalidFilters as invalid:
        return HttpResponseBadRequest(invalid.errors, content_type="text/plain; charset=utf-8")
    response = StreamingHttpResponse(chunks, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="suivi-followups.ics"'
    response["Content-Language"] = language
    # The address is a secret: shared caches must not keep the feed.
    response["Cache-Control"] = "private, max-age=0"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_POST
@login_required
@permission_required(VIEW_FOLLOWUPS, raise_exception=True)
def regenerate_feed_key(request: HttpRequest) -> HttpResponse:
    """Make the signed-in person's feed key, or give them a new one.

    With ``action=create`` (the "Create my calendar address" button) the key is
    made if they have none and kept if they have one (a second click changes
    nothing); then back to ``next`` (a page of this site) or their page.
    Otherwise ("Get new addresses") a new key: every address copied before
    stops working. A message says which.
    """
    if request.POST.get("action") == CREATE:
        services.feed_key_for(user=request.user)
        messages.success(request, _("Your calendar address is ready."))
        target = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(target)
        return redirect(reverse("web:account") + "#feeds")
    services.regenerate_feed_key(user=request.user)
    messages.success(
        request,
        _(
            "Your calendar addresses have changed. Subscribe again with the new "
            "addresses: the old ones no longer work."
        ),
    )
    return redirect(reverse("web:account") + "#feeds")

"""Pages kept for their reader while nothing they show has changed.

The dashboard and the follow-up list are the pages people reload all day.
``kept_for_reader`` keeps the HTML a view wrote for one person, in Django's
cache ``pages`` (``settings.CACHES``), under a key made of everything the
page depends on:

- the request: scheme, host, path and query string, and the htmx headers
  (the list answers an htmx request with a partial);
- the reader: their key, names and permissions, their session (its key and
  what it holds, such as a name typed in a refused form) and CSRF cookie (the
  page's forms carry a token made from it), the language and the day;
- the data: ``tracker.freshness.both``, every reader's fingerprint and the
  reader's own (their saved views and feed key), in one query.

A write anyone makes changes the fingerprint, so the next request renders
the page again; a kept page is served ``freshness.KEPT_SECONDS`` at most.
Nothing is kept or served while a message waits to be shown (it would show
once more, or not at all), nor kept a page that is not a plain 200, that
changed the session or that used its response's CSP nonce.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.utils import timezone
from django.utils.translation import get_language

from tracker import freshness

View = Callable[..., HttpResponse]

# The cache the pages are kept in (settings.CACHES).
PAGES = "pages"

# Response headers a kept page is served with: what the view set. The
# middleware adds the rest (security headers, cookies) to every response.
_KEPT_HEADERS = frozenset(
    {"content-type", "content-language", "vary", "hx-retarget", "hx-reselect", "hx-reswap"}
)


# The htmx request headers the views answer differently to (django-htmx's names).
_HTMX_HEADERS = ("HTTP_HX_REQUEST", "HTTP_HX_TARGET", "HTTP_HX_HISTORY_RESTORE_REQUEST")


def page_parts(request: HttpRequest) -> tuple[Any, ...]:
    """What the page ``request`` asks for depends on, for the person signed in:
    everything listed in this module's docstring but the CSRF secret
    (``page_key``). One query (both fingerprints: ``freshness.both``)."""
    user = request.user
    names = (
        user.get_username(),
        getattr(user, "get_full_name", str)(),
        user.is_staff,
        user.is_superuser,
        tuple(sorted(user.get_all_permissions())),
    )
    htmx = tuple(request.META.get(name) for name in _HTMX_HEADERS)
    parts = (
        request.scheme,
        request.get_host(),  # share links and feed addresses are absolute
        request.get_full_path(),
        htmx,
        user.pk,
        names,
        request.session.session_key,
        tuple(sorted(request.session.items(), key=lambda item: item[0])),
        get_language(),
        timezone.localdate().isoformat(),
        freshness.both(user),
    )
    return parts


def page_key(request: HttpRequest, parts: tuple[Any, ...]) -> str:
    """The cache key of a page that depends on ``parts`` (``page_parts``) and on the
    CSRF secret its forms' tokens are made from: the one the request brought,
    or, once the view has run, the one it made for a first visit (Django's
    ``CsrfViewMiddleware`` keeps it in ``META["CSRF_COOKIE"]``)."""
    secret = request.META.get("CSRF_COOKIE")
    return "suivi:page:" + hashlib.sha256(repr((parts, secret)).encode()).hexdigest()


def kept_for_reader(view: View) -> View:
    """Serve ``view``'s page from the cache when the same reader asked for it and
    nothing it shows has changed since (``page_key``); otherwise run ``view``
    and keep a plain 200 for ``freshness.KEPT_SECONDS``.

    For GET views of signed-in people; goes below ``login_required`` and the
    permission checks, which run on every request.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        messages = get_messages(request)
        if not request.user.is_authenticated or len(messages):
            return view(request, *args, **kwargs)
        parts = page_parts(request)
        kept = caches[PAGES].get(page_key(request, parts))
        if kept is not None:
            content, headers = kept
            return HttpResponse(content, headers=headers)
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.streaming
            and not getattr(messages, "added_new", False)
            # What the view took from the session (a name typed in a refused
            # form, shown once) is not in the session the page is kept under.
            and not request.session.modified
            # A page whose scripts carry this response's CSP nonce would not run
            # under the next response's policy.
            and not get_nonce(request)
        ):
            headers = {
                name: value
                for name, value in response.headers.items()
                if name.lower() in _KEPT_HEADERS
            }
            caches[PAGES].set(
                page_key(request, parts), (response.content, headers), freshness.KEPT_SECONDS
            )
        return response

    return wrapper

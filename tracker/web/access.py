"""Who may open the website's pages: the permissions each role brings, in one place.

Signed in is not enough: reading needs a role (viewer, editor, manager,
administrator; see ``tracker.roles``). Every view checks its permission
before it reads anything (``permission_required``), so a user without it
learns nothing, not even whether a follow-up exists. Then every view that
acts on a follow-up checks that follow-up (``tracker.permissions``: an
editor updates only those they answer for) before it reads the form, and
the follow-up page shows only the buttons and forms the person may use. A
refusal is the 403 page, saying why in the person's language. A change of
status is checked once more by the workflow inside
``services.log_progress`` (``tracker.workflow``), whatever the page offered.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import reverse

from tracker.permissions import LOG_PROGRESS, MANAGE_FOLLOWUPS, MANAGE_UNITS, VIEW_FOLLOWUPS

VIEW_RESOLUTIONS = "resolutions.view_resolution"
IMPORT_RESOLUTIONS = "resolutions.add_resolution"

# Rows per page on the lists.
PAGE_SIZE = 50

View = Callable[..., HttpResponse]


def post_or_back_to(url_name: str, *url_kwargs: str) -> Callable[[View], View]:
    """Only POST acts; a GET of a form's address (a reload or a bookmark of the
    page shown after a form error) goes back to ``url_name`` — with the view's
    URL arguments named in ``url_kwargs`` — instead of a bare 405."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "GET":
                back = reverse(url_name, kwargs={name: kwargs[name] for name in url_kwargs})
                return HttpResponseRedirect(back)
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


__all__ = [
    "IMPORT_RESOLUTIONS",
    "LOG_PROGRESS",
    "MANAGE_FOLLOWUPS",
    "MANAGE_UNITS",
    "PAGE_SIZE",
    "VIEW_FOLLOWUPS",
    "VIEW_RESOLUTIONS",
    "post_or_back_to",
]

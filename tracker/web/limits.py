"""Requests beyond Django's limits: a page that says so, in Suivi's look and the
reader's language, instead of Django's bare "Bad Request (400)" or, with DEBUG
on, its yellow debug page.

Django refuses a form whose fields weigh more than
``DATA_UPLOAD_MAX_MEMORY_SIZE`` (``RequestDataTooBig``) or that has more than
``DATA_UPLOAD_MAX_NUMBER_FIELDS`` fields or ``DATA_UPLOAD_MAX_NUMBER_FILES``
files (``TooManyFieldsSent``, ``TooManyFilesSent``) when the body is first
read, which ``CsrfViewMiddleware`` does before any view runs. So the body is
read here, one step earlier (this middleware sits just before it), and the
refusal answered here: 413 for too much data, 400 for too many fields. A view
names its own answer by an attribute ``request_too_large`` (a function of the
request returning a response), as the import pages do to show the import
page with the size limit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _


def too_large_page(request: HttpRequest, message: str = "") -> HttpResponse:
    """The 413 page: ``message`` says what the limit is, else Django's setting does."""
    if not message:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
        message = _(
            "What the form sent is larger than Suivi accepts: at most %(megabytes)s MB of text."
        ) % {"megabytes": number_format(limit / (1024 * 1024), decimal_pos=1)}
    return render(request, "413.html", {"message": message}, status=413)


def too_many_fields_page(request: HttpRequest) -> HttpResponse:
    """The 400 page of a form with more fields than ``DATA_UPLOAD_MAX_NUMBER_FIELDS``."""
    message = _("The form sent more fields than Suivi accepts (at most %(count)s).") % {
        "count": number_format(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS or 0, force_grouping=True)
    }
    return render(request, "413.html", {"message": message}, status=400)


class RequestLimitsMiddleware:
    """Reads a POST's body before ``CsrfViewMiddleware`` and answers Django's refusals."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if request.method != "POST":
            return None
        try:
            request.POST  # noqa: B018  # read now, as the CSRF check is about to
        except RequestDataTooBig:
            answer: Callable[[HttpRequest], HttpResponse] | None = getattr(
                view_func, "request_too_large", None
            )
            return answer(request) if answer is not None else too_large_page(request)
        except (TooManyFieldsSent, TooManyFilesSent):
            return too_many_fields_page(request)
        return None

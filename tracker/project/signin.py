"""The sign-in throttle's two hooks into django-axes: who is signing in, and the page
shown while sign-in is paused (``AXES_CLIENT_IP_CALLABLE``, ``AXES_LOCKOUT_CALLABLE``)."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: from ``SUIVI_CLIENT_IP_HEADER`` behind a proxy, else the socket's.

    A proxy that appends to ``X-Forwarded-For`` (nginx's
    ``$proxy_add_x_forwarded_for``) puts the address it saw last: the
    right-most entry is the one a client cannot forge, so that one is taken.
    A value that is not an address (a header the proxy let through as sent)
    falls back to ``REMOTE_ADDR``, so that nothing unreadable is stored.
    """
    remote: str | None = request.META.get("REMOTE_ADDR")
    meta_key = getattr(settings, "SUIVI_CLIENT_IP_META", "")
    if not meta_key:
        return remote
    forwarded = [part.strip() for part in str(request.META.get(meta_key, "")).split(",")]
    try:
        return str(ipaddress.ip_address(forwarded[-1]))
    except ValueError:
        return remote


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The page of a refused sign-in (429): how many wrong passwords, how long to wait.

    Shown by ``axes.middleware.AxesMiddleware`` in place of the sign-in page,
    on the site and in the admin alike, in the reader's language.
    """
    cooloff = settings.AXES_COOLOFF_TIME
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": max(1, int(cooloff.total_seconds() // 60)),
    }
    return render(request, "registration/locked_out.html", context, status=429)

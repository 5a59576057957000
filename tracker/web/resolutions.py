"""The resolution pages: the list, and one resolution with its follow-ups under each paragraph.

Decisions and President's statements are shown by the same pages, at the
same addresses: each page names the kind of document.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from resolutions.models import DocumentKind
from tracker import selectors
from tracker.web.access import PAGE_SIZE, VIEW_RESOLUTIONS


@require_GET
@login_required
@permission_required(VIEW_RESOLUTIONS, raise_exception=True)
def resolution_list(request: HttpRequest) -> HttpResponse:
    """Every stored document, or those of one kind (``?kind=decision``; another value: all)."""
    kind = request.GET.get("kind")
    kind = kind if kind in DocumentKind.values else None
    documents = selectors.resolution_list(kind=kind)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "web/resolutions/list.html",
        {
            "page": page,
            "kind": kind,
            "kinds": DocumentKind.choices,
            "query": urlencode({"kind": kind}) if kind else "",
        },
    )


@require_GET
@login_required
@permission_required(VIEW_RESOLUTIONS, raise_exception=True)
def resolution_detail(request: HttpRequest, symbol: str) -> HttpResponse:
    # ?text=en or ?text=fr shows one language; otherwise every stored one, side by side.
    page = selectors.resolution_page(symbol=symbol, language=request.GET.get("text"))
    return render(request, "web/resolutions/detail.html", {"page": page})

"""The resolution pages: the list, and one resolution with its follow-ups under each paragraph."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tracker import selectors
from tracker.web.access import PAGE_SIZE, VIEW_RESOLUTIONS


@require_GET
@login_required
@permission_required(VIEW_RESOLUTIONS, raise_exception=True)
def resolution_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.resolution_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "web/resolutions/list.html", {"page": page})


@require_GET
@login_required
@permission_required(VIEW_RESOLUTIONS, raise_exception=True)
def resolution_detail(request: HttpRequest, symbol: str) -> HttpResponse:
    # ?text=en or ?text=fr shows one language; otherwise every stored one, side by side.
    page = selectors.resolution_page(symbol=symbol, language=request.GET.get("text"))
    return render(request, "web/resolutions/detail.html", {"page": page})

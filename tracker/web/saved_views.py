"""Saved views: the follow-up list's filters kept under a name.

The list offers "Save this view" when any filter is set (``save_view_form``
gives it its form); the dashboard and the person's own page list their views
(``saved_view_rows``: the counts from ``tracker.selectors.saved_views``, the
addresses built here), and the page renames and deletes them.
Every action here is a POST that writes through ``tracker.services`` and
redirects; a person reaches only their own views (another's id: 404).

A name in error is not lost: the save view keeps what was typed in the
session and redirects to the list with its filters, whose form shows it
again beside the error (``save_view_form``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.utils import ErrorList
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tracker import feeds, selectors, services
from tracker.models import SavedView
from tracker.web.access import VIEW_FOLLOWUPS
from tracker.web.feeds import feed_url

# Where the save view leaves the name typed, for the list's form to show again.
_TYPED_NAME = "saved_view_typed_name"
# The saved-views section of the person's page.
_ACCOUNT_SECTION = "#saved-views"


class SaveViewForm(forms.Form):
    """The list's "Save this view" form: a name, and the list's query string."""

    prefix = "view"

    name = forms.CharField(
        label=gettext_lazy("Name of this view"),
        max_length=services.SAVED_VIEW_NAME_LENGTH,
        help_text=gettext_lazy("Saving again under the same name replaces that view's filters."),
    )
    query = forms.CharField(widget=forms.HiddenInput, required=False)


def save_view_form(request: HttpRequest, *, query: str) -> SaveViewForm | None:
    """The "Save this view" form for the list filtered by ``query``, or None when
    no filter is set. Bound (with its errors) to the name typed just before when
    a save was refused, so nothing typed is lost."""
    normalised = services.saved_view_query(query)
    if not normalised:
        return None
    typed: Any = request.session.pop(_TYPED_NAME, None) if hasattr(request, "session") else None
    if isinstance(typed, str):
        form = SaveViewForm(data={"view-name": typed, "view-query": normalised})
        form.is_valid()
        return form
    return SaveViewForm(initial={"query": normalised})


@dataclass(frozen=True)
class Download:
    """A link to download a list: ``label`` ("CSV") and its address."""

    label: str
    url: str


@dataclass(frozen=True)
class SavedViewRow:
    """One of a person's saved views, with what the dashboard and their page show.

    ``list_url`` opens the list with the view's filters (site-relative),
    ``share_url`` is the same address in full (to copy and send), ``downloads``
    the list as CSV, XLSX and JSON, ``feed_url`` the person's ``webcal://``
    feed of it (None while they have no feed key), and ``count`` how many
    follow-ups the list shows for it now (``selectors.saved_views``).
    """

    view: SavedView
    list_url: str
    share_url: str
    downloads: tuple[Download, ...]
    feed_url: str | None
    count: int


# The download formats offered for a saved view, in this order.
_DOWNLOAD_FORMATS = (("CSV", "csv"), ("XLSX", "xlsx"), ("JSON", "json"))


def saved_view_rows(request: HttpRequest) -> list[SavedViewRow]:
    """The signed-in person's saved views with their counts and addresses, by name.

    Reads only: the queries of ``selectors.saved_views`` (one when there is no
    view) and, when there are views, the person's feed key (one query; a person
    without a key gets no feed address: it is made on their page, by a POST).
    """
    counted = selectors.saved_views(owner=request.user)
    if not counted:
        return []
    key = feeds.feed_key_of(user=request.user)
    list_path = reverse("web:followup_list")
    rows = []
    for item in counted:
        query = item.view.query
        suffix = f"?{query}" if query else ""
        rows.append(
            SavedViewRow(
                view=item.view,
                list_url=list_path + suffix,
                share_url=request.build_absolute_uri(list_path + suffix),
                downloads=tuple(
                    Download(label, reverse("web:followup_export", args=[fmt]) + suffix)
                    for label, fmt in _DOWNLOAD_FORMATS
                ),
                feed_url=None if key is None else feed_url(request=request, key=key, query=query),
                count=item.count,
            )
        )
    return rows


def _list_url(query: str) -> str:
    return reverse("web:followup_list") + (f"?{query}" if query else "")


@require_POST
@login_required
@permission_required(VIEW_FOLLOWUPS, raise_exception=True)
def save_view(request: HttpRequest) -> HttpResponse:
    """Save the list's filters under the name given, then open the list again
    with them and a message linking to the view. A bad name or bad filters:
    the same list, with the name typed kept and the error shown."""
    form = SaveViewForm(request.POST)
    query = services.saved_view_query(request.POST.get("view-query", ""))
    if form.is_valid():
        try:
            view = services.save_view(
                owner=request.user,  # type: ignore[arg-type]
                name=form.cleaned_data["name"],
                query=form.cleaned_data["query"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                format_html(
                    _('Saved as “{name}”: <a href="{url}">open the saved view</a>.'),
                    name=view.name,
                    url=_list_url(view.query),
                ),
            )
            return redirect(_list_url(view.query))
    if "name" in form.errors:
        request.session[_TYPED_NAME] = request.POST.get("view-name", "")[:1000]
    for field in ("query", NON_FIELD_ERRORS):
        for refusal in form.errors.get(field, ErrorList()).as_data():
            messages.error(request, " ".join(refusal.messages))
    return redirect(_list_url(query) + "#save-view")


@require_POST
@login_required
@permission_required(VIEW_FOLLOWUPS, raise_exception=True)
def rename_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename one of the person's views; back to their page with a message."""
    view = get_object_or_404(SavedView, pk=pk, owner=request.user)
    old_name = view.name
    try:
        services.rename_view(
            view=view,
            owner=request.user,  # type: ignore[arg-type]
            name=request.POST.get("name", ""),
        )
    except ValidationError as error:
        for text in error.messages:
            messages.error(
                request,
                _("“%(name)s” was not renamed: %(error)s") % {"name": old_name, "error": text},
            )
    else:
        messages.success(
            request,
            _("“%(old)s” is now called “%(new)s”.") % {"old": old_name, "new": view.name},
        )
    return redirect(reverse("web:account") + _ACCOUNT_SECTION)


@require_POST
@login_required
@permission_required(VIEW_FOLLOWUPS, raise_exception=True)
def delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete one of the person's views; back to their page with a message."""
    view = get_object_or_404(SavedView, pk=pk, owner=request.user)
    services.delete_view(view=view, owner=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The view “%(name)s” was deleted.") % {"name": view.name})
    return redirect(reverse("web:account") + _ACCOUNT_SECTION)

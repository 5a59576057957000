"""The follow-up pages: the list and its downloads, one follow-up and its three forms.

Thin views: they read through ``tracker.selectors`` and write through
``tracker.services``.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    QueryDict,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_htmx.http import reselect, reswap, retarget

from tracker import deadlines, exports, feeds, freshness, permissions, selectors, services
from tracker.filters import ORDERING_LABELS, FollowUpFilter
from tracker.models import DueDateSource, FollowUp, Status
from tracker.titles import series_label
from tracker.web.access import (
    LOG_PROGRESS,
    MANAGE_FOLLOWUPS,
    PAGE_SIZE,
    VIEW_FOLLOWUPS,
    post_or_back_to,
)
from tracker.web.feeds import feed_url
from tracker.web.forms import (
    STATUS_BUTTONS,
    AssignmentForm,
    DependencyForm,
    DueDateForm,
    ProgressForm,
    StatusForm,
    VersionForm,
)
from tracker.web.kept import kept_for_reader
from tracker.web.saved_views import save_view_form
from tracker.workflow import allowed_moves


@dataclass(frozen=True)
class SortHeader:
    """A column header of the list: its label, the link that sorts by it (or
    reverses the sort), and ``aria_sort`` ("ascending", "descending" or "")."""

    label: str
    url: str
    aria_sort: str


# Sortable columns, by ``o`` parameter; the list is sorted by due date by default.
_DEFAULT_SORT = "due_date"


def _sort_headers(path: str, query: QueryDict) -> dict[str, SortHeader]:
    """One ``SortHeader`` per sortable column of the list at ``path``, each link
    keeping every other filter and going back to the first page."""
    current = query.get("o", "") or _DEFAULT_SORT
    headers = {}
    for param, label in ORDERING_LABELS.items():
        if current == param:
            aria_sort, target = "ascending", f"-{param}"
        elif current == f"-{param}":
            aria_sort, target = "descending", param
        else:
            aria_sort, target = "", param
        link = query.copy()
        link.pop("page", None)
        link["o"] = target
        headers[param] = SortHeader(str(label), f"{path}?{link.urlencode()}", aria_sort)
    return headers


def _rows_key(request: HttpRequest, filterset: FollowUpFilter) -> str:
    """The key the list's table is cached under: the same for every reader of the
    same parameters, language and day while the data's fingerprint (read once
    for the filter form's menus) holds, and the reader's own when a filter
    depends on who reads (``FollowUpFilter.PERSONAL``). Its rows are read
    only when it is not cached."""
    personal = any(name in request.GET for name in FollowUpFilter.PERSONAL)
    parts = (
        sorted(request.GET.lists()),
        get_language(),
        timezone.localdate().isoformat(),
        filterset.form.fingerprint,
        request.user.pk if personal else None,
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _list_feed_url(request: HttpRequest, *, query: str) -> str | None:
    key = feeds.feed_key_of(user=request.user)
    return None if key is None else feed_url(request=request, key=key, query=query)


@require_GET
@login_required
@permission_required(VIEW_FOLLOWUPS, raise_exception=True)
@kept_for_reader
def followup_list(request: HttpRequest) -> HttpResponse:
    """The follow-up list: filters, sortable columns, 50 rows a page, all in the URL.

    An htmx request (the filter form, a column header or a page link with
    JavaScript on) gets only the ``results`` partial, the table and its count;
    one with an invalid filter gets the whole page, so that the errors show
    beside the fields.
    """
    filterset = selectors.followup_list(filters=request.GET, user=request.user)
    invalid = filterset.is_bound and not filterset.is_valid()
    # Before the rows are read: a write in between gives a new key, not old rows under it.
    rows_key = _rows_key(request, filterset)
    page = selectors.followup_page(filterset, request.GET.get("page"), per_page=PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "invalid": invalid,
        "page": page,
        "query": query.urlencode(),
        "sort": _sort_headers(request.path, request.GET),
        # Kept when filtering again, unless it is the value in error.
        "ordering": "" if "o" in filterset.errors else request.GET.get("o", ""),
        "today": timezone.localdate(),
        "rows_key": rows_key,
        "rows_seconds": freshness.KEPT_SECONDS,
        # The same filters as a calendar feed; None while the person has no feed
        # key (the list then offers the button that makes it: a GET creates nothing).
        "feed_url": _list_feed_url(request, query=query.urlencode()),
        # "Save this view" (tracker/web/saved_views.py), when a filter is set.
        "save_view_form": None if invalid else save_view_form(request, query=query.urlencode()),
    }
    htmx = getattr(request, "htmx", None)
    # htmx restoring a page missing from its history cache wants the whole page;
    # so does the form of a page showing errors (it targets #content), so that
    # the errors go once the filters read.
    if htmx and not htmx.history_restore_request and not invalid and htmx.target != "content":
        response = render(request, "web/followups/list.html#results", context)
    else:
        response = render(request, "web/followups/list.html", context)
        if htmx and not htmx.history_restore_request:
            # Errors belong beside the fields (and go with them): swap the whole content.
            retarget(response, "#content")
            reselect(response, "#content")
            reswap(response, "outerHTML")
    # The same URL answers with a partial or a page: caches must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@login_required
@permission_required(VIEW_FOLLOWUPS, raise_exception=True)
def followup_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The follow-up list with the filters of the page, as a file named with
    today's date: CSV or XLSX for people (labels in the reader's language),
    JSON for scripts (codes). Invalid filters: 400 with the errors as text.

    The CSV is streamed as it is written; the XLSX is written row by row to
    a temporary file (in memory up to 1 MB, on disk beyond) and streamed from
    there, so a long list never sits in memory.
    """
    filterset = selectors.followup_list(filters=request.GET, user=request.user)
    if filterset.is_bound and not filterset.is_valid():
        return HttpResponseBadRequest(filterset.errors.as_text(), content_type="text/plain")
    followups = filterset.qs
    filename = f"suivi-followups-{timezone.localdate().isoformat()}.{fmt}"
    language = translation.get_language() or settings.LANGUAGE_CODE
    base_url = request.build_absolute_uri("/").rstrip("/")
    response: HttpResponseBase
    if fmt == "json":
        response = StreamingHttpResponse(
            exports.json_pieces(followups), content_type="application/json"
        )
    elif fmt == "xlsx":
        # Not a with block: FileResponse closes the file once it is sent.
        spool = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)  # noqa: SIM115
        exports.write_xlsx(followups, spool, language=language, base_url=base_url)
        spool.seek(0)
        return FileResponse(
            spool, as_attachment=True, filename=filename, content_type=exports.XLSX_CONTENT_TYPE
        )
    else:
        response = StreamingHttpResponse(
            (
                piece.encode()
                for piece in exports.csv_text(followups, language=language, base_url=base_url)
            ),
            content_type="text/csv; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _detail_context(
    request: HttpRequest, followup: FollowUp, bound_form: tuple[str, object] | None = None
) -> dict[str, object]:
    """The follow-up page's context: the summary, the status buttons, the activity
    stream and the forms; ``bound_form`` (name, form) replaces a blank form and is
    the one disclosure shown open (``open_form``)."""
    user = request.user
    records = selectors.followup_history(followup)
    manual = followup.due_date_source == DueDateSource.MANUAL
    series = selectors.followup_series(followup)
    context: dict[str, object] = {
        "followup": followup,
        # The other occurrences of a recurring mandate, each with its follow-ups.
        "series": series,
        "series_label": series_label(
            periodicity=followup.mandate.periodicity,
            occurrence=followup.mandate.occurrence,
            count=len(series),
        )
        if series and followup.mandate
        else "",
        "derived": deadlines.derive(followup),
        "hand_set": selectors.hand_set_due_date(followup, records),
        "activity": selectors.followup_activity(followup, records),
        # The state says more than the status only while the follow-up is open.
        "state": followup.state() if followup.is_open else None,
        "status_buttons": [
            (target.value, STATUS_BUTTONS[(Status(followup.status), target)])
            for target in allowed_moves(followup, user=user)
        ],
        "progress_form": ProgressForm(followup=followup, user=user),
        "due_date_form": DueDateForm(
            initial={
                "due_date": followup.due_date if manual else None,
                "reason": followup.due_date_reason,
                "version": followup.version,
            }
        ),
        "assignment_form": AssignmentForm(
            initial={
                "lead_unit": followup.lead_unit_id,
                "focal_point": followup.focal_point_id,
                "version": followup.version,
            }
        ),
        "dependency_form": DependencyForm(followup=followup, initial={"version": followup.version}),
        "open_form": None,
        # Only the forms and buttons this person may use on this follow-up.
        "can_log": permissions.can_log_progress(user, followup),
        "can_manage": permissions.can_change(user, followup),
    }
    if bound_form is not None:
        name, form = bound_form
        context[name] = form
        context["open_form"] = name
    return context


@require_GET
@login_required
@permission_required(VIEW_FOLLOWUPS, raise_exception=True)
def followup_detail(request: HttpRequest, pk: int) -> HttpResponse:
    followup = selectors.followup_detail(pk=pk)
    return render(request, "web/followups/detail.html", _detail_context(request, followup))


FollowUpForm = (
    ProgressForm | DueDateForm | AssignmentForm | StatusForm | DependencyForm | VersionForm
)


def _act_on_followup(
    request: HttpRequest,
    pk: int,
    *,
    form_name: str,
    require: Callable[[Any, FollowUp], None],
    build_form: Callable[[QueryDict, FollowUp], FollowUpForm],
    save: Callable[[FollowUp, dict[str, Any]], object],
    success: str | Callable[[FollowUp], str],
) -> HttpResponse:
    """One form of the follow-up page: check, save through a service, or show what is wrong.

    The view's decorator checked the role; ``require`` (``permissions.require_…``)
    checks this follow-up, raising ``PermissionDenied`` (the 403 page, saying
    why) before the form is read. A concurrent edit shows the form again with
    the user's input, bound to the version now stored, so that nothing typed
    is lost and nothing is overwritten.
    """
    followup = selectors.followup_detail(pk=pk)
    require(request.user, followup)
    form = build_form(request.POST, followup)
    if form.is_valid():
        try:
            save(followup, form.cleaned_data)
        except services.ConcurrentEdit as error:
            followup = selectors.followup_detail(pk=pk)
            data = request.POST.copy()
            data[form.add_prefix("version")] = str(followup.version)
            form = build_form(data, followup)
            form.is_valid()
            hint = _("What you entered is kept below: check, then send it again.")
            form.add_error(None, f"{error} {hint}")
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, success(followup) if callable(success) else success)
            return redirect(followup)
    followup = selectors.followup_detail(pk=pk)
    context = _detail_context(request, followup, (form_name, form))
    return render(request, "web/followups/detail.html", context, status=400)


@post_or_back_to("web:followup_detail", "pk")
@login_required
@permission_required(LOG_PROGRESS, raise_exception=True)
def followup_progress(request: HttpRequest, pk: int) -> HttpResponse:
    return _act_on_followup(
        request,
        pk,
        form_name="progress_form",
        require=permissions.require_log_progress,
        build_form=lambda data, followup: ProgressForm(data, followup=followup, user=request.user),
        save=lambda followup, data: services.log_progress(
            followup=followup,
            author=request.user,  # type: ignore[arg-type]  # login_required
            text=data["text"],
            status=data["status"],
            completed_on=data["completed_on"],
            output_document=data["output_document"],
            expected_version=data["version"],
        ),
        success=_("Progress recorded."),
    )


@post_or_back_to("web:followup_detail", "pk")
@login_required
@permission_required(LOG_PROGRESS, raise_exception=True)
def followup_status(request: HttpRequest, pk: int) -> HttpResponse:
    """A status button: the move the workflow allows, logged as progress (compare-and-set)."""
    return _act_on_followup(
        request,
        pk,
        form_name="status_form",
        require=permissions.require_log_progress,
        build_form=lambda data, followup: StatusForm(data, followup=followup, user=request.user),
        save=lambda followup, data: services.log_progress(
            followup=followup,
            author=request.user,  # type: ignore[arg-type]  # login_required
            status=data["status"],
            expected_version=data["version"],
        ),
        success=lambda followup: (
            _("Status changed to “%(status)s”.") % {"status": followup.get_status_display()}
        ),
    )


@post_or_back_to("web:followup_detail", "pk")
@login_required
@permission_required(MANAGE_FOLLOWUPS, raise_exception=True)
def followup_due_date(request: HttpRequest, pk: int) -> HttpResponse:
    return _act_on_followup(
        request,
        pk,
        form_name="due_date_form",
        require=permissions.require_change,
        build_form=lambda data, followup: DueDateForm(
            data, adopted_on=followup.resolution.adopted_on
        ),
        save=lambda followup, data: services.set_due_date(
            followup=followup,
            due_date=data["due_date"],
            reason=data["reason"],
            expected_version=data["version"],
        ),
        success=_("Due date saved."),
    )


@post_or_back_to("web:followup_detail", "pk")
@login_required
@permission_required(MANAGE_FOLLOWUPS, raise_exception=True)
def followup_assign(request: HttpRequest, pk: int) -> HttpResponse:
    return _act_on_followup(
        request,
        pk,
        form_name="assignment_form",
        require=permissions.require_change,
        build_form=lambda data, followup: AssignmentForm(data),
        save=lambda followup, data: services.assign(
            followup=followup,
            lead_unit=data["lead_unit"],
            focal_point=data["focal_point"],
            expected_version=data["version"],
        ),
        success=_("Assignment saved."),
    )


@post_or_back_to("web:followup_detail", "pk")
@login_required
@permission_required(MANAGE_FOLLOWUPS, raise_exception=True)
def followup_add_dependency(request: HttpRequest, pk: int) -> HttpResponse:
    """Managers: this follow-up now waits on another (``services.add_dependency``)."""
    return _act_on_followup(
        request,
        pk,
        form_name="dependency_form",
        require=permissions.require_change,
        build_form=lambda data, followup: DependencyForm(data, followup=followup),
        save=lambda followup, data: services.add_dependency(
            followup=followup,
            waits_on=data["followup"],
            user=request.user,  # type: ignore[arg-type]  # login_required
            expected_version=data["version"],
        ),
        success=_("Dependency added."),
    )


@post_or_back_to("web:followup_detail", "pk")
@login_required
@permission_required(MANAGE_FOLLOWUPS, raise_exception=True)
def followup_remove_dependency(request: HttpRequest, pk: int, other: int) -> HttpResponse:
    """Managers: this follow-up no longer waits on follow-up ``other``."""
    awaited = selectors.followup_detail(pk=other)
    return _act_on_followup(
        request,
        pk,
        form_name="unlink_form",
        require=permissions.require_change,
        build_form=lambda data, followup: VersionForm(data, prefix="unlink"),
        save=lambda followup, data: services.remove_dependency(
            followup=followup,
            waits_on=awaited,
            user=request.user,  # type: ignore[arg-type]  # login_required
            expected_version=data["version"],
        ),
        success=_("Dependency removed."),
    )

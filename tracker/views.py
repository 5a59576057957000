"""Pages: thin views that read through selectors and write through services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    QueryDict,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tracker import exports, selectors, services
from tracker.forms import AssignmentForm, DueDateForm, ProgressForm
from tracker.models import FollowUp
from tracker.workflow import LOG_PROGRESS, MANAGE_FOLLOWUPS

# Signed in is not enough: reading needs a role (Follow-up staff, Managers).
VIEW_FOLLOWUPS = "tracker.view_followup"
VIEW_RESOLUTIONS = "resolutions.view_resolution"

PAGE_SIZE = 50


@require_GET
@login_required
@permission_required(VIEW_FOLLOWUPS, raise_exception=True)
def followup_list(request: HttpRequest) -> HttpResponse:
    filterset = selectors.followup_list(filters=request.GET)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "tracker/followup_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "today": timezone.localdate(),
        },
    )


@require_GET
@login_required
@permission_required(VIEW_FOLLOWUPS, raise_exception=True)
def followup_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The follow-up list as CSV or JSON, with the filters of the page."""
    filterset = selectors.followup_list(filters=request.GET)
    if filterset.is_bound and not filterset.is_valid():
        return HttpResponseBadRequest(filterset.errors.as_text(), content_type="text/plain")
    followups = filterset.qs
    response: HttpResponseBase
    if fmt == "json":
        response = HttpResponse(exports.as_json(followups), content_type="application/json")
    else:
        response = StreamingHttpResponse(
            exports.csv_lines(followups), content_type="text/csv; charset=utf-8"
        )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="suivi-followups-{stamp}.{fmt}"'
    return response


def _detail_context(
    request: HttpRequest,
    followup: FollowUp,
    progress_form: ProgressForm | None = None,
    due_date_form: DueDateForm | None = None,
    assignment_form: AssignmentForm | None = None,
) -> dict[str, object]:
    return {
        "assignment_form": assignment_form
        or AssignmentForm(
            initial={
                "lead_unit": followup.lead_unit_id,
                "focal_point": followup.focal_point_id,
                "version": followup.version,
            }
        ),
        "followup": followup,
        "state": followup.state(),
        "progress_form": progress_form or ProgressForm(followup=followup, user=request.user),
        "due_date_form": due_date_form
        or DueDateForm(
            initial={
                "due_date": followup.due_date if followup.due_date_source == "manual" else None,
                "reason": followup.due_date_reason,
                "version": followup.version,
            }
        ),
        "can_log": request.user.has_perm(LOG_PROGRESS),
        "can_manage": request.user.has_perm(MANAGE_FOLLOWUPS),
    }


@require_GET
@login_required
@permission_required(VIEW_FOLLOWUPS, raise_exception=True)
def followup_detail(request: HttpRequest, pk: int) -> HttpResponse:
    followup = selectors.followup_detail(pk=pk)
    return render(request, "tracker/followup_detail.html", _detail_context(request, followup))


def _with_version(request: HttpRequest, followup: FollowUp) -> QueryDict:
    """The user's input, against the version now stored, to show again after a conflict."""
    data = request.POST.copy()
    data["version"] = str(followup.version)
    return data


def _add_service_errors(
    form: ProgressForm | DueDateForm | AssignmentForm, error: ValidationError
) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_POST
@login_required
def followup_progress(request: HttpRequest, pk: int) -> HttpResponse:
    followup = selectors.followup_detail(pk=pk)
    if not request.user.has_perm(LOG_PROGRESS):
        raise PermissionDenied
    form = ProgressForm(request.POST, followup=followup, user=request.user)
    if form.is_valid():
        try:
            services.log_progress(
                followup=followup,
                author=request.user,  # type: ignore[arg-type]  # login_required
                text=form.cleaned_data["text"],
                status=form.cleaned_data["status"],
                completed_on=form.cleaned_data["completed_on"],
                output_document=form.cleaned_data["output_document"],
                expected_version=form.cleaned_data["version"],
            )
        except services.ConcurrentEdit as error:
            followup = selectors.followup_detail(pk=pk)
            form = ProgressForm(
                _with_version(request, followup), followup=followup, user=request.user
            )
            form.is_valid()
            form.add_error(
                None,
                f"{error} {_('Your text is kept below: read the log, then send it again.')}",
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("Progress recorded."))
            return redirect(followup)
    context = _detail_context(request, followup, progress_form=form)
    return render(request, "tracker/followup_detail.html", context, status=400)


@require_POST
@login_required
def followup_due_date(request: HttpRequest, pk: int) -> HttpResponse:
    followup = selectors.followup_detail(pk=pk)
    if not request.user.has_perm(MANAGE_FOLLOWUPS):
        raise PermissionDenied
    form = DueDateForm(request.POST)
    if form.is_valid():
        try:
            services.set_due_date(
                followup=followup,
                due_date=form.cleaned_data["due_date"],
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except services.ConcurrentEdit as error:
            followup = selectors.followup_detail(pk=pk)
            form = DueDateForm(_with_version(request, followup))
            form.is_valid()
            form.add_error(None, str(error))
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("Due date saved."))
            return redirect(followup)
    context = _detail_context(request, followup, due_date_form=form)
    return render(request, "tracker/followup_detail.html", context, status=400)


@require_POST
@login_required
def followup_assign(request: HttpRequest, pk: int) -> HttpResponse:
    followup = selectors.followup_detail(pk=pk)
    if not request.user.has_perm(MANAGE_FOLLOWUPS):
        raise PermissionDenied
    form = AssignmentForm(request.POST)
    if form.is_valid():
        try:
            services.assign(
                followup=followup,
                lead_unit=form.cleaned_data["lead_unit"],
                focal_point=form.cleaned_data["focal_point"],
                expected_version=form.cleaned_data["version"],
            )
        except services.ConcurrentEdit as error:
            followup = selectors.followup_detail(pk=pk)
            form = AssignmentForm(_with_version(request, followup))
            form.is_valid()
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Assignment saved."))
            return redirect(followup)
    context = _detail_context(request, followup, assignment_form=form)
    return render(request, "tracker/followup_detail.html", context, status=400)


@require_GET
@login_required
@permission_required(VIEW_RESOLUTIONS, raise_exception=True)
def resolution_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.resolution_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "tracker/resolution_list.html", {"page": page})


@require_GET
@login_required
@permission_required(VIEW_RESOLUTIONS, raise_exception=True)
def resolution_detail(request: HttpRequest, symbol: str) -> HttpResponse:
    # ?text=en or ?text=fr shows one language; otherwise every stored one, side by side.
    page = selectors.resolution_page(symbol=symbol, language=request.GET.get("text"))
    return render(request, "tracker/resolution_detail.html", {"page": page})

"""The web import: paste or upload, review side by side, edit, confirm.

Nothing is stored before confirmation: the review page carries the text and
the reviewed proposals; confirming reads the text again and stores everything
in one transaction (``services.import_resolution``).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from resolutions.importer import ParsedResolution
from resolutions.importer.source import lines as source_lines
from resolutions.models import DocumentKind
from resolutions.problems import describe
from resolutions.services import ResolutionExists
from tracker import selectors, services
from tracker.titles import series_label
from tracker.web.access import IMPORT_RESOLUTIONS, post_or_back_to
from tracker.web.import_forms import ImportTextForm, ProposalFormSet


def _proposal_count(parsed: ParsedResolution) -> int:
    """How many proposals the review offers: none when the text adds a language."""
    language = selectors.stored_language(symbol=parsed.symbol)
    if language is not None and language != parsed.language:
        return 0
    return len(parsed.mandates)


def _start_page(request: HttpRequest, form: ImportTextForm, status: int = 200) -> HttpResponse:
    context: dict[str, Any] = {"form": form}
    line = getattr(form, "error_line", None)
    source = form.data.get("text", "") if form.is_bound else ""
    if line and source:
        lines = source_lines(source)
        first = max(line - 3, 1)
        context["excerpt"] = list(enumerate(lines[first - 1 : line + 2], start=first))
        context["error_line"] = line
    return render(request, "web/imports/start.html", context, status=status)


def _proposal_values(proposal_form: Any) -> dict[str, Any]:
    """What the proposal says now: its cleaned values, or the proposed ones while unsent
    or invalid."""
    if proposal_form.is_bound and proposal_form.is_valid():
        return dict(proposal_form.cleaned_data)
    return {
        name: proposal_form.initial.get(name)
        for name in ("kind", "session_body", "session_number", "mandate_order")
    }


def _series_labels(parsed: ParsedResolution) -> dict[int, str]:
    """Where each mandate of a series stands in it ("annual series, 2 of 3"), by its
    position in ``parsed.mandates``; a mandate in no series has no entry."""
    counts = Counter(m.series for m in parsed.mandates if m.series is not None)
    return {
        order: series_label(
            periodicity=mandate.periodicity,
            occurrence=mandate.occurrence,
            count=counts[mandate.series],
        )
        for order, mandate in enumerate(parsed.mandates)
        if mandate.series is not None
    }


def _share_unit_choices(formset: Any) -> None:
    """Every proposal's lead-unit select lists the units read once, not once per proposal."""
    if formset.forms:
        # iter(): listing the iterator itself would count the units first, a query more.
        choices = list(iter(formset.forms[0].fields["lead_unit"].choices))
        for proposal_form in formset.forms:
            proposal_form.fields["lead_unit"].choices = choices


def _review_page(
    request: HttpRequest,
    form: ImportTextForm,
    formset: Any,
    status: int = 200,
) -> HttpResponse:
    parsed = form.parsed
    stored_language = selectors.stored_language(symbol=parsed.symbol)
    values = [_proposal_values(proposal_form) for proposal_form in formset.forms]
    _share_unit_choices(formset)
    labels = _series_labels(parsed)
    rows = [
        {
            "form": proposal_form,
            "series": labels.get(value.get("mandate_order", -1)),
            **row.__dict__,
        }
        for proposal_form, value, row in zip(
            formset.forms,
            values,
            selectors.import_review_rows(parsed=parsed, proposals=values),
            strict=True,
        )
    ]
    return render(
        request,
        "web/imports/review.html",
        {
            "form": form,
            "parsed": parsed,
            "kind_label": DocumentKind(parsed.kind).label,
            "source_lines": source_lines(form.source),
            "formset": formset,
            "rows": rows,
            "warnings": [(problem.line, describe(problem)) for problem in parsed.warnings],
            "stored": stored_language is not None,
            "adds_language": stored_language not in (None, parsed.language),
        },
        status=status,
    )


@require_GET
@login_required
@permission_required(IMPORT_RESOLUTIONS, raise_exception=True)
def import_start(request: HttpRequest) -> HttpResponse:
    return _start_page(request, ImportTextForm())


@post_or_back_to("web:import_start")
@login_required
@permission_required(IMPORT_RESOLUTIONS, raise_exception=True)
def import_review(request: HttpRequest) -> HttpResponse:
    """Read the text and show what Suivi understood, with editable proposals."""
    form = ImportTextForm(request.POST, request.FILES)
    if not form.is_valid():
        return _start_page(request, form, status=400)
    count = _proposal_count(form.parsed)
    if "form-TOTAL_FORMS" in request.POST:  # "Recalculate": keep the edits
        formset = ProposalFormSet(request.POST, mandate_count=count)
        formset.is_valid()
    else:
        formset = ProposalFormSet(
            mandate_count=count,
            initial=[
                {**proposal.__dict__, "keep": True}
                for proposal in services.proposals_for(form.parsed)[:count]
            ],
        )
    return _review_page(request, form, formset)


@post_or_back_to("web:import_start")
@login_required
@permission_required(IMPORT_RESOLUTIONS, raise_exception=True)
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Store the reviewed import in one transaction, or show what is wrong."""
    form = ImportTextForm(request.POST)
    if not form.is_valid():
        return _start_page(request, form, status=400)
    formset = ProposalFormSet(request.POST, mandate_count=_proposal_count(form.parsed))
    if not formset.is_valid():
        return _review_page(request, form, formset, status=400)
    try:
        outcome = services.import_resolution(
            parsed=form.parsed,
            source_text=form.source,
            proposals=formset.kept(),
            replace=form.cleaned_data["replace"],
        )
    except ResolutionExists as error:
        form.add_error("replace", str(error))
        return _review_page(request, form, formset, status=400)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return _review_page(request, form, formset, status=400)
    if outcome.translation is not None:
        messages.success(
            request,
            _("The %(language)s text was added to %(symbol)s.")
            % {
                "language": outcome.translation.get_language_display(),
                "symbol": outcome.resolution.symbol,
            },
        )
    elif outcome.created:
        messages.success(request, _("%(symbol)s imported.") % {"symbol": outcome.resolution.symbol})
    else:
        messages.success(request, _("%(symbol)s replaced.") % {"symbol": outcome.resolution.symbol})
    for change in outcome.changes:
        messages.info(request, change)
    return redirect("web:resolution_detail", symbol=outcome.resolution.symbol)

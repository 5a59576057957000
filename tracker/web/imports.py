"""The web import: paste or upload, review side by side, edit, confirm.

Nothing is stored before confirmation: the review page carries the text and
the reviewed proposals; confirming reads the text again and stores everything
in one transaction (``services.import_resolution``).
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from resolutions.importer import ParsedResolution
from resolutions.importer.source import lines as source_lines
from resolutions.models import DocumentKind
from resolutions.problems import describe
from resolutions.selectors import dropped_mandate_orders
from resolutions.services import ResolutionExists
from tracker import selectors, services
from tracker.titles import series_label
from tracker.web.access import IMPORT_RESOLUTIONS, post_or_back_to
from tracker.web.import_forms import (
    ImportTextForm,
    ProposalFormSet,
    max_proposals,
    too_long_message,
)
from tracker.web.limits import too_large_page

# A run of this many blank lines or more is shown as one line of the source view.
BLANK_RUN = 3


def _adds_language(form: ImportTextForm) -> bool:
    return form.stored_language not in (None, form.parsed.language)


def _proposal_count(form: ImportTextForm) -> int:
    """How many proposals the review offers: none when the text adds a language, and
    no more than a review page can send back (``max_proposals``)."""
    if _adds_language(form):
        return 0
    return min(len(form.parsed.mandates), max_proposals())


@dataclass(frozen=True)
class SourceView:
    """The pasted text as the review shows it: one numbered item per line, each with
    the anchor ``L<number>`` that warnings link to, except that a run of
    ``BLANK_RUN`` blank lines or more is one item ("lines 5 to 900,004 are
    blank"), anchored at its first line. So the page's size follows the text's
    words, not its blank lines (a paste of 900,000 of them made a 20 MB page)."""

    html: SafeString
    runs: tuple[tuple[int, int], ...]  # (first, last) line of each collapsed run

    def anchor(self, line: int) -> int:
        """The line whose anchor shows ``line``: itself, or the first of its run."""
        index = bisect.bisect_right(self.runs, (line, line)) - 1
        if index >= 0 and self.runs[index][0] <= line <= self.runs[index][1]:
            return self.runs[index][0]
        return line


def source_view(text: str) -> SourceView:
    """``SourceView`` of ``text``, numbered as the importer numbers lines (``source.lines``).

    Built here rather than by a template loop: the view costs one short string
    per line shown, each line escaped.
    """
    lines = source_lines(text)
    items: list[str] = []
    runs: list[tuple[int, int]] = []
    after_run = False
    index = 0  # lines[index] is line index + 1
    while index < len(lines):
        end = index
        while end < len(lines) and not lines[end].strip():
            end += 1
        if end - index >= BLANK_RUN:  # lines index+1 to end are blank
            runs.append((index + 1, end))
            label = _("lines %(first)s to %(last)s are blank") % {"first": index + 1, "last": end}
            items.append(
                f'<li class="blank-run" id="L{index + 1}" value="{index + 1}">{escape(label)}</li>'
            )
            index, after_run = end, True
            continue
        value = f' value="{index + 1}"' if after_run else ""
        items.append(f'<li id="L{index + 1}"{value}>{escape(lines[index])}</li>')
        index, after_run = index + 1, False
    return SourceView(html=mark_safe("".join(items)), runs=tuple(runs))  # each line escaped


def _start_page(
    request: HttpRequest, form: ImportTextForm, status: int = 200, refusal: str = ""
) -> HttpResponse:
    """The import page; ``refusal`` says why a request that no form could read was refused."""
    context: dict[str, Any] = {"form": form, "refusal": refusal}
    line = form.error_line if form.is_bound else None
    source = form.data.get("text", "") if form.is_bound else ""
    if line and source:
        lines = source_lines(source)
        first = max(line - 3, 1)
        context["excerpt"] = list(enumerate(lines[first - 1 : line + 2], start=first))
        context["error_line"] = line
    return render(request, "web/imports/start.html", context, status=status)


def _too_large(request: HttpRequest) -> HttpResponse:
    """A review or confirmation larger than Django reads: the import page with the limit,
    for those who may import (others get the plain 413 page)."""
    if not request.user.has_perm(IMPORT_RESOLUTIONS):
        return too_large_page(request)
    return _start_page(request, ImportTextForm(), status=413, refusal=too_long_message())


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
    values = [_proposal_values(proposal_form) for proposal_form in formset.forms]
    _share_unit_choices(formset)
    labels = _series_labels(parsed)
    source = source_view(form.source)
    dropped: set[int] = getattr(formset, "dropped_before", set())
    rows = [
        {
            "form": proposal_form,
            "series": labels.get(value.get("mandate_order", -1)),
            "dropped_before": value.get("mandate_order") in dropped,
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
            "source": source,
            "formset": formset,
            "rows": rows,
            "warnings": [
                (
                    problem.line,
                    source.anchor(problem.line) if problem.line else None,
                    describe(problem),
                )
                for problem in parsed.warnings
            ],
            "stored": form.stored_language is not None,
            "adds_language": _adds_language(form),
            # More deliverables than a review page can carry: the first are proposed.
            "unproposed": 0
            if _adds_language(form)
            else len(parsed.mandates) - formset.mandate_count,
            "max_proposals": max_proposals(),
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
    count = _proposal_count(form)
    # Proposals staff dropped when the resolution was last imported start unticked.
    dropped = (
        dropped_mandate_orders(parsed=form.parsed)
        if form.stored_language == form.parsed.language
        else set()
    )
    if "form-TOTAL_FORMS" in request.POST:  # "Recalculate": keep the edits
        formset = ProposalFormSet(request.POST, mandate_count=count)
        formset.is_valid()
    else:
        formset = ProposalFormSet(
            mandate_count=count,
            initial=[
                {**proposal.__dict__, "keep": proposal.mandate_order not in dropped}
                for proposal in services.proposals_for(form.parsed)[:count]
            ],
        )
    formset.dropped_before = dropped
    return _review_page(request, form, formset)


@post_or_back_to("web:import_start")
@login_required
@permission_required(IMPORT_RESOLUTIONS, raise_exception=True)
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Store the reviewed import in one transaction, or show what is wrong."""
    form = ImportTextForm(request.POST)
    if not form.is_valid():
        return _start_page(request, form, status=400)
    formset = ProposalFormSet(request.POST, mandate_count=_proposal_count(form))
    if not formset.is_valid():
        return _review_page(request, form, formset, status=400)
    try:
        outcome = services.import_resolution(
            parsed=form.parsed,
            source_text=form.source,
            proposals=formset.kept(),
            dropped=formset.dropped(),
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


# Django refuses a review larger than DATA_UPLOAD_MAX_MEMORY_SIZE before these views
# run: tracker.web.limits answers with the import page and the limit.
import_review.request_too_large = _too_large  # type: ignore[attr-defined]
import_confirm.request_too_large = _too_large  # type: ignore[attr-defined]

"""The units page, for administrators: every unit with its members, and the
forms that add or remove one.

Membership decides what editors may update (``tracker.permissions``), so
only those who may change units (administrators) open it. Writes go through
``services.add_unit_member`` / ``remove_unit_member``: idempotent (sending a
form twice, or two administrators sending the same one, changes nothing the
second time) and recorded in the unit's history, which the page lists.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from tracker import selectors, services
from tracker.models import Unit
from tracker.web.access import MANAGE_UNITS, post_or_back_to


class MemberForm(forms.Form):
    """Add one person to a unit: the active people not in it yet (``choices``)."""

    person = forms.TypedChoiceField(
        label=gettext_lazy("Add a member"),
        coerce=int,
        error_messages={
            "invalid_choice": gettext_lazy(
                "Choose one of the people offered: active accounts not in this unit yet."
            ),
            "required": gettext_lazy("Choose the person to add."),
        },
    )

    def __init__(self, *args: Any, unit: Unit, choices: Any, **kwargs: Any) -> None:
        # Each unit's form on the page has its own field names and ids.
        kwargs["prefix"] = f"unit{unit.pk}"
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("— choose —")), *choices]


def _unit_anchor(unit: Unit) -> str:
    return f"{reverse('web:unit_list')}#unit-{unit.pk}"


def _page(
    request: HttpRequest, bound: MemberForm | None = None, *, status: int = 200
) -> HttpResponse:
    rows = selectors.unit_rows()
    forms_by_unit = {
        row.unit.pk: (
            bound
            if bound is not None and bound.prefix == f"unit{row.unit.pk}"
            else MemberForm(unit=row.unit, choices=row.candidates)
        )
        for row in rows
    }
    return render(
        request,
        "web/units/list.html",
        {
            "rows": [(row, forms_by_unit[row.unit.pk]) for row in rows],
            "changes": selectors.membership_changes(),
        },
        status=status,
    )


@require_GET
@login_required
@permission_required(MANAGE_UNITS, raise_exception=True)
def unit_list(request: HttpRequest) -> HttpResponse:
    """Every unit, its members (with their roles) and the latest changes of members."""
    return _page(request)


@post_or_back_to("web:unit_list")
@login_required
@permission_required(MANAGE_UNITS, raise_exception=True)
def unit_add_member(request: HttpRequest, pk: int) -> HttpResponse:
    """Add the chosen person to unit ``pk``; the page again with the error if the
    choice is not one offered (a forged or stale id)."""
    unit = get_object_or_404(Unit, pk=pk)
    form = MemberForm(request.POST, unit=unit, choices=selectors.unit_candidates(unit))
    if not form.is_valid():
        return _page(request, form, status=400)
    person = get_user_model().objects.get(pk=form.cleaned_data["person"])
    try:
        added = services.add_unit_member(unit=unit, person=person, by=cast(User, request.user))
    except ValidationError as error:
        form.add_error("person", error.message_dict.get("person", error.messages))
        return _page(request, form, status=400)
    template = (
        _("%(person)s is now a member of %(unit)s.")
        if added
        else _("%(person)s was already a member of %(unit)s.")
    )
    messages.success(request, template % {"person": selectors.person_label(person), "unit": unit})
    return redirect(_unit_anchor(unit))


@post_or_back_to("web:unit_list")
@login_required
@permission_required(MANAGE_UNITS, raise_exception=True)
def unit_remove_member(request: HttpRequest, pk: int, person: int) -> HttpResponse:
    """Take person ``person`` out of unit ``pk`` (nothing to do if they already left)."""
    unit = get_object_or_404(Unit, pk=pk)
    member = get_object_or_404(get_user_model(), pk=person)
    removed = services.remove_unit_member(unit=unit, person=member, by=cast(User, request.user))
    template = (
        _("%(person)s is no longer a member of %(unit)s.")
        if removed
        else _("%(person)s was not a member of %(unit)s.")
    )
    messages.success(request, template % {"person": selectors.person_label(member), "unit": unit})
    return redirect(_unit_anchor(unit))

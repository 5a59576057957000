"""The follow-up page's forms, and the date field every form of the site uses.

The page's forms share one page: each has its own ``prefix``, so its field
names and ids (``progress-text``, ``id_progress-text``) never collide.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tracker.dates import IsoDateInput, validate_plausible_year
from tracker.filters import PersonChoiceField, focal_point_choices
from tracker.models import FollowUp, Status, Unit
from tracker.services import before_adoption
from tracker.workflow import allowed_moves


class DateField(forms.DateField):
    """The site's date field: an ISO date picker, and only plausible dates
    (``tracker.dates``). Use it for every date a form asks for."""

    widget = IsoDateInput
    default_validators = [validate_plausible_year]


class ProgressForm(forms.Form):
    prefix = "progress"

    text = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=10_000,
    )
    status = forms.ChoiceField(label=_("Status"), choices=())
    completed_on = DateField(
        label=_("Completed on"),
        required=False,
        help_text=_("When the follow-up is done; today if left empty."),
    )
    output_document = forms.CharField(
        label=_("Output document"),
        required=False,
        max_length=60,
        help_text=_("Symbol of the report or other document, e.g. A/HRC/52/21."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, followup: FollowUp, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "status": followup.status,
                "output_document": followup.output_document,
                "completed_on": followup.completed_on,
                "version": followup.version,
            },
        )
        super().__init__(*args, **kwargs)
        current = Status(followup.status)
        # Only the changes the workflow allows this user on this follow-up; a
        # forged value fails validation.
        targets = [current, *allowed_moves(followup, user=user)]
        status_field = self.fields["status"]
        assert isinstance(status_field, forms.ChoiceField)
        status_field.choices = [(s.value, s.label.capitalize()) for s in targets]


class StatusForm(forms.Form):
    """One of the follow-up page's status buttons: a move to ``status``, from ``version``."""

    prefix = "status"

    status = forms.ChoiceField(label=_("Status"), choices=())
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, followup: FollowUp, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        status_field = self.fields["status"]
        assert isinstance(status_field, forms.ChoiceField)
        status_field.choices = [(s.value, s.label) for s in allowed_moves(followup, user=user)]


# What each status button says, by (current status, target): the move as people name it.
STATUS_BUTTONS = {
    (Status.NOT_STARTED, Status.IN_PROGRESS): _("Mark in progress"),
    (Status.NOT_STARTED, Status.DONE): _("Mark done"),
    (Status.IN_PROGRESS, Status.DONE): _("Mark done"),
    (Status.IN_PROGRESS, Status.NOT_STARTED): _("Mark not started"),
    (Status.NOT_STARTED, Status.CANCELLED): _("Cancel"),
    (Status.IN_PROGRESS, Status.CANCELLED): _("Cancel"),
    (Status.DONE, Status.IN_PROGRESS): _("Reopen"),
    (Status.CANCELLED, Status.NOT_STARTED): _("Reopen"),
}


class DueDateForm(forms.Form):
    prefix = "due"

    due_date = DateField(
        label=_("Due date"),
        required=False,
        help_text=_("Leave empty to go back to the date derived from the session calendar."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=255,
        help_text=_("Required with a due date set by hand."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, adopted_on: datetime.date | None = None, **kwargs: Any) -> None:
        """``adopted_on``: the resolution's adoption, before which a date needs a reason."""
        super().__init__(*args, **kwargs)
        self.adopted_on = adopted_on
        # Required with a date, so not marked "(optional)" (see web/forms/field.html).
        self.fields["reason"].conditionally_required = True  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        reason = data.get("reason") or ""
        if data.get("due_date") and not reason.strip():
            self.add_error("reason", _("Say why the due date is set by hand."))
            too_early = before_adoption(
                due_date=data["due_date"], adopted_on=self.adopted_on, reason=reason
            )
            if too_early:
                self.add_error("due_date", too_early)
        return data


class AssignmentForm(forms.Form):
    prefix = "assign"

    lead_unit = forms.ModelChoiceField(
        label=_("Lead unit"), required=False, queryset=Unit.objects.all()
    )
    # Only people who can open the follow-up (``permissions.readers``): a focal
    # point without a role could not open what they answer for. A forged id
    # is refused with this message, and ``services.assign`` checks again.
    focal_point = PersonChoiceField(
        label=_("Focal point"),
        required=False,
        queryset=focal_point_choices(),
        error_messages={
            "invalid_choice": _(
                "Choose one of the people offered: only someone who can open "
                "follow-ups can be a focal point."
            )
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class FollowUpChoiceField(forms.ModelChoiceField[FollowUp]):
    """A follow-up chosen by its number and title ("#12 Meeting for session 49")."""

    def label_from_instance(self, obj: FollowUp) -> str:
        return f"#{obj.pk} {obj.display_title}"


class DependencyForm(forms.Form):
    """Make a follow-up wait on another: one of the same resolution, or any by number."""

    prefix = "waits"

    waits_on = FollowUpChoiceField(
        label=_("Follow-up of the same resolution"),
        required=False,
        queryset=FollowUp.objects.none(),
    )
    number = forms.IntegerField(
        label=_("Or its number"),
        required=False,
        min_value=1,
        help_text=_("The number shown in the follow-up's address: /followups/12/."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, followup: FollowUp, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["waits_on"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            FollowUp.objects.filter(resolution_id=followup.resolution_id)
            .exclude(pk=followup.pk)
            .exclude(pk__in=[f.pk for f in followup.waits_on.all()])
            .order_by("pk")
        )
        field.empty_label = _("— choose —")
        # One of the two is required: neither is marked "(optional)".
        for name in ("waits_on", "number"):
            self.fields[name].conditionally_required = True  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen, number = data.get("waits_on"), data.get("number")
        if chosen is not None and number is not None and chosen.pk != number:
            raise ValidationError(_("Choose a follow-up or type its number, not both."))
        if chosen is None and number is not None:
            chosen = FollowUp.objects.filter(pk=number).first()
            if chosen is None:
                self.add_error("number", _("There is no follow-up with this number."))
        elif chosen is None and "waits_on" not in self.errors and "number" not in self.errors:
            self.add_error("waits_on", _("Choose the follow-up this one waits on."))
        data["followup"] = chosen
        return data


class VersionForm(forms.Form):
    """A button that acts on a follow-up as the page showed it: only its ``version``."""

    version = forms.IntegerField(widget=forms.HiddenInput)

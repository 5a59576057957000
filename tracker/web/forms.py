from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from tracker.models import FollowUp, Status, Unit
from tracker.workflow import allowed_targets

# The three forms share the follow-up page: each has its own ``prefix``, so its
# field names and ids (``progress-text``, ``id_progress-text``) never collide.


class ProgressForm(forms.Form):
    prefix = "progress"

    text = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=10_000,
    )
    status = forms.ChoiceField(label=_("Status"), choices=())
    completed_on = forms.DateField(
        label=_("Completed on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
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
        # Only the changes the workflow allows this user; a forged value fails validation.
        targets = [current, *allowed_targets(followup.status, user=user)]
        status_field = self.fields["status"]
        assert isinstance(status_field, forms.ChoiceField)
        status_field.choices = [(s.value, s.label) for s in targets]


class DueDateForm(forms.Form):
    prefix = "due"

    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty to go back to the date derived from the session calendar."),
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=255)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("due_date") and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the due date is set by hand."))
        return data


class AssignmentForm(forms.Form):
    prefix = "assign"

    lead_unit = forms.ModelChoiceField(
        label=_("Lead unit"), required=False, queryset=Unit.objects.all()
    )
    focal_point = forms.ModelChoiceField(
        label=_("Focal point"),
        required=False,
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

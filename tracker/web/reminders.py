"""A person's reminder choices: the "Reminders" section of their page (``/me/``)
and the form it posts to (``/me/reminders/``).

Writes through ``tracker.services.set_reminder_settings``. A form with an
error is shown again on a page of its own, with what was typed; a saved one
leads back to the person's page.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from tracker import reminders, services

_SECTION = "#reminders"


class ReminderSettingsForm(forms.Form):
    enabled = forms.BooleanField(label=_("Send me deadline reminders by e-mail"), required=False)
    thresholds = forms.CharField(
        label=_("Days before a due date"),
        required=False,
        max_length=200,
        help_text=_(
            "Numbers of days from 0 to 365, separated by commas: 0 is the due date "
            "itself. Leave empty for the site's choice (%(default)s)."
        ),
    )
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["thresholds"].help_text = self.fields["thresholds"].help_text % {
            "default": ", ".join(str(day) for day in reminders.default_thresholds())
        }

    def clean_thresholds(self) -> list[int]:
        text = self.cleaned_data["thresholds"]
        days = []
        for item in text.replace(";", ",").split(","):
            if not item.strip():
                continue
            try:
                days.append(int(item.strip()))
            except ValueError:
                raise ValidationError(
                    _("“%(item)s” is not a whole number of days."),
                    code="not_a_number",
                    params={"item": item.strip()},
                ) from None
        try:
            return services.clean_thresholds(days)
        except ValidationError as error:
            raise ValidationError(error.message_dict["thresholds"]) from None


def reminder_form(user: User) -> ReminderSettingsForm:
    """The form with ``user``'s current choices (one query)."""
    own = reminders.settings_of(user)
    return ReminderSettingsForm(
        initial={
            "enabled": own.enabled if own else True,
            "thresholds": ", ".join(str(day) for day in reminders.thresholds_for(own)),
            "language": own.language if own else settings.LANGUAGE_CODE,
        }
    )


@require_http_methods(["GET", "POST"])
@login_required
def reminder_settings(request: HttpRequest) -> HttpResponse:
    """Show (GET) or save (POST) the signed-in person's reminder choices."""
    user = cast(User, request.user)
    if request.method == "GET":
        form = reminder_form(user)
        return render(request, "web/account/reminders.html", {"reminder_form": form})
    form = ReminderSettingsForm(request.POST)
    if form.is_valid():
        try:
            services.set_reminder_settings(
                user=user,
                enabled=form.cleaned_data["enabled"],
                thresholds=form.cleaned_data["thresholds"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("Your reminder choices are saved."))
            return redirect(reverse("web:account") + _SECTION)
    return render(request, "web/account/reminders.html", {"reminder_form": form}, status=400)

"""The dates a person can type anywhere in Suivi: a plausible year, an ISO picker.

Shared by the website's forms (``tracker.web.forms``) and the follow-up
list's filters (``tracker.filters``), so that the domain never imports the
website to check a date.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The years a date of the site can fall in: the United Nations' first year of work
# (the General Assembly first met in January 1946) to well past any session planned.
FIRST_YEAR = 1946
LAST_YEAR = 2100


def validate_plausible_year(value: datetime.date) -> None:
    """Refuse a date outside ``FIRST_YEAR``–``LAST_YEAR``: almost always a typing
    mistake (a two-digit year, a day typed into the year). Raises ``ValidationError``
    (code ``implausible_date``)."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Enter a date between %(first)s and %(last)s."),
            code="implausible_date",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


class IsoDateInput(forms.DateInput):
    """A browser date picker whose value is always ISO (``2026-12-15``), whatever the
    language: a date input shows nothing for "15/12/2026", and a form sent from an
    empty field would silently clear the stored date. Its ``min`` and ``max`` are
    ``FIRST_YEAR``–``LAST_YEAR``."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={"min": f"{FIRST_YEAR}-01-01", "max": f"{LAST_YEAR}-12-31", **(attrs or {})},
            format="%Y-%m-%d",
        )

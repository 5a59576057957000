"""The dates a person can type anywhere in Suivi: a plausible year, an ISO picker.

Shared by the website's forms (``tracker.web.forms``) and the follow-up
list's filters (``tracker.filters``), so that the domain never imports the
website to check a date.
"""

from __future__ import annotations

from typing import Any

from django import forms

# The bounds and their check live with the registry, whose models validate
# their dates with them; re-exported here for the website's forms and filters.
from resolutions.dates import FIRST_YEAR, LAST_YEAR, validate_plausible_year

__all__ = ["FIRST_YEAR", "LAST_YEAR", "IsoDateInput", "validate_plausible_year"]


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

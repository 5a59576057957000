"""The years a date of Suivi may fall in, checked wherever a date is stored.

The registry's sessions, adoption dates and closure days carry this check as
a model validator (every service calls ``full_clean()``), so that no form,
import or forged request stores a session on 0001-01-01; the tracker's forms
and filters read the same bounds through ``tracker.dates``.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The United Nations' first year of work (the General Assembly first met in
# January 1946) to well past any session planned.
FIRST_YEAR = 1946
LAST_YEAR = 2100


def is_plausible(value: datetime.date) -> bool:
    """Whether ``value`` falls in ``FIRST_YEAR``–``LAST_YEAR``, the one rule of a
    plausible date (forms refuse others; due dates are not derived from them)."""
    return FIRST_YEAR <= value.year <= LAST_YEAR


def validate_plausible_year(value: datetime.date) -> None:
    """Refuse a date outside ``FIRST_YEAR``–``LAST_YEAR``: almost always a typing
    mistake (a two-digit year, a day typed into the year). Raises ``ValidationError``
    (code ``implausible_date``)."""
    if not is_plausible(value):
        raise ValidationError(
            _("Enter a date between %(first)s and %(last)s."),
            code="implausible_date",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )

"""The titles Suivi gives follow-ups it proposes, in any language of the site.

A generated title is stored (``FollowUp.title``, in ``LANGUAGE_CODE``, so that
search, exports and the admin read one plain column) together with what it
was made from (``FollowUp.title_parts``). Until staff rename it, pages show it
in the reader's language, made again from those parts; once renamed, the
stored title is shown as typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NotRequired, TypedDict

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from resolutions.models import Body, MandateKind


class TitleParts(TypedDict):
    """What a generated title says: the kind of mandate (a ``MandateKind`` value),
    the session number it is for (or None), its body (a ``Body`` value), the
    operative paragraph number and the resolution's number ("46/13").
    ``numbered`` is stored (False) only for a paragraph printed without a
    number, which the title does not name: "Report for session 60 (60/1)"."""

    kind: str
    session: int | None
    body: str
    paragraph: int
    symbol: str
    numbered: NotRequired[bool]


def generated_title(parts: TitleParts, *, language: str | None = None) -> str:
    """The title made from ``parts`` in ``language`` (default: the active one).

    "Report for session 52 (46/13, OP8)" / "Rapport pour la session 52 (46/13, OP8)".
    """
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        labels: dict[str, str] = {
            MandateKind.MEETING: _("Meeting"),
            MandateKind.REPORT: _("Report"),
            MandateKind.ORAL_UPDATE: _("Oral update"),
            MandateKind.RESOURCES: _("Resources"),
            MandateKind.OTHER: _("Request"),
        }
        values = {
            "kind": labels.get(parts["kind"], _("Request")),
            "session": parts["session"],
            "symbol": parts["symbol"],
            "paragraph": parts["paragraph"],
        }
        if not parts.get("numbered", True):
            return _unnumbered_title(parts, values)
        if parts["session"] is None:
            return _("%(kind)s (%(symbol)s, OP%(paragraph)s)") % values
        if parts["body"] == Body.GA:
            return (
                _(
                    "%(kind)s for the General Assembly, session %(session)s "
                    "(%(symbol)s, OP%(paragraph)s)"
                )
                % values
            )
        return _("%(kind)s for session %(session)s (%(symbol)s, OP%(paragraph)s)") % values


def _unnumbered_title(parts: TitleParts, values: Mapping[str, object]) -> str:
    """The title of a mandate from a paragraph printed without a number: no "OP"."""
    if parts["session"] is None:
        return _("%(kind)s (%(symbol)s)") % values
    if parts["body"] == Body.GA:
        return _("%(kind)s for the General Assembly, session %(session)s (%(symbol)s)") % values
    return _("%(kind)s for session %(session)s (%(symbol)s)") % values


def shown_title(title: str, parts: TitleParts | None, *, language: str | None = None) -> str:
    """``title`` as a page in ``language`` shows it: the generated title in that
    language while ``title`` is still the one generated from ``parts`` in the site's
    language (``LANGUAGE_CODE``), else ``title`` as staff typed it."""
    if not parts:
        return title
    try:
        if title != generated_title(parts, language=settings.LANGUAGE_CODE):
            return title
        return generated_title(parts, language=language)
    except (KeyError, TypeError, ValueError):  # parts from an older shape: show what is stored
        return title


def series_label(*, periodicity: str, occurrence: int, count: int) -> str:
    """Where a follow-up of a recurring mandate stands in its series, in the active
    language: "annual series, 2 of 3" / "série annuelle, 2 sur 3".

    ``periodicity`` is ``Mandate.periodicity`` ("annual", "biennial", … or ""
    for sessions the text lists without saying how often: "series, 2 of 2").
    """
    templates: dict[str, str] = {
        "annual": _("annual series, %(occurrence)s of %(count)s"),
        "biennial": _("biennial series, %(occurrence)s of %(count)s"),
        "triennial": _("triennial series, %(occurrence)s of %(count)s"),
        "quadrennial": _("quadrennial series, %(occurrence)s of %(count)s"),
    }
    template = templates.get(periodicity) or _("series, %(occurrence)s of %(count)s")
    return template % {"occurrence": occurrence, "count": count}

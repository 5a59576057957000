"""The titles Suivi gives follow-ups it proposes, in any language of the site.

A generated title is stored (``FollowUp.title``, in ``LANGUAGE_CODE``, so that
search, exports and the admin read one plain column) together with what it
was made from (``FollowUp.title_parts``). Until staff rename it, pages show it
in the reader's language, made again from those parts; once renamed, the
stored title is shown as typed.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
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


@dataclass(frozen=True)
class _Wording:
    """The words of generated titles in one language: the kinds' names, and the
    templates by whether the paragraph is numbered and where the session is
    ("none", "ga", "hrc")."""

    kinds: Mapping[str, str]
    request: str
    templates: Mapping[tuple[bool, str], str]


@functools.cache
def _wording(language: str) -> _Wording:
    """``_Wording`` in ``language``, translated once: a download makes 20,000
    titles, and a gettext call costs more than the rest of a title."""
    with translation.override(language):
        return _Wording(
            kinds={
                MandateKind.MEETING: _("Meeting"),
                MandateKind.REPORT: _("Report"),
                MandateKind.ORAL_UPDATE: _("Oral update"),
                MandateKind.RESOURCES: _("Resources"),
                MandateKind.OTHER: _("Request"),
            },
            request=_("Request"),
            templates={
                (True, "none"): _("%(kind)s (%(symbol)s, OP%(paragraph)s)"),
                (True, "ga"): _(
                    "%(kind)s for the General Assembly, session %(session)s "
                    "(%(symbol)s, OP%(paragraph)s)"
                ),
                (True, "hrc"): _("%(kind)s for session %(session)s (%(symbol)s, OP%(paragraph)s)"),
                # A paragraph printed without a number: no "OP".
                (False, "none"): _("%(kind)s (%(symbol)s)"),
                (False, "ga"): _(
                    "%(kind)s for the General Assembly, session %(session)s (%(symbol)s)"
                ),
                (False, "hrc"): _("%(kind)s for session %(session)s (%(symbol)s)"),
            },
        )


def generated_title(parts: TitleParts, *, language: str | None = None) -> str:
    """The title made from ``parts`` in ``language`` (default: the active one).

    "Report for session 52 (46/13, OP8)" / "Rapport pour la session 52 (46/13, OP8)".
    """
    wording = _wording(language or translation.get_language() or settings.LANGUAGE_CODE)
    values = {
        "kind": wording.kinds.get(parts["kind"], wording.request),
        "session": parts["session"],
        "symbol": parts["symbol"],
        "paragraph": parts["paragraph"],
    }
    place = "none" if parts["session"] is None else "ga" if parts["body"] == Body.GA else "hrc"
    return wording.templates[(bool(parts.get("numbered", True)), place)] % values


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

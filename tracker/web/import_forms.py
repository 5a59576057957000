"""Forms of the web import: the text to read, then the proposed follow-ups to keep."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from resolutions.importer import ImporterError, ParsedResolution
from resolutions.importer.pipeline import MAX_TEXT_CHARS
from resolutions.importer.source import decode
from resolutions.models import Actor, Body, MandateKind
from resolutions.problems import describe_with_line
from resolutions.selectors import read_resolution_text
from resolutions.services import storage_problems
from tracker import selectors
from tracker.models import Unit
from tracker.services import Proposal

# A long resolution is about 100 KB; anything far beyond is not one resolution.
# The text itself is read up to the importer's limit (MAX_TEXT_CHARS characters).
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def too_long_message() -> str:
    """The one message of a text too long to import, however it came: pasted, uploaded,
    or refused by Django before any form saw it (``tracker.web.limits``)."""
    return gettext(
        "The text is too long for one resolution: Suivi reads at most %(characters)s "
        "characters, or a file of at most %(megabytes)s MB."
    ) % {
        "characters": number_format(MAX_TEXT_CHARS, force_grouping=True),
        "megabytes": MAX_UPLOAD_BYTES // (1024 * 1024),
    }


class ImportTextForm(forms.Form):
    # No max_length: a browser would cut a longer paste silently at the limit,
    # and the form would then speak twice; clean() says it once.
    text = forms.CharField(
        label=_("Text of the resolution"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
        help_text=_("Paste it from the PDF or the web page, in English or in French."),
    )
    file = forms.FileField(
        label=_("Or a text file"),
        required=False,
        help_text=_("A .txt file in UTF-8."),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Detect from the text")), ("en", _("English")), ("fr", _("French"))],
    )
    replace = forms.BooleanField(
        label=_("Replace the stored text if this resolution is already in Suivi"),
        required=False,
        help_text=_("Follow-ups and their progress are kept, linked by paragraph number."),
    )

    add_anyway = forms.BooleanField(
        label=_("Add this text although it differs from the stored one"),
        required=False,
    )

    parsed: ParsedResolution
    source: str
    # How a text in another language differs from the stored document (see
    # ``selectors.differences_from_stored``); confirming needs ``add_anyway``.
    differences: list[str]
    # The language the resolution is stored in, None if it is not stored.
    stored_language: str | None = None
    # The line of the first error, which the page shows in context.
    error_line: int | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:  # a field's own error (a NUL byte, an unknown language) says it all
            return data
        upload = data.get("file")
        text = data.get("text") or ""
        if upload is not None and text.strip():
            raise ValidationError(_("Paste a text or choose a file, not both."))
        field = "file" if upload is not None else "text"
        if (upload is not None and upload.size > MAX_UPLOAD_BYTES) or len(text) > MAX_TEXT_CHARS:
            self.add_error(field, too_long_message())
            return data
        if upload is None and not text.strip():
            self.add_error("text", _("Paste the text of a resolution, or choose a file."))
            return data
        try:
            if upload is not None:
                text = decode(upload.read())
            if len(text) > MAX_TEXT_CHARS:
                self.add_error(field, too_long_message())
                return data
            self.parsed = read_resolution_text(text=text, language=data.get("language") or None)
        except ImporterError as error:
            # In the user's language, with the line, which the page also shows in context.
            self.add_error(field, describe_with_line(error))
            self.error_line = error.line
            return data
        self.source = text
        self.stored_language = selectors.stored_language(symbol=self.parsed.symbol)
        self.differences = (
            selectors.differences_from_stored(parsed=self.parsed)
            if self.stored_language not in (None, self.parsed.language)
            else []
        )
        # What confirming would refuse is refused here, naming the field and line.
        problems = storage_problems(
            parsed=self.parsed,
            source_text=text,
            translation=self.stored_language not in (None, self.parsed.language),
        )
        for problem in problems:
            self.add_error(field, str(problem))
        lines = [problem.line for problem in problems if problem.line is not None]
        if lines:
            self.error_line = lines[0]
        return data


_NO_LONGER_MATCHES = _("The proposed follow-ups no longer match the text; review it again.")


class ProposalForm(forms.Form):
    keep = forms.BooleanField(label=_("Keep"), required=False, initial=True)
    mandate_order = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    title = forms.CharField(label=_("Title"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=MandateKind.choices)
    actor = forms.ChoiceField(label=_("Actor"), choices=Actor.choices)
    session_body = forms.ChoiceField(label=_("Sessions of"), choices=Body.choices, initial=Body.HRC)
    session_number = forms.IntegerField(
        label=_("Target session"), required=False, min_value=1, max_value=300
    )
    lead_unit = forms.ModelChoiceField(
        label=_("Lead unit"), required=False, queryset=Unit.objects.all()
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "mandate_order" in self.errors:
            # A forged hidden field: say what it means, not which hidden field it was.
            del self.errors["mandate_order"]
            self.add_error(None, _NO_LONGER_MATCHES)
        return data

    def proposal(self) -> Proposal:
        data = self.cleaned_data
        return Proposal(
            mandate_order=data["mandate_order"],
            title=data["title"],
            kind=data["kind"],
            actor=data["actor"],
            session_number=data["session_number"],
            lead_unit=data["lead_unit"],
            session_body=data["session_body"],
        )


# What a review page sends besides its proposals: the CSRF token, the text and
# its fields but the file (the text travels as text), and the formset's four
# management fields.
_REVIEW_FIELDS = 1 + len(ImportTextForm.base_fields) - 1 + 4
# Django's own ceiling on a formset's forms (formset_factory's absolute_max).
_FORMSET_CEILING = 1000


def max_proposals() -> int:
    """How many proposals a review page can carry: as many as Django accepts fields
    in one request (``DATA_UPLOAD_MAX_NUMBER_FIELDS``), each proposal sending one
    field per ``ProposalForm`` field. With the default 1,000 fields: 123."""
    fields: int | None = getattr(settings, "DATA_UPLOAD_MAX_NUMBER_FIELDS", None)
    if fields is None:
        return _FORMSET_CEILING
    per_proposal = len(ProposalForm.base_fields)
    return max(0, min(_FORMSET_CEILING, (fields - _REVIEW_FIELDS) // per_proposal))


class BaseProposalFormSet(forms.BaseFormSet[ProposalForm]):
    """One form per mandate read from the text, each naming its mandate once.

    ``mandate_count`` is the number of proposals the review offers (the first
    mandates, at most ``max_proposals()``); a request with more forms is refused
    with Django's "Please submit at most … forms".
    """

    # Positions of the mandates dropped at an earlier review (the view sets it).
    dropped_before: set[int]

    def __init__(self, *args: Any, mandate_count: int, **kwargs: Any) -> None:
        self.mandate_count = mandate_count
        # Never more forms than proposals: a forged TOTAL_FORMS renders none extra.
        self.max_num = self.absolute_max = min(max_proposals(), mandate_count)
        self.dropped_before = set()
        super().__init__(*args, **kwargs)

    def clean(self) -> None:
        if any(self.errors):
            return
        orders = [form.cleaned_data["mandate_order"] for form in self.forms]
        if sorted(orders) != list(range(self.mandate_count)):
            raise ValidationError(_NO_LONGER_MATCHES)

    def kept(self) -> list[Proposal]:
        return [form.proposal() for form in self.forms if form.cleaned_data.get("keep")]

    def dropped(self) -> list[int]:
        """The positions of the mandates whose proposal was unticked."""
        return [
            form.cleaned_data["mandate_order"]
            for form in self.forms
            if not form.cleaned_data.get("keep")
        ]


ProposalFormSet = cast(
    type[BaseProposalFormSet],
    forms.formset_factory(ProposalForm, formset=BaseProposalFormSet, extra=0, validate_max=True),
)
